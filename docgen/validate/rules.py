"""Validation rules: each a small pure function (outline, report) -> findings.

`validate()` returns the findings of loading plus those of every rule in RULES, ordered by the
line they point at, so a reader can walk the file from top to bottom.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..content.report import Block, Paragraph, Report
from ..content.structure import find_extra
from ..core import budget, official
from ..core.errors import Finding, Location, error, info, warning
from ..core.vietnamese import find_mojibake, is_nfc
from ..outline.model import Outline, Section

Rule = Callable[[Outline, Report], Iterable[Finding]]


def _present(section: Section, report: Report) -> bool:
    return any(s.id in report.sections for s in section.walk())


def check_sections(outline: Outline, report: Report) -> Iterator[Finding]:
    """Required sections missing or empty (optional ones as warnings). A section with
    sub-sections is judged by them; a whole missing branch is reported once, at its top."""
    def visit(section: Section) -> Iterator[Finding]:
        optional = "" if section.required else " (không bắt buộc)"
        if not _present(section, report):
            code = "missing-section" if section.required else "missing-optional-section"
            where = report.at("sections", section=section.ref, title=section.title)
            yield _finding(section, code, f"Thiếu mục “{section.title}”{optional}.", where)
        elif section.children:
            for child in section.children:
                yield from visit(child)
        elif report.sections[section.id].is_empty:
            code = "empty-section" if section.required else "empty-optional-section"
            where = report.at("sections", section.id, section=section.ref, title=section.title)
            yield _finding(section, code, f"Mục “{section.title}” chưa có nội dung{optional}.", where)

    for top in outline.sections:
        yield from visit(top)


def _finding(section: Section, code: str, message: str, where: Location) -> Finding:
    return error(code, message, where) if section.required else warning(code, message, where)


def check_unknown_sections(outline: Outline, report: Report) -> Iterator[Finding]:
    known = [s.id for s in outline.walk()]
    for answer in report.sections.values():
        where = report.at("sections", answer.id, section=answer.id)
        if outline.find(answer.id):
            if answer.extra:
                yield error("extra-section-in-outline", f"Mục “{answer.id}” có trong đề cương, không khai báo là mục bổ sung (khóa “extra”).", where)
            continue
        if not answer.extra:
            close = difflib.get_close_matches(answer.id, known, n=1)
            hint = f" Có phải là “{close[0]}”?" if close else ""
            yield error("unknown-section", f"Mục “{answer.id}” không có trong đề cương “{outline.id}”.{hint}", where)
        elif answer.parent and not outline.find(answer.parent):
            yield error("unknown-parent", f"Mục cha “{answer.parent}” của mục bổ sung “{answer.id}” không có trong đề cương.", where)
        elif not answer.title:
            yield error("missing-title", f"Mục bổ sung “{answer.id}” cần có tiêu đề (khóa “title”).", where)
        else:
            extra = find_extra(outline, report, answer.id)
            where = report.at("sections", answer.id, section=extra.ref if extra else answer.id, title=answer.title)
            yield info("extra-section", f"Mục bổ sung ngoài đề cương: “{answer.title}”.", where)


def check_renamed(outline: Outline, report: Report) -> Iterator[Finding]:
    for answer in report.sections.values():
        section = outline.find(answer.id)
        if section and answer.title and _fold(answer.title) != _fold(section.title):
            yield info("renamed-section", f"Tiêu đề “{answer.title}” khác tiêu đề trong đề cương “{section.title}”.",
                       report.at("sections", answer.id, "title", section=section.ref, title=section.title))


@functools.lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    return re.sub(r"[\s.:;,]+", " ", text).strip().casefold()


def check_parts(outline: Outline, report: Report) -> Iterator[Finding]:
    top_ids = [s.id for s in outline.sections]
    seen: list[str] = []
    for i, part in enumerate(report.parts):
        where = report.at("parts", i)
        if not part.label or not part.title or not part.sections:
            yield error("invalid-part", "Mỗi phần cần “label”, “title” và ít nhất một mục.", where)
        for section_id in part.sections:
            if section_id not in top_ids:
                yield error("invalid-part", f"“{section_id}” không phải là mục cấp cao nhất (I, II, …) của đề cương.", where)
            elif section_id in seen:
                yield error("invalid-part", f"Mục “{section_id}” thuộc hai phần.", where)
            seen.append(section_id)
    ordered = [s for s in top_ids if s in seen]
    if [s for s in seen if s in top_ids] != ordered:
        yield error("part-order", "Các phần phải theo thứ tự của đề cương.", report.at("parts"))


_METADATA = (
    (("organ", "name"), "tên cơ quan ban hành"),
    (("number",), "số và ký hiệu"),
    (("place",), "địa danh"),
    (("date",), "ngày ban hành"),
    (("summary",), "trích yếu"),
    (("recipients",), "nơi nhận"),
    (("signer", "position"), "chức vụ người ký"),
    (("signer", "name"), "họ tên người ký"),
)


def check_metadata(outline: Outline, report: Report) -> Iterator[Finding]:
    values = {
        ("organ", "name"): report.organ.name, ("number",): report.number, ("place",): report.place,
        ("date",): report.date_text, ("summary",): report.summary, ("recipients",): report.recipients,
        ("signer", "position"): report.signer.position, ("signer", "name"): report.signer.name,
    }
    for path, label in _METADATA:
        if not values[path]:
            yield error("missing-metadata", f"Thiếu {label}.", report.at(*path))


def check_number(outline: Outline, report: Report) -> Iterator[Finding]:
    if not report.number:
        return
    system = outline.system
    parts = official.parse_document_number(report.number, system)
    where = report.at("number")
    if parts is None:
        other = official.STATE if system == official.PARTY else official.PARTY
        hint = f" (đây là dạng của {official.SYSTEM_NAMES_VI[other]})" if official.parse_document_number(report.number, other) else ""
        example = official.NUMBER_EXAMPLES[system]
        message = f"Số và ký hiệu “{report.number}” không đúng dạng của {official.SYSTEM_NAMES_VI[system]}{hint}; ví dụ: “{example}”."
        yield error("invalid-number", message, where)
    elif parts.kind != outline.kind:
        yield error("number-kind-mismatch", f"Ký hiệu loại văn bản “{parts.kind}” không khớp với {outline.kind_title} ({outline.kind}).", where)


def check_date(outline: Outline, report: Report) -> Iterator[Finding]:
    if report.date and report.date > dt.date.today():
        yield warning("future-date", f"Ngày ban hành {report.date:%d/%m/%Y} ở tương lai.", report.at("date"))


_COMMITTEE = re.compile(r"(TỈNH|HUYỆN|THÀNH|QUẬN|THỊ|ĐẢNG) ỦY|BAN THƯỜNG VỤ|CHI BỘ")
_DEGREE = re.compile(r"^(GS|PGS|TS|ThS|CN|KS|BS)\.\s")


def check_signer(outline: Outline, report: Report) -> Iterator[Finding]:
    signer = report.signer
    prefixes = official.AUTHORITY_PREFIXES[outline.system]
    if signer.authority and not signer.authority.startswith(prefixes):
        allowed = ", ".join(p.strip() for p in prefixes)
        message = f"Quyền hạn ký “{signer.authority}” không đúng; {official.SYSTEM_NAMES_VI[outline.system]} dùng: {allowed}."
        yield error("invalid-authority", message, report.at("signer", "authority"))
    if outline.system == official.PARTY and signer.authority.startswith("K/T ") and _COMMITTEE.search(signer.authority):
        yield error("collective-signs-tm", "Cấp ủy là tập thể: ký “T/M …”, không ký “K/T”.", report.at("signer", "authority"))
    if outline.system == official.PARTY and _COMMITTEE.search(signer.position):
        yield warning("position-with-organ", f"Chức vụ chỉ ghi chức danh (ví dụ “PHÓ BÍ THƯ”), không kèm tên cơ quan: “{signer.position}”.",
                      report.at("signer", "position"))
    if _DEGREE.match(signer.name):
        yield error("signer-degree", f"Không ghi học hàm, học vị trước họ tên người ký: “{signer.name}”.", report.at("signer", "name"))


_NOTE = re.compile(r"\((?:(?:Để|để|ĐỂ) )?(báo cáo|b/c|B/c|B/C|biết|thực hiện)\)", re.IGNORECASE)


def check_recipient_notes(outline: Outline, report: Report) -> Iterator[Finding]:
    """"(để báo cáo)", "(để b/c)": lower case (practice, format-standards §D #34)."""
    for i, recipient in enumerate(report.recipients):
        for m in _NOTE.finditer(recipient):
            expected = f"(để {m.group(1).lower()})"
            if m.group() != expected:
                yield warning("recipient-note", f"Ghi chú “{m.group()}” viết là “{expected}”.", report.at("recipients", i))


def check_recipients(outline: Outline, report: Report) -> Iterator[Finding]:
    if not report.recipients:
        return
    last = report.recipients[-1]
    if not official.ARCHIVE_PATTERNS[outline.system].match(last):
        example = official.ARCHIVE_EXAMPLES[outline.system]
        message = f"Nơi nhận phải kết thúc bằng dòng lưu trữ, ví dụ “{example}”; dòng cuối hiện là “{last}”."
        yield error("recipients-no-archive", message, report.at("recipients", len(report.recipients) - 1))


def check_ending(outline: Outline, report: Report) -> Iterator[Finding]:
    """State content ends "./."; the Party HD05 profile ends with "." alone."""
    texts = [b.text for b in report.closing if isinstance(b, Paragraph)]
    if not texts:
        return
    profile = report.profile or outline.profile
    last = texts[-1]
    if outline.system == official.STATE and not last.endswith("./."):
        yield warning("content-ending", "Văn bản hành chính kết thúc nội dung bằng “./.”.", report.at("closing"))
    elif outline.system == official.PARTY and profile == "hd05" and last.endswith("./."):
        yield warning("content-ending", "Theo Hướng dẫn 05-HD/VPTW, nội dung kết thúc bằng “.”, không dùng “./.”.", report.at("closing"))


def check_profile(outline: Outline, report: Report) -> Iterator[Finding]:
    if report.profile and report.profile not in official.PROFILES:
        yield error("invalid-profile", f"“profile” phải là một trong {', '.join(official.PROFILES)}.", report.at("profile"))


def check_outline_id(outline: Outline, report: Report) -> Iterator[Finding]:
    if report.outline and report.outline != outline.id and not report.outline.endswith((".yaml", ".yml")):
        message = f"Tệp nội dung ghi đề cương “{report.outline}” nhưng được kiểm tra theo “{outline.id}”."
        yield warning("outline-mismatch", message, report.at("outline"))


TextAt = tuple[tuple[str | int, ...], str | None, str]  # a text's YAML path, its section, the text


def _own_texts(report: Report) -> Iterator[TextAt]:
    """The organ, place and signer: what a bulk unit's row may set, with the recipients."""
    organ, signer = report.organ, report.signer
    for key, value in (("organ", organ.parent), ("organ", organ.name), ("place", report.place),
                       ("signer", signer.authority), ("signer", signer.position), ("signer", signer.name)):
        yield (key,), None, value


def _summary_texts(report: Report) -> Iterator[TextAt]:
    for line in report.summary:
        yield ("summary",), None, line


def _recipient_texts(report: Report) -> Iterator[TextAt]:
    for i, recipient in enumerate(report.recipients):
        yield ("recipients", i), None, recipient


def _body_texts(report: Report) -> Iterator[TextAt]:
    """The opening, the closing and every section: the body a bulk run's units share."""
    for text in _block_texts(report.opening):
        yield ("opening",), None, text
    for text in _block_texts(report.closing):
        yield ("closing",), None, text
    for answer in report.sections.values():
        if answer.title:
            yield ("sections", answer.id, "title"), answer.id, answer.title
        for text in _block_texts(answer.blocks):
            yield ("sections", answer.id), answer.id, text


def _block_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            yield from (block.caption, *block.header, *(cell for row in block.rows for cell in row))


_DOUBLE_SPACE = re.compile(r"\S {2,}\S")


def check_text(outline: Outline, report: Report) -> Iterator[Finding]:
    """Text hygiene: NFC, legacy-font damage, spaced document numbers, double spaces."""
    for part in _TEXT_PARTS:
        yield from part(outline, report)


def _hygiene(outline: Outline, report: Report, texts: Iterable[TextAt]) -> Iterator[Finding]:
    for path, section_id, text in texts:
        problems = text_problems(text) if text else ()
        if not problems:
            continue
        section = outline.find(section_id) if section_id else None
        where = report.at(*path, section=section.ref if section else section_id)
        for make, code, message in problems:
            yield make(code, message, where)


def _own_hygiene(outline: Outline, report: Report) -> Iterator[Finding]:
    return _hygiene(outline, report, _own_texts(report))


def _summary_hygiene(outline: Outline, report: Report) -> Iterator[Finding]:
    return _hygiene(outline, report, _summary_texts(report))


def _recipients_hygiene(outline: Outline, report: Report) -> Iterator[Finding]:
    return _hygiene(outline, report, _recipient_texts(report))


def _body_hygiene(outline: Outline, report: Report) -> Iterator[Finding]:
    return _hygiene(outline, report, _body_texts(report))


_TEXT_PARTS: tuple[Rule, ...] = (_own_hygiene, _summary_hygiene, _recipients_hygiene, _body_hygiene)  # in _texts' order


@functools.lru_cache(maxsize=8192)
def text_problems(text: str) -> tuple[tuple[Callable[..., Finding], str, str], ...]:
    """The hygiene findings of one text, without their place. Cached: a bulk run checks the same
    shared section texts once per process instead of once per unit."""
    found: list[tuple[Callable[..., Finding], str, str]] = []
    if not is_nfc(text):
        found.append((warning, "not-nfc", "Văn bản chưa ở dạng Unicode NFC (dấu gõ tách rời); sẽ được chuẩn hóa khi tạo văn bản."))
    for bad in find_mojibake(text):
        found.append((error, "mojibake", f"Ký tự “{bad}” là lỗi phông chữ (ví dụ “ƣ” thay cho “ư”); hãy sửa lại."))
    for m in official.SPACED_NUMBER.finditer(text):
        fixed = re.sub(r"\s+", "", m.group())
        found.append((warning, "spaced-number", f"Số hiệu văn bản “{m.group()}” có khoảng trắng thừa; viết “{fixed}”."))
    if _DOUBLE_SPACE.search(text):
        found.append((warning, "double-space", "Có nhiều dấu cách liền nhau."))
    return tuple(found)


_CLOSERS = {"“": "”", "(": ")", "[": "]", "«": "»"}
_OPENERS = {closer: opener for opener, closer in _CLOSERS.items()}
_LIST_LABEL = re.compile(r"(?:^|(?<=[\s;:,]))[0-9a-zđ]{1,2}$")  # "a)", "2)": an item's label, not a bracket


@dataclass(frozen=True)
class Unbalanced:
    """A quotation mark or bracket without its partner in a text: `position` is its index."""

    mark: str
    position: int
    message: str


_MARKS = re.compile('[“”()\\[\\]«»"]')  # every character unbalanced_marks looks at


def unbalanced_marks(text: str) -> list[Unbalanced]:
    """The quotation marks (“ ”, straight ") and brackets ( ) [ ] « » of one text (a paragraph, a
    line) that have no partner, in order. Reusable for hand-written documents, line by line."""
    return list(_unbalanced(text))


@functools.lru_cache(maxsize=8192)
def _unbalanced(text: str) -> tuple[Unbalanced, ...]:
    """Cached like text_problems: a bulk run checks the same shared texts once per process. Only
    the marks are visited (found by the regular expression, in C), not every character."""
    found: list[Unbalanced] = []
    open_marks: list[tuple[str, int]] = []
    straight: list[int] = []
    for match in _MARKS.finditer(text):
        char, i = match.group(), match.start()
        if char == '"':
            straight.append(i)
        elif char in _CLOSERS:
            open_marks.append((char, i))
        elif open_marks and open_marks[-1][0] == _OPENERS[char]:
            open_marks.pop()
        elif not (char == ")" and _LIST_LABEL.search(text, max(0, i - 3), i)):
            found.append(Unbalanced(char, i, f"Dấu “{char}” đóng mà không có dấu “{_OPENERS[char]}” mở: “{_around(text, i)}”."))
    found += [Unbalanced(mark, i, f"Dấu “{mark}” mở mà không có dấu “{_CLOSERS[mark]}” đóng: “{_around(text, i)}”.") for mark, i in open_marks]
    if len(straight) % 2:
        found.append(Unbalanced('"', straight[-1], f"Dấu nháy kép \" lẻ (thiếu một dấu đóng hoặc mở): “{_around(text, straight[-1])}”."))
    return tuple(sorted(found, key=lambda u: u.position))


def _around(text: str, index: int, width: int = 24) -> str:
    start, end = max(0, index - width), min(len(text), index + width + 1)
    return f"{'…' if start else ''}{' '.join(text[start:end].split())}{'…' if end < len(text) else ''}"


def check_marks(outline: Outline, report: Report) -> Iterator[Finding]:
    """Quotation marks and brackets without their partner, per paragraph (the summary as a whole)."""
    yield from _own_marks(outline, report)
    yield from _body_marks(outline, report)


def _marks(outline: Outline, report: Report, texts: Iterable[TextAt]) -> Iterator[Finding]:
    for path, section_id, text in texts:
        for problem in unbalanced_marks(text):
            section = outline.find(section_id) if section_id else None
            yield warning("unbalanced-marks", problem.message, report.at(*path, section=section.ref if section else section_id))


def _own_marks(outline: Outline, report: Report) -> Iterator[Finding]:
    return _marks(outline, report, itertools.chain(_own_texts(report), _recipient_texts(report)))


def _body_marks(outline: Outline, report: Report) -> Iterator[Finding]:
    return _marks(outline, report, itertools.chain(_body_texts(report), [(("summary",), None, "\n".join(report.summary))]))


RULES: tuple[Rule, ...] = (
    check_outline_id, check_profile, check_metadata, check_number, check_date, check_signer,
    check_recipients, check_recipient_notes, check_parts, check_sections, check_unknown_sections, check_renamed,
    check_ending, check_text, check_marks,
)


# The rules that read only the outline and the content's body (outline id, profile, parts, sections,
# closing), nothing a bulk unit's row sets: their findings are the same for every unit sharing a body.
BODY_RULES: tuple[Rule, ...] = (
    check_outline_id, check_profile, check_parts, check_sections, check_unknown_sections, check_renamed, check_ending,
    _summary_hygiene, _body_hygiene, _body_marks,
)
# Rules read in parts, some of them in BODY_RULES: the parts in the order the rule gives their findings.
_PARTS: dict[Rule, tuple[Rule, ...]] = {check_text: _TEXT_PARTS, check_marks: (_own_marks, _body_marks)}


def validate(outline: Outline, report: Report) -> list[Finding]:
    return validate_over(outline, report, {})


def body_findings(outline: Outline, report: Report) -> dict[Rule, list[Finding]]:
    """The findings of each of BODY_RULES, for validate_over."""
    return {rule: list(rule(outline, report)) for rule in BODY_RULES}


def validate_over(outline: Outline, report: Report, shared: dict[Rule, list[Finding]]) -> list[Finding]:
    """validate(outline, report), taking the findings of the rules in `shared` as they are: those of
    body_findings for a report with the same body, read from the same file (a bulk unit read with
    build_report_over), so the rules every unit would repeat run once per run."""
    findings = list(report.load_findings)
    for rule in RULES:
        budget.check()
        for part in _PARTS.get(rule, (rule,)):
            findings.extend(shared[part] if part in shared else part(outline, report))
    return sorted(findings, key=lambda f: f.location.line or 0)

