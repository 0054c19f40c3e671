"""The database options shared by `docgen round` and `docgen users`, and the account a command acts as."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ..core.errors import DocgenError, error

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..storage.accounts import User
    from ..storage.db import Database

# SQLAlchemy and the storage models are imported when a command opens the database, not when the
# command line starts (every command registers these options).


def add_database_options(parser: Any) -> None:
    parser.add_argument("--data-dir", default="data", metavar="THƯ-MỤC", help="thư mục dữ liệu của trang web (mặc định: ./data)")
    parser.add_argument("--db", metavar="URL", help="địa chỉ cơ sở dữ liệu, ví dụ postgresql://… (mặc định: tệp SQLite trong --data-dir)")


def database_of(args: argparse.Namespace) -> Database:
    from pathlib import Path

    from ..storage.db import open_database, sqlite_url

    return open_database(args.db or sqlite_url(Path(args.data_dir)))


def administrator(session: Session, username: str | None) -> User:
    """The account a command acts as: the one named, or the first administrator."""
    from sqlalchemy import select

    from ..storage.accounts import ADMIN, User

    query = select(User).where(User.role == ADMIN, User.active.is_(True))
    if username:
        query = query.where(User.username == username.strip().lower())
    found = session.scalar(query.order_by(User.id).limit(1))
    if found is None:
        named = f" “{username}”" if username else ""
        raise DocgenError(error("no-administrator", f"Không có tài khoản quản trị{named}; hãy tạo bằng: docgen users create TÊN --role admin"))
    return found
