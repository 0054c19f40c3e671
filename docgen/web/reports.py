"""A unit's report in a round: the secretary's page (the draft editor, with submit and upload), the
reviewer's view (return with comments per section or for the whole report, accept), the history
with the changes of a section between two versions, and the document."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as BaseResponse

from ..core.errors import DocgenError, error
from ..core.vietnamese import slugify
from ..core.yamlio import parse_yaml
from ..outline.model import Outline
from ..service import history, workflow
from ..service.clock import local_text, utc_now
from ..service.documents import docx_of
from ..service.outlines import outline_of, round_outline
from ..service.permissions import EDIT, READ, REVIEW, may, report_for
from ..storage.accounts import User
from ..storage.rounds import RoundReport
from . import forms, service, tables
from .access import found, me, reading, writing
from .download import attachment
from .routes import CONFLICT, client_save_id, findings_json
from .views import severity_class

bp = Blueprint("reports", __name__)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _load(db: Session, report_id: int, action: str) -> tuple[User, RoundReport]:
    with found():
        user = me(db)
        return user, report_for(db, user, report_id, action)


@bp.get("/reports/<int:report_id>")
def show(report_id: int) -> str | tuple[str, int]:
    with reading() as db:
        user, report = _load(db, report_id, READ)
        returned = workflow.last_return(db, report)
        editable = may(user, EDIT) and report.status in workflow.EDITABLE
        context = dict(report=report, round=report.round, user=user, returned=returned, status_vi=workflow.STATUS_VI,
                       can_review=may(user, REVIEW) and report.status == "submitted", deadline=report.round.deadline)
        stored = report.round.stored_outline
    try:
        outline = outline_of(stored) if stored is not None else None  # None: the bundled outline the content names
        editor = editor_context(report.content, workflow.content_name(report), outline)
    except DocgenError as exc:
        return render_template("message.html", title="Không mở được báo cáo", findings=exc.findings), 500
    section_titles = {s.id: f"{s.number} {s.title}" for s in editor["sections"]}
    if editable:
        draft = SimpleNamespace(id=report.id, version=report.version, title=report.unit_name, updated=_iso(report.updated))
        return render_template("report.html", draft=draft, save_url=url_for("reports.save", report_id=report.id),
                               section_titles=section_titles, **context, **editor)
    return render_template("report_view.html", section_titles=section_titles, **context, **editor)


def _iso(moment: dt.datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).isoformat()


def editor_context(content: str, name: str, outline: Outline | None = None) -> dict[str, Any]:
    """What the draft editor shows for a content (in `outline`, else the one it names): its fields, sections, indicators and findings."""
    checked = service.check(content, name, outline)
    data = forms.merged(checked.outline, parse_yaml(content, name).data)
    return dict(
        outline=checked.outline, checked=checked, findings=findings_json(checked), metadata=forms.METADATA, closing=forms.CLOSING,
        values=forms.values(data), sections=forms.section_fields(checked.outline, data), field_id=forms.field_id,
        indicators=tables.indicator_rows(data.get("indicators")), indicator_columns=tables.INDICATOR_COLUMNS,
        recipients=service.recipient_suggestions(checked.outline), authorities=service.authority_suggestions(checked.outline),
        pdf=False, local_time=_local_time, severity_class=severity_class,
    )


def _local_time(iso: str) -> str:
    return local_text(dt.datetime.fromisoformat(iso))


@bp.post("/reports/<int:report_id>")
def save(report_id: int) -> Response | BaseResponse | tuple[Response, int]:
    try:
        base = int(request.form.get("base_version", ""))
    except ValueError:
        return jsonify({"error": "Thiếu phiên bản gốc của báo cáo; hãy tải lại trang."}), 400
    try:
        with writing() as db:
            user, report = _load(db, report_id, EDIT)
            name = workflow.content_name(report)
            outline = round_outline(report.round)
            loaded = service.load(report.content, name, outline)
            data = forms.apply(loaded.outline, loaded.report.doc.data, request.form)  # the stored YAML parsed once
            saved = workflow.save(db, user, report_id, base, forms.to_yaml(data), utc_now(), "Lưu khi soạn", client_save_id())
            version, content, updated = saved.version, saved.content, saved.updated
    except workflow.Conflict as exc:
        return jsonify({"error": CONFLICT.format(version=exc.current), "version": exc.current}), 409
    except workflow.Refused as exc:
        return jsonify({"error": exc.message}), 409
    checked = service.check(content, name, outline)
    return jsonify({"version": version, "saved": local_text(updated), "findings": findings_json(checked), "counts": checked.counts,
                    "title": loaded.report.unit_name})


def _transition(report_id: int, act: Any, done: str) -> BaseResponse | tuple[str, int]:
    try:
        with writing() as db:
            act(db)
    except workflow.Refused as exc:
        with reading() as db:
            _, report = _load(db, report_id, READ)
        return render_template("message.html", title=exc.message, findings=list(exc.findings),
                               back=url_for("reports.show", report_id=report_id), back_label=f"Quay lại báo cáo {report.unit_name}"), 409
    flash(done, "ok")
    return redirect(url_for("reports.show", report_id=report_id))


@bp.post("/reports/<int:report_id>/submit")
def submit(report_id: int) -> BaseResponse | tuple[str, int]:
    def act(db: Session) -> None:
        user, _ = _load(db, report_id, EDIT)
        workflow.submit(db, user, report_id, utc_now())
    return _transition(report_id, act, "Đã nộp báo cáo. Báo cáo chỉ xem được cho tới khi người duyệt trả lại.")


@bp.post("/reports/<int:report_id>/return")
def return_report(report_id: int) -> BaseResponse | tuple[str, int]:
    sections = {key.removeprefix("comment."): value for key, value in request.form.items() if key.startswith("comment.")}

    def act(db: Session) -> None:
        user, _ = _load(db, report_id, REVIEW)
        workflow.return_report(db, user, report_id, request.form.get("comment", ""), sections, utc_now())
    return _transition(report_id, act, "Đã trả lại báo cáo kèm ý kiến.")


@bp.post("/reports/<int:report_id>/accept")
def accept(report_id: int) -> BaseResponse | tuple[str, int]:
    def act(db: Session) -> None:
        user, _ = _load(db, report_id, REVIEW)
        workflow.accept(db, user, report_id, utc_now(), request.form.get("comment", ""))
    return _transition(report_id, act, "Đã duyệt báo cáo.")


@bp.post("/reports/<int:report_id>/upload")
def upload(report_id: int) -> BaseResponse | tuple[str, int]:
    """A report written in Word (or its PDF), read by the reader into the draft (the unit's code and name kept)."""
    with reading() as db:
        _, report = _load(db, report_id, EDIT)
        current, version, name = report.content, report.version, workflow.content_name(report)
        round_own = round_outline(report.round)
    file = request.files.get("file")
    filename = (file.filename or "") if file else ""
    try:
        if file is None or not filename.lower().endswith((".docx", ".pdf")):
            raise DocgenError(error("upload-not-docx", "Hãy chọn báo cáo Word dạng .docx hoặc bản PDF của nó."))
        outline = service.load(current, name, round_own).outline
        text = service.import_document(file.read(), outline, filename)
        own = parse_yaml(current, name).data
        data = {**(parse_yaml(text, filename).data or {}), "unit": own.get("unit", {}), "outline": outline.id}
        with writing() as db:
            user, _ = _load(db, report_id, EDIT)
            workflow.save(db, user, report_id, version, forms.to_yaml(forms.merged(outline, data)), utc_now(), f"Tải lên từ {filename}")
    except DocgenError as exc:
        return render_template("message.html", title="Không đọc được tệp", findings=exc.findings,
                               back=url_for("reports.show", report_id=report_id), back_label="Quay lại báo cáo"), 400
    except (workflow.Refused, workflow.Conflict):
        flash("Báo cáo vừa thay đổi hoặc không còn sửa được; tệp chưa được nhập.", "error")
        return redirect(url_for("reports.show", report_id=report_id))
    flash(f"Đã đọc “{filename}” vào báo cáo; hãy đọc lại từng mục và các kết quả kiểm tra trước khi nộp.", "ok")
    return redirect(url_for("reports.show", report_id=report_id))


@bp.get("/reports/<int:report_id>/van-ban.docx")
def download(report_id: int) -> Response | tuple[str, int]:
    with reading() as db:
        _, report = _load(db, report_id, READ)
        content, name, unit = report.content, workflow.content_name(report), report.unit_name
        outline = round_outline(report.round)
    try:
        data = docx_of(content, name, outline)
    except DocgenError as exc:
        return render_template("message.html", title="Chưa tạo được văn bản", findings=exc.findings), 400
    return attachment(data, f"{slugify(unit)}.docx", DOCX)


@bp.get("/reports/<int:report_id>/history")
def report_history(report_id: int) -> str:
    with reading() as db:
        _, report = _load(db, report_id, READ)
        versions = workflow.versions(db, report)
        events = workflow.events(db, report)
        names = {u.id: u.display_name or u.username for u in db.query(User).all()}
        diff = _diff(db, report, versions)
        sections = forms.section_fields(round_outline(report.round), {})
        return render_template("report_history.html", report=report, versions=versions, events=events, names=names, diff=diff,
                               sections=sections, local_text=local_text, status_vi=workflow.STATUS_VI, action_vi=workflow.ACTION_VI,
                               chosen=request.args)


def _diff(db: Session, report: RoundReport, versions: list[Any]) -> list[history.DiffLine] | None:
    section = request.args.get("section", "")
    try:
        old, new = int(request.args.get("a", "0")), int(request.args.get("b", "0"))
    except ValueError:
        return None
    numbers = {v.version for v in versions}
    if not section or old not in numbers or new not in numbers:
        return None
    name = workflow.content_name(report)
    return history.section_diff(workflow.version_content(db, report, old), workflow.version_content(db, report, new), name, section)
