"""Fidelity check: each reference document (reference/seeds) regenerated from its content file and
compared, word by word, with the seed's text.

The generated .docx is read back with python-docx in reading order (body paragraphs and table
cells, nested tables included; the page-number header is not body text). Both texts are
normalised the same way: NFC, the legacy-font "ƣ" of the PDF extraction read as "ư", markdown
emphasis marks ("*", "#") dropped, bare page numbers dropped, words broken after a hyphen at a
line end joined again, whitespace collapsed. The figure is difflib's ratio over the two word
sequences; the differences are the non-equal word runs, for the test to list as intended.
"""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from . import pipeline
from .core.searchpath import bundled
from .core.vietnamese import nfc

SEEDS_DIR = Path("reference") / "seeds"  # the checkout's reference documents (not part of the package)

# Seed number -> the bundled example content file that regenerates it.
SEED_CONTENT: dict[str, str] = {
    "000": "hai-duong-ke-hoach-so-ket-nq21.yaml",
    "001": "tuyen-quang-ke-hoach-173.yaml",
    "002": "phuong-ke-hoach-kl149.yaml",
    "003": "ubnd-tinh-ke-hoach-dan-so.yaml",
    "004": "duc-trong.yaml",
}

_LEGACY = str.maketrans({"\u01a3": "ư", "\u01a2": "Ư"})
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$", re.MULTILINE)
_BROKEN_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_MARKS = re.compile(r"[*#]")


@dataclass(frozen=True)
class Difference:
    seed: str  # the seed's words in this run ("" when the generated document adds words)
    generated: str  # the generated document's words ("" when it leaves words out)


@dataclass(frozen=True)
class Fidelity:
    seed: str
    ratio: float
    differences: tuple[Difference, ...]


def normalise(text: str) -> list[str]:
    """The words of a text after undoing the extraction damage (see the module docstring)."""
    text = nfc(text).translate(_LEGACY).replace("\u2011", "-")
    text = _PAGE_NUMBER.sub("", text)
    text = _BROKEN_HYPHEN.sub("-", text)
    return _MARKS.sub("", text).split()


def docx_text(data: bytes) -> str:
    """The text of a .docx body in reading order, one line per non-empty paragraph."""
    document = docx.Document(io.BytesIO(data))
    return "\n".join(_lines(document.element.body))


def _lines(container: etree._Element) -> Iterator[str]:
    for child in container:
        if child.tag == qn("w:p"):
            text = "".join(_paragraph_text(child))
            if text.strip():
                yield text
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                if _outer_row(row, child):
                    for cell in row.findall(qn("w:tc")):
                        yield from _lines(cell)


def _outer_row(row: etree._Element, table: etree._Element) -> bool:
    """A row of `table` itself, not of a table nested in one of its cells."""
    return next(a for a in row.iterancestors(qn("w:tbl"))) is table


def _paragraph_text(paragraph: etree._Element) -> Iterator[str]:
    shown = {qn("w:tab"): " ", qn("w:br"): "\n", qn("w:noBreakHyphen"): "-"}
    for node in paragraph.iter(qn("w:t"), *shown):
        yield node.text or "" if node.tag == qn("w:t") else shown[node.tag]


def seed_file(seed: str, seeds_dir: Path = SEEDS_DIR) -> Path:
    matches = sorted(seeds_dir.glob(f"{seed}_*.txt"))
    if not matches:
        raise FileNotFoundError(f"no seed {seed} in {seeds_dir}")
    return matches[0]


def generated_text(seed: str) -> str:
    loaded = pipeline.load(bundled("content") / SEED_CONTENT[seed])
    return docx_text(pipeline.render_loaded(loaded))


def compare(seed_text: str, document_text: str, seed: str = "") -> Fidelity:
    a, b = normalise(seed_text), normalise(document_text)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    differences = tuple(Difference(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
                        for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return Fidelity(seed, matcher.ratio(), differences)


def check_seed(seed: str, seeds_dir: Path = SEEDS_DIR) -> Fidelity:
    return compare(seed_file(seed, seeds_dir).read_text(encoding="utf-8"), generated_text(seed), seed)


def check_all(seeds_dir: Path = SEEDS_DIR) -> list[Fidelity]:
    return [check_seed(seed, seeds_dir) for seed in SEED_CONTENT]


def format_result(result: Fidelity, with_differences: bool = False) -> list[str]:
    lines = [f"{result.seed}  {result.ratio * 100:6.2f} %  {SEED_CONTENT[result.seed]}  ({len(result.differences)} chỗ khác)"]
    if with_differences:
        for d in result.differences:
            lines.append(f"      mẫu: «{d.seed}»\n      tạo: «{d.generated}»")
    return lines
