"""Accounts: creation with a one-time initial password, sign-in with rate limits, password change,
sessions that expire, sign-out everywhere. Passwords are hashed with werkzeug's scrypt."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from ..bulk.units import Unit
from ..core.errors import DocgenError, Finding, error
from ..core.vietnamese import nfc, slugify
from ..storage.accounts import ROLES, SECRETARY, SignInAttempt, User
from .clock import aware

MIN_PASSWORD = 10
ACCOUNT_LIMIT = 5  # failed sign-ins per account within the window
ADDRESS_LIMIT = 20  # failed sign-ins from one address within the window
LIMIT_WINDOW = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=8)  # a working day; then sign in again
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: initial passwords are read off paper
REFUSED = "Tên đăng nhập hoặc mật khẩu không đúng."


@dataclass(frozen=True)
class Issued:
    """An account just created and its one-time initial password (shown once, never stored in clear)."""

    user: User
    password: str


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def initial_password() -> str:
    groups = ["".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3)]
    return "-".join(groups)


def create_user(session: Session, username: str, role: str, now: dt.datetime, unit_code: str = "", display_name: str = "",
                password: str | None = None) -> Issued:
    """A new account; without `password`, a one-time one that must be changed at first sign-in."""
    username = nfc(username.strip()).lower()
    _check_new(session, username, role, unit_code)
    chosen = password or initial_password()
    user = User(username=username, role=role, unit_code=unit_code if role == SECRETARY else "", display_name=nfc(display_name.strip()),
                password_hash=hash_password(chosen), must_change_password=password is None, session_epoch=0, active=True, created=now)
    session.add(user)
    session.flush()
    return Issued(user, chosen)


def _check_new(session: Session, username: str, role: str, unit_code: str) -> None:
    if role not in ROLES:
        raise DocgenError(error("user-role", f"Vai trò “{role}” không có; chọn một trong: {', '.join(ROLES)}."))
    if not username or len(username) > 80 or any(ch.isspace() for ch in username):
        raise DocgenError(error("user-name", "Tên đăng nhập phải có từ 1 đến 80 ký tự, không có khoảng trắng."))
    if role == SECRETARY and not unit_code:
        raise DocgenError(error("user-unit", "Tài khoản thư ký phải gắn với một đơn vị (mã đơn vị)."))
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise DocgenError(error("user-exists", f"Tên đăng nhập “{username}” đã có."))


def secretary_username(unit: Unit) -> str:
    return f"{slugify(unit.name, 60)}-{unit.code.lower()}"


def import_secretaries(session: Session, units: list[Unit], now: dt.datetime) -> list[Issued]:
    """One secretary account per unit that has none yet (a unit already served keeps its account)."""
    taken = set(session.scalars(select(User.unit_code).where(User.role == SECRETARY)))
    return [create_user(session, secretary_username(u), SECRETARY, now, unit_code=u.code, display_name=u.name)
            for u in units if u.code not in taken]


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the account, or why it was refused (the failure is recorded either way,
    so the caller commits and then reports the refusal)."""

    user: User | None
    refusal: Finding | None = None


def sign_in(session: Session, username: str, password: str, address: str, now: dt.datetime) -> SignIn:
    """Wrong name and wrong password get the same message; too many recent failures refuse even a right password."""
    username = nfc(username.strip()).lower()
    limited = _limit(session, username, address, now)
    if limited:
        return SignIn(None, limited)
    user = session.scalar(select(User).where(User.username == username))
    if user is None or not user.active or not check_password_hash(user.password_hash, password):
        session.add(SignInAttempt(username=username[:80], address=address[:64], at=now))
        return SignIn(None, error("sign-in-refused", REFUSED))
    session.execute(delete(SignInAttempt).where(SignInAttempt.username == username))
    return SignIn(user)


def _limit(session: Session, username: str, address: str, now: dt.datetime) -> Finding | None:
    since = now - LIMIT_WINDOW
    recent = select(func.count()).select_from(SignInAttempt).where(SignInAttempt.at >= since)
    minutes = int(LIMIT_WINDOW.total_seconds() // 60)
    if (session.scalar(recent.where(SignInAttempt.username == username)) or 0) >= ACCOUNT_LIMIT:
        return error("sign-in-limited", f"Tài khoản này đã đăng nhập sai nhiều lần; hãy thử lại sau {minutes} phút.")
    if (session.scalar(recent.where(SignInAttempt.address == address)) or 0) >= ADDRESS_LIMIT:
        return error("sign-in-limited", f"Máy này đã đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút.")
    return None


def change_password(session: Session, user: User, current: str, new: str, repeated: str) -> None:
    """A new password; every other session of the account stops working."""
    if not check_password_hash(user.password_hash, current):
        raise DocgenError(error("password-wrong", "Mật khẩu hiện tại không đúng."))
    if new != repeated:
        raise DocgenError(error("password-mismatch", "Hai lần nhập mật khẩu mới không giống nhau."))
    if len(new) < MIN_PASSWORD:
        raise DocgenError(error("password-short", f"Mật khẩu mới phải có ít nhất {MIN_PASSWORD} ký tự."))
    if new == current:
        raise DocgenError(error("password-same", "Mật khẩu mới phải khác mật khẩu hiện tại."))
    user.password_hash = hash_password(new)
    user.must_change_password = False
    user.session_epoch += 1
    session.add(user)


def reset_password(session: Session, user: User) -> str:
    """A new one-time password, set by an administrator; the account's sessions end."""
    password = initial_password()
    user.password_hash = hash_password(password)
    user.must_change_password = True
    user.session_epoch += 1
    session.add(user)
    return password


def sign_out_everywhere(session: Session, user: User) -> None:
    user.session_epoch += 1
    session.add(user)


def session_user(session: Session, user_id: int, epoch: int, signed_in: dt.datetime, now: dt.datetime) -> User | None:
    """The account behind a browser session, or None when it has expired, was signed out everywhere or disabled."""
    user = session.get(User, user_id)
    if user is None or not user.active or user.session_epoch != epoch:
        return None
    if now - aware(signed_in) > SESSION_LIFETIME:
        return None
    return user


def users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.role, User.username)))


def has_accounts(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None
