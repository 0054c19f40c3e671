"""Sign one PDF file: read it, find its signature block, place the image, sign, write atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyhanko.sign import signers

from ..core.errors import DocgenError, Finding, error
from ..core.fsio import atomic_write, check_output_file
from ..read.pdfopen import checked_bytes
from . import pades
from .images import load_picture
from .place import find_place


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
    pdf = checked_bytes(source, str(source))  # the PDF reader's bounds: size, a PDF at all, inflated streams
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


def _certificate_name(signer: signers.Signer) -> str:
    certificate = signer.signing_cert
    return str(certificate.subject.native.get("common_name", "")) if certificate is not None else ""
