"""The schema of an action-plan params file (pydantic v2).

A plan is a tree of sections (plan topics -> development issues, or one
section per KPI) holding projects; a project has activities with planned
months, KPIs with 12-month targets and a progress record per round (6 / 12).

``months: null`` means the source carries no month marks for the activity
(unknown), which is different from an empty list (no month planned).
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, model_validator

from ..errors import ParamsError
from ..thainum import parse_number
from .vocab import KpiKind, MonthRef, Status, is_percent_text, parse_be_date, parse_month, parse_status


def _number(value):
    if value is None:
        return None
    try:
        return parse_number(value, allow_missing=True)
    except ParamsError as exc:
        raise ValueError(exc.expected) from None


def _month(value):
    return parse_month(value)


def _status(value):
    return parse_status(value)


def _date(value):
    return None if value is None else parse_be_date(value)


Num = Annotated[Decimal | None, BeforeValidator(_number), PlainSerializer(lambda v: None if v is None else str(v))]
Month = Annotated[MonthRef, BeforeValidator(_month), PlainSerializer(str)]
ReportedStatus = Annotated[Status, BeforeValidator(_status)]
BeDate = Annotated[_dt.date | None, BeforeValidator(_date)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class Responsible(_Strict):
    unit: str
    role: str | None = None  # "หลัก" / "ร่วม"


class Target(_Strict):
    """The 12-month target; ``value`` in the KPI's unit (percent for ratio KPIs)."""

    value: Num = None
    unit: str | None = None
    text: str | None = None
    source: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _unit_from_value(cls, data):
        """"ร้อยละ 80" / "80 %" as the value says the unit even when ``unit`` is left out."""
        if isinstance(data, dict) and data.get("unit") is None and is_percent_text(data.get("value")):
            data = {**data, "unit": "ร้อยละ"}
        return data

    @property
    def is_percent(self) -> bool:
        return is_percent_text(self.unit)


class Kpi(_Strict):
    """A KPI of a project with its 12-month target.

    ``basis: activities``: the KPI is the share of *this project's* planned activities
    that are done (base = their number), so the 12-month forecast can follow the
    schedule.  ``accrual: once``: the numerator is a cohort that was counted as a
    whole (e.g. every selected person was trained at once); it does not grow month
    by month, so it is never extrapolated linearly.
    """

    id: str
    name: str | None = None
    kind: KpiKind = KpiKind.UNKNOWN
    target: Target | None = None
    basis: Literal["activities"] | None = None
    accrual: Literal["over_time", "once"] = "over_time"
    accrual_source: str | None = None
    source: str | None = None
    note: str | None = None

    @property
    def is_percentage(self) -> bool:
        """A KPI measured in percent: a ratio kind, a percent target, or a name that says ร้อยละ."""
        return (self.kind.capped_by_base or (self.target is not None and self.target.is_percent)
                or bool(self.name and self.name.strip().startswith("ร้อยละ")))


class Activity(_Strict):
    number: int = Field(ge=1)
    name: str | None = None
    months: list[Month] | None = None
    extends_after_year: bool = False
    deadline: BeDate = None
    source: str | None = None
    note: str | None = None


class KpiResult(_Strict):
    achieved: Num = None
    base: Num = None
    unit: str | None = None
    percent_printed: Num = None
    pending: bool = False
    text: str | None = None
    source: str | None = None


class Figure(_Strict):
    """A printed figure with its base, e.g. 12 of 16 committees, or a percent of 25 units.

    ``threshold``: a criterion the text compares the figure with (e.g. an
    effectiveness index 0.8115 "สูงกว่าเกณฑ์ที่กำหนด 0.70"); the comparison is checked.
    """

    label: str
    value: Num = None
    base: Num = None
    unit: str | None = None
    percent_printed: Num = None
    threshold: Num = None
    source: str | None = None


class Part(_Strict):
    label: str
    value: Num = None


class Breakdown(_Strict):
    """A printed total and its printed parts (the sum is checked, never corrected).

    ``within``: the label of another breakdown of the same round whose parts bound
    this one's, part by part (matched by label), e.g. activities done per area
    within activities planned per area.
    """

    label: str
    unit: str | None = None
    total: Num = None
    parts: list[Part]
    within: str | None = None
    source: str | None = None


class RoundProgress(_Strict):
    status: ReportedStatus | None = None
    status_printed: str | None = None
    activities: dict[int, ReportedStatus] = Field(default_factory=dict)
    rescheduled: dict[int, Month] = Field(default_factory=dict)
    kpi_results: dict[str, KpiResult] = Field(default_factory=dict)
    figures: list[Figure] = Field(default_factory=list)
    breakdowns: list[Breakdown] = Field(default_factory=list)
    summary: str | None = None
    quality_notes: list[str] = Field(default_factory=list)
    source: str | None = None


class Project(_Strict):
    id: str
    name: str | None = None
    hint: str | None = None  # what the text says the project is about, when the title is lost
    code: str | None = None  # e.g. "ตัวชี้วัดที่ 1"
    programme: str | None = None  # the parent programme when a project is a sub-project
    responsible: list[Responsible] | None = None
    activities: list[Activity] = Field(default_factory=list)
    activities_note: str | None = None
    kpis: list[Kpi] = Field(default_factory=list)
    kpi_note: str | None = None
    six_month_targets: list[str] = Field(default_factory=list)
    six_month_targets_source: str | None = None
    progress: dict[int, RoundProgress] = Field(default_factory=dict)
    source: str | None = None
    note: str | None = None

    @property
    def title(self) -> str:
        """Display title: the printed name, or a bracketed description when it was lost."""
        if self.name:
            return self.name
        if self.hint:
            return f"({self.hint} — ชื่อโครงการไม่ปรากฏในเอกสารต้นฉบับ)"
        return "(ชื่อโครงการไม่ปรากฏในเอกสารต้นฉบับ)"

    def activity(self, no: int) -> Activity | None:
        return next((a for a in self.activities if a.number == no), None)

    def kpi(self, kpi_id: str) -> Kpi | None:
        return next((k for k in self.kpis if k.id == kpi_id), None)


class Section(_Strict):
    number: int | None = None
    label: str | None = None  # "ประเด็นการพัฒนาที่", "เรื่องที่"
    name: str | None = None
    definition: str | None = None
    note: str | None = None
    source: str | None = None
    sections: list[Section] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)

    @property
    def title(self) -> str:
        head = " ".join(x for x in (self.label, None if self.number is None else str(self.number)) if x)
        name = self.name or "(ชื่อไม่ปรากฏในเอกสารต้นฉบับ)"
        return f"{head} {name}".strip() if head else name


class Document(_Strict):
    organisation: str
    title: str
    plan_period: str | None = None
    prepared_by: str | None = None
    contact: str | None = None
    source: str | None = None
    note: str | None = None


class Plan(_Strict):
    """One fiscal year's action plans (and their progress, when reported)."""

    fiscal_year: int = Field(ge=2400, le=2700)
    kind: Literal["progress", "plan"] = "progress"
    document: Document
    rounds_reported: list[Literal[6, 12]] = Field(default_factory=list)
    cutoff_note: str | None = None
    sections: list[Section]

    def iter_projects(self):
        """(path of sections, project) in document order."""

        def walk(sections, path):
            for section in sections:
                here = (*path, section)
                for project in section.projects:
                    yield here, project
                yield from walk(section.sections, here)

        yield from walk(self.sections, ())

    @property
    def projects(self) -> list[Project]:
        return [p for _, p in self.iter_projects()]

    def project(self, project_id: str) -> Project:
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)
