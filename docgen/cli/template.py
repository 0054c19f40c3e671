"""`docgen template check`: every problem of a .docx template at once, located."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core.errors import Finding
from ..outline.model import Outline
from .common import exit_for, print_findings, session, summary_line


def outlines_for_template(template: Path, ref: str | None) -> list[Outline]:
    """The outline named, else every outline on the search path that uses this template, else the Party report outline."""
    current = session()
    if ref:
        return [current.outline(ref)]
    outlines = current.outlines().values()
    return [o for o in outlines if o.template == template.name] or [current.outline("bao-cao-so-ket-nq21")]


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
