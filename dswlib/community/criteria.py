"""Schema and loader for ``params/community/criteria.yaml`` (seed 003).

Every rule the evaluation uses (thresholds, milestone lists, colour ranges,
Best Practice checks) is read from that file; nothing is hard-coded here.
Schema errors become :class:`dswlib.errors.ParamsError` naming the file and
the field.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import ParamsError, ParamsErrors
from ..yamlio import field_path as _where
from ..yamlio import load_yaml

CRITERIA_FILE = "criteria.yaml"
_SOURCE_RE = re.compile(r"^003 L\d+")
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_source(value: str) -> str:
    if not _SOURCE_RE.match(value):
        raise ValueError("a seed reference such as '003 L198'")
    return value


def _check_key(value: str) -> str:
    if not _KEY_RE.match(value):
        raise ValueError("a lower-case ASCII key such as 'plan_made'")
    return value


class Component(_Model):
    code: str
    owner_th: str
    name_th: str
    source: str

    _src = field_validator("source")(_check_source)


class Formula(_Model):
    printed_th: str
    denominator: int = Field(gt=0)
    source: str

    _src = field_validator("source")(_check_source)


class ScoreLevel(_Model):
    score: int = Field(ge=1)
    min_percent: Decimal = Field(ge=0, le=100)
    text_th: str
    source: str

    _src = field_validator("source")(_check_source)


class Integration(_Model):
    """Criterion 5.1: mean of the departments' results scored on 5 percent levels."""

    code: str
    name_th: str
    source: str
    components: list[Component]
    scope_th: str
    scope_source: str
    formula: Formula
    comparison: Literal["at_least"]
    below_lowest_score: int = Field(ge=0)
    levels: list[ScoreLevel]

    @model_validator(mode="after")
    def _consistent(self):
        codes = [c.code for c in self.components]
        if len(set(codes)) != len(codes):
            raise ValueError("component codes must be unique")
        if self.formula.denominator != len(self.components):
            raise ValueError(
                f"formula.denominator ({self.formula.denominator}) must equal the number of components ({len(codes)})"
            )
        _check_ascending([lv.score for lv in self.levels], [lv.min_percent for lv in self.levels], "levels")
        if self.below_lowest_score >= self.levels[0].score:
            raise ValueError("below_lowest_score must be lower than the first level's score")
        return self


class Tier(_Model):
    points: int = Field(gt=0)
    label_th: str
    min_percent: Decimal = Field(ge=0, le=100)
    source: str


class OpsKpi21(_Model):
    """Appendix KPI 2.1: the same mean over 6 components, three tiers 50/75/100."""

    name_th: str
    source: str
    weight: Decimal
    weight_source: str
    components: list[str]
    components_source: str
    formula: Formula
    below_lowest_points: int = Field(ge=0)
    tiers: list[Tier]

    @model_validator(mode="after")
    def _consistent(self):
        if self.formula.denominator != len(self.components):
            raise ValueError("formula.denominator must equal the number of components")
        _check_ascending([t.points for t in self.tiers], [t.min_percent for t in self.tiers], "tiers")
        return self


class MilestoneLevel(_Model):
    level: int
    text_th: str
    source: str
    note: str | None = None
    criteria: list[str] = Field(min_length=1)

    _src = field_validator("source")(_check_source)

    @field_validator("criteria")
    @classmethod
    def _keys(cls, value):
        for key in value:
            _check_key(key)
        if len(set(value)) != len(value):
            raise ValueError("criteria repeated within one level")
        return value


class TemplateRound(_Model):
    months: Literal[6, 12]
    window_th: str
    window_source: str
    window_note: str | None = None
    levels: list[MilestoneLevel]

    @model_validator(mode="after")
    def _consistent(self):
        numbers = [lv.level for lv in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"levels must be numbered 1..n in order, got {numbers}")
        seen: set[str] = set()
        for lv in self.levels:
            dup = seen.intersection(lv.criteria)
            if dup:
                raise ValueError(f"criterion {sorted(dup)[0]!r} appears at two levels")
            seen.update(lv.criteria)
        return self

    def criteria_keys(self) -> list[str]:
        return [key for lv in self.levels for key in lv.criteria]


class SuccessTemplate(_Model):
    """A KPI template scored on milestone levels, one table per round."""

    id: str
    unit: Literal["office", "province"]
    agency_th: str
    agency_source: str
    agency_note: str | None = None
    name_th: str
    mandatory: bool
    name_source: str
    weight_percent: Decimal
    weight_source: str
    rounds: list[TemplateRound]

    _id = field_validator("id")(_check_key)

    @model_validator(mode="after")
    def _consistent(self):
        months = [r.months for r in self.rounds]
        if len(set(months)) != len(months):
            raise ValueError("each round (6, 12 months) may appear once")
        return self

    def round(self, months: int) -> TemplateRound:
        for r in self.rounds:
            if r.months == months:
                return r
        raise KeyError(f"template {self.id} has no {months}-month round")


class Dimension(_Model):
    key: str
    name_th: str

    _key = field_validator("key")(_check_key)


class Colour(_Model):
    key: str
    name_th: str
    min_failed: int = Field(ge=0)
    max_failed: int = Field(ge=0)
    hex: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")


class NoColour(_Model):
    key: str
    name_th: str


class HouseholdColour(_Model):
    source: str
    repeated_source: str
    printed_th: str
    dimensions: list[Dimension]
    colours: list[Colour]
    zero_failed: NoColour
    min_target_households: int = Field(gt=0)
    min_target_households_source: str

    @model_validator(mode="after")
    def _covers(self):
        """Colour ranges must cover 1..len(dimensions) with no gap or overlap."""
        expected = 1
        for colour in self.colours:
            if colour.min_failed != expected or colour.max_failed < colour.min_failed:
                raise ValueError(
                    f"colour {colour.key!r} must start at {expected} failed dimension(s) and not end before it starts"
                )
            expected = colour.max_failed + 1
        if expected - 1 != len(self.dimensions):
            raise ValueError(f"colour ranges must end at {len(self.dimensions)} (the number of dimensions)")
        return self

    def dimension_keys(self) -> list[str]:
        return [d.key for d in self.dimensions]


class CheckItem(_Model):
    key: str
    text_th: str
    source: str

    _key = field_validator("key")(_check_key)
    _src = field_validator("source")(_check_source)


class CheckGroup(_Model):
    heading_th: str
    heading_source: str
    items: list[CheckItem] = Field(min_length=1)

    def keys(self) -> list[str]:
        return [i.key for i in self.items]


RankingKey = Literal["escaped_share", "escaped_households", "pmj_level_12", "integration_percent", "community_id"]


class BestPractice(_Model):
    name_th: str
    source: str
    per_office: int = Field(gt=0)
    offices: int = Field(gt=0)
    household_criteria: CheckGroup
    tpmap_record: CheckItem
    community_criteria: CheckGroup
    ranking: list[RankingKey] = Field(min_length=1)

    @model_validator(mode="after")
    def _last_key_unique(self):
        if self.ranking[-1] != "community_id":
            raise ValueError("ranking must end with community_id so that every tie is broken")
        return self


class DocumentedFinding(_Model):
    """A problem of the source document as written in ``findings:`` (the params shape).

    The report and ``dsw check`` turn it into the one finding type,
    :class:`dswlib.findings.Finding` (see :mod:`dswlib.community.findings`).
    """

    id: str = Field(pattern=r"^F\d+$")
    code: str
    severity: Literal["error", "warning", "info"] = "warning"
    source: str
    where_th: str
    fields: list[str] = []
    text_th: str

    _code = field_validator("code")(_check_key)


class Decision(_Model):
    """A choice the seed leaves open (``D1``...), summarised in Thai; the full text is in DECISIONS.md."""

    id: str = Field(pattern=r"^D\d+$")
    text_th: str


class Criteria(_Model):
    """The whole ``criteria.yaml``."""

    schema_: str = Field(alias="schema")
    fiscal_year_be: int = Field(ge=2500, le=2700)
    source_file: str
    title_th: str
    issuer_th: str = ""
    integration: Integration
    ops_kpi_2_1: OpsKpi21
    success_templates: list[SuccessTemplate]
    household_colour: HouseholdColour
    best_practice: BestPractice
    findings: list[DocumentedFinding] = []
    decisions: list[Decision] = []

    @model_validator(mode="after")
    def _consistent(self):
        codes = {c.code for c in self.integration.components}
        missing = [c for c in self.ops_kpi_2_1.components if c not in codes]
        if missing:
            raise ValueError(f"ops_kpi_2_1.components {missing} are not integration components")
        ids = [t.id for t in self.success_templates]
        if len(set(ids)) != len(ids):
            raise ValueError("success template ids must be unique")
        for name, items in (("findings", self.findings), ("decisions", self.decisions)):
            keys = [i.id for i in items]
            if len(set(keys)) != len(keys):
                raise ValueError(f"{name}: ids must be unique")
        return self

    def decision_number(self, decision_id: str) -> int:
        """Position (1, 2 ...) of a decision in the report's appendix list."""
        for n, d in enumerate(self.decisions, start=1):
            if d.id == decision_id:
                return n
        raise KeyError(f"no decision {decision_id!r}")

    def finding_number(self, finding_id: str) -> int:
        """Position (1, 2 ...) of a documented finding in the report's findings table."""
        for n, f in enumerate(self.findings, start=1):
            if f.id == finding_id:
                return n
        raise KeyError(f"no finding {finding_id!r}")

    def template(self, template_id: str) -> SuccessTemplate:
        for t in self.success_templates:
            if t.id == template_id:
                return t
        raise KeyError(f"no success template {template_id!r}")


def _check_ascending(scores, thresholds, name):
    if not scores:
        raise ValueError(f"{name} must not be empty")
    if any(b <= a for a, b in zip(scores, scores[1:])):
        raise ValueError(f"{name}: scores must increase")
    if any(b <= a for a, b in zip(thresholds, thresholds[1:])):
        raise ValueError(f"{name}: min_percent must increase")


def parse_criteria(data, source="criteria.yaml") -> Criteria:
    """Validate already-loaded YAML data; errors name ``source`` and the field path."""
    if not isinstance(data, dict):
        raise ParamsError(source, None, "a YAML mapping with integration, success_templates, ...", type(data).__name__)
    try:
        return Criteria.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            got = err.get("input")
            if isinstance(got, (dict, list)):
                got = None
            errors.append(ParamsError(source, _where(err["loc"]), msg, got))
        raise (errors[0] if len(errors) == 1 else ParamsErrors(errors)) from None


def load_criteria_file(path) -> Criteria:
    path = Path(path)
    if not path.is_file():
        raise ParamsError(path, None, "an existing criteria file", "missing file")
    return parse_criteria(load_yaml(path), source=path)


def load_criteria(params_dir=None) -> Criteria:
    """Load ``<params_dir>/community/criteria.yaml`` (``params_dir`` resolved from the repo root)."""
    from ..paths import resolve_params_dir

    return load_criteria_file(resolve_params_dir(params_dir) / "community" / CRITERIA_FILE)
