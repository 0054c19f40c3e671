"""Renders that share context entries: the nodes reading only unchanged entries are rendered and
passed over once, and every document keeps docxtpl's bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jinja2.sandbox import SandboxedEnvironment

from docgen import pipeline
from docgen.render.context import build_context
from docgen.render.engine import CompiledTemplate, jinja_env, render_plain
from docgen.render.segments import Segments

RICH = (
    ("  ket-qua-muc-tieu: Kết quả mục tiêu.", "  ket-qua-muc-tieu:\n    blocks:\n      - Tỷ lệ & <chỉ tiêu> \"đạt\" theo 21-NQ/TW\n"
     "      - table:\n          caption: Bảng 1\n          header: [Chỉ tiêu, Kết quả]\n          rows: [[Dân số, '186.974'], [Tỷ số, '33,6']]\n"),
    ("  han-che: Hạn chế.", "  han-che: \"- Hạn chế một\\n+ Ý nhỏ\\tcó tab\""),
)
ORGANS = ("ĐẢNG ỦY XÃ A", "ĐẢNG ỦY XÃ “B” & <C>", "ĐẢNG ỦY PHƯỜNG 1‑2", "ĐẢNG ỦY XÃ D\tE", "ĐẢNG ỦY XÃ 'F'", "ĐẢNG ỦY XÃ G")


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


@pytest.fixture
def loaded(minimal: Callable[..., Path]) -> pipeline.Loaded:
    return pipeline.load(minimal(*RICH))


def unit(shared: dict[str, Any], i: int, organ: str) -> dict[str, Any]:
    """A unit's context as a bulk run makes it: the shared entries are the same objects, its own are new."""
    return {**shared, "organ": organ, "date_line": f"Nơi {i}, ngày 05 tháng 8 năm 2025", "number_line": f"Số {i}-BC/ĐU"}


def kept_sizes(template: CompiledTemplate) -> list[int]:
    segments = template._segments
    assert segments is not None and segments.enabled
    return [len(kept.data) for kept in segments._kept if kept is not None]


def test_units_sharing_the_body_get_docxtpls_bytes_and_the_body_is_kept(loaded: pipeline.Loaded) -> None:
    path = loaded.outline.template_path()
    template, shared = CompiledTemplate(path), build_context(loaded.outline, loaded.report)
    for i, organ in enumerate(ORGANS):
        context = unit(shared, i, organ)
        assert template.document_xml(context) == document_xml(render_plain(path, context)), organ
    assert max(kept_sizes(template)) > 2000  # the body's bytes, made once


def test_a_new_body_is_rendered_again(loaded: pipeline.Loaded) -> None:
    path = loaded.outline.template_path()
    template, shared = CompiledTemplate(path), build_context(loaded.outline, loaded.report)
    for i, organ in enumerate(ORGANS[:4]):
        template.document_xml(unit(shared, i, organ))
    changed = {**shared, "body": [*shared["body"], {"style": "text", "text": "Đoạn mới thêm"}]}
    for i in range(3):
        context = unit(changed, i, ORGANS[i])
        made = template.document_xml(context)
        assert made == document_xml(render_plain(path, context))
        assert "Đoạn mới thêm".encode() in made


def test_a_value_holding_a_marker_character_is_rendered_whole(loaded: pipeline.Loaded) -> None:
    path = loaded.outline.template_path()
    template, shared = CompiledTemplate(path), build_context(loaded.outline, loaded.report)
    for i, organ in enumerate(ORGANS[:4]):
        template.document_xml(unit(shared, i, organ))
    context = unit(shared, 9, "ĐẢNG ỦY XÃ \ue000\ue001")
    assert template.document_xml(context) == document_xml(render_plain(path, context))


@pytest.mark.parametrize("source", ["{% set x = 1 %}<w:body>{{ x }}</w:body>", "<w:body>{% if a %}{% set x = 1 %}{% endif %}{{ x }}</w:body>",
                                    "{% macro m() %}x{% endmacro %}<w:body>{{ m() }}</w:body>"])
def test_a_template_that_sets_names_is_not_split(source: str) -> None:
    assert Segments.for_template(jinja_env(), source) is None


def test_kept_bytes_differing_from_the_whole_render_turn_the_template_back_to_whole_renders() -> None:
    env: SandboxedEnvironment = jinja_env()
    segments = Segments.for_template(env, "<w:body>{% for b in body %}<w:p>{{ b }}</w:p>{% endfor %}{{ name }}</w:body>")
    assert segments is not None
    body = ["một", "hai"]

    def finish(xml: str) -> bytes:
        return xml.encode()

    made = [segments.render({"body": body, "name": n}, finish, lambda: b"whole") for n in ("a", "b", "c")]
    assert made[0] is None  # the first render: nothing shared yet, the caller renders whole
    assert made[1] == b"whole" and not segments.enabled  # the marked render differed from the whole one
    assert segments.render({"body": body, "name": "d"}, finish, lambda: b"whole") is None
