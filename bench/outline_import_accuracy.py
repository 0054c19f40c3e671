"""Precision and recall of `docgen outline import` against headings marked by hand.

For each file in tests/data/outline_import/, the document is imported and its headings (level,
number as printed, title) are compared with the hand-marked ones, in order. A heading counts as
found when level and number are equal and the titles match: strictly (the same words, without
case, accents of punctuation differences) or loosely (syllable overlap ≥ 0.8, for a title the
extraction cut or joined). Run: python bench/outline_import_accuracy.py
"""

from __future__ import annotations

import difflib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.read.headings import fold, similarity  # noqa: E402
from docgen.read.outline_import import import_outline  # noqa: E402

DATA = ROOT / "tests" / "data" / "outline_import"
LOOSE = 0.8

Key = tuple[int, str, str]


def expected(path: Path) -> tuple[Path, list[Key]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return ROOT / data["source"], [(int(level), str(number), str(title)) for level, number, title in data["headings"]]


def imported(source: Path) -> list[Key]:
    return [(h.level, h.printed, h.title) for h in import_outline(source).headings]


def matched(found: list[Key], wanted: list[Key], strict: bool) -> int:
    """Headings found in order: the longest common subsequence under the title test."""
    def same(a: Key, b: Key) -> bool:
        if a[:2] != b[:2]:
            return False
        return fold(a[2]) == fold(b[2]) if strict else similarity(a[2], b[2]) >= LOOSE

    keys = [f"{level}|{number}" for level, number, _ in found]
    wanted_keys = [f"{level}|{number}" for level, number, _ in wanted]
    count = 0
    for block in difflib.SequenceMatcher(None, keys, wanted_keys, autojunk=False).get_matching_blocks():
        count += sum(same(found[block.a + i], wanted[block.b + i]) for i in range(block.size))
    return count


def score(name: str) -> dict[str, float]:
    source, wanted = expected(DATA / name)
    found = imported(source)
    result: dict[str, float] = {"marked": len(wanted), "imported": len(found)}
    for label, strict in (("strict", True), ("loose", False)):
        hits = matched(found, wanted, strict)
        result[f"{label}_precision"] = hits / len(found) if found else 0.0
        result[f"{label}_recall"] = hits / len(wanted) if wanted else 0.0
    return result


def main() -> None:
    files = sorted(p.name for p in DATA.glob("*.yaml"))
    print(f"{'document':<28} {'marked':>6} {'found':>6}  {'P strict':>8} {'R strict':>8}  {'P loose':>7} {'R loose':>7}")
    totals = {"marked": 0.0, "imported": 0.0, "strict": 0.0, "loose": 0.0}
    for name in files:
        s = score(name)
        print(f"{name:<28} {s['marked']:>6.0f} {s['imported']:>6.0f}  {s['strict_precision']:>8.3f} {s['strict_recall']:>8.3f}"
              f"  {s['loose_precision']:>7.3f} {s['loose_recall']:>7.3f}")
        totals["marked"] += s["marked"]
        totals["imported"] += s["imported"]
        totals["strict"] += s["strict_recall"] * s["marked"]
        totals["loose"] += s["loose_recall"] * s["marked"]
    print(f"{'all':<28} {totals['marked']:>6.0f} {totals['imported']:>6.0f}  {totals['strict'] / totals['imported']:>8.3f} "
          f"{totals['strict'] / totals['marked']:>8.3f}  {totals['loose'] / totals['imported']:>7.3f} {totals['loose'] / totals['marked']:>7.3f}")


if __name__ == "__main__":
    main()
