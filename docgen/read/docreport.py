"""A read document as a Report, so that the same validate() judges it as a content file.

Every finding points into the document: Location.file is the document and Location.line the
paragraph (.docx) or text line (.txt) where the section, field or problem stands; a missing
section points where it was expected (at the next section the document does have).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..content.report import Organ, Report, SectionAnswer, Signer
from ..core.errors import Finding
from ..core.yamlio import YamlDoc
from ..outline.model import Outline
from ..validate.rules import validate
from .detect import Detected, detect
from .docmeta import Meta, extract
from .paragraphs import paragraphs
from .reader import Source, read

_MISSING = {"missing-section", "missing-optional-section"}


@dataclass(frozen=True)
class ReadReport:
    source: Source
    meta: Meta
    detected: Detected
    report: Report


def read_report(path: Path, outline: Outline, display: str | None = None) -> ReadReport:
    source = read(path, display)
    meta = extract(source.lines)
    body = [p for p in paragraphs(source) if meta.body_start <= p.index < meta.body_end and not p.in_table]
    detected = detect(outline, body, source.file)
    return ReadReport(source, meta, detected, to_report(source, meta, detected, outline))


def to_report(source: Source, meta: Meta, detected: Detected, outline: Outline) -> Report:
    lines = _lines(meta, detected)
    sections = {a.id: SectionAnswer(a.id, tuple(a.blocks), a.title or None, a.extra, a.parent, a.line) for a in detected.answers.values()}
    return Report(
        outline=outline.id, organ=Organ(meta.organ_parent, meta.organ), number=meta.number, place=meta.place,
        date=meta.date, date_text=meta.date_text, summary=tuple(meta.summary), opening=tuple(detected.opening),
        parts=tuple(detected.parts), sections=sections, closing=tuple(detected.closing),
        recipients=tuple(meta.recipients), signer=Signer(meta.authority, meta.position, meta.signer),
        doc=YamlDoc({}, source.file, lines), load_findings=source.findings,
    )


def _lines(meta: Meta, detected: Detected) -> dict[tuple[str | int, ...], int]:
    lines: dict[tuple[str | int, ...], int] = {(): 1, ("sections",): meta.body_start or 1}
    for key, line in meta.lines.items():
        path = tuple(int(p) if p.isdigit() else p for p in key.split("."))
        lines[path] = line
    lines.setdefault(("signer",), lines.get(("signer", "authority"), meta.body_end if meta.body_end < 1 << 30 else 1))
    for answer in detected.answers.values():
        lines[("sections", answer.id)] = lines[("sections", answer.id, "title")] = answer.line
    for i, part in enumerate(detected.parts):
        if part.line:
            lines[("parts", i)] = part.line
    if detected.opening_line:
        lines[("opening",)] = detected.opening_line
    if detected.closing_line:
        lines[("closing",)] = detected.closing_line
    return lines


def check_document(path: Path, outline: Outline, display: str | None = None) -> tuple[ReadReport, list[Finding]]:
    """Read a .docx/.txt report and validate it against the outline, findings in document order."""
    read_back = read_report(path, outline, display)
    findings = validate(outline, read_back.report) + read_back.detected.findings
    findings = [_relocate(f, outline, read_back) for f in findings]
    findings.sort(key=lambda f: f.location.line or 0)
    return read_back, [on_page(f, read_back.source) for f in findings]


def on_page(finding: Finding, source: Source) -> Finding:
    """A PDF's finding points at the page and the printed line there, not at the paragraph's number."""
    if source.kind != "pdf" or finding.location.file != source.file or not finding.location.line:
        return finding
    line = next((line for line in source.lines if line.index == finding.location.line), None)
    if line is None:
        return finding
    return replace(finding, location=replace(finding.location, page=line.page, line=line.page_line))


def _relocate(finding: Finding, outline: Outline, read_back: ReadReport) -> Finding:
    """A missing section points where it was expected: at the heading that follows the section
    before it in the outline (or at the end of the body)."""
    if finding.code not in _MISSING:
        return finding
    answers = read_back.detected.answers
    ids = [s.id for s in outline.walk()]
    section = next((s for s in outline.walk() if s.ref == finding.location.section), None)
    if section is None:
        return finding
    before = [answers[i].line for i in ids[: ids.index(section.id)] if i in answers]
    headings = sorted(a.line for a in answers.values())
    end = read_back.detected.closing_line or read_back.meta.lines.get("recipients")
    anchor = before[-1] if before else 0
    line = next((h for h in headings if h > anchor), end)
    return replace(finding, location=replace(finding.location, line=line)) if line else finding
