"""Open a PDF someone sent, with bounded work, or stop with a Vietnamese message.

Before pdfminer (through pdfplumber) parses anything, the raw file is checked: its size, that it
is a PDF, and how much its compressed streams unpack to (a "PDF bomb" is a small file whose
streams inflate to gigabytes; every zlib stream in the file is inflated here in small chunks
that are thrown away, so the check itself costs no memory). Then the password and the number of
pages are checked. Nothing here runs JavaScript or follows links: pdfminer only reads.
"""

from __future__ import annotations

import re
import zlib
from itertools import islice
from pathlib import Path
from typing import Any

from ..core.errors import DocgenError, Location, error

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_INFLATED_BYTES = 200 * 1024 * 1024  # all streams together, once inflated
MAX_PAGES = 300
_CHUNK = 1024 * 1024
_STREAM = re.compile(rb"stream\r?\n")


def open_pdf(path: Path, name: str) -> Any:
    """The pdfplumber PDF of `path` (the caller closes it), after the checks above."""
    where = Location(name)
    checked_bytes(path, name)
    pdf = _parse(path, where)
    try:
        _check_pages(pdf, where)
    except BaseException:
        pdf.close()
        raise
    return pdf


def checked_bytes(path: Path, name: str) -> bytes:
    """The bytes of a PDF within the size and inflation bounds, before any parser sees them."""
    where = Location(name)
    data = _read_bounded(path, where)
    if b"%PDF-" not in data[:1024]:
        raise DocgenError(error("not-pdf", f"“{path.name}” không phải tệp PDF.", where))
    if inflated_size(data, MAX_INFLATED_BYTES) > MAX_INFLATED_BYTES:
        message = f"Tệp PDF chứa dữ liệu nén giải ra quá lớn (trên {MAX_INFLATED_BYTES // 1024 // 1024} MB); không đọc."
        raise DocgenError(error("pdf-too-large", message, where))
    return data


def _read_bounded(path: Path, where: Location) -> bytes:
    if not path.is_file():
        raise DocgenError(error("file-not-found", f"Không tìm thấy tệp “{where.file}”.", where))
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        message = f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); giới hạn là {MAX_PDF_BYTES // 1024 // 1024} MB."
        raise DocgenError(error("file-too-large", message, where))
    return path.read_bytes()


def inflated_size(data: bytes, limit: int) -> int:
    """How many bytes the zlib streams of a PDF inflate to, counting stops past `limit`.

    Streams are found by their "stream" keyword, whatever object (page content, object stream,
    cross-reference stream, image) holds them; a stream that is not zlib data counts nothing."""
    total = 0
    for match in _STREAM.finditer(data):
        total += _inflate_count(data, match.end(), limit - total + 1)
        if total > limit:
            break
    return total


def _inflate_count(data: bytes, start: int, budget: int) -> int:
    inflater = zlib.decompressobj()
    pending = data[start:start + _CHUNK]
    offset, count = start + len(pending), 0
    try:
        while count < budget and not inflater.eof:
            count += len(inflater.decompress(pending, _CHUNK))
            pending = inflater.unconsumed_tail
            if not pending:
                if offset >= len(data):
                    break
                pending, offset = data[offset:offset + _CHUNK], offset + _CHUNK
    except zlib.error:
        pass  # not zlib, or damaged: pdfminer will say so if it matters
    return count


def _parse(path: Path, where: Location) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # untrusted input: any parse failure is "damaged", except a password
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or isinstance(exc, PDFPasswordIncorrect | PDFEncryptionError):
            message = "Tệp PDF được đặt mật khẩu; hãy mở bằng phần mềm đọc PDF, bỏ mật khẩu (in ra PDF mới) rồi gửi lại."
            raise DocgenError(error("pdf-encrypted", message, where)) from None
        raise DocgenError(error("pdf-corrupt", "Tệp PDF bị hỏng, không đọc được.", where)) from None
    return pdf


def _check_pages(pdf: Any, where: Location) -> None:
    count = _page_count(pdf)
    if count == 0:
        raise DocgenError(error("pdf-no-pages", "Tệp PDF không có trang nào.", where))
    if count > MAX_PAGES:
        message = f"Tệp PDF có {count} trang, quá giới hạn {MAX_PAGES} trang của một báo cáo; không đọc."
        raise DocgenError(error("pdf-too-many-pages", message, where))


def _page_count(pdf: Any) -> int:
    """The pages, counted without building them: the catalogue's /Count, or at most MAX_PAGES + 1 pages."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        if isinstance(count, int) and count >= 0:
            return count
    except Exception:  # a damaged page tree: count the pages themselves
        pass
    try:
        return sum(1 for _ in islice(PDFPage.create_pages(pdf.doc), MAX_PAGES + 1))
    except Exception:
        raise DocgenError(error("pdf-corrupt", "Tệp PDF bị hỏng (không đọc được danh sách trang).", where_of(pdf))) from None


def where_of(pdf: Any) -> Location:
    return Location(str(getattr(pdf, "path", "") or "") or None)
