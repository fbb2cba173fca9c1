"""Small inline SVG charts drawn on the server (the page runs no script and loads nothing).

Every text put into an SVG is escaped; numbers are formatted in Thai style.
"""

from __future__ import annotations

from ..htmlparts import esc
from .formatting import num

#: where the three targets (50 / 75 / 100) stand on a KPI's bar: evenly spaced, so the
#: position of a result between them reads at a glance whatever the KPI's unit
TARGET_X = (0.40, 0.60, 0.80)
LEVEL_COLORS = {0: "#d73027", 50: "#f08a4b", 75: "#66bd63", 100: "#1a9850", None: "#9e9e9e"}
ZONE_COLORS = ("#fde3df", "#fff1cc", "#e3f2d9", "#c8e6c0")


def _position(value: float, targets, direction: str) -> float:
    """0..1 on the bar: piecewise linear through the targets at :data:`TARGET_X` (better to the right)."""
    sign = -1.0 if direction == "lower" else 1.0
    v = sign * float(value)
    t = [sign * float(x) for x in targets]
    gap = (t[2] - t[0]) or abs(t[0]) or 1.0
    lo = 0.0 if direction != "lower" and t[0] > 0 and v >= 0 else min(t[0] - 2 * gap, v)  # 0 for counts and shares
    hi = t[2] + gap
    stops = [(lo, 0.0), (t[0], TARGET_X[0]), (t[1], TARGET_X[1]), (t[2], TARGET_X[2]), (hi, 1.0)]
    if v <= lo:
        return 0.0
    for (a, xa), (b, xb) in zip(stops, stops[1:]):
        if v <= b:
            return xa if b == a else xa + (xb - xa) * (v - a) / (b - a)
    return 1.0


def _svg(width: int, height: int, label: str, body: str, css_class: str) -> str:
    return (f'<svg class="{css_class}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
            f"{body}</svg>")


def kpi_target_chart(kpi: dict, terms) -> str:
    """A KPI's result (bar) against its three targets (lines named in the year's terms)."""
    w, h, top, bar_h = 222, 40, 6, 15
    inner = w - 2
    x0 = 1
    parts = []
    edges = [0.0, *TARGET_X, 1.0]
    for (a, b), color in zip(zip(edges, edges[1:]), ZONE_COLORS):
        parts.append(f'<rect x="{x0 + a * inner:.1f}" y="{top}" width="{(b - a) * inner:.1f}" height="{bar_h}" '
                     f'fill="{color}"/>')
    level = kpi.get("level_reached")
    if kpi["kind"] == "milestone":
        pos = None if level is None else ({0: 0.06, 50: TARGET_X[0], 75: TARGET_X[1], 100: TARGET_X[2]}[level])
        label = f"ระดับที่ผ่าน: {kpi.get('level_th')}"
    elif kpi.get("targets"):
        targets, result = kpi["targets"], kpi.get("result")
        pos = None if result is None else _position(result, targets, kpi.get("direction") or "higher")
        label = (f"ผล {num(result)} เทียบเป้าหมาย " if result is not None else "เป้าหมาย ") + " ".join(
            f"{t} {num(v)}" for t, v in zip(terms, targets))
    else:
        pos, label = None, "ไม่มีค่าเป้าหมาย"
    if pos is not None:
        parts.append(f'<rect x="{x0}" y="{top + 4}" width="{max(pos * inner, 2):.1f}" height="{bar_h - 8}" '
                     f'fill="{LEVEL_COLORS.get(level, LEVEL_COLORS[None])}"/>')
        parts.append(f'<rect x="{x0 + pos * inner - 1.5:.1f}" y="{top}" width="3" height="{bar_h}" fill="#1b1b1b"/>')
    for x, term in zip(TARGET_X, terms):
        parts.append(f'<line x1="{x0 + x * inner:.1f}" y1="{top - 3}" x2="{x0 + x * inner:.1f}" y2="{top + bar_h + 3}" '
                     'stroke="#444" stroke-width="1" stroke-dasharray="2 1.5"/>')
        parts.append(f'<text x="{x0 + x * inner:.1f}" y="{h - 3}" font-size="10" text-anchor="middle" fill="#444">'
                     f"{esc(term)}</text>")
    return _svg(w, h, label, "".join(parts), "dsw-kpi-chart")


def total_chart(total, terms, level_scores=(50, 75, 100)) -> str:
    """The year's weighted total on 0-100 with the three level cut-offs."""
    w, h, top, bar_h = 560, 50, 8, 20
    inner = w - 2
    parts = [f'<rect x="1" y="{top}" width="{inner}" height="{bar_h}" fill="#eef1f4"/>']
    level = None
    if total is not None:
        value = max(0.0, min(float(total), 100.0))
        level = max((s for s in level_scores if value >= s), default=0)
        parts.append(f'<rect x="1" y="{top}" width="{value / 100 * inner:.1f}" height="{bar_h}" '
                     f'fill="{LEVEL_COLORS[level]}"/>')
    for score, term in zip(level_scores, terms):
        x = 1 + score / 100 * inner
        anchor = "end" if score == 100 else "middle"
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + bar_h + 4}" stroke="#333" '
                     'stroke-width="1.2" stroke-dasharray="3 2"/>')
        parts.append(f'<text x="{x:.1f}" y="{h - 3}" font-size="12" text-anchor="{anchor}" fill="#333">'
                     f"{esc(term)} ({score})</text>")
    label = "คะแนนรวม " + (num(total) if total is not None else "ยังไม่มี") + " จาก 100"
    return _svg(w, h, label, "".join(parts), "dsw-total-chart")


def share_bar(value, maximum, color: str = "#3a6ea5") -> str:
    """``value`` out of ``maximum`` as a thin bar (a component's weighted score against its weight)."""
    w, h = 220, 14
    parts = [f'<rect x="0" y="2" width="{w}" height="{h - 4}" fill="#eef1f4"/>']
    if value is not None and maximum:
        share = max(0.0, min(float(value) / float(maximum), 1.0))
        parts.append(f'<rect x="0" y="2" width="{share * w:.1f}" height="{h - 4}" fill="{color}"/>')
    label = f"{num(value)} จาก {num(maximum)}"
    return _svg(w, h, label, "".join(parts), "dsw-share-bar")


def band_chart(bands: list[dict], not_banded: list[dict]) -> str:
    """The provinces by grade band (best first) as one stacked bar, counts written in the segments."""
    segments = [(b["label"], b["count"], b["color"]) for b in bands]
    segments += [(n["label"], n["count"], "#bdbdbd") for n in not_banded]
    total = sum(c for _, c, _ in segments) or 1
    w, h = 760, 34
    x, parts = 0.0, []
    for label, count, color in segments:
        if not count:
            continue
        width = count / total * w
        parts.append(f'<rect x="{x:.1f}" y="2" width="{width:.1f}" height="{h - 4}" fill="{color}" stroke="#fff" '
                     f'stroke-width="1"><title>{esc(label)}: {count} จังหวัด</title></rect>')
        if width >= 22:
            parts.append(f'<text x="{x + width / 2:.1f}" y="{h / 2 + 5:.1f}" font-size="14" text-anchor="middle" '
                         f'fill="#111">{count}</text>')
        x += width
    label = "จำนวนจังหวัดตามผลการปฏิบัติ: " + ", ".join(f"{lab} {c}" for lab, c, _ in segments)
    return _svg(w, h, label, "".join(parts), "dsw-band-chart")
