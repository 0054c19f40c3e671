"""Sections written as blocks (text and tables): their editor fields and how a save rebuilds them.

Field names: "blocks.<section>.<i>" a text block, "caption|head.<section>.<i>[.<col>]" and
"cell.<section>.<i>.<row>.<col>" a table. A row left entirely empty is dropped on save.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BlockField:
    index: int
    kind: str  # "text" or "table"
    text: str = ""
    caption: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def has_tables(value: Any) -> bool:
    blocks = value.get("blocks") if isinstance(value, dict) else None
    return isinstance(blocks, list) and any(_table(b) is not None for b in blocks)


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
            fields.append(BlockField(i, "text", text=str(block)))
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
        else:
            blocks.append({"table": _apply_table(f"{section_id}.{field.index}", field, form)})
    return {**value, "blocks": blocks}


def _apply_table(key: str, field: BlockField, form: Mapping[str, str]) -> dict[str, Any]:
    header = [form.get(f"head.{key}.{c}", h).strip() for c, h in enumerate(field.header)]
    rows = []
    for r in range(max(len(field.rows), _sent_rows(key, form))):
        old = field.rows[r] if r < len(field.rows) else ()
        row = [form.get(f"cell.{key}.{r}.{c}", old[c] if c < len(old) else "").strip() for c in range(len(header))]
        if any(row):
            rows.append(row)
    table: dict[str, Any] = {"header": header, "rows": rows}
    caption = form.get(f"caption.{key}", field.caption).strip()
    return {"caption": caption, **table} if caption else table


def _sent_rows(key: str, form: Mapping[str, str]) -> int:
    prefix = f"cell.{key}."
    indices = [name[len(prefix):].split(".")[0] for name in form if name.startswith(prefix)]
    return max((int(i) + 1 for i in indices if i.isdigit()), default=0)


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
