"""Content tables get column widths sized to what they hold (LibreOffice keeps docxtpl's equal ones)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docx.shared import Length
from docx_view import open_docx

from docgen import pipeline
from docgen.render.columns import PADDING_TWIPS, WORD_CHAR_TWIPS, column_widths

TABLE = """  ket-qua-muc-tieu:
    blocks:
      - table:
          caption: Một số chỉ tiêu
          header: [STT, Chỉ tiêu, Đơn vị, Năm 2022]
          rows:
            - ["1", Tỷ lệ cặp vợ chồng áp dụng biện pháp tránh thai hiện đại, "%", "75"]
            - ["2", Dân số trung bình, người, "186.974"]
"""


def test_widths_follow_the_longest_cell_and_fill_the_width():
    widths = column_widths([["STT", "1", "2"], ["Chỉ tiêu", "Tỷ lệ cặp vợ chồng áp dụng biện pháp tránh thai hiện đại"],
                            ["Đơn vị", "%"], ["Năm 2022", "186.974"]], 9354)
    assert sum(widths) == 9354
    assert widths[1] == max(widths) and widths[0] == min(widths)
    assert widths[0] >= WORD_CHAR_TWIPS * 3 + PADDING_TWIPS  # "STT" does not break


def test_no_column_narrower_than_its_longest_word():
    long_word = "Tỷ-lệ-phát-triển-dân-số-tự-nhiên"
    widths = column_widths([[long_word], ["xin chào " * 30], ["vâng ạ " * 40]], 9354)
    assert widths[0] >= WORD_CHAR_TWIPS * len(long_word) + PADDING_TWIPS
    assert widths[1] == widths[2] or abs(widths[1] - widths[2]) <= 1
    assert sum(widths) == 9354


def test_too_many_long_words_share_the_width_in_proportion():
    widths = column_widths([["a" * 40], ["b" * 20]], 6000)
    assert sum(widths) == 6000 and widths[0] > widths[1]


def test_built_table_has_fitted_grid_and_layout_tables_keep_theirs(minimal: Callable[..., Path], tmp_path: Path):
    target = tmp_path / "out.docx"
    pipeline.build(minimal(("  ket-qua-muc-tieu: Kết quả mục tiêu.\n", TABLE)), target)
    document = open_docx(target)
    section = document.sections[-1]
    text_width = Length(section.page_width - section.left_margin - section.right_margin).twips
    content = next(t for t in document.tables if len(t.columns) == 4)
    grid = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for c in content._tbl.tblGrid]
    assert abs(sum(grid) - text_width) <= 1
    assert grid[1] == max(grid) and grid[0] == min(grid) and grid[0] < sum(grid) / 8
    header = document.tables[0]  # the letterhead keeps the template's fixed widths
    plain = pipeline.load(minimal())
    assert [c.width for c in header.columns] == [c.width for c in open_docx(pipeline.render_loaded(plain)).tables[0].columns]
