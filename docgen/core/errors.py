"""Findings (what is wrong with an input) and the one error that stops a command.

This is the only place where a finding is turned into text for a person.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label_vi(self) -> str:
        return {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: a file and line, and the section it concerns."""

    file: str | None = None
    line: int | None = None
    section: str | None = None  # the printed reference, e.g. "II.2.7"
    title: str | None = None
    page: int | None = None  # a PDF's page; `line` is then the printed line on that page

    def prefix(self) -> str:
        if self.file and self.page:
            return f"{self.file}, trang {self.page}" + (f", dòng {self.line}" if self.line else "")
        if self.file and self.line:
            return f"{self.file}:{self.line}"
        return self.file or ""


@dataclass(frozen=True)
class Finding:
    code: str  # stable English code, e.g. "missing-section"
    severity: Severity
    message: str  # Vietnamese, for the person reading it
    location: Location = field(default_factory=Location)

    def format(self) -> str:
        where = self.location.prefix()
        section = f"[{self.location.section}] " if self.location.section else ""
        head = f"{where}: " if where else ""
        return f"{head}{self.severity.label_vi}: {section}{self.message} ({self.code})"

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.location.file,
            "line": self.location.line,
            "section": self.location.section,
            "title": self.location.title,
            "page": self.location.page,
        }


def error(code: str, message: str, location: Location | None = None) -> Finding:
    return Finding(code, Severity.ERROR, message, location or Location())


def warning(code: str, message: str, location: Location | None = None) -> Finding:
    return Finding(code, Severity.WARNING, message, location or Location())


def info(code: str, message: str, location: Location | None = None) -> Finding:
    return Finding(code, Severity.INFO, message, location or Location())


def has_errors(findings: list[Finding] | tuple[Finding, ...]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


class DocgenError(Exception):
    """The input cannot be used at all (exit code 2). Carries the findings that say why."""

    def __init__(self, findings: list[Finding] | Finding) -> None:
        self.findings = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__("\n".join(f.format() for f in self.findings))

    def __reduce__(self) -> tuple[type[DocgenError], tuple[list[Finding]]]:
        return DocgenError, (self.findings,)  # survives the trip back from a worker process
