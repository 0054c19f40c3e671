"""Accounts, for administrators: list, create one, one secretary per unit from a units table, new one-time password."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, abort, render_template, request
from werkzeug.wrappers import Response as BaseResponse

from ..bulk.units import load_units
from ..core.errors import DocgenError, error
from ..core.roles import ROLE_VI, ROLES
from ..service import accounts, permissions
from ..service.clock import utc_now
from ..storage.accounts import User
from .access import found, me, reading, writing

bp = Blueprint("admin", __name__)


def _page(issued: list[tuple[str, str, str]] | None = None, errors: list[str] | None = None, status: int = 200) -> tuple[str, int]:
    with reading() as db, found():
        permissions.require(me(db), permissions.MANAGE)
        listed = accounts.users(db)
        return render_template("users.html", users=listed, roles=ROLES, role_vi=ROLE_VI, issued=issued or [], errors=errors or []), status


@bp.get("/admin/users")
def users() -> tuple[str, int]:
    return _page()


@bp.post("/admin/users")
def create() -> tuple[str, int] | BaseResponse:
    form = request.form
    try:
        with writing() as db, found():
            permissions.require(me(db), permissions.MANAGE)
            made = accounts.create_user(db, form.get("username", ""), form.get("role", ""), utc_now(), unit_code=form.get("unit", "").strip(),
                                        display_name=form.get("name", ""))
            issued = [(made.user.username, made.user.display_name, made.password)]
    except DocgenError as exc:
        return _page(errors=[f.message for f in exc.findings], status=400)
    return _page(issued)


@bp.post("/admin/users/import")
def import_units() -> tuple[str, int]:
    upload = request.files.get("table")
    filename = (upload.filename or "") if upload else ""
    try:
        suffix = Path(filename).suffix.lower()
        if upload is None or suffix not in (".csv", ".xlsx"):
            raise DocgenError(error("units-format", "Bảng đơn vị phải là tệp .csv hoặc .xlsx."))
        with tempfile.TemporaryDirectory(prefix="docgen-users-") as tmp:
            path = Path(tmp, f"don-vi{suffix}")
            upload.save(path)
            units, _ = load_units(path)
        with writing() as db, found():
            permissions.require(me(db), permissions.MANAGE)
            issued = [(i.user.username, i.user.display_name, i.password) for i in accounts.import_secretaries(db, units, utc_now())]
    except DocgenError as exc:
        return _page(errors=[f.message for f in exc.findings], status=400)
    return _page(issued)


@bp.post("/admin/users/<int:user_id>/reset")
def reset(user_id: int) -> tuple[str, int]:
    with writing() as db, found():
        permissions.require(me(db), permissions.MANAGE)
        account = db.get(User, user_id)
        if account is None:
            abort(404)
        password = accounts.reset_password(db, account)
        issued = [(account.username, account.display_name, password)]
    return _page(issued)
