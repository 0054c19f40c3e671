"""A report's content (YAML text held in the database) loaded, checked and rendered by the pipeline."""

from __future__ import annotations

from ..content.report import Report, parse_report
from ..core.errors import Finding
from ..outline.model import Outline
from ..pipeline import Loaded, Session

_SESSION = Session(outline_paths=False)  # outlines by id only: no path a user sends is opened


def bundled_outline(ref: str) -> Outline:
    """An outline of the program by id."""
    return _SESSION.outline(ref)


def load_text(content: str, name: str) -> Loaded:
    return _SESSION.parse(content, name)


def findings_of(content: str, name: str) -> list[Finding]:
    return _SESSION.validate(load_text(content, name))


def report_of(content: str, name: str) -> Report:
    return parse_report(content, name)


def docx_of(content: str, name: str) -> bytes:
    return _SESSION.render(load_text(content, name))
