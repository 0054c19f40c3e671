"""Routes: thin glue between the form, the draft store and the engine (service)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..core.errors import DocgenError, error
from ..core.vietnamese import slugify
from ..core.yamlio import parse_yaml, strip_controls
from ..storage import Conflict, Draft, DraftStore
from ..storage.drafts import SAVE_ID_LENGTH
from . import forms, service, tables
from .download import attachment
from .views import finding_text, local_time, severity_class

bp = Blueprint("web", __name__)
CONFLICT = ("Bản nháp đã được sửa ở một thẻ hoặc cửa sổ khác (nay là phiên bản {version}); thay đổi vừa rồi CHƯA được lưu. "
            "Hãy sao chép phần đang viết, tải lại trang để xem bản mới nhất rồi dán lại.")
NO_PDF = "Máy chủ chưa cài LibreOffice nên chưa tạo được PDF. Hãy tải tệp .docx rồi dùng Word hoặc LibreOffice để in ra PDF."


def store() -> DraftStore:
    found: DraftStore = current_app.extensions["docgen_store"]
    return found


def _draft(draft_id: int) -> Draft:
    draft = store().get(draft_id)
    if draft is None:
        abort(404)
    return draft


def _name(draft: Draft) -> str:
    return f"ban-nhap-{draft.id}.yaml"


def _title(data: dict[str, Any], fallback: str) -> str:
    for name in ("unit.name", "organ.name"):
        value = forms.values(data).get(name, "").strip()
        if value:
            return value
    return fallback


@bp.get("/healthz")
def health() -> tuple[Response, int]:
    """For a load balancer or a monitor: 200 while the database answers, 503 otherwise."""
    if store().ping():
        return jsonify({"status": "ok"}), 200
    return jsonify({"status": "database unavailable"}), 503


@bp.get("/")
def index() -> str:
    return render_template("index.html", drafts=store().drafts(), outlines=service.outlines(), local_time=local_time)


@bp.post("/drafts")
def create() -> BaseResponse | tuple[str, int]:
    outline_id = request.form.get("outline", "")
    unit = request.form.get("unit", "").strip()
    outline = service.outlines().get(outline_id)
    if outline is None:
        flash("Hãy chọn một đề cương trong danh sách.", "error")
        return redirect(url_for("web.index"))
    data = forms.empty_content(outline, unit)
    draft = store().create(_title(data, outline.name), outline.id, forms.to_yaml(data), "Tạo mới")
    return redirect(url_for("web.edit", draft_id=draft.id))


@bp.post("/drafts/upload")
def upload() -> BaseResponse | tuple[str, int]:
    file = request.files.get("file")
    filename = (file.filename or "") if file else ""
    if file is None or not filename.lower().endswith((".yaml", ".yml", ".docx", ".pdf")):
        return _index_error(["Hãy chọn một tệp nội dung .yaml hoặc một báo cáo .docx, .pdf."])
    try:
        text = _uploaded_text(file.read(), filename)
        draft = _import(text, filename)
    except DocgenError as exc:
        return _index_error([finding_text(f) for f in exc.findings])
    return redirect(url_for("web.edit", draft_id=draft.id))


def _uploaded_text(data: bytes, filename: str) -> str:
    """The content YAML of an upload: the text of a .yaml, or a .docx or .pdf read through the import path."""
    if filename.lower().endswith((".docx", ".pdf")):
        return service.import_document(data, service.outline_for(request.form.get("outline", "")), filename)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DocgenError(error("not-utf8", "Tệp không được mã hóa UTF-8; hãy lưu lại tệp với mã hóa UTF-8.")) from None


def _import(text: str, filename: str) -> Draft:
    clean, _ = strip_controls(text, filename)
    loaded = service.load(clean, filename)
    data = forms.merged(loaded.outline, parse_yaml(clean, filename).data)
    title = _title(data, loaded.outline.name)
    return store().create(title, loaded.outline.id, forms.to_yaml(data), f"Tải lên từ {filename}")


def _index_error(messages: list[str]) -> tuple[str, int]:
    page = render_template("index.html", drafts=store().drafts(), outlines=service.outlines(), local_time=local_time,
                           upload_errors=messages)
    return page, 400


@bp.get("/drafts/<int:draft_id>")
def edit(draft_id: int) -> str | tuple[str, int]:
    draft = _draft(draft_id)
    try:
        checked = service.check(draft.content, _name(draft))
    except DocgenError as exc:
        return render_template("message.html", title="Không mở được bản nháp", findings=exc.findings), 500
    data = forms.merged(checked.outline, parse_yaml(draft.content, _name(draft)).data)
    return render_template(
        "draft.html", draft=draft, outline=checked.outline, checked=checked, findings=findings_json(checked),
        metadata=forms.METADATA, closing=forms.CLOSING, values=forms.values(data),
        sections=forms.section_fields(checked.outline, data), field_id=forms.field_id,
        indicators=tables.indicator_rows(data.get("indicators")), indicator_columns=tables.INDICATOR_COLUMNS,
        recipients=service.recipient_suggestions(checked.outline), authorities=service.authority_suggestions(checked.outline),
        pdf=service.pdf_available(), local_time=local_time, severity_class=severity_class,
    )


def findings_json(checked: service.Checked) -> list[dict[str, Any]]:
    result = []
    for i, finding in enumerate(checked.findings):
        field = checked.fields.get(i)
        result.append({
            "code": finding.code, "severity": finding.severity.value, "label": finding.severity.label_vi,
            "message": finding.message, "section": finding.location.section or "",
            "field": forms.field_id(field) if field else "",
        })
    return result


@bp.post("/drafts/<int:draft_id>")
def save(draft_id: int) -> Response | BaseResponse | tuple[Response | str, int]:
    draft = _draft(draft_id)
    try:
        base = int(request.form.get("base_version", ""))
    except ValueError:
        return _reply_error("Thiếu phiên bản gốc của bản nháp; hãy tải lại trang.", 400, draft_id)
    loaded = service.load(draft.content, _name(draft))
    data = forms.apply(loaded.outline, loaded.report.doc.data, request.form)  # the YAML parsed once (pure-Python PyYAML is slow)
    try:
        saved = store().save(draft_id, base, _title(data, loaded.outline.name), forms.to_yaml(data), "Tự động lưu", client_save_id())
    except Conflict as exc:
        return _reply_error(CONFLICT.format(version=exc.current), 409, draft_id, version=exc.current)
    if not _json():
        flash(f"Đã lưu phiên bản {saved.version}.", "ok")
        return redirect(url_for("web.edit", draft_id=draft_id))
    checked = service.check(saved.content, _name(saved))
    return jsonify({"version": saved.version, "saved": local_time(saved.updated), "findings": findings_json(checked),
                    "counts": checked.counts, "title": saved.title})


def client_save_id() -> str | None:
    """The id the page gave this save (sent again unchanged when the save is retried)."""
    save_id = request.form.get("save_id", "").strip()
    return save_id[:SAVE_ID_LENGTH] or None


def _json() -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _reply_error(message: str, status: int, draft_id: int, **extra: Any) -> Response | BaseResponse | tuple[Response | str, int]:
    if _json():
        return jsonify({"error": message, **extra}), status
    flash(message, "error")
    return redirect(url_for("web.edit", draft_id=draft_id))


@bp.get("/drafts/<int:draft_id>/history")
def history(draft_id: int) -> str:
    draft = _draft(draft_id)
    return render_template("history.html", draft=draft, versions=store().versions(draft_id), local_time=local_time)


@bp.get("/drafts/<int:draft_id>/versions/<int:version>")
def version(draft_id: int, version: int) -> str:
    draft = _draft(draft_id)
    content = store().version(draft_id, version)
    if content is None:
        abort(404)
    return render_template("version.html", draft=draft, version=version, content=content)


@bp.post("/drafts/<int:draft_id>/versions/<int:version>/restore")
def restore(draft_id: int, version: int) -> BaseResponse:
    draft = _draft(draft_id)
    content = store().version(draft_id, version)
    if content is None:
        abort(404)
    try:
        store().save(draft_id, int(request.form.get("base_version", "0")), draft.title, content, f"Khôi phục phiên bản {version}")
    except (Conflict, ValueError):
        flash(CONFLICT.format(version=draft.version), "error")
        return redirect(url_for("web.history", draft_id=draft_id))
    flash(f"Đã khôi phục nội dung của phiên bản {version} thành phiên bản mới.", "ok")
    return redirect(url_for("web.edit", draft_id=draft_id))


def _download(data: bytes, draft: Draft, extension: str, mimetype: str) -> Response:
    return attachment(data, f"{slugify(draft.title)}.{extension}", mimetype)


@bp.get("/drafts/<int:draft_id>/download.docx")
def download_docx(draft_id: int) -> Response | tuple[str, int]:
    draft = _draft(draft_id)
    try:
        data = service.docx_bytes(draft.content, _name(draft))
    except DocgenError as exc:
        return render_template("message.html", title="Chưa tạo được văn bản", findings=exc.findings), 400
    mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(data, draft, "docx", mimetype)


@bp.get("/drafts/<int:draft_id>/download.pdf")
def download_pdf(draft_id: int) -> Response | tuple[str, int]:
    draft = _draft(draft_id)
    if not service.pdf_available():
        return render_template("message.html", title="Chưa tạo được PDF", message=NO_PDF, draft=draft), 503
    try:
        data = service.pdf_bytes(draft.content, _name(draft))
    except DocgenError as exc:
        return render_template("message.html", title="Chưa tạo được PDF", findings=exc.findings, draft=draft), 500
    return _download(data, draft, "pdf", "application/pdf")


@bp.get("/drafts/<int:draft_id>/download.yaml")
def download_yaml(draft_id: int) -> Response:
    draft = _draft(draft_id)
    return _download(draft.content.encode("utf-8"), draft, "yaml", "application/x-yaml; charset=utf-8")
