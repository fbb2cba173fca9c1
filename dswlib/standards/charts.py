"""Charts of the standards pages (Thai labels, band colours). Each returns a
:class:`~dswlib.display.Figure` with Thai alt text."""

from __future__ import annotations

import math

from ..display import Figure
from .aggregate import Scores
from .rubric import Rubric
from .summary import OVERALL, YearSummary
from .wording import area_no

#: by grade-band position, best first
BAND_COLORS = {0: "#1a9850", 1: "#91cf60", 2: "#fee08b", 3: "#fc8d59", 4: "#d73027"}


def _edges(rubric: Rubric) -> list:
    """The grade bands' lower limits above zero, lowest first (3.00, 5.50, 7.00, 8.50 in the rubric)."""
    return [b.min for b in reversed(list(rubric.grade_bands)) if b.min > 0]


def _plt():
    from ..chartstyle import pyplot

    return pyplot()


def _band_index(rubric: Rubric, value) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    from decimal import Decimal

    from .aggregate import grade_band

    return list(rubric.grade_bands).index(grade_band(rubric, Decimal(str(value)).quantize(Decimal("0.01"))))


def wrap_th(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` characters at Thai word boundaries (pythainlp)."""
    from pythainlp.tokenize import word_tokenize

    lines, line = [], ""
    for word in word_tokenize(text, keep_whitespace=True):
        if line and len(line) + len(word) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return "\n".join(lines)


def area_chart(rubric: Rubric, scores: Scores, national: dict | None = None, regional: dict | None = None) -> Figure:
    """The office's 16 area scores (bars, band colours) with the national (◆) and regional (|) means."""
    plt = _plt()
    aggs = scores.areas
    labels = [wrap_th(f"{area_no(a.key)} {a.name_th.removeprefix('ด้าน')}", 58) for a in aggs]
    # a row as tall as its label: long area names (up to 3 lines) never overlap their neighbours
    rows = [max(1.0, 0.62 * (1 + lab.count(chr(10)))) for lab in labels]
    y, top = [], 0.0
    for h in rows:
        y.append(-(top + h / 2))
        top += h
    fig, ax = plt.subplots(figsize=(10.5, 0.3 * top + 1.4))
    values = [float(a.mean_2dp) if a.mean_2dp is not None else 0.0 for a in aggs]
    colors = [BAND_COLORS.get(_band_index(rubric, v) if a.mean_2dp is not None else None, "#bbbbbb")
              for a, v in zip(aggs, values)]
    ax.barh(y, values, color=colors, edgecolor="#555555", linewidth=0.4, height=0.7, label="คะแนนของสำนักงาน")
    ax.set_ylim(-top - 0.2, 0.2)
    for yy, a, v in zip(y, aggs, values):
        ax.text(10.9, yy, f"{v:.2f}" if a.mean_2dp is not None else "คำนวณไม่ได้", va="center", ha="right", fontsize=9)
    if national:
        ax.scatter([float(national[a.key][0]) for a in aggs], y, marker="D", color="#1f3b73", s=22, zorder=3,
                   label="ค่าเฉลี่ยทั้งประเทศ")
    if regional:
        pts = [(float(regional[a.key][0]), yy) for a, yy in zip(aggs, y) if regional[a.key][0] is not None]
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], marker="|", color="#000000", s=160, linewidths=2,
                   zorder=3, label="ค่าเฉลี่ยของ สสว. เดียวกัน")
    for limit in _edges(rubric):
        ax.axvline(float(limit), color="#777777", linestyle=":", linewidth=0.8)
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=8.5, linespacing=1.05)
    ax.set_xlim(0, 11)
    ax.set_xlabel("คะแนนเฉลี่ยของด้าน (เต็ม 10) เส้นประ = ขอบของระดับคะแนน " + ", ".join(map(str, _edges(rubric))))
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=9, frameon=False)
    fig.tight_layout()
    return Figure.from_matplotlib(
        fig, alt="แผนภูมิแท่งคะแนนเฉลี่ยรายด้าน 16 ด้านของมิติที่ 2-4 ของสำนักงาน สีตามระดับคะแนน "
                 "พร้อมค่าเฉลี่ยทั้งประเทศและค่าเฉลี่ยของ สสว. เดียวกัน")


def band_distribution_chart(rubric: Rubric, frame) -> Figure:
    plt = _plt()
    bands = [b.label_th for b in rubric.grade_bands]
    df = frame[frame["ผลการปฏิบัติ"].isin(bands)]
    fig, ax = plt.subplots(figsize=(9, 3.8))
    cols = ["มิติที่ 2", "มิติที่ 3", "มิติที่ 4", "ภาพรวม"]
    left = [0] * len(cols)
    for i, (_, row) in enumerate(df.iterrows()):
        vals = [int(row[c]) for c in cols]
        ax.barh(cols[::-1], vals[::-1], left=left[::-1], color=BAND_COLORS[i], label=row["ผลการปฏิบัติ"],
                edgecolor="white")
        for c, v, lft in zip(cols[::-1], vals[::-1], left[::-1]):
            if v >= 3:
                ax.text(lft + v / 2, c, str(v), ha="center", va="center", fontsize=9)
        left = [a + b for a, b in zip(left, vals)]
    ax.set_xlabel("จำนวนสำนักงาน")
    ax.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    fig.tight_layout()
    return Figure.from_matplotlib(fig, alt="แผนภูมิแท่งซ้อนจำนวนสำนักงานในแต่ละระดับคะแนน รายมิติและภาพรวม")


def region_chart(summary: YearSummary) -> Figure:
    """Overall mean of each สสว. region beside the national mean."""
    plt = _plt()
    regions = sorted(int(r) for r in summary.offices["region"].dropna().unique())
    national = summary.means()[OVERALL][0]
    values = [summary.means(r)[OVERALL][0] for r in regions]
    fig, ax = plt.subplots(figsize=(9, 3.6))
    x = list(range(len(regions)))
    ax.bar(x, [float(v) if v is not None else 0 for v in values], color="#4b7bb5")
    for xx, v in zip(x, values):
        if v is not None:
            ax.text(xx, float(v) - 0.25, f"{v:.2f}", ha="center", va="top", fontsize=9, color="white")
    if national is not None:
        ax.axhline(float(national), color="#d73027", linestyle="--", linewidth=1.2,
                   label=f"ค่าเฉลี่ยทั้งประเทศ {national:.2f}")
        ax.legend(fontsize=9, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.set_xticks(x)
    ax.set_xticklabels([f"สสว.{r}" for r in regions], fontsize=9)
    ax.set_ylim(0, 10.5)
    ax.set_ylabel("คะแนนภาพรวมเฉลี่ย (เต็ม 10)")
    fig.tight_layout()
    return Figure.from_matplotlib(fig, alt="แผนภูมิแท่งคะแนนภาพรวมเฉลี่ยของแต่ละ สสว. เทียบค่าเฉลี่ยทั้งประเทศ")


def area_heatmap(rubric: Rubric, provinces, summary: YearSummary) -> Figure:
    """Offices (rows, by overall score) × the 16 areas (columns, numbered as in the area table)."""
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap

    plt = _plt()
    names = {p.code: p.name_th for p in provinces}
    ranked = summary.ranked.assign(_name=[names[c] for c in summary.ranked.index])
    ranked = ranked.sort_values([OVERALL, "_name"], ascending=[False, True], kind="stable")
    keys = [k for k in summary.score_columns if "." in k]
    grid = ranked[keys].to_numpy(dtype=float)
    ascending = list(reversed(list(rubric.grade_bands)))
    cmap = ListedColormap([BAND_COLORS[k] for k in reversed(range(len(ascending)))]).with_extremes(bad="#dddddd")
    # a printed 2-decimal score belongs to the band whose lower limit it reaches
    bounds = [0.0, *(float(e) - 0.005 for e in _edges(rubric)), 10.0]
    norm = BoundaryNorm(bounds, cmap.N)
    fig, ax = plt.subplots(figsize=(9.5, 0.23 * len(ranked) + 2.2))
    im = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
    ax.set_yticks(range(len(ranked)))
    ax.set_yticklabels([f"{n} ({v:.2f})" for n, v in zip(ranked["_name"], ranked[OVERALL])], fontsize=8.5)
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels([f"ด้าน {area_no(k)}" for k in keys], fontsize=8.5, rotation=90)
    ax.tick_params(axis="x", top=True, labeltop=True, bottom=True, labelbottom=True)
    cbar = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02, ticks=[(a + b) / 2 for a, b in zip(bounds, bounds[1:])])
    cbar.ax.set_yticklabels([f"ต่ำกว่า {ascending[1].min}"] + [f"{b.min}-{b.max}" for b in ascending[1:]], fontsize=9)
    fig.tight_layout()
    return Figure.from_matplotlib(fig, alt="แผนภาพสีคะแนนเฉลี่ยรายด้าน 16 ด้านของทุกสำนักงาน "
                                           "เรียงตามคะแนนภาพรวม สีตามระดับคะแนน")
