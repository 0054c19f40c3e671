"""A throw-away certification authority, the signer's and the organ's keys and certificates (PKCS#12),
and the images a signer would use (blue signature, red seal at a known resolution): for the signing
tests, and for trying `docgen sign` (README). Never for a real document.

    python tools/signing_examples.py FOLDER      # writes nguoi-ky.p12, co-quan.p12 (password below), chu-ky.png, dau.png, ca.pem
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw

PASSWORD = "thu-nghiem"
SEAL_DPI = 300
SEAL_MM = 36


@dataclass(frozen=True)
class Pki:
    ca_pem: Path
    ca_der: bytes
    signer_p12: Path
    organ_p12: Path
    signer_key_pem: Path  # unencrypted PKCS#8, for importing into a token
    signer_cert_der: bytes


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificate(subject: str, key: rsa.RSAPrivateKey, issuer: str, issuer_key: rsa.RSAPrivateKey, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(_name(issuer)).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
               .not_valid_after(now + dt.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=not ca, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                                            encipher_only=False, decipher_only=False), critical=True))
    return builder.sign(issuer_key, hashes.SHA256())


def make_pki(folder: Path) -> Pki:
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca = _certificate("CA thử nghiệm", ca_key, "CA thử nghiệm", ca_key, ca=True)
    files = {}
    for who, common in (("nguoi-ky", "Lê Hồng Khánh"), ("co-quan", "HUYỆN ỦY ĐỨC TRỌNG")):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        cert = _certificate(common, key, "CA thử nghiệm", ca_key, ca=False)
        p12 = folder / f"{who}.p12"
        p12.write_bytes(pkcs12.serialize_key_and_certificates(common.encode(), key, cert, [ca],
                                                              serialization.BestAvailableEncryption(PASSWORD.encode())))
        files[who] = (p12, key, cert)
    ca_pem = folder / "ca.pem"
    ca_pem.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    key_pem = folder / "nguoi-ky-khoa.pem"
    key_pem.write_bytes(files["nguoi-ky"][1].private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                         serialization.NoEncryption()))
    return Pki(ca_pem, ca.public_bytes(serialization.Encoding.DER), files["nguoi-ky"][0], files["co-quan"][0], key_pem,
               files["nguoi-ky"][2].public_bytes(serialization.Encoding.DER))


def signature_png(path: Path) -> Path:
    image = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(30, 180), (200, 60), (330, 170), (560, 50)], fill=(20, 40, 200, 255), width=14)
    image.save(path)
    return path


def seal_png(path: Path, dpi: int | None = SEAL_DPI) -> Path:
    side = round(SEAL_MM / 25.4 * SEAL_DPI)
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([4, 4, side - 5, side - 5], outline=(220, 20, 30, 255), width=18)
    draw.ellipse([side // 4, side // 4, 3 * side // 4, 3 * side // 4], outline=(220, 20, 30, 255), width=8)
    image.save(path, dpi=(dpi, dpi)) if dpi else image.save(path)
    return path


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "vi-du-ky")
    folder.mkdir(parents=True, exist_ok=True)
    pki = make_pki(folder)
    signature_png(folder / "chu-ky.png")
    seal_png(folder / "dau.png")
    print(f"Đã tạo khóa thử nghiệm (mật khẩu “{PASSWORD}”) và ảnh chữ ký, ảnh dấu trong {folder}: "
          f"{pki.signer_p12.name}, {pki.organ_p12.name}, chu-ky.png, dau.png, {pki.ca_pem.name}")


if __name__ == "__main__":
    main()
