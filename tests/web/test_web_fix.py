"""Chuẩn hóa thể thức on the web page: a hand-written Word report uploaded comes back compliant in
the answer page, every word kept, with the changes rule by rule; an uncertain structure is refused
with its reasons unless forced; bad uploads get a Vietnamese reason; nothing is left on the server."""

from __future__ import annotations

import base64
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient
from test_fix import format_codes, in_order, words

from docgen.read import office
from docgen.service.fixing import NOT_DOCX
from docgen.web import create_app, csrf
from docgen.web.app import app_database
from docgen.web.fix import NO_FILE

OUTLINE = "bao-cao-so-ket-nq21"
DATA_URL = re.compile(r'href="data:application/vnd\.openxmlformats-officedocument\.wordprocessingml\.document;base64,([A-Za-z0-9+/=]+)" '
                      r'download="([a-z0-9-]+\.docx)"')


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = create_app(tmp_path_factory.mktemp("fix-web") / "data", max_request_bytes=64 * 1024, max_upload_bytes=512 * 1024)
    yield app
    app_database(app).dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return in_order(tmp_path_factory.mktemp("fix-web-doc") / "Báo cáo sơ kết.docx")


def token(client: FlaskClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/fix").text)
    assert found
    return found.group(1)


def post(client: FlaskClient, data: bytes, filename: str, **fields: str) -> tuple[int, str]:
    form = {"csrf_token": token(client), "outline": OUTLINE, "file": (io.BytesIO(data), filename), **fields}
    response = client.post("/fix", data=form, content_type="multipart/form-data")
    return response.status_code, response.text


def downloaded(page: str, folder: Path) -> Path:
    found = DATA_URL.search(page)
    assert found, page[:2000]
    path = folder / found.group(2)
    path.write_bytes(base64.b64decode(found.group(1)))
    return path


def test_the_page_offers_the_upload_and_is_linked_from_the_main_page(client: FlaskClient) -> None:
    page = client.get("/fix")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert 'name="file"' in page.text and 'accept=".docx,.doc,.odt,.rtf"' in page.text and 'name="force"' in page.text
    assert f'value="{OUTLINE}"' in page.text and "Tệp tải lên không được lưu lại trên máy chủ." in page.text
    assert 'href="/fix">Chuẩn hóa thể thức</a>' in client.get("/").text


def test_a_handwritten_report_comes_back_compliant_with_every_word(client: FlaskClient, handmade: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    before = format_codes(handmade)
    assert {"format-font", "format-page-size", "format-date-style", "format-title-rule"} <= before
    private = tmp_path / "server-tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    status, page = post(client, handmade.read_bytes(), handmade.name)
    assert status == 200, page
    assert list(private.iterdir()) == []  # nothing of the upload stays on the server
    fixed = downloaded(page, tmp_path)
    assert fixed.name == "bao-cao-so-ket-chuan-hoa.docx"
    assert format_codes(fixed) == set()
    assert not [w for w in words(handmade) if w not in words(fixed)]
    rows = re.findall(r"<tr><td>(.+?) <code>\((format-[a-z-]+)\)</code></td><td>(\d+)</td><td>(.+?)</td></tr>", page)
    assert {code for _, code, _, _ in rows} == before
    assert all(outcome == "đã sửa" for _, _, _, outcome in rows)
    assert ("Đường kẻ dưới tiêu đề", "format-title-rule") in {(title, code) for title, code, _, _ in rows}
    assert "Còn lại trong bản chuẩn hóa" not in page


def test_an_uncertain_structure_is_refused_with_its_reasons_then_forced(client: FlaskClient, tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("Một vài ghi chép", "Tình hình chung của xã trong năm qua ổn định.", "Đã kiểm tra."):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    status, page = post(client, buffer.getvalue(), "ghi-chep.docx")
    assert status == 422
    assert "Chưa chuẩn hóa “ghi-chep.docx”" in page and "không nhận ra tên loại văn bản" in page
    assert "không nhận ra họ tên người ký" in page and not DATA_URL.search(page)
    status, page = post(client, buffer.getvalue(), "ghi-chep.docx", force="1")
    assert status == 200, page
    fixed = docx.Document(str(downloaded(page, tmp_path)))
    assert "Tình hình chung của xã trong năm qua ổn định." in " ".join(p.text for p in fixed.paragraphs)


@pytest.mark.slow
def test_an_odt_report_is_fixed_through_libreoffice(client: FlaskClient, handmade: Path, tmp_path: Path) -> None:
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("needs LibreOffice")
    folder = tmp_path / "odt"
    folder.mkdir()
    copy = folder / "bao-cao.docx"
    copy.write_bytes(handmade.read_bytes())
    [made] = office.convert([copy], target="odt")
    assert made is not None
    status, page = post(client, made.read_bytes(), "Báo cáo.odt")
    assert status == 200, page
    fixed = downloaded(page, tmp_path)
    assert fixed.name == "bao-cao-chuan-hoa.docx" and format_codes(fixed) == set()
    assert not [w for w in words(handmade) if w not in words(fixed)]


@pytest.mark.parametrize("data,filename,outline,reason", [
    (b"", "", OUTLINE, NO_FILE),
    (b"PK\x03\x04", "bao-cao.pages", OUTLINE, NOT_DOCX),
    (b"khong phai word", "bao-cao.docx", OUTLINE, "không phải tệp .docx (Word 2007 trở lên). (not-docx)"),
    (b"khong phai word", "bao-cao.docx", "khong-co-de-cuong", "khong-co-de-cuong"),
])
def test_a_bad_upload_is_refused_in_vietnamese(client: FlaskClient, data: bytes, filename: str, outline: str, reason: str) -> None:
    form = {"csrf_token": token(client), "outline": outline, "file": (io.BytesIO(data), filename)}
    response = client.post("/fix", data=form, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Không chuẩn hóa được tệp:" in response.text and reason in response.text
    assert "Traceback" not in response.text


def test_an_upload_over_the_size_cap_or_without_the_csrf_token_is_refused(client: FlaskClient, handmade: Path) -> None:
    form = {"csrf_token": token(client), "outline": OUTLINE, "file": (io.BytesIO(b"x" * 600 * 1024), "lon.docx")}
    assert client.post("/fix", data=form, content_type="multipart/form-data").status_code == 413
    form = {"outline": OUTLINE, "file": (io.BytesIO(handmade.read_bytes()), "bao-cao.docx")}
    response = client.post("/fix", data=form, content_type="multipart/form-data")
    assert response.status_code == 400 and csrf.REFUSED in response.text
