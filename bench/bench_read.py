"""Benchmark: bare python-docx reading against `docgen check DIR --outline …`, same documents, one run.

    python bench/bench_read.py                       # 3,321 documents: docgen bulk --province all of content/duc-trong.yaml
    python bench/bench_read.py -n 500 --repeat 5 --jobs 1,2
    python bench/bench_read.py --docs out/ --outline bao-cao-so-ket-nq21

The documents are written once by `docgen bulk` into a temporary folder under `--scratch` (or
taken from `--docs`). Then, each path in its own process (so that its time and memory are its own):

- bare: what every Python reader pays at least, one process: python-docx opens each document and
  joins its paragraphs' text;
- check: `docgen check DIR --outline … -j N` as a user runs it (start-up, outline, every
  document read, matched to the outline, validated, its format judged, findings printed), for
  each N of `--jobs` (default 1 and 2).

Each path runs `--repeat` times (default 3); the median run is reported and all totals listed.
CPU is user + system time of the path's processes (the check's workers included). Memory is the
peak resident size of its largest process; the growth per document compares a run over the whole
folder with a run over a quarter of it (one process).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def bare(folder: Path) -> dict[str, float]:
    import docx

    files = sorted(folder.glob("*.docx"))
    started, cpu = time.perf_counter(), time.process_time()
    characters = 0
    for path in files:
        document = docx.Document(str(path))
        characters += len("\n".join(p.text for p in document.paragraphs))
    return {"n": len(files), "seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "characters": characters}


def check(folder: Path, outline: str, jobs: int) -> dict[str, float]:
    """`docgen check` in a child process, timed from outside; its CPU and peak memory from the kernel's accounting."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "docgen", "check", str(folder), "--outline", outline, "-j", str(jobs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"docgen check stopped with exit code {result.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"n": len(list(folder.glob("*.docx"))), "seconds": seconds, "cpu": cpu, "peak_mb": after.ru_maxrss / 1024}


def child(mode: str, folder: Path, args: argparse.Namespace, jobs: int = 1) -> dict[str, float]:
    """One measured run in a fresh process (its peak memory is then its own)."""
    command = [sys.executable, __file__, "--mode", mode, "--docs", str(folder), "--outline", args.outline, "--jobs", str(jobs)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return dict(json.loads(result.stdout.splitlines()[-1]))


def generate(base: Path, n: int, folder: Path, jobs: int) -> None:
    from docgen.bulk import run as bulk
    from docgen.bulk.units import catalogue_units

    bulk.run(bulk.Settings(base, folder), catalogue_units("all")[:n], jobs)


def quarter(folder: Path, into: Path) -> Path:
    """A folder holding links to the first quarter of the documents."""
    into.mkdir()
    files = sorted(folder.glob("*.docx"))
    for path in files[: max(1, len(files) // 4)]:
        (into / path.name).symlink_to(path)
    return into


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def report(args: argparse.Namespace, folder: Path, part: Path) -> None:
    started_load = os.getloadavg()[0]
    bares = [child("bare", folder, args) for _ in range(args.repeat)]
    checks = {jobs: [child("check", folder, args, jobs) for _ in range(args.repeat)] for jobs in args.jobs}
    partial, single = child("check", part, args), child("check", folder, args)
    plain = median(bares)
    n = plain["n"]
    growth_kb = 1024 * (single["peak_mb"] - partial["peak_mb"]) / max(1, n - partial["n"])
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {started_load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; documents: {n:.0f} in {folder}")
    print(f"{'path':<34}{'ms/doc':>8}{'CPU ms/doc':>12}{'total s':>9}{'peak MB':>9}")
    rows = [("python-docx open + join, 1 proc", plain)] + [(f"docgen check -j {jobs}", median(runs)) for jobs, runs in checks.items()]
    for name, run in rows:
        print(f"{name:<34}{1000 * run['seconds'] / run['n']:>8.2f}{1000 * run['cpu'] / run['n']:>12.2f}{run['seconds']:>9.2f}"
              f"{run['peak_mb']:>9.0f}")
    totals = [f"python-docx {_totals(bares)}"] + [f"check -j {jobs} {_totals(runs)}" for jobs, runs in checks.items()]
    print(f"totals of the {args.repeat} runs, s (median reported): {'; '.join(totals)}")
    for jobs, runs in checks.items():
        full = median(runs)
        print(f"ratio: check -j {jobs} takes {full['seconds'] / plain['seconds']:.2f}x the bare python-docx read per document "
              f"(CPU: {full['cpu'] / plain['cpu']:.2f}x)")
    print(f"memory (one process): check's peak {partial['peak_mb']:.0f} MB for {partial['n']:.0f} documents, {single['peak_mb']:.0f} MB "
          f"for {n:.0f}: {growth_kb:.1f} KB per document")


def _totals(runs: list[dict[str, float]]) -> str:
    return ", ".join(f"{r['seconds']:.2f}" for r in sorted(runs, key=lambda r: r["seconds"]))


def _job_counts(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=3321, help="documents to generate (default 3321: every commune and ward)")
    parser.add_argument("--base", type=Path, default=ROOT / "content" / "duc-trong.yaml", help="content the documents are made from")
    parser.add_argument("--docs", type=Path, help="read the .docx files of this folder instead of generating them")
    parser.add_argument("--outline", default="bao-cao-so-ket-nq21")
    parser.add_argument("--jobs", type=_job_counts, default=[1, 2], help="processes of the check, comma-separated (default 1,2)")
    parser.add_argument("--scratch", type=Path, default=ROOT / "out", help="where the documents are generated (default out/)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each path; the median is reported (default 3)")
    parser.add_argument("--mode", choices=("bare", "check"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode == "bare":
        print(json.dumps(bare(args.docs)))
        return
    if args.mode == "check":
        print(json.dumps(check(args.docs, args.outline, args.jobs[0])))
        return
    args.scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-read-", dir=args.scratch) as tmp:
        folder = args.docs
        if folder is None:
            folder = Path(tmp) / "docs"
            generate(args.base, args.n, folder, max(args.jobs))
        report(args, folder, quarter(folder, Path(tmp) / "quarter"))


if __name__ == "__main__":
    main()

