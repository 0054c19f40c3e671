"""The compiled renderer: same bytes as docxtpl's own full path, template compiled once."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest
from docx_view import body, open_docx
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.core.errors import DocgenError
from docgen.render.context import build_context
from docgen.render.engine import CompiledTemplate, compiled, render, render_plain
from docgen.render.zippack import Member, pack

RICH = (
    ("  ket-qua-muc-tieu: Kết quả mục tiêu.", "  ket-qua-muc-tieu:\n    blocks:\n      - Tỷ lệ & <chỉ tiêu> \"đạt\"\n"
     "      - table:\n          caption: Bảng 1\n          header: [Chỉ tiêu, Kết quả]\n          rows: [[Dân số, '186.974'], [Tỷ số, '33,6']]\n"),
    ("  han-che: Hạn chế.", "  han-che: \"- Hạn chế một\\n+ Ý nhỏ\\tcó tab\""),
    ("Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW", "Sơ kết 05 năm\n  của Ban Thường vụ"),
)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture
def loaded(minimal: Callable[..., Path]) -> pipeline.Loaded:
    return pipeline.load(minimal(*RICH))


def test_compiled_output_has_the_same_parts_as_docxtpl_full_path(loaded: pipeline.Loaded) -> None:
    template, context = loaded.outline.template_path(), build_context(loaded.outline, loaded.report)
    fast, plain = render(template, context), render_plain(template, context)
    assert members(fast) == members(plain)
    document_xml = members(fast)["word/document.xml"]
    assert b"<w:tab/>" in document_xml and b"<w:br/>" in document_xml  # docxtpl's listing step ran


def test_document_xml_is_docxtpl_document_xml(loaded: pipeline.Loaded) -> None:
    template, context = loaded.outline.template_path(), build_context(loaded.outline, loaded.report)
    assert CompiledTemplate(template).document_xml(context) == members(render_plain(template, context))["word/document.xml"]


def test_one_compiled_template_renders_many_units_independently(loaded: pipeline.Loaded) -> None:
    template = compiled(loaded.outline.template_path())
    context = build_context(loaded.outline, loaded.report)
    first = template.render({**context, "organ": "ĐẢNG ỦY XÃ A"})
    second = template.render({**context, "organ": "ĐẢNG ỦY XÃ B"})
    again = template.render({**context, "organ": "ĐẢNG ỦY XÃ A"})
    assert first == again != second
    texts = [p.text for t in open_docx(second).tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert "ĐẢNG ỦY XÃ B" in texts and "ĐẢNG ỦY XÃ A" not in texts
    shown = [p.text for p in body(open_docx(first))]
    assert "- Tỷ lệ & <chỉ tiêu> \"đạt\"" not in shown and "Tỷ lệ & <chỉ tiêu> \"đạt\"" in shown


def tagged_template(path: Path, title: str = "") -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Đầu trang {{ organ }}"
    document.add_paragraph("Thân {{ organ }} & {{ note }}")
    document.core_properties.title = title
    document.save(str(path))
    return path


@pytest.mark.parametrize("title", ["", "Văn bản {{ organ }}"], ids=["tagged-header", "tagged-properties"])
def test_tagged_header_and_properties_render_like_docxtpl(tmp_path: Path, title: str) -> None:
    template = tagged_template(tmp_path / "t.docx", title)
    context = {"organ": "XÃ <A>", "note": "ghi chú"}
    fast = CompiledTemplate(template).render(context)
    assert members(fast) == members(render_plain(template, context))
    document = open_docx(fast)
    assert document.sections[0].header.paragraphs[0].text == "Đầu trang XÃ <A>"
    assert document.paragraphs[0].text == "Thân XÃ <A> & ghi chú"
    assert document.core_properties.title.startswith(title.replace("{{ organ }}", "XÃ"))


def test_missing_value_is_a_template_error_not_a_traceback(tmp_path: Path) -> None:
    template = CompiledTemplate(tagged_template(tmp_path / "t.docx"))
    with pytest.raises(DocgenError) as caught:
        template.render({"organ": "X"})
    assert caught.value.findings[0].code == "template-error"
    assert caught.value.findings[0].message.startswith("Mẫu văn bản bị lỗi: ")


def test_broken_template_is_reported_when_compiling(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("{{ organ ")
    document.save(str(tmp_path / "bad.docx"))
    with pytest.raises(DocgenError) as caught:
        CompiledTemplate(tmp_path / "bad.docx")
    assert caught.value.findings[0].code == "template-error"


def test_cache_follows_a_changed_template(tmp_path: Path) -> None:
    path = tagged_template(tmp_path / "t.docx")
    first = compiled(path)
    assert compiled(path) is first
    document = docx.Document()
    document.add_paragraph("Mới {{ organ }}")
    document.save(str(path))
    assert open_docx(render(path, {"organ": "X"})).paragraphs[0].text == "Mới X"


def test_pack_gives_a_valid_zip_that_zipfile_reads() -> None:
    data = pack([Member.compress("a.xml", b"<a/>" * 100), Member.compress("b/c.xml", "Đức Trọng".encode())])
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        assert package.namelist() == ["a.xml", "b/c.xml"]
        assert package.read("b/c.xml").decode() == "Đức Trọng"
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("xml", [
    '<w:body><w:p w:rsidR="1"><w:r><w:t>a\nb</w:t></w:r></w:p>\n<w:p><w:r><w:t>c\td</w:t></w:r></w:p></w:body>',
    "<w:body>\n\n<w:p><w:pPr><w:jc/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>x\fy\az</w:t></w:r></w:p>\n</w:body>",
    "<w:body><w:p><w:r><w:t>plain</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>1\n2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>",
    "<w:body><w:p><w:r><w:txbxContent><w:p><w:r><w:t>in\nbox</w:t></w:r></w:p></w:txbxContent></w:r></w:p></w:body>",
    "<w:body><w:proofErr/>\n<w:p>\n</w:p></w:body>",
])
def test_listing_step_on_some_paragraphs_equals_docxtpl_on_all(xml: str) -> None:
    from docxtpl import DocxTemplate

    from docgen.render.engine import _resolve_listing

    assert _resolve_listing(DocxTemplate.__new__(DocxTemplate), xml) == DocxTemplate.resolve_listing(None, xml)


def test_pictures_get_docxtpl_ids(tmp_path: Path) -> None:
    with zipfile.ZipFile(Path(docx.__file__).parent / "templates" / "default.docx") as package:
        jpeg = package.read("docProps/thumbnail.jpeg")  # any picture will do: python-docx's own
    document = docx.Document()
    document.add_paragraph("{{ organ }}")
    document.add_picture(io.BytesIO(jpeg))
    document.add_picture(io.BytesIO(jpeg))
    document.save(str(tmp_path / "pictures.docx"))
    fast = CompiledTemplate(tmp_path / "pictures.docx").render({"organ": "XÃ A"})
    assert members(fast) == members(render_plain(tmp_path / "pictures.docx", {"organ": "XÃ A"}))
    assert b'id="1001"' in members(fast)["word/document.xml"] and b'id="1002"' in members(fast)["word/document.xml"]


def test_renders_from_many_threads_each_get_their_own_document() -> None:
    # the web server renders from several threads with one compiled template per file
    contents = [pipeline.load(PROJECT_ROOT / "content" / name) for name in ("duc-trong.yaml", "phuong-mau-party.yaml")]
    jobs = [(c.outline.template_path(), build_context(c.outline, c.report)) for c in contents]
    expected = [render(template, context) for template, context in jobs]
    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(lambda i: render(*jobs[i % 2]), range(24)))
    assert [r == expected[i % 2] for i, r in enumerate(results)] == [True] * 24


def test_documents_after_the_first_are_spliced_and_still_docxtpls_bytes(minimal: Callable[..., Path]) -> None:
    # the first document of a compiled template is serialised docxtpl's way and teaches the splice;
    # the following ones use it and must still equal docxtpl's own full path
    loaded = [pipeline.load(minimal(*RICH)), pipeline.load(minimal()), pipeline.load(PROJECT_ROOT / "content" / "duc-trong.yaml")]
    fresh = CompiledTemplate(loaded[0].outline.template_path())
    for item in loaded:
        context = build_context(item.outline, item.report)
        assert members(fresh.render(context)) == members(render_plain(item.outline.template_path(), context))
    assert fresh._splice is not None


def test_splice_not_learnt_when_the_body_alone_serialises_differently() -> None:
    from lxml import etree

    from docgen.render.engine import _Splice

    tree = etree.fromstring(b'<w:body xmlns:w="urn:w"><w:p/></w:body>')
    assert _Splice.learn(b'<?xml?><w:document xmlns:w="urn:w"><w:body><w:p/></w:body></w:document>', tree) is not None
    assert _Splice.learn(b'<?xml?><w:document xmlns:w="urn:w"><w:body><w:p></w:p></w:body></w:document>', tree) is None
