"""Benchmark: a plain docxtpl loop against `docgen bulk`, same template and content, one run.

    python bench/bench_bulk.py                    # 3,321 communes and wards, content/duc-trong.yaml
    python bench/bench_bulk.py -n 500 --naive 50 --base my.yaml

The plain loop (one process, what a script around docxtpl does): for each unit, build the
unit's content and context, then load the template, render and save with docxtpl. It runs on a
sample of units (`--naive`, default 100) because it is slow; its ms per document is per
document of that sample. The bulk path is `docgen.bulk.run.run` over all N units with every core:
validation, compiled rendering, atomic writes, hashes and the manifest included, timed end to
end (wall clock, process pool start-up included), twice: with the documents on `--scratch`
(default `out/`, the disk `docgen bulk` writes to) and in RAM (`--ram`, default /dev/shm; the
time to write one document on each is measured beside the figures, since file creation alone
can cost more than rendering on a slow disk). Each path runs in its own process so peak memory
(maximum resident set size) is its own. Each path runs `--repeat` times (default 3) and the
median run is reported. The floor is measured in the same run, one process: Jinja alone and zlib
alone per document, and a plain write of as many documents as the bulk run writes, on the disk
and in RAM; the bulk path's CPU per document
(every process, start-up and manifest included, with the main process's share) is set beside the
floor of the same place.
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
from docgen.core.fsio import FolderWriter  # noqa: E402
from docgen.render.context import build_context, unit_context  # noqa: E402
from docgen.render.engine import render_plain  # noqa: E402
from docgen.render.zippack import FAST, Member  # noqa: E402


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


LOAD_BEFORE = _load()


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


def stages(base: Path, n: int, out: Path, files: int) -> dict[str, float]:
    """CPU ms per document of each step of the bulk path, one process, on `n` units; and the floor:
    Jinja and zlib on the same units, and the plain write of `files` documents (as many as the bulk
    run writes: the kernel's cost per file created grows with their number on a disk)."""
    units = catalogue_units("all")[:n]
    worker = bulk._Worker(bulk.Settings(base, out))
    spent = dict.fromkeys(("content", "validate", "context", "render", "write"), 0.0)

    def timed(name: str, step: Callable[[], Any]) -> Any:
        started = time.process_time()
        result = step()
        spent[name] += time.process_time() - started
        return result

    template = worker.session.template(worker.outline)
    shared = worker.session.context(worker.loaded(worker.base_report)[0])
    floor = dict.fromkeys(("jinja", "zlib"), 0.0)
    made: list[bytes] = []
    for unit in units:
        loaded, _, shares = timed("content", lambda u=unit: worker.unit_loaded(u, None))
        timed("validate", lambda c=loaded, s=shares: worker.validate(c, s))
        context = timed("context", lambda c=loaded, s=shares: (unit_context(shared, c.outline, c.report, c.appendix) if s
                                                             else build_context(c.outline, c.report, c.appendix)))
        data = timed("render", lambda c=context: template.render(c))
        timed("write", lambda u=unit, d=data: worker.writer.write(bulk.output_name(u), d))
        xml = template.document_xml(context)
        started = time.process_time()
        template._body.render(context)  # Jinja alone, no docxtpl step around it
        middle = time.process_time()
        Member.compress("word/document.xml", xml, FAST)
        floor["jinja"] += middle - started
        floor["zlib"] += time.process_time() - middle
        made.append(data)
    result = {name: 1000 * seconds / n for name, seconds in spent.items()}
    return {**result, "floor": 1000 * sum(floor.values()) / n + _plain_writes(out / "floor", made, files)}


def _plain_writes(folder: Path, made: list[bytes], files: int) -> float:
    """CPU ms per file to put `files` documents (the ones made, in turn) into new files, nothing more."""
    folder.mkdir()
    started = time.process_time()
    for i in range(files):
        (folder / f"{i}.docx").write_bytes(made[i % len(made)])
    return 1000 * (time.process_time() - started) / files


def fast(base: Path, n: int, out: Path, jobs: int) -> dict[str, float]:
    units = catalogue_units("all")[:n]
    started, cpu, main_cpu = time.perf_counter(), _cpu(), _cpu(resource.RUSAGE_SELF)
    outcome = bulk.run(bulk.Settings(base, out), units, jobs)
    seconds, cpu, main_cpu = time.perf_counter() - started, _cpu() - cpu, _cpu(resource.RUSAGE_SELF) - main_cpu
    failed = outcome.count(status="failed")
    return {"n": n, "seconds": seconds, "cpu": cpu, "main_cpu": main_cpu, "failed": failed, "peak_mb": peak_mb(resource.RUSAGE_SELF),
            "worker_peak_mb": peak_mb(resource.RUSAGE_CHILDREN), **disk_probe(out, n)}


def _cpu(*who: int) -> float:
    """User and system seconds of this process and of its ended children (the pool's workers), or of `who` alone."""
    usages = [resource.getrusage(w) for w in who or (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usages)


def disk_probe(out: Path, n: int) -> dict[str, float]:
    """Milliseconds to write one file of the outputs' average size as bulk does (its folder writer: atomic, no flush),
    on the same folder: how much of the bulk figure is the disk rather than docgen."""
    sizes = [p.stat().st_size for p in out.glob("*.docx")]
    data = os.urandom(sum(sizes) // max(1, len(sizes)))
    writer = FolderWriter(out / "disk-probe")
    started = time.perf_counter()
    for i in range(n):
        writer.write(f"{i}.docx", data)
    return {"disk_ms": 1000 * (time.perf_counter() - started) / n, "doc_kb": len(data) / 1024}


def child(mode: str, args: argparse.Namespace, n: int | None = None, scratch: Path | None = None) -> dict[str, float]:
    scratch = scratch or args.scratch
    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-", dir=scratch) as tmp:
        command = [sys.executable, __file__, "--mode", mode, "-n", str(n or args.n), "--naive", str(args.naive),
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
    parser.add_argument("--ram", type=Path, default=Path("/dev/shm/docgen-bench"),
                        help="where the documents are written for the in-RAM runs (default /dev/shm/docgen-bench)")
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
        print(json.dumps(stages(args.base, args.naive, args.out, args.n)))
        return
    plains = sorted((child("naive", args) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    manys = sorted((child("bulk", args) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    rams = sorted((child("bulk", args, scratch=args.ram) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    plain, many, ram, steps = plains[len(plains) // 2], manys[len(manys) // 2], rams[len(rams) // 2], child("stages", args, scratch=args.ram)
    quarter = child("bulk", args, max(1, args.n // 4), scratch=args.ram)
    # The floor where the documents go: a file created on the disk costs the kernel more than one in RAM.
    floors = {"on disk": child("stages", args)["floor"], "in RAM": steps.pop("floor")}
    plain_ms, bulk_ms, ram_ms = (1000 * r["seconds"] / r["n"] for r in (plain, many, ram))
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"content: {args.base.name}; load average before: {LOAD_BEFORE}, after: {_load()}")
    print(f"{'path':<30}{'units':>7}{'ms/doc':>9}{'docs/s':>9}{'total s':>9}{'peak MB':>10}")
    print(f"{'docxtpl loop, 1 proc, disk':<30}{plain['n']:>7}{plain_ms:>9.2f}{1000 / plain_ms:>9.0f}{plain['seconds']:>9.2f}{plain['peak_mb']:>10.0f}")
    for label, result, ms in ((f"bulk, {args.jobs} procs, disk", many, bulk_ms), (f"bulk, {args.jobs} procs, RAM", ram, ram_ms)):
        print(f"{label:<30}{result['n']:>7}{ms:>9.2f}{1000 / ms:>9.0f}{result['seconds']:>9.2f}"
              f"{result['peak_mb']:>10.0f}  (largest worker {result['worker_peak_mb']:.0f} MB)")
    totals = [", ".join(f"{r['seconds']:.2f}" for r in runs) for runs in (plains, manys, rams)]
    print(f"totals of the {args.repeat} runs, s: docxtpl loop {totals[0]}; bulk on disk {totals[1]}; bulk in RAM {totals[2]} (median reported)")
    print(f"ratio: bulk is {plain_ms / bulk_ms:.1f}x the docxtpl loop per document on disk, {plain_ms / ram_ms:.1f}x in RAM; "
          f"failed units: {many['failed']:.0f}")
    print(f"disk: writing one {many['doc_kb']:.0f} KB document as bulk does took {many['disk_ms']:.2f} ms on {args.scratch}, "
          f"{ram['disk_ms']:.2f} ms on {args.ram} (the median bulk runs; their processes write in parallel)")
    print(f"bulk steps, CPU ms per document in one process ({args.naive} units): "
          + ", ".join(f"{name} {ms:.2f}" for name, ms in steps.items()) + f"; sum {sum(steps.values()):.2f}")
    for label, result in (("on disk", many), ("in RAM", ram)):
        cpu_ms, floor = 1000 * result["cpu"] / result["n"], floors[label]
        main_ms = 1000 * result["main_cpu"] / result["n"]
        print(f"CPU per document {label}: bulk {cpu_ms:.2f} ms (every process, start-up and manifest included; the main process "
              f"{main_ms:.2f}) against the floor {floor:.2f} ms (Jinja + zlib + write {label}, one process): {cpu_ms / floor:.2f}x")
    growth = 1024 * (ram["peak_mb"] - quarter["peak_mb"]) / max(1, ram["n"] - quarter["n"])
    print(f"memory (in RAM): bulk's main process {quarter['peak_mb']:.0f} MB for {quarter['n']:.0f} units, {ram['peak_mb']:.0f} MB for "
          f"{ram['n']:.0f}: {growth:.1f} KB per unit; largest worker {quarter['worker_peak_mb']:.0f} and {ram['worker_peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
