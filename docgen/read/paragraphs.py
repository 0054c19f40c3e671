"""Turn the lines of a read document into paragraphs, undoing extraction damage.

Text extracted from PDF breaks sentences across lines, types page numbers into the text and
splits "km²" into "km" / "2". A .docx already has paragraphs; Word's automatic number is put
back in front of the text so that "I." reads the same typed or automatic.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .headings import is_upper, parse_heading
from .reader import Line, Source

_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_UNIT_BEFORE_POWER = re.compile(r"(km|m|cm)$")
_TERMINAL = (".", ":", ";", "!", "?", "./.")
_BULLET = re.compile(r"^[-–•+*]\s")
_SEPARATOR = re.compile(r"^-{3,}$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_BOLD_NUMBER_ONLY = re.compile(r"^\*\*\s*[^*\s]{1,8}\s*\*\*\s*[^*\s]")  # "**3.** Bản tin …": a point, not a bold heading


def paragraphs(source: Source) -> list[Line]:
    if source.kind in ("docx", "pdf"):  # paragraphs already (the PDF reader joins its lines)
        return [replace(line, text=f"{line.numbering} {line.text}".strip()) if line.numbering else line for line in source.lines]
    return join_lines([line for line in _markdown_lines(source.lines) if line.text])


def _markdown_lines(lines: tuple[Line, ...] | list[Line]) -> list[Line]:
    """Each line cleaned of Markdown; a line inside a "**…**" span that runs over several lines is bold too."""
    result, inside = [], False
    for line in lines:
        opens = line.text.count("**") % 2 == 1
        cleaned = clean_markdown(line)
        result.append(replace(cleaned, bold=True) if inside else cleaned)
        inside ^= opens
    return result


def clean_markdown(line: Line) -> Line:
    """Light clean-up of Markdown-rendered extractions: "**bold**", "## heading", table pipes, "*italic*"."""
    text = line.text.strip()
    if text in ("|", "---"):
        return replace(line, text="")
    heading = _MARKDOWN_HEADING.match(text)
    if heading:
        text = text[heading.end():]
    bold = bool(heading) or ("**" in text and not _BOLD_NUMBER_ONLY.match(text))
    text = text.replace("**", "").strip()
    if len(text) > 1 and text.startswith("*") and text.endswith("*"):
        text = text.strip("* ").strip()
    elif text.count("*") % 2 == 1 and text.startswith("*") and not text.startswith("* "):  # italics running on to the next line
        text = text[1:].strip()
    elif text.count("*") % 2 == 1 and text.endswith("*") and not text.endswith("**"):  # … and ending here
        text = text[:-1].strip()
    return replace(line, text=text, bold=line.bold or bold)


FULL_LINE = 60  # a heading line this long that runs on was broken by the page width
FULL_SHARE = 0.8  # … or this share of the document's usual line length, when its lines are longer


def line_width(lines: list[Line]) -> int:
    """How long a line broken by the page width is in this text: long lines of one paragraph each
    (no breaking at all) make a 60-character heading a whole line, not a broken one."""
    lengths = sorted(len(line.text) for line in lines)
    if not lengths:
        return FULL_LINE
    return max(FULL_LINE, int(FULL_SHARE * lengths[int(0.9 * (len(lengths) - 1))]))


def join_lines(lines: list[Line]) -> list[Line]:
    result: list[Line] = []
    last_length, last_index, width = 0, 0, line_width(lines)
    for i, line in enumerate(lines):
        text = line.text
        if _PAGE_NUMBER.match(text):
            following = lines[i + 1].text if i + 1 < len(lines) else ""
            if result and _UNIT_BEFORE_POWER.search(result[-1].text) and text in ("2", "3") and following[:1] in ",.;)":
                result[-1] = replace(result[-1], text=result[-1].text + ("²" if text == "2" else "³"))
            continue  # a page number typed or extracted into the text
        if result and _continues(result[-1], line, last_length >= width, line.index - last_index > 1):
            previous = result[-1]
            glue = "" if previous.text.endswith(("²", "³")) and text[:1] in ",.;)" else " "
            result[-1] = replace(previous, text=f"{previous.text}{glue}{text}", bold=previous.bold and line.bold)
        else:
            result.append(line)
        last_length, last_index = len(text), line.index
    return result


def _continues(previous: Line, line: Line, last_full: bool, after_gap: bool = False) -> bool:
    """Whether `line` carries on the paragraph `previous` (a line broken by extraction).

    `after_gap`: an empty line stands between them; a capitalised line after a heading then starts its text."""
    text, before = line.text, previous.text
    if _SEPARATOR.match(text) or _SEPARATOR.match(before) or before == "*" or text == "*":
        return False
    if parse_heading(text) is not None or _BULLET.match(text):
        return False
    heading = parse_heading(before)
    if heading is not None:
        if heading.kind == "part" or (previous.bold and not line.bold):  # a bold heading ends where the bold does
            return False
        if previous.bold and line.bold and not before.endswith(_TERMINAL):  # … and goes on while it does
            return True
        if not heading.title:
            return True
        if is_upper(heading.title):
            return is_upper(text) and not before.endswith(_TERMINAL)
        return text[:1].islower() or (last_full and not before.endswith(_TERMINAL) and not after_gap)
    if is_upper(before) and is_upper(text):
        return not before.endswith(_TERMINAL)
    if is_upper(before) != is_upper(text) and (is_upper(before) or len(text) < 60):
        return text[:1].islower()
    return not before.endswith(_TERMINAL)
