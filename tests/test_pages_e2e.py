"""Reviewer pages offline, and their PDFs (issue 12, points 2 and 3).

One `dsw run --pdf` per year on a subset of the reports (every report kind);
the tests then open every written page in headless Chromium with every host
unresolvable and read every PDF with poppler-utils.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="Debian poppler-utils not installed")

SUBSET = {
    2564: ["annual_report", "covid_lessons", "community/strengthening", "standards/overview", "standards/50-*"],
    2566: ["*"],
    2569: ["*"],
}


def _dsw(*args, env=None):
    return subprocess.run([sys.executable, "-m", "dswlib.cli", *args], cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    if shutil.which("chromium") is None:
        pytest.skip("Debian chromium not installed")
    out = tmp_path_factory.mktemp("pages")
    runs = {}
    for year, only in SUBSET.items():
        args = ["run", str(year), "--out", str(out), "--no-progress", "--pdf"]
        for pattern in only:
            args += ["--only", pattern]
        runs[year] = _dsw(*args)
    return out, runs


def _pages(out):
    return sorted(out.rglob("*.html"))


def _pdftotext(pdf, first=None, last=None):
    args = ["pdftotext", "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pdfinfo(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in info.splitlines() if ":" in line)


def test_runs_wrote_html_and_pdf(batch):
    out, runs = batch
    for year, proc in runs.items():
        assert proc.returncode == 0, f"{year}: {proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    reports = [p for p in _pages(out) if p.name != "index.html"]
    assert len(reports) >= 8
    for page in reports:
        assert page.with_suffix(".pdf").is_file(), page
    for year in runs:  # the year's index (its dashboard) is printed too
        assert (out / str(year) / "index.pdf").read_bytes().startswith(b"%PDF-"), year
    assert not list(out.rglob("*.tmp*"))


# ----------------------------------------------------------------------------- offline
REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.\-]*:)?//", re.I)


def _static_remote_refs(markup):
    """src/href of scripts, styles, fonts, images, frames, and CSS url()/@import that point off the machine."""
    refs = []
    for m in re.finditer(r"<(script|link|img|iframe|frame|source|video|audio|embed|object|track|input)\b([^>]*)>", markup, re.I):
        for a in re.finditer(r"\b(src|href|data|srcset|poster)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", m.group(2), re.I):
            value = a.group(2).strip("\"'")
            if REMOTE.match(value) or (m.group(1).lower() == "script"):
                refs.append(f"<{m.group(1)} {a.group(1)}={value[:80]}>")
    for m in re.finditer(r"(?:url\(\s*[\"']?|@import\s+[\"'])\s*([^\"')\s]+)", markup, re.I):
        if REMOTE.match(m.group(1)):
            refs.append(f"css {m.group(1)[:80]}")
    return refs


@needs_chromium
def test_pages_load_offline_with_nothing_failed_or_external(batch):
    from dswlib.browser import load_page

    out, _ = batch
    pages = _pages(out)
    assert any(p.name == "index.html" for p in pages)
    for page in pages:
        markup = page.read_text(encoding="utf-8")
        assert _static_remote_refs(markup) == [], page
        load = load_page(page, timeout=90)
        assert load.loaded, f"{page}: no load event"
        assert load.failed == [], f"{page}: {load.failed[:5]}"
        assert load.external == [], f"{page}: {load.external[:5]}"
        assert not [m for m in load.messages if m.startswith("error/")], f"{page}: {load.messages[:5]}"
        assert len(load.requests) >= 1


@needs_chromium
def test_the_offline_check_catches_a_cdn_script(tmp_path):
    """The check above can fail: a page as nbconvert's lab template wrote it (require.js, MathJax from a CDN)."""
    from dswlib.browser import load_page

    page = tmp_path / "cdn.html"
    page.write_text("<!DOCTYPE html><html><head>"
                    "<script src='https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js'></script>"
                    "<link rel='stylesheet' href='https://fonts.googleapis.com/css?family=Sarabun'></head>"
                    "<body><p>ก</p></body></html>", encoding="utf-8")
    load = load_page(page, timeout=60)
    assert load.loaded
    assert {u.split("/")[2] for u in load.external} == {"cdnjs.cloudflare.com", "fonts.googleapis.com"}
    assert len(load.failed) == 2
    assert len(_static_remote_refs(page.read_text())) == 2


# ----------------------------------------------------------------------------- PDF
@needs_poppler
def test_pdfs_are_a4_with_page_numbers(batch):
    out, _ = batch
    for pdf in sorted(out.rglob("*.pdf")):
        info = _pdfinfo(pdf)
        assert "(A4)" in info["Page size"], f"{pdf}: {info['Page size']}"
        pages = int(info["Pages"])
        for n in sorted({1, pages, (pages + 1) // 2}):
            assert re.search(rf"หน้า\s*{n}\s*/\s*{pages}\b", _pdftotext(pdf, n)), f"{pdf}: no page number on page {n}"


@needs_poppler
def test_annual_report_pdf_text_is_thai_and_carries_the_figures(batch):
    out, _ = batch
    pdf = out / "2564" / "annual_report.pdf"
    text = _pdftotext(pdf)
    for words in ["กรมพัฒนาสังคมและสวัสดิการ", "สารบัญ", "ผลการดำเนินงานรายตัวชี้วัด", "สรุปคะแนนตามองค์ประกอบ",
                  "13.90", "198", "1,424", "54.17", "426.86"]:
        assert words in text, words
    # the Thai text is real text in an embedded Thai font, not pictures of text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Sarabun" in fonts
    assert "หน้า 1 /" in _pdftotext(pdf, 1)


@needs_poppler
def test_no_thai_mark_is_left_alone_at_a_page_foot(batch):
    """Marks stacked above a line starting a page (ชี้, ที่) are printed with their letters, not also as
    a stray mark at the foot of the page before (a word of no width in the PDF's text)."""
    out, _ = batch
    word = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 10
    for pdf in pdfs:
        boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        stray = [w for x0, x1, w in word.findall(boxes) if float(x1) - float(x0) < 0.01]
        assert stray == [], f"{pdf.name}: {stray}"


@needs_poppler
def test_long_tables_repeat_their_header_on_every_page(batch):
    """The ranking of 76 provinces spans several pages; its header row starts each of them."""
    out, _ = batch
    pdf = out / "2564" / "standards" / "overview.pdf"
    pages = int(_pdfinfo(pdf)["Pages"])
    with_rows, ranks = [], set()
    for n in range(1, pages + 1):
        text = _pdftotext(pdf, n)
        rows = re.findall(r"^\s*(\d{1,2})\s+\S+\s+\d{1,2}\s+\d+\.\d\d\s", text, re.M)  # rank, province, สสว., figures
        if rows:
            with_rows.append((n, text))
            ranks.update(int(r) for r in rows)
    assert len(with_rows) >= 2, "the ranking table should span pages"
    assert max(ranks) == 76 and min(ranks) == 1
    for n, text in with_rows:
        assert re.search(r"อันดับ\s+จังหวัด", text), f"page {n}: header row not repeated"


def _chart_labels(page: str) -> list[tuple[str, str]]:
    """For each inline SVG chart of ``page``: its first and last label found nowhere else in the page."""
    import html as _html

    def squash(text):
        return re.sub(r"\s+", "", _html.unescape(text))

    charts = re.findall(r'<svg class="dsw-chart".*?</svg>', page, flags=re.S)
    outside = squash(re.sub(r"<[^>]+>", " ", re.sub(r'<svg class="dsw-chart".*?</svg>|<style.*?</style>', " ",
                                                      page, flags=re.S)))
    pairs = []
    for chart in charts:
        own = [t for t in (squash(x) for x in re.findall(r"<text[^>]*>([^<]*)</text>", chart))
               if len(t) >= 4 and t not in outside]
        if len(own) >= 2 and own[0] != own[-1]:
            pairs.append((own[0], own[-1]))
    return pairs


@needs_poppler
def test_no_svg_chart_split_across_pages(batch):
    """An inline SVG chart is printed on one page: its first and last own labels share a PDF page."""
    out, _ = batch
    checked = 0
    for page in _pages(out):
        pdf = page.with_suffix(".pdf")
        pairs = _chart_labels(page.read_text(encoding="utf-8"))
        if not pairs or not pdf.is_file():
            continue
        texts = [re.sub(r"\s+", "", _pdftotext(pdf, n)) for n in range(1, int(_pdfinfo(pdf)["Pages"]) + 1)]
        for first, last in pairs:
            on = [n for n, t in enumerate(texts, 1) if first in t and last in t]
            assert on, f"{pdf.name}: chart labels {first!r} and {last!r} are on no common page"
            checked += 1
    assert checked >= 15  # annual, COVID, community, standards, roadmap charts


@needs_poppler
def test_no_chart_picture_split_across_pages(batch):
    """A picture (the standards heatmap's colour cells) is drawn on one page only."""
    out, _ = batch
    for pdf in sorted(out.rglob("*.pdf")):
        listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        pages_of: dict[str, set] = {}
        for line in listing.splitlines()[2:]:
            cols = line.split()
            if len(cols) > 11 and cols[2] == "image":
                pages_of.setdefault(cols[10], set()).add(cols[0])
        split = {obj: pages for obj, pages in pages_of.items() if len(pages) > 1}
        assert split == {}, f"{pdf}: image drawn on several pages {split}"


# ----------------------------------------------------------------------------- failures and the missing browser
def test_dsw_pdf_without_chromium_names_the_debian_package(tmp_path):
    page = tmp_path / "a.html"
    page.write_text("<html><body>ก</body></html>", encoding="utf-8")
    env = {**__import__("os").environ, "DSW_CHROMIUM": str(tmp_path / "no-such-browser")}
    proc = _dsw("pdf", str(page), env=env)
    assert proc.returncode == 2
    assert "apt-get install chromium" in proc.stderr and "'chromium'" in proc.stderr
    assert not page.with_suffix(".pdf").exists()


@needs_chromium
def test_one_failed_print_does_not_stop_the_others(tmp_path):
    from dswlib.pdf import convert_many

    good = tmp_path / "good.html"
    good.write_text("<html lang='th'><body><p>ทดสอบภาษาไทย</p></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.html"
    results = convert_many([missing, good], workers=1)
    assert [r.ok for r in results] == [False, True]
    assert "no such HTML file" in results[0].error
    assert good.with_suffix(".pdf").read_bytes().startswith(b"%PDF-")


def test_run_pdf_without_a_browser_is_refused_before_anything_runs(tmp_path):
    """`dsw run --pdf` without a browser: refused up front naming the Debian package, nothing written."""
    env = {**__import__("os").environ, "DSW_CHROMIUM": str(tmp_path / "no-such-browser")}
    proc = _dsw("run", "2569", "--out", str(tmp_path), "--no-progress", "--pdf", env=env)
    assert proc.returncode == 2, proc.stderr
    assert "chromium" in proc.stderr and "nothing was run" in proc.stderr
    assert not (tmp_path / "2569").exists()


def test_a_failed_print_fails_that_report_and_leaves_no_page_looking_current(tmp_path, monkeypatch):
    """A page that cannot be printed fails its report (PDF: ...); no HTML or PDF of it is left."""
    import dswlib.pdf as pdf
    from dswlib.jobs import ReportJob
    from dswlib.runjob import RunConfig, run_job

    def broken(html_path, pdf_path=None, **kw):
        raise pdf.PdfError("printer on fire")

    monkeypatch.setattr(pdf, "html_to_pdf", broken)
    root = Path(__file__).resolve().parents[1]
    job = ReportJob(name="roadmap/progress_r6", notebook="roadmap_progress.ipynb",
                    parameters={"fiscal_year": 2569, "round": 6, "params_dir": "params"})
    res = run_job(job, RunConfig(root=str(root), out_dir=str(tmp_path), reuse_kernels=False, pdf=True))
    assert not res.ok and res.error.startswith("PdfFailed: PDF:") and "printer on fire" in res.error
    assert not list(tmp_path.rglob("*.html")) and not list(tmp_path.rglob("*.pdf"))


@needs_poppler
def test_the_printed_batch_is_scanned_whole_for_personal_data(batch):
    """`dsw scan-pii` reads the PDFs of a `dsw run --pdf` too: nothing left unscanned, nothing found."""
    from dswlib.pii import scan_for_pii

    out, _ = batch
    report = scan_for_pii(out)
    assert len([f for f in report.files if f.endswith(".pdf")]) >= 10
    assert report.not_scanned == [] and report.findings == []
