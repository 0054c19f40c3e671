"""Every document docgen makes opens in Word without repair: it validates against the Office Open
XML schema (openxml-audit, Office 2016 rules) and draws no format finding. Templates, every
bundled content file of both systems, bulk output and the roll-up's draft report."""

from __future__ import annotations

import shutil
from pathlib import Path

import openxml_audit
import pytest
from docx.oxml.ns import qn
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.cli import main
from docgen.content.report import load_report
from docgen.pipeline import session
from docgen.read.documents import check_read
from docgen.rollup.run import DRAFT

CONTENT = sorted((PROJECT_ROOT / "content").glob("*.yaml"))
VALIDATOR = openxml_audit.OpenXmlValidator(openxml_audit.FileFormat.OFFICE_2016)


def schema_errors(path: Path) -> list[str]:
    result = VALIDATOR.validate(path)
    return [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]


def format_findings(path: Path, outline_id: str) -> list[str]:
    _, findings = check_read(path, session().outline(outline_id))
    return [f.format() for f in findings if f.code.startswith("format-")]


@pytest.mark.parametrize("template", ["party.docx", "state.docx"])
def test_templates_validate(template):
    assert schema_errors(PROJECT_ROOT / "templates" / template) == []


@pytest.mark.parametrize("content", CONTENT, ids=lambda p: p.stem)
def test_every_bundled_document_validates(tmp_path, content):
    target = tmp_path / f"{content.stem}.docx"
    pipeline.build(content, target)
    assert schema_errors(target) == []


def test_the_validator_sees_elements_out_of_order(tmp_path):
    """The defect the templates had: w:color after w:sz in the document defaults."""
    import docx

    target = tmp_path / "out-of-order.docx"
    pipeline.build(PROJECT_ROOT / "content" / "phuong-mau-party.yaml", target)
    document = docx.Document(str(target))
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    color = rpr.find(qn("w:color"))
    rpr.remove(color)
    rpr.find(qn("w:lang")).addprevious(color)
    document.save(str(target))
    assert any("Unexpected element 'color'" in e for e in schema_errors(target))


UNITS = ("code,name,organ,place,number,signer_name\n"
         "25000,Xã Đức Trọng,ĐẢNG ỦY XÃ ĐỨC TRỌNG,Đức Trọng,12-BC/ĐU,Nguyễn Văn A\n"
         "25001,Phường 1 Bảo Lộc,ĐẢNG ỦY PHƯỜNG 1,Bảo Lộc,14-BC/ĐU,Trần Thị B\n")


def test_bulk_output_validates_and_passes_the_format_rules(tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    base = PROJECT_ROOT / "content" / "phuong-mau-party.yaml"
    assert main(["bulk", str(base), "--units", str(units), "-o", str(tmp_path / "out"), "-j", "1"]) == 0
    made = sorted((tmp_path / "out").glob("*.docx"))
    assert len(made) == 2
    for path in made:
        assert schema_errors(path) == [], path.name
        assert format_findings(path, "bao-cao-so-ket-nq21") == [], path.name


def test_rollup_draft_validates_and_passes_the_format_rules(tmp_path):
    folder = tmp_path / "nop-ve"
    folder.mkdir()
    for content in CONTENT:
        if load_report(content).outline == "bao-cao-so-ket-nq21":
            shutil.copy(content, folder / content.name)
    main(["rollup", str(folder), "--outline", "bao-cao-so-ket-nq21", "-o", str(tmp_path / "tong-hop")])
    draft = tmp_path / "tong-hop" / DRAFT
    assert schema_errors(draft) == []
    assert format_findings(draft, "bao-cao-so-ket-nq21") == []
