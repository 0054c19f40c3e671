"""The fast paths give what the straightforward code they replace gives, on any text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.core import official
from docgen.core.vietnamese import strip_marks

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY" "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
texts = st.text(alphabet=st.sampled_from(VIETNAMESE + "0123456789-/ .,_\u0301\u0323\u2011–") | st.characters(), max_size=60)


def _strip_marks_by_character(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


_LOOKBEHIND_FIRST = re.compile(rf"(?<=[0-9{official._UPPER}])-(?=[0-9{official._UPPER}])|(?<=[^\W_])-(?=\d)")


@settings(max_examples=400)
@given(texts)
def test_strip_marks_table_equals_decomposing_each_character(text):
    assert strip_marks(text) == _strip_marks_by_character(text)


def test_strip_marks_on_every_character_of_the_first_planes():
    """One string of every character: the same, except where a decomposition reorders the 25 spacing
    combining marks (Javanese, Balinese, musical symbols…), which stay while the others go."""
    spacing_marks = {c for c in range(0x30000) if unicodedata.combining(chr(c)) and unicodedata.category(chr(c)) != "Mn"}
    assert len(spacing_marks) == 25
    every = "".join(chr(c) for c in range(0x30000) if not 0xD800 <= c < 0xE000 and c not in spacing_marks)
    assert strip_marks(every) == _strip_marks_by_character(every)


@settings(max_examples=400)
@given(texts)
def test_keep_together_equals_the_lookbehind_first_pattern(text):
    assert official.keep_together(text) == (_LOOKBEHIND_FIRST.sub(official.NON_BREAKING_HYPHEN, text) if "-" in text else text)


def test_keep_together_examples():
    assert official.keep_together("Số 184-BC/HU, NĐ-CP, 2021-2025, COVID-19, kinh tế - xã hội") == (
        "Số 184‑BC/HU, NĐ‑CP, 2021‑2025, COVID‑19, kinh tế - xã hội")
