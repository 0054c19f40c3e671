"""`docgen outline lint`: an outline's own problems, then the content files its ids would break.
Above both the outline and the content stages, since it reads both."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from pathlib import Path

from .content.report import load_report
from .core.errors import DocgenError, Finding, Location, error
from .outline.load import load_outline
from .outline.model import Outline


def lint_outline(path: Path, content: Path | None = None) -> list[Finding]:
    """Every problem of the outline (numbering, ids, keys), then the content files its ids would break."""
    try:
        outline = load_outline(path)
    except DocgenError as exc:
        return exc.findings
    if content is None:
        return []
    return list(broken_content(outline, content))


def broken_content(outline: Outline, folder: Path) -> Iterator[Finding]:
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else [folder]
    known = [s.id for s in outline.walk()]
    for path in files:
        try:
            report = load_report(path)
        except DocgenError as exc:
            yield error("lint-unreadable-content", f"Không đọc được tệp nội dung “{path.name}”: {exc.findings[0].message}", Location(str(path)))
            continue
        if report.outline and report.outline != outline.id:
            continue
        for answer in report.sections.values():
            if answer.extra or outline.find(answer.id):
                continue
            close = difflib.get_close_matches(answer.id, known, n=1)
            hint = f"; có thể nay là “{close[0]}”" if close else ""
            yield error("lint-id-breaks-content",
                        f"Tệp nội dung “{path.name}” dùng mã mục “{answer.id}” mà đề cương “{outline.id}” không còn{hint}.",
                        Location(str(path), answer.line))
