"""Numbers and symbols never break across lines: their hyphens are printed as Word's non-breaking
hyphen, and the rules and the reader accept either form."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_view import body, open_docx

from docgen import pipeline
from docgen.core import official
from docgen.core.official import keep_together, parse_document_number

NB = "\u2011"


@pytest.mark.parametrize(("text", "expected"), [
    ("Nghị quyết số 21-NQ/TW", f"Nghị quyết số 21{NB}NQ/TW"),
    ("giai đoạn 2021-2025", f"giai đoạn 2021{NB}2025"),
    ("Nghị định số 30/2020/NĐ-CP", f"Nghị định số 30/2020/NĐ{NB}CP"),
    ("dịch COVID-19 và Covid-19", f"dịch COVID{NB}19 và Covid{NB}19"),
    ("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc"),  # spaced dashes are not symbols
    ("kinh tế-xã hội", "kinh tế-xã hội"),  # words may still break at their hyphen
])
def test_hyphens_inside_numbers_and_symbols_are_kept(text: str, expected: str) -> None:
    assert keep_together(text) == expected


def test_the_rules_read_both_hyphens() -> None:
    assert parse_document_number(f"184{NB}BC/HU", official.PARTY) == parse_document_number("184-BC/HU", official.PARTY)
    assert parse_document_number(f"165/KH{NB}UBND", official.STATE) is not None


def test_the_document_carries_word_non_breaking_hyphens(minimal: Callable[..., Path], tmp_path: Path) -> None:
    built = pipeline.build(minimal(), tmp_path / "a.docx").output
    assert built is not None
    xml = zipfile.ZipFile(built).read("word/document.xml").decode()
    assert '<w:t xml:space="preserve">Số 184</w:t><w:noBreakHyphen/><w:t xml:space="preserve">BC/HU</w:t>' in xml
    assert NB not in xml
    assert "Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW" in [p.text for p in body(open_docx(built))]  # Word shows a hyphen; readers read one


def test_content_written_with_non_breaking_hyphens_is_valid(minimal: Callable[..., Path]) -> None:
    content = minimal(("number: 184-BC/HU", f"number: 184{NB}BC/HU"))
    assert not [f for f in pipeline.check(content) if f.code.startswith("number")]


def _line_ends(pdf: Path) -> list[str]:
    # -raw: pdftotext would otherwise join a line ending in a hyphen with the next one
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.slow
def test_no_line_of_the_pdf_ends_inside_a_symbol(minimal: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph where "21-NQ/TW" falls at every position of a line: LibreOffice breaks after the
    plain hyphen (the control) and never after the non-breaking one."""
    if not (shutil.which("soffice") and shutil.which("pdftotext")):
        pytest.skip("LibreOffice and pdftotext are needed (scripts/install-system-deps.sh)")
    from docgen.render.pdf import to_pdf

    filler = " ".join(f"{'ư' * (i % 7 + 1)} Nghị quyết số 21-NQ/TW" for i in range(60))
    content = minimal(("quan-triet-hoc-tap: Học tập, quán triệt.", f"quan-triet-hoc-tap: {filler}"))
    kept = pipeline.build(content, tmp_path / "kept.docx").output
    monkeypatch.setattr(official, "keep_together", lambda text: text)
    plain = pipeline.build(content, tmp_path / "plain.docx").output
    assert kept and plain
    kept_pdf, plain_pdf = to_pdf([kept, plain])
    broken = re.compile(r"21-$")
    assert any(broken.search(line) for line in _line_ends(plain_pdf))  # the paragraph does provoke the break
    assert not [line for line in _line_ends(kept_pdf) if broken.search(line) or re.search(r"[0-9A-ZĐ]-$", line)]


def test_a_report_typed_with_non_breaking_hyphens_reads_as_with_hyphens(tmp_path: Path) -> None:
    from docgen.read.reader import read

    report = tmp_path / "bao-cao.txt"
    report.write_text(f"HUYỆN ỦY ĐỨC TRỌNG\nSố 184{NB}BC/HU\nNghị quyết số 21{NB}NQ/TW giai đoạn 2021{NB}2025\n", encoding="utf-8")
    assert [line.text for line in read(report).lines][1:] == ["Số 184-BC/HU", "Nghị quyết số 21-NQ/TW giai đoạn 2021-2025"]
