"""The time every service function takes as `now`, and the deadline rule."""

from __future__ import annotations

import datetime as dt

OFFICE_ZONE = dt.timezone(dt.timedelta(hours=7), "ICT")  # Vietnam: UTC+7, no daylight saving


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive datetimes for the UTC values stored: read them as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def deadline_end(day: dt.date) -> dt.datetime:
    """A report is on time when it is submitted by the end of its deadline day, Vietnam time."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), OFFICE_ZONE)


def local_text(moment: dt.datetime | None) -> str:
    """"14:05 ngày 30/11/2026", Vietnam time."""
    if moment is None:
        return ""
    local = aware(moment).astimezone(OFFICE_ZONE)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"
