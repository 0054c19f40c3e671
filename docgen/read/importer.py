"""Turn a read document into a content file (YAML) that `docgen build` makes into a document again.

Text is repaired (legacy-font "ƣ" and friends) and NFC-normalised; a section keeps its own
title only when it differs from the outline's; extra sections are declared as such.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.report import Block, Paragraph, Table
from ..core.vietnamese import repair_mojibake
from ..core.yamlio import dump_yaml
from ..outline.model import Outline
from .docreport import ReadReport

_MARKS = {1: "- ", 2: "+ "}


def clean(text: str) -> str:
    return repair_mojibake(text).strip()


def blocks_text(blocks: tuple[Block, ...]) -> str:
    return "\n".join(_MARKS.get(b.level, "") + clean(b.text) for b in blocks if isinstance(b, Paragraph))


def _blocks(blocks: tuple[Block, ...]) -> Any:
    if not any(isinstance(b, Table) for b in blocks):
        return blocks_text(blocks)
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, Table):
            table: dict[str, Any] = {"header": [clean(h) for h in block.header], "rows": [[clean(c) for c in row] for row in block.rows]}
            if block.caption:
                table = {"caption": clean(block.caption), **table}
            out.append({"table": table})
        else:
            out.append(_MARKS.get(block.level, "") + clean(block.text))
    return out


def _same(a: str, b: str) -> bool:
    return re.sub(r"[\s.:;,]+", " ", a).strip().casefold() == re.sub(r"[\s.:;,]+", " ", b).strip().casefold()


def content_data(read_back: ReadReport, outline: Outline) -> dict[str, Any]:
    report = read_back.report
    data: dict[str, Any] = {"outline": outline.id}
    if report.organ.parent or report.organ.name:
        data["organ"] = {"parent": clean(report.organ.parent), "name": clean(report.organ.name)}
    data["number"] = re.sub(r"\s*([-/])\s*", r"\1", report.number)
    data["place"] = clean(report.place)
    data["date"] = report.date.isoformat() if report.date else ""
    data["summary"] = "\n".join(clean(s) for s in report.summary)
    if report.opening:
        data["opening"] = blocks_text(report.opening)
    if report.parts:
        data["parts"] = [{"label": clean(p.label), "title": clean(p.title), "sections": list(p.sections)} for p in report.parts]
    single = {p.sections[0] for p in report.parts if len(p.sections) == 1}  # the part's title is the heading
    sections = {key: _section(answer, outline, key in single) for key, answer in report.sections.items()}
    data["sections"] = {key: value for key, value in sections.items() if value != "" or not _has_children(outline, key)}
    if report.closing:
        data["closing"] = blocks_text(report.closing)
    data["recipients"] = [clean(r) for r in report.recipients]
    signer = report.signer
    data["signer"] = {"authority": clean(signer.authority), "position": clean(signer.position), "name": clean(signer.name)}
    return data


def _has_children(outline: Outline, key: str) -> bool:
    section = outline.find(key)
    return bool(section and section.children)


def _section(answer: Any, outline: Outline, titled_by_part: bool) -> Any:
    section = outline.find(answer.id)
    body = _blocks(answer.blocks)
    title = "" if titled_by_part else clean(answer.title or "")
    if answer.extra:
        value: dict[str, Any] = {"extra": "true", "title": title}
        if answer.parent:
            value["parent"] = answer.parent
    elif section is not None and title and not _same(title, section.title):
        value = {"title": title}
    else:
        return body
    value["blocks" if isinstance(body, list) else "text"] = body
    return value


def content_yaml(read_back: ReadReport, outline: Outline) -> str:
    header = f"# Nhập từ {read_back.source.file} theo đề cương {outline.id}; hãy đọc lại trước khi dùng.\n"
    body = dump_yaml(content_data(read_back, outline))
    return header + body
