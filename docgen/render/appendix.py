"""Layout pieces of plans: the outline printed as an appendix after the signature (the ĐỀ CƯƠNG
attached to a Kế hoạch, rendered from the very outline the reports follow), and the Nơi nhận
list with bracketed groups ("} (để báo cáo)")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..content.report import RecipientGroup, Report
from ..core import official
from ..core.vietnamese import format_date, nfc
from ..outline.model import Outline

APPENDIX_TITLE = "ĐỀ CƯƠNG"


def recipient_rows(lines: list[str], groups: tuple[RecipientGroup, ...], system: str) -> list[dict[str, Any]]:
    """Rows of the Nơi nhận table when the list has a group: one row per recipient, or one row per
    group with its members' lines and the brace and note beside them. Empty without groups: the
    template then prints the plain list."""
    if not groups:
        return []
    starts = {g.start: g for g in groups}
    rows, i = [], 0
    while i < len(lines):
        group = starts.get(i)
        count = group.count if group else 1
        note = f"({group.note}){official.RECIPIENT_SEPARATOR[system]}" if group and group.note else ""
        rows.append({"lines": [nfc(line) for line in lines[i:i + count]], "brace": "}" if group else "", "note": nfc(note)})
        i += count
    return rows


def appendix_context(outline: Outline, report: Report, appendix: Outline | None, styles: dict[int, str]) -> dict[str, Any] | None:
    """Title, subtitle, "(kèm theo Kế hoạch số …, ngày …)" and the outline's sections as body blocks."""
    if appendix is None or report.appendix is None:
        return None
    return {
        "title": APPENDIX_TITLE,
        "subtitle": nfc(report.appendix.title or appendix.name),
        "note": nfc(attached_note(outline, report)),
        "body": list(outline_blocks(appendix, styles)),
    }


def attached_note(outline: Outline, report: Report) -> str:
    """"(kèm theo Kế hoạch số 103-KH/TU, ngày 19 tháng 9 năm 2022)"."""
    kind = outline.kind_title.capitalize()
    number = f" số {report.number}" if report.number else ""
    day = f", {format_date(report.date)}" if report.date else ""
    return f"(kèm theo {kind}{number}{day})"


def outline_blocks(appendix: Outline, styles: dict[int, str]) -> Iterator[dict[str, Any]]:
    """Each section's number and title, then its guidance: one note as a paragraph, several as "- " items."""
    for section in appendix.walk():
        yield {"style": styles.get(section.depth, "heading3"), "text": nfc(f"{section.number} {section.title}")}
        several = len(section.guidance) > 1
        for note in section.guidance:
            yield {"style": "bullet1", "text": nfc(f"- {note}")} if several else {"style": "text", "text": nfc(note)}
