"""The format rulebook (kiểm tra thể thức) of a .docx, Party (HD 36) or State (NĐ 30) profile.

Each module holds the rules of one part of a document; RULES lists them all. Rules only read the
document, through its formatting resolved once (document.py); the validator judges the texts of
the number, recipients and signer (their codes are listed in CONTENT_RULES for the rulebook).
docs/format-rules.md is generated from these definitions by tools/make_format_rules.py.
"""

from __future__ import annotations

from ...core import official
from ...core.errors import Finding
from ...outline.model import Outline
from ..docreport import ReadReport
from . import body, header, letter, page, tail, text
from .catalogue import Judged, Rule
from .content import CONTENT_RULES, ContentRule
from .document import FormattedDocument

RULES: tuple[Rule, ...] = (*page.RULES, *header.RULES, *letter.RULES, *body.RULES, *tail.RULES, *text.RULES)

__all__ = ["CONTENT_RULES", "RULES", "ContentRule", "Rule", "check_format"]


def check_format(read_back: ReadReport, outline: Outline | None = None) -> list[Finding]:
    """Every format finding of a read report; a .txt has no layout to judge, only its words."""
    document = read_back.source.document
    formatted = FormattedDocument(document) if document is not None else FormattedDocument.plain(read_back.source.lines)
    system = outline.system if outline else (read_back.meta.system or official.STATE)
    judged = Judged(read_back, system, formatted)
    rules = [rule for rule in RULES if system in rule.systems and (document is not None or not rule.layout)]
    return [finding for rule in rules for finding in rule.findings(judged)]
