"""The seed-004 rubric (params/standards/rubric.yaml) as validated pydantic models.

4 dimensions, 20 areas, 48 standards, 86 indicators; dimension 1 (inputs) is
checked against its targets only, the 55 indicators of dimensions 2-4 are
scored 10 / 7.5 / 5 / 2.5 / 0 by their bands. ``load_rubric`` raises
:class:`~dswlib.errors.ParamsError` naming the file and the field for any
inconsistency (wrong counts, a band that cannot be reached, an input domain
that some band combination does not cover ...).
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from ..errors import ParamsError
from ..filecache import cached_on_files
from ..yamlio import load_yaml

RUBRIC_FILE = "rubric.yaml"
ALLOWED_SCORES = (Decimal("10"), Decimal("7.5"), Decimal("5"), Decimal("2.5"), Decimal("0"))
SOURCE_RE = re.compile(r"^004 L\d+")
InputType = Literal["count", "number", "percent", "months", "yes_no", "choice"]
Measure = Literal["percent", "value", "per_month", "inputs", "participation", "report_timeliness"]

# Variables each measure derives from its inputs (besides the inputs themselves).
MEASURE_VARIABLES = {
    "percent": {"pct"},
    "value": {"value"},
    "per_month": {"per_month"},
    "inputs": set(),
    "participation": {"pct"},
    "report_timeliness": {"all_within_15_days", "any_reported"},
}
MEASURE_INPUTS = {
    "percent": ["numerator", "denominator"],
    "value": ["value"],
    "per_month": ["count_year"],
    "participation": ["projects", "orgs_joined", "orgs_invited"],
    "report_timeliness": ["cases", "within_15_days", "later"],
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Model):
    """One test on a variable; all given keys must hold."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    min: Decimal | None = None
    max: Decimal | None = None
    gt: Decimal | None = None
    lt: Decimal | None = None
    equals: bool | str | Decimal | None = None
    in_: tuple[str, ...] | None = Field(default=None, alias="in")

    @model_validator(mode="after")
    def _not_empty(self):
        if all(v is None for v in (self.min, self.max, self.gt, self.lt, self.equals, self.in_)):
            raise ValueError("a condition needs one of min/max/gt/lt/equals/in")
        return self

    def holds(self, value) -> bool:
        if value is None:
            return False
        if self.in_ is not None and value not in self.in_:
            return False
        if self.equals is not None:
            if isinstance(self.equals, bool) or isinstance(value, (bool, str)):
                if value != self.equals or type(value) is not type(self.equals):
                    return False
            elif _frac(value) != _frac(self.equals):
                return False
        if any(b is not None for b in (self.min, self.max, self.gt, self.lt)):
            if isinstance(value, (bool, str)):
                return False
            v = _frac(value)
            if self.min is not None and v < _frac(self.min):
                return False
            if self.max is not None and v > _frac(self.max):
                return False
            if self.gt is not None and v <= _frac(self.gt):
                return False
            if self.lt is not None and v >= _frac(self.lt):
                return False
        return True


def _frac(value) -> Fraction:
    if isinstance(value, Fraction):
        return value
    return Fraction(str(value))


def conditions_hold(when: dict[str, Condition], variables: dict) -> bool:
    return all(cond.holds(variables.get(name)) for name, cond in when.items())


class InputSpec(_Model):
    name: str
    type: InputType
    label_th: str
    choices: dict[str, str] | None = None
    optional_when_zero: str | None = None

    @model_validator(mode="after")
    def _choices(self):
        if (self.type == "choice") != (self.choices is not None):
            raise ValueError("choices are given exactly for type 'choice'")
        return self

    def domain(self):
        """Finite domain for exhaustiveness checks, or None."""
        if self.type == "yes_no":
            return [True, False]
        if self.type == "choice":
            return list(self.choices)
        return None


class Band(_Model):
    score: Decimal
    printed_th: str
    source: str
    when: dict[str, Condition] | None = None
    otherwise: bool = False

    @field_validator("score")
    @classmethod
    def _score(cls, v):
        if v not in ALLOWED_SCORES:
            raise ValueError(f"score must be one of 10, 7.5, 5, 2.5, 0, got {v}")
        return v

    @model_validator(mode="after")
    def _one(self):
        if (self.when is None) == (not self.otherwise):
            raise ValueError("a band has either `when` or `otherwise: true`")
        return self


class Indicator(_Model):
    id: str
    number: int
    name_th: str
    target_th: str | None
    source: str
    inputs: tuple[InputSpec, ...]
    # dimension 1: a target check, not a score
    meets_when: dict[str, Condition] | None = None
    note_en: str | None = None
    # dimensions 2-4
    target_source: str | None = None
    measure: Measure | None = None
    zero_denominator: Literal["na", "error", "lowest"] | None = None
    direction: Literal["higher_is_better", "lower_is_better"] | None = None
    constraints_le: tuple[tuple[str, str], ...] = ()
    bands: tuple[Band, ...] = ()
    target_score: Decimal | None = None
    evidence_th: tuple[str, ...] = ()
    evidence_source: str | None = None

    @property
    def dimension(self) -> int:
        return int(self.id.split(".")[0][1:])

    @property
    def scored(self) -> bool:
        return self.measure is not None

    @property
    def may_be_not_applicable(self) -> bool:
        """May an assessment say "n/a" (ไม่เกี่ยวข้อง)?  Only where the measured event can be absent
        (``zero_denominator: na``, help/referral cases) and in the unscored dimension 1 (DECISIONS.md MISSING-NA)."""
        return (not self.scored) or self.zero_denominator == "na" or self.measure == "report_timeliness"

    def input(self, name: str) -> InputSpec:
        for spec in self.inputs:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def variables(self) -> set[str]:
        names = {i.name for i in self.inputs}
        return names | MEASURE_VARIABLES.get(self.measure, set())


class Standard(_Model):
    number: int
    name_th: str
    source: str | None = None
    indicators: tuple[Indicator, ...]


class Area(_Model):
    number: int
    name_th: str
    source: str
    rubric_source: str | None = None
    standards: tuple[Standard, ...]

    def indicators(self) -> list[Indicator]:
        return [i for s in self.standards for i in s.indicators]


class Dimension(_Model):
    number: int
    name_th: str
    scored: bool
    source: str
    rubric_source: str | None = None
    areas: tuple[Area, ...]

    def indicators(self) -> list[Indicator]:
        return [i for a in self.areas for i in a.indicators()]


class GradeBand(_Model):
    min: Decimal
    max: Decimal
    label_th: str
    passed: bool
    source: str
    printed_th: str | None = None


class Rubric(_Model):
    model_config = ConfigDict(extra="allow", frozen=True)
    title_th: str
    seed_file: str
    counts: dict
    score_levels: tuple[dict, ...]
    grade_bands: tuple[GradeBand, ...]
    dimensions: tuple[Dimension, ...]
    _idx: dict | None = PrivateAttr(default=None)

    # ---- navigation -------------------------------------------------------
    def indicators(self) -> list[Indicator]:
        return [i for d in self.dimensions for i in d.indicators()]

    def scored_indicators(self) -> list[Indicator]:
        return [i for d in self.dimensions if d.scored for i in d.indicators()]

    def input_indicators(self) -> list[Indicator]:
        return [i for d in self.dimensions if not d.scored for i in d.indicators()]

    def indicator(self, ind_id: str) -> Indicator:
        try:
            return self._index()[ind_id][0]
        except KeyError:
            raise KeyError(f"unknown indicator {ind_id!r}") from None

    def context(self, ind_id: str) -> tuple[Dimension, Area, Standard]:
        return self._index()[ind_id][1:]

    def _index(self):
        cached = self._idx
        if cached is None:
            cached = {
                i.id: (i, d, a, s)
                for d in self.dimensions
                for a in d.areas
                for s in a.standards
                for i in s.indicators
            }
            self._idx = cached
        return cached

    def scored_areas(self) -> list[tuple[Dimension, Area]]:
        return [(d, a) for d in self.dimensions if d.scored for a in d.areas]

    def score_level_label(self, score) -> str:
        for level in self.score_levels:
            if Decimal(str(level["score"])) == Decimal(str(score)):
                return level["label_th"]
        raise KeyError(score)

    # ---- consistency checks (run by load_rubric) -------------------------
    def problems(self) -> list[tuple[str, str, str]]:
        """(where, expected, got) for every inconsistency found."""
        out: list[tuple[str, str, str]] = []
        c = self.counts
        got = {
            "dimensions": len(self.dimensions),
            "areas": sum(len(d.areas) for d in self.dimensions),
            "standards": sum(len(a.standards) for d in self.dimensions for a in d.areas),
            "indicators": len(self.indicators()),
            "scored_indicators": len(self.scored_indicators()),
        }
        for key, value in got.items():
            if c.get(key) != value:
                out.append((f"counts.{key}", f"{c.get(key)} as stated", str(value)))
        seen = set()
        for d in self.dimensions:
            expected_ind = 1
            expected_std = 1
            for a in d.areas:
                for s in a.standards:
                    if s.number != expected_std:
                        out.append((f"D{d.number}.A{a.number} standard", f"number {expected_std}", str(s.number)))
                    expected_std = s.number + 1
                    for i in s.indicators:
                        where = i.id
                        if i.id != f"D{d.number}.I{i.number}" or i.number != expected_ind:
                            out.append((where, f"id D{d.number}.I{expected_ind}", i.id))
                        expected_ind = i.number + 1
                        if i.id in seen:
                            out.append((where, "a unique id", i.id))
                        seen.add(i.id)
                        for src in (i.source, i.target_source, i.evidence_source):
                            if src is not None and not SOURCE_RE.match(src):
                                out.append((f"{where}.source", "a seed line reference like '004 L123'", src))
                        out.extend(_indicator_problems(i, d.scored))
        return out


def _indicator_problems(i: Indicator, scored: bool) -> list[tuple[str, str, str]]:
    out = []
    names = [s.name for s in i.inputs]
    if len(set(names)) != len(names):
        out.append((i.id, "unique input names", str(names)))
    if not scored:
        if i.measure is not None or i.bands:
            out.append((i.id, "no score bands in the unscored dimension 1", "bands"))
        if i.meets_when is not None:
            for var in i.meets_when:
                if var not in names:
                    out.append((f"{i.id}.meets_when", f"one of the inputs {names}", var))
        return out
    if i.measure is None or not i.bands:
        out.append((i.id, "a measure and score bands", "none"))
        return out
    required = MEASURE_INPUTS.get(i.measure)
    if required is not None and names != required:
        out.append((f"{i.id}.inputs", f"inputs {required} for measure {i.measure}", str(names)))
    if i.measure == "percent" and i.zero_denominator is None:
        out.append((i.id, "zero_denominator policy for a percent measure", "none"))
    for a, b in i.constraints_le:
        if a not in names or b not in names:
            out.append((f"{i.id}.constraints_le", "input names", f"{a} <= {b}"))
    for spec in i.inputs:
        if spec.optional_when_zero and spec.optional_when_zero not in names:
            out.append((f"{i.id}.{spec.name}", "optional_when_zero naming another input", spec.optional_when_zero))
    scores = [b.score for b in i.bands]
    if scores != sorted(scores, reverse=True) or len(set(scores)) != len(scores):
        out.append((f"{i.id}.bands", "distinct scores, best first", str([str(s) for s in scores])))
    if i.target_score not in scores:
        out.append((f"{i.id}.target_score", "one of the band scores", str(i.target_score)))
    variables = i.variables()
    for k, band in enumerate(i.bands):
        if band.otherwise and k != len(i.bands) - 1:
            out.append((f"{i.id}.bands[{k}]", "`otherwise` only on the last band", "otherwise"))
        for var in (band.when or {}):
            if var not in variables:
                out.append((f"{i.id}.bands[{k}].when", f"one of {sorted(variables)}", var))
        if not SOURCE_RE.match(band.source):
            out.append((f"{i.id}.bands[{k}].source", "a seed line reference", band.source))
    if not i.bands[-1].otherwise:
        # no catch-all: every combination of the finite input domains must match a band
        specs = [i.input(n) for n in sorted({v for b in i.bands for v in b.when})] if all(
            v in names for b in i.bands for v in b.when
        ) else []
        domains = [s.domain() for s in specs]
        if not specs or any(d is None for d in domains):
            out.append((f"{i.id}.bands", "a last `otherwise` band, or bands over yes/no and choice inputs only", "open"))
        else:
            for combo in itertools.product(*domains):
                values = dict(zip([s.name for s in specs], combo))
                if not any(conditions_hold(b.when, values) for b in i.bands):
                    out.append((f"{i.id}.bands", "a band for every input combination", str(values)))
    return out


def rubric_path(params_dir) -> Path:
    from ..paths import resolve_params_dir

    return resolve_params_dir(params_dir) / "standards" / RUBRIC_FILE


def load_rubric(params_dir=None) -> Rubric:
    """Load and check ``<params_dir>/standards/rubric.yaml`` (cached while the file is unchanged)."""
    return _load(str(rubric_path(params_dir).resolve()))


@cached_on_files(lambda path: [path], maxsize=4)
def _load(path: str) -> Rubric:
    p = Path(path)
    if not p.is_file():
        raise ParamsError(p, None, "the rubric file params/standards/rubric.yaml", "missing file")
    data = load_yaml(p)
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ParamsError(p, where, err["msg"], err.get("input") if not isinstance(err.get("input"), dict) else None) from None
    problems = rubric.problems()
    if problems:
        from ..errors import ParamsErrors

        raise ParamsErrors([ParamsError(p, w, e, g) for w, e, g in problems])
    return rubric
