"""`dsw intake template` / `dsw intake import`: the Excel round of a year's results (issue 15)."""

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from dswlib.catalog import load_catalog
from dswlib.cli import main
from dswlib.intake import layout as L
from dswlib.units import load_units_table
from dswlib.yamlrt import dump_rt, load_rt
from intake_helpers import clear_results, input_ref, label_row, set_cached_value, table_first_row, tree_digest

ROOT = Path(__file__).resolve().parents[1]


def dsw(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="session")
def filled_2564(tmp_path_factory):
    """FY2564 exported with --filled from today's params (written once; tests save edits elsewhere)."""
    book = tmp_path_factory.mktemp("intake") / "fy2564_filled.xlsx"
    res = dsw("intake", "template", 2564, "--filled", "-o", book, "--params", ROOT / "params")
    assert res.exit_code == 0, res.output
    return book


@pytest.fixture
def cleared(params_copy):
    """A scratch copy of params whose FY2564 results are cleared (units kept)."""
    clear_results(params_copy, 2564)
    return params_copy


def _units(params, kpi):
    table = load_units_table(params, 2564, kpi)
    return table.rows.to_dict("records"), table.total


# --------------------------------------------------------------------------- round trip
def test_yaml_round_trip_keeps_params_files_byte_for_byte(params_dir):
    for year in (2564, 2566):
        path = params_dir / str(year) / "kpis.yaml"
        assert dump_rt(load_rt(path)) == path.read_text(encoding="utf-8")


def test_fy2564_filled_export_cleared_import_reproduces_score_and_unit_tables(params_dir, cleared, filled_2564):
    before = dsw("score", 2564, "--json", "--params", params_dir)
    assert before.exit_code == 0
    assert dsw("score", 2564, "--json", "--params", cleared).output != before.output  # really cleared
    res = dsw("intake", "import", 2564, filled_2564, "--as-printed", "--params", cleared)
    assert res.exit_code == 0, res.output
    assert "KPI 3.1 result.numerator: - → 198 (KPI 3.1!B16)" in res.output
    assert "dsw check 2564:" in res.output and "numerator_above_denominator" in res.output  # checks ran after import
    after = dsw("score", 2564, "--json", "--params", cleared)
    assert after.output == before.output
    doc = json.loads(after.output)
    assert doc["total"] == 54.17
    original, imported = load_catalog(params_dir, 2564), load_catalog(cleared, 2564)
    for a, b in zip(original.kpis, imported.kpis):
        if a.units_table is not None:
            assert _units(params_dir, a) == _units(cleared, b), a.id
        da, db = a.model_dump(), b.model_dump()
        if db["result"] is not None:
            assert db["result"].pop("round") == 12
            da["result"].pop("round")
        # narrative text comes back from the workbook; the seed line of an item cleared from
        # params cannot (the workbook cell is recorded in provenance.yaml instead)
        for d in (da, db):
            for items in d["narrative"].values():
                for item in items if isinstance(items, list) else []:
                    if isinstance(item, dict):
                        item.pop("source", None)
        assert da == db, a.id
    # where each figure came from
    prov = yaml.safe_load((cleared / "2564" / "provenance.yaml").read_text(encoding="utf-8"))
    entry = prov["imports"][-1]
    assert entry["workbook"] == filled_2564.name and entry["round"] == 12 and len(entry["sha256"]) == 64
    figures = {(f["file"], f["target"]): f for f in entry["figures"]}
    assert figures[("kpis.yaml", "KPI 3.1 result.numerator")]["cell"] == "KPI 3.1!B16"
    row = figures[("provinces_kpi4.csv", "แถว 2 (กระบี่) service_users_persons")]
    assert row["cell"].startswith("KPI 4!C") and row["new"] == 3


def test_printed_numerator_above_denominator_needs_as_printed(cleared, filled_2564):
    before = tree_digest(cleared)
    res = dsw("intake", "import", 2564, filled_2564, "--params", cleared)
    assert res.exit_code == 2
    assert "KPI 3.2!D27" in res.output and "--as-printed" in res.output  # the 7/1 row of table 3.2 (seed 002 L463)
    assert tree_digest(cleared) == before


def test_template_structure(filled_2564, params_dir):
    wb = load_workbook(filled_2564)
    catalog = load_catalog(params_dir, 2564)
    assert wb.sheetnames == [L.INFO_SHEET] + [f"KPI {k.id}" for k in catalog.scored_kpis()]
    info = wb[L.INFO_SHEET]
    assert info[input_ref(info, L.INFO_LABELS["fiscal_year"])].value == 2564
    assert info[input_ref(info, L.INFO_LABELS["round"])].value == 12
    assert wb.security.lockStructure
    ws = wb["KPI 4"]
    assert ws.protection.sheet and not ws.protection.password
    num = ws[input_ref(ws, "ตัวตั้ง")]
    assert num.value == 1896 and num.protection.locked is False
    assert ws[f"A{label_row(ws, 'ตัวตั้ง')}"].protection.locked  # labels are locked
    first = table_first_row(ws)
    provinces = [ws.cell(row=first + i, column=2).value for i in range(77)]
    assert provinces[0] == "กรุงเทพมหานคร" and provinces[-1] == "อำนาจเจริญ"
    assert ws.cell(row=first + 77, column=1).value == "รวม" and ws.cell(row=first + 78, column=1).value == L.TABLE_END
    assert ws.cell(row=first, column=2).protection.locked and not ws.cell(row=first, column=3).protection.locked
    rules = {(dv.type, dv.operator, dv.formula1, dv.formula2) for dv in ws.data_validations.dataValidation}
    assert ("decimal", "between", "0", "100") in rules  # the percentage
    assert ("decimal", "greaterThan", "0", None) in rules  # the denominator
    milestone = wb["KPI 1"]
    lists = [dv for dv in milestone.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"ใช่,ไม่ใช่"'
    assert milestone[input_ref(milestone, "ระดับ 100 เกณฑ์ข้อ 2")].value == "ไม่ใช่"  # lessons-learned not done
    blank = dsw("intake", "template", 2566, "--round", 6, "-o", filled_2564.with_name("blank2566.xlsx"), "--params", params_dir)
    assert blank.exit_code == 0
    wb6 = load_workbook(filled_2564.with_name("blank2566.xlsx"))
    assert wb6[L.INFO_SHEET][input_ref(wb6[L.INFO_SHEET], L.INFO_LABELS["round"])].value == 6
    assert wb6["KPI 4"][input_ref(wb6["KPI 4"], "ตัวตั้ง")].value is None


# --------------------------------------------------------------------------- what a unit may type
def test_thai_digits_separators_percent_cells_formulas_and_dates_are_read(cleared, filled_2564, tmp_path):
    import datetime as dt

    wb = load_workbook(filled_2564)
    ws = wb["KPI 4"]
    ws[input_ref(ws, "ตัวตั้ง")] = "๑,๘๙๖"
    ws[input_ref(ws, "ตัวหาร")] = "3,791 คน"
    value = ws[input_ref(ws, "ผลการดำเนินงาน (ร้อยละ)")]
    value.value, value.number_format = 0.5001, "0.00%"  # shown 50.01 %
    ws[input_ref(ws, "ข้อมูล ณ วันที่")] = dt.datetime(2021, 9, 30)
    first = table_first_row(ws)
    ws.cell(row=first, column=3).value = "=400+98"  # Bangkok's service users as a formula
    book = tmp_path / "typed.xlsx"
    wb.save(book)
    set_cached_value(book, wb.sheetnames.index("KPI 4") + 1, f"C{first}", 498)
    res = dsw("intake", "import", 2564, book, "--as-printed", "--params", cleared)
    assert res.exit_code == 0, res.output
    kpi = load_catalog(cleared, 2564).kpi("4")
    assert (kpi.result.numerator, kpi.result.denominator, kpi.result.value) == (1896, 3791, 50.01)
    assert kpi.result.as_of == "30 กันยายน 2564"
    rows, _ = _units(cleared, kpi)
    assert rows[0]["service_users_persons"] == 498


def test_formula_without_saved_value_is_an_error(cleared, filled_2564, tmp_path):
    wb = load_workbook(filled_2564)
    ws = wb["KPI 4"]
    ref = input_ref(ws, "ตัวหาร")
    ws[ref] = f"=SUM(C{table_first_row(ws)}:C{table_first_row(ws) + 76})"
    book = tmp_path / "formula.xlsx"
    wb.save(book)
    before = tree_digest(cleared)
    res = dsw("intake", "import", 2564, book, "--as-printed", "--params", cleared)
    assert res.exit_code == 2 and f"KPI 4!{ref}" in res.output and "saved result" in res.output
    assert tree_digest(cleared) == before


# --------------------------------------------------------------------------- bad workbooks
def _edit(book, tmp_path, name, fn):
    wb = load_workbook(book)
    fn(wb)
    out = tmp_path / name
    wb.save(out)
    return out


def _set(sheet, label, value):
    def fn(wb):
        ws = wb[sheet]
        ws[input_ref(ws, label)] = value
    return fn


def _table_cell(sheet, offset, column, value):
    def fn(wb):
        ws = wb[sheet]
        ws.cell(row=table_first_row(ws) + offset, column=column).value = value
    return fn


def _rename(wb):
    wb["KPI 4"].title = "KPI4"


def _remove(wb):
    wb.remove(wb["KPI 3.2"])


def _add_row(wb):
    ws = wb["KPI 4"]
    row = table_first_row(ws) + 5
    ws.insert_rows(row)
    ws.cell(row=row, column=1).value = 78
    ws.cell(row=row, column=2).value = "จังหวัดสมมติ"


def _remove_row(wb):
    ws = wb["KPI 3.1"]
    ws.delete_rows(table_first_row(ws) + 3)


def _wrong_year(wb):
    ws = wb[L.INFO_SHEET]
    ws[input_ref(ws, L.INFO_LABELS["fiscal_year"])] = 2566


BAD = {
    "wrong year": (_wrong_year, ["คำชี้แจง!B3", "fiscal year 2564", "2566"]),
    "missing sheet": (_remove, ["sheet 'KPI 3.2'", "missing"]),
    "renamed sheet": (_rename, ["sheet 'KPI 4'", "KPI4"]),
    "unit row added": (_add_row, ["KPI 4!A29", "6 ขอนแก่น", "a row was added", "78 จังหวัดสมมติ"]),
    "unit row removed": (_remove_row, ["KPI 3.1!A28", "row 4 of 15", "a row was removed"]),
    "value out of range": (_set("KPI 3.1", "ผลการดำเนินงาน (ร้อยละ)", 139), ["KPI 3.1!B18", "from 0 to 100", "139"]),
    "text in a number cell": (_set("KPI 4", "ตัวหาร", "ไม่ทราบ"), ["KPI 4!B16", "a number", "ไม่ทราบ"]),
    "numerator above denominator": (_set("KPI 4", "ตัวตั้ง", 4000), ["KPI 4!B15", "≤ the denominator 3791"]),
    "unit numerator above denominator": (_table_cell("KPI 3.1", 0, 4, 300), ["KPI 3.1!D25", "≤ the denominator 259"]),
    "negative count": (_table_cell("KPI 4", 1, 3, -3), ["KPI 4!C25", "≥ 0", "-3"]),
    "milestone answer": (_set("KPI 1", "ระดับ 50 เกณฑ์ข้อ 1", "อาจจะ"), ["KPI 1!B12", "ใช่ or ไม่ใช่"]),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_workbook_is_a_named_error_and_nothing_is_written(case, cleared, filled_2564, tmp_path):
    edit, expected = BAD[case]
    book = _edit(filled_2564, tmp_path, "bad.xlsx", edit)
    before = tree_digest(cleared)
    # --as-printed so that only the edit is wrong (table 3.2 prints 7 of 1 as the seed does)
    flags = ["--as-printed"] if case != "unit numerator above denominator" else []
    res = dsw("intake", "import", 2564, book, *flags, "--params", cleared)
    assert res.exit_code == 2, res.output
    for text in expected:
        assert text in res.output, (case, res.output)
    assert tree_digest(cleared) == before


def test_all_problems_are_listed_together(cleared, filled_2564, tmp_path):
    def both(wb):
        _set("KPI 3.1", "ผลการดำเนินงาน (ร้อยละ)", 139)(wb)
        _set("KPI 4", "ตัวหาร", "ไม่ทราบ")(wb)
        _set("KPI 5.2", "ผลการดำเนินงาน (คะแนน)", 600)(wb)
    res = dsw("intake", "import", 2564, _edit(filled_2564, tmp_path, "b.xlsx", both), "--as-printed", "--params", cleared)
    assert res.exit_code == 2
    assert "KPI 3.1!B18" in res.output and "KPI 4!B16" in res.output and "KPI 5.2!B14" in res.output


@pytest.mark.parametrize("name,content,expected", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, ".xls (Excel 97-2003)"),
    ("renamed.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, ".xls (Excel 97-2003)"),
    ("notes.xlsx", "ผลการดำเนินงาน 13.90\n".encode("utf-8"), "not a workbook"),
    ("results.csv", b"kpi,value\n3.1,13.9\n", "not a workbook"),
])
def test_not_an_xlsx_workbook(name, content, expected, cleared, tmp_path):
    path = tmp_path / name
    path.write_bytes(content)
    before = tree_digest(cleared)
    res = dsw("intake", "import", 2564, path, "--params", cleared)
    assert res.exit_code == 2 and name in res.output and expected in res.output
    assert tree_digest(cleared) == before


def test_round_must_match(filled_2564, cleared):
    res = dsw("intake", "import", 2564, filled_2564, "--round", 6, "--as-printed", "--params", cleared)
    assert res.exit_code == 2 and "คำชี้แจง!B4" in res.output and "round 6" in res.output


# --------------------------------------------------------------------------- replace / provenance
def test_existing_results_need_replace(params_copy, filled_2564, tmp_path):
    book = _edit(filled_2564, tmp_path, "changed.xlsx", _set("KPI 4", "ตัวตั้ง", 1900))
    before = tree_digest(params_copy)
    res = dsw("intake", "import", 2564, book, "--as-printed", "--params", params_copy)
    assert res.exit_code == 2 and "--replace" in res.output
    assert "KPI 4 result.numerator: 1896 → 1900 (KPI 4!B15)" in res.output
    assert tree_digest(params_copy) == before
    dry = dsw("intake", "import", 2564, book, "--as-printed", "--replace", "--dry-run", "--params", params_copy)
    assert dry.exit_code == 0 and "nothing written" in dry.output and tree_digest(params_copy) == before
    res = dsw("intake", "import", 2564, book, "--as-printed", "--replace", "--params", params_copy)
    assert res.exit_code == 0, res.output
    kpi = load_catalog(params_copy, 2564).kpi("4")
    assert kpi.result.numerator == 1900 and kpi.result.value == 50.01  # the value cell is kept as typed
    assert "percent_mismatch" in res.output  # 1900/3791 = 50.12: the checks flag it after import
    text = (params_copy / "2564" / "kpis.yaml").read_text(encoding="utf-8")
    assert "# Names of responsible persons are deliberately not carried over" in text  # comments kept
    original = (ROOT / "params" / "2564" / "kpis.yaml").read_text(encoding="utf-8").splitlines()
    changed = [line for line in text.splitlines() if line not in original]
    assert len(changed) == 1 and "numerator: 1900" in changed[0]  # one line changed; the rest byte for byte
    prov = yaml.safe_load((params_copy / "2564" / "provenance.yaml").read_text(encoding="utf-8"))
    fig = [f for f in prov["imports"][-1]["figures"] if f["target"] == "KPI 4 result.numerator"][0]
    assert (fig["old"], fig["new"], prov["imports"][-1]["replace"]) == (1896, 1900, True)
    # importing the same workbook again changes nothing
    again = dsw("intake", "import", 2564, book, "--as-printed", "--params", params_copy)
    assert again.exit_code == 0 and "nothing to change" in again.output


def test_write_files_is_all_or_nothing(tmp_path, monkeypatch):
    import os

    from dswlib import atomic

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a")
    b.write_text("old b")
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    with pytest.raises(OSError):
        atomic.write_files({a: "new a", b: "new b"})
    monkeypatch.setattr(atomic.os, "replace", real)
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


# --------------------------------------------------------------------------- FY2566 round 6, SYNTHETIC
def test_fy2566_round6_synthetic_import_renders_the_annual_report(params_copy, tmp_path):
    import papermill as pm

    from dswlib.render import render_file

    book = tmp_path / "SYNTHETIC_fy2566_r6.xlsx"
    res = dsw("intake", "demo", 2566, "--round", 6, "-o", book, "--params", params_copy)
    assert res.exit_code == 0, res.output
    res = dsw("intake", "import", 2566, book, "--round", 6, "--params", params_copy)
    assert res.exit_code == 0, res.output
    catalog = load_catalog(params_copy, 2566)
    for kpi in catalog.kpis:
        assert kpi.result is not None and kpi.result.round == 6 and "SYNTHETIC" in kpi.result.source
    kpi4 = catalog.kpi("4").result
    assert kpi4.value == round(kpi4.numerator * 100 / kpi4.denominator + 1e-9, 2)
    doc = json.loads(dsw("score", 2566, "--json", "--params", params_copy).output)
    assert doc["total"] is not None
    assert not (ROOT / "params" / "2566" / "provenance.yaml").exists()  # nothing SYNTHETIC in the real params
    out = tmp_path / "annual_2566_r6.ipynb"
    pm.execute_notebook(str(ROOT / "notebooks" / "annual_report.ipynb"), str(out), cwd=str(ROOT), progress_bar=False,
                        parameters={"fiscal_year": 2566, "round": 6, "params_dir": str(params_copy)})
    html = render_file(out, tmp_path / "annual_2566_r6.html").read_text(encoding="utf-8")
    assert "ข้อมูลสมมติ (SYNTHETIC)" in html
    assert "รอบ 6 เดือน" in html and "ผลรอบ 12 เดือน รายงานรอบ 6 เดือนจึงแสดงผลเดียวกัน" not in html
    assert f"{kpi4.value:,.2f}" in html and f"{doc['total']:,.2f}" in html


def test_a_workbook_of_another_year(filled_2564, params_copy):
    before = tree_digest(params_copy)
    res = dsw("intake", "import", 2566, filled_2564, "--params", params_copy)
    assert res.exit_code == 2 and "คำชี้แจง!B3: expected fiscal year 2566" in res.output and "'2564'" in res.output
    assert res.output.count("\n") == 1  # one error: everything else would follow from the wrong year
    assert tree_digest(params_copy) == before


def test_library_commit_refuses_overwrites_without_replace(params_copy, filled_2564, tmp_path):
    from dswlib.errors import ParamsErrors
    from dswlib.intake import commit, plan_import, read_workbook

    book = _edit(filled_2564, tmp_path, "changed.xlsx", _set("KPI 4", "ตัวหาร", 3800))
    plan = plan_import(params_copy, read_workbook(book, load_catalog(params_copy, 2564), params_copy, as_printed=True))
    before = tree_digest(params_copy)
    with pytest.raises(ParamsErrors, match="KPI 4 result.denominator.*3791 → 3800"):
        commit(plan)
    assert tree_digest(params_copy) == before
    assert commit(plan, replace=True)
    assert load_catalog(params_copy, 2564).kpi("4").result.denominator == 3800
