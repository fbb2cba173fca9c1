"""Charts of the community evaluation (Thai labels; call ``dswlib.notebook.setup()`` first).

Every function returns a matplotlib ``Figure``; synthetic data get a visible
note in the figure itself.
"""

from __future__ import annotations

from .household_colour import colour_hexes, colour_names
from .offices import office_label

SYNTHETIC_NOTE_TH = "ข้อมูลสังเคราะห์ (สาธิต) ไม่ใช่ผลจริง"


def _figure(width=8.0, height=4.2):
    from ..chartstyle import pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(width, height))
    return fig, ax


def _mark_synthetic(fig, ev):
    if ev.synthetic:
        fig.text(0.99, -0.01, SYNTHETIC_NOTE_TH, ha="right", va="top", fontsize=9, color="#b71c1c", style="italic")


def _label_bars(ax, bars):
    for bar in bars:
        height = bar.get_height()
        if height:
            ax.annotate(f"{int(height)}", (bar.get_x() + bar.get_width() / 2, height), ha="center", va="bottom", fontsize=9)


def score_distribution(ev):
    """Number of communities at each score 0-5 of criterion 5.1."""
    crit = ev.criteria.integration
    scores = [crit.below_lowest_score] + [lv.score for lv in crit.levels]
    labels = [f"ต่ำกว่าร้อยละ {crit.levels[0].min_percent}\n(คะแนน {crit.below_lowest_score})"] + [
        f"คะแนน {lv.score}\n(ร้อยละ {lv.min_percent} ขึ้นไป)" for lv in crit.levels
    ]
    counts = [int((ev.communities["score_5_1"] == s).sum()) for s in scores]
    fig, ax = _figure()
    bars = ax.bar(range(len(scores)), counts, color="#1565c0")
    _label_bars(ax, bars)
    ax.set_xticks(range(len(scores)), labels, fontsize=9)
    ax.set_ylabel("จำนวนชุมชน")
    ax.set_title(f"ระดับคะแนนเกณฑ์ {crit.code} ของชุมชนเป้าหมาย {len(ev.communities)} ชุมชน")
    ax.margins(y=0.15)
    _mark_synthetic(fig, ev)
    return fig


def integration_by_office(ev):
    """Each community's 5.1 percent, grouped by office, with the threshold lines."""
    df = ev.communities
    offices = sorted(df["office_no"].unique())
    fig, ax = _figure(9, 4.6)
    for i, office in enumerate(offices):
        values = [float(v) for v in df.loc[df["office_no"] == office, "integration_percent"]]
        xs = [i + (k - (len(values) - 1) / 2) * 0.06 for k in range(len(values))]
        ax.scatter(xs, values, s=22, color="#1565c0", zorder=3)
    levels = ev.criteria.integration.levels
    for lv in levels:
        ax.axhline(float(lv.min_percent), color="#9e9e9e", lw=0.8, ls="--", zorder=1)
    right = ax.twinx()
    right.set_ylim(ax.get_ylim())
    right.set_yticks([float(lv.min_percent) for lv in levels], [f"คะแนน {lv.score}" for lv in levels], fontsize=8)
    ax.set_xticks(range(len(offices)), [office_label(o) for o in offices], fontsize=9)
    ax.set_ylabel("ร้อยละความสำเร็จ (เกณฑ์ 5.1)")
    ax.set_title("ร้อยละความสำเร็จตามภารกิจหลัก/ยุทธศาสตร์ของกระทรวง พม. รายชุมชน จำแนกตาม สสว.")
    _mark_synthetic(fig, ev)
    return fig


def pmj_levels(ev):
    """Communities by success level reached (พมจ. template), 6- and 12-month rounds side by side."""
    df = ev.communities
    levels = list(range(0, 6))
    fig, ax = _figure()
    width = 0.38
    for shift, months, colour in ((-width / 2, 6, "#90caf9"), (width / 2, 12, "#1565c0")):
        counts = [int((df[f"pmj_level_{months}"] == lv).sum()) for lv in levels]
        bars = ax.bar([x + shift for x in levels], counts, width, label=f"รอบ {months} เดือน", color=colour)
        _label_bars(ax, bars)
    ax.set_xticks(levels, ["ยังไม่ถึงระดับ 1"] + [f"ระดับ {lv}" for lv in levels[1:]])
    ax.set_ylabel("จำนวนจังหวัด (ชุมชน)")
    ax.set_title("ระดับความสำเร็จตามแม่แบบตัวชี้วัดของ พมจ. (นับแบบสะสม)")
    ax.legend(frameon=False)
    ax.margins(y=0.15)
    _mark_synthetic(fig, ev)
    return fig


def household_colours_by_office(ev):
    """Stacked bars: studied households by colour, per office."""
    df = ev.communities
    scale = ev.criteria.household_colour
    names, hexes = colour_names(scale), colour_hexes(scale)
    keys = [c.key for c in scale.colours] + [scale.zero_failed.key]
    grouped = df.groupby("office_no")[keys].sum().sort_index()
    fig, ax = _figure(9, 4.6)
    left = [0] * len(grouped)
    ys = range(len(grouped))
    for key in keys:
        values = grouped[key].tolist()
        ax.barh(ys, values, left=left, color=hexes[key], label=names[key], edgecolor="white", linewidth=0.5)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(list(ys), [office_label(o) for o in grouped.index])
    ax.invert_yaxis()
    ax.set_xlabel("จำนวนครัวเรือน")
    ax.set_title("ครัวเรือนที่ศึกษาจำแนกตามจำนวนด้านที่ตกเกณฑ์ TP MAP (เขียว 1 / เหลือง 2-3 / แดง 4-5 ด้าน)")
    ax.legend(ncols=len(keys), loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    _mark_synthetic(fig, ev)
    return fig


def png_bytes(fig) -> bytes:
    """The figure as PNG bytes (independent of the matplotlib backend)."""
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def save_png(fig, path) -> None:
    """Write a figure to PNG atomically."""
    from ..atomic import write_bytes

    write_bytes(path, png_bytes(fig))
