import datetime as dt

import pytest

from docgen.core.vietnamese import (
    date_line,
    find_mojibake,
    format_date,
    format_number,
    parse_date,
    repair_mojibake,
    slugify,
    sort_key,
    to_roman,
)


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
    (dt.date(2020, 1, 31), "ngày 31 tháng 01 năm 2020"),
    (dt.date(2022, 8, 5), "ngày 05 tháng 8 năm 2022"),
    (dt.date(2019, 12, 29), "ngày 29 tháng 12 năm 2019"),
])
def test_date_leading_zero_rule(day, text):
    assert format_date(day) == text


def test_date_line():
    assert date_line("Đức Trọng", dt.date(2022, 8, 5)) == "Đức Trọng, ngày 05 tháng 8 năm 2022"


@pytest.mark.parametrize("text", ["2022-08-05", "05/08/2022", "5/8/2022", "05.08.2022"])
def test_parse_date_forms(text):
    assert parse_date(text) == dt.date(2022, 8, 5)


@pytest.mark.parametrize(("text", "reason"), [("2022-02-30", "day is out of range for month"), ("5 tháng 8", "format")])
def test_parse_date_rejects(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_numbers_use_vietnamese_separators():
    assert format_number(186974) == "186.974"
    assert format_number(33.6) == "33,6"


def test_roman():
    assert [to_roman(n) for n in (1, 4, 9, 14)] == ["I", "IV", "IX", "XIV"]


@pytest.mark.parametrize(("name", "slug"), [
    ("Phường Xuân Hương - Đà Lạt", "phuong-xuan-huong-da-lat"),
    ("../../etc/passwd", "etc-passwd"),
    ("Xã A/B", "xa-a-b"),
    ("CON", "con"),
    ("///", "van-ban"),
])
def test_slug_is_safe(name, slug):
    assert slugify(name) == slug


def test_vietnamese_alphabetical_order():
    names = ["Đức Trọng", "Di Linh", "Bảo Lộc", "Ân Thi", "An Dương", "Bà Rịa", "Phường 10", "Phường 2", "Ô Môn", "Óc Eo"]
    assert sorted(names, key=sort_key) == [
        "An Dương", "Ân Thi", "Bà Rịa", "Bảo Lộc", "Di Linh", "Đức Trọng", "Óc Eo", "Ô Môn", "Phường 2", "Phường 10"]


def test_mojibake_found_and_repaired():
    assert find_mojibake("định hƣớng") == ["ƣ"]
    assert find_mojibake("định hướng") == []
    assert repair_mojibake("PHƢƠNG hƣớng") == "PHƯƠNG hướng"
