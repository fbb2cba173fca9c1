"""Validation of params/community files and of the data files: clear ParamsError messages."""

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from dswlib.community.criteria import load_criteria, load_criteria_file, parse_criteria
from dswlib.community.dataset import load_dataset, write_dataset
from dswlib.community.demo import generate_demo
from dswlib.community.offices import load_province_offices, load_province_offices_file
from dswlib.errors import ParamsError

ROOT = Path(__file__).resolve().parents[1]
CRITERIA_PATH = ROOT / "params" / "community" / "criteria.yaml"
RAW = yaml.safe_load(CRITERIA_PATH.read_text(encoding="utf-8"))
CRITERIA = load_criteria(ROOT / "params")
PROVINCES = load_province_offices(ROOT / "params")


def broken(mutate):
    data = copy.deepcopy(RAW)
    mutate(data)
    with pytest.raises(ParamsError) as info:
        parse_criteria(data, source="params/community/criteria.yaml")
    return str(info.value)


def test_shipped_files_load():
    assert CRITERIA.fiscal_year_be == 2564
    assert len(CRITERIA.integration.components) == 7  # 003 L182-L188
    assert CRITERIA.integration.formula.denominator == 7  # 003 L194
    assert CRITERIA.ops_kpi_2_1.formula.denominator == 6  # 003 L325
    assert len(PROVINCES) == 76 and {p.office_no for p in PROVINCES} == set(range(1, 12))


def test_every_source_cites_seed_003():
    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k.endswith("source") and k != "source_file":
                    assert str(v).startswith("003 L"), (k, v)
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(RAW)


def test_levels_must_increase():
    msg = broken(lambda d: d["integration"]["levels"][1].update(min_percent=65))
    assert "criteria.yaml" in msg and "integration" in msg and "min_percent must increase" in msg


def test_denominator_must_match_components():
    msg = broken(lambda d: d["integration"]["formula"].update(denominator=6))
    assert "denominator" in msg


def test_colour_gap_detected():
    msg = broken(lambda d: d["household_colour"]["colours"][1].update(min_failed=3))
    assert "household_colour" in msg and "yellow" in msg


def test_bad_source_reference():
    msg = broken(lambda d: d["integration"]["levels"][0].update(source="L198"))
    assert "integration.levels[0].source" in msg and "003 L198" in msg


def test_unknown_field_and_bad_ranking():
    assert "extra" in broken(lambda d: d["integration"].update(extra=1)).lower()
    assert "ranking" in broken(lambda d: d["best_practice"].update(ranking=["escaped_share"]))


def test_repeated_milestone_in_round():
    def mutate(d):
        d["success_templates"][0]["rounds"][0]["levels"][1]["criteria"] = ["area_and_scope_set"]

    assert "appears at two levels" in broken(mutate)


def test_yaml_syntax_error_names_line(tmp_path):
    bad = tmp_path / "criteria.yaml"
    bad.write_text("schema: x\nintegration: [\n", encoding="utf-8")
    with pytest.raises(ParamsError) as info:
        load_criteria_file(bad)
    assert str(bad) in str(info.value) and "line" in str(info.value)


def test_missing_criteria_file(tmp_path):
    with pytest.raises(ParamsError, match="missing file"):
        load_criteria(tmp_path)


def write_offices(tmp_path, lines):
    path = tmp_path / "province_offices.csv"
    path.write_text("province_id,province_th,office_no,basis\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_offices_errors(tmp_path):
    with pytest.raises(ParamsError, match=r"row 3, column province_id.*unique"):
        load_province_offices_file(write_offices(tmp_path, ["a,ก,1,x", "a,ข,2,x"]), offices=2, provinces=None)
    with pytest.raises(ParamsError, match=r"row 2, column office_no.*1-2"):
        load_province_offices_file(write_offices(tmp_path, ["a,ก,3,x"]), offices=2, provinces=None)
    with pytest.raises(ParamsError, match=r"every office 1-2"):
        load_province_offices_file(write_offices(tmp_path, ["a,ก,1,x"]), offices=2, provinces=None)
    with pytest.raises(ParamsError, match=r"76 provinces"):
        load_province_offices_file(write_offices(tmp_path, ["a,ก,1,x", "b,ข,2,x"]), offices=2)
    # Thai digits are numbers too
    ok = load_province_offices_file(write_offices(tmp_path, ["a,ก,๑,x", "b,ข,2,x"]), offices=2, provinces=None)
    assert [p.office_no for p in ok] == [1, 2]


@pytest.fixture()
def data_dir(tmp_path):
    write_dataset(generate_demo(CRITERIA, PROVINCES, seed=7), CRITERIA, tmp_path / "d")
    return tmp_path / "d"


def edit_cell(path, row, column, value):
    import csv

    rows = list(csv.reader(path.open(encoding="utf-8")))
    col = rows[0].index(column)
    rows[row - 1][col] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize(
    "file, row, column, value, expected",
    [
        ("communities.csv", 2, "result_5_1_3", "abc", r"row 2, column result_5_1_3: expected a number"),
        ("communities.csv", 3, "result_5_1_1", "101", r"row 3, column result_5_1_1: expected a percentage 0-100"),
        ("communities.csv", 4, "province_id", "atlantis", r"row 4, column province_id"),
        ("communities.csv", 5, "community_plan", "maybe", r"row 5, column community_plan: expected 1 or 0"),
        ("households.csv", 2, "community_id", "nowhere", r"row 2, column community_id"),
        ("households.csv", 3, "household_id", "c01_nonthaburi-h001", r"row 3, column household_id: expected a unique id"),
        ("milestones.csv", 2, "criterion", "made_up", r"row 2, column criterion"),
        ("milestones.csv", 2, "months", "9", r"row 2, column months: expected 6 or 12"),
        ("milestones.csv", 2, "template", "xyz", r"row 2, column template"),
    ],
)
def test_data_errors_name_file_row_column(data_dir, file, row, column, value, expected):
    edit_cell(data_dir / file, row, column, value)
    with pytest.raises(ParamsError, match=expected) as info:
        load_dataset(data_dir, CRITERIA, PROVINCES)
    assert file in str(info.value)


def test_office_unit_id_checked(data_dir):
    import csv

    path = data_dir / "milestones.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    n = next(i for i, r in enumerate(rows) if r[0] == "ssw") + 1
    edit_cell(path, n, "unit_id", "12")
    with pytest.raises(ParamsError, match=rf"row {n}, column unit_id: expected an office number"):
        load_dataset(data_dir, CRITERIA, PROVINCES)


def test_missing_column(data_dir):
    path = data_dir / "households.csv"
    text = path.read_text(encoding="utf-8").replace("fail_income,", "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ParamsError, match="header.*fail_income"):
        load_dataset(data_dir, CRITERIA, PROVINCES)


def test_thai_digits_and_words_accepted(data_dir):
    edit_cell(data_dir / "communities.csv", 2, "result_5_1_1", "ร้อยละ ๘๐.๕๐")
    edit_cell(data_dir / "communities.csv", 2, "community_plan", "ใช่")
    ds = load_dataset(data_dir, CRITERIA, PROVINCES)
    first = ds.communities[0]
    assert str(first.results["5.1.1"]) == "80.50" and first.checks["community_plan"] is True
