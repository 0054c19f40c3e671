"""Safe YAML loading that remembers the line of every key and item.

Every scalar is read as text (no guessing of dates, numbers or booleans: the models convert
what they need and report what they cannot). Duplicate keys are rejected. Control characters
are dropped before parsing, each with a warning, so a stray character never makes the whole
file unreadable.

Parsing and dumping use libyaml's C classes when PyYAML was built with them (about ten times
faster: YAML was most of a web save's cost) and the pure-Python ones otherwise, or where the two
differ; both give the same data, lines and text (tests/test_yamlio.py compares them). A text the
C parser refuses is read again by the pure-Python one, so a syntax error is always worded by the
same translated messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DocgenError, Finding, Location, error, warning
from .fsio import read_failed

MAX_FILE_BYTES = 5 * 1024 * 1024
# How many values aliases (`*name`) may add beyond those written in the file: a few hundred bytes
# of nested anchors would otherwise expand to billions of values ("billion laughs").
MAX_ALIAS_EXPANSION = 100_000

# C0 controls except tab/newline/carriage return, DEL, C1 controls, and non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# Where libyaml and PyYAML's pure-Python parser read the same text differently (found by
# tests/test_yamlio.py's random texts: a tab after indentation, Unicode line separators, a
# byte-order mark inside the text, a comment right after a block scalar's "|" or ">"): such a
# text is read by the pure-Python parser only, so a file reads the same however PyYAML was built.
_PARSERS_DIFFER = re.compile("[\t\x85\u2028\u2029\ufeff]|[|>][-+0-9]*#")

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDoc:
    """Parsed data plus the 1-based line of each key path, e.g. ("sections", "ket-qua")."""

    data: Any
    file: str
    lines: dict[PathKey, int]
    warnings: tuple[Finding, ...] = ()

    def line(self, *path: str | int) -> int | None:
        """Line of the nearest known ancestor of `path`."""
        key: PathKey = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)

    def at(self, *path: str | int, section: str | None = None, title: str | None = None) -> Location:
        return Location(self.file, self.line(*path), section, title)


def read_text(path: Path, display: str | None = None) -> str:
    """Read a UTF-8 text file with the size limit; Vietnamese errors, never a traceback."""
    name = display or str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocgenError(error("file-not-found", f"Không tìm thấy tệp “{name}”.", Location(name))) from None
    except OSError as exc:
        raise read_failed(Path(name), exc) from None
    if path.is_dir():
        raise DocgenError(error("file-unreadable", f"“{name}” là thư mục, không phải tệp.", Location(name)))
    if size > MAX_FILE_BYTES:
        raise DocgenError(error(
            "file-too-large",
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); giới hạn là {MAX_FILE_BYTES // 1024 // 1024} MB.",
            Location(name),
        ))
    try:
        raw = path.read_bytes()
    except OSError as exc:  # e.g. a file the user may not read
        raise read_failed(Path(name), exc) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocgenError(error(
            "not-utf8", "Tệp không được mã hóa UTF-8; hãy lưu lại tệp với mã hóa UTF-8.", Location(name, line)
        )) from None
    return text


def strip_controls(text: str, name: str) -> tuple[str, list[Finding]]:
    found: list[Finding] = []
    if not _CONTROL.search(text):
        return text, found
    for lineno, line in enumerate(text.split("\n"), start=1):
        for m in _CONTROL.finditer(line):
            found.append(warning(
                "control-character",
                f"Đã bỏ ký tự điều khiển U+{ord(m.group()):04X} ở cột {m.start() + 1}.",
                Location(name, lineno),
            ))
    return _CONTROL.sub("", text), found


class _PyTextLoader(yaml.SafeLoader):
    """SafeLoader that resolves every plain scalar to a string."""


_PyTextLoader.yaml_implicit_resolvers = {}
LOADERS: tuple[type[Any], ...] = (_PyTextLoader,)
if yaml.__with_libyaml__:
    class _CTextLoader(yaml.CSafeLoader):
        """The same as _PyTextLoader, parsed by libyaml."""

    _CTextLoader.yaml_implicit_resolvers = {}
    LOADERS = (_CTextLoader, _PyTextLoader)


def load_yaml(path: Path, display: str | None = None) -> YamlDoc:
    name = display or str(path)
    text, warnings = strip_controls(read_text(path, name), name)
    return parse_yaml(text, name, warnings)


def parse_yaml(text: str, name: str, warnings: list[Finding] | None = None, loaders: tuple[type[Any], ...] | None = None) -> YamlDoc:
    """`text` parsed by the first of `loaders` (default LOADERS) that reads it (the last one's error otherwise)."""
    try:
        node = _compose(text, name, loaders or LOADERS)
        lines: dict[PathKey, int] = {}
        if node is None:
            return YamlDoc(None, name, {(): 1}, tuple(warnings or ()))
        if "&" in text:  # no anchor, no alias: nothing can expand
            _refuse_alias_bomb(node, name)
        data = _convert(node, (), lines, name)
    except RecursionError:  # "[[[[…" nested deeper than any content file: refused, never a traceback
        raise DocgenError(error("yaml-too-deep", "Tệp lồng nhau quá sâu (danh sách hoặc bảng lồng trong nhau quá nhiều cấp).",
                                Location(name))) from None
    return YamlDoc(data, name, lines, tuple(warnings or ()))


def _compose(text: str, name: str, loaders: tuple[type[Any], ...]) -> yaml.Node | None:
    *faster, last = loaders
    if _PARSERS_DIFFER.search(text):
        faster = []
    for loader in faster:
        try:
            return yaml.compose(text, Loader=loader)
        except yaml.YAMLError:
            pass  # read again by the next loader, whose messages are translated
    try:
        return yaml.compose(text, Loader=last)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "cú pháp không hợp lệ"
        raise DocgenError(error(
            "yaml-syntax", f"Lỗi cú pháp YAML: {_vi_problem(problem)}.", Location(name, line)
        )) from None
    except yaml.YAMLError as exc:
        raise DocgenError(error("yaml-syntax", f"Lỗi cú pháp YAML: {exc}.", Location(name))) from None


def _refuse_alias_bomb(root: yaml.Node, name: str) -> None:
    """Count, in time linear in the parsed graph, how many values the file expands to; refuse
    the file when aliases add more than MAX_ALIAS_EXPANSION of them."""
    expanded: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in expanded:
            children: list[yaml.Node] = []
            if isinstance(node, yaml.SequenceNode):
                children = node.value
            elif isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            expanded[id(node)] = 1 + sum(size(child) for child in children)
        return expanded[id(node)]

    if size(root) - len(expanded) > MAX_ALIAS_EXPANSION:
        raise DocgenError(error(
            "yaml-alias-expansion",
            f"Các tham chiếu (alias “*…”) trong tệp nhân bản nội dung quá nhiều (hơn {_thousands(MAX_ALIAS_EXPANSION)} phần tử); "
            "hãy viết nội dung ra trực tiếp thay vì dùng tham chiếu lồng nhau.",
            Location(name),
        ))


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _convert(node: yaml.Node, path: PathKey, lines: dict[PathKey, int], name: str) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*path, i), lines, name) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DocgenError(error(
                    "yaml-syntax", "Khóa phải là một chuỗi đơn giản.", Location(name, key_node.start_mark.line + 1)
                ))
            key = key_node.value
            if key == "<<":
                raise DocgenError(error(
                    "yaml-syntax", "Không hỗ trợ khóa gộp “<<”.", Location(name, key_node.start_mark.line + 1)
                ))
            if key in result:
                raise DocgenError(error(
                    "duplicate-key",
                    f"Khóa “{key}” xuất hiện hai lần (lần đầu ở dòng {lines[(*path, key)]}).",
                    Location(name, key_node.start_mark.line + 1),
                ))
            lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, (*path, key), lines, name)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    raise DocgenError(error("yaml-syntax", "Nút YAML không được hỗ trợ.", Location(name, node.start_mark.line + 1)))


_PROBLEMS = {
    "mapping values are not allowed here": "không được đặt dấu “:” ở đây (thiếu dấu nháy quanh văn bản có “: ”?)",
    "could not find expected ':'": "thiếu dấu “:” sau tên khóa",
    "found character '\\t' that cannot start any token": "không được dùng ký tự Tab để thụt lề",
    "did not find expected key": "thụt lề không đúng hoặc thiếu khóa",
    "found undefined alias": "tham chiếu (alias) chưa được định nghĩa",
    "found unexpected end of stream": "tệp kết thúc khi chưa đóng dấu nháy hoặc ngoặc",
    "did not find expected node content": "thiếu nội dung sau dấu “-” hoặc “:”",
    "expected <block end>, but found '-'": "thụt lề của danh sách không đúng",
    "found duplicate anchor": "anchor bị trùng",
    "expected the node content": "danh sách “[ ]” hoặc bảng “{ }” chưa được đóng",
    "expected ',' or ']'": "thiếu dấu “,” hoặc “]” trong danh sách “[ ]”",
    "expected ',' or '}'": "thiếu dấu “,” hoặc “}” trong bảng “{ }”",
    "found unknown escape character": "ký tự sau “\\” không hợp lệ trong văn bản đặt trong nháy kép (viết “\\\\” hoặc dùng nháy đơn)",
}


def _vi_problem(problem: str) -> str:
    for english, vietnamese in _PROBLEMS.items():
        if problem.startswith(english):
            return vietnamese
    return f"cú pháp không hợp lệ ({problem})"  # the parser's own words, in English, kept as a detail


def _block_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Multi-line text as literal blocks ("|"), so the YAML reads like the documented examples."""
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _block_dumper(base: type[Any]) -> type[Any]:
    dumper: Any = type(f"Block{base.__name__}", (base,), {})
    dumper.add_representer(str, _block_text)
    return dumper


PY_DUMPER = _block_dumper(yaml.SafeDumper)
C_DUMPER = _block_dumper(yaml.CSafeDumper) if yaml.__with_libyaml__ else None

# libyaml's emitter writes the same text as the pure-Python one except (found by random texts,
# tests/test_yamlio.py) for characters outside the Basic Multilingual Plane, controls and tabs,
# line and paragraph separators and a byte-order mark (escaped differently), text kept with its
# trailing blank lines ("|+", after which libyaml ends the document with "..."), and keys that
# are empty, on several lines or of 128 characters or more. Data holding any of these is dumped in pure Python.
_EMITTERS_DIFFER = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|(?:^|\n)\n$")
_LONGEST_KEY = 100


def emitters_agree(data: Any, key: bool = False) -> bool:
    """Whether libyaml's emitter writes `data` exactly as the pure-Python one does."""
    if isinstance(data, str):
        return not _EMITTERS_DIFFER.search(data) and not (key and (not data or "\n" in data or len(data) > _LONGEST_KEY))
    if isinstance(data, list):
        return all(emitters_agree(item) for item in data)
    if isinstance(data, dict):
        return all(emitters_agree(k, key=True) and emitters_agree(v) for k, v in data.items())
    return False


def dump_yaml(data: Any) -> str:
    """Content data as YAML text: keys in their order, Vietnamese as written, multi-line text as blocks.
    The same text whichever emitter writes it: libyaml's (about ten times faster) only for data it writes alike."""
    dumper = C_DUMPER if C_DUMPER is not None and emitters_agree(data) else PY_DUMPER
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
