"""PDF/A-2b output (`build --pdfa`, `bulk --pdfa`): the archival identification in the XMP metadata,
every font embedded, the document's title, author organ and date carried into the PDF."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.render import pdf


@pytest.fixture(autouse=True)
def _office() -> None:
    if pdf.office_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (scripts/install-system-deps.sh)")
        pytest.skip("LibreOffice not installed")


def _xmp(reader: PdfFileReader) -> str:
    return reader.root["/Metadata"].get_object().data.decode("utf-8")


def _resolve(item: Any) -> Any:
    return item.get_object() if hasattr(item, "get_object") else item


def _pages(node: Any) -> list[Any]:
    node = _resolve(node)
    return [leaf for kid in node["/Kids"] for leaf in _pages(kid)] if "/Kids" in node else [node]


def _fonts(reader: PdfFileReader) -> list[tuple[str, bool]]:
    """Every font the pages use, with whether its program is embedded (descendant fonts of Type0 included)."""
    seen: list[tuple[str, bool]] = []
    for page in _pages(reader.root["/Pages"]):
        fonts = _resolve(_resolve(page.get("/Resources", {})).get("/Font", {}))
        for ref in fonts.values():
            font = ref.get_object()
            for leaf in [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]:
                descriptor = leaf.get("/FontDescriptor")
                embedded = descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                entry = (str(leaf.get("/BaseFont")), embedded)
                if entry not in seen:
                    seen.append(entry)
    return seen


def test_build_pdfa_is_identified_embeds_every_font_and_carries_the_properties(tmp_path: Path) -> None:
    target = tmp_path / "dt.docx"
    assert main(["build", str(PROJECT_ROOT / "content" / "duc-trong.yaml"), "-o", str(target), "--pdfa"]) in (0, 1)
    data = target.with_suffix(".pdf").read_bytes()
    assert pdf.is_archival(data)
    with target.with_suffix(".pdf").open("rb") as stream:
        reader = PdfFileReader(stream)
        xmp = _xmp(reader)
        assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
        fonts = _fonts(reader)
        assert fonts and all(embedded for _, embedded in fonts), fonts
        assert any("LiberationSerif" in name or "TimesNewRoman" in name for name, _ in fonts)
        info = reader.trailer["/Info"].get_object()
        assert str(info["/Author"]) == "HUYỆN ỦY ĐỨC TRỌNG"
        assert str(info["/Title"]).replace("\u2011", "-").startswith("Báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW")
        assert "Báo cáo sơ kết 05 năm" in xmp and "HUYỆN ỦY ĐỨC TRỌNG" in xmp


def test_plain_pdf_is_not_archival(tmp_path: Path) -> None:
    target = tmp_path / "dt.docx"
    main(["build", str(PROJECT_ROOT / "content" / "duc-trong.yaml"), "-o", str(target), "--pdf"])
    assert not pdf.is_archival(target.with_suffix(".pdf").read_bytes())


def test_bulk_pdfa_then_plain_pdf_redoes_the_pdfs(tmp_path: Path) -> None:
    table = tmp_path / "don-vi.csv"
    table.write_text("code,name,organ,place\n25000,Xã Đức Trọng,ĐẢNG ỦY XÃ ĐỨC TRỌNG,Đức Trọng\n", encoding="utf-8")
    out = tmp_path / "out"
    base = str(PROJECT_ROOT / "content" / "duc-trong.yaml")
    main(["bulk", base, "--units", str(table), "-o", str(out), "--pdfa", "-j", "1"])
    made = out / "xa-duc-trong-25000.pdf"
    assert pdf.is_archival(made.read_bytes())
    main(["bulk", base, "--units", str(table), "-o", str(out), "--pdf", "-j", "1"])  # same documents, other kind of PDF
    assert not pdf.is_archival(made.read_bytes())
    stamp = dt.datetime.fromtimestamp(made.stat().st_mtime)
    main(["bulk", base, "--units", str(table), "-o", str(out), "--pdf", "-j", "1"])  # nothing to redo
    assert dt.datetime.fromtimestamp(made.stat().st_mtime) == stamp
