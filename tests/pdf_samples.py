"""Small PDFs written by hand for the reader's tests: text placed where a test wants it, pages
without text, images, huge compressed streams. Positions are in millimetres from the top left."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

MM = 72 / 25.4
A4 = (595.28, 841.89)
FONTS = {"F1": "Times-Roman", "F2": "Times-Bold", "F3": "Times-Italic", "F4": "Helvetica"}


@dataclass(frozen=True)
class Text:
    x: float  # mm from the left edge
    top: float  # mm from the top edge
    text: str  # Latin-1 only (the standard fonts' encoding)
    font: str = "F1"
    size: float = 14


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def content(texts: list[Text], height: float = A4[1]) -> bytes:
    parts = []
    for t in texts:
        y = height - t.top * MM - t.size * 0.8
        parts.append(b"BT /%s %g Tf %.2f %.2f Td (%s) Tj ET" % (t.font.encode(), t.size, t.x * MM, y, _escape(t.text)))
    return b"\n".join(parts)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def pdf(pages: list[bytes], size: tuple[float, float] = A4, image: bool = False, raw_streams: list[bytes] | None = None) -> bytes:
    """A PDF whose pages draw the given content streams (with the four standard fonts, and an
    image named /Im1 when `image`); `raw_streams` are extra stream objects no page uses."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    pages_id = add(b"")
    fonts = b" ".join(b"/%s %d 0 R" % (name.encode(), add(b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>"
                                                               % base.encode())) for name, base in FONTS.items())
    xobjects = b""
    if image:
        pixels = bytes([200, 30, 30] * 4)
        xobjects = b"/XObject << /Im1 %d 0 R >>" % add(stream(pixels, b"/Type /XObject /Subtype /Image /Width 2 /Height 2 "
                                                                b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "))
    kids = []
    for page in pages:
        contents = add(stream(page))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R /Resources << /Font << %s >> %s >> >>"
                        % (pages_id, size[0], size[1], contents, fonts, xobjects)))
    for raw in raw_streams or []:
        add(raw)
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return _assemble(objects, catalog)


def _assemble(objects: list[bytes], root: int) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def bomb(inflated_mb: int) -> bytes:
    """A small stream object that inflates to `inflated_mb` megabytes of zeros."""
    packer = zlib.compressobj(9)
    chunk = bytes(1024 * 1024)
    data = b"".join(packer.compress(chunk) for _ in range(inflated_mb)) + packer.flush()
    return stream(data, b"/Filter /FlateDecode ")
