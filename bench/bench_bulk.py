"""Benchmark: a plain docxtpl loop against `docgen bulk`, same template and content, one run.

    python bench/bench_bulk.py                    # 3,321 communes and wards, content/duc-trong.yaml
    python bench/bench_bulk.py -n 500 --naive 50 --base my.yaml

The plain loop (one process, what a script around docxtpl does): for each unit, build the
unit's content and context, then load the template, render and save with docxtpl. It runs on a
sample of units (`--naive`, default 100) because it is slow; its ms per document is per
document of that sample. The bulk path is `docgen.bulk.run.run` over all N units with every core:
validation, compiled rendering, atomic writes, hashes and the manifest included, timed end to
end (wall clock, process pool start-up included). Each path runs in its own process so peak
memory (maximum resident set size) is its own. Each path runs `--repeat` times (default 3) and
the median run is reported. Documents go to `--scratch` (default `out/`, the disk `docgen bulk`
writes to); the time to write one document there is measured beside the figures, since file
creation alone can cost more than rendering on a slow disk (`--scratch /dev/shm/x` takes the
disk out).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.bulk import run as bulk  # noqa: E402
from docgen.bulk.units import catalogue_units  # noqa: E402
from docgen.content.report import build_report  # noqa: E402
from docgen.core.fsio import atomic_write  # noqa: E402
from docgen.render.context import build_context  # noqa: E402
from docgen.render.engine import render_plain  # noqa: E402
from docgen.validate.rules import validate  # noqa: E402


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def naive(base: Path, n: int, out: Path) -> dict[str, float]:
    units = catalogue_units("all")[:n]
    worker = bulk._Worker(bulk.Settings(base, out))
    started = time.perf_counter()
    for unit in units:
        report = build_report(bulk.unit_doc(worker.base, unit, None))
        data = render_plain(worker.template, build_context(worker.outline, report), normalize=False)
        (out / bulk.output_name(unit)).write_bytes(data)
    seconds = time.perf_counter() - started
    return {"n": n, "seconds": seconds, "peak_mb": peak_mb(resource.RUSAGE_SELF)}


def stages(base: Path, n: int, out: Path) -> dict[str, float]:
    """CPU ms per document of each step of the bulk path, one process, on `n` units."""
    units = catalogue_units("all")[:n]
    worker = bulk._Worker(bulk.Settings(base, out))
    spent = dict.fromkeys(("content", "validate", "context", "render", "write"), 0.0)

    def timed(name: str, step: Callable[[], Any]) -> Any:
        started = time.process_time()
        result = step()
        spent[name] += time.process_time() - started
        return result

    for unit in units:
        report = timed("content", lambda u=unit: build_report(bulk.unit_doc(worker.base, u, None)))
        timed("validate", lambda r=report: validate(worker.outline, r))
        context = timed("context", lambda r=report: build_context(worker.outline, r))
        data = timed("render", lambda c=context: worker.session.template(worker.outline).render(c))
        timed("write", lambda u=unit, d=data: atomic_write(out / bulk.output_name(u), d, sync=False))
    return {name: 1000 * seconds / n for name, seconds in spent.items()}


def fast(base: Path, n: int, out: Path, jobs: int) -> dict[str, float]:
    units = catalogue_units("all")[:n]
    started = time.perf_counter()
    outcome = bulk.run(bulk.Settings(base, out), units, jobs)
    seconds = time.perf_counter() - started
    failed = outcome.count(status="failed")
    return {"n": n, "seconds": seconds, "failed": failed, "peak_mb": peak_mb(resource.RUSAGE_SELF),
            "worker_peak_mb": peak_mb(resource.RUSAGE_CHILDREN), **disk_probe(out, n)}


def disk_probe(out: Path, n: int) -> dict[str, float]:
    """Milliseconds to write one file of the outputs' average size as bulk does (atomic, no flush),
    on the same folder: how much of the bulk figure is the disk rather than docgen."""
    sizes = [p.stat().st_size for p in out.glob("*.docx")]
    data = os.urandom(sum(sizes) // max(1, len(sizes)))
    probe = out / "disk-probe"
    started = time.perf_counter()
    for i in range(n):
        atomic_write(probe / f"{i}.docx", data, sync=False)
    return {"disk_ms": 1000 * (time.perf_counter() - started) / n, "doc_kb": len(data) / 1024}


def child(mode: str, args: argparse.Namespace) -> dict[str, float]:
    args.scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-", dir=args.scratch) as tmp:
        command = [sys.executable, __file__, "--mode", mode, "-n", str(args.n), "--naive", str(args.naive),
                   "--base", str(args.base), "--jobs", str(args.jobs), "--out", tmp]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return dict(json.loads(result.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=3321, help="units for the bulk path (default 3321, all communes and wards)")
    parser.add_argument("--naive", type=int, default=100, help="units for the plain docxtpl loop (default 100)")
    parser.add_argument("--base", type=Path, default=ROOT / "content" / "duc-trong.yaml")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--scratch", type=Path, default=ROOT / "out",
                        help="where the documents are written (default out/ in the project, the disk `docgen bulk` writes to)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each path; the median run is reported, all totals listed (default 3: disk writes vary)")
    parser.add_argument("--mode", choices=("naive", "bulk", "stages"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode == "naive":
        print(json.dumps(naive(args.base, args.naive, args.out)))
        return
    if args.mode == "bulk":
        print(json.dumps(fast(args.base, args.n, args.out, args.jobs)))
        return
    if args.mode == "stages":
        print(json.dumps(stages(args.base, args.naive, args.out)))
        return
    plains = sorted((child("naive", args) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    manys = sorted((child("bulk", args) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    plain, many, steps = plains[len(plains) // 2], manys[len(manys) // 2], child("stages", args)
    plain_ms, bulk_ms = 1000 * plain["seconds"] / plain["n"], 1000 * many["seconds"] / many["n"]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"content: {args.base.name}")
    print(f"{'path':<22}{'units':>7}{'ms/doc':>9}{'docs/s':>9}{'total s':>9}{'peak MB':>10}")
    print(f"{'docxtpl loop, 1 proc':<22}{plain['n']:>7}{plain_ms:>9.2f}{1000 / plain_ms:>9.0f}{plain['seconds']:>9.2f}{plain['peak_mb']:>10.0f}")
    print(f"{f'bulk, {args.jobs} procs':<22}{many['n']:>7}{bulk_ms:>9.2f}{1000 / bulk_ms:>9.0f}{many['seconds']:>9.2f}"
          f"{many['peak_mb']:>10.0f}  (largest worker {many['worker_peak_mb']:.0f} MB)")
    totals = [", ".join(f"{r['seconds']:.2f}" for r in runs) for runs in (plains, manys)]
    print(f"totals of the {args.repeat} runs, s: docxtpl loop {totals[0]}; bulk {totals[1]} (median reported)")
    print(f"ratio: bulk is {plain_ms / bulk_ms:.1f}x the docxtpl loop per document; failed units: {many['failed']:.0f}")
    print(f"disk: writing one {many['doc_kb']:.0f} KB document as bulk does took {many['disk_ms']:.2f} ms on {args.scratch} "
          f"(the median bulk run; its processes write in parallel)")
    print(f"bulk steps, CPU ms per document in one process ({args.naive} units): "
          + ", ".join(f"{name} {ms:.2f}" for name, ms in steps.items()) + f"; sum {sum(steps.values()):.2f}")


if __name__ == "__main__":
    main()
