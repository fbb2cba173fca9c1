"""Report charts (matplotlib, Thai labels). Each function returns a Figure."""

from __future__ import annotations

from typing import Sequence

LEVEL_COLORS = {50: "#f2b134", 75: "#4b9fd5", 100: "#2e7d32"}


def level_names(terms=None) -> dict:
    """``{50: "ขั้นต่ำ (50)", ...}`` in the year's terms (see :func:`dswlib.scoring.level_terms`)."""
    from .scoring import level_terms

    return {level: f"{name} ({level})" for level, name in zip((50, 75, 100), level_terms(terms))}


def _plt():
    from .chartstyle import pyplot

    return pyplot()


def result_vs_targets(name: str, result: float, targets: Sequence[float], unit: str = "", terms=None):
    """One bar for the result, vertical lines for the three target levels."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7.5, 2.2))
    ax.barh([0], [result], color="#5c6bc0", height=0.5, label="ผลการดำเนินงาน")
    ax.text(result, 0, f" {result:,.2f}", va="center", fontsize=10)
    for level, target in zip((50, 75, 100), targets):
        ax.axvline(target, color=LEVEL_COLORS[level], linestyle="--", linewidth=1.8, label=f"{level_names(terms)[level]} {target:,.2f}")
    top = max([result, *targets]) * 1.15
    ax.set_xlim(0, top)
    ax.set_yticks([])
    ax.set_xlabel(unit)
    ax.set_title(name, fontsize=11)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=4, fontsize=8, frameon=False)
    return fig


def trend(years: Sequence[int], values: Sequence[float], title: str, targets: Sequence[float] | None = None,
          unit: str = "", highlight: Sequence[int] = (), terms=None):
    """Results over fiscal years (B.E.), optionally with the latest year's target levels."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6.5, 3.2))
    ax.plot(list(years), list(values), marker="o", color="#3949ab", linewidth=2)
    for y, v in zip(years, values):
        ax.annotate(f"{v:,.2f}", (y, v), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=9)
    for y in highlight:
        ax.axvspan(y - 0.5, y + 0.5, color="#ffcdd2", alpha=0.4, linewidth=0)
    if targets:
        for level, target in zip((50, 75, 100), targets):
            ax.axhline(target, color=LEVEL_COLORS[level], linestyle="--", linewidth=1.2, label=f"{level_names(terms)[level]} {target:,.2f}")
        ax.legend(fontsize=8, loc="best")
    ax.set_xticks(list(years))
    ax.set_xticklabels([f"พ.ศ. {y}" for y in years])
    ax.set_ylabel(unit)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.margins(y=0.2)
    return fig


def unit_bars(labels: Sequence[str], values: Sequence[float], title: str, reference: float | None = None,
              reference_label: str = "", targets: Sequence[float] | None = None, xlabel: str = "ร้อยละ",
              terms=None):
    """Horizontal bars per unit (facility or province), sorted, tall enough for 77 rows."""
    plt = _plt()
    pairs = sorted(zip(labels, values), key=lambda p: (p[1] is None, p[1] if p[1] is not None else 0))
    labels = [p[0] for p in pairs]
    vals = [0 if p[1] is None else p[1] for p in pairs]
    height = max(2.5, 0.22 * len(labels) + 1.2)
    fig, ax = plt.subplots(figsize=(7.5, height))
    ax.barh(range(len(labels)), vals, color="#7986cb")
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=8 if len(labels) > 30 else 9)
    if reference is not None:
        ax.axvline(reference, color="#c62828", linewidth=1.5, label=reference_label or f"รวม {reference:,.2f}")
    if targets:
        for level, target in zip((50, 75, 100), targets):
            ax.axvline(target, color=LEVEL_COLORS[level], linestyle="--", linewidth=1.1, label=f"{level_names(terms)[level]} {target:,.2f}")
    if reference is not None or targets:
        ax.legend(fontsize=8, loc="lower right")
    ax.set_xlabel(xlabel)
    ax.set_title(title, fontsize=11)
    ax.grid(axis="x", alpha=0.3)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    return fig


def weighted_scores(ids: Sequence[str], weights: Sequence[float], weighted: Sequence[float], title: str):
    """Weighted score of each KPI against its weight (the maximum it can contribute)."""
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 3.2))
    x = range(len(ids))
    ax.bar(x, weights, color="#e0e0e0", label="น้ำหนัก (คะแนนเต็ม)")
    ax.bar(x, [w or 0 for w in weighted], color="#43a047", width=0.55, label="คะแนนถ่วงน้ำหนัก")
    ax.set_xticks(list(x))
    ax.set_xticklabels([f"ตัวชี้วัด {i}" for i in ids], fontsize=9)
    ax.set_title(title, fontsize=11)
    ax.legend(fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return fig


def series_panel(frame, title: str):
    """Small multiples: one line per series of ``params/series/kpi_results.csv`` over fiscal years."""
    plt = _plt()
    ids = list(dict.fromkeys(frame["series_id"]))
    cols = 3
    rows = (len(ids) + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(10, 2.8 * rows), squeeze=False)
    for ax, sid in zip(axes.flat, ids):
        part = frame[frame["series_id"] == sid].sort_values("fiscal_year")
        ax.plot(part["fiscal_year"], part["value"], marker="o", color="#3949ab")
        label = str(part["label_th"].iloc[-1]) if "label_th" in part else sid
        ax.set_title(label if len(label) <= 40 else label[:39] + "…", fontsize=9)
        ax.set_xticks(list(part["fiscal_year"]))
        ax.set_xticklabels([str(y) for y in part["fiscal_year"]], fontsize=8)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(ids):]:
        ax.axis("off")
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig
