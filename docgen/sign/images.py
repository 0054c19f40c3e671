"""The signature and seal images: read, checked (PNG, transparent, blue or red), sized.

NĐ 30 Phụ lục I, Phần II: the signer's image is a blue PNG with a transparent background, centred
between the position line and the name; the organ's is its red seal, a transparent PNG at the
seal's real size, over about one third of the signature image on its left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..core.errors import DocgenError, Finding, error, warning
from ..core.fsio import cause

POINTS_PER_MM = 72 / 25.4
MAX_PIXELS = 4000 * 4000  # a signature or seal image is far smaller; larger files are refused


@dataclass(frozen=True)
class Picture:
    image: Image.Image
    path: Path

    @property
    def aspect(self) -> float:
        return self.image.width / self.image.height

    def real_width(self, fallback_mm: float | None) -> float:
        """Width in points at the image's own resolution, else `fallback_mm` wide."""
        if fallback_mm:
            return fallback_mm * POINTS_PER_MM
        dpi = self.image.info.get("dpi")
        if not dpi or float(dpi[0]) < 30:
            raise DocgenError(error("seal-size-unknown",
                                    f"Ảnh dấu “{self.path}” không ghi độ phân giải nên không biết kích thước thật; "
                                    "hãy cho đường kính dấu bằng --seal-mm (ví dụ 36)."))
        return self.image.width / float(dpi[0]) * 72


def load_picture(path: Path, colour: str) -> tuple[Picture, list[Finding]]:
    """The image at `path` and the warnings it draws; `colour` is "blue" (signature) or "red" (seal)."""
    what = "chữ ký" if colour == "blue" else "dấu"
    try:
        data = path.read_bytes()
        image = Image.open(io.BytesIO(data))
        if image.format != "PNG":
            raise DocgenError(error("image-not-png", f"Ảnh {what} “{path}” phải là tệp PNG nền trong suốt (tệp này là {image.format})."))
        if image.width * image.height > MAX_PIXELS:
            raise DocgenError(error("image-too-large", f"Ảnh {what} “{path}” quá lớn ({image.width}×{image.height} điểm ảnh)."))
        image.load()
    except OSError as exc:
        if isinstance(exc, UnidentifiedImageError):
            raise DocgenError(error("image-not-png", f"“{path}” không phải là ảnh PNG.")) from None
        raise DocgenError(error("image-unreadable", f"Không đọc được ảnh {what} “{path}” ({cause(exc)}).")) from None
    rgba = image.convert("RGBA")
    return Picture(rgba, path), _colour_findings(rgba, image, path, what, colour)


def _colour_findings(rgba: Image.Image, original: Image.Image, path: Path, what: str, colour: str) -> list[Finding]:
    findings = []
    alpha = rgba.getchannel("A")
    if original.mode not in ("RGBA", "LA", "PA") and "transparency" not in original.info or alpha.getextrema()[0] == 255:
        findings.append(warning("image-not-transparent", f"Ảnh {what} “{path}” không có nền trong suốt; sẽ che chữ bên dưới."))
    red, green, blue = _mean_colour(rgba)
    expected = blue > max(red, green) if colour == "blue" else red > max(green, blue)
    if not expected:
        name = "màu xanh" if colour == "blue" else "màu đỏ"
        findings.append(warning("image-colour", f"Ảnh {what} “{path}” không phải {name} như Nghị định 30/2020 quy định."))
    return findings


def _mean_colour(rgba: Image.Image) -> tuple[float, float, float]:
    """The mean colour of the visible (alpha > 0) pixels."""
    small = rgba.copy()
    small.thumbnail((128, 128))
    flattened = getattr(small, "get_flattened_data", small.getdata)  # Pillow 13 renamed it
    pixels = [p for p in list(flattened()) if p[3] > 0]
    if not pixels:
        return 0.0, 0.0, 0.0
    count = len(pixels)
    return sum(p[0] for p in pixels) / count, sum(p[1] for p in pixels) / count, sum(p[2] for p in pixels) / count
