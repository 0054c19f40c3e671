"""`docgen outline import` on PDF: the đề cương a plan attaches, read back from the plan's PDF; bad PDFs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.outline.load import load_outline
from docgen.pipeline import build
from docgen.read.outline_import import import_outline
from docgen.read.reader import SUPPORTED
from docgen.render.pdf import to_pdf

if ".pdf" not in SUPPORTED:  # these run once the PDF reader (docgen/read/pdf*.py) is in
    pytest.skip("the reader does not take PDF yet", allow_module_level=True)
samples = pytest.importorskip("pdf_samples")

PLAN = PROJECT_ROOT / "content" / "hai-duong-ke-hoach-so-ket-nq21.yaml"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None, reason="needs LibreOffice")
def test_the_attached_outline_comes_back_from_the_plans_pdf(tmp_path: Path):
    """Plan (with its ĐỀ CƯƠNG) → .docx → PDF → outline import: the bundled outline's headings, in order."""
    build(PLAN, tmp_path / "ke-hoach.docx")
    [plan_pdf] = to_pdf([tmp_path / "ke-hoach.docx"])
    imported = import_outline(plan_pdf)
    bundled = load_outline(PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml")
    assert [(h.printed, h.title) for h in imported.headings] == [(s.number, s.title) for s in bundled.walk()]
    assert [h.level for h in imported.headings] == [s.depth for s in bundled.walk()]


def test_a_scanned_pdf_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(samples.pdf([b"q 100 0 0 100 50 50 cm /Im1 Do Q"], image=True))
    assert main(["outline", "import", str(scan)]) == 2
    err = capsys.readouterr().err
    assert "bản quét" in err and "Traceback" not in err


def test_a_2000_page_pdf_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    huge = tmp_path / "dai.pdf"
    huge.write_bytes(samples.pdf([samples.content([])] * 2000))
    assert main(["outline", "import", str(huge)]) == 2
    err = capsys.readouterr().err
    assert "2000 trang" in err and "(pdf-too-many-pages)" in err
