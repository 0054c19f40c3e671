"""Blocks of a template ({% if %} … {% endif %}, {% for %} … {% endfor %}) paired by hand, so that an
unclosed or stray tag is named where it stands, and the rest of the template can still be checked.

Jinja stops at the first such mistake with an English message located at the end of the
template; here every opening tag is paired with its closing one in document order (docxtpl's
{%p / {%tr / {%tc / {%r marks included), and `repaired` closes what was left open so the names
of the template can still be looked up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

BLOCK_TAG = re.compile(r"\{%-?\s*(?:(?:p|tr|tc|r)\s+)?(?P<keyword>\w+)[^%]*?-?%\}", re.DOTALL)
CLOSERS = {"if": "endif", "for": "endfor", "macro": "endmacro", "call": "endcall", "filter": "endfilter",
           "with": "endwith", "block": "endblock", "autoescape": "endautoescape", "trans": "endtrans", "set": "endset"}
MIDDLES = {"elif": ("if",), "else": ("if", "for")}
_OPENED_BY = {closer: opener for opener, closer in CLOSERS.items()}


@dataclass(frozen=True)
class BlockTag:
    keyword: str
    text: str
    start: int  # offset in the text it was found in
    end: int
    where: Any = None  # the template paragraph (Spot) it stands in, when known


@dataclass(frozen=True)
class Unbalanced:
    tag: BlockTag
    closes: bool  # False: an opening tag left open; True: a closing or middle tag with nothing to close
    before: BlockTag | None = None  # for an open tag: the closing tag it was found open at (None: the end)

    @property
    def missing(self) -> str:
        return "{% " + CLOSERS.get(self.tag.keyword, "end" + self.tag.keyword) + " %}"


def block_tags(text: str, where: Any = None) -> Iterator[BlockTag]:
    for match in BLOCK_TAG.finditer(text):
        keyword = match.group("keyword")
        if keyword == "set" and "=" in match.group():
            continue  # {% set x = … %} is a statement; only {% set x %} … {% endset %} is a block
        if keyword in CLOSERS or keyword in _OPENED_BY or keyword in MIDDLES:
            yield BlockTag(keyword, match.group(), match.start(), match.end(), where)


def unbalanced(tags: Iterable[BlockTag]) -> list[Unbalanced]:
    """Opening tags never closed and closing (or middle) tags that close nothing, in document order."""
    stack: list[BlockTag] = []
    found: list[Unbalanced] = []
    for tag in tags:
        if tag.keyword in CLOSERS:
            stack.append(tag)
        elif tag.keyword in MIDDLES:
            if not stack or stack[-1].keyword not in MIDDLES[tag.keyword]:
                found.append(Unbalanced(tag, closes=True))
        else:
            found += _close(stack, tag)
    found += [Unbalanced(tag, closes=False) for tag in reversed(stack)]
    return found


def _close(stack: list[BlockTag], closer: BlockTag) -> list[Unbalanced]:
    opener = _OPENED_BY[closer.keyword]
    depth = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].keyword == opener), None)
    if depth is None:
        return [Unbalanced(closer, closes=True)]
    left_open = [Unbalanced(tag, closes=False, before=closer) for tag in reversed(stack[depth + 1:])]
    del stack[depth:]
    return left_open


def repaired(source: str) -> str:
    """The template with stray closing tags taken out and open blocks closed where they should have been."""
    edits: list[tuple[int, int, int, str]] = []  # start, end, order, replacement
    for order, problem in enumerate(unbalanced(block_tags(source))):
        if problem.closes:
            edits.append((problem.tag.start, problem.tag.end, order, ""))
        else:
            at = problem.before.start if problem.before else len(source)
            edits.append((at, at, order, problem.missing))  # innermost first, so its closer comes first
    for start, end, _, text in sorted(edits, reverse=True):
        source = source[:start] + text + source[end:]
    return source
