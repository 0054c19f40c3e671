"""A PAdES signature with its visible image, placed per NĐ 30 Phụ lục I, Phần II.

Two kinds: the signer's (người có thẩm quyền: the blue signature image centred in the space
between the position line and the name) and the organ's (cơ quan, tổ chức: the red seal at its real
size over about the left third of the signer's image, with the organ's name and the signing time,
ISO 8601 with +07:00, in Times New Roman 10 under it). Each signature is an incremental update, so
signing first as the signer and then as the organ keeps both valid.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, InnerScaling, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle, TextStampStyle

from ..core.errors import DocgenError, error
from .images import Picture
from .place import Place

VIETNAM = dt.timezone(dt.timedelta(hours=7))
INFO_SIZE = 10  # points: the signing information's size (Times New Roman 10)
SIGNATURE_MAX_WIDTH = 160.0  # points (56 mm)
SIGNATURE_FILL = 0.9  # share of the space between position and name the signature image takes


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF user space (origin bottom left), in points."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def tuple(self) -> tuple[float, float, float, float]:
        return self.x0, self.y0, self.x1, self.y1


def signature_box(place: Place, picture: Picture) -> Box:
    """The signer's image: as high as most of the space for the signature, centred in it."""
    top, bottom = place.gap
    height = (bottom - top) * SIGNATURE_FILL
    width = min(height * picture.aspect, SIGNATURE_MAX_WIDTH)
    height = width / picture.aspect
    middle = place.height - (top + bottom) / 2
    return Box(place.centre - width / 2, middle - height / 2, place.centre + width / 2, middle + height / 2)


def seal_box(signature: Box, picture: Picture, diameter: float) -> Box:
    """The seal at its real size, over the left third of the signature image, level with its middle."""
    height = diameter / picture.aspect
    right = signature.x0 + signature.width / 3
    middle = (signature.y0 + signature.y1) / 2
    return Box(right - diameter, middle - height / 2, right, middle + height / 2)


def info_box(seal: Box, place: Place, width: float) -> Box:
    """Two lines of signing information under both the seal and the signer's name."""
    top = min(seal.y0, place.height - place.name.bottom) - 2
    return Box(seal.x0, top - 2.6 * INFO_SIZE, seal.x0 + width, top)


def sign_as_signer(pdf: bytes, signer: signers.Signer, place: Place, picture: Picture, source: str) -> bytes:
    box = signature_box(place, picture)
    style = StaticStampStyle(border_width=0, background=PdfImage(picture.image, box=BoxConstraints(box.width, box.y1 - box.y0)),
                             background_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MID, AxisAlignment.ALIGN_MID,
                                                                   inner_content_scaling=InnerScaling.SHRINK_TO_FIT))
    return _sign(pdf, signer, place.page, box, style, "ChuKyNguoiKy", {}, source)


def sign_as_organ(pdf: bytes, signer: signers.Signer, place: Place, seal: Picture, diameter: float, organ: str,
                  source: str, signature_picture_box: Box | None = None, when: dt.datetime | None = None) -> bytes:
    """The organ's signature; `signature_picture_box`: where the signer's image is (read from the
    document when it was signed first), else where it would go."""
    signature = signature_picture_box or _existing_signature_box(pdf, place) or _default_signature_box(place)
    seal_at = seal_box(signature, seal, diameter)
    info = info_box(seal_at, place, max(diameter, INFO_SIZE * 0.5 * max(len(organ), 25)))
    whole = Box(seal_at.x0, info.y0, max(seal_at.x1, info.x1), seal_at.y1)
    seal_image = PdfImage(seal.image, box=BoxConstraints(seal_at.width, seal_at.y1 - seal_at.y0))
    signed_at = (when or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0).isoformat()
    with tempfile.TemporaryDirectory(prefix="docgen-sign-") as folder:
        style = TextStampStyle(
            border_width=0, background=seal_image, background_opacity=1.0,
            background_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MIN, AxisAlignment.ALIGN_MAX, inner_content_scaling=InnerScaling.NO_SCALING),
            inner_content_layout=SimpleBoxLayoutRule(AxisAlignment.ALIGN_MIN, AxisAlignment.ALIGN_MIN, margins=Margins(0, 0, 0, 0),
                                                     inner_content_scaling=InnerScaling.SHRINK_TO_FIT),
            text_box_style=TextBoxStyle(font=_times_font(organ + signed_at, Path(folder)), font_size=INFO_SIZE, text_color=(0, 0, 0)),
            stamp_text="%(organ)s\n%(at)s",
        )
        return _sign(pdf, signer, place.page, whole, style, "ChuKyCoQuan", {"organ": organ, "at": signed_at}, source)


def _default_signature_box(place: Place) -> Box:
    top, bottom = place.gap
    height = (bottom - top) * SIGNATURE_FILL
    middle = place.height - (top + bottom) / 2
    return Box(place.centre - height, middle - height / 2, place.centre + height, middle + height / 2)


def _existing_signature_box(pdf: bytes, place: Place) -> Box | None:
    """The rectangle of a signature already in the document, inside the space for the signature."""
    top, bottom = place.height - place.gap[1], place.height - place.gap[0]
    for rect in signature_rects(pdf):
        box = Box(*rect)
        if top - 1 <= (box.y0 + box.y1) / 2 <= bottom + 1:
            return box
    return None


def signature_rects(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """The rectangles of the document's signature fields' widgets, in the order they were added."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    form = reader.root.get("/AcroForm")
    rects = []
    for ref in form.get_object().get("/Fields", []) if form else []:
        item = ref.get_object()
        if item.get("/FT") == "/Sig" and "/Rect" in item:
            rects.append(tuple(float(v) for v in item["/Rect"]))
    return rects  # type: ignore[return-value]


def _sign(pdf: bytes, signer: signers.Signer, page: int, box: Box, style: Any, name: str, text: dict[str, str], source: str) -> bytes:
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        field = _free_name(writer, name)
        meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256")
        spec = fields.SigFieldSpec(field, on_page=page, box=tuple(round(v, 2) for v in box.tuple))  # type: ignore[arg-type]
        output = signers.PdfSigner(meta, signer, stamp_style=style, new_field_spec=spec).sign_pdf(writer, appearance_text_params=text or None)
    except DocgenError:
        raise
    except Exception as exc:  # pyHanko and the token raise many kinds for a file or key it cannot use
        raise DocgenError(error("sign-failed", f"Không ký được “{source}” ({type(exc).__name__}: {exc}).")) from None
    return bytes(output.getbuffer())


def _free_name(writer: IncrementalPdfFileWriter, base: str) -> str:
    taken = {str(name) for name, _, _ in fields.enumerate_sig_fields(writer)}
    return next(f"{base}{n or ''}" for n in range(len(taken) + 2) if f"{base}{n or ''}" not in taken)


def _times_font(text: str, folder: Path) -> Any:
    """Times New Roman, or the font metric-compatible with it (Liberation Serif), cut to the characters of
    `text` and written in `folder` at 1,000 units per em (pyHanko writes a TrueType font's glyph widths in
    its own units, which PDF reads as thousandths of an em: a 2,048-unit font would be spaced out)."""
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    match = shutil.which("fc-match")
    path = ""
    if match:
        path = subprocess.run([match, "-f", "%{file}", "Times New Roman:style=Regular"], capture_output=True, text=True, check=False).stdout
    if not path.lower().endswith((".ttf", ".otf")):
        raise DocgenError(error("font-missing", "Máy chưa có phông Times New Roman hoặc Liberation Serif (gói fonts-liberation2) để ghi thông tin ký số."))
    font = TTFont(path)
    options = Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True)
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: fontTools cannot subset them and says so on stderr
    subsetter = Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    target = folder / "times.ttf"
    font.save(str(target))
    return GlyphAccumulatorFactory(str(target))
