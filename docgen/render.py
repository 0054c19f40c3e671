"""render(template, context) -> .docx bytes. The only module that uses docxtpl.

Rendering is sandboxed, strict (an undefined name is an error) and escapes every value, so
"&", "<" and quotes reach the document as written. Output is deterministic: the same inputs
give the same bytes (fixed zip timestamps, the template's member order).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from .errors import DocgenError, Location, error

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def jinja_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def render(template: Path, context: dict[str, Any]) -> bytes:
    try:
        doc = DocxTemplate(str(template))
        doc.render(context, jinja_env=jinja_env(), autoescape=True)
    except TemplateError as exc:
        raise DocgenError(error("template-error", f"Mẫu văn bản bị lỗi: {exc}.", Location(str(template)))) from None
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue())


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a .docx with fixed timestamps and attributes so equal content gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()
