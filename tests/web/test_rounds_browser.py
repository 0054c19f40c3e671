"""A reporting round end to end in a real browser (Debian's chromium through Playwright): the
administrator creates a round for three units, two secretaries in their own browser contexts sign
in and fill their reports, one submits late, one is returned with a comment, corrects and submits
again, the reviewer accepts; the dashboard's figures, the .zip of documents and the roll-up.

Screenshots of the dashboard and the secretary's page at 1366×768 and 390×844 go to
/tmp/docgen-web-screens; the test measures that nothing on them is wider than the viewport.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from test_web_browser import ARGS, CHROMIUM, SHOTS, expect, sync_playwright
from werkzeug.serving import make_server

from docgen.service import accounts
from docgen.service.clock import utc_now
from docgen.storage.accounts import ADMIN, REVIEWER
from docgen.web import create_app

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
UNITS_CSV = ("code,name,organ_parent,organ,place\n"
             "A1,Phường Xuân Hương - Đà Lạt,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT,Xuân Hương - Đà Lạt\n"
             "B2,Xã Đạ Huoai,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY XÃ ĐẠ HUOAI,Đạ Huoai\n"
             "C3,Phường Bảo Lộc 1,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY PHƯỜNG BẢO LỘC 1,Bảo Lộc\n")
WIDER_THAN_VIEWPORT = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".table-scroll") && !el.classList.contains("table-scroll")) continue;  // tables scroll inside their own box
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1)) wide.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + el.className);
  }
  return {page: document.documentElement.scrollWidth, width, wide: wide.slice(0, 10)};
}"""


@pytest.fixture
def world(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """A server on loopback with an administrator, a reviewer and a secretary account per unit (one-time passwords)."""
    app = create_app(tmp_path / "data")
    now = utc_now()
    with app.extensions["docgen_database"].write() as db:
        accounts.create_user(db, "admin", ADMIN, now, password="mat-khau-quan-tri", display_name="Văn phòng Tỉnh ủy")
        accounts.create_user(db, "duyet", REVIEWER, now, password="mat-khau-duyet-1", display_name="Ban Tuyên giáo")
        from docgen.bulk.units import load_units

        table = tmp_path / "don-vi.csv"
        table.write_text(UNITS_CSV, encoding="utf-8")
        issued = {i.user.unit_code: (i.user.username, i.password) for i in accounts.import_secretaries(db, load_units(table)[0], now)}
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{httpd.server_port}", "table": table, "secretaries": issued}
    httpd.shutdown()


@pytest.fixture
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


def context(browser: Any, width: int = 1366, height: int = 768) -> Any:
    made = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True, locale="vi-VN")
    return made.new_page()


def sign_in(page: Any, url: str, username: str, password: str) -> None:
    page.goto(url + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", password)
    page.get_by_role("button", name="Đăng nhập").click()


def first_sign_in(page: Any, url: str, username: str, one_time: str) -> None:
    sign_in(page, url, username, one_time)
    page.wait_for_url("**/password")
    page.fill("#current", one_time)
    page.fill("#new", "mat-khau-rieng-1")
    page.fill("#repeat", "mat-khau-rieng-1")
    page.get_by_role("button", name="Đổi mật khẩu").click()
    page.wait_for_url("**/rounds")


def open_report(page: Any) -> None:
    page.locator("#own-reports a").first.click()
    page.wait_for_selector("#report-status")


def edit_and_wait(page: Any, selector: str, text: str) -> None:
    """Type, and wait for the autosave of a new version."""
    before = page.inner_text("#save-status")
    page.fill(selector, text)
    expect(page.locator("#save-status")).not_to_have_text(before)
    expect(page.locator("#save-status")).to_have_text(re.compile(r"^Đã lưu phiên bản \d+"))


def check_layout(page: Any, name: str) -> None:
    """The screenshot, and nothing wider than the viewport (tables scroll inside their own box)."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    measured = page.evaluate(WIDER_THAN_VIEWPORT)
    assert measured["page"] <= measured["width"] and not measured["wide"], (name, measured)


def figures(page: Any) -> dict[str, str]:
    labels = page.locator(".figure-label").all_inner_texts()
    counts = page.locator(".figure-count").all_inner_texts()
    return dict(zip(labels, counts, strict=True))


def test_a_round_through_the_browser(browser: Any, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    url, secretaries = world["url"], world["secretaries"]
    deadline = utc_now().date() + dt.timedelta(days=10)

    admin = context(browser)
    sign_in(admin, url, "admin", "mat-khau-quan-tri")
    admin.get_by_role("link", name="Tạo đợt báo cáo").click()
    admin.fill("#title", "Sơ kết 05 năm Nghị quyết 21")
    admin.select_option("#outline", "bao-cao-so-ket-nq21")
    admin.fill("#deadline", deadline.strftime("%d/%m/%Y"))
    admin.set_input_files("#units-table", str(world["table"]))
    admin.set_input_files("#base", str(ROOT / "content" / "phuong-mau-party.yaml"))
    admin.get_by_label("Ban Tuyên giáo").check()
    admin.get_by_role("button", name="Tạo đợt báo cáo").click()
    admin.wait_for_selector("#figures")
    assert figures(admin)["Dự kiến"] == "3"

    first = context(browser)
    first_sign_in(first, url, *secretaries["A1"])
    open_report(first)
    assert first.input_value("#f-organ-name") == "ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT"
    edit_and_wait(first, "#f-number", "21-BC/ĐU")
    first.get_by_role("button", name="Nộp báo cáo").click()
    first.wait_for_selector(".flash-ok")
    assert first.inner_text("#report-status") == "đã nộp"

    second = context(browser)
    first_sign_in(second, url, *secretaries["B2"])
    open_report(second)
    edit_and_wait(second, "#f-number", "07-BC/ĐU")
    late = dt.datetime.combine(deadline + dt.timedelta(days=2), dt.time(9), dt.UTC)
    monkeypatch.setattr("docgen.web.reports.utc_now", lambda: late)  # the server runs in this process: its clock, two days past the deadline
    second.get_by_role("button", name="Nộp báo cáo").click()
    second.wait_for_selector(".flash-ok")
    monkeypatch.undo()

    reviewer = context(browser)
    sign_in(reviewer, url, "duyet", "mat-khau-duyet-1")
    reviewer.get_by_role("link", name="Sơ kết 05 năm Nghị quyết 21").click()
    reviewer.get_by_role("link", name="Phường Xuân Hương - Đà Lạt").click()
    reviewer.fill("#comment-quan-triet", "Bổ sung kết quả quán triệt trong năm 2025.")
    reviewer.get_by_role("button", name="Trả lại để sửa").click()
    reviewer.wait_for_selector(".flash-ok")

    first.reload()
    assert "Bổ sung kết quả quán triệt trong năm 2025." in first.inner_text("#returned")
    assert first.inner_text("#report-status") == "trả lại"
    edit_and_wait(first, "#f-sections-quan-triet", "Ban Thường vụ Đảng ủy phường đã quán triệt Nghị quyết đến 100% chi bộ trong năm 2025.")
    check_layout(first, "20-thu-ky-1366")
    first.set_viewport_size({"width": 390, "height": 844})
    check_layout(first, "21-thu-ky-390")
    first.get_by_role("button", name="Nộp báo cáo").click()
    first.wait_for_selector(".flash-ok")

    reviewer.reload()
    reviewer.get_by_role("button", name="Duyệt").click()
    reviewer.wait_for_selector(".flash-ok")
    reviewer.get_by_role("link", name="Bảng theo dõi đợt").click()
    shown = figures(reviewer)
    assert (shown["Dự kiến"], shown["Đã nộp"], shown["Đúng hạn"], shown["Trễ hạn"], shown["Đã duyệt"]) == ("3", "2", "1", "1", "1")
    assert reviewer.locator("#units tbody tr").all_inner_texts()[0].startswith("Phường Bảo Lộc 1")
    check_layout(reviewer, "22-bang-theo-doi-1366")
    reviewer.set_viewport_size({"width": 390, "height": 844})
    check_layout(reviewer, "23-bang-theo-doi-390")
    reviewer.set_viewport_size({"width": 1366, "height": 768})

    with reviewer.expect_download() as got:
        reviewer.get_by_role("link", name="Văn bản các đơn vị (.zip)").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(got.value.path()).read_bytes()))
    docx = sorted(n for n in archive.namelist() if n.endswith(".docx"))
    assert docx == ["phuong-bao-loc-1-C3.docx", "phuong-xuan-huong-da-lat-A1.docx", "xa-da-huoai-B2.docx"]
    document = Document(io.BytesIO(archive.read("phuong-xuan-huong-da-lat-A1.docx")))
    header = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Số 21-BC/ĐU" in header and "ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT" in header
    assert "đến 100% chi bộ trong năm 2025" in "\n".join(p.text for p in document.paragraphs)

    reviewer.get_by_role("link", name="Xã Đạ Huoai").click()
    reviewer.get_by_role("button", name="Duyệt").click()
    reviewer.wait_for_selector(".flash-ok")
    reviewer.get_by_role("link", name="Bảng theo dõi đợt").click()
    with reviewer.expect_download() as got:
        reviewer.get_by_role("link", name="Tổng hợp báo cáo đã duyệt (.zip)").click()
    rollup = zipfile.ZipFile(io.BytesIO(Path(got.value.path()).read_bytes()))
    draft = "\n".join(p.text for p in Document(io.BytesIO(rollup.read("bao-cao-tong-hop.docx"))).paragraphs)
    assert "Xuân Hương - Đà Lạt" in draft and "Đạ Huoai" in draft and "Bảo Lộc" not in draft
