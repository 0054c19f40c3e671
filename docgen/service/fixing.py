"""Chuẩn hóa thể thức of an uploaded Word report: the same `fix` as `docgen fix`, run in a private
temporary folder that is gone once the answer is made (nothing of the upload stays on the server).

The upload is bounded twice: by the web app's request size cap, then by the reader's own limits
(size, unpacked size, paragraphs, characters) before anything is parsed. A .doc, .odt or .rtf
goes through LibreOffice as the reader does it (its own timeout and throwaway profile).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import DocgenError, error
from ..core.vietnamese import slugify
from ..outline.model import Outline
from ..pipeline import Session
from ..read.fix import ACCEPTED, Fixed, fix

NOT_DOCX = "Chỉ nhận báo cáo Word (.docx, .doc), OpenDocument (.odt) hoặc RTF (.rtf)."


@dataclass(frozen=True)
class FixedUpload:
    filename: str  # ASCII, for the browser to save the rebuilt document under
    data: bytes
    fixed: Fixed




def fix_upload(session: Session, data: bytes, filename: str, outline: Outline, force: bool = False) -> FixedUpload | list[str]:
    """The rebuilt document of an upload; the reader's doubts about its structure instead, unless forced."""
    if not filename.lower().endswith(ACCEPTED):
        raise DocgenError(error("fix-not-docx", NOT_DOCX))
    stem, suffix = slugify(Path(filename).stem), Path(filename).suffix.lower()  # only [a-z0-9-] of a browser's name are used
    with tempfile.TemporaryDirectory(prefix="docgen-fix-") as folder:
        source, target = Path(folder, f"{stem}{suffix}"), Path(folder, f"{stem}-chuan-hoa.docx")
        source.write_bytes(data)
        outcome = fix(session, source, target, outline, force)
        if not isinstance(outcome, Fixed):
            return outcome
        return FixedUpload(target.name, target.read_bytes(), outcome)
