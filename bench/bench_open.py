"""Benchmark: opening a .docx as the reader does, against python-docx's open and the naive way.

    python bench/bench_open.py --docs DIR              # the .docx files of DIR (e.g. a `docgen bulk` output)
    python bench/bench_open.py --docs DIR -n 300 --repeat 5

What the reader pays for a document before its paragraph walk (the walk: bench_walk.py), CPU per
document in one process, the best of `--repeat` passes over the same files:

- python-docx open: `docx.Document(path)`, the least any python-docx reader pays;
- naive: the checks and the styles fingerprint each opening the zip themselves (sizes, macros and
  external links from a first open, python-docx's own open, the styles and theme read again from a
  third), then the body counted against its bounds, the style sheet and the numbering definitions
  read for every document;
- docgen: `docxpackage.open_docx` (one open, each part unpacked once, a package structure and a
  styles part met before taken from the first such document), the body bound, Word numbering and
  the document's view, as `reader.read_docx` does them.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from docgen.core.errors import Location  # noqa: E402
from docgen.read import reader  # noqa: E402
from docgen.read.docxpackage import open_docx  # noqa: E402
from docgen.read.docxview import DocxView  # noqa: E402
from docgen.read.wordnum import NumberingCounter  # noqa: E402


def python_docx(path: Path) -> Any:
    return docx.Document(str(path))


def naive(path: Path) -> Any:
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        sum(i.file_size for i in infos)
        any(b'TargetMode="External"' in package.read(i.filename) for i in infos if i.filename.endswith(".rels"))
    document = docx.Document(str(path))
    parts = sorted({rel.target_part for rel in document.part.rels.values() if rel.reltype in (RT.STYLES, RT.THEME)},
                   key=lambda part: str(part.partname))
    digest = hashlib.blake2b(digest_size=20)
    with zipfile.ZipFile(path) as package:
        for part in parts:
            digest.update(package.read(part.partname.membername))
    body = document.element.body
    (sum(1 for _ in body.iter(qn("w:p"))), sum(len(t.text or "") for t in body.iter(qn("w:t"))), sum(1 for _ in body.iter(qn("w:tc"))))
    {style.style_id: style for style in document.styles}
    document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    with contextlib.suppress(KeyError, NotImplementedError):
        document.part.numbering_part.element.findall(qn("w:abstractNum"))
    return document


def docgen(path: Path) -> Any:
    opened = open_docx(path, path.name)
    reader._refuse_oversized_body(opened.document, Location(path.name), opened.body_bytes)
    NumberingCounter(opened.document)
    return DocxView.of(opened.document, opened.styles_fingerprint)


def best_cpu(function: Callable[[Path], Any], files: list[Path], repeat: int) -> float:
    """CPU seconds per document of the best pass (each pass over every file; what it returns is dropped at once)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for path in files:
            function(path)
        best = min(best, (time.process_time() - started) / len(files))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=Path, required=True, help="a folder of .docx files")
    parser.add_argument("-n", type=int, default=500, help="documents read (default 500)")
    parser.add_argument("--repeat", type=int, default=3, help="passes of each path; the best is reported (default 3)")
    args = parser.parse_args()
    files = sorted(args.docs.glob("*.docx"))[: args.n]
    if not files:
        raise SystemExit(f"no .docx in {args.docs}")
    load = os.getloadavg()[0]
    rows = [("python-docx open", python_docx), ("naive: three opens, all parsed", naive), ("docgen open", docgen)]
    figures = [(name, best_cpu(function, files, args.repeat)) for name, function in rows]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; {len(files)} documents of {args.docs}, "
          f"best of {args.repeat} passes")
    print(f"{'path':<34}{'CPU ms/doc':>12}")
    for name, seconds in figures:
        print(f"{name:<34}{1000 * seconds:>12.3f}")
    base = figures[0][1]
    print(f"ratio to python-docx's open: naive {figures[1][1] / base:.2f}x, docgen {figures[2][1] / base:.2f}x")


if __name__ == "__main__":
    main()
