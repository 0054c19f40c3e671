"""Command line: parse arguments, call one pipeline function, print findings, set the exit code.

Exit codes: 0 clean (warnings allowed), 1 findings at error level, 2 unusable input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from . import cli_tools, pipeline
from .bulk import run as bulk
from .content.skeleton import skeleton
from .core.errors import DocgenError, Finding, Severity, error, has_errors
from .core.fsio import atomic_write_text
from .outline.model import Outline, find_outline, format_tree, load_outline
from .read import documents
from .render.pdf import font_warning, to_pdf
from .rollup import completeness

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
CHECK_SUFFIXES = (".yaml", *documents.DOCUMENT_SUFFIXES)  # what `docgen check` reads in a folder


def content_files(paths: Sequence[str], suffixes: tuple[str, ...] = (".yaml",)) -> list[Path]:
    """Files named on the command line; a folder stands for the files in it that end in one of `suffixes`
    (hidden files and Word's "~$" lock files left out)."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith((".", "~$")))
        else:
            files.append(path)
    return files


def summary_line(findings: Sequence[Finding]) -> str:
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    return f"{counts[Severity.ERROR]} lỗi, {counts[Severity.WARNING]} cảnh báo, {counts[Severity.INFO]} lưu ý"


def print_findings(findings: Sequence[Finding], stream: TextIO | None = None) -> None:
    for finding in findings:
        print(finding.format(), file=stream or sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    if args.table and not args.outline:
        raise DocgenError(error("missing-outline", "Khi lập bảng mức độ đầy đủ (--table), hãy cho biết đề cương bằng --outline."))
    outline = documents.outline_for(args.outline) if args.outline else None  # once for a whole folder
    checked = [check_one(path, args.outline, outline) for path in content_files(args.paths, CHECK_SUFFIXES)]
    worst = max((_exit_code(c) for c in checked), default=EXIT_OK)
    if args.format == "json":
        payload = [{"file": str(c.path), "status": _status(c), "findings": [f.to_dict() for f in c.findings]} for c in checked]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for item in checked:
            print_findings(item.findings)
            print(f"{item.path}: {summary_line(item.findings)}")
    if args.table:
        assert outline is not None  # --table needs --outline (checked above)
        header, rows = completeness.check_table(outline, checked)
        written = completeness.write_table(Path(args.table), header, rows)
        note = sys.stderr if args.format == "json" else sys.stdout
        print(f"Đã ghi bảng mức độ đầy đủ ({len(rows)} tệp): {', '.join(str(p) for p in written)}", file=note)
    return worst


def check_one(path: Path, outline_ref: str | None, outline: Outline | None = None) -> completeness.Checked:
    """A file's report and findings; an unusable file keeps the findings that say why, without a report."""
    try:
        report, findings = documents.check_any(path, outline_ref, outline)
    except DocgenError as exc:
        return completeness.Checked(path, None, exc.findings)
    return completeness.Checked(path, report, findings)


def _status(checked: completeness.Checked) -> str:
    if checked.report is None:
        return "unusable"
    return "errors" if has_errors(list(checked.findings)) else "ok"


def _exit_code(checked: completeness.Checked) -> int:
    return {"unusable": EXIT_UNUSABLE, "errors": EXIT_FINDINGS, "ok": EXIT_OK}[_status(checked)]


def cmd_build(args: argparse.Namespace) -> int:
    files = content_files(args.paths)
    single_file = args.output and args.output.endswith(".docx")
    if single_file and len(files) != 1:
        print("lỗi: -o TỆP.docx chỉ dùng khi tạo một văn bản; với nhiều tệp hãy cho -o THƯ-MỤC.", file=sys.stderr)
        return EXIT_UNUSABLE
    worst, built = EXIT_OK, []
    for path in files:
        target = Path(args.output) if single_file else Path(args.output or "out") / f"{path.stem}.docx"
        try:
            result = pipeline.build(path, target, args.outline, strict=args.strict)
        except DocgenError as exc:
            print_findings(exc.findings, sys.stderr)
            worst = EXIT_UNUSABLE
            continue
        print_findings(result.findings, sys.stderr)
        if result.output is None:
            print(f"{path}: không tạo văn bản vì còn lỗi (--strict): {summary_line(result.findings)}", file=sys.stderr)
            worst = max(worst, EXIT_FINDINGS)
            continue
        built.append(result.output)
        print(f"Đã tạo {result.output} ({summary_line(result.findings)})")
    if args.pdf and built:
        try:
            note = font_warning()
            if note:
                print_findings([note], sys.stderr)
            for pdf in to_pdf(built):
                print(f"Đã tạo {pdf}")
        except DocgenError as exc:
            print_findings(exc.findings, sys.stderr)
            worst = EXIT_UNUSABLE
    return worst


def cmd_new(args: argparse.Namespace) -> int:
    outline = load_outline(find_outline(args.outline))
    target = Path(args.output)
    if target.exists() and not args.force:
        print(f"lỗi: “{target}” đã có; không ghi đè (dùng --force nếu muốn).", file=sys.stderr)
        return EXIT_UNUSABLE
    ref = outline.id if find_outline(outline.id) == Path(outline.file) else args.outline
    atomic_write_text(target, skeleton(outline, ref))
    print(f"Đã tạo {target} với {sum(1 for _ in outline.walk())} mục để điền.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    target = Path(args.output)
    if target.exists() and not args.force:
        print(f"lỗi: “{target}” đã có; không ghi đè (dùng --force nếu muốn).", file=sys.stderr)
        return EXIT_UNUSABLE
    text, findings = documents.import_file(Path(args.report), args.outline)
    atomic_write_text(target, text)
    print_findings(findings, sys.stderr)
    print(f"Đã tạo {target} ({summary_line(findings)})")
    return EXIT_OK


def cmd_outline_show(args: argparse.Namespace) -> int:
    print(format_tree(load_outline(find_outline(args.outline))))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.serve import serve  # imported here: the CLI does not need Flask for other commands

    serve(args.port, Path(args.data_dir))
    return EXIT_OK


def cmd_bulk(args: argparse.Namespace) -> int:
    note = font_warning() if args.pdf else None  # (a missing LibreOffice stops bulk.run before anything is made)
    if note:
        print_findings([note], sys.stderr)
    if (args.before_2025 or args.unit_organ) and args.units:
        flag = "--before-2025" if args.before_2025 else "--unit-organ"
        print(f"lỗi: {flag} chỉ dùng với --province; bảng đơn vị (--units) đã ghi sẵn các đơn vị.", file=sys.stderr)
        return EXIT_UNUSABLE
    overrides = Path(args.overrides) if args.overrides else None
    settings = bulk.Settings(Path(args.base), Path(args.output), args.outline, overrides, args.strict)
    system = bulk.load_base(settings)[1].system if args.unit_organ else ""
    units, notes = bulk.unit_list(args.units, args.province, args.before_2025, system)
    print_findings(notes, sys.stderr)
    outcome = bulk.run(settings, units, args.jobs, progress=True, pdf=args.pdf)
    print("\n".join(bulk.summary_lines(outcome, settings.out)))
    return outcome.worst


def cmd_fidelity(args: argparse.Namespace) -> int:
    from . import fidelity

    seeds_dir = Path(args.seeds) if args.seeds else fidelity.SEEDS_DIR
    unknown = [s for s in args.seed if s not in fidelity.SEED_CONTENT]
    if unknown or not seeds_dir.is_dir():
        print(f"lỗi: không có văn bản mẫu {', '.join(unknown) or 'nào'} trong “{seeds_dir}”.", file=sys.stderr)
        return EXIT_UNUSABLE
    for seed in args.seed or list(fidelity.SEED_CONTENT):
        print("\n".join(fidelity.format_result(fidelity.check_seed(seed, seeds_dir), args.diff)))
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="docgen", description="Tạo và kiểm tra văn bản của Đảng và Nhà nước theo đề cương.")
    commands = main.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "check", help="kiểm tra tệp nội dung và báo cáo (.docx, .txt) theo đề cương và thể thức",
        description="Kiểm tra từng tệp và in các lỗi của từng tệp. Một thư mục được hiểu là mọi tệp .yaml, .docx, .txt trong đó; "
                    "tệp không đọc được được báo tên và lý do (mã thoát 2), các tệp khác vẫn được kiểm tra. "
                    "Bảng mức độ đầy đủ chỉ được ghi khi có --table.")
    check.add_argument("paths", nargs="+", metavar="NỘI-DUNG", help="tệp .yaml, .docx, .txt hoặc thư mục chứa các tệp đó")
    check.add_argument("--outline", help="mã hoặc đường dẫn đề cương (mặc định: theo tệp nội dung; bắt buộc với .docx, .txt và --table)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--table", metavar="THƯ-MỤC",
                       help="ghi thêm bảng mức độ đầy đủ (đơn vị × mục đề cương: có, trống, thiếu, đổi tên; số lỗi thể thức của tệp .docx) "
                            "thành muc-do-day-du.xlsx và muc-do-day-du.csv trong THƯ-MỤC, đơn vị xếp theo thứ tự chữ cái tiếng Việt; "
                            "không có --table thì không ghi tệp nào")
    check.set_defaults(run=cmd_check)

    build = commands.add_parser("build", help="tạo văn bản .docx (và PDF) từ tệp nội dung")
    build.add_argument("paths", nargs="+", metavar="NỘI-DUNG", help="tệp .yaml hoặc thư mục")
    build.add_argument("-o", "--output", help="tệp .docx (một văn bản) hoặc thư mục (mặc định: out/)")
    build.add_argument("--outline", help="mã hoặc đường dẫn đề cương")
    build.add_argument("--strict", action="store_true", help="không tạo văn bản khi còn lỗi")
    build.add_argument("--pdf", action="store_true", help="tạo thêm PDF bằng LibreOffice")
    build.set_defaults(run=cmd_build)

    new = commands.add_parser("new", help="tạo tệp nội dung trống theo đề cương, kèm gợi ý")
    new.add_argument("outline", metavar="ĐỀ-CƯƠNG")
    new.add_argument("-o", "--output", required=True, metavar="TỆP.yaml")
    new.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    new.set_defaults(run=cmd_new)

    imp = commands.add_parser("import", help="nhập một báo cáo .docx, .pdf hoặc .txt thành tệp nội dung")
    imp.add_argument("report", metavar="BÁO-CÁO")
    imp.add_argument("--outline", required=True, help="mã hoặc đường dẫn đề cương")
    imp.add_argument("-o", "--output", required=True, metavar="TỆP.yaml")
    imp.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    imp.set_defaults(run=cmd_import)

    outline = commands.add_parser("outline", help="xem, so sánh và kiểm tra đề cương")
    outline_commands = outline.add_subparsers(dest="outline_command", required=True)
    show = outline_commands.add_parser("show", help="in cây mục của đề cương")
    show.add_argument("outline", metavar="ĐỀ-CƯƠNG")
    show.set_defaults(run=cmd_outline_show)

    serve = commands.add_parser("serve", help="mở trang web soạn văn bản (chỉ trên máy này, 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (mặc định: 8000)")
    serve.add_argument("--data-dir", default="data", metavar="THƯ-MỤC", help="nơi lưu bản nháp (mặc định: ./data)")
    serve.set_defaults(run=cmd_serve)

    many = commands.add_parser("bulk", help="tạo văn bản cho mọi đơn vị (xã, phường, huyện) trong một lần chạy")
    many.add_argument("base", metavar="NỘI-DUNG-CHUNG", help="tệp .yaml chung cho mọi đơn vị")
    source = many.add_mutually_exclusive_group(required=True)
    source.add_argument("--units", metavar="BẢNG", help="bảng đơn vị .csv hoặc .xlsx (cột code, name, organ, ...)")
    source.add_argument("--province", metavar="TỈNH", help="mọi xã, phường của một tỉnh theo danh mục từ ngày 01/07/2025 (mã, tên, hoặc all)")
    many.add_argument("--before-2025", action="store_true",
                      help="với --province: dùng danh mục trước ngày 01/07/2025: 63 tỉnh, các huyện, quận, thị xã, thành phố thuộc tỉnh "
                           "(mã huyện 3 chữ số; dữ liệu Tổng cục Thống kê lấy ngày 04/01/2025)")
    many.add_argument("--unit-organ", action="store_true",
                      help="với --province: mỗi văn bản mang tên cơ quan của chính đơn vị (văn bản của Đảng: ĐẢNG BỘ TỈNH … / "
                           "ĐẢNG ỦY XÃ …, HUYỆN ỦY …; văn bản nhà nước: ỦY BAN NHÂN DÂN XÃ …) thay cho cơ quan trong nội dung chung")
    many.add_argument("--overrides", metavar="THƯ-MỤC", help="tệp nội dung riêng <mã đơn vị>.yaml cho từng đơn vị")
    many.add_argument("-o", "--output", default="out", metavar="THƯ-MỤC", help="thư mục văn bản (mặc định: out/)")
    many.add_argument("--outline", help="mã hoặc đường dẫn đề cương")
    many.add_argument("--strict", action="store_true", help="không tạo văn bản cho đơn vị còn lỗi")
    many.add_argument("-j", "--jobs", type=int, metavar="N", help="số tiến trình (mặc định: số lõi CPU)")
    many.add_argument("--pdf", action="store_true",
                      help="tạo thêm PDF cho mỗi văn bản bằng LibreOffice (theo lô, -j lô cùng lúc; chạy lại chỉ tạo PDF còn thiếu hoặc đã cũ)")
    many.set_defaults(run=cmd_bulk)

    cli_tools.register(commands, outline_commands)

    fid = commands.add_parser("fidelity", help="so văn bản tạo ra với các văn bản mẫu (reference/seeds): tỉ lệ giống nhau theo từ")
    fid.add_argument("seed", nargs="*", metavar="SỐ", help="số văn bản mẫu: 000 … 004 (mặc định: tất cả)")
    fid.add_argument("--seeds", metavar="THƯ-MỤC", help="thư mục văn bản mẫu (mặc định: reference/seeds)")
    fid.add_argument("--diff", action="store_true", help="in từng chỗ khác nhau")
    fid.set_defaults(run=cmd_fidelity)
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


if __name__ == "__main__":
    sys.exit(main())
