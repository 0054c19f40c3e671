"""bulk: each unit's own number, and one warning when the base's body names a particular unit."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_view import cell_texts, open_docx
from samples import PROJECT_ROOT

from docgen.bulk.personalise import named_unit, numbered, shared_number
from docgen.bulk.units import Unit
from docgen.cli import main
from docgen.core.errors import DocgenError
from docgen.core.yamlio import parse_yaml

UNITS = [Unit("25000", "Xã Hiệp Thạnh"), Unit("25001", "Phường 1 Bảo Lộc", {"number": "7-BC/ĐU"}), Unit("25002", "Xã Đạ Huoai")]


def test_numbers_from_a_pattern_keep_the_table_s_own() -> None:
    assert [u.values["number"] for u in numbered(UNITS, "{stt}-BC/ĐU")] == ["01-BC/ĐU", "7-BC/ĐU", "03-BC/ĐU"]
    assert numbered(UNITS, "{ma}/KH-UBND")[2].values["number"] == "25002/KH-UBND"


@pytest.mark.parametrize("pattern", ["15-BC/ĐU", "{so}-BC/ĐU", "{stt-BC/ĐU"])
def test_a_pattern_without_the_unit_s_place_is_refused(pattern: str) -> None:
    with pytest.raises(DocgenError) as caught:
        numbered(UNITS, pattern)
    assert caught.value.findings[0].code == "number-pattern"
    assert caught.value.findings[0].message.startswith(f"Mẫu số văn bản “{pattern}” phải có {{stt}} hoặc {{ma}}")


BASE = """\
number: 15-BC/ĐU
place: Hiệp Thạnh
sections:
  ket-qua: Toàn Đảng bộ đã quán triệt nghị quyết.
  han-che:
    - Một số chi bộ còn chậm.
    - Đảng ủy xã Đạ Huoai chưa tổ chức sơ kết.
"""


def test_the_base_naming_a_unit_is_warned_once_at_its_line() -> None:
    finding = named_unit(parse_yaml(BASE, "chung.yaml"), UNITS)
    assert finding is not None and finding.code == "bulk-base-names-unit"
    assert (finding.location.file, finding.location.line) == ("chung.yaml", 7)
    assert "“xã Đạ Huoai”" in finding.message  # the whole unit name, as written


def test_general_text_is_not_warned() -> None:
    assert named_unit(parse_yaml(BASE.replace("Đảng ủy xã Đạ Huoai", "Một đảng ủy"), "chung.yaml"), UNITS) is None


def test_the_shared_number_is_warned_unless_each_unit_has_one() -> None:
    base = parse_yaml(BASE, "chung.yaml")
    finding = shared_number(base, UNITS)
    assert finding is not None and finding.location.line == 1 and "cùng số “15-BC/ĐU”" in finding.message
    assert shared_number(base, numbered(UNITS, "{stt}-BC/ĐU")) is None


def test_cli_unit_organ_with_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = PROJECT_ROOT / "content" / "duc-trong.yaml"
    out = tmp_path / "out"
    main(["bulk", str(base), "--province", "Lâm Đồng", "--unit-organ", "--number", "{stt}-BC/ĐU", "-o", str(out), "-j", "2"])
    err = capsys.readouterr().err
    assert err.count("(bulk-base-names-unit)") == 1 and "(bulk-shared-number)" not in err
    numbers = {cell_texts(open_docx(p))[0][-1] for p in out.glob("*.docx")}
    assert len(numbers) == 124 and "Số 01-BC/ĐU" in numbers and "Số 124-BC/ĐU" in numbers
