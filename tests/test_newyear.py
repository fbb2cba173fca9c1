"""`dsw new-year`: next year's catalog from this year's rules; undecided targets are findings (issue 15)."""

import json

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import load_workbook

from dswlib.catalog import load_catalog
from dswlib.cli import main
from dswlib.errors import ParamsError
from intake_helpers import input_ref, tree_digest


def dsw(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _decisions(params, year):
    res = dsw("check", year, "--json", "--params", params)
    assert res.exit_code == 0, res.output
    return {f["where"].split()[1]: f for f in json.loads(res.output) if f["code"] == "target_decision"}


def _import_2566(params, tmp_path, round_, figures):
    """Fill a blank FY2566 workbook of ``round_`` with ``{kpi: (numerator, denominator) | value}`` and import it."""
    book = tmp_path / f"fy2566_r{round_}.xlsx"
    assert dsw("intake", "template", 2566, "--round", round_, "-o", book, "--params", params).exit_code == 0
    wb = load_workbook(book)
    for kpi_id, figure in figures.items():
        ws = wb[f"KPI {kpi_id}"]
        if isinstance(figure, tuple):
            ws[input_ref(ws, "ตัวตั้ง")], ws[input_ref(ws, "ตัวหาร")] = figure
        else:
            ws[input_ref(ws, "ผลการดำเนินงาน (คะแนน)")] = figure
        ws[input_ref(ws, "ที่มาของข้อมูล")] = "ข้อมูลสมมติ (SYNTHETIC)"
    wb.save(book)
    res = dsw("intake", "import", 2566, book, "--replace", "--params", params)
    assert res.exit_code == 0, res.output


FIGURES = {"1": (25, 100), "2": (700, 1000), "3": (45, 100), "4": (600, 1000), "5": (95, 100), "6": 450}


def test_targets_derived_by_rule_from_the_12_month_results(params_copy, tmp_path):
    _import_2566(params_copy, tmp_path, 12, FIGURES)  # SYNTHETIC results, in the scratch copy only
    res = dsw("new-year", 2567, "--from", 2566, "--params", params_copy)
    assert res.exit_code == 0, res.output
    cat = load_catalog(params_copy, 2567)
    assert cat.draft and cat.derived_from == 2566 and "พ.ศ. 2567" in cat.title_th
    targets = {k.id: k.targets for k in cat.kpis}
    assert targets["4"] == [50.0, 60.0, 70.0]            # interval: last result 60.00 ± 10
    assert targets["6"] == [400.0, 450.0, 459.0]         # growth: 400 / 450 / 450 × 1.02
    assert targets["2"] == [71.52, 73.04, 82.04]         # midpoint: (70 + 73.04) / 2, trajectory 2567 and 2568
    assert targets["1"] is None and targets["3"] is None and targets["5"] is None
    assert [p.fiscal_year for p in cat.kpi("4").history] == [2565, 2566] and cat.kpi("4").history[-1].value == 60
    assert cat.kpi("4").result is None and cat.kpi("4").narrative.actions_th == []
    decisions = _decisions(params_copy, 2567)
    assert sorted(decisions) == ["1", "3", "5"]
    assert "10.00 / 20.00 / 30.00" in decisions["1"]["message"]   # the previous year's fixed levels, for reference
    assert "ค่าเป้าหมายปี 2567" in decisions["3"]["message"]       # interval around a goal: the goal is the decision
    doc = json.loads(dsw("score", 2567, "--json", "--params", params_copy).output)
    assert {k["id"]: k["targets"] for k in doc["kpis"]}["1"] is None and doc["total"] is None
    assert "ไม่กำหนด" in dsw("score", 2567, "--params", params_copy).output


def test_round_6_results_do_not_derive_targets(params_copy, tmp_path):
    _import_2566(params_copy, tmp_path, 6, FIGURES)
    assert dsw("new-year", 2567, "--from", 2566, "--params", params_copy).exit_code == 0
    cat = load_catalog(params_copy, 2567)
    assert cat.targets_unset and {k.id for k in cat.targets_unset} == {"1", "2", "3", "4", "5", "6"}
    decisions = _decisions(params_copy, 2567)
    assert "ยังไม่มีผลรอบ 12 เดือนของปี 2566" in decisions["4"]["message"]
    assert "73.04" in decisions["2"]["message"] and "82.04" in decisions["2"]["message"]  # what the trajectory gives
    assert [p.fiscal_year for p in cat.kpi("4").history] == [2565]


def test_a_rule_giving_levels_out_of_order_is_a_decision(params_copy, tmp_path):
    _import_2566(params_copy, tmp_path, 12, {**FIGURES, "2": (800, 1000), "6": 380})
    assert dsw("new-year", 2567, "--from", 2566, "--params", params_copy).exit_code == 0
    cat = load_catalog(params_copy, 2567)
    assert cat.kpi("2").targets is None and cat.kpi("6").targets is None  # 76.52 > 73.04; 400 > 380
    decisions = _decisions(params_copy, 2567)
    assert "76.52 / 73.04 / 82.04" in decisions["2"]["message"] and "400.00 / 380.00 / 387.60" in decisions["6"]["message"]


def test_fy2565_from_fy2564_keeps_units_and_lists_every_target_as_a_decision(params_copy, tmp_path):
    res = dsw("new-year", 2565, "--from", 2564, "--params", params_copy)
    assert res.exit_code == 0, res.output
    ydir = params_copy / "2565"
    assert sorted(p.name for p in ydir.iterdir()) == ["facilities_kpi3_1.csv", "facilities_kpi3_2.csv", "kpis.yaml",
                                                     "pmqa_categories.csv", "provinces_kpi4.csv"]
    lines = (ydir / "provinces_kpi4.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 79 and lines[1] == "1,กรุงเทพมหานคร,,,,,," and lines[-1] == "รวม,,,,,,,"
    cat = load_catalog(params_copy, 2565)
    assert cat.scored is True and cat.scoring_note_th == ""  # FY2564's "not officially scored" stays with 2564
    assert cat.kpi("5.2").history[-1].fiscal_year == 2564 and cat.kpi("5.2").history[-1].value == 426.86
    assert [p.fiscal_year for p in cat.kpi("3.1").history] == [2562, 2563, 2564]  # not duplicated
    assert cat.kpi("1").narrative.description_th and not cat.kpi("1").narrative.actions_th
    assert cat.kpi("1").criteria_th == load_catalog(params_copy, 2564).kpi("1").criteria_th
    assert "ต.ค.63" not in cat.kpi("4").units_table.title_th and cat.kpi("4").units_table.as_of_th == ""
    decisions = _decisions(params_copy, 2565)
    assert sorted(decisions) == ["3.1", "3.2", "4", "5.2"]
    assert "13.16 / 17.55 / 21.94" in decisions["3.1"]["message"]
    # the planning year renders: targets shown as not set, per-unit tables waiting for figures
    from dswlib.annual import AnnualReport

    report = AnnualReport.load(fiscal_year=2565, round=12, params_dir=params_copy)
    targets = report.targets_table("4")
    assert targets.data.iloc[0, 1:].isna().all() and "ยังไม่กำหนด" in targets.to_html()  # data: missing; shown: not set
    assert report.units_table("4") is None and "ยังไม่กำหนด" in report.score_table().to_html()
    # and its intake template has the units pre-filled
    book = tmp_path / "fy2565.xlsx"
    assert dsw("intake", "template", 2565, "-o", book, "--params", params_copy).exit_code == 0
    assert load_workbook(book)["KPI 4"]["B24"].value == "กรุงเทพมหานคร"


def test_never_overwrites_and_needs_the_year_before(params_copy):
    assert dsw("new-year", 2567, "--from", 2566, "--params", params_copy).exit_code == 0
    before = tree_digest(params_copy)
    again = dsw("new-year", 2567, "--from", 2566, "--params", params_copy)
    assert again.exit_code == 2 and "never overwrites" in again.output and "2567/kpis.yaml" in again.output
    assert dsw("new-year", 2566, "--from", 2564, "--params", params_copy).exit_code == 2  # 2566 exists
    gap = dsw("new-year", 2568, "--from", 2566, "--params", params_copy)
    assert gap.exit_code == 2 and "the year before 2568 (2567)" in gap.output
    assert tree_digest(params_copy) == before


def test_only_a_draft_catalog_may_leave_targets_empty(params_copy):
    path = params_copy / "2566" / "kpis.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    targets: [43.19, 53.19, 63.19]\n", ""), encoding="utf-8")
    assert load_catalog(params_copy, 2566).kpi("4").targets is None  # draft: a decision, not an error
    path.write_text(text.replace("    targets: [43.19, 53.19, 63.19]\n", "").replace("draft: true", "draft: false"), encoding="utf-8")
    with pytest.raises(ParamsError, match=r"\['4'\] have no targets"):
        load_catalog(params_copy, 2566)
    data = yaml.safe_load(text.replace("    targets: [43.19, 53.19, 63.19]\n", ""))
    data["kpis"][3]["result"] = {"value": 50.0}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ParamsError, match="with a result needs targets"):
        load_catalog(params_copy, 2566)


def test_no_result_before_the_targets_are_decided(params_copy, tmp_path):
    assert dsw("new-year", 2567, "--from", 2566, "--params", params_copy).exit_code == 0
    book = tmp_path / "fy2567.xlsx"
    assert dsw("intake", "template", 2567, "--round", 6, "-o", book, "--params", params_copy).exit_code == 0
    wb = load_workbook(book)
    ws = wb["KPI 4"]
    ws[input_ref(ws, "ตัวตั้ง")], ws[input_ref(ws, "ตัวหาร")] = 10, 20
    wb.save(book)
    before = tree_digest(params_copy)
    res = dsw("intake", "import", 2567, book, "--params", params_copy)
    assert res.exit_code == 2 and "KPI 4!B" in res.output and "targets are decided" in res.output
    assert tree_digest(params_copy) == before
