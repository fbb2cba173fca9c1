"""params/2564/covid.yaml: structure of seed 002's COVID section, and validation errors naming file + field."""

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from dswlib.covid.model import DIMENSIONS, load_covid, parse_covid
from dswlib.errors import ParamsError

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
YAML = PARAMS / "2564" / "covid.yaml"


@pytest.fixture(scope="module")
def section():
    return load_covid(PARAMS, 2564)


@pytest.fixture()
def data():
    return yaml.safe_load(YAML.read_text(encoding="utf-8"))


def test_four_parts_and_four_dimensions(section):
    assert sorted(section.dimensions) == sorted(DIMENSIONS)
    assert [k for k, _ in section.impacts.ways_of_working.items()] == list(DIMENSIONS)
    assert [len(v) for _, v in section.responses.by_dimension.items()] == [2, 2, 4, 5]  # 002 L883-934
    assert section.good_practices.by_dimension.budget.status == "stated_none"  # "ไม่มี" 002 L964


def test_table1_lists_kpis_1_to_4_not_5(section):
    assert section.listed_kpi_ids() == ["1", "2", "3", "3.1", "3.2", "4"]


def test_practical_recommendation_4_has_the_seed_text(section):
    # The seed has text under 4.2 (4) at L1030 (the digest says it is empty: it is not).
    block = section.recommendations.practical.by_dimension.service_users
    assert block.status == "content" and block.points[0].source == "002 L1028-1030"


def test_every_point_and_figure_cites_a_seed_line(section):
    assert all(f.source.startswith("002 L") for f in section.facts)
    for _, block in section.impacts.ways_of_working.items():
        assert all(p.source.startswith("002 L") for p in block.points)


def test_staff_ratio_as_printed(section):
    ratios = {r.role_th: (r.staff, r.service_users, r.facilities) for r in section.impacts.staff_ratio}
    assert ratios["ผู้ดูแล พี่เลี้ยง"] == (1, 70, None)
    assert ratios["นักสังคมสงเคราะห์"] == (1, 200, None)
    assert ratios["นักจิตวิทยา"] == (1, 400, None)
    assert ratios["พยาบาลวิชาชีพ"] == (1, None, 11)


def _error(data, tmp_path) -> str:
    year = tmp_path / "2564"
    year.mkdir(exist_ok=True)
    (year / "covid.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParamsError) as err:
        load_covid(tmp_path, 2564)
    return str(err.value)


def test_missing_source_names_file_and_field(data, tmp_path):
    del data["impacts"]["ways_of_working"]["budget"]["points"][0]["source"]
    message = _error(data, tmp_path)
    assert "covid.yaml: impacts.ways_of_working.budget.points[0].source" in message
    assert "Field required" in message


def test_bad_number_names_file_and_field(data, tmp_path):
    data["tables"]["relief_payments"]["months"][1]["cases"] = "สี่พัน"
    message = _error(data, tmp_path)
    assert "covid.yaml: tables.relief_payments.months[1].cases: expected a number" in message
    assert "สี่พัน" in message


def test_unknown_fact_reference_and_bad_month(data, tmp_path):
    data["responses"]["by_dimension"]["service_users"][0]["facts"].append("no_such_fact")
    assert "unknown fact id(s) no_such_fact" in _error(data, tmp_path)
    broken = copy.deepcopy(data)
    broken["responses"]["by_dimension"]["service_users"][0]["facts"].pop()
    broken["tables"]["relief_payments"]["months"][0]["month"] = "2021-06"
    assert "tables.relief_payments.months[0]" in _error(broken, tmp_path)


def test_status_rules(data, tmp_path):
    data["recommendations"]["practical"]["by_dimension"]["service_users"] = {"status": "missing_in_source"}
    message = _error(data, tmp_path)
    assert "recommendations.practical.by_dimension.service_users" in message and "source" in message
    data["recommendations"]["practical"]["by_dimension"]["service_users"] = {
        "status": "missing_in_source", "source": "002 L1028"}
    section = parse_covid(data, "covid.yaml")
    assert section.recommendations.practical.by_dimension.service_users.points == []


def test_extra_keys_and_wrong_year_rejected(data, tmp_path):
    data["impacts"]["surprise"] = 1
    assert "impacts.surprise" in _error(data, tmp_path)
    data.pop("impacts")
    assert "covid.yaml: impacts" in _error(data, tmp_path)


def test_folder_year_must_match(tmp_path):
    (tmp_path / "2565").mkdir()
    shutil.copy(YAML, tmp_path / "2565" / "covid.yaml")
    with pytest.raises(ParamsError, match="fiscal_year"):
        load_covid(tmp_path, 2565)


def test_yaml_syntax_error_names_line(tmp_path):
    (tmp_path / "2564").mkdir()
    (tmp_path / "2564" / "covid.yaml").write_text("fiscal_year: 2564\nimpacts: [\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"covid.yaml: line \d+"):
        load_covid(tmp_path, 2564)


def test_missing_file_is_a_params_error(tmp_path):
    with pytest.raises(ParamsError, match="file not found"):
        load_covid(tmp_path, 2564)
