"""Kill a real `docgen bulk` process mid-run: no partial file, and a rerun completes with the same bytes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from samples import PROJECT_ROOT

from docgen.cli import main

UNITS = 600


def command(base: Path, table: Path, out: Path) -> list[str]:
    return ["bulk", str(base), "--units", str(table), "-o", str(out), "-j", "2"]


def test_killed_run_leaves_no_partial_file_and_rerun_matches_an_uninterrupted_run(tmp_path: Path, minimal: Callable[..., Path]) -> None:
    base = minimal(name="base.yaml")
    table = tmp_path / "units.csv"
    table.write_text("code,name,place\n" + "".join(f"{i:05d},Xã Thử {i},Thử {i}\n" for i in range(UNITS)), encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "docgen", *command(base, table, out)], cwd=PROJECT_ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    journal = out / ".docgen-bulk.jsonl"
    while process.poll() is None and (len(list(out.glob("*.docx"))) < 40 or not journal.is_file() or journal.stat().st_size == 0):
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)  # the run and its workers, at once
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    written = sorted(out.glob("*.docx"))
    assert 40 <= len(written) < UNITS
    for path in written:  # every visible document is whole
        with zipfile.ZipFile(path) as package:
            assert package.testzip() is None
    assert not (out / "manifest.json").exists()

    assert main(command(base, table, out)) == 0
    assert not list(out.glob(".*.tmp")) and not (out / ".docgen-bulk.jsonl").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["summary"]["units"] == UNITS and manifest["summary"]["ok"] == UNITS
    assert manifest["summary"]["unchanged"] > 0  # what the killed run had finished is not done again

    reference = tmp_path / "reference"
    assert main(command(base, table, reference)) == 0
    documents = sorted(p.name for p in out.glob("*.docx"))
    assert documents == sorted(p.name for p in reference.glob("*.docx")) and len(documents) == UNITS
    assert all((out / name).read_bytes() == (reference / name).read_bytes() for name in documents)
