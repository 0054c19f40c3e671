"""The package as a province's server gets it: the wheel built, installed in a fresh virtual environment
in a folder outside the checkout, and the commands run from there, finding the bundled outlines,
templates and examples through the package alone."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx_view import body, cell_texts, open_docx
from samples import PROJECT_ROOT

pytestmark = pytest.mark.slow

BUILD_INPUTS = ("pyproject.toml", "README.md", "docgen", "outlines", "templates", "content")  # what the wheel is made of
OUTLINE = "bao-cao-so-ket-nq21"


@dataclass(frozen=True)
class Installed:
    venv: Path
    work: Path  # the current folder of every command: empty at first, outside the checkout
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.venv / "bin" / "docgen"), *args], cwd=self.work, env=self.env,
                              capture_output=True, text=True, timeout=600)

    def python(self, code: str) -> str:
        done = subprocess.run([str(self.venv / "bin" / "python"), "-c", code], cwd=self.work, env=self.env,
                              capture_output=True, text=True, check=True)
        return done.stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"  # a copy, so that building leaves nothing in the checkout
    source.mkdir()
    for name in BUILD_INPUTS:
        origin = PROJECT_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    env["XDG_DATA_HOME"] = str(root / "user-data")  # no outline of the user's own
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(source)],
                   env=env, check=True, capture_output=True)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    wheel = next((root / "dist").glob("docgen-*.whl"))
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
                   env=env, check=True, capture_output=True)
    shutil.rmtree(source)  # nothing of the sources is left to be found
    work = root / "work"
    work.mkdir()
    return Installed(venv, work, env)


def test_the_installed_package_is_the_one_that_runs(installed: Installed) -> None:
    where = Path(installed.python("import docgen; print(docgen.__file__)"))
    assert where.is_relative_to(installed.venv)
    assert not where.is_relative_to(PROJECT_ROOT)


def test_outline_show_finds_the_bundled_outline(installed: Installed) -> None:
    done = installed.run("outline", "show", OUTLINE)
    assert done.returncode == 0, done.stderr
    assert "I. CÔNG TÁC QUÁN TRIỆT TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT 21-NQ/TW  [quan-triet]" in done.stdout


def test_new_then_build_uses_the_bundled_template(installed: Installed) -> None:
    done = installed.run("new", OUTLINE, "-o", "xa-a.yaml")
    assert done.returncode == 0, done.stderr
    assert f'outline: "{OUTLINE}"' in (installed.work / "xa-a.yaml").read_text(encoding="utf-8")
    done = installed.run("build", "xa-a.yaml", "-o", "xa-a.docx")
    assert (installed.work / "xa-a.docx").is_file(), done.stderr
    assert "(missing-metadata)" in done.stderr  # an empty report: built, with its findings


def test_build_of_a_bundled_example_reads_as_the_report(installed: Installed) -> None:
    example = installed.python("from docgen.core.searchpath import bundled; print(bundled('content') / 'duc-trong.yaml')")
    assert Path(example).is_relative_to(installed.venv)
    done = installed.run("build", example, "-o", "duc-trong.docx")
    assert "Đã tạo duc-trong.docx" in done.stdout, done.stderr
    document = open_docx(installed.work / "duc-trong.docx")
    assert cell_texts(document)[0] == ["ĐẢNG BỘ TỈNH LÂM ĐỒNG", "HUYỆN ỦY ĐỨC TRỌNG", "*", "Số 184-BC/HU"]
    assert "TÌNH HÌNH TỔ CHỨC TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ 21-NQ/TW" in [p.text for p in body(document)]


def test_check_of_a_docx_report(installed: Installed) -> None:
    done = installed.run("check", "duc-trong.docx", "--outline", OUTLINE)
    assert done.returncode == 1, done.stderr
    assert "Thiếu mục “Tăng cường hợp tác quốc tế”" in done.stdout


def test_bulk_for_a_province(installed: Installed) -> None:
    example = installed.python("from docgen.core.searchpath import bundled; print(bundled('content') / 'phuong-mau-party.yaml')")
    done = installed.run("bulk", example, "--province", "Lâm Đồng", "-o", "bulk", "-j", "2")
    assert done.returncode == 0, done.stdout + done.stderr
    documents = sorted((installed.work / "bulk").glob("*.docx"))
    assert len(documents) == 124 and (installed.work / "bulk" / "manifest.csv").is_file()
    assert installed.work / "bulk" / "phuong-1-bao-loc-24823.docx" in documents
    assert cell_texts(open_docx(documents[0]))[0][0] == "ĐẢNG BỘ TỈNH LÂM ĐỒNG"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_with_the_bundled_outlines(installed: Installed) -> None:
    port = free_port()
    server = subprocess.Popen([str(installed.venv / "bin" / "docgen"), "serve", "--port", str(port)], cwd=installed.work,
                              env=installed.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        page = ""
        for _ in range(600):  # up to a minute for the server to start on a busy machine
            if server.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        assert page, server.stderr.read() if server.poll() is not None else "the server did not answer"
        assert "Báo cáo sơ kết 05 năm thực hiện Nghị quyết số 21-NQ/TW" in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_installed_package_migrates_a_new_database(installed: Installed) -> None:
    """The Alembic migrations are shipped inside the package and run from there."""
    code = ("from pathlib import Path; from docgen.storage import open_database, sqlite_url; "
            "from docgen.storage.migrate import MIGRATIONS, current_revision, head_revision; "
            "db = open_database(sqlite_url(Path('data'))); "
            "print(MIGRATIONS, current_revision(db) == head_revision() is not None)")
    where, same = installed.python(code).rsplit(" ", 1)
    assert Path(where).is_relative_to(installed.venv) and same == "True"
