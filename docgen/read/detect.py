"""Find the outline's sections in the body of a document docgen did not write.

Headings are matched to the outline by number, position and title: a heading's number points at
a sibling, a clearly better title match among the siblings wins over the number, and a heading
that fits neither becomes an extra section (reported by the validator as such). "Phần thứ …"
lines either group top-level sections or answer one section themselves (renumbering the tail).
Numbered lines under a section that has no sub-sections in the outline are its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.report import Block, Paragraph, Part
from ..core.errors import Finding, Location, warning
from ..core.vietnamese import from_roman, slugify
from ..outline.model import Outline, Section
from .headings import Heading, fold, is_upper, ordinal, parse_heading, similarity
from .reader import Line

NUMBER_WEIGHT = 0.25  # how much better a title must match to beat the heading's own number
TITLE_MATCH = 0.5  # similarity that matches a title without the number's help
PLAIN_MATCH = 0.6  # similarity needed for an unnumbered bold or upper-case line
_ITEM = re.compile(r"^([-–•+])\s*")


@dataclass
class Answer:
    id: str
    title: str
    line: int
    blocks: list[Block] = field(default_factory=list)
    extra: bool = False
    parent: str | None = None


@dataclass
class Detected:
    answers: dict[str, Answer] = field(default_factory=dict)
    parts: list[Part] = field(default_factory=list)
    opening: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    opening_line: int | None = None
    closing_line: int | None = None


class Walker:
    def __init__(self, outline: Outline, file: str) -> None:
        self.outline, self.file = outline, file
        self.out = Detected()
        self.top: Section | None = None
        self.child: Section | None = None
        self.target: list[Block] = self.out.opening
        self.last_position: dict[str, int] = {}
        self.numbers: dict[str, dict[int, tuple[str, int]]] = {}
        self.scope = 0  # changes with each "Phần", where Roman numbering may restart
        self.open_part: Part | None = None

    def walk(self, body: list[Line]) -> Detected:
        i = 0
        while i < len(body):
            i += 1 + self.step(body, i)
        self.close_part()
        return self.out

    def step(self, body: list[Line], i: int) -> int:
        """Handle paragraph i; returns how many following paragraphs it consumed."""
        line = body[i]
        if line.table is not None:
            self.target.append(line.table)
            return 0
        heading = parse_heading(line.text)
        if heading and heading.kind == "part":
            return self.on_part(body, i, heading)
        if heading and heading.kind == "roman":
            self.on_top(line, heading)
        elif heading and heading.kind == "arabic" and self.top is not None and self.top.children:
            self.on_child(line, heading)
        elif heading and self.grandchild_heading(heading):
            self.on_grandchild(line, heading)
        elif heading is None and self.plain_top(line):
            pass
        else:
            self.content(line)
        return 0

    # -- headings -------------------------------------------------------------------------

    def on_part(self, body: list[Line], i: int, heading: Heading) -> int:
        line, title, consumed = body[i], heading.title, 0
        nxt = body[i + 1] if i + 1 < len(body) else None
        if not title and nxt is not None and nxt.table is None and parse_heading(nxt.text) is None and (is_upper(nxt.text) or nxt.bold):
            title, consumed = nxt.text, 1
        label = line.text[: len(line.text) - len(heading.title)].strip(" :.-–") if heading.title else line.text
        self.close_part()
        self.scope += 1
        if _groups_sections(body, i + 1 + consumed):
            self.open_part = Part(label, title, (), line.index)
            self.top = self.child = None
            return consumed
        section = self.choose(list(self.outline.sections), None, title, "") or self.next_top()
        if section is None:
            self.extra(line, title, None)
        else:
            self.match(section, line, title, "")
            self.out.parts.append(Part(label, title, (section.id,), line.index))
            self.top, self.child = section, None
        return consumed

    def on_top(self, line: Line, heading: Heading) -> None:
        self.check_number(line, heading, f"top-{self.scope}")
        section = self.choose(list(self.outline.sections), from_roman(heading.number), heading.title, "")
        self.child = None
        if section is None:
            self.top = None
            self.extra(line, heading.title, None)
            return
        self.match(section, line, heading.title, "")
        self.top = section
        if self.open_part is not None:
            self.open_part = Part(self.open_part.label, self.open_part.title, (*self.open_part.sections, section.id), self.open_part.line)

    def on_child(self, line: Line, heading: Heading) -> None:
        assert self.top is not None
        self.check_number(line, heading, self.top.id)
        section = self.choose(list(self.top.children), int(heading.number), heading.title, self.top.id)
        self.child = section
        if section is None:
            self.extra(line, heading.title, self.top.id)
        else:
            self.match(section, line, heading.title, self.top.id)

    def grandchild_heading(self, heading: Heading) -> bool:
        """"2.1." under a section whose sub-sections are numbered so, "a)" under one whose are lettered."""
        if self.child is None or not self.child.children:
            return False
        lettered = self.child.children[0].number.endswith(")")
        return heading.kind == ("letter" if lettered else "decimal")

    def on_grandchild(self, line: Line, heading: Heading) -> None:
        assert self.child is not None
        section = self.choose(list(self.child.children), ordinal(heading), heading.title, self.child.id)
        if section is None:
            self.extra(line, heading.title, self.child.id)
        else:
            self.match(section, line, heading.title, self.child.id)

    def plain_top(self, line: Line) -> bool:
        """An unnumbered bold or upper-case line that clearly names a top-level section."""
        if not (line.bold or is_upper(line.text) or line.style.lower().startswith("heading")) or len(line.text) > 200:
            return False
        free = [s for s in self.outline.sections if s.id not in self.out.answers]
        best = max(free, key=lambda s: similarity(line.text, s.title), default=None)
        if best is None or similarity(line.text, best.title) < PLAIN_MATCH:
            return False
        self.match(best, line, line.text, "")
        self.top, self.child = best, None
        return True

    # -- matching -------------------------------------------------------------------------

    def choose(self, siblings: list[Section], number: int | None, title: str, scope: str) -> Section | None:
        free = [s for s in siblings if s.id not in self.out.answers]
        if not free:
            return None
        numbered = siblings[number - 1] if number and 0 < number <= len(siblings) else None
        by_number = numbered if numbered is not None and numbered.id not in self.out.answers else None  # one of `free`
        best_score, best = max(((similarity(title, s.title), s) for s in free), key=lambda scored: scored[0])
        if by_number is not None and similarity(title, by_number.title) + NUMBER_WEIGHT >= best_score:
            return by_number
        return best if best_score >= TITLE_MATCH else by_number

    def next_top(self) -> Section | None:
        done = [i for i, s in enumerate(self.outline.sections) if s.id in self.out.answers]
        after = max(done, default=-1)
        return next((s for s in self.outline.sections[after + 1:] if s.id not in self.out.answers), None)

    def match(self, section: Section, line: Line, title: str, scope: str) -> None:
        siblings = self.outline.parent_of(section.id)
        position = [s.id for s in (siblings.children if siblings else self.outline.sections)].index(section.id)
        if position < self.last_position.get(scope, -1):
            self.out.findings.append(warning(
                "out-of-order", f"Mục “{section.title}” đứng sai thứ tự: theo đề cương, mục này phải đứng trước mục vừa gặp.",
                Location(self.file, line.index, section.ref, section.title)))
        self.last_position[scope] = max(position, self.last_position.get(scope, -1))
        answer = Answer(section.id, title, line.index)
        self.out.answers[section.id] = answer
        self.target = answer.blocks

    def extra(self, line: Line, title: str, parent: str | None) -> None:
        base = "them-" + slugify(title or line.text, 40)
        key, n = base, 2
        while key in self.out.answers or self.outline.find(key):
            key, n = f"{base}-{n}", n + 1
        answer = Answer(key, title or line.text, line.index, extra=True, parent=parent)
        self.out.answers[key] = answer
        self.target = answer.blocks

    def check_number(self, line: Line, heading: Heading, scope: str) -> None:
        """Heading numbers run without gaps or repeats (format-standards §D #25)."""
        value = from_roman(heading.number) if heading.kind == "roman" else int(heading.number)
        if value is None:
            return
        seen = self.numbers.setdefault(scope, {})
        shown = f"{heading.number}."
        if value in seen:
            self.out.findings.append(warning(
                "duplicate-heading-number", f"Số thứ tự “{shown}” bị lặp (đã dùng ở dòng {seen[value][1]}).", Location(self.file, line.index)))
        elif seen and value != max(seen) + 1:
            self.out.findings.append(warning(
                "heading-number-gap", f"Số thứ tự nhảy từ “{seen[max(seen)][0]}” sang “{shown}”.", Location(self.file, line.index)))
        seen.setdefault(value, (shown, line.index))

    def close_part(self) -> None:
        if self.open_part is not None and self.open_part.sections:
            self.out.parts.append(self.open_part)
        self.open_part = None

    # -- content --------------------------------------------------------------------------

    def content(self, line: Line) -> None:
        if not line.text:
            return
        if self.out.answers and self.target is not self.out.closing and fold(line.text).startswith("tren day"):
            self.target = self.out.closing
            self.out.closing_line = line.index
        if self.target is self.out.opening and self.out.opening_line is None:
            self.out.opening_line = line.index
        self.target.append(to_paragraph(line.text))


def to_paragraph(text: str) -> Paragraph:
    m = _ITEM.match(text)
    if m and len(text) > m.end() and not text.startswith("---"):
        return Paragraph(text[m.end():].strip(), 2 if m.group(1) == "+" else 1)
    return Paragraph(text.strip())


def _groups_sections(body: list[Line], start: int) -> bool:
    """Whether a "Phần" line groups Roman sections (the next heading is Roman) or answers one section."""
    for line in body[start:]:
        heading = parse_heading(line.text)
        if heading is not None:
            return heading.kind == "roman"
    return False


def detect(outline: Outline, body: list[Line], file: str) -> Detected:
    return Walker(outline, file).walk(body)
