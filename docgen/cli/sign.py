"""`docgen sign`: sign a PDF electronically, as the signer or as the organ (NĐ 30/2020, Phụ lục I)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import DocgenError, error
from ..core.fsio import check_output_file
from .common import EXIT_OK, print_findings

if TYPE_CHECKING:
    from pyhanko.sign import signers

# pyHanko and the PDF layout reader are imported when a document is signed: loading them took
# most of the start-up of every other command (each `docgen check` paid about a second for them).


def cmd_sign(args: argparse.Namespace) -> int:
    source = Path(args.pdf)
    target = Path(args.output) if args.output else source.with_name(f"{source.stem}-ky-so.pdf")
    check_output_file(target, (".pdf",), (source,))  # before a token is opened or a password asked
    from ..sign.document import Signing, sign_file

    how = Signing(Path(args.image) if args.image else None, Path(args.seal) if args.seal else None, args.seal_mm, args.organ)
    with _signer(args) as signer:
        findings = sign_file(source, target, signer, how)
    print_findings(findings, sys.stderr)
    print(f"Đã ký: {target}")
    return EXIT_OK


def _signer(args: argparse.Namespace) -> AbstractContextManager[signers.Signer]:
    from ..sign import keys

    if args.p12:
        return nullcontext(keys.from_pkcs12(Path(args.p12), _secret(args.pin_env, "Mật khẩu tệp khóa: ")))
    if args.pkcs11_lib:
        if not (args.token and args.key):
            raise DocgenError(error("token-incomplete", "Với thiết bị ký số (--pkcs11-lib), hãy cho tên thiết bị (--token) và nhãn khóa (--key)."))
        return keys.from_pkcs11(args.pkcs11_lib, args.token, args.key, _secret(args.pin_env, "Mã PIN: ") or "", args.cert)
    raise DocgenError(error("key-missing", "Hãy cho tệp khóa (--p12) hoặc thiết bị ký số (--pkcs11-lib, --token, --key)."))


def _secret(variable: str, prompt: str) -> str | None:
    """The password or PIN: from the environment variable named, else asked on the terminal."""
    if variable in os.environ:
        return os.environ[variable]
    return getpass.getpass(prompt) if sys.stdin.isatty() else None


def register(commands: Any) -> None:
    sign = commands.add_parser(
        "sign", help="ký số tệp PDF: chữ ký của người có thẩm quyền hoặc dấu của cơ quan (Nghị định 30/2020, Phụ lục I)",
        description="Ký số theo chuẩn PAdES. Ảnh chữ ký (PNG màu xanh, nền trong suốt) được đặt giữa dòng chức vụ và họ tên; "
                    "ảnh dấu (PNG màu đỏ, kích thước thật) trùm khoảng 1/3 ảnh chữ ký về bên trái, kèm tên cơ quan và thời gian ký. "
                    "Vị trí được tìm trong chính văn bản. Ký lần lượt người ký rồi cơ quan: cả hai chữ ký đều còn hiệu lực.")
    sign.add_argument("pdf", metavar="VĂN-BẢN.pdf")
    sign.add_argument("-o", "--output", metavar="TỆP.pdf", help="tệp đã ký (mặc định: <tên>-ky-so.pdf bên cạnh)")
    what = sign.add_mutually_exclusive_group(required=True)
    what.add_argument("--image", metavar="CHỮ-KÝ.png", help="ký với tư cách người có thẩm quyền: ảnh chữ ký")
    what.add_argument("--seal", metavar="DẤU.png", help="ký với tư cách cơ quan, tổ chức: ảnh dấu")
    sign.add_argument("--seal-mm", type=float, metavar="MM", help="đường kính thật của dấu khi ảnh không ghi độ phân giải")
    sign.add_argument("--organ", metavar="TÊN", help="tên cơ quan ghi cạnh dấu (mặc định: tên trong chứng thư số)")
    sign.add_argument("--p12", metavar="TỆP.p12", help="tệp khóa và chứng thư số PKCS#12 (.p12, .pfx)")
    sign.add_argument("--pkcs11-lib", metavar="THƯ-VIỆN.so", help="thư viện PKCS#11 của thiết bị ký số (USB token)")
    sign.add_argument("--token", metavar="TÊN", help="tên (nhãn) thiết bị ký số")
    sign.add_argument("--key", metavar="NHÃN", help="nhãn khóa trên thiết bị")
    sign.add_argument("--cert", metavar="NHÃN", help="nhãn chứng thư số trên thiết bị (mặc định: như nhãn khóa)")
    sign.add_argument("--pin-env", default="DOCGEN_PIN", metavar="BIẾN",
                      help="biến môi trường chứa mật khẩu tệp khóa hoặc mã PIN (mặc định: DOCGEN_PIN; không có thì hỏi)")
    sign.set_defaults(run=cmd_sign)
