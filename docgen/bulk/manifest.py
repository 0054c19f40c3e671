"""The record of a bulk run: one entry per unit, kept as a journal while running and written as
manifest.json and manifest.csv at the end.

The journal (one JSON line per finished unit, appended as units finish) is what survives a run
that is stopped: the next run reads it, with the last manifest, to skip units already done.
"""

from __future__ import annotations

import contextlib
import csv
import json
import operator
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.fsio import atomic_text_writer, make_folder, write_failed

MANIFEST_JSON, MANIFEST_CSV, JOURNAL = "manifest.json", "manifest.csv", ".docgen-bulk.jsonl"
CSV_FIELDS = ("code", "name", "file", "status", "action", "errors", "warnings", "input_hash", "base_hash", "row_hash",
              "override_hash", "outline", "outline_version", "outline_hash", "template", "template_hash", "output_hash",
              "pdf_hash")


_CSV_ROW = operator.attrgetter(*CSV_FIELDS)  # an entry's manifest.csv row, in the columns' order


@dataclass(frozen=True)
class Entry:
    """One unit's line of the manifest. `status`: ok | errors | refused | failed | pdf-failed (the document was made, its
    PDF could not be); `action` (of the document): written | unchanged | none. `pdf_hash`: "" when there is no PDF."""

    code: str
    name: str
    file: str = ""
    status: str = "failed"
    action: str = "none"
    errors: int = 0
    warnings: int = 0
    input_hash: str = ""
    base_hash: str = ""
    row_hash: str = ""
    override_hash: str = ""
    outline: str = ""
    outline_version: str = ""
    outline_hash: str = ""
    template: str = ""
    template_hash: str = ""
    output_hash: str = ""
    pdf_hash: str = ""
    findings: tuple[str, ...] = field(default=())  # formatted, for the summary and the .json

    def to_dict(self) -> dict[str, Any]:
        return {**{name: getattr(self, name) for name in self.__dataclass_fields__}, "findings": list(self.findings)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["findings"] = tuple(known.get("findings", ()))
        return cls(**known)


def previous_entries(out: Path) -> dict[str, Entry]:
    """Entries of the last manifest, updated by the journal of a run that was stopped."""
    entries: dict[str, Entry] = {}
    for line in _lines(out / MANIFEST_JSON, whole=True) + _lines(out / JOURNAL, whole=False):
        try:
            entry = Entry.from_dict(line)
        except TypeError:
            continue
        entries[entry.code] = entry
    return entries


def _lines(path: Path, whole: bool) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if whole:
        try:
            data = json.loads(text)
        except ValueError:
            return []
        units = data.get("units", []) if isinstance(data, dict) else []
        return [u for u in units if isinstance(u, dict)]
    rows = []
    for line in text.splitlines():
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue  # the last line of a run stopped while writing it
    return [r for r in rows if isinstance(r, dict)]


class Journal:
    """Appends one line per finished unit, flushed at most every FLUSH_SECONDS (a write per unit cost the
    main process more than the unit's own entry): a stopped run keeps what it did but its last moment,
    whose units the next run makes again."""

    FLUSH_SECONDS = 0.2

    def __init__(self, out: Path) -> None:
        make_folder(out)
        self.path = out / JOURNAL
        try:
            self._handle = self.path.open("a", encoding="utf-8", buffering=1 << 20)  # flushed by `add`, not by size
        except OSError as exc:
            raise write_failed(self.path, exc) from None
        self._flushed = time.monotonic()

    def add(self, entry: Entry) -> None:
        try:
            self._handle.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
            if time.monotonic() - self._flushed >= self.FLUSH_SECONDS:
                self._handle.flush()
                self._flushed = time.monotonic()
        except OSError as exc:
            raise write_failed(self.path, exc) from None

    def close(self) -> None:
        with contextlib.suppress(OSError):  # a journal that could not be flushed: the error already raised says why
            self._handle.close()


def write_manifest(out: Path, entries: list[Entry], summary: dict[str, Any]) -> None:
    """manifest.json (with findings and the run's summary) and manifest.csv, both written atomically."""
    # Streamed, one unit per line: memory holds the entries, never the whole text of a manifest.
    with atomic_text_writer(out / MANIFEST_JSON) as handle:
        handle.write(f'{{"summary": {json.dumps(summary, ensure_ascii=False)},\n"units": [')
        for i, entry in enumerate(entries):
            handle.write(("\n" if i == 0 else ",\n") + json.dumps(entry.to_dict(), ensure_ascii=False))
        handle.write("\n]}\n")
    with atomic_text_writer(out / MANIFEST_CSV) as handle:
        handle.write("\ufeff")  # BOM: Excel opens it as UTF-8
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_FIELDS)
        writer.writerows(map(_CSV_ROW, entries))
    (out / JOURNAL).unlink(missing_ok=True)
