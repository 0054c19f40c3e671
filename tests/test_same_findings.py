"""Reading stays exact while it gets faster: a varied folder gives the findings (and the lines read)
recorded in tests/data/same-findings.json, which was produced by the reader before its speed-up.

The folder: every bundled content file built into a .docx, those documents broken one format rule
at a time, hand-made Word documents (typed numbers, Word's numbering, heading and custom styles,
bold and alignment set on styles only), and the reference texts. Each is checked against a Party
and a State outline. To record a deliberate change: `DOCGEN_UPDATE_EXPECTED=1 python -m pytest
tests/test_same_findings.py`, then review the diff of the JSON file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from samples import PROJECT_ROOT
from test_format_rules import CLEAN_BREAKS, PARTY, PARTY_BREAKS, PARTY_CLEAN, PARTY_PLAN, PLAN_BREAKS, STATE, STATE_BREAKS
from test_reader import _handmade
from test_reader import test_word_automatic_numbering_is_read as _numbered

from docgen.cli import main
from docgen.pipeline import build
from docgen.read.reader import read

EXPECTED = Path(__file__).parent / "data" / "same-findings.json"
OUTLINES = ("bao-cao-so-ket-nq21", "ke-hoach-thuc-hien-nq-hdnd")


def _styled(path: Path) -> Path:
    """Headings in Word's Heading styles, bold and centring set only on a custom style based on another."""
    document = docx.Document()
    base = document.styles.add_style("Tiêu đề gốc", 1)
    base.font.bold = True
    base.font.size = Pt(14)
    base.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    derived = document.styles.add_style("Tiêu đề con", 1)
    derived.base_style = base
    derived.font.name = "Arial"
    document.add_paragraph("ĐẢNG BỘ TỈNH LÂM ĐỒNG", style=derived)
    document.add_paragraph("ĐẢNG CỘNG SẢN VIỆT NAM", style=base)
    document.add_paragraph("Đức Trọng, ngày 5 tháng 8 năm 2022")
    document.add_paragraph("BÁO CÁO", style=derived)
    document.add_paragraph("Sơ kết Nghị quyết 21-NQ/TW", style=base)
    document.add_heading("CÔNG TÁC QUÁN TRIỆT", level=1)
    document.add_paragraph("Đã quán triệt đầy đủ cho cán bộ, đảng viên trong toàn Đảng bộ huyện, với nhiều hình thức phong phú.")
    document.add_heading("1. Học tập", level=2)
    document.add_paragraph("Nội dung học tập.", style=derived)
    document.add_paragraph("NHỮNG KẾT QUẢ ĐẠT ĐƯỢC", style=base)
    document.add_paragraph("II- Đánh giá chung").runs[0].bold = True
    document.add_paragraph("Trên đây là báo cáo.")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu VP.")
    document.add_paragraph("T/M BAN THƯỜNG VỤ")
    document.add_paragraph("Nguyễn Văn A")
    document.save(str(path))
    return path


def _folder(root: Path) -> Path:
    folder = root / "reports"
    folder.mkdir()
    for content in sorted((PROJECT_ROOT / "content").glob("*.yaml")):
        build(content, folder / f"{content.stem}.docx")
    for content, breaks in ((PARTY, PARTY_BREAKS), (PARTY_CLEAN, CLEAN_BREAKS), (STATE, STATE_BREAKS), (PARTY_PLAN, PLAN_BREAKS)):
        for n, (code, change) in enumerate(breaks):
            target = folder / f"{content.stem}-{n:02d}-{code}.docx"
            shutil.copy(folder / f"{content.stem}.docx", target)
            document = docx.Document(str(target))
            change(document)
            document.save(str(target))
    _handmade(folder / "tay-day-du.docx")
    _handmade(folder / "tay-thieu.docx", with_kiem_tra=False)
    _styled(folder / "kieu.docx")
    _numbered(root)
    shutil.move(root / "so.docx", folder / "so-tu-dong.docx")
    for text in sorted((PROJECT_ROOT / "reference").glob("*/*.txt")):
        shutil.copy(text, folder / text.name)
    return folder


def _lines(path: Path) -> list[list[Any]]:
    return [[line.index, line.text, line.style, line.bold, line.centered, line.numbering, line.in_table,
             None if line.table is None else [list(line.table.header), [list(r) for r in line.table.rows]]]
            for line in read(path).lines]


def _checked(capsys: pytest.CaptureFixture[str], folder: Path, outline: str, jobs: str) -> list[dict[str, Any]]:
    main(["check", str(folder), "--outline", outline, "--format", "json", "-j", jobs])
    checked: list[dict[str, Any]] = json.loads(capsys.readouterr().out)
    return checked


def _observed(capsys: pytest.CaptureFixture[str], folder: Path) -> dict[str, Any]:
    observed: dict[str, Any] = {}
    for outline in OUTLINES:
        checked = _checked(capsys, folder, outline, "2")
        assert _checked(capsys, folder, outline, "1") == checked  # one process or two: the same, in the same order
        observed[outline] = {Path(c["file"]).name: [c["status"], c["findings"]] for c in checked}
    observed["lines"] = {p.name: _lines(p) for p in sorted(folder.glob("*.docx")) if "-format-" not in p.name}
    return json.loads(json.dumps(observed).replace(str(folder), "DIR"))


@pytest.mark.slow
def test_folder_gives_the_recorded_findings(capsys, tmp_path):
    observed = _observed(capsys, _folder(tmp_path))
    if os.environ.get("DOCGEN_UPDATE_EXPECTED"):
        EXPECTED.parent.mkdir(exist_ok=True)
        EXPECTED.write_text(json.dumps(observed, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert observed.keys() == expected.keys()
    for key in expected:
        assert observed[key] == expected[key], key
