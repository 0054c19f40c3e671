"""Rounds: the list (what each account has to do), creating one (administrator), the reviewer's
dashboard with its filters, and the exports (.xlsx matrix, .zip of documents, roll-up)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import SimpleNamespace

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..core.errors import DocgenError, error
from ..service import accounts, dashboard, exports, outlines, permissions, rounds
from ..service.clock import utc_now
from ..storage.accounts import ADMIN, REVIEWER, User
from ..storage.rounds import STATUSES
from . import service as engine
from .access import found, me, reading, writing
from .download import attachment
from .outlines import CHOICE_PREFIX

bp = Blueprint("rounds", __name__)
ZIP, XLSX = "application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_SUFFIXES = (".csv", ".xlsx")


@bp.get("/rounds")
def index() -> str:
    with reading() as db:
        user = me(db)
        visible = permissions.visible_rounds(db, user)
        figures = {r.id: dashboard.counts(r) for r in visible} if user.role != "secretary" else {}
        own = permissions.own_reports(db, user)
        return render_template("rounds.html", user=user, rounds=visible, figures=figures, own=own, status_vi=dashboard.STATUS_VI)


@bp.route("/rounds/new", methods=["GET", "POST"])
def create() -> str | BaseResponse | tuple[str, int]:
    with reading() as db, found():
        permissions.require(me(db), permissions.MANAGE)
        reviewers = [u for u in accounts.users(db) if u.role == REVIEWER]
        stored = [SimpleNamespace(id=s.id, name=s.name, source_name=s.source_name) for s in outlines.stored_list(db, me(db))]
    choices = dict(outlines=engine.outlines(), reviewers=reviewers, stored=stored)
    if request.method == "GET":
        return render_template("round_new.html", form={"outline": request.args.get("outline", "")}, **choices)
    try:
        made_id = _create_from_form()
    except DocgenError as exc:
        return render_template("round_new.html", form=request.form, errors=[f.format() for f in exc.findings], **choices), 400
    flash("Đã tạo đợt báo cáo.", "ok")
    return redirect(url_for("rounds.show", round_id=made_id))


def _create_from_form() -> int:
    form = request.form
    upload = request.files.get("units_table")
    base = request.files.get("base")
    with tempfile.TemporaryDirectory(prefix="docgen-round-") as tmp:
        table = _saved_table(upload, Path(tmp))
        outline, stored = _outline_choice(form.get("outline", ""))
        spec = rounds.RoundSpec(
            form.get("title", ""), outline, form.get("deadline", ""), province=form.get("province", "") if table is None else "",
            before_2025=form.get("before_2025") == "1", units_table=table,
            codes=tuple(c.strip() for c in form.get("codes", "").replace(";", ",").split(",") if c.strip()),
            base_text=_text(base.read()) if base and base.filename else "", base_name="noi-dung-chung.yaml",
            reviewers=tuple(form.getlist("reviewers")), stored_outline=stored,
        )
        with writing() as db:
            made, _ = rounds.create_round(db, spec, me(db), utc_now())
            return made.id


def _outline_choice(value: str) -> tuple[str, int | None]:
    """A bundled outline's id, or an imported outline ("stored:7" in the form's list)."""
    if not value.startswith(CHOICE_PREFIX):
        return value, None
    number = value.removeprefix(CHOICE_PREFIX)
    if not number.isdigit():
        raise DocgenError(error("outline-not-found", "Không tìm thấy đề cương đã nhập; hãy chọn lại đề cương."))
    return "", int(number)


def _saved_table(upload: object, folder: Path) -> Path | None:
    filename = getattr(upload, "filename", "") or ""
    if not filename:
        return None
    suffix = Path(filename).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise DocgenError(error("units-format", "Bảng đơn vị phải là tệp .csv hoặc .xlsx."))
    path = folder / f"don-vi{suffix}"  # the browser's file name never reaches the disk
    upload.save(path)  # type: ignore[attr-defined]
    return path


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocgenError(error("not-utf8", "Tệp nội dung chung không được mã hóa UTF-8; hãy lưu lại tệp với mã hóa UTF-8.")) from None


@bp.get("/rounds/<int:round_id>")
def show(round_id: int) -> str:
    status = request.args.get("status", "")
    search = request.args.get("q", "")
    sort = request.args.get("sort", "unit")
    with reading() as db, found():
        user = me(db)
        owner = permissions.round_for(db, user, round_id)
        return render_template(
            "dashboard.html", user=user, round=owner, counts=dashboard.counts(owner),
            rows=dashboard.rows(owner, status if status in STATUSES else "", search, sort if sort in dashboard.SORTS else "unit"),
            matrix=dashboard.completeness(db, owner), statuses=STATUSES, status_vi=dashboard.STATUS_VI, timeliness_vi=dashboard.TIMELINESS_VI,
            chosen={"status": status, "q": search, "sort": sort}, reviewers=rounds.reviewers_of(db, owner),
            candidates=[u for u in accounts.users(db) if u.role == REVIEWER] if user.role == ADMIN else [],
        )


@bp.post("/rounds/<int:round_id>/reviewers")
def assign(round_id: int) -> BaseResponse:
    with writing() as db, found():
        user = me(db)
        owner = permissions.round_for(db, user, round_id, permissions.MANAGE)
        reviewer = db.get(User, int(request.form.get("reviewer", "0") or 0))
        if reviewer is None:
            abort(404)
        rounds.assign_reviewer(db, user, owner, reviewer)
    flash("Đã giao đợt báo cáo cho người duyệt.", "ok")
    return redirect(url_for("rounds.show", round_id=round_id))


@bp.get("/rounds/<int:round_id>/muc-do-day-du.xlsx")
def matrix(round_id: int) -> Response:
    with reading() as db, found():
        owner = permissions.round_for(db, me(db), round_id)
        data = exports.matrix_xlsx(*dashboard.completeness(db, owner))
    return attachment(data, f"dot-{round_id}-muc-do-day-du.xlsx", XLSX)


@bp.get("/rounds/<int:round_id>/van-ban.zip")
def documents(round_id: int) -> Response:
    with reading() as db, found():
        owner = permissions.round_for(db, me(db), round_id)
        data = exports.documents_zip(owner)
    return attachment(data, f"dot-{round_id}-van-ban.zip", ZIP)


@bp.get("/rounds/<int:round_id>/tong-hop.zip")
def rollup(round_id: int) -> Response | tuple[str, int]:
    with reading() as db, found():
        owner = permissions.round_for(db, me(db), round_id)
        try:
            data = exports.rollup_zip(owner)
        except DocgenError as exc:
            return render_template("message.html", title="Chưa tổng hợp được", findings=exc.findings), 409
    return attachment(data, f"dot-{round_id}-tong-hop.zip", ZIP)
