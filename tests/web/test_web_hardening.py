"""Hardening of the web app: upload bombs refused by the bounded readers, the Host header,
cache and server headers, ids out of range, a retried save (on both backends)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from docgen.read.docxpackage import MAX_XML_PART_BYTES

NQ21 = "bao-cao-so-ket-nq21"


def alias_bomb(levels: int = 9) -> bytes:
    """349 bytes of YAML whose aliases, expanded, would be 10^levels strings."""
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]")
    return ("outline: bao-cao-so-ket-nq21\n" + "\n".join(lines) + "\n").encode()


def docx_bomb() -> bytes:
    """A small .docx whose word/document.xml unpacks to more than the reader's limit for one part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        with package.open("word/document.xml", "w") as part:
            paragraph = b"<w:p><w:r><w:t>" + b"Lorem ipsum " * 80 + b"</w:t></w:r></w:p>"
            part.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(MAX_XML_PART_BYTES // len(paragraph) + 10):
                part.write(paragraph)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def _upload(client: FlaskClient, token: str, data: bytes, name: str) -> tuple[int, str, int]:
    """Status, page text and the peak of memory allocated while the request ran."""
    tracemalloc.start()
    response = client.post("/drafts/upload", data={"csrf_token": token, "outline": NQ21, "file": (io.BytesIO(data), name)},
                           content_type="multipart/form-data")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return response.status_code, response.text, peak


def test_a_yaml_alias_bomb_is_refused_with_little_memory(client: FlaskClient, token: str) -> None:
    bomb = alias_bomb()
    assert len(bomb) < 1024
    status, text, peak = _upload(client, token, bomb, "bom.yaml")
    assert status == 400 and "tham chiếu" in text
    assert peak < 20 * 1024 * 1024, peak


def test_a_docx_bomb_is_refused_with_little_memory(client: FlaskClient, token: str) -> None:
    bomb = docx_bomb()
    assert len(bomb) < 200 * 1024
    status, text, peak = _upload(client, token, bomb, "bao-cao.docx")
    assert status == 400 and "giới hạn" in text
    assert peak < 20 * 1024 * 1024, peak
    assert client.get("/").status_code == 200


def test_a_foreign_host_header_is_refused_in_vietnamese(client: FlaskClient) -> None:
    refused = client.get("/", headers={"Host": "rebind.attacker.example"})
    assert refused.status_code == 400 and "không phục vụ tên “rebind.attacker.example”" in refused.text
    for host in ("127.0.0.1:8000", "localhost", "[::1]:8000"):
        assert client.get("/healthz", headers={"Host": host}).status_code == 200, host


def test_allowed_hosts_with_a_domain_suffix(app: Flask) -> None:
    app.config["DOCGEN_ALLOWED_HOSTS"] = ("127.0.0.1", ".tinh.gov.vn")
    client = app.test_client()
    assert client.get("/healthz", headers={"Host": "docgen.tinh.gov.vn"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "tinh.gov.vn:443"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "eviltinh.gov.vn"}).status_code == 400


def test_pages_and_downloads_are_not_cached_static_files_may_be(client: FlaskClient, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    for path in ("/", f"/drafts/{draft}", f"/drafts/{draft}/download.docx", f"/drafts/{draft}/download.yaml", f"/drafts/{draft}/history"):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store", path
        assert "Server" not in response.headers
    assert client.get("/static/app.css").headers.get("Cache-Control") != "no-store"


@pytest.mark.parametrize("path", ["/drafts/99999999999999999999999", "/drafts/2147483648/history",
                                  "/drafts/1/versions/99999999999999999999999", "/drafts/99999999999999999999999/download.docx"])
def test_ids_out_of_range_are_404(client: FlaskClient, new_draft: Callable[..., int], path: str) -> None:
    new_draft()
    response = client.get(path)
    assert response.status_code == 404 and "Không tìm thấy" in response.text


def test_a_retried_save_whose_reply_was_lost_is_acknowledged(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    form = {"csrf_token": token, "base_version": "1", "save_id": "7d0c1f5e", "place": "Đức Trọng"}
    first = client.post(f"/drafts/{draft}", data=form, headers={"Accept": "application/json"})
    again = client.post(f"/drafts/{draft}", data=form, headers={"Accept": "application/json"})  # same save, sent again
    assert (first.status_code, again.status_code) == (200, 200)
    assert first.json["version"] == again.json["version"] == 2
    other = client.post(f"/drafts/{draft}", data={**form, "save_id": "another"}, headers={"Accept": "application/json"})
    assert other.status_code == 409  # a different save on the old base is still a conflict
