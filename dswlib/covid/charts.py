"""Charts of the COVID section: before/during COVID per KPI, KPI 4 by province."""

from __future__ import annotations

from .impact import KpiImpact, baseline_label, level_names

BEFORE = "#9aa5b1"
FIRST_WAVE = "#e59866"
DURING = "#c0392b"
LEVEL_COLORS = ("#f2b134", "#4b9fd5", "#2e7d32")


def _plt():
    # No matplotlib.use() here: in a kernel the inline backend must stay active so
    # display(fig) emits a PNG (headless scripts fall back to Agg by themselves).
    from ..chartstyle import pyplot

    return pyplot()


def before_during_chart(series, impacts: list[KpiImpact], baseline_years, first_wave_years=(), terms=None):
    """One panel per KPI: yearly values up to the fiscal year, pre-COVID years grey, first-wave years
    orange, the later years red, the pre-COVID value (or mean) dotted and the target levels dashed."""
    plt = _plt()
    n = len(impacts)
    if n == 0:
        raise ValueError("no KPI of this fiscal year has a series to chart")
    cols = min(2, n)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(6.2 * cols, 3.6 * rows), squeeze=False)
    base = set(int(y) for y in baseline_years)
    wave = set(int(y) for y in first_wave_years) - base
    names = level_names(terms)
    for ax, impact in zip(axes.flat, impacts):
        data = series[(series["series_id"] == impact.series_id) & (series["fiscal_year"] <= impact.fiscal_year)]
        years = [int(y) for y in data["fiscal_year"]]
        values = [float(v) for v in data["value"]]
        colors = [BEFORE if y in base or y < min(base, default=impact.fiscal_year) else FIRST_WAVE if y in wave else DURING
                  for y in years]
        bars = ax.bar([str(y) for y in years], values, color=colors, width=0.6)
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:,.2f}", (bar.get_x() + bar.get_width() / 2, value), ha="center", va="bottom",
                        fontsize=9, xytext=(0, 2), textcoords="offset points")
        top = max(values)
        if impact.baseline_mean is not None:
            ax.axhline(float(impact.baseline_mean), color="#555", linestyle=":", linewidth=1.4,
                       label=f"{baseline_label(impact)} {float(impact.baseline_mean):,.2f}")
        if impact.targets:
            for i, (level, target) in enumerate(zip((50, 75, 100), impact.targets)):
                ax.axhline(float(target), color=LEVEL_COLORS[i], linestyle="--", linewidth=1.2,
                           label=f"{names[level]} {float(target):,.2f}")
                top = max(top, float(target))
        ax.set_ylim(0, top * 1.5)
        title = f"ตัวชี้วัดที่ {impact.kpi_id}"
        if impact.change_previous is not None:
            title += f" (เปลี่ยนจากปีก่อน {float(impact.change_previous):+,.2f})"
        ax.set_title(title, fontsize=11)
        ax.set_ylabel(impact.unit)
        ax.set_xlabel("ปีงบประมาณ")
        ax.legend(fontsize=7.5, loc="upper center", ncol=2, frameon=True, framealpha=0.9)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    legend = "สีเทา = ก่อนโควิด, สีส้ม = ปีระบาดระลอกแรก, สีแดง = ช่วงโควิด" if wave else "สีเทา = ก่อนโควิด, สีแดง = ช่วงโควิด"
    fig.suptitle(f"ผลการดำเนินงานก่อนและระหว่างการระบาดของโควิด 19 ({legend})", fontsize=12)
    fig.tight_layout()
    return fig


def province_chart(rows, *, national=None, previous=None, target=None, title: str = "", terms=None):
    """Horizontal bars of the per-province percentage (all provinces, highest first).

    ``rows`` has ``province_th``, ``users``, ``returned`` and ``percent`` (printed);
    ``national``/``previous``/``target`` draw reference lines (this year's
    national result, last year's, and the minimum target level).
    """
    plt = _plt()
    data = rows.copy()
    data["percent"] = data["percent"].astype(float)
    data = data.sort_values(["percent", "users"], ascending=[True, True]).reset_index(drop=True)
    height = max(6.0, 0.2 * len(data) + 1.5)
    fig, ax = plt.subplots(figsize=(8.5, height))
    colors = ["#c0392b" if national is not None and p < float(national) else "#2e86c1" for p in data["percent"]]
    labels = [f"{name} ({int(users):,})" for name, users in zip(data["province_th"], data["users"])]
    ax.barh(range(len(data)), data["percent"], color=colors, height=0.72)
    ax.set_yticks(range(len(data)))
    ax.set_yticklabels(labels, fontsize=7.5)
    for i, value in enumerate(data["percent"]):
        ax.text(value + 0.6, i, f"{value:.2f}", va="center", fontsize=6.5)
    if national is not None:
        ax.axvline(float(national), color="#333", linewidth=1.4, label=f"ทั้งประเทศปีนี้ {float(national):.2f}")
    if previous is not None:
        ax.axvline(float(previous), color="#7f8c8d", linestyle=":", linewidth=1.4, label=f"ทั้งประเทศปีก่อน {float(previous):.2f}")
    if target is not None:
        ax.axvline(float(target), color="#f2b134", linestyle="--", linewidth=1.4, label=f"เป้าหมาย{level_names(terms)[50].split(' (')[0]} {float(target):.2f}")
    ax.set_xlim(0, 110)
    ax.set_ylim(-0.8, len(data) - 0.2)
    ax.set_xlabel("ร้อยละที่กลับคืนสู่ครอบครัวหรือชุมชน (ในวงเล็บ = ผู้ใช้บริการ คน)")
    ax.set_title(title or "ผลตัวชี้วัดที่ 4 รายจังหวัด", fontsize=11)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    return fig
