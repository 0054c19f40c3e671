from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from flask.testing import FlaskClient
from samples import PROJECT_ROOT

from docgen import cli
from docgen.pipeline import load, render_loaded
from docgen.web import create_app, service
from docgen.web.app import app_database

NQ21 = "bao-cao-so-ket-nq21"
JSON = {"Accept": "application/json"}
DUC_TRONG = PROJECT_ROOT / "content" / "duc-trong.yaml"


def save(client: FlaskClient, token: str, draft: int, base: int, **fields: str) -> tuple[int, dict]:
    data = {"csrf_token": token, "base_version": str(base), **{k.replace("__", "."): v for k, v in fields.items()}}
    response = client.post(f"/drafts/{draft}", data=data, headers=JSON)
    return response.status_code, response.get_json()


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_index_is_vietnamese_and_lists_the_bundled_outlines(client: FlaskClient) -> None:
    page = client.get("/").text
    assert "Tạo bản nháp mới" in page and 'lang="vi"' in page
    assert NQ21 in page and "ke-hoach-thuc-hien-nq-hdnd" in page


def test_form_follows_the_outline_with_numbers_and_guidance(client: FlaskClient, new_draft: Callable[..., int]) -> None:
    page = client.get(f"/drafts/{new_draft()}").text
    outline = service.outline_for(NQ21)
    positions = [page.index(f'name="sections.{s.id}"') for s in outline.walk()]
    assert positions == sorted(positions)
    assert page.index('name="organ.name"') < positions[0] < page.index('name="signer.name"')
    section = outline.find("ket-qua-nhiem-vu")
    assert section is not None and section.guidance
    assert f'<span class="number">{section.number}</span> {section.title}' in page
    assert section.guidance[0][:40] in page


def test_save_returns_the_new_version_and_findings_linked_to_fields(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    status, before = save(client, token, draft, 1)
    assert status == 200
    codes = {(f["code"], f["field"]) for f in before["findings"]}
    assert ("missing-metadata", "f-organ-name") in codes
    assert ("missing-section", "f-sections-phuong-huong") in codes
    status, after = save(client, token, draft, 1, organ__name="HUYỆN ỦY ĐỨC TRỌNG", **{"sections.phuong-huong": "Tiếp tục."})
    assert status == 200 and after["version"] == 2
    fields = {f["field"] for f in after["findings"]}
    assert "f-organ-name" not in fields and "f-sections-phuong-huong" not in fields
    finding = next(f for f in after["findings"] if f["code"] == "missing-metadata")
    assert finding["label"] == "lỗi" and finding["message"].startswith("Thiếu ")


def test_saved_text_comes_back_on_reload(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    save(client, token, draft, 1, **{"sections.han-che": "Dòng một\n- ý thứ hai"})
    page = client.get(f"/drafts/{draft}").text
    assert "Dòng một\n- ý thứ hai</textarea>" in page
    assert 'id="base-version" value="2"' in page


def test_stale_save_is_refused_with_a_vietnamese_message(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    assert save(client, token, draft, 1, place="Đức Trọng")[0] == 200
    status, body = save(client, token, draft, 1, place="Tab khác")
    assert status == 409 and body["version"] == 2
    assert "đã được sửa ở một thẻ hoặc cửa sổ khác" in body["error"]
    assert "Đức Trọng" in client.get(f"/drafts/{draft}/download.yaml").text


def test_a_field_not_sent_is_left_unchanged(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    save(client, token, draft, 1, place="Đức Trọng")
    save(client, token, draft, 2, number="184-BC/HU")
    text = client.get(f"/drafts/{draft}/download.yaml").text
    assert "place: Đức Trọng" in text and "number: 184-BC/HU" in text


@pytest.mark.parametrize("sent", [None, "wrong-token"])
def test_post_without_the_csrf_token_is_refused(client: FlaskClient, token: str, new_draft: Callable[..., int], sent: str | None) -> None:
    draft = new_draft()
    data = {"base_version": "1", "place": "Kẻ gian"} | ({"csrf_token": sent} if sent else {})
    response = client.post(f"/drafts/{draft}", data=data)
    assert response.status_code == 400
    assert "thiếu mã bảo mật" in response.text
    assert "Kẻ gian" not in client.get(f"/drafts/{draft}/download.yaml").text
    assert client.post("/drafts", data={"outline": NQ21}).status_code == 400


def test_request_too_large_is_refused_and_the_server_keeps_serving(client: FlaskClient, token: str) -> None:
    big = io.BytesIO(b"a" * (300 * 1024))
    response = client.post("/drafts/upload", data={"csrf_token": token, "file": (big, "x.yaml")}, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "quá lớn" in response.text
    assert client.get("/").status_code == 200


def test_a_document_upload_may_be_larger_than_a_form_up_to_its_own_limit(tmp_path: Path) -> None:
    """A unit's report or guidance PDF runs to a few MB: the routes taking a document accept more than a
    form, the rest keep the form's limit, and each refusal names the limit that applies."""
    app = create_app(tmp_path / "data", max_request_bytes=64 * 1024, max_upload_bytes=256 * 1024)
    try:
        client = app.test_client()
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/fix").text).group(1)  # type: ignore[union-attr]

        def post(route: str, size: int) -> Any:
            data = {"csrf_token": csrf_token, "outline": NQ21, "file": (io.BytesIO(b"x" * size), "bao-cao.docx")}
            return client.post(route, data=data, content_type="multipart/form-data")

        read = post("/fix", 200 * 1024)  # past the form's limit: the document reaches the reader, which refuses it as not a .docx
        assert read.status_code == 400 and "quá lớn" not in read.text
        too_large = post("/fix", 400 * 1024)  # beyond the limit and the form fields' allowance
        assert too_large.status_code == 413 and "giới hạn là 0,25 MB" in too_large.text
        form = post("/drafts/upload", 100 * 1024)
        assert form.status_code == 413 and "giới hạn là 0,0625 MB" in form.text
    finally:
        app_database(app).dispose()


def test_values_are_escaped_in_the_page_and_written_literally_in_the_docx(
        client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    evil = '<script>alert("x")</script> & “ngoặc”'
    draft = new_draft(unit=evil)
    save(client, token, draft, 1, **{"sections.han-che": evil})
    page = client.get(f"/drafts/{draft}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; “ngoặc”" in page
    assert evil in docx_text(client.get(f"/drafts/{draft}/download.docx").data)
    assert "<script>" not in client.get("/").text.split("</head>")[1]


def test_docx_is_the_same_bytes_the_cli_builds_from_the_downloaded_yaml(
        client: FlaskClient, token: str, new_draft: Callable[..., int], tmp_path: Path) -> None:
    draft = new_draft()
    save(client, token, draft, 1, organ__name="HUYỆN ỦY ĐỨC TRỌNG", place="Đức Trọng", date="05/08/2022",
         **{"sections.han-che": "Còn hạn chế.\n- Một ý", "recipients": "Ban TG Tỉnh ủy\nLưu VP/HU"})
    response = client.get(f"/drafts/{draft}/download.docx")
    assert response.headers["Content-Disposition"] == 'attachment; filename="huyen-duc-trong.docx"'
    content = tmp_path / "ban-nhap.yaml"
    content.write_bytes(client.get(f"/drafts/{draft}/download.yaml").data)
    assert cli.main(["build", str(content), "-o", str(tmp_path / "cli.docx")]) == 1  # findings remain (exit 1); built anyway
    assert (tmp_path / "cli.docx").read_bytes() == response.data
    assert "Còn hạn chế." in docx_text(response.data)


def test_uploaded_yaml_continues_as_a_draft_that_renders_like_the_original(client: FlaskClient, token: str) -> None:
    upload = {"csrf_token": token, "file": (io.BytesIO(DUC_TRONG.read_bytes()), "duc-trong.yaml")}
    response = client.post("/drafts/upload", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302
    draft = response.headers["Location"].rsplit("/", 1)[1]
    assert "Huyện Đức Trọng" in client.get(f"/drafts/{draft}").text
    assert client.get(f"/drafts/{draft}/download.docx").data == render_loaded(load(DUC_TRONG))


def test_uploaded_docx_goes_through_the_import_path(client: FlaskClient, token: str) -> None:
    report = render_loaded(load(DUC_TRONG))
    upload = {"csrf_token": token, "outline": NQ21, "file": (io.BytesIO(report), "bao-cao.docx")}
    response = client.post("/drafts/upload", data=upload, content_type="multipart/form-data")
    assert response.status_code == 302, response.text
    page = client.get(response.headers["Location"]).text
    assert "HUYỆN ỦY ĐỨC TRỌNG" in page and "Tải lên" not in page


@pytest.mark.parametrize(("name", "data", "message"), [
    ("a.yaml", "outline: [", "Lỗi cú pháp YAML"),
    ("a.yaml", "outline: ../../etc/passwd\n", "Không tìm thấy đề cương “../../etc/passwd”"),
    ("a.yaml", "\xff\xfe", "mã hóa UTF-8"),
    ("a.docx", "not a zip", "không phải tệp .docx"),
    ("a.exe", "x", "Hãy chọn một tệp nội dung .yaml"),
])
def test_bad_uploads_are_explained(client: FlaskClient, token: str, name: str, data: str, message: str) -> None:
    raw = data.encode("latin-1") if name == "a.yaml" and data.startswith("\xff") else data.encode()
    upload = {"csrf_token": token, "outline": NQ21, "file": (io.BytesIO(raw), name)}
    response = client.post("/drafts/upload", data=upload, content_type="multipart/form-data")
    assert response.status_code == 400
    assert message in response.text
    assert "Traceback" not in response.text


def test_history_view_and_restore(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    save(client, token, draft, 1, place="Lần một")
    save(client, token, draft, 2, place="Lần hai")
    history = client.get(f"/drafts/{draft}/history").text
    assert "Tạo mới" in history and "Tự động lưu" in history and "3 (hiện tại)" in history
    assert "place: Lần một" in client.get(f"/drafts/{draft}/versions/2").text
    response = client.post(f"/drafts/{draft}/versions/2/restore", data={"csrf_token": token, "base_version": "3"})
    assert response.status_code == 302
    assert "place: Lần một" in client.get(f"/drafts/{draft}/download.yaml").text
    stale = client.post(f"/drafts/{draft}/versions/1/restore", data={"csrf_token": token, "base_version": "3"})
    assert stale.status_code == 302 and "history" in stale.headers["Location"]
    assert "place: Lần một" in client.get(f"/drafts/{draft}/download.yaml").text


def test_pdf_without_libreoffice_says_so(client: FlaskClient, new_draft: Callable[..., int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "office_binary", lambda: None)
    draft = new_draft()
    assert "máy chủ chưa cài LibreOffice" in client.get(f"/drafts/{draft}").text
    response = client.get(f"/drafts/{draft}/download.pdf")
    assert response.status_code == 503 and "chưa cài LibreOffice" in response.text


@pytest.mark.skipif(not service.pdf_available(), reason="LibreOffice is not installed")
def test_pdf_download(client: FlaskClient, new_draft: Callable[..., int]) -> None:
    response = client.get(f"/drafts/{new_draft()}/download.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_a_failing_request_gets_a_vietnamese_page_and_the_server_keeps_serving(
        client: FlaskClient, new_draft: Callable[..., int], monkeypatch: pytest.MonkeyPatch) -> None:
    draft = new_draft()

    def broken(content: str, name: str) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(service, "docx_bytes", broken)
    response = client.get(f"/drafts/{draft}/download.docx")
    assert response.status_code == 500
    assert "lỗi ngoài dự kiến" in response.text and "boom" not in response.text and "Traceback" not in response.text
    assert client.get(f"/drafts/{draft}").status_code == 200


def test_unknown_pages_and_drafts(client: FlaskClient, token: str) -> None:
    assert client.get("/drafts/999").status_code == 404
    assert "Không tìm thấy" in client.get("/nope").text
    assert client.post("/drafts/999", data={"csrf_token": token, "base_version": "1"}).status_code == 404
    response = client.post("/drafts", data={"csrf_token": token, "outline": "../x"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_security_headers(client: FlaskClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
