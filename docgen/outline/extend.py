"""Outline inheritance: `extends: <id or path>` plus a list of `changes` (add, drop, rename, move,
require) turn a parent đề cương into a province's own, without copying it.

The parent is loaded (and checked) as any outline; its sections become a tree of `Node`s, the
changes are applied in order, numbers are recomputed from depth and position, and the result is
handed back to `load_outline` as raw data with a `ResolvedDoc` that still knows the file and line
each key came from, so the usual checks (ids, titles, duplicate ids, kind…) report real places.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import DocgenError, Finding, Location, error
from ..core.yamlio import PathKey, YamlDoc
from .locate import find_outline
from .model import ID_PATTERN, Outline, Section, expected_number, parse_boolean

CHANGE_KINDS = ("add", "drop", "rename", "move", "require")
_PLACEMENT = ("under", "after", "before")
_OWN_KEYS = ("extends", "changes", "sections")
_VERBS = {"add": "thêm", "drop": "bỏ", "rename": "đổi tên", "move": "chuyển", "require": "đổi tính bắt buộc"}

Loader = Callable[..., Outline]


@dataclass
class Node:
    """One section while changes are applied: its own raw keys, its children, where it was written."""

    item: dict[str, Any]
    children: list[Node]
    file: str
    lines: dict[PathKey, int]  # key path relative to the section (() is the section itself) -> line

    @property
    def id(self) -> str:
        return str(self.item.get("id", ""))

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class ResolvedDoc(YamlDoc):
    """The resolved outline as raw data; `at` names the file (parent or child) each key came from."""

    files: dict[PathKey, str] = field(default_factory=dict)
    inherited_from: tuple[str, ...] = ()  # the files of the parent outline (its own and those it extends)

    def at(self, *path: str | int, section: str | None = None, title: str | None = None) -> Location:
        key: PathKey = tuple(path)
        while key and key not in self.files:
            key = key[:-1]
        return Location(self.files.get(key, self.file), self.line(*path), section, title)


# --- building nodes ---------------------------------------------------------------------------


def nodes_of(outline: Outline) -> list[Node]:
    """The parent's (already checked) sections as nodes located in the parent's file."""
    def node(section: Section) -> Node:
        item = {"id": section.id, "title": section.title, "required": "true" if section.required else "false",
                "guidance": list(section.guidance)}
        return Node(item, [node(c) for c in section.children], outline.file, {(): section.line or 1})
    return [node(s) for s in outline.sections]


def node_from_raw(doc: YamlDoc, raw: dict[str, Any], path: PathKey, findings: list[Finding]) -> Node:
    """A section written in the extending file (an `add`, or its `sections`); numbers are computed."""
    if "number" in raw:
        findings.append(error("outline-change-number", "Mục thêm vào không ghi “number”: số thứ tự được tính lại sau khi áp dụng thay đổi.",
                              doc.at(*path, "number")))
    lines = {key[len(path):]: line for key, line in doc.lines.items() if key[:len(path)] == path and key[len(path):len(path) + 1] != ("sections",)}
    children: list[Node] = []
    kids = raw.get("sections")
    if isinstance(kids, list):
        for index, kid in enumerate(kids):
            if isinstance(kid, dict):
                children.append(node_from_raw(doc, kid, (*path, "sections", index), findings))
            else:
                findings.append(error("outline-invalid", "Mỗi mục phải là một bảng khóa: giá trị.", doc.at(*path, "sections", index)))
    item = {k: v for k, v in raw.items() if k not in ("sections", "number")}
    if "sections" in raw and not isinstance(kids, list):
        item["sections"] = kids
    return Node(item, children, doc.file, lines)


# --- applying changes (pure: nodes and change data in, nodes changed and findings out) ---------


def apply_changes(nodes: list[Node], changes: Any, doc: YamlDoc, path: PathKey = ("changes",)) -> list[Finding]:
    """Apply each change in order to the tree `nodes` (changed in place); a change that cannot be applied is a finding."""
    if not isinstance(changes, list):
        return [error("outline-invalid-change", "“changes” phải là một danh sách thay đổi.", doc.at(*path))]
    findings: list[Finding] = []
    for index, change in enumerate(changes):
        findings += _apply(nodes, change, doc, (*path, index))
    return findings


def _apply(nodes: list[Node], change: Any, doc: YamlDoc, here: PathKey) -> list[Finding]:
    if not isinstance(change, dict):
        return [error("outline-invalid-change", "Mỗi thay đổi phải là một bảng khóa, ví dụ “- drop: mã-mục”.", doc.at(*here))]
    kinds = [key for key in change if key in CHANGE_KINDS]
    unknown = [key for key in change if key not in CHANGE_KINDS and key not in _PLACEMENT]
    if unknown or len(kinds) != 1:
        if unknown:
            message = f"Loại thay đổi “{unknown[0]}” không được hỗ trợ; các loại hợp lệ: {', '.join(CHANGE_KINDS)}."
            return [error("outline-unknown-change", message, doc.at(*here, unknown[0]))]
        found = " và ".join(f"“{k}”" for k in kinds) or "không có loại nào"
        return [error("outline-invalid-change", f"Mỗi thay đổi làm đúng một việc ({', '.join(CHANGE_KINDS)}); ở đây: {found}.", doc.at(*here))]
    kind = kinds[0]
    extra = [key for key in change if key in _PLACEMENT]
    if kind != "add" and extra:
        return [error("outline-invalid-change", f"“{extra[0]}” đặt bên trong “{kind}”, ví dụ “{kind}: {{id: …, {extra[0]}: …}}”.",
                      doc.at(*here, extra[0]))]
    placement = change if kind == "add" else change[kind] if isinstance(change[kind], dict) else {}
    return _HANDLERS[kind](_Change(nodes, doc, (*here, kind), change[kind], here if kind == "add" else (*here, kind), placement))


@dataclass(frozen=True)
class _Change:
    nodes: list[Node]
    doc: YamlDoc
    path: PathKey  # the path of the change's value, e.g. ("changes", 2, "rename")
    value: Any
    where: PathKey  # the path of the mapping that holds `under`/`after`/`before`
    placement: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.path[-1])

    def fail(self, message: str, *key: str | int, code: str = "outline-invalid-change") -> list[Finding]:
        return [error(code, message, self.doc.at(*self.path, *key))]

    def target(self, section_id: str, at: PathKey) -> Node | list[Finding]:
        """The node with this id, else the finding that names the unknown id (with a close match)."""
        found = _find(self.nodes, section_id)
        if found is not None:
            return found
        known = [n.id for top in self.nodes for n in top.walk()]
        close = difflib.get_close_matches(section_id, known, n=1)
        hint = f"; có phải “{close[0]}”?" if close else "."
        message = f"Không có mục “{section_id}” để {_VERBS[self.kind]} (đề cương sau các thay đổi phía trên){hint}"
        return [error("outline-unknown-change-target", message, self.doc.at(*at))]

    def fields(self, *names: str) -> dict[str, Any] | list[Finding]:
        """The value as a mapping with only these keys, the non-placement ones present."""
        example = f"{self.kind}: {{{', '.join(f'{n}: …' for n in names if n not in _PLACEMENT)}}}"
        if not isinstance(self.value, dict):
            return self.fail(f"“{self.kind}” cần một bảng khóa: {example}.")
        for key in self.value:
            if key not in names:
                return self.fail(f"Khóa “{key}” không dùng được trong “{self.kind}”; các khóa hợp lệ: {', '.join(names)}.", key)
        missing = [n for n in names if n not in _PLACEMENT and not str(self.value.get(n, "")).strip()]
        if missing:
            return self.fail(f"“{self.kind}” thiếu khóa “{missing[0]}”: {example}.")
        return self.value


def _find(nodes: list[Node], section_id: str) -> Node | None:
    return next((n for top in nodes for n in top.walk() if n.id == section_id), None)


def _siblings(nodes: list[Node], node: Node) -> list[Node]:
    if any(n is node for n in nodes):
        return nodes
    return next(n.children for top in nodes for n in top.walk() if any(c is node for c in n.children))


@dataclass(frozen=True)
class _Spot:
    siblings: list[Node]
    anchor: Node | None
    after: bool

    def insert(self, node: Node) -> None:
        if self.anchor is None:
            self.siblings.append(node)
            return
        index = next(i for i, n in enumerate(self.siblings) if n is self.anchor)
        self.siblings.insert(index + 1 if self.after else index, node)


def _spot(change: _Change) -> _Spot | list[Finding]:
    """Where `under` / `after` / `before` put a section: the sibling list and the anchor in it."""
    place = change.placement
    if "after" in place and "before" in place:
        return [error("outline-invalid-change", "Chỉ dùng một trong “after” hoặc “before”.", change.doc.at(*change.where, "before"))]
    parent: Node | None = None
    if "under" in place:
        found = change.target(str(place["under"]), (*change.where, "under"))
        if isinstance(found, list):
            return found
        parent = found
    siblings = parent.children if parent is not None else change.nodes
    key = "after" if "after" in place else "before" if "before" in place else None
    if key is None:
        return _Spot(siblings, None, True)
    anchor = change.target(str(place[key]), (*change.where, key))
    if isinstance(anchor, list):
        return anchor
    anchor_siblings = _siblings(change.nodes, anchor)
    if "under" in place and anchor_siblings is not siblings:
        message = f"Mục “{anchor.id}” không thuộc mục “{place['under']}”; “{key}” phải là một mục cùng cấp."
        return [error("outline-invalid-change", message, change.doc.at(*change.where, key))]
    return _Spot(anchor_siblings, anchor, key == "after")


def _add(change: _Change) -> list[Finding]:
    if not isinstance(change.value, dict):
        return change.fail("“add” cần một mục: add: {id: …, title: …}.")
    findings: list[Finding] = []
    node = node_from_raw(change.doc, change.value, change.path, findings)
    for new in node.walk():
        existing = _find(change.nodes, new.id)
        if existing is not None:
            message = f"Mã mục “{new.id}” đã có trong đề cương (mục “{existing.item.get('title', '')}”)."
            findings.append(error("duplicate-section-id", message, change.doc.at(*change.path, "id")))
    spot = _spot(change)
    if isinstance(spot, list):
        return findings + spot
    if not findings:
        spot.insert(node)
    return findings


def _drop(change: _Change) -> list[Finding]:
    if not isinstance(change.value, str):
        return change.fail("“drop” cần mã của mục cần bỏ: drop: mã-mục.")
    node = change.target(change.value, change.path)
    if isinstance(node, list):
        return node
    _siblings(change.nodes, node).remove(node)
    return []


def _rename(change: _Change) -> list[Finding]:
    value = change.fields("id", "title")
    if isinstance(value, list):
        return value
    node = change.target(str(value["id"]), (*change.path, "id"))
    if isinstance(node, list):
        return node
    node.item["title"] = value["title"]
    node.lines[("title",)] = change.doc.line(*change.path, "title") or 1
    return []


def _require(change: _Change) -> list[Finding]:
    value = change.fields("id", "required")
    if isinstance(value, list):
        return value
    required = parse_boolean(value["required"])
    if required is None:
        return change.fail("“required” phải là true hoặc false.", "required")
    node = change.target(str(value["id"]), (*change.path, "id"))
    if isinstance(node, list):
        return node
    node.item["required"] = "true" if required else "false"
    return []


def _move(change: _Change) -> list[Finding]:
    value = change.fields("id", *_PLACEMENT)
    if isinstance(value, list):
        return value
    if not any(k in value for k in _PLACEMENT):
        return change.fail("“move” cần “after”, “before” hoặc “under” để biết chuyển mục đến đâu.")
    node = change.target(str(value["id"]), (*change.path, "id"))
    if isinstance(node, list):
        return node
    inside = next((k for k in _PLACEMENT if k in value and any(n.id == str(value[k]) for n in node.walk())), None)
    if inside is not None:
        return change.fail(f"Không thể chuyển mục “{node.id}” vào chính nó hoặc mục con của nó.", inside)
    siblings = _siblings(change.nodes, node)
    index = next(i for i, n in enumerate(siblings) if n is node)
    siblings.pop(index)
    spot = _spot(change)
    if isinstance(spot, list):
        siblings.insert(index, node)
        return spot
    spot.insert(node)
    return []


_HANDLERS: dict[str, Callable[[_Change], list[Finding]]] = {
    "add": _add, "drop": _drop, "rename": _rename, "move": _move, "require": _require,
}


# --- back to raw data with numbers recomputed --------------------------------------------------


def resolved_sections(nodes: list[Node], path: PathKey, depth: int, parent_number: str | None,
                      lines: dict[PathKey, int], files: dict[PathKey, str]) -> list[dict[str, Any]]:
    """The tree as raw sections, numbered by depth and position; lines and files filled per key path."""
    result = []
    parent = Section("", parent_number, "", "", True) if parent_number else None
    for index, node in enumerate(nodes):
        here = (*path, index)
        number = expected_number(depth, index + 1, parent)
        raw: dict[str, Any] = {**node.item, "number": number}
        files[here] = node.file
        lines.update({(*here, *key): line for key, line in node.lines.items()})
        if node.children:
            raw["sections"] = resolved_sections(node.children, (*here, "sections"), depth + 1, number, lines, files)
        result.append(raw)
    return result


# --- the glue called by load_outline ------------------------------------------------------------


def resolve_extends(doc: YamlDoc, path: Path, chain: tuple[Path, ...], load: Loader) -> tuple[ResolvedDoc, list[Finding]]:
    """Load the parent (with `load`, i.e. load_outline), apply the changes, return the merged raw outline.

    Problems with the changes are returned as findings (the outline checks add theirs); a missing
    parent or an `extends` cycle stops here."""
    data: dict[str, Any] = doc.data
    parent = _parent(doc, path, chain, load)
    findings: list[Finding] = []
    nodes = nodes_of(parent)
    own = data.get("sections", [])
    if isinstance(own, list):
        for index, raw in enumerate(own):
            if isinstance(raw, dict):
                nodes.append(node_from_raw(doc, raw, ("sections", index), findings))
            else:
                findings.append(error("outline-invalid", "Mỗi mục phải là một bảng khóa: giá trị.", doc.at("sections", index)))
    else:
        findings.append(error("outline-invalid", "“sections” phải là một danh sách mục.", doc.at("sections")))
    findings += apply_changes(nodes, data.get("changes", []), doc)
    lines: dict[PathKey, int] = {key: line for key, line in doc.lines.items() if not key or key[0] not in _OWN_KEYS}
    lines.update({(key,): doc.line("extends") or 1 for key in _inherited(parent) if key not in data})
    files: dict[PathKey, str] = {(): doc.file}
    sections = resolved_sections(nodes, ("sections",), 1, None, lines, files)
    kept = {n.id for top in nodes for n in top.walk()}
    merged = {**_inherited(parent), **{k: v for k, v in data.items() if k not in _OWN_KEYS}, "sections": sections}
    if "corrections" not in data:
        merged["corrections"] = [c for c in parent.corrections if c.get("section") in kept]
    return ResolvedDoc(merged, doc.file, lines, doc.warnings, files, parent.sources), findings


def _inherited(parent: Outline) -> dict[str, Any]:
    return {"name": parent.name, "kind": parent.kind, "system": parent.system, "template": parent.template,
            "source": parent.source, "profile": parent.profile, "corrections": list(parent.corrections)}


def _parent(doc: YamlDoc, path: Path, chain: tuple[Path, ...], load: Loader) -> Outline:
    ref = str(doc.data.get("extends", "")).strip()
    where = doc.at("extends")
    if not ref:
        raise DocgenError(error("outline-extends-not-found", "“extends” cần mã hoặc đường dẫn của đề cương gốc.", where))
    beside = path.parent / f"{ref}.yaml"
    try:
        parent_path = beside if ID_PATTERN.match(ref) and beside.is_file() else find_outline(ref, near=path.parent)
    except DocgenError:
        raise DocgenError(error("outline-extends-not-found", f"Không tìm thấy đề cương gốc “{ref}” (khóa “extends”).", where)) from None
    here = (*chain, path.resolve())
    if parent_path.resolve() in here:
        loop = " → ".join(p.name for p in (*here[here.index(parent_path.resolve()):], parent_path))
        raise DocgenError(error("outline-extends-cycle", f"Các đề cương kế thừa nhau thành vòng: {loop}.", where))
    return load(parent_path, chain=here)
