"""Thai formatting of the dashboard's figures: numbers, B.E. dates and times, level names."""

from __future__ import annotations

import datetime as dt

from ..thainum import format_number

BANGKOK = dt.timezone(dt.timedelta(hours=7))  # Thailand keeps no daylight saving time


def num(value, places: int | None = 2) -> str:
    """``54.17``, ``1,424``; ``-`` when there is no figure."""
    if value is None:
        return "-"
    return format_number(value, places)


def count(value) -> str:
    return "-" if value is None else format_number(int(value))


def when(iso: str | None) -> str:
    """An ISO time as Thai B.E. date with abbreviated month and Bangkok time: ``1 ธ.ค. 2569 เวลา 09:28 น.``."""
    from ..fiscal import format_thai_date

    if not iso:
        return "-"
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone(BANGKOK)
    except ValueError:
        return str(iso)
    return f"{format_thai_date(moment.date(), abbreviated=True)} เวลา {moment:%H:%M} น."


def duration(seconds) -> str:
    """``1 นาที 17 วินาที``."""
    if seconds is None:
        return "-"
    seconds = int(round(float(seconds)))
    minutes, sec = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} ชั่วโมง")
    if minutes:
        parts.append(f"{minutes} นาที")
    parts.append(f"{sec} วินาที")
    return " ".join(parts)
