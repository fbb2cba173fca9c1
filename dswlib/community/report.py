"""Sections of the community-strengthening report notebook.

``prepare()`` loads params and data and evaluates; each ``show_*`` function
displays one section (escaped HTML tables and charts). ``*_table`` functions
return the underlying DataFrames with Thai column names (used by tests).
"""

from __future__ import annotations

from ..errors import ParamsError
from ..fiscal import FiscalYear
from ..notebook import esc, show_html, show_table
from ..thainum import format_number
from . import charts
from .criteria import load_criteria
from .dataset import load_dataset
from .demo import SYNTHETIC_LABEL_TH, generate_demo
from .evaluate import Evaluation, evaluate
from .household_colour import colour_names
from .offices import load_province_offices, office_label

RANKING_TH = {
    "escaped_share": "ร้อยละครัวเรือนเป้าหมายที่พ้นความยากจนและบันทึกใน TP MAP",
    "escaped_households": "จำนวนครัวเรือนที่พ้นความยากจนและบันทึกใน TP MAP",
    "pmj_level_12": "ระดับความสำเร็จของ พมจ. รอบ 12 เดือน",
    "integration_percent": "ร้อยละความสำเร็จตามเกณฑ์ 5.1",
    "community_id": "รหัสชุมชน (เรียงตามตัวอักษร)",
}


def prepare(fiscal_year=2564, params_dir="params", demo_seed=2564, data_dir="") -> Evaluation:
    """Load criteria and the province table, then evaluate real data (``data_dir``) or the synthetic demo."""
    from ..paths import resolve_params_dir

    params = resolve_params_dir(params_dir)
    criteria = load_criteria(params)
    year = FiscalYear(fiscal_year).be
    if year != criteria.fiscal_year_be:
        raise ParamsError(
            params / "community" / "criteria.yaml", "fiscal_year_be", f"criteria for fiscal year {year}", criteria.fiscal_year_be
        )
    provinces = load_province_offices(params)
    if data_dir:
        # relative paths are taken from the repo root when they do not exist from the working dir
        dataset = load_dataset(resolve_params_dir(data_dir), criteria, provinces)
    else:
        dataset = generate_demo(criteria, provinces, seed=int(demo_seed))
    return evaluate(dataset, criteria, provinces)


from ..notebook import show_figure  # noqa: E402  (shared PNG display)


def _pct(value) -> str:
    return "-" if value is None else format_number(value, 2)


# ---------------------------------------------------------------------------


def title_th(ev: Evaluation) -> str:
    """Report title; says "ข้อมูลสาธิต" when the data are synthetic."""
    text = f"การประเมินผลการสร้างเสริมชุมชนเข้มแข็ง {FiscalYear(ev.criteria.fiscal_year_be).title()}"
    return text + (" (ข้อมูลสาธิต)" if ev.synthetic else "")


def show_title(ev: Evaluation) -> None:
    from ..notebook import heading

    heading(title_th(ev), 1)


def show_banner(ev: Evaluation) -> None:
    """A red box stating that the data are synthetic (nothing for real data)."""
    year = FiscalYear(ev.criteria.fiscal_year_be)
    period = esc(year.period_label())
    if ev.synthetic:
        seed = ev.dataset.meta.get("seed")
        show_html(
            '<div style="border:2px solid #b71c1c;background:#ffebee;padding:10px 14px;margin:8px 0;">'
            f"<strong>ข้อมูลสังเคราะห์ (ข้อมูลสาธิต)</strong> — {esc(SYNTHETIC_LABEL_TH)} "
            f"ตัวเลขทุกตัวในรายงานนี้สร้างขึ้นด้วยโปรแกรม (seed {esc(seed)}) เพื่อแสดงวิธีคำนวณตามเกณฑ์ "
            f"ชื่อจังหวัดเป็นชื่อจริง ส่วนชื่อชุมชนและครัวเรือนเป็นรหัสสมมติ"
            f"<br>ช่วงเวลาตามเกณฑ์: {esc(year.title())} ({period})</div>"
        )
    else:
        show_html(f"<p>ช่วงเวลา: {esc(year.title())} ({period})</p>")


def overview_table(ev: Evaluation):
    import pandas as pd

    df = ev.communities
    crit = ev.criteria
    rows = [
        ("ชุมชนเป้าหมาย", format_number(len(df)), "003 L93"),
        ("จังหวัด", format_number(df["province_id"].nunique()), "003 L93"),
        ("สสว.", format_number(df["office_no"].nunique()), "003 L209"),
        (
            f"ชุมชนที่ได้คะแนนเกณฑ์ 5.1 ตั้งแต่ 1 ขึ้นไป (ร้อยละ {crit.integration.levels[0].min_percent} ขึ้นไป)",
            format_number(int((df["score_5_1"] >= crit.integration.levels[0].score).sum())),
            crit.integration.levels[0].source,
        ),
        ("ครัวเรือนที่ศึกษา", format_number(int(df["surveyed"].sum())), "-"),
        ("ครัวเรือนเป้าหมาย", format_number(int(df["target_households"].sum())), "-"),
        (
            f"ชุมชนที่มีครัวเรือนเป้าหมายน้อยกว่า {crit.household_colour.min_target_households} ครัวเรือน",
            format_number(int((~df["meets_min_targets"]).sum())),
            crit.household_colour.min_target_households_source,
        ),
        ("พื้นที่ Best Practice ที่คัดเลือกได้", f"{sum(1 for s in ev.selections if s.community_id)} จาก {crit.best_practice.offices}", crit.best_practice.source),
    ]
    return pd.DataFrame(rows, columns=["รายการ", "จำนวน", "ที่มาในเอกสาร"])


def show_overview(ev: Evaluation) -> None:
    show_table(overview_table(ev))


def criteria_5_1_table(ev: Evaluation):
    import pandas as pd

    crit = ev.criteria.integration
    rows = [(f"{crit.below_lowest_score}", f"ต่ำกว่าร้อยละ {crit.levels[0].min_percent}", "ไม่ได้กำหนดในเอกสาร (ข้อตัดสิน D1)")]
    rows += [(str(lv.score), f"ร้อยละ {lv.min_percent} ขึ้นไป", f"{lv.text_th} ({lv.source})") for lv in crit.levels]
    return pd.DataFrame(rows, columns=["คะแนน", "ร้อยละความสำเร็จ", "ข้อความในเกณฑ์"])


def components_table(ev: Evaluation):
    import pandas as pd

    kpi21 = set(ev.criteria.ops_kpi_2_1.components)
    rows = [
        (c.code, c.name_th, c.owner_th, "✓" if c.code in kpi21 else "-", c.source)
        for c in ev.criteria.integration.components
    ]
    return pd.DataFrame(rows, columns=["ข้อ", "ตัวชี้วัด", "หน่วยงาน", "อยู่ในตัวชี้วัด 2.1 (ภาคผนวก)", "ที่มา"])


def show_criteria_5_1(ev: Evaluation) -> None:
    f = ev.criteria.integration.formula
    show_html(
        f"<p>สูตร: {esc(f.printed_th)} ÷ {esc(f.denominator)} ({esc(f.source)}) — ค่าผลการดำเนินงานแต่ละตัวเป็นร้อยละ "
        "จึงเท่ากับค่าเฉลี่ย ปัดเศษทศนิยม 2 ตำแหน่งแบบปัดครึ่งขึ้น</p>"
    )
    show_table(components_table(ev))
    show_table(criteria_5_1_table(ev))


def office_integration_table(ev: Evaluation):
    import pandas as pd

    crit = ev.criteria
    df = ev.communities
    scores = [crit.integration.below_lowest_score] + [lv.score for lv in crit.integration.levels]
    rows = []
    for o in ev.offices.to_dict("records"):
        part = df[df["office_no"] == o["office_no"]]
        row = {"สสว.": o["office_th"], "จำนวนชุมชน": len(part), "ร้อยละเฉลี่ย (5.1)": _pct(o["mean_integration_percent"])}
        for s in scores:
            row[f"คะแนน {s}"] = int((part["score_5_1"] == s).sum())
        rows.append(row)
    total = {"สสว.": "รวม", "จำนวนชุมชน": len(df), "ร้อยละเฉลี่ย (5.1)": "-"}
    for s in scores:
        total[f"คะแนน {s}"] = int((df["score_5_1"] == s).sum())
    rows.append(total)
    return pd.DataFrame(rows)


def kpi_2_1_table(ev: Evaluation):
    import pandas as pd

    k = ev.criteria.ops_kpi_2_1
    df = ev.communities
    rows = [(f"ต่ำกว่าร้อยละ {k.tiers[0].min_percent}", k.below_lowest_points, int((df["kpi_2_1_points"] == k.below_lowest_points).sum()), "ข้อตัดสิน D1")]
    rows += [
        (f"{t.label_th}: ร้อยละ {t.min_percent} ขึ้นไป", t.points, int((df["kpi_2_1_points"] == t.points).sum()), t.source)
        for t in k.tiers
    ]
    return pd.DataFrame(rows, columns=["เป้าหมาย", "คะแนน", "จำนวนชุมชน", "ที่มา"])


def show_integration_results(ev: Evaluation) -> None:
    show_figure(charts.score_distribution(ev))
    show_figure(charts.integration_by_office(ev))
    show_table(office_integration_table(ev))
    k = ev.criteria.ops_kpi_2_1
    show_html(
        f"<p>เทียบกับตัวชี้วัด {esc(k.name_th)} ในภาคผนวก ({esc(k.source)}) ซึ่งหารด้วย {esc(k.formula.denominator)} "
        f"({esc(k.formula.source)}) และให้คะแนน 3 ขั้น:</p>"
    )
    show_table(kpi_2_1_table(ev))


def template_table(ev: Evaluation, template_id: str):
    """Level texts of one template, both rounds, with the criteria keys that must be done."""
    import pandas as pd

    t = ev.criteria.template(template_id)
    rows = []
    for rnd in t.rounds:
        for lv in rnd.levels:
            rows.append((rnd.window_th, lv.level, lv.text_th, ", ".join(lv.criteria), lv.source))
    return pd.DataFrame(rows, columns=["รอบ", "ระดับ", "คำอธิบายเกณฑ์การให้คะแนน", "รหัสเหตุการณ์สำคัญ", "ที่มา"])


def ssw_levels_table(ev: Evaluation):
    import pandas as pd

    rows = []
    for o in ev.offices.to_dict("records"):
        rows.append(
            {
                "สสว.": o["office_th"],
                "ระดับ รอบ 6 เดือน": o["ssw_level_6"],
                "ระดับ รอบ 12 เดือน": o["ssw_level_12"],
                "หมายเหตุ": "มีเหตุการณ์ระดับสูงกว่าที่ทำแล้ว แต่ระดับก่อนหน้ายังไม่ครบ"
                if (o["ssw_gap_6"] or o["ssw_gap_12"])
                else "",
            }
        )
    return pd.DataFrame(rows)


def show_success_levels(ev: Evaluation) -> None:
    for tid in ("ssw", "pmj"):
        t = ev.criteria.template(tid)
        show_html(
            f"<p><strong>{esc(t.name_th)}</strong> — หน่วยงาน: {esc(t.agency_th)} ({esc(t.agency_source)})"
            f"{' ตามที่พิมพ์ในแม่แบบ ดูข้อสังเกต F5' if t.agency_note else ''}, "
            f"น้ำหนักร้อยละ {esc(t.weight_percent)} ({esc(t.weight_source)})</p>"
        )
        show_table(template_table(ev, tid))
    show_figure(charts.pmj_levels(ev))
    df = ev.communities
    gaps = int((df["pmj_gap_6"] | df["pmj_gap_12"]).sum())
    show_html(
        f"<p>จังหวัดที่ทำเหตุการณ์สำคัญของระดับสูงแล้ว แต่ระดับก่อนหน้ายังไม่ครบ (จึงนับได้เพียงระดับที่ครบต่อเนื่อง): "
        f"{esc(format_number(gaps))} จังหวัด</p>"
    )
    show_table(ssw_levels_table(ev))


def colour_scale_table(ev: Evaluation):
    import pandas as pd

    scale = ev.criteria.household_colour
    rows = [
        (c.name_th, f"{c.min_failed}" if c.min_failed == c.max_failed else f"{c.min_failed}-{c.max_failed}", scale.source)
        for c in scale.colours
    ]
    rows.append((scale.zero_failed.name_th, "0", "ไม่ได้กำหนดในเอกสาร (ข้อตัดสิน D5)"))
    return pd.DataFrame(rows, columns=["ระดับ", "จำนวนด้านที่ตกเกณฑ์", "ที่มา"])


def office_colour_table(ev: Evaluation):
    import pandas as pd

    scale = ev.criteria.household_colour
    names = colour_names(scale)
    keys = [c.key for c in scale.colours] + [scale.zero_failed.key]
    columns = keys + ["surveyed", "target_households"]
    grouped = ev.communities.groupby("office_no")[columns].sum().sort_index()
    rows = [{"สสว.": office_label(int(o)), **{k: format_number(int(grouped.at[o, k])) for k in columns}} for o in grouped.index]
    rows.append({"สสว.": "รวม", **{k: format_number(int(grouped[k].sum())) for k in columns}})
    return pd.DataFrame(rows).rename(
        columns={**names, "surveyed": "ครัวเรือนที่ศึกษา", "target_households": "ครัวเรือนเป้าหมาย"}
    )


def below_min_targets_table(ev: Evaluation):
    df = ev.communities
    part = df.loc[~df["meets_min_targets"], ["province_th", "community_name_th", "target_households"]]
    return part.rename(
        columns={"province_th": "จังหวัด", "community_name_th": "ชุมชน", "target_households": "ครัวเรือนเป้าหมาย"}
    )


def show_household_colours(ev: Evaluation) -> None:
    show_table(colour_scale_table(ev))
    show_figure(charts.household_colours_by_office(ev))
    show_table(office_colour_table(ev))
    minimum = ev.criteria.household_colour.min_target_households
    below = below_min_targets_table(ev)
    show_html(
        f"<p>ชุมชนที่กำหนดครัวเรือนเป้าหมายน้อยกว่า {esc(minimum)} ครัวเรือน "
        f"({esc(ev.criteria.household_colour.min_target_households_source)}): {esc(len(below))} ชุมชน</p>"
    )
    if len(below):
        show_table(below)


def best_practice_table(ev: Evaluation):
    import pandas as pd

    df = ev.communities.set_index("community_id")
    rows = []
    for sel in ev.selections:
        cid = sel.community_id
        if not cid:
            rows.append({"สสว.": office_label(sel.office_no), "จังหวัด": "-", "ชุมชน": "ไม่มีชุมชนที่ผ่านเกณฑ์", "ชุมชนที่ผ่านเกณฑ์": 0,
                         "ร้อยละครัวเรือนพ้นความยากจน": "-", "ระดับ พมจ. 12 เดือน": "-", "ร้อยละ 5.1": "-", "ตัดสินด้วย": "-"})
            continue
        r = df.loc[cid]
        decided = RANKING_TH[sel.decided_by] if sel.decided_by else "ผ่านเกณฑ์เพียงชุมชนเดียว"
        rows.append(
            {
                "สสว.": office_label(sel.office_no),
                "จังหวัด": r["province_th"],
                "ชุมชน": r["community_name_th"],
                "ชุมชนที่ผ่านเกณฑ์": sel.eligible_count,
                "ร้อยละครัวเรือนพ้นความยากจน": _pct(r["escaped_share"]),
                "ระดับ พมจ. 12 เดือน": int(r["pmj_level_12"]),
                "ร้อยละ 5.1": _pct(r["integration_percent"]),
                "ตัดสินด้วย": decided,
            }
        )
    return pd.DataFrame(rows)


def show_best_practice(ev: Evaluation) -> None:
    bp = ev.criteria.best_practice
    items = "".join(f"<li>{esc(i.text_th)} ({esc(i.source)})</li>" for i in bp.household_criteria.items)
    items += f"<li>{esc(bp.tpmap_record.text_th)} ({esc(bp.tpmap_record.source)})</li>"
    community = "".join(f"<li>{esc(i.text_th)} ({esc(i.source)})</li>" for i in bp.community_criteria.items)
    ranking = "".join(f"<li>{esc(RANKING_TH[k])}</li>" for k in bp.ranking)
    show_html(
        f"<p><strong>{esc(bp.name_th)}</strong> ({esc(bp.source)})</p>"
        f"<p>ครัวเรือนนับว่าพ้นความยากจนเมื่อผ่านทุกข้อ:</p><ol>{items}</ol>"
        f"<p>ชุมชนผ่านเกณฑ์เมื่อผ่านทุกข้อของ {esc(bp.community_criteria.heading_th)}:</p><ol>{community}</ol>"
        f"<p>และมีครัวเรือนเป้าหมายไม่น้อยกว่า {esc(ev.criteria.household_colour.min_target_households)} ครัวเรือน "
        f"โดยมีครัวเรือนพ้นความยากจนอย่างน้อย 1 ครัวเรือน (ข้อตัดสิน D6) "
        f"จากนั้นเรียงลำดับตาม (ข้อตัดสิน D7):</p><ol>{ranking}</ol>"
    )
    show_table(best_practice_table(ev))


def findings_table(ev: Evaluation):
    import pandas as pd

    return pd.DataFrame(
        [(f.id, f.text_th, f.source) for f in ev.criteria.findings], columns=["รหัส", "ข้อสังเกต", "ที่มาในเอกสาร"]
    )


def show_findings(ev: Evaluation) -> None:
    show_table(findings_table(ev))


def community_table(ev: Evaluation):
    df = ev.communities.sort_values(["office_no", "community_id"])
    out = df[["office_no", "province_th", "community_name_th", "integration_percent", "score_5_1", "pmj_level_6",
              "pmj_level_12", "target_households", "escaped_households", "bp_eligible", "best_practice"]].copy()
    out["office_no"] = out["office_no"].map(office_label)
    out["integration_percent"] = out["integration_percent"].map(_pct)
    out["bp_eligible"] = out["bp_eligible"].map({True: "ผ่าน", False: "-"})
    out["best_practice"] = out["best_practice"].map({True: "★", False: ""})
    return out.rename(
        columns={
            "office_no": "สสว.",
            "province_th": "จังหวัด",
            "community_name_th": "ชุมชน",
            "integration_percent": "ร้อยละ 5.1",
            "score_5_1": "คะแนน 5.1",
            "pmj_level_6": "ระดับ พมจ. 6 เดือน",
            "pmj_level_12": "ระดับ พมจ. 12 เดือน",
            "target_households": "ครัวเรือนเป้าหมาย",
            "escaped_households": "พ้นความยากจน",
            "bp_eligible": "ผ่านเกณฑ์ Best Practice",
            "best_practice": "Best Practice",
        }
    )


def show_community_table(ev: Evaluation) -> None:
    show_table(community_table(ev))
