"""Whatever text a content file holds, loading and validation end in findings or DocgenError,
never in another exception; and whatever a valid file's texts hold, the document renders."""

from __future__ import annotations

from dataclasses import replace

from docx_view import body, open_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import pipeline
from docgen.content.report import Paragraph, parse_report
from docgen.core.errors import DocgenError
from docgen.core.vietnamese import nfc
from docgen.core.yamlio import strip_controls
from docgen.render.context import build_context
from docgen.render.engine import render
from docgen.validate.rules import validate

YAMLISH = st.text(alphabet=st.sampled_from(list("abc:-|>[]{}#&*!%@`'\"\n\t ,.0123456789ĐđươƯƠ\x00\x07\u0301")), max_size=200)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH)
def test_any_text_gives_findings_or_a_clean_error(nq21, text):
    clean, _ = strip_controls(text, "fuzz.yaml")
    try:
        report = parse_report(clean, "fuzz.yaml")
    except DocgenError as exc:
        assert exc.findings and all(f.message for f in exc.findings)
        return
    for finding in validate(nq21, report):
        assert finding.code and finding.message


SAFE_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(lambda t: t.strip())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=SAFE_TEXT, paragraph=SAFE_TEXT)
def test_any_printable_text_renders_as_written(minimal, nq21, title, paragraph):
    loaded = pipeline.load(minimal())
    answer = loaded.report.sections["nguon-luc"]
    sections = {**loaded.report.sections, "nguon-luc": replace(answer, title=title, blocks=(Paragraph(paragraph),))}
    report = replace(loaded.report, sections=sections)
    data = render(loaded.outline.template_path(), build_context(nq21, report))
    texts = [p.text.strip() for p in body(open_docx(data))]
    assert nfc(paragraph).strip() in texts
