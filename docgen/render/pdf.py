"""Optional PDF output through LibreOffice (headless)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..core.errors import DocgenError, Finding, error, warning
from ..core.fsio import atomic_write

FONT = "Liberation Serif"  # metric-compatible with Times New Roman, full Vietnamese coverage


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def font_warning() -> Finding | None:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    fonts = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    if "Times New Roman" in fonts or FONT in fonts:
        return None
    return warning("font-missing", f"Máy chưa có phông Times New Roman hoặc {FONT} (gói fonts-liberation2); PDF sẽ dùng phông khác.")


def to_pdf(docx_files: list[Path], timeout: int = 300) -> list[Path]:
    """Convert many .docx files in one LibreOffice call; each PDF lands beside its .docx."""
    binary = office_binary()
    if not binary:
        message = "Chưa cài LibreOffice nên không tạo được PDF (apt-get install libreoffice-writer-nogui fonts-liberation2)."
        raise DocgenError(error("libreoffice-missing", message))
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        command = [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                   *(str(p) for p in docx_files)]
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise DocgenError(error("pdf-timeout", "LibreOffice không phản hồi khi tạo PDF.")) from None
        outputs = []
        for docx in docx_files:
            produced = Path(tmp, docx.with_suffix(".pdf").name)
            if not produced.is_file():
                raise DocgenError(error("pdf-failed", f"LibreOffice không tạo được PDF cho “{docx}”."))
            target = docx.with_suffix(".pdf")
            atomic_write(target, produced.read_bytes())
            outputs.append(target)
    return outputs
