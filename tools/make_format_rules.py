"""Write docs/format-rules.md from the format rules' definitions (docgen/read/format_rules).

Usage: python tools/make_format_rules.py [output-file]
A test fails while the file in the repository differs from what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.core.fsio import atomic_write_text
from docgen.read.format_rules.rulebook import render

DEFAULT = Path(__file__).resolve().parent.parent / "docs" / "format-rules.md"


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else DEFAULT
    atomic_write_text(target, render())
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
