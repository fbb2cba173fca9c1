"""Names for the project's SYNTHETIC test data (never real people).

Chosen so that none is a Thai dictionary word or appears in the seed documents
(a test checks both): the scanner flags them anywhere in an output, with or
without a title, without false alarms.
"""

SYNTHETIC_GIVEN_NAMES = (
    "จันทร์เพ็ญ", "อรุณี", "สายสุนีย์", "บุญเรือน", "คำแปง", "ศรีนวล", "เพ็ญศรี", "พิมพ์ชนก",
    "ชไมพร", "บุญเลิศ", "ธีรวัฒน์", "บุญชู", "คำปัน", "กิมหลี", "ทองพูน", "บุญหลง",
    "ผ่องศรี", "สุพัตรา", "ยุพิน", "ณัฐธิดา", "คำพันธ์", "อนงค์นาถ",
)
SYNTHETIC_SURNAMES = (
    "แก้วประเสริฐ", "พึ่งบุญ", "อินทร์แก้ว", "บุญประคอง", "พรหมมา", "จันทร์หอม", "เรืองศรี",
    "ทองสุข", "สายทอง", "วงศ์คำจันทร์", "ธรรมวงศ์ษา", "บุญยืนยง",
)
