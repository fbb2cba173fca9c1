"""The Gantt chart: Thai labels, bars where months are planned, hatched rows where unknown."""

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from dswlib.roadmap import load_plan  # noqa: E402
from dswlib.roadmap.gantt import STATUS_COLOURS, gantt_figure, gantt_rows, save_png, shorten  # noqa: E402
from dswlib.roadmap.vocab import Status  # noqa: E402
from dswlib.thaifont import use_in_matplotlib  # noqa: E402

PARAMS = Path(__file__).resolve().parents[1] / "params"


@pytest.fixture(scope="module")
def plan69():
    use_in_matplotlib()
    return load_plan(2569, PARAMS)


def test_gantt_thai_labels_and_bars(plan69, tmp_path):
    project = plan69.project("five_year_plan")
    rows = gantt_rows(plan69, [project], 6)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = gantt_figure(rows, 2569, 6, title="แผนภูมิแกนต์ ปีงบประมาณ พ.ศ. 2569")
        save_png(fig, tmp_path / "g.png")
    assert not [w for w in caught if "missing from" in str(w.message)], "a Thai glyph is missing from the font"
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "ต.ค. 68", "พ.ย. 68", "ธ.ค. 68", "ม.ค. 69", "ก.พ. 69", "มี.ค. 69",
        "เม.ย. 69", "พ.ค. 69", "มิ.ย. 69", "ก.ค. 69", "ส.ค. 69", "ก.ย. 69"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("จัดทำแผนปฏิบัติการระยะ 5 ปี") and labels[3].startswith("3. รับฟังความเห็น")
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_y() > 0 and p.get_facecolor()[3] == 1]
    red = matplotlib.colors.to_rgba(STATUS_COLOURS[Status.LATE])
    late_bars = [b for b in bars if b.get_facecolor() == red]
    assert sorted(round(b.get_x() + 0.45) for b in late_bars) == [4, 5]  # ม.ค., ก.พ.
    assert (tmp_path / "g.png").stat().st_size > 5000
    assert "Sarabun" in matplotlib.rcParams["font.family"][0]
    plt.close(fig)


def test_unknown_months_get_a_band_not_a_bar(plan69):
    rows = gantt_rows(plan69, [plan69.project("enterprise_architecture")], 6)
    assert [r.months for r in rows if not r.header] == [None] * 4
    fig = gantt_figure(rows, 2569, 6)
    hatched = [p for p in fig.axes[0].patches if p.get_hatch()]
    assert len(hatched) == 4
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "ไม่ทราบเดือนตามแผน" in legend and "สิ้นสุดรอบ 6 เดือน" in legend
    plt.close(fig)


def test_plan_only_chart_reaches_outside_the_year():
    plan = load_plan(2566, PARAMS)
    rows = gantt_rows(plan, [plan.project("kpi5_welfare_alerts")], None)
    assert all(r.status is None for r in rows)
    fig = gantt_figure(rows, 2566, 6)
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[0] == "ก.ย. 65" and ticks[-1] == "ต.ค. 66" and len(ticks) == 14
    plt.close(fig)


@pytest.mark.parametrize("text", ["ขับเคลื่อนกลไกคณะกรรมการศูนย์ส่งเสริมการจัดสวัสดิการสังคม", "ที่ี่ี่ี่ี่ี่ี่ี่ี่ี่ี่"])
def test_shorten_never_splits_a_mark(text):
    for limit in range(3, len(text)):
        out = shorten(text, limit)
        assert len(out) <= limit
        body = out.rstrip("…")
        assert text.startswith(body)
        nxt = text[len(body):len(body) + 1]
        assert nxt == "" or not ("\u0e31" == nxt or "\u0e34" <= nxt <= "\u0e3a" or "\u0e47" <= nxt <= "\u0e4e")
