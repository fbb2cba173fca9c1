"""FY2564 annual report: every KPI page has the seed's text parts, and every figure in them is the seed's."""

import re
from pathlib import Path

import pytest

from dswlib.annual import AnnualReport
from dswlib.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()), Path("/nonexistent"))
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
PARTS = ("description_th", "actions_th", "support_factors_th", "obstacles_th", "evidence_th")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "params", 2564)


@pytest.fixture(scope="module")
def report():
    return AnnualReport.load(fiscal_year=2564, round=12, params_dir=ROOT / "params")


def _pages(catalog):
    return [k for k in catalog.kpis if k.kind != "composite"]


def test_every_kpi_page_has_every_part_of_the_seed(catalog):
    for kpi in _pages(catalog):
        for part in PARTS:
            assert getattr(kpi.narrative, part), f"KPI {kpi.id} has no {part}"


def test_every_narrative_item_cites_its_seed_lines(catalog):
    for kpi in _pages(catalog):
        for part, items in kpi.narrative.parts().items():
            for item in items:
                assert re.match(r"^002 L\d+", item.source), (kpi.id, part, item.th[:40])


def _seed_text(source, lines):
    refs = re.findall(r"L(\d+)(?:-(\d+))?", source)
    assert refs, source
    return "\n".join("\n".join(lines[int(a) - 1:int(b or a)]) for a, b in refs)


def _texts(kpi):
    """(text, source) of every narrative item, sub-point, the scope, the criteria and the result items."""
    n = kpi.narrative
    for items in n.parts().values():
        for item in items:
            yield item.th, item.source
            for sub in item.items_th:
                yield sub, item.source
    if n.scope_th:
        yield n.scope_th, n.scope_source
    for criteria in kpi.criteria_th.values():
        for text in criteria:
            yield text, kpi.source
    if kpi.result is not None:
        for text in kpi.result.items_th:
            yield text, kpi.result.source


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_every_figure_in_the_narrative_is_printed_on_its_seed_lines(catalog):
    lines = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8").split("\n")
    missing = []
    for kpi in _pages(catalog):
        for text, source in _texts(kpi):
            seed = _seed_text(source, lines)
            for number in NUMBER.findall(text):
                if number not in seed:
                    missing.append((kpi.id, source, number, text[:50]))
    assert missing == []


def test_the_figures_the_review_found_missing_are_on_the_pages(report, catalog):
    page = {k.id: report.kpi_page(k.id).to_html() for k in _pages(catalog)}
    # KPI 1: income threshold, the dated meeting, trainers' batches, activity counts and participants (002 L174-214)
    for figure in ("3,000 บาทต่อเดือน", "22 มกราคม 2564", "403 คน", "124 คน", "138 คน", "141 คน",
                   "54 พื้นที่", "2,205 คน", "37 พื้นที่", "1,813 คน", "30 พื้นที่"):
        assert figure in page["1"], figure
    # KPI 2: the Comptroller General's letter and the allowance thresholds (002 L278-291)
    for figure in ("กค 0408.5/19639 ลงวันที่ 10 พฤษภาคม 2562", "หน้าละ 5 บาท ชุดละไม่เกิน 50 บาท",
                   "รายละไม่เกิน 120 บาท แต่ไม่เกิน 600 บาทต่อเดือน", "ไม่เกิน 6 ครั้งต่อปี", "มื้อละไม่เกิน 35 บาท",
                   "ร้อยละ 70"):
        assert figure in page["2"], figure
    # KPI 3.1: the seed's IRP dimensions, kept as printed in each place (002 L326, L388)
    assert "ด้านจิตใจ/อารมณ์" in page["3.1"] and "ด้านจิตใจ/สังคม" in page["3.1"] and "14 ข้อ" in page["3.1"]
    assert "อาชีพบำบัด" in page["3.1"] and "อาชีวบำบัด" not in page["3.1"]
    # KPI 3.2: the department's measure 2.1.4 (002 L514)
    assert "2.1.4" in page["3.2"] and "2 ไตรมาส" in page["3.2"]
    # KPI 5.1: description, actions and obstacles are there (they were "-")
    assert "Krungthai Corporate Online" in page["5.1"] and "14 มิ.ย. 64" in page["5.1"]
    assert "ไม่ได้ตั้งงบประมาณ" in page["5.1"] and "ขาดบุคลากรด้าน IT" in page["5.1"]
    # KPI 5.2: the seed's own evidence, six actions and the printed "-" for obstacles (002 L790-805)
    assert "ระบบสมัครรางวัลเลิศรัฐ ของสำนักงาน ก.พ.ร." in page["5.2"]
    assert "6 คณะ" in page["5.2"] and "ไม่มี (เอกสารระบุ &quot;-&quot;)" in page["5.2"]


def test_narrative_text_is_escaped(params_copy):
    path = params_copy / "2564" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "{th: ระบบการยื่นขอรับเงินอุดหนุนออนไลน์ (e-form), source: \"002 L753\"}",
        "{th: \"<b>x</b> & y\", source: \"002 L753\"}"), encoding="utf-8")
    report = AnnualReport.load(fiscal_year=2564, round=12, params_dir=params_copy)
    markup = report.kpi_page("5.1").to_html()
    assert "<b>x</b>" not in markup and "&lt;b&gt;x&lt;/b&gt; &amp; y" in markup


def test_front_matter_follows_the_seed(report):
    # the map groups the department's KPIs under the two components with their weights (002 L128-138)
    strategy = report.strategy_map().to_html()
    assert "(Performance Base) ร้อยละ 70" in strategy and "(Potential Base) ร้อยละ 30" in strategy
    # KPI 5.1 carries its topic in the KPI table as the seed prints it (002 L154)
    table = report.kpi_weights_table().data["ตัวชี้วัด"].tolist()
    assert any(t.startswith("5.1 ") and t.endswith("(ประเด็นการสร้างนวัตกรรมในการปรับปรุงกระบวนการ หรือ การให้บริการ e-Service)")
               for t in table)
    assert any(t.startswith("1 ") and t.count("1 กรม 1 ปฏิรูป") == 1 for t in table)  # a tag already in the name is not repeated
    assert "กลุ่มพัฒนาระบบบริหาร กรมพัฒนาสังคมและสวัสดิการ" in report.cover().to_html()  # 002 L14-15
