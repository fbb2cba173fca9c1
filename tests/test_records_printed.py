"""The record-level path reproduces the printed FY2564 per-unit tables (seed 002) on consistent
synthetic inputs; the rows no records can give are reported, not faked."""

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from dswlib.errors import ParamsError
from dswlib.records import irp, printed, returns
from dswlib.records.consistency import irp_row_findings, kpi4_row_findings
from dswlib.records.synthetic import irp_from_tables, stays_from_table
from dswlib.thainum import percent

ROOT = Path(__file__).resolve().parents[1]
NOTES = Path("/work/shared/notes/data")
TABLES = {  # params file (lead's transcription) -> notes CSV used until it exists
    "3.1": ("params/2564/facilities_kpi3_1.csv", "fy2564_kpi3_1_facilities.csv"),
    "3.2": ("params/2564/facilities_kpi3_2.csv", "fy2564_kpi3_2_facilities.csv"),
    "4": ("params/2564/provinces_kpi4.csv", "fy2564_kpi4_provinces.csv"),
}
KEY = b"printed-tables-printed-tables-32"


def _table(kind):
    params, notes = TABLES[kind]
    path = ROOT / params
    if not path.is_file():
        path = NOTES / notes
    if not path.is_file():
        pytest.skip(f"no printed table for KPI {kind}")
    reader = {"3.1": printed.read_kpi3_1_table, "3.2": printed.read_kpi3_2_table, "4": printed.read_kpi4_table}[kind]
    return reader(path)


@pytest.fixture(scope="module")
def t31():
    return _table("3.1")


@pytest.fixture(scope="module")
def t32():
    return _table("3.2")


@pytest.fixture(scope="module")
def t4():
    return _table("4")


def test_printed_totals_are_the_seed_figures(t31, t32, t4):
    # seed 002 L373, L475, L653 and the printed results 13.90 (L375), 16.72 (L477), 50.01 (L653)
    assert [t31.total[c] for c in irp.KPI3_1_COLUMNS] == [1424, 198, 91, 107]
    assert [t32.total[c] for c in irp.KPI3_2_COLUMNS] == [329, 55, 46, 9]
    assert [t4.total[c] for c in returns.KPI4_COLUMNS] == [3791, 1604, 292, 1896]
    assert percent(198, 1424) == Decimal("13.90")
    assert percent(55, 329) == Decimal("16.72")
    assert percent(1896, 3791) == t4.total["percent"] == Decimal("50.01")


@pytest.fixture(scope="module")
def synthetic_irp(t31, t32):
    return irp_from_tables(t31, t32, seed=2564)


@pytest.fixture(scope="module")
def loaded(synthetic_irp):
    return (irp.load_assessments(synthetic_irp.assessments, key=KEY),
            irp.load_exits(synthetic_irp.exits, key=KEY))


def test_kpi3_1_reproduces_every_facility_row(t31, loaded):
    result = irp.compute_kpi3_1(loaded[0], fiscal_year=2564)
    diffs = printed.compare_with_printed(result, t31)
    assert diffs.empty, diffs.to_string()
    assert result.percent == Decimal("13.90")  # seed 002 L375
    assert (result.numerator, result.denominator) == (198, 1424)


# Rows of the KPI 3.2 table (seed 002 L461-474) that no records can give together with the 3.1 table:
# row 3 returned 7 of 1 (L463); rows 5 and 14 have fewer group-A people than 3.1's improved (L465, L474;
# L363, L372); with the 2+ assessment rule (L433) rows 4, 9, 11, 12 have more group-A people than
# people assessed twice in 3.1 (L464/L362, L469/L367, L471/L369, L472/L370).
IMPOSSIBLE_STRICT = {3, 4, 5, 9, 11, 12, 14}
IMPOSSIBLE_LOOSE = {3, 5, 14}


def test_kpi3_2_reproduces_the_possible_rows_and_reports_the_rest(t32, synthetic_irp, loaded):
    assert set(synthetic_irp.findings) == IMPOSSIBLE_STRICT
    assert synthetic_irp.reproducible_3_2 == set(range(1, 15)) - IMPOSSIBLE_STRICT
    result = irp.compute_kpi3_2(*loaded, fiscal_year=2564, min_assessments=2)
    diffs = printed.compare_with_printed(result, t32)
    facility_diffs = set(diffs.loc[diffs["unit"] != "รวม", "unit"])
    assert facility_diffs <= IMPOSSIBLE_STRICT
    assert {3, 4, 5, 9, 12, 14} <= facility_diffs  # these differ whatever the records
    # the numerator never exceeds the denominator in records, unlike printed row 3
    u = result.units
    assert (u["returned_to_society_persons"] <= u["group_a_assessed_persons"]).all()


def test_kpi3_2_with_one_assessment_rule(t31, t32):
    gen = irp_from_tables(t31, t32, seed=7, min_assessments=1)
    assert set(gen.findings) == IMPOSSIBLE_LOOSE
    a = irp.load_assessments(gen.assessments, key=KEY)
    e = irp.load_exits(gen.exits, key=KEY)
    diffs = printed.compare_with_printed(irp.compute_kpi3_2(a, e, min_assessments=1), t32)
    assert set(diffs.loc[diffs["unit"] != "รวม", "unit"]) <= IMPOSSIBLE_LOOSE
    assert diffs.loc[diffs["unit"] != "รวม"].shape[0] > 0
    diffs31 = printed.compare_with_printed(irp.compute_kpi3_1(a), t31)
    assert diffs31.empty


def test_findings_cite_the_seed_lines(t31, t32):
    findings = irp_row_findings(t31, t32)
    if t32.lines:
        assert any("L463" in f.source for f in findings[3])


def test_row_findings_are_the_shared_finding_type(t31, t32):
    """Row findings are :class:`dswlib.findings.Finding`: a code, a Thai message and place, the table they concern."""
    from dswlib.findings import Finding
    from dswlib.records.consistency import table_of

    row3 = irp_row_findings(t31, t32)[3]
    assert all(isinstance(f, Finding) for f in row3)
    above = [f for f in row3 if f.code == "numerator_above_denominator"]
    assert above and above[0].severity == "error" and table_of(above[0]) == "3.2"
    assert above[0].printed == "7" and above[0].expected == "≤ 1"
    assert "กลับคืนสู่สังคม 7 คน มากกว่ากลุ่มเป้าหมายกลุ่ม A 1 คน" in above[0].message
    assert above[0].where_th == "ตารางตัวชี้วัดที่ 3.2 แถว 3"
    assert {table_of(f) for f in irp_row_findings(t31, t32)[5]} == {"3.1+3.2"}


def test_kpi4_reproduces_all_77_provinces(t4):
    assert kpi4_row_findings(t4) == {}  # every printed row is consistent (seed 002 L569-652)
    gen = stays_from_table(t4, seed=2564)
    assert len(gen.reproducible) == 77
    result = returns.compute_kpi4(returns.load_stays(gen.stays, key=KEY), fiscal_year=2564,
                                  provinces=list(t4.units["unit_name"]))
    diffs = printed.compare_with_printed(result, t4)
    assert diffs.empty, diffs.to_string()
    assert result.percent == Decimal("50.01")  # seed 002 L653
    satun = result.units.set_index("province").loc["สตูล", "percent"]
    assert satun == Decimal("78.13")  # 25/32 = 78.125, half-up (seed 002 L634)


def test_recomputed_rows_change_when_records_change(t4):
    gen = stays_from_table(t4, seed=1)
    stays = gen.stays
    # drop one returned person of Bangkok: the comparison must notice
    idx = stays.index[(stays["province"] == "กรุงเทพมหานคร") & (stays["outcome"] == "family")
                      & (stays["admitted_on"] >= "2020-10-01")][0]
    result = returns.compute_kpi4(returns.load_stays(stays.drop(index=idx), key=KEY))
    diffs = printed.compare_with_printed(result, t4)
    assert set(diffs["unit"]) == {"กรุงเทพมหานคร", "รวม"}


def test_bad_printed_number_is_reported(tmp_path):
    path = tmp_path / "t.csv"
    pd.DataFrame({"row_no": ["1", "รวม"], "facility_th": ["ก", ""],
                  "assessed_irp_2plus_persons": ["2x", "2"], "improved_persons": ["1", "1"],
                  "upgraded_b_to_a_persons": ["1", "1"], "maintained_a_persons": ["0", "0"]}).to_csv(path, index=False)
    with pytest.raises(ParamsError) as err:
        printed.read_kpi3_1_table(path)
    assert str(path) in str(err.value) and "row 2, column assessed_irp_2plus_persons" in str(err.value)
