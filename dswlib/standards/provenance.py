"""The technical appendix (ภาคผนวก) of the standards pages: input files, the decisions document,
the seed lines of the rules, the rubric ids behind the Thai numbering, the demo's seed.

This is the only part of a standards page that names files, ids and seed lines."""

from __future__ import annotations

import os
from pathlib import Path

from ..display.blocks import Markup
from ..display import Heading, ReportTable, Section, para
from .wording import indicator_label

APPENDIX_TITLE = "ภาคผนวก ข้อมูลทางเทคนิค"
APPENDIX_ANCHOR = "appendix"
DECISIONS_FILE = "params/standards/DECISIONS.md"
OVERVIEW_APPENDIX = f"overview.html#{APPENDIX_ANCHOR}"

RULES = [
    ("ระดับคะแนนรายตัวชี้วัด 10 / 7.5 / 5 / 2.5 / 0", "004 L405-409", "SCORED"),
    ("ระดับคะแนนเฉลี่ย (ผ่านเกณฑ์ในระดับดี ... ตกเกณฑ์และต้องปรับปรุงอย่างเร่งด่วน)", "004 L415-419", "GRADE-BANDS"),
    ("คะแนนของด้าน = ผลรวม ÷ จำนวนตัวชี้วัด", "004 L1163", "AGGREGATION"),
    ("คะแนนของมิติ (÷ 12 / 9 / 34)", "004 L586-590, L708-712, L1177-1181", "AGGREGATION"),
    ("ภาพรวมมิติที่ 2+3+4 (÷ 55)", "004 L1928", "AGGREGATION"),
    ("ทำได้ตามเกณฑ์ได้ 7.5 คะแนน (ตัวชี้วัดที่ 3.1, 4.24, 4.28)", "004 L411", "MEET-GIVES-7.5"),
    ("ตัวชี้วัดที่ไม่เกี่ยวข้องและไม่มีข้อมูล", "เอกสารไม่ได้กำหนด", "MISSING-NA"),
    ("อันดับ ค่าเฉลี่ยทั้งประเทศและราย สสว. สิ่งที่ต้องทำเพื่อขึ้นสู่ระดับถัดไป", "เอกสารไม่ได้กำหนด",
     "RANK-MEANS, NEXT-BAND"),
    ("พื้นที่ สสว. ของแต่ละจังหวัด", "เอกสารไม่ได้พิมพ์ (สมมติฐาน)", "REGIONS"),
]


def _rel(path, params_dir) -> str:
    """``path`` as ``params/...`` (relative to the params folder's parent), never an absolute local path."""
    from ..paths import resolve_params_dir

    base = resolve_params_dir(params_dir)
    try:
        return os.path.relpath(Path(path).resolve(), base.parent).replace(os.sep, "/")
    except ValueError:  # pragma: no cover - another drive on Windows
        return Path(path).name


def _rules_table() -> ReportTable:
    import pandas as pd

    frame = pd.DataFrame(RULES, columns=["กฎ", "บรรทัดของเอกสารต้นฉบับ", f"หัวข้อใน {DECISIONS_FILE}"])
    return ReportTable(frame, caption="กฎการคำนวณและที่มา",
                       notes=("\"004 L415\" คือบรรทัดที่ 415 ของเอกสารต้นฉบับหมายเลข 004 "
                              "(มาตรฐานการปฏิบัติหน้าที่ของ สนง.พมจ.) ในโฟลเดอร์ seeds",))


def _ids_table(rubric, ids=None, caption="เลขตัวชี้วัดในรายงานกับรหัสในไฟล์") -> ReportTable:
    import pandas as pd

    rows = [{"เลขในรายงาน": indicator_label(i.id), "รหัสในไฟล์เกณฑ์และแบบประเมิน": i.id, "บรรทัดของเอกสารต้นฉบับ": i.source}
            for i in rubric.indicators() if ids is None or i.id in ids]
    return ReportTable(pd.DataFrame(rows), caption=caption, empty="ไม่มีตัวชี้วัดที่เสียคะแนน")


def _input_rows(rep) -> list[tuple[str, str]]:
    from .rubric import rubric_path
    from .provinces import provinces_path

    return [("เกณฑ์การประเมิน", _rel(rubric_path(rep.params_dir), rep.params_dir)),
            ("รายชื่อจังหวัดและพื้นที่ สสว.", _rel(provinces_path(rep.params_dir), rep.params_dir)),
            ("ข้อตกลงในการคำนวณ", DECISIONS_FILE)]


def _demo_row(data) -> tuple[str, str]:
    return ("ข้อมูลสมมติ", f"สร้างโดย dswlib.standards.demo (synthetic) ค่าตั้งต้น (seed) {data.seed}")


def province_appendix(rep) -> Section:
    import pandas as pd

    from .loading import province_files
    from .summary import summary_input

    rows = _input_rows(rep)
    data = rep.data
    if data.directory is not None:
        files = province_files(data.directory, rep.province)
        rows.append(("แบบประเมินของจังหวัด", ", ".join(_rel(f, rep.params_dir) for f in files) or "ไม่มีไฟล์"))
    else:
        rows.append(_demo_row(data))
    rows.append(("สรุปคะแนนของทุกสำนักงานในปี (ใช้คำนวณอันดับและค่าเฉลี่ย)",
                 "params/" + summary_input(rep.fiscal_year, rep.params_dir, rep.assessment_dir)))
    rows.append(("รหัสจังหวัดและชื่อไฟล์ผลลัพธ์", f"{rep.province.code} / standards/{rep.province.output_id}.html"))
    sec = Section().add(Heading(APPENDIX_TITLE, 2, APPENDIX_ANCHOR),
                        ReportTable(pd.DataFrame(rows, columns=["รายการ", "ค่า"]), caption="ข้อมูลนำเข้า"),
                        _rules_table())
    if rep.has_scores:
        # only the indicators this office lost points on (the ones it will look up in its file); the
        # full table of every indicator is in the overview's appendix, the same for every office
        from .advice import points_lost

        lost = {ind.id for ind, _, _ in points_lost(rep.rubric, rep.scores)}
        sec.add(_ids_table(rep.rubric, lost, caption="เลขตัวชี้วัดที่เสียคะแนนกับรหัสในไฟล์"),
                Markup('<p>ตารางเลขตัวชี้วัดทุกตัวกับรหัสในไฟล์อยู่ใน'
                       f'<a href="{OVERVIEW_APPENDIX}">ภาคผนวกของรายงานภาพรวม</a></p>'))
    return sec


def overview_appendix(rep) -> Section:
    import pandas as pd

    data = rep.data
    rows = _input_rows(rep)
    if data.directory is not None:
        rows.append(("โฟลเดอร์แบบประเมิน", _rel(data.directory, rep.params_dir) + "/"))
    else:
        rows.append(_demo_row(data))
    sec = Section().add(Heading(APPENDIX_TITLE, 2, APPENDIX_ANCHOR),
                        ReportTable(pd.DataFrame(rows, columns=["รายการ", "ค่า"]), caption="ข้อมูลนำเข้า"),
                        _rules_table())
    if data.problems:
        frame = pd.DataFrame([{"ไฟล์": f.where, "รายละเอียดทางเทคนิค": f.printed, "รหัสปัญหา": f.code}
                              for f in data.problems])
        sec.add(ReportTable(frame, caption="รายละเอียดทางเทคนิคของแบบประเมินที่ใช้ไม่ได้"))
    sec.add(_ids_table(rep.rubric))  # every indicator, dimension 1 included: the province pages refer here
    sec.add(para("ลิงก์ไปยังรายงานรายจังหวัดเป็นชื่อไฟล์ในโฟลเดอร์เดียวกัน (standards/<รหัส>-<ชื่อ>.html)"))
    return sec
