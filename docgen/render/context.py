"""build_context(outline, report) -> the dict a template places. All formatting happens here:
dates, numbering, case, list punctuation, NFC. The body follows the outline's order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..content.report import Block, Paragraph, Report
from ..content.structure import extras_under
from ..core import official
from ..core.vietnamese import date_line, nfc
from ..outline.model import Outline, Section
from .appendix import appendix_context, recipient_rows
from .properties import document_properties

HEADING_STYLES = {1: "heading1", 2: "heading2"}
BULLETS = {1: ("bullet1", "- "), 2: ("bullet2", "+ ")}


# Context entries that are not printed text: left as they are by `_printed`.
_NOT_PRINTED = frozenset({"system", "style", "properties"})


def build_context(outline: Outline, report: Report, appendix: Outline | None = None) -> dict[str, Any]:
    """`appendix`: the outline named by the content's `appendix` (pipeline.load resolves it)."""
    return _printed({**_shared_entries(outline, report), **_unit_entries(outline, report, appendix)})


def unit_context(shared: dict[str, Any], outline: Outline, report: Report, appendix: Outline | None = None) -> dict[str, Any]:
    """build_context(outline, report, appendix), where `shared` is the context of a report that has
    the same body, summary and parts (a bulk run's base content): only what a unit's row changes
    (organ, number, place, date, recipients, signer) is made again; the body is shared, not copied."""
    return {**shared, **_printed(_unit_entries(outline, report, appendix))}


def _printed(value: Any) -> Any:
    """Every printed string with its numbers and symbols kept on one line (official.keep_together)."""
    if isinstance(value, str):
        return official.keep_together(value)
    if isinstance(value, list):
        return [_printed(item) for item in value]
    if isinstance(value, dict):
        return {key: item if key in _NOT_PRINTED else _printed(item) for key, item in value.items()}
    return value


def _shared_entries(outline: Outline, report: Report) -> dict[str, Any]:
    """What the outline and the content's body give (the same for every unit of a bulk run)."""
    return {
        "system": outline.system,
        "kind_title": outline.kind_title,
        "summary": nfc("\n".join(report.summary)),
        "body": list(body_blocks(outline, report)),
    }


def _unit_entries(outline: Outline, report: Report, appendix: Outline | None) -> dict[str, Any]:
    """What the metadata a units table may set gives: organ, number, place and date, recipients, signer."""
    system = outline.system
    return {
        "organ_parent": nfc(report.organ.parent),
        "organ": nfc(report.organ.name),
        "number_line": number_line(report.number, outline),
        "date_line": nfc(date_line(report.place, report.date)) if report.date else nfc(f"{report.place}, ngày … tháng … năm …"),
        "recipients": [nfc(line) for line in recipient_lines(report.recipients, system)],
        "recipient_rows": recipient_rows(recipient_lines(report.recipients, system), report.recipient_groups, system),
        "appendix": appendix_context(outline, report, appendix, HEADING_STYLES),
        "properties": document_properties(outline.kind_title, "\n".join(report.summary), report.organ.name, report.date),
        "signer": {
            "authority": nfc(report.signer.authority),
            "position": nfc(report.signer.position),
            "name": nfc(report.signer.name),
        },
    }


def number_line(number: str, outline: Outline) -> str:
    prefix = official.NUMBER_PREFIX[outline.system]
    if number:
        return nfc(f"{prefix}{number}")
    blank = f"     -{outline.kind}/" if outline.system == official.PARTY else f"     /{outline.kind}-"
    return f"{prefix}{blank}"


def recipient_lines(recipients: tuple[str, ...], system: str) -> list[str]:
    """The printed list: "- X," per line (Party) or "- X;" (State), the last ending "."."""
    sep = official.RECIPIENT_SEPARATOR[system]
    last = len(recipients) - 1
    return [f"- {r}{'.' if i == last else sep}" for i, r in enumerate(recipients)]


def body_blocks(outline: Outline, report: Report) -> Iterator[dict[str, Any]]:
    yield from _blocks(report.opening)
    parts = {part.sections[0]: part for part in report.parts if part.sections}
    tops = list(outline.sections) + extras_under(outline, report, None)
    for top in tops:
        part = parts.get(top.id)
        if part:
            yield {"style": "part_label", "text": nfc(part.label)}
            yield {"style": "part_title", "text": nfc(part.title)}
        yield from _section(top, report, outline, with_heading=not (part and len(part.sections) == 1))
    yield from _blocks(report.closing)


def heading_number(number: str, numbering: str) -> str:
    """"II." as printed with the content's numbering: "II-" for "hyphen", else unchanged."""
    return f"{number.rstrip('.')}-" if numbering == "hyphen" else number


def _section(section: Section, report: Report, outline: Outline, with_heading: bool = True) -> Iterator[dict[str, Any]]:
    if not any(s.id in report.sections for s in section.walk()):
        return  # a gap stays a gap: the validator reports it, the document does not invent it
    answer = report.sections.get(section.id)
    if with_heading:
        title = answer.title if answer and answer.title else section.title
        style = HEADING_STYLES.get(section.depth, "heading3")
        yield {"style": style, "text": nfc(f"{heading_number(section.number, report.numbering)} {title}")}
    if answer:
        yield from _blocks(answer.blocks)
    children = list(section.children) + extras_under(outline, report, section)
    for child in children:
        yield from _section(child, report, outline)


def _blocks(blocks: tuple[Block, ...]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        if isinstance(block, Paragraph):
            if block.level in BULLETS:
                style, mark = BULLETS[block.level]
                yield {"style": style, "text": nfc(mark + block.text)}
            else:
                yield {"style": "text", "text": nfc(block.text)}
        else:
            yield {
                "style": "table",
                "text": nfc(block.caption),
                "caption": nfc(block.caption),
                "header": [nfc(h) for h in block.header],
                "rows": [[nfc(c) for c in row] for row in block.rows],
            }
