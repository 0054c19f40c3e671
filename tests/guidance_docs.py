"""Guidance documents for the outline import tests: seed 000 (its ĐỀ CƯƠNG) as a Word document made here."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from samples import PROJECT_ROOT

SEED_000 = PROJECT_ROOT / "reference" / "seeds" / "000_3ff2316c89ed20e5.txt"


def seed_000_docx(path: Path) -> Path:
    """Seed 000 as the office received it: one paragraph per line, headings ("# …") and "**…**" lines in bold."""
    document = docx.Document()
    for line in SEED_000.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text:
            continue
        bold = text.startswith("#") or (text.startswith("**") and text.endswith("**"))
        document.add_paragraph().add_run(re.sub(r"^#+\s*", "", text).strip("*").strip()).bold = bold
    document.save(str(path))
    return path
