import csv

from dswlib.checks import check_year


def _codes(findings):
    return {(f.code, f.where) for f in findings}


def test_fy2564_seed_inconsistencies_are_found(params_dir):
    findings = check_year(params_dir, 2564)
    codes = _codes(findings)
    # 7 returned of 1 group-A resident (002 L463)
    assert any(c == "numerator_above_denominator" and "facilities_kpi3_2.csv แถว 3" in w for c, w in codes)
    # all totals rows add up and all printed percentages of the 77-province table agree
    assert not any(c == "total_mismatch" for c, _ in codes)
    assert not any(c == "percent_mismatch" for c, _ in codes)
    assert not any(c == "change_mismatch" for c, _ in codes)
    assert any(f.code == "pmqa_total_is_mean" for f in findings)


def test_fy2566_truncation_and_baseline(params_dir):
    findings = check_year(params_dir, 2566)
    trunc = [f for f in findings if f.code == "percent_mismatch" and f.where == "KPI 4 history 2565"]
    assert trunc and trunc[0].printed == "53.19" and trunc[0].expected == "53.20"
    assert "ตัดทศนิยม" in trunc[0].message
    assert not any(f.code == "target_rule_mismatch" for f in findings)


def _rewrite(path, fn):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fn(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def test_changed_total_row_is_reported(params_copy):
    path = params_copy / "2564" / "facilities_kpi3_1.csv"
    _rewrite(path, lambda rows: rows[-1].update(improved_persons="199"))
    findings = check_year(params_copy, 2564)
    hit = [f for f in findings if f.code == "total_mismatch" and "improved_persons" in f.where]
    assert hit and hit[0].printed == "199" and hit[0].expected == "198"


def test_wrong_printed_percent_is_reported(params_copy):
    path = params_copy / "2564" / "provinces_kpi4.csv"
    _rewrite(path, lambda rows: rows[0].update(percent_printed="48.20"))  # 240/498 = 48.19
    findings = check_year(params_copy, 2564)
    assert any(f.code == "percent_mismatch" and "แถว 1" in f.where for f in findings)


def test_breakdown_and_rule_mismatch(params_copy):
    path = params_copy / "2564" / "facilities_kpi3_2.csv"
    _rewrite(path, lambda rows: rows[1].update(returned_to_family_persons="5"))
    findings = check_year(params_copy, 2564)
    assert any(f.code == "breakdown_mismatch" and "แถว 2" in f.where for f in findings)
    kpis = params_copy / "2566" / "kpis.yaml"
    kpis.write_text(kpis.read_text(encoding="utf-8").replace("targets: [43.19, 53.19, 63.19]", "targets: [43.19, 53.19, 63.20]"), encoding="utf-8")
    findings = check_year(params_copy, 2566)
    assert any(f.code == "target_rule_mismatch" and f.printed == "63.20" and f.expected == "63.19" for f in findings)


def test_bad_cell_in_units_table_names_row_and_column(params_copy):
    import pytest

    from dswlib.errors import ParamsError

    path = params_copy / "2564" / "provinces_kpi4.csv"
    _rewrite(path, lambda rows: rows[4].update(service_users_persons="ยี่สิบสอง"))
    with pytest.raises(ParamsError) as info:
        check_year(params_copy, 2564)
    assert "provinces_kpi4.csv" in str(info.value) and "row 6, column service_users_persons" in str(info.value)


def test_history_disagreeing_with_series_is_reported(params_copy):
    path = params_copy / "series" / "kpi_results.csv"
    text = path.read_text(encoding="utf-8")
    assert "irp_returned,3.2,2563,ร้อยละของกลุ่มเป้าหมายที่ได้รับการพัฒนาศักยภาพและสามารถกลับคืนสู่สังคม,72.84" in text
    path.write_text(text.replace(
        "irp_returned,3.2,2563,ร้อยละของกลุ่มเป้าหมายที่ได้รับการพัฒนาศักยภาพและสามารถกลับคืนสู่สังคม,72.84",
        "irp_returned,3.2,2563,ร้อยละของกลุ่มเป้าหมายที่ได้รับการพัฒนาศักยภาพและสามารถกลับคืนสู่สังคม,72.48"), encoding="utf-8")
    findings = check_year(params_copy, 2564)
    assert any(f.code == "series_mismatch" and f.where == "KPI 3.2 history 2563" for f in findings)
    assert not any(f.code == "series_mismatch" for f in check_year(params_copy.parent / "params", 2566))


def test_year_with_only_action_plans_is_checkable(params_dir):
    """FY2569 has roadmap.yaml and no kpis.yaml: dsw check returns the roadmap's findings (issue 11)."""
    import json

    from click.testing import CliRunner

    from dswlib.cli import main

    findings = check_year(params_dir, 2569)
    codes = {f.code for f in findings}
    assert {"status_vs_schedule", "zero_base", "sum_unverifiable", "percent_no_base"} <= codes
    five = [f for f in findings if f.code == "status_vs_schedule" and "five_year_plan" in f.where]
    assert five and five[0].where.startswith("roadmap.yaml โครงการ five_year_plan") and five[0].source == "001 L43"
    res = CliRunner().invoke(main, ["check", "2569", "--json", "--params", str(params_dir)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert {d["code"] for d in data} == codes and all(d["severity"] in ("error", "warning", "info") for d in data)


def test_every_kind_of_params_of_a_year_is_checked(params_dir):
    findings = check_year(params_dir, 2566)  # kpis.yaml + action_plans.yaml
    assert any(f.code == "percent_mismatch" and f.where == "KPI 4 history 2565" for f in findings)
    assert any(f.code == "outside_year" and f.where.startswith("action_plans.yaml โครงการ kpi5_welfare_alerts")
               for f in findings)  # ก.ย. 65 (000 L382)


def test_year_without_params_is_a_named_error(params_dir):
    import pytest

    from dswlib.errors import ParamsError

    with pytest.raises(ParamsError, match="2570.*kpis.yaml.*roadmap.yaml"):
        check_year(params_dir, 2570)


def test_checker_registry_is_extensible(params_dir):
    from dswlib import checks
    from dswlib.findings import Finding

    before = list(checks.CHECKERS)
    try:
        @checks.register_checker("extra", "extra.yaml", lambda p, y: y == 2569)
        def _extra(params_dir, fiscal_year):
            return [Finding("extra_code", "info", "extra.yaml", "ทดสอบ")]

        assert any(f.code == "extra_code" for f in check_year(params_dir, 2569))
        assert not any(f.code == "extra_code" for f in check_year(params_dir, 2566))
    finally:
        checks.CHECKERS[:] = before
