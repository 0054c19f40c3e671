"""A report's content (YAML text held in the database) loaded, checked and rendered by the pipeline's session."""

from __future__ import annotations

from ..core.errors import Finding
from ..outline.model import Outline
from ..pipeline import OutlineCache, Session

_SESSION = Session(outline_paths=False, cache=OutlineCache())  # outlines by id only: no path from a user is opened


def bundled_outline(ref: str) -> Outline:
    return _SESSION.outline(ref)


def outline_of_text(text: str, name: str) -> Outline:
    """An outline kept as YAML text (imported from a guidance document), checked by the outline stage's loader."""
    return _SESSION.outline_text(text, name)


def findings_of(content: str, name: str, outline: Outline | None = None) -> list[Finding]:
    """`outline`: the round's own outline; None: the one the content names."""
    return _SESSION.validate(_SESSION.parse(content, name, outline))


def docx_of(content: str, name: str, outline: Outline | None = None) -> bytes:
    return _SESSION.render(_SESSION.parse(content, name, outline))
