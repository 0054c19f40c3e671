"""Sign one PDF file: read it, find its signature block, place the image, sign, write atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyhanko.sign import signers

from ..core.errors import DocgenError, Finding, error
from ..core.fsio import atomic_write, cause, check_output_file
from . import pades
from .images import load_picture
from .place import find_place

MAX_PDF_BYTES = 100 * 1024 * 1024  # an official document is far smaller


@dataclass(frozen=True)
class Signing:
    """What to sign with: the signer's own signature (`signature` image) or the organ's (`seal` image,
    `seal_mm` its diameter when the image does not say, `organ` the name printed with the time)."""

    signature: Path | None = None
    seal: Path | None = None
    seal_mm: float | None = None
    organ: str | None = None


def sign_file(source: Path, target: Path, signer: signers.Signer, how: Signing) -> list[Finding]:
    """Sign `source` into `target`; returns the warnings about the images (an unusable input is a DocgenError)."""
    check_output_file(target, (".pdf",), (source,))
    pdf = _read_pdf(source)
    place = find_place(pdf, str(source))
    if how.seal:
        seal, findings = load_picture(how.seal, "red")
        organ = how.organ or _certificate_name(signer)
        signed = pades.sign_as_organ(pdf, signer, place, seal, seal.real_width(how.seal_mm), organ, str(source))
    elif how.signature:
        picture, findings = load_picture(how.signature, "blue")
        signed = pades.sign_as_signer(pdf, signer, place, picture, str(source))
    else:
        raise DocgenError(error("sign-image-missing", "Hãy cho ảnh chữ ký (--image) hoặc ảnh dấu của cơ quan (--seal)."))
    atomic_write(target, signed)
    return findings


def _read_pdf(source: Path) -> bytes:
    try:
        size = source.stat().st_size
        if size > MAX_PDF_BYTES:
            raise DocgenError(error("pdf-too-large", f"Tệp “{source}” quá lớn để ký ({size // (1024 * 1024)} MB)."))
        data = source.read_bytes()
    except OSError as exc:
        raise DocgenError(error("input-unreadable", f"Không đọc được tệp “{source}” ({cause(exc)}).")) from None
    if not data.startswith(b"%PDF-"):
        raise DocgenError(error("not-a-pdf", f"Tệp “{source}” không phải là tệp PDF."))
    return data


def _certificate_name(signer: signers.Signer) -> str:
    certificate = signer.signing_cert
    return str(certificate.subject.native.get("common_name", "")) if certificate is not None else ""
