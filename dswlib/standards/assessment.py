"""One province's assessment for one year: the seed's evaluation form (004 L1820-1929) as a table.

File layout (CSV in UTF-8, UTF-16 or TIS-620, or an Excel workbook whose form sheet
is found by its header; see :mod:`dswlib.tabular`) — one row per input value::

    indicator_id | input | value | problems | remedies | (informational columns ...)
    meta         | province_code | 50
    meta         | fiscal_year   | 2564
    D2.I2        | numerator     | 850
    D2.I2        | denominator   | 1000

``indicator_id`` is ``D<dimension>.I<number>`` (numbering as printed, restarting
in every dimension) or ``meta``; ``input`` names one of the indicator's inputs
in ``params/standards/rubric.yaml``. ``problems`` / ``remedies`` are the form's
ปัญหา/อุปสรรค and แนวทางแก้ไข columns. Other columns (the template's Thai
labels) are ignored. A blank ``value`` means "not reported" (the indicator is
then *missing*, never 0); "n/a" / "ไม่เกี่ยวข้อง" means not applicable, where the
rubric allows it (DECISIONS.md INPUT-FILES). Every problem is reported as a
:class:`~dswlib.errors.ParamsError` naming the file, the row and the column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..errors import ParamsError, ParamsErrors
from ..tabular import NOT_APPLICABLE, Table, is_blank, is_not_applicable, parse_cell_number, read_table
from ..thainum import is_missing, to_arabic_digits
from .rubric import InputSpec, Rubric

REQUIRED_COLUMNS = ("indicator_id", "input", "value")
META = "meta"
META_INPUTS = ("province_code", "province_th", "fiscal_year", "as_of", "synthetic", "note")
YES = {"มี", "ใช่", "ผ่าน", "yes", "y", "true", "1", "มีการดำเนินการ"}
NO = {"ไม่มี", "ไม่ใช่", "ไม่ผ่าน", "no", "n", "false", "0", "ไม่ได้ดำเนินการ"}
BLANK_MARKS = {"-", "–", "—"}  # printed dashes: not reported, like a blank cell


@dataclass
class Assessment:
    province_code: str
    fiscal_year: int
    values: dict[str, dict] = field(default_factory=dict)  # indicator id -> input name -> parsed value
    problems: dict[str, str] = field(default_factory=dict)
    remedies: dict[str, str] = field(default_factory=dict)
    as_of: dt.date | None = None
    synthetic: bool = False
    note: str = ""
    source: str = "<memory>"


# ---- value parsing ----------------------------------------------------------
def parse_input(spec: InputSpec, raw, *, source, where):
    """Parse one cell for ``spec``: ``None`` for a blank cell, :data:`NOT_APPLICABLE` for "n/a"/"ไม่เกี่ยวข้อง"."""
    t = spec.type
    if t == "choice" and isinstance(raw, str):  # before the blank test: "none" is a choice code
        text = raw.strip()
        for code, label in spec.choices.items():
            if text.lower() == code or text == label:
                return code
    if is_blank(raw) or (isinstance(raw, str) and raw.strip() in BLANK_MARKS):
        return None
    if is_not_applicable(raw):
        return NOT_APPLICABLE
    if t == "yes_no":
        if isinstance(raw, bool):
            return raw
        text = to_arabic_digits(str(raw)).strip().lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ParamsError(source, where, "มี/ไม่มี (yes/no)", raw)
    if t == "choice":
        options = " / ".join(f"{c} ({lab})" for c, lab in spec.choices.items())
        raise ParamsError(source, where, f"one of {options}", raw)
    if isinstance(raw, bool):
        raise ParamsError(source, where, "a number", raw)
    number = parse_cell_number(raw, source=source, where=where)
    if number is None:
        return None
    if t in ("count", "months"):
        if number != number.to_integral_value():
            raise ParamsError(source, where, "a whole number (count)", raw)
        value = int(number)
        if t == "months" and value > 12:
            raise ParamsError(source, where, "a number of months 0-12", raw)
        return value
    if t == "percent" and number > 100:
        raise ParamsError(source, where, "a percentage 0-100", raw)
    return number


# ---- reading ----------------------------------------------------------------
def read_table_of(path) -> Table:
    """The form table of an assessment file (CSV in any Thai Excel encoding, or a workbook's form sheet)."""
    return read_table(path, REQUIRED_COLUMNS, what="an assessment form")


def read_assessment(path, rubric: Rubric, params_dir=None) -> Assessment:
    """Read and validate one assessment file against ``rubric``."""
    from .provinces import find_province

    table = read_table_of(path)
    src = table.source
    rows = list(table.rows)
    header = list(table.columns)
    col = {name: header.index(name) for name in REQUIRED_COLUMNS + ("problems", "remedies") if name in header}

    errors: list[ParamsError] = []
    cells: dict[tuple[str, str], tuple[int, object]] = {}
    notes: dict[str, dict[str, list[str]]] = {}
    for n, row in rows:
        def cell(name):
            i = col.get(name)
            value = row[i] if i is not None and i < len(row) else ""
            return "" if value is None else value

        ind_id = str(cell("indicator_id")).strip()
        inp = str(cell("input")).strip()
        if not ind_id and not inp:
            continue
        if ind_id != META:
            try:
                ind = rubric.indicator(ind_id)
            except KeyError:
                errors.append(ParamsError(src, f"row {n}, column indicator_id", "an indicator id like D2.I5 or 'meta'", ind_id))
                continue
            if inp not in [s.name for s in ind.inputs]:
                errors.append(ParamsError(src, f"row {n}, column input",
                                          f"one of the inputs of {ind_id}: {', '.join(s.name for s in ind.inputs)}", inp))
                continue
        elif inp not in META_INPUTS:
            errors.append(ParamsError(src, f"row {n}, column input", f"one of {', '.join(META_INPUTS)}", inp))
            continue
        if (ind_id, inp) in cells:
            errors.append(ParamsError(src, f"row {n}", f"one row for {ind_id} {inp} (first at row {cells[(ind_id, inp)][0]})", "a duplicate"))
            continue
        cells[(ind_id, inp)] = (n, cell("value"))
        for kind in ("problems", "remedies"):
            text = str(cell(kind)).strip()
            if text and ind_id != META:
                notes.setdefault(kind, {}).setdefault(ind_id, []).append(text)

    # meta
    def meta(name):
        return cells.get((META, name), (None, ""))

    province = None
    n, raw = meta("province_code")
    if is_missing(raw) or str(raw).strip() == "":
        errors.append(ParamsError(src, "meta row province_code" if n is None else f"row {n}, column value",
                                  "the province code (a 'meta, province_code' row)", raw if n else "no such row"))
    else:
        code = str(raw).strip()
        code = code[:-2] if code.endswith(".0") else code  # Excel numbers
        try:
            province = find_province(code, params_dir)
        except ParamsError:
            errors.append(ParamsError(src, f"row {n}, column value", "one of the 76 province codes in params/standards/provinces.csv", raw))
    n_th, raw_th = meta("province_th")
    if province is not None and str(raw_th).strip() and str(raw_th).strip() != province.name_th:
        errors.append(ParamsError(src, f"row {n_th}, column value", f"the name of province {province.code}: {province.name_th}", raw_th))
    fiscal_year = None
    n, raw = meta("fiscal_year")
    try:
        from ..fiscal import normalize_be_year

        if n is None or str(raw).strip() == "":
            raise ParamsError(src, None, "", "")
        fiscal_year = normalize_be_year(str(raw).strip().removesuffix(".0"))
    except ParamsError:
        errors.append(ParamsError(src, "meta row fiscal_year" if n is None else f"row {n}, column value",
                                  "a B.E. fiscal year such as 2564", raw if n else "no such row"))
    as_of = None
    n, raw = meta("as_of")
    if str(raw).strip():
        if isinstance(raw, dt.datetime):
            as_of = raw.date()
        elif isinstance(raw, dt.date):
            as_of = raw
        else:
            try:
                as_of = dt.date.fromisoformat(str(raw).strip()[:10])
            except ValueError:
                errors.append(ParamsError(src, f"row {n}, column value", "a date YYYY-MM-DD (C.E.)", raw))
    n, raw = meta("synthetic")
    synthetic = False
    if str(raw).strip():
        text = str(raw).strip().lower()
        if text in YES:
            synthetic = True
        elif text not in NO:
            errors.append(ParamsError(src, f"row {n}, column value", "yes/no", raw))

    # indicator values
    values: dict[str, dict] = {}
    for ind in rubric.indicators():
        vals = {}
        for spec in ind.inputs:
            if (ind.id, spec.name) not in cells:
                errors.append(ParamsError(src, f"indicator {ind.id}", f"a row for input {spec.name!r} ({spec.label_th})", "no such row"))
                continue
            n, raw = cells[(ind.id, spec.name)]
            try:
                vals[spec.name] = parse_input(spec, raw, source=src, where=f"row {n}, column value ({ind.id} {spec.name})")
            except ParamsError as exc:
                errors.append(exc)
        values[ind.id] = vals
        na_errors = _not_applicable(ind, vals, cells, src)
        errors.extend(na_errors)
        if not na_errors and not any(v is NOT_APPLICABLE for v in vals.values()):
            errors.extend(_consistency(ind, vals, cells, src))
    if errors:
        raise errors[0] if len(errors) == 1 else ParamsErrors(errors)
    return Assessment(
        province_code=province.code, fiscal_year=fiscal_year, values=values,
        problems={k: " / ".join(v) for k, v in notes.get("problems", {}).items()},
        remedies={k: " / ".join(v) for k, v in notes.get("remedies", {}).items()},
        as_of=as_of, synthetic=synthetic, note=str(meta("note")[1]).strip(), source=src,
    )


def _not_applicable(ind, vals, cells, src) -> list[ParamsError]:
    """An explicit "n/a" makes the whole indicator not applicable, and only where the rubric allows it."""
    na = [name for name, v in vals.items() if v is NOT_APPLICABLE]
    if not na:
        return []
    where = f"row {cells[(ind.id, na[0])][0]}, column value ({ind.id} {na[0]})"
    if not ind.may_be_not_applicable:
        return [ParamsError(src, where,
                            f"a value: {ind.id} cannot be not applicable (it is assessed every year; "
                            "see DECISIONS.md MISSING-NA)", "ไม่เกี่ยวข้อง (n/a)")]
    given = [name for name, v in vals.items() if v is not NOT_APPLICABLE and v is not None and v != 0]
    if given:
        return [ParamsError(src, where, f"n/a on every input of {ind.id} or on none "
                            f"({', '.join(given)} has a value)", "ไม่เกี่ยวข้อง (n/a)")]
    return []


def _consistency(ind, vals, cells, src) -> list[ParamsError]:
    """Cross-input rules: numerator <= denominator, declared a <= b, denominators that cannot be 0."""
    out = []

    def where(name):
        return f"row {cells[(ind.id, name)][0]}, column value ({ind.id} {name})"

    pairs = list(ind.constraints_le)
    if ind.measure == "percent":
        pairs.append(("numerator", "denominator"))
    for a, b in pairs:
        va, vb = vals.get(a), vals.get(b)
        if va is not None and vb is not None and va > vb:
            out.append(ParamsError(src, where(a), f"at most {b} = {vb}", va))
    if ind.measure == "percent" and vals.get("denominator") == 0 and ind.zero_denominator == "error":
        out.append(ParamsError(src, where("denominator"), f"a positive number ({ind.input('denominator').label_th} cannot be 0)", 0))
    if ind.measure == "report_timeliness":
        c, w, lt = (vals.get(k) for k in ("cases", "within_15_days", "later"))
        if None not in (c, w, lt) and w + lt > c:
            out.append(ParamsError(src, where("later"), f"within_15_days + later at most cases = {c}", w + lt))
    return out


def score_assessment(rubric: Rubric, assessment: Assessment):
    """(Scores of dimensions 2-4, {id: InputCheck} for dimension 1)."""
    from .aggregate import aggregate_all
    from .scoring import check_input_indicator, score_indicator

    results = {i.id: score_indicator(i, assessment.values.get(i.id, {})) for i in rubric.scored_indicators()}
    checks = {i.id: check_input_indicator(i, assessment.values.get(i.id, {})) for i in rubric.input_indicators()}
    return aggregate_all(rubric, results), checks

