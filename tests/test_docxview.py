"""One walk of a paragraph serves the reader and the format checks: whatever the paragraph holds,
it gives what python-docx gives (text, runs, bold, font) and what the format checks' own reading
of every nested run gives."""

from __future__ import annotations

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.read.docxview import DocxView, rulebook_runs

RUN_PROPERTIES = st.sampled_from([
    "", "<w:rPr/>", "<w:rPr><w:b/></w:rPr>", '<w:rPr><w:b w:val="0"/><w:sz w:val="28"/></w:rPr>',
    '<w:rPr><w:rFonts w:ascii="Arial"/><w:b w:val="true"/></w:rPr>', '<w:rPr><w:b w:val="off"/></w:rPr>',
])
RUN_PARTS = st.sampled_from([
    "<w:t>Ủy ban</w:t>", '<w:t xml:space="preserve"> nhân dân </w:t>', "<w:t/>", "<w:tab/>", "<w:br/>",
    '<w:br w:type="page"/>', '<w:br w:type="textWrapping"/>', "<w:noBreakHyphen/>", "<w:cr/>", "<w:ptab/>",
    "<w:lastRenderedPageBreak/>", '<w:fldChar w:fldCharType="begin"/>',
])


@st.composite
def runs(draw: st.DrawFn) -> str:
    return f"<w:r>{draw(RUN_PROPERTIES)}{''.join(draw(st.lists(RUN_PARTS, max_size=4)))}</w:r>"


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    wrappers = st.sampled_from(["{}", "<w:hyperlink>{}</w:hyperlink>", "<w:ins>{}</w:ins>", "<w:smartTag>{}</w:smartTag>"])
    children = draw(st.lists(st.one_of(
        runs(), runs(), st.builds(lambda w, r: w.format(r), wrappers, runs()),
        st.sampled_from(['<w:bookmarkStart w:id="0" w:name="a"/>', '<w:bookmarkEnd w:id="0"/>', "<w:proofErr/>"]),
    ), max_size=5))
    ppr = draw(st.sampled_from(["", '<w:pPr><w:pStyle w:val="Heading1"/><w:jc w:val="center"/></w:pPr>']))
    return f"<w:p {nsdecls('w')}>{ppr}{''.join(children)}</w:p>"


@settings(max_examples=300)
@given(paragraphs())
def test_one_walk_gives_what_python_docx_and_the_rulebook_read(xml):
    document = docx.Document()
    p = parse_xml(xml)
    document.element.body.append(p)
    info = DocxView.of(document).paragraph(p)
    paragraph = Paragraph(p, document._body)
    assert info.text == paragraph.text
    assert [(r.text, r.bold, r.font_name, r.font_size) for r in info.runs] == [
        (r.text, r.bold, r.font.name, r.font.size) for r in paragraph.runs]
    assert info.rulebook_runs() == rulebook_runs(p)
    assert info.style_id == ("Heading1" if "pStyle" in xml else None)


def test_the_usual_paragraph_is_walked_once(monkeypatch):
    """Runs holding text, tabs, line breaks and hyphens: the format checks take the reader's runs."""
    document = docx.Document()
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr/><w:r><w:rPr><w:b/></w:rPr><w:t>Số 12</w:t><w:noBreakHyphen/>'
                  f'<w:t>BC</w:t><w:br/></w:r><w:proofErr/><w:r><w:tab/></w:r></w:p>')
    document.element.body.append(p)
    info = DocxView.of(document).paragraph(p)
    assert info.rulebook_runs() is info.walked
    assert [text for text, _, _ in info.walked] == ["Số 12-BC\n", "\t"]
