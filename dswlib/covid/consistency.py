"""Figure-consistency checks on the COVID section: data-quality findings, never fixes.

Every printed figure is kept as printed; these checks recompute what can be
recomputed (sums, shares, differences) and report where the print differs,
with the likely reason (a subtotal that is the sum of rounded parts, a
truncated share). Every check made is a :class:`Checked` (passed or not) that
describes itself as a shared :class:`dswlib.findings.Finding`: ``where_th`` names
the place in the report's Thai terms ("ตารางประกอบ ข (จุดคัดกรอง) แถว ..."),
``where`` the file and field of ``covid.yaml``, ``source`` the seed line(s).
:func:`all_findings` gives the problems, which the report and ``dsw check`` show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..findings import Finding
from ..thainum import format_number, percent, round_half_up, truncate
from .model import FILE_NAME, CovidSection
from .places import fact_place, narrative_blocks, response_place, table_label, table_row

PASSED, MISMATCH, NOTE = "passed", "mismatch", "note"
_SEVERITY = {PASSED: "info", MISMATCH: "warning", NOTE: "info"}


@dataclass(frozen=True)
class Checked:
    """One check made on the section: whether the printed figure held, described as a :class:`Finding`."""

    ok: bool
    finding: Finding


class _Checker:
    """Builds :class:`Checked` results for one section (knows its file for the technical ``where``)."""

    def __init__(self, section: CovidSection):
        self.section = section
        self.file = f"params/{section.fiscal_year}/{FILE_NAME}"

    def __call__(self, status: str, code: str, field: str, where_th: str, printed: str, expected: str,
                 message: str, source: str) -> Checked:
        return Checked(status == PASSED, Finding(
            code=f"covid_{code}", severity=_SEVERITY[status], where=f"{self.file}: {field}", message=message,
            source=source, expected=expected, printed=printed, where_th=where_th,
        ))


def _places(printed: Decimal) -> int:
    exponent = printed.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _fmt(value: Decimal, places: int | None = None) -> str:
    return format_number(value, places)


def _share(check: _Checker, field: str, where_th: str, persons, total, printed: Decimal, source: str) -> Checked:
    places = _places(printed)
    exact = Decimal(persons) * 100 / Decimal(total)
    rounded = percent(persons, total, places)
    if rounded == printed:
        return check(PASSED, "share", field, where_th, _fmt(printed, places), _fmt(rounded, places),
                     f"{_fmt(persons)}/{_fmt(total)} ปัดครึ่งขึ้นได้ตรงกับที่พิมพ์", source)
    if truncate(exact, places) == printed:
        why = (f"{_fmt(persons)}/{_fmt(total)} = {exact:.4f} ปัดครึ่งขึ้นได้ {_fmt(rounded, places)} "
               f"แต่พิมพ์ {_fmt(printed, places)} (ตัดทศนิยมทิ้งแทนการปัดเศษ)")
    else:
        why = f"{_fmt(persons)}/{_fmt(total)} = {exact:.4f} ปัดครึ่งขึ้นได้ {_fmt(rounded, places)} ไม่ตรงกับที่พิมพ์"
    return check(MISMATCH, "share", field, where_th, _fmt(printed, places), _fmt(rounded, places), why, source)


def _sum(check: _Checker, field: str, where_th: str, parts, printed_total, source: str, unit: str = "") -> Checked:
    total = sum(Decimal(p) for p in parts)
    status = PASSED if total == Decimal(printed_total) else MISMATCH
    text = " + ".join(_fmt(p) for p in parts) + f" = {_fmt(total)}"
    why = f"ผลรวม {text}{(' ' + unit) if unit else ''}" + ("" if status == PASSED else f" แต่พิมพ์ {_fmt(printed_total)}")
    return check(status, "sum", field, where_th, _fmt(printed_total), _fmt(total), why, source)


def outcome_table_checks(section: CovidSection, table_id: str) -> list[Checked]:
    """Persons add up to the total; each share and printed subtotal against persons/total."""
    check = _Checker(section)
    table = getattr(section.tables, table_id)
    base = f"tables.{table_id}"
    out = [_sum(check, f"{base}.total", table_row(table_id, "รวม (จำนวนคน)"),
                [item.persons for group in table.groups for item in group.items], table.total, table.source,
                table.unit_th)]
    printed_shares = []
    for group in table.groups:
        for index, item in enumerate(group.items):
            out.append(_share(check, f"{base}.groups[{group.id}].items[{index}].percent_printed",
                              table_row(table_id, item.label_th), item.persons, table.total, item.percent_printed,
                              item.source))
            printed_shares.append(item.percent_printed)
        if group.percent_printed is not None:
            places = _places(group.percent_printed)
            group_persons = sum(item.persons for item in group.items)
            direct = percent(group_persons, table.total, places)
            parts_sum = sum(item.percent_printed for item in group.items)
            field = f"{base}.groups[{group.id}].percent_printed"
            where_th = table_row(table_id, f"รวม{group.label_th}")
            if direct == group.percent_printed:
                out.append(check(PASSED, "subtotal", field, where_th, _fmt(group.percent_printed, places),
                                 _fmt(direct, places),
                                 f"{_fmt(group_persons)}/{_fmt(table.total)} ปัดครึ่งขึ้นได้ตรงกับที่พิมพ์", group.source))
            else:
                why = (f"คิดตรงจาก {_fmt(group_persons)}/{_fmt(table.total)} ได้ {_fmt(direct, places)} "
                       f"แต่พิมพ์ {_fmt(group.percent_printed, places)}")
                if parts_sum == group.percent_printed:
                    why += " ซึ่งเท่ากับผลรวมของร้อยละย่อยที่ปัดเศษแล้ว (" + " + ".join(
                        _fmt(item.percent_printed, places) for item in group.items) + ")"
                out.append(check(MISMATCH, "subtotal", field, where_th, _fmt(group.percent_printed, places),
                                 _fmt(direct, places), why, group.source))
    total_share = sum(printed_shares)
    if total_share != Decimal(100):
        out.append(check(NOTE, "share_total", f"{base}.groups[*].items[*].percent_printed",
                         f"{table_label(table_id)} ผลรวมร้อยละย่อยที่พิมพ์", _fmt(total_share, 2), "100.00",
                         f"ร้อยละย่อยที่พิมพ์รวมกันได้ {_fmt(total_share, 2)} ไม่ใช่ 100", table.source))
    return out


def table_checks(section: CovidSection) -> list[Checked]:
    """Every check of the five supporting tables (ก-จ)."""
    check = _Checker(section)
    tables = section.tables
    out: list[Checked] = []
    relief = tables.relief_payments
    out.append(_sum(check, "tables.relief_payments.total_cases", table_row("relief_payments", "รวมทั้งสิ้น (จำนวนราย)"),
                    [m.cases for m in relief.months], relief.total_cases, relief.source, "ราย"))
    out.append(_sum(check, "tables.relief_payments.total_amount_baht",
                    table_row("relief_payments", "รวมทั้งสิ้น (จำนวนเงิน)"),
                    [m.amount_baht for m in relief.months], relief.total_amount_baht, relief.source, "บาท"))
    averages = {m.month: round_half_up(m.amount_baht / m.cases, 2) for m in relief.months if m.cases}
    if len(set(averages.values())) > 1:
        out.append(check(NOTE, "average", "tables.relief_payments.months[*]",
                         f"{table_label('relief_payments')} คอลัมน์เฉลี่ยต่อราย", "-",
                         " / ".join(_fmt(v, 2) for v in averages.values()),
                         "เงินเฉลี่ยต่อรายแตกต่างกันในแต่ละเดือน (ไม่ใช่อัตราเดียว) ไม่ใช่ข้อผิดพลาด", relief.source))
    out += outcome_table_checks(section, "screening_point")
    out += outcome_table_checks(section, "shelter_outcomes")
    users = tables.protection_centre_users
    for breakdown in users.breakdowns:
        out.append(_sum(check, f"tables.protection_centre_users.breakdowns[{breakdown.id}]",
                        table_row("protection_centre_users", breakdown.label_th),
                        [i.count for i in breakdown.items], users.total, users.source, users.unit_th))
    training = tables.online_training
    listed = len(training.projects)
    out.append(check(
        PASSED if listed == training.projects_printed else MISMATCH, "count", "tables.online_training.projects_printed",
        f"{table_label('online_training')} จำนวนโครงการ", _fmt(training.projects_printed), _fmt(listed),
        f"ระบุ {_fmt(training.projects_printed)} โครงการ และแจกแจงไว้ {listed} โครงการ"
        f" (ผู้เข้าอบรมรวม {_fmt(sum(p.participants for p in training.projects))} คน ไม่ได้พิมพ์ยอดรวม)",
        training.source))
    return out


def declared_checks(section: CovidSection) -> list[Checked]:
    """Evaluate the ``checks`` declared in covid.yaml (a sum, a percentage, a difference of reported figures)."""
    check = _Checker(section)
    out: list[Checked] = []
    fact = section.fact
    for index, declared in enumerate(section.checks):
        field = f"checks[{index}]"
        if declared.kind == "sum":
            parts = [fact(i).number for i in declared.parts]
            total = fact(declared.total)
            out.append(_sum(check, field, fact_place(section, declared.total), parts, total.number, total.source,
                            total.unit_th or ""))
        elif declared.kind == "percent":
            printed_fact = fact(declared.printed)
            out.append(_percent_check(check, field, fact_place(section, declared.printed),
                                      fact(declared.numerator).number, fact(declared.denominator).number,
                                      printed_fact.number, printed_fact.source))
        else:  # difference
            printed_fact = fact(declared.printed)
            printed = printed_fact.number
            diff = fact(declared.minuend).number - fact(declared.subtrahend).number
            places = _places(printed)
            status = PASSED if round_half_up(diff, places) == printed else MISMATCH
            out.append(check(status, "difference", field, fact_place(section, declared.printed),
                             _fmt(printed, places), _fmt(diff, places),
                             f"{_fmt(fact(declared.minuend).number, places)} - "
                             f"{_fmt(fact(declared.subtrahend).number, places)} = {_fmt(diff, places)}",
                             printed_fact.source))
    return out


def _percent_check(check: _Checker, field: str, where_th: str, numerator, denominator, printed: Decimal,
                   source: str) -> Checked:
    places = _places(printed)
    exact = Decimal(numerator) * 100 / Decimal(denominator)
    at_printed = percent(numerator, denominator, places)
    two = percent(numerator, denominator, 2)
    if at_printed == printed and places >= 2:
        return check(PASSED, "percent", field, where_th, _fmt(printed, places), _fmt(at_printed, places),
                     f"{_fmt(numerator)}/{_fmt(denominator)} ปัดครึ่งขึ้นได้ตรงกับที่พิมพ์", source)
    why = (f"{_fmt(numerator)}/{_fmt(denominator)} = {exact:.4f} ปัดเป็นทศนิยม 2 ตำแหน่งได้ {_fmt(two, 2)}"
           f" และทศนิยม {places} ตำแหน่งได้ {_fmt(at_printed, places)} แต่พิมพ์ \"{_fmt(printed, places)}\"")
    if truncate(exact, places) == printed:
        why += " (ตัดทศนิยมทิ้ง และพิมพ์ทศนิยมน้อยกว่าที่ใช้ทั้งรายงาน)"
    return check(MISMATCH, "percent", field, where_th, _fmt(printed, places), _fmt(two, 2), why, source)


def cross_document_checks(section: CovidSection, series=None) -> list[Checked]:
    """Figures that the series file gives for the same thing at another date."""
    if series is None:
        return []
    try:
        volunteers = section.fact("volunteers_nationwide")
    except KeyError:
        return []
    rows = series[(series["series_id"] == "volunteers") & (series["fiscal_year"] == section.fiscal_year)]
    if rows.empty or rows.iloc[0]["numerator"] != rows.iloc[0]["numerator"]:
        return []
    try:
        as_of = f" (ข้อมูล ณ {section.fact('volunteers_as_of').value})"
    except KeyError:
        as_of = ""
    other = Decimal(repr(float(rows.iloc[0]["numerator"])))
    status = PASSED if other == volunteers.number else NOTE
    check = _Checker(section)
    return [check(
        status, "cross_document",
        f"facts[volunteers_nationwide]; params/series/kpi_results.csv: volunteers {section.fiscal_year}",
        fact_place(section, "volunteers_nationwide") + f" ปี {section.fiscal_year}",
        _fmt(volunteers.number), _fmt(other),
        f"ส่วนผลการถอดบทเรียนโควิดพิมพ์ {_fmt(volunteers.number)} คน{as_of} ส่วนข้อมูลพื้นฐานของตัวชี้วัดปี 2566"
        f" พิมพ์ {_fmt(other)} คนสำหรับปี {section.fiscal_year} วันตัดข้อมูลต่างกัน"
        " ยังไม่ทราบว่าตัวเลขใดเป็นยอดสิ้นปี",
        f"{volunteers.source}; {rows.iloc[0]['source']}")]


PRINTED_ISSUE_KINDS_TH = {"typo": "คำพิมพ์ผิด", "label": "ชื่อหรือหัวข้อไม่ตรงเนื้อหา", "omission": "ข้อความขาดหาย",
                         "inconsistency": "ข้อความไม่สอดคล้องกัน"}


def printed_issue_checks(section: CovidSection) -> list[Checked]:
    """Problems in the printed text (typos, wrong labels) recorded in covid.yaml: always findings."""
    check = _Checker(section)
    return [check(NOTE, "printed_issue", f"printed_issues[{index}]",
                  issue.where_th or PRINTED_ISSUE_KINDS_TH[issue.kind], "-", "-",
                  f"{PRINTED_ISSUE_KINDS_TH[issue.kind]}: {issue.description_th}", issue.source)
            for index, issue in enumerate(section.printed_issues)]


# ---------------------------------------------------------------- numbers in the narrative
_NUMBER_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d,])")
_IGNORED_CONTEXT = re.compile(r"(?:โควิด|COVID)[\s\-–]*$|ฉบับที่\s*$|ราชการ\s*$|พ\.ศ\.\s*$|^\s*น\.")


def _narrative_texts(section: CovidSection):
    """``(where_th, field, [(text, source)])`` of every narrative text of the section."""
    for place, field, block in narrative_blocks(section):
        yield place, field, [(p.text, p.source) for p in block.points]
    for index, row in enumerate(section.impacts.affected_kpis):
        yield (f"ตารางที่ 1 ตัวชี้วัดที่ {', '.join(row.kpi_ids)}", f"impacts.affected_kpis[{index}]",
               [(c, row.source) for c in [row.name_th, *row.causes]])
    for dim, responses in section.responses.by_dimension.items():
        for index, r in enumerate(responses):
            texts = [r.response, *r.outcomes, *r.success_factors, *r.obstacles]
            yield response_place(dim, r.item), f"responses.by_dimension.{dim}[{index}]", [(t, r.source) for t in texts]


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



def narrative_number_checks(section: CovidSection) -> list[Checked]:
    """Numbers written in narrative text that no structured figure backs (a typo guard).

    B.E. years, clock times, "โควิด 19", plan numbers and "4.0" are not figures
    and are skipped. Only problems are returned.
    """
    check = _Checker(section)
    known = declared_numbers(section)
    out = []
    for where_th, field, texts in _narrative_texts(section):
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
                out.append(check(MISMATCH, "narrative_number", field, where_th, token, "-",
                                 f"ตัวเลข {token} ในข้อความไม่ตรงกับตัวเลขใดในตารางหรือรายการตัวเลขที่รายงานของส่วนนี้",
                                 source))
    return out


def all_checks(section: CovidSection, series=None) -> list[Checked]:
    """Every check made on the section, passed or not, in report order."""
    return (table_checks(section) + declared_checks(section) + cross_document_checks(section, series)
            + narrative_number_checks(section) + printed_issue_checks(section))


def all_findings(section: CovidSection, series=None) -> list[Finding]:
    """The problems among :func:`all_checks`: the section's data-quality findings."""
    return [c.finding for c in all_checks(section, series) if not c.ok]


data_quality_findings = all_findings  # the name ``dsw check`` used


def year_findings(params_dir, fiscal_year) -> list[Finding]:
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
    return all_findings(section, series)
