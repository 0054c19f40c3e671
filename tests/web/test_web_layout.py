"""The page at a phone's width and a laptop's, the sticky save bar, and saving under a lost reply,
in Debian's chromium (fixtures and skip rules of test_web_browser)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect
from samples import PROJECT_ROOT
from test_web_browser import browser, create_draft, server, shot  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}

# Every element whose right edge passes the viewport, unless it sits inside a box that scrolls on its own.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const inScrollBox = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
      const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll') return true; } return false; };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).display === 'none') continue;
    if ((r.right > width + 1 || r.left < -1) && !inScrollBox(el)) wide.push(el.tagName + '.' + el.className + '#' + el.id + ' ' + Math.round(r.right));
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 10)};
}"""


@pytest.fixture(params=[PHONE, LAPTOP], ids=["390x844", "1366x768"])
def sized(browser: Any, request: pytest.FixtureRequest) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport=request.param, accept_downloads=True, locale="vi-VN")
    yield context.new_page()
    context.close()


def _assert_fits(page: Page) -> None:
    measured = page.evaluate(OVERFLOWING)
    assert measured["scrollWidth"] <= measured["width"], measured
    assert measured["wide"] == [], measured


def test_no_page_is_wider_than_the_screen(sized: Page, server: str) -> None:  # noqa: F811
    name = f"{sized.viewport_size['width']}"
    sized.goto(server + "/")
    sized.set_input_files("#upload-file", str(PROJECT_ROOT / "content" / "phuong-mau-party.yaml"))
    sized.get_by_role("button", name="Tải lên và mở").click()
    expect(sized.locator("#draft-title")).to_be_visible()
    _assert_fits(sized)
    shot(sized, f"20-ban-nhap-{name}", [sized.locator("#draft-title"), sized.locator(".table-edit")], full=True)
    table_box = sized.locator(".table-edit").first
    assert table_box.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    sized.goto(server + "/")
    _assert_fits(sized)
    shot(sized, f"21-danh-sach-{name}", [sized.get_by_role("button", name="Tải lên và mở")], full=True)
    sized.go_back()
    sized.get_by_role("link", name="Lịch sử phiên bản").click()
    _assert_fits(sized)


def test_the_conflict_is_seen_without_scrolling_and_where_she_types(sized: Page, server: str) -> None:  # noqa: F811
    create_draft(sized, server, "Xã Cuộn Trang")
    other = sized.context.new_page()
    other.goto(sized.url)
    other.fill("#f-place", "Thẻ khác đã sửa")
    expect(other.locator("#save-status")).to_contain_text("Đã lưu phiên bản 2")
    last = sized.locator("textarea[name='signer.name'], input[name='signer.name']").first
    last.scroll_into_view_if_needed()
    last.fill("Nguyễn Văn A")
    conflict = sized.locator("#conflict")
    expect(conflict).to_be_visible()
    assert conflict.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    notice = sized.locator("#typing-notice")
    expect(notice).to_contain_text("không lưu được nữa")
    assert notice.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    assert sized.title().startswith("⚠ Không lưu được")
    shot(sized, f"22-xung-dot-khi-dang-go-{sized.viewport_size['width']}", [conflict, notice])


def test_a_lost_reply_then_the_retry_is_no_false_conflict(browser: Any, server: str) -> None:  # noqa: F811
    context = browser.new_context(viewport=LAPTOP, locale="vi-VN")
    page = context.new_page()
    create_draft(page, server, "Xã Mất Trả Lời")
    lost: list[str] = []

    def lose_first_reply(route: Route) -> None:
        if route.request.method == "POST" and not lost:
            reply = route.fetch()  # the server gets the save and commits it ...
            lost.append(reply.text())
            route.abort("connectionreset")  # ... but the page never sees the answer
            return
        route.continue_()

    page.route("**/drafts/*", lose_first_reply)
    page.fill("#f-place", "Đã lưu nhưng mất trả lời")
    expect(page.locator("#save-status")).to_contain_text("Chưa lưu được")
    assert '"version":2' in lost[0].replace(" ", "")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản 2", timeout=20_000)
    expect(page.locator("#conflict")).to_be_hidden()
    page.fill("#f-place", "Lần lưu tiếp theo")
    expect(page.locator("#save-status")).to_contain_text("Đã lưu phiên bản 3")
    context.close()
