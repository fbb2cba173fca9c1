"""Reading a year of assessments: every province (the overview, the year summary) or one province.

A province report opens only its own assessment file (plus the rubric and the province
list); the overview reads the whole directory, leaving out -- and listing -- the files
that cannot be used, so one malformed file never fails another province's page.
When a year has no assessment files the synthetic demo year is used
(:mod:`dswlib.standards.demo`), generated province by province with the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParamsError
from ..findings import Finding
from .aggregate import Scores
from .assessment import Assessment, read_assessment, score_assessment
from .provinces import Province, find_province, load_provinces
from .rubric import Rubric, load_rubric

@dataclass
class YearData:
    rubric: Rubric
    provinces: list[Province]
    assessments: dict[str, Assessment]
    source_th: str  # where the assessments came from (Thai, no file path)
    synthetic: bool
    #: the demo generator's seed (synthetic years only; named in the technical appendix)
    seed: int | None = None
    #: the assessment directory read (None for the demo year; named in the technical appendix)
    directory: Path | None = None
    #: assessment files that could not be used (one Finding per file); the overview lists them
    problems: list[Finding] = field(default_factory=list)


ASSESSMENT_SUFFIXES = (".csv", ".xlsx")
SOURCE_REAL_TH = "แบบประเมินผลการปฏิบัติตามมาตรฐานที่ สนง.พมจ. จัดส่ง"


SOURCE_SYNTHETIC_TH = "ข้อมูลสมมติที่สร้างขึ้นเพื่อสาธิตวิธีคำนวณ ไม่ใช่ผลการประเมินจริง"


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
        return YearData(rubric, provinces, demo_year(rubric, provinces, fiscal_year, s), SOURCE_SYNTHETIC_TH, True,
                        seed=s)
    found, problems = read_assessment_dir(directory, rubric, fiscal_year, params_dir, provinces)
    return YearData(rubric, provinces, found, SOURCE_REAL_TH, any(a.synthetic for a in found.values()),
                    directory=directory, problems=problems)


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
        return YearData(rubric, provinces, {prov.code: a}, SOURCE_SYNTHETIC_TH, True, seed=s), prov, a
    a = read_province_assessment(directory, prov, rubric, fiscal_year, params_dir)
    data = YearData(rubric, provinces, {prov.code: a} if a else {}, SOURCE_REAL_TH, bool(a and a.synthetic),
                    directory=directory)
    return data, prov, a


def year_scores(data: YearData) -> dict[str, Scores]:
    return {code: score_assessment(data.rubric, a)[0] for code, a in data.assessments.items()}


