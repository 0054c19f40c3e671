"""The sections a report's body has: the outline's, plus the extra sections the report declares."""

from __future__ import annotations

from ..outline.model import Outline, Section, expected_number
from .report import Report


def extras_under(outline: Outline, report: Report, parent: Section | None) -> list[Section]:
    """Declared extra sections placed under `parent` (None: top level), numbered after its own."""
    siblings = parent.children if parent else outline.sections
    depth = parent.depth + 1 if parent else 1
    answers = [a for a in report.sections.values()
               if a.extra and not outline.find(a.id) and (a.parent or None) == (parent.id if parent else None)]
    extras = []
    for offset, answer in enumerate(answers, start=1):
        number = expected_number(depth, len(siblings) + offset, parent)
        own = number.rstrip(".").split(".")[-1]
        ref = f"{parent.ref}.{own}" if parent else own
        extras.append(Section(answer.id, number, ref, answer.title or "", False, (), (), depth, answer.line))
    return extras


def find_extra(outline: Outline, report: Report, section_id: str) -> Section | None:
    answer = report.sections.get(section_id)
    if answer is None or not answer.extra:
        return None
    parent = outline.find(answer.parent) if answer.parent else None
    return next((s for s in extras_under(outline, report, parent) if s.id == section_id), None)
