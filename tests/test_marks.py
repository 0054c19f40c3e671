"""Quotation marks and brackets without their partner: a warning at their line, from a function the
reader of hand-written documents can call line by line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

from docgen import pipeline
from docgen.validate.rules import unbalanced_marks


@pytest.mark.parametrize(("text", "expected"), [
    ("năm 2030”", ["Dấu “”” đóng mà không có dấu ““” mở: “năm 2030””."]),
    ("sinh sống (trong đó thành thị", ["Dấu “(” mở mà không có dấu “)” đóng: “sinh sống (trong đó thành thị”."]),
    ('tên "Dân số', ['Dấu nháy kép " lẻ (thiếu một dấu đóng hoặc mở): “tên "Dân số”.']),
    ("về “Dân số và “phát triển”", ["Dấu ““” mở mà không có dấu “”” đóng: “về “Dân số và “phát triển””."]),
])
def test_unpartnered_marks_are_found(text: str, expected: list[str]) -> None:
    assert [u.message for u in unbalanced_marks(text)] == expected


@pytest.mark.parametrize("text", ["về “công tác dân số” (khóa XII) [1]", "a) Sở Y tế; b) Sở Tài chính", "gồm: 1) một, 2) hai", "", "(a) và (b)"])
def test_balanced_text_and_list_labels_pass(text: str) -> None:
    assert unbalanced_marks(text) == []


def test_the_state_example_s_summary_is_flagged_at_its_line() -> None:
    findings = [f for f in pipeline.check(PROJECT_ROOT / "content" / "ubnd-tinh-ke-hoach-dan-so.yaml") if f.code == "unbalanced-marks"]
    assert [(f.location.line, f.message) for f in findings] == [
        (21, "Dấu “”” đóng mà không có dấu ““” mở: “…định hướng đến năm 2030””.")]


def test_a_quote_over_the_summary_s_lines_is_one_text(minimal: Callable[..., Path]) -> None:
    content = minimal(("  Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW\n",
                       "  Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW “Về công tác\n  dân số trong tình hình mới”\n"))
    assert [f for f in pipeline.check(content) if f.code == "unbalanced-marks"] == []
