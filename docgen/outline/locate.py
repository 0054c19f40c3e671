"""Finding outline and template files: beside the content that names them, then on the search
path (docgen.core.searchpath: the current folder, the user's, the bundled)."""

from __future__ import annotations

from pathlib import Path

from ..core import searchpath
from ..core.errors import DocgenError, error
from .model import ID_PATTERN


def is_path(ref: str) -> bool:
    """An outline reference written as a file path rather than an id."""
    return ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref


def find_outline(ref: str, near: Path | None = None) -> Path:
    """Resolve an outline id or path: a path as written (relative to `near` first); an id in the
    `outlines/` folder beside `near` (the content's folder) or above it, then on the search path."""
    for candidate in _outline_candidates(ref, near):
        if candidate.is_file():
            return candidate
    raise DocgenError(error("outline-not-found", f"Không tìm thấy đề cương “{ref}”."))


def _outline_candidates(ref: str, near: Path | None) -> list[Path]:
    if is_path(ref):
        return [near / ref, Path(ref)] if near else [Path(ref)]
    if not ID_PATTERN.match(ref):
        return []
    beside = [near.parent / "outlines" / f"{ref}.yaml", near / "outlines" / f"{ref}.yaml"] if near is not None else []
    return beside + [folder / f"{ref}.yaml" for folder in searchpath.search_folders("outlines")]


def find_template(name: str, outline_file: Path | None) -> Path | None:
    """The template `name` in the `templates/` folder of the outline's project (beside its
    `outlines/` folder), else on the search path; None when there is none."""
    if outline_file is not None:
        here = outline_file.resolve().parent.parent / "templates" / name
        if here.is_file():
            return here
    return searchpath.find("templates", name)
