"""The document's own properties (docProps/core.xml): title, author organ, date.

Word shows them under File › Info, and LibreOffice carries them into a PDF's title, author and
(for PDF/A) its XMP metadata. Built from the context, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.sax.saxutils import escape

from ..core.vietnamese import nfc

_NAMESPACES = (
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
)


def document_properties(kind_title: str, summary: str, organ: str, date: dt.date | None) -> dict[str, str]:
    """Title ("Báo cáo sơ kết 5 năm …"), author (the issuing organ) and date (ISO 8601, "" when undated)."""
    words = " ".join(summary.split())
    kind = kind_title[:1] + kind_title[1:].lower()
    title = f"{kind} {words[:1].lower()}{words[1:]}" if words else kind
    return {"title": nfc(title), "author": nfc(" ".join(organ.split())), "date": date.isoformat() if date else ""}


def core_xml(properties: dict[str, Any]) -> bytes:
    """docProps/core.xml for these properties (the keys of `document_properties`)."""
    stamp = f"{properties['date']}T00:00:00Z" if properties.get("date") else ""
    dates = "".join(f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{name}>' for name in ("created", "modified")) if stamp else ""
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<cp:coreProperties {_NAMESPACES}><dc:title>{escape(properties['title'])}</dc:title>"
        f"<dc:creator>{escape(properties['author'])}</dc:creator><cp:lastModifiedBy>{escape(properties['author'])}</cp:lastModifiedBy>"
        f"<dc:language>vi-VN</dc:language>{dates}</cp:coreProperties>"
    )
    return xml.encode("utf-8")
