"""Injection attempts in every kind of params text end up as literal text, never as a live link (issue 12, point 2).

A temp copy of params gets a Markdown link (javascript:, vbscript: or data:), raw
markup and mathtext (`$\\undefinedcmd$`, which made matplotlib raise) in: a KPI
name and the report title (kpis.yaml), a facility name (per-unit CSV), a
province name (standards), a province-office name (community) and a roadmap
project name. The real notebooks run on it; every page must come out, with no
live javascript:/vbscript:/data: link and the planted text shown as written.
"""

import csv
import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TITLE = "รายงานทดสอบ [คลิกชื่อเรื่อง](javascript:alert('title')) <img src=x onerror=alert(1)>"
KPI_NAME = "ร้อยละทดสอบ [คลิกตัวชี้วัด](JaVaScRiPt:alert('kpi')) $x^2$"
FACILITY = "สถานทดสอบ [คลิกสถาน](javascript:alert('facility')) $\\undefinedcmd$ ราคา"
PROVINCE = "เชียงใหม่ [คลิกจังหวัด](vbscript:msgbox('province')) $\\undefinedcmd$"
OFFICE = "นนทบุรี [คลิกสำนักงาน](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"
PROJECT = "โครงการทดสอบ [คลิกโครงการ](javascript:alert('project')) $\\undefinedcmd$"


def _yaml_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _replace(path: Path, old: str, new: str, count: int = 1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _edit_csv(path: Path, column: str, match, value: str):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader([line for line in lines if not line.startswith("#")]))
    hit = 0
    for row in rows:
        if match(row):
            row[column] = value
            hit += 1
    assert hit == 1, f"{path}: {hit} rows matched"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text("".join(comments) + out.getvalue(), encoding="utf-8")


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("injection")
    params = tmp / "params"
    shutil.copytree(ROOT / "params", params)
    kpis = params / "2564" / "kpis.yaml"
    _replace(kpis, "title_th: รายงานผลการดำเนินงานตามตัวชี้วัดการประเมินส่วนราชการ ตามมาตรการปรับปรุงประสิทธิภาพในการปฏิบัติราชการ ประจำปีงบประมาณ พ.ศ. 2564",
             "title_th: " + _yaml_str(TITLE))
    _replace(kpis, "    kind: ratio\n    name_th: ร้อยละของกลุ่มเป้าหมายที่ได้รับการพัฒนาศักยภาพและมีสมรรถภาพดีขึ้น\n",
             "    kind: ratio\n    name_th: " + _yaml_str(KPI_NAME) + "\n")
    _edit_csv(params / "2564" / "facilities_kpi3_1.csv", "facility_th", lambda r: r["row_no"] == "1", FACILITY)
    _edit_csv(params / "standards" / "provinces.csv", "name_th", lambda r: r["code"] == "50", PROVINCE)
    _edit_csv(params / "community" / "province_offices.csv", "province_th", lambda r: r["province_id"] == "nonthaburi", OFFICE)
    _replace(params / "2569" / "roadmap.yaml",
             "name: การนำข้อเสนอในการปรับปรุง/พัฒนาระบบการพัฒนาสังคมภายใต้ภารกิจและบทบาทของกรมฯ ผลักดันไปสู่การปฏิบัติ",
             "name: " + _yaml_str(PROJECT))
    out = tmp / "out"
    runs = {}
    for year, only in ((2564, ["annual_report", "standards/overview", "standards/50-*", "community/strengthening"]),
                       (2569, ["roadmap/*"])):
        args = ["run", str(year), "--params", str(params), "--out", str(out), "--no-progress", "-j", "2"]
        for pattern in only:
            args += ["--only", pattern]
        runs[year] = subprocess.run([sys.executable, "-m", "dswlib.cli", *args], cwd=ROOT, capture_output=True, text=True)
    return out, runs


PAGES = {
    "2564/annual_report.html": [TITLE, KPI_NAME, FACILITY],
    "2564/standards/50-chiang-mai.html": [PROVINCE],
    "2564/standards/overview.html": [PROVINCE],
    "2564/community/strengthening.html": [OFFICE],
    "2569/roadmap/progress_r6.html": [PROJECT],
    "2564/index.html": [TITLE, KPI_NAME, PROVINCE],  # the year's dashboard: report title, KPI, province table
}


def _live_links(markup):
    """(attribute, value) of every href/src/action/formaction/xlink:href whose scheme runs code or inlines a document."""
    bad = []
    for m in re.finditer(r"\s((?:xlink:)?href|src|action|formaction)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", markup, re.I):
        value = html.unescape(m.group(2).strip("\"'"))
        scheme = re.sub(r"[\x00-\x20]", "", value).lower().split(":", 1)[0]
        if scheme in ("javascript", "vbscript", "livescript") or (scheme == "data" and not value.startswith("data:image/")):
            bad.append((m.group(1), value[:60]))
    return bad


def _visible_text(markup):
    body = markup.split("<body", 1)[1]
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_every_report_ran_with_the_injected_params(injected):
    out, runs = injected
    for year, proc in runs.items():
        assert proc.returncode == 0, f"{year}: {proc.stdout[-2000:]}\n{proc.stderr[-3000:]}"
    for rel in PAGES:
        assert (out / rel).is_file(), rel


@pytest.mark.parametrize("rel", sorted(PAGES))
def test_no_live_link_and_text_shown_literally(injected, rel):
    out, _ = injected
    markup = (out / rel).read_text(encoding="utf-8")
    assert _live_links(markup) == []
    assert "<script" not in markup.lower()
    text = _visible_text(markup)
    for planted in PAGES[rel]:
        # the Markdown link is shown as written: brackets, parentheses and the URL are text
        link = re.search(r"\[[^\]]+\]\([^)]+\)", planted).group(0)
        assert link in text, f"{link!r} not shown literally in {rel}"
    # no anchor carries the planted link text as a link
    assert not re.search(r"<a\b[^>]*>\s*คลิก", markup)


def test_raw_markup_in_a_title_is_escaped(injected):
    out, _ = injected
    markup = (out / "2564" / "annual_report.html").read_text(encoding="utf-8")
    assert "<img src=x onerror" not in markup and "onerror=alert" not in markup.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_mathtext_characters_in_names_do_not_break_charts(injected):
    """`$\\undefinedcmd$` in a facility, province and project name: the charts are drawn (they raised before)."""
    out, _ = injected
    for rel in ("2564/annual_report.html", "2564/standards/overview.html", "2569/roadmap/progress_r6.html"):
        markup = (out / rel).read_text(encoding="utf-8")
        charts = "".join(re.findall(r'<svg class="dsw-chart".*?</svg>', markup, flags=re.S))
        assert charts, rel
        if not rel.startswith("2569/roadmap"):  # the Gantt chart names months, not projects
            assert "$\\undefinedcmd$" in html.unescape(re.sub(r"<[^>]+>", "", charts)), rel  # drawn as written
        assert "ParseFatalException" not in markup and "Unknown symbol" not in markup, rel
