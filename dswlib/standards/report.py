"""Tables and charts for the province report and the national overview (Thai labels).

Notebooks call these and display the results; no scoring logic lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParamsError
from ..findings import Finding
from ..thainum import format_number
from .aggregate import COMPLETE, Aggregate, Scores
from .assessment import Assessment, read_assessment, score_assessment
from .provinces import Province, find_province, load_provinces
from .rubric import Rubric, load_rubric

BAND_COLORS = {  # by grade-band position, best first
    0: "#1a9850", 1: "#91cf60", 2: "#fee08b", 3: "#fc8d59", 4: "#d73027",
}
STATUS_TH = {"incomplete": "คำนวณไม่ได้ (ข้อมูลไม่ครบ)", "all_na": "ไม่มีตัวชี้วัดที่เกี่ยวข้อง"}
CHECK_TH = {"meets": "ผ่านเกณฑ์", "not_met": "ไม่ผ่านเกณฑ์", "no_target": "ไม่มีเกณฑ์ที่พิมพ์ (บันทึกเท่านั้น)",
            "na": "ไม่เกี่ยวข้อง (ตามที่หน่วยงานระบุ)", "missing": "ไม่มีข้อมูล"}


@dataclass
class YearData:
    rubric: Rubric
    provinces: list[Province]
    assessments: dict[str, Assessment]
    source_th: str  # where the assessments came from (Thai, no file path)
    synthetic: bool
    #: assessment files that could not be used (one Finding per file); the overview lists them
    problems: list[Finding] = field(default_factory=list)


ASSESSMENT_SUFFIXES = (".csv", ".xlsx")
SOURCE_REAL_TH = "แบบประเมินผลการปฏิบัติตามมาตรฐานที่ สนง.พมจ. จัดส่ง"


def _synthetic_source(seed) -> str:
    return f"ข้อมูลสมมติ (synthetic, seed {seed}) — ไม่ใช่ผลการประเมินจริง"


def assessments_dir(fiscal_year: int, params_dir="params", assessment_dir="") -> Path | None:
    """The directory of real assessment files to use, or None for the synthetic demo year."""
    from ..paths import resolve_params_dir

    if assessment_dir:
        path = Path(assessment_dir)
        if not path.is_absolute():
            path = resolve_params_dir(params_dir).parent / path
        if not path.is_dir():
            raise ParamsError(path, None, "a directory of assessment files (.csv/.xlsx)", "no such directory")
        return path
    default = resolve_params_dir(params_dir) / "standards" / "assessments" / str(fiscal_year)
    if default.is_dir() and _assessment_files(default):
        return default
    return None


def _assessment_files(directory: Path) -> list[Path]:
    """Assessment files in ``directory`` (names only are listed: no file is opened)."""
    return sorted(p for p in directory.iterdir()
                  if p.suffix.lower() in ASSESSMENT_SUFFIXES and not p.name.startswith((".", "~$")))


def file_province_id(path: Path) -> str:
    """The province part of an assessment file name: ``…_50-chiang-mai.csv`` -> ``50-chiang-mai``."""
    return Path(path).stem.rsplit("_", 1)[-1]


def province_file_glob(province: Province) -> str:
    """A glob (relative to the assessment directory) that covers ``province``'s file(s)."""
    return f"*{province.output_id}.*"


def province_files(directory: Path, province: Province) -> list[Path]:
    """The files of ``directory`` named for ``province`` (``<anything>_<code>-<slug>.csv|xlsx``)."""
    return [p for p in _assessment_files(directory) if file_province_id(p) == province.output_id]


def _read_province_file(path: Path, province: Province, rubric: Rubric, fiscal_year: int, params_dir) -> Assessment:
    a = read_assessment(path, rubric, params_dir)
    if a.fiscal_year != int(fiscal_year):
        raise ParamsError(path, "meta row fiscal_year", f"fiscal year {fiscal_year}", a.fiscal_year)
    if a.province_code != province.code:
        raise ParamsError(path, "meta row province_code",
                          f"{province.code} (the file name is for {province.output_id})", a.province_code)
    return a


def read_province_assessment(directory: Path, province: Province, rubric: Rubric, fiscal_year: int,
                             params_dir="params") -> Assessment | None:
    """The one assessment file of ``province`` in ``directory`` (None if it sent none).

    Only that file is opened: a broken file of another province cannot fail this report.
    """
    files = province_files(directory, province)
    if not files:
        return None
    if len(files) > 1:
        raise ParamsError(directory, province.output_id, "one assessment file per province", [p.name for p in files])
    return _read_province_file(files[0], province, rubric, fiscal_year, params_dir)


def _problem(path: Path, message_th: str, technical: str, code: str) -> Finding:
    return Finding(code=code, severity="error", where=path.name, message=message_th, printed=technical)


def _technical(exc: Exception, path: Path) -> str:
    """The error text with the file's directory removed (the appendix names the file only)."""
    return str(exc).replace(str(path), path.name).replace(str(path.parent) + "/", "")


def read_assessment_dir(directory: Path, rubric: Rubric, fiscal_year: int, params_dir="params",
                        provinces: list[Province] | None = None) -> tuple[dict[str, Assessment], list[Finding]]:
    """Every usable assessment of ``directory`` and one finding per file that cannot be used.

    A file that does not parse, is for another year, names another province than its
    file name, or duplicates another file of its province is left out and reported;
    the other provinces are unaffected.
    """
    provinces = provinces if provinces is not None else load_provinces(params_dir)
    by_id = {p.output_id: p for p in provinces}
    out: dict[str, Assessment] = {}
    problems: list[Finding] = []
    grouped: dict[str, list[Path]] = {}
    for path in _assessment_files(directory):
        prov = by_id.get(file_province_id(path))
        if prov is None:
            problems.append(_problem(path, "มีไฟล์แบบประเมินที่ไม่ได้ระบุจังหวัดตามรูปแบบชื่อไฟล์ จึงไม่ได้นำมาคำนวณ",
                                     "file name does not end with _<code>-<slug> of a province", "assessment_unnamed"))
            continue
        grouped.setdefault(prov.code, []).append(path)
    for prov in provinces:
        paths = grouped.get(prov.code, [])
        if len(paths) > 1:
            for path in paths:
                problems.append(_problem(path, f"{prov.office_th} มีแบบประเมินมากกว่าหนึ่งไฟล์ จึงไม่ได้นำมาคำนวณ",
                                         "more than one file for this province: " + ", ".join(p.name for p in paths),
                                         "assessment_duplicate"))
            continue
        if not paths:
            continue
        try:
            out[prov.code] = _read_province_file(paths[0], prov, rubric, fiscal_year, params_dir)
        except ParamsError as exc:
            problems.append(_problem(paths[0], f"แบบประเมินของ {prov.office_th} มีข้อมูลไม่ถูกต้อง จึงไม่ได้นำมาคำนวณ",
                                     _technical(exc, paths[0]), "assessment_invalid"))
    return out, problems


def load_year(fiscal_year: int, params_dir="params", assessment_dir="", seed: int | None = None) -> YearData:
    """All assessments of a year: real files if present, otherwise the synthetic demo year."""
    from .demo import DEFAULT_SEED, demo_year

    rubric = load_rubric(params_dir)
    provinces = load_provinces(params_dir)
    directory = assessments_dir(fiscal_year, params_dir, assessment_dir)
    if directory is None:
        s = DEFAULT_SEED if seed is None else seed
        return YearData(rubric, provinces, demo_year(rubric, provinces, fiscal_year, s), _synthetic_source(s), True)
    found, problems = read_assessment_dir(directory, rubric, fiscal_year, params_dir, provinces)
    return YearData(rubric, provinces, found, SOURCE_REAL_TH, any(a.synthetic for a in found.values()), problems)


def load_province(fiscal_year: int, province, params_dir="params", assessment_dir="", seed: int | None = None):
    """(YearData, Province, Assessment | None) for one province's report.

    Reads the rubric, the province list and this province's own assessment file only.
    """
    from .demo import DEFAULT_SEED, demo_assessment

    prov = find_province(province, params_dir)
    rubric = load_rubric(params_dir)
    provinces = load_provinces(params_dir)
    directory = assessments_dir(fiscal_year, params_dir, assessment_dir)
    if directory is None:  # demo: generate only this province (same values as the whole demo year)
        s = DEFAULT_SEED if seed is None else seed
        a = demo_assessment(rubric, prov, fiscal_year, s)
        return YearData(rubric, provinces, {prov.code: a}, _synthetic_source(s), True), prov, a
    a = read_province_assessment(directory, prov, rubric, fiscal_year, params_dir)
    data = YearData(rubric, provinces, {prov.code: a} if a else {}, SOURCE_REAL_TH, bool(a and a.synthetic))
    return data, prov, a


def problems_html(data: YearData) -> str:
    """Thai list of the assessment files left out of the overview (no file names: see the appendix)."""
    from ..notebook import esc

    if not data.problems:
        return "<p>แบบประเมินทุกฉบับที่ได้รับอ่านได้ครบถ้วน</p>"
    items = "".join(f"<li>{esc(f.message)}</li>" for f in data.problems)
    return (f"<p>แบบประเมิน {len(data.problems)} ไฟล์ใช้ไม่ได้ จังหวัดที่เกี่ยวข้องจึงแสดงว่าไม่มีแบบประเมิน "
            f"รายละเอียดทางเทคนิคอยู่ในภาคผนวก</p><ul>{items}</ul>")


def problems_appendix_table(data: YearData):
    """File name and technical message of every unusable assessment file (technical appendix)."""
    import pandas as pd

    return pd.DataFrame([{"ไฟล์": f.where, "รายละเอียดทางเทคนิค": f.printed} for f in data.problems],
                        columns=["ไฟล์", "รายละเอียดทางเทคนิค"])


def year_scores(data: YearData) -> dict[str, Scores]:
    return {code: score_assessment(data.rubric, a)[0] for code, a in data.assessments.items()}


# ---- formatting ---------------------------------------------------------------
def fmt_score(x) -> str:
    return "-" if x is None else format_number(x, 2)


def fmt_indicator_score(x) -> str:
    return "-" if x is None else format_number(x)


def band_label(agg: Aggregate) -> str:
    return agg.band.label_th if agg.status == COMPLETE else STATUS_TH[agg.status]


from ..htmlparts import table_html  # noqa: E402,F401  (re-exported for the notebooks)


def _agg_row(label, agg: Aggregate) -> dict:
    note = []
    if agg.na_ids:
        note.append("ไม่เกี่ยวข้อง: " + ", ".join(agg.na_ids))
    if agg.missing_ids:
        note.append("ไม่มีข้อมูล: " + ", ".join(agg.missing_ids))
    return {
        "ระดับ": label,
        "คะแนนรวม": format_number(agg.total),
        "คะแนนเต็ม": format_number(agg.max_total),
        "จำนวนตัวชี้วัดที่คิดคะแนน": f"{agg.n_scored}/{agg.n_indicators}",
        "คะแนนเฉลี่ย": fmt_score(agg.mean_2dp),
        "ผลการปฏิบัติ": band_label(agg),
        "หมายเหตุ": "; ".join(note),
    }


# ---- province report --------------------------------------------------------------
def summary_table(rubric: Rubric, scores: Scores):
    import pandas as pd

    rows = [_agg_row(f"มิติที่ {d.key[1:]} {d.name_th}", d) for d in scores.dimensions]
    rows.append(_agg_row("ภาพรวมมิติที่ 2+3+4", scores.overall))
    return pd.DataFrame(rows)


def area_table(rubric: Rubric, scores: Scores):
    import pandas as pd

    rows = []
    for agg in scores.areas:
        dim, area = agg.key.split(".")
        row = _agg_row(f"มิติที่ {dim[1:]} ด้านที่ {area[1:]}", agg)
        row["ด้าน"] = agg.name_th
        rows.append(row)
    cols = ["ระดับ", "ด้าน", "จำนวนตัวชี้วัดที่คิดคะแนน", "คะแนนรวม", "คะแนนเฉลี่ย", "ผลการปฏิบัติ", "หมายเหตุ"]
    return pd.DataFrame(rows)[cols]


def indicator_table(rubric: Rubric, scores: Scores, dimension: int):
    import pandas as pd

    rows = []
    for ind in rubric.scored_indicators():
        if ind.dimension != dimension:
            continue
        r = scores.indicators[ind.id]
        rows.append({
            "รหัส": ind.id,
            "ตัวชี้วัด": ind.name_th,
            "เกณฑ์": ind.target_th,
            "ผลการดำเนินงาน": r.result_th,
            "คะแนน": fmt_indicator_score(r.score) if r.status == "scored" else ("ไม่เกี่ยวข้อง" if r.status == "na" else "ไม่มีข้อมูล"),
            "ระดับคะแนน": rubric.score_level_label(r.score) if r.score is not None else "",
        })
    return pd.DataFrame(rows)


def below_target_table(rubric: Rubric, scores: Scores, assessment: Assessment):
    """Indicators scoring below what meeting the printed target gives, with their evidence lists."""
    import pandas as pd

    rows = []
    for ind in rubric.scored_indicators():
        r = scores.indicators[ind.id]
        if r.status != "scored" or r.score >= ind.target_score:
            continue
        rows.append({
            "รหัส": ind.id,
            "ตัวชี้วัด": ind.name_th,
            "เกณฑ์": ind.target_th,
            "ผลการดำเนินงาน": r.result_th,
            "คะแนน": f"{fmt_indicator_score(r.score)} (ตามเกณฑ์ = {fmt_indicator_score(ind.target_score)})",
            "หลักฐานประกอบที่ต้องมี": "; ".join(e.lstrip("- ") for e in ind.evidence_th),
            "ปัญหา/อุปสรรค": assessment.problems.get(ind.id, "") if assessment else "",
        })
    return pd.DataFrame(rows, columns=["รหัส", "ตัวชี้วัด", "เกณฑ์", "ผลการดำเนินงาน", "คะแนน", "หลักฐานประกอบที่ต้องมี", "ปัญหา/อุปสรรค"])


def not_scored_table(rubric: Rubric, scores: Scores):
    import pandas as pd

    rows = [{"รหัส": r.id, "ตัวชี้วัด": rubric.indicator(r.id).name_th, "สถานะ": r.result_th, "หมายเหตุ": r.note_th}
            for r in scores.indicators.values() if r.status != "scored"]
    return pd.DataFrame(rows, columns=["รหัส", "ตัวชี้วัด", "สถานะ", "หมายเหตุ"])


def input_check_table(rubric: Rubric, checks: dict):
    import pandas as pd

    rows = []
    for ind in rubric.input_indicators():
        c = checks[ind.id]
        _, area, _ = rubric.context(ind.id)
        rows.append({"รหัส": ind.id, "ด้าน": area.name_th, "ตัวชี้วัด": ind.name_th, "เกณฑ์": ind.target_th or "-",
                     "ผลการดำเนินงาน": c.result_th, "ผลการตรวจ": CHECK_TH[c.status]})
    return pd.DataFrame(rows)


def _band_index(rubric: Rubric, agg: Aggregate) -> int | None:
    return None if agg.band is None else list(rubric.grade_bands).index(agg.band)


def area_label(rubric: Rubric, key: str, width: int = 34) -> str:
    dim, area = key.split(".")
    name = next(a.name_th for d, a in rubric.scored_areas() if f"D{d.number}.A{a.number}" == key)
    name = name.removeprefix("ด้าน")
    short = name if len(name) <= width else name[: width - 1] + "…"
    return f"{dim[1:]}.{area[1:]} {short}"


def area_chart(rubric: Rubric, scores: Scores, title: str = ""):
    """Horizontal bars: the 16 area means, coloured by grade band, with the band limits."""
    from ..chartstyle import pyplot

    plt = pyplot()
    aggs = scores.areas
    fig, ax = plt.subplots(figsize=(8.5, 0.36 * len(aggs) + 1.4))
    labels = [area_label(rubric, a.key) for a in aggs]
    values = [float(a.mean_2dp) if a.mean_2dp is not None else 0.0 for a in aggs]
    colors = [BAND_COLORS.get(_band_index(rubric, a), "#bbbbbb") for a in aggs]
    y = range(len(aggs))[::-1]
    ax.barh(list(y), values, color=colors, edgecolor="#555555", linewidth=0.4)
    for yy, a, v in zip(y, aggs, values):
        ax.text(v + 0.1, yy, fmt_score(a.mean_2dp) if a.mean_2dp is not None else "คำนวณไม่ได้", va="center", fontsize=8)
    for limit in (8.5, 7.0, 5.5, 3.0):
        ax.axvline(limit, color="#777777", linestyle=":", linewidth=0.8)
    ax.set_yticks(list(y))
    ax.set_yticklabels(labels, fontsize=8)
    ax.set_xlim(0, 10.8)
    ax.set_xlabel("คะแนนเฉลี่ยของด้าน (เต็ม 10)")
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return fig


# ---- national overview --------------------------------------------------------------
def ranking_table(data: YearData, scores: dict[str, Scores]):
    import pandas as pd

    rows = []
    for p in data.provinces:
        s = scores.get(p.code)
        if s is None:
            rows.append({"จังหวัด": p.name_th, "_key": -1.0, "มิติที่ 2": "-", "มิติที่ 3": "-", "มิติที่ 4": "-",
                         "ภาพรวม": "-", "ผลการปฏิบัติ": "ไม่มีแบบประเมิน"})
            continue
        d = {agg.key: agg for agg in s.dimensions}
        rows.append({
            "จังหวัด": p.name_th,
            "_key": float(s.overall.mean_2dp) if s.overall.mean_2dp is not None else -1.0,
            "มิติที่ 2": fmt_score(d["D2"].mean_2dp), "มิติที่ 3": fmt_score(d["D3"].mean_2dp),
            "มิติที่ 4": fmt_score(d["D4"].mean_2dp), "ภาพรวม": fmt_score(s.overall.mean_2dp),
            "ผลการปฏิบัติ": band_label(s.overall),
        })
    df = pd.DataFrame(rows).sort_values(["_key", "จังหวัด"], ascending=[False, True], kind="stable")
    ranks = df["_key"].rank(method="min", ascending=False).astype(int)
    df.insert(0, "อันดับ", [str(r) if k >= 0 else "-" for r, k in zip(ranks, df["_key"])])
    return df.drop(columns="_key").reset_index(drop=True)


def band_distribution_table(data: YearData, scores: dict[str, Scores]):
    import pandas as pd

    labels = [b.label_th for b in data.rubric.grade_bands] + list(STATUS_TH.values())
    cols = {"มิติที่ 2": "D2", "มิติที่ 3": "D3", "มิติที่ 4": "D4", "ภาพรวม": "overall"}
    table = {c: {lab: 0 for lab in labels} for c in cols}
    for s in scores.values():
        d = {agg.key: agg for agg in s.dimensions}
        d["overall"] = s.overall
        for col, key in cols.items():
            table[col][band_label(d[key])] += 1
    df = pd.DataFrame(table).reindex(labels)
    df = df[(df.sum(axis=1) > 0) | df.index.isin([b.label_th for b in data.rubric.grade_bands])]
    df.index.name = "ผลการปฏิบัติ"
    return df.reset_index()


def band_distribution_chart(data: YearData, scores: dict[str, Scores]):
    from ..chartstyle import pyplot

    plt = pyplot()
    df = band_distribution_table(data, scores)
    bands = [b.label_th for b in data.rubric.grade_bands]
    df = df[df["ผลการปฏิบัติ"].isin(bands)]
    fig, ax = plt.subplots(figsize=(8.5, 3.6))
    cols = ["มิติที่ 2", "มิติที่ 3", "มิติที่ 4", "ภาพรวม"]
    left = [0] * len(cols)
    for i, (_, row) in enumerate(df.iterrows()):
        vals = [int(row[c]) for c in cols]
        ax.barh(cols[::-1], vals[::-1], left=left[::-1], color=BAND_COLORS[i], label=row["ผลการปฏิบัติ"], edgecolor="white")
        left = [a + b for a, b in zip(left, vals)]
    ax.set_xlabel("จำนวนจังหวัด")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, frameon=False)
    fig.tight_layout()
    return fig


def area_heatmap(data: YearData, scores: dict[str, Scores]):
    """Provinces (rows, ranked) × the 16 scored areas; cell = area mean."""
    import numpy as np
    from matplotlib.colors import BoundaryNorm, ListedColormap

    from ..chartstyle import pyplot

    plt = pyplot()

    rank = ranking_table(data, scores)
    by_name = {p.name_th: p for p in data.provinces}
    provs = [by_name[n] for n in rank["จังหวัด"] if by_name[n].code in scores]
    keys = [f"D{d.number}.A{a.number}" for d, a in data.rubric.scored_areas()]
    grid = np.full((len(provs), len(keys)), np.nan)
    for i, p in enumerate(provs):
        areas = {a.key: a for a in scores[p.code].areas}
        for j, k in enumerate(keys):
            if areas[k].mean_2dp is not None:
                grid[i, j] = float(areas[k].mean_2dp)
    cmap = ListedColormap([BAND_COLORS[k] for k in (4, 3, 2, 1, 0)])
    cmap.set_bad("#dddddd")
    norm = BoundaryNorm([0, 2.995, 5.495, 6.995, 8.495, 10.0], cmap.N)
    fig, ax = plt.subplots(figsize=(9, 0.19 * len(provs) + 2.6))
    im = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
    ax.set_yticks(range(len(provs)))
    ax.set_yticklabels([p.name_th for p in provs], fontsize=7)
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels([area_label(data.rubric, k, 22) for k in keys], fontsize=7, rotation=60, ha="right")
    cbar = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02, ticks=[1.5, 4.25, 6.25, 7.75, 9.25])
    cbar.ax.set_yticklabels(["ต่ำกว่า 3.00", "3.00-5.49", "5.50-6.99", "7.00-8.49", "8.50-10.00"], fontsize=7)
    ax.set_title("คะแนนเฉลี่ยรายด้าน (มิติที่ 2-4) เรียงตามคะแนนภาพรวม")
    fig.tight_layout()
    return fig


# ---- notebook helpers -----------------------------------------------------------------
from ..notebook import show_figure  # noqa: E402,F401  (re-exported for the notebooks)


def header_html(data: YearData, fiscal_year: int, province: Province | None = None,
                assessment: Assessment | None = None) -> str:
    """Escaped report header: year, data source, as-of date and a SYNTHETIC warning when it applies."""
    from ..fiscal import FiscalYear, format_thai_date
    from ..notebook import esc

    fy = FiscalYear(fiscal_year)
    parts = [f"<p><b>{esc(fy.title())}</b> ({esc(fy.period_label())})</p>"]
    if province is not None:
        parts.append(f"<p>หน่วยงาน: {esc(province.office_th)} (รหัสจังหวัด {esc(province.code)})</p>")
        if assessment is None:
            parts.append("<p><b>ไม่มีแบบประเมินของจังหวัดนี้ในปีงบประมาณนี้</b></p>")
        elif assessment.as_of:
            parts.append(f"<p>ข้อมูล ณ วันที่ {esc(format_thai_date(assessment.as_of))}</p>")
    else:
        parts.append(f"<p>จำนวนแบบประเมิน: {len(data.assessments)} จาก {len(data.provinces)} จังหวัด</p>")
    parts.append(f"<p>แหล่งข้อมูล: {esc(data.source_th)}</p>")
    synthetic = assessment.synthetic if assessment is not None else data.synthetic
    if synthetic:
        parts.append(
            '<div style="border:2px solid #d73027;padding:6px 10px;background:#fff3f0">'
            "<b>ข้อมูลสมมติ (SYNTHETIC)</b> — ตัวเลขในรายงานนี้สร้างขึ้นเพื่อสาธิตวิธีคำนวณเท่านั้น "
            "ไม่ใช่ผลการประเมินจริงของ สนง.พมจ. ใด</div>")
    return "\n".join(parts)


def province_scores(data: YearData, assessment: Assessment | None):
    """(Scores, checks) or (None, None) when the province has no assessment."""
    if assessment is None:
        return None, None
    return score_assessment(data.rubric, assessment)
