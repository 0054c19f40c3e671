"""`docgen round`: reporting rounds (create, list, export) from the command line, as the web page makes them."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import DocgenError, Finding, Location, error, warning
from ..core.fsio import atomic_write, read_failed
from ..core.yamlio import read_text
from ..outline.locate import is_path
from ..service.clock import utc_now
from .common import EXIT_OK, print_findings
from .database import add_database_options, administrator, database_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..storage.accounts import User
    from ..storage.rounds import Round

# The web service's modules (and what they load) are imported by the round commands themselves:
# every other command, `docgen check` first, would otherwise pay for them at start-up.

EXPORTS = ("matrix", "documents", "rollup")


def cmd_create(args: argparse.Namespace) -> int:
    from ..service import rounds

    base = args.base
    spec = rounds.RoundSpec(
        args.title or "", args.outline or "", args.deadline, province=args.province or "", before_2025=args.before_2025,
        units_table=Path(args.units) if args.units else None, codes=tuple(c for c in (args.only or "").split(",") if c.strip()),
        base_text=read_text(Path(base)) if base else "", base_name=base or "", reviewers=tuple(args.reviewer or ()),
    )
    guidance = _guidance_bytes(Path(args.guidance)) if args.guidance else None
    with database_of(args).write() as session:
        by = administrator(session, args.as_user)
        stored, imported = _stored_outline(session, by, args, guidance)
        made, notes = rounds.create_round(session, replace(spec, stored_outline=stored), by, utc_now())
        summary = f"Đã tạo đợt báo cáo số {made.id} “{made.title}”: {len(made.reports)} đơn vị, hạn nộp {made.deadline:%d/%m/%Y}."
    print_findings(imported + notes, sys.stderr)
    print(summary)
    return EXIT_OK


def _stored_outline(session: Session, by: User, args: argparse.Namespace, guidance: bytes | None) -> tuple[int | None, list[Finding]]:
    """The round's own outline, kept in the database with it: imported from a guidance document, or an
    outline file; (None, []) for a bundled outline's code. With the import's notes, as findings."""
    from ..service import outlines

    if guidance is not None:
        stored = outlines.import_guidance(session, by, guidance, args.guidance, utc_now())
        return stored.id, [warning(n.code, n.message, Location(args.guidance, n.line, n.section or None)) for n in outlines.notes_of(stored)]
    if is_path(args.outline):
        return outlines.store_outline(session, by, read_text(Path(args.outline)), args.outline, utc_now()).id, []
    return None, []


def _guidance_bytes(path: Path) -> bytes:
    """A guidance document's bytes, read no further than the import accepts (a larger file is refused by it)."""
    from ..service.outlines import MAX_GUIDANCE_BYTES

    try:
        with path.open("rb") as stream:
            return stream.read(MAX_GUIDANCE_BYTES + 1)
    except FileNotFoundError:
        raise DocgenError(error("file-not-found", f"Không tìm thấy tệp “{path}”.", Location(str(path)))) from None
    except OSError as exc:
        raise read_failed(path, exc) from None


def cmd_list(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from ..service import dashboard
    from ..storage.rounds import Round

    with database_of(args).write() as session:
        for owner in session.scalars(select(Round).order_by(Round.id)):
            figures = ", ".join(f"{c.label.lower()} {c.count}" for c in dashboard.counts(owner))
            print(f"{owner.id}  {owner.title}  (đề cương {owner.outline}, hạn {owner.deadline:%d/%m/%Y}): {figures}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from ..storage.rounds import Round

    out = Path(args.output)
    wanted = args.what or list(EXPORTS)
    with database_of(args).write() as session:
        owner = session.get(Round, args.round)
        if owner is None:
            raise DocgenError(error("round-not-found", f"Không có đợt báo cáo số {args.round}."))
        files, skipped = _exports(session, owner, wanted, strict=bool(args.what))
    for name, (filename, data) in files.items():
        atomic_write(out / filename, data)
        print(f"{out / filename}  ({_WHAT_VI[name]})")
    print_findings(skipped, sys.stderr)
    return EXIT_OK


def _exports(session: Any, owner: Round, wanted: list[str], strict: bool) -> tuple[dict[str, tuple[str, bytes]], list[Finding]]:
    """The files asked for; without --what, one that cannot be made yet (a roll-up before any acceptance) is skipped with a note."""
    files, skipped = {}, []
    for name in wanted:
        try:
            files[name] = _export(session, owner, name)
        except DocgenError as exc:
            if strict:
                raise
            skipped += [warning(f.code, f.message) for f in exc.findings]
    return files, skipped


_WHAT_VI = {"matrix": "bảng mức độ đầy đủ", "documents": "văn bản của mọi đơn vị", "rollup": "tổng hợp các báo cáo đã duyệt"}


def _export(session: Any, owner: Round, name: str) -> tuple[str, bytes]:
    from ..service import dashboard, exports

    stem = f"dot-{owner.id}"
    if name == "matrix":
        return f"{stem}-muc-do-day-du.xlsx", exports.matrix_xlsx(*dashboard.completeness(session, owner))
    if name == "documents":
        return f"{stem}-van-ban.zip", exports.documents_zip(owner)
    return f"{stem}-tong-hop.zip", exports.rollup_zip(owner)


def register(commands: Any) -> None:
    group = commands.add_parser("round", help="đợt báo cáo: tạo, liệt kê, xuất kết quả")
    actions = group.add_subparsers(dest="round_command", required=True)
    create = actions.add_parser("create", help="tạo đợt báo cáo: mỗi đơn vị một báo cáo, điền sẵn như docgen bulk --unit-organ")
    outline = create.add_mutually_exclusive_group(required=True)
    outline.add_argument("--outline", help="mã đề cương, ví dụ bao-cao-so-ket-nq21, hoặc tệp đề cương .yaml (như docgen outline import "
                                           "ghi ra, đã xem lại); tệp được lưu cùng đợt")
    outline.add_argument("--guidance", metavar="HƯỚNG-DẪN",
                         help="văn bản hướng dẫn của cấp trên (.docx, .pdf, .txt): đề cương trong đó được nhập và lưu cùng đợt, "
                              "như trang web làm; các điểm cần xem lại được in ra")
    create.add_argument("--deadline", required=True, metavar="NGÀY", help="hạn nộp, ví dụ 15/12/2026")
    create.add_argument("--title", metavar="TÊN", help="tên đợt (mặc định: tên đề cương)")
    source = create.add_mutually_exclusive_group(required=True)
    source.add_argument("--province", metavar="TỈNH", help="các đơn vị của một tỉnh trong danh mục (mã hoặc tên)")
    source.add_argument("--units", metavar="BẢNG", help="bảng đơn vị .csv hoặc .xlsx (cột code, name, organ, ...)")
    create.add_argument("--before-2025", action="store_true", help="với --province: các huyện theo danh mục trước ngày 01/07/2025")
    create.add_argument("--only", metavar="MÃ,MÃ", help="chỉ các đơn vị có mã này")
    create.add_argument("--base", metavar="NỘI-DUNG-CHUNG", help="tệp .yaml mọi đơn vị bắt đầu từ đó")
    create.add_argument("--reviewer", action="append", metavar="TÊN-ĐĂNG-NHẬP", help="người duyệt của đợt (có thể ghi nhiều lần)")
    create.add_argument("--as", dest="as_user", metavar="TÊN-ĐĂNG-NHẬP", help="tài khoản quản trị tạo đợt (mặc định: tài khoản quản trị đầu tiên)")
    create.set_defaults(run=cmd_create)
    listed = actions.add_parser("list", help="liệt kê các đợt và số báo cáo theo trạng thái")
    listed.set_defaults(run=cmd_list)
    export = actions.add_parser("export", help="xuất bảng mức độ đầy đủ (.xlsx), văn bản các đơn vị (.zip), tổng hợp báo cáo đã duyệt (.zip)")
    export.add_argument("round", type=int, metavar="SỐ-ĐỢT")
    export.add_argument("-o", "--output", default="out", metavar="THƯ-MỤC", help="thư mục ghi tệp (mặc định: out/)")
    export.add_argument("--what", action="append", choices=EXPORTS, help="chỉ xuất phần này (mặc định: cả ba)")
    export.set_defaults(run=cmd_export)
    for sub in (create, listed, export):
        add_database_options(sub)
