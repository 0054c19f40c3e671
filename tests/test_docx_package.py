"""A .docx is opened once: one zip open, each part unpacked once, and a styles part seen before
left unparsed until somebody asks, with the same styles as python-docx's own open."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.shared import Pt
from test_style_sharing import _report

from docgen.core.errors import DocgenError
from docgen.core.memo import BoundedMemo
from docgen.read import docxpackage
from docgen.read.format_rules.document import FormattedDocument
from docgen.read.reader import read


@pytest.fixture(autouse=True)
def _no_styles_seen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docxpackage, "_PARSED_STYLES", BoundedMemo(64))
    monkeypatch.setattr(docxpackage, "_STRUCTURES", BoundedMemo(64))


def _parsed(document: Any) -> bool:
    return "_element" in vars(document.part._styles_part)


def test_the_file_is_opened_once_and_each_part_unpacked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _report(tmp_path / "a.docx")
    opened, unpacked = [], []
    real_init, real_read = zipfile.ZipFile.__init__, zipfile.ZipFile.read

    def counting_init(self: zipfile.ZipFile, *args: Any, **kwargs: Any) -> None:
        opened.append(args[0])
        real_init(self, *args, **kwargs)

    def counting_read(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> bytes:
        unpacked.append(name)
        return real_read(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting_init)
    monkeypatch.setattr(zipfile.ZipFile, "read", counting_read)
    read(path)
    assert len(opened) == 1
    assert unpacked and len(unpacked) == len(set(unpacked))


def test_the_fingerprint_is_the_digest_of_the_styles_and_theme_as_stored(tmp_path: Path) -> None:
    path = _report(tmp_path / "a.docx")
    with zipfile.ZipFile(path) as package:
        names = sorted(n for n in package.namelist() if n in ("word/styles.xml", "word/theme/theme1.xml"))
        digest = hashlib.blake2b(digest_size=20)
        for name in names:
            digest.update(f"/{name}".encode() + b"\0" + package.read(name))
    assert docxpackage.open_docx(path, "a.docx").styles_fingerprint == digest.digest()


def test_styles_seen_before_are_parsed_only_when_asked_and_read_as_python_docx_reads_them(tmp_path: Path) -> None:
    first = read(_report(tmp_path / "a.docx"))
    FormattedDocument(first.document)
    second_path = _report(tmp_path / "b.docx")
    second = read(second_path)
    FormattedDocument(second.document)  # the format rules' sheet: the first document's, already resolved
    assert not _parsed(second.document)
    assert [line.style for line in second.lines] == [line.style for line in first.lines]
    own = docx.Document(str(second_path))
    assert [s.name for s in second.document.styles] == [s.name for s in own.styles]  # parsed now, when asked
    assert _parsed(second.document)
    assert second.document.styles["Heading 1"].font.size == Pt(14)


def test_changed_styles_are_parsed_on_open(tmp_path: Path) -> None:
    read(_report(tmp_path / "a.docx"))
    changed = read(_report(tmp_path / "b.docx", heading_size=20))
    assert _parsed(changed.document)
    assert changed.document.styles["Heading 1"].font.size == Pt(20)


def test_a_broken_styles_part_is_refused_on_open(tmp_path: Path) -> None:
    path = _report(tmp_path / "a.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            target.writestr(info, b"<w:styles" if info.filename == "word/styles.xml" else source.read(info))
    with pytest.raises(DocgenError) as caught:
        read(broken)
    assert caught.value.findings[0].code == "docx-corrupt"


def _parts(document: Any) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    return sorted((str(part.partname), part.content_type, sorted((r.rId, r.reltype, r.target_ref) for r in part.rels.values()))
                  for part in document.part.package.iter_parts())


def test_a_package_shaped_as_one_read_before_takes_its_structure_and_keeps_its_own_parts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from docx.opc.pkgreader import _SerializedRelationships

    read(_report(tmp_path / "a.docx"))
    second_path = _report(tmp_path / "b.docx", heading_size=20)
    parsed_rels: list[Any] = []
    real = _SerializedRelationships.load_from_xml
    monkeypatch.setattr(_SerializedRelationships, "load_from_xml", staticmethod(lambda *args: parsed_rels.append(args) or real(*args)))
    second = read(second_path)
    assert parsed_rels == []  # the structure of a.docx, which has the same .rels and content types
    own = docx.Document(str(second_path))
    assert _parts(second.document) == _parts(own)
    assert second.document.styles["Heading 1"].font.size == Pt(20)  # its own styles part, not the first one's
    assert [p.text for p in second.document.paragraphs] == [p.text for p in own.paragraphs]


def test_a_bounded_memo_forgets_its_oldest_entry_when_full() -> None:
    memo: BoundedMemo[str, int] = BoundedMemo(2)
    memo.put("a", 1)
    memo.put("b", 2)
    memo.put("a", 3)  # a known key takes no room
    memo.put("c", 4)
    assert ("a" in memo, memo.get("b"), memo.get("c"), len(memo)) == (False, 2, 4, 2)


def test_a_bounded_memo_makes_a_value_once_per_key_and_every_time_without_one() -> None:
    memo: BoundedMemo[str, list[int]] = BoundedMemo(2)
    first = memo.made("a", lambda: [1])
    assert memo.made("a", lambda: [2]) is first
    assert memo.made(None, lambda: [3]) == [3] and len(memo) == 1
