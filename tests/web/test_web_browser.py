"""End to end in a real browser: Debian's chromium driven by Playwright, against the app on loopback.

Skipped when chromium or playwright is missing, unless CI is set (then they must run).
Screenshots of each step go to /tmp/docgen-web-screens for a person to look at; before each is taken,
the test asserts what it must show (and, for the printed page, what it must not).
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from samples import PROJECT_ROOT
from werkzeug.serving import make_server

from docgen.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path("/tmp/docgen-web-screens")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None  # type: ignore[assignment]

pytestmark = pytest.mark.slow  # a real browser: several seconds per test

if sync_playwright is None or not CHROMIUM.exists():
    if os.environ.get("CI"):
        pytest.fail("CI: the browser tests need /usr/bin/chromium and the playwright package", pytrace=False)
    pytest.skip("chromium or playwright is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(tmp_path_factory.mktemp("web") / "data")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 800}, accept_downloads=True, locale="vi-VN")
    yield context.new_page()
    context.close()


def shot(page: Page, name: str, shows: list[Any], hides: tuple[Any, ...] = (), full: bool = False) -> None:
    """A screenshot for a person to look at, after asserting what it must show: every locator of
    `shows` on screen (in the viewport, or anywhere on the page for a full-page shot), none of
    `hides`; and the image itself drawn, not blank."""
    for locator in shows:
        expect(locator.first).to_be_visible()
        if not full:
            expect(locator.first).to_be_in_viewport()
    for locator in hides:
        expect(locator.first).to_be_hidden()
    SHOTS.mkdir(exist_ok=True)
    image = page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)
    assert _colours(image) > 16, f"{name}: the screenshot is (nearly) blank"


def _colours(png: bytes) -> int:
    """How many distinct colours a screenshot has (a blank or unstyled page has very few)."""
    import matplotlib.image
    import numpy

    pixels = matplotlib.image.imread(io.BytesIO(png), format="png")
    return len(numpy.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0))


def finding_link(page: Page, field: str) -> Any:
    return page.locator(f'#findings a[data-field="{field}"]')


def create_draft(page: Page, server: str, unit: str) -> None:
    page.goto(server + "/")
    page.select_option("#new-outline", "bao-cao-so-ket-nq21")
    page.fill("#new-unit", unit)
    page.get_by_role("button", name="Tạo bản nháp").click()
    expect(page.locator("#draft-title")).to_have_text(unit)


def test_fill_check_reload_and_download(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(server + "/")
    shot(page, "01-trang-chu", [page.get_by_role("heading", name="Tạo bản nháp mới"), page.locator("#new-outline"),
                                page.get_by_role("button", name="Tạo bản nháp")])
    create_draft(page, server, "Huyện Đức Trọng")
    shot(page, "02-ban-nhap-moi", [page.locator("#draft-title"), page.locator("#save-status"), finding_link(page, "f-organ-name")])
    expect(finding_link(page, "f-organ-name")).to_be_visible()
    expect(finding_link(page, "f-sections-phuong-huong")).to_be_visible()

    finding_link(page, "f-sections-phuong-huong").click()
    expect(page.locator("#f-sections-phuong-huong")).to_be_focused()
    page.keyboard.type("Tiếp tục nâng cao chất lượng dân số.\n- Ý thứ nhất")
    page.fill("#f-organ-name", "HUYỆN ỦY ĐỨC TRỌNG")
    expect(finding_link(page, "f-sections-phuong-huong")).to_have_count(0)
    expect(finding_link(page, "f-organ-name")).to_have_count(0)
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản")
    page.locator("#f-recipients").scroll_into_view_if_needed()
    page.locator(".chip", has_text="Lưu VPTU").click()
    expect(page.locator("#f-recipients")).to_have_value("Lưu VPTU")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản")
    shot(page, "03-da-dien-va-luu", [page.locator(".chip", has_text="Lưu VPTU")])

    page.reload()
    expect(page.locator("#f-sections-phuong-huong")).to_have_value("Tiếp tục nâng cao chất lượng dân số.\n- Ý thứ nhất")
    expect(page.locator("#f-organ-name")).to_have_value("HUYỆN ỦY ĐỨC TRỌNG")
    page.evaluate("window.scrollTo(0, 0)")  # the browser restores the scroll position; the shot shows the top
    shot(page, "04-sau-khi-tai-lai", [page.locator("#draft-title"), page.get_by_role("link", name="Tải văn bản .docx")])

    with page.expect_download() as caught:
        page.get_by_role("link", name="Tải văn bản .docx").click()
    target = tmp_path / caught.value.suggested_filename
    caught.value.save_as(target)
    assert target.name == "huyen-duc-trong.docx"
    texts = [p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "Tiếp tục nâng cao chất lượng dân số." in texts
    assert "- Ý thứ nhất" in texts
    assert any("HUYỆN ỦY ĐỨC TRỌNG" in t for t in texts) or "HUYỆN ỦY ĐỨC TRỌNG" in _header_text(target)


def _header_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(cells)


def test_text_typed_just_before_closing_the_tab_is_kept(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    create_draft(page, server, "Phường Một")
    url = page.url
    page.fill("#f-place", "Đà Lạt")  # no time for the debounced save: the pagehide beacon must carry it
    page.close(run_before_unload=True)
    # the closed tab's context stays open while we look: closing it at once could cancel the beacon
    # still in flight, which a real browser (that keeps running) would not do
    fresh = browser.new_context().new_page()
    for _ in range(40):  # the beacon is sent as the tab closes; give the server a moment to store it
        fresh.goto(url)
        if fresh.locator("#f-place").input_value() == "Đà Lạt":
            break
        time.sleep(0.25)
    expect(fresh.locator("#f-place")).to_have_value("Đà Lạt")
    fresh.context.close()
    context.close()


def test_two_tabs_do_not_overwrite_each_other(page: Page, server: str) -> None:
    create_draft(page, server, "Xã Hai Tab")
    other = page.context.new_page()
    other.goto(page.url)
    page.fill("#f-place", "Từ thẻ thứ nhất")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản 2")
    other.fill("#f-place", "Từ thẻ thứ hai")
    expect(other.locator("#conflict")).to_be_visible()
    expect(other.locator("#conflict")).to_contain_text("đã được sửa ở một thẻ hoặc cửa sổ khác")
    shot(other, "05-xung-dot-hai-the", [other.locator("#conflict")])
    page.reload()
    expect(page.locator("#f-place")).to_have_value("Từ thẻ thứ nhất")


def test_upload_a_content_file_and_continue(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.set_input_files("#upload-file", str(PROJECT_ROOT / "content" / "duc-trong.yaml"))
    expect(page.locator("#upload-name")).to_have_text("duc-trong.yaml")
    shot(page, "09-chon-tep", [page.locator("#upload-name"), page.get_by_role("button", name="Tải lên và mở")])
    page.get_by_role("button", name="Tải lên và mở").click()
    expect(page.locator("#draft-title")).to_have_text("Huyện Đức Trọng")
    expect(page.locator("#f-number")).to_have_value("184-BC/HU")
    expect(finding_link(page, "f-sections-hop-tac-quoc-te")).to_be_visible()
    shot(page, "10-tai-len-duc-trong", [page.locator("#draft-title"), finding_link(page, "f-sections-hop-tac-quoc-te")], full=True)


def test_edit_a_table_in_the_browser(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.set_input_files("#upload-file", str(PROJECT_ROOT / "content" / "phuong-mau-party.yaml"))
    page.get_by_role("button", name="Tải lên và mở").click()
    table = page.locator("table.editable").first
    table.scroll_into_view_if_needed()
    rows = table.locator("tbody tr").count()
    page.locator(".add-row").first.click()
    new_row = table.locator("tbody tr").nth(rows)
    new_row.locator("input").nth(0).fill("Chỉ tiêu thêm trong trình duyệt")
    new_row.locator("input").nth(1).fill("42")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản 2")
    shot(page, "11-sua-bang", [new_row.locator("input").nth(0)])
    with page.expect_download() as caught:
        page.get_by_role("link", name="Tải văn bản .docx").click()
    target = tmp_path / "bang.docx"
    caught.value.save_as(target)
    cells = [c.text for t in Document(str(target)).tables for row in t.rows for c in row.cells]
    assert "Chỉ tiêu thêm trong trình duyệt" in cells and "42" in cells


def test_indicators_added_in_the_browser_are_saved_and_linked_to_findings(page: Page, server: str) -> None:
    page.set_viewport_size({"width": 1200, "height": 800})  # a laptop screen
    create_draft(page, server, "Xã Chỉ Tiêu")
    rows = page.locator("table.indicator-table tbody tr")
    expect(rows).to_have_count(0)
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(page.get_by_label("Dòng 1, Mã", exact=True)).to_be_focused()
    for label, value in (("Mã", "dan-so"), ("Chỉ tiêu", "Dân số & mật độ <trung bình>"), ("Giá trị", "186.974"),
                         ("Đơn vị", "người"), ("Năm", "2019")):
        page.get_by_label(f"Dòng 1, {label}", exact=True).fill(value)
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    page.get_by_label("Dòng 2, Mã", exact=True).fill("ty-le-thanh-thi")
    page.get_by_label("Dòng 2, Chỉ tiêu", exact=True).fill("Tỷ lệ dân cư thành thị")
    expect(finding_link(page, "f-indicators-1")).to_be_visible()  # no value yet: the loader's finding, on its row
    expect(page.locator("#f-indicators-1-box")).to_have_class("has-finding")
    shot(page, "12-chi-tieu-thieu-gia-tri", [page.locator("#f-indicators-1-box"), page.get_by_label("Dòng 2, Chỉ tiêu", exact=True)])
    finding_link(page, "f-indicators-1").click()
    expect(page.locator("#f-indicators-1")).to_be_focused()
    page.get_by_label("Dòng 2, Giá trị", exact=True).fill("33,6")
    page.get_by_label("Dòng 2, Đơn vị", exact=True).fill("%")
    page.get_by_label("Dòng 2, Mục tiêu", exact=True).fill("35")
    expect(finding_link(page, "f-indicators-1")).to_have_count(0)
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản")
    page.locator("fieldset.indicators").scroll_into_view_if_needed()
    shot(page, "13-chi-tieu", [page.locator("fieldset.indicators"), page.get_by_label("Dòng 2, Giá trị", exact=True)])

    page.reload()
    expect(rows).to_have_count(2)
    expect(page.get_by_label("Dòng 1, Chỉ tiêu", exact=True)).to_have_value("Dân số & mật độ <trung bình>")
    expect(page.get_by_label("Dòng 1, Giá trị", exact=True)).to_have_value("186.974")
    expect(page.get_by_label("Dòng 2, Giá trị", exact=True)).to_have_value("33,6")
    expect(page.get_by_label("Dòng 2, Mục tiêu", exact=True)).to_have_value("35")


def test_screens_for_a_person(page: Page, server: str) -> None:
    create_draft(page, server, "Ảnh chụp toàn trang")
    shot(page, "06-toan-trang", [page.locator("#draft-title"), page.locator("#save-status"), page.locator("#findings")], full=True)
    page.emulate_media(media="print")  # the page as printed: the form's text without the tools around it
    shot(page, "07-ban-in", [page.locator("#draft-title"), page.locator("#f-organ-name")],
         hides=(page.locator("#save-status"), page.locator("#findings")), full=True)
    page.emulate_media(media="screen")
    page.goto(server + "/")
    shot(page, "08-danh-sach", [page.locator("table.drafts"), page.locator("table.drafts", has_text="Ảnh chụp toàn trang")])
