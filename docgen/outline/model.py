"""The Outline model (the đề cương: a tree of sections) and the numbering rules; docgen.outline.load loads it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import official
from ..core.vietnamese import VIETNAMESE_LETTERS, to_roman

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_TRUE = {"true", "yes", "có", "co"}
_FALSE = {"false", "no", "không", "khong"}


@dataclass(frozen=True)
class Section:
    id: str
    number: str  # as printed: "I.", "1.", "2.1."
    ref: str  # the path used in messages: "II.2.1"
    title: str
    required: bool
    guidance: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()
    depth: int = 1
    line: int | None = None

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True)
class Outline:
    id: str
    version: str
    name: str
    kind: str
    system: str
    template: str
    sections: tuple[Section, ...]
    file: str = ""
    source: str = ""
    profile: str = "hd36"
    corrections: tuple[dict[str, str], ...] = ()
    template_file: str = field(default="", repr=False, compare=False)
    sources: tuple[str, ...] = field(default=(), repr=False, compare=False)  # its file and the files it extends
    _index: dict[str, Section] = field(default_factory=dict, repr=False, compare=False)
    _parents: dict[str, Section] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update({s.id: s for s in self.walk()})
        for section in self.walk():
            for child in section.children:
                self._parents.setdefault(child.id, section)  # the first in walk order, if an id repeats

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def find(self, section_id: str) -> Section | None:
        return self._index.get(section_id)

    def parent_of(self, section_id: str) -> Section | None:
        return self._parents.get(section_id)

    @property
    def kind_title(self) -> str:
        return official.kind_title(self.kind, self.system) or self.kind

    def template_path(self) -> Path:
        """The template file found when the outline was loaded (docgen.outline.locate.find_template)."""
        return Path(self.template_file)


def expected_number(depth: int, position: int, parent: Section | None) -> str:
    """I. II. … at the top, 1. 2. … below, then 2.1. 2.2. … (the parent's number + position).

    From the third level down a đề cương may also print letters, a) b) … (`letter_number`)."""
    return number_at(depth, position, parent.number if parent else "")


def number_at(depth: int, position: int, parent_number: str) -> str:
    """`expected_number` from the parent's printed number ("" at the top)."""
    if depth == 1:
        return f"{to_roman(position)}."
    if depth == 2 or not parent_number[:1].isdigit():
        return f"{position}."
    return f"{parent_number.rstrip('.')}.{position}."


def letter_number(position: int) -> str:
    """"a)", "b)" … "đ)" …: the Vietnamese alphabet's letters, as points are lettered."""
    return f"{VIETNAMESE_LETTERS[(position - 1) % len(VIETNAMESE_LETTERS)]})"


def parse_boolean(value: Any) -> bool | None:
    text = str(value).strip().lower()
    return True if text in _TRUE else False if text in _FALSE else None


def format_tree(outline: Outline) -> str:
    """The outline as an indented tree, for `docgen outline show`."""
    lines = [f"{outline.name}", f"({outline.kind_title} · {official.SYSTEM_NAMES_VI[outline.system]} · mẫu {outline.template})"]
    for section in outline.walk():
        mark = "" if section.required else " (không bắt buộc)"
        lines.append(f"{'  ' * (section.depth - 1)}{section.number} {section.title}  [{section.id}]{mark}")
    return "\n".join(lines)
