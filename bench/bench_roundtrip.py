"""Round trip: .docx -> PDF (LibreOffice) -> read back, against reading the .docx itself.

    python bench/bench_roundtrip.py                                   # bundled content + one bulk run
    python bench/bench_roundtrip.py --province "Lâm Đồng" --base content/phuong-mau-party.yaml

Every bundled content file is built to .docx, and `docgen bulk --pdf --unit-organ` makes one
document (and its PDF) per unit of the province. Each .docx and its PDF are read by the reader of
hand-written reports with the same outline; the figure is how many of the compared fields agree:
the sections found, each section's title, the number, date, organ (and the organ above it),
the signing authority, position and name, and the recipients. Whitespace is compared as one
space (a line break inside a .docx paragraph is a line end in the PDF). Every difference is
printed. The reading time of both forms is printed beside the figure.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen import pipeline  # noqa: E402
from docgen.outline.model import Outline  # noqa: E402
from docgen.read.docreport import ReadReport, read_report  # noqa: E402
from docgen.render.pdf import to_pdf  # noqa: E402


def _space(value: object) -> object:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list | tuple):
        return [_space(v) for v in value]
    if isinstance(value, dict):
        return {k: _space(v) for k, v in value.items()}
    return value


def fields(read_back: ReadReport) -> dict[str, Any]:
    report = read_back.report
    answers = read_back.detected.answers
    return _space({  # type: ignore[return-value]
        "sections": sorted(answers), "titles": {i: a.title for i, a in sorted(answers.items())},
        "number": report.number, "date": str(report.date), "organ": report.organ.name, "organ above": report.organ.parent,
        "authority": report.signer.authority, "position": report.signer.position, "signer": report.signer.name,
        "recipients": list(report.recipients),
    })


def compare(docx: Path, outline: Outline) -> tuple[str, dict[str, tuple[Any, Any]], int, float, float]:
    """(document, differing fields with both values, fields compared, docx read s, pdf read s)."""
    start = time.perf_counter()
    expected = fields(read_report(docx, outline))
    middle = time.perf_counter()
    found = fields(read_report(docx.with_suffix(".pdf"), outline))
    end = time.perf_counter()
    differing = {k: (expected[k], found[k]) for k in expected if expected[k] != found[k]}
    return docx.name, differing, len(expected), middle - start, end - middle


def bundled(folder: Path) -> list[tuple[Path, Outline]]:
    documents = []
    for content in sorted((ROOT / "content").glob("*.yaml")):
        loaded = pipeline.load(content)
        target = folder / f"{content.stem}.docx"
        pipeline.build(content, target)
        documents.append((target, loaded.outline))
    to_pdf([d for d, _ in documents])
    return documents


def bulk_run(folder: Path, base: Path, province: str) -> list[tuple[Path, Outline]]:
    out = folder / "bulk"
    subprocess.run([sys.executable, "-m", "docgen", "bulk", str(base), "--province", province, "--unit-organ", "--pdf", "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL)
    outline = pipeline.load(base).outline
    return [(d, outline) for d in sorted(out.glob("*.docx"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=str(ROOT / "content" / "phuong-mau-party.yaml"))
    parser.add_argument("--province", default="Lâm Đồng")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-roundtrip-") as tmp:
        documents = bundled(Path(tmp)) + bulk_run(Path(tmp), Path(args.base), args.province)
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(compare, [d for d, _ in documents], [o for _, o in documents]))
    report(results)


def report(results: list[tuple[str, dict[str, tuple[Any, Any]], int, float, float]]) -> None:
    compared = sum(r[2] for r in results)
    differing = sum(len(r[1]) for r in results)
    identical = sum(1 for r in results if not r[1])
    docx_time, pdf_time = sum(r[3] for r in results), sum(r[4] for r in results)
    print(f"documents: {len(results)}; identical read-back: {identical} ({identical / len(results):.1%})")
    print(f"fields compared: {compared}; agreeing: {compared - differing} ({(compared - differing) / compared:.2%})")
    print(f"reading: .docx {docx_time / len(results) * 1000:.0f} ms per document, PDF {pdf_time / len(results) * 1000:.0f} ms per document")
    for name, fields_, *_ in results:
        for key, (expected, found) in fields_.items():
            print(f"  {name}: {key}: .docx {expected!r} / PDF {found!r}")


if __name__ == "__main__":
    main()
