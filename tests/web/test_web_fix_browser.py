"""Chuẩn hóa thể thức in Debian's chromium at a phone's width: the page reached from the main page's
navigation, a hand-written report uploaded, the changes shown, the downloaded .docx opened (every
word kept, no format finding left). Fixtures and skip rules of test_web_browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from test_fix import format_codes, in_order, words
from test_web_browser import browser, server, shot  # noqa: F401  (fixtures)
from test_web_layout import PHONE, _assert_fits

pytestmark = pytest.mark.slow


@pytest.fixture
def phone(browser: Any) -> Iterator[Page]:  # noqa: F811
    context = browser.new_context(viewport=PHONE, accept_downloads=True, locale="vi-VN")
    yield context.new_page()
    context.close()


def test_a_handwritten_report_is_fixed_in_the_browser(phone: Page, server: str, tmp_path: Path) -> None:  # noqa: F811
    source = in_order(tmp_path / "Báo cáo viết tay.docx")
    phone.goto(server + "/")
    phone.get_by_role("link", name="Chuẩn hóa thể thức").click()
    expect(phone.get_by_role("heading", name="Chuẩn hóa thể thức báo cáo Word")).to_be_visible()
    _assert_fits(phone)
    phone.set_input_files("#upload-file", str(source))
    expect(phone.locator("#upload-name")).to_have_text(source.name)
    phone.select_option("#fix-outline", "bao-cao-so-ket-nq21")
    phone.get_by_role("button", name="Chuẩn hóa", exact=True).click()
    result = phone.locator("#fix-result")
    expect(result).to_contain_text("Đã chuẩn hóa “Báo cáo viết tay.docx”")
    expect(phone.locator("#fix-changes")).to_contain_text("Đường kẻ dưới tiêu đề (format-title-rule)")
    _assert_fits(phone)
    shot(phone, "40-chuan-hoa-390", [result, phone.locator("#fix-changes")], full=True)
    with phone.expect_download() as event:
        phone.locator("#fix-download").click()
    fixed = tmp_path / event.value.suggested_filename
    event.value.save_as(fixed)
    assert fixed.name == "bao-cao-viet-tay-chuan-hoa.docx"
    assert format_codes(fixed) == set()
    assert not [w for w in words(source) if w not in words(fixed)]
