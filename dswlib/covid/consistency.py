"""Figure-consistency checks on the COVID section: data-quality findings, never fixes.

Every printed figure is kept as printed; these checks recompute what can be
recomputed (sums, shares, differences) and report where the print differs,
with the likely reason (a subtotal that is the sum of rounded parts, a
truncated share). Results are plain data (:class:`CheckResult`, including the checks that pass,
so the report shows every figure with its check); :func:`data_quality_findings`
turns the problems into shared :class:`dswlib.findings.Finding` objects for
``dsw check``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..thainum import format_number, percent, round_half_up, truncate
from .model import CovidSection, OutcomeTable

OK = "ตรงกัน"
MISMATCH = "พิมพ์ไม่ตรงกับที่คำนวณ"  # a printed figure against its recomputation (not the comparison with Table 1)
NOTE = "ข้อสังเกต"


@dataclass(frozen=True)
class CheckResult:
    """One check: what was printed, what the arithmetic gives, and why they differ."""

    code: str  # stable id: sum, share, subtotal, percent, difference, count, cross_document, printed_issue
    status: str  # OK / MISMATCH / NOTE
    where_th: str
    printed: str
    recomputed: str
    explanation_th: str
    source: str

    @property
    def is_problem(self) -> bool:
        return self.status != OK


def _places(printed: Decimal) -> int:
    exponent = printed.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _fmt(value: Decimal, places: int | None = None) -> str:
    return format_number(value, places)


def _share_finding(where: str, persons, total, printed: Decimal, source: str) -> CheckResult:
    places = _places(printed)
    exact = Decimal(persons) * 100 / Decimal(total)
    rounded = percent(persons, total, places)
    if rounded == printed:
        return CheckResult("share", OK, where, _fmt(printed, places), _fmt(rounded, places),
                       f"{_fmt(persons)}/{_fmt(total)} ปัดครึ่งขึ้นได้ตรงกับที่พิมพ์", source)
    if truncate(exact, places) == printed:
        why = (f"{_fmt(persons)}/{_fmt(total)} = {exact:.4f} ปัดครึ่งขึ้นได้ {_fmt(rounded, places)} "
               f"แต่พิมพ์ {_fmt(printed, places)} (ตัดทศนิยมทิ้งแทนการปัดเศษ)")
    else:
        why = f"{_fmt(persons)}/{_fmt(total)} = {exact:.4f} ปัดครึ่งขึ้นได้ {_fmt(rounded, places)} ไม่ตรงกับที่พิมพ์"
    return CheckResult("share", MISMATCH, where, _fmt(printed, places), _fmt(rounded, places), why, source)


def _sum_finding(code: str, where: str, parts, printed_total, source: str, unit: str = "") -> CheckResult:
    total = sum(Decimal(p) for p in parts)
    status = OK if total == Decimal(printed_total) else MISMATCH
    text = " + ".join(_fmt(p) for p in parts) + f" = {_fmt(total)}"
    why = f"ผลรวม {text}{(' ' + unit) if unit else ''}" + ("" if status == OK else f" แต่พิมพ์ {_fmt(printed_total)}")
    return CheckResult(code, status, where, _fmt(printed_total), _fmt(total), why, source)


def outcome_table_findings(table: OutcomeTable, name_th: str) -> list[CheckResult]:
    """Persons add up to the total; each share and printed subtotal against persons/total."""
    findings: list[CheckResult] = []
    persons = [item.persons for group in table.groups for item in group.items]
    findings.append(_sum_finding("sum", f"{name_th}: จำนวนคนรวม", persons, table.total, table.source, table.unit_th))
    printed_shares = []
    for group in table.groups:
        for item in group.items:
            findings.append(_share_finding(f"{name_th}: {item.label_th}", item.persons, table.total,
                                           item.percent_printed, item.source))
            printed_shares.append(item.percent_printed)
        if group.percent_printed is not None:
            places = _places(group.percent_printed)
            group_persons = sum(item.persons for item in group.items)
            direct = percent(group_persons, table.total, places)
            parts_sum = sum(item.percent_printed for item in group.items)
            where = f"{name_th}: รวม{group.label_th}"
            if direct == group.percent_printed:
                findings.append(CheckResult("subtotal", OK, where, _fmt(group.percent_printed, places), _fmt(direct, places),
                                        f"{_fmt(group_persons)}/{_fmt(table.total)} ปัดครึ่งขึ้นได้ตรงกับที่พิมพ์", group.source))
            else:
                why = (f"คิดตรงจาก {_fmt(group_persons)}/{_fmt(table.total)} ได้ {_fmt(direct, places)} "
                       f"แต่พิมพ์ {_fmt(group.percent_printed, places)}")
                if parts_sum == group.percent_printed:
                    why += " ซึ่งเท่ากับผลรวมของร้อยละย่อยที่ปัดเศษแล้ว (" + " + ".join(
                        _fmt(item.percent_printed, places) for item in group.items) + ")"
                findings.append(CheckResult("subtotal", MISMATCH, where, _fmt(group.percent_printed, places),
                                        _fmt(direct, places), why, group.source))
    total_share = sum(printed_shares)
    if total_share != Decimal(100):
        findings.append(CheckResult(
            "share_total", NOTE, f"{name_th}: ผลรวมร้อยละย่อยที่พิมพ์", _fmt(total_share, 2), "100.00",
            f"ร้อยละย่อยที่พิมพ์รวมกันได้ {_fmt(total_share, 2)} ไม่ใช่ 100", table.source))
    return findings


def table_findings(section: CovidSection) -> list[CheckResult]:
    tables = section.tables
    out: list[CheckResult] = []
    relief = tables.relief_payments
    out.append(_sum_finding("sum", "เงินสงเคราะห์: จำนวนรายรวม", [m.cases for m in relief.months],
                            relief.total_cases, relief.source, "ราย"))
    out.append(_sum_finding("sum", "เงินสงเคราะห์: จำนวนเงินรวม", [m.amount_baht for m in relief.months],
                            relief.total_amount_baht, relief.source, "บาท"))
    averages = {m.month: round_half_up(m.amount_baht / m.cases, 2) for m in relief.months if m.cases}
    if len(set(averages.values())) > 1:
        out.append(CheckResult(
            "average", NOTE, "เงินสงเคราะห์: เงินเฉลี่ยต่อราย", "-",
            " / ".join(_fmt(v, 2) for v in averages.values()),
            "เงินเฉลี่ยต่อรายแตกต่างกันในแต่ละเดือน (ไม่ใช่อัตราเดียว) ไม่ใช่ข้อผิดพลาด", relief.source))
    out += outcome_table_findings(tables.screening_point, "จุดคัดกรอง")
    out += outcome_table_findings(tables.shelter_outcomes, "ศูนย์พักพิงชั่วคราว")
    users = tables.protection_centre_users
    for breakdown in users.breakdowns:
        out.append(_sum_finding("sum", f"ผู้ได้รับการคุ้มครอง: {breakdown.label_th}",
                                [i.count for i in breakdown.items], users.total, users.source, users.unit_th))
    training = tables.online_training
    listed = len(training.projects)
    out.append(CheckResult(
        "count", OK if listed == training.projects_printed else MISMATCH, "อบรมออนไลน์: จำนวนโครงการ",
        _fmt(training.projects_printed), _fmt(listed),
        f"ระบุ {_fmt(training.projects_printed)} โครงการ และแจกแจงไว้ {listed} โครงการ"
        f" (ผู้เข้าอบรมรวม {_fmt(sum(p.participants for p in training.projects))} คน ไม่ได้พิมพ์ยอดรวม)",
        training.source))
    return out


def check_findings(section: CovidSection) -> list[CheckResult]:
    """Evaluate the ``checks`` declared in covid.yaml."""
    out: list[CheckResult] = []
    for check in section.checks:
        fact = section.fact
        if check.kind == "sum":
            parts = [fact(i).number for i in check.parts]
            total = fact(check.total)
            out.append(_sum_finding("sum", check.label_th, parts, total.number, total.source, total.unit_th or ""))
        elif check.kind == "percent":
            printed_fact = fact(check.printed)
            printed = printed_fact.number
            out.append(_percent_check(check.label_th, fact(check.numerator).number, fact(check.denominator).number,
                                      printed, printed_fact.source))
        else:  # difference
            printed_fact = fact(check.printed)
            printed = printed_fact.number
            diff = fact(check.minuend).number - fact(check.subtrahend).number
            places = _places(printed)
            status = OK if round_half_up(diff, places) == printed else MISMATCH
            out.append(CheckResult("difference", status, check.label_th, _fmt(printed, places), _fmt(diff, places),
                               f"{_fmt(fact(check.minuend).number, places)} - {_fmt(fact(check.subtrahend).number, places)}"
                               f" = {_fmt(diff, places)}", printed_fact.source))
    return out


def _percent_check(label: str, numerator, denominator, printed: Decimal, source: str) -> CheckResult:
    places = _places(printed)
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    at_printed = percent(numerator, denominator, places)
    two = percent(numerator, denominator, 2)
    if at_printed == printed and places >= 2:
        return CheckResult("percent", OK, label, _fmt(printed, places), _fmt(at_printed, places),
                       f"{_fmt(numerator)}/{_fmt(denominator)} ปัดครึ่งขึ้นได้ตรงกับที่พิมพ์", source)
    why = (f"{_fmt(numerator)}/{_fmt(denominator)} = {exact:.4f} ปัดเป็นทศนิยม 2 ตำแหน่งได้ {_fmt(two, 2)}"
           f" และทศนิยม {places} ตำแหน่งได้ {_fmt(at_printed, places)} แต่พิมพ์ \"{_fmt(printed, places)}\"")
    if truncate(exact, places) == printed:
        why += " (ตัดทศนิยมทิ้ง และพิมพ์ทศนิยมน้อยกว่าที่ใช้ทั้งรายงาน)"
    return CheckResult("percent", MISMATCH, label, _fmt(printed, places), _fmt(two, 2), why, source)


def cross_document_findings(section: CovidSection, series=None) -> list[CheckResult]:
    """Figures that the series file gives for the same thing at another date."""
    out: list[CheckResult] = []
    if series is None:
        return out
    try:
        volunteers = section.fact("volunteers_nationwide")
    except KeyError:
        return out
    rows = series[(series["series_id"] == "volunteers") & (series["fiscal_year"] == section.fiscal_year)]
    if not rows.empty and rows.iloc[0]["numerator"] == rows.iloc[0]["numerator"]:
        other = Decimal(repr(float(rows.iloc[0]["numerator"])))
        status = OK if other == volunteers.number else NOTE
        out.append(CheckResult(
            "cross_document", status, "จำนวน อพม. ปี " + str(section.fiscal_year),
            _fmt(volunteers.number), _fmt(other),
            f"ส่วนโควิดพิมพ์ {_fmt(volunteers.number)} คน (ข้อมูล ณ 27 ส.ค. 64) ส่วนข้อมูลพื้นฐานของตัวชี้วัดปี 2566"
            f" พิมพ์ {_fmt(other)} คนสำหรับปี {section.fiscal_year} ({rows.iloc[0]['source']}) วันตัดข้อมูลต่างกัน"
            " ยังไม่ทราบว่าตัวเลขใดเป็นยอดสิ้นปี",
            volunteers.source))
    return out


PRINTED_ISSUE_KINDS_TH = {"typo": "คำพิมพ์ผิด", "label": "ชื่อหรือหัวข้อไม่ตรงเนื้อหา", "omission": "ข้อความขาดหาย",
                         "inconsistency": "ข้อความไม่สอดคล้องกัน"}


def printed_issue_findings(section: CovidSection) -> list[CheckResult]:
    return [CheckResult("printed_issue", NOTE, PRINTED_ISSUE_KINDS_TH[issue.kind], "-", "-", issue.description_th,
                        issue.source)
            for issue in section.printed_issues]


# ---------------------------------------------------------------- numbers in the narrative
_NUMBER_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d,])")
_IGNORED_CONTEXT = re.compile(r"(?:โควิด|COVID)[\s\-–]*$|ฉบับที่\s*$|ราชการ\s*$|พ\.ศ\.\s*$|^\s*น\.")


def _narrative_texts(section: CovidSection):
    yield "1.1", [(p.text, p.source) for _, block in section.impacts.ways_of_working.items() for p in block.points]
    yield "ตารางที่ 1", [(c, row.source) for row in section.impacts.affected_kpis for c in [row.name_th, *row.causes]]
    for dim, responses in section.responses.by_dimension.items():
        for r in responses:
            texts = [r.response, *r.outcomes, *r.success_factors, *r.obstacles]
            yield f"ตารางที่ 2 ({dim} {r.item})", [(t, r.source) for t in texts]
    yield "ส่วนที่ 3", [(p.text, p.source) for _, block in section.good_practices.by_dimension.items() for p in block.points]
    for name, part in (("4.1", section.recommendations.policy), ("4.2", section.recommendations.practical)):
        yield name, [(p.text, p.source) for _, block in part.by_dimension.items() for p in block.points]


def declared_numbers(section: CovidSection) -> set[Decimal]:
    """Every figure the params declare in structured form (facts, tables, ratios, KPI ids)."""
    numbers: set[Decimal] = set()
    for fact in section.facts:
        if fact.numeric:
            numbers.add(fact.number)
        for token in _NUMBER_RE.findall(fact.value):
            numbers.add(Decimal(token.replace(",", "")))
    t = section.tables
    numbers |= {t.relief_payments.total_cases, t.relief_payments.total_amount_baht}
    for m in t.relief_payments.months:
        numbers |= {m.cases, m.amount_baht}
    for table in (t.screening_point, t.shelter_outcomes):
        numbers.add(table.total)
        for g in table.groups:
            if g.percent_printed is not None:
                numbers.add(g.percent_printed)
            for i in g.items:
                numbers |= {i.persons, i.percent_printed}
    numbers.add(t.protection_centre_users.total)
    for b in t.protection_centre_users.breakdowns:
        numbers |= {i.count for i in b.items}
    numbers.add(t.online_training.projects_printed)
    numbers |= {p.participants for p in t.online_training.projects}
    for r in section.impacts.staff_ratio:
        numbers |= {n for n in (r.staff, r.service_users, r.facilities) if n is not None}
    for row in section.impacts.affected_kpis:
        numbers |= {Decimal(k) for k in row.kpi_ids}
    return {n.normalize() for n in numbers}


def narrative_number_findings(section: CovidSection) -> list[CheckResult]:
    """Numbers written in narrative text that no structured figure backs (a typo guard).

    B.E. years, clock times, "โควิด 19", plan numbers and "4.0" are not figures
    and are skipped.
    """
    known = declared_numbers(section)
    out = []
    for where, texts in _narrative_texts(section):
        for text, source in texts:
            for match in _NUMBER_RE.finditer(text):
                token = match.group(0)
                value = Decimal(token.replace(",", ""))
                before, after = text[: match.start()], text[match.end():]
                if 2400 <= value <= 2700 and "." not in token:  # B.E. year
                    continue
                if re.search(r"\d{2}\.\d{2}$", token) and after.lstrip().startswith("น."):
                    continue  # clock time
                if _IGNORED_CONTEXT.search(before) or _IGNORED_CONTEXT.search(after[:3]):
                    continue
                if value.normalize() in known:
                    continue
                out.append(CheckResult("narrative_number", MISMATCH, where, token, "-",
                                   f"ตัวเลข {token} ในข้อความ ไม่มีในตัวเลขประกอบ (facts/tables) ของไฟล์ params", source))
    return out


def all_findings(section: CovidSection, series=None) -> list[CheckResult]:
    return (table_findings(section) + check_findings(section) + cross_document_findings(section, series)
            + narrative_number_findings(section) + printed_issue_findings(section))


def data_quality_findings(section: CovidSection, series=None):
    """The problems among :func:`all_findings` as shared :class:`dswlib.findings.Finding` objects."""
    from ..findings import Finding

    out = []
    for result in all_findings(section, series):
        if not result.is_problem:
            continue
        out.append(Finding(
            code=f"covid_{result.code}",
            severity="warning" if result.status == MISMATCH else "info",
            where=f"params/{section.fiscal_year}/covid.yaml: {result.where_th}",
            message=result.explanation_th,
            source=result.source,
            expected=result.recomputed,
            printed=result.printed,
            where_th=result.where_th,
        ))
    return out


def year_findings(params_dir, fiscal_year) -> list:
    """The COVID section's data-quality findings of a fiscal year (``[]`` when the year has no covid.yaml).

    This is what ``dsw check <year>`` adds to the catalog checks (:func:`dswlib.checks.check_year`):
    sums of rounded parts, truncated percentages, a percent off its count, printed issues.
    """
    from ..paths import resolve_params_dir
    from ..series import load_series, series_path
    from .model import covid_path, load_covid

    params = resolve_params_dir(params_dir)
    if not covid_path(params, fiscal_year).is_file():
        return []
    section = load_covid(params, fiscal_year)
    series = load_series(params) if series_path(params).exists() else None
    return data_quality_findings(section, series)


def findings_frame(findings: list[CheckResult], *, problems_only: bool = False):
    import pandas as pd

    rows = [f for f in findings if f.is_problem or not problems_only]
    return pd.DataFrame(
        [{"สถานะ": f.status, "รายการ": f.where_th, "ที่พิมพ์": f.printed, "คำนวณใหม่": f.recomputed,
          "คำอธิบาย": f.explanation_th, "แหล่งอ้างอิง": f.source} for f in rows],
        columns=["สถานะ", "รายการ", "ที่พิมพ์", "คำนวณใหม่", "คำอธิบาย", "แหล่งอ้างอิง"],
    )
