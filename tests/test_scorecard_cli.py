import json

from click.testing import CliRunner

from dswlib.cli import main


def _score(*args):
    result = CliRunner().invoke(main, ["score", *args])
    return result


def test_score_2564_json_reproduces_seed_002(params_dir):
    res = _score("2564", "--json", "--params", str(params_dir))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert set(doc) >= {"fiscal_year", "kpis", "components", "total", "level", "findings"}
    kpis = {k["id"]: k for k in doc["kpis"]}
    assert kpis["3.1"]["result"] == 13.90 and kpis["3.1"]["targets"] == [13.16, 17.55, 21.94]
    assert kpis["3.2"]["result"] == 16.72 and (kpis["3.2"]["numerator"], kpis["3.2"]["denominator"]) == (55, 329)
    assert kpis["4"]["result"] == 50.01 and kpis["4"]["targets"] == [73.77, 74.54, 75.31]
    assert kpis["5.2"]["result"] == 426.86 and kpis["5.2"]["targets"] == [370, 407.02, 415.16]
    for k in doc["kpis"]:
        assert {"id", "name", "weight", "result", "targets", "score", "weighted_score"} <= set(k)
    # weighted scores add up to the components and the total
    leaves = [k for k in doc["kpis"] if k["kind"] != "composite"]
    assert round(sum(k["weighted_score"] for k in leaves), 2) == doc["total"]
    assert round(sum(c["weighted_score"] for c in doc["components"].values()), 2) == doc["total"]
    assert doc["components"]["C1"]["weight"] == 70 and doc["components"]["C2"]["weight"] == 30
    assert any(f["code"] == "numerator_above_denominator" for f in doc["findings"])


def test_score_2566_prints_targets_without_scores(params_dir):
    res = _score("2566", "--json", "--params", str(params_dir))
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    kpis = {k["id"]: k for k in doc["kpis"]}
    assert kpis["4"]["targets"] == [43.19, 53.19, 63.19]
    assert kpis["6"]["targets"] == [400, 449.83, 458.83]
    assert kpis["2"]["targets"] == [59.54, 64.04, 73.04]
    assert all(k["score"] is None for k in doc["kpis"]) and doc["total"] is None
    text = _score("2566", "--params", str(params_dir))
    assert text.exit_code == 0 and "59.54" in text.output


def test_score_text_and_errors(params_dir, params_copy):
    res = _score("2564", "--params", str(params_dir))
    assert res.exit_code == 0 and "13.90" in res.output and "54.17" in res.output
    res = _score("2599", "--params", str(params_dir))
    assert res.exit_code == 2 and "2599" in res.output
    (params_copy / "2564" / "kpis.yaml").write_text("fiscal_year: [", encoding="utf-8")
    res = _score("2564", "--params", str(params_copy))
    assert res.exit_code == 2 and "kpis.yaml" in res.output


def test_step_rule_changes_scores(params_dir):
    doc = json.loads(_score("2564", "--json", "--between", "step", "--params", str(params_dir)).output)
    assert {k["id"]: k["score"] for k in doc["kpis"]}["3.1"] == 50.0
