"""`docgen new`: a content file with every section present and empty, the outline's guidance
beside each as comments, so a secretary knows what to write where."""

from __future__ import annotations

import json

from ..core.official import ARCHIVE_EXAMPLES, AUTHORITY_PREFIXES, NUMBER_EXAMPLES
from ..outline.model import Outline


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def skeleton(outline: Outline, outline_ref: str) -> str:
    system = outline.system
    lines = [
        f"# Nội dung {outline.kind_title.lower()}: {outline.name}",
        f"# Đề cương: {outline.id} (phiên bản {outline.version}). Viết nội dung dưới mỗi mục, thay \"\" bằng |",
        "# rồi xuống dòng và thụt lề; mỗi dòng là một đoạn, dòng bắt đầu bằng \"- \" hoặc \"+ \" là một ý.",
        "# Kiểm tra: docgen check <tệp này>   Tạo văn bản: docgen build <tệp này>",
        f"outline: {_q(outline_ref)}",
        "unit:",
        '  code: ""',
        '  name: ""',
        "organ:",
        '  parent: ""   # cơ quan cấp trên trực tiếp',
        '  name: ""     # cơ quan ban hành',
        f'number: ""     # số và ký hiệu, ví dụ {NUMBER_EXAMPLES[system]}',
        'place: ""      # địa danh',
        'date: ""       # ví dụ 2025-02-05',
        'summary: ""    # trích yếu',
        'opening: ""    # đoạn mở đầu',
        "sections:",
    ]
    for section in outline.walk():
        indent = "  " * section.depth
        mark = "bắt buộc" if section.required else "không bắt buộc"
        lines.append(f"  # {indent}{section.number} {section.title} ({mark})")
        for hint in section.guidance:
            lines.append(f"  # {indent}  Gợi ý: {' '.join(hint.split())}")
        lines.append(f'  {section.id}: ""')
    lines += [
        'closing: ""    # đoạn kết',
        f"recipients: []  # mỗi dòng một nơi nhận; dòng cuối là dòng lưu, ví dụ \"{ARCHIVE_EXAMPLES[system]}\"",
        "signer:",
        f'  authority: ""  # {", ".join(p.strip() for p in AUTHORITY_PREFIXES[system])} …',
        '  position: ""',
        '  name: ""',
    ]
    return "\n".join(lines) + "\n"
