"""Small display helpers for the templates."""

from __future__ import annotations

import datetime as dt


def local_time(iso: str) -> str:
    """"2026-11-22T08:46:13+00:00" -> "15:46 ngày 22/11/2026" in the server's time zone."""
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def severity_class(severity: str) -> str:
    return {"error": "sev-error", "warning": "sev-warning"}.get(severity, "sev-info")
