"""The draft report of the level above, as a Report in the same outline: each section gathers
the units' text under each unit's name, and the opening carries the aggregated indicator table.
It is rendered by the session, like any content file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..content.report import Block, Organ, Paragraph, Report, SectionAnswer, Signer, Table
from ..core import official
from ..core.fsio import atomic_write
from ..outline.model import Section
from ..pipeline import Session
from .collect import Rollup
from .indicators import format_value

KIND_VI = {"count": "số lượng", "rate": "tỷ lệ"}
TABLE_CAPTION = "Bảng tổng hợp các chỉ tiêu của các đơn vị"


def aggregate_table(rollup: Rollup) -> Table:
    header = ("STT", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp", "Cách tổng hợp", "Số đơn vị có số liệu")
    rows = tuple(
        (str(i), agg.name, agg.unit, format_value(agg.total), agg.method, f"{agg.reported}/{len(rollup.units)}")
        for i, agg in enumerate(rollup.indicators, start=1)
    )
    return Table(header, rows, TABLE_CAPTION)


def gathered(section: Section, rollup: Rollup) -> tuple[Block, ...]:
    """Each unit's own text of `section`, under the unit's name, in the units' order."""
    blocks: list[Block] = []
    for unit in rollup.units:
        answer = unit.report.sections.get(section.id)
        if answer is None or answer.is_empty:
            continue
        blocks.append(Paragraph(f"{unit.name}:"))
        blocks += answer.blocks
    return tuple(blocks)


def _common(values: list[str]) -> str:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else ""


def draft_report(rollup: Rollup) -> Report:
    """The higher level's draft: its organ is the units' common parent organ; number, date and signer are left to fill in
    (the signature block is there, collective authority and "…" for the rest, so the draft keeps the official layout)."""
    reports = [u.report for u in rollup.units]
    sections = {}
    for section in rollup.outline.walk():
        blocks = gathered(section, rollup)
        if blocks:
            sections[section.id] = SectionAnswer(section.id, blocks)
    opening: tuple[Block, ...] = (aggregate_table(rollup),) if rollup.indicators else ()
    # the summary a unit wrote for this outline (a plan filed in the same folder has another)
    summary = _common(["\n".join(r.summary) for r in reports if r.outline == rollup.outline.id])
    return Report(
        outline=rollup.outline.id,
        organ=Organ("", _common([r.organ.parent for r in reports])),
        place="…",
        summary=tuple(summary.splitlines()),
        opening=opening,
        sections=sections,
        signer=Signer(official.COLLECTIVE_AUTHORITY[rollup.outline.system], "…", "…"),
    )


def write_draft(path: Path, rollup: Rollup, session: Session) -> None:
    atomic_write(path, session.render(session.attach(draft_report(rollup), outline=rollup.outline)))
