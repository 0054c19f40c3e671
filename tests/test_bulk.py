"""Bulk runs: one document per unit, same bytes as `docgen build`, one bad unit fails alone, reruns skip."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx_view import body, cell_texts, open_docx
from samples import MINIMAL_PARTY, PROJECT_ROOT

from docgen import pipeline
from docgen.bulk import run as bulk
from docgen.bulk.progress import Progress
from docgen.bulk.units import Unit, load_units
from docgen.cli import main

TABLE = ("code,name,organ,place,number,signer_name\n"
         "25000,Xã Đức Trọng,ĐẢNG ỦY XÃ ĐỨC TRỌNG,Đức Trọng,12-BC/ĐU,Nguyễn Văn A\n"
         "25001,Xã Hiệp Thạnh,ĐẢNG ỦY XÃ HIỆP THẠNH,Hiệp Thạnh,13-BC/ĐU,Trần Thị B\n"
         "25002,Phường 1 Bảo Lộc,ĐẢNG ỦY PHƯỜNG 1,Bảo Lộc,14-BC/ĐU,\n")


@pytest.fixture
def setup(tmp_path: Path, minimal: Callable[..., Path]) -> Callable[..., bulk.Settings]:
    def _setup(table: str = TABLE, overrides: dict[str, str] | None = None, strict: bool = False) -> bulk.Settings:
        base = minimal(name="base.yaml")
        (tmp_path / "units.csv").write_text(table, encoding="utf-8")
        folder = tmp_path / "rieng"
        folder.mkdir(exist_ok=True)
        for code, text in (overrides or {}).items():
            (folder / f"{code}.yaml").write_text(text, encoding="utf-8")
        return bulk.Settings(base, tmp_path / "out", None, folder, strict)
    return _setup


def run(settings: bulk.Settings, jobs: int = 1) -> bulk.Outcome:
    units, _ = load_units(settings.base.parent / "units.csv")
    return bulk.run(settings, units, jobs)


def test_one_document_per_unit_with_its_own_header_and_manifest(setup: Callable[..., bulk.Settings]) -> None:
    settings = setup(overrides={"25001": "sections:\n  han-che: Hạn chế riêng của Hiệp Thạnh.\n"})
    outcome = run(settings)
    assert [(e.code, e.status, e.action) for e in outcome.entries] == [("25000", "ok", "written"), ("25001", "ok", "written"),
                                                                        ("25002", "ok", "written")]
    names = sorted(p.name for p in settings.out.iterdir())
    assert names == ["manifest.csv", "manifest.json", "phuong-1-bao-loc-25002.docx", "xa-duc-trong-25000.docx", "xa-hiep-thanh-25001.docx"]
    hiep_thanh = open_docx(settings.out / "xa-hiep-thanh-25001.docx")
    left, right = cell_texts(hiep_thanh)[:2]
    assert left == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "ĐẢNG ỦY XÃ HIỆP THẠNH", "*", "Số 13-BC/ĐU"]
    assert right[1] == "Hiệp Thạnh, ngày 05 tháng 8 năm 2022"
    texts = [p.text for p in body(hiep_thanh)]
    assert "Hạn chế riêng của Hiệp Thạnh." in texts and "Hạn chế." not in texts
    assert "Hạn chế." in [p.text for p in body(open_docx(settings.out / "xa-duc-trong-25000.docx"))]
    signers = [cells[-1][-1] for cells in (cell_texts(open_docx(settings.out / f)) for f in ("phuong-1-bao-loc-25002.docx", "xa-duc-trong-25000.docx"))]
    assert signers == ["Lê Hồng Khánh", "Nguyễn Văn A"]  # an empty cell keeps the base content's value


def test_manifest_records_hashes_versions_and_status(setup: Callable[..., bulk.Settings]) -> None:
    settings = setup()
    run(settings)
    data = json.loads((settings.out / "manifest.json").read_text(encoding="utf-8"))
    assert data["summary"] == {"units": 3, "written": 3, "unchanged": 0, "ok": 3, "errors": 0, "refused": 0, "failed": 0, "unused_overrides": []}
    first = data["units"][0]
    assert (first["outline"], first["outline_version"], first["template"]) == ("bao-cao-so-ket-nq21", "1", "party.docx")
    output = settings.out / first["file"]
    assert first["output_hash"] == hashlib.sha256(output.read_bytes()).hexdigest()
    assert first["base_hash"] == hashlib.sha256(settings.base.read_bytes()).hexdigest()
    rows = list(csv.DictReader(io.StringIO((settings.out / "manifest.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["code"], r["name"], r["status"], r["errors"]) for r in rows] == [
        ("25000", "Xã Đức Trọng", "ok", "0"), ("25001", "Xã Hiệp Thạnh", "ok", "0"), ("25002", "Phường 1 Bảo Lộc", "ok", "0")]


def test_same_bytes_as_docgen_build_for_the_same_unit(setup: Callable[..., bulk.Settings], tmp_path: Path) -> None:
    settings = setup(overrides={"25000": "sections:\n  nguon-luc: Nguồn lực của xã.\n"})
    run(settings, jobs=2)
    content = MINIMAL_PARTY.replace("  name: HUYỆN ỦY ĐỨC TRỌNG", "  name: ĐẢNG ỦY XÃ ĐỨC TRỌNG").replace("184-BC/HU", "12-BC/ĐU")
    content = content.replace("  name: Lê Hồng Khánh", "  name: Nguyễn Văn A").replace("  nguon-luc: Nguồn lực.", "  nguon-luc: Nguồn lực của xã.")
    content += "unit:\n  code: '25000'\n  name: Xã Đức Trọng\n"
    single = tmp_path / "xa-duc-trong.yaml"
    single.write_text(content, encoding="utf-8")
    built = pipeline.build(single, tmp_path / "single.docx")
    assert (tmp_path / "single.docx").read_bytes() == (settings.out / "xa-duc-trong-25000.docx").read_bytes()
    assert built.findings == []


def test_one_bad_unit_fails_alone_and_is_listed(setup: Callable[..., bulk.Settings], capsys: pytest.CaptureFixture[str]) -> None:
    settings = setup(overrides={"25001": "sections: [unclosed\n", "99999": "place: Không ai\n"})
    table = settings.base.parent / "units.csv"
    code = main(["bulk", str(settings.base), "--units", str(table), "--overrides", str(settings.overrides), "-o", str(settings.out), "-j", "1"])
    out = capsys.readouterr().out
    assert code == 2  # a unit's input could not be used, as `check` says of an unreadable file
    assert (settings.out / "xa-duc-trong-25000.docx").is_file() and (settings.out / "phuong-1-bao-loc-25002.docx").is_file()
    assert not (settings.out / "xa-hiep-thanh-25001.docx").exists()
    assert "3 đơn vị: 2 văn bản mới tạo, 0 không đổi (bỏ qua); 2 đạt, 0 còn lỗi, 0 không tạo (--strict), 1 hỏng;" in out
    assert "- Xã Hiệp Thạnh (25001): không tạo được văn bản" in out
    assert f"    {settings.overrides / '25001.yaml'}:2: lỗi: Lỗi cú pháp YAML: " in out
    assert "Tệp nội dung riêng không khớp mã đơn vị nào nên không dùng: 99999.yaml" in out


def test_unit_with_errors_is_built_unless_strict(setup: Callable[..., bulk.Settings]) -> None:
    table = TABLE.replace("13-BC/ĐU", "13/BC")
    outcome = run(setup(table))
    assert [e.status for e in outcome.entries] == ["ok", "errors", "ok"] and outcome.worst == 1
    table_file = setup().base.parent / "units.csv"
    message = "Số và ký hiệu “13/BC” không đúng dạng của văn bản của Đảng; ví dụ: “184-BC/HU”."
    assert outcome.entries[1].findings == (f"{table_file}:3: lỗi: {message} (invalid-number)",)
    strict = run(setup(table, strict=True))
    assert [(e.status, e.action) for e in strict.entries] == [("ok", "unchanged"), ("refused", "none"), ("ok", "unchanged")]
    assert not (strict.entries and (setup().out / "xa-hiep-thanh-25001.docx").exists())


def test_rerun_skips_unchanged_units_and_redoes_changed_or_damaged_ones(setup: Callable[..., bulk.Settings]) -> None:
    settings = setup()
    run(settings)
    stamps = {p.name: p.stat().st_mtime_ns for p in settings.out.glob("*.docx")}
    again = run(settings)
    assert [e.action for e in again.entries] == ["unchanged"] * 3
    assert {p.name: p.stat().st_mtime_ns for p in settings.out.glob("*.docx")} == stamps
    (settings.overrides / "25002.yaml").write_text("place: Lộc Phát\n", encoding="utf-8")
    (settings.out / "xa-duc-trong-25000.docx").write_bytes(b"damaged")
    third = run(settings)
    assert [e.action for e in third.entries] == ["written", "unchanged", "written"]
    assert zipfile.is_zipfile(settings.out / "xa-duc-trong-25000.docx")


def test_pool_gives_the_same_bytes_as_one_process(setup: Callable[..., bulk.Settings], tmp_path: Path) -> None:
    settings = setup()
    units = load_units(tmp_path / "units.csv")[0] * 4
    units = [u.__class__(f"{u.code}{i}", u.name, u.values, u.row, u.source) for i, u in enumerate(units)]
    one = bulk.run(settings, units, 1)
    many = bulk.run(bulk.Settings(settings.base, tmp_path / "pool"), units, 2)
    assert [e.output_hash for e in one.entries] == [e.output_hash for e in many.entries]
    assert all(e.action == "written" for e in many.entries)


def test_merge_keeps_the_base_and_replaces_lists() -> None:
    base = {"organ": {"parent": "P", "name": "N"}, "recipients": ["a", "b"], "sections": {"x": "1"}}
    out = bulk.merged(base, {"organ": {"name": "M"}, "recipients": ["c"], "sections": {"y": "2"}})
    assert out == {"organ": {"parent": "P", "name": "M"}, "recipients": ["c"], "sections": {"x": "1", "y": "2"}}
    assert base["organ"] == {"parent": "P", "name": "N"}


def test_row_recipients_split_on_semicolons() -> None:
    unit = bulk.Unit("1", "Xã A", {"recipients": "Ban TG Tỉnh ủy; Lưu VP\nUBND xã", "signer_position": "BÍ THƯ"})
    patch = bulk.row_patch(unit)
    assert patch["recipients"] == ["Ban TG Tỉnh ủy", "Lưu VP", "UBND xã"]
    assert patch["signer"] == {"position": "BÍ THƯ"} and patch["unit"] == {"code": "1", "name": "Xã A"}


def test_progress_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(20, stream, tty=False)
    for _ in range(20):
        progress.step()
    progress.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 10 and lines[-1].startswith("20/20 văn bản (100%), ") and "văn bản/giây, còn khoảng 00:00" in lines[-1]
    assert "\r" not in stream.getvalue()


def test_progress_bar_with_rate_and_time_left_on_a_terminal() -> None:
    stream = io.StringIO()
    progress = Progress(4, stream, tty=True)
    for _ in range(4):
        progress.step()
    progress.close()
    shown = stream.getvalue()
    assert shown.startswith("\r[") and shown.endswith("\n")
    assert "[" + "#" * 30 + "] 4/4 văn bản (100%)" in shown and "văn bản/giây" in shown


def test_progress_bar_cleared_for_other_output_and_drawn_again() -> None:
    stream = io.StringIO()
    progress = Progress(4, stream, tty=True)
    progress.show()  # never drawn: nothing to show
    assert stream.getvalue() == ""
    progress.step()
    progress.clear()
    assert stream.getvalue().endswith("\r\033[K")
    progress.clear()  # already off the line
    assert stream.getvalue().count("\033[K") == 1
    progress.show()
    assert "] 1/4 văn bản (25%)" in stream.getvalue().split("\033[K")[1]
    progress.step(3)  # the last step is always drawn
    assert "] 4/4 văn bản (100%)" in stream.getvalue().split("\033[K")[1]


def test_cli_catalogue_province(tmp_path: Path, minimal: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    base = minimal(("184-BC/HU", "01-BC/ĐU"), name="base.yaml")
    assert main(["bulk", str(base), "--province", "Lâm Đồng", "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("124 đơn vị: 124 văn bản mới tạo")
    files = sorted(os.listdir(tmp_path / "out"))
    assert len(files) == 126 and "xa-duc-trong-25093.docx" in files or any(f.startswith("xa-duc-trong-") for f in files)
    duc_trong = next(f for f in files if f.startswith("xa-duc-trong-"))
    assert cell_texts(open_docx(tmp_path / "out" / duc_trong))[1][1] == "Đức Trọng, ngày 05 tháng 8 năm 2022"


def test_a_plan_keeps_its_appendix_and_a_changed_appendix_outline_redoes_it(tmp_path: Path) -> None:
    # the Hải Dương plan prints the review outline after its signature; bulk must too, and a change
    # to that outline (not to the plan's own) must make the units' plans again
    folder = tmp_path / "plan"
    (folder / "outlines").mkdir(parents=True)
    for name in ("ke-hoach-so-ket-nq21.yaml", "bao-cao-so-ket-nq21.yaml"):
        shutil.copy(PROJECT_ROOT / "outlines" / name, folder / "outlines" / name)
    base = folder / "content" / "ke-hoach.yaml"
    base.parent.mkdir()
    shutil.copy(PROJECT_ROOT / "content" / "hai-duong-ke-hoach-so-ket-nq21.yaml", base)
    units = [Unit("25000", "Xã Đức Trọng", {}, 2, "units.csv")]
    settings = bulk.Settings(base, tmp_path / "out")
    first = bulk.run(settings, units, 1).entries[0]
    texts = [p.text for p in body(open_docx(settings.out / first.file))]
    assert "ĐỀ CƯƠNG" in texts and "2.7. Tăng cường hợp tác quốc tế" in texts
    assert bulk.run(settings, units, 1).entries[0].action == "unchanged"
    appendix = folder / "outlines" / "bao-cao-so-ket-nq21.yaml"
    appendix.write_text(appendix.read_text(encoding="utf-8").replace("Tăng cường hợp tác quốc tế", "Hợp tác quốc tế"), encoding="utf-8")
    again = bulk.run(settings, units, 1).entries[0]
    assert again.action == "written"
    assert "2.7. Hợp tác quốc tế" in [p.text for p in body(open_docx(settings.out / again.file))]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_disk_stops_the_run_with_one_vietnamese_error(setup: Callable[..., bulk.Settings], monkeypatch: pytest.MonkeyPatch,
                                                              jobs: int) -> None:
    import errno

    from docgen.core import fsio
    from docgen.core.errors import DocgenError

    settings = setup(table=TABLE + "".join(f"{25003 + i},Xã {i},ĐẢNG ỦY XÃ {i},Nơi {i},1-BC/ĐU,\n" for i in range(8)))
    real_replace = os.replace

    def full_after_two(source: str, target: str) -> None:
        if str(target).endswith(".docx") and len(list(settings.out.glob("*.docx"))) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(fsio.os, "replace", full_after_two)
    with pytest.raises(DocgenError) as caught:
        run(settings, jobs)
    finding = caught.value.findings[0]
    assert finding.code == "write-failed" and finding.message.endswith(": ổ đĩa đã đầy.")
    assert not list(settings.out.glob(".*.tmp"))  # nothing half-written is left
    assert all(zipfile.is_zipfile(p) for p in settings.out.glob("*.docx"))
