"""Sign in, sign out (here or everywhere), change the password (forced at first sign-in)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..core.errors import DocgenError
from ..service import accounts
from ..service.clock import utc_now
from ..storage.accounts import User
from .access import me, reading, signed_in, start_session, writing

bp = Blueprint("auth", __name__)


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> str | BaseResponse | tuple[str, int]:
    with reading() as db:
        any_account = accounts.has_accounts(db)
    if request.method == "GET":
        return render_template("sign_in.html", any_account=any_account, next=_next())
    now = utc_now()
    with writing() as db:
        outcome = accounts.sign_in(db, request.form.get("username", ""), request.form.get("password", ""), _address(), now)
    if outcome.user is None:
        message = outcome.refusal.message if outcome.refusal else accounts.REFUSED
        return render_template("sign_in.html", any_account=any_account, error=message, next=_next(),
                               username=request.form.get("username", "")), 401
    start_session(outcome.user, now)
    if outcome.user.must_change_password:
        return redirect(url_for("auth.password"))
    return redirect(_next() or url_for("rounds.index"))


def _next() -> str:
    """Where to go after signing in: a path of this site only."""
    target = request.values.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else ""


def _address() -> str:
    return request.remote_addr or "?"


@bp.post("/sign-out")
def sign_out() -> BaseResponse:
    session.clear()
    flash("Đã đăng xuất.", "ok")
    return redirect(url_for("auth.sign_in"))


@bp.post("/sign-out-everywhere")
def sign_out_everywhere() -> BaseResponse:
    with writing() as db:
        accounts.sign_out_everywhere(db, me(db))
    session.clear()
    flash("Đã đăng xuất khỏi mọi máy và mọi trình duyệt.", "ok")
    return redirect(url_for("auth.sign_in"))


@bp.route("/password", methods=["GET", "POST"])
def password() -> str | BaseResponse | tuple[str, int]:
    user = signed_in()
    if request.method == "GET":
        return render_template("password.html", forced=user.must_change_password)
    form = request.form
    try:
        with writing() as db:
            account = me(db)
            accounts.change_password(db, account, form.get("current", ""), form.get("new", ""), form.get("repeat", ""))
            changed: User = account
    except DocgenError as exc:
        return render_template("password.html", forced=user.must_change_password, errors=[f.message for f in exc.findings]), 400
    start_session(changed, utc_now())
    flash("Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.", "ok")
    return redirect(url_for("rounds.index"))
