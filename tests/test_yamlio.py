import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.core.errors import DocgenError, Severity
from docgen.core.yamlio import C_DUMPER, LOADERS, MAX_FILE_BYTES, PY_DUMPER, dump_yaml, emitters_agree, load_yaml, parse_yaml, strip_controls

ROOT = Path(__file__).resolve().parents[1]
PURE_PYTHON = LOADERS[-1:]
needs_libyaml = pytest.mark.skipif(len(LOADERS) < 2, reason="PyYAML was built without libyaml: only the pure-Python parser to compare")


def test_every_scalar_is_text_and_lines_are_kept():
    doc = parse_yaml("a: 1\nb:\n  c: [x, yes]\n  d: 2022-02-30\n", "f.yaml")
    assert doc.data == {"a": "1", "b": {"c": ["x", "yes"], "d": "2022-02-30"}}
    assert doc.line("b", "d") == 4
    assert doc.line("b", "c", 1) == 3
    assert doc.line("b", "missing") == 2  # nearest known ancestor


def test_duplicate_key_is_rejected_with_both_lines():
    with pytest.raises(DocgenError) as caught:
        parse_yaml("number: 1\nplace: X\nnumber: 2\n", "c.yaml")
    finding = caught.value.findings[0]
    assert finding.code == "duplicate-key"
    assert finding.location.line == 3
    assert finding.message == "Khóa “number” xuất hiện hai lần (lần đầu ở dòng 1)."


def test_syntax_error_gives_vietnamese_message_and_line():
    with pytest.raises(DocgenError) as caught:
        parse_yaml("organ:\n  name: A\n  parent: B: C\n", "c.yaml")
    finding = caught.value.findings[0]
    assert finding.code == "yaml-syntax"
    assert finding.location.line == 3
    assert "không được đặt dấu “:” ở đây" in finding.message


def test_control_characters_are_dropped_with_a_warning(tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_text("place: Đức\x07 Trọng\nname: ok\x1b\n", encoding="utf-8")
    doc = load_yaml(path)
    assert doc.data == {"place": "Đức Trọng", "name": "ok"}
    assert [(w.code, w.location.line, w.severity) for w in doc.warnings] == [
        ("control-character", 1, Severity.WARNING), ("control-character", 2, Severity.WARNING)]
    assert doc.warnings[0].message == "Đã bỏ ký tự điều khiển U+0007 ở cột 11."


def test_missing_file(tmp_path: Path):
    with pytest.raises(DocgenError) as caught:
        load_yaml(tmp_path / "none.yaml")
    assert caught.value.findings[0].code == "file-not-found"


def test_not_utf8_points_at_the_line(tmp_path: Path):
    path = tmp_path / "c.yaml"
    path.write_bytes(b"a: b\nplace: " + "Đức Trọng".encode("cp1258", errors="replace") + b"\xff\n")
    with pytest.raises(DocgenError) as caught:
        load_yaml(path)
    assert (caught.value.findings[0].code, caught.value.findings[0].location.line) == ("not-utf8", 2)


def test_oversized_file_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "big.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(DocgenError) as caught:
        load_yaml(path)
    assert caught.value.findings[0].code == "file-too-large"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("outline: x\nsections:\n  a: [\n", 4, "danh sách “[ ]” hoặc bảng “{ }” chưa được đóng"),
    ("a: [1, 2\nb: 3\n", 2, "thiếu dấu “,” hoặc “]” trong danh sách “[ ]”"),
    ('a: "x\\q"\n', 1, "ký tự sau “\\” không hợp lệ trong văn bản đặt trong nháy kép"),
])
def test_yaml_syntax_errors_read_in_vietnamese(text: str, line: int, message: str):
    with pytest.raises(DocgenError) as caught:
        parse_yaml(text, "c.yaml")
    finding = caught.value.findings[0]
    assert (finding.code, finding.location.line) == ("yaml-syntax", line)
    assert finding.message.startswith(f"Lỗi cú pháp YAML: {message}")


def _alias_bomb(levels: int) -> str:
    """Nested anchors, ten aliases per level: 10**levels values from a few hundred bytes."""
    lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("loaders", [LOADERS, PURE_PYTHON], ids=["default", "pure-python"])
def test_alias_bomb_is_refused_before_it_expands(loaders: tuple[type, ...]):
    text = _alias_bomb(9)  # 10**9 values once expanded
    assert len(text) < 500
    with pytest.raises(DocgenError) as caught:
        parse_yaml(text, "bom.yaml", loaders=loaders)
    finding = caught.value.findings[0]
    assert (finding.code, finding.location.file) == ("yaml-alias-expansion", "bom.yaml")
    assert "quá nhiều (hơn 100.000 phần tử)" in finding.message


def test_a_few_aliases_still_work():
    doc = parse_yaml(_alias_bomb(3) + "copy: *l1\n", "ok.yaml")
    assert len(doc.data["l2"]) == 10 and doc.data["copy"] == [["x"] * 10] * 10


def test_unreadable_file_is_a_vietnamese_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "c.yaml"
    path.write_text("a: b\n", encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)  # the tests run as root, for whom chmod 000 does not stop a read
    with pytest.raises(DocgenError) as caught:
        load_yaml(path)
    finding = caught.value.findings[0]
    assert finding.code == "file-unreadable"
    assert finding.message == f"Không đọc được “{path}”: không có quyền truy cập."


def _parsed(text: str, loaders: tuple[type, ...]) -> object:
    """What a reader of `text` gets: data and lines, or the findings that refuse it."""
    try:
        doc = parse_yaml(text, "c.yaml", loaders=loaders)
    except DocgenError as exc:
        return [(f.code, f.location.line, f.message) for f in exc.findings]
    return doc.data, doc.lines


def _yaml_files() -> list[Path]:
    return sorted(p for pattern in ("*.yaml", "*.yml") for p in ROOT.rglob(pattern) if ".git" not in p.parts)


@needs_libyaml
def test_libyaml_parses_every_bundled_and_test_file_as_the_pure_python_parser_does():
    files = _yaml_files()
    assert len(files) >= 15  # the bundled outlines and contents, the docs and test examples
    for path in files:
        text, _ = strip_controls(path.read_text(encoding="utf-8"), path.name)
        assert _parsed(text, LOADERS) == _parsed(text, PURE_PYTHON), path


@needs_libyaml
@pytest.mark.parametrize("text", [
    "organ:\n  name: A\n  parent: B: C\n", "a: [1, 2\nb: 3\n", 'a: "x\\q"\n', "a:\n\t- b\n", "a: x\n  \tb\n",
    "a: 1\na: 2\n", "<<: {a: 1}\n", "a: *nowhere\n", "a: |#\n  b\n", "a: ' x\u2028y'\n", "\ufeffa: \ufeffb\n",
    "a: " + "[" * 5000 + "]" * 5000 + "\n",
])
def test_refusals_and_edge_cases_read_the_same_with_both_parsers(text: str):
    assert _parsed(text, LOADERS) == _parsed(text, PURE_PYTHON)


def test_deep_nesting_is_refused_in_vietnamese():
    with pytest.raises(DocgenError) as caught:
        parse_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n", "sau.yaml")
    finding = caught.value.findings[0]
    assert (finding.code, finding.location.file) == ("yaml-too-deep", "sau.yaml")
    assert finding.message == "Tệp lồng nhau quá sâu (danh sách hoặc bảng lồng trong nhau quá nhiều cấp)."


# Text a secretary may type: Vietnamese letters, punctuation YAML cares about, line breaks, spaces, tabs, emoji.
_TYPED = st.lists(st.sampled_from(list("aăâđêôơưàảãáạằẳẵắặĐỨ 09:#-'\"|>!&*%@,[]{}?\n\t\\.") + ["\u00a0", "😀", ": ", " #", "\n\n"]),
                  max_size=30).map("".join)
_CONTENT = st.recursive(_TYPED, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TYPED, inner, max_size=4), max_leaves=20)


@needs_libyaml
@settings(max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_CONTENT)
def test_saved_content_reads_back_the_same_with_both_parsers(data: object):
    """What the web page and the importer store is dumped by dump_yaml: both parsers read it back alike."""
    text = dump_yaml({"sections": data})
    assert _parsed(text, LOADERS) == _parsed(text, PURE_PYTHON)
    assert parse_yaml(text, "c.yaml").data == {"sections": data}


def test_without_libyaml_the_pure_python_classes_are_used():
    code = ("import yaml; yaml.__with_libyaml__ = False\n"
            "from docgen.core import yamlio\n"
            "assert [c.__name__ for c in yamlio.LOADERS] == ['_PyTextLoader'], yamlio.LOADERS\n"
            "print(yamlio.parse_yaml('a: [1, yes]\\n', 'c.yaml').data)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "{'a': ['1', 'yes']}"
    assert yaml.__with_libyaml__ == (len(LOADERS) == 2)


def _dumped(data: object, dumper: type) -> str:
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000))


_ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
_ANY_CONTENT = st.recursive(_TYPED | _ANY_TEXT, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TYPED | _ANY_TEXT, inner, max_size=4),
                            max_leaves=20)


@needs_libyaml
@settings(max_examples=600, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_CONTENT)
def test_libyaml_writes_the_same_text_wherever_it_is_used(data: object):
    content = {"sections": data}
    if emitters_agree(content):
        assert _dumped(content, C_DUMPER) == _dumped(content, PY_DUMPER)
    assert dump_yaml(content) == _dumped(content, PY_DUMPER)


@needs_libyaml
@pytest.mark.parametrize("text", ["a 😀", "a\u2028b", "a\tb", "\ufeffa", "đoạn\n\n", "\n"])
def test_what_libyaml_writes_otherwise_is_left_to_the_pure_python_emitter(text: str):
    content = {"sections": {"a": text}}
    assert not emitters_agree(content)
    assert not emitters_agree({"x" * 101: "a"}) and not emitters_agree({"": "a"}) and not emitters_agree({"a\nb": "a"}) and emitters_agree({"x" * 100: "a"})
    assert dump_yaml(content) == _dumped(content, PY_DUMPER)


@needs_libyaml
def test_bundled_contents_are_written_by_libyaml_as_before():
    contents = sorted((ROOT / "content").glob("*.yaml"))
    assert len(contents) >= 5
    for path in contents:
        data = parse_yaml(path.read_text(encoding="utf-8"), path.name).data
        assert emitters_agree(data), path
        assert _dumped(data, C_DUMPER) == _dumped(data, PY_DUMPER), path
