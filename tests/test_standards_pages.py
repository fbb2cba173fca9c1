"""Standards pages a director can act on (issue 12.5) in one library shape (issue 14):
rank with ties, national and สสว. means recomputed independently, what it takes to reach the next
band, Thai body without codes or file names, the year summary (scores only), calls-only notebooks."""

import html
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "params"
CODES = re.compile(r"\bD\d\.[IA]\d+|\.csv|\.ya?ml|\.md\b|params|dswlib|synthetic|SYNTHETIC|\bseed\b|_[a-z]+_")


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", markup, flags=re.S)))


@pytest.fixture(scope="module")
def year():
    """The demo year scored independently of the summary: {code: Scores}, provinces, rubric."""
    from dswlib.standards.assessment import score_assessment
    from dswlib.standards.demo import demo_year
    from dswlib.standards.provinces import load_provinces
    from dswlib.standards.rubric import load_rubric

    rubric, provinces = load_rubric(PARAMS), load_provinces(PARAMS)
    scores = {c: score_assessment(rubric, a)[0] for c, a in demo_year(rubric, provinces, 2564).items()}
    return rubric, provinces, scores


@pytest.fixture(scope="module")
def rep():
    from dswlib.standards import ProvinceReport

    return ProvinceReport.load(fiscal_year=2564, province="50", params_dir=str(PARAMS))


def _half_up(x: Fraction) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_means_equal_an_independent_recomputation(year, rep):
    rubric, provinces, scores = year
    region = {p.code: p.ssw_office for p in provinces}

    def mean(key, where=lambda c: True):
        vals = []
        for code, s in scores.items():
            aggs = {a.key: a for a in [*s.dimensions, *s.areas]}
            agg = s.overall if key == "overall" else aggs[key]
            if agg.mean_2dp is not None and where(code):
                vals.append(Fraction(agg.mean_2dp))
        return _half_up(sum(vals) / len(vals))

    national, regional = rep.national_means(), rep.regional_means()
    for key in ["overall", "D2", "D3", "D4", "D4.A8", "D2.A1"]:
        assert national[key][0] == mean(key), key
        assert regional[key][0] == mean(key, lambda c: region[c] == 9), key
    assert national["overall"][1] == 76 and regional["overall"][1] == sum(1 for p in provinces if p.ssw_office == 9)
    # and the page prints them beside the office's own score
    text = _visible(rep.standing().to_html())
    assert f"{mean('overall'):.2f}" in text and f"{mean('overall', lambda c: region[c] == 9):.2f}" in text


def test_rank_is_among_offices_with_ties_sharing_the_best_rank(year, rep):
    _, _, scores = year
    own = scores["50"].overall.mean_2dp
    higher = sum(1 for s in scores.values() if s.overall.mean_2dp > own)
    tied = sum(1 for s in scores.values() if s.overall.mean_2dp == own)
    assert rep.rank() == (higher + 1, 76, tied)
    assert f"อันดับที่ {higher + 1} จาก 76 สำนักงาน" in _visible(rep.standing().to_html())


def test_rank_ties_in_a_constructed_year():
    from dswlib.standards.rubric import load_rubric
    from dswlib.standards.summary import YearSummary

    rubric = load_rubric(PARAMS)
    rows = [{"code": c, "region": 1, "status": "scored", "means": {"overall": m}}
            for c, m in [("11", "8.10"), ("12", "9.00"), ("13", "8.10"), ("14", "7.00"), ("15", "9.00")]]
    rows.append({"code": "16", "region": 1, "status": "no_file"})
    s = YearSummary.from_records(2564, rubric, rows)
    assert dict(s.ranks()) == {"11": 3, "12": 1, "13": 3, "14": 5, "15": 1}
    assert s.rank_of("13") == (3, 5, 2) and s.rank_of("14") == (5, 5, 1) and s.rank_of("16") == (None, 5, 0)
    assert s.means()["overall"] == (Decimal("8.24"), 5)  # (8.10+9.00+8.10+7.00+9.00)/5 = 8.24


def _apply(rubric, scores, steps):
    """Scores with each step's indicator raised to its target, re-aggregated by the library's own rule."""
    import dataclasses

    from dswlib.standards.aggregate import aggregate_all

    results = dict(scores.indicators)
    for st in steps:
        results[st.indicator] = dataclasses.replace(results[st.indicator], score=st.target)
    return aggregate_all(rubric, results)


def test_next_band_is_reached_with_the_fewest_indicators(year):
    from dswlib.standards.advice import next_band_plan, top_score

    rubric, _, scores = year
    bands = list(rubric.grade_bands)
    checked = 0
    for code, s in scores.items():
        plan = next_band_plan(rubric, s)
        if s.overall.mean_2dp is None:
            assert plan.reason == "incomplete"
            continue
        if s.overall.band == bands[0]:
            assert plan.reason == "top" and plan.next is None
            continue
        assert plan.next == bands[bands.index(s.overall.band) - 1]
        after = _apply(rubric, s, plan.steps).overall
        assert after.band == plan.next, code  # the plan reaches the next band...
        gains = sorted((top_score(rubric.indicator(i)) - r.score for i, r in s.indicators.items()
                        if r.status == "scored"), reverse=True)
        k = len(plan.steps)
        threshold = Fraction(plan.next.min) - Fraction(1, 200)
        # ...and no k-1 indicators could: even their largest gains fall short
        assert (Fraction(s.overall.total) + sum(Fraction(g) for g in gains[: k - 1])) / s.overall.n_scored < threshold
        # the last step is the lowest score of its bands that still closes the gap
        last = plan.steps[-1]
        lower = [b.score for b in rubric.indicator(last.indicator).bands if last.score < b.score < last.target]
        for score in lower:
            alt = plan.steps[:-1] + [type(last)(last.indicator, last.score, score, "")]
            assert _apply(rubric, s, alt).overall.band != plan.next
        checked += 1
    assert checked > 20


def test_next_band_out_of_reach_is_said_plainly(rep, monkeypatch):
    """No set of improvements reaches the next band: the page says so, with no empty plan."""
    from dswlib.standards.advice import NextBand

    real = rep.next_band_plan()
    assert real.reachable and real.steps  # the office's real plan exists
    monkeypatch.setattr(rep, "next_band_plan", lambda: NextBand(real.current, real.next, steps=[]))
    text = _visible(rep.next_band().to_html())
    assert re.search(rf"ก็ยังไม่ถึงระดับ\s+{re.escape(real.next.label_th)}", text) and "0 ตัวชี้วัด" not in text
    assert "<table" not in rep.next_band().to_html()


def test_points_lost_order_and_next_score(rep):
    table = rep.priorities().tables()[0].data
    lost = list(table["คะแนนที่เสีย"])
    assert lost == sorted(lost, reverse=True) and len(lost) > 0
    assert (table["คะแนน"] + table["คะแนนที่เสีย"] == 10).all()
    assert (table["คะแนนขั้นถัดไป"] > table["คะแนน"]).all()
    assert table["ตัวชี้วัดที่"].str.fullmatch(r"[234]\.\d+").all()


def test_body_speaks_thai_without_codes_or_file_names(rep):
    from dswlib.standards import StandardsOverview

    ov = StandardsOverview.load(fiscal_year=2564, params_dir=str(PARAMS))
    for r, names in ((rep, ["cover", "standing", "summary", "areas", "priorities", "next_band", "not_scored",
                            "indicators", "inputs"]),
                     (ov, ["cover", "problems", "distribution", "means", "most_failed", "ranking", "heatmap"])):
        for name in names:
            markup = getattr(r, name)().to_html()
            text = _visible(markup)
            assert not CODES.search(text), (name, CODES.search(text).group(0))
            assert 'alt=""' not in markup and "No description" not in markup
        appendix = _visible(r.appendix().to_html())
        assert "ภาคผนวก ข้อมูลทางเทคนิค" in appendix and "params/standards/DECISIONS.md" in appendix
        assert "004 L415-419" in appendix and "20210930" in appendix
        if r is rep:  # the ids of the indicators the office lost points on, and a link to the full table
            from dswlib.standards.advice import points_lost

            lost = [ind.id for ind, _, _ in points_lost(rep.rubric, rep.scores)]
            kept = [i.id for i in rep.rubric.scored_indicators() if i.id not in lost]
            assert lost and kept and all(i in appendix for i in lost)
            assert not [i for i in kept if re.search(rf"\b{re.escape(i)}\b", appendix)]
            assert 'href="overview.html#appendix"' in r.appendix().to_html()
        else:  # the overview's table covers every indicator, dimension 1 included
            assert all(i.id in appendix for i in r.rubric.indicators())
    cover = _visible(rep.cover().to_html())
    assert "ปีงบประมาณ พ.ศ. 2564" in cover and "ข้อมูลสมมติ" in cover
    assert "ตัวชี้วัดที่ 2.4" not in cover
    body = _visible(rep.summary().to_html())
    assert "ผ่านเกณฑ์ในระดับ" in body or "ตกเกณฑ์และ" in body


def test_overview_links_every_province_page():
    from dswlib.standards import StandardsOverview
    from dswlib.standards.provinces import load_provinces

    ov = StandardsOverview.load(fiscal_year=2564, params_dir=str(PARAMS))
    markup = ov.ranking().to_html()
    hrefs = re.findall(r'href="([^"]+)"', markup)
    assert sorted(hrefs) == sorted(f"{p.output_id}.html" for p in load_provinces(PARAMS))
    top = ov.most_failed().tables()[0].data
    counts = list(top["สำนักงานที่ไม่ผ่านเกณฑ์"])
    assert counts == sorted(counts, reverse=True) and len(counts) == 10


def test_most_failed_counts_recomputed(year):
    from dswlib.standards import StandardsOverview

    rubric, _, scores = year
    ov = StandardsOverview.load(fiscal_year=2564, params_dir=str(PARAMS))
    top = ov.most_failed().tables()[0].data.iloc[0]
    ind = next(i for i in rubric.scored_indicators() if f"{i.dimension}.{i.number}" == top["ตัวชี้วัดที่"])
    below = sum(1 for s in scores.values() if s.indicators[ind.id].status == "scored"
                and s.indicators[ind.id].score < ind.target_score)
    assert top["สำนักงานที่ไม่ผ่านเกณฑ์"] == below
    assert all(below >= sum(1 for s in scores.values() if s.indicators[i.id].status == "scored"
                            and s.indicators[i.id].score < i.target_score) for i in rubric.scored_indicators())


def test_summary_file_holds_scores_only(tmp_path):
    """A change that moves no score leaves the summary byte-identical (its hash is a job input);
    a score change changes it; a malformed file is left out, not fatal."""
    from dswlib.standards.demo import write_demo
    from dswlib.standards.provinces import load_provinces
    from dswlib.standards.rubric import load_rubric
    from dswlib.standards.summary import ensure_year_summary, load_year_summary

    params = tmp_path / "params"
    shutil.copytree(PARAMS, params, ignore=shutil.ignore_patterns(".cache", "assessments"))
    directory = params / "standards" / "assessments" / "2564"
    write_demo(load_rubric(params), load_provinces(params), 2564, directory)
    path = ensure_year_summary(2564, params)
    first = path.read_bytes()
    f = directory / "SYNTHETIC_standards_2564_50-chiang-mai.csv"
    lines = f.read_text(encoding="utf-8").splitlines()
    n = next(i for i, line in enumerate(lines) if line.startswith("D2.I2,numerator,"))
    lines[n] = lines[n].replace("D2.I2,numerator,", "D2.I2,numerator,0", 1)  # same number, other text
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert ensure_year_summary(2564, params).read_bytes() == first
    lines[n] = re.sub(r"^(D2\.I2,numerator,)[^,]*", r"\g<1>0", lines[n])  # 0 letters on time: a lower score
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = ensure_year_summary(2564, params).read_bytes()
    assert changed != first
    s = load_year_summary(2564, params)
    assert s.offices.loc["50", "status"] == "scored" and len(s.ranked) == 76
    bad = directory / "SYNTHETIC_standards_2564_11-samut-prakan.csv"
    bad.write_text(bad.read_text(encoding="utf-8").replace("D2.I2,numerator,", "D2.I2,numerator,มาก", 1),
                   encoding="utf-8")
    s = load_year_summary(2564, params)
    assert s.offices.loc["11", "status"] == "invalid" and len(s.ranked) == 75


@pytest.mark.parametrize("name,calls", [
    ("standards_province.ipynb", ["rep.cover()", "rep.standing()", "rep.summary()", "rep.areas()", "rep.priorities()",
                                  "rep.next_band()", "rep.not_scored()", "rep.indicators()", "rep.inputs()",
                                  "rep.appendix()"]),
    ("standards_overview.ipynb", ["rep.cover()", "rep.problems()", "rep.distribution()", "rep.means()",
                                  "rep.most_failed()", "rep.ranking()", "rep.heatmap()", "rep.appendix()"]),
])
def test_standards_notebooks_are_calls(name, calls):
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", [])
    for cell in code[1:]:
        for line in cell.source.splitlines():
            assert not re.match(r"\s*(for|if|while|def|class|try|with)\b", line), (name, line)
            assert "<" not in line and "display(" not in line and "show_" not in line, (name, line)
    assert [c.source.strip().splitlines()[-1] for c in code][1:] == calls
    assert all("DECISIONS" not in c.source and "params/" not in c.source for c in nb.cells if c.cell_type == "markdown")
