"""Units tables (.csv, .xlsx) and the catalogue: good tables load, bad ones give clear Vietnamese findings."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from docgen.bulk.catalogue import place_of
from docgen.bulk.run import output_name
from docgen.bulk.units import MAX_UNITS, Unit, catalogue_units, load_units
from docgen.cli import main
from docgen.core.errors import DocgenError, Finding


def table(tmp_path: Path, text: str, name: str = "units.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(path: Path) -> list[Finding]:
    with pytest.raises(DocgenError) as caught:
        load_units(path)
    return caught.value.findings


def test_csv_with_bom_semicolons_and_optional_columns(tmp_path: Path) -> None:
    path = table(tmp_path, "\ufeffcode;name;organ;place;recipients\n25000;Xã Đức Trọng;ĐẢNG ỦY XÃ ĐỨC TRỌNG;Đức Trọng;Ban TG;Lưu\n"
                 "25001;Xã Hiệp Thạnh;;;\n\n")
    units, notes = load_units(path)
    assert notes == []
    assert [(u.code, u.name, u.row) for u in units] == [("25000", "Xã Đức Trọng", 2), ("25001", "Xã Hiệp Thạnh", 3)]
    assert units[0].values == {"organ": "ĐẢNG ỦY XÃ ĐỨC TRỌNG", "place": "Đức Trọng", "recipients": "Ban TG"}
    assert units[1].values == {}  # empty cells keep the base content's values


def test_decomposed_marks_are_normalised(tmp_path: Path) -> None:
    units, _ = load_units(table(tmp_path, "code,name\n1,Xa\u0303 Đư\u0301c Tro\u0323ng\n"))
    assert units[0].name == "Xã Đức Trọng"


def test_xlsx_table_with_numeric_codes(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Name", "number"])
    sheet.append([25000, "Xã Đức Trọng", "12-BC/ĐU"])
    sheet.append([None, None, None])
    sheet.append([25001.0, "Xã Hiệp Thạnh", None])
    book.save(tmp_path / "units.xlsx")
    units, _ = load_units(tmp_path / "units.xlsx")
    assert [(u.code, u.name, u.values) for u in units] == [("25000", "Xã Đức Trọng", {"number": "12-BC/ĐU"}), ("25001", "Xã Hiệp Thạnh", {})]


def test_missing_column(tmp_path: Path) -> None:
    [finding] = problems(table(tmp_path, "ma,name\n1,Xã A\n"))
    assert finding.code == "units-missing-column"
    assert finding.message == "Bảng đơn vị thiếu cột “code”; dòng đầu phải ghi tên cột, ví dụ: code,name,organ_parent,organ,place."
    assert finding.location.line == 1


def test_duplicate_code_empty_name_and_bad_code_are_all_reported(tmp_path: Path) -> None:
    found = problems(table(tmp_path, "code,name\nA1,Xã A\na1,Xã B\n2,\n../x,Xã C\n,Xã D\n"))
    assert [(f.code, f.location.line, f.message) for f in found] == [
        ("units-duplicate-code", 3, "Mã đơn vị “a1” trùng với dòng 2."),
        ("units-missing-name", 4, "Thiếu tên đơn vị (cột “name”)."),
        ("units-invalid-code", 5, "Mã đơn vị “../x” chỉ được gồm chữ không dấu, số, “-” và “_” (tối đa 40 ký tự)."),
        ("units-missing-code", 6, "Thiếu mã đơn vị (cột “code”)."),
    ]


@pytest.mark.parametrize("name", ["Xã A/B", "..", "../../etc/passwd", "Phường 1\\2"])
def test_name_with_path_characters_warns_and_never_reaches_a_path(tmp_path: Path, name: str) -> None:
    units, notes = load_units(table(tmp_path, f'code,name\n7,"{name}"\n'))
    assert [f.code for f in notes] == ["units-name-path"]
    assert notes[0].message.startswith(f"Tên “{name}” có “/”, “\\” hoặc “..”")
    file_name = output_name(units[0])
    assert "/" not in file_name and "\\" not in file_name and ".." not in file_name and file_name.endswith("-7.docx")


def test_unknown_column_is_a_warning(tmp_path: Path) -> None:
    _, notes = load_units(table(tmp_path, "code,name,dan_so\n1,Xã A,100\n"))
    assert [(f.code, f.severity.value) for f in notes] == [("units-unknown-column", "warning")]


def test_ten_thousand_rows_load(tmp_path: Path) -> None:
    rows = "".join(f"{i},Xã Số {i}\n" for i in range(10_000))
    units, _ = load_units(table(tmp_path, "code,name\n" + rows))
    assert len(units) == 10_000 and units[-1] == Unit("9999", "Xã Số 9999", {}, 10_001, str(tmp_path / "units.csv"))


def test_too_many_rows(tmp_path: Path) -> None:
    rows = "".join(f"{i},X\n" for i in range(MAX_UNITS + 1))
    [finding] = problems(table(tmp_path, "code,name\n" + rows))
    assert (finding.code, finding.message) == ("units-too-many", "Bảng có 20.001 đơn vị, vượt giới hạn 20.000; hãy chia thành nhiều bảng.")


def test_non_utf8_csv(tmp_path: Path) -> None:
    [finding] = problems(table(tmp_path, "code,name\n1,Xa Duc Trong\n2,Xã Tân Hà\n", encoding="cp1252"))  # Excel “CSV” on Windows
    assert finding.code == "not-utf8" and finding.location.line == 3
    assert "không được mã hóa UTF-8" in finding.message and "CSV UTF-8" in finding.message


@pytest.mark.parametrize(("text", "code"), [("", "units-empty"), ("code,name\n", "units-empty"), ("\n\n", "units-empty")])
def test_empty_tables(tmp_path: Path, text: str, code: str) -> None:
    assert [f.code for f in problems(table(tmp_path, text))] == [code]


def test_wrong_format_and_damaged_xlsx(tmp_path: Path) -> None:
    assert [f.code for f in problems(table(tmp_path, "x", "units.txt"))] == ["units-format"]
    assert [f.code for f in problems(table(tmp_path, "not a zip", "units.xlsx"))] == ["units-unreadable"]
    assert [f.code for f in problems(tmp_path / "none.csv")] == ["file-not-found"]


def test_cli_bad_table_exits_2_with_a_message_and_no_traceback(tmp_path: Path, minimal, capsys: pytest.CaptureFixture[str]) -> None:
    base = minimal()
    bad = table(tmp_path, "code,name\n1,Xã A\n1,Xã B\n")
    assert main(["bulk", str(base), "--units", str(bad), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:3: lỗi: Mã đơn vị “1” trùng với dòng 2. (units-duplicate-code)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_catalogue_province_by_code_name_or_slug() -> None:
    by_code = catalogue_units("68")
    assert catalogue_units("Lâm Đồng") == catalogue_units("lam-dong") == by_code
    assert len(by_code) == 124
    assert len({u.code for u in catalogue_units("all")}) == 3321
    duc_trong = next(u for u in by_code if u.name == "Xã Đức Trọng")
    assert duc_trong.values == {"place": "Đức Trọng"} and duc_trong.code.isdigit() and len(duc_trong.code) == 5


def test_unknown_province() -> None:
    with pytest.raises(DocgenError) as caught:
        catalogue_units("Atlantis")
    assert caught.value.findings[0].code == "province-not-found"
    assert caught.value.findings[0].message.startswith("Không có tỉnh, thành phố “Atlantis” trong danh mục")


def test_place_on_the_date_line() -> None:
    assert place_of("Xã Đức Trọng") == "Đức Trọng"
    assert place_of("Phường Xuân Hương - Đà Lạt") == "Xuân Hương - Đà Lạt"
    assert place_of("Phường 1 Bảo Lộc") == "Phường 1 Bảo Lộc"
    assert place_of("Đặc khu Phú Quý") == "Phú Quý"
