"""Thai titles that stand before a person's name (คำนำหน้านาม).

Civil titles, children's titles, military and police ranks (full and
abbreviated, with the female ``หญิง`` suffix), academic and medical titles and
the common honorifics. Deliberately left out because they are everyday words
or abbreviations too (ambiguous in report prose): ``อาจารย์``, ``ท่าน``,
``พระ`` (monks' titles), ``อ.`` (อำเภอ), ``จ.`` (จังหวัด), ``ต.`` (ตำบล).
"""

from __future__ import annotations

import re

CIVIL = ("นาย", "นาง", "นางสาว", "น.ส.", "เด็กชาย", "เด็กหญิง", "ด.ช.", "ด.ญ.", "คุณ")

_ARMY_FULL = ("พลเอก", "พลโท", "พลตรี", "พันเอก", "พันโท", "พันตรี", "ร้อยเอก", "ร้อยโท", "ร้อยตรี",
              "จ่าสิบเอก", "จ่าสิบโท", "จ่าสิบตรี", "สิบเอก", "สิบโท", "สิบตรี", "พลทหาร")
_POLICE_FULL = ("พลตำรวจเอก", "พลตำรวจโท", "พลตำรวจตรี", "พันตำรวจเอก", "พันตำรวจโท", "พันตำรวจตรี",
                "ร้อยตำรวจเอก", "ร้อยตำรวจโท", "ร้อยตำรวจตรี", "ดาบตำรวจ", "จ่าสิบตำรวจ",
                "สิบตำรวจเอก", "สิบตำรวจโท", "สิบตำรวจตรี", "พลตำรวจ")
_NAVY_AIR_FULL = ("พลเรือเอก", "พลเรือโท", "พลเรือตรี", "นาวาเอก", "นาวาโท", "นาวาตรี", "เรือเอก", "เรือโท",
                  "เรือตรี", "พลอากาศเอก", "พลอากาศโท", "พลอากาศตรี", "นาวาอากาศเอก", "นาวาอากาศโท",
                  "นาวาอากาศตรี", "เรืออากาศเอก", "เรืออากาศโท", "เรืออากาศตรี")
_RANK_ABBREVIATIONS = (
    "พล.อ.", "พล.ท.", "พล.ต.", "พ.อ.", "พ.ท.", "พ.ต.", "ร.อ.", "ร.ท.", "ร.ต.", "จ.ส.อ.", "จ.ส.ท.", "จ.ส.ต.",
    "ส.อ.", "ส.ท.", "ส.ต.", "พลฯ",
    "พล.ต.อ.", "พล.ต.ท.", "พล.ต.ต.", "พ.ต.อ.", "พ.ต.ท.", "พ.ต.ต.", "ร.ต.อ.", "ร.ต.ท.", "ร.ต.ต.", "ด.ต.",
    "ส.ต.อ.", "ส.ต.ท.", "ส.ต.ต.",
    "พล.ร.อ.", "พล.ร.ท.", "พล.ร.ต.", "น.อ.", "น.ท.", "น.ต.", "พล.อ.อ.", "พล.อ.ท.", "พล.อ.ต.",
)
ACTING = ("ว่าที่ร้อยตรี", "ว่าที่ร้อยโท", "ว่าที่ร้อยเอก", "ว่าที่ ร.ต.", "ว่าที่ร.ต.", "ว่าที่ ร.ท.", "ว่าที่ร.ท.",
          "ว่าที่ ร.อ.", "ว่าที่ร.อ.", "ว่าที่เรือตรี", "ว่าที่ ร.ต.หญิง")
ACADEMIC = ("ศาสตราจารย์", "รองศาสตราจารย์", "ผู้ช่วยศาสตราจารย์", "ดร.", "ศ.", "รศ.", "ผศ.",
            "ศ.ดร.", "รศ.ดร.", "ผศ.ดร.", "ศ.นพ.", "รศ.นพ.", "ผศ.นพ.", "ศ.พญ.", "รศ.พญ.", "ผศ.พญ.")
MEDICAL = ("นายแพทย์", "แพทย์หญิง", "นพ.", "พญ.", "ทันตแพทย์", "ทันตแพทย์หญิง", "ทพ.", "ทพญ.",
           "เภสัชกร", "เภสัชกรหญิง", "ภก.", "ภญ.", "สัตวแพทย์", "สพ.")
HONORIFIC = ("หม่อมราชวงศ์", "ม.ร.ว.", "หม่อมหลวง", "ม.ล.", "หม่อมเจ้า", "ม.จ.", "ท่านผู้หญิง", "คุณหญิง")

RANKS = _ARMY_FULL + _POLICE_FULL + _NAVY_AIR_FULL + _RANK_ABBREVIATIONS
#: Every title recognised, longest first (so ``นางสาว`` wins over ``นาง``).
TITLES: tuple[str, ...] = tuple(sorted(set(CIVIL + RANKS + ACTING + ACADEMIC + MEDICAL + HONORIFIC),
                                       key=lambda t: (-len(t), t)))

#: Ranks may carry ``หญิง`` (female officer): ``ร.ต.อ.หญิง``, ``พันตำรวจโทหญิง``.
FEMALE_SUFFIX = "หญิง"

TITLE_RE = re.compile("|".join(re.escape(t) for t in TITLES))

#: Titles long enough that they never occur inside a real given name or surname;
#: a "name" that contains one is a phrase (``เด็กชายและเด็กหญิง``).
LONG_TITLES = tuple(t for t in TITLES if len(t) >= 5 and "." not in t)


def is_dotted(title: str) -> bool:
    """Abbreviated titles end with a full stop (``น.ส.``, ``ร.ต.อ.``): their end is a word end."""
    return title.endswith(".") or title.endswith("ฯ")
