"""Typography of one element (size, bold, italic, underline, case, alignment) as data: the expected
look is written once and gives both the check and its Vietnamese description."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..headings import is_upper
from .catalogue import Check, Hit, Judged, Rule, points, quote
from .document import Para

DEFAULT_SIZE = 10.0  # Word's size when neither a style nor the defaults set one
ALIGN_NAMES = {"center": "căn giữa", "justify": "căn đều hai bên", "left": "căn trái", "right": "căn phải"}


@dataclass(frozen=True)
class Look:
    size: tuple[float, float] | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    align: str | None = None

    def describe(self) -> str:
        parts = []
        if self.caps is not None:
            parts.append("in hoa" if self.caps else "in thường")
        for flag, yes, no in ((self.bold, "đậm", "không đậm"), (self.italic, "nghiêng", "đứng"),
                              (self.underline, "gạch chân", "không gạch chân")):
            if flag is not None:
                parts.append(yes if flag else no)
        if self.size:
            low, high = self.size
            parts.append(f"cỡ {points(low)}" if low == high else f"cỡ {points(low)}–{points(high)}")
        if self.align:
            parts.append(ALIGN_NAMES[self.align])
        return ", ".join(parts)


def differences(para: Para, look: Look) -> list[str]:
    found = []
    if look.caps is not None and (is_upper(para.stripped) or bool(para.value("caps", False))) != look.caps:
        found.append("không in hoa" if look.caps else "in hoa")
    for key, flag, yes, no in (("bold", look.bold, "in đậm", "không in đậm"), ("italic", look.italic, "in nghiêng", "không in nghiêng"),
                               ("underline", look.underline, "gạch chân", "không gạch chân")):
        if flag is not None and bool(para.value(key, False)) != flag:
            found.append(yes if not flag else no)
    if look.size:
        size = float(para.value("size", DEFAULT_SIZE))
        if not look.size[0] <= size <= look.size[1]:
            found.append(f"cỡ {points(size)}")
    if look.align and para.setting("align", "left") != look.align:
        found.append(f"không {ALIGN_NAMES[look.align]}")
    return found


Locate = Callable[[Judged], list[Para]]


def styled(locate: Locate, look: Look) -> Check:
    """A check that every paragraph `locate` finds has `look`."""
    def check(judged: Judged) -> Iterator[Hit]:
        for para in locate(judged):
            wrong = differences(para, look)
            if wrong:
                yield f"{quote(para.stripped)} {', '.join(wrong)}", para.index
    return check


def meta_line(key: str) -> Locate:
    """The paragraph the reader found a metadata field on (kind, number, date, signer.name…)."""
    def locate(judged: Judged) -> list[Para]:
        para = judged.at(key)
        return [para] if para is not None and para.stripped else []
    return locate


def header_text(*texts: str) -> Locate:
    def locate(judged: Judged) -> list[Para]:
        return [p for p in judged.header if p.stripped in texts][:1]
    return locate


def look_rule(rule_id: str, title: str, locate: Locate, look: Look, source: str, systems: tuple[str, ...], standard: str) -> Rule:
    """A rule that the paragraphs `locate` finds have `look`; the expected text is the look described."""
    return Rule(rule_id, title, look.describe(), source, styled(locate, look), systems, standard=standard)
