"""The command line speaks Vietnamese, argparse's own words included."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from docgen.cli import main, parser

ENGLISH = re.compile(r"usage:|options:|positional arguments|show this help|error:|required|invalid choice|"
                     r"unrecognized arguments|expected one argument")


def _parsers(command: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield command
    for action in command._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from _parsers(sub)


def _english_placeholders(command: argparse.ArgumentParser) -> list[str]:
    return [f"{command.prog} {'/'.join(a.option_strings) or a.dest}" for a in command._actions
            if a.nargs != 0 and a.choices is None and not isinstance(a, argparse._SubParsersAction)
            and (a.metavar is None or not re.search(r"[ĐƯƠĂÂÊÔÀ-Ỹ]|^N$|TỆP|BẢNG|MÃ|TỈNH|^URL$|^MM$", str(a.metavar)))]


def test_every_help_page_is_vietnamese() -> None:
    pages = list(_parsers(parser()))
    assert len(pages) > 15
    for page in pages:
        text = page.format_help()
        assert text.startswith("Cách dùng: "), page.prog
        assert not ENGLISH.search(text.replace(page.prog, "")), (page.prog, ENGLISH.search(text.replace(page.prog, "")))


def test_every_value_has_a_vietnamese_placeholder() -> None:
    assert [name for page in _parsers(parser()) for name in _english_placeholders(page)] == []


@pytest.mark.parametrize(("argv", "message"), [
    (["buil"], "docgen: lỗi: LỆNH: giá trị “buil” không hợp lệ (chọn một trong: 'check', "),
    (["check"], "docgen check: lỗi: thiếu tham số bắt buộc: NỘI-DUNG"),
    (["check", "a.yaml", "--format", "xml"], "docgen check: lỗi: --format: giá trị “xml” không hợp lệ (chọn một trong: 'text', 'json')"),
    (["bulk", "a.yaml"], "docgen bulk: lỗi: cần một trong các tham số --units --province"),
    (["bulk", "a.yaml", "--province", "x", "-j", "hai"], "docgen bulk: lỗi: -j/--jobs: giá trị “hai” không hợp lệ"),
    (["build", "a.yaml", "--bogus"], "docgen: lỗi: không hiểu tham số: --bogus"),
    (["new", "x", "-o"], "docgen new: lỗi: -o/--output: cần một giá trị"),
])
def test_argument_errors_are_vietnamese_and_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Cách dùng: docgen")
    assert message in err
