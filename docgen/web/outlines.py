"""Outlines from the guidance document, in the round-creation flow: an administrator uploads the
upper level's guidance (.docx, .pdf, .txt), reviews the imported đề cương as a tree with what the
import could not decide beside each heading, fixes titles or required flags or removes a heading,
and saves it; the round-creation page then offers it. The rules are in docgen.service.outlines."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..core.errors import DocgenError, Finding
from ..outline.model import Outline
from ..service import outlines
from ..service.clock import utc_now
from ..storage.outlines import StoredOutline
from .access import found, me, reading, writing

bp = Blueprint("outlines", __name__)
CHOICE_PREFIX = "stored:"  # the value of an imported outline in the round form's outline list (never a valid outline id)


def choice(stored_id: int) -> str:
    return f"{CHOICE_PREFIX}{stored_id}"


@bp.post("/rounds/outlines")
def upload() -> BaseResponse | tuple[str, int]:
    file = request.files.get("guidance")
    filename = (file.filename or "") if file else ""
    try:
        with writing() as db, found():
            data = file.read(outlines.MAX_GUIDANCE_BYTES + 1) if file is not None else b""
            stored_id = outlines.import_guidance(db, me(db), data, filename, utc_now()).id
    except DocgenError as exc:
        return render_template("message.html", title="Chưa nhập được đề cương", findings=exc.findings,
                               back=url_for("rounds.create"), back_label="Quay lại trang tạo đợt báo cáo"), 400
    flash(f"Đã đọc đề cương trong “{filename}”; hãy xem lại từng mục rồi lưu.", "ok")
    return redirect(url_for("outlines.review", stored_id=stored_id))


@bp.get("/rounds/outlines/<int:stored_id>")
def review(stored_id: int) -> str:
    with reading() as db, found():
        stored = outlines.stored_for(db, me(db), stored_id)
        return _page(stored, outlines.in_use(db, stored))


def _page(stored: StoredOutline, locked: bool, errors: list[Finding] | None = None) -> str:
    """The tree with its inputs; after a refused edit they show what was typed (`errors` set), not what is saved."""
    notes = outlines.notes_of(stored)
    outline = outlines.outline_of(stored)
    by_section: dict[str, list[outlines.Note]] = {}
    for note in notes:  # a note whose heading was removed is listed with those about no one heading
        by_section.setdefault(note.section if outline.find(note.section) else "", []).append(note)
    return render_template("outline_review.html", stored=stored, outline=outline, notes=notes,
                           by_section=by_section, locked=locked, errors=errors or [], typed=request.form if errors else None)


@bp.post("/rounds/outlines/<int:stored_id>")
def save(stored_id: int) -> BaseResponse | tuple[str, int]:
    try:
        with writing() as db, found():
            user = me(db)
            stored = outlines.stored_for(db, user, stored_id)
            edits = _edits(outlines.outline_of(stored))
            outlines.edit_outline(db, user, stored_id, _version(), request.form.get("name", ""), edits, utc_now())
    except DocgenError as exc:
        with reading() as db, found():
            stored = outlines.stored_for(db, me(db), stored_id)
            return _page(stored, outlines.in_use(db, stored), list(exc.findings)), 400
    flash("Đã lưu đề cương. Hãy chọn hạn nộp và các đơn vị để tạo đợt báo cáo theo đề cương này.", "ok")
    return redirect(url_for("rounds.create", outline=choice(stored_id)))


def _version() -> int:
    try:
        return int(request.form.get("version", ""))
    except ValueError:
        return 0


def _edits(outline: Outline) -> dict[str, outlines.SectionEdit]:
    """What the form says of each section shown (a section whose title field is absent is left as it is)."""
    form = request.form
    return {
        section.id: outlines.SectionEdit(form[f"title.{section.id}"], f"required.{section.id}" in form, f"remove.{section.id}" in form)
        for section in outline.walk() if f"title.{section.id}" in form
    }
