"""The session every front end goes through: outline lookup on the search path, its cache, the strict policy."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from samples import MINIMAL_PARTY, PROJECT_ROOT

from docgen.core import searchpath
from docgen.core.errors import DocgenError
from docgen.pipeline import Session

NQ21 = PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml"


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A current folder outside the checkout and an empty user data folder."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    return work


def own_outline(folder: Path, name: str = "Đề cương riêng") -> Path:
    text = NQ21.read_text(encoding="utf-8").replace("name: ", f"name: {name} — ", 1)
    path = folder / "outlines" / "bao-cao-so-ket-nq21.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_outlines_templates_and_examples_come_from_the_package(elsewhere: Path) -> None:
    outline = Session().outline("bao-cao-so-ket-nq21")
    assert Path(outline.file).parent == searchpath.bundled("outlines")
    assert outline.template_path().resolve() == (searchpath.bundled("templates") / "party.docx").resolve()
    assert (searchpath.bundled("content") / "duc-trong.yaml").is_file()


def test_the_current_folder_comes_before_the_users_which_comes_before_the_bundled(elsewhere: Path, tmp_path: Path) -> None:
    user = own_outline(tmp_path / "xdg" / "docgen", "Của người dùng")
    assert Session().outline("bao-cao-so-ket-nq21").file == str(user)
    here = own_outline(elsewhere, "Của thư mục này")
    outline = Session().outline("bao-cao-so-ket-nq21")
    assert outline.file == str(here) and outline.name.startswith("Của thư mục này")


def test_an_outline_is_loaded_once_and_again_when_its_file_changes(elsewhere: Path) -> None:
    path = own_outline(elsewhere, "Lần một")
    session = Session()
    first = session.outline("bao-cao-so-ket-nq21")
    assert session.outline("bao-cao-so-ket-nq21") is first
    own_outline(elsewhere, "Lần hai — dài hơn")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert session.outline("bao-cao-so-ket-nq21").name.startswith("Lần hai")


def test_a_changed_parent_reloads_the_outline_that_extends_it(elsewhere: Path) -> None:
    parent = own_outline(elsewhere, "Gốc một")
    child = elsewhere / "outlines" / "con.yaml"
    child.write_text("id: con\nversion: 1\nextends: bao-cao-so-ket-nq21\nchanges: []\n", encoding="utf-8")
    session = Session()
    assert session.outline("con").name.startswith("Gốc một")
    own_outline(elsewhere, "Gốc hai, đã sửa")
    stat = parent.stat()
    os.utime(parent, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert session.outline("con").name.startswith("Gốc hai")


def test_a_session_without_outline_paths_takes_ids_only(elsewhere: Path) -> None:
    own_outline(elsewhere)
    with pytest.raises(DocgenError) as caught:
        Session(outline_paths=False).outline("outlines/bao-cao-so-ket-nq21.yaml")
    assert caught.value.findings[0].code == "outline-not-found"
    assert Session().outline("outlines/bao-cao-so-ket-nq21.yaml").id == "bao-cao-so-ket-nq21"


def test_the_strict_policy_refuses_a_document_with_errors(elsewhere: Path) -> None:
    content = elsewhere / "xa.yaml"
    content.write_text(MINIMAL_PARTY.split("sections:")[0], encoding="utf-8")  # every section missing
    assert Session(strict=True).build(content, elsewhere / "xa.docx").output is None
    assert not (elsewhere / "xa.docx").exists()
    assert Session().build(content, elsewhere / "xa.docx").output == elsewhere / "xa.docx"
    assert (elsewhere / "xa.docx").is_file()


def test_content_without_an_outline_is_refused_in_vietnamese(elsewhere: Path) -> None:
    with pytest.raises(DocgenError) as caught:
        Session().parse("place: Đức Trọng\n", "nhap.yaml")
    assert caught.value.findings[0].code == "missing-outline"
    assert "Nội dung không ghi đề cương" in caught.value.findings[0].message


def test_a_template_is_compiled_once_and_again_when_its_file_changes(elsewhere: Path) -> None:
    own_outline(elsewhere)
    template = elsewhere / "templates" / "party.docx"
    template.parent.mkdir()
    shutil.copy(PROJECT_ROOT / "templates" / "party.docx", template)
    session = Session()
    outline = session.outline("bao-cao-so-ket-nq21")
    assert outline.template_path() == template.resolve()
    first = session.template(outline)
    assert session.template(outline) is first
    shutil.copy(PROJECT_ROOT / "templates" / "state.docx", template)
    assert session.template(outline) is not first


def _outline_text(title: str = "Kết quả") -> str:
    return ("id: de-cuong-nhap\nversion: 1\nname: Báo cáo thử\nkind: BC\nsystem: party\ntemplate: party.docx\n"
            f"sections:\n  - id: ket-qua\n    number: I.\n    title: {title}\n")


def test_an_outline_given_as_text_is_checked_cached_and_used_for_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing is written where the session runs
    session = Session(outline_paths=False)
    outline = session.outline_text(_outline_text(), "đề cương nhập")
    assert outline.id == "de-cuong-nhap" and outline.file == "đề cương nhập" and outline.template_path().is_file()
    assert session.outline_text(_outline_text(), "đề cương nhập") is outline
    assert session.outline_text(_outline_text("Kết quả đạt được"), "đề cương nhập").find("ket-qua").title == "Kết quả đạt được"  # type: ignore[union-attr]
    loaded = session.parse("outline: khong-co-tren-dia\nsections:\n  ket-qua: Đã làm.\n", "bao-cao.yaml", outline)
    assert loaded.outline is outline and not [f for f in session.validate(loaded) if f.code == "missing-section"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text,code", [
    (_outline_text(title="''"), "outline-missing-title"),
    ("extends: bao-cao-so-ket-nq21\nchanges: []\n", "outline-text-extends"),
    ("id: [", "yaml-syntax"),
])
def test_a_bad_outline_text_is_a_located_vietnamese_error(text: str, code: str) -> None:
    with pytest.raises(DocgenError) as refused:
        Session().outline_text(text, "đề cương nhập")
    finding = refused.value.findings[0]
    assert finding.code == code and finding.location.file == "đề cương nhập" and not finding.message.isascii()
