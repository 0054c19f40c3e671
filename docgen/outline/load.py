"""Loading an outline file into the Outline model, with every check at once (file and line of each
problem); an outline that `extends` another is resolved first (docgen.outline.extend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core import official
from ..core.errors import DocgenError, Finding, Location, error
from ..core.yamlio import YamlDoc, load_yaml, parse_yaml
from .extend import resolve_extends
from .locate import find_template
from .model import ID_PATTERN, Outline, Section, expected_number, letter_number, parse_boolean

_OUTLINE_KEYS = {"id", "version", "name", "kind", "system", "template", "source", "corrections", "sections", "profile"}
_REQUIRED_OUTLINE_KEYS = ("id", "version", "name", "kind", "system", "template", "sections")
_SECTION_KEYS = {"id", "number", "title", "required", "guidance", "sections"}


def load_outline(path: Path, display: str | None = None, chain: tuple[Path, ...] = ()) -> Outline:
    """Load and check an outline; every problem is reported at once, with file and line.

    An outline with `extends` is first resolved against its parent (docgen.outline.extend);
    `chain` holds the files already being loaded, to catch an `extends` cycle."""
    return _outline_of(load_yaml(path, display), path, chain)


def load_outline_text(text: str, name: str) -> Outline:
    """An outline given as YAML text rather than a file (one kept in a database), with the same checks;
    `name` is shown in messages. Its template is looked for on the search path; it cannot `extends`."""
    doc = parse_yaml(text, name)
    if isinstance(doc.data, dict) and "extends" in doc.data:
        raise DocgenError(error("outline-text-extends", "Đề cương lưu trong cơ sở dữ liệu không dùng được “extends”; hãy ghi đủ các mục.",
                                doc.at("extends")))
    return _outline_of(doc, None, ())


def _outline_of(doc: YamlDoc, path: Path | None, chain: tuple[Path, ...]) -> Outline:
    data = doc.data
    if not isinstance(data, dict):
        raise DocgenError(error("outline-invalid", "Đề cương phải là một bảng khóa: giá trị (mapping).", doc.at()))
    findings: list[Finding] = []
    inherited: tuple[str, ...] = ()
    if "extends" in data and path is not None:
        resolved, findings = resolve_extends(doc, path, chain, load_outline)
        doc, data, inherited = resolved, resolved.data, resolved.inherited_from
    findings += _check_header(doc, data)
    kind, system, profile = str(data.get("kind", "")), str(data.get("system", "")), str(data.get("profile", "hd36"))
    raw_sections = data.get("sections")
    sections: tuple[Section, ...] = ()
    if isinstance(raw_sections, list) and raw_sections:
        sections = _sections(doc, raw_sections, ("sections",), depth=1, parent=None, findings=findings)
        findings += _duplicate_ids(doc, sections)
    elif "sections" in data:
        findings.append(error("outline-invalid", "“sections” phải là một danh sách mục.", doc.at("sections")))
    if findings:
        raise DocgenError(findings)
    template = find_template(str(data["template"]), path)
    if template is None:
        raise DocgenError(error("template-not-found", f"Không tìm thấy mẫu “{data['template']}”.", doc.at("template")))
    corrections = tuple(c for c in data.get("corrections", []) if isinstance(c, dict))
    return Outline(
        id=data["id"], version=str(data["version"]), name=data["name"], kind=kind, system=system,
        template=data["template"], sections=sections, file=str(path) if path else doc.file, source=str(data.get("source", "")),
        profile=profile, corrections=corrections, template_file=str(template), sources=(str(path), *inherited) if path else (),
    )


def _check_header(doc: YamlDoc, data: dict[str, Any]) -> list[Finding]:
    findings = _unknown_keys(doc, data, (), _OUTLINE_KEYS)
    for key in _REQUIRED_OUTLINE_KEYS:
        if not data.get(key):
            findings.append(error("outline-missing-key", f"Đề cương thiếu khóa “{key}”.", doc.at()))
    system = str(data.get("system", ""))
    if data.get("system") and system not in official.SYSTEMS:
        findings.append(error("outline-invalid-system", f"“system” phải là “party” hoặc “state”, không phải “{system}”.", doc.at("system")))
    kind = str(data.get("kind", ""))
    if system in official.SYSTEMS and kind and kind not in official.KINDS[system]:
        system_name = official.SYSTEM_NAMES_VI[system]
        findings.append(error("outline-invalid-kind", f"Loại văn bản “{kind}” không có trong bảng chữ viết tắt của {system_name}.", doc.at("kind")))
    if str(data.get("profile", "hd36")) not in official.PROFILES:
        findings.append(error("outline-invalid-profile", f"“profile” phải là một trong {', '.join(official.PROFILES)}.", doc.at("profile")))
    return findings


def _sections(doc: YamlDoc, items: list[Any], path: tuple[str | int, ...], depth: int,
              parent: Section | None, findings: list[Finding]) -> tuple[Section, ...]:
    result = []
    for index, item in enumerate(items):
        here = (*path, index)
        if not isinstance(item, dict):
            findings.append(error("outline-invalid", "Mỗi mục phải là một bảng khóa: giá trị.", doc.at(*here)))
            continue
        findings += _unknown_keys(doc, item, here, _SECTION_KEYS)
        section_id = str(item.get("id", ""))
        number = str(item.get("number", ""))
        title = str(item.get("title", "")).strip()
        expected = expected_number(depth, index + 1, parent)
        ref = _ref(parent, number or expected)
        if not ID_PATTERN.match(section_id):
            message = f"Mã mục “{section_id}” không hợp lệ: chỉ dùng chữ thường không dấu, số và “-”."
            findings.append(error("outline-invalid-id", message, doc.at(*here, "id", section=ref)))
        allowed = (expected, letter_number(index + 1)) if depth >= 3 else (expected,)
        if number not in allowed:
            findings.append(error("outline-numbering", f"Số thứ tự “{number}” không đúng; mong đợi “{expected}”.", doc.at(*here, "number", section=ref)))
        if not title:
            findings.append(error("outline-missing-title", "Mục thiếu tiêu đề.", doc.at(*here, section=ref)))
        required = parse_boolean(item.get("required", "true"))
        if required is None:
            findings.append(error("outline-invalid-required", "“required” phải là true hoặc false.", doc.at(*here, "required", section=ref)))
        guidance = item.get("guidance", [])
        if isinstance(guidance, str):
            guidance = [guidance]
        section = Section(section_id, number, ref, title, bool(required), tuple(str(g).strip() for g in guidance),
                          (), depth, doc.line(*here))
        children = item.get("sections")
        if isinstance(children, list):
            kids = _sections(doc, children, (*here, "sections"), depth + 1, section, findings)
            section = Section(section_id, number, ref, title, bool(required), section.guidance, kids, depth, section.line)
        result.append(section)
    return tuple(result)


def _ref(parent: Section | None, number: str) -> str:
    own = number.rstrip(".)").split(".")[-1]
    return f"{parent.ref}.{own}" if parent else own


def _unknown_keys(doc: YamlDoc, data: dict[str, Any], path: tuple[str | int, ...], allowed: set[str]) -> list[Finding]:
    return [
        error("unknown-key", f"Khóa “{key}” không được hỗ trợ; các khóa hợp lệ: {', '.join(sorted(allowed))}.", doc.at(*path, key))
        for key in data if key not in allowed
    ]


def _duplicate_ids(doc: YamlDoc, sections: tuple[Section, ...]) -> list[Finding]:
    seen: dict[str, Section] = {}
    found = []
    for top in sections:
        for section in top.walk():
            if section.id in seen:
                first = seen[section.id]
                found.append(error("duplicate-section-id", f"Mã mục “{section.id}” bị trùng với mục {first.ref} (dòng {first.line}).",
                                   Location(doc.file, section.line, section.ref)))
            else:
                seen[section.id] = section
    return found
