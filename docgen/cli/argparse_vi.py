"""argparse's own words in Vietnamese: "usage:", section titles, the help option, its errors.

argparse takes every string it prints through `gettext` (its module-level `_` and `ngettext`),
as message ids meant for translation; `install()` gives it this translation. Only argparse's
module is touched, and only the words it prints change.
"""

from __future__ import annotations

import argparse

_MESSAGES = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "giá trị “%(value)s” không hợp lệ (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "giá trị “%(value)s” không hợp lệ",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "ignored explicit argument %r": "giá trị “%s” bị bỏ qua",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh “%(parser_name)s” (các lệnh: %(choices)s)",
}

_PLURALS = {
    "expected %s argument": "cần %s giá trị",
}


def translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    return _PLURALS.get(singular, singular if count == 1 else plural)


def install() -> None:
    """Make argparse print its own words in Vietnamese (idempotent)."""
    setattr(argparse, "_", translate)  # noqa: B010 - the gettext hook argparse calls
    setattr(argparse, "ngettext", translate_plural)  # noqa: B010


# What a value is called in help and errors when a command did not name it (argparse would print
# the option's English name in capitals, e.g. "--outline OUTLINE").
_PLACEHOLDERS = {"outline": "ĐỀ-CƯƠNG", "output": "ĐƯỜNG-DẪN", "port": "CỔNG", "id": "MÃ"}
COMMAND = "LỆNH"


def name_placeholders(parser: argparse.ArgumentParser) -> None:
    """Give every value of `parser` and its sub-commands a Vietnamese placeholder where it has none."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            action.metavar = action.metavar or COMMAND
            for sub in set(action.choices.values()):
                name_placeholders(sub)
        elif action.nargs != 0 and action.metavar is None and action.choices is None and action.option_strings:
            action.metavar = _PLACEHOLDERS.get(action.dest)
