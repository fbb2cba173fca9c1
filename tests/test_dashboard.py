"""The year's dashboard (outputs/<year>/index.html, issue 12 point 4), built from a manifest and the real params.

No notebook runs here: the manifest records are written by hand (the batch tests run
the real thing), the scorecard is the real `dsw score --json` document, and the
standards, community and roadmap figures come from the real libraries. The page is
parsed with BeautifulSoup and its figures compared with scorecard.json and with the
libraries, not only dashboard.json.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dswlib.dashboard import write_dashboard
from dswlib.scorecard import load_scorecard, scorecard_dict
from dswlib.thainum import parse_number

ROOT = Path(__file__).resolve().parents[1]


def _record(title, group, html, status="ok", stale=False, parameters=None, error=None):
    return {"title": title, "group": group, "status": status, "stale": stale, "parameters": parameters or {},
            "outputs": {html: "0" * 64} if status == "ok" else {html.replace(".html", ".failed.ipynb"): "0" * 64},
            "error": error, "ended": "2026-12-01T02:30:00+00:00"}


def _manifest(year, params, jobs, scorecard=True):
    return {
        "fiscal_year": year,
        "run": {"started": "2026-12-01T02:28:00+00:00", "ended": "2026-12-01T02:30:17+00:00", "seconds": 137.2,
                "status": "complete", "ran": len(jobs), "skipped": 0, "not_run": []},
        "dswlib": {"version": "0.1.0", "code_sha256": "ab" * 32, "git": {"commit": "c0ffee" + "0" * 34, "dirty": False}},
        "scorecard": {"file": "scorecard.json"} if scorecard else None,
        "jobs": jobs,
    }


def _year_2564(params, out_root, *, failed_province=None, stale_province=None, failed_annual=False):
    """A full FY2564 year (annual, covid, community, standards overview and 76 provinces) with its scorecard."""
    from dswlib.standards.jobs import jobs as standards_jobs
    from dswlib.standards.provinces import load_provinces

    out = out_root / "2564"
    out.mkdir(parents=True, exist_ok=True)
    doc = scorecard_dict(load_scorecard(params, 2564))
    (out / "scorecard.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    p = {"fiscal_year": 2564, "params_dir": str(params)}
    error = {"type": "ParamsError", "message": "kpis.yaml: weight: ผลรวมน้ำหนักไม่เท่ากับ 100\nบรรทัดที่สอง",
             "cell": 2, "source": "rep = AnnualReport.load(**parameters)"}
    jobs = {
        "annual_report": _record("รายงานผลการดำเนินงานตามตัวชี้วัด ปีงบประมาณ พ.ศ. 2564", "รายงานผลการดำเนินงาน",
                                 "annual_report.html", status="failed" if failed_annual else "ok",
                                 error=error if failed_annual else None),
        "covid_lessons": _record("ผลการถอดบทเรียน", "รายงานผลการดำเนินงาน", "covid_lessons.html"),
        "community/strengthening": _record("ชุมชนเข้มแข็ง", "การประเมินความเข้มแข็งของชุมชน",
                                           "community/strengthening.html",
                                           parameters={**p, "demo_seed": 2564, "data_dir": ""}),
        "standards/overview": _record("ภาพรวม", "มาตรฐาน", "standards/overview.html",
                                      parameters={**p, "assessment_dir": ""}),
    }
    provinces = {p.code: p for p in load_provinces(params)}
    for job in standards_jobs(2564, params):  # the batch's own titles and labels
        if job.name == "standards/overview":
            continue
        code = job.parameters["province"]
        jobs[job.name] = {**_record(job.title, job.group, job.output + ".html",
                                    status="failed" if code == failed_province else "ok",
                                    stale=code == stale_province,
                                    error={"type": "ValueError", "message": "x", "cell": 1, "source": ""}),
                          "label": job.label}
        assert job.label == provinces[code].office_th
    manifest = _manifest(2564, params, jobs)
    write_dashboard(2564, out, manifest, params)
    return out, doc


@pytest.fixture(scope="module")
def year_2564(tmp_path_factory):
    out_root = tmp_path_factory.mktemp("dash")
    out, doc = _year_2564(ROOT / "params", out_root, failed_province="11", stale_province="50", failed_annual=True)
    return out, doc


def _soup(out):
    return BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")


def _figure(node, name):
    cell = node.find(attrs={"data-figure": name})
    return None if cell is None else cell.get_text(" ", strip=True)


def _number(text):
    if text in (None, "-"):
        return None
    return float(parse_number(text.replace("ระดับ", "").split("(")[0].strip()))


# ----------------------------------------------------------------------------- the scorecard
def test_total_level_and_every_kpi_on_the_page_equal_scorecard_json(year_2564):
    out, doc = year_2564
    on_disk = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    assert on_disk == doc
    soup = _soup(out)
    assert _number(_figure(soup, "total")) == doc["total"] == 54.17
    assert _figure(soup, "level") == doc["level"] == "ขั้นต่ำ"  # FY2564's own term (seed 002), not ขั้นต้น
    rows = {tr["data-kpi"]: tr for tr in soup.select("tr[data-kpi]")}
    assert list(rows) == [k["id"] for k in doc["kpis"]]
    for k in doc["kpis"]:
        row = rows[k["id"]]
        assert k["name"] in row.get_text(" ", strip=True)
        assert _number(_figure(row, "weight")) == k["weight"]
        assert _number(_figure(row, "score")) == k["score"], k["id"]
        assert _number(_figure(row, "weighted_score")) == round(k["weighted_score"], 2), k["id"]
        if k["kind"] in ("ratio", "pmqa", "number", "count"):
            assert _number(_figure(row, "result")) == k["result"], k["id"]
            assert [_number(_figure(row, f"target_{i}")) for i in range(3)] == k["targets"], k["id"]
        if k["kind"] == "milestone":
            assert _number(_figure(row, "result")) == k["result"], k["id"]
        if k["kind"] != "composite":
            from dswlib.scoring import level_name

            assert _figure(row, "level_th") == level_name(k["level_reached"], doc["level_terms_th"])
            assert row.find("svg") is not None  # the small chart against the three targets
        # FY2564 was monitoring only (seed 002: no official assessment): every KPI says so
        assert "ติดตามผลเท่านั้น" in row.get_text() and "ประเมินอย่างเป็นทางการ" not in row.get_text()
    components = {tr["data-component"]: tr for tr in soup.select("tr[data-component]")}
    for cid, c in doc["components"].items():
        assert _number(_figure(components[cid], "weighted_score")) == c["weighted_score"]
    # the three targets are named in the year's terms in the table head and the charts
    head = soup.select_one(".dsw-kpi-table thead").get_text(" ", strip=True)
    assert "ขั้นต่ำ (50)" in head and "มาตรฐาน (75)" in head and "ขั้นสูง (100)" in head and "ขั้นต้น" not in head


def test_dashboard_json_holds_the_figures_the_page_shows(year_2564):
    out, doc = year_2564
    dash = json.loads((out / "dashboard.json").read_text(encoding="utf-8"))
    assert dash["fiscal_year"] == 2564 and dash["scorecard"]["total"] == doc["total"]
    assert [(k["id"], k["score"], k["weighted_score"], k["result"]) for k in dash["scorecard"]["kpis"]] == \
        [(k["id"], k["score"], k["weighted_score"], k["result"]) for k in doc["kpis"]]
    assert dash["scorecard"]["level_terms_th"] == ["ขั้นต่ำ", "มาตรฐาน", "ขั้นสูง"]
    assert dash["standards"]["provinces"] == 76 and sum(b["count"] for b in dash["standards"]["bands"]) + \
        sum(n["count"] for n in dash["standards"]["not_banded"]) == 76


def test_kpi_chart_places_the_result_between_its_targets():
    from dswlib.dashboard.charts import TARGET_X, _position

    assert _position(13.16, [13.16, 17.55, 21.94], "higher") == pytest.approx(TARGET_X[0])
    assert TARGET_X[0] < _position(13.90, [13.16, 17.55, 21.94], "higher") < TARGET_X[1]
    assert _position(16.72, [72.84, 74.97, 77.10], "higher") < TARGET_X[0]
    assert TARGET_X[2] < _position(426.86, [370, 407.02, 415.16], "higher") <= 1.0
    # lower is better: a smaller result stands further right
    assert _position(4, [10, 8, 6], "lower") > TARGET_X[2] and _position(12, [10, 8, 6], "lower") < TARGET_X[0]


# ----------------------------------------------------------------------------- standards
def test_standards_distribution_and_every_order_of_the_province_table(year_2564):
    from pythainlp.util import collate

    from dswlib.dashboard.standards_data import standards_year

    out, _ = year_2564
    soup = _soup(out)
    year = standards_year(2564, ROOT / "params")
    expected = {b.label_th: sum(1 for p in year.provinces if p.band == b.label_th) for b in year.bands}
    shown = {li["data-band"]: int(_figure(li, "band_count")) for li in soup.select("li[data-band]")}
    assert {k: shown[k] for k in expected} == expected and sum(shown.values()) == 76
    overall = {p.code: p.overall for p in year.provinces}
    names = {p.code: p.name_th for p in year.provinces}
    tables = {div["data-order"]: div for div in soup.select("div.dsw-sorted")}
    assert set(tables) == {"rank", "name", "dim1", "dim2", "dim3"}
    for key, div in tables.items():
        codes = [tr["data-province"] for tr in div.select("tr[data-province]")]
        assert sorted(codes) == sorted(overall), key
        if key == "rank":
            means = [overall[c] for c in codes]
            assert means == sorted(means, reverse=True)
            for tr in div.select("tr[data-province]"):
                assert _number(_figure(tr, "overall")) == float(overall[tr["data-province"]])
            assert _figure(div.select_one("tr[data-province]"), "rank") == "1"
        elif key == "name":
            assert [names[c] for c in codes] == collate([names[c] for c in codes])
        else:
            label = year.dimension_labels[int(key[3:]) - 1]
            values = [year.provinces[[p.code for p in year.provinces].index(c)].dimensions[label] for c in codes]
            assert values == sorted(values, reverse=True), key
    # the ranks are recomputed here from every assessment file (not from the summary the page
    # reads): rank = 1 + offices with a higher printed overall mean (ties share the rank)
    from dswlib.standards.aggregate import COMPLETE
    from dswlib.standards.loading import load_year, year_scores

    scores = year_scores(load_year(2564, ROOT / "params"))
    means = {c: s.overall.mean_2dp for c, s in scores.items() if s.overall.status == COMPLETE}
    expected = {c: 1 + sum(1 for m in means.values() if m > v) for c, v in means.items()}
    assert len(set(expected.values())) < len(expected)  # the demo year has ties: they are exercised
    for tr in tables["rank"].select("tr[data-province]"):
        assert _figure(tr, "rank") == str(expected[tr["data-province"]])
    # sorting needs no script: one radio button per order, the first checked, labels point at them
    radios = soup.select("input.dsw-sort-radio[type=radio]")
    assert [r["id"] for r in radios] == [f"dsw-sort-{k}" for k in tables] and radios[0].has_attr("checked")
    assert soup.find("script") is None


def test_province_links_failed_and_stale(year_2564):
    out, _ = year_2564
    soup = _soup(out)
    rank = soup.select_one("div.dsw-sorted-rank")
    failed = rank.select_one("tr[data-province='11']")
    assert failed.find("a") is None and "รายงานไม่สำเร็จ" in failed.get_text()
    stale = rank.select_one("tr[data-province='50']")
    assert stale.find("a")["href"] == "standards/50-chiang-mai.html" and stale.select_one(".stale")
    ok = rank.select_one("tr[data-province='12']")
    assert ok.find("a")["href"] == "standards/12-nonthaburi.html"
    markup = (out / "index.html").read_text(encoding="utf-8")
    assert "href='standards/11-samut-prakan.html'" not in markup
    assert "สนง.พมจ.สมุทรปราการ (ไม่สำเร็จ)" in soup.get_text()
    # the list of province reports names each office once, without the report title's repeated parts
    items = [li.get_text(" ", strip=True) for li in soup.select("ul.dsw-columns li")]
    assert len(items) == 76 and not [t for t in items if "ปีงบประมาณ" in t or "มาตรฐาน" in t]


# ----------------------------------------------------------------------------- run status
def test_run_status_shows_the_real_error_time_and_code_version(year_2564):
    out, _ = year_2564
    soup = _soup(out)
    status = soup.select_one("#dsw-run").get_text(" ", strip=True)
    assert "ParamsError: kpis.yaml: weight: ผลรวมน้ำหนักไม่เท่ากับ 100 (+1 more lines)" in status
    assert "[cell 2: rep = AnnualReport.load(**parameters)]" in status
    assert "1 ธ.ค. 2569 เวลา 09:30 น." in status  # B.E. year, Thai month abbreviation, Bangkok time
    assert "2 นาที 17 วินาที" in status
    assert "รุ่น 0.1.0" in status and "c0ffee0000" in status
    # the failed annual report has no link anywhere on the page, and the header says there are failures
    assert soup.find("a", href="annual_report.html") is None
    assert "รายงานผลการดำเนินงานตามตัวชี้วัด ปีงบประมาณ พ.ศ. 2564 (ไม่สำเร็จ)" in soup.get_text()
    assert "ไม่สำเร็จ 2" in soup.select_one(".dsw-runline").get_text(" ", strip=True)


def test_community_headlines_are_the_reports_own_overview_figures(year_2564):
    from dswlib.community.report import evaluate_year
    from dswlib.community.tables import overview_rows

    out, _ = year_2564
    soup = _soup(out)
    expected = [(label, value) for label, value, _ in overview_rows(evaluate_year(2564, ROOT / "params", 2564, ""))]
    tiles = soup.select("#dsw-community li[data-headline]")
    shown = [(li.select_one(".dsw-tile-label").get_text(strip=True),
              int(li.select_one(".dsw-tile-value").get_text(strip=True).replace(",", ""))) for li in tiles]
    assert shown == expected
    assert "ข้อมูลสาธิต" in soup.select_one("#dsw-community").get_text()  # synthetic data said so


def test_page_is_self_contained_and_scriptless(year_2564):
    out, _ = year_2564
    markup = (out / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.html["lang"] == "th"
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "@font-face" in markup and "Sarabun" in markup
    assert soup.find("script") is None and not re.search(r"\son[a-z]+\s*=", markup)
    for tag in soup.find_all(["link", "img", "iframe", "object", "embed"]):
        pytest.fail(f"external resource tag {tag}")
    for a in soup.find_all("a", href=True):
        assert not re.match(r"^[a-z]+:|^//", a["href"]), a["href"]
    assert not re.search(r"url\((?!data:)", markup)


# ----------------------------------------------------------------------------- other years, missing parts
def test_years_without_data_say_so_and_years_link_each_other(tmp_path, year_2564):
    params = ROOT / "params"
    out_root = tmp_path / "out"
    out_2564, _ = _year_2564(params, out_root)
    p = {"fiscal_year": 2569, "params_dir": str(params), "round": 6}
    jobs = {"roadmap/progress_r6": _record("ความก้าวหน้า รอบ 6 เดือน", "แผน", "roadmap/progress_r6.html", parameters=p)}
    out_2569 = out_root / "2569"
    out_2569.mkdir()
    write_dashboard(2569, out_2569, _manifest(2569, params, jobs, scorecard=False), params)
    soup = _soup(out_2569)
    text = soup.get_text(" ", strip=True)
    assert "ปีงบประมาณนี้ไม่มีข้อมูลตัวชี้วัดการประเมินส่วนราชการ" in text
    assert "ปีงบประมาณนี้ไม่มีรายงานผลการปฏิบัติตามมาตรฐาน" in text
    assert "ปีงบประมาณนี้ไม่มีรายงานการประเมินผลการสร้างเสริมชุมชนเข้มแข็ง" in text
    from dswlib.roadmap.summary_json import summary_records
    from dswlib.roadmap.view import load_view

    totals = summary_records(load_view(2569, 6, params))["totals"]
    tiles = [li.select_one(".dsw-tile-value").get_text(strip=True) for li in soup.select("#dsw-roadmap li")
             if li.select_one(".dsw-tile-value")]
    assert tiles[:5] == [str(totals["projects"]), str(totals["activities"]), str(totals["due"]),
                         str(totals["due_done"]), str(totals["late"])]
    # the later year links the earlier one, and the earlier one was re-rendered to link the later
    assert soup.select_one("nav.dsw-years a")["href"] == "../2564/index.html"
    earlier = _soup(out_2564)
    assert earlier.select_one("nav.dsw-years a")["href"] == "../2569/index.html"
    assert _number(_figure(earlier, "total")) == 54.17  # its figures untouched


def test_plan_only_year_has_no_lateness_and_a_draft_scorecard_without_results(tmp_path):
    params = ROOT / "params"
    out = tmp_path / "2566"
    out.mkdir()
    doc = scorecard_dict(load_scorecard(params, 2566))
    (out / "scorecard.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    p = {"fiscal_year": 2566, "params_dir": str(params), "round": 6}
    jobs = {"annual_report": _record("รายงาน 2566", "รายงาน", "annual_report.html", parameters=p),
            "roadmap/plan_r6": _record("แผน 2566", "แผน", "roadmap/plan_r6.html", parameters=p)}
    write_dashboard(2566, out, _manifest(2566, params, jobs), params)
    soup = _soup(out)
    text = soup.get_text(" ", strip=True)
    assert "ยังไม่มีผลการดำเนินงานของปีนี้" in text and "กิจกรรมล่าช้ากว่าแผน" not in text
    assert _figure(soup, "total") == "-" and _figure(soup, "level") == doc["level"]
    rows = {tr["data-kpi"]: tr for tr in soup.select("tr[data-kpi]")}
    for k in doc["kpis"]:
        if k["kind"] != "composite" and k["targets"] and k["kind"] != "milestone":
            assert [_number(_figure(rows[k["id"]], f"target_{i}")) for i in range(3)] == k["targets"]
    # FY2566 is scored officially and names its first level as seed 000 prints it
    assert "ประเมินอย่างเป็นทางการ" in rows[doc["kpis"][0]["id"]].get_text()
    assert "ขั้นต้น (50)" in soup.select_one(".dsw-kpi-table thead").get_text(" ", strip=True)


# ----------------------------------------------------------------------------- escaping
def test_params_text_is_escaped_everywhere(params_copy, tmp_path):
    planted = "ทดสอบ [คลิก](javascript:alert(1)) <img src=x onerror=alert(1)> & \"q\""
    kpis = params_copy / "2564" / "kpis.yaml"
    text = kpis.read_text(encoding="utf-8")
    text = text.replace("name_th: ความสำเร็จในการใช้ฐานข้อมูลเพื่อให้กลุ่มเป้าหมายเข้าถึงบริการทางสังคม (1 กรม 1 ปฏิรูป)",
                        "name_th: " + json.dumps(planted, ensure_ascii=False), 1)
    text = re.sub(r"(?m)^title_th: .*$", "title_th: " + json.dumps(planted, ensure_ascii=False), text, count=1)
    kpis.write_text(text, encoding="utf-8")
    prov = params_copy / "standards" / "provinces.csv"
    prov.write_text(prov.read_text(encoding="utf-8").replace(",เชียงใหม่,", ",เชียงใหม่ <b onclick=x>[คลิก](vbscript:y)</b>,"),
                    encoding="utf-8")
    out, _ = _year_2564(params_copy, tmp_path / "out")
    markup = (out / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(markup, "html.parser")
    assert soup.find("img") is None and soup.find("b") is None and "onerror=alert" not in markup.replace("onerror=alert(1)&gt;", "")
    assert not [a for a in soup.find_all("a", href=True) if re.match(r"\s*(javascript|vbscript|data):", a["href"], re.I)]
    text = soup.get_text()
    assert planted in text  # shown literally, as written
    assert "เชียงใหม่ <b onclick=x>[คลิก](vbscript:y)</b>" in text
    # inside the SVG titles too (chart labels are text, never markup)
    for svg in soup.find_all("svg"):
        assert svg.find(["script", "foreignobject", "a"]) is None
