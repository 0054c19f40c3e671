"""docgen: official Vietnamese Party and State documents from outlines and content files."""

from .content.report import Report, load_report, parse_report
from .core.errors import DocgenError, Finding, Location, Severity
from .outline.load import load_outline
from .outline.locate import find_outline
from .outline.model import Outline, Section
from .pipeline import Session, build, check, load
from .render.context import build_context
from .validate.rules import RULES

__all__ = [
    "RULES", "DocgenError", "Finding", "Location", "Outline", "Report", "Section", "Session", "Severity",
    "build", "build_context", "check", "find_outline", "load", "load_outline", "load_report",
    "parse_report",
]
