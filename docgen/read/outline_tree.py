"""The đề cương's headings as a tree, from the paragraphs of a read document.

Uses the reader's heading recognition (headings.parse_heading). The level of a heading comes
from the order in which numbering styles first appear (e.g. "I." then "1." then "2.1." then
"a)"); a style seen again closes the deeper ones. Text that is not a heading becomes guidance of
the heading above it. What cannot be decided is kept as a note on the node and as a finding with
the line of the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.errors import Finding, Location, warning
from ..core.vietnamese import repair_mojibake
from .headings import Heading, is_upper, ordinal, parse_heading
from .reader import Line

_ITEM = re.compile(r"^[-–•+*]\s*")
_SUB_ITEM = re.compile(r"^\+\s*")
_ITALIC = re.compile(r"(?<!\*)\*(?!\s)([^*]+?)(?<!\s)\*(?!\*)")
_OPTIONAL = re.compile(r"\s*\(\s*nếu\s+có\s*\)\s*", re.IGNORECASE)
_TITLE_END = re.compile(r"[:.](?=\s+[\"“(]?[^\W\d_])")
_TRAILING = " .:;,"


@dataclass
class Node:
    heading: Heading
    key: str  # the numbering style: "part", "roman", "arabic", "decimal2", "letter"…
    line: int
    title: str
    required: bool = True
    guidance: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    label: str = ""  # a part's own words: "Phần thứ nhất", "PHẦN II"

    @property
    def printed(self) -> str:
        """The number as the document prints it."""
        if self.heading.kind == "part":
            return self.label or f"Phần {self.heading.number}"
        return f"{self.heading.number})" if self.heading.kind == "letter" else f"{self.heading.number}."


@dataclass
class Tree:
    roots: list[Node] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)  # text before the first heading
    findings: list[Finding] = field(default_factory=list)


def level_key(heading: Heading) -> str:
    if heading.kind == "decimal":
        return f"decimal{heading.number.count('.') + 1}"
    return heading.kind


def split_title(text: str) -> tuple[str, str]:
    """A numbered paragraph's title and the text after it ("3. Sở Y tế: chủ trì …" → title, rest)."""
    text = _ITALIC.sub(r"\1", repair_mojibake(text))
    end = _TITLE_END.search(text)
    if end is None:
        return text.strip(_TRAILING), ""
    return text[: end.start()].strip(_TRAILING), text[end.end():].strip()


def guidance_text(text: str) -> str:
    return _ITALIC.sub(r"\1", _ITEM.sub("", repair_mojibake(text), count=1)).strip()


class TreeBuilder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.tree = Tree()
        self.stack: list[Node] = []
        self.formatted = False  # whether the document marks its headings (bold, heading styles)
        self.joining = False  # whether the last guidance item already took "+" points

    def build(self, lines: list[Line]) -> Tree:
        self.formatted = any(line.bold or line.style.lower().startswith("heading") for line in lines)
        i = 0
        while i < len(lines):
            i += 1 + self.step(lines, i)
        return self.tree

    def step(self, lines: list[Line], i: int) -> int:
        line = lines[i]
        if line.table is not None:
            self.on_table(line)
            return 0
        heading = parse_heading(line.text)
        if heading is None:
            self.on_text(line.text)
            return 0
        title, consumed = heading.title, 0
        following = lines[i + 1] if i + 1 < len(lines) else None
        if not title and following is not None and _title_line(following):
            title, consumed = following.text, 1
        self.on_heading(line, heading, title)
        return consumed

    def on_heading(self, line: Line, heading: Heading, text: str) -> None:
        key = level_key(heading)
        keys = [node.key for node in self.stack]
        if key in keys:
            del self.stack[keys.index(key):]
        siblings = self.stack[-1].children if self.stack else self.tree.roots
        title, rest = split_title(text)
        node = Node(heading, key, line.index, title)
        if heading.kind == "part":
            node.label = line.text[: len(line.text) - len(heading.title)].strip(" :.-–") if heading.title else line.text.strip()
        self.check_number(node, siblings)
        self.check_title(node, line)
        if rest:
            node.guidance.append(rest)
        siblings.append(node)
        self.stack.append(node)

    def check_title(self, node: Node, line: Line) -> None:
        if _OPTIONAL.search(node.title):
            node.title = _OPTIONAL.sub(" ", node.title).strip(_TRAILING)
            node.required = False
            node.notes.append("ghi “(nếu có)”: mục không bắt buộc")
        if not node.title:
            node.title = f"Mục {node.printed}"
            self.note(node, "outline-import-no-title", f"Đề mục “{node.printed}” không có tiêu đề; đã tạm đặt “{node.title}”.")
        elif self.formatted and not _marked(line) and node.key != "part":
            node.required = False
            self.note(node, "outline-import-plain-point",
                      f"Mục “{node.printed} {_short(node.title)}” không in đậm: có thể là ý hướng dẫn của mục trên chứ không phải "
                      "mục con; đã ghi là mục không bắt buộc.")

    def check_number(self, node: Node, siblings: list[Node]) -> None:
        value = ordinal(node.heading)
        same = [s for s in siblings if s.key == node.key]
        before = ordinal(same[-1].heading) if same else 0
        if value is None or before is None or value == before + 1:
            return
        if any(ordinal(s.heading) == value for s in same):
            self.note(node, "outline-import-duplicate-number", f"Số thứ tự “{node.printed}” bị lặp; đã đánh lại số theo vị trí.")
        else:
            shown = same[-1].printed if same else "(đầu danh sách)"
            self.note(node, "outline-import-number-gap", f"Số thứ tự nhảy từ “{shown}” sang “{node.printed}”; đã đánh lại số theo vị trí.")

    def note(self, node: Node, code: str, message: str) -> None:
        node.notes.append(message)
        self.tree.findings.append(warning(code, message, Location(self.file, node.line, node.printed, node.title)))

    def on_text(self, text: str) -> None:
        if not text.strip():
            return
        target = self.stack[-1].guidance if self.stack else self.tree.intro
        item = guidance_text(text)
        if _SUB_ITEM.match(text) and target:  # "+" points join the "-" point above them: "…: a; b; c."
            glue = "; " if self.joining else ": "
            target[-1] = f"{target[-1].rstrip('.:;')}{glue}{item[:1].lower()}{item[1:]}"
            self.joining = True
        else:
            target.append(item)
            self.joining = False

    def on_table(self, line: Line) -> None:
        message = "Đề cương có một bảng ở đây; bảng không chuyển thành mục được, hãy xem lại và ghi vào hướng dẫn nếu cần."
        if self.stack:
            self.note(self.stack[-1], "outline-import-table", message)
        else:
            self.tree.findings.append(warning("outline-import-table", message, Location(self.file, line.index)))


def _title_line(line: Line) -> bool:
    """A line that carries the title of a bare number above it ("Phần thứ nhất" / "KẾT QUẢ …")."""
    return line.table is None and parse_heading(line.text) is None and (is_upper(line.text) or line.bold) and len(line.text) <= 200


def _marked(line: Line) -> bool:
    """Whether a heading line is set apart: bold, a heading style, or an upper-case title."""
    heading = parse_heading(line.text)
    return line.bold or line.style.lower().startswith("heading") or (heading is not None and is_upper(heading.title))


def _short(text: str, length: int = 50) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def build_tree(lines: list[Line], file: str) -> Tree:
    return TreeBuilder(file).build(lines)
