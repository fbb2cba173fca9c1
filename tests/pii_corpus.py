"""A personal-data test corpus written by the tests: every ID format in every file kind,
every title in every file kind, and clean files full of look-alikes (figures, phone
numbers, dates, document numbers, words that start like titles).

Every ID and name here is made up: IDs are random with a valid check digit, the
names are the SYNTHETIC ones or plain made-up names.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
from pathlib import Path

from dswlib.pii.national_id import national_id_check_digit

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def make_ids(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    out = set()
    while len(out) < n:
        first12 = str(rng.randint(1, 8)) + "".join(str(rng.randint(0, 9)) for _ in range(11))
        out.add(first12 + str(national_id_check_digit(first12)))
    return sorted(out)


def wrong_check(digits: str) -> str:
    return digits[:-1] + str((int(digits[-1]) + 1) % 10)


def _card(d: str, sep: str) -> str:
    return sep.join((d[0], d[1:5], d[5:10], d[10:12], d[12]))


def _groups(d: str, sizes, sep: str) -> str:
    out, pos = [], 0
    for s in sizes:
        out.append(d[pos:pos + s])
        pos += s
    return sep.join(out)


#: Every way of writing an ID the scanner must recognise (name -> digits -> text).
ID_FORMATS = {
    "plain": lambda d: d,
    "card hyphen": lambda d: _card(d, "-"),
    "card space": lambda d: _card(d, " "),
    "card en dash": lambda d: _card(d, "\u2013"),
    "card em dash": lambda d: _card(d, "\u2014"),
    "card dot": lambda d: _card(d, "."),
    "card non-breaking hyphen": lambda d: _card(d, "\u2011"),
    "card NBSP": lambda d: _card(d, "\u00a0"),
    "card thin space": lambda d: _card(d, "\u2009"),
    "card narrow NBSP": lambda d: _card(d, "\u202f"),
    "card spaced hyphen": lambda d: _card(d, " - "),
    "groups 3-4-3-3 space": lambda d: _groups(d, (3, 4, 3, 3), " "),
    "groups 4-4-5 hyphen": lambda d: _groups(d, (4, 4, 5), "-"),
    "groups 1-3-3-3-3 dot": lambda d: _groups(d, (1, 3, 3, 3, 3), "."),
    "every digit spaced": lambda d: " ".join(d),
    "thousands commas": lambda d: _groups(d, (1, 3, 3, 3, 3), ","),
    "float from a spreadsheet": lambda d: d + ".0",
    "thai digits": lambda d: d.translate(THAI),
    "thai digits card": lambda d: _card(d, "-").translate(THAI),
    "thai digits card en dash": lambda d: _card(d, "\u2013").translate(THAI),
}

#: A made-up given name and surname per title (written as each title is used).
TITLED_NAMES = {
    "นาย": "นายสมปอง ทองประเสริฐ",
    "นาง": "นางสมพิศ ทองประเสริฐ",
    "นางสาว": "นางสาวอรอุมา ศรีสะอาด",
    "น.ส.": "น.ส.อรอุมา ศรีสะอาด",
    "เด็กชาย": "เด็กชายภูมิพัฒน์ วงศ์ใหญ่",
    "เด็กหญิง": "เด็กหญิงปัณฑิตา วงศ์ใหญ่",
    "ด.ช.": "ด.ช.ภูมิพัฒน์ วงศ์ใหญ่",
    "ด.ญ.": "ด.ญ. ปัณฑิตา วงศ์ใหญ่",
    "ว่าที่ร้อยตรี": "ว่าที่ร้อยตรีธนากร มั่นคง",
    "ว่าที่ ร.ต.": "ว่าที่ ร.ต.ธนากร มั่นคง",
    "ร.ต.อ.": "ร.ต.อ.วีรพงษ์ แสนดี",
    "พ.ต.ท.": "พ.ต.ท. วีรพงษ์ แสนดี",
    "พ.ต.อ.หญิง": "พ.ต.อ.หญิงวิไลวรรณ แสนดี",
    "พันตำรวจโท": "พันตำรวจโทวีรพงษ์ แสนดี",
    "พลเอก": "พลเอกอนุรักษ์ ชัยชนะ",
    "จ.ส.อ.": "จ.ส.อ.สมบัติ ใจกล้า",
    "ดร.": "ดร.กิตติพงษ์ พูนผล",
    "ผศ.ดร.": "ผศ.ดร.กิตติพงษ์ พูนผล",
    "รศ.": "รศ. กิตติพงษ์ พูนผล",
    "นพ.": "นพ.ชาญวิทย์ รักษาสุข",
    "แพทย์หญิง": "แพทย์หญิงชุติมา รักษาสุข",
    "คุณ": "คุณสุดารัตน์ บุญมา",
    "ม.ร.ว.": "ม.ร.ว.ศุภวัฒน์ เกษมศรี",
    "นาย (glued to the word before)": "นายกฤษดา มั่นคงดี",
}
#: Text written just before the name, glued to it (Thai has no spaces between words).
NAME_PREFIX = {"นาย (glued to the word before)": "ลงนามโดย"}

#: Text that must give no finding: the report's own words and figures.
CLEAN_LINES = [
    "นายกรัฐมนตรี มอบนโยบาย ให้นายกเทศมนตรี และนายอำเภอ ทุกแห่ง",
    "ครอบครัวและนายจ้าง ทำให้ส่งกลับและจัดหางาน",
    "นายทะเบียน จังหวัด ตรวจสอบ นายหน้า จัดหางาน",
    "มิถุนายน 2564 จำนวน 7,047 ราย",
    "สนง.พมจ.นครนายก (รหัสจังหวัด 26) ปีงบประมาณ พ.ศ. 2564",
    "การพัฒนางาน มาตรฐาน สำหรับเด็กหญิง / คนพิการ / ผู้สูงอายุ",
    "เมื่อผลลดลงมากกว่าที่ ความผันผวนก่อนการระบาด",
    "เด็กชายและเด็กหญิง อายุ 10 ปี เด็กชาย เด็กหญิง และคนพิการ",
    "นางพยาบาล ประจำศูนย์ คุณภาพชีวิต ดีขึ้น คุณสมบัติ ของผู้สมัคร ผู้ทรงคุณวุฒิ ภายนอก",
    "ร้อยละ 13.90 (198/1,424 คน) ร้อยละ 16.72 (55/329 คน) 426.86 13.16 17.55 21.94",
    "72.84 74.97 77.10 73.77 74.54 75.31 370.00 407.02 415.16 -56.12 +2.87",
    "22,266,612 ครัวเรือน 4,100,000 คน 32,152,800 บาท 19,994,800 บาท 1,226,404",
    "โทร 0-2659-6356 และ 0-2659-6294 มือถือ 081-234-5678 +66 2 659 6356 โทรสาร 02 659 6300",
    "วันที่ 2564-10-01 ถึง 2565-09-30, 1 ต.ค. 2564, 01/10/2021, 30.09.2565, 2021-10-01T08:30:00.123456",
    "ที่ พม 0601/ว 1234 ลงวันที่ 14 มิถุนายน 2564 เลขที่ 1234/2564 คำสั่งที่ 56/2564",
    "1 2564 198 1424 13.90 2 2565 55 329 16.72 3 2566 1896 3791 50.01",
    "12 345 6789 1011 1213 1415",
    "version 3.11.4 sha 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "person_key pabcdefghijklmnopabcd pmnopabcdefghijklmnop",
    "ฐานข้อมูล TPMAP 4.1 ล้านครัวเรือน และ ๔,๕๐๐ คน ร้อยละ ๗๗.๕",
]


def clean_text(ids: list[str]) -> str:
    """The clean lines plus IDs with a wrong check digit and numbers one digit too long or short."""
    d = ids[0]
    extra = [wrong_check(d), _card(wrong_check(d), "-"), d + "9", "1" + d, d[:12], _card(wrong_check(d), " "),
             "0" + d[1:], "9" + d[1:]]
    return "\n".join(CLEAN_LINES + extra) + "\n"


# ------------------------------------------------------------------ file kinds
def _entities(text: str) -> str:
    return "".join(f"&#{ord(c)};" if i % 2 else f"&#x{ord(c):x};" for i, c in enumerate(text))


def _split_cells(d: str) -> list[str]:
    return [d[0], d[1:5], d[5:10], d[10:12], d[12]]


def _notebook(cells) -> str:
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4,
                       "nbformat_minor": 5}, ensure_ascii=True)


def _code_cell(*outputs, source="x", metadata=None) -> dict:
    return {"cell_type": "code", "source": source, "outputs": list(outputs), "metadata": metadata or {},
            "execution_count": 1}


def _xlsx(path: Path, rows, sheet="ข้อมูล") -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "สรุป"
    ws = wb.create_sheet(sheet)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            ws.cell(row=r, column=c, value=value)
    wb.save(path)


def write_id_file(folder: Path, kind: str, text: str, digits: str) -> Path:
    """One file of ``kind`` holding the ID ``digits`` written as ``text``."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "html text":
        path = folder / "page.html"
        path.write_text(f"<html><body><p>เลขประจำตัว <b>{text}</b> ร้อยละ 13.90</p></body></html>", "utf-8")
    elif kind == "html entities":
        path = folder / "page.html"
        path.write_text(f"<p>{_entities(text)}</p>", "utf-8")
    elif kind == "html cells":
        path = folder / "table.html"
        cells = "".join(f"<td>{c}</td>" for c in _split_cells(digits))
        path.write_text(f"<table><tr><th>เลขบัตร</th>{cells}<td>ร้อยละ 13.90</td></tr></table>", "utf-8")
    elif kind == "html comment":
        path = folder / "page.html"
        path.write_text(f"<p>ok</p><!-- debug: {text} -->", "utf-8")
    elif kind == "html attribute":
        path = folder / "page.html"
        path.write_text(f'<p><a title="{text}" href="#">x</a></p>', "utf-8")
    elif kind == "json string":
        path = folder / "data.json"
        path.write_text(json.dumps({"people": [{"note": f"บัตร {text}"}]}, ensure_ascii=True), "utf-8")
    elif kind == "json list":
        path = folder / "data.json"
        path.write_text(json.dumps({"id": _split_cells(digits)}), "utf-8")
    elif kind == "jsonl":
        path = folder / "log.jsonl"
        path.write_text(json.dumps({"a": 1}) + "\n" + json.dumps({"x": text}, ensure_ascii=True) + "\n", "utf-8")
    elif kind == "ipynb source":
        path = folder / "nb.ipynb"
        path.write_text(_notebook([_code_cell(source=[f"x = '{text}'"])]), "utf-8")
    elif kind == "ipynb html output":
        path = folder / "nb.ipynb"
        out = {"output_type": "display_data", "metadata": {},
               "data": {"text/html": [f"<table><tr><td>{_entities(text)}</td></tr></table>"], "text/plain": ["x"]}}
        path.write_text(_notebook([_code_cell(out)]), "utf-8")
    elif kind == "ipynb stream":
        path = folder / "nb.ipynb"
        out = {"output_type": "stream", "name": "stderr", "text": [f"\x1b[0;31mrow 5: {text}\x1b[0m\n"]}
        path.write_text(_notebook([_code_cell(out)]), "utf-8")
    elif kind == "ipynb error":
        path = folder / "nb.ipynb"
        out = {"output_type": "error", "ename": "ParamsError", "evalue": "bad",
               "traceback": ["\x1b[0;31mParamsError\x1b[0m", f"got '{text}'"]}
        path.write_text(_notebook([_code_cell(out)]), "utf-8")
    elif kind == "ipynb json output":
        path = folder / "nb.ipynb"
        out = {"output_type": "execute_result", "metadata": {}, "execution_count": 1,
               "data": {"application/json": {"rows": [{"pid": text}]}, "text/plain": ["{...}"]}}
        path.write_text(_notebook([_code_cell(out)]), "utf-8")
    elif kind == "ipynb attachment":
        path = folder / "nb.ipynb"
        payload = base64.b64encode(f"note {text}".encode()).decode()
        path.write_text(_notebook([{"cell_type": "markdown", "source": "![x](attachment:note.txt)",
                                    "attachments": {"note.txt": {"text/plain": payload}}, "metadata": {}}]), "utf-8")
    elif kind == "ipynb markdown table":
        path = folder / "nb.ipynb"
        cells = " | ".join(_split_cells(digits))
        path.write_text(_notebook([{"cell_type": "markdown", "source": [f"| a | b | c | d | e |\n|--|--|--|--|--|\n| {cells} |\n"],
                                    "metadata": {}}]), "utf-8")
    elif kind == "ipynb metadata":
        path = folder / "nb.ipynb"
        path.write_text(_notebook([_code_cell(metadata={"tags": ["parameters"], "note": text})]), "utf-8")
    elif kind == "csv cell":
        path = folder / "data.csv"
        path.write_text(f"no,pid,score\n1,{json.dumps(text, ensure_ascii=False)},80.5\n", "utf-8")
    elif kind == "csv cells":
        path = folder / "data.csv"
        path.write_text("a,b,c,d,e,f\n" + ",".join(_split_cells(digits)) + ",45\n", "utf-8")
    elif kind == "csv windows-874":
        path = folder / "data.csv"
        path.write_bytes(f"ชื่อหน่วย,เลขบัตร\nศูนย์,{text}\n".encode("cp874", errors="replace"))
    elif kind == "tsv":
        path = folder / "data.tsv"
        path.write_text(f"no\tpid\n1\t{text}\n", "utf-8")
    elif kind == "txt":
        path = folder / "notes.txt"
        path.write_text(f"บันทึก\nผู้รับบริการ {text} มาติดต่อ\n", "utf-8")
    elif kind == "log":
        path = folder / "run.log"
        path.write_text(f"2021-10-01 08:00:00 ERROR row 12: bad value {text}\n", "utf-8")
    elif kind == "md":
        path = folder / "README.md"
        path.write_text(f"# บันทึก\n\n- {text}\n", "utf-8")
    elif kind == "md table cells":
        path = folder / "table.md"
        path.write_text("| a | b | c | d | e |\n|---|---|---|---|---|\n| " + " | ".join(_split_cells(digits)) + " |\n",
                        "utf-8")
    elif kind == "yaml":
        path = folder / "data.yaml"
        path.write_text(f"people:\n  - id: '{text}'\n", "utf-8")
    elif kind == "xlsx text":
        path = folder / "book.xlsx"
        _xlsx(path, [["no", "pid"], [1, text]])
    elif kind == "xlsx number":
        path = folder / "book.xlsx"
        _xlsx(path, [["no", "pid"], [1, int(digits)]])
    elif kind == "xlsx cells":
        path = folder / "book.xlsx"
        _xlsx(path, [["no", "a", "b", "c", "d", "e"], [1, *_split_cells(digits)]])
    elif kind == "csv.gz":
        path = folder / "data.csv.gz"
        path.write_bytes(gzip.compress(f"no,pid\n1,{json.dumps(text, ensure_ascii=False)}\n".encode()))
    elif kind == "gzip without .gz":
        path = folder / "page.html"
        path.write_bytes(gzip.compress(f"<p>{_entities(text)}</p>".encode()))
    elif kind == "gzip of xlsx":
        inner = folder / "_inner.xlsx"
        _xlsx(inner, [["pid"], [text]])
        path = folder / "book.xlsx.gz"
        path.write_bytes(gzip.compress(inner.read_bytes()))
        inner.unlink()
    else:
        raise ValueError(kind)
    return path


ID_FILE_KINDS = (
    "html text", "html entities", "html attribute", "html comment", "json string", "jsonl", "ipynb source", "ipynb html output",
    "ipynb stream", "ipynb error", "ipynb json output", "ipynb attachment", "ipynb metadata", "csv cell",
    "csv windows-874", "tsv", "txt", "log", "md", "yaml", "xlsx text", "csv.gz", "gzip without .gz",
    "gzip of xlsx",
)
#: Kinds where the ID is split over cells (written once each, card layout).
SPLIT_KINDS = ("html cells", "json list", "ipynb markdown table", "csv cells", "md table cells", "xlsx cells")
NUMBER_KINDS = ("xlsx number",)


def write_name_file(folder: Path, kind: str, name: str) -> Path:
    """One file of ``kind`` holding a titled ``name``."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "html":
        path = folder / "page.html"
        path.write_text(f"<p>ผู้รับบริการ: {_entities(name)} ร้อยละ 13.90</p>", "utf-8")
    elif kind == "html cells":
        path = folder / "table.html"
        given, surname = name.rsplit(" ", 1)
        path.write_text(f"<table><tr><td>1</td><td>{given}</td><td>{surname}</td><td>45</td></tr></table>", "utf-8")
    elif kind == "json":
        path = folder / "data.json"
        path.write_text(json.dumps({"x": f"ติดต่อ {name} แล้ว"}, ensure_ascii=True), "utf-8")
    elif kind == "ipynb":
        path = folder / "nb.ipynb"
        out = {"output_type": "stream", "name": "stdout", "text": [f"พบ {name}\n"]}
        path.write_text(_notebook([_code_cell(out)]), "utf-8")
    elif kind == "csv":
        path = folder / "data.csv"
        path.write_text(f"no,ผู้รับบริการ,อายุ\n1,{name},45\n", "utf-8")
    elif kind == "xlsx":
        path = folder / "book.xlsx"
        given, surname = name.rsplit(" ", 1)
        _xlsx(path, [["no", "a", "b"], [1, given, surname]])
    elif kind == "txt":
        path = folder / "notes.txt"
        path.write_text(f"ลงชื่อ {name}\n", "utf-8")
    else:
        raise ValueError(kind)
    return path


NAME_FILE_KINDS = ("html", "html cells", "json", "ipynb", "csv", "xlsx", "txt")


def write_clean_files(folder: Path, ids: list[str]) -> list[Path]:
    """One clean file per kind: look-alikes only."""
    folder.mkdir(parents=True, exist_ok=True)
    text = clean_text(ids)
    lines = text.splitlines()
    rows = [line.split(" ") for line in lines]
    paths = []

    def add(name, content):
        p = folder / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, "utf-8")
        paths.append(p)

    add("clean.txt", text)
    add("clean.log", text)
    add("clean.md", "# รายงาน\n\n" + "\n".join(f"- {x}" for x in lines) + "\n\n| a | b | c |\n|---|---|---|\n"
        "| 72.84 | 74.97 | 77.10 |\n| 1 | 2564 | 198 |\n")
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    add("clean.html", f"<html><body>{''.join(f'<p>{x}</p>' for x in lines)}<table>{table}</table></body></html>")
    add("clean.json", json.dumps({"lines": lines, "rows": rows, "n": [13.9, 1424, 20211001, 0.123456789012345]},
                                 ensure_ascii=True))
    out = {"output_type": "display_data", "metadata": {}, "data": {"text/html": [f"<table>{table}</table>"],
                                                                    "text/plain": [text]}}
    add("clean.ipynb", _notebook([{"cell_type": "markdown", "source": text, "metadata": {}},
                                  _code_cell(out, metadata={"papermill": {"duration": 1.2345678901234,
                                                                          "start_time": "2021-10-01T08:30:00.123456"}})]))
    csv_text = "\n".join(",".join(json.dumps(c, ensure_ascii=False) if "," in c else c for c in row) for row in rows)
    add("clean.csv", csv_text + "\n")
    add("clean.tsv", "\n".join("\t".join(row) for row in rows) + "\n")
    add("clean.csv.gz", gzip.compress(csv_text.encode()))
    xlsx = folder / "clean.xlsx"
    _xlsx(xlsx, [[float(c) if c.replace(".", "", 1).isdigit() else c for c in row] for row in rows])
    paths.append(xlsx)
    return paths
