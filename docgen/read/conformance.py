"""Format conformance of a .docx (kiểm tra thể thức): the rulebook lives in format_rules/."""

from __future__ import annotations

from .format_rules import RULES, check_format

__all__ = ["RULES", "check_format"]
