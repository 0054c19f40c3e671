"""What the web pages need from the engine: the outlines on the search path, and a draft's content
YAML checked and rendered by the same session the CLI uses (no logic of its own)."""

from __future__ import annotations

import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..content.report import Report, parse_report
from ..core import official, searchpath
from ..core.errors import DocgenError, Finding, Severity, error
from ..core.vietnamese import slugify
from ..outline.model import Outline, Section
from ..pipeline import Loaded, session
from ..render.pdf import office_binary, to_pdf
from .forms import field_of_path, line_fields

SESSION = session(outline_paths=False)  # outlines by id only: no path sent by a browser is opened


def outlines() -> dict[str, Outline]:
    """The outlines on the search path by id; only these can be used."""
    return SESSION.outlines()


def outline_for(outline_id: str) -> Outline:
    return SESSION.outline(outline_id)


@dataclass(frozen=True)
class Checked:
    outline: Outline
    report: Report
    findings: list[Finding]
    fields: dict[int, str]  # finding index -> form field name

    @property
    def counts(self) -> dict[str, int]:
        return {s.value: sum(f.severity is s for f in self.findings) for s in Severity}


def load(content: str, name: str, outline: Outline | None = None) -> Loaded:
    """Parse a draft's content YAML and its outline (`outline`, else the one it names); DocgenError when unusable."""
    return SESSION.parse(content, name, outline)


def check(content: str, name: str, outline: Outline | None = None) -> Checked:
    loaded = load(content, name, outline)
    findings = SESSION.validate(loaded)
    by_line = line_fields(loaded.report.doc)
    refs = {s.ref: _first_leaf(s).id for s in loaded.outline.walk()}
    fields: dict[int, str] = {}
    for i, finding in enumerate(findings):
        target = _target(finding, refs, by_line)
        if target:
            fields[i] = target
    return Checked(loaded.outline, loaded.report, findings, fields)


def _first_leaf(section: Section) -> Section:
    """A finding about a whole branch points at its first field to write in."""
    return _first_leaf(section.children[0]) if section.children else section


def _target(finding: Finding, refs: dict[str, str], by_line: dict[int, str]) -> str | None:
    where = finding.location
    if where.section and where.section in refs:
        return f"sections.{refs[where.section]}"
    if where.section:
        return field_of_path(("sections", where.section))
    return by_line.get(where.line or 0)


def docx_bytes(content: str, name: str) -> bytes:
    return SESSION.render(load(content, name))


def pdf_available() -> bool:
    return office_binary() is not None


def pdf_bytes(content: str, name: str) -> bytes:
    data = docx_bytes(content, name)
    with tempfile.TemporaryDirectory(prefix="docgen-web-") as tmp:
        docx = Path(tmp, "van-ban.docx")
        docx.write_bytes(data)
        return to_pdf([docx])[0].read_bytes()


def import_document(data: bytes, outline: Outline, filename: str = "tai-len.docx") -> str:
    """The content YAML of an uploaded .docx or .pdf report, through the engine's import path."""
    from ..read.docreport import check_document
    from ..read.importer import content_yaml

    with tempfile.TemporaryDirectory(prefix="docgen-web-") as tmp:
        suffix = ".pdf" if filename.lower().endswith(".pdf") else ".docx"
        path = Path(tmp, slugify(Path(filename).stem) + suffix)  # only [a-z0-9-] of the browser's name reach the disk
        path.write_bytes(data)
        try:
            read_back, _ = check_document(path, outline)
        except (zipfile.BadZipFile, KeyError, ValueError):
            raise DocgenError(error("docx-unreadable", "Không đọc được tệp .docx này (tệp hỏng hoặc không phải văn bản Word).")) from None
        return content_yaml(read_back, outline)


_SUGGESTED: dict[str, tuple[tuple[tuple[str, int, int], ...], list[str]]] = {}  # by system: the files' stamps, the recipients


def recipient_suggestions(outline: Outline) -> list[str]:
    """Recipients of the example content files of the same system, then the archive line example;
    read again only when one of those files changed (every editor page shows them)."""
    files = searchpath.listing("content", "*.yaml")
    stamps = tuple((str(path), stat.st_mtime_ns, stat.st_size) for path in files for stat in [path.stat()])
    cached = _SUGGESTED.get(outline.system)
    if cached is None or cached[0] != stamps:
        cached = _SUGGESTED[outline.system] = (stamps, _recipients(outline, files))
    return list(cached[1])


def _recipients(outline: Outline, files: list[Path]) -> list[str]:
    seen: list[str] = []
    registry = outlines()
    for path in files:
        try:
            report = parse_report(path.read_text(encoding="utf-8"), path.name)
            example = registry.get(report.outline)
        except (DocgenError, OSError, UnicodeDecodeError):
            continue
        if example is not None and example.system == outline.system:
            seen += [r for r in report.recipients if r not in seen]
    archive = official.ARCHIVE_EXAMPLES[outline.system]
    return [r for r in seen if not r.startswith("Lưu")] + [archive]


def authority_suggestions(outline: Outline) -> list[str]:
    return [p.strip() for p in official.AUTHORITY_PREFIXES[outline.system]]
