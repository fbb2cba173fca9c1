"""The community-strengthening report: one object, one call per section.

::

    from dswlib.community import CommunityReport
    rep = CommunityReport.load(fiscal_year=2564, params_dir="params", demo_seed=2564, data_dir="")
    rep.cover()              # each call returns a Section that displays itself
    rep.overview(); rep.criteria_5_1(); rep.integration_results(); rep.success_levels()
    rep.household_colours(); rep.best_practice(); rep.data_quality(); rep.communities()
    rep.appendix()           # technical provenance: files, codes, seed lines, decisions, demo seed

The body speaks the source document's Thai; file names, params keys, codes and
seed lines appear only in :meth:`CommunityReport.appendix`. Tables are
:class:`~dswlib.display.ReportTable` with numeric data (see :mod:`.tables`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..display import Bullets, Heading, Markup, ReportTable, Section, note, para, strong
from ..errors import ParamsError
from ..findings import Finding, findings_appendix_table, findings_table
from ..fiscal import FiscalYear
from ..htmlparts import esc
from . import charts, provenance, tables
from .criteria import CRITERIA_FILE, load_criteria
from .dataset import load_dataset
from .demo import SYNTHETIC_LABEL_TH, generate_demo
from .evaluate import Evaluation, evaluate
from .findings import criteria_findings
from .offices import load_province_offices

APPENDIX_TITLE = "ภาคผนวก ข้อมูลทางเทคนิค"
APPENDIX_ANCHOR = "appendix"

_BANNER_STYLE = "border:2px solid #b71c1c;background:#ffebee;padding:10px 14px;margin:8px 0;"


def title_th(ev: Evaluation) -> str:
    """Report title; says "ข้อมูลสาธิต" when the data are synthetic."""
    text = f"การประเมินผลการสร้างเสริมชุมชนเข้มแข็ง {FiscalYear(ev.criteria.fiscal_year_be).title()}"
    return text + (" (ข้อมูลสาธิต)" if ev.synthetic else "")


def evaluate_year(fiscal_year=2564, params_dir="params", demo_seed=2564, data_dir="") -> Evaluation:
    """Load criteria and the province table, then evaluate real data (``data_dir``) or the synthetic demo."""
    from ..paths import resolve_params_dir

    params = resolve_params_dir(params_dir)
    criteria = load_criteria(params)
    year = FiscalYear(fiscal_year).be
    if year != criteria.fiscal_year_be:
        raise ParamsError(params / "community" / CRITERIA_FILE, "fiscal_year_be",
                          f"criteria for fiscal year {year}", criteria.fiscal_year_be)
    provinces = load_province_offices(params)
    if data_dir:
        # relative paths are taken from the repo root when they do not exist from the working dir
        dataset = load_dataset(resolve_params_dir(data_dir), criteria, provinces)
    else:
        dataset = generate_demo(criteria, provinces, seed=int(demo_seed))
    return evaluate(dataset, criteria, provinces)


@dataclass
class CommunityReport:
    """The evaluated year and the report's sections (each a :class:`~dswlib.display.Section`)."""

    ev: Evaluation
    demo_seed: int
    data_dir: str = ""

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, *, fiscal_year=2564, params_dir="params", demo_seed=2564, data_dir="") -> "CommunityReport":
        """Set up the notebook (Thai font for charts), validate the parameters and evaluate the year."""
        from ..notebook import setup

        try:
            seed = int(demo_seed)
        except (TypeError, ValueError):
            raise ParamsError("notebook parameters", "demo_seed", "an integer seed such as 2564", demo_seed) from None
        setup()
        ev = evaluate_year(fiscal_year, params_dir, seed, data_dir or "")
        return cls(ev, seed, str(data_dir or ""))

    @property
    def criteria(self):
        return self.ev.criteria

    @property
    def findings(self) -> list[Finding]:
        """The source document's documented problems (same list, same order as ``dsw check``)."""
        return criteria_findings(self.criteria)

    @property
    def title(self) -> str:
        return title_th(self.ev)

    # ------------------------------------------------------------------ sections

    def cover(self) -> Section:
        """Title, and a red banner when the data are synthetic (the period otherwise)."""
        ev = self.ev
        year = FiscalYear(ev.criteria.fiscal_year_be)
        period = f"ช่วงเวลาตามเกณฑ์: {year.title()} ({year.period_label()})"
        sec = Section().add(Heading(self.title, 1))
        if ev.synthetic:
            text = (f"{SYNTHETIC_LABEL_TH} ตัวเลขทุกตัวในรายงานนี้สร้างขึ้นด้วยโปรแกรมเพื่อแสดงวิธีคำนวณตามเกณฑ์ "
                    "(ค่าตั้งต้นของการสร้างข้อมูลระบุไว้ในภาคผนวก) ชื่อจังหวัดเป็นชื่อจริง ส่วนชื่อชุมชนและครัวเรือนเป็นรหัสสมมติ")
            sec.add(Markup(f'<div class="dsw-synthetic" style="{_BANNER_STYLE}">'
                           f"<strong>ข้อมูลสังเคราะห์ (ข้อมูลสาธิต)</strong> — {esc(text)}<br>{esc(period)}</div>"))
        else:
            sec.add(para(period))
        sec.add(para("ประเมินตาม", tables.document_th(ev.criteria)))
        return sec

    def overview(self) -> Section:
        return Section().add(tables.overview_table(self.ev))

    def criteria_5_1(self) -> Section:
        crit = self.criteria
        f = crit.integration.formula
        return Section().add(
            para(f"สูตร: {f.printed_th} ÷ {f.denominator} — ค่าผลการดำเนินงานแต่ละตัวเป็นร้อยละ "
                 "จึงเท่ากับค่าเฉลี่ย ปัดเศษทศนิยม 2 ตำแหน่งแบบปัดครึ่งขึ้น" + tables.decision_ref(crit, "D2")),
            tables.components_table(self.ev),
            tables.criteria_5_1_table(self.ev),
        )

    def integration_results(self) -> Section:
        ev = self.ev
        k = ev.criteria.ops_kpi_2_1
        return Section().add(
            charts.score_distribution(ev),
            charts.integration_by_office(ev),
            tables.office_integration_table(ev),
            para(f"เทียบกับตัวชี้วัด {k.name_th} ในภาคผนวกของเอกสาร ซึ่งหารด้วย {k.formula.denominator} "
                 f"และให้คะแนน 3 ขั้น:"),
            tables.kpi_2_1_table(ev),
        )

    def success_levels(self) -> Section:
        ev = self.ev
        crit = ev.criteria
        sec = Section()
        for tid in ("ssw", "pmj"):
            t = crit.template(tid)
            ref = tables.finding_ref(crit, t.agency_note) if t.agency_note else ""
            agency = t.agency_th + (f" (ตามที่พิมพ์ในแม่แบบ {ref})" if ref else "")
            sec.add(para(strong(t.name_th), f" — หน่วยงาน: {agency}, น้ำหนักร้อยละ {t.weight_percent}"),
                    tables.template_table(ev, tid))
        sec.add(
            charts.pmj_levels(ev),
            para("จังหวัดที่ทำเหตุการณ์สำคัญของระดับสูงแล้ว แต่ระดับก่อนหน้ายังไม่ครบ: ",
                 strong(f"{tables.pmj_gap_count(ev):,}"),
                 " จังหวัด ซึ่งนับได้เพียงระดับที่ครบต่อเนื่อง" + tables.decision_ref(crit, "D4")),
            tables.ssw_levels_table(ev),
        )
        return sec

    def household_colours(self) -> Section:
        ev = self.ev
        scale = ev.criteria.household_colour
        below = tables.below_min_targets_table(ev)
        sec = Section().add(
            tables.colour_scale_table(ev),
            charts.household_colours_by_office(ev),
            tables.office_colour_table(ev),
            para(f"ชุมชนที่กำหนดครัวเรือนเป้าหมายน้อยกว่า {scale.min_target_households} ครัวเรือน: ",
                 strong(f"{len(below):,}"), " ชุมชน"),
        )
        if len(below):
            sec.add(below)
        return sec

    def best_practice(self) -> Section:
        ev = self.ev
        crit = ev.criteria
        bp = crit.best_practice
        household = [i.text_th for i in bp.household_criteria.items] + [bp.tpmap_record.text_th]
        community = [i.text_th for i in bp.community_criteria.items]
        ranking = [tables.RANKING_TH[k] for k in bp.ranking]
        return Section().add(
            para(strong(bp.name_th)),
            para("ครัวเรือนนับว่าพ้นความยากจนเมื่อผ่านทุกข้อ:"),
            Bullets(household, ordered=True),
            para(f"ชุมชนผ่านเกณฑ์เมื่อผ่านทุกข้อของ {bp.community_criteria.heading_th}:"),
            Bullets(community, ordered=True),
            para(f"และมีครัวเรือนเป้าหมายไม่น้อยกว่า {crit.household_colour.min_target_households} ครัวเรือน "
                 "โดยมีครัวเรือนพ้นความยากจนอย่างน้อย 1 ครัวเรือน" + tables.decision_ref(crit, "D6")
                 + " จากนั้นเรียงลำดับตาม" + tables.decision_ref(crit, "D7") + ":"),
            Bullets(ranking, ordered=True),
            tables.best_practice_table(ev),
        )

    def findings_table(self) -> ReportTable:
        """The body's findings table: Thai, numbered as in the appendix."""
        return findings_table(self.findings, empty="ไม่พบข้อสังเกตด้านคุณภาพข้อมูลของเอกสารต้นทาง")

    def data_quality(self) -> Section:
        sec = Section().add(self.findings_table())
        if self.findings:
            sec.add(note("รหัสรายการ ตำแหน่งในไฟล์ และบรรทัดในเอกสารต้นฉบับของแต่ละข้อ อยู่ในภาคผนวก (ลำดับเดียวกัน)"))
        return sec

    def communities(self) -> Section:
        return Section().add(tables.community_table(self.ev))

    def appendix(self) -> Section:
        """``ภาคผนวก ข้อมูลทางเทคนิค``: files, finding codes, decisions, seed lines, milestone codes, demo seed."""
        ev = self.ev
        crit = ev.criteria
        return Section().add(
            Heading(APPENDIX_TITLE, 2, APPENDIX_ANCHOR),
            para("ส่วนนี้บันทึกที่มาทางเทคนิคของเกณฑ์และตัวเลขในรายงาน สำหรับผู้ตรวจสอบ: ไฟล์ที่อ่าน "
                 "รหัสและตำแหน่งของข้อสังเกต ข้อตัดสิน และบรรทัดในเอกสารต้นฉบับ "
                 f"(\"003 L93\" หมายถึงบรรทัดที่ 93 ของไฟล์ {crit.source_file})"),
            Heading("ไฟล์และข้อมูลที่ใช้", 3),
            provenance.inputs_table(ev, data_dir=self.data_dir),
            self._synthetic_origin(),
            Heading("ข้อสังเกตด้านคุณภาพข้อมูล: รหัสและตำแหน่ง", 3),
            findings_appendix_table(self.findings),
            Heading("ข้อตัดสินในส่วนที่เอกสารไม่ได้กำหนด", 3),
            provenance.decisions_table(crit),
            note(f"รายละเอียดเต็มของแต่ละข้ออยู่ในไฟล์ {provenance.params_file(provenance.DECISIONS_FILE)}"),
            Heading("บรรทัดในเอกสารต้นฉบับของเกณฑ์", 3),
            provenance.source_lines_table(ev),
            Heading("เหตุการณ์สำคัญของแม่แบบตัวชี้วัด", 3),
            provenance.milestones_table(crit),
            Heading("คอลัมน์ในไฟล์ข้อมูล", 3),
            provenance.checks_table(crit),
        )

    def _synthetic_origin(self):
        origin = provenance.synthetic_origin(self.ev, self.demo_seed)
        if origin is None:
            return None
        generator, seed = origin
        return para("ข้อมูลสังเคราะห์สร้างด้วย ", strong(generator), " ค่าตั้งต้นของการสุ่ม (seed) ", strong(seed),
                    " ค่าเดียวกันให้ข้อมูลเดียวกันทุกครั้ง")

    def sections(self) -> dict:
        """Every section by method name, in report order (for tests and analysts)."""
        names = ("cover", "overview", "criteria_5_1", "integration_results", "success_levels", "household_colours",
                 "best_practice", "data_quality", "communities", "appendix")
        return {name: getattr(self, name)() for name in names}
