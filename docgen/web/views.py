"""Small display helpers for the templates."""

from __future__ import annotations

import datetime as dt

from ..core.errors import Finding


def local_time(iso: str) -> str:
    """"2026-11-22T08:46:13+00:00" -> "15:46 ngày 22/11/2026" in the server's time zone."""
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def severity_class(severity: str) -> str:
    return {"error": "sev-error", "warning": "sev-warning"}.get(severity, "sev-info")


def finding_text(finding: Finding) -> str:
    """A finding as one line of a page: where it is (page, line), what, and its code."""
    line = f"dòng {finding.location.line}: " if finding.location.line else ""
    if finding.location.page:
        line = f"trang {finding.location.page}, {line}"
    return f"{line}{finding.message} ({finding.code})"
