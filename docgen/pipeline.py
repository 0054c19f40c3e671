"""The steps every front end (CLI, web, bulk) calls: load, check, build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .content.report import Report, load_report
from .core.errors import DocgenError, Finding, error, has_errors
from .core.fsio import atomic_write
from .outline.model import Outline, find_outline, load_outline
from .render.context import build_context
from .render.engine import render
from .validate.rules import validate


@dataclass(frozen=True)
class Loaded:
    outline: Outline
    report: Report
    appendix: Outline | None = None  # the outline the content attaches after the signature (`appendix`)


@dataclass(frozen=True)
class Built:
    findings: list[Finding]
    output: Path | None  # None when --strict refused to build


def load(content: Path, outline_ref: str | None = None) -> Loaded:
    """Load a content file and the outline it names (or `outline_ref`, an id or a path)."""
    report = load_report(content)
    ref = outline_ref or report.outline
    if not ref:
        raise DocgenError(error(
            "missing-outline", "Tệp nội dung không ghi đề cương (khóa “outline”); hãy thêm khóa này hoặc dùng --outline.", report.at()
        ))
    path = find_outline(ref, near=None if outline_ref else content.parent)
    appendix = appendix_outline(report, lambda ref: load_outline(find_outline(ref, near=content.parent)))
    return Loaded(load_outline(path), report, appendix)


def appendix_outline(report: Report, outline_of: Callable[[str], Outline]) -> Outline | None:
    """The outline a plan prints after its signature (its `appendix`), found by `outline_of`:
    every front end renders plans through this, so none of them drops the appendix."""
    return outline_of(report.appendix.outline) if report.appendix else None


def check(content: Path, outline_ref: str | None = None) -> list[Finding]:
    return check_report(content, outline_ref)[1]


def check_report(content: Path, outline_ref: str | None = None) -> tuple[Report, list[Finding]]:
    """The loaded report and its findings."""
    loaded = load(content, outline_ref)
    return loaded.report, validate(loaded.outline, loaded.report)


def render_loaded(loaded: Loaded) -> bytes:
    return render(loaded.outline.template_path(), build_context(loaded.outline, loaded.report, loaded.appendix))


def build(content: Path, output: Path, outline_ref: str | None = None, strict: bool = False) -> Built:
    """Validate, then render and write atomically; with `strict`, refuse when there are errors."""
    loaded = load(content, outline_ref)
    findings = validate(loaded.outline, loaded.report)
    if strict and has_errors(findings):
        return Built(findings, None)
    atomic_write(output, render_loaded(loaded))
    return Built(findings, output)
