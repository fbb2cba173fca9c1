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


def _rows_of(findings, code):
    return sorted(f.where.split(" แถว ")[1].split(" ")[0] for f in findings if f.code == code)



def test_improved_and_group_a_are_checked_across_tables_row_by_row(params_dir):
    findings = check_year(params_dir, 2564)
    hits = [f for f in findings if f.code == "subset_exceeds_group"]
    # improved (3.1) above group A (3.2) of the same facility: rows 5 (42 > 5) and 14 (31 > 25), 002 L363/L465, L372/L474
    improved = {f.where.split(" แถว ")[1].split(" ")[0]: f for f in hits if f.where.startswith("facilities_kpi3_1.csv")}
    assert sorted(improved, key=int) == ["5", "14"]
    assert improved["5"].printed == "42" and improved["5"].expected == "≤ 5" and "002 L363" in improved["5"].source
    # group A (3.2) above the people assessed 2+ times (3.1): rows 4, 9, 11, 12 (the tables disagree)
    group_a = sorted((f.where.split(" แถว ")[1].split(" ")[0] for f in hits if f.where.startswith("facilities_kpi3_2.csv")), key=int)
    assert group_a == ["4", "9", "11", "12"]
    # returned (3.2) within group A of the same row: 7 of 1 at row 3
    assert _rows_of(findings, "numerator_above_denominator") == ["3"]
    # the documented (not recomputed) version of the same problem is gone
    assert not any(f.code == "tables_disagree" for f in findings)



def test_a_changed_row_breaks_the_subset_rule(params_copy):
    path = params_copy / "2564" / "facilities_kpi3_1.csv"
    _rewrite(path, lambda rows: rows[1].update(improved_persons="40", maintained_a_persons="27"))  # group A of row 2 is 32
    findings = check_year(params_copy, 2564)
    assert any(f.code == "subset_exceeds_group" and f.where.startswith("facilities_kpi3_1.csv แถว 2 ") for f in findings)



def _drop(path, keep):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for i, line in enumerate(lines) if keep(i, line)), encoding="utf-8")



def test_rows_are_checked_against_the_result_without_a_total_row(params_copy):
    path = params_copy / "2564" / "facilities_kpi3_1.csv"
    _drop(path, lambda i, line: not line.startswith("รวม"))  # total row removed, rows intact: still consistent
    assert not any(f.code == "result_table_mismatch" for f in check_year(params_copy, 2564))
    _drop(path, lambda i, line: not line.startswith("7,"))  # a facility row removed too (185 assessed, 0 improved)
    hit = [f for f in check_year(params_copy, 2564) if f.code == "result_table_mismatch" and f.where == "KPI 3.1"]
    assert hit and hit[0].printed == "198/1,239" and hit[0].expected == "198/1,424"
    assert "ไม่มีแถวรวม" in hit[0].message



def test_removed_unit_row_with_total_row_is_reported(params_copy):
    path = params_copy / "2564" / "provinces_kpi4.csv"
    _drop(path, lambda i, line: i != 1)  # กรุงเทพมหานคร: 498 users, 240 returned
    findings = check_year(params_copy, 2564)
    assert any(f.code == "total_mismatch" for f in findings)
    hit = [f for f in findings if f.code == "result_table_mismatch" and f.where == "KPI 4"]
    assert hit and hit[0].printed == "1,656/3,293"



def test_pmqa_result_is_checked_without_the_total_row(params_copy):
    path = params_copy / "2564" / "pmqa_categories.csv"
    _drop(path, lambda i, line: not line.startswith("คะแนนรวม"))
    assert not any(f.code.startswith("pmqa_result") for f in check_year(params_copy, 2564))
    _rewrite(path, lambda rows: rows[0].update(assessor_score="353.13"))  # mean drops by 100/7
    hit = [f for f in check_year(params_copy, 2564) if f.code == "pmqa_result_mismatch"]
    assert hit and hit[0].expected == "412.57" and hit[0].printed == "426.86"



def test_pmqa_table_with_a_missing_category_is_a_finding(params_copy):
    path = params_copy / "2564" / "pmqa_categories.csv"
    _drop(path, lambda i, line: not line.startswith("หมวด 7"))
    hit = [f for f in check_year(params_copy, 2564) if f.code == "pmqa_category_count"]
    assert hit and hit[0].printed == "6"



def test_header_only_or_empty_units_csv_is_a_named_error(params_copy):
    import pytest

    from dswlib.errors import ParamsError

    path = params_copy / "2564" / "facilities_kpi3_1.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    for content, got in ((header + "\n", "header line only"), ("", "an empty file"), ("\n\n", "an empty file"),
                         (header + "\nรวม,,\"1,424\",198,91,107,002 L373\n", "only a total row")):
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ParamsError) as info:
            check_year(params_copy, 2564)
        assert "facilities_kpi3_1.csv" in str(info.value) and got in str(info.value), content



def test_dsw_check_json_includes_the_covid_section_findings(params_dir):
    import json

    from click.testing import CliRunner

    from dswlib.cli import main

    res = CliRunner().invoke(main, ["check", "2564", "--json", "--params", str(params_dir)])
    assert res.exit_code == 0, res.output
    found = {(f["code"], f["printed"], f["expected"]) for f in json.loads(res.output)}
    assert ("covid_subtotal", "61.09", "61.10") in found  # sum of rounded parts (screening point)
    assert ("covid_share", "37.11", "37.12") in found     # truncated share (shelter)
    assert ("covid_percent", "2.9", "2.99") in found      # a percent off its count (staff infected)
    covid = [f for f in json.loads(res.output) if f["code"].startswith("covid_")]
    assert all("covid.yaml" in f["where"] and f["source"].startswith("002 L") for f in covid)
    # the volunteers figure is reported once (by the COVID check), not twice
    assert sum("196,387" in f["message"] for f in json.loads(res.output)) == 1
    # a year without a COVID section has no COVID findings
    assert not any(f.code.startswith("covid_") for f in check_year(params_dir, 2566))



def test_covid_year_findings_function(params_dir, tmp_path):
    from dswlib.covid.consistency import year_findings

    assert any(f.code == "covid_subtotal" for f in year_findings(params_dir, 2564))
    assert year_findings(params_dir, 2566) == []

