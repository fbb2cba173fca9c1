"""``dsw standards`` commands and batch jobs."""

import json

from click.testing import CliRunner

from dswlib.standards.cli import standards
from dswlib.standards.demo import demo_assessment
from dswlib.standards.jobs import GROUP_TH, jobs
from dswlib.standards.provinces import find_province
from dswlib.standards.rubric import load_rubric
from dswlib.standards.template import write_assessment

R = load_rubric("params")


def _hand_checked_file(tmp_path):
    """Every scored indicator at its top band, except area 8 of dimension 4 = the seed's worked example."""
    prov = find_province("50", "params")
    a = demo_assessment(R, prov, 2564)
    for ind in R.scored_indicators():
        if ind.measure == "percent":
            a.values[ind.id] = {"numerator": 10, "denominator": 10} if ind.direction != "lower_is_better" else {"numerator": 0, "denominator": 10}
    a.values.update({
        "D2.I1": {"value": 5}, "D2.I3": {"value": 12}, "D2.I4": {"count_year": 24},
        "D2.I5": {"overall_plan": True, "group_plans": "all"}, "D2.I10": {"value": True}, "D2.I11": {"value": 2}, "D2.I12": {"value": True},
        "D3.I1": {"value": 6}, "D3.I2": {"value": 1}, "D3.I3": {"value": 4}, "D3.I4": {"value": 3}, "D3.I5": {"value": 2},
        "D3.I6": {"value": 5}, "D3.I8": {"value": 12}, "D3.I9": {"value": 12},
        "D4.I1": {"value": 1}, "D4.I2": {"plan_exists": True, "annual_review": True}, "D4.I3": {"proposed": 1, "included": 1},
        "D4.I4": {"value": 6}, "D4.I5": {"value": True}, "D4.I6": {"plans": 1, "evaluated_reported": 1}, "D4.I8": {"value": 1},
        "D4.I11": {"value": 12}, "D4.I12": {"activities": 3, "lowest_activity_pct": 80}, "D4.I14": {"value": 6}, "D4.I15": {"value": 1},
        "D4.I20": {"plan": True, "reported": True}, "D4.I21": {"value": 6}, "D4.I22": {"value": True}, "D4.I24": {"value": 6},
        "D4.I32": {"cases": 4, "within_15_days": 4, "later": 0}, "D4.I33": {"value": 3},
        # area 8 as in 004 L1166-1171: 10, 7.5, 10, 10, 5, 7.5
        "D4.I25": {"value": True}, "D4.I26": {"value": 4500}, "D4.I27": {"count_year": 48}, "D4.I28": {"value": 3},
        "D4.I29": {"projects": 2, "orgs_joined": 6, "orgs_invited": 10}, "D4.I30": {"value": 10},
    })
    return write_assessment(tmp_path / "hand.csv", R, a, province=prov)


def test_score_json(tmp_path):
    path = _hand_checked_file(tmp_path)
    out = CliRunner().invoke(standards, ["score", str(path), "--json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert doc["province_code"] == "50" and doc["fiscal_year"] == 2564 and doc["synthetic"] is True
    assert len(doc["indicators"]) == 55 and len(doc["areas"]) == 16 and len(doc["dimensions"]) == 3
    area8 = next(a for a in doc["areas"] if a["key"] == "D4.A8")
    assert area8["total"] == 50 and area8["mean"] == 8.33 and area8["band_th"] == "ผ่านเกณฑ์ในระดับค่อนข้างดี"
    d = {x["key"]: x for x in doc["dimensions"]}
    assert d["D2"]["mean"] == 10.0 and d["D3"]["mean"] == 10.0
    assert d["D4"]["total"] == 330 and d["D4"]["mean"] == 9.71  # 330/34
    assert doc["overall"]["total"] == 540 and doc["overall"]["n_scored"] == 55 and doc["overall"]["mean"] == 9.82  # 540/55
    assert doc["overall"]["band_th"] == "ผ่านเกณฑ์ในระดับดี" and doc["overall"]["passed"] is True
    assert len(doc["input_checks"]) == 31
    i29 = next(i for i in doc["indicators"] if i["id"] == "D4.I29")
    assert i29["score"] == 5 and i29["status"] == "scored"


def test_score_bad_file_exit_code_and_message(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator_id,input,value\nmeta,province_code,50\nmeta,fiscal_year,2564\nD2.I3,value,abc\n", encoding="utf-8")
    out = CliRunner().invoke(standards, ["score", str(bad)])
    assert out.exit_code == 2
    assert "bad.csv" in out.output and "row 4, column value" in out.output


def test_template_and_demo_commands(tmp_path):
    runner = CliRunner()
    out = runner.invoke(standards, ["template", str(tmp_path / "t.xlsx"), "--province", "เชียงใหม่", "--year", "2564"])
    assert out.exit_code == 0 and (tmp_path / "t.xlsx").exists()
    out = runner.invoke(standards, ["demo", "2564", str(tmp_path / "demo")])
    assert out.exit_code == 0, out.output
    files = sorted((tmp_path / "demo").glob("SYNTHETIC_*.csv"))
    assert len(files) == 76
    out = runner.invoke(standards, ["score", str(files[0])])
    assert out.exit_code == 0 and "SYNTHETIC" in out.output


def test_jobs_76_provinces_plus_overview():
    js = jobs(2564, "params")
    assert len(js) == 77 and len({j.name for j in js}) == 77
    assert js[0].notebook == "standards_overview.ipynb"
    prov = [j for j in js if j.notebook == "standards_province.ipynb"]
    assert len(prov) == 76 and all(j.group == GROUP_TH for j in js)
    assert all(j.output.isascii() and j.output.startswith("standards/") for j in js)
    from dswlib.standards.provinces import load_provinces

    assert [j.parameters["province"] for j in prov] == [p.code for p in load_provinces("params")]
    assert all(j.parameters["fiscal_year"] == 2564 for j in js)
