"""The guidance document in the round-creation flow, through the pages: upload, the tree with the
import's notes, a refused edit that keeps what was typed, a saved edit, a round made from it, and
the secretary's form in that outline."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from guidance_docs import seed_000_docx
from test_rounds_web import make_world, sign_in

from docgen.service import outlines, rounds
from docgen.service.clock import utc_now
from docgen.service.documents import docx_of
from docgen.storage.accounts import User

RENAMED = "Việc thực hiện các nhiệm vụ và giải pháp chủ yếu"
GUIDANCE_START = "Đánh giá kết quả thực hiện căn cứ vào nội dung của Nghị quyết số 21-NQ/TW"


def _upload(client: FlaskClient, token: str, path: Path, name: str) -> tuple[int, str, str]:
    with path.open("rb") as handle:
        response = client.post("/rounds/outlines", data={"csrf_token": token, "guidance": (handle, name)}, content_type="multipart/form-data")
    return response.status_code, response.headers.get("Location", ""), response.text


def _form_of(page: str) -> dict[str, str]:
    """The review form as the browser would send it untouched: every text input and every checked box."""
    form = {m.group(1): html.unescape(m.group(2)) for m in re.finditer(r'<input[^>]*name="([^"]+)" value="([^"]*)"', page)
            if not m.group(1).startswith(("required.", "remove."))}
    for match in re.finditer(r'<input type="checkbox" name="([^"]+)" value="1" checked>', page):
        form[match.group(1)] = "1"
    return form


def test_guidance_to_round_through_the_pages(tmp_path: Path) -> None:
    app, _ = make_world(tmp_path / "data")
    admin, token = sign_in(app, "admin")
    assert "Lấy đề cương từ văn bản hướng dẫn" in admin.get("/rounds/new").text
    status, location, _ = _upload(admin, token, seed_000_docx(tmp_path / "hd.docx"), "Hướng dẫn 103.docx")
    assert status == 302 and re.fullmatch(r"/rounds/outlines/\d+", location), location
    page = admin.get(location).text
    assert "Xem lại đề cương" in page and "Nhập từ “Hướng dẫn 103.docx”" in page
    assert 'value="NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"' in page and "Chương trình chưa tự quyết được 7 chỗ" in page
    assert page.count('class="outline-note"') == 7 and "Cần xem lại (dòng" in page and "không in đậm" in page
    assert GUIDANCE_START in page

    form = _form_of(page)
    assert form["required.viec-thuc-hien-cac-nhiem-vu"] == "1" and "required.viec-to-chuc-nghien-cuu-hoc" not in form
    bad = {**form, "title.viec-thuc-hien-cac-nhiem-vu": "  "}
    refused = admin.post(location, data=bad)
    assert refused.status_code == 400 and "Chưa lưu được đề cương" in refused.text and "[II.2] Mục thiếu tiêu đề." in refused.text
    assert 'value="NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"' in refused.text and "outline-missing-title" in refused.text

    edited = {**form, "title.viec-thuc-hien-cac-nhiem-vu": RENAMED}
    del edited["required.ve-tang-cuong-su-lanh-dao"]
    saved = admin.post(location, data=edited)
    stored = location.rsplit("/", 1)[1]
    assert saved.status_code == 302 and saved.headers["Location"].endswith(f"/rounds/new?outline=stored:{stored}")
    new_page = admin.get(saved.headers["Location"]).text
    assert f'value="stored:{stored}" selected' in new_page and "(từ “Hướng dẫn 103.docx”)" in new_page

    with (tmp_path / "data" / "don-vi.csv").open("rb") as table:
        made = admin.post("/rounds/new", data={"csrf_token": token, "title": "Sơ kết theo hướng dẫn", "outline": f"stored:{stored}",
                                               "deadline": "15/12/2026", "codes": "A1", "units_table": (table, "don-vi.csv")},
                          content_type="multipart/form-data")
    assert made.status_code == 302, made.text
    dashboard = admin.get(made.headers["Location"]).text
    assert RENAMED in dashboard  # the completeness matrix has the imported outline's columns
    assert "không sửa được nữa" in admin.get(location).text  # in use: read only

    report = re.search(r'href="/reports/(\d+)"', dashboard)
    assert report
    secretary, _ = sign_in(app, "thu-ky-a1")
    form_page = secretary.get(f"/reports/{report.group(1)}").text
    assert "Nộp báo cáo" in form_page and f'<span class="number">2.</span> {RENAMED}' in form_page and GUIDANCE_START in form_page
    assert "Về tăng cường sự lãnh đạo, chỉ đạo của cấp ủy" in form_page


def test_bad_guidance_is_a_message_and_nothing_is_made(tmp_path: Path) -> None:
    app: Flask
    app, _ = make_world(tmp_path / "data")
    admin, token = sign_in(app, "admin")
    letter = tmp_path / "cong-van.txt"
    letter.write_text("Kính gửi các đơn vị.\nĐề nghị gửi báo cáo đúng hạn.\n", encoding="utf-8")
    status, _, text = _upload(admin, token, letter, "cong-van.txt")
    assert status == 400 and "Chưa nhập được đề cương" in text and "Không tìm thấy đề cương trong văn bản" in text
    status, _, text = _upload(admin, token, letter, "bang.xlsx")
    assert status == 400 and "Văn bản hướng dẫn phải là tệp .docx, .pdf hoặc .txt." in text
    missing = admin.post("/rounds/outlines", data={"csrf_token": token}, content_type="multipart/form-data")
    assert missing.status_code == 400 and "Hãy chọn tệp văn bản hướng dẫn" in missing.text
    assert admin.get("/rounds/new").text.count('href="/rounds/outlines/') == 1  # only the one the world was made with


def test_a_word_report_uploaded_in_a_round_of_an_imported_outline_is_read_in_that_outline(tmp_path: Path) -> None:
    app, ids = make_world(tmp_path / "data")
    table = tmp_path / "data" / "don-vi.csv"
    with app.extensions["docgen_database"].write() as db:
        admin = db.get(User, ids["admin"])
        assert admin is not None
        stored = outlines.import_guidance(db, admin, seed_000_docx(tmp_path / "hd.docx").read_bytes(), "hd.docx", utc_now())
        spec = rounds.RoundSpec("Theo hướng dẫn", "", "15/12/2026", units_table=table, codes=("A1",), stored_outline=stored.id)
        made, _ = rounds.create_round(db, spec, admin, utc_now())
        report_id, outline = made.reports[0].id, outlines.outline_of(stored)
        written = made.reports[0].content + ("sections:\n  ve-tang-cuong-su-lanh-dao: Cấp ủy các cấp đã ban hành 12 văn bản chỉ đạo.\n"
                                             "  tang-cuong-hop-tac-quoc-te: Chưa phát sinh.\n")
    word = docx_of(written, "viet-tay.yaml", outline)  # the unit's report as Word, in the imported outline
    secretary, token = sign_in(app, "thu-ky-a1")
    uploaded = secretary.post(f"/reports/{report_id}/upload", data={"csrf_token": token, "file": (io.BytesIO(word), "bao-cao.docx")},
                              content_type="multipart/form-data")
    assert uploaded.status_code == 302, uploaded.text
    page = secretary.get(f"/reports/{report_id}").text
    assert re.search(r'id="f-sections-ve-tang-cuong-su-lanh-dao"[^>]*>Cấp ủy các cấp đã ban hành 12 văn bản chỉ đạo.</textarea>', page), page[:300]
    assert "Chưa phát sinh." in page and "Đã đọc “bao-cao.docx” vào báo cáo" in page
