"""A .docx opened once: its bounds and package findings from the zip directory, python-docx's
document, and the fingerprint of its styles, all from one open of the file and one read of each part.

Bad input stops with a DocgenError carrying a Vietnamese message. A zip part's declared size
bounds what zipfile unpacks, so a zip bomb is refused from its directory, before anything is
unpacked.

A styles part whose exact bytes were parsed before in this process (every document of one
template) is parsed only when somebody asks for it: the reader and the format rules take the
styles they need from what they resolved for the first such document (see DocxView and
format_rules.styles.StyleSheet, both keyed by the fingerprint).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import Unmarshaller
from docx.opc.packuri import PACKAGE_URI, PackURI
from docx.opc.part import PartFactory
from docx.opc.phys_pkg import CONTENT_TYPES_URI
from docx.opc.pkgreader import PackageReader, _ContentTypeMap, _SerializedPart
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart

from ..core.errors import DocgenError, Finding, Location, error, warning
from ..core.fsio import read_failed
from ..core.memo import BoundedMemo

# Bounds on the work a .docx from outside may ask for, far beyond any real report: the largest
# real report at hand (Đức Trọng, 9 pages) has a 40 KB word/document.xml.
MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all parts, pictures included
MAX_XML_PART_BYTES = 16 * 1024 * 1024  # one XML part, e.g. word/document.xml
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_STYLE_PARTS = (RT.STYLES, RT.THEME)


@dataclass(frozen=True)
class OpenedDocx:
    document: Any  # python-docx's Document
    findings: tuple[Finding, ...]  # about the package (external links)
    styles_fingerprint: bytes | None  # see styles_fingerprint()
    body_bytes: int  # the unpacked size of the main document part (word/document.xml)


def open_docx(path: Path, name: str) -> OpenedDocx:
    """Size, encryption, zip sanity, macros and external links checked, then python-docx's document."""
    where = Location(name)
    size = path.stat().st_size if path.is_file() else -1
    if size < 0:
        raise DocgenError(error("file-not-found", f"Không tìm thấy tệp “{name}”.", where))
    if size > MAX_DOCX_BYTES:
        raise DocgenError(error("file-too-large", f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB); giới hạn là {MAX_DOCX_BYTES // 1024 // 1024} MB.", where))
    try:
        with path.open("rb") as handle:
            return _open_zip(handle, path, where)
    except OSError as exc:
        raise read_failed(Path(name), exc) from None


def _open_zip(handle: IO[bytes], path: Path, where: Location) -> OpenedDocx:
    if handle.read(8) == OLE_MAGIC:
        raise DocgenError(error("docx-encrypted", "Tệp được đặt mật khẩu hoặc là tệp .doc cũ; hãy mở bằng Word, bỏ mật khẩu và lưu lại dạng .docx.", where))
    if not zipfile.is_zipfile(handle):
        raise DocgenError(error("not-docx", f"“{path.name}” không phải tệp .docx (Word 2007 trở lên).", where))
    try:
        archive = zipfile.ZipFile(handle)
        members = _Members(archive)
        findings = _package_findings(members, where)
    except zipfile.BadZipFile:
        raise DocgenError(error("docx-corrupt", "Tệp .docx bị hỏng (không giải nén được).", where)) from None
    with archive:
        try:
            document = _document(members)
        except Exception:  # untrusted input: any parse failure is "corrupt"
            raise DocgenError(error("docx-corrupt", "Tệp .docx bị hỏng hoặc không phải văn bản Word.", where)) from None
        body_bytes = archive.getinfo(document.part.partname.membername).file_size
        return OpenedDocx(document, tuple(findings), styles_fingerprint(document, members), body_bytes)


class _Members:
    """The zip's members, each unpacked once: python-docx's physical package reader (blob_for,
    rels_xml_for, content_types_xml), and the fingerprint's source afterwards."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.infos = archive.infolist()
        self.names = {info.filename for info in self.infos}
        self._blobs: dict[str, bytes] = {}

    def read(self, membername: str) -> bytes:
        blob = self._blobs.get(membername)
        if blob is None:
            blob = self._blobs[membername] = self.archive.read(membername)
        return blob

    def blob_for(self, pack_uri: PackURI) -> bytes:
        return self.read(pack_uri.membername)

    @property
    def content_types_xml(self) -> bytes:
        return self.blob_for(CONTENT_TYPES_URI)

    def rels_xml_for(self, source_uri: PackURI) -> bytes | None:
        membername = source_uri.rels_uri.membername
        return self.read(membername) if membername in self.names else None  # most parts have no relationships

    def close(self) -> None:
        """python-docx closes its reader once the parts are read; the archive is closed by whoever opened it."""


def _package_findings(members: _Members, where: Location) -> list[Finding]:
    _refuse_oversized_parts(members.infos, where)
    names = members.names
    if "word/document.xml" not in names:
        raise DocgenError(error("docx-corrupt", "Tệp .docx thiếu phần nội dung chính (word/document.xml).", where))
    if "word/vbaProject.bin" in names:
        raise DocgenError(error("docx-macros", "Tệp có macro (VBA); hãy lưu lại dạng .docx không có macro rồi kiểm tra.", where))
    found = []
    if any(n.endswith(".rels") and b'TargetMode="External"' in members.read(n) for n in sorted(names)):
        found.append(warning("docx-external-links", "Tệp có liên kết ra ngoài (ảnh, mẫu hoặc dữ liệu liên kết); docgen không tải chúng.", where))
    return found


def _refuse_oversized_parts(infos: list[zipfile.ZipInfo], where: Location) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise DocgenError(error(
            "docx-too-large", f"Tệp .docx giải nén ra {_megabytes(total)}, quá giới hạn {_megabytes(MAX_UNPACKED_BYTES)}; không đọc.", where
        ))
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART_BYTES:
            raise DocgenError(error(
                "docx-too-large",
                f"Phần “{info.filename}” của tệp .docx giải nén ra {_megabytes(info.file_size)}, quá giới hạn {_megabytes(MAX_XML_PART_BYTES)} "
                "mà không báo cáo thật nào cần tới; không đọc.",
                where,
            ))


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _document(members: _Members) -> Any:
    """python-docx's `Document(path)`, its package read from `members` (what `Package.open` does with
    the reader it makes itself), a styles part parsed before left unparsed until asked for."""
    package_rels, parts = _serialized_parts(members)
    package = Package()
    Unmarshaller.unmarshal(PackageReader(None, package_rels, parts), package, _part)
    document_part = package.main_document_part
    if document_part.content_type != CT.WML_DOCUMENT_MAIN:
        raise ValueError(f"not a Word document: {document_part.content_type}")
    return document_part.document


def _serialized_parts(members: _Members) -> tuple[Any, tuple[Any, ...]]:
    """The package's relationships and its parts as python-docx's reader lists them. The parts'
    names, content types and relationships follow from [Content_Types].xml and the .rels parts
    alone: a package whose are byte for byte those of one read before (every document of one
    template) takes them from it, with its own blobs."""
    key = _structure_key(members)
    known = _STRUCTURES.get(key)
    if known is None:
        content_types = _ContentTypeMap.from_xml(members.content_types_xml)
        package_rels = PackageReader._srels_for(members, PACKAGE_URI)
        parts = PackageReader._load_serialized_parts(members, package_rels, content_types)
        _STRUCTURES.put(key, (package_rels, tuple((p.partname, p.content_type, p.reltype, p.srels) for p in parts)))
        return package_rels, parts
    package_rels, shapes = known
    return package_rels, tuple(_SerializedPart(name, content_type, reltype, members.blob_for(name), rels)
                               for name, content_type, reltype, rels in shapes)


def _structure_key(members: _Members) -> bytes:
    digest = hashlib.blake2b(members.content_types_xml, digest_size=20)
    for name in sorted(members.names):
        digest.update(b"\0" + name.encode())
        if name.endswith(".rels"):
            digest.update(b"\0" + members.read(name))
    return digest.digest()


def _part(partname: PackURI, content_type: str, reltype: str, blob: bytes, package: Package) -> Any:
    if content_type == CT.WML_STYLES and hashlib.blake2b(blob, digest_size=20).digest() in _PARSED_STYLES:
        return _LazyStylesPart(partname, content_type, blob, package)
    part = PartFactory(partname, content_type, reltype, blob, package)
    if isinstance(part, StylesPart):
        _remember_parsed(blob)
    return part


class _LazyStylesPart(StylesPart):
    """A styles part whose XML is parsed on first use (python-docx parses every XML part on open)."""

    def __init__(self, partname: PackURI, content_type: str, blob: bytes, package: Package) -> None:
        super(StylesPart, self).__init__(partname, content_type, None, package)  # type: ignore[arg-type]
        del self._element  # set to None by XmlPart; now the cached property below
        self._unparsed = blob

    @cached_property
    def _element(self) -> Any:  # type: ignore[override]
        return parse_xml(self._unparsed)


# Digests of styles parts that parsed without error in this process, and the structures of packages
# read (python-docx's read-only relationship and part records).
_PARSED_STYLES: BoundedMemo[bytes, bool] = BoundedMemo(64)
_STRUCTURES: BoundedMemo[bytes, tuple[Any, tuple[tuple[Any, str, str, Any], ...]]] = BoundedMemo(64)


def _remember_parsed(blob: bytes) -> None:
    _PARSED_STYLES.put(hashlib.blake2b(blob, digest_size=20).digest(), True)


def styles_fingerprint(document: Any, members: _Members) -> bytes | None:
    """A digest of the bytes a document's formatting is resolved from (its styles and theme parts as
    stored in the .docx): documents made from one template share it, and so can share their resolved
    style sheet. None when it cannot be told (no styles part of its own, an unreadable part)."""
    rels = [rel for rel in document.part.rels.values() if not rel.is_external and rel.reltype in _STYLE_PARTS]
    if not any(rel.reltype == RT.STYLES for rel in rels):
        return None
    parts = sorted({rel.target_part for rel in rels}, key=lambda part: str(part.partname))
    digest = hashlib.blake2b(digest_size=20)
    try:
        for part in parts:
            digest.update(str(part.partname).encode() + b"\0")
            digest.update(members.read(part.partname.membername))
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return digest.digest()
