"""Tools for outline authors: `docgen outline diff OLD NEW` in words a template author reads
(`docgen outline lint` reads content files too, so it lives above both stages: docgen.lint)."""

from __future__ import annotations

from collections.abc import Iterator

from .model import Outline, Section


def _parent_ids(outline: Outline) -> dict[str, str | None]:
    parents: dict[str, str | None] = {s.id: None for s in outline.sections}
    for section in outline.walk():
        parents.update({child.id: section.id for child in section.children})
    return parents


def diff_outlines(old: Outline, new: Outline) -> list[str]:
    """One Vietnamese sentence per change, in the new outline's order (removals last)."""
    lines: list[str] = []
    old_ids = {s.id for s in old.walk()}
    new_ids = {s.id for s in new.walk()}
    added = [s for s in new.walk() if s.id not in old_ids]
    removed = [s for s in old.walk() if s.id not in new_ids]
    recoded = _recoded(removed, added)
    old_parents, new_parents = _parent_ids(old), _parent_ids(new)
    for section in new.walk():
        before = old.find(section.id)
        if before is not None:
            lines += _changes(before, section, old_parents[section.id], new_parents[section.id], new)
        elif section.id in recoded.values():
            source = next(k for k, v in recoded.items() if v == section.id)
            lines.append(f"Đổi mã mục {section.ref} “{section.title}”: “{source}” → “{section.id}” (tệp nội dung dùng mã cũ sẽ lỗi).")
        else:
            lines.append(f"Thêm mục {section.ref} “{section.title}” [{section.id}]{'' if section.required else ' (không bắt buộc)'}.")
    lines += [f"Bỏ mục {s.ref} “{s.title}” [{s.id}]." for s in removed if s.id not in recoded]
    return lines


def _recoded(removed: list[Section], added: list[Section]) -> dict[str, str]:
    """Removed id -> added id when the title is the same: the section kept its place but changed its id."""
    titles = {s.title.casefold(): s.id for s in added}
    return {s.id: titles[s.title.casefold()] for s in removed if s.title.casefold() in titles}


def _changes(before: Section, after: Section, old_parent: str | None, new_parent: str | None, new: Outline) -> Iterator[str]:
    if old_parent != new_parent:
        parent = new.find(new_parent) if new_parent else None
        target = parent.ref if parent else "cấp cao nhất"
        yield f"Chuyển mục “{after.title}” [{after.id}] từ {before.ref} sang {after.ref} (thuộc {target})."
    elif before.number != after.number:
        yield f"Đổi số thứ tự mục “{after.title}” [{after.id}] từ {before.number} thành {after.number}"
    if before.title != after.title:
        yield f"Đổi tên mục {after.ref} [{after.id}]: “{before.title}” → “{after.title}”."
    if before.required != after.required:
        state = "bắt buộc" if after.required else "không bắt buộc"
        yield f"Mục {after.ref} “{after.title}” nay {state}."
