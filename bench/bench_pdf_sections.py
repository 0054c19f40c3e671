"""Missing sections found on PDFs: precision and recall against what is really missing.

    python bench/bench_pdf_sections.py

Two sets of documents, each made into a PDF by LibreOffice and read back:
- the reader's hand-written test reports (tests/test_reader.py and tests/test_fix.py: a header
  table, manual bold, typed numbers, Word's default styles), whose missing sections are the ones
  their tests assert on the .docx;
- every bundled content file, three times, each time with a different third of its leaf sections
  taken out: what is missing is what the validator reports on that content file.
A missing section is a finding `missing-section` or `missing-optional-section` with its section
number. The .docx of the second set is scored the same way beside the PDF.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docgen import pipeline  # noqa: E402
from docgen.outline.model import Outline  # noqa: E402
from docgen.read.docreport import check_document  # noqa: E402
from docgen.render.pdf import to_pdf  # noqa: E402

MISSING = ("missing-section", "missing-optional-section")
Missing = set[tuple[str, str]]


def missing(findings: list) -> Missing:  # type: ignore[type-arg]
    return {(f.code, f.location.section) for f in findings if f.code in MISSING}


def handmade(folder: Path) -> list[tuple[Path, Outline, Missing]]:
    from test_fix import in_order
    from test_reader import _handmade

    outline = pipeline.session().outline("bao-cao-so-ket-nq21")
    made = [_handmade(folder / "tay-du.docx"), _handmade(folder / "tay-thieu.docx", with_kiem_tra=False), in_order(folder / "tay-thu-tu.docx")]
    return [(path, outline, missing(check_document(path, outline)[1])) for path in made]


def variants(folder: Path) -> list[tuple[Path, Outline, Missing]]:
    documents = []
    for content in sorted((ROOT / "content").glob("*.yaml")):
        data = yaml.safe_load(content.read_text(encoding="utf-8"))
        loaded = pipeline.load(content)
        leaves = [s.id for s in loaded.outline.walk() if not s.children and s.id in data.get("sections", {})]
        for start in range(3):
            changed = dict(data, sections={k: v for k, v in data["sections"].items() if k not in leaves[start::3]})
            source = folder / f"{content.stem}-{start}.yaml"
            source.write_text(yaml.safe_dump(changed, allow_unicode=True, sort_keys=False), encoding="utf-8")
            target = source.with_suffix(".docx")
            truth = missing(pipeline.build(source, target).findings)
            documents.append((target, loaded.outline, truth))
    return documents


def score(pairs: list[tuple[Missing, Missing]]) -> tuple[float, float, int]:
    found = sum(len(f) for _, f in pairs)
    truth = sum(len(t) for t, _ in pairs)
    right = sum(len(t & f) for t, f in pairs)
    return right / found if found else 1.0, right / truth if truth else 1.0, truth


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="docgen-sections-") as tmp:
        folder = Path(tmp)
        hand, generated = handmade(folder), variants(folder)
        to_pdf([path for path, _, _ in hand + generated])
        for title, documents in (("hand-written test reports", hand), ("bundled content, a third of the leaf sections taken out", generated)):
            pdf_pairs, docx_pairs = [], []
            for path, outline, truth in documents:
                on_pdf = missing(check_document(path.with_suffix(".pdf"), outline)[1])
                pdf_pairs.append((truth, on_pdf))
                docx_pairs.append((truth, missing(check_document(path, outline)[1])))
                for code, section in sorted(on_pdf ^ truth):
                    print(f"  {path.name}: {'extra' if (code, section) in on_pdf else 'not found'}: {code} {section}")
            precision, recall, count = score(pdf_pairs)
            docx_precision, docx_recall, _ = score(docx_pairs)
            print(f"{title}: {len(documents)} PDFs, {count} missing sections; PDF precision {precision:.3f}, recall {recall:.3f} "
                  f"(the .docx: {docx_precision:.3f}, {docx_recall:.3f})")


if __name__ == "__main__":
    main()
