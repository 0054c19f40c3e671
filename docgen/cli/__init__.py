"""The `docgen` command: one module per command group, each adding its sub-commands through `register`.

Exit codes: 0 clean (warnings allowed), 1 findings at error level, 2 unusable input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from ..core.errors import DocgenError
from . import argparse_vi, build, bulk, check, fidelity, fix, new, outline, outline_import, rollup, round, serve, sign, template, users
from .common import EXIT_UNUSABLE, print_findings


def parser() -> argparse.ArgumentParser:
    argparse_vi.install()
    main = argparse.ArgumentParser(prog="docgen", description="Tạo và kiểm tra văn bản của Đảng và Nhà nước theo đề cương.")
    commands = main.add_subparsers(dest="command", required=True)
    for group in (check, build, new, fix):
        group.register(commands)
    outline_import.register(outline.register(commands))
    for group in (serve, bulk, rollup, template, fidelity, round, users, sign):
        group.register(commands)
    argparse_vi.name_placeholders(main)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except DocgenError as exc:
        print_findings(exc.findings, sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
