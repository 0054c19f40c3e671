"""What a bulk run reads and formats once for all units (the base content's body) gives each unit
exactly the report, findings, context and document of reading that unit's content whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

from docgen.bulk import run as bulk
from docgen.bulk.personalise import numbered
from docgen.bulk.units import Unit, catalogue_units
from docgen.content.report import build_report, build_report_over
from docgen.render.context import build_context, unit_context

CONTENTS = ("duc-trong.yaml", "phuong-mau-party.yaml", "hai-duong-ke-hoach-so-ket-nq21.yaml", "ubnd-tinh-ke-hoach-dan-so.yaml")


def worker(base: Path, tmp_path: Path) -> bulk._Worker:
    return bulk._Worker(bulk.Settings(base, tmp_path / "out"))


def rows(system: str) -> list[Unit]:
    """Every commune of a province headed by its own organ, with its own number, place and signer."""
    units = numbered(catalogue_units("Lâm Đồng", organ_system=system), "{stt}-BC/ĐU")
    return [Unit(u.code, u.name, {**u.values, "signer_name": f"Người ký {i}", "recipients": "Như trên;Lưu VP"}, u.row, u.source)
            for i, u in enumerate(units)]


@pytest.mark.parametrize("name", CONTENTS)
def test_each_units_report_findings_and_context_equal_reading_it_whole(name: str, tmp_path: Path) -> None:
    made = worker(PROJECT_ROOT / "content" / name, tmp_path)
    shared = made.session.context(made.loaded(made.base_report)[0])
    units = rows(made.outline.system)
    for unit in units:
        doc = bulk.unit_doc(made.base, unit, None)
        over = build_report_over(made.base_report, doc, bulk.row_patch(unit).keys())
        whole = build_report(doc)
        assert over == whole, unit.code
        loaded = made.loaded(over)[0]
        assert made.session.validate(loaded) == made.session.validate(made.loaded(whole)[0])
        assert made.validate(loaded, True) == made.session.validate(loaded)  # the body's rules run once, for the base
        assert unit_context(shared, loaded.outline, loaded.report, loaded.appendix) == build_context(loaded.outline, whole, loaded.appendix)
    assert build_report_over(made.base_report, doc, bulk.row_patch(unit).keys()).sections is made.base_report.sections  # shared, not copied


def test_a_malformed_row_value_is_read_whole_and_reported(tmp_path: Path) -> None:
    made = worker(PROJECT_ROOT / "content" / "duc-trong.yaml", tmp_path)
    unit = Unit("25000", "Xã Đức Trọng", {"date": "31/02/2025"}, 2, "don-vi.csv")
    doc = bulk.unit_doc(made.base, unit, None)
    assert build_report_over(made.base_report, doc, bulk.row_patch(unit).keys()) is None
    assert [f.code for f in build_report(doc).load_findings] == ["invalid-date"]
    loaded, _, shares = made.unit_loaded(unit, None)
    assert not shares and [f.code for f in loaded.report.load_findings] == ["invalid-date"]


def test_a_base_with_findings_or_a_key_outside_the_row_is_read_whole(minimal: Callable[..., Path], tmp_path: Path) -> None:
    made = worker(minimal(("number: 184-BC/HU", "number: 184-BC/HU\nla: 1"), name="base.yaml"), tmp_path)
    assert [f.code for f in made.base_report.load_findings] == ["unknown-key"]
    unit = Unit("25000", "Xã Đức Trọng", {"place": "Đức Trọng"})
    assert build_report_over(made.base_report, bulk.unit_doc(made.base, unit, None), ["unit", "place"]) is None
    clean = worker(minimal(name="clean.yaml"), tmp_path)
    doc = bulk.unit_doc(clean.base, unit, None)
    assert build_report_over(clean.base_report, doc, ["unit", "place"]) == build_report(doc)
    assert build_report_over(clean.base_report, doc, ["unit", "sections"]) is None  # not a field a row sets


def test_a_unit_with_a_file_of_its_own_is_read_and_formatted_whole(minimal: Callable[..., Path], tmp_path: Path) -> None:
    made = worker(minimal(name="base.yaml"), tmp_path)
    (tmp_path / "25000.yaml").write_text("sections:\n  han-che: Hạn chế riêng.\n", encoding="utf-8")
    from docgen.core.yamlio import load_yaml

    loaded, _, shares = made.unit_loaded(Unit("25000", "Xã Đức Trọng"), load_yaml(tmp_path / "25000.yaml"))
    assert not shares
    assert made.render(loaded, shares) == made.session.render(loaded)


def test_findings_of_the_metadata_are_each_units_own(minimal: Callable[..., Path], tmp_path: Path) -> None:
    """The base has no place and a wrong number; the row gives one unit both: only the other
    unit keeps the base's findings about them, though the body's rules ran once for both."""
    made = worker(minimal(("place: Đức Trọng\n", ""), ("number: 184-BC/HU", "number: 184/BC-HU"), name="base.yaml"), tmp_path)
    given = Unit("25000", "Xã Đức Trọng", {"place": "Đức Trọng", "number": "12-BC/ĐU"})
    bare = Unit("25001", "Xã Hiệp Thạnh")
    codes = {}
    for unit in (given, bare):
        loaded, _, shares = made.unit_loaded(unit, None)
        assert shares
        codes[unit.code] = [f.code for f in made.validate(loaded, shares)]
        assert made.validate(loaded, shares) == made.session.validate(made.loaded(build_report(bulk.unit_doc(made.base, unit, None)))[0])
    assert "missing-metadata" in codes["25001"] and "invalid-number" in codes["25001"]
    assert "missing-metadata" not in codes["25000"] and "invalid-number" not in codes["25000"]


def test_text_findings_of_a_rows_values_are_that_units_own(minimal: Callable[..., Path], tmp_path: Path) -> None:
    """The hygiene and quotation-mark rules run on the body once, on each unit's organ, place, signer and recipients."""
    made = worker(minimal(("  han-che: Hạn chế.", "  han-che: Hạn  chế (còn."), name="base.yaml"), tmp_path)
    odd = Unit("25000", "Xã A", {"organ": "ĐẢNG ỦY XÃ  A", "place": "Nơi (A", "recipients": "Ban “Tuyên giáo;Lưu  VP"})
    plain = Unit("25001", "Xã B", {"organ": "ĐẢNG ỦY XÃ B"})
    found = {}
    for unit in (odd, plain, odd):
        loaded, _, shares = made.unit_loaded(unit, None)
        findings = made.validate(loaded, shares)
        assert shares and findings == made.session.validate(made.loaded(build_report(bulk.unit_doc(made.base, unit, None)))[0])
        found[unit.code] = [(f.code, f.location.line) for f in findings if f.code in {"double-space", "unbalanced-marks"}]
    own = [(code, line) for code, line in found["25000"] if line == bulk.ROW_LINE]
    assert {code for code, _ in own} == {"double-space", "unbalanced-marks"} and len(own) >= 3
    assert not [line for _, line in found["25001"] if line == bulk.ROW_LINE] and ("unbalanced-marks", 23) in found["25001"]  # the body's
