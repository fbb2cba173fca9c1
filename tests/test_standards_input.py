"""Assessment files (CSV / Excel): reading, validation errors, template, synthetic demo year."""

import csv
import io

import pytest

from dswlib.errors import ParamsError
from dswlib.standards.assessment import read_assessment, score_assessment
from dswlib.standards.demo import demo_assessment, demo_filename, demo_year, write_demo
from dswlib.standards.provinces import find_province, load_provinces
from dswlib.standards.rubric import load_rubric
from dswlib.standards.template import COLUMNS, form_rows, write_assessment, write_template

R = load_rubric("params")
PROVS = load_provinces("params")


def test_76_provinces_without_bangkok():
    assert len(PROVS) == 76
    names = {p.name_th for p in PROVS}
    assert "กรุงเทพมหานคร" not in names and "อุตรดิตถ์" in names and "อุดรดิตถ์" not in names
    assert all(p.output_id.isascii() for p in PROVS)
    assert len({p.output_id for p in PROVS}) == 76
    assert find_province("เชียงใหม่", "params").code == "50" == find_province("chiang-mai", "params").code


def _write_csv(path, rows):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _filled_rows():
    a = demo_assessment(R, find_province("50", "params"), 2564)
    return form_rows(R, a, province=find_province("50", "params"))


def _set(rows, ind, inp, value):
    for row in rows:
        if row[0] == ind and row[1] == inp:
            row[2] = value
            return rows
    raise KeyError((ind, inp))


def _row_no(rows, ind, inp):
    return next(k for k, r in enumerate(rows, 1) if r[0] == ind and r[1] == inp)


def test_demo_roundtrip_csv_and_xlsx(tmp_path):
    prov = find_province("50", "params")
    a = demo_assessment(R, prov, 2564)
    for suffix in (".csv", ".xlsx"):
        path = write_assessment(tmp_path / f"x{suffix}", R, a, province=prov)
        back = read_assessment(path, R, "params")
        assert back.values == a.values and back.synthetic and back.province_code == "50" and back.fiscal_year == 2564
        assert score_assessment(R, back)[0] == score_assessment(R, a)[0]


def test_thai_and_formatted_numbers_are_accepted(tmp_path):
    rows = _filled_rows()
    _set(rows, "D2.I2", "numerator", "๘๕๐")
    _set(rows, "D2.I2", "denominator", "1,000")
    _set(rows, "D4.I12", "activities", "3")
    _set(rows, "D4.I12", "lowest_activity_pct", "ร้อยละ 80.00")
    _set(rows, "D2.I10", "value", "ไม่มี")
    a = read_assessment(_write_csv(tmp_path / "a.csv", rows), R, "params")
    scores, _ = score_assessment(R, a)
    assert scores.indicators["D2.I2"].score == 7.5  # 850/1,000 = 85 % (004 L462)
    assert scores.indicators["D4.I12"].score == 10
    assert scores.indicators["D2.I10"].score == 0


@pytest.mark.parametrize("ind,inp,value,expected", [
    ("D2.I3", "value", "abc", "a number"),
    ("D2.I3", "value", "2.5", "a whole number"),
    ("D2.I3", "value", "-1", "not negative"),
    ("D3.I9", "value", "13", "months 0-12"),
    ("D2.I10", "value", "maybe", "มี/ไม่มี"),
    ("D2.I5", "group_plans", "most", "one of all"),
    ("D4.I12", "lowest_activity_pct", "120", "percentage 0-100"),
])
def test_bad_value_names_file_row_and_column(tmp_path, ind, inp, value, expected):
    rows = _set(_filled_rows(), ind, inp, value)
    path = _write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ParamsError) as err:
        read_assessment(path, R, "params")
    msg = str(err.value)
    assert str(path) in msg and f"row {_row_no(rows, ind, inp)}, column value" in msg and expected in msg


def test_numerator_above_denominator_is_rejected(tmp_path):
    rows = _set(_set(_filled_rows(), "D2.I7", "numerator", "31"), "D2.I7", "denominator", "30")
    with pytest.raises(ParamsError, match=r"row \d+, column value \(D2.I7 numerator\).*at most denominator = 30"):
        read_assessment(_write_csv(tmp_path / "b.csv", rows), R, "params")


def test_structural_zero_denominator_is_rejected(tmp_path):
    rows = _set(_set(_filled_rows(), "D4.I9", "numerator", "0"), "D4.I9", "denominator", "0")
    with pytest.raises(ParamsError, match="D4.I9 denominator.*cannot be 0"):
        read_assessment(_write_csv(tmp_path / "z.csv", rows), R, "params")


def test_unknown_indicator_duplicate_and_missing_rows(tmp_path):
    rows = _filled_rows()
    rows.append(["D9.I1", "value", "1"] + [""] * (len(COLUMNS) - 3))
    dup = list(next(r for r in rows if r[0] == "D2.I1"))
    rows.append(dup)
    rows = [r for r in rows if not (r[0] == "D4.I30")]
    with pytest.raises(ParamsError) as err:
        read_assessment(_write_csv(tmp_path / "c.csv", rows), R, "params")
    msg = str(err.value)
    assert "column indicator_id" in msg and "D9.I1" in msg
    assert "a duplicate" in msg
    assert "indicator D4.I30" in msg and "no such row" in msg


def test_missing_header_column_and_meta(tmp_path):
    path = _write_csv(tmp_path / "h.csv", [["indicator_id", "value"], ["D2.I1", "3"]])
    with pytest.raises(ParamsError, match="row 1.*column 'input'"):
        read_assessment(path, R, "params")
    rows = _set(_filled_rows(), "meta", "province_code", "99")
    with pytest.raises(ParamsError, match="76 province codes"):
        read_assessment(_write_csv(tmp_path / "m.csv", rows), R, "params")
    with pytest.raises(ParamsError, match=".csv or .xlsx"):
        read_assessment(_write_csv(tmp_path / "x.json", rows), R, "params")


def test_blank_values_make_indicators_missing_not_zero(tmp_path):
    rows = _set(_filled_rows(), "D2.I1", "value", "")
    a = read_assessment(_write_csv(tmp_path / "blank.csv", rows), R, "params")
    scores, _ = score_assessment(R, a)
    assert scores.indicators["D2.I1"].status == "missing"
    assert scores.overall.status == "incomplete" and scores.overall.missing_ids == ("D2.I1",)


def test_template_is_blank_and_scores_as_all_missing(tmp_path):
    path = write_template(tmp_path / "t.csv", R, province=find_province("50", "params"), fiscal_year=2564)
    text = path.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    n_inputs = sum(len(i.inputs) for i in R.indicators())
    assert len(rows) == 1 + 6 + n_inputs
    a = read_assessment(path, R, "params")
    scores, checks = score_assessment(R, a)
    assert all(r.status == "missing" for r in scores.indicators.values())
    assert all(c.status == "missing" for c in checks.values())
    assert write_template(tmp_path / "t.xlsx", R).exists()


def test_demo_is_reproducible_and_labelled(tmp_path):
    y1 = demo_year(R, PROVS, 2564)
    y2 = demo_year(R, PROVS, 2564)
    assert {k: v.values for k, v in y1.items()} == {k: v.values for k, v in y2.items()}
    other = demo_year(R, PROVS, 2564, seed=7)
    assert {k: v.values for k, v in other.items()} != {k: v.values for k, v in y1.items()}
    assert all(a.synthetic and "synthetic" in a.note for a in y1.values())
    p1 = write_demo(R, PROVS[:2], 2564, tmp_path / "a")
    p2 = write_demo(R, PROVS[:2], 2564, tmp_path / "b")
    assert [p.read_bytes() for p in p1] == [p.read_bytes() for p in p2]
    assert p1[0].name == demo_filename(PROVS[0], 2564) and p1[0].name.startswith("SYNTHETIC_")
    assert "ข้อมูลสมมติ" in p1[0].read_text(encoding="utf-8-sig")


def test_demo_year_is_complete_and_scoreable():
    for a in demo_year(R, PROVS, 2564).values():
        scores, checks = score_assessment(R, a)
        assert scores.overall.status == "complete"
        assert 0 <= scores.overall.mean_2dp <= 10
