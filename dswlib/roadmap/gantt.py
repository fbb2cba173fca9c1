"""Gantt chart of planned months against status (matplotlib, Thai labels).

Rows are activities grouped under their project; columns are the fiscal
months ต.ค. ... ก.ย. (plus the month before / after the year when a plan
reaches outside it).  A bar covers the planned months, coloured by the
activity's status at the round; a row whose months are unknown gets a hatched
band instead, so "unknown" never looks like "nothing planned".  A dashed line
marks the end of the round.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..fiscal import FiscalYear, month_abbr
from .model import Plan, Project
from .progress import activity_progress, planned_end
from .vocab import Status

STATUS_COLOURS = {
    Status.DONE: "#2e7d32",
    Status.ON_TRACK: "#00897b",
    Status.IN_PROGRESS: "#1e88e5",
    Status.LATE: "#d32f2f",
    Status.NOT_STARTED: "#9e9e9e",
    Status.UNKNOWN: "#bdbdbd",
    Status.NOT_REPORTED: "#90a4ae",
}
PLANNED_COLOUR = "#5c6bc0"  # plan-only charts
UNKNOWN_LABEL = "ไม่ทราบเดือนตามแผน"
_THAI_MARKS = set(chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)))


@dataclass(frozen=True)
class GanttRow:
    label: str
    months: tuple[int, ...] | None  # fiscal indices; None = unknown
    status: Status | None  # None = plan only
    deadline: int | None = None
    header: bool = False
    extends_after: bool = False
    moved_to: int | None = None  # month the latest report moved the activity to


def shorten(text: str, limit: int = 48) -> str:
    """Cut Thai text to ``limit`` characters without splitting a vowel/tone mark from its base."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = limit - 1
    while cut > 0 and text[cut] in _THAI_MARKS:
        cut -= 1
    return text[:cut].rstrip() + "…"


def gantt_rows(plan: Plan, projects: list[Project] | None = None, round_months: int | None = None,
               *, label_limit: int = 48, headers: bool = True) -> list[GanttRow]:
    """Rows for :func:`gantt_figure`; statuses are computed when ``round_months`` is given
    and the plan reports progress."""
    rows: list[GanttRow] = []
    with_status = round_months is not None and plan.kind == "progress"
    for project in projects if projects is not None else plan.projects:
        if headers:
            head = f"{project.code} {project.title}" if project.code else project.title
            rows.append(GanttRow(shorten(head, label_limit + 8), None, None, header=True))
        for a in project.activities:
            label = shorten(f"{a.number}. {a.name or '(ชื่อกิจกรรมไม่ปรากฏ)'}", label_limit)
            months = (tuple(sorted(m.fiscal_index(plan.fiscal_year) for m in a.months))
                      if a.months is not None else None)
            deadline = planned_end(a, plan.fiscal_year) if a.months is None and a.deadline else None
            ap = activity_progress(plan, project, a, round_months) if with_status else None
            status = ap.status if ap is not None else None
            moved = ap.rescheduled_to if ap is not None and ap.status is not Status.DONE else None
            rows.append(GanttRow(label, months, status, deadline, extends_after=a.extends_after_year, moved_to=moved))
    return rows


def gantt_figure(rows: list[GanttRow], fiscal_year: int, round_months: int | None = None,
                 *, title: str | None = None, width: float = 11.0):
    """A matplotlib Figure; Thai text needs :func:`dswlib.notebook.setup` (or
    :func:`dswlib.chartstyle.apply`) to have run first; names are drawn literally (no mathtext)."""
    from matplotlib.patches import Patch, Rectangle

    from ..chartstyle import pyplot

    plt = pyplot()

    fy = FiscalYear(fiscal_year)
    lo = min([1] + [min(r.months) for r in rows if r.months])
    hi = max([12] + [max(r.months) for r in rows if r.months] + [13 for r in rows if r.extends_after]
             + [r.moved_to for r in rows if r.moved_to])
    n = max(len(rows), 1)
    fig, ax = plt.subplots(figsize=(width, 1.3 + 0.32 * n))
    for y, row in enumerate(rows):
        if row.header:
            ax.axhspan(y - 0.5, y + 0.5, color="#eceff1", zorder=0)
            continue
        if row.months is None:
            ax.add_patch(Rectangle((lo - 0.5, y - 0.3), hi - lo + 1, 0.6, facecolor="none",
                                   edgecolor="#b0bec5", hatch="///", linewidth=0, zorder=1))
            if row.deadline is not None:
                ax.plot([row.deadline], [y], marker="D", color="#37474f", markersize=6, zorder=3)
            elif row.status is not None:
                ax.plot([lo - 0.15], [y], marker="o", color=STATUS_COLOURS[row.status], markersize=7, zorder=3)
            continue
        colour = PLANNED_COLOUR if row.status is None else STATUS_COLOURS[row.status]
        for start, length in _runs(row.months):
            ax.add_patch(Rectangle((start - 0.45, y - 0.32), length - 0.1, 0.64, color=colour, zorder=2))
        if row.extends_after:
            ax.annotate("", xy=(hi + 0.45, y), xytext=(max(row.months) + 0.45, y),
                        arrowprops=dict(arrowstyle="->", color=colour), zorder=2)
        if row.moved_to is not None:
            ax.add_patch(Rectangle((row.moved_to - 0.45, y - 0.32), 0.9, 0.64, facecolor="none", edgecolor=colour,
                                   linestyle="--", linewidth=1.5, zorder=2))
            ax.annotate("", xy=(row.moved_to - 0.47, y), xytext=(max(row.months) + 0.47, y),
                        arrowprops=dict(arrowstyle="->", color=colour, linestyle=":"), zorder=2)
    ax.set_xlim(lo - 0.5, hi + 0.5)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xticks(range(lo, hi + 1))
    ax.set_xticklabels([_month_label(fy, i) for i in range(lo, hi + 1)])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r.label for r in rows])
    for tick, row in zip(ax.get_yticklabels(), rows):
        if row.header:
            tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#e0e0e0", zorder=0)
    ax.set_axisbelow(True)
    for spine in ("right", "bottom", "left"):
        ax.spines[spine].set_visible(False)
    handles = []
    if round_months is not None:
        ax.axvline(round_months + 0.5, color="#37474f", linestyle="--", linewidth=1.2)
        handles.append(plt.Line2D([], [], color="#37474f", linestyle="--", label=f"สิ้นสุดรอบ {round_months} เดือน"))
    shown = {r.status for r in rows if not r.header and r.status is not None and r.months is not None}
    shown |= {r.status for r in rows if not r.header and r.status is not None and r.months is None}
    for status in Status:
        if status in shown:
            handles.append(Patch(color=STATUS_COLOURS[status], label=status.label))
    if any(r.status is None and r.months for r in rows if not r.header):
        handles.append(Patch(color=PLANNED_COLOUR, label="เดือนที่มีแผน"))
    if any(r.months is None for r in rows if not r.header):
        handles.append(Patch(facecolor="none", edgecolor="#b0bec5", hatch="///", label=UNKNOWN_LABEL))
    if any(r.moved_to is not None for r in rows):
        handles.append(Patch(facecolor="none", edgecolor="#37474f", linestyle="--", label="เดือนที่รายงานว่าเลื่อนไป"))
    if any(r.deadline is not None for r in rows):
        handles.append(plt.Line2D([], [], marker="D", color="#37474f", linestyle="none", label="กำหนดแล้วเสร็จ"))
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02 if n > 3 else -0.1),
                  ncol=min(len(handles), 4), frameon=False, fontsize=9)
    if title:
        ax.set_title(title, pad=28, fontweight="bold")
    fig.tight_layout()
    return fig


def save_png(fig, path) -> None:
    """Write the figure as PNG atomically."""
    from ..atomic import atomic_path

    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110, bbox_inches="tight")


def _month_label(fy: FiscalYear, index: int) -> str:
    months = fy.months()
    if 1 <= index <= 12:
        y, m = months[index - 1]
        return month_abbr(m, y + 543)
    if index == 0:
        return month_abbr(9, fy.be - 1)
    return f"{month_abbr(10, fy.be)}"


def _runs(months: tuple[int, ...]):
    """(start, length) of consecutive month runs."""
    out = []
    for m in sorted(set(months)):
        if out and out[-1][0] + out[-1][1] == m:
            out[-1] = (out[-1][0], out[-1][1] + 1)
        else:
            out.append((m, 1))
    return out
