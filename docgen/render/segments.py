"""A template's body rendered again only where the context changed.

A bulk run renders one template for thousands of contexts that share most of their entries (the
base content's body, summary, kind) and differ in a few (organ, number, date line, recipients,
signer). The body template is split at its top-level nodes (text, `if`, `for`); a node reads
a known set of context entries. When a node reads the same objects as at the previous render, it
is rendered once more inside two markers, the engine's string pass runs over the whole as usual,
and the node's final bytes are taken from between the markers and kept; from then on that node
is neither rendered nor passed over again: a single marker stands in its place and is replaced by
the kept bytes after the pass. The pass changes text only inside elements (quotes, emptied
elements, tables, non-breaking hyphens), so a node is kept only when it is a run of whole
paragraphs and tables standing directly in the body; the first document made with kept bytes
is compared with the whole render, and on any difference the template goes back to whole renders.

Markers are characters of Unicode's private use area (U+E000–U+E0FF); a render whose own text
holds one is made whole. Entries are compared by identity: a context is read, never changed in
place between renders (a bulk run's shared context is made once and shared, the other front ends
make a new context per document).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, Template, meta, nodes

Finish = Callable[[str], bytes | None]  # a rendered body (with markers) -> the final bytes, None when the pass does not apply

_MISSING = object()
_PLAIN, _FILL, _KEPT = 0, 1, 2
_TOP_LEVEL = (nodes.Output, nodes.If, nodes.For)
# Nodes that set names beyond themselves or read other templates: a template with any is not split.
_UNSPLITTABLE = (nodes.Assign, nodes.AssignBlock, nodes.Macro, nodes.CallBlock, nodes.Import, nodes.FromImport,
                 nodes.Include, nodes.Extends, nodes.Block, nodes.With, nodes.Scope, nodes.OverlayScope,
                 nodes.ExprStmt, nodes.EvalContextModifier, nodes.ScopedEvalContextModifier)
_FIRST_MARKER, _MARKERS_PER_NODE = 0xE000, 3  # a node's own marker, then its opening and closing markers
_MAX_NODES = 0x100 // _MARKERS_PER_NODE
_PRIVATE = re.compile("[\ue000-\ue0ff]")
_PRIVATE_BYTES = re.compile(rb"(\xee[\x80-\x83][\x80-\xbf])")  # the same characters in UTF-8
_STARTS = ("<w:p ", "<w:p>", "\n<w:p ", "\n<w:p>", "<w:tbl>")
_ENDS = ("</w:p>", "</w:tbl>")


def _marker(node: int, which: int) -> str:
    return chr(_FIRST_MARKER + _MARKERS_PER_NODE * node + which)


@dataclass
class _Kept:
    key: tuple[Any, ...]
    data: bytes
    checked: bool = False  # compared once with the whole render


class Segments:
    """The body template split at its top-level nodes, with the bytes of the nodes kept across renders."""

    def __init__(self, env: Environment, body: list[nodes.Node]) -> None:
        self._env = env
        self._body = body
        self._names = [sorted(meta.find_undeclared_variables(self._wrap(node))) for node in body]
        self._templates: dict[tuple[int, int], Template] = {}
        self._kept: list[_Kept | None] = [None] * len(body)
        self._last: list[tuple[Any, ...]] | None = None
        self._never: set[int] = set()  # nodes found not to stand directly in the body
        self.enabled = True

    @classmethod
    def for_template(cls, env: Environment, source: str) -> Segments | None:
        """None when the template cannot be split this way (see _UNSPLITTABLE) or has too many nodes."""
        tree = env.parse(source)
        body = list(tree.body)
        if len(body) > _MAX_NODES or not all(isinstance(node, _TOP_LEVEL) for node in body):
            return None
        if any(True for _ in tree.find_all(_UNSPLITTABLE)):
            return None
        return cls(env, body)

    def _wrap(self, *body: nodes.Node) -> nodes.Template:
        template = nodes.Template(list(body), lineno=1)
        template.set_environment(self._env)
        return template

    def _template(self, start: int, end: int) -> Template:
        template = self._templates.get((start, end))
        if template is None:
            template = self._templates[(start, end)] = self._env.from_string(self._wrap(*self._body[start:end]))
        return template

    def render(self, context: dict[str, Any], finish: Finish, whole: Callable[[], bytes]) -> bytes | None:
        """The document's bytes, or None when this render is better made whole by the caller (`whole`
        makes it so, for the comparison of the first document made with kept bytes)."""
        if not self.enabled:
            return None
        states, keys = self._states(context)
        if all(state == _PLAIN for state in states):
            return None
        marked = self._marked(context, states)
        if marked is None:
            return None
        done = finish(marked)
        if done is None:
            return None
        result = self._unmarked(done, states, keys)
        if any(kept is not None and not kept.checked for kept in self._kept):
            return self._compared(result, whole())
        return result

    def _states(self, context: dict[str, Any]) -> tuple[list[int], list[tuple[Any, ...]]]:
        keys = [tuple(context.get(name, _MISSING) for name in names) for names in self._names]
        last, self._last = self._last, keys
        states = []
        for i, key in enumerate(keys):
            kept = self._kept[i]
            if kept is not None and _same(kept.key, key):
                states.append(_KEPT)
            elif last is not None and i not in self._never and _same(last[i], key):
                states.append(_FILL)
            else:
                states.append(_PLAIN)
        return states, keys

    def _marked(self, context: dict[str, Any], states: list[int]) -> str | None:
        """The body rendered, kept nodes as their marker, nodes to keep between their two markers."""
        parts: list[str] = []
        i = 0
        while i < len(states):
            if states[i] == _KEPT:
                parts.append(_marker(i, 0) if self._kept[i].data else "")  # type: ignore[union-attr]
                i += 1
                continue
            end = i + 1 if states[i] == _FILL else _run_end(states, i)
            text = self._template(i, end).render(context)
            if _PRIVATE.search(text):
                return None
            if states[i] == _FILL and text and not self._stands_in_body(i, text, parts):
                states[i] = _PLAIN
            parts += [_marker(i, 1), text, _marker(i, 2)] if states[i] == _FILL and text else [text]
            i = end
        return "".join(parts)

    def _stands_in_body(self, node: int, text: str, before: list[str]) -> bool:
        """Whole paragraphs and tables, after whole ones: what the string pass leaves the same alone as in place."""
        whole = text.startswith(_STARTS) and text.endswith(_ENDS) and _balanced(text)
        if whole and _balanced("".join(before)):
            return True
        self._never.add(node)
        return False

    def _unmarked(self, done: bytes, states: list[int], keys: list[tuple[Any, ...]]) -> bytes:
        """The final bytes: kept nodes' bytes in place of their marker, new nodes' bytes kept."""
        out: list[bytes] = []
        opened: tuple[int, int] | None = None  # the node being kept and where its bytes start in `out`
        for n, piece in enumerate(_PRIVATE_BYTES.split(done)):
            if n % 2 == 0:
                out.append(piece)
                continue
            node, which = divmod(ord(piece.decode()) - _FIRST_MARKER, _MARKERS_PER_NODE)
            if which == 0:
                out.append(self._kept[node].data)  # type: ignore[union-attr]
            elif which == 1:
                opened = (node, len(out))
            elif opened is not None:
                self._kept[node] = _Kept(keys[node], b"".join(out[opened[1]:]))
        for i, state in enumerate(states):
            if state == _FILL and self._kept[i] is None:
                self._kept[i] = _Kept(keys[i], b"")  # rendered empty: nothing to mark
        return b"".join(out)

    def _compared(self, result: bytes, whole: bytes) -> bytes:
        if result != whole:
            self.enabled = False
            self._kept = [None] * len(self._body)
            return whole
        for kept in self._kept:
            if kept is not None:
                kept.checked = True
        return result


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return all(x is y for x, y in zip(a, b, strict=True))


def _run_end(states: list[int], start: int) -> int:
    end = start + 1
    while end < len(states) and states[end] == _PLAIN:
        end += 1
    return end


def _balanced(text: str) -> bool:
    return (text.count("<w:p ") + text.count("<w:p>") == text.count("</w:p>")
            and text.count("<w:tbl>") == text.count("</w:tbl>"))
