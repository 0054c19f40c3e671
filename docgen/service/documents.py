"""A report's content (YAML text held in the database) loaded, checked and rendered by the pipeline's session."""

from __future__ import annotations

from ..core.errors import Finding
from ..outline.model import Outline
from ..pipeline import OutlineCache, Session

_SESSION = Session(outline_paths=False, cache=OutlineCache())  # outlines by id only: no path from a user is opened


def bundled_outline(ref: str) -> Outline:
    return _SESSION.outline(ref)


def findings_of(content: str, name: str) -> list[Finding]:
    return _SESSION.validate(_SESSION.parse(content, name))


def docx_of(content: str, name: str) -> bytes:
    return _SESSION.render(_SESSION.parse(content, name))
