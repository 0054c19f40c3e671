"""Optional PDF output through LibreOffice (headless).

One LibreOffice call converts many files (starting LibreOffice costs far more than converting
one more file). Two LibreOffice processes cannot share a user profile, so a caller running
several conversions at once gives each its own `profile` folder; a profile reused across calls
is set up only once.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from ..core.errors import DocgenError, Finding, error, warning
from ..core.fsio import atomic_write

FONT = "Liberation Serif"  # metric-compatible with Times New Roman, full Vietnamese coverage
# PDF/A-2b (ISO 19005-2, level B): fonts embedded, metadata in XMP; the archival form of an electronic document
ARCHIVAL_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
_ARCHIVAL_MARK = b"<pdfaid:part>2</pdfaid:part>"


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_office() -> str:
    """The LibreOffice program, or the error that says how to install it."""
    binary = office_binary()
    if not binary:
        message = "Chưa cài LibreOffice nên không tạo được PDF (apt-get install libreoffice-writer-nogui fonts-liberation2)."
        raise DocgenError(error("libreoffice-missing", message))
    return binary


def font_warning() -> Finding | None:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    fonts = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, check=False).stdout
    if "Times New Roman" in fonts or FONT in fonts:
        return None
    return warning("font-missing", f"Máy chưa có phông Times New Roman hoặc {FONT} (gói fonts-liberation2); PDF sẽ dùng phông khác.")


def is_archival(pdf: bytes) -> bool:
    """The PDF declares itself PDF/A-2 (LibreOffice writes its XMP metadata uncompressed)."""
    return _ARCHIVAL_MARK in pdf


def convert(docx_files: list[Path], profile: Path | None = None, timeout: float = 300, sync: bool = True,
            on_file: Callable[[], None] | None = None, archival: bool = False, target: str = "pdf") -> list[Path | None]:
    """Convert many .docx files in one LibreOffice call; each PDF is written atomically beside its
    .docx. Returns, per file, its PDF or None when LibreOffice made none for it (the others are kept).
    `target`: another format LibreOffice writes ("docx" turns a .doc, .odt or .rtf into a .docx).

    `profile`: the LibreOffice user profile folder (made if missing; one per concurrent call);
    a throwaway one when None. `sync=False`: the PDFs are not flushed to disk one by one (see
    `atomic_write`). `on_file` is called as LibreOffice reports each file converted. `archival`:
    PDF/A-2b instead of a plain PDF.
    """
    binary = require_office()
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        profile_uri = (profile or Path(tmp, "profile")).resolve().as_uri()
        outdir = Path(tmp, "out")
        export = ARCHIVAL_FILTER if archival else target
        command = [binary, f"-env:UserInstallation={profile_uri}", "--headless", "--convert-to", export, "--outdir", str(outdir),
                   *(str(p) for p in docx_files)]
        timed_out = threading.Event()

        def stop(process: subprocess.Popen[bytes]) -> None:
            timed_out.set()
            process.kill()

        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL) as process:
            timer = threading.Timer(timeout, stop, (process,))
            timer.start()
            try:
                assert process.stdout is not None
                for line in process.stdout:  # "convert /…/a.docx as a Writer document -> /…/a.pdf using filter : writer_pdf_Export"
                    if on_file and line.startswith(b"convert "):
                        on_file()
                process.wait()
            finally:
                timer.cancel()
        if timed_out.is_set():
            raise DocgenError(error("pdf-timeout", "LibreOffice không phản hồi khi tạo PDF."))
        outputs: list[Path | None] = []
        for docx in docx_files:
            produced = outdir / docx.with_suffix(f".{target}").name
            if not produced.is_file():
                outputs.append(None)
                continue
            written = docx.with_suffix(f".{target}")
            atomic_write(written, produced.read_bytes(), sync=sync)
            outputs.append(written)
    return outputs


def to_pdf(docx_files: list[Path], timeout: float = 300, profile: Path | None = None, archival: bool = False) -> list[Path]:
    """Convert many .docx files in one LibreOffice call; each PDF (with `archival`, PDF/A-2b) lands
    beside its .docx. A file LibreOffice could not convert is an error (the PDFs of the others are kept)."""
    outputs = []
    for docx, pdf in zip(docx_files, convert(docx_files, profile, timeout, archival=archival), strict=True):
        if pdf is None:
            raise DocgenError(error("pdf-failed", f"LibreOffice không tạo được PDF cho “{docx}”."))
        outputs.append(pdf)
    return outputs
