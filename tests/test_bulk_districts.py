"""The districts before July 2025 (`docgen bulk --before-2025`): the bundled data file, its source, and runs over it."""

from __future__ import annotations

import importlib.util
import os
from collections import Counter
from pathlib import Path

import pytest
from docx_view import cell_texts, open_docx
from samples import PROJECT_ROOT

from docgen.bulk.catalogue import DISTRICT_COLUMNS, DISTRICTS_FILE, district_rows, short_name
from docgen.bulk.units import catalogue_units
from docgen.cli import main
from docgen.core.errors import DocgenError
from docgen.core.vietnamese import is_nfc, sort_key

DATA = PROJECT_ROOT / "docgen" / "bulk" / "data" / DISTRICTS_FILE
WHEEL = Path("/tmp/vp06/vietnam_provinces-0.6.0-py3-none-any.whl")  # the old release: only for the maintainer check below
PROVINCES, DISTRICTS = 63, 696  # as vietnam-provinces 0.6.0 has them (GSO data retrieved 2025-01-04)
DUC_TRONG = PROJECT_ROOT / "content" / "duc-trong.yaml"


def test_the_data_file_names_its_source_and_loads() -> None:
    head = DATA.read_text(encoding="utf-8").splitlines()[:6]
    assert all(line.startswith("#") for line in head[:5]) and head[5] == ",".join(DISTRICT_COLUMNS)
    assert "vietnam-provinces 0.6.0" in head[1] and "Tổng cục Thống kê" in head[2] and "retrieved 2025-01-04" in head[2]
    assert "tools/derive_districts.py" in head[3]
    rows = district_rows()
    assert len({r["province_code"] for r in rows}) == len({r["province_name"] for r in rows}) == PROVINCES
    assert len(rows) == len({r["district_code"] for r in rows}) == DISTRICTS
    assert all(is_nfc(value) and value == value.strip() and value for r in rows for value in r.values())
    assert all(len(r["district_code"]) == 3 and r["district_code"].isdigit() for r in rows)
    kinds = Counter(next(k for k in ("Huyện", "Quận", "Thị xã", "Thành phố") if r["district_name"].startswith(k + " ")) for r in rows)
    assert kinds == {"Huyện": 509, "Thành phố": 86, "Thị xã": 52, "Quận": 49}


def test_the_data_file_is_in_vietnamese_order() -> None:
    rows = district_rows()
    keys = [(sort_key(short_name(r["province_name"])), r["province_code"], sort_key(r["district_name"])) for r in rows]
    assert keys == sorted(keys)
    assert rows[0]["province_name"] == "Tỉnh An Giang" and rows[-1]["province_name"] == "Tỉnh Yên Bái"


def test_lam_dong_before_2025() -> None:
    units = catalogue_units("Lâm Đồng", before_2025=True)
    assert catalogue_units("68", before_2025=True) == catalogue_units("lam-dong", before_2025=True) == units
    assert catalogue_units("Tỉnh Lâm Đồng", before_2025=True) == units
    by_name = {u.name: u for u in units}
    assert list(by_name) == ["Huyện Bảo Lâm", "Huyện Di Linh", "Huyện Đạ Huoai", "Huyện Đam Rông", "Huyện Đơn Dương", "Huyện Đức Trọng",
                             "Huyện Lạc Dương", "Huyện Lâm Hà", "Thành phố Bảo Lộc", "Thành phố Đà Lạt"]
    assert by_name["Huyện Đức Trọng"].code == "678" and by_name["Huyện Đức Trọng"].values == {"place": "Đức Trọng"}
    assert by_name["Thành phố Đà Lạt"].code == "672" and by_name["Thành phố Đà Lạt"].values == {"place": "Đà Lạt"}
    assert by_name["Thành phố Bảo Lộc"].values == {"place": "Bảo Lộc"}


def test_numbered_districts_keep_their_name_and_codes_never_look_like_ward_codes() -> None:
    hcm = {u.name: u for u in catalogue_units("Hồ Chí Minh", before_2025=True)}
    assert hcm["Quận 1"].values == {"place": "Quận 1"} and hcm["Quận 1"].code == "760"
    assert hcm["Thành phố Thủ Đức"].values == {"place": "Thủ Đức"}
    names = list(hcm)
    assert names.index("Quận 3") < names.index("Quận 10") < names.index("Quận Bình Tân")
    everything = catalogue_units("all", before_2025=True)
    assert len(everything) == DISTRICTS and {len(u.code) for u in everything} == {3}
    assert {len(u.code) for u in catalogue_units("all")} == {5}  # wards: five digits, so <code>.yaml files of the two never meet


def test_provinces_of_one_catalogue_only() -> None:
    with pytest.raises(DocgenError) as caught:
        catalogue_units("Đắk Nông")  # merged into Lâm Đồng in 2025
    [finding] = caught.value.findings
    assert finding.code == "province-not-found"
    assert finding.message == ("Không có tỉnh, thành phố “Đắk Nông” trong danh mục từ ngày 01/07/2025 (34 tỉnh, thành phố); “Đắk Nông” có trong "
                               "danh mục trước ngày 01/07/2025 (63 tỉnh, thành phố): thêm --before-2025 để tạo văn bản cho các huyện, quận, "
                               "thị xã, thành phố thuộc tỉnh của tỉnh đó.")
    assert [u.name for u in catalogue_units("Đắk Nông", before_2025=True)][:2] == ["Huyện Cư Jút", "Huyện Đăk Glong"]  # spelled as the source has it
    with pytest.raises(DocgenError) as caught:
        catalogue_units("Atlantis", before_2025=True)
    assert caught.value.findings[0].message == ("Không có tỉnh, thành phố “Atlantis” trong danh mục trước ngày 01/07/2025 (63 tỉnh, thành phố); "
                                                "ghi mã (ví dụ 68) hoặc tên (ví dụ “Lâm Đồng”, lam-dong).")


def test_cli_lam_dong_before_2025_with_the_duc_trong_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    overrides = tmp_path / "rieng"
    overrides.mkdir()
    (overrides / "672.yaml").write_text("organ:\n  name: THÀNH ỦY ĐÀ LẠT\n", encoding="utf-8")
    out = tmp_path / "out"
    # the real report leaves section 2.7 out on purpose: every document is written, with that error (exit 1)
    assert main(["bulk", str(DUC_TRONG), "--province", "Lâm Đồng", "--before-2025", "--overrides", str(overrides), "-o", str(out)]) == 1
    assert capsys.readouterr().out.startswith("10 đơn vị: 10 văn bản mới tạo")
    files = sorted(os.listdir(out))
    assert files == ["huyen-bao-lam-680.docx", "huyen-da-huoai-682.docx", "huyen-dam-rong-674.docx", "huyen-di-linh-679.docx",
                     "huyen-don-duong-677.docx", "huyen-duc-trong-678.docx", "huyen-lac-duong-675.docx", "huyen-lam-ha-676.docx",
                     "manifest.csv", "manifest.json", "thanh-pho-bao-loc-673.docx", "thanh-pho-da-lat-672.docx"]
    left, right = cell_texts(open_docx(out / "huyen-duc-trong-678.docx"))[:2]
    assert left == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG", "*", "Số 184-BC/HU"]
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đức Trọng, ngày 05 tháng 8 năm 2022"]
    left, right = cell_texts(open_docx(out / "thanh-pho-da-lat-672.docx"))[:2]
    assert left == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "THÀNH ỦY ĐÀ LẠT", "*", "Số 184-BC/HU"]  # its override file, by district code
    assert right[1] == "Đà Lạt, ngày 05 tháng 8 năm 2022"


def test_cli_unknown_province_before_2025(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bulk", str(DUC_TRONG), "--province", "Atlantis", "--before-2025", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "lỗi: Không có tỉnh, thành phố “Atlantis” trong danh mục trước ngày 01/07/2025 (63 tỉnh, thành phố)" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_cli_before_2025_needs_the_catalogue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "units.csv"
    table.write_text("code,name\n678,Huyện Đức Trọng\n", encoding="utf-8")
    assert main(["bulk", str(DUC_TRONG), "--units", str(table), "--before-2025", "-o", str(tmp_path / "out")]) == 2
    assert "--before-2025 chỉ dùng với --province" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not WHEEL.is_file(), reason="maintainer check: needs the vietnam-provinces 0.6.0 wheel in /tmp/vp06")
def test_the_derive_script_reproduces_the_committed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("derive_districts", PROJECT_ROOT / "tools" / "derive_districts.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main([str(WHEEL), "-o", str(tmp_path / "districts.csv")]) == 0
    assert (tmp_path / "districts.csv").read_bytes() == DATA.read_bytes()
    assert f"{PROVINCES} provinces, {DISTRICTS} districts (Huyện 509, Quận 49, Thành phố 86, Thị xã 52)" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "province", "system", "expected"), [
    ("Xã Đạ Huoai", "Lâm Đồng", "party", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY XÃ ĐẠ HUOAI")),
    ("Phường Ba Đình", "Thành phố Hà Nội", "party", ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG ỦY PHƯỜNG BA ĐÌNH")),
    ("Huyện Đức Trọng", "Tỉnh Lâm Đồng", "party", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG")),
    ("Thành phố Đà Lạt", "Tỉnh Lâm Đồng", "party", ("ĐẢNG BỘ TỈNH LÂM ĐỒNG", "THÀNH ỦY ĐÀ LẠT")),
    ("Thị xã Sơn Tây", "Thành phố Hà Nội", "party", ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THỊ ỦY SƠN TÂY")),
    ("Quận 1", "Thành phố Hồ Chí Minh", "party", ("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH", "QUẬN ỦY QUẬN 1")),
    ("Huyện Đức Trọng", "Tỉnh Lâm Đồng", "state", ("", "ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG")),
    ("Phường Xuân Hương - Đà Lạt", "Lâm Đồng", "state", ("", "ỦY BAN NHÂN DÂN PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT")),
])
def test_each_unit_headed_by_its_own_organ(name: str, province: str, system: str, expected: tuple[str, str]) -> None:
    from docgen.bulk.catalogue import unit_organ

    assert unit_organ(name, province, system) == expected


def test_cli_unit_organ_heads_each_document_with_its_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["bulk", str(DUC_TRONG), "--province", "Lâm Đồng", "--before-2025", "--unit-organ", "-o", str(out)]) == 1  # II.2.7 missing
    header = cell_texts(open_docx(out / "huyen-lam-ha-676.docx"))[0]
    assert header[:2] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY LÂM HÀ"]
    assert cell_texts(open_docx(out / "thanh-pho-da-lat-672.docx"))[0][1] == "THÀNH ỦY ĐÀ LẠT"
    capsys.readouterr()
    assert main(["bulk", str(DUC_TRONG), "--units", str(DATA), "--unit-organ", "-o", str(tmp_path / "t")]) == 2
    assert "--unit-organ chỉ dùng với --province" in capsys.readouterr().err
