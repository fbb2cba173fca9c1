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


@pytest.fixture(scope="session")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("outputs")
    runs = {year: _run(["run", str(year), "--out", str(out), "--no-progress"]) for year in (2564, 2566, 2569)}
    return out, runs


def _html(out, year, name):
    return (out / str(year) / f"{name}.html").read_text(encoding="utf-8")


def _text(markup):
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def test_every_report_rendered(batch):
    out, runs = batch
    for year, proc in runs.items():
        assert proc.returncode == 0, f"{year}: {proc.stdout}\n{proc.stderr}"
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
    # the data-quality section lists the seed's own problems
    assert "numerator_above_denominator" in text and "700.00" in text


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
        if path.name != "index.html":
            assert "@font-face" in markup and "Sarabun" in markup, path


def test_no_personal_data_in_any_output(batch):
    from dswlib.records.pii import scan_for_pii

    out, _ = batch
    findings = scan_for_pii([out])
    assert findings == [], findings[:5]


def test_scanner_would_catch_a_leak(batch, tmp_path):
    """The scan above is only meaningful if it can fail: plant a valid ID in a copy."""
    from dswlib.records.pii import scan_for_pii
    from dswlib.records.pii import national_id_check_digit

    out, _ = batch
    leaked = tmp_path / "leak.html"
    first12 = "110170012345"
    nid = first12 + str(national_id_check_digit(first12))
    leaked.write_text(_html(out, 2564, "annual_report").replace("</body>", f"<p>{nid}</p></body>"), encoding="utf-8")
    assert scan_for_pii([leaked])


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
