from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.outline import PROJECT_ROOT, Outline, load_outline

NQ21 = PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml"

MINIMAL_PARTY = """\
outline: bao-cao-so-ket-nq21
organ:
  parent: ĐẢNG BỘ TỈNH LÂM ĐỒNG
  name: HUYỆN ỦY ĐỨC TRỌNG
number: 184-BC/HU
place: Đức Trọng
date: 2022-08-05
summary: |
  Sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW
sections:
  quan-triet-hoc-tap: Học tập, quán triệt.
  quan-triet-van-ban: Ban hành văn bản.
  quan-triet-kiem-tra: Kiểm tra, giám sát.
  ket-qua-muc-tieu: Kết quả mục tiêu.
  lanh-dao-chi-dao: Lãnh đạo.
  tuyen-truyen: Tuyên truyền.
  co-che-chinh-sach: Cơ chế.
  mang-luoi-dich-vu: Mạng lưới.
  nguon-luc: Nguồn lực.
  to-chuc-bo-may: Bộ máy.
  hop-tac-quoc-te: Hợp tác.
  ket-qua-noi-bat: Kết quả nổi bật.
  han-che: Hạn chế.
  nguyen-nhan: Nguyên nhân.
  phuong-huong: Phương hướng.
  de-xuat-kien-nghi: Kiến nghị.
closing: Trên đây là báo cáo./.
recipients:
  - Ban Tuyên giáo Tỉnh ủy
  - Lưu VPHU
signer:
  authority: T/M BAN THƯỜNG VỤ
  position: PHÓ BÍ THƯ
  name: Lê Hồng Khánh
"""


@pytest.fixture(scope="session")
def nq21() -> Outline:
    return load_outline(NQ21)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a text file under tmp_path (dedented) and return its path."""
    def _write(text: str, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


@pytest.fixture
def minimal(write: Callable[..., Path]) -> Callable[..., Path]:
    """A complete, valid Party report; `replace` pairs edit its text to break one thing."""
    def _minimal(*replace: tuple[str, str], name: str = "content.yaml") -> Path:
        text = MINIMAL_PARTY
        for old, new in replace:
            assert old in text, old
            text = text.replace(old, new)
        return write(text, name)
    return _minimal
