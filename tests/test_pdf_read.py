"""Reading PDFs: the same lines, sections, metadata and findings as the .docx they were made from;
findings pointing at page and line; every kind of bad PDF a message and exit code 2."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pdf_samples import Text, bomb, content, pdf
from samples import PROJECT_ROOT
from test_reader import SECTION_CODES, _handmade

from docgen import pipeline
from docgen.cli import main
from docgen.core.errors import DocgenError
from docgen.outline.load import load_outline
from docgen.read import pdfopen
from docgen.read.docreport import check_document, read_report
from docgen.read.reader import read
from docgen.render import pdf as office

NQ21 = "bao-cao-so-ket-nq21"


def needs_office() -> None:
    if office.office_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI (scripts/install-system-deps.sh)")
        pytest.skip("LibreOffice not installed")


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Word documents and their PDFs made by LibreOffice in one call: the bundled Đức Trọng report
    and State plan, and a report typed by hand (header table, manual bold, no styles)."""
    needs_office()
    folder = tmp_path_factory.mktemp("pdf")
    for name in ("duc-trong", "ubnd-tinh-ke-hoach-dan-so"):
        pipeline.build(PROJECT_ROOT / "content" / f"{name}.yaml", folder / f"{name}.docx")
    _handmade(folder / "tay.docx", with_kiem_tra=False)
    office.to_pdf(sorted(folder.glob("*.docx")))
    return folder


def _summary(path: Path, outline_id: str) -> dict[str, object]:
    read_back = read_report(path, load_outline(PROJECT_ROOT / "outlines" / f"{outline_id}.yaml"))
    report = read_back.report
    return {"sections": {i: a.title for i, a in read_back.detected.answers.items()}, "number": report.number, "date": report.date,
            "organ": (report.organ.parent, report.organ.name), "recipients": report.recipients,
            "signer": (report.signer.authority, " ".join(report.signer.position.split()), report.signer.name)}


@pytest.mark.parametrize("name, outline_id", [("duc-trong", NQ21), ("ubnd-tinh-ke-hoach-dan-so", "ke-hoach-thuc-hien-nq-hdnd")])
def test_pdf_reads_back_as_its_docx(converted: Path, name: str, outline_id: str) -> None:
    from_pdf = _summary(converted / f"{name}.pdf", outline_id)
    assert from_pdf == _summary(converted / f"{name}.docx", outline_id)
    assert from_pdf["sections"]  # something was found, not two empty readings


def test_duc_trong_pdf_lines_header_body_signature(converted: Path) -> None:
    lines = read(converted / "duc-trong.pdf").lines
    texts = [line.text for line in lines]
    assert texts[:7] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG", "*", "Số 184-BC/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                         "Đức Trọng, ngày 05 tháng 8 năm 2022", "BÁO CÁO"]
    assert all(line.in_table for line in lines[:6]) and not lines[6].in_table and lines[6].bold
    # a title broken at the hyphen of "21-NQ/TW" is joined without a space
    assert "TÌNH HÌNH TỔ CHỨC TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 21-NQ/TW" in texts
    assert texts[-3:] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Hồng Khánh"]
    heading = next(line for line in lines if line.text.startswith("I. VIỆC TỔ CHỨC"))
    assert (heading.bold, heading.page, heading.page_line) == (True, 1, 19)


def test_handmade_pdf_findings_match_the_docx_and_point_at_page_and_line(converted: Path, nq21) -> None:  # type: ignore[no-untyped-def]
    _, from_docx = check_document(converted / "tay.docx", nq21)
    _, from_pdf = check_document(converted / "tay.pdf", nq21)

    def sections(findings):  # type: ignore[no-untyped-def]
        return sorted((f.code, f.location.section) for f in findings if f.code in SECTION_CODES)

    assert sections(from_pdf) == sections(from_docx) and ("missing-section", "II.2") in sections(from_pdf)
    missing = next(f for f in from_pdf if f.code == "missing-section" and f.location.section == "II.2")
    assert (missing.location.page, missing.location.line) == (1, 18)
    assert missing.format().startswith(f"{converted / 'tay.pdf'}, trang 1, dòng 18: lỗi: [II.2] Thiếu mục")


def test_cli_checks_and_imports_a_pdf(converted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = converted / "duc-trong.pdf"
    assert main(["check", str(path), "--outline", NQ21]) == 1
    out = capsys.readouterr().out
    assert f"{path}, trang 6, dòng 23: lỗi: [II.2.7] Thiếu mục “Tăng cường hợp tác quốc tế”. (missing-section)" in out
    assert "(format-" not in out  # our own PDF keeps the official format
    target = tmp_path / "xa.yaml"
    assert main(["import", str(path), "--outline", NQ21, "-o", str(target)]) in (0, 1)
    assert "number: 184-BC/HU" in target.read_text(encoding="utf-8")


def test_scan_without_text_layer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf([b"q 400 0 0 600 80 100 cm /Im1 Do Q"], image=True))
    assert main(["check", str(path), "--outline", NQ21]) == 2
    out = capsys.readouterr().out
    assert "Tệp PDF là bản quét (chỉ có ảnh, không có lớp chữ) nên không đọc được nội dung" in out and "(pdf-scanned)" in out


def _encrypted(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("mat-khau")
    with path.open("wb") as handle:
        writer.write(handle)


def _real_pdf_cut(path: Path) -> None:
    whole = pdf([content([Text(30, 20, "BAO CAO")])])
    path.write_bytes(whole[:len(whole) // 2])


BAD = [
    (lambda p: p.write_bytes(b"Hello, not a PDF at all"), "not-pdf", "không phải tệp PDF"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(4000)), "pdf-corrupt", "Tệp PDF bị hỏng"),
    (_real_pdf_cut, "pdf-corrupt", "Tệp PDF bị hỏng"),
    (_encrypted, "pdf-encrypted", "Tệp PDF được đặt mật khẩu"),
    (lambda p: p.write_bytes(pdf([])), "pdf-no-pages", "Tệp PDF không có trang nào."),
    (lambda p: p.write_bytes(pdf([b""] * 2000)), "pdf-too-many-pages", "Tệp PDF có 2000 trang, quá giới hạn 300 trang"),
    (lambda p: p.write_bytes(pdf([b""])), "empty-document", "Văn bản không có nội dung."),
]


@pytest.mark.parametrize("make, code, message", BAD, ids=[b[1] + str(i) for i, b in enumerate(BAD)])
def test_bad_pdf_gives_a_message_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], make, code, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.pdf"
    make(path)
    with pytest.raises(DocgenError) as raised:
        read(path, "x.pdf")
    assert raised.value.findings[0].code == code and message in raised.value.findings[0].message
    assert main(["check", str(path), "--outline", NQ21]) == 2
    captured = capsys.readouterr()
    assert f"({code})" in captured.out and "Traceback" not in captured.out + captured.err


def test_pdf_bomb_is_refused_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is lowered so that the test inflates 48 MB, not 200; the counting is the same.
    monkeypatch.setattr(pdfopen, "MAX_INFLATED_BYTES", 32 * 1024 * 1024)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pdf([content([Text(30, 20, "BAO CAO")])], raw_streams=[bomb(48)]))
    assert path.stat().st_size < 200_000
    with pytest.raises(DocgenError) as raised:
        read(path, "bomb.pdf")
    assert raised.value.findings[0].code == "pdf-too-large"
    assert raised.value.findings[0].message == "Tệp PDF chứa dữ liệu nén giải ra quá lớn (trên 32 MB); không đọc."


def test_inflated_size_counts_every_stream_and_stops_at_the_limit() -> None:
    two = pdf([content([Text(30, 20, "A")])], raw_streams=[bomb(2), bomb(3)])
    assert pdfopen.inflated_size(two, 100 * 1024 * 1024) == 5 * 1024 * 1024  # the page's own stream is not compressed
    assert 1024 * 1024 < pdfopen.inflated_size(two, 1024 * 1024) <= 3 * 1024 * 1024


def test_too_large_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfopen, "MAX_PDF_BYTES", 1000)
    path = tmp_path / "lon.pdf"
    path.write_bytes(pdf([content([Text(30, 20, "BAO CAO " * 40)])]))
    with pytest.raises(DocgenError) as raised:
        read(path, "lon.pdf")
    assert raised.value.findings[0].code == "file-too-large"


def test_legacy_font_damage_is_repaired(tmp_path: Path) -> None:
    from docgen.read.pdflayout import clean

    assert clean("định hƣớng Ƣu tiên") == "định hướng Ưu tiên"
    assert clean("Nghi\u0323 quyê\u0301t") == "Nghị quyết"  # decomposed marks composed (NFC)


def test_old_formats_without_libreoffice_say_how_to_save_as_docx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from docgen.read import office as office_formats

    monkeypatch.setattr(office_formats, "office_binary", lambda: None)
    path = tmp_path / "bao-cao.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    assert main(["check", str(path), "--outline", NQ21]) == 2
    out = capsys.readouterr().out
    assert (f"{path}: lỗi: “bao-cao.doc” là văn bản Word 97–2003 (.doc); máy chưa cài LibreOffice nên docgen không đọc được loại tệp này. "
            "Hãy mở tệp bằng Word (hoặc LibreOffice Writer), chọn Lưu thành (Save As), kiểu “Word Document (*.docx)”, "
            "rồi kiểm tra tệp .docx. (office-format-unreadable)") in out
    assert "UTF-8" not in out


@pytest.mark.slow
def test_doc_odt_rtf_are_read_through_libreoffice_as_their_docx(converted: Path, tmp_path: Path, nq21) -> None:  # type: ignore[no-untyped-def]
    _, from_docx = check_document(converted / "tay.docx", nq21)
    expected = sorted((f.code, f.location.section) for f in from_docx if f.code in SECTION_CODES)
    for target in ("doc", "odt", "rtf"):
        source = tmp_path / target / "tay.docx"
        source.parent.mkdir()
        source.write_bytes((converted / "tay.docx").read_bytes())
        [made] = office.convert([source], target=target)
        assert made is not None and made.suffix == f".{target}"
        source.unlink()
        _, findings = check_document(made, nq21)
        assert sorted((f.code, f.location.section) for f in findings if f.code in SECTION_CODES) == expected, target
        assert {f.location.file for f in findings} == {str(made)}


def test_damaged_old_format_is_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs_office()
    path = tmp_path / "hong.odt"
    path.write_bytes(b"PK\x03\x04 this is not really an OpenDocument file")
    assert main(["check", str(path), "--outline", NQ21]) == 2
    out = capsys.readouterr().out
    assert "(office-format-unreadable)" in out or "(empty-document)" in out
