"""The signer's key and certificate: from a PKCS#12 file, or from a PKCS#11 token (the USB tokens
signers use; SoftHSM2 stands in for one in tests)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyhanko.sign import signers

from ..core.errors import DocgenError, error
from ..core.fsio import cause


def from_pkcs12(path: Path, passphrase: str | None) -> signers.Signer:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocgenError(error("key-unreadable", f"Không đọc được tệp khóa “{path}” ({cause(exc)}).")) from None
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=passphrase.encode() if passphrase else None)
    except (ValueError, TypeError):
        signer = None
    if signer is None:
        raise DocgenError(error("key-unusable", f"Không mở được tệp khóa “{path}”: sai mật khẩu hoặc không phải tệp PKCS#12 (.p12, .pfx)."))
    return signer


@contextmanager
def from_pkcs11(library: str, token: str, key_label: str, pin: str, cert_label: str | None = None) -> Iterator[signers.Signer]:
    """A signer on the token, for the time of the `with` block (the token session is closed after)."""
    from pkcs11 import PKCS11Error
    from pyhanko.sign.pkcs11 import PKCS11Signer, TokenCriteria, open_pkcs11_session

    try:
        session = open_pkcs11_session(library, token_criteria=TokenCriteria(label=token), user_pin=pin)
    except (PKCS11Error, OSError, RuntimeError) as exc:
        raise DocgenError(error("token-unusable", f"Không mở được thiết bị ký số “{token}” qua “{library}” ({type(exc).__name__}): "
                                                  "kiểm tra thiết bị đã cắm, tên thiết bị và mã PIN.")) from None
    try:
        yield PKCS11Signer(session, key_label=key_label, cert_label=cert_label or key_label)
    finally:
        session.close()
