"""The body written from its text (render/bodytext.py) gives the bytes of docxtpl's parse-and-serialise path."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx_view import open_docx

from docgen import pipeline
from docgen.render.bodytext import BodyText
from docgen.render.context import build_context
from docgen.render.engine import CompiledTemplate, _after_render, render_plain

HYPHEN = "\u2011"


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def tables_template(path: Path) -> Path:
    """Tags in paragraphs, in a fixed-width table, in a full-width table and in a column loop."""
    document = docx.Document()
    document.add_paragraph("{{ a }}")
    document.add_paragraph("Trước {{ b }} sau")
    document.add_paragraph(f"Chữ của mẫu: 21{HYPHEN}NQ/TW")  # a text element without attributes
    fixed = document.add_table(rows=2, cols=2)
    fixed.cell(0, 0).text, fixed.cell(0, 1).text = "Cơ quan", "{{ c }}"
    fixed.cell(1, 0).text, fixed.cell(1, 1).text = "{{ b }}", "cố định"
    wide = document.add_table(rows=2, cols=3)
    width = wide._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")
    wide.cell(0, 0).text, wide.cell(0, 1).text, wide.cell(0, 2).text = "STT", "Chỉ tiêu", "Kết quả"
    wide.cell(1, 0).text, wide.cell(1, 1).text, wide.cell(1, 2).text = "1", "{{ c }}", "{{ a }}"
    looped = document.add_table(rows=1, cols=3)
    looped.cell(0, 0).text, looped.cell(0, 1).text, looped.cell(0, 2).text = "{%tc for v in cols %}", "{{ v }}", "{%tc endfor %}"
    document.save(str(path))
    return path


CONTEXTS: list[dict[str, Any]] = [
    {"a": "đầu", "b": "giữa", "c": "ĐẢNG ỦY XÃ A", "cols": ["1", "2", "3"]},
    {"a": "", "b": "", "c": "", "cols": []},  # elements left empty, a loop of no column
    {"a": "a", "b": "b", "c": "c", "cols": ["x"]},  # a column fewer: the fix changes the table's grid
    {"a": 'Nháy "kép" và \'đơn\'', "b": "A & B <c> > d", "c": "21-NQ/TW", "cols": ["y", "z"]},
    {"a": f"{HYPHEN}đầu{HYPHEN}{HYPHEN}cuối{HYPHEN}", "b": f"số 184{HYPHEN}BC/HU", "c": f"Bảng{HYPHEN}1", "cols": ["a", "b", "c", "d", "e"]},
    {"a": "rất dài " * 40, "b": "b", "c": f"một ô dài hơn nhiều {HYPHEN} so với các ô khác của cột", "cols": ["9"]},
    {"a": "dòng\rmới", "b": "x", "c": "y", "cols": ["1"]},  # the parser turns \r into \n: this body goes through lxml
]


def test_string_pass_gives_docxtpls_bytes_for_every_kind_of_value(tmp_path: Path) -> None:
    template = tables_template(tmp_path / "t.docx")
    compiled = CompiledTemplate(template)
    for context in CONTEXTS + CONTEXTS:  # the second time round, tables come from the cache of tables and shapes
        assert document_xml(compiled.render(context)) == document_xml(render_plain(template, context)), context
    assert compiled._bodytext is not None  # never given up: the check against the tree agreed


def test_string_pass_is_taken_and_equals_the_tree(tmp_path: Path) -> None:
    compiled = CompiledTemplate(tables_template(tmp_path / "t.docx"))
    compiled.render(CONTEXTS[0])  # the first document teaches the splice
    assert compiled._bodytext is not None and compiled._splice is not None
    for context in CONTEXTS[:-1]:  # the last has a carriage return
        xml = _after_render(compiled._doc, compiled._body.render(context))
        inner = compiled._bodytext.inner(xml)
        assert inner is not None, context
        assert compiled._splice.prefix + inner + compiled._splice.suffix == compiled._from_tree(xml)


def test_what_the_parser_would_change_goes_through_lxml(tmp_path: Path) -> None:
    compiled = CompiledTemplate(tables_template(tmp_path / "t.docx"))
    compiled.render(CONTEXTS[0])
    assert compiled._bodytext is not None
    for value in ("dòng\rmới", "chuông\x01", "\ufffe"):
        xml = _after_render(compiled._doc, compiled._body.render({**CONTEXTS[0], "a": value}))
        assert compiled._bodytext.inner(xml) is None, repr(value)


def test_the_hyphens_a_reader_sees(tmp_path: Path) -> None:
    template = tables_template(tmp_path / "t.docx")
    compiled = CompiledTemplate(template)
    compiled.render(CONTEXTS[0])
    data = compiled.render(CONTEXTS[4])
    xml = document_xml(data)
    assert xml.count(b"<w:noBreakHyphen/>") == 13 and HYPHEN.encode() not in xml
    texts = [p.text for p in open_docx(data).paragraphs]
    assert texts[:3] == ["-đầu--cuối-", "Trước số 184-BC/HU sau", "Chữ của mẫu: 21-NQ/TW"]  # python-docx reads Word's hyphen element as "-"


@pytest.mark.parametrize("source", [
    '<w:body><w:p><w:pPr><w:pStyle w:val="{{ style }}"/></w:pPr></w:p></w:body>',  # a value in an attribute
    "<w:body><w:p><w:r><w:t>{{ text|safe }}</w:t></w:r></w:p></w:body>",  # markup let through
])
def test_templates_the_string_pass_cannot_follow(source: str) -> None:
    assert BodyText.for_template(source, lambda xml: None, lambda tree: None) is None


def test_a_bulk_run_gives_the_bytes_of_the_tree_path_for_every_unit(tmp_path: Path) -> None:
    """Every unit of a province with its own organ, number and place in the header table: the
    documents of a bulk run equal those of the parse-and-serialise path, unit by unit."""
    from docgen.bulk import run as bulk
    from docgen.bulk.personalise import numbered
    from docgen.bulk.units import catalogue_units

    settings = bulk.Settings(Path("content/phuong-mau-party.yaml").resolve(), tmp_path / "out")
    units = numbered(catalogue_units("Lâm Đồng", organ_system="party"), "{stt}-BC/ĐU")
    outcome = bulk.run(settings, units, jobs=1)
    assert outcome.count(action="written") == len(units) == 124
    worker = bulk._Worker(settings)
    tree_only = CompiledTemplate(worker.template)
    tree_only._bodytext = None  # the path every document took before the string pass
    for unit in units:
        loaded, _ = worker.loaded(bulk.build_report(bulk.unit_doc(worker.base, unit, None)))
        expected = tree_only.render(build_context(loaded.outline, loaded.report, loaded.appendix))
        assert (settings.out / bulk.output_name(unit)).read_bytes() == expected, unit.code


def test_documents_of_the_bundled_contents_equal_docxtpls(minimal: Callable[..., Path]) -> None:
    for name in ("duc-trong.yaml", "phuong-mau-party.yaml", "hai-duong-ke-hoach-so-ket-nq21.yaml", "ubnd-tinh-ke-hoach-dan-so.yaml",
                 "tuyen-quang-ke-hoach-173.yaml", "phuong-ke-hoach-kl149.yaml"):
        loaded = pipeline.load(Path("content") / name)
        context = build_context(loaded.outline, loaded.report, loaded.appendix)
        fresh = CompiledTemplate(loaded.outline.template_path())
        plain = document_xml(render_plain(loaded.outline.template_path(), context))
        for _ in range(3):  # learns the splice, checks the string pass against the tree, then trusts it
            assert document_xml(fresh.render(context)) == plain, name
        assert fresh._bodytext is not None


def test_an_element_is_collapsed_only_when_it_is_empty() -> None:
    text = BodyText({b"w:p", b"w:t"}, lambda xml: None, lambda tree: None)
    body = '<w:body xmlns:w="urn:w"><w:p><w:p a="1"/></w:p><w:p a="2"></w:p><w:tbl></w:tbl><w:t xml:space="preserve"></w:t></w:body>'
    assert text.inner(body) is None  # a table is parsed: this fake fix gives no tree
    body = body.replace("<w:tbl></w:tbl>", "")
    assert text.inner(body) == b'<w:p><w:p a="1"/></w:p><w:p a="2"/><w:t xml:space="preserve"/>'


def test_pictures_keep_docxtpls_ids_after_the_first_document(tmp_path: Path) -> None:
    with zipfile.ZipFile(Path(docx.__file__).parent / "templates" / "default.docx") as package:
        jpeg = package.read("docProps/thumbnail.jpeg")
    document = docx.Document()
    document.add_paragraph("{{ organ }}")
    document.add_picture(io.BytesIO(jpeg))
    document.save(str(tmp_path / "pictures.docx"))
    compiled = CompiledTemplate(tmp_path / "pictures.docx")
    for organ in ("XÃ A", "XÃ B", "XÃ C"):
        assert document_xml(compiled.render({"organ": organ})) == document_xml(render_plain(tmp_path / "pictures.docx", {"organ": organ}))
