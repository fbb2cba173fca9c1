"""The action-plan progress report: one object, one call per section.

>>> rep = RoadmapReport.load(fiscal_year=2569, round=6, params_dir="params")
>>> rep.cover(); rep.summary(); rep.gantt(); rep.kpis(); rep.lateness(); rep.projects()
>>> rep.data_quality(); rep.appendix()

Every section method returns a :class:`~dswlib.display.Section` that displays itself (in
JupyterLab, in the batch notebook and in tests); its tables (``section.tables()``) hold numbers
as numbers. What a year has decides what a section shows (a plan-only year has no KPI results
and nothing late), never the notebook.

Modules: ``view`` (what is computed), ``wording`` (Thai phrases), ``tables`` (ReportTables),
``pages`` (cover, project pages), ``provenance`` (the technical appendix), ``summary_json``
(``dsw roadmap --json``).
"""

from __future__ import annotations

from ..display import Bullets, Heading, Section, para
from ..findings import findings_table
from .gantt import gantt_figure, gantt_rows
from .pages import cover, project_page
from .provenance import appendix
from .summary_json import summary_records
from .tables import forecast_table, kpi_table, lateness_table, plan_table, summary_table
from .view import RoadmapView, check_round, load_view, view_of  # noqa: F401  (re-exported)
from .wording import FORECAST_NOTE


class RoadmapReport:
    """The action-plan report of one fiscal year and round (``rep`` in the notebook)."""

    def __init__(self, view: RoadmapView):
        self.view = view

    @classmethod
    def load(cls, *, fiscal_year, round=6, params_dir=None) -> "RoadmapReport":  # noqa: A002 - the job's parameter name
        """Load the year's action plans; sets up the notebook (Thai font in charts)."""
        from ..fiscal import normalize_be_year
        from ..notebook import setup

        setup()
        return cls(load_view(normalize_be_year(fiscal_year), check_round(int(round)), params_dir))

    # ------------------------------------------------------------ data for analysts

    @property
    def plan(self):
        return self.view.plan

    @property
    def findings(self):
        return self.view.findings

    def summary_records(self) -> dict:
        """The plain-JSON summary (as ``dsw roadmap --json`` prints it)."""
        return summary_records(self.view)

    # ------------------------------------------------------------ sections

    def cover(self) -> Section:
        return cover(self.view)

    def summary(self) -> Section:
        v = self.view
        if v.plan_only:
            return Section().add(
                Heading(f"สรุปแผนการดำเนินการ (สิ่งที่ต้องแล้วเสร็จภายในรอบ {v.round_months} เดือน)", 2), plan_table(v))
        return Section().add(Heading(f"สรุปความก้าวหน้า รอบ {v.round_months} เดือน", 2), summary_table(v))

    def gantt(self) -> Section:
        v = self.view
        with_months = [p for p in v.plan.projects if any(a.months is not None for a in p.activities)]
        rows = gantt_rows(v.plan, with_months, None if v.plan_only else v.round_months)
        fig = gantt_figure(rows, v.plan.fiscal_year, v.shown_round, title=f"แผนรายเดือน {v.fy.title()}")
        out = Section().add(Heading("แผนภูมิแกนต์: เดือนตามแผนเทียบสถานะ", 2), fig)
        others = [p.title for p in v.plan.projects if p not in with_months]
        if others:
            out.add(para("โครงการที่ไม่ทราบเดือนตามแผนของทุกกิจกรรม (ไม่แสดงในแผนภูมิ; "
                         "ดูสถานะรายกิจกรรมในหน้ารายโครงการ):", css="dsw-source"), Bullets(others))
        return out

    def kpis(self) -> Section:
        """KPI results against targets and the 12-month forecast (nothing for a plan-only year)."""
        v = self.view
        if v.plan_only:
            return Section()
        head, *items = FORECAST_NOTE
        return Section().add(Heading("ผลตามตัวชี้วัดเทียบค่าเป้าหมาย และการคาดการณ์ผล 12 เดือน", 2),
                             kpi_table(v), para(head + ":"), Bullets(items), forecast_table(v))

    def lateness(self) -> Section:
        """Activities due and not done (nothing for a plan-only year: lateness needs a progress report)."""
        if self.view.plan_only:
            return Section()
        return Section().add(Heading("กิจกรรมที่ล่าช้ากว่าแผน", 2), lateness_table(self.view))

    def projects(self) -> Section:
        out = Section().add(Heading("รายละเอียดรายโครงการ", 2))
        for pp in self.view.progress:
            out.add(project_page(self.view, pp))
        return out

    def data_quality(self) -> Section:
        return Section().add(Heading("ข้อสังเกตด้านคุณภาพข้อมูล", 2),
                             findings_table(self.view.findings))

    def appendix(self) -> Section:
        return appendix(self.view)

    def __repr__(self) -> str:
        v = self.view
        return f"RoadmapReport(fiscal_year={v.plan.fiscal_year}, round={v.round_months}, as_of={v.as_of})"
