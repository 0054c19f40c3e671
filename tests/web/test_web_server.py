"""`docgen serve` for real: waitress in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
import requests
from server import Secretary, Server

from docgen.cli import parser
from docgen.storage import DraftStore, open_database
from docgen.web.app import BUDGET_KEY
from docgen.web.serve import ServeOptions, wsgi_app


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Server:
    running = Server(tmp_path / "data", database_url)
    yield running
    if running.process.poll() is None:
        running.kill()


def test_defaults_are_loopback_and_a_pool_of_threads() -> None:
    args = parser().parse_args(["serve"])
    assert (args.host, args.port, args.threads, args.allowed_host, args.proxy_headers) == ("127.0.0.1", 8000, 8, [], False)
    assert args.request_seconds == 20.0


def test_the_time_budget_given_reaches_every_request(tmp_path: Path) -> None:
    args = parser().parse_args(["serve", "--request-seconds", "45", "--data-dir", str(tmp_path)])
    app = wsgi_app(ServeOptions(data_dir=tmp_path, request_seconds=args.request_seconds))
    assert app.config[BUDGET_KEY] == 45.0
    assert wsgi_app(ServeOptions(data_dir=tmp_path)).config[BUDGET_KEY] == 20.0


@pytest.mark.parametrize("seconds", ["0", "-5", "mười", "7200"])
def test_a_time_budget_out_of_bounds_is_refused_in_vietnamese(seconds: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parser().parse_args(["serve", "--request-seconds", seconds])
    assert exited.value.code == 2
    assert f"cần một số giây từ 1 đến 3600, không phải “{seconds}”" in capsys.readouterr().err


def test_bad_options_are_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parser().parse_args(["serve", "--threads", "0"])
    assert exited.value.code == 2
    assert "số nguyên dương" in capsys.readouterr().err


@pytest.mark.slow
def test_health_headers_host_check_and_graceful_stop(server: Server) -> None:
    health = requests.get(server.url + "/healthz", timeout=30)
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert "Server" not in health.headers and "Via" not in health.headers
    page = requests.get(server.url + "/", timeout=30)
    assert page.headers["Cache-Control"] == "no-store"
    rebound = requests.get(server.url + "/", headers={"Host": "attacker.example"}, timeout=30)
    assert rebound.status_code == 400 and "không phục vụ tên “attacker.example”" in rebound.text
    assert requests.get(server.url + "/drafts/" + "9" * 23, timeout=30).status_code == 404
    secretary = Secretary(server.url)
    assert secretary.save("Nội dung đã lưu.").status_code == 200
    download = secretary.http.get(f"{server.url}/drafts/{secretary.draft}/download.docx", timeout=60)
    assert download.status_code == 200 and download.headers["Cache-Control"] == "no-store"
    code, printed = server.stop()
    assert code == 0 and "Đã dừng máy chủ." in printed


@pytest.mark.slow
def test_allowed_host_and_proxy_headers(tmp_path: Path) -> None:
    running = Server(tmp_path / "data", f"sqlite:///{tmp_path / 'db.sqlite3'}", "--allowed-host", ".tinh.gov.vn")
    try:
        named = requests.get(running.url + "/healthz", headers={"Host": "docgen.tinh.gov.vn"}, timeout=30)
        assert named.status_code == 200
        assert requests.get(running.url + "/healthz", headers={"Host": "tinh.gov.vn.evil"}, timeout=30).status_code == 400
    finally:
        running.kill()


def _saving(secretary: Secretary, acknowledged: list[tuple[int, int, str]], stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        text = f"Lần lưu {n} của bản nháp {secretary.draft}: kết quả học tập nghị quyết đạt 100%."
        try:
            reply = secretary.save(text, timeout=10)
        except requests.RequestException:
            return  # the server is gone; what it acknowledged before is what counts
        if reply.status_code == 200:
            acknowledged.append((secretary.draft, reply.json()["version"], text))


@pytest.mark.slow
@pytest.mark.parametrize("kill", [signal.SIGKILL, signal.SIGTERM])
def test_every_acknowledged_save_survives_the_server_being_stopped(tmp_path: Path, database_url: str, kill: signal.Signals) -> None:
    running = Server(tmp_path / "data", database_url)
    secretaries = [Secretary(running.url, f"Xã {i}") for i in range(4)]
    acknowledged: list[tuple[int, int, str]] = []
    stop = threading.Event()
    threads = [threading.Thread(target=_saving, args=(s, acknowledged, stop)) for s in secretaries]
    for thread in threads:
        thread.start()
    waited = 0.0
    while len(acknowledged) < 12 and waited < 120:  # saves in full flow when the signal comes, however slow the machine
        time.sleep(0.1)
        waited += 0.1
    running.process.send_signal(kill)
    running.process.communicate(timeout=60)
    stop.set()
    for thread in threads:
        thread.join()
    assert len(acknowledged) >= 12
    database = open_database(database_url)
    store = DraftStore(database)
    for draft, version, text in acknowledged:
        content = store.version(draft, version)
        assert content is not None and text in content, (draft, version)
    if database_url.startswith("sqlite"):
        with sqlite3.connect(tmp_path / "data" / "docgen.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again = Server(tmp_path / "data", database_url)  # restarts on the same database and goes on saving
    try:
        secretaries[0].url = again.url
        secretaries[0].version = len(DraftStore(database).versions(secretaries[0].draft))  # its last reply may have been lost
        assert secretaries[0].save("Sau khi khởi động lại.").status_code == 200
    finally:
        again.kill()
        database.dispose()
