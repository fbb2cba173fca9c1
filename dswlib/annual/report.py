"""Pieces of the annual report: each method returns HTML (escaped) or a DataFrame, or displays a KPI page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalog import Catalog, Kpi, load_catalog, year_dir
from ..fiscal import FiscalYear
from ..htmlparts import esc, html_list
from ..scorecard import Scorecard, load_scorecard
from ..thainum import format_change, format_number, percent, round_half_up

def _ul(items) -> str:
    return html_list(items, empty="-")


def narrative_list_html(items, ordered: bool = True) -> str:
    """Narrative items (each escaped) with their sub-points as a nested list; "-" when there are none."""
    if not items:
        return "<p>-</p>"
    tag = "ol" if ordered else "ul"
    lis = []
    for item in items:
        sub = "".join(f"<li>{esc(s)}</li>" for s in item.items_th)
        lis.append(f"<li>{esc(item.th)}" + (f"<ul>{sub}</ul>" if sub else "") + "</li>")
    return f"<{tag}>{''.join(lis)}</{tag}>"


def _anchor(kpi_id: str) -> str:
    return "kpi-" + kpi_id.replace(".", "-")


def format_value(kpi: Kpi, value) -> str:
    if value is None:
        return "-"
    if kpi.unit == "ร้อยละ":
        return "ร้อยละ " + format_number(value, 2)
    return format_number(value, 2) + (f" {kpi.unit}" if kpi.unit else "")


def format_ratio(numerator, denominator, unit_word: str = "คน") -> str:
    if numerator is None or denominator is None:
        return ""
    return f"({format_number(numerator, 0)}/{format_number(denominator, 0)} {unit_word})"


@dataclass
class AnnualReport:
    fiscal_year: int
    round: int
    params_dir: Path
    catalog: Catalog
    scorecard: Scorecard
    strategy: dict | None

    @classmethod
    def load(cls, fiscal_year, round=12, params_dir="params"):
        from ..paths import resolve_params_dir
        from ..yamlio import load_yaml

        params = resolve_params_dir(params_dir)
        if int(round) not in (6, 12):
            raise ValueError(f"round must be 6 or 12, got {round}")
        catalog = load_catalog(params, fiscal_year)
        card = load_scorecard(params, fiscal_year)
        strategy_path = year_dir(params, fiscal_year) / "strategy.yaml"
        strategy = load_yaml(strategy_path) if strategy_path.exists() else None
        return cls(catalog.fiscal_year, int(round), params, catalog, card, strategy)

    # ------------------------------------------------------------------ front matter
    @property
    def fy(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    def cover_html(self) -> str:
        c = self.catalog
        draft = "<p><strong>(ร่าง)</strong></p>" if c.draft else ""
        return (
            "<div class='dsw-cover'>"
            f"<p style='font-size:1.2em'>{esc(c.agency_th)}</p>"
            f"<h1>{esc(c.title_th)}</h1>{draft}"
            f"<p>{esc(self.fy.round_label(self.round))}</p>"
            f"<p>{esc(self.fy.period_label())}</p>"
            + (f"<p>{esc(c.issuer_th)} {esc(c.agency_th)}</p>" if c.issuer_th else "")
            + "</div><!-- dsw:toc -->"
        )

    def foreword_html(self) -> str:
        c = self.catalog
        weights = " และ ".join(f"{esc(comp.name_th)} น้ำหนักร้อยละ {format_number(comp.weight, 0)}" for comp in c.components)
        parts = [f"<p>รายงานฉบับนี้แสดงผลการดำเนินงานตามตัวชี้วัดของ{esc(c.agency_th)} ประจำ{esc(self.fy.title())} "
                 f"ตามกรอบการประเมิน {len(c.components)} องค์ประกอบ ได้แก่ {weights}</p>"]
        if c.scoring_note_th:
            parts.append(f"<p class='dsw-note'>{esc(c.scoring_note_th)}</p>")
        parts.append(f"<p>เกณฑ์การคำนวณคะแนนที่ใช้: {esc(self.scorecard.rule.describe_th(self.catalog.terms))} "
                     "(เอกสารต้นฉบับไม่ได้กำหนดวิธีคำนวณคะแนนระหว่างระดับเป้าหมาย จึงระบุไว้ที่นี่)</p>")
        rounds = {k.result.round or 12 for k in c.kpis if k.result is not None}  # seed results are 12-month
        if self.round == 6 and 12 in rounds:
            parts.append("<p class='dsw-note'>ข้อมูลผลการดำเนินงานใน params ของปีนี้เป็นผลรอบ 12 เดือน "
                         "รายงานรอบ 6 เดือนจึงแสดงผลเดียวกัน</p>")
        elif self.round == 12 and 6 in rounds:
            parts.append("<p class='dsw-note'>ผลการดำเนินงาน" + ("ของบางตัวชี้วัด" if 12 in rounds else "")
                         + "ที่บันทึกไว้ของปีนี้เป็นผลรอบ 6 เดือน (ยังไม่มีผลรอบ 12 เดือน)</p>")
        return "".join(parts)

    def strategy_html(self) -> str:
        s = self.strategy
        if not s:
            return "<p>ไม่มีข้อมูลแผนผังความเชื่อมโยงใน params</p>"
        rows = "".join(
            f"<tr><th style='width:28%'>{esc(b['label_th'])}</th><td>{_ul(b['items_th'])}</td></tr>" for b in s.get("bands", [])
        )
        groups = []
        for comp in self.catalog.components:
            kpis = "".join(
                f"<li>{esc(k.id)} {esc(_name_with_tag(k))} (น้ำหนัก {format_number(k.weight, 0)})</li>"
                for k in self.catalog.kpis if k.component == comp.id
            )
            groups.append(f"<li>{esc(comp.name_th)} ร้อยละ {format_number(comp.weight, 0)}<ul>{kpis}</ul></li>")
        rows += f"<tr><th>ตัวชี้วัดระดับกรม</th><td><ul>{''.join(groups)}</ul></td></tr>"
        note = f"<p class='dsw-note'>{esc(s['note_th'])}</p>" if s.get("note_th") else ""
        return f"<table>{rows}</table>{note}"

    def kpi_table(self):
        """KPI list with strategic linkage and weights (sub-weights in parentheses)."""
        import pandas as pd

        linkage = (self.strategy or {}).get("kpi_linkage", {})
        rows = []
        for comp in self.catalog.components:
            rows.append({"ตัวชี้วัด": comp.name_th, "ความเชื่อมโยงกับยุทธศาสตร์ชาติ / แผนแม่บท / แผน 12 / นโยบายรัฐบาล": "",
                         "น้ำหนัก (ร้อยละ)": format_number(comp.weight, 0)})
            for k in self.catalog.kpis:
                if k.component != comp.id:
                    continue
                weight = format_number(k.weight, 0)
                rows.append({
                    "ตัวชี้วัด": f"{k.id} {_name_with_tag(k)}",
                    "ความเชื่อมโยงกับยุทธศาสตร์ชาติ / แผนแม่บท / แผน 12 / นโยบายรัฐบาล": "; ".join(linkage.get(k.id, {}).get("items_th", [])),
                    "น้ำหนัก (ร้อยละ)": f"({weight})" if k.parent else weight,
                })
        rows.append({"ตัวชี้วัด": "รวม", "ความเชื่อมโยงกับยุทธศาสตร์ชาติ / แผนแม่บท / แผน 12 / นโยบายรัฐบาล": "",
                     "น้ำหนัก (ร้อยละ)": format_number(sum(c.weight for c in self.catalog.components), 0)})
        return pd.DataFrame(rows)

    # ------------------------------------------------------------------ KPI pages
    def result_kpis(self) -> list[Kpi]:
        """KPIs that get a page (composites get a divider heading inside their first child's page)."""
        return [k for k in self.catalog.kpis if k.kind != "composite"]

    def kpi_heading_html(self, kpi: Kpi) -> str:
        parent = ""
        if kpi.parent:
            p = self.catalog.kpi(kpi.parent)
            parent = f"<p>ตัวชี้วัดที่ {esc(p.id)} {esc(p.name_th)} (น้ำหนัก {format_number(p.weight, 0)})</p>"
        comp = self.catalog.component(kpi.component)
        return (
            f"<h3 id='{_anchor(kpi.id)}'>ตัวชี้วัดที่ {esc(kpi.id)} {esc(kpi.name_th)}</h3>{parent}"
            f"<p>{esc(comp.name_th)} · น้ำหนักร้อยละ {format_number(kpi.weight, 0)}"
            + (f" · {esc(kpi.tag)}" if kpi.tag else "") + f" · {esc(self.fy.round_label(self.round))}</p>"
        )

    def description_html(self, kpi: Kpi) -> str:
        n = kpi.narrative
        out = ["<h4>คำอธิบาย</h4>"]
        if n.scope_th:
            out.append(f"<p>ขอบเขตการประเมิน: {esc(n.scope_th)}</p>")
        out.append(narrative_list_html(n.description_th, ordered=False) if n.description_th else "")
        if kpi.formula is not None:
            f = kpi.formula
            out.append(
                "<h4>สูตรการคำนวณ</h4><table><tr><td style='text-align:center;border-bottom:2px solid #333'>"
                f"{esc(f.numerator_th)}</td><td rowspan='2'>× {f.multiplier}</td></tr>"
                f"<tr><td style='text-align:center'>{esc(f.denominator_th)}</td></tr></table>"
                + (f"<p class='dsw-note'>{esc(f.note_th)}</p>" if f.note_th else "")
            )
        return "".join(out)

    def targets_frame(self, kpi: Kpi):
        import pandas as pd

        if kpi.kind == "milestone":
            cells = ["; ".join(kpi.criteria_th[level]) for level in (50, 75, 100)]
        elif kpi.targets is None:
            cells = ["ยังไม่กำหนด"] * 3
        else:
            cells = [format_value(kpi, t) for t in kpi.targets]
        headers = kpi.target_labels_th or self.catalog.level_headers_th()
        return pd.DataFrame([[f"{kpi.id} {kpi.name_th}", *cells]], columns=["ตัวชี้วัด", *headers])

    def result_html(self, kpi: Kpi) -> str:
        row = self.scorecard.row(kpi.id)
        r = kpi.result
        if r is None:
            return "<h4>ผลการดำเนินงาน</h4><p>ยังไม่มีผลการดำเนินงานใน params</p>"
        out = ["<h4>ผลการดำเนินงาน</h4>"]
        if kpi.kind == "milestone":
            out.append(_ul(r.items_th))
            rows = []
            for level in (50, 75, 100):
                flags = r.criteria_met.get(level, [])
                for text, ok in zip(kpi.criteria_th[level], flags):
                    rows.append(f"<tr><td>{level}</td><td>{esc(text)}</td><td>{'บรรลุ' if ok else 'ยังไม่บรรลุ'}</td></tr>")
            out.append("<table><thead><tr><th>ระดับ</th><th>เกณฑ์</th><th>ผล</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")
        else:
            text = format_value(kpi, r.value)
            ratio = format_ratio(r.numerator, r.denominator)
            out.append(f"<p><strong>{esc(text)}</strong> {esc(ratio)}" + (f" (ข้อมูล ณ วันที่ {esc(r.as_of)})" if r.as_of else "") + "</p>")
            if r.numerator is not None and r.denominator:
                out.append(f"<p>คำนวณซ้ำจากตัวตั้งและตัวหาร: {format_number(r.numerator, 0)} ÷ {format_number(r.denominator, 0)} × 100 = "
                           f"{format_number(percent(r.numerator, r.denominator), 2)}</p>")
        level = row.level_label_th
        score = "-" if row.score is None else format_number(row.score, 2)
        out.append(f"<p>ระดับที่บรรลุ: <strong>{esc(level)}</strong> · คะแนน {score} · คะแนนถ่วงน้ำหนัก "
                   f"{'-' if row.weighted is None else format_number(row.weighted, 4)}</p>")
        if r.source:
            out.append(f"<p style='color:#666;font-size:.85em'>ที่มา: เอกสาร {esc(r.source)}</p>")
        return "".join(out)

    def history_frame(self, kpi: Kpi):
        """Results of previous years with the change in percentage points (computed and printed)."""
        import pandas as pd

        if not kpi.history:
            return None
        rows = []
        prev = None
        for p in kpi.history:
            change = None if prev is None or p.value is None or prev.value is None else round_half_up(p.value - prev.value)
            rows.append({
                "ปีงบประมาณ": f"พ.ศ. {p.fiscal_year}",
                "ผลการดำเนินงาน": format_value(kpi, p.value) + (" " + format_ratio(p.numerator, p.denominator) if p.numerator is not None else ""),
                "การเปลี่ยนแปลง (จุดร้อยละ)": "-" if change is None else format_change(change),
                "การเปลี่ยนแปลงที่พิมพ์ในต้นฉบับ": p.change_printed or "-",
                "ที่มา": p.source,
            })
            prev = p
        return pd.DataFrame(rows)

    def result_chart(self, kpi: Kpi):
        from ..charts import result_vs_targets

        if not kpi.is_numeric or kpi.result_value is None:
            return None
        return result_vs_targets(f"ตัวชี้วัดที่ {kpi.id}: ผลการดำเนินงานเทียบเป้าหมาย 3 ระดับ", kpi.result_value, kpi.targets, kpi.unit,
                                 terms=self.catalog.terms)

    def trend_chart(self, kpi: Kpi):
        from ..charts import trend

        points = [p for p in kpi.history if p.value is not None]
        if len(points) < 2:
            return None
        return trend([p.fiscal_year for p in points], [p.value for p in points],
                     f"ตัวชี้วัดที่ {kpi.id}: ผลการดำเนินงานย้อนหลัง", kpi.targets if kpi.is_numeric else None, kpi.unit,
                     terms=self.catalog.terms)

    def units_frame(self, kpi: Kpi):
        """Per-unit table as printed, with the recomputed percentage next to it."""
        import pandas as pd

        from ..units import awaiting_figures, load_units_table, with_percent

        if kpi.units_table is None or awaiting_figures(self.params_dir, self.fiscal_year, kpi):
            return None
        table = load_units_table(self.params_dir, self.fiscal_year, kpi)
        spec = table.spec
        if spec.kind == "pmqa":
            frame = table.printed.drop(columns=[c for c in ("source",) if c in table.printed.columns])
            return frame.rename(columns={
                "category_th": "หมวด", "self_assessment_score": "ผลการประเมินตนเองจากหน่วยงาน",
                "assessor_score": "ผลการประเมินจากผู้ตรวจ", "all_agency_average_score": "ค่าเฉลี่ยของหน่วยงานที่ประเมินทั้งหมด",
            })
        rows = with_percent(table)
        out = pd.DataFrame({
            "ที่": rows.get("row_no", pd.Series(range(1, len(rows) + 1))).astype(str),
            spec.unit_label_th: rows[spec.unit],
            _label(spec.denominator): [format_number(v, 0) for v in rows[spec.denominator]],
            _label(spec.numerator): [format_number(v, 0) for v in rows[spec.numerator]],
            **{_label(p): [format_number(v, 0) for v in rows[p]] for p in spec.parts},
            "ร้อยละ (คำนวณ)": [format_number(v, 2) if v is not None else "-" for v in rows["computed_percent"]],
        })
        if spec.percent:
            out["ร้อยละ (ที่พิมพ์)"] = [v for v, is_total in zip(table.printed[spec.percent], table.total_mask) if not is_total]
        if table.total is not None:
            t = table.total
            total = {"ที่": "รวม", spec.unit_label_th: "",
                     _label(spec.denominator): format_number(t[spec.denominator], 0),
                     _label(spec.numerator): format_number(t[spec.numerator], 0),
                     **{_label(p): format_number(t[p], 0) for p in spec.parts},
                     "ร้อยละ (คำนวณ)": format_number(percent(t[spec.numerator], t[spec.denominator]), 2)}
            if spec.percent:
                total["ร้อยละ (ที่พิมพ์)"] = format_number(t[spec.percent], 2)
            out = pd.concat([out, pd.DataFrame([total])], ignore_index=True)
        return out

    def units_chart(self, kpi: Kpi):
        from ..charts import unit_bars
        from ..units import awaiting_figures, load_units_table, with_percent

        if kpi.units_table is None or kpi.units_table.kind != "ratio" or awaiting_figures(self.params_dir, self.fiscal_year, kpi):
            return None
        table = load_units_table(self.params_dir, self.fiscal_year, kpi)
        rows = with_percent(table)
        ref = None
        if table.total is not None:
            ref = float(percent(table.total[table.spec.numerator], table.total[table.spec.denominator]))
        labels = [_short_unit(u) for u in rows[table.spec.unit]]
        return unit_bars(labels, rows["computed_percent"].tolist(), f"ตัวชี้วัดที่ {kpi.id}: ร้อยละราย{table.spec.unit_label_th}",
                         reference=ref, reference_label=f"ภาพรวม {ref:,.2f}" if ref is not None else "", targets=kpi.targets,
                         terms=self.catalog.terms)

    def narrative_html(self, kpi: Kpi) -> str:
        n = kpi.narrative
        return (
            "<h4>คำชี้แจงการปฏิบัติงาน/มาตรการที่ได้ดำเนินการ</h4>" + narrative_list_html(n.actions_th)
            + "<h4>ปัจจัยสนับสนุนต่อการดำเนินงาน</h4>" + narrative_list_html(n.support_factors_th)
            + "<h4>อุปสรรคต่อการดำเนินงาน</h4>" + narrative_list_html(n.obstacles_th)
            + "<h4>หลักฐานอ้างอิง</h4>" + narrative_list_html(n.evidence_th)
        )

    def kpi_findings(self, kpi: Kpi):
        return [f for f in self.scorecard.findings if f.where.startswith(f"KPI {kpi.id}") or
                (kpi.units_table is not None and f.where.startswith(kpi.units_table.file))]

    def show_kpi(self, kpi_id: str) -> None:
        """Display the whole page of one KPI (heading, criteria, result, history, units, narrative)."""
        from ..notebook import show_figure, show_html, show_table

        kpi = self.catalog.kpi(kpi_id)
        show_html(self.kpi_heading_html(kpi) + self.description_html(kpi))
        show_html("<h4>เกณฑ์การประเมินผล</h4>")
        show_table(self.targets_frame(kpi))
        show_html(self.result_html(kpi))
        chart = self.result_chart(kpi)
        if chart is not None:
            show_figure(chart)
        history = self.history_frame(kpi)
        if history is not None:
            show_html("<h4>ข้อมูลผลการดำเนินงานย้อนหลัง</h4>")
            show_table(history)
            fig = self.trend_chart(kpi)
            if fig is not None:
                show_figure(fig)
        units = self.units_frame(kpi)
        if units is not None:
            spec = kpi.units_table
            show_html(f"<h4>{esc(spec.title_th or 'ข้อมูลรายหน่วยงาน')}</h4>" + (f"<p>({esc(spec.as_of_th)})</p>" if spec.as_of_th else ""))
            show_table(units)
            fig = self.units_chart(kpi)
            if fig is not None:
                show_figure(fig)
        found = self.kpi_findings(kpi)
        if found:
            show_html("<h4>ข้อสังเกตด้านคุณภาพข้อมูลของตัวชี้วัดนี้</h4>" + _ul(f"{f.where}: {f.message}" for f in found))
        show_html(self.narrative_html(kpi))

    # ------------------------------------------------------------------ summary
    def score_frame(self):
        import pandas as pd

        low, mid, high = (f"{t} ({lvl})" for t, lvl in zip(self.catalog.terms, (50, 75, 100)))
        rows = []
        for r in self.scorecard.rows:
            k = r.kpi
            if k.kind == "composite":
                result = "-"
                targets = ["-"] * 3
            elif k.kind == "milestone":
                result = "-" if r.level is None else f"ระดับ {r.level}"
                targets = ["(ตามเกณฑ์)"] * 3
            else:
                result = format_number(r.result, 2) if r.result is not None else "-"
                targets = [format_number(t, 2) for t in k.targets] if k.targets is not None else ["ยังไม่กำหนด"] * 3
            rows.append({
                "ตัวชี้วัด": ("  " if k.parent else "") + f"{k.id} {k.name_th}",
                "น้ำหนัก": f"({format_number(k.weight, 0)})" if k.parent else format_number(k.weight, 0),
                low: targets[0], mid: targets[1], high: targets[2],
                "ผลการดำเนินงาน": result,
                "ระดับที่บรรลุ": "-" if k.kind == "composite" else r.level_label_th,
                "คะแนน": "-" if r.score is None else format_number(r.score, 2),
                "คะแนนถ่วงน้ำหนัก": "-" if r.weighted is None else format_number(r.weighted, 4),
            })
        return pd.DataFrame(rows)

    def components_frame(self):
        import pandas as pd

        rows = [{"องค์ประกอบ": c["name"], "น้ำหนัก": format_number(c["weight"], 0),
                 "คะแนนถ่วงน้ำหนัก": "-" if c["weighted_score"] is None else format_number(c["weighted_score"], 2)}
                for c in self.scorecard.components.values()]
        total = self.scorecard.total
        rows.append({"องค์ประกอบ": "รวม", "น้ำหนัก": "100", "คะแนนถ่วงน้ำหนัก": "-" if total is None else format_number(total, 2)})
        return pd.DataFrame(rows)

    def summary_html(self) -> str:
        total = self.scorecard.total
        if total is None:
            return "<p>ปีนี้ยังไม่มีผลการดำเนินงานครบทุกตัวชี้วัด จึงแสดงเฉพาะเป้าหมาย</p>"
        note = "" if self.catalog.scored else " (คำนวณเพื่อการติดตามผล ไม่ใช่ผลการประเมินอย่างเป็นทางการ)"
        return f"<p>คะแนนรวมถ่วงน้ำหนัก <strong>{format_number(total, 2)}</strong> จาก 100 คะแนน ระดับ <strong>{esc(self.scorecard.level)}</strong>{esc(note)}</p>"

    def weighted_chart(self):
        from ..charts import weighted_scores

        leaves = [r for r in self.scorecard.rows if r.kpi.kind != "composite"]
        if any(r.weighted is None for r in leaves):
            return None
        return weighted_scores([r.kpi.id for r in leaves], [r.kpi.weight for r in leaves], [float(r.weighted) for r in leaves],
                               f"คะแนนถ่วงน้ำหนักรายตัวชี้วัด ปีงบประมาณ พ.ศ. {self.fiscal_year}")

    def findings_frame(self):
        from ..findings import findings_frame

        return findings_frame(self.scorecard.findings)


_COLUMN_LABELS = {
    "assessed_irp_2plus_persons": "กลุ่มเป้าหมายที่ประเมิน IRP 2 ครั้งขึ้นไป (คน)",
    "improved_persons": "มีสมรรถภาพดีขึ้น (คน)",
    "upgraded_b_to_a_persons": "เลื่อนจาก B เป็น A (คน)",
    "maintained_a_persons": "คงอยู่กลุ่ม A (คน)",
    "group_a_assessed_persons": "กลุ่มเป้าหมายกลุ่ม A (คน)",
    "returned_to_society_persons": "กลับคืนสู่สังคม (คน)",
    "returned_to_family_persons": "คืนสู่ครอบครัว (คน)",
    "employed_in_establishment_persons": "ทำงานในสถานประกอบการ (คน)",
    "service_users_persons": "ผู้ใช้บริการ (คน)",
    "returned_family_community_persons": "ส่งกลับครอบครัว/ชุมชน (คน)",
    "total_returned_persons": "รวมส่งกลับคืนสู่สังคม (คน)",
}


def _name_with_tag(kpi: Kpi) -> str:
    """The KPI name as the seed's KPI table prints it: with its tag, unless the name already carries it."""
    return kpi.name_th if not kpi.tag or kpi.tag in kpi.name_th else f"{kpi.name_th} ({kpi.tag})"


def _label(column: str) -> str:
    return _COLUMN_LABELS.get(column, column)


def _short_unit(name: str) -> str:
    for prefix in ("สถานคุ้มครองคนไร้ที่พึ่ง", "ศูนย์ส่งเสริมและพัฒนาทักษะชีวิต"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix):].strip()
    return name

