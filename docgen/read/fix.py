"""`docgen fix` (chuẩn hóa thể thức): a report written by hand, read and rebuilt in the official
template of its system, every word kept; what changed is told rule by rule.

The rebuild goes the normal way: the read report becomes a content file (importer), the session
renders it with the outline's template. Nothing is rebuilt when the reader is not sure of the
document's structure (unless forced), and words that would not reach the rebuilt document are
listed: the author's text is never dropped silently.
"""

from __future__ import annotations

import re
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.report import parse_report
from ..core import official
from ..core.errors import Finding
from ..core.fsio import atomic_write
from ..core.vietnamese import nfc, repair_mojibake
from ..outline.model import Outline
from ..pipeline import Session
from .docreport import ReadReport
from .documents import check_read
from .format_rules import RULES
from .importer import content_yaml
from .office import KINDS as OFFICE_KINDS

ACCEPTED = (".docx", *OFFICE_KINDS)  # .doc, .odt, .rtf are read through LibreOffice as the .docx it makes of them
_STRUCTURE_CODES = {"out-of-order": "các mục không theo thứ tự đề cương (bản sửa xếp lại theo đề cương)"}


@dataclass(frozen=True)
class Change:
    rule: str
    title: str
    before: int
    after: int
    layout: bool  # False: a rule on the author's words, which the rebuild keeps as written

    @property
    def outcome(self) -> str:
        """What became of the rule's findings, as the CLI and the web page tell it."""
        if self.after == 0:
            return "đã sửa"
        return f"còn {self.after}" if self.layout else "lời văn giữ nguyên, tác giả cần tự sửa"


@dataclass(frozen=True)
class Fixed:
    changes: tuple[Change, ...]
    remaining: tuple[Finding, ...]  # format findings the rebuilt document still draws (layout and words)
    lost_words: tuple[str, ...]  # words of the report missing from the rebuilt document


def doubts(read_back: ReadReport, findings: list[Finding], outline: Outline) -> list[str]:
    """Why the structure the reader found may be wrong (in Vietnamese); empty when it is sure."""
    meta, found = read_back.meta, []
    checks: tuple[tuple[object, str], ...] = (
        (meta.kind, "không nhận ra tên loại văn bản"), (meta.organ, "không nhận ra tên cơ quan ban hành"),
        (meta.date, "không nhận ra ngày ban hành"), (meta.recipients, "không nhận ra nơi nhận"),
        (meta.signer, "không nhận ra họ tên người ký"), (read_back.detected.answers, "không nhận ra mục nào của đề cương"),
    )
    for present, reason in checks:
        if not present:
            found.append(reason)
    if meta.system and meta.system != outline.system:
        found.append(f"văn bản là {official.SYSTEM_NAMES_VI[meta.system]} nhưng đề cương là của {official.SYSTEM_NAMES_VI[outline.system]}")
    found += sorted({_STRUCTURE_CODES[f.code] for f in findings if f.code in _STRUCTURE_CODES})
    return found


def words(text: str) -> Counter[str]:
    """The words of a text as the rebuild may rewrite them: repaired, NFC, case and punctuation aside."""
    return Counter(re.findall(r"\w+", nfc(repair_mojibake(text)).casefold()))


def document_words(read_back: ReadReport) -> Counter[str]:
    total: Counter[str] = Counter()
    for line in read_back.source.lines:
        total += words(line.text)
        if line.table is not None:
            total += words(" ".join([*line.table.header, *(c for row in line.table.rows for c in row)]))
    return total


def format_findings(findings: list[Finding]) -> list[Finding]:
    ids = {rule.id for rule in RULES}
    return [f for f in findings if f.code in ids]


def rebuild(session: Session, read_back: ReadReport, outline: Outline) -> bytes:
    report = parse_report(content_yaml(read_back, outline), read_back.source.file)
    return session.render(session.attach(report, outline=outline))


def changes(before: list[Finding], after: list[Finding], system: str) -> tuple[Change, ...]:
    rules = {rule.id: rule for rule in RULES if system in rule.systems}
    counted_before, counted_after = Counter(f.code for f in before), Counter(f.code for f in after)
    return tuple(Change(code, rules[code].title, counted_before[code], counted_after[code], rules[code].layout)
                 for code in sorted(counted_before))


def fix(session: Session, source: Path, target: Path, outline: Outline, force: bool = False) -> Fixed | list[str]:
    """Rebuild `source` into `target`; the reasons to refuse instead when the structure is uncertain."""
    read_back, findings = check_read(source, outline)
    reasons = doubts(read_back, findings, outline)
    if reasons and not force:
        return reasons
    data = rebuild(session, read_back, outline)
    with tempfile.TemporaryDirectory() as folder:  # judged before it replaces anything
        draft = Path(folder) / "fixed.docx"
        draft.write_bytes(data)
        again, after = check_read(draft, outline)
    atomic_write(target, data)
    lost = document_words(read_back) - document_words(again)
    remaining = tuple(replace(f, location=replace(f.location, file=str(target))) for f in format_findings(after))
    return Fixed(changes(format_findings(findings), format_findings(after), outline.system), remaining, tuple(sorted(lost)))
