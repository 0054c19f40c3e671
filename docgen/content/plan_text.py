"""The wording of plan-specific content written from data: deadlines of tasks and lines of
numeric targets built from structured indicators. Pure string functions, shared by the content
loader (so every front end and rule sees the text a reader will read) and its tests."""

from __future__ import annotations

import datetime as dt

DEADLINE_LABEL = "Thời gian thực hiện"
_NO_SPACE_UNITS = {"%", "‰", "%o"}
_ATTACHED = (",", ";", ":", ")")


def deadline_text(label: str, value: str, due: dt.date | None) -> str:
    """"Thời gian thực hiện: Thường xuyên." or, for a date, "Thời gian: xong trước ngày 15/11/2022."."""
    when = f"xong trước ngày {due:%d/%m/%Y}" if due else value.strip()
    return f"{label}: {when}" + ("" if when.endswith((".", "!", "?")) else ".")


def indicator_phrase(name: str, value: str, unit: str, text: str = "") -> str:
    """One target as the plan writes it: the `text` with {name}/{value}/{unit} filled in, else
    "name value unit" ("78%" without a space, "868.000 người" with one)."""
    if text:
        return text.replace("{name}", name).replace("{value}", value).replace("{unit}", unit).strip()
    gap = "" if unit.strip() in _NO_SPACE_UNITS else " "
    return f"{name} {value}{gap}{unit}".strip()


def join_phrases(phrases: list[str]) -> str:
    """Targets of one line joined by "; " (a phrase starting with "," attaches as written), ending "."."""
    line = ""
    for phrase in phrases:
        line += phrase if not line or phrase.startswith(_ATTACHED) else f"; {phrase}"
    return line if line.endswith(".") else f"{line}."


def lead_line(lead: str, years: set[str]) -> str:
    """"Đến năm 2030:" when the targets share one year (or the `lead` given, with {year} filled in)."""
    year = next(iter(years)) if len(years) == 1 else ""
    if lead:
        return lead.replace("{year}", year)
    return f"Đến năm {year}:" if year else ""
