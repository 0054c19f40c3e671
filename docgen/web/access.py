"""Who is asking: the signed-in account of a request (loaded once, before every request), the gate
that sends everyone else to the sign-in page, and the database sessions the blueprints use.

With no account in the database the page works as the single-user tool it was (drafts only, on
the loopback address); once an account exists, every page but the sign-in page needs one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from flask import abort, current_app, g, jsonify, redirect, request, session, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as BaseResponse

from ..service import accounts
from ..service.clock import utc_now
from ..service.permissions import NotFound
from ..storage.accounts import ADMIN, User
from ..storage.db import Database

PUBLIC = {"static", "auth.sign_in", "health"}
PASSWORD_ENDPOINTS = {"auth.password", "auth.sign_out"}
USER_ID, EPOCH, SINCE = "uid", "epoch", "since"


def database() -> Database:
    found: Database = current_app.extensions["docgen_database"]
    return found


@contextmanager
def reading() -> Iterator[Session]:
    with database().read() as db:
        yield db


@contextmanager
def writing() -> Iterator[Session]:
    with database().write() as db:
        yield db


def start_session(user: User, now: dt.datetime) -> None:
    """A fresh browser session for `user` (a new id, so a session fixed before sign-in is worthless)."""
    session.clear()
    session[USER_ID], session[EPOCH], session[SINCE] = user.id, user.session_epoch, now.isoformat()


def gate() -> BaseResponse | tuple[BaseResponse, int] | None:
    """before_request: the account of the request in `g.user`; the sign-in page for anyone without one."""
    g.user = None
    if request.endpoint in PUBLIC or request.endpoint is None:
        return None
    with reading() as db:
        if not accounts.has_accounts(db):
            return None
        g.user = _session_user(db)
    if g.user is None:
        session.pop(USER_ID, None)
        if request.headers.get("Accept", "").startswith("application/json"):
            return jsonify({"error": "Phiên làm việc đã hết hạn; hãy đăng nhập lại (nội dung vừa gõ chưa được lưu)."}), 401
        return redirect(url_for("auth.sign_in", next=request.full_path if request.method == "GET" else None))
    if g.user.must_change_password and request.endpoint not in PASSWORD_ENDPOINTS:
        return redirect(url_for("auth.password"))
    return _drafts_gate(g.user)


def _session_user(db: Session) -> User | None:
    try:
        since = dt.datetime.fromisoformat(str(session.get(SINCE, "")))
        return accounts.session_user(db, int(session.get(USER_ID, 0)), int(session.get(EPOCH, -1)), since, utc_now())
    except (TypeError, ValueError):
        return None


def _drafts_gate(user: User) -> BaseResponse | None:
    """The single-user drafts pages belong to administrators; anyone else starts from the rounds."""
    if not str(request.endpoint).startswith("web.") or user.role == ADMIN:
        return None
    if request.endpoint == "web.index":
        return redirect(url_for("rounds.index"))
    abort(404)


def signed_in() -> User:
    """The account of the request; pages of rounds need one even in single-user mode."""
    user: User | None = g.get("user")
    if user is None:
        abort(redirect(url_for("auth.sign_in")))
    return user


def me(db: Session) -> User:
    """The account of the request, attached to `db`."""
    user = db.get(User, signed_in().id)
    if user is None:
        abort(404)
    return user


@contextmanager
def found() -> Iterator[None]:
    """NotFound from the service is a 404, whatever the reason."""
    try:
        yield
    except NotFound:
        abort(404)
