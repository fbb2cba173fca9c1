"""The README's main job end to end: `dsw run 2564` (and the other years with data) on params/.

One batch run per session (about 3 minutes on 2 cores); every test below reads its outputs.
"""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args, **kw):
    return subprocess.run([sys.executable, "-m", "dswlib.cli", *args], cwd=ROOT, capture_output=True, text=True, **kw)


# the session-scoped `batch` fixture (one run of every year) is in conftest.py


def _html(out, year, name):
    return (out / str(year) / f"{name}.html").read_text(encoding="utf-8")


def _text(markup):
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_every_report_rendered(batch):
    out, runs = batch
    for year, proc in runs.items():
        assert proc.returncode == 0, f"{year}: {proc.stdout}\n{proc.stderr}"
        assert "[IPKernelApp] WARNING" not in proc.stderr  # the kernels' own start-up log stays off the terminal
    htmls = sorted(p.relative_to(out / "2564").as_posix() for p in (out / "2564").rglob("*.html"))
    assert "annual_report.html" in htmls and "covid_lessons.html" in htmls
    assert "community/strengthening.html" in htmls and "standards/overview.html" in htmls
    assert len([h for h in htmls if h.startswith("standards/") and h != "standards/overview.html"]) == 76
    index = _html(out, 2564, "index")
    for rel in htmls:
        if rel != "index.html":
            assert f"href='{rel}'" in index
    assert (out / "2569" / "roadmap" / "progress_r6.html").exists()
    assert (out / "2566" / "roadmap" / "plan_r6.html").exists()
    assert (out / "2566" / "annual_report.html").exists()
    assert not list(out.rglob("*.tmp*")) and not list(out.rglob("*.failed.ipynb"))


def test_annual_report_figures_match_seed_002(batch):
    out, _ = batch
    text = _text(_html(out, 2564, "annual_report"))
    for figure in ["ร้อยละ 13.90", "(198/1,424 คน)", "ร้อยละ 16.72", "(55/329 คน)", "ร้อยละ 50.01", "(1,896/3,791 คน)",
                   "426.86", "13.16", "17.55", "21.94", "72.84", "74.97", "77.10", "73.77", "74.54", "75.31",
                   "370.00", "407.02", "415.16", "-56.12", "+2.87", "-21.40", "+0.77", "-2.02", "+4.39", "453.13", "3.41",
                   "8,520", "1,737", "203,981",
                   # narrative figures of seed 002 (activity counts, thresholds, the dated letter, the opening date)
                   "2,205", "1,813", "3,000 บาท", "กค 0408.5/19639", "600 บาทต่อเดือน", "14 มิ.ย. 64", "2.1.4"]:
        assert figure in text, figure
    # the year's own level names (seed 002: ขั้นต่ำ), never the generic ones
    assert "เป้าหมายขั้นต่ำ (50)" in text and "ขั้นต้น" not in text
    # every province row of the KPI 4 table is there, with the printed and recomputed percentage
    assert "สตูล" in text and "78.13" in text
    # the data-quality section lists the seed's own problems (in Thai; the codes are in the appendix)
    body, appendix = _body_and_appendix(text)
    assert "ตัวตั้ง (7) มากกว่าตัวหาร (1)" in body and "700.00" in body
    assert "numerator_above_denominator" in appendix and "numerator_above_denominator" not in body


APPENDIX_HEADING = "ภาคผนวก ข้อมูลทางเทคนิค"
SOFTWARE_WORDS = re.compile(r"dswlib|params|\.csv|\.ya?ml|\.ipynb|\b[a-z]+(?:_[a-z0-9]+)+\b|\b\d{3} L\d+|\bL\d{2,}\b")


def _body_and_appendix(text):
    """The page's text before the appendix heading (the last one: the table of contents names it too) and after."""
    cut = text.rfind(APPENDIX_HEADING)
    assert cut > 0, "no appendix"
    return text[:cut], text[cut:]


@pytest.mark.parametrize("year", [2564, 2566])
def test_annual_report_body_speaks_the_departments_thai(batch, year):
    """Issue 12.6: no package name, params key, file name, English code or seed line before the appendix;
    the appendix carries the provenance."""
    out, _ = batch
    from figures.extract import visible_text

    body, appendix = _body_and_appendix(visible_text(_html(out, year, "annual_report")))
    assert sorted({m.group(0) for m in SOFTWARE_WORDS.finditer(body)}) == []
    assert f"params/{year}/kpis.yaml" in appendix and ("002 L" if year == 2564 else "000 L") in appendix
    if year == 2564:
        assert "facilities_kpi3_2.csv แถว 3" in appendix and "002 L463" in appendix


def test_annual_report_links_its_covid_chapter_when_the_year_has_one(batch):
    """Issue 12.7: FY2564 (covid.yaml) lists the chapter in its table of contents and links the page beside it."""
    out, _ = batch
    markup = _html(out, 2564, "annual_report")
    assert 'href="covid_lessons.html"' in markup and (out / "2564" / "covid_lessons.html").exists()
    toc = markup[markup.find('class="dsw-toc"'):]
    toc = toc[:toc.find("</nav>")]
    assert "ผลการถอดบทเรียนในการบริหารจัดการผลกระทบ" in _text(toc)
    assert "covid_lessons.html" not in _html(out, 2566, "annual_report")


def test_covid_section_figures(batch):
    out, _ = batch
    text = _text(_html(out, 2564, "covid_lessons"))
    for figure in ["72.84", "16.72", "-56.12", "71.41", "50.01", "-21.40", "11,510", "32,152,800", "19,994,800",
                   "1,226,404", "39,520", "401", "229", "1 : 70", "1 : 200", "1 : 400"]:
        assert figure in text, figure
    # FY2562 is the pre-COVID baseline, FY2563 the first-wave year; one point never gives "ไม่ตรงกัน"
    assert "ค่าฐานก่อนโควิด" in text and "ปีงบประมาณ 2562 (1 ตุลาคม 2561 – 30 กันยายน 2562)" in text
    assert "ปีระบาดระลอกแรก" in text and "ปีงบประมาณ 2563 (1 ตุลาคม 2562 – 30 กันยายน 2563)" in text
    assert "ไม่ตรงกัน" not in text and "สิ่งที่ข้อมูลยังบอกไม่ได้" in text
    # issue 12.6: the body speaks the document's Thai; file names, codes and seed lines are in the appendix
    markup = _html(out, 2564, "covid_lessons")
    body, appendix = markup.split('<h2 id="appendix">', 1)
    body = _text(re.sub(r"<style.*?</style>", " ", body.split("<body", 1)[1], flags=re.S))
    for word in (r"dswlib", r"params", r"\.csv", r"\.yaml", r"\b[a-z]+(?:_[a-z0-9]+)+\b", r"L[0-9]+"):
        assert not re.search(word, body), (word, re.search(word, body).group(0))
    appendix = _text(appendix)
    assert "params/2564/covid.yaml" in appendix and "covid_subtotal" in appendix and "002 L929" in appendix


def test_no_code_no_broken_figures_in_reviewer_html(batch):
    out, _ = batch
    for path in (out / "2564").rglob("*.html"):
        markup = path.read_text(encoding="utf-8")
        assert "from dswlib" not in markup and "show_html(" not in markup, path
        assert "&lt;Figure size" not in markup and "<Figure size" not in markup, path
        assert "Traceback" not in markup, path
        assert "@font-face" in markup and "Sarabun" in markup, path  # the dashboard (index.html) too


def test_no_personal_data_in_any_output(batch):
    from dswlib.pii import scan_for_pii

    out, _ = batch
    report = scan_for_pii([out])
    every_file = [p for p in out.rglob("*") if p.is_file()]
    assert len(report.files) == len(every_file) > 160
    assert report.findings == [], "\n".join(map(str, report.findings[:20]))
    assert report.not_scanned == [], "\n".join(map(str, report.not_scanned[:20]))


def test_scanner_would_catch_a_leak(batch, tmp_path):
    """The scan above is only meaningful if it can fail: plant IDs and a name in copies of real outputs."""
    import json

    from dswlib.pii import national_id_check_digit, scan_for_pii

    out, _ = batch
    first12 = "110170012345"
    nid = first12 + str(national_id_check_digit(first12))
    card = f"{nid[0]}\u2013{nid[1:5]}\u2013{nid[5:10]}\u2013{nid[10:12]}\u2013{nid[12]}"
    thai_entities = "".join(f"&#{ord(c)};" for c in nid.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")))
    cells = "".join(f"<td>{g}</td>" for g in (nid[0], nid[1:5], nid[5:10], nid[10:12], nid[12]))
    plants = {"en dash": f"<p>{card}</p>", "thai entities": f"<p>{thai_entities}</p>",
              "cells": f"<table><tr><td>ร้อยละ 13.90</td>{cells}</tr></table>", "name": "<p>ลงนาม นางสาวอรอุมา ศรีสะอาด</p>"}
    page = _html(out, 2564, "annual_report")
    for label, markup in plants.items():
        (tmp_path / f"{label}.html").write_text(page.replace("</body>", markup + "</body>"), encoding="utf-8")
    nb = json.loads((out / "2564" / "annual_report.ipynb").read_text(encoding="utf-8"))
    nb["cells"][-1].setdefault("outputs", []).append(
        {"output_type": "stream", "name": "stderr", "text": [f"row 7: got {card}\n"]})
    (tmp_path / "leak.ipynb").write_text(json.dumps(nb, ensure_ascii=True), encoding="utf-8")
    report = scan_for_pii([tmp_path])
    found = sorted((Path(f.path).stem, f.kind) for f in report.findings)
    assert found == [("cells", "national_id"), ("en dash", "national_id"), ("leak", "national_id"),
                     ("name", "name"), ("thai entities", "national_id")]
    assert not any(nid in str(f) for f in report.findings)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium not installed")
def test_chromium_renders_thai(batch, tmp_path):
    out, _ = batch
    page = out / "2564" / "annual_report.html"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(["chromium", *flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120)
    assert "ผลการดำเนินงานรายตัวชี้วัด" in dom.stdout and "สารบัญ" in dom.stdout
    shot = tmp_path / "annual.png"
    subprocess.run(["chromium", *flags, "--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 20_000
    import matplotlib.image as mpimg

    pixels = mpimg.imread(shot)
    dark = (pixels[..., :3].mean(axis=2) < 0.5).mean()
    assert dark > 0.01, "the screenshot is (almost) blank"
    keep = ROOT / "outputs" / "screenshots"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, keep / "annual_report_2564.png")


def test_params_text_is_escaped(tmp_path):
    """A KPI name with markup from params appears escaped in the reviewer HTML."""
    params = tmp_path / "params"
    shutil.copytree(ROOT / "params", params)
    path = params / "2564" / "kpis.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "name_th: ความสำเร็จของการพัฒนาบริการการยื่นขอรับเงินอุดหนุนออนไลน์ (e-form)",
        "name_th: \"ระบบ <script>alert('x')</script> e-form\""), encoding="utf-8")
    out = tmp_path / "out"
    proc = _run(["run", "2564", "--params", str(params), "--out", str(out), "--only", "annual_report", "--no-progress"])
    assert proc.returncode == 0, proc.stderr
    markup = (out / "2564" / "annual_report.html").read_text(encoding="utf-8")
    assert "<script>alert('x')</script>" not in markup
    assert "&lt;script&gt;alert(" in markup


@pytest.mark.parametrize("year", [2564, 2566, 2569])
def test_every_figure_of_every_page_is_still_shown(batch, year):
    """Issue 14: reshaping the library must not move a figure. Every number a page showed
    before the reshaping (snapshot in tests/figures/before_<year>.json, written by
    ``python -m tests.figures.extract outputs/<year> tests/figures/before_<year>.json``) is
    still on the same page. Seed line numbers (e.g. "L384") moved to the appendix are still on the page."""
    import json

    from figures.extract import page_figures

    out, _ = batch
    before = json.loads((ROOT / "tests" / "figures" / f"before_{year}.json").read_text(encoding="utf-8"))
    missing = {}
    for page, figures in before.items():
        path = out / str(year) / page
        assert path.exists(), page
        now = page_figures(path.read_text(encoding="utf-8"))
        lost = sorted(set(figures) - set(now))
        if lost:
            missing[page] = lost
    assert not missing, missing


def _manifest(out, year):
    import json

    return json.loads((out / str(year) / "manifest.json").read_text(encoding="utf-8"))


def test_manifest_records_what_produced_every_report(batch):
    import hashlib
    import json

    out, _ = batch
    for year in (2564, 2566, 2569):
        doc = _manifest(out, year)
        assert doc["schema_version"] == 1 and doc["fiscal_year"] == year
        assert doc["run"]["status"] == "complete" and doc["params_dir"] == "params"
        assert doc["dswlib"]["version"] and len(doc["dswlib"]["code_sha256"]) == 64
        assert doc["dswlib"]["git"] is None or len(doc["dswlib"]["git"]["commit"]) == 40
        assert doc["environment"]["python"] and doc["environment"]["packages"]["papermill"]
        htmls = {p.relative_to(out / str(year)).as_posix() for p in (out / str(year)).rglob("*.html")} - {"index.html"}
        assert {rel for r in doc["jobs"].values() for rel in r["outputs"] if rel.endswith(".html")} == htmls
        for name, rec in doc["jobs"].items():
            assert rec["status"] == "ok" and rec["error"] is None and rec["parameters"]["fiscal_year"] == year
            assert rec["notebook_sha256"] == hashlib.sha256((ROOT / rec["notebook"]).read_bytes()).hexdigest()
            assert rec["inputs"], name
            for rel, digest in rec["inputs"].items():
                assert hashlib.sha256((ROOT / "params" / rel).read_bytes()).hexdigest() == digest
            for rel, digest in rec["outputs"].items():
                assert hashlib.sha256((out / str(year) / rel).read_bytes()).hexdigest() == digest
            # what the notebook opened in params/ is within what the job declares
            assert rec["reads"] is not None and set(rec["reads"]) <= set(rec["inputs"]), name
            assert rec["undeclared_reads"] == [], name
            assert rec["started"] <= rec["ended"] and rec["seconds"] > 0
    scorecard = json.loads((out / "2564" / "scorecard.json").read_text(encoding="utf-8"))
    printed = json.loads(_run(["score", "2564", "--json"]).stdout)
    assert scorecard == printed and scorecard["total"] == 54.17
    assert not (out / "2569" / "scorecard.json").exists()  # FY2569 has no KPI catalog


def test_each_years_dashboard_shows_its_scorecard_and_links_the_other_years(batch):
    """Issue 12.4 on the real run: the figures on each index.html (parsed) equal that year's scorecard.json."""
    import json

    from bs4 import BeautifulSoup

    from dswlib.scoring import level_name
    from dswlib.thainum import parse_number

    out, _ = batch

    def shown(node, name):
        cell = node.find(attrs={"data-figure": name})
        text = cell.get_text(" ", strip=True).replace("ระดับ", "").split("(")[0].strip()
        return None if text == "-" else float(parse_number(text))

    for year in (2564, 2566, 2569):
        soup = BeautifulSoup((out / str(year) / "index.html").read_text(encoding="utf-8"), "html.parser")
        dash = json.loads((out / str(year) / "dashboard.json").read_text(encoding="utf-8"))
        others = {a["href"] for a in soup.select("nav.dsw-years a")}
        assert others == {f"../{y}/index.html" for y in (2564, 2566, 2569) if y != year}
        if year == 2569:  # no KPI catalog, no standards, no community: said in Thai, roadmap shown
            assert not (out / "2569" / "scorecard.json").exists() and not dash["scorecard"]["available"]
            text = soup.get_text(" ", strip=True)
            assert "ปีงบประมาณนี้ไม่มีข้อมูลตัวชี้วัดการประเมินส่วนราชการ" in text
            assert "ปีงบประมาณนี้ไม่มีรายงานผลการปฏิบัติตามมาตรฐาน" in text
            assert dash["roadmap"]["rounds"][0]["late"] == 3 and soup.find("a", href="roadmap/progress_r6.html")
            continue
        card = json.loads((out / str(year) / "scorecard.json").read_text(encoding="utf-8"))
        assert shown(soup, "total") == card["total"] and soup.find(attrs={"data-figure": "level"}).get_text() == card["level"]
        rows = {tr["data-kpi"]: tr for tr in soup.select("tr[data-kpi]")}
        assert list(rows) == [k["id"] for k in card["kpis"]]
        for k in card["kpis"]:
            row = rows[k["id"]]
            assert shown(row, "weight") == k["weight"] and shown(row, "score") == k["score"]
            assert shown(row, "weighted_score") == (None if k["weighted_score"] is None else round(k["weighted_score"], 2))
            if k["kind"] not in ("composite", "milestone"):
                assert shown(row, "result") == k["result"]
                assert [shown(row, f"target_{i}") for i in range(3)] == k["targets"]
            if k["kind"] != "composite":
                label = "ยังไม่มีผล" if k["level_reached"] is None else level_name(k["level_reached"], card["level_terms_th"])
                assert row.find(attrs={"data-figure": "level_th"}).get_text() == label
        assert [k["score"] for k in dash["scorecard"]["kpis"]] == [k["score"] for k in card["kpis"]]
    soup = BeautifulSoup((out / "2564" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("div.dsw-sorted-rank tr[data-province] a")) == 76  # every province page linked
    assert soup.find("a", href="standards/overview.html") and soup.find("a", href="community/strengthening.html")


def test_executed_notebooks_carry_papermill_metadata(batch):
    import nbformat

    out, _ = batch
    for path in [out / "2564" / "annual_report.ipynb", out / "2564" / "standards" / "overview.ipynb"]:
        nb = nbformat.read(path, as_version=4)
        meta = nb.metadata.papermill
        assert meta["duration"] > 0 and meta["exception"] is None and meta["parameters"]["params_dir"] == "params"
        assert meta["input_path"].startswith("notebooks/")
        for cell in nb.cells:
            assert cell.metadata.papermill["status"] == "completed" and cell.metadata.papermill["duration"] is not None


def test_executed_notebooks_are_records_of_the_run(batch):
    """The page shows the tables and charts; the kept .ipynb records the run without duplicating them."""
    import nbformat

    out, _ = batch
    paths = sorted((out / "2564").rglob("*.ipynb"))
    assert len(paths) > 70 and not [p for p in paths if p.name.endswith(".failed.ipynb")]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata.dsw.record == {**nb.metadata.dsw.record, "rich_outputs": "omitted",
                                          "page": path.with_suffix(".html").name}, path
        results = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                   if o.output_type in ("display_data", "execute_result")]
        assert results and all(set(o.data) == {"text/plain"} for o in results), path
        assert sum(len(o.metadata.get("dsw", {}).get("omitted", {})) for o in results) \
            == nb.metadata.dsw.record["omitted_outputs"] > 0
    assert sum(p.stat().st_size for p in paths) < 2_000_000


def test_no_absolute_local_path_in_any_output(batch):
    import sys

    out, _ = batch
    locals_ = {str(ROOT), sys.prefix, str(out)}  # (the home directory is too short: base64 images may contain it)
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".html", ".json", ".log"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for local in locals_:
                assert local not in text, (path, local)


def test_second_identical_run_skips_everything(batch):
    out, _ = batch
    html = out / "2564" / "annual_report.html"
    inode = html.stat().st_ino
    proc = _run(["run", "2564", "--out", str(out), "--no-progress"])
    assert proc.returncode == 0, proc.stderr
    assert "80/80 reports" in proc.stdout and "(0 written, 80 up to date, 0 failed)" in proc.stdout
    doc = _manifest(out, 2564)
    assert doc["run"]["ran"] == 0 and {r["last_run"] for r in doc["jobs"].values()} == {"skipped"}
    assert html.stat().st_ino == inode
    assert "0 run (0 failed), 80 up to date" in (out / "2564" / "run.log").read_text(encoding="utf-8")


def test_standards_pages_link_each_other_and_speak_thai(batch):
    """Issue 12.5/12.6: the overview links every province page and each page links back (relative links
    that resolve in the batch output); the body has no rubric ids, file names or English software words."""
    from figures.extract import visible_text

    out, _ = batch
    folder = out / "2564" / "standards"
    overview = (folder / "overview.html").read_text(encoding="utf-8")
    hrefs = set(re.findall(r'href="([0-9]{2}-[a-z-]+\.html)"', overview))
    pages = {p.name for p in folder.glob("*.html")} - {"overview.html"}
    assert hrefs == pages and len(pages) == 76
    codes = re.compile(r"\bD\d\.[IA]\d+|\.csv|\.ya?ml|DECISIONS|params|dswlib|synthetic|SYNTHETIC|\bseed\b")
    for name in ["overview.html", *sorted(pages)[:5]]:
        markup = (folder / name).read_text(encoding="utf-8")
        if name != "overview.html":
            assert 'href="overview.html"' in markup
        body, appendix = _body_and_appendix(visible_text(markup))
        assert not codes.search(body), (name, codes.search(body).group(0))
        assert "ปีงบประมาณ พ.ศ. 2564" in body and "ข้อมูลสมมติ" in body
        assert "params/standards/DECISIONS.md" in appendix
        assert 'alt=""' not in markup
