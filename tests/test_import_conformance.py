"""Import of a generated document gives back its content (the format rules are tested in test_format_rules.py)."""

from __future__ import annotations

from pathlib import Path

import docx
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.cli import main
from docgen.content.report import load_report, parse_report

PARTY = PROJECT_ROOT / "content" / "duc-trong.yaml"
STATE = PROJECT_ROOT / "content" / "ubnd-tinh-ke-hoach-dan-so.yaml"


def _build(content: Path, tmp_path: Path) -> Path:
    target = tmp_path / f"{content.stem}.docx"
    pipeline.build(content, target)
    return target


def test_import_gives_back_the_content(tmp_path):
    built = _build(PARTY, tmp_path)
    target = tmp_path / "imported.yaml"
    assert main(["import", str(built), "--outline", "bao-cao-so-ket-nq21", "-o", str(target)]) == 0
    original, back = load_report(PARTY), parse_report(target.read_text(encoding="utf-8"), "imported.yaml")
    for field in ("organ", "number", "place", "date", "summary", "opening", "closing", "recipients", "signer"):
        assert getattr(back, field) == getattr(original, field), field
    assert [(p.label, p.title, p.sections) for p in back.parts] == [(p.label, p.title, p.sections) for p in original.parts]
    assert set(back.sections) == set(original.sections) - {"bai-hoc-kinh-nghiem"} | {"them-bai-hoc-kinh-nghiem"}
    for key, answer in original.sections.items():
        again = back.sections["them-bai-hoc-kinh-nghiem" if key == "bai-hoc-kinh-nghiem" else key]
        assert again.blocks == answer.blocks, key
    # and it builds back into the same document text
    rebuilt = tmp_path / "rebuilt.docx"
    pipeline.build(target, rebuilt)
    texts = [[p.text for p in docx.Document(str(f)).paragraphs] for f in (built, rebuilt)]
    assert texts[0] == texts[1]


def test_import_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "c.yaml"
    target.write_text("x", encoding="utf-8")
    assert main(["import", str(_build(PARTY, tmp_path)), "--outline", "bao-cao-so-ket-nq21", "-o", str(target)]) == 2
    assert "không ghi đè" in capsys.readouterr().err
