"""The older formats offices still keep (.doc, .odt, .rtf), read through LibreOffice as a .docx.

The file is copied under a plain name into a private temporary folder, LibreOffice (headless, its
own throwaway profile) writes a .docx beside it, and the .docx reader reads that; every finding
names the original file. Without LibreOffice the message says what the file is and how to save
it as .docx by hand.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..core.errors import DocgenError, Location, error
from ..render.pdf import convert, office_binary
from .docxpackage import MAX_DOCX_BYTES
from .reader import Source, read_docx

KINDS = {
    ".doc": "văn bản Word 97–2003 (.doc)",
    ".odt": "văn bản OpenDocument (.odt, của LibreOffice/OpenOffice)",
    ".rtf": "văn bản RTF (.rtf)",
}
CONVERT_TIMEOUT = 120  # seconds for LibreOffice to convert one file


def read_office(path: Path, name: str) -> Source:
    where = Location(name)
    kind = KINDS[path.suffix.lower()]
    if not path.is_file():
        raise DocgenError(error("file-not-found", f"Không tìm thấy tệp “{name}”.", where))
    if path.stat().st_size > MAX_DOCX_BYTES:
        raise DocgenError(error("file-too-large", f"Tệp quá lớn; giới hạn là {MAX_DOCX_BYTES // 1024 // 1024} MB.", where))
    if office_binary() is None:
        message = (f"“{path.name}” là {kind}; máy chưa cài LibreOffice nên docgen không đọc được loại tệp này. "
                   "Hãy mở tệp bằng Word (hoặc LibreOffice Writer), chọn Lưu thành (Save As), kiểu “Word Document (*.docx)”, "
                   "rồi kiểm tra tệp .docx.")
        raise DocgenError(error("office-format-unreadable", message, where))
    with tempfile.TemporaryDirectory(prefix="docgen-office-") as tmp:
        copy = Path(tmp, "van-ban" + path.suffix.lower())  # LibreOffice never sees the sender's file name
        shutil.copyfile(path, copy)
        try:
            converted = convert([copy], Path(tmp, "profile"), CONVERT_TIMEOUT, sync=False, target="docx")[0]
        except DocgenError:  # LibreOffice hung on it
            converted = None
        if converted is None:
            message = f"LibreOffice không mở được “{path.name}” ({kind}): tệp hỏng, được đặt mật khẩu hoặc không đúng loại."
            raise DocgenError(error("office-format-unreadable", message, where))
        return read_docx(converted, name)
