"""The params transcribe the seeds: every name and figure cited as "00x Lnn" is on that line."""

import re
from pathlib import Path

import pytest

from dswlib.roadmap import load_plan

ROOT = Path(__file__).resolve().parents[1]
SEEDS = next((p for p in (ROOT.parent / "shared" / "seeds", Path("/work/shared/seeds")) if p.is_dir()),
             ROOT.parent / "shared" / "seeds")
FILES = {"000": "000_e4f9380c39278d35.txt", "001": "001_312cc096db5cd619.txt"}
# Names joined by us from cells the export split apart (documented in the params note).
JOINED = {("enterprise_architecture", "ea_activities_done")}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")


def clean(text):
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(text.replace("■", " ").replace("*", "").replace("|", " ").replace("#", " ").split())


def lines_of(source):
    seed, rest = source.split(" ", 1)
    numbers = []
    for part in rest.split(","):
        nums = [int(n) for n in re.findall(r"L(\d+)", part)]
        numbers.extend(range(nums[0], nums[-1] + 1) if len(nums) == 2 else nums)
    text = (SEEDS / FILES[seed]).read_text(encoding="utf-8").split("\n")
    return clean(" ".join(text[n - 1] for n in numbers))


@pytest.mark.parametrize("year", [2569, 2566])
def test_names_are_on_the_cited_lines(year):
    plan = load_plan(year, ROOT / "params")
    checked = 0
    for _, project in plan.iter_projects():
        items = [(project.name, project.source)]
        items += [(a.name, a.source) for a in project.activities]
        items += [(k.name, k.source) for k in project.kpis if (project.id, k.id) not in JOINED]
        items += [(t, project.six_month_targets_source) for t in project.six_month_targets]
        for text, source in items:
            if text and source:
                assert clean(text) in lines_of(source), (project.id, source, text)
                checked += 1
    assert checked > 40


def test_printed_kpi_figures_are_on_the_cited_lines():
    plan = load_plan(2569, ROOT / "params")
    checked = 0
    for project in plan.projects:
        prog = project.progress.get(6)
        for res in (prog.kpi_results.values() if prog else []):
            if res.achieved is None:
                continue
            line = lines_of(res.source)
            for value in (res.achieved, res.base, res.percent_printed):
                if value is not None:
                    plain = f"{value:,}" if value == int(value) else str(value)
                    assert plain in line or str(value) in line, (project.id, value, res.source)
                    checked += 1
    assert checked >= 14
