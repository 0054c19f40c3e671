"""Kính gửi, Nơi nhận and the signature block."""

from __future__ import annotations

from collections.abc import Iterator

from ...core import official
from ..headings import fold
from .catalogue import HD36, ND30, Hit, Judged, Rule
from .document import Para
from .typography import Look, look_rule, meta_line

S, P = (official.STATE,), (official.PARTY,)
PL1 = f"{ND30}, Phụ lục I"
PL3 = f"{HD36}, Phụ lục 3"


def _recipients_label(judged: Judged) -> Iterator[Hit]:
    # From the end, where the label stands: the same answer, after folding a few lines rather than all.
    if not any(fold(line.text).startswith("noi nhan") for line in reversed(judged.read_back.source.lines)):
        yield "không có “Nơi nhận:”", None


def _signature(judged: Judged) -> Iterator[Hit]:
    meta = judged.meta
    if not meta.authority and not meta.position:
        yield "không có khối chữ ký (quyền hạn, chức vụ người ký)", None
    elif not meta.signer:
        yield "không có họ tên người ký", meta.lines.get("signer.authority")


def _recipient_items(judged: Judged) -> list[Para]:
    lines = [index for key, index in judged.meta.lines.items() if key.startswith("recipients.")]
    return [p for p in (judged.doc.line(i) for i in lines) if p is not None and p.stripped]


def _addressed(judged: Judged) -> list[Para]:
    return [p for p in judged.body[:3] if p.stripped.startswith("Kính gửi")]


def _as_above(judged: Judged) -> Iterator[Hit]:
    """A document with "Kính gửi" lists "Như trên" first in Nơi nhận."""
    recipients = judged.meta.recipients
    if _addressed(judged) and recipients and not fold(recipients[0]).startswith("nhu tren"):
        yield f"có “Kính gửi” nhưng nơi nhận đầu tiên là “{recipients[0]}”", judged.meta.lines.get("recipients.0")


_LABEL, _AUTHORITY = meta_line("recipients"), meta_line("signer.authority")
_POSITION, _NAME = meta_line("signer.position"), meta_line("signer.name")

RULES = (
    look_rule("format-addressee-style", "Kính gửi", _addressed, Look((13, 14), italic=False), f"{PL1}, mục II.9.d", S, "#29"),
    look_rule("format-addressee-style", "Kính gửi", _addressed, Look((14, 14), italic=True), HD36, P, "#29"),
    Rule("format-as-above", "Như trên", "khi có “Kính gửi”, dòng đầu của nơi nhận là “- Như trên”", f"{PL1}, mục II.9.b; {HD36}",
         _as_above, layout=False, standard="#35"),
    Rule("format-recipients-label", "Nhãn “Nơi nhận”", "nhãn “Nơi nhận:”", f"{PL1}, mục II.9; {HD36}", _recipients_label,
         layout=False, standard="#30, #31"),
    look_rule("format-recipients-label-style", "Kiểu chữ “Nơi nhận:”", _LABEL,
               Look((12, 12), bold=True, italic=True, underline=False, align="left"), f"{PL1}, mục II.9.d", S, "#30"),
    look_rule("format-recipients-label-style", "Kiểu chữ “Nơi nhận:”", _LABEL,
               Look((14, 14), bold=False, italic=False, underline=True, align="left"), HD36, P, "#31"),
    look_rule("format-recipients-style", "Kiểu chữ danh sách nơi nhận", _recipient_items,
               Look((11, 11), bold=False, italic=False), f"{PL1}, mục II.9.d", S, "#32"),
    look_rule("format-recipients-style", "Kiểu chữ danh sách nơi nhận", _recipient_items,
               Look((12, 12), bold=False, italic=False), HD36, P, "#33"),
    Rule("format-signature", "Khối chữ ký", "quyền hạn, chức vụ và họ tên người ký", f"{ND30}, Điều 8; {HD36}", _signature,
         layout=False, standard="#40"),
    look_rule("format-authority-style", "Quyền hạn người ký", _AUTHORITY, Look((13, 14), bold=True, italic=False, caps=True),
               f"{PL1}, mục II.7", S, "#36"),
    look_rule("format-authority-style", "Quyền hạn người ký", _AUTHORITY, Look((14, 14), bold=True, italic=False, caps=True),
               f"{HD36}, điểm 1.7", P, "#37"),
    look_rule("format-position-style", "Chức vụ người ký", _POSITION, Look((13, 14), bold=True, italic=False, caps=True),
               f"{PL1}, mục II.7.đ", S, "#38"),
    look_rule("format-position-style", "Chức vụ người ký", _POSITION, Look((14, 14), bold=False, italic=False, caps=True), PL3, P, "#38"),
    look_rule("format-signer-style", "Họ tên người ký", _NAME, Look((13, 14), bold=True, italic=False, caps=False), f"{PL1}, mục II.7.c",
               S, "#39"),
    look_rule("format-signer-style", "Họ tên người ký", _NAME, Look((14, 14), bold=True, italic=False, caps=False), PL3, P, "#39"),
)
