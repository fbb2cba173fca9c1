"""The scanner on a generated corpus: every ID format in every file kind, every title, clean look-alikes.

Recall must be 100 % and the clean files (and params/) must give nothing. The FY2564
batch outputs are scanned in test_batch_e2e.py.
"""

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import pii_corpus as corpus
from dswlib.pii import scan_for_pii, scan_text
from dswlib.pii.scanner import ScanReport

ROOT = Path(__file__).resolve().parents[1]
NOTHING_ALLOWED = frozenset()


def _encodable(kind, text):
    if kind != "csv windows-874":
        return True
    try:
        text.encode("cp874")
    except UnicodeEncodeError:
        return False
    return True


@pytest.fixture(scope="module")
def id_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("ids")
    ids = corpus.make_ids(1000, seed=11)
    planted, k = {}, 0
    for fmt, write in corpus.ID_FORMATS.items():
        for kind in corpus.ID_FILE_KINDS:
            text = write(ids[k])
            if _encodable(kind, text):
                path = corpus.write_id_file(root / f"{k:04d}", kind, text, ids[k])
                planted[str(path)] = (fmt, kind, ids[k])
            k += 1
    for kind in corpus.SPLIT_KINDS + corpus.NUMBER_KINDS:
        path = corpus.write_id_file(root / f"{k:04d}", kind, ids[k], ids[k])
        planted[str(path)] = ("split over cells" if kind in corpus.SPLIT_KINDS else "number", kind, ids[k])
        k += 1
    return root, planted, scan_for_pii(root, allow=NOTHING_ALLOWED)


def test_every_id_format_in_every_file_kind_is_found(id_corpus):
    _, planted, report = id_corpus
    assert len(planted) > 400
    missed = []
    for path, (fmt, kind, digits) in planted.items():
        tail = f"x-xxxx-xxxxx-{digits[10:12]}-{digits[12]}"
        if not any(f.path == path and f.kind == "national_id" and tail in f.excerpt for f in report.findings):
            missed.append((fmt, kind))
    assert missed == []
    assert report.not_scanned == []
    assert {f.kind for f in report.findings} == {"national_id"}


def test_findings_never_show_an_id(id_corpus):
    _, planted, report = id_corpus
    for f in report.findings:
        shown = str(f)
        for _, _, digits in planted.values():
            assert digits not in shown and digits[:10] not in shown
        assert not any(ch in shown for ch in "๐๑๒๓๔๕๖๗๘๙")
    # the places are precise: row and column of a CSV, sheet and cell of a workbook, cells of a table row
    wheres = {planted[f.path][1]: f.where for f in report.findings if planted[f.path][0] in ("plain", "split over cells")}
    assert wheres["csv cell"] == "row 2, column 'pid'"
    assert wheres["xlsx text"] == "sheet 'ข้อมูล', row 2, cell B2"
    assert wheres["xlsx cells"] == "sheet 'ข้อมูล', row 2, cell B2 to cell F2"
    assert wheres["html cells"] == "table row at line 1, cell 2 to cell 6"
    assert wheres["csv.gz"] == "(gzip) row 2, column 'pid'"
    assert wheres["ipynb html output"].startswith("cells[0].outputs[0] text/html")


@pytest.fixture(scope="module")
def name_corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    planted, k = {}, 0
    for title, name in corpus.TITLED_NAMES.items():
        for kind in corpus.NAME_FILE_KINDS:
            path = corpus.write_name_file(root / f"{k:04d}", kind, corpus.NAME_PREFIX.get(title, "") + name)
            planted[str(path)] = (title, kind, name)
            k += 1
    return root, planted, scan_for_pii(root, allow=NOTHING_ALLOWED)


def test_every_title_in_every_file_kind_is_found(name_corpus):
    _, planted, report = name_corpus
    found = {f.path for f in report.findings if f.kind == "name"}
    assert [v[:2] for p, v in planted.items() if p not in found] == []
    assert report.not_scanned == []


def test_name_findings_are_masked(name_corpus):
    _, planted, report = name_corpus
    for f in report.findings:
        given, surname = planted[f.path][2].rsplit(" ", 1)
        assert surname not in str(f)
        assert given[-3:] not in str(f)


def test_allow_list_keeps_published_names(name_corpus, tmp_path):
    root, planted, _ = name_corpus
    allow = tmp_path / "pii_allowlist.yaml"
    names = sorted({v[2] for v in planted.values()})
    allow.write_text("names:\n" + "".join(f"  - name: {n}\n    reason: ผู้ลงนามรายงาน\n" for n in names), "utf-8")
    assert scan_for_pii(root, allowlist=allow).findings == []
    # an allowed name does not hide an ID next to it
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "a.txt").write_text(f"{names[0]} {corpus.make_ids(1)[0]}", "utf-8")
    assert [f.kind for f in scan_for_pii(tmp_path / "x", allowlist=allow).findings] == ["national_id"]


def test_allow_list_entries_need_a_reason(tmp_path):
    from dswlib.errors import ParamsError
    from dswlib.pii.allowlist import load_allowlist

    path = tmp_path / "pii_allowlist.yaml"
    path.write_text("names:\n  - name: นายสมปอง ทองประเสริฐ\n", "utf-8")
    with pytest.raises(ParamsError, match=r"names\[0\]\.reason"):
        load_allowlist(path)


def test_clean_files_of_every_kind_give_nothing(tmp_path):
    ids = corpus.make_ids(3, seed=5)
    paths = corpus.write_clean_files(tmp_path, ids)
    assert {p.suffix for p in paths} >= {".txt", ".log", ".md", ".html", ".json", ".ipynb", ".csv", ".tsv", ".gz",
                                         ".xlsx"}
    report = scan_for_pii(tmp_path, allow=NOTHING_ALLOWED)
    assert report.findings == [] and report.not_scanned == []
    assert report.clean and not report
    # the same look-alikes with one real ID added are caught, once
    with (tmp_path / "clean.txt").open("a", encoding="utf-8") as fh:
        fh.write(f"เลขประจำตัว {ids[1]}\n")
    assert [f.path for f in scan_for_pii(tmp_path, allow=NOTHING_ALLOWED).findings] == [str(tmp_path / "clean.txt")]


def test_params_give_nothing():
    report = scan_for_pii(ROOT / "params", allow=NOTHING_ALLOWED)
    assert len(report.files) > 10
    assert report.findings == [] and report.not_scanned == []


def test_unreadable_files_are_reported_not_passed(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200)
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (tmp_path / "photo.png").write_bytes(corpus_png())
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)))
    (tmp_path / "broken.csv.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    report = scan_for_pii(tmp_path, allow=NOTHING_ALLOWED)
    assert report.findings == []
    assert sorted(Path(n.path).name for n in report.not_scanned) == [
        "blob.bin", "broken.csv.gz", "broken.xlsx", "old.xls", "photo.png", "scan.pdf"]
    assert report and not report.clean


def corpus_png(text="Software Matplotlib"):
    import struct
    import zlib

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    itxt = b"Title\x00\x00\x00\x00\x00" + text.encode("utf-8")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"iTXt", itxt) + chunk(b"IDAT", zlib.compress(b"\0\0"))
            + chunk(b"IEND", b""))


def test_embedded_pictures_text_chunks_are_read_pixels_are_not(tmp_path):
    import base64

    nid = corpus.make_ids(1, seed=9)[0]
    clean = base64.b64encode(corpus_png()).decode()
    leak = base64.b64encode(corpus_png(f"owner {nid}")).decode()
    # base64 text that happens to hold 13 digits is not read as text
    (tmp_path / "a.html").write_text(f'<img src="data:image/png;base64,{clean}"><p>ok</p>'
                                     f'<img src="data:image/jpeg;base64,AAA{nid}BBBB">', "utf-8")
    nb = {"cells": [{"cell_type": "code", "source": "x", "execution_count": 1, "metadata": {}, "outputs": [
        {"output_type": "display_data", "metadata": {}, "data": {"image/png": leak, "text/plain": "<Figure>"}}]}],
          "metadata": {}}
    (tmp_path / "b.ipynb").write_text(json.dumps(nb), "utf-8")
    report = scan_for_pii(tmp_path, allow=NOTHING_ALLOWED)
    assert [(Path(f.path).name, f.kind) for f in report.findings] == [("b.ipynb", "national_id")]
    assert "png text chunk" in report.findings[0].where
    assert report.not_scanned == [] and report.images_not_read == 3


def test_ids_in_numbers_context_are_not_taken_from_longer_numbers():
    nid = corpus.make_ids(1, seed=2)[0]
    for text in [f"12.{nid}", f"{nid}9", f"1{nid}", f"5,{nid}", f"{nid},123", "ab" * 10 + nid + "cdef"]:
        assert scan_text(text) == [], text
    for text in [f"x{nid}y", f"{nid}.0", f"{nid}/2564", f"({nid})", f"เลข{nid}คน"]:
        assert len(scan_text(text)) == 1, text


def test_entities_and_escapes_are_decoded():
    nid = corpus.make_ids(1, seed=3)[0]
    thai = nid.translate(corpus.THAI)
    assert len(scan_text("".join(f"&#{ord(c)};" for c in nid))) == 1
    assert len(scan_text("".join(f"&amp;#{ord(c)};" for c in nid))) == 1  # escaped twice
    assert len(scan_text("".join(f"\\u{ord(c):04x}" for c in thai))) == 1


def test_file_names_are_scanned_and_masked(tmp_path):
    nid = corpus.make_ids(1, seed=4)[0]
    (tmp_path / f"{nid}.txt").write_text("ok", "utf-8")
    report = scan_for_pii(tmp_path, allow=NOTHING_ALLOWED)
    assert [f.where for f in report.findings] == ["file name"]
    assert nid not in str(report.findings[0])


def test_cli_exit_codes_and_masked_output(tmp_path):
    nid = corpus.make_ids(1, seed=6)[0]
    clean, leak, unread = tmp_path / "clean", tmp_path / "leak", tmp_path / "unread"
    for d in (clean, leak, unread):
        d.mkdir()
    (clean / "a.html").write_text("<p>ร้อยละ 13.90</p>", "utf-8")
    (leak / "a.csv.gz").write_bytes(gzip.compress(f"pid,x\n{corpus.ID_FORMATS['card en dash'](nid)},1\n".encode()))
    (unread / "a.xlsx").write_bytes(b"PK\x03\x04broken")

    def run(*args):
        return subprocess.run([sys.executable, "-m", "dswlib.cli", "scan-pii", *args], capture_output=True,
                              text=True, cwd=ROOT)

    ok = run(str(clean))
    assert ok.returncode == 0 and "0 finding(s)" in ok.stdout
    found = run(str(leak))
    assert found.returncode == 1
    assert "a.csv.gz: (gzip) row 2, column 'pid': national ID: x-xxxx-xxxxx-" in found.stdout
    assert nid not in found.stdout + found.stderr and nid[:9] not in found.stdout
    unread_run = run(str(unread))
    assert unread_run.returncode == 3 and "NOT SCANNED" in unread_run.stdout
    assert run(str(unread), "--skip-unreadable").returncode == 0
    as_json = json.loads(run(str(leak), "--json").stdout)
    assert as_json["findings"][0]["kind"] == "national_id" and as_json["files_scanned"] == 1
    helptext = run("--help").stdout
    for word in ("--skip-unreadable", "--allowlist", ".xlsx", "OCR", "NOT SCANNED", "Exit status"):
        assert word in helptext, word


def test_report_truthiness_means_something_to_report():
    assert not ScanReport()
    assert ScanReport(not_scanned=[object()])


# ---------------------------------------------------------------- PDF documents (poppler-utils' pdftotext)
needs_pdf_tools = pytest.mark.skipif(__import__("shutil").which("pdftotext") is None
                                     or __import__("shutil").which("chromium") is None,
                                     reason="Debian poppler-utils and chromium not installed")


def _printed_pdf(tmp_path, body: str) -> Path:
    """``body`` printed to PDF by Chromium in the embedded Sarabun, as dsw pdf prints a report."""
    from dswlib.pdf import html_to_pdf
    from dswlib.thaifont import css_font_face

    page = tmp_path / "page.html"
    page.write_text(f"<html><head><meta charset='utf-8'><style>{css_font_face(body)} body{{font-family:Sarabun}}"
                    f"</style></head><body>{body}</body></html>", encoding="utf-8")
    return html_to_pdf(page, tmp_path / "printed" / "report.pdf")


@needs_pdf_tools
def test_a_printed_pdf_is_read_page_by_page(tmp_path):
    nid = corpus.make_ids(1, seed=7)[0]
    card = f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"
    cells = "".join(f"<td>{g}</td>" for g in (nid[0], nid[1:5], nid[5:10], nid[10:12], nid[12]))
    pdf = _printed_pdf(tmp_path, f"<p>ร้อยละ 13.90 ของ 1,424 ราย</p><p style='break-before:page'>ผู้รับบริการ {card}</p>"
                                 f"<table><tr><td>ลำดับ 1</td>{cells}</tr></table><p>ลงนาม นางสาวอรอุมา ศรีสะอาด</p>")
    report = scan_for_pii(pdf.parent, allow=NOTHING_ALLOWED)
    assert report.not_scanned == []
    found = sorted((f.kind, f.where.split(",")[0]) for f in report.findings)
    assert found == [("name", "page 2"), ("national_id", "page 2"), ("national_id", "page 2")]
    assert not any(nid in str(f) for f in report.findings)  # masked
    clean = _printed_pdf(tmp_path, "<p>ร้อยละ 13.90 ของ 1,424 ราย ตัวชี้วัดที่ 3.1</p>")
    assert scan_for_pii(clean, allow=NOTHING_ALLOWED).clean


def test_a_pdf_without_pdftotext_is_not_scanned_never_passed(tmp_path, monkeypatch):
    import dswlib.pii.readers.pdf as pdf_reader

    monkeypatch.setattr(pdf_reader.shutil, "which", lambda name: None)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 100)
    report = scan_for_pii(tmp_path, allow=NOTHING_ALLOWED)
    assert [n.reason for n in report.not_scanned] == [
        "a PDF document: not read (pdftotext not found: install Debian's poppler-utils)"]
    assert not report.clean
