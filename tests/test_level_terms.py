"""The names of the three target levels come from the year's source document (params), not from code."""

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dswlib.annual import AnnualReport
from dswlib.catalog import load_catalog
from dswlib.cli import main
from dswlib.errors import ParamsError
from dswlib.scoring import level_name, overall_level

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), Path("/nonexistent"))


def test_fy2564_uses_the_terms_of_seed_002(params_dir):
    catalog = load_catalog(params_dir, 2564)
    assert catalog.terms == ("ขั้นต่ำ", "มาตรฐาน", "ขั้นสูง")
    report = AnnualReport.load(fiscal_year=2564, round=12, params_dir=params_dir)
    headers = list(report.targets_table("3.1").data.columns)
    assert headers[1:] == ["เป้าหมายขั้นต่ำ (50)", "เป้าหมายมาตรฐาน (75)", "เป้าหมายขั้นสูง (100)"]
    score_table = report.score_table().data
    assert "ขั้นต่ำ (50)" in score_table.columns and "ขั้นต้น (50)" not in score_table.columns
    levels = dict(zip(score_table["ตัวชี้วัด"].str.strip().str.split().str[0], score_table["ระดับที่บรรลุ"]))
    assert levels["3.1"] == "ขั้นต่ำ" and levels["3.2"] == "ต่ำกว่าขั้นต่ำ" and levels["2"] == "ขั้นต่ำ"
    assert report.scorecard.level == "ขั้นต่ำ"  # total 54.17
    assert "ต่ำกว่าเป้าหมายขั้นต่ำได้ 0 คะแนน" in report.foreword().to_html()
    page = report.kpi_page("4").to_html()
    assert "ต่ำกว่าขั้นต่ำ" in page and "ขั้นต้น" not in page


def test_fy2566_uses_the_terms_of_seed_000(params_dir):
    catalog = load_catalog(params_dir, 2566)
    assert catalog.terms == ("ขั้นต้น", "มาตรฐาน", "ขั้นสูง")
    # per-KPI variants printed by seed 000 are kept (KPI 6: ขั้นต่ำ, 000 L411)
    assert catalog.kpi("6").target_labels_th[0].startswith("ขั้นต่ำ")


def test_dsw_score_text_and_json_use_the_year_terms(params_dir):
    text = CliRunner().invoke(main, ["score", "2564", "--params", str(params_dir)]).output
    assert "ขั้นต่ำ" in text and "ขั้นต้น" not in text
    assert re.search(r"ระดับ: ขั้นต่ำ", text)
    doc = json.loads(CliRunner().invoke(main, ["score", "2564", "--json", "--params", str(params_dir)]).output)
    assert doc["level"] == "ขั้นต่ำ" and doc["level_terms_th"] == ["ขั้นต่ำ", "มาตรฐาน", "ขั้นสูง"]
    assert "ขั้นต่ำ" in doc["scoring_rule"]["description_th"]
    # the JSON field names are unchanged
    assert {"level_reached", "score", "weighted_score", "targets"} <= set(doc["kpis"][0])
    text66 = CliRunner().invoke(main, ["score", "2566", "--params", str(params_dir)]).output
    assert "ขั้นต้น" in text66 and "ขั้นต่ำ" not in text66.split("\n")[2]


def test_changing_the_terms_in_params_changes_every_text(params_copy):
    path = params_copy / "2564" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "level_terms_th: [ขั้นต่ำ, มาตรฐาน, ขั้นสูง]", "level_terms_th: [ระดับหนึ่ง, ระดับสอง, ระดับสาม]"), encoding="utf-8")
    text = CliRunner().invoke(main, ["score", "2564", "--params", str(params_copy)]).output
    assert "ระดับหนึ่ง" in text and "ขั้นต่ำ" not in text
    report = AnnualReport.load(fiscal_year=2564, round=12, params_dir=params_copy)
    assert report.scorecard.level == "ระดับหนึ่ง"


def test_bad_terms_are_a_named_error(params_copy):
    path = params_copy / "2564" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "level_terms_th: [ขั้นต่ำ, มาตรฐาน, ขั้นสูง]", "level_terms_th: [ขั้นต่ำ, มาตรฐาน]"), encoding="utf-8")
    with pytest.raises(ParamsError) as info:
        load_catalog(params_copy, 2564)
    assert "kpis.yaml" in str(info.value) and "level_terms_th" in str(info.value)


def test_level_names_follow_the_given_terms():
    terms = ("ขั้นต่ำ", "มาตรฐาน", "ขั้นสูง")
    assert level_name(0, terms) == "ต่ำกว่าขั้นต่ำ" and level_name(75, terms) == "มาตรฐาน"
    assert overall_level(54.17, terms) == "ขั้นต่ำ" and overall_level(49.99, terms) == "ต่ำกว่าขั้นต่ำ"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
@pytest.mark.parametrize("year, seed", [(2564, "002"), (2566, "000")])
def test_terms_are_the_ones_the_seed_prints(params_dir, year, seed):
    catalog = load_catalog(params_dir, year)
    text = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8").split("\n")
    for ref in re.findall(r"L(\d+)", catalog.level_terms_source):
        line = text[int(ref) - 1]
        for term, level in zip(catalog.terms, (50, 75, 100)):
            assert f"เป้าหมาย{term} ({level})" in line, (seed, ref, term)
