"""Bulk runs: one document per unit, from a base content file, a units table and per-unit overrides.

Each unit's content is the base content, then the unit's row of the table, then its own file
`<overrides>/<code>.yaml` (most specific wins; mappings merge key by key, anything else is
replaced). Each unit is validated and rendered like `docgen build` (same functions, same bytes),
in a pool of processes, and written atomically as `<slug>-<code>.docx`. A unit whose inputs and
output are unchanged since the last run is skipped. One bad unit fails alone.

With `pdf=True`, the documents are then converted to PDF (`<slug>-<code>.pdf` beside each one)
by LibreOffice in batches, as many LibreOffice processes at once as the run has processes, each
with its own profile. A unit's PDF is made again when its document was rewritten or the PDF no
longer has the recorded hash; a unit whose PDF fails is reported alone.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import queue
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..content.report import Report, build_report, build_report_over
from ..core.errors import DocgenError, Finding, Location, Severity, error, has_errors
from ..core.fsio import FolderWriter, make_folder
from ..core.memo import BoundedMemo
from ..core.vietnamese import slugify
from ..core.yamlio import PathKey, YamlDoc, load_yaml
from ..outline.model import Outline
from ..pipeline import Loaded, Session, session
from ..render import pdf as pdf_render
from ..validate.rules import Rule
from .manifest import Entry, Journal, previous_entries, write_manifest
from .progress import Progress
from .units import Unit, catalogue_units, load_units

PDF_BATCH = 50  # documents per LibreOffice call: starting LibreOffice costs ~0.7 s, one more file ~0.1 s
PDF_CODES = ("pdf-failed", "pdf-timeout")  # findings of a failed PDF, dropped when it is made again
MAX_LISTED = 20  # units listed with their findings in the summary; the manifest has them all
FORMAT_VERSION = "1"  # part of every input hash: change it when the same inputs should give new bytes


@dataclass(frozen=True)
class Settings:
    """What every worker needs; small and picklable."""

    base: Path
    out: Path
    outline: str | None = None  # an outline id or path; None: the outline the base content names
    overrides: Path | None = None
    strict: bool = False


@dataclass(frozen=True)
class Job:
    unit: Unit
    previous: Entry | None = None


class _Worker:
    """Loaded once per process: the session, the outline, the base content and the compiled template."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.session = session(settings.strict)  # the process's outline cache: a forked worker starts with it filled
        self.base, self.outline = load_base(settings, self.session)
        self.template = self.outline.template_path()
        self.session.template(self.outline)  # compiled now: a broken template stops the run here, once
        self.base_hash, self.outline_hash = _file_hash(settings.base), _outline_hash(self.outline)
        self.template_hash = _file_hash(self.template)
        self._hashes: dict[str, str] = {}  # hashes of the outlines the units' contents attach, by file
        self.base_report = build_report(self.base)  # read once: what every unit without a file of its own shares
        self._shared_context: dict[str, Any] | None = None  # its context, made for the first unit sharing it
        self._body_findings: dict[Rule, list[Finding]] | None = None  # the findings of its body's rules, likewise
        self._writer: FolderWriter | None = None

    @property
    def writer(self) -> FolderWriter:
        """The output folder's writer, made (with the folder) at the first document."""
        if self._writer is None:
            self._writer = FolderWriter(self.settings.out)
        return self._writer

    def loaded(self, report: Report) -> tuple[Loaded, str]:
        """A unit's content with the run's outline and the one it attaches (its `appendix`), and that
        outline's hash for the unit's input hash (hashed once per run)."""
        loaded = self.session.attach(report, near=self.settings.base.parent, outline=self.outline)
        appendix = loaded.appendix
        if appendix is None:
            return loaded, ""
        if appendix.file not in self._hashes:
            self._hashes[appendix.file] = _outline_hash(appendix)
        return loaded, self._hashes[appendix.file]

    def unit_loaded(self, unit: Unit, override: YamlDoc | None) -> tuple[Loaded, str, bool]:
        """The unit's content attached (see `loaded`), and whether it shares its body with the base
        content (no file of its own, nothing malformed): only its row's fields are read then."""
        doc = unit_doc(self.base, unit, override)
        report = build_report_over(self.base_report, doc, row_patch(unit).keys()) if override is None else None
        return (*self.loaded(report or build_report(doc)), report is not None)

    def validate(self, loaded: Loaded, shares_base: bool) -> list[Finding]:
        """The unit's findings; the rules reading only the base content's body run once per run for the units sharing it."""
        if not shares_base:
            return self.session.validate(loaded)
        if self._body_findings is None:
            self._body_findings = self.session.body_findings(self.loaded(self.base_report)[0])
        return self.session.validate_over(loaded, self._body_findings)

    def render(self, loaded: Loaded, shares_base: bool) -> bytes:
        """The unit's document; the base content's body is formatted once per run for the units sharing it."""
        if not shares_base:
            return self.session.render(loaded)
        if self._shared_context is None:
            self._shared_context = self.session.context(self.loaded(self.base_report)[0])
        return self.session.render_over(loaded, self._shared_context)

    def entry(self, unit: Unit) -> Entry:
        return Entry(unit.code, unit.name, file=output_name(unit), outline=self.outline.id, outline_version=self.outline.version,
                     template=self.outline.template, base_hash=self.base_hash, outline_hash=self.outline_hash,
                     template_hash=self.template_hash)


def load_base(settings: Settings, current: Session | None = None) -> tuple[YamlDoc, Outline]:
    """The run's base content and the outline it names (or `settings.outline`)."""
    base = load_yaml(settings.base)
    if not isinstance(base.data, dict):
        raise DocgenError(error("content-invalid", "Tệp nội dung chung phải là một bảng khóa: giá trị (mapping).", base.at()))
    return base, _outline(settings, base, current or session(settings.strict))


def _outline_hash(outline: Outline) -> str:
    """The outline as loaded, not its file: an outline that extends another changes with its parent."""
    return _hash(repr(outline).encode())


def _outline(settings: Settings, base: YamlDoc, current: Session) -> Outline:
    ref = settings.outline or str(base.data.get("outline") or "")
    if not ref:
        raise DocgenError(error("missing-outline", "Tệp nội dung chung không ghi đề cương (khóa “outline”); hãy thêm khóa này hoặc dùng --outline.",
                                base.at()))
    return current.outline(ref, near=None if settings.outline else settings.base.parent)


def output_name(unit: Unit) -> str:
    """A file name safe on Windows and Linux: the name without marks, then the unit code."""
    return f"{slugify(unit.name)}-{unit.code}.docx"


def merged(base: Any, patch: Any) -> Any:
    """`patch` over `base`: mappings merge key by key, anything else is replaced. Shares, never copies."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merged(base.get(key), value)
        return out
    return patch


def row_patch(unit: Unit) -> dict[str, Any]:
    """The content fields a row of the units table sets."""
    values = unit.values
    patch: dict[str, Any] = {"unit": {"code": unit.code, "name": unit.name}}
    pairs = {"organ_parent": ("organ", "parent"), "organ": ("organ", "name"), "signer_authority": ("signer", "authority"),
             "signer_position": ("signer", "position"), "signer_name": ("signer", "name")}
    for column, (key, sub) in pairs.items():
        if column in values:
            patch.setdefault(key, {})[sub] = values[column]
    for column in ("place", "number", "date"):
        if column in values:
            patch[column] = values[column]
    if "recipients" in values:
        patch["recipients"] = [r.strip() for r in values["recipients"].replace("\n", ";").split(";") if r.strip()]
    return patch


ROW_LINE = -1  # the line of a value that came from the units table; findings there point to the table's row


def unit_doc(base: YamlDoc, unit: Unit, override: YamlDoc | None) -> YamlDoc:
    """The unit's content as one document.

    Line numbers stay those of the base file, except for values from the table (ROW_LINE, see
    `locate`) and, when there is an override file, for its keys: the document is then named
    after the override file.
    """
    patch = row_patch(unit)
    lines = _unit_lines(base, tuple(_leaf_paths(patch)))
    data = merged(base.data, patch)
    if override is None:
        return YamlDoc(data, base.file, lines, base.warnings)
    if override.data is not None and not isinstance(override.data, dict):
        raise DocgenError(error("content-invalid", "Tệp nội dung riêng phải là một bảng khóa: giá trị (mapping).", override.at()))
    return YamlDoc(merged(data, override.data or {}), override.file, {**lines, **override.lines}, base.warnings + override.warnings)


_UNIT_LINES: BoundedMemo[tuple[PathKey, ...], tuple[YamlDoc, dict[PathKey, int]]] = BoundedMemo(16)  # one base, a few sets of columns


def _unit_lines(base: YamlDoc, leaves: tuple[PathKey, ...]) -> dict[PathKey, int]:
    """The base's lines, the keys a row sets pointing to the row (ROW_LINE). The same for every row that
    sets the same keys: made once per base and set of keys, and shared (a YamlDoc's lines are never changed)."""
    cached = _UNIT_LINES.get(leaves)
    if cached is not None and cached[0] is base:
        return cached[1]
    tops = {leaf[0] for leaf in leaves}
    lines = {k: v for k, v in base.lines.items() if not (k and k[0] in tops and any(k[:len(leaf)] == leaf for leaf in leaves))}
    lines.update({leaf: ROW_LINE for leaf in leaves})
    _UNIT_LINES.put(leaves, (base, lines))
    return lines


def _leaf_paths(patch: dict[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in patch.items():
        if isinstance(value, dict):
            yield from _leaf_paths(value, (*prefix, key))
        else:
            yield (*prefix, key)


def locate(finding: Finding, unit: Unit) -> Finding:
    """A finding about a value from the units table points to the unit's row of the table."""
    if finding.location.line != ROW_LINE:
        return finding
    where = Location(unit.source, unit.row or None, finding.location.section, finding.location.title)
    return Finding(finding.code, finding.severity, finding.message, where)


_STATE: dict[str, _Worker] = {}


def _init_worker(settings: Settings) -> None:
    if "worker" not in _STATE or _STATE["worker"].settings != settings:
        _STATE["worker"] = _Worker(settings)


def process(job: Job) -> Entry:
    """One unit, start to finish; never raises: a problem becomes this unit's findings."""
    worker = _STATE["worker"]
    entry = worker.entry(job.unit)
    try:
        return _process(worker, job, entry)
    except DocgenError as exc:
        if any(f.code == "write-failed" for f in exc.findings):
            raise  # a full disk or a read-only folder fails every unit alike: the run stops
        return replace(entry, status="failed", errors=len(exc.findings), findings=tuple(f.format() for f in exc.findings))
    except Exception as exc:  # a bug must not take the other units down; it is reported with the unit
        finding = error("internal-error", f"Lỗi không lường trước khi tạo văn bản: {type(exc).__name__}: {exc}.")
        return replace(entry, status="failed", errors=1, findings=(finding.format(),))


def _process(worker: _Worker, job: Job, entry: Entry) -> Entry:
    settings, unit = worker.settings, job.unit
    override_path = settings.overrides / f"{unit.code}.yaml" if settings.overrides else None
    override_path = override_path if override_path and override_path.is_file() else None
    override = load_yaml(override_path) if override_path else None
    row_hash = _hash(json.dumps([unit.code, unit.name, sorted(unit.values.items())], ensure_ascii=False).encode())
    override_hash = _file_hash(override_path) if override_path else ""
    loaded, appendix_hash, shares_base = worker.unit_loaded(unit, override)
    input_hash = _hash("|".join([FORMAT_VERSION, entry.base_hash, row_hash, override_hash, entry.outline_hash, appendix_hash,
                                 entry.template_hash]).encode())
    entry = replace(entry, row_hash=row_hash, override_hash=override_hash, input_hash=input_hash)
    target = settings.out / entry.file
    if _unchanged(job.previous, entry, target, settings.strict):
        assert job.previous is not None
        return replace(job.previous, action="unchanged")
    findings = [locate(f, unit) for f in worker.validate(loaded, shares_base)]
    counted: dict[str, Any] = {"errors": _count(findings, Severity.ERROR), "warnings": _count(findings, Severity.WARNING),
               "findings": tuple(f.format() for f in findings if f.severity is not Severity.INFO)}
    if worker.session.refuses(findings):
        target.unlink(missing_ok=True)
        target.with_suffix(".pdf").unlink(missing_ok=True)
        return replace(entry, status="refused", **counted)
    data = worker.render(loaded, shares_base)
    target.with_suffix(".pdf").unlink(missing_ok=True)  # a PDF of the previous document must not outlive it
    worker.writer.write(entry.file, data)  # flushed once at the end of the run; a rerun checks every output's hash
    return replace(entry, status="errors" if has_errors(findings) else "ok", action="written", output_hash=_hash(data), **counted)


def _unchanged(previous: Entry | None, entry: Entry, target: Path, strict: bool) -> bool:
    if previous is None or previous.input_hash != entry.input_hash or previous.file != entry.file:
        return False
    if previous.status == "refused":
        return strict and not target.exists()
    if strict and previous.errors:
        return False
    return bool(previous.output_hash) and target.is_file() and _file_hash(target) == previous.output_hash


def _count(findings: list[Finding], severity: Severity) -> int:
    return sum(f.severity is severity for f in findings)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_hash(path: Path) -> str:
    return _hash(path.read_bytes())


@dataclass(frozen=True)
class PdfOutcome:
    written: int
    unchanged: int
    failed: int
    seconds: float


@dataclass(frozen=True)
class Outcome:
    entries: list[Entry]
    seconds: float  # making the documents (with --pdf, PDFs not included: see `pdf`)
    unused_overrides: list[str]
    pdf: PdfOutcome | None = None  # None: no PDFs asked for

    def count(self, **match: str) -> int:
        return sum(all(getattr(e, k) == v for k, v in match.items()) for e in self.entries)

    @property
    def worst(self) -> int:
        """The exit code, as for build and check: 2 when a unit's input could not be used, 1 when a
        document has error-level findings (or was refused, or its PDF failed), else 0."""
        if any(e.status == "failed" for e in self.entries):
            return 2
        return 1 if any(e.status != "ok" for e in self.entries) else 0


def unit_list(table: str | None, province: str | None, before_2025: bool = False,
              organ_system: str = "") -> tuple[list[Unit], list[Finding]]:
    """The units of a run and the table's warnings: from a .csv/.xlsx table, else from the catalogue (`before_2025`: the districts;
    `organ_system`: each unit headed by its own organ, see `catalogue_units`)."""
    if table:
        return load_units(Path(table))
    return catalogue_units(province or "", before_2025, organ_system), []


def run(settings: Settings, units: list[Unit], jobs: int | None = None, progress: Progress | bool | None = None,
        pdf: bool = False, archival: bool = False) -> Outcome:
    """Generate every unit's document (and with `pdf`, its PDF; with `archival` too, PDF/A-2b); write the manifest;
    return what happened to each unit.

    `progress=True` shows progress on stderr (a bar on a terminal, plain lines otherwise).
    """
    started = time.monotonic()
    if pdf:
        pdf_render.require_office()  # no LibreOffice: stop before anything is made
    progress = Progress(len(units)) if progress is True else progress or None
    _STATE["worker"] = _Worker(settings)  # loaded afresh each run (files may have changed); stops a bad run before any unit
    make_folder(settings.out)
    _remove_stale_temporaries(settings.out)
    previous = previous_entries(settings.out)
    work = (Job(u, previous.get(u.code)) for u in units)
    done: dict[str, Entry] = {}
    jobs = jobs or os.cpu_count() or 1
    journal = Journal(settings.out)
    pdf_outcome = None
    try:
        try:
            for entry in _results(settings, work, jobs, len(units)):  # a write failure stops the run (DocgenError)
                journal.add(entry)
                done[entry.code] = entry
                if progress:
                    progress.step()
        finally:
            if progress:
                progress.close()
        entries = [done[u.code] for u in units]
        seconds = time.monotonic() - started
        if pdf:
            pdf_progress = (lambda total: Progress(total, progress.stream, progress.tty, label="Đang tạo PDF: ", noun="tệp")) if progress else None
            entries, pdf_outcome = make_pdfs(settings.out, entries, jobs, journal.add, pdf_progress, archival)
        else:
            entries = [_without_pdf_failure(e) for e in entries]
    except DocgenError:
        _remove_stale_temporaries(settings.out)  # what the stopped workers were writing
        raise
    finally:
        journal.close()
    if hasattr(os, "sync"):
        os.sync()  # the outputs reach the disk before the manifest that vouches for them
    outcome = Outcome(entries, seconds, unused_overrides(settings, units), pdf_outcome)
    write_manifest(settings.out, entries, summary_data(outcome))
    return outcome


def make_pdfs(out: Path, entries: list[Entry], jobs: int, record: Callable[[Entry], None],
              progress: Callable[[int], Progress] | None = None, archival: bool = False) -> tuple[list[Entry], PdfOutcome]:
    """The PDF of every unit that has a document and no current PDF of the kind asked (`archival`: PDF/A-2b).
    `record` gets each unit's entry as its batch ends (the journal); `progress(total)` makes the progress display."""
    started = time.monotonic()
    entries = list(entries)
    documents = [i for i, e in enumerate(entries) if _has_document(e)]
    todo = [i for i in documents if not _pdf_current(entries[i], out, archival)]
    for i in todo:
        entries[i] = replace(_without_pdf_failure(entries[i]), pdf_hash="")
    shown = progress(len(todo)) if progress and todo else None
    failed = 0
    for batch, pdfs, problem in convert_batches([out / entries[i].file for i in todo], jobs, shown, archival):
        for position, made in zip(batch, pdfs, strict=True):
            i = todo[position]
            entries[i] = _with_pdf(entries[i], made, problem)
            failed += made is None
            record(entries[i])
    if shown:
        shown.close()
    return entries, PdfOutcome(len(todo) - failed, len(documents) - len(todo), failed, time.monotonic() - started)


def convert_batches(files: list[Path], jobs: int, progress: Progress | None = None,
                    archival: bool = False) -> Iterator[tuple[list[int], list[Path | None], str]]:
    """Convert `files` to PDF in batches of at most PDF_BATCH, `jobs` LibreOffice processes at once
    (threads: the work is LibreOffice's), each with its own profile folder, kept for the run.

    Yields, as each batch ends: the positions of its files in `files`, their PDFs (None: not
    made) and, when the whole batch failed, why.
    """
    size = min(PDF_BATCH, -(-len(files) // max(jobs, 1))) or 1
    batches = [list(range(k, min(k + size, len(files)))) for k in range(0, len(files), size)]
    lock = threading.Lock()

    def step(count: int = 1) -> None:
        if progress and count > 0:
            with lock:
                progress.step(count)

    with tempfile.TemporaryDirectory(prefix="docgen-bulk-pdf-") as tmp:
        profiles: queue.SimpleQueue[Path] = queue.SimpleQueue()
        for n in range(max(1, min(jobs, len(batches)))):
            profiles.put(Path(tmp, f"profile-{n}"))

        def convert(batch: list[int]) -> tuple[list[int], list[Path | None], str]:
            profile, counted = profiles.get(), 0

            def seen() -> None:
                nonlocal counted
                counted += 1
                step()
            try:
                chosen = [files[i] for i in batch]
                return batch, pdf_render.convert(chosen, profile, timeout=60 + 10 * len(chosen), sync=False, on_file=seen, archival=archival), ""
            except DocgenError as exc:
                return batch, [None] * len(batch), exc.findings[0].message
            except Exception as exc:  # a bug or a system error fails this batch's PDFs only
                return batch, [None] * len(batch), f"{type(exc).__name__}: {exc}"
            finally:
                step(len(batch) - counted)
                profiles.put(profile)

        with ThreadPoolExecutor(max(1, min(jobs, len(batches)))) as pool:
            for future in as_completed([pool.submit(convert, batch) for batch in batches]):
                yield future.result()


def _has_document(entry: Entry) -> bool:
    return entry.status in {"ok", "errors", "pdf-failed"} and bool(entry.output_hash)


def _pdf_current(entry: Entry, out: Path, archival: bool) -> bool:
    """The unit's document was not rewritten and its PDF is there with the recorded hash, of the kind asked."""
    if entry.action == "written" or not entry.pdf_hash:
        return False
    target = (out / entry.file).with_suffix(".pdf")
    if not target.is_file():
        return False
    data = target.read_bytes()  # once, for the hash and the kind
    return _hash(data) == entry.pdf_hash and pdf_render.is_archival(data) == archival


def _with_pdf(entry: Entry, made: Path | None, problem: str) -> Entry:
    if made is not None:
        return replace(entry, pdf_hash=_file_hash(made))
    why = f": {problem.rstrip('.')}" if problem else ""
    message = f"Không tạo được PDF cho {entry.name} ({entry.code}), tệp “{entry.file}”{why}; văn bản .docx vẫn dùng được."
    return replace(entry, status="pdf-failed", findings=(*entry.findings, error("pdf-failed", message).format()))


def _without_pdf_failure(entry: Entry) -> Entry:
    """An entry as if its PDF had never failed: the document's own status, without the PDF's finding."""
    if entry.status != "pdf-failed":
        return entry
    findings = tuple(f for f in entry.findings if not f.endswith(tuple(f"({code})" for code in PDF_CODES)))
    return replace(entry, status="errors" if entry.errors else "ok", findings=findings)


def _results(settings: Settings, work: Iterator[Job], jobs: int, total: int) -> Iterator[Entry]:
    if jobs <= 1 or total < 2 * jobs:
        yield from map(process, work)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    # Each chunk's results wake the main process's threads once: chunks of 64 cost it a sixth of the CPU chunks
    # of 8 did; a run still ends in at least eight chunks per process, finished units reaching the journal soon.
    chunk = max(1, min(64, total // (jobs * 8)))
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap_unordered(process, work, chunksize=chunk)


def _remove_stale_temporaries(out: Path) -> None:
    """Temporary files left by a run that was killed while writing (FolderWriter's and atomic_write's ".<name>.*.tmp")."""
    for pattern in (".*.docx.*.tmp", ".*.pdf.*.tmp"):
        for stale in out.glob(pattern):
            stale.unlink(missing_ok=True)


def unused_overrides(settings: Settings, units: list[Unit]) -> list[str]:
    if not settings.overrides or not settings.overrides.is_dir():
        return []
    codes = {u.code for u in units}
    return sorted(p.name for p in settings.overrides.glob("*.yaml") if p.stem not in codes)


def summary_data(outcome: Outcome) -> dict[str, Any]:
    actions, statuses = Counter(e.action for e in outcome.entries), Counter(e.status for e in outcome.entries)
    data = {
        "units": len(outcome.entries),
        "written": actions["written"],
        "unchanged": actions["unchanged"],
        "ok": statuses["ok"],
        "errors": statuses["errors"],
        "refused": statuses["refused"],
        "failed": statuses["failed"],
        "unused_overrides": outcome.unused_overrides,
    }
    if outcome.pdf:
        data.update(pdf_written=outcome.pdf.written, pdf_unchanged=outcome.pdf.unchanged, pdf_failed=outcome.pdf.failed,
                    pdf_seconds=round(outcome.pdf.seconds, 3))
    return data


def summary_lines(outcome: Outcome, out: Path) -> list[str]:
    """What the person running it reads at the end, in Vietnamese."""
    s = summary_data(outcome)
    rate = s["written"] / outcome.seconds if outcome.seconds > 0 else 0.0
    lines = [f"{s['units']} đơn vị: {s['written']} văn bản mới tạo, {s['unchanged']} không đổi (bỏ qua); "
             f"{s['ok']} đạt, {s['errors']} còn lỗi, {s['refused']} không tạo (--strict), {s['failed']} hỏng; "
             f"{outcome.seconds:.1f}".replace(".", ",") + f" giây ({rate:.0f} văn bản/giây)."]
    if outcome.pdf:
        p = outcome.pdf
        each = f", {_decimal(p.seconds / p.written, 2)} giây/tệp" if p.written else ""
        lines.append(f"PDF: {p.written} tệp mới tạo, {p.unchanged} không đổi (bỏ qua), {p.failed} không tạo được; "
                     f"{_decimal(p.seconds, 1)} giây{each}.")
    bad = [entry for entry in outcome.entries if entry.status in {"failed", "refused", "errors", "pdf-failed"}]
    for entry in bad[:MAX_LISTED]:
        lines.append(f"- {entry.name} ({entry.code}): {_status_vi(entry.status)}")
        lines += [f"    {finding}" for finding in entry.findings if _is_error(finding)]
    if len(bad) > MAX_LISTED:
        lines.append(f"… và {len(bad) - MAX_LISTED} đơn vị khác có lỗi hoặc hỏng (xem manifest.json).")
    lines += [f"Tệp nội dung riêng không khớp mã đơn vị nào nên không dùng: {name}" for name in outcome.unused_overrides]
    lines.append(f"Danh sách: {out / 'manifest.csv'} và {out / 'manifest.json'}")
    return lines


def _decimal(value: float, digits: int) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _is_error(formatted: str) -> bool:
    label = f"{Severity.ERROR.label_vi}: "
    return formatted.startswith(label) or f": {label}" in formatted


def _status_vi(status: str) -> str:
    return {"failed": "không tạo được văn bản", "refused": "không tạo văn bản vì còn lỗi (--strict)",
            "errors": "đã tạo văn bản nhưng còn lỗi", "pdf-failed": "đã tạo văn bản nhưng không tạo được PDF"}[status]
