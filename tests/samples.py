"""Sample content shared by tests, and where the checkout is."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the checkout: its outlines/, content/, reference/

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
