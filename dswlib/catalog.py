"""The KPI catalog of one fiscal year: ``params/<year>/kpis.yaml``.

A catalog has components (Performance Base 70 / Potential Base 30) and KPIs,
possibly with sub-KPIs whose weights add up to the parent's
(FY2564: 3 (20) = 3.1 (10) + 3.2 (10)). Loading validates the file and every
problem is reported with the file and field it is in.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from .errors import ParamsError
from .scoring import DEFAULT_LEVEL_TERMS
from .thainum import parse_number

KIND_LABELS_TH = {
    "ratio": "ร้อยละ (ตัวตั้ง/ตัวหาร)",
    "cumulative_ratio": "ร้อยละสะสม",
    "milestone": "ระดับความสำเร็จ (Milestone)",
    "plan_completion": "ร้อยละความสำเร็จตามแผน",
    "pmqa": "คะแนน PMQA 4.0",
    "composite": "ตัวชี้วัดรวม (ตัวชี้วัดย่อย)",
}
NUMERIC_KINDS = ("ratio", "cumulative_ratio", "plan_completion", "pmqa")
PERCENT_KINDS = ("ratio", "cumulative_ratio", "plan_completion")


def _number(value):
    if value is None:
        return None
    number = parse_number(value, allow_missing=True)
    return None if number is None else float(number)


Num = Annotated[Optional[float], BeforeValidator(_number)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Component(_Model):
    id: str
    name_th: str
    weight: Num
    source: str = ""


class Formula(_Model):
    numerator_th: str
    denominator_th: str
    multiplier: int = 100
    note_th: str = ""
    source: str = ""


class TargetRule(_Model):
    """A derivation rule of seed 000 (see :mod:`dswlib.targets`) with its inputs."""

    rule: Literal["fixed", "interval", "growth", "midpoint"]
    base: Num = None
    # interval rule: where ``base`` comes from, so ``dsw new-year`` can derive the next
    # year's levels: the previous year's result, or a goal set for the year (not derivable)
    base_from: Optional[Literal["last_result", "goal"]] = None
    interval: Num = None
    last: Num = None
    pct: Num = None
    floor: Num = None
    this_year_target: Num = None
    next_year_target: Num = None
    printed_th: list[str] = Field(default_factory=list)
    source: str = ""

    def kwargs(self) -> dict:
        names = {
            "interval": ("base", "interval"),
            "growth": ("last", "pct", "floor"),
            "midpoint": ("last", "this_year_target", "next_year_target"),
            "fixed": (),
        }[self.rule]
        return {n: getattr(self, n) for n in names}


class Trajectory(_Model):
    """Yearly long-range targets: start value and a yearly step (seed 000, KPI 2)."""

    start_year: int
    start_value: Num
    step: Num
    years: int
    last_step: Num = None
    printed: dict[int, Num] = Field(default_factory=dict)
    source: str = ""


class Result(_Model):
    value: Num = None
    numerator: Num = None
    denominator: Num = None
    printed_th: str = ""
    items_th: list[str] = Field(default_factory=list)
    criteria_met: dict[int, list[bool]] = Field(default_factory=dict)
    as_of: str = ""
    round: Optional[Literal[6, 12]] = None  # reporting round of an imported result (None: as printed in the seed)
    source: str = ""


class HistoryPoint(_Model):
    fiscal_year: int
    value: Num
    numerator: Num = None
    denominator: Num = None
    change_printed: str = ""
    source: str = ""


class WithinRule(_Model):
    """A column of this per-unit table that counts a subset of a column of another KPI's table.

    Rows are matched on ``match_on`` (the printed row number: unit names are not spelled the
    same in every table). E.g. FY2564: people improved (3.1) are all in group A (3.2) of the
    same facility, and group A (3.2) are people assessed 2+ times (3.1).
    """

    column: str
    kpi: str
    other_column: str
    match_on: str = "row_no"
    column_label_th: str
    other_label_th: str
    why_th: str
    severity: Literal["error", "warning", "info"] = "warning"
    source: str = ""


class UnitsTable(_Model):
    """A per-unit table (facilities, provinces, PMQA categories) behind a KPI result.

    ``numerator``/``denominator`` name the columns the KPI formula uses per row;
    ``parts`` the columns that add up to the numerator; ``percent`` a printed
    percentage column, if any. A row whose ``unit`` cell is ``รวม`` is the
    printed total row.
    """

    file: str
    kind: Literal["ratio", "pmqa"] = "ratio"
    unit: str = ""
    unit_label_th: str = "หน่วยงาน"
    numerator: str = ""
    denominator: str = ""
    parts: list[str] = Field(default_factory=list)
    percent: str = ""
    title_th: str = ""
    as_of_th: str = ""
    within: list[WithinRule] = Field(default_factory=list)


class NarrativeItem(_Model):
    """One point of a KPI's narrative in our own words, every figure as printed, with its seed line(s).

    ``items_th`` are sub-points (e.g. the three training batches of an activity). In YAML an
    item is either a mapping ``{th: ..., source: "002 L205-208", items_th: [...]}`` or a plain string.
    """

    th: str
    source: str = ""
    items_th: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self):
        if not self.th.strip():
            raise ValueError("a narrative item needs a non-empty th text")
        return self


def _narrative_item(value):
    return {"th": value} if isinstance(value, str) else value


Item = Annotated[NarrativeItem, BeforeValidator(_narrative_item)]


class Narrative(_Model):
    """The seed's text parts of a KPI page: คำอธิบาย, ขอบเขต, คำชี้แจงการปฏิบัติงาน, ปัจจัยสนับสนุน, อุปสรรค, หลักฐาน."""

    description_th: list[Item] = Field(default_factory=list)
    scope_th: str = ""
    scope_source: str = ""
    actions_th: list[Item] = Field(default_factory=list)
    support_factors_th: list[Item] = Field(default_factory=list)
    obstacles_th: list[Item] = Field(default_factory=list)
    evidence_th: list[Item] = Field(default_factory=list)

    def parts(self) -> dict:
        """``{field name: [NarrativeItem, ...]}`` of the list parts, in page order."""
        return {name: getattr(self, name) for name in
                ("description_th", "actions_th", "support_factors_th", "obstacles_th", "evidence_th")}


class Kpi(_Model):
    id: str
    name_th: str
    component: str
    weight: Num
    kind: Literal["ratio", "cumulative_ratio", "milestone", "plan_completion", "pmqa", "composite"]
    parent: Optional[str] = None
    tag: str = ""
    unit: str = ""
    direction: Literal["higher", "lower"] = "higher"
    targets: Optional[list[Num]] = None
    target_labels_th: list[str] = Field(default_factory=list)
    criteria_th: dict[int, list[str]] = Field(default_factory=dict)
    target_rule: Optional[TargetRule] = None
    trajectory: Optional[Trajectory] = None
    formula: Optional[Formula] = None
    result: Optional[Result] = None
    history: list[HistoryPoint] = Field(default_factory=list)
    units_table: Optional[UnitsTable] = None
    narrative: Narrative = Field(default_factory=Narrative)
    source: str = ""

    @field_validator("targets")
    @classmethod
    def _percent_targets(cls, value, info):
        kind, unit = info.data.get("kind"), info.data.get("unit") or ""
        if value and (kind in PERCENT_KINDS or unit.strip().startswith("ร้อยละ")):
            bad = [v for v in value if v is not None and not 0 <= v <= 100]
            if bad:
                raise ValueError(f"targets of a percentage KPI (unit {unit or kind!r}) between 0 and 100; "
                                 f"{', '.join(f'{v:g}' for v in bad)} is not")
        return value

    @model_validator(mode="after")
    def _check(self):
        if self.kind in NUMERIC_KINDS and self.targets is None:
            # a planning year may leave targets unset (Catalog checks it is a draft); a result cannot be scored without them
            if self.result is not None and self.result.value is not None:
                raise ValueError("a numeric KPI with a result needs targets: [level 50, level 75, level 100] as 3 numbers")
        elif self.kind in NUMERIC_KINDS:
            if len(self.targets) != 3 or any(t is None for t in self.targets):
                raise ValueError("a numeric KPI needs targets: [level 50, level 75, level 100] as 3 numbers")
            t = self.targets
            ok = (t[0] < t[1] < t[2]) if self.direction == "higher" else (t[0] > t[1] > t[2])
            if not ok:
                raise ValueError(
                    f"targets {t} are not monotonic: expected level 50 {'<' if self.direction == 'higher' else '>'} "
                    f"level 75 {'<' if self.direction == 'higher' else '>'} level 100 ({self.direction} is better)"
                )
        if self.kind == "milestone":
            if sorted(self.criteria_th) != [50, 75, 100]:
                raise ValueError("a milestone KPI needs criteria_th for levels 50, 75 and 100")
            if self.result and self.result.criteria_met:
                for level, flags in self.result.criteria_met.items():
                    if level not in self.criteria_th:
                        raise ValueError(f"result.criteria_met has level {level} that criteria_th lacks")
                    if len(flags) != len(self.criteria_th[level]):
                        raise ValueError(
                            f"result.criteria_met[{level}] has {len(flags)} flags for "
                            f"{len(self.criteria_th[level])} criteria"
                        )
        r = self.result
        if r is not None and r.value is not None and self.is_percentage and not 0 <= r.value <= 100:
            raise ValueError(f"result.value {r.value:g}: the result of a percentage KPI must be 0-100")
        if r is not None and r.numerator is not None and r.denominator is not None:
            if r.denominator <= 0:
                raise ValueError(f"result.denominator must be > 0, got {r.denominator}")
            if self.kind in ("ratio", "cumulative_ratio", "plan_completion") and r.numerator > r.denominator:
                raise ValueError(
                    f"result.numerator {r.numerator:g} is above result.denominator {r.denominator:g}: "
                    "a ratio KPI cannot exceed 100 %"
                )
        return self

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def is_percentage(self) -> bool:
        """Measured in percent: a ratio kind, or a unit that says ร้อยละ (targets and result are 0-100)."""
        return self.kind in PERCENT_KINDS or self.unit.strip().startswith("ร้อยละ")

    @property
    def result_value(self) -> Optional[float]:
        return None if self.result is None else self.result.value


class RuleSpec(_Model):
    """Optional per-year override of the default scoring rule (see :class:`dswlib.scoring.ScoringRule`)."""

    between: Literal["linear", "step"] = "linear"
    below: Literal["zero", "linear_from_zero"] = "zero"
    zero_at: float = 0.0


class Catalog(_Model):
    fiscal_year: int
    title_th: str
    agency_th: str = "กรมพัฒนาสังคมและสวัสดิการ"
    issuer_th: str = ""  # the unit that issued the document (FY2564: กลุ่มพัฒนาระบบบริหาร, 002 L14)
    scored: bool = True
    scoring_note_th: str = ""
    scoring_note_source: str = ""  # seed line(s) the note rests on (shown in the report's appendix only)
    draft: bool = False
    source_document: str = ""
    components: list[Component]
    kpis: list[Kpi]
    weight_total: Num = 100
    scoring_rule: RuleSpec = Field(default_factory=RuleSpec)
    derived_from: Optional[int] = None  # the year ``dsw new-year`` derived this catalog from

    @property
    def targets_unset(self) -> list[Kpi]:
        """Numeric KPIs whose targets are not decided yet (allowed in a draft catalog only)."""
        return [k for k in self.kpis if k.is_numeric and k.targets is None]
    # Names of the levels 50 / 75 / 100 as the year's source document prints them
    # (FY2564: ขั้นต่ำ / มาตรฐาน / ขั้นสูง, seed 002 L180); every report and ``dsw score`` uses them.
    level_terms_th: list[str] = Field(default_factory=lambda: list(DEFAULT_LEVEL_TERMS))
    level_terms_source: str = ""

    @model_validator(mode="after")
    def _check(self):
        if len(self.level_terms_th) != 3 or not all(t.strip() for t in self.level_terms_th):
            raise ValueError(f"level_terms_th must name the 3 levels (50, 75, 100), got {self.level_terms_th}")
        comp_ids = [c.id for c in self.components]
        if len(set(comp_ids)) != len(comp_ids):
            raise ValueError(f"duplicate component ids {comp_ids}")
        kpi_ids = [k.id for k in self.kpis]
        dupes = sorted({i for i in kpi_ids if kpi_ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate KPI ids {dupes}")
        total = sum(c.weight or 0 for c in self.components)
        if abs(total - (self.weight_total or 100)) > 1e-9:
            raise ValueError(
                f"component weights add up to {total:g}, expected {self.weight_total:g} "
                f"({' + '.join(f'{c.id} {c.weight:g}' for c in self.components)})"
            )
        unset = [k.id for k in self.kpis if k.kind in NUMERIC_KINDS and k.targets is None]
        if unset and not self.draft:
            raise ValueError(
                f"KPIs {unset} have no targets: only a draft (planning) catalog may leave targets empty "
                "(set draft: true or give [ขั้นต้น(50), มาตรฐาน(75), ขั้นสูง(100)])"
            )
        by_id = {k.id: k for k in self.kpis}
        for k in self.kpis:
            if k.component not in comp_ids:
                raise ValueError(f"KPI {k.id}: component {k.component!r} is not one of {comp_ids}")
            if k.parent is not None:
                if k.parent not in by_id:
                    raise ValueError(f"KPI {k.id}: parent {k.parent!r} is not a KPI id")
                if by_id[k.parent].kind != "composite":
                    raise ValueError(f"KPI {k.id}: parent {k.parent} must have kind 'composite'")
        for comp in self.components:
            top = [k for k in self.kpis if k.component == comp.id and k.parent is None]
            got = sum(k.weight or 0 for k in top)
            if abs(got - (comp.weight or 0)) > 1e-9:
                raise ValueError(
                    f"component {comp.id}: KPI weights add up to {got:g}, expected {comp.weight:g} "
                    f"({' + '.join(f'{k.id} ({k.weight:g})' for k in top)})"
                )
        for k in self.kpis:
            for rule in (k.units_table.within if k.units_table else []):
                other = by_id.get(rule.kpi)
                if other is None or other.units_table is None:
                    raise ValueError(f"KPI {k.id}: units_table.within names KPI {rule.kpi!r}, which has no per-unit table")
        for k in self.kpis:
            if k.kind == "composite":
                children = [c for c in self.kpis if c.parent == k.id]
                if not children:
                    raise ValueError(f"KPI {k.id}: composite KPI has no sub-KPIs")
                got = sum(c.weight or 0 for c in children)
                if abs(got - (k.weight or 0)) > 1e-9:
                    raise ValueError(
                        f"KPI {k.id}: sub-KPI weights add up to {got:g}, expected {k.weight:g} "
                        f"({' + '.join(f'{c.id} ({c.weight:g})' for c in children)})"
                    )
        return self

    @property
    def terms(self) -> tuple[str, str, str]:
        """Names of the levels 50 / 75 / 100 in this year's document."""
        return tuple(t.strip() for t in self.level_terms_th)  # type: ignore[return-value]

    def level_headers_th(self) -> list[str]:
        """Target column headers as the document prints them: "เป้าหมายขั้นต่ำ (50)" ..."""
        return [f"เป้าหมาย{t} ({lvl})" for t, lvl in zip(self.terms, (50, 75, 100))]

    def kpi(self, kpi_id: str) -> Kpi:
        for k in self.kpis:
            if k.id == str(kpi_id):
                return k
        raise KeyError(f"no KPI {kpi_id!r} in fiscal year {self.fiscal_year}")

    def children(self, kpi_id: str) -> list[Kpi]:
        return [k for k in self.kpis if k.parent == kpi_id]

    def scored_kpis(self) -> list[Kpi]:
        """The KPIs that carry a score: leaves (sub-KPIs stand in for a composite parent)."""
        return [k for k in self.kpis if k.kind != "composite"]

    def component(self, comp_id: str) -> Component:
        for c in self.components:
            if c.id == comp_id:
                return c
        raise KeyError(comp_id)


def year_dir(params_dir, fiscal_year) -> Path:
    from .fiscal import normalize_be_year
    from .paths import resolve_params_dir

    return resolve_params_dir(params_dir) / str(normalize_be_year(fiscal_year))


def load_catalog(params_dir, fiscal_year) -> Catalog:
    """Load and validate ``params/<fiscal_year>/kpis.yaml``."""
    from .yamlio import load_yaml, validate

    path = year_dir(params_dir, fiscal_year) / "kpis.yaml"
    if not path.exists():
        raise ParamsError(path, None, f"a KPI catalog for fiscal year {fiscal_year}", "file not found")
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ParamsError(path, None, "a mapping with fiscal_year, components and kpis", type(data).__name__)
    catalog = validate(Catalog, data, path)
    from .fiscal import normalize_be_year

    if catalog.fiscal_year != normalize_be_year(fiscal_year):
        raise ParamsError(path, "fiscal_year", f"{normalize_be_year(fiscal_year)} (the directory's year)", catalog.fiscal_year)
    return catalog


def available_years(params_dir=None) -> list[int]:
    from .paths import resolve_params_dir

    root = resolve_params_dir(params_dir)
    return sorted(int(p.name) for p in root.iterdir() if p.name.isdigit() and (p / "kpis.yaml").exists())


def as_decimal(value) -> Optional[Decimal]:
    return None if value is None else Decimal(str(value))
