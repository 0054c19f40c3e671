"""`docgen template check`: every problem of a .docx template at once, located."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import Finding
from ..outline.model import PROJECT_ROOT, Outline, find_outline, load_outline
from .common import exit_for, print_findings, summary_line


def outlines_for_template(template: Path, ref: str | None) -> list[Outline]:
    """The outline named, else every bundled outline that uses this template, else the Party report outline."""
    if ref:
        return [load_outline(find_outline(ref))]
    outlines = [load_outline(path) for path in sorted((PROJECT_ROOT / "outlines").glob("*.yaml"))]
    return [o for o in outlines if o.template == template.name] or [load_outline(find_outline("bao-cao-so-ket-nq21"))]


def cmd_template_check(args: argparse.Namespace) -> int:
    from ..render.template_check import check_template

    template = Path(args.template)
    outlines = outlines_for_template(template, args.outline)
    findings: list[Finding] = []
    for outline in outlines:  # a template serves every outline that names it; a problem is printed once
        findings += [f for f in check_template(template, outline) if f not in findings]
    print_findings(findings, sys.stderr)
    print(f"{template} (theo đề cương {', '.join(o.id for o in outlines)}): {summary_line(findings)}")
    return exit_for(findings)


def register(commands: Any) -> None:
    template = commands.add_parser("template", help="công cụ cho người soạn mẫu .docx")
    sub = template.add_subparsers(dest="template_command", required=True)
    check = sub.add_parser("check", help="kiểm tra mẫu: cú pháp thẻ, tên chưa có, kiểu đoạn, thẻ bị tách, trường chưa đặt")
    check.add_argument("template", metavar="MẪU.docx")
    check.add_argument("--outline", help="mã hoặc đường dẫn đề cương (mặc định: mọi đề cương có sẵn dùng mẫu này)")
    check.set_defaults(run=cmd_template_check)
