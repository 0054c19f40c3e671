"""Outlines imported from the upper level's guidance document: an administrator uploads the document,
reviews the imported đề cương as a tree (with what the import could not decide beside it), fixes
titles and required flags or removes a heading, and saves it; a round then uses it for everything.

The outline is kept in the database as YAML text and checked by the outline stage's own loader at
import and at every edit: a bad edit is refused with the loader's findings and nothing is saved.
Once a round uses an outline it is no longer edited (the round's reports are written against it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import DocgenError, Finding, Location, error
from ..core.vietnamese import nfc
from ..core.yamlio import dump_yaml, parse_yaml
from ..outline.model import Outline, letter_number, number_at
from ..read.outline_import import ImportedOutline, import_outline_bytes
from ..storage.accounts import User
from ..storage.outlines import StoredOutline
from ..storage.rounds import Round
from .documents import bundled_outline, outline_of_text
from .permissions import MANAGE, NotFound, require

MAX_GUIDANCE_BYTES = 20 * 1024 * 1024  # a guidance document is a few pages; the reader's own bounds apply below this
GUIDANCE_SUFFIXES = (".docx", ".pdf", ".txt")
EDITED_NAME = "đề cương đã sửa"


@dataclass(frozen=True)
class Note:
    """What the import could not decide, at its line in the guidance document and, when known, its section."""

    message: str
    code: str
    line: int | None
    section: str  # the section's id, "" when the note is about no one heading


@dataclass(frozen=True)
class SectionEdit:
    title: str
    required: bool
    remove: bool = False


# --- import -----------------------------------------------------------------------------------------


def import_guidance(db: Session, by: User, data: bytes, filename: str, now: dt.datetime) -> StoredOutline:
    """The đề cương of an uploaded guidance document, kept for review; DocgenError (nothing kept) when there is none."""
    require(by, MANAGE)
    shown = _shown_name(filename)
    _check_upload(data, shown)
    imported = import_outline_bytes(data, shown)
    outline = outline_of_text(imported.text, shown)
    return _keep(db, by, outline, shown, imported.text, _notes(imported, outline), now)


def store_outline(db: Session, by: User, text: str, filename: str, now: dt.datetime) -> StoredOutline:
    """An outline file (as `docgen outline import` writes it, reviewed by its author) kept for a round;
    DocgenError with the loader's findings (nothing kept) when it is not a valid outline."""
    require(by, MANAGE)
    shown = _shown_name(filename)
    return _keep(db, by, outline_of_text(text, shown), shown, text, [], now)


def _keep(db: Session, by: User, outline: Outline, shown: str, text: str, notes: list[dict[str, Any]], now: dt.datetime) -> StoredOutline:
    stored = StoredOutline(outline_id=outline.id, name=outline.name, source_name=shown, text=text,
                           notes=json.dumps(notes, ensure_ascii=False), version=1, created=now, updated=now, created_by=by.id)
    db.add(stored)
    db.flush()
    return stored


def _shown_name(filename: str) -> str:
    return nfc(Path(filename.replace("\\", "/")).name)[:200]


def _check_upload(data: bytes, filename: str) -> None:
    if not filename:
        raise DocgenError(error("guidance-missing", "Hãy chọn tệp văn bản hướng dẫn (.docx, .pdf hoặc .txt) có đề cương."))
    if Path(filename).suffix.lower() not in GUIDANCE_SUFFIXES:
        raise DocgenError(error("guidance-format", "Văn bản hướng dẫn phải là tệp .docx, .pdf hoặc .txt.", Location(filename)))
    if not data:
        raise DocgenError(error("guidance-empty", "Tệp tải lên rỗng; hãy chọn lại văn bản hướng dẫn.", Location(filename)))
    if len(data) > MAX_GUIDANCE_BYTES:
        size = MAX_GUIDANCE_BYTES // (1024 * 1024)
        raise DocgenError(error("guidance-too-large", f"Tệp quá lớn (tối đa {size} MB); văn bản hướng dẫn chỉ vài trang, hãy "
                                "tách riêng phần đề cương.", Location(filename)))


def _notes(imported: ImportedOutline, outline: Outline) -> list[dict[str, Any]]:
    """The import's findings, each tied to the section whose heading is on its line when there is one."""
    by_line = {}
    sections = list(outline.walk())
    if len(sections) == len(imported.headings):  # the importer places every heading it read, in document order
        by_line = {heading.line: section.id for heading, section in zip(imported.headings, sections, strict=True)}
    return [{"message": f.message, "code": f.code, "line": f.location.line, "section": by_line.get(f.location.line or -1, "")}
            for f in imported.findings]


# --- reading ---------------------------------------------------------------------------------------


def stored_for(db: Session, by: User, stored_id: int, for_update: bool = False) -> StoredOutline:
    """`for_update`: the row locked until the transaction ends (PostgreSQL; SQLite has one writer at a time)."""
    require(by, MANAGE)
    stored = db.get(StoredOutline, stored_id, with_for_update=for_update)
    if stored is None:
        raise NotFound(stored_id)
    return stored


def stored_list(db: Session, by: User) -> list[StoredOutline]:
    require(by, MANAGE)
    return list(db.scalars(select(StoredOutline).order_by(StoredOutline.id.desc())))


def outline_of(stored: StoredOutline) -> Outline:
    return outline_of_text(stored.text, stored.source_name)


def notes_of(stored: StoredOutline) -> list[Note]:
    return [Note(str(n.get("message", "")), str(n.get("code", "")), n.get("line"), str(n.get("section", "")))
            for n in json.loads(stored.notes or "[]")]


def in_use(db: Session, stored: StoredOutline) -> bool:
    return db.scalar(select(Round.id).where(Round.stored_outline_id == stored.id).limit(1)) is not None


def round_outline(owner: Round) -> Outline:
    """The outline a round uses: the one imported for it, else the bundled outline it names."""
    if owner.stored_outline is not None:
        return outline_of(owner.stored_outline)
    return bundled_outline(owner.outline)


# --- editing ---------------------------------------------------------------------------------------


def edit_outline(db: Session, by: User, stored_id: int, base_version: int, name: str,
                 edits: Mapping[str, SectionEdit], now: dt.datetime) -> StoredOutline:
    """Titles, required flags and removed headings (`edits` by section id) saved after the loader accepts the result."""
    stored = stored_for(db, by, stored_id, for_update=True)  # two saves of the same page: the second sees the first's version
    if in_use(db, stored):
        raise DocgenError(error("outline-in-use", "Đề cương này đã được dùng cho một đợt báo cáo nên không sửa được nữa; "
                                "hãy nhập lại văn bản hướng dẫn để có bản mới."))
    if stored.version != base_version:
        raise DocgenError(error("outline-changed", f"Đề cương vừa được sửa ở nơi khác (lần sửa {stored.version}); hãy tải lại trang rồi sửa lại."))
    data = parse_yaml(stored.text, stored.source_name).data
    data["name"] = nfc(name.strip()) or data["name"]
    data["sections"] = _edited(data["sections"], edits, 1, "")
    if not data["sections"]:
        raise DocgenError(error("outline-empty", "Đề cương phải còn ít nhất một mục."))
    text = dump_yaml(data)
    outline = _checked(text)
    stored.text, stored.name, stored.outline_id = text, outline.name, outline.id
    stored.version += 1
    stored.updated = now
    return stored


def _edited(items: list[dict[str, Any]], edits: Mapping[str, SectionEdit], depth: int, parent_number: str) -> list[dict[str, Any]]:
    """The kept sections of one level, edited and numbered again by their new places."""
    kept = []
    for item in items:
        change = edits.get(str(item.get("id", "")))
        if change is not None and change.remove:
            continue
        if change is not None:
            item = {**item, "title": nfc(change.title.strip()), "required": "true" if change.required else "false"}
        kept.append(item)
    for position, item in enumerate(kept, start=1):
        lettered = str(item.get("number", "")).endswith(")") and depth >= 3
        item["number"] = letter_number(position) if lettered else number_at(depth, position, parent_number)
        if isinstance(item.get("sections"), list):
            item["sections"] = _edited(item["sections"], edits, depth + 1, item["number"])
            if not item["sections"]:
                del item["sections"]
    return kept


def _checked(text: str) -> Outline:
    """The edited outline through the loader; its findings without the lines of a text nobody sees."""
    try:
        return outline_of_text(text, EDITED_NAME)
    except DocgenError as exc:
        raise DocgenError([_unlined(f) for f in exc.findings]) from None


def _unlined(finding: Finding) -> Finding:
    where = finding.location
    return Finding(finding.code, finding.severity, finding.message, Location(section=where.section, title=where.title))
