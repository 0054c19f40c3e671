"""Generate the docxtpl templates templates/party.docx and templates/state.docx.

Party documents follow Hướng dẫn 36-HD/VPTW, State documents Nghị định 30/2020/NĐ-CP
(shared/format-standards.md §A, §B, §G). The context the templates receive and the style names
are described in docs/templates.md. All formatting lives in named "DG ..." styles so that a
template author can restyle a template in Word; re-running this script overwrites both files.

Usage: python tools/make_templates.py [output-directory]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

FONT = "Times New Roman"
PAGE_W, PAGE_H = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_W_MM = 210 - 30 - 15
LAYOUT_TABLE_STYLE = "DG Layout Table"
BODY_TABLE_STYLE = "DG Table"
CELL_MARGIN_MM = 1.5  # left/right padding of table cells
KEEP_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


@dataclass(frozen=True)
class Style:
    """One paragraph style. Sizes and spacing in points, indents in millimetres."""

    name: str
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    align: int = CENTER
    first_line_mm: float = 0
    left_mm: float = 0
    right_mm: float = 0
    before: float = 0
    after: float = 0
    line_exact: float | None = None  # Exactly N pt
    line_multiple: float = 1.0  # used when line_exact is None
    rule_below: bool = False  # solid bottom border (a drawn line limited by the indents)
    keep_next: bool = False
    page_break: bool = False  # starts a new page (the appendix title)


def body_styles(body: Style) -> list[Style]:
    """Body paragraph styles derived from the DG Body style of a profile."""
    heading = replace(body, keep_next=True)
    centred = replace(heading, align=CENTER, first_line_mm=0, bold=True)
    return [
        body,
        replace(heading, name="DG Heading 1", bold=True),
        replace(heading, name="DG Heading 2", bold=True),
        replace(heading, name="DG Heading 3", bold=True, italic=True),
        replace(centred, name="DG Part Label", before=6),
        replace(centred, name="DG Part Title"),
        replace(body, name="DG Bullet 1"),
        replace(body, name="DG Bullet 2"),
        replace(centred, name="DG Table Caption", before=6),
        Style("DG Appendix Title", body.size, bold=True, caps=True, page_break=True, keep_next=True),
        Style("DG Appendix Subtitle", body.size, bold=True, keep_next=True),
        Style("DG Appendix Note", body.size, italic=True, after=12, keep_next=True),
        Style("DG Table Header", 13, bold=True, before=2, after=2),
        Style("DG Table Text", 13, align=LEFT, before=2, after=2),
    ]


def centred_rule(name: str, box_mm: float, rule_mm: float, in_cell: bool = True) -> Style:
    """An empty paragraph drawing a centred solid line rule_mm long in a box_mm wide column."""
    if in_cell:
        box_mm -= 2 * CELL_MARGIN_MM
    side = (box_mm - rule_mm) / 2
    return Style(name, 2, left_mm=side, right_mm=side, line_exact=2, rule_below=True)


# Column widths of the two-column layout tables, in millimetres.
PARTY_HEADER_COLS = (75, TEXT_W_MM - 75)
STATE_HEADER_COLS = (68, TEXT_W_MM - 68)
CLOSING_COLS = (78, TEXT_W_MM - 78)
GROUP_COLS = (45, 78 - 2 * CELL_MARGIN_MM - 45)  # a bracketed group of recipients: members | brace and note
BRACE_PT = 36  # the brace spans about three 12 pt lines

PARTY_BODY = Style("DG Body", 14, align=JUSTIFY, first_line_mm=10, after=6, line_exact=18)
STATE_BODY = Style("DG Body", 14, align=JUSTIFY, first_line_mm=10, after=6, line_multiple=1.15)

PARTY_STYLES = [
    Style("DG Organ Parent", 14, caps=True),
    Style("DG Organ", 14, bold=True, caps=True),
    Style("DG Star", 14),
    Style("DG Number", 14),
    Style("DG Party Title", 15, bold=True, underline=True),
    Style("DG Date", 14, italic=True, before=3),
    Style("DG Kind", 16, bold=True, caps=True, before=18, keep_next=True),
    Style("DG Summary", 14, bold=True, keep_next=True),
    Style("DG Separator", 14, after=6),
    *body_styles(PARTY_BODY),
    Style("DG Recipients Label", 14, underline=True, align=LEFT),
    Style("DG Recipients", 12, align=LEFT),
    Style("DG Signer Authority", 14, bold=True, caps=True),
    Style("DG Signer Position", 14, caps=True),
    Style("DG Signer Name", 14, bold=True),
    Style("DG Page Number", 14),
]

STATE_STYLES = [
    Style("DG Organ Parent", 13, caps=True),
    Style("DG Organ", 13, bold=True, caps=True),
    centred_rule("DG Organ Rule", STATE_HEADER_COLS[0], 22),
    Style("DG Number", 13, before=6),
    Style("DG National Title", 12, bold=True),
    Style("DG Motto", 13, bold=True),
    centred_rule("DG Motto Rule", STATE_HEADER_COLS[1], 57),
    Style("DG Date", 13, italic=True, before=6),
    Style("DG Kind", 14, bold=True, caps=True, before=18, keep_next=True),
    Style("DG Summary", 14, bold=True, keep_next=True),
    replace(centred_rule("DG Separator", TEXT_W_MM, 45, in_cell=False), after=12),
    *body_styles(STATE_BODY),
    Style("DG Recipients Label", 12, bold=True, italic=True, align=LEFT),
    Style("DG Recipients", 11, align=LEFT),
    Style("DG Signer Authority", 14, bold=True, caps=True),
    Style("DG Signer Position", 14, bold=True, caps=True),
    Style("DG Signer Name", 14, bold=True),
    Style("DG Page Number", 14),
]

# Jinja tags (docxtpl: "{%p" replaces its whole paragraph, "{%tr" its row, "{%tc" its cell).
# Most common first: every branch tested costs a sandboxed attribute look-up per block.
BODY_BRANCHES = [
    ("text", "DG Body"),
    ("bullet1", "DG Bullet 1"),
    ("bullet2", "DG Bullet 2"),
    ("heading3", "DG Heading 3"),
    ("heading2", "DG Heading 2"),
    ("heading1", "DG Heading 1"),
    ("part_label", "DG Part Label"),
    ("part_title", "DG Part Title"),
]


# ---------------------------------------------------------------- low-level XML helpers


def set_fonts(rpr) -> None:
    """Times New Roman for every script, no theme fonts, black text."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn(f"w:{attr}"), FONT)


def set_size_cs(rpr, size: float) -> None:
    """Complex-script size next to w:sz (python-docx only writes w:sz)."""
    szcs = rpr.find(qn("w:szCs"))
    if szcs is None:
        szcs = OxmlElement("w:szCs")
        rpr.find(qn("w:sz")).addnext(szcs)
    szcs.set(qn("w:val"), str(int(size * 2)))


def add_bottom_border(ppr) -> None:
    border = parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" '
        'w:color="000000"/></w:pBdr>'
    )
    ppr.insert_element_before(
        border, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"
    )


def set_table_width(table, widths_mm: tuple[float, ...] | None) -> None:
    """Fixed column widths in mm, or None for a full-width (100 %) auto-fit table."""
    tblpr = table._tbl.tblPr
    tblw = tblpr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tblpr.append(tblw)
    if widths_mm is None:
        tblw.set(qn("w:type"), "pct")
        tblw.set(qn("w:w"), "5000")
        for tcw in table._tbl.iter(qn("w:tcW")):
            tcw.getparent().remove(tcw)
        return
    table.autofit = False
    tblw.set(qn("w:type"), "dxa")
    tblw.set(qn("w:w"), str(Mm(sum(widths_mm)).twips))
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)


# ---------------------------------------------------------------- styles


def clean_styles(doc) -> None:
    """Drop the default template's unused styles and set Times New Roman defaults."""
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLE_IDS:
            styles.remove(style)
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr)
    for tag, val in (("w:sz", "28"), ("w:szCs", "28")):
        rpr.find(qn(tag)).set(qn("w:val"), val)
    rpr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "000000")
    rpr.find(qn("w:sz")).addprevious(color)  # the schema orders w:color before w:sz
    spacing = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))[0]
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(normal.element.get_or_add_rPr())
    set_size_cs(normal.element.rPr, 14)


def add_paragraph_style(doc, spec: Style) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.underline = spec.underline
    font.all_caps = spec.caps
    font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element.get_or_add_rPr())
    set_size_cs(style.element.rPr, spec.size)
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = Mm(spec.first_line_mm)
    fmt.left_indent = Mm(spec.left_mm)
    fmt.right_indent = Mm(spec.right_mm)
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    if spec.line_exact is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(spec.line_exact)
    else:
        fmt.line_spacing = spec.line_multiple
    fmt.keep_with_next = spec.keep_next
    fmt.page_break_before = spec.page_break
    fmt.widow_control = True
    if spec.rule_below:
        add_bottom_border(style.element.get_or_add_pPr())


def add_table_style(doc, name: str, border: str) -> None:
    """A table style: Times New Roman, given border type on every edge, small cell margins."""
    edges = "".join(
        f'<w:{edge} w:val="{border}" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    style_id = name.replace(" ", "")
    pad = Mm(CELL_MARGIN_MM).twips
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        '<w:color w:val="000000"/></w:rPr>'
        f'<w:tblPr><w:tblBorders>{edges}</w:tblBorders><w:tblCellMar>'
        f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{pad}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
    )
    doc.styles.element.append(parse_xml(xml))


# ---------------------------------------------------------------- document parts


# Parts of python-docx's default document that a template should not pass on: a blank-page
# thumbnail (file browsers would show it as every report's preview), Word 2010's duplicate style
# sheet (438 KB uncompressed) and an empty bibliography store.
UNWANTED_PARTS = ("/thumbnail", "/stylesWithEffects", "/customXml")


def drop_unwanted_parts(doc) -> None:
    for rels in (doc.part.package.rels, doc.part.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.endswith(UNWANTED_PARTS)]:
            del rels[r_id]


def new_document(styles: list[Style]):
    doc = Document()
    drop_unwanted_parts(doc)
    clean_styles(doc)
    for spec in styles:
        add_paragraph_style(doc, spec)
    add_table_style(doc, LAYOUT_TABLE_STYLE, "none")
    add_table_style(doc, BODY_TABLE_STYLE, "single")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_W, PAGE_H
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Mm(10)
    doc.core_properties.author = "docgen"
    return doc


def add_page_number(doc) -> None:
    """PAGE field centred in the header of pages 2+, empty header on page 1."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = "DG Page Number"
    para = section.header.paragraphs[0]
    para.style = "DG Page Number"
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"),
                       ("end", None)):
        run = para.add_run()
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def fill(container, lines: list[tuple[str, str]]) -> None:
    """Append (text, style) paragraphs to the document body or a table cell."""
    for text, style in lines:
        container.add_paragraph(text, style=style)


def fill_cell(cell, lines: list[tuple[str, str]]) -> None:
    """Like fill(), reusing the empty paragraph a new cell starts with."""
    first = cell.paragraphs[0]
    first.text, first.style = lines[0]
    fill(cell, lines[1:])


def layout_table(doc, widths_mm: tuple[float, float], rows: int = 1):
    table = doc.add_table(rows=rows, cols=2)
    table.style = doc.styles[LAYOUT_TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    set_table_width(table, widths_mm)
    return table


def add_party_header(doc) -> None:
    left, right = layout_table(doc, PARTY_HEADER_COLS).rows[0].cells
    fill_cell(left, [
        ("{%p if organ_parent %}", "DG Organ Parent"),
        ("{{ organ_parent }}", "DG Organ Parent"),
        ("{%p endif %}", "DG Organ Parent"),
        ("{{ organ }}", "DG Organ"),
        ("*", "DG Star"),
        ("{{ number_line }}", "DG Number"),
    ])
    fill_cell(right, [("ĐẢNG CỘNG SẢN VIỆT NAM", "DG Party Title"), ("{{ date_line }}", "DG Date")])


def add_state_header(doc) -> None:
    """Row 1: organ | Quốc hiệu + Tiêu ngữ; row 2: Số | date, so both stay on one line."""
    table = layout_table(doc, STATE_HEADER_COLS, rows=2)
    (organ, nation), (number, date) = (row.cells for row in table.rows)
    fill_cell(organ, [
        ("{%p if organ_parent %}", "DG Organ Parent"),
        ("{{ organ_parent }}", "DG Organ Parent"),
        ("{%p endif %}", "DG Organ Parent"),
        ("{{ organ }}", "DG Organ"),
        ("", "DG Organ Rule"),
    ])
    fill_cell(nation, [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DG National Title"),
        ("Độc lập - Tự do - Hạnh phúc", "DG Motto"),
        ("", "DG Motto Rule"),
    ])
    fill_cell(number, [("{{ number_line }}", "DG Number")])
    fill_cell(date, [("{{ date_line }}", "DG Date")])


def add_title(doc, separator: str) -> None:
    fill(doc, [
        ("{{ kind_title }}", "DG Kind"),
        ("{{ summary }}", "DG Summary"),
        (separator, "DG Separator"),
    ])


def add_body_table(doc) -> None:
    """Dynamic grid table: one column per header item, one row per item of b.rows."""
    table = doc.add_table(rows=4, cols=3)
    table.style = doc.styles[BODY_TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, row_start, row, row_end = table.rows
    cells = [
        (header, ("{%tc for h in b.header %}", "{{ h }}", "{%tc endfor %}"), "DG Table Header"),
        (row_start, ("{%tr for row in b.rows %}", "", ""), "DG Table Text"),
        (row, ("{%tc for cell in row %}", "{{ cell }}", "{%tc endfor %}"), "DG Table Text"),
        (row_end, ("{%tr endfor %}", "", ""), "DG Table Text"),
    ]
    for tr, texts, style in cells:
        for cell, text in zip(tr.cells, texts, strict=True):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = style
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    set_table_width(table, None)
    for tr in (header, row):
        tr._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    header._tr.trPr.append(OxmlElement("w:tblHeader"))  # repeat the header row on each page


def add_body(doc, source: str = "body") -> None:
    """One paragraph (or caption + table) per block of `source`, styled by b.style."""
    lines = [(f"{{%p for b in {source} %}}", "DG Body")]
    keyword = "if"
    for kind, style in BODY_BRANCHES:
        lines += [(f"{{%p {keyword} b.style == '{kind}' %}}", style), ("{{ b.text }}", style)]
        keyword = "elif"
    lines += [
        ("{%p elif b.style == 'table' %}", "DG Table Caption"),
        ("{%p if b.caption %}", "DG Table Caption"),
        ("{{ b.caption }}", "DG Table Caption"),
        ("{%p endif %}", "DG Table Caption"),
    ]
    fill(doc, lines)
    add_body_table(doc)
    fill(doc, [
        ("{%p else %}", "DG Body"),  # any other block: a body paragraph
        ("{{ b.text }}", "DG Body"),
        ("{%p endif %}", "DG Body"),
        ("{%p endfor %}", "DG Body"),
    ])


def add_closing(doc) -> None:
    """Spacer, then Nơi nhận (left) and the signature block (right)."""
    fill(doc, [("", "DG Body")])  # also keeps a final body table apart from this one
    table = layout_table(doc, CLOSING_COLS)
    left, right = table.rows[0].cells
    fill_cell(left, [("Nơi nhận:", "DG Recipients Label")])
    add_recipients(left)
    fill_cell(right, [
        ("{%p if signer.authority %}", "DG Signer Authority"),
        ("{{ signer.authority }}", "DG Signer Authority"),
        ("{%p endif %}", "DG Signer Authority"),
        ("{{ signer.position }}", "DG Signer Position"),
        *[("", "DG Signer Position")] * 4,
        ("{{ signer.name }}", "DG Signer Name"),
    ])
    table._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    fill(doc, [("", "DG Recipients")])  # Word needs a paragraph after a final table


def add_recipients(cell) -> None:
    """The plain list, or (when the list has a bracketed group) one row per recipient or group:
    a group is a nested table, its members on the left, a brace and the note beside them."""
    fill(cell, [
        ("{%p for row in recipient_rows %}", "DG Recipients"),
        ("{%p if row.brace %}", "DG Recipients"),
    ])
    group = cell.add_table(rows=1, cols=2)
    group.style = cell.part.document.styles[LAYOUT_TABLE_STYLE]
    set_table_width(group, GROUP_COLS)
    margins = parse_xml(  # no padding: the members align with the plain lines
        f'<w:tblCellMar {nsdecls("w")}><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>')
    look = group._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:  # the schema orders w:tblCellMar before w:tblLook
        look.addprevious(margins)
    else:
        group._tbl.tblPr.append(margins)
    members, note = group.rows[0].cells
    fill_cell(members, [
        ("{%p for line in row.lines %}", "DG Recipients"),
        ("{{ line }}", "DG Recipients"),
        ("{%p endfor %}", "DG Recipients"),
    ])
    note.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    para = note.paragraphs[0]
    para.style = "DG Recipients"
    para.add_run("{{ row.brace }}").font.size = Pt(BRACE_PT)
    para.add_run(" {{ row.note }}")
    after = cell.paragraphs[-1]  # the paragraph python-docx adds after a nested table
    after.text, after.style = "{%p else %}", "DG Recipients"
    fill(cell, [
        ("{{ row.lines[0] }}", "DG Recipients"),
        ("{%p endif %}", "DG Recipients"),
        ("{%p endfor %}", "DG Recipients"),
        ("{%p if not recipient_rows %}", "DG Recipients"),
        ("{%p for r in recipients %}", "DG Recipients"),
        ("{{ r }}", "DG Recipients"),
        ("{%p endfor %}", "DG Recipients"),
        ("{%p endif %}", "DG Recipients"),
    ])


def add_appendix(doc) -> None:
    """The outline attached after the signature, on a new page: title, subtitle, note, sections."""
    fill(doc, [
        ("{%p if appendix %}", "DG Body"),
        ("{{ appendix.title }}", "DG Appendix Title"),
        ("{{ appendix.subtitle }}", "DG Appendix Subtitle"),
        ("{{ appendix.note }}", "DG Appendix Note"),
    ])
    add_body(doc, "appendix.body")
    fill(doc, [("{%p endif %}", "DG Body")])


def build(system: str):
    party = system == "party"
    doc = new_document(PARTY_STYLES if party else STATE_STYLES)
    add_page_number(doc)
    if party:
        add_party_header(doc)
    else:
        add_state_header(doc)
    add_title(doc, "-----" if party else "")
    add_body(doc)
    add_closing(doc)
    add_appendix(doc)
    return doc


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "templates"
    out_dir.mkdir(parents=True, exist_ok=True)
    for system in ("party", "state"):
        path = out_dir / f"{system}.docx"
        build(system).save(path)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
