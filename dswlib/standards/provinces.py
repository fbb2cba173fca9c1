"""The 76 provinces that have a provincial office (สนง.พมจ.), from params/standards/provinces.csv.

Columns ``code,name_th,name_en,slug`` and, optionally, ``ssw_office``: the number (1-11) of the
สสว. region office (สำนักงานส่งเสริมและสนับสนุนวิชาการ) the province belongs to, used for the
regional means of the standards pages (DECISIONS.md REGIONS).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import ParamsError
from ..filecache import cached_on_files

PROVINCES_FILE = "provinces.csv"


@dataclass(frozen=True)
class Province:
    code: str  # DOPA province code, e.g. "50"
    name_th: str
    name_en: str
    slug: str  # ASCII, e.g. "chiang-mai"
    ssw_office: int | None = None  # สสว. region 1-11 (None when the list has no such column)

    @property
    def output_id(self) -> str:
        """ASCII id for output paths: "50-chiang-mai"."""
        return f"{self.code}-{self.slug}"

    @property
    def office_th(self) -> str:
        return f"สนง.พมจ.{self.name_th}"

    @property
    def region_th(self) -> str:
        """"สสว.3" (empty when the region is not known)."""
        return f"สสว.{self.ssw_office}" if self.ssw_office is not None else ""


def provinces_path(params_dir) -> Path:
    from ..paths import resolve_params_dir

    return resolve_params_dir(params_dir) / "standards" / PROVINCES_FILE


def load_provinces(params_dir=None) -> list[Province]:
    return list(_load(str(provinces_path(params_dir).resolve())))


@cached_on_files(lambda path: [path], maxsize=8)
def _load(path: str) -> tuple[Province, ...]:
    p = Path(path)
    if not p.is_file():
        raise ParamsError(p, None, "the province list params/standards/provinces.csv", "missing file")
    lines = p.read_text(encoding="utf-8-sig").splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in body)))
    expected = ["code", "name_th", "name_en", "slug"]
    if reader.fieldnames not in (expected, expected + ["ssw_office"]):
        raise ParamsError(p, f"line {body[0][0] if body else 1}", f"the header {','.join(expected)}[,ssw_office]",
                          reader.fieldnames)
    out, seen = [], set()
    for (lineno, _), row in zip(body[1:], reader):
        code = (row["code"] or "").strip()
        if not re.fullmatch(r"[1-9]\d{1,3}", code):  # 2 digits for a province (4 for a district office)
            raise ParamsError(p, f"line {lineno}, column code", "a 2-digit province code", row["code"])
        slug = (row["slug"] or "").strip()
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            raise ParamsError(p, f"line {lineno}, column slug", "an ASCII slug like chiang-mai", row["slug"])
        if not (row["name_th"] or "").strip():
            raise ParamsError(p, f"line {lineno}, column name_th", "a Thai province name", row["name_th"])
        if code in seen:
            raise ParamsError(p, f"line {lineno}, column code", "a code not listed before", code)
        seen.add(code)
        region = None
        raw = (row.get("ssw_office") or "").strip()
        if "ssw_office" in row:
            if not re.fullmatch(r"[1-9]\d?", raw):
                raise ParamsError(p, f"line {lineno}, column ssw_office", "the สสว. region number 1-11", row["ssw_office"])
            region = int(raw)
        out.append(Province(code, row["name_th"].strip(), (row["name_en"] or "").strip(), slug, region))
    return tuple(out)


def find_province(key, params_dir=None) -> Province:
    """A province by code ("50"), output id ("50-chiang-mai"), slug, English or Thai name."""
    text = str(key).strip()
    for prov in load_provinces(params_dir):
        if text in (prov.code, prov.output_id, prov.slug, prov.name_th) or text.lower() == prov.name_en.lower():
            return prov
    raise ParamsError(provinces_path(params_dir), "province", "one of the 76 province codes or names", key)
