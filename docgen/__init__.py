"""docgen: official Vietnamese Party and State documents from outlines and content files."""

from .context import build_context
from .errors import DocgenError, Finding, Location, Severity
from .outline import Outline, Section, find_outline, load_outline
from .pipeline import build, check, load
from .render import render
from .report import Report, load_report, parse_report
from .validate import RULES, validate

__all__ = [
    "RULES", "DocgenError", "Finding", "Location", "Outline", "Report", "Section", "Severity",
    "build", "build_context", "check", "find_outline", "load", "load_outline", "load_report",
    "parse_report", "render", "validate",
]
