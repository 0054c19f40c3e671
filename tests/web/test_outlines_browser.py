"""The guidance document in a real browser (Debian's chromium through Playwright): the administrator
uploads seed 000's guidance as a Word document, sees the imported outline as a tree with the import's
notes, renames a section and marks another optional, saves, creates a round with it; a secretary's
form then shows the renamed section with its guidance, and the optional one without its mark.

Screenshots of the review page at 1366×768 and 390×844 go to /tmp/docgen-web-screens, with nothing
wider than the viewport."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from guidance_docs import seed_000_docx
from test_rounds_browser import browser, check_layout, context, first_sign_in, open_report, sign_in, world  # noqa: F401  (fixtures)

from docgen.service.clock import utc_now

pytestmark = pytest.mark.slow
RENAMED = "Việc thực hiện các nhiệm vụ và giải pháp chủ yếu"
GUIDANCE_START = "Đánh giá kết quả thực hiện căn cứ vào nội dung của Nghị quyết số 21-NQ/TW"


def test_guidance_to_a_secretarys_form_in_the_browser(browser: Any, world: dict[str, Any], tmp_path: Path) -> None:  # noqa: F811
    url = world["url"]
    admin = context(browser)
    sign_in(admin, url, "admin", "mat-khau-quan-tri")
    admin.get_by_role("link", name="Tạo đợt báo cáo").click()
    admin.set_input_files("#guidance", str(seed_000_docx(tmp_path / "huong-dan-103.docx")))
    admin.get_by_role("button", name="Đọc đề cương").click()
    admin.wait_for_selector("form.outline-form")
    assert admin.inner_text("h1") == "Xem lại đề cương"
    assert admin.locator(".outline-node").count() == 20 and admin.locator(".outline-note").count() == 7
    assert admin.input_value("#muc-nhung-ket-qua-dat-duoc > .outline-row input.outline-title") == "NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"
    check_layout(admin, "30-de-cuong-1366")
    admin.set_viewport_size({"width": 390, "height": 844})
    check_layout(admin, "31-de-cuong-390")
    admin.set_viewport_size({"width": 1366, "height": 768})

    admin.get_by_label("Tiêu đề mục II.2", exact=True).fill(RENAMED)
    admin.locator('input[name="required.ve-tang-cuong-su-lanh-dao"]').uncheck()
    admin.get_by_role("button", name="Lưu đề cương").click()
    admin.wait_for_selector("#deadline")
    assert "Đã lưu đề cương" in admin.inner_text(".flash-ok")
    assert admin.locator("#outline option:checked").inner_text().startswith("Báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW")
    admin.fill("#title", "Sơ kết theo hướng dẫn của Tỉnh ủy")
    admin.fill("#deadline", (utc_now().date() + dt.timedelta(days=10)).strftime("%d/%m/%Y"))
    admin.set_input_files("#units-table", str(world["table"]))
    admin.get_by_role("button", name="Tạo đợt báo cáo").click()
    admin.wait_for_selector("#figures")

    secretary = context(browser)
    first_sign_in(secretary, url, *world["secretaries"]["A1"])
    open_report(secretary)
    renamed = secretary.locator("#f-sections-viec-thuc-hien-cac-nhiem-vu-box")
    assert renamed.locator("label.section-title").inner_text() == f"2. {RENAMED} *"
    guidance = renamed.locator("aside.guidance p").all_inner_texts()
    assert guidance[0] == "Gợi ý" and guidance[1].startswith(GUIDANCE_START) and guidance[1].endswith("giải pháp chủ yếu của Nghị quyết, gồm:")
    optional = secretary.locator("#f-sections-ve-tang-cuong-su-lanh-dao-box label.section-title").inner_text()
    assert optional == "2.1. Về tăng cường sự lãnh đạo, chỉ đạo của cấp ủy, chính quyền các cấp"  # no "*": not required any more
