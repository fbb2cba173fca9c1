"""The standards pages: one object per page, one call per section.

::

    from dswlib.standards import ProvinceReport, StandardsOverview
    rep = ProvinceReport.load(fiscal_year=2564, province="50", params_dir="params", assessment_dir="")
    rep.cover(); rep.standing(); rep.summary(); rep.areas(); rep.priorities(); rep.next_band()
    rep.not_scored(); rep.indicators(); rep.inputs(); rep.appendix()

    ov = StandardsOverview.load(fiscal_year=2564, params_dir="params", assessment_dir="")
    ov.cover(); ov.problems(); ov.distribution(); ov.means(); ov.most_failed(); ov.ranking()
    ov.heatmap(); ov.appendix()

Every section returns a :class:`~dswlib.display.Section` that displays itself; its tables
hold numbers as numbers. What the data allow decides what a section shows (a province
without an assessment, a year with unusable files), never the notebook.

A province page reads its own assessment and the year summary (:mod:`.summary`) for its
rank and the national / regional means; the overview reads every assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..display import Bullets, Heading, Markup, Section, para, strong
from ..htmlparts import esc
from . import charts, provenance, tables
from .advice import next_band_plan
from .assessment import Assessment, score_assessment
from .loading import YearData, load_province, load_year
from .provinces import Province
from .summary import OVERALL, YearSummary, load_year_summary
from .wording import SYNTHETIC_TH, year_period, year_title

OVERVIEW_PAGE = "overview.html"
_BANNER_STYLE = "border:2px solid #b71c1c;background:#ffebee;padding:10px 14px;margin:8px 0;"


def province_page(province: Province) -> str:
    """The file name the batch writes a province's page to, beside the overview (``standards/``)."""
    return f"{province.output_id}.html"


def _banner() -> Markup:
    return Markup(f'<div class="dsw-synthetic" style="{_BANNER_STYLE}"><strong>ข้อมูลสมมติ</strong> — '
                  f"{esc(SYNTHETIC_TH)}</div>")


def _link(href: str, text: str) -> Markup:
    from ..display import safe_href

    return Markup(f'<p class="dsw-nav"><a href="{esc(safe_href(href))}">{esc(text)}</a></p>')


# ================================================================== province page

@dataclass
class ProvinceReport:
    fiscal_year: int
    data: YearData
    province: Province
    assessment: Assessment | None
    year_summary: YearSummary
    params_dir: str = "params"
    assessment_dir: str = ""

    @classmethod
    def load(cls, *, fiscal_year, province, params_dir="params", assessment_dir="") -> "ProvinceReport":
        """This province's assessment (its own file only) and the year summary; sets up the notebook."""
        from ..fiscal import normalize_be_year
        from ..notebook import setup

        setup()
        year = normalize_be_year(fiscal_year)
        data, prov, assessment = load_province(year, province, params_dir, assessment_dir or "")
        summary = load_year_summary(year, params_dir, assessment_dir or "")
        return cls(year, data, prov, assessment, summary, str(params_dir), str(assessment_dir or ""))

    # ------------------------------------------------------------ data for analysts

    @property
    def rubric(self):
        return self.data.rubric

    @cached_property
    def _scored(self):
        return score_assessment(self.rubric, self.assessment) if self.assessment else (None, None)

    @property
    def scores(self):
        """The office's :class:`~dswlib.standards.aggregate.Scores` (None without an assessment)."""
        return self._scored[0]

    @property
    def checks(self):
        """Dimension 1 checks (None without an assessment)."""
        return self._scored[1]

    @property
    def has_scores(self) -> bool:
        return self.assessment is not None

    def national_means(self) -> dict:
        return self.year_summary.means()

    def regional_means(self) -> dict:
        return self.year_summary.means(self.province.ssw_office) if self.province.ssw_office is not None else {}

    def rank(self) -> tuple[int | None, int, int]:
        """(rank, offices ranked, offices sharing the rank)."""
        return self.year_summary.rank_of(self.province.code)

    def next_band_plan(self):
        return next_band_plan(self.rubric, self.scores) if self.has_scores else None

    # ------------------------------------------------------------ sections

    def cover(self) -> Section:
        p, a = self.province, self.assessment
        sec = Section().add(Heading(f"ผลการปฏิบัติตามมาตรฐานการปฏิบัติหน้าที่ {p.office_th}", 1),
                            _link(OVERVIEW_PAGE, "กลับไปหน้าภาพรวมทุกสำนักงาน"),
                            para(strong(year_title(self.fiscal_year)), f" ({year_period(self.fiscal_year)})"))
        region = f" สังกัดพื้นที่ {p.region_th}" if p.region_th else ""
        sec.add(para(f"หน่วยงาน: {p.office_th} (รหัสจังหวัด {p.code}){region}"))
        if a is None:
            sec.add(para(strong("ไม่มีแบบประเมินของจังหวัดนี้ในปีงบประมาณนี้"),
                         " จึงไม่มีคะแนน อันดับ และข้อเสนอในรายงานนี้"))
            return sec
        if a.as_of:
            from ..fiscal import format_thai_date

            sec.add(para(f"ข้อมูล ณ วันที่ {format_thai_date(a.as_of)}"))
        sec.add(para(f"แหล่งข้อมูล: {self.data.source_th}"))
        if a.synthetic:
            sec.add(_banner())
        return sec

    def standing(self) -> Section:
        """Rank among the offices and the national / regional means beside the office's own."""
        if not self.has_scores:
            return Section()
        rank, n, tied = self.rank()
        own = self.year_summary.offices.loc[self.province.code, OVERALL]
        sec = Section().add(Heading("อันดับและการเปรียบเทียบกับค่าเฉลี่ย", 2))
        if rank is None:
            sec.add(para("คะแนนภาพรวมคำนวณไม่ได้ (ข้อมูลไม่ครบ) จึงไม่มีอันดับ"))
        else:
            ties = f" (คะแนนเท่ากัน {tied} สำนักงาน ได้อันดับเดียวกัน)" if tied > 1 else ""
            sec.add(para("คะแนนภาพรวม ", strong(f"{own:.2f}"), " อยู่ใน", strong(f"อันดับที่ {rank} จาก {n} สำนักงาน"),
                         f"ที่คำนวณคะแนนภาพรวมได้{ties} เรียงจากคะแนนสูงไปต่ำ คะแนนเท่ากันได้อันดับเดียวกัน"))
        return sec.add(tables.standing_table(self.rubric, self.year_summary, self.province.code, self.province.ssw_office))

    def summary(self) -> Section:
        if not self.has_scores:
            return Section()
        return Section().add(
            Heading("สรุปผลรายมิติและภาพรวม", 2),
            tables.summary_table(self.rubric, self.scores, self.national_means(), self.regional_means()))

    def areas(self) -> Section:
        if not self.has_scores:
            return Section()
        nat, reg = self.national_means(), self.regional_means()
        return Section().add(
            Heading("คะแนนรายด้าน", 2),
            para("คะแนนของด้าน = ผลรวมคะแนนตัวชี้วัดในด้าน ÷ จำนวนตัวชี้วัดของด้าน "
                 "แท่งคือคะแนนของสำนักงาน ◆ คือค่าเฉลี่ยทั้งประเทศ และ | คือค่าเฉลี่ยของ สสว. เดียวกัน"),
            charts.area_chart(self.rubric, self.scores, nat, reg),
            tables.area_table(self.rubric, self.scores, nat, reg))

    def priorities(self) -> Section:
        """Indicators ordered by points lost, with the next score and what it takes."""
        if not self.has_scores:
            return Section()
        return Section().add(
            Heading("ตัวชี้วัดที่เสียคะแนน เรียงจากเสียคะแนนมากที่สุด", 2),
            para("คะแนนที่เสีย = 10 − คะแนนที่ได้ คะแนนขั้นถัดไปคือคะแนนของเกณฑ์ขั้นที่สูงกว่าขั้นปัจจุบันหนึ่งขั้น "
                 "พร้อมผลการดำเนินงานที่ต้องทำได้ตามเกณฑ์การประเมินผล และหลักฐานประกอบที่ต้องมี"),
            tables.priorities_table(self.rubric, self.scores, self.assessment))

    def next_band(self) -> Section:
        """The fewest indicator improvements that lift the overall score into the next band."""
        if not self.has_scores:
            return Section()
        plan = self.next_band_plan()
        sec = Section().add(Heading("สิ่งที่ต้องทำเพื่อขึ้นสู่ระดับถัดไป", 2))
        if plan.reason == "incomplete":
            return sec.add(para("คะแนนภาพรวมคำนวณไม่ได้ (ข้อมูลไม่ครบ) จึงประเมินไม่ได้ว่าต้องเพิ่มคะแนนเท่าใด"))
        if plan.reason == "top":
            return sec.add(para("ภาพรวมอยู่ในระดับสูงสุดแล้ว (", strong(plan.current.label_th),
                                ") ตัวชี้วัดที่ยังเสียคะแนนอยู่ในตารางข้างต้น"))
        o = self.scores.overall
        if not plan.reachable:
            return sec.add(para("แม้ทุกตัวชี้วัดที่ยังเสียคะแนนได้คะแนนสูงสุด คะแนนภาพรวมก็ยังไม่ถึงระดับ ",
                                strong(plan.next.label_th)))
        new_total = plan.new_total(o)
        sec.add(para(
            "ภาพรวมปัจจุบัน ", strong(f"{o.mean_2dp} {plan.current.label_th}"), " การขึ้นสู่ระดับ ",
            strong(plan.next.label_th), f" ต้องได้คะแนนภาพรวมอย่างน้อย {plan.next.min} "
            f"ชุดตัวชี้วัดที่น้อยที่สุดที่ทำให้ถึงระดับนั้นคือ {len(plan.steps)} ตัวชี้วัด "
            "(เลือกตัวชี้วัดที่เพิ่มคะแนนได้มากที่สุดก่อน) ผลรวมคะแนนจะเพิ่มจาก "
            f"{_points(o.total)} เป็น {_points(new_total)} และคะแนนภาพรวมเป็น {_points(new_total)} ÷ {o.n_scored} = "
            f"{plan.new_mean_2dp(o)}:"))
        return sec.add(tables.next_band_table(self.rubric, plan))

    def not_scored(self) -> Section:
        if not self.has_scores:
            return Section()
        return Section().add(
            Heading("ตัวชี้วัดที่ไม่นำมาคิดคะแนน", 2),
            para("ตัวชี้วัดที่ไม่เกี่ยวข้อง (ตัวหารเป็น 0 เช่น ไม่มีเรื่องร้องทุกข์ในรอบปี) ไม่นำมาคิดทั้งผลรวมและจำนวนตัวชี้วัด "
                 "ตัวชี้วัดที่ไม่มีข้อมูลทำให้คำนวณคะแนนของด้าน มิติ และภาพรวมที่เกี่ยวข้องไม่ได้"),
            tables.not_scored_table(self.rubric, self.scores))

    def indicators(self) -> Section:
        if not self.has_scores:
            return Section()
        sec = Section().add(Heading("ผลรายตัวชี้วัด", 2))
        for d in self.rubric.dimensions:
            if d.scored:
                sec.add(Heading(f"มิติที่ {d.number} {d.name_th}", 3),
                        tables.indicator_table(self.rubric, self.scores, d.number))
        return sec

    def inputs(self) -> Section:
        if not self.has_scores:
            return Section()
        return Section().add(Heading("มิติที่ 1 ปัจจัยนำเข้า (ตรวจตามเกณฑ์ ไม่คิดคะแนน)", 2),
                             tables.input_check_table(self.rubric, self.checks))

    def appendix(self) -> Section:
        return provenance.province_appendix(self)

    def __repr__(self) -> str:
        return f"ProvinceReport(fiscal_year={self.fiscal_year}, province={self.province.output_id!r})"


def _points(x) -> str:
    from ..thainum import format_number

    return format_number(x)


# ================================================================== overview

@dataclass
class StandardsOverview:
    fiscal_year: int
    data: YearData
    year_summary: YearSummary
    params_dir: str = "params"
    assessment_dir: str = ""

    @classmethod
    def load(cls, *, fiscal_year, params_dir="params", assessment_dir="") -> "StandardsOverview":
        """Every assessment of the year (unusable files are listed, not fatal); sets up the notebook."""
        from ..fiscal import normalize_be_year
        from ..notebook import setup

        setup()
        year = normalize_be_year(fiscal_year)
        data = load_year(year, params_dir, assessment_dir or "")
        return cls(year, data, YearSummary.from_year(year, data), str(params_dir), str(assessment_dir or ""))

    @property
    def rubric(self):
        return self.data.rubric

    def cover(self) -> Section:
        d = self.data
        sec = Section().add(
            Heading("ภาพรวมผลการปฏิบัติตามมาตรฐานการปฏิบัติหน้าที่ สนง.พมจ.", 1),
            para(strong(year_title(self.fiscal_year)), f" ({year_period(self.fiscal_year)})"),
            para(f"จำนวนแบบประเมิน: {len(d.assessments)} จาก {len(d.provinces)} จังหวัด"),
            para(f"แหล่งข้อมูล: {d.source_th}"))
        if d.synthetic:
            sec.add(_banner())
        national = self.year_summary.means()[OVERALL]
        if national[0] is not None:
            sec.add(para("คะแนนภาพรวมเฉลี่ยทั้งประเทศ ", strong(f"{national[0]:.2f}"),
                         f" จาก {national[1]} สำนักงานที่คำนวณคะแนนภาพรวมได้"))
        return sec

    def problems(self) -> Section:
        """Assessment files that could not be used (Thai; file names are in the appendix)."""
        if not self.data.problems:
            return Section()
        return Section().add(
            Heading("แบบประเมินที่ใช้ไม่ได้", 2),
            para(f"แบบประเมิน {len(self.data.problems)} ไฟล์ใช้ไม่ได้ จังหวัดที่เกี่ยวข้องจึงแสดงว่าไม่มีคะแนน "
                 "รายละเอียดทางเทคนิคอยู่ในภาคผนวก"),
            Bullets([f.message for f in self.data.problems]))

    def distribution(self) -> Section:
        frame = tables.band_distribution_frame(self.rubric, self.year_summary)
        return Section().add(
            Heading("การกระจายของผลการปฏิบัติ", 2),
            para("จำนวนสำนักงานในแต่ละระดับคะแนน รายมิติและภาพรวม (ภาพรวม = ผลรวมคะแนนมิติที่ 2+3+4 ÷ 55 ตัวชี้วัด)"),
            tables.band_distribution_table(self.rubric, self.year_summary),
            charts.band_distribution_chart(self.rubric, frame))

    def means(self) -> Section:
        return Section().add(
            Heading("ค่าเฉลี่ยทั้งประเทศและรายภูมิภาค (สสว.)", 2),
            para("คะแนนภาพรวมและรายมิติเฉลี่ยของทุกสำนักงาน และของสำนักงานในพื้นที่ของแต่ละ สสว."),
            tables.means_table(self.rubric, self.year_summary),
            charts.region_chart(self.year_summary),
            Heading("ค่าเฉลี่ยทั้งประเทศรายด้าน", 3),
            tables.area_means_table(self.rubric, self.year_summary))

    def most_failed(self, top: int = 10) -> Section:
        return Section().add(
            Heading("ตัวชี้วัดที่สำนักงานไม่ผ่านเกณฑ์มากที่สุด", 2),
            para(f"{top} ตัวชี้วัดที่มีจำนวนสำนักงานได้คะแนนต่ำกว่าคะแนนเมื่อทำได้ตามเกณฑ์มากที่สุด"),
            tables.most_failed_table(self.rubric, self.year_summary, top))

    def ranking(self) -> Section:
        return Section().add(
            Heading("อันดับสำนักงานตามคะแนนภาพรวม", 2),
            para("คะแนนเท่ากันได้อันดับเดียวกัน คลิกชื่อจังหวัดเพื่อเปิดรายงานของสำนักงานนั้น"),
            tables.ranking_table(self.rubric, self.data.provinces, self.year_summary, link=province_page))

    def heatmap(self) -> Section:
        return Section().add(
            Heading("คะแนนรายด้านของทุกสำนักงาน", 2),
            para("แถว = สำนักงาน (เรียงตามคะแนนภาพรวม ในวงเล็บ) คอลัมน์ = 16 ด้านของมิติที่ 2-4 ตามเลขด้านในตาราง "
                 "สีตามระดับคะแนน ช่องสีเทา = คำนวณไม่ได้"),
            charts.area_heatmap(self.rubric, self.data.provinces, self.year_summary),
            tables.area_key_table(self.rubric))

    def appendix(self) -> Section:
        return provenance.overview_appendix(self)

    def __repr__(self) -> str:
        return f"StandardsOverview(fiscal_year={self.fiscal_year}, assessments={len(self.data.assessments)})"


__all__ = ["ProvinceReport", "StandardsOverview", "province_page"]
