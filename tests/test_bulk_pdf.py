"""`docgen bulk --pdf`: a PDF beside each document, made in batches; reruns redo only missing,
damaged or outdated PDFs; one failed PDF is reported for its unit alone."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

from docgen.bulk import run as bulk
from docgen.bulk.progress import Progress
from docgen.cli import main
from docgen.core.errors import DocgenError, error
from docgen.core.fsio import atomic_write
from docgen.render import pdf

TABLE = ("code,name,organ,place\n"
         "25000,Xã Đức Trọng,ĐẢNG ỦY XÃ ĐỨC TRỌNG,Đức Trọng\n"
         "25001,Xã Hiệp Thạnh,ĐẢNG ỦY XÃ HIỆP THẠNH,Hiệp Thạnh\n"
         "25002,Phường 1 Bảo Lộc,ĐẢNG ỦY PHƯỜNG 1,Bảo Lộc\n")
PDFS = ["phuong-1-bao-loc-25002.pdf", "xa-duc-trong-25000.pdf", "xa-hiep-thanh-25001.pdf"]


def needs(program: str, present: bool) -> None:
    if not present:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is required in CI (scripts/install-system-deps.sh)")
        pytest.skip(f"{program} not installed")


@pytest.fixture
def bulk_args(tmp_path: Path, minimal: Callable[..., Path]) -> list[str]:
    base = minimal(name="base.yaml")
    (tmp_path / "units.csv").write_text(TABLE, encoding="utf-8")
    (tmp_path / "rieng").mkdir()
    return ["bulk", str(base), "--units", str(tmp_path / "units.csv"), "--overrides", str(tmp_path / "rieng"),
            "-o", str(tmp_path / "out"), "-j", "2"]


def manifest(out: Path) -> dict[str, dict[str, object]]:
    data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"summary": data["summary"], **{u["code"]: u for u in data["units"]}}


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.pdf")}


def test_pdfs_are_made_beside_the_documents_and_reruns_redo_only_what_changed(
        bulk_args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs("LibreOffice", pdf.office_binary() is not None)
    needs("pdftotext", shutil.which("pdftotext") is not None)
    out = tmp_path / "out"
    assert main([*bulk_args, "--pdf"]) == 0
    shown = capsys.readouterr()
    assert "PDF: 3 tệp mới tạo, 0 không đổi (bỏ qua), 0 không tạo được; " in shown.out
    assert "Đang tạo PDF: 3/3 tệp (100%)" in shown.err
    assert sorted(p.name for p in out.glob("*.pdf")) == PDFS
    assert not list(out.glob(".*.tmp"))
    for name, organ in zip(PDFS, ["ĐẢNG ỦY PHƯỜNG 1", "ĐẢNG ỦY XÃ ĐỨC TRỌNG", "ĐẢNG ỦY XÃ HIỆP THẠNH"], strict=True):
        text = subprocess.run(["pdftotext", str(out / name), "-"], capture_output=True, text=True, check=True).stdout
        assert organ in text.splitlines()
    units = manifest(out)
    assert units["summary"]["pdf_written"] == 3
    assert units["25001"]["pdf_hash"] == hashlib.sha256((out / "xa-hiep-thanh-25001.pdf").read_bytes()).hexdigest()

    first = stamps(out)
    assert main([*bulk_args, "--pdf"]) == 0  # nothing changed: nothing converted
    assert "PDF: 0 tệp mới tạo, 3 không đổi (bỏ qua), 0 không tạo được; " in capsys.readouterr().out
    assert stamps(out) == first

    (out / "xa-duc-trong-25000.pdf").unlink()  # missing
    (out / "xa-hiep-thanh-25001.pdf").write_bytes(b"%PDF-damaged")  # damaged
    (tmp_path / "rieng" / "25002.yaml").write_text("sections:\n  han-che: Hạn chế riêng của phường.\n", encoding="utf-8")  # new document
    assert main([*bulk_args, "--pdf"]) == 0
    assert "PDF: 3 tệp mới tạo, 0 không đổi (bỏ qua), 0 không tạo được; " in capsys.readouterr().out
    units = manifest(out)
    assert [units[c]["action"] for c in ("25000", "25001", "25002")] == ["unchanged", "unchanged", "written"]
    assert all(p.read_bytes().startswith(b"%PDF-1") for p in out.glob("*.pdf"))
    text = subprocess.run(["pdftotext", str(out / PDFS[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "Hạn chế riêng của phường." in text

    (out / "xa-duc-trong-25000.pdf").unlink()
    before = stamps(out)
    assert main([*bulk_args, "--pdf"]) == 0  # only the deleted one is made again
    assert "PDF: 1 tệp mới tạo, 2 không đổi (bỏ qua), 0 không tạo được; " in capsys.readouterr().out
    after = stamps(out)
    assert {k: v for k, v in after.items() if k != "xa-duc-trong-25000.pdf"} == before and "xa-duc-trong-25000.pdf" in after


def test_without_libreoffice_nothing_is_made(bulk_args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(pdf, "office_binary", lambda: None)
    assert main([*bulk_args, "--pdf"]) == 2
    assert "Chưa cài LibreOffice nên không tạo được PDF (apt-get install libreoffice-writer-nogui fonts-liberation2). (libreoffice-missing)" \
        in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    with pytest.raises(DocgenError):  # the library call stops as early
        bulk.run(bulk.Settings(Path(bulk_args[1]), tmp_path / "out"), [bulk.Unit("25000", "Xã Đức Trọng", {})], 1, pdf=True)
    assert not (tmp_path / "out").exists()


@pytest.fixture
def fake_office(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """LibreOffice replaced by a converter that writes a small PDF, and fails for the names listed."""
    failing: list[str] = []

    def convert(files: list[Path], profile: Path | None = None, timeout: float = 300, sync: bool = True,
                on_file: Callable[[], None] | None = None, archival: bool = False) -> list[Path | None]:
        made: list[Path | None] = []
        for docx in files:
            if docx.name in failing:
                made.append(None)
                continue
            atomic_write(docx.with_suffix(".pdf"), b"%PDF-fake " + hashlib.sha256(docx.read_bytes()).hexdigest().encode(), sync=sync)
            made.append(docx.with_suffix(".pdf"))
            if on_file:
                on_file()
        return made
    monkeypatch.setattr(pdf, "office_binary", lambda: "soffice")
    monkeypatch.setattr(pdf, "convert", convert)
    return failing


def test_a_failed_pdf_is_reported_for_its_unit_alone_and_made_on_the_rerun(
        bulk_args: list[str], tmp_path: Path, fake_office: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    fake_office.append("xa-hiep-thanh-25001.docx")
    assert main([*bulk_args, "--pdf"]) == 1
    shown = capsys.readouterr().out
    assert "PDF: 2 tệp mới tạo, 0 không đổi (bỏ qua), 1 không tạo được; " in shown
    assert "- Xã Hiệp Thạnh (25001): đã tạo văn bản nhưng không tạo được PDF" in shown
    message = "Không tạo được PDF cho Xã Hiệp Thạnh (25001), tệp “xa-hiep-thanh-25001.docx”; văn bản .docx vẫn dùng được."
    assert f"    lỗi: {message} (pdf-failed)" in shown
    assert sorted(p.name for p in out.glob("*.pdf")) == ["phuong-1-bao-loc-25002.pdf", "xa-duc-trong-25000.pdf"]
    units = manifest(out)
    assert [(units[c]["status"], bool(units[c]["pdf_hash"])) for c in ("25000", "25001", "25002")] == [
        ("ok", True), ("pdf-failed", False), ("ok", True)]
    assert units["25001"]["findings"] == [f"lỗi: {message} (pdf-failed)"] and units["summary"]["pdf_failed"] == 1

    fake_office.clear()
    assert main([*bulk_args, "--pdf"]) == 0
    assert "PDF: 1 tệp mới tạo, 2 không đổi (bỏ qua), 0 không tạo được; " in capsys.readouterr().out
    units = manifest(out)
    assert (units["25001"]["status"], units["25001"]["findings"], units["25001"]["action"]) == ("ok", [], "unchanged")
    assert units["25001"]["pdf_hash"] == hashlib.sha256((out / "xa-hiep-thanh-25001.pdf").read_bytes()).hexdigest()


def test_a_batch_that_fails_as_a_whole_fails_its_units_only(tmp_path: Path, minimal: Callable[..., Path],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def convert(files: list[Path], profile: Path | None = None, **_: object) -> list[Path | None]:
        calls.append([f.name for f in files])
        if any(f.name.startswith("xa-b-") for f in files):
            raise DocgenError(error("pdf-timeout", "LibreOffice không phản hồi khi tạo PDF."))
        for f in files:
            f.with_suffix(".pdf").write_bytes(b"%PDF-fake")
        return [f.with_suffix(".pdf") for f in files]
    monkeypatch.setattr(pdf, "office_binary", lambda: "soffice")
    monkeypatch.setattr(pdf, "convert", convert)
    monkeypatch.setattr(bulk, "PDF_BATCH", 2)
    units = [bulk.Unit(f"{i:05d}", f"Xã {letter}", {}) for i, letter in enumerate("AABBC")]
    outcome = bulk.run(bulk.Settings(minimal(name="base.yaml"), tmp_path / "out"), units, 2, pdf=True)
    assert sorted(len(c) for c in calls) == [1, 2, 2]  # batches of at most PDF_BATCH
    assert [e.status for e in outcome.entries] == ["ok", "ok", "pdf-failed", "pdf-failed", "ok"]
    assert outcome.entries[2].findings == ("lỗi: Không tạo được PDF cho Xã B (00002), tệp “xa-b-00002.docx”: "
                                           "LibreOffice không phản hồi khi tạo PDF; văn bản .docx vẫn dùng được. (pdf-failed)",)


def test_without_pdf_a_rewritten_document_loses_its_old_pdf_and_the_others_keep_theirs(
        bulk_args: list[str], tmp_path: Path, fake_office: list[str]) -> None:
    out = tmp_path / "out"
    assert main([*bulk_args, "--pdf"]) == 0
    hashes = {c: manifest(out)[c]["pdf_hash"] for c in ("25000", "25001")}
    (tmp_path / "rieng" / "25002.yaml").write_text("place: Lộc Phát\n", encoding="utf-8")
    assert main(bulk_args) == 0
    assert sorted(p.name for p in out.glob("*.pdf")) == ["xa-duc-trong-25000.pdf", "xa-hiep-thanh-25001.pdf"]
    units = manifest(out)
    assert {c: units[c]["pdf_hash"] for c in ("25000", "25001")} == hashes and units["25002"]["pdf_hash"] == ""
    assert "pdf_written" not in units["summary"]


def test_progress_second_phase_line() -> None:
    stream = io.StringIO()
    progress = Progress(60, stream, tty=False, label="Đang tạo PDF: ", noun="tệp")
    for count in (25, 25, 10):  # a batch's remainder comes at once
        progress.step(count)
    lines = stream.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == ["Đang tạo PDF: 25/60 tệp", "Đang tạo PDF: 50/60 tệp", "Đang tạo PDF: 60/60 tệp"]
    assert "tệp/giây, còn khoảng 00:00" in lines[-1]


def test_killed_pdf_phase_leaves_no_partial_pdf_and_the_rerun_completes_it(tmp_path: Path, minimal: Callable[..., Path]) -> None:
    needs("LibreOffice", pdf.office_binary() is not None)
    units = bulk.PDF_BATCH + 10  # -j 1: a batch of PDF_BATCH, then one of 10
    base = minimal(name="base.yaml")
    table = tmp_path / "units.csv"
    table.write_text("code,name\n" + "".join(f"{i:05d},Xã Thử {i}\n" for i in range(units)), encoding="utf-8")
    out = tmp_path / "out"
    args = ["bulk", str(base), "--units", str(table), "-o", str(out), "-j", "1", "--pdf"]
    scratch = tmp_path / "tmp"  # the killed run's LibreOffice folders stay here, not in /tmp
    scratch.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "docgen", *args], cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True, env={**os.environ, "TMPDIR": str(scratch)})
    deadline = time.monotonic() + 120
    while process.poll() is None and not list(out.glob("*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the run and its LibreOffice, at once
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    made = list(out.glob("*.pdf"))
    assert 0 < len(made) < units and not (out / "manifest.json").exists()
    for path in made:  # every visible PDF is whole
        assert path.read_bytes().startswith(b"%PDF-1") and b"%%EOF" in path.read_bytes()[-1024:]

    assert main(args) == 0
    summary = manifest(out)["summary"]
    assert summary["pdf_written"] + summary["pdf_unchanged"] == units and summary["pdf_failed"] == 0
    assert len(list(out.glob("*.pdf"))) == units and not list(out.glob(".*.tmp"))
