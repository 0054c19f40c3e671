"""The YAML text of an imported outline, with what the import could not decide as comments.

Written line by line (a YAML dumper drops comments); every value goes through yaml.safe_dump so
quoting is always right, and the result loads with docgen.outline.load.load_outline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .outline_tree import Node

CHECK = "KIỂM TRA"


@dataclass(frozen=True)
class Placed:
    id: str
    number: str  # as the outline model numbers it
    node: Node
    notes: tuple[str, ...]
    children: tuple[Placed, ...]


def scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 20, default_style=None)
    return dumped.removesuffix("\n...\n").strip()


def outline_yaml(header: dict[str, str], sections: list[Placed], file: str) -> str:
    lines = [
        f"# Đề cương nhập từ “{Path(file).name}” bằng `docgen outline import`.",
        f"# Các dòng “# {CHECK}” là chỗ chương trình chưa tự quyết được: hãy xem lại, sửa rồi xóa dòng đó.",
        "# Số dòng trong các ghi chú là số dòng (hoặc số đoạn) trong văn bản nguồn.",
    ]
    lines += [f"{key}: {scalar(header[key])}" for key in ("id",)]
    lines.append("version: 1")
    lines += [f"{key}: {scalar(header[key])}" for key in ("name", "kind", "system", "template", "source")]
    lines.append("sections:")
    for section in sections:
        lines += _section(section, "  ")
    return "\n".join(lines) + "\n"


def _section(placed: Placed, indent: str) -> list[str]:
    node = placed.node
    lines = [f"{indent}# {CHECK} (dòng {node.line}): {note}" for note in placed.notes]
    lines += [
        f"{indent}- id: {placed.id}",
        f"{indent}  number: {scalar(placed.number)}",
        f"{indent}  title: {scalar(node.title)}",
        f"{indent}  required: {'true' if node.required else 'false'}",
    ]
    if node.guidance:
        lines.append(f"{indent}  guidance:")
        lines += [f"{indent}    - {scalar(text)}" for text in node.guidance]
    if placed.children:
        lines.append(f"{indent}  sections:")
        for child in placed.children:
            lines += _section(child, indent + "    ")
    return lines
