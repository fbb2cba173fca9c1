"""Computed COVID-19 impact on the KPIs, from the cross-year series.

For every series that is a KPI of the fiscal year (a row of that year with a
``kpi_id``) this module computes, in exact decimals on the printed values:

* the change in percentage points (or score points) from the previous year;
* the change from the pre-COVID baseline, the mean of ``baseline_years``
  (the mean is rounded half-up to 2 decimals first, so the printed mean and the
  printed change agree with each other);
* the distance to the fiscal year's three target levels (50 / 75 / 100);
* a drop flag: did the indicator fall by more than its pre-COVID variation explains?

  - with 3 or more pre-COVID points a linear trend is fitted with
    ``scipy.stats.linregress`` and the result is flagged when it lies below the
    95 % prediction interval of the trend;
  - with exactly 2 points a trend cannot be estimated (a line through 2 points
    has no residual variance): the result is flagged when it falls below the
    latest pre-COVID value by more than the year-to-year change seen before
    COVID — and the output says so;
  - with fewer points no flag is given.

All KPIs of these reports are higher-is-better, so only drops are flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..series import exact
from ..thainum import format_change, format_number, round_half_up

LEVELS = (50, 75, 100)
LEVEL_NAMES = {50: "ขั้นต่ำ (50)", 75: "มาตรฐาน (75)", 100: "ขั้นสูง (100)"}
BELOW = "ต่ำกว่าขั้นต่ำ"

FLAGGED = "ลดลงเกินความผันแปรก่อนโควิด"
NOT_FLAGGED = "อยู่ในช่วงความผันแปรก่อนโควิด"
NO_FLAG = "ข้อมูลไม่พอ"


@dataclass(frozen=True)
class KpiImpact:
    series_id: str
    kpi_id: str
    label_th: str
    unit: str
    fiscal_year: int
    value: Decimal
    source: str
    previous_year: int | None = None
    previous: Decimal | None = None
    change_previous: Decimal | None = None
    baseline_years: tuple[int, ...] = ()
    baseline_mean: Decimal | None = None
    change_baseline: Decimal | None = None
    targets: tuple[Decimal, Decimal, Decimal] | None = None
    distances: tuple[Decimal, Decimal, Decimal] | None = None
    level_reached: str | None = None
    flagged: bool | None = None
    threshold: Decimal | None = None
    method_th: str = ""

    @property
    def flag_label(self) -> str:
        if self.flagged is None:
            return NO_FLAG
        return FLAGGED if self.flagged else NOT_FLAGGED


def _kpi_sort_key(kpi_id: str):
    return tuple(int(part) for part in kpi_id.split("."))


def drop_flag(points: list[tuple[int, Decimal]], fiscal_year: int, value: Decimal):
    """``(flagged, threshold, method_th)`` for ``value`` against pre-COVID ``points`` (year, value)."""
    points = sorted(points)
    n = len(points)
    if n < 2:
        return None, None, f"มีข้อมูลก่อนโควิด {n} จุด ไม่พอประเมินความผันแปร จึงไม่ระบุ"
    if n == 2:
        (_, first), (last_year, last) = points
        spread = abs(last - first)
        threshold = last - spread
        return (
            value < threshold,
            threshold,
            f"ข้อมูลก่อนโควิดมี 2 จุด ไม่พอประมาณแนวโน้มด้วยการถดถอย จึงเทียบกับการเปลี่ยนแปลงรายปีก่อนโควิด "
            f"(±{format_number(spread, 2)}): เกณฑ์ต่ำสุดที่อธิบายได้ = {format_number(last, 2)} - "
            f"{format_number(spread, 2)} = {format_number(threshold, 2)}",
        )
    from scipy import stats

    xs = [float(year) for year, _ in points]
    ys = [float(v) for _, v in points]
    fit = stats.linregress(xs, ys)
    predicted = fit.intercept + fit.slope * fiscal_year
    residuals = [y - (fit.intercept + fit.slope * x) for x, y in zip(xs, ys)]
    s = math.sqrt(sum(r * r for r in residuals) / (n - 2))
    mean_x = sum(xs) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    se = s * math.sqrt(1 + 1 / n + (fiscal_year - mean_x) ** 2 / sxx)
    t = stats.t.ppf(0.975, n - 2)
    lower = round_half_up(predicted - t * se, 2)
    return (
        value < lower,
        lower,
        f"แนวโน้มเชิงเส้นจากข้อมูลก่อนโควิด {n} จุด (scipy linregress, ความชัน {fit.slope:.2f} ต่อปี): "
        f"คาดการณ์ {predicted:.2f} ขอบล่างช่วงพยากรณ์ 95% = {format_number(lower, 2)}",
    )


def level_reached(value: Decimal, targets) -> str:
    reached = BELOW
    for level, target in zip(LEVELS, targets):
        if value >= target:
            reached = LEVEL_NAMES[level]
    return reached


def compute_impacts(series, fiscal_year: int, baseline_years, targets: dict | None = None) -> list[KpiImpact]:
    """One :class:`KpiImpact` per KPI of ``fiscal_year`` that has a series.

    ``series`` is the frame from :func:`dswlib.series.load_series`; ``targets``
    maps a KPI id to its three levels ``(t50, t75, t100)`` (or None).
    """
    fiscal_year = int(fiscal_year)
    baseline_years = tuple(sorted(int(y) for y in baseline_years))
    targets = targets or {}
    current = series[(series["fiscal_year"] == fiscal_year) & (series["kpi_id"] != "")]
    impacts = []
    for rec in current.to_dict("records"):
        rows = series[series["series_id"] == rec["series_id"]]
        by_year = {int(r["fiscal_year"]): exact(r["value"]) for r in rows.to_dict("records")}
        value = by_year[fiscal_year]
        previous_year = max((y for y in by_year if y < fiscal_year), default=None)
        previous = by_year.get(previous_year) if previous_year is not None else None
        change_previous = None if previous is None or previous_year != fiscal_year - 1 else value - previous
        base_points = [(y, by_year[y]) for y in baseline_years if y in by_year]
        baseline_mean = change_baseline = None
        if base_points:
            baseline_mean = round_half_up(sum(v for _, v in base_points) / len(base_points), 2)
            change_baseline = value - baseline_mean
        flagged, threshold, method = drop_flag(base_points, fiscal_year, value)
        levels = targets.get(rec["kpi_id"])
        level_values = distances = reached = None
        if levels and all(t is not None for t in levels):
            level_values = tuple(Decimal(str(t)) for t in levels)
            distances = tuple(value - t for t in level_values)
            reached = level_reached(value, level_values)
        impacts.append(KpiImpact(
            series_id=rec["series_id"], kpi_id=rec["kpi_id"], label_th=rec["label_th"], unit=rec["unit"],
            fiscal_year=fiscal_year, value=value, source=rec["source"],
            previous_year=previous_year if change_previous is not None else None,
            previous=previous if change_previous is not None else None,
            change_previous=change_previous,
            baseline_years=tuple(y for y, _ in base_points), baseline_mean=baseline_mean,
            change_baseline=change_baseline, targets=level_values, distances=distances,
            level_reached=reached, flagged=flagged, threshold=threshold, method_th=method,
        ))
    return sorted(impacts, key=lambda i: _kpi_sort_key(i.kpi_id))


def _num(value, places=2):
    return "-" if value is None else format_number(value, places)


def _chg(value):
    return "-" if value is None else format_change(value)


def impact_frame(impacts: list[KpiImpact]):
    """The computed impact table with Thai headings and figures formatted as the seeds print them."""
    import pandas as pd

    rows = []
    for i in impacts:
        base_label = "-".join(str(y) for y in (i.baseline_years[0], i.baseline_years[-1])) if i.baseline_years else "-"
        rows.append({
            "ตัวชี้วัด": i.kpi_id,
            "ชื่อตัวชี้วัด": i.label_th,
            "หน่วย": i.unit,
            f"ผล ปี {i.fiscal_year - 1}": _num(i.previous),
            f"ผล ปี {i.fiscal_year}": _num(i.value),
            "เปลี่ยนจากปีก่อน": _chg(i.change_previous),
            "ค่าเฉลี่ยก่อนโควิด": _num(i.baseline_mean) + (f" ({base_label})" if i.baseline_years else ""),
            "เปลี่ยนจากค่าฐาน": _chg(i.change_baseline),
            "ห่างจากขั้นต่ำ (50)": _chg(i.distances[0]) if i.distances else "-",
            "ห่างจากมาตรฐาน (75)": _chg(i.distances[1]) if i.distances else "-",
            "ห่างจากขั้นสูง (100)": _chg(i.distances[2]) if i.distances else "-",
            "ระดับที่ได้": i.level_reached or "-",
            "การตรวจการลดลง": i.flag_label,
            "วิธีตรวจ": i.method_th,
            "แหล่งอ้างอิง": i.source,
        })
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- data vs narrative
AGREE = "ตรงกัน"
DISAGREE = "ไม่ตรงกัน"
CANNOT = "ตรวจด้วยข้อมูลไม่ได้"


def compare_with_narrative(impacts: list[KpiImpact], listed_ids, kpi_ids=None):
    """KPIs flagged by the data vs KPIs the narrative (Table 1) lists as affected.

    ``kpi_ids`` is the fiscal year's KPI list (from the catalog) so KPIs neither
    listed nor in the series still appear; a parent id (``3``) is left out when
    its sub-KPIs (``3.1``, ``3.2``) are present.
    """
    import pandas as pd

    listed = [str(k) for k in listed_ids]
    by_id = {i.kpi_id: i for i in impacts}
    universe = list(dict.fromkeys([*(kpi_ids or []), *listed, *by_id]))
    universe = [k for k in universe if not any(other.startswith(k + ".") for other in universe)]
    rows = []
    for kpi in sorted(universe, key=_kpi_sort_key):
        impact = by_id.get(kpi)
        is_listed = kpi in listed
        if impact is None or impact.flagged is None:
            verdict = CANNOT
            data = "ไม่มีอนุกรมข้อมูลเชิงปริมาณ" if impact is None else impact.flag_label
        else:
            data = impact.flag_label
            verdict = AGREE if impact.flagged == is_listed else DISAGREE
        note = ""
        if verdict == DISAGREE and is_listed:
            note = "เอกสารระบุว่าได้รับผลกระทบ แต่การลดลงยังอยู่ในช่วงที่ความผันแปรก่อนโควิดอธิบายได้"
        elif verdict == DISAGREE:
            note = "ข้อมูลลดลงผิดปกติ แต่เอกสารไม่ได้ระบุไว้ในตารางที่ 1"
        elif verdict == CANNOT and is_listed:
            note = "ตัวชี้วัดเชิงขั้นตอน (milestone) ใช้เพียงคำบรรยายในตารางที่ 1"
        rows.append({
            "ตัวชี้วัด": kpi,
            "ระบุในตารางที่ 1": "ใช่" if is_listed else "ไม่ใช่",
            "ผลการตรวจจากข้อมูล": data,
            "ผลเปรียบเทียบ": verdict,
            "หมายเหตุ": note,
        })
    return pd.DataFrame(rows, columns=["ตัวชี้วัด", "ระบุในตารางที่ 1", "ผลการตรวจจากข้อมูล", "ผลเปรียบเทียบ", "หมายเหตุ"])
