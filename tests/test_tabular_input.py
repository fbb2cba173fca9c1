"""Reading user tables the way Thai Excel writes them (dswlib.tabular), in `dsw standards score`
and `dsw community score`: encodings, percent-formatted cells, instruction sheets, n/a, "(5)"."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from dswlib.community.cli import community
from dswlib.community.criteria import load_criteria
from dswlib.community.dataset import load_dataset, write_dataset
from dswlib.community.demo import generate_demo
from dswlib.community.offices import load_province_offices
from dswlib.errors import ParamsError
from dswlib.standards.assessment import read_assessment, score_assessment
from dswlib.standards.cli import standards
from dswlib.standards.demo import demo_assessment
from dswlib.standards.provinces import find_province
from dswlib.standards.rubric import load_rubric
from dswlib.standards.template import form_rows
from dswlib.tabular import NOT_APPLICABLE, decode_text, parse_cell_number, read_table

ROOT = Path(__file__).resolve().parents[1]
PARAMS = str(ROOT / "params")
R = load_rubric(PARAMS)


def _rows():
    prov = find_province("50", PARAMS)
    return form_rows(R, demo_assessment(R, prov, 2564), province=prov)


def _set(rows, ind, inp, value):
    for row in rows:
        if row[0] == ind and row[1] == inp:
            row[2] = value
            return rows
    raise KeyError((ind, inp))


def _csv_text(rows, delimiter=","):
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def _thai_safe(rows):
    """Rows with only characters that exist in TIS-620 (the demo notes are Thai + ASCII)."""
    return [[str(c).replace("–", "-").replace("—", "-") for c in r] for r in rows]


# ------------------------------------------------------------------ encodings


def test_cp874_csv_is_detected_and_read(tmp_path):
    rows = _thai_safe(_rows())
    _set(rows, "D2.I2", "numerator", "850")
    _set(rows, "D2.I2", "denominator", "1,000")
    path = tmp_path / "thai_excel.csv"
    path.write_bytes(_csv_text(rows).encode("cp874"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # the old reader's assumption
    a = read_assessment(path, R, PARAMS)
    assert a.province_code == "50" and a.note == rows[6][2] and any("\u0e00" <= ch <= "\u0e7f" for ch in a.note)
    assert score_assessment(R, a)[0].indicators["D2.I2"].score == Decimal("7.5")  # 85 % (004 L462)


def test_utf16_tab_separated_unicode_text_is_read(tmp_path):
    rows = _rows()
    path = tmp_path / "unicode_text.txt"
    path.write_bytes(_csv_text(rows, delimiter="\t").encode("utf-16"))  # Excel "Unicode Text": BOM + tabs
    a = read_assessment(path, R, PARAMS)
    assert a.province_code == "50" and a.fiscal_year == 2564
    b = read_assessment(_write(tmp_path / "same.csv", _csv_text(rows)), R, PARAMS)
    assert a.values == b.values


def _write(path, text, encoding="utf-8"):
    path.write_text(text, encoding=encoding)
    return path


def test_undecodable_bytes_are_refused_by_name(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"indicator_id,input,value\nmeta,note,\xdb\xdc\xfd\n")  # neither UTF-8 nor cp874
    with pytest.raises(ParamsError, match=r"bad\.csv.*UTF-8, UTF-16 or TIS-620.*0xdb at offset"):
        read_assessment(path, R, PARAMS)
    res = CliRunner().invoke(standards, ["score", str(path), "--params-dir", PARAMS])
    assert res.exit_code == 2 and isinstance(res.exception, SystemExit)
    assert "error:" in res.output and "Traceback" not in res.output and "UTF-16" in res.output


def test_decode_text_names_the_encoding():
    thai = "ตัวชี้วัด,ค่า\n"
    assert decode_text(thai.encode("cp874"), "x") == (thai, "cp874")
    assert decode_text(thai.encode("utf-8"), "x") == (thai, "utf-8")
    assert decode_text(thai.encode("utf-8-sig"), "x") == (thai, "utf-8-sig")
    assert decode_text(thai.encode("utf-16-le"), "x") == (thai, "utf-16-le")  # no BOM


# ------------------------------------------------------------------ Excel


def _workbook(path, rows, *, instructions=True, percent_cells=()):
    wb = Workbook()
    ws = wb.active
    if instructions:
        ws.title = "คำชี้แจง"
        ws.append(["วิธีกรอกแบบประเมิน: กรอกคอลัมน์ value ของแผ่นงานถัดไป"])
        ws.append(["ค่าร้อยละกรอกได้ทั้ง 85 และ 85%"])
        ws = wb.create_sheet("แบบประเมิน")
    else:
        ws.title = "แบบประเมิน"
    ws.append(["แบบฟอร์มการประเมินผลการปฏิบัติตามมาตรฐาน (ตัวอย่าง)"])  # a title row above the header
    for row in rows:
        ws.append(list(row))
    for r, (ind, inp) in enumerate(((row[0], row[1]) for row in rows), start=2):
        if (ind, inp) in percent_cells:
            cell = ws.cell(row=r, column=3)
            cell.value = percent_cells[(ind, inp)]
            cell.number_format = "0%"
    wb.save(path)
    return path


def test_percent_formatted_cells_are_read_as_shown(tmp_path):
    rows = _rows()
    _set(rows, "D4.I12", "activities", 3)
    path = _workbook(tmp_path / "p.xlsx", rows, instructions=False,
                     percent_cells={("D4.I12", "lowest_activity_pct"): 0.85, ("D1.I11", "value"): 0.85})
    a = read_assessment(path, R, PARAMS)
    assert a.values["D4.I12"]["lowest_activity_pct"] == 85  # shown "85%", stored 0.85
    scores, checks = score_assessment(R, a)
    assert scores.indicators["D4.I12"].score == 10  # 3 activities, lowest >= 80 (004 L856)
    assert checks["D1.I11"].status == "meets"  # target ร้อยละ 80


def test_form_sheet_found_after_an_instruction_sheet_and_named_in_errors(tmp_path):
    rows = _rows()
    a = read_assessment(_workbook(tmp_path / "ok.xlsx", rows), R, PARAMS)
    assert a.province_code == "50" and "sheet 'แบบประเมิน'" in a.source
    bad = _set(_rows(), "D2.I3", "value", "abc")
    with pytest.raises(ParamsError) as exc:
        read_assessment(_workbook(tmp_path / "bad.xlsx", bad), R, PARAMS)
    assert "bad.xlsx, sheet 'แบบประเมิน': row " in str(exc.value) and "D2.I3" in str(exc.value)


def test_workbook_without_a_form_sheet_lists_its_sheets(tmp_path):
    wb = Workbook()
    wb.active.title = "คำชี้แจง"
    wb.active.append(["อ่านก่อน"])
    wb.save(tmp_path / "none.xlsx")
    with pytest.raises(ParamsError, match="sheets 'คำชี้แจง' \\(none has that header\\)"):
        read_assessment(tmp_path / "none.xlsx", R, PARAMS)


# ------------------------------------------------------------------ cells


def test_parse_cell_number_parentheses_blank_and_na():
    kw = dict(source="f.csv", where="row 3")
    assert parse_cell_number("(5)", negative="allow", **kw) == -5
    with pytest.raises(ParamsError, match="not negative.*accounting notation.*'\\(5\\)'"):
        parse_cell_number("(5)", **kw)
    assert parse_cell_number("", **kw) is None and parse_cell_number(None, **kw) is None
    assert parse_cell_number("-", **kw) is None
    for na in ("n/a", "N/A", "ไม่เกี่ยวข้อง", " na "):
        assert parse_cell_number(na, **kw) is NOT_APPLICABLE
    assert parse_cell_number("ร้อยละ ๘๕", **kw) == 85


def test_parenthesised_count_is_an_error_not_plus_five(tmp_path):
    rows = _set(_rows(), "D2.I3", "value", "(5)")
    path = _write(tmp_path / "p.csv", _csv_text(rows))
    with pytest.raises(ParamsError, match=r"row \d+, column value \(D2.I3 value\).*accounting"):
        read_assessment(path, R, PARAMS)


def test_not_applicable_where_the_rubric_allows_it(tmp_path):
    rows = _rows()
    _set(rows, "D2.I2", "numerator", "ไม่เกี่ยวข้อง")
    _set(rows, "D2.I2", "denominator", "n/a")
    _set(rows, "D1.I30", "motorcycles", "n/a")
    _set(rows, "D1.I30", "all_insured", "")
    a = read_assessment(_write(tmp_path / "na.csv", _csv_text(rows)), R, PARAMS)
    scores, checks = score_assessment(R, a)
    r = scores.indicators["D2.I2"]
    assert r.status == "na" and r.score is None  # not "missing", not 0
    assert "D2.I2" in scores.overall.na_ids and "D2.I2" not in scores.overall.missing_ids
    assert checks["D1.I30"].status == "na"


def test_not_applicable_refused_where_the_indicator_is_always_assessed(tmp_path):
    rows = _set(_rows(), "D2.I3", "value", "n/a")  # meetings in the office: every office has some count
    with pytest.raises(ParamsError, match="D2.I3 cannot be not applicable"):
        read_assessment(_write(tmp_path / "na.csv", _csv_text(rows)), R, PARAMS)
    rows = _set(_rows(), "D2.I2", "numerator", "n/a")  # n/a on one input, a count on the other
    _set(rows, "D2.I2", "denominator", "40")
    with pytest.raises(ParamsError, match="n/a on every input of D2.I2 or on none"):
        read_assessment(_write(tmp_path / "mixed.csv", _csv_text(rows)), R, PARAMS)


def test_read_table_finds_header_below_title_rows(tmp_path):
    path = _write(tmp_path / "t.csv", "รายงาน ปี 2564\n\nindicator_id,input,value\nmeta,note,x\n")
    t = read_table(path, ("indicator_id", "input", "value"))
    assert t.header_row == 3 and t.rows == ((4, ("meta", "note", "x")),)


# ------------------------------------------------------------------ community


@pytest.fixture()
def demo_dir(tmp_path):
    criteria, provinces = load_criteria(PARAMS), load_province_offices(PARAMS)
    write_dataset(generate_demo(criteria, provinces, seed=3), criteria, tmp_path / "d")
    return tmp_path / "d", criteria, provinces


def test_community_cp874_and_utf16_files_are_read(demo_dir):
    folder, criteria, provinces = demo_dir
    before = load_dataset(folder, criteria, provinces)
    path = folder / "communities.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp874"))
    (folder / "households.csv").write_bytes((folder / "households.csv").read_text(encoding="utf-8").encode("utf-16"))
    after = load_dataset(folder, criteria, provinces)
    assert after.communities == before.communities and after.households == before.households
    res = CliRunner().invoke(community, ["score", str(folder), "--params-dir", PARAMS])
    assert res.exit_code == 0, res.output


def test_community_bad_encoding_and_na_are_named(demo_dir):
    folder, criteria, provinces = demo_dir
    path = folder / "communities.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("result_5_1_3")] = "ไม่เกี่ยวข้อง"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(community, ["score", str(folder), "--params-dir", PARAMS])
    assert res.exit_code == 2 and "row 2, column result_5_1_3" in res.output and "divides the sum of all 7" in res.output
    path.write_bytes(b"community_id,province_id\n\xdb\xfe\n")
    res = CliRunner().invoke(community, ["score", str(folder), "--params-dir", PARAMS])
    assert res.exit_code == 2 and "TIS-620" in res.output and "Traceback" not in res.output


def test_community_workbook_with_percent_cells(demo_dir):
    folder, criteria, provinces = demo_dir
    before = load_dataset(folder, criteria, provinces)
    with (folder / "communities.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    (folder / "communities.csv").unlink()
    wb = Workbook()
    wb.active.title = "คำอธิบาย"
    wb.active.append(["ผลการดำเนินงานของแต่ละหน่วยงานเป็นร้อยละ"])
    ws = wb.create_sheet("ข้อมูล")
    cols = rows[0]
    ws.append(cols)
    for row in rows[1:]:
        ws.append(row)
    for r in range(2, len(rows) + 1):
        for c, name in enumerate(cols, 1):
            if name.startswith("result_"):
                cell = ws.cell(row=r, column=c)
                cell.value = float(Decimal(cell.value) / 100)
                cell.number_format = "0.00%"
    wb.save(folder / "communities.xlsx")
    after = load_dataset(folder, criteria, provinces)
    assert [c.results for c in after.communities] == [c.results for c in before.communities]


def test_community_level_rejects_values_outside_0_100():
    runner = CliRunner()
    for value in ("120", "100.01", "(5)", "n/a"):
        res = runner.invoke(community, ["level", value, "--params-dir", PARAMS])
        assert res.exit_code == 2 and "a percentage 0-100" in res.output, value
    res = runner.invoke(community, ["level", "--params-dir", PARAMS, "--", "-5"])
    assert res.exit_code == 2 and "a percentage 0-100" in res.output
    res = runner.invoke(community, ["level", "100", "--params-dir", PARAMS])
    assert res.exit_code == 0 and "5.1 score: 5" in res.output
