"""Chuẩn hóa thể thức on the web: upload a Word report, get the compliant one back with what was
changed rule by rule, or the reader's doubts about its structure (a "force" box as the CLI's --force).

Any signed-in account may use it (with no account at all it is open, as the draft pages are). The
rebuilt document comes back inside the answer page, which no cache keeps (hardening.py): nothing of
the upload is stored on the server.
"""

from __future__ import annotations

import base64
from typing import Any

from flask import Blueprint, render_template, request

from ..core.errors import DocgenError
from ..service.fixing import FixedUpload, fix_upload
from . import service
from .views import finding_text, severity_class

bp = Blueprint("fix", __name__)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NO_FILE = "Hãy chọn một báo cáo Word (.docx, .doc) hoặc .odt, .rtf để chuẩn hóa."


def _page(status: int = 200, **shown: Any) -> tuple[str, int]:
    outlines = service.outlines()
    chosen = request.form.get("outline", "")
    return render_template("fix.html", outlines=outlines, chosen=chosen, severity_class=severity_class, **shown), status


@bp.get("/fix")
def form() -> tuple[str, int]:
    return _page()


@bp.post("/fix")
def run() -> tuple[str, int]:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _page(400, errors=[NO_FILE])
    try:
        outline = service.outline_for(request.form.get("outline", ""))
        outcome = fix_upload(service.SESSION, upload.read(), upload.filename, outline, request.form.get("force") == "1")
    except DocgenError as exc:
        return _page(400, errors=[finding_text(f) for f in exc.findings])
    if not isinstance(outcome, FixedUpload):
        return _page(422, refused=outcome, filename=upload.filename)
    return _page(result=outcome.fixed, filename=upload.filename, download=outcome.filename,
                 href=f"data:{DOCX_TYPE};base64,{base64.b64encode(outcome.data).decode('ascii')}",
                 remaining=[(f.severity, finding_text(f)) for f in outcome.fixed.remaining])
