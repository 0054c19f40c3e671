"""`docgen users`: accounts of the web page (create one, import one secretary per unit, list)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..bulk.units import load_units
from ..core.roles import ROLE_VI, ROLES
from ..rollup.completeness import write_csv
from ..service.clock import utc_now
from .common import EXIT_OK, EXIT_UNUSABLE, print_findings
from .database import add_database_options, database_of

# The account service (and with it SQLAlchemy) is imported by the commands that use it, not when
# the command line starts.
PASSWORDS_HEADER = ["Mã đơn vị", "Tên đơn vị", "Tên đăng nhập", "Mật khẩu dùng một lần"]


def cmd_create(args: argparse.Namespace) -> int:
    from ..service import accounts

    with database_of(args).write() as session:
        issued = accounts.create_user(session, args.username, args.role, utc_now(), unit_code=args.unit or "", display_name=args.name or "")
    print(f"Đã tạo tài khoản {ROLE_VI[args.role]} “{issued.user.username}”.")
    print(f"Mật khẩu dùng một lần: {issued.password}  (phải đổi ở lần đăng nhập đầu tiên)")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from ..service import accounts

    output = Path(args.output)
    if output.exists() and not args.force:
        print(f"lỗi: tệp “{output}” đã có; mật khẩu cũ trong đó sẽ mất nếu ghi đè. Chọn tệp khác hoặc thêm --force.", file=sys.stderr)
        return EXIT_UNUSABLE
    units, notes = load_units(Path(args.table))
    print_findings(notes, sys.stderr)
    with database_of(args).write() as session:
        issued = accounts.import_secretaries(session, units, utc_now())
        rows = [[i.user.unit_code, i.user.display_name, i.user.username, i.password] for i in issued]
    write_csv(output, PASSWORDS_HEADER, rows)
    os.chmod(output, 0o600)  # initial passwords: readable by the office's account only
    skipped = len(units) - len(issued)
    print(f"Đã tạo {len(issued)} tài khoản thư ký; mật khẩu dùng một lần ghi trong “{output}”."
          + (f" {skipped} đơn vị đã có tài khoản, giữ nguyên." if skipped else ""))
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from ..service import accounts

    with database_of(args).write() as session:
        for user in accounts.users(session):
            unit = f"  đơn vị {user.unit_code}" if user.unit_code else ""
            state = "" if user.active else "  (đã khóa)"
            print(f"{user.username}  {ROLE_VI[user.role]}{unit}{state}")
    return EXIT_OK


def register(commands: Any) -> None:
    users = commands.add_parser("users", help="tài khoản của trang web: tạo, nhập từ bảng đơn vị, liệt kê")
    actions = users.add_subparsers(dest="users_command", required=True)
    create = actions.add_parser("create", help="tạo một tài khoản (in ra mật khẩu dùng một lần)")
    create.add_argument("username", metavar="TÊN-ĐĂNG-NHẬP")
    create.add_argument("--role", required=True, choices=ROLES, help="admin: quản trị; reviewer: người duyệt; secretary: thư ký một đơn vị")
    create.add_argument("--unit", metavar="MÃ", help="mã đơn vị của tài khoản thư ký")
    create.add_argument("--name", metavar="TÊN", help="tên hiển thị")
    create.set_defaults(run=cmd_create)
    imported = actions.add_parser("import", help="một tài khoản thư ký cho mỗi đơn vị của bảng (.csv hoặc .xlsx, cột code, name)")
    imported.add_argument("table", metavar="BẢNG")
    imported.add_argument("-o", "--output", default="mat-khau-ban-dau.csv", metavar="TỆP",
                          help="tệp .csv ghi tên đăng nhập và mật khẩu dùng một lần để giao cho đơn vị (mặc định: mat-khau-ban-dau.csv)")
    imported.add_argument("--force", action="store_true", help="ghi đè tệp mật khẩu đã có")
    imported.set_defaults(run=cmd_import)
    listed = actions.add_parser("list", help="liệt kê các tài khoản")
    listed.set_defaults(run=cmd_list)
    for sub in (create, imported, listed):
        add_database_options(sub)
