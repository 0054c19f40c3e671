"""A rendered body's final bytes from its text, without parsing the whole of it.

docxtpl parses every rendered body with lxml to fix its tables, and the engine serialises the tree
again; for a body whose tables are already right that round trip changes only what a string pass
can change the same way: the quotes Jinja escapes as "&#34;" and "&#39;" (lxml writes them as
they are in text), elements left empty by the template ("<w:t></w:t>" becomes "<w:t/>"), and each
U+2011 made Word's own non-breaking hyphen (see engine.split_non_breaking_hyphens). Tables still
go through lxml, one table at a time, and a table seen before is not parsed again.

The string pass is used only where it is known to give lxml's bytes: no template tag inside
markup (a value in an attribute is escaped differently), no `safe` filter, and a body without
what the parser would change or refuse (carriage returns, control characters, drawings whose ids
docxtpl renumbers). The engine checks it against the lxml path on the first document it renders.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..core.official import NON_BREAKING_HYPHEN

_HYPHEN = NON_BREAKING_HYPHEN.encode()
_TABLE, _TABLE_END = b"<w:tbl>", b"</w:tbl>"
_SECTION, _SECTION_END = b"<w:sectPr", b"</w:sectPr>"
_FINE_BYTES = bytes(range(0x20, 0x100)) + b"\t\n"  # deleting these leaves only what the parser refuses or changes
_TAG = re.compile(r"\{[{%#]")
_EMPTIED = re.compile(r"<([^\s<>/!?]+)[^<>]*>\s*\{[{%#]")  # a start tag directly followed by a template tag
_TEXTS = re.compile(rb"(<w:t(?:\s[^>]*)?>)[^<]*(</w:t>)")  # a table's texts, taken out to leave its shape
_FULL_WIDTH = b'w:type="pct"'  # a full-width table: fit_columns sizes its columns from its texts
_SPACE_ATTRIBUTE = re.compile(rb'xml:space="[^"]*"')
_PRESERVE = b'xml:space="preserve"'
_CACHED_TABLES = 64  # distinct tables kept (each unit's header table, the content tables shared by all)

FixTables = Callable[[str], Any]  # a body's text -> its lxml tree with the tables fixed (the engine's fix_tables)
Serialize = Callable[[Any], bytes | None]  # a body's tree -> the bytes of its children


class BodyText:
    """What a compiled template's bodies need from the string pass; `for_template` says whether it applies."""

    def __init__(self, emptied: set[bytes], fix_tables: FixTables, serialize: Serialize) -> None:
        self._emptied = [(b"></" + name + b">", b"<" + name) for name in sorted(emptied)]
        self._fix_tables = fix_tables
        self._serialize = serialize
        self._tables: dict[bytes, bytes] = {}
        self._unchanged_shapes: set[bytes] = set()  # tables without their texts, whose fix changed nothing

    @classmethod
    def for_template(cls, source: str, fix_tables: FixTables, serialize: Serialize) -> BodyText | None:
        """None when the template's body must always go through lxml (`source`: the body as compiled)."""
        if "safe" in source or any(source.rfind("<", 0, m.start()) > source.rfind(">", 0, m.start()) for m in _TAG.finditer(source)):
            return None
        return cls({m.group(1).encode() for m in _EMPTIED.finditer(source)}, fix_tables, serialize)

    def inner(self, xml: str) -> bytes | None:
        """The bytes of the body's children as lxml would write them after fixing the tables;
        None when this body must go through lxml whole."""
        if "\ufffe" in xml or "\uffff" in xml:
            return None
        try:
            data = xml.encode("utf-8")
        except UnicodeEncodeError:
            return None
        start, end = data.find(b">") + 1, data.rfind(b"</w:body>")
        if not data.startswith(b"<w:body") or end < start or _refused(data) or b"docPr" in data:
            return None
        if b"&#" in data:
            data = data.replace(b"&#34;", b'"').replace(b"&#39;", b"'")
            start, end = data.find(b">") + 1, data.rfind(b"</w:body>")
        data = self._collapse_emptied(data)
        end = data.rfind(b"</w:body>")
        return self._with_tables(data, data[:start], start, end)

    def _collapse_emptied(self, data: bytes) -> bytes:
        """`<x a="1"></x>` written `<x a="1"/>`, as lxml writes an element without content."""
        for closing, opening in self._emptied:
            end = data.find(closing)
            while end >= 0:
                start = data.rfind(b"<", 0, end)
                after = data[start + len(opening):start + len(opening) + 1]
                if data.startswith(opening, start) and after in (b">", b" ") and data[end - 1:end] != b"/":
                    data = data[:end] + b"/>" + data[end + len(closing):]
                end = data.find(closing, end + 1)
        return data

    def _with_tables(self, data: bytes, opening: bytes, start: int, end: int) -> bytes | None:
        section = _last_section(data, start, end)
        out: list[bytes] = []
        pos = start
        while (table := data.find(_TABLE, pos, end)) >= 0:
            table_end = _table_end(data, table, end)
            if table_end < 0 or (section and table < section[0] < table_end):
                return None
            fixed = self._table(data[table:table_end], opening, data[section[0]:section[1]] if section else b"")
            if fixed is None:
                return None
            out += [_hyphens(data[pos:table]), fixed]
            pos = table_end
        out.append(_hyphens(data[pos:end]))
        return b"".join(out)

    def _table(self, table: bytes, opening: bytes, section: bytes) -> bytes | None:
        """One table as the engine's fix_tables leaves it, parsed alone with the body's last section
        (its text width sizes content tables' columns). A table seen before is not parsed again, nor
        one of a shape whose fix changed nothing: the fix reads only the rows, cells and grid, and
        the texts of full-width tables alone (never taken this way)."""
        fixed = self._tables.get(table)
        if fixed is not None:
            return fixed
        shape = None if _FULL_WIDTH in table else _TEXTS.sub(rb"\1\2", table)
        if shape is not None and shape in self._unchanged_shapes:
            return _hyphens(table)
        tree = self._fix_tables((opening + table + section + b"</w:body>").decode("utf-8"))
        if section:
            tree.remove(tree[-1])
        fixed = self._serialize(tree)
        if fixed is None:
            return None
        if len(self._tables) >= _CACHED_TABLES:
            self._tables.clear()
            self._unchanged_shapes.clear()
        self._tables[table] = fixed
        if shape is not None and fixed == _hyphens(table):
            self._unchanged_shapes.add(shape)
        return fixed


def _refused(data: bytes) -> bool:
    """Control characters the parser drops, refuses or changes (line ends): such a body goes through lxml."""
    return bool(data.translate(None, _FINE_BYTES))


def _last_section(data: bytes, start: int, end: int) -> tuple[int, int] | None:
    """Where the body's last w:sectPr stands (fit_columns takes the page width from it)."""
    first = data.rfind(_SECTION, start, end)
    if first < 0:
        return None
    close = data.find(_SECTION_END, first, end)
    if close < 0:
        return None
    return first, close + len(_SECTION_END)


def _table_end(data: bytes, table: int, end: int) -> int:
    """The end of the table starting at `table`, past the tables nested in it; -1 if unclosed."""
    depth, pos = 0, table
    while True:
        opened, closed = data.find(_TABLE, pos, end), data.find(_TABLE_END, pos, end)
        if closed < 0:
            return -1
        if 0 <= opened < closed:
            depth, pos = depth + 1, opened + len(_TABLE)
            continue
        depth, pos = depth - 1, closed + len(_TABLE_END)
        if depth == 0:
            return pos


def _hyphens(data: bytes) -> bytes:
    """split_non_breaking_hyphens on text: each U+2011 of a w:t becomes <w:noBreakHyphen/> between
    two w:t of the same run, the first keeping its attributes with xml:space="preserve". Each
    hyphen is found with bytes.find and its element around it (a regular expression over the
    whole body cost four times as much)."""
    pos = data.find(_HYPHEN)
    if pos < 0:
        return data
    out, done = [], 0
    while pos >= 0:
        start, close = data.rfind(b"<", 0, pos), data.find(b"<", pos)
        opened = data.find(b">", start, pos)
        if opened >= 0 and close >= 0 and data.startswith(b"</w:t>", close) and _is_text_tag(data[start:opened]):
            out += [data[done:start], _split_text(data[start + 4:opened], data[opened + 1:close])]
            done = close + len(b"</w:t>")
        pos = data.find(_HYPHEN, max(close, pos + 1))
    out.append(data[done:])
    return b"".join(out)


def _is_text_tag(tag: bytes) -> bool:
    """`<w:t` or `<w:t attributes…`, the start tag before a text without its closing `>`."""
    return tag == b"<w:t" or (tag.startswith(b"<w:t") and tag[4:5].isspace() and not tag.endswith(b"/"))


def _split_text(attributes: bytes, text: bytes) -> bytes:
    if b"xml:space=" in attributes:
        attributes = _SPACE_ATTRIBUTE.sub(_PRESERVE, attributes)
    else:
        attributes += b" " + _PRESERVE
    first, *rest = text.split(_HYPHEN)
    return b"<w:t" + attributes + b">" + first + b"</w:t>" + b"".join(
        b"<w:noBreakHyphen/><w:t " + _PRESERVE + b">" + piece + b"</w:t>" for piece in rest)
