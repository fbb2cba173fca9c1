"""Score one indicator from its input values, or check a dimension-1 indicator against its target.

Input values are already parsed (int / Decimal / bool / choice code, ``None``
for a blank cell) — see :mod:`dswlib.standards.assessment`. The rules applied
here are documented in ``params/standards/DECISIONS.md``:

* a blank required input makes the indicator *missing* (never a silent 0);
* a zero denominator follows the indicator's ``zero_denominator`` policy:
  ``na`` (nothing happened that the indicator measures: not applicable),
  ``lowest`` (the activity that produces the denominator did not take place:
  0 %) or ``error`` (the denominator cannot be 0; rejected by the reader);
* percentages are ``numerator × 100 / denominator`` rounded half-up to 2
  decimals, never shown as 100.00 unless numerator = denominator;
* bands are tried best-first; the first whose conditions hold gives the score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..tabular import NOT_APPLICABLE
from ..thainum import format_number, round_half_up
from .rubric import Indicator, conditions_hold

SCORED, NA, MISSING = "scored", "na", "missing"


@dataclass(frozen=True)
class IndicatorResult:
    id: str
    status: str  # scored | na | missing
    score: Decimal | None = None
    band_index: int | None = None
    band_th: str | None = None
    result_th: str = ""  # the measured result as the report prints it
    note_th: str = ""
    variables: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class InputCheck:
    """Dimension 1: does the result meet the printed target? (``meets`` None = cannot tell)."""

    id: str
    status: str  # meets | not_met | no_target | na | missing
    meets: bool | None
    result_th: str = ""


def percent_value(numerator, denominator) -> Decimal:
    """``numerator × 100 / denominator`` half-up to 2 decimals; 99.99 at most unless all."""
    num, den = Fraction(int(numerator)), Fraction(int(denominator))
    value = round_half_up(Decimal(num.numerator * 100) / Decimal(den.numerator), 2) if den else None
    if value is not None and value >= 100 and num < den:
        value = Decimal("99.99")
    return value


def _is_missing(spec, values) -> bool:
    value = values.get(spec.name)
    if value is not None:
        return False
    if spec.optional_when_zero is not None and values.get(spec.optional_when_zero) == 0:
        return False
    return True


def derive_variables(ind: Indicator, values: dict) -> tuple[str, dict, str, str]:
    """(status, variables, result_th, note_th) for ``ind`` given parsed ``values``."""
    if any(v is NOT_APPLICABLE for v in values.values()):
        return NA, dict(values), "ไม่เกี่ยวข้อง (ระบุในแบบประเมิน)", "หน่วยงานระบุว่าไม่เกี่ยวข้อง: ไม่นำมาคิดคะแนน"
    missing = [s.name for s in ind.inputs if _is_missing(s, values)]
    if missing:
        return MISSING, {}, "ไม่มีข้อมูล", "ไม่ได้กรอก: " + ", ".join(ind.input(m).label_th for m in missing)
    v = dict(values)
    m = ind.measure
    if m == "percent":
        num, den = values["numerator"], values["denominator"]
        if den == 0:
            if ind.zero_denominator == "na":
                return NA, v, "ไม่เกี่ยวข้อง (ตัวหาร = 0)", "ไม่มีกรณีให้วัดในรอบปี: ไม่นำมาคิดคะแนน"
            if ind.zero_denominator == "lowest":
                v["pct"] = Decimal(0)
                return SCORED, v, "ร้อยละ 0.00 (ตัวหาร = 0)", "ไม่ได้ดำเนินการ (ตัวหาร = 0): ถือเป็นร้อยละ 0"
            raise ValueError(f"{ind.id}: denominator 0 is not allowed")  # reader rejects it earlier
        v["pct"] = percent_value(num, den)
        return SCORED, v, f"ร้อยละ {v['pct']:.2f} ({format_number(num)}/{format_number(den)})", ""
    if m == "value":
        x = values["value"]
        return SCORED, v, _show(x, ind.input("value")), ""
    if m == "per_month":
        n = values["count_year"]
        v["per_month"] = Fraction(int(n), 12)
        return SCORED, v, f"{format_number(n)} ครั้ง/ปี = {round_half_up(Decimal(int(n)) / 12, 2):.2f} ครั้ง/เดือน", ""
    if m == "participation":
        projects = values["projects"]
        if projects == 0:
            v["pct"] = None
            return SCORED, v, "ไม่มีโครงการรณรงค์", ""
        joined, invited = values["orgs_joined"], values["orgs_invited"]
        if invited == 0:
            v["pct"] = Decimal(0)
            return SCORED, v, f"{projects} โครงการ, ไม่มีองค์การที่ได้รับเชิญ (ร้อยละ 0)", "ไม่มีองค์การที่ได้รับเชิญ: ถือเป็นร้อยละ 0"
        v["pct"] = percent_value(joined, invited)
        return SCORED, v, f"{projects} โครงการ, องค์การเข้าร่วมร้อยละ {v['pct']:.2f} ({joined}/{invited})", ""
    if m == "report_timeliness":
        cases, within, later = values["cases"], values["within_15_days"], values["later"]
        if cases == 0:
            return NA, v, "ไม่มีกรณีช่วยเหลือ/ส่งต่อในรอบปี", "ไม่มีกรณีให้วัดในรอบปี: ไม่นำมาคิดคะแนน"
        v["all_within_15_days"] = within == cases
        v["any_reported"] = within + later > 0
        unreported = cases - within - later
        return SCORED, v, f"{cases} กรณี: ภายใน 15 วัน {within}, เกิน 15 วัน {later}, ไม่รายงาน {unreported}", ""
    if m == "inputs":
        parts = [f"{s.label_th.split(' (')[0]}: {_show(values.get(s.name), s)}" for s in ind.inputs]
        return SCORED, v, "; ".join(parts), ""
    raise ValueError(f"{ind.id}: unknown measure {m}")


def _show(value, spec) -> str:
    if value is None:
        return "-"
    if spec.type == "yes_no":
        return "มี" if value else "ไม่มี"
    if spec.type == "choice":
        return spec.choices[value]
    if spec.type == "percent":
        return f"ร้อยละ {round_half_up(value, 2):.2f}"
    return format_number(value)


def score_indicator(ind: Indicator, values: dict) -> IndicatorResult:
    """Score a dimension 2-4 indicator from its parsed input values."""
    if not ind.scored:
        raise ValueError(f"{ind.id} is in dimension 1, which is not scored")
    status, variables, result_th, note = derive_variables(ind, values)
    if status != SCORED:
        return IndicatorResult(ind.id, status, result_th=result_th, note_th=note, variables=variables)
    for k, band in enumerate(ind.bands):
        if band.otherwise or conditions_hold(band.when, variables):
            return IndicatorResult(ind.id, SCORED, band.score, k, band.printed_th, result_th, note, variables)
    raise AssertionError(f"{ind.id}: no band matched {variables}")  # load_rubric proves this cannot happen


def check_input_indicator(ind: Indicator, values: dict) -> InputCheck:
    """Dimension 1: compare the result with the printed target (no score)."""
    if any(v is NOT_APPLICABLE for v in values.values()):
        return InputCheck(ind.id, "na", None, "ไม่เกี่ยวข้อง")
    if any(_is_missing(s, values) for s in ind.inputs):
        return InputCheck(ind.id, "missing", None, "ไม่มีข้อมูล")
    shown = "; ".join(_show(values[s.name], s) for s in ind.inputs)
    if ind.meets_when is None:
        return InputCheck(ind.id, "no_target", None, shown)
    ok = conditions_hold(ind.meets_when, values)
    return InputCheck(ind.id, "meets" if ok else "not_met", ok, shown)
