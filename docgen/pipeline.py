"""The one way in for every front end (CLI, web, bulk, roll-up, reader): a `Session` finds and
loads outlines (cached until one of their files changes), attaches content to its outline,
validates, applies the strict policy and renders through the compiled template.

    session = Session(strict=True)
    built = session.build(Path("content/xa-a.yaml"), Path("out/xa-a.docx"))

The module-level `load`, `check`, `check_report`, `build` and `render_loaded` are the same steps on
a session shared by the process.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content.report import Report, load_report, parse_report
from .core import searchpath
from .core.errors import DocgenError, Finding, error, has_errors
from .core.fsio import atomic_write
from .outline.load import load_outline, load_outline_text
from .outline.locate import find_outline, is_path
from .outline.model import Outline
from .render.context import build_context, unit_context
from .render.engine import CompiledTemplate, compiled
from .validate.rules import Rule, body_findings, validate, validate_over

log = logging.getLogger(__name__)

_Stamp = tuple[int, int] | None


@dataclass(frozen=True)
class Loaded:
    outline: Outline
    report: Report
    appendix: Outline | None = None  # the outline the content attaches after the signature (`appendix`)


@dataclass(frozen=True)
class Built:
    findings: list[Finding]
    output: Path | None  # None when --strict refused to build


class OutlineCache:
    """Loaded outlines by file; one is loaded again when its file, or a file it extends, changed."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[_Stamp, ...], Outline]] = {}

    def get(self, path: Path, display: str | None = None) -> Outline:
        key = path.resolve()
        cached = self._entries.get(key)
        if cached is not None and cached[0] == _stamps(cached[1].sources):
            return cached[1]
        outline = load_outline(path, display)
        self._entries[key] = (_stamps(outline.sources), outline)  # a race between threads loads twice, harmlessly
        return outline


class TextOutlineCache:
    """Outlines given as YAML text (kept in a database), loaded once per distinct text; the oldest is dropped beyond `size`."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._entries: dict[tuple[str, str], Outline] = {}
        self._lock = threading.Lock()

    def get(self, text: str, name: str) -> Outline:
        key = (name, text)
        cached = self._entries.get(key)
        if cached is None:
            cached = load_outline_text(text, name)
            with self._lock:
                while len(self._entries) >= self.size:
                    del self._entries[next(iter(self._entries))]
                self._entries[key] = cached
        return cached


def _stamps(files: tuple[str, ...]) -> tuple[_Stamp, ...]:
    return tuple(_stamp(f) for f in files)


def _stamp(path: str) -> _Stamp:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class Session:
    """Outline lookup with its cache, compiled templates, validation, the strict policy, rendering.

    `strict`: refuse to render a document that has error-level findings. `outline_paths=False`:
    outlines are taken only by id from the search path (the web page opens no path it is sent)."""

    def __init__(self, strict: bool = False, outline_paths: bool = True, cache: OutlineCache | None = None) -> None:
        self.strict = strict
        self.outline_paths = outline_paths
        self.cache = cache or OutlineCache()
        self.texts = TextOutlineCache()
        self._templates: dict[str, tuple[_Stamp, CompiledTemplate]] = {}  # by file: one stat per document, no path resolution

    # --- outlines ---------------------------------------------------------------------------------

    def outline(self, ref: str, near: Path | None = None) -> Outline:
        """An outline by id or path (see find_outline; `near`: the folder of the content naming it)."""
        if not self.outline_paths and is_path(ref):
            raise DocgenError(error("outline-not-found", f"Không tìm thấy đề cương “{ref}”."))
        return self.cache.get(find_outline(ref, near))

    def outline_text(self, text: str, name: str) -> Outline:
        """An outline given as YAML text (`name` is shown in messages), checked as a file is."""
        return self.texts.get(text, name)

    def outlines(self) -> dict[str, Outline]:
        """Every outline on the search path that loads, by id (a broken one is logged and left out)."""
        found: dict[str, Outline] = {}
        for path in searchpath.listing("outlines", "*.yaml"):
            try:
                outline = self.cache.get(path, f"outlines/{path.name}")
            except DocgenError as exc:
                log.warning("outline %s skipped: %s", path.name, exc)
                continue
            found.setdefault(outline.id, outline)
        return found

    # --- content ----------------------------------------------------------------------------------

    def load(self, content: Path, outline_ref: str | None = None) -> Loaded:
        """A content file and the outline it names (or `outline_ref`, an id or a path)."""
        return self.attach(load_report(content), outline_ref, content.parent)

    def parse(self, text: str, name: str, outline: Outline | None = None) -> Loaded:
        """Content given as text (`name` is shown in messages), with `outline`, else the outline it names."""
        return self.attach(parse_report(text, name), outline=outline)

    def attach(self, report: Report, outline_ref: str | None = None, near: Path | None = None,
               outline: Outline | None = None) -> Loaded:
        """`report` with its outline (`outline` itself, else `outline_ref`, else the one it names) and the
        outline of its appendix; `near` is the content's folder, where outlines it names are looked for first."""
        if outline is None:
            ref = outline_ref or report.outline
            if not ref:
                raise DocgenError(error("missing-outline",
                                        "Nội dung không ghi đề cương (khóa “outline”): hãy thêm khóa này (trên dòng lệnh: hoặc dùng --outline).",
                                        report.at()))
            outline = self.outline(ref, near=None if outline_ref else near)
        appendix = self.outline(report.appendix.outline, near) if report.appendix else None
        return Loaded(outline, report, appendix)

    # --- validation, rendering --------------------------------------------------------------------

    def validate(self, loaded: Loaded) -> list[Finding]:
        return validate(loaded.outline, loaded.report)

    def body_findings(self, loaded: Loaded) -> dict[Rule, list[Finding]]:
        """The findings of the rules that read only the outline and the body (see validate_over)."""
        return body_findings(loaded.outline, loaded.report)

    def validate_over(self, loaded: Loaded, shared: dict[Rule, list[Finding]]) -> list[Finding]:
        """validate(loaded) for a content with the body of the one `shared` was found for (a bulk unit
        without a file of its own): the body's rules are not run again."""
        return validate_over(loaded.outline, loaded.report, shared)

    def refuses(self, findings: list[Finding]) -> bool:
        """The strict policy: with `strict`, no document while there are error-level findings."""
        return self.strict and has_errors(findings)

    def template(self, outline: Outline) -> CompiledTemplate:
        """The outline's template, compiled once (and again when the file changes)."""
        stamp = _stamp(outline.template_file)
        cached = self._templates.get(outline.template_file)
        if cached is None or cached[0] != stamp:
            cached = self._templates[outline.template_file] = (stamp, compiled(outline.template_path()))
        return cached[1]

    def render(self, loaded: Loaded) -> bytes:
        return self.template(loaded.outline).render(build_context(loaded.outline, loaded.report, loaded.appendix))

    def context(self, loaded: Loaded) -> dict[str, Any]:
        """What the template places for `loaded` (a bulk run keeps its base content's to share)."""
        return build_context(loaded.outline, loaded.report, loaded.appendix)

    def render_over(self, loaded: Loaded, shared: dict[str, Any]) -> bytes:
        """render(loaded), the same bytes, for a content whose body, summary and parts are those of the
        content `shared` is the context of (a bulk unit without a file of its own): only the metadata
        a units table sets is formatted again."""
        return self.template(loaded.outline).render(unit_context(shared, loaded.outline, loaded.report, loaded.appendix))

    # --- the steps of `docgen check` and `docgen build` ---------------------------------------------

    def check(self, content: Path, outline_ref: str | None = None) -> tuple[Report, list[Finding]]:
        """The loaded report and its findings."""
        loaded = self.load(content, outline_ref)
        return loaded.report, self.validate(loaded)

    def build(self, content: Path, output: Path, outline_ref: str | None = None) -> Built:
        """Validate, then render and write atomically, unless the strict policy refuses."""
        loaded = self.load(content, outline_ref)
        findings = self.validate(loaded)
        if self.refuses(findings):
            return Built(findings, None)
        atomic_write(output, self.render(loaded))
        return Built(findings, output)


_SHARED = OutlineCache()


def session(strict: bool = False, outline_paths: bool = True) -> Session:
    """A session on the outline cache the process shares."""
    return Session(strict=strict, outline_paths=outline_paths, cache=_SHARED)


def load(content: Path, outline_ref: str | None = None) -> Loaded:
    return session().load(content, outline_ref)


def check(content: Path, outline_ref: str | None = None) -> list[Finding]:
    return session().check(content, outline_ref)[1]


def check_report(content: Path, outline_ref: str | None = None) -> tuple[Report, list[Finding]]:
    return session().check(content, outline_ref)


def render_loaded(loaded: Loaded) -> bytes:
    return session().render(loaded)


def build(content: Path, output: Path, outline_ref: str | None = None, strict: bool = False) -> Built:
    return session(strict).build(content, output, outline_ref)
