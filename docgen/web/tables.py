"""Editable tables of the draft form: sections written as blocks (text and tables), and the
content's structured indicators. Their editor fields and how a save rebuilds them.

Field names: "blocks.<section>.<i>" a text block, "caption|head.<section>.<i>[.<col>]" and
"cell.<section>.<i>.<row>.<col>" a table; "indicators.<row>.<key>" an indicator (one row each).
A row left entirely empty is dropped on save.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BlockField:
    index: int
    kind: str  # "text", "table" or "kept" (an indicators or deadline block: shown, not edited, kept as it is)
    text: str = ""
    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def by_block(value: Any) -> bool:
    """True when a section's blocks hold more than text (a table, indicator lines, a deadline): edited block by block."""
    blocks = value.get("blocks") if isinstance(value, dict) else None
    return isinstance(blocks, list) and any(not isinstance(b, str) for b in blocks)


def _table(block: Any) -> dict[str, Any] | None:
    table = block.get("table") if isinstance(block, dict) else None
    return table if isinstance(table, dict) else None


def _texts(items: Any) -> tuple[str, ...]:
    return tuple(str(c) if c is not None else "" for c in items) if isinstance(items, list) else ()


def block_fields(value: Any) -> tuple[BlockField, ...]:
    fields = []
    for i, block in enumerate(value.get("blocks", []) if isinstance(value, dict) else []):
        table = _table(block)
        if table is None:
            fields.append(BlockField(i, "text", text=str(block)) if isinstance(block, str) else BlockField(i, "kept", text=_kept(block)))
            continue
        rows = tuple(_texts(r) for r in table.get("rows", []) if isinstance(r, list))
        fields.append(BlockField(i, "table", caption=str(table.get("caption", "") or ""), header=_texts(table.get("header")), rows=rows))
    return tuple(fields)


def apply_blocks(section_id: str, value: dict[str, Any], form: Mapping[str, str]) -> dict[str, Any]:
    """The section with its blocks rebuilt from the submitted fields (unsent fields keep their value)."""
    blocks: list[Any] = []
    for field in block_fields(value):
        if field.kind == "text":
            blocks.append(_clean(form.get(f"blocks.{section_id}.{field.index}", field.text)))
        elif field.kind == "kept":
            blocks.append(value["blocks"][field.index])
        else:
            blocks.append({"table": _apply_table(f"{section_id}.{field.index}", field, form)})
    return {**value, "blocks": blocks}


def _kept(block: Any) -> str:
    """What a block the form does not edit holds, in a line for the secretary."""
    raw = block.get("indicators") if isinstance(block, dict) else None
    if isinstance(raw, dict) and isinstance(raw.get("lines"), list):
        refs = [r for line in raw["lines"] for r in (line if isinstance(line, list) else [line])]
        ids = [str(r.get("id", "")) if isinstance(r, dict) else str(r) for r in refs]
        return f"Các dòng chỉ tiêu viết từ bảng “Chỉ tiêu” bên dưới (mã: {', '.join(ids)}); sửa số liệu trong bảng đó."
    if isinstance(block, dict) and "deadline" in block:
        return f"Thời hạn: {block['deadline']} (sửa trong tệp nội dung YAML)."
    return "Khối có cấu trúc, giữ nguyên (sửa trong tệp nội dung YAML)."


def _apply_table(key: str, field: BlockField, form: Mapping[str, str]) -> dict[str, Any]:
    header = [form.get(f"head.{key}.{c}", h).strip() for c, h in enumerate(field.header)]
    rows = []
    for r in range(max(len(field.rows), _sent_rows(f"cell.{key}.", form))):
        old = field.rows[r] if r < len(field.rows) else ()
        row = [form.get(f"cell.{key}.{r}.{c}", old[c] if c < len(old) else "").strip() for c in range(len(header))]
        if any(row):
            rows.append(row)
    table: dict[str, Any] = {"header": header, "rows": rows}
    caption = form.get(f"caption.{key}", field.caption).strip()
    return {"caption": caption, **table} if caption else table


def _sent_rows(prefix: str, form: Mapping[str, str]) -> int:
    indices = [name[len(prefix):].split(".")[0] for name in form if name.startswith(prefix)]
    return max((int(i) + 1 for i in indices if i.isdigit()), default=0)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")


# The indicator keys the table shows, in column order, with their Vietnamese headings. Other keys of an
# indicator (numerator, denominator, kind, any other) are not shown and are kept as they were.
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "Mã"), ("name", "Chỉ tiêu"), ("value", "Giá trị"), ("unit", "Đơn vị"), ("year", "Năm"), ("target", "Mục tiêu"),
)
_SHOWN = tuple(key for key, _ in INDICATOR_COLUMNS)


def _one_line(text: str) -> str:
    """A cell's text on one line: a line break pasted into it becomes a space."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def indicator_rows(raw: Any) -> tuple[tuple[str, ...], ...]:
    """The shown cells of each stored indicator, one row per list item (a malformed item shows what it can)."""
    if not isinstance(raw, list):
        return ()
    rows = []
    for item in raw:
        if isinstance(item, dict):
            rows.append(tuple(_cell(item.get(key)) for key in _SHOWN))
        else:
            rows.append(tuple(_cell(item) if key == "name" else "" for key in _SHOWN))
    return tuple(rows)


def apply_indicators(raw: Any, form: Mapping[str, str]) -> Any:
    """The `indicators` list rebuilt from the submitted rows, in row order; unchanged when no row was sent.

    The row's stored indicator is the one with the same id (for a row without an id: the one at the
    same position, when it has no id either): its keys not shown are kept. An empty cell leaves its key
    out (unless the stored indicator has it empty too), so a row without a value is reported by the loader.
    """
    sent = _sent_rows("indicators.", form)
    if not sent:
        return raw
    old = [item if isinstance(item, dict) else {} for item in raw] if isinstance(raw, list) else []
    by_id: dict[str, dict[str, Any]] = {}
    for item in old:
        by_id.setdefault(_cell(item.get("id")), item)
    result: list[dict[str, Any]] = []
    for r in range(max(len(old), sent)):
        before = old[r] if r < len(old) else {}
        cells = {key: _one_line(form.get(f"indicators.{r}.{key}", _cell(before.get(key)))) for key in _SHOWN}
        if not any(cells.values()):
            continue
        same = (by_id.get(cells["id"]) if cells["id"] else before if not _cell(before.get("id")) else None) or {}
        shown = {k: v for k, v in cells.items() if v or (k in same and not _cell(same[k]).strip())}
        result.append({**shown, **{k: v for k, v in same.items() if k not in _SHOWN}})
    return result
