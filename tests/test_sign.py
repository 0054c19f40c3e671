"""`docgen sign`: PAdES signatures placed as NĐ 30/2020 Phụ lục I describes the electronic document.

A throw-away CA is made in the test; every signature is checked with pyHanko's validator against
it, the document's text is compared before and after, and the images' places are read back."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from pki import PASSWORD, SEAL_MM, Pki, make_pki, seal_png, signature_png
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from samples import PROJECT_ROOT

from docgen.cli import main
from docgen.render import pdf as pdf_render
from docgen.sign.pades import signature_rects
from docgen.sign.place import find_place

POINTS_PER_MM = 72 / 25.4


def _require(present: bool, what: str) -> None:
    if not present:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is required in CI (scripts/install-system-deps.sh)")
        pytest.skip(f"{what} not installed")


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Party report and the State plan as PDFs, made once."""
    _require(pdf_render.office_binary() is not None, "LibreOffice")
    folder = tmp_path_factory.mktemp("pdfs")
    made = {}
    for name in ("duc-trong", "ubnd-tinh-ke-hoach-dan-so"):
        main(["build", str(PROJECT_ROOT / "content" / f"{name}.yaml"), "-o", str(folder / f"{name}.docx"), "--pdf"])
        made[name] = folder / f"{name}.pdf"
    return made


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCGEN_PIN", PASSWORD)


def _validate(pdf: Path, pki: Pki) -> list[bool]:
    """For each signature in the file: intact, valid and trusted (the test CA as the only root)."""
    from asn1crypto import x509

    context = ValidationContext(trust_roots=[x509.Certificate.load(pki.ca_der)], allow_fetching=False, revocation_mode="soft-fail")
    with pdf.open("rb") as stream:
        reader = PdfFileReader(stream)
        return [validate_pdf_signature(s, context).bottom_line for s in reader.embedded_signatures]


def _text(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [page.extract_text() for page in document.pages]


def _sign_twice(source: Path, folder: Path, pki: Pki) -> tuple[Path, Path]:
    first, second = folder / "nguoi-ky.pdf", folder / "co-quan.pdf"
    assert main(["sign", str(source), "-o", str(first), "--p12", str(pki.signer_p12), "--image", str(signature_png(folder / "ky.png"))]) == 0
    assert main(["sign", str(first), "-o", str(second), "--p12", str(pki.organ_p12), "--seal", str(seal_png(folder / "dau.png"))]) == 0
    return first, second


@pytest.mark.parametrize("name", ["duc-trong", "ubnd-tinh-ke-hoach-dan-so"])
def test_signer_then_organ_both_valid_text_unchanged(name: str, documents: dict[str, Path], pki: Pki, tmp_path: Path) -> None:
    first, second = _sign_twice(documents[name], tmp_path, pki)
    assert _validate(first, pki) == [True]
    assert _validate(second, pki) == [True, True]
    assert _text(second) == _text(documents[name])


@pytest.mark.parametrize("name", ["duc-trong", "ubnd-tinh-ke-hoach-dan-so"])
def test_images_sit_where_the_decree_puts_them(name: str, documents: dict[str, Path], pki: Pki, tmp_path: Path) -> None:
    _, second = _sign_twice(documents[name], tmp_path, pki)
    data = second.read_bytes()
    place = find_place(documents[name].read_bytes(), name)
    signature, organ = signature_rects(data)
    gap_top, gap_bottom = place.height - place.gap[0], place.height - place.gap[1]  # PDF space: y grows upwards
    # the signature image: centred on the block, inside the space between the position line and the name
    assert abs((signature[0] + signature[2]) / 2 - place.centre) < 1
    assert gap_bottom <= signature[1] < signature[3] <= gap_top
    # the seal: its real size, its right edge a third of the way into the signature image, level with it
    seal_width = SEAL_MM * POINTS_PER_MM
    assert abs(organ[0] + seal_width - (signature[0] + (signature[2] - signature[0]) / 3)) < 1
    assert abs(organ[3] - ((signature[1] + signature[3]) / 2 + seal_width / 2)) < 1
    with pdfplumber.open(io.BytesIO(data)) as document:
        words = document.pages[place.page].extract_words()
    assert not [w for w in words if w["top"] > place.name.bottom + 20 and w["x0"] < organ[0] - 1 and w["x1"] > organ[0] + 1]


def test_signing_information_with_the_organ_and_the_vietnam_time(documents: dict[str, Path], pki: Pki, tmp_path: Path) -> None:
    _, second = _sign_twice(documents["duc-trong"], tmp_path, pki)
    with pdfplumber.open(second) as document:
        page = document.pages[-1]
        annotations = page.annots
    assert len(annotations) == 2
    # the text is drawn in the organ's widget appearance, which poppler renders with the page
    _require(shutil.which("pdftotext") is not None, "poppler-utils")
    shown = subprocess.run(["pdftotext", "-layout", "-f", str(page.page_number), "-l", str(page.page_number), str(second), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "HUYỆN ỦY ĐỨC TRỌNG" in shown
    stamp = [line for line in shown.splitlines() if "+07:00" in line]
    assert len(stamp) == 1 and stamp[0].strip()[:4].isdigit() and "T" in stamp[0]


def test_pkcs11_token_through_softhsm(documents: dict[str, Path], pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    library = next((p for p in ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                                "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so") if Path(p).exists()), None)
    _require(library is not None and shutil.which("softhsm2-util") is not None, "SoftHSM2")
    assert library is not None
    (tmp_path / "tokens").mkdir()
    config = tmp_path / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n", encoding="utf-8")
    monkeypatch.setenv("SOFTHSM2_CONF", str(config))
    util = ["softhsm2-util"]
    subprocess.run([*util, "--init-token", "--free", "--label", "docgen-thu", "--pin", "123456", "--so-pin", "654321"], check=True, capture_output=True)
    subprocess.run([*util, "--import", str(pki.signer_key_pem), "--token", "docgen-thu", "--label", "nguoi-ky", "--id", "01",
                    "--pin", "123456"], check=True, capture_output=True)
    _store_certificate(library, pki.signer_cert_der)
    monkeypatch.setenv("TOKEN_PIN", "123456")
    target = tmp_path / "token.pdf"
    assert main(["sign", str(documents["duc-trong"]), "-o", str(target), "--pkcs11-lib", library, "--token", "docgen-thu",
                 "--key", "nguoi-ky", "--pin-env", "TOKEN_PIN", "--image", str(signature_png(tmp_path / "ky.png"))]) == 0
    assert _validate(target, pki) == [True]


def _store_certificate(library: str, der: bytes) -> None:
    import pkcs11
    from asn1crypto import x509
    from pkcs11 import Attribute, CertificateType, ObjectClass

    token = pkcs11.lib(library).get_token(token_label="docgen-thu")
    with token.open(rw=True, user_pin="123456") as session:
        session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE, Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                               Attribute.VALUE: der, Attribute.SUBJECT: x509.Certificate.load(der).subject.dump(),
                               Attribute.LABEL: "nguoi-ky", Attribute.ID: b"\x01", Attribute.TOKEN: True})


def test_wrong_password_is_a_message_not_a_traceback(documents: dict[str, Path], pki: Pki, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DOCGEN_PIN", "sai")
    code = main(["sign", str(documents["duc-trong"]), "-o", str(tmp_path / "x.pdf"), "--p12", str(pki.signer_p12),
                 "--image", str(signature_png(tmp_path / "ky.png"))])
    assert code == 2
    assert "sai mật khẩu hoặc không phải tệp PKCS#12 (.p12, .pfx). (key-unusable)" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize(("case", "code_text"), [
    ("not-pdf", "không phải tệp PDF. (not-pdf)"),
    ("no-block", "Không tìm thấy khối chữ ký"),
    ("jpeg", "phải là tệp PNG nền trong suốt (tệp này là JPEG). (image-not-png)"),
    ("same-output", "trùng với tệp đầu vào; hãy chọn tên khác để không ghi đè lên tệp gốc. (output-is-input)"),
])
def test_unusable_input_exit_2_with_the_reason(case: str, code_text: str, documents: dict[str, Path], pki: Pki, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from PIL import Image

    source, image = documents["duc-trong"], signature_png(tmp_path / "ky.png")
    target = tmp_path / "ra.pdf"
    if case == "not-pdf":
        source = tmp_path / "x.pdf"
        source.write_text("không phải PDF", encoding="utf-8")
    elif case == "no-block":
        source = _first_page_only(documents["duc-trong"], tmp_path)
    elif case == "jpeg":
        image = tmp_path / "ky.jpg"
        Image.new("RGB", (60, 20), (0, 0, 200)).save(image, "JPEG")
    elif case == "same-output":
        source = tmp_path / "ban.pdf"
        shutil.copy(documents["duc-trong"], source)
        target = source
    before = source.read_bytes()
    assert main(["sign", str(source), "-o", str(target), "--p12", str(pki.signer_p12), "--image", str(image)]) == 2
    assert code_text in capsys.readouterr().err
    assert source.read_bytes() == before


def test_seal_without_resolution_needs_its_size(documents: dict[str, Path], pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seal = seal_png(tmp_path / "dau.png", dpi=None)
    args = ["sign", str(documents["duc-trong"]), "-o", str(tmp_path / "x.pdf"), "--p12", str(pki.organ_p12), "--seal", str(seal)]
    assert main(args) == 2
    assert "(seal-size-unknown)" in capsys.readouterr().err
    assert main([*args, "--seal-mm", "36"]) == 0
    rect = signature_rects((tmp_path / "x.pdf").read_bytes())[0]
    assert abs(rect[2] - rect[0] - 36 * POINTS_PER_MM) < 1 or rect[2] - rect[0] > 36 * POINTS_PER_MM  # the seal, or seal and text


def test_a_red_signature_image_is_warned_about(documents: dict[str, Path], pki: Pki, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = seal_png(tmp_path / "do.png")  # red, used as a signature
    assert main(["sign", str(documents["duc-trong"]), "-o", str(tmp_path / "x.pdf"), "--p12", str(pki.signer_p12), "--image", str(image)]) == 0
    assert "không phải màu xanh như Nghị định 30/2020 quy định. (image-colour)" in capsys.readouterr().err


def _first_page_only(source: Path, folder: Path) -> Path:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import copy_into_new_writer

    with source.open("rb") as stream:
        reader = PdfFileReader(stream)
        writer = copy_into_new_writer(reader)
        pages = writer.root["/Pages"]
        kids = pages["/Kids"]
        del kids[1:]
        pages["/Count"] = generic.NumberObject(1)
        target = folder / "trang-1.pdf"
        with target.open("wb") as out:
            writer.write(out)
    return target
