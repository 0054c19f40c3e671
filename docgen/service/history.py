"""The changes between two versions of one section of a report (difflib, line by line)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..content.report import Paragraph, Table, parse_report
from ..core.errors import DocgenError

SAME, ADDED, REMOVED = "same", "added", "removed"


@dataclass(frozen=True)
class DiffLine:
    kind: str  # SAME, ADDED or REMOVED
    text: str


def section_lines(content: str, name: str, section_id: str) -> list[str]:
    """What a reader sees of a section: a line per paragraph, a line per table row (cells joined by " | ")."""
    try:
        report = parse_report(content, name)
    except DocgenError:
        return []
    answer = report.sections.get(section_id)
    if answer is None:
        return []
    lines: list[str] = []
    for block in answer.blocks:
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += [" | ".join(row) for row in (block.header, *block.rows)]
    return lines


def section_diff(old: str, new: str, name: str, section_id: str) -> list[DiffLine]:
    before, after = section_lines(old, name, section_id), section_lines(new, name, section_id)
    result = []
    for line in difflib.ndiff(before, after):
        code, text = line[:2], line[2:]
        if code == "  ":
            result.append(DiffLine(SAME, text))
        elif code == "- ":
            result.append(DiffLine(REMOVED, text))
        elif code == "+ ":
            result.append(DiffLine(ADDED, text))
    return result
