"""Schema and loader of ``params/<fy>/covid.yaml`` — the COVID-19 lessons-learned section.

The file follows the four parts of the seed's section (seed 002 L807-1030):

1. ``impacts``: 1.1 ways of working per dimension (+ the staff-ratio table),
   1.2 Table 1 (affected KPIs and their causes);
2. ``responses``: Table 2, responses per dimension with outcomes, success
   factors and obstacles; outcome figures are ``facts`` (single figures) and
   ``tables`` (relief payments by month, screening-point and shelter outcomes,
   protection-centre users, online training);
3. ``good_practices`` per dimension;
4. ``recommendations``: ``policy`` (4.1) and ``practical`` (4.2) per dimension.

Every narrative point and figure cites its seed line (``source: "002 L929"``).
``checks`` declares arithmetic relations between facts that the seed implies
(a sum, a percentage, a difference); :mod:`dswlib.covid.consistency` evaluates
them. ``printed_issues`` records problems in the printed text (typos, wrong
labels) that no arithmetic can detect.

A dimension without content says why: ``status: stated_none`` (the seed prints
"ไม่มี") or ``status: missing_in_source`` (heading printed, no text follows).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from ..errors import ParamsError, ParamsErrors
from ..thainum import parse_number
from ..yamlio import field_path as _where
from ..yamlio import load_yaml

DIMENSIONS = ("process", "budget", "human_resources", "service_users")
TABLE_IDS = ("relief_payments", "screening_point", "shelter_outcomes", "protection_centre_users", "online_training")
FILE_NAME = "covid.yaml"

_SOURCE_RE = re.compile(r"^\d{3} L\d+(-\d+)?(, ?L?\d+(-\d+)?)*$")
_KPI_ID_RE = re.compile(r"^\d+(\.\d+)?$")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def _source(value: str) -> str:
    value = str(value).strip()
    if not _SOURCE_RE.match(value):
        raise ValueError('a seed citation such as "002 L929" or "002 L884-889"')
    return value


def _number(value) -> Decimal:
    try:
        return parse_number(value)
    except ParamsError:
        raise ValueError("a number such as 1,424 or 13.90") from None


def _text(value: str) -> str:
    value = str(value).strip()
    if not value:
        raise ValueError("a non-empty text")
    return value


def _ident(value: str) -> str:
    if not _ID_RE.match(str(value)):
        raise ValueError("a lower-case id such as staff_infected")
    return str(value)


def _kpi_id(value) -> str:
    value = str(value).strip()
    if not _KPI_ID_RE.match(value):
        raise ValueError("a KPI id such as 3.2")
    return value


Source = Annotated[str, AfterValidator(_source)]
Number = Annotated[Decimal, BeforeValidator(_number)]
Text = Annotated[str, AfterValidator(_text)]
Ident = Annotated[str, AfterValidator(_ident)]
KpiId = Annotated[str, BeforeValidator(_kpi_id)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Point(_Strict):
    """One narrative statement (our own wording) and the seed line it rests on."""

    text: Text
    source: Source


class DimensionText(_Strict):
    status: Literal["content", "stated_none", "missing_in_source"] = "content"
    points: list[Point] = Field(default_factory=list)
    source: Source | None = None  # the heading line, for stated_none / missing_in_source

    @model_validator(mode="after")
    def _status_matches_points(self):
        if self.status == "content" and not self.points:
            raise ValueError("status content needs at least one point")
        if self.status != "content":
            if self.points:
                raise ValueError(f"status {self.status} must not have points")
            if not self.source:
                raise ValueError(f"status {self.status} needs the source line of the heading")
        return self


class DimensionBlock(_Strict):
    process: DimensionText
    budget: DimensionText
    human_resources: DimensionText
    service_users: DimensionText

    def items(self):
        return [(key, getattr(self, key)) for key in DIMENSIONS]


class DimensionLabel(_Strict):
    label_th: Text
    source: Source


class StaffRatio(_Strict):
    role_th: Text
    staff: Number
    service_users: Number | None = None
    facilities: Number | None = None
    note_th: str | None = None
    source: Source


class AffectedKpi(_Strict):
    kpi_ids: list[KpiId] = Field(min_length=1)
    name_th: Text
    causes: list[Text] = Field(min_length=1)
    source: Source


class Fact(_Strict):
    id: Ident
    label_th: Text
    value: Text  # as printed: "1,226,404", "2.9", "20 กรกฎาคม 2563"
    numeric: bool = True
    unit_th: str | None = None
    qualifier_th: str | None = None  # ประมาณ / กว่า / มากกว่า / เศษ, as printed
    source: Source

    @model_validator(mode="after")
    def _numeric_parses(self):
        if self.numeric:
            try:
                parse_number(self.value)
            except ParamsError:
                raise ValueError(
                    f"fact {self.id}: value must be a printed number such as 1,226,404 "
                    f"(set numeric: false for dates and times), got {self.value!r}"
                ) from None
        return self

    @property
    def number(self) -> Decimal | None:
        return parse_number(self.value, source=FILE_NAME, where=f"facts[{self.id}].value") if self.numeric else None


class Response(_Strict):
    item: int = Field(ge=1)  # printed number "1)" (not "no": YAML reads it as false)
    response: Text
    outcomes: list[Text] = Field(default_factory=list)
    facts: list[Ident] = Field(default_factory=list)
    tables: list[Literal[TABLE_IDS]] = Field(default_factory=list)  # type: ignore[valid-type]
    success_factors: list[Text] = Field(min_length=1)
    obstacles: list[Text] = Field(min_length=1)
    source: Source

    @model_validator(mode="after")
    def _has_outcome(self):
        if not (self.outcomes or self.facts or self.tables):
            raise ValueError("a response needs outcomes, facts or tables")
        return self


class ResponsesByDimension(_Strict):
    process: list[Response] = Field(min_length=1)
    budget: list[Response] = Field(min_length=1)
    human_resources: list[Response] = Field(min_length=1)
    service_users: list[Response] = Field(min_length=1)

    def items(self):
        return [(key, getattr(self, key)) for key in DIMENSIONS]


class OutcomeItem(_Strict):
    label_th: Text
    persons: Number
    percent_printed: Number
    source: Source


class OutcomeGroup(_Strict):
    id: Ident
    label_th: Text
    percent_printed: Number | None = None  # printed subtotal, if any
    items: list[OutcomeItem] = Field(min_length=1)
    source: Source


class OutcomeTable(_Strict):
    title_th: Text
    total: Number
    unit_th: Text
    groups: list[OutcomeGroup] = Field(min_length=1)
    source: Source


class BreakdownItem(_Strict):
    label_th: Text
    count: Number
    unit_th: Text


class Breakdown(_Strict):
    id: Ident
    label_th: Text
    items: list[BreakdownItem] = Field(min_length=1)


class CountTable(_Strict):
    title_th: Text
    total: Number
    unit_th: Text
    breakdowns: list[Breakdown] = Field(min_length=1)
    source: Source


class ReliefMonth(_Strict):
    month: str  # "2564-06": B.E. year and month
    cases: Number
    amount_baht: Number
    source: Source

    @model_validator(mode="after")
    def _month_ok(self):
        match = _MONTH_RE.match(self.month)
        if not match or not 1 <= int(match.group(2)) <= 12 or not 2500 <= int(match.group(1)) < 2700:
            raise ValueError(f"month as B.E. year-month such as 2564-06, got {self.month!r}")
        return self

    @property
    def year_be(self) -> int:
        return int(self.month[:4])

    @property
    def month_number(self) -> int:
        return int(self.month[5:])


class ReliefPayments(_Strict):
    title_th: Text
    months: list[ReliefMonth] = Field(min_length=1)
    total_cases: Number
    total_amount_baht: Number
    source: Source


class TrainingProject(_Strict):
    project_th: Text
    participants: Number


class OnlineTraining(_Strict):
    title_th: Text
    projects_printed: Number  # "จำนวน 4 โครงการ"
    projects: list[TrainingProject] = Field(min_length=1)
    source: Source


class Tables(_Strict):
    relief_payments: ReliefPayments
    screening_point: OutcomeTable
    shelter_outcomes: OutcomeTable
    protection_centre_users: CountTable
    online_training: OnlineTraining


class Check(_Strict):
    """An arithmetic relation between facts that the printed figures should satisfy."""

    kind: Literal["sum", "percent", "difference"]
    label_th: Text
    parts: list[Ident] = Field(default_factory=list)  # sum: parts add up to total
    total: Ident | None = None
    numerator: Ident | None = None  # percent: numerator / denominator * 100 = printed
    denominator: Ident | None = None
    minuend: Ident | None = None  # difference: minuend - subtrahend = printed
    subtrahend: Ident | None = None
    printed: Ident | None = None

    @model_validator(mode="after")
    def _fields_for_kind(self):
        needed = {
            "sum": ("total",),
            "percent": ("numerator", "denominator", "printed"),
            "difference": ("minuend", "subtrahend", "printed"),
        }[self.kind]
        missing = [name for name in needed if getattr(self, name) is None]
        if self.kind == "sum" and len(self.parts) < 2:
            missing.append("parts (at least 2)")
        if missing:
            raise ValueError(f"a {self.kind} check needs " + ", ".join(missing))
        return self

    def fact_ids(self) -> list[str]:
        ids = list(self.parts)
        for name in ("total", "numerator", "denominator", "minuend", "subtrahend", "printed"):
            if getattr(self, name):
                ids.append(getattr(self, name))
        return ids


class PrintedIssue(_Strict):
    kind: Literal["typo", "label", "omission", "inconsistency"]
    description_th: Text
    where_th: str | None = None  # where a reader finds it in the report ("ตารางที่ 2 ข้อ 2.4 รายการที่ 2")
    source: Source


class Part(_Strict):
    intro_th: Text
    source: Source


class Impacts(Part):
    ways_of_working: DimensionBlock
    staff_ratio: list[StaffRatio] = Field(min_length=1)
    affected_kpis_intro_th: Text
    affected_kpis: list[AffectedKpi] = Field(min_length=1)


class Responses(Part):
    by_dimension: ResponsesByDimension


class GoodPractices(Part):
    by_dimension: DimensionBlock


class Recommendations(_Strict):
    policy: GoodPractices
    practical: GoodPractices


class CovidSection(_Strict):
    fiscal_year: int
    title_th: Text
    source: Source
    pre_covid_years: list[int] = Field(min_length=1)
    # fiscal years that already contain the first wave (FY2563 = 1 Oct 2562 - 30 Sep 2563):
    # shown on their own, never averaged into the pre-COVID baseline
    first_wave_years: list[int] = Field(default_factory=list)
    first_wave_evidence: list[Point] = Field(default_factory=list)
    dimensions: dict[str, DimensionLabel]
    impacts: Impacts
    responses: Responses
    good_practices: GoodPractices
    recommendations: Recommendations
    facts: list[Fact] = Field(min_length=1)
    tables: Tables
    checks: list[Check] = Field(default_factory=list)
    printed_issues: list[PrintedIssue] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references(self):
        if sorted(self.dimensions) != sorted(DIMENSIONS):
            raise ValueError("dimensions must have exactly the keys " + ", ".join(DIMENSIONS))
        ids = [fact.id for fact in self.facts]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError("fact ids must be unique; repeated: " + ", ".join(duplicates))
        known = set(ids)
        for dim, responses in self.responses.by_dimension.items():
            for response in responses:
                unknown = [i for i in response.facts if i not in known]
                if unknown:
                    raise ValueError(
                        f"responses.by_dimension.{dim} item {response.item}: unknown fact id(s) " + ", ".join(unknown)
                    )
        for index, check in enumerate(self.checks):
            unknown = [i for i in check.fact_ids() if i not in known]
            if unknown:
                raise ValueError(f"checks[{index}]: unknown fact id(s) " + ", ".join(unknown))
            not_numeric = [i for i in check.fact_ids() if i in known and not self.fact(i).numeric]
            if not_numeric:
                raise ValueError(f"checks[{index}]: fact(s) without a number: " + ", ".join(not_numeric))
        if any(year >= self.fiscal_year for year in self.pre_covid_years):
            raise ValueError(f"pre_covid_years must be before fiscal_year {self.fiscal_year}")
        if any(year >= self.fiscal_year for year in self.first_wave_years):
            raise ValueError(f"first_wave_years must be before fiscal_year {self.fiscal_year}")
        both = sorted(set(self.pre_covid_years) & set(self.first_wave_years))
        if both:
            raise ValueError(f"a year cannot be both pre-COVID and first-wave: {both}")
        if self.first_wave_years and self.pre_covid_years and min(self.first_wave_years) <= max(self.pre_covid_years):
            raise ValueError("pre_covid_years must all come before first_wave_years")
        if self.first_wave_years and not self.first_wave_evidence:
            raise ValueError("first_wave_years needs first_wave_evidence (why those years are not pre-COVID, with seed lines)")
        return self

    def fact(self, fact_id: str) -> Fact:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)

    def listed_kpi_ids(self) -> list[str]:
        """KPI ids the narrative (Table 1) lists as affected, in printed order."""
        out: list[str] = []
        for row in self.impacts.affected_kpis:
            for kpi in row.kpi_ids:
                if kpi not in out:
                    out.append(kpi)
        return out


def covid_path(params_dir, fiscal_year) -> Path:
    return Path(params_dir) / str(int(fiscal_year)) / FILE_NAME


def parse_covid(data, source) -> CovidSection:
    """Validate already-parsed YAML data; errors name ``source`` and the field path."""
    if not isinstance(data, dict):
        raise ParamsError(source, None, "a YAML mapping with fiscal_year, impacts, responses, ...", type(data).__name__)
    try:
        return CovidSection.model_validate(data)
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False):
            message = err["msg"]
            message = message.removeprefix("Value error, ")
            got = err.get("input")
            if isinstance(got, (dict, list)):
                got = None  # whole sub-trees make unreadable messages
            errors.append(ParamsError(source, _where(err["loc"]), message, got))
        raise ParamsErrors(errors) from None


def load_covid(params_dir, fiscal_year) -> CovidSection:
    """Load and validate ``<params_dir>/<fiscal_year>/covid.yaml``."""
    path = covid_path(params_dir, fiscal_year)
    if not path.is_file():
        raise ParamsError(path, None, "the COVID-19 lessons-learned params file", "file not found")
    section = parse_covid(load_yaml(path), path)
    if section.fiscal_year != int(fiscal_year):
        raise ParamsError(path, "fiscal_year", f"{int(fiscal_year)} (the folder's fiscal year)", section.fiscal_year)
    return section
