"""A report's content (YAML text held in the database) loaded, checked and rendered by the pipeline."""

from __future__ import annotations

from ..content.report import Report, parse_report
from ..core.errors import DocgenError, Finding, error
from ..outline.load import load_outline
from ..outline.locate import find_outline
from ..outline.model import Outline
from ..pipeline import Loaded, render_loaded
from ..validate.rules import validate


def bundled_outline(ref: str) -> Outline:
    """An outline of the program by id (no path from a user is opened)."""
    if not ref or "/" in ref or "\\" in ref or ref.endswith((".yaml", ".yml")):
        raise DocgenError(error("outline-not-found", f"Không có đề cương “{ref}” trong các đề cương của chương trình."))
    return load_outline(find_outline(ref))


def load_text(content: str, name: str) -> Loaded:
    report = parse_report(content, name)
    if not report.outline:
        raise DocgenError(error("missing-outline", "Nội dung không ghi đề cương (khóa “outline”).", report.at()))
    appendix = bundled_outline(report.appendix.outline) if report.appendix else None
    return Loaded(bundled_outline(report.outline), report, appendix)


def findings_of(content: str, name: str) -> list[Finding]:
    loaded = load_text(content, name)
    return validate(loaded.outline, loaded.report)


def report_of(content: str, name: str) -> Report:
    return parse_report(content, name)


def docx_of(content: str, name: str) -> bytes:
    return render_loaded(load_text(content, name))
