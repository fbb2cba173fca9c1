"""Computed COVID-19 impact on the KPIs, from the cross-year series.

For every series that is a KPI of the fiscal year (a row of that year with a
``kpi_id``) this module computes, in exact decimals on the printed values:

* the change in percentage points (or score points) from the previous year;
* the change from the pre-COVID baseline, the mean of ``baseline_years``
  (the mean is rounded half-up to 2 decimals first, so the printed mean and the
  printed change agree with each other). The baseline holds only years before
  the outbreak: FY2563 (1 Oct 2562 - 30 Sep 2563) already contains the first
  wave and is shown on its own as a *first-wave year* (``first_wave_years``);
* the distance to the fiscal year's three target levels (50 / 75 / 100), named
  in the year's terms;
* a drop flag: did the indicator fall by more than its pre-COVID variation explains?

  - with 3 or more pre-COVID points a linear trend is fitted with
    ``scipy.stats.linregress`` and the result is flagged when it lies below the
    95 % prediction interval of the trend;
  - with exactly 2 points a trend cannot be estimated (a line through 2 points
    has no residual variance): the result is flagged when it falls below the
    latest pre-COVID value by more than the year-to-year change seen before
    COVID — a rule of thumb, and the output says so;
  - with fewer points no flag is given: one year shows no variation at all.

How far the data may be set against the document's own account (Table 1) depends
on that evidence (:func:`compare_with_narrative`): only the statistical test
(3+ pre-COVID points) can say that the data contradict the document; with less,
the comparison states what the figures show and what they cannot show.

All KPIs of these reports are higher-is-better, so only drops are flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from ..series import exact
from ..thainum import format_number, round_half_up

LEVELS = (50, 75, 100)
STATISTICAL_POINTS = 3  # pre-COVID points needed for a trend with a prediction interval

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
    first_wave: tuple[tuple[int, Decimal], ...] = ()  # (year, value) of first-wave years with data
    baseline_values: tuple[Decimal, ...] = ()

    @property
    def evidence_points(self) -> int:
        """How many pre-COVID years the drop check rests on."""
        return len(self.baseline_years)

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
        years = "".join(f" (ปี {y})" for y, _ in points)
        return None, None, (f"มีข้อมูลก่อนโควิด {n} ปี{years} ไม่พอประเมินความผันแปรตามปกติ "
                            "จึงไม่ตรวจว่าลดลงผิดปกติหรือไม่")
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
        f"แนวโน้มเชิงเส้นจากข้อมูลก่อนโควิด {n} จุด (การถดถอยเชิงเส้น ความชัน {fit.slope:.2f} ต่อปี): "
        f"คาดการณ์ {predicted:.2f} ขอบล่างช่วงพยากรณ์ 95% = {format_number(lower, 2)}",
    )


def level_names(terms=None) -> dict:
    """``{50: "ขั้นต่ำ (50)", ...}`` in the year's terms."""
    from ..scoring import level_terms

    return {level: f"{name} ({level})" for level, name in zip(LEVELS, level_terms(terms))}


def level_reached(value: Decimal, targets, terms=None) -> str:
    from ..scoring import level_terms

    names = level_names(terms)
    reached = "ต่ำกว่า" + level_terms(terms)[0]
    for level, target in zip(LEVELS, targets):
        if value >= target:
            reached = names[level]
    return reached


def compute_impacts(series, fiscal_year: int, baseline_years, targets: dict | None = None, terms=None,
                    first_wave_years=()) -> list[KpiImpact]:
    """One :class:`KpiImpact` per KPI of ``fiscal_year`` that has a series.

    ``series`` is the frame from :func:`dswlib.series.load_series`; ``targets``
    maps a KPI id to its three levels ``(t50, t75, t100)`` (or None); ``terms``
    names the levels (the catalog's ``level_terms_th``); ``first_wave_years`` are
    years shown on their own (never part of the baseline).
    """
    fiscal_year = int(fiscal_year)
    baseline_years = tuple(sorted(int(y) for y in baseline_years))
    first_wave_years = tuple(sorted(int(y) for y in first_wave_years if int(y) not in baseline_years))
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
            reached = level_reached(value, level_values, terms)
        impacts.append(KpiImpact(
            series_id=rec["series_id"], kpi_id=rec["kpi_id"], label_th=rec["label_th"], unit=rec["unit"],
            fiscal_year=fiscal_year, value=value, source=rec["source"],
            previous_year=previous_year if change_previous is not None else None,
            previous=previous if change_previous is not None else None,
            change_previous=change_previous,
            baseline_years=tuple(y for y, _ in base_points), baseline_mean=baseline_mean,
            change_baseline=change_baseline, targets=level_values, distances=distances,
            level_reached=reached, flagged=flagged, threshold=threshold, method_th=method,
            first_wave=tuple((y, by_year[y]) for y in first_wave_years if y in by_year),
            baseline_values=tuple(v for _, v in base_points),
        ))
    return sorted(impacts, key=lambda i: _kpi_sort_key(i.kpi_id))


def _num(value, places=2):
    return "-" if value is None else format_number(value, places)


def _years(years) -> str:
    years = list(years)
    if not years:
        return "-"
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def baseline_label(impact: KpiImpact) -> str:
    """"ค่าก่อนโควิดปี 2562" for one year, "ค่าเฉลี่ยก่อนโควิดปี 2560-2562" for several."""
    if not impact.baseline_years:
        return "ไม่มีข้อมูลก่อนโควิด"
    kind = "ค่าก่อนโควิด" if len(impact.baseline_years) == 1 else "ค่าเฉลี่ยก่อนโควิด"
    return f"{kind}ปี {_years(impact.baseline_years)}"


def _float(value):
    return None if value is None else float(value)


def kpi_label(kpi_id: str) -> str:
    """"ตัวชี้วัดที่ 3.1": a KPI id as a reader names it (an id is not a number to compute with)."""
    return f"ตัวชี้วัดที่ {kpi_id}"


def impact_columns(impacts: list[KpiImpact], baseline_years, first_wave_years, terms=None) -> dict:
    """Column names of :func:`impact_frame` by role (headers carry the years)."""
    names = level_names(terms)
    fiscal_year = impacts[0].fiscal_year if impacts else None
    years = _years(baseline_years)
    base = ("ก่อนโควิด" if len(baseline_years) <= 1 else "ค่าเฉลี่ยก่อนโควิด") + f" (ปี {years})"
    return {
        "kpi": "ตัวชี้วัด",
        "unit": "หน่วย",
        "baseline": base,
        "first_wave": {y: f"ปีระบาดระลอกแรก (ปี {y})" for y in first_wave_years},
        "previous": f"ผล ปี {fiscal_year - 1}" if fiscal_year else "ผลปีก่อน",
        "value": f"ผล ปี {fiscal_year}" if fiscal_year else "ผล",
        "change_previous": "เปลี่ยนจากปีก่อน",
        "change_baseline": "เปลี่ยนจากก่อนโควิด",
        "distances": [f"ห่างจาก{names[level]}" for level in LEVELS],
        "level": "ระดับที่ได้",
        "flag": "การตรวจการลดลง",
        "method": "วิธีตรวจ",
    }


def impact_frame(impacts: list[KpiImpact], terms=None, baseline_years=None, first_wave_years=None):
    """The computed impact table as numbers (floats; ``NaN`` where there is no value).

    One row per KPI; the headers carry the years (``"ก่อนโควิด (ปี 2562)"``,
    ``"ปีระบาดระลอกแรก (ปี 2563)"``, ``"ผล ปี 2564"``); changes and distances are in
    percentage points or score points. ``baseline_years``/``first_wave_years`` default
    to the years the impacts carry. Formatting (two decimals, signs) is done at display.
    """
    import pandas as pd

    if baseline_years is None:
        baseline_years = sorted({y for i in impacts for y in i.baseline_years})
    if first_wave_years is None:
        first_wave_years = sorted({y for i in impacts for y, _ in i.first_wave})
    c = impact_columns(impacts, tuple(baseline_years), tuple(first_wave_years), terms)
    # the previous year gets its own column unless it is already shown as the first-wave year
    show_previous = any(i.previous_year is not None and i.previous_year not in dict(i.first_wave) for i in impacts)
    rows = []
    for i in impacts:
        row = {c["kpi"]: f"{i.kpi_id} {i.label_th}", c["unit"]: i.unit, c["baseline"]: _float(i.baseline_mean)}
        waves = dict(i.first_wave)
        for year, name in c["first_wave"].items():
            row[name] = _float(waves.get(year))
        if show_previous:
            row[c["previous"]] = _float(i.previous)
        row[c["value"]] = _float(i.value)
        row[c["change_previous"]] = _float(i.change_previous)
        row[c["change_baseline"]] = _float(i.change_baseline)
        for index, name in enumerate(c["distances"]):
            row[name] = _float(i.distances[index]) if i.distances else None
        row[c["level"]] = i.level_reached
        row[c["flag"]] = i.flag_label
        row[c["method"]] = i.method_th
        rows.append(row)
    columns = [c["kpi"], c["unit"], c["baseline"], *c["first_wave"].values(),
               *([c["previous"]] if show_previous else []), c["value"], c["change_previous"], c["change_baseline"],
               *c["distances"], c["level"], c["flag"], c["method"]]
    frame = pd.DataFrame(rows, columns=columns)
    numeric = [name for name in columns if name not in (c["kpi"], c["unit"], c["level"], c["flag"], c["method"])]
    frame[numeric] = frame[numeric].astype(float)
    return frame


# ---------------------------------------------------------------- data vs narrative
AGREE = "ตรงกัน"
DISAGREE = "ไม่ตรงกัน"  # only on a statistical test (3+ pre-COVID years)
INCONCLUSIVE = "ข้อมูลไม่พอสรุป"
CANNOT = "ตรวจด้วยข้อมูลไม่ได้"


def _points_word(unit: str) -> str:
    return "จุดร้อยละ" if unit == "ร้อยละ" else ("คะแนน" if unit == "คะแนน" else "หน่วย")


def can_conclude(impact: KpiImpact, is_listed: bool) -> str:
    """What the figures themselves show (direction and size, the first-wave year, the level reached)."""
    word = _points_word(impact.unit)
    parts = [f"ผลปี {impact.fiscal_year} = {_num(impact.value)}"]
    if impact.change_baseline is not None:
        how = "ต่ำกว่า" if impact.change_baseline < 0 else ("สูงกว่า" if impact.change_baseline > 0 else "เท่ากับ")
        size = "" if impact.change_baseline == 0 else f" {format_number(abs(impact.change_baseline), 2)} {word}"
        parts.append(f"{how}{baseline_label(impact)} ({_num(impact.baseline_mean)}){size}")
    for year, value in impact.first_wave:
        diff = impact.value - value
        how = "ต่ำกว่า" if diff < 0 else ("สูงกว่า" if diff > 0 else "เท่ากับ")
        parts.append(f"{how}ปีระบาดระลอกแรก {year} ({_num(value)})" + ("" if diff == 0 else f" {format_number(abs(diff), 2)} {word}"))
    if impact.level_reached:
        reached = impact.level_reached
        parts.append(f"ผลปีนี้{reached.split(' (')[0]}" if reached.startswith("ต่ำกว่า")
                     else f"ผลปีนี้ถึงเป้าหมาย{reached.split(' (')[0]}")
    text = "; ".join(parts)
    dropped = impact.change_baseline is not None and impact.change_baseline < 0
    if is_listed and dropped:
        text += " (ทิศทางสอดคล้องกับที่เอกสารระบุว่าได้รับผลกระทบ)"
    return text


def cannot_conclude(impact: KpiImpact, is_listed: bool) -> str:
    """What the figures cannot show with this much pre-COVID data (never a contradiction on thin evidence)."""
    n = impact.evidence_points
    risen = impact.change_baseline is not None and impact.change_baseline >= 0
    if n == 0:
        text = "ไม่มีข้อมูลก่อนโควิด จึงเทียบกับช่วงก่อนการระบาดไม่ได้"
    elif n == 1:
        text = (f"มีข้อมูลก่อนโควิดเพียง 1 ปี ({impact.baseline_years[0]}) จึงไม่ทราบความผันแปรตามปกติของตัวชี้วัด "
                "บอกไม่ได้ว่าการเปลี่ยนแปลงเกินกว่าที่เกิดได้ในปีปกติหรือไม่")
    elif n < STATISTICAL_POINTS:
        text = (f"ข้อมูลก่อนโควิด {n} ปีประมาณแนวโน้มและช่วงพยากรณ์ไม่ได้ การตรวจการลดลงเป็นเพียงการเทียบกับ"
                "ขนาดการเปลี่ยนแปลงรายปีก่อนโควิด ไม่ใช่การทดสอบทางสถิติ")
    else:
        text = ""
    if n < STATISTICAL_POINTS and is_listed and risen:
        text += (" และการที่ผลไม่ลดลงจากก่อนโควิดไม่ได้แสดงว่าตัวชี้วัดไม่ได้รับผลกระทบ "
                 "(ผลอาจสูงกว่านี้หากไม่มีการระบาด) จึงไม่ถือว่าข้อมูลขัดกับเอกสาร")
    cause = "ตัวเลขบอกขนาดการเปลี่ยนแปลงแต่ไม่บอกสาเหตุ จึงไม่อาจระบุได้ว่าเกิดจากโควิดเพียงอย่างเดียว"
    return (text + " " + cause).strip() if text else cause


def compare_with_narrative(impacts: list[KpiImpact], listed_ids, kpi_ids=None):
    """KPIs flagged by the data vs KPIs the narrative (Table 1) lists as affected.

    ``kpi_ids`` is the fiscal year's KPI list (from the catalog) so KPIs neither
    listed nor in the series still appear; a parent id (``3``) is left out when
    its sub-KPIs (``3.1``, ``3.2``) are present.

    The verdict depends on the evidence: with 3+ pre-COVID points (a trend and its
    prediction interval) the data can agree or disagree with the document; with 2
    points (a rule of thumb) they can agree, otherwise the verdict is
    :data:`INCONCLUSIVE`; with 1 point or none the verdict is always
    :data:`INCONCLUSIVE`, and the row says what can and cannot be concluded.
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
        if impact is None:
            verdict, data = CANNOT, "ไม่มีอนุกรมข้อมูลเชิงปริมาณ"
            can = None  # shown as "-"
            cannot = ("ตัวชี้วัดเชิงขั้นตอน (milestone) ใช้เพียงคำบรรยายในตารางที่ 1" if is_listed
                      else "ไม่มีข้อมูลเชิงปริมาณให้ตรวจ")
        else:
            data = impact.flag_label
            n = impact.evidence_points
            agrees = impact.flagged is not None and impact.flagged == is_listed
            if impact.flagged is None or n < 2:
                verdict = INCONCLUSIVE
            elif agrees:
                verdict = AGREE
            elif n >= STATISTICAL_POINTS:
                verdict = DISAGREE
            else:
                verdict = INCONCLUSIVE
            can = can_conclude(impact, is_listed)
            cannot = cannot_conclude(impact, is_listed)
            if verdict == DISAGREE:
                cannot = ("เอกสารระบุว่าได้รับผลกระทบ แต่ผลยังอยู่ในช่วงพยากรณ์ของแนวโน้มก่อนโควิด" if is_listed
                          else "ผลลดลงต่ำกว่าช่วงพยากรณ์ของแนวโน้มก่อนโควิด แต่เอกสารไม่ได้ระบุไว้ในตารางที่ 1") + " " + cannot
        rows.append({
            "ตัวชี้วัด": kpi_label(kpi),
            "ระบุในตารางที่ 1": is_listed,
            "ผลการตรวจจากข้อมูล": data,
            "ผลเปรียบเทียบ": verdict,
            "สิ่งที่ข้อมูลบอกได้": can,
            "สิ่งที่ข้อมูลยังบอกไม่ได้": cannot,
        })
    return pd.DataFrame(rows, columns=["ตัวชี้วัด", "ระบุในตารางที่ 1", "ผลการตรวจจากข้อมูล", "ผลเปรียบเทียบ",
                                       "สิ่งที่ข้อมูลบอกได้", "สิ่งที่ข้อมูลยังบอกไม่ได้"])
