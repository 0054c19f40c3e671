"""Benchmark: simulated secretaries of a reporting round against the web page on 127.0.0.1, on the
production server (`docgen serve`, waitress) and on Flask's development server, over SQLite and
PostgreSQL.

    python bench/bench_web.py                                    # 300 secretaries, 50 at a time, closed loop, every combination
    python bench/bench_web.py --clients 50 --servers waitress    # 50 at once: the goal's load
    python bench/bench_web.py --clients 50 --think 2 --ramp 20 --servers waitress   # the same at a typing cadence
    python bench/bench_web.py --cpu                              # CPU per request in one process, libyaml beside pure Python

Before the server starts, the benchmark makes a round of `--clients` units (the bundled
"bao-cao-so-ket-nq21" outline, every unit starting from content/phuong-mau-party.yaml) with one
secretary account per unit. Each secretary (a bounded loop: it stops by itself) signs in, opens her
unit's report, saves it `--saves` times (default 20) with a paragraph of realistic Vietnamese text
growing by a sentence each time, as the page's autosave sends it, then downloads the .docx
`--downloads` times (default 2). At most `--concurrency` secretaries run at once (default 50).

`--think` is the pause before each save. 0 (the default) is the closed loop: every secretary
saves again as soon as she has the reply, the worst case, far more often than a person can. The
page saves 800 ms after the last keystroke (static/app.js), so a person typing without a pause
never saves and one who types a few words and stops saves at most every ~2 s: `--think 2` is
that cadence, still faster than anyone writes a report. `--ramp` spreads the secretaries' arrivals
(and so their sign-ins, each a deliberately slow scrypt check) over that many seconds.

Printed per request kind: count, p50, p95 and maximum latency, errors (any reply but 200/302, and
failed connections); the wall time; the CPU time of the server process and of this process (the
clients: keep-alive sessions, one connection each, so they take little of the server's CPU); and
the server's peak memory (VmHWM). The server runs in its own process; PostgreSQL is a throw-away
cluster (tests/pgcluster.py) with fsync on, like SQLite's default. The accounts share one
password, hashed once when the round is made; each sign-in still checks it (scrypt) on the server.

`--cpu` measures what one request costs, without the noise of other processes: in this process,
through Flask's test client on a SQLite round, the CPU time of opening the report page, a save and
a .docx download (mean of `--repeat`), with YAML read and written by libyaml (what the server
does) and by PyYAML's pure-Python classes (the naive way, what it did before).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from pgcluster import PgCluster  # noqa: E402

from docgen.service import accounts, rounds  # noqa: E402
from docgen.service.clock import utc_now  # noqa: E402
from docgen.storage import open_database  # noqa: E402
from docgen.storage.accounts import ADMIN, SECRETARY  # noqa: E402

OUTLINE = "bao-cao-so-ket-nq21"
PASSWORD = "mat-khau-thu-tai-1"
KINDS = ("sign-in", "open", "save", "docx")
SENTENCES = [
    "Ban Thường vụ Huyện ủy đã ban hành kế hoạch triển khai, quán triệt nghị quyết tới 100% chi bộ trực thuộc.",
    "Công tác tuyên truyền được đổi mới, kết hợp hội nghị trực tiếp với trực tuyến và mạng xã hội.",
    "Tỷ lệ sinh con thứ ba trở lên giảm từ 12,4% năm 2017 xuống 9,8% năm 2022.",
    "Mạng lưới cộng tác viên dân số ở thôn, tổ dân phố được kiện toàn, tập huấn định kỳ hằng năm.",
    "Một số cấp ủy chưa quan tâm đúng mức; kinh phí cho công tác dân số còn hạn chế.",
]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True)
class Account:
    username: str
    report_id: int


def make_round(database_url: str, data: Path, clients: int) -> list[Account]:
    """A round of `clients` units, each with its secretary, made through the service layer."""
    table = data / "don-vi.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "organ_parent", "organ", "place"])
        for i in range(clients):
            writer.writerow([f"X{i:03d}", f"Xã Thử Tải {i}", "ĐẢNG BỘ TỈNH LÂM ĐỒNG", f"ĐẢNG ỦY XÃ THỬ TẢI {i}", f"Thử Tải {i}"])
    hashed = accounts.hash_password(PASSWORD)
    database, now = open_database(database_url), utc_now()
    try:
        with mock.patch.object(accounts, "hash_password", lambda _: hashed), database.write() as db:  # scrypt once, not per account
            admin = accounts.create_user(db, "quan-tri", ADMIN, now, password=PASSWORD).user
            for i in range(clients):
                accounts.create_user(db, f"thu-ky-{i:03d}", SECRETARY, now, unit_code=f"X{i:03d}", password=PASSWORD)
            base = (ROOT / "content" / "phuong-mau-party.yaml").read_text(encoding="utf-8")
            spec = rounds.RoundSpec("Đợt thử tải", OUTLINE, "15/12/2026", units_table=table, base_text=base)
            made, _ = rounds.create_round(db, spec, admin, now)
            by_unit = {report.unit_code: report.id for report in made.reports}
    finally:
        database.dispose()
    return [Account(f"thu-ky-{i:03d}", by_unit[f"X{i:03d}"]) for i in range(clients)]


class Recorder:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []
        self.lock = threading.Lock()

    def timed(self, kind: str, call: Callable[[], requests.Response], ok: tuple[int, ...] = (200,)) -> requests.Response | None:
        start = time.perf_counter()
        try:
            reply = call()
        except requests.RequestException as exc:
            self._error(kind, f"{kind}: {type(exc).__name__} {str(exc)[:120]}")
            return None
        elapsed = time.perf_counter() - start
        with self.lock:
            self.times[kind].append(elapsed)
        if reply.status_code not in ok:
            self._error(kind, f"{kind}: HTTP {reply.status_code} {reply.text[:120]!r}")
            return None
        return reply

    def _error(self, kind: str, sample: str) -> None:
        with self.lock:
            self.errors[kind] += 1
            if self.errors[kind] <= 2:  # the first two of each kind
                self.samples.append(sample)


class Secretary:
    """One browser: a keep-alive session signed in with its account, saving as the page saves."""

    def __init__(self, url: str, account: Account, record: Recorder) -> None:
        self.url, self.account, self.record = url, account, record
        self.http = requests.Session()
        self.token, self.field, self.version = "", "", 0

    def sign_in(self) -> bool:
        page = self.http.get(self.url + "/sign-in", timeout=120)
        token = TOKEN.search(page.text)
        form = {"csrf_token": token.group(1) if token else "", "username": self.account.username, "password": PASSWORD}
        return self.record.timed("sign-in", lambda: self.http.post(self.url + "/sign-in", data=form, allow_redirects=False, timeout=120),
                                 ok=(302,)) is not None

    def open(self) -> bool:
        reply = self.record.timed("open", lambda: self.http.get(f"{self.url}/reports/{self.account.report_id}", timeout=120))
        if reply is None:
            return False
        token, version = TOKEN.search(reply.text), re.search(r'name="base_version"[^>]*value="(\d+)"', reply.text)
        fields = re.findall(r'name="(sections\.[^"]+)"', reply.text)
        if not (token and version and len(fields) > 1):
            self.record._error("open", "open: the report page has no form")
            return False
        self.token, self.version, self.field = token.group(1), int(version.group(1)), fields[1]
        return True

    def save(self, text: str) -> None:
        form = {"csrf_token": self.token, "base_version": str(self.version), "save_id": uuid.uuid4().hex, self.field: text}
        reply = self.record.timed("save", lambda: self.http.post(f"{self.url}/reports/{self.account.report_id}", data=form,
                                                                 headers={"Accept": "application/json"}, timeout=120))
        if reply is not None:
            self.version = int(reply.json()["version"])

    def download(self) -> None:
        self.record.timed("docx", lambda: self.http.get(f"{self.url}/reports/{self.account.report_id}/van-ban.docx", timeout=120))


def secretary(url: str, account: Account, args: argparse.Namespace, record: Recorder) -> None:
    one = Secretary(url, account, record)
    time.sleep(random.Random(account.report_id).uniform(0, args.ramp))  # arrivals spread over the ramp, the same in every run
    try:
        if not (one.sign_in() and one.open()):
            return
        text = ""
        for n in range(args.saves):
            time.sleep(args.think)
            text += SENTENCES[n % len(SENTENCES)] + " "
            one.save(text.strip())
        for _ in range(args.downloads):
            one.download()
    finally:
        one.http.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(kind: str, data: Path, database_url: str, threads: int) -> tuple[subprocess.Popen[str], str]:
    port = free_port()
    if kind == "waitress":
        command = [sys.executable, "-m", "docgen", "serve", "--port", str(port), "--threads", str(threads), "--data-dir", str(data), "--db", database_url]
    else:  # what `docgen serve` ran before: Flask's development server, a thread per request
        code = ("import sys; from docgen.web import create_app; "
                "create_app(sys.argv[1], database_url=sys.argv[2]).run(host='127.0.0.1', port=int(sys.argv[3]), threaded=True)")
        command = [sys.executable, "-c", code, str(data), database_url, str(port)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True, env=env)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return process, url
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{kind} did not start")


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Usage:
    wall: float
    server_cpu: float
    client_cpu: float
    peak_mb: float


def run(kind: str, backend: str, args: argparse.Namespace, cluster: PgCluster | None) -> None:
    with tempfile.TemporaryDirectory(prefix="docgen-bench-web-") as tmp:
        data = Path(tmp, "data")
        data.mkdir()
        database_url = cluster.new_database() if cluster else f"sqlite:///{data / 'docgen.sqlite3'}"
        accounts_made = make_round(database_url, data, args.clients)
        process, url = start_server(kind, data, database_url, args.threads)
        record = Recorder()
        try:
            server_before, client_before, start = cpu_seconds(process.pid), time.process_time(), time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                for account in accounts_made:
                    pool.submit(secretary, url, account, args, record)
            usage = Usage(time.perf_counter() - start, cpu_seconds(process.pid) - server_before, time.process_time() - client_before,
                          peak_memory_mb(process.pid))
        finally:
            process.terminate()
            process.wait(timeout=60)
    report(kind, backend, record, usage)


def report(kind: str, backend: str, record: Recorder, usage: Usage) -> None:
    total = sum(len(t) for t in record.times.values())
    print(f"\n{kind} / {backend}: {total} requests in {usage.wall:.1f} s ({total / usage.wall:.1f}/s); CPU: server {usage.server_cpu:.1f} s, "
          f"clients {usage.client_cpu:.1f} s; server peak memory {usage.peak_mb:.0f} MB; load average {os.getloadavg()[0]:.1f}")
    print(f"  {'kind':<10}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for name in KINDS:
        times = sorted(record.times.get(name, []))
        if not times:
            print(f"  {name:<10}{0:>7}{'-':>9}{'-':>9}{'-':>9}{record.errors.get(name, 0):>8}")
            continue
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"  {name:<10}{len(times):>7}{statistics.median(times) * 1000:>9.0f}{p95 * 1000:>9.0f}{times[-1] * 1000:>9.0f}"
              f"{record.errors.get(name, 0):>8}")
    for sample in record.samples:
        print("  error:", sample)


def cpu_per_request(args: argparse.Namespace) -> None:
    from docgen.core import yamlio
    from docgen.web import create_app

    with tempfile.TemporaryDirectory(prefix="docgen-bench-web-") as tmp:
        data = Path(tmp)
        account = make_round(f"sqlite:///{data / 'docgen.sqlite3'}", data, 1)[0]
        client = create_app(data).test_client()
        token = TOKEN.search(client.get("/sign-in").text)
        client.post("/sign-in", data={"csrf_token": token.group(1) if token else "", "username": account.username, "password": PASSWORD})
        page = client.get(f"/reports/{account.report_id}").text
        field, token = re.findall(r'name="(sections\.[^"]+)"', page)[1], TOKEN.search(page)
        state = {"version": int(re.search(r'name="base_version"[^>]*value="(\d+)"', page).group(1)), "saves": 0}  # type: ignore[union-attr]

        def save() -> None:  # a paragraph of 1 to 20 sentences, as in the load runs
            state["saves"] += 1
            text = " ".join(SENTENCES[n % len(SENTENCES)] for n in range(state["saves"] % 20 + 1))
            form = {"csrf_token": token.group(1) if token else "", "base_version": str(state["version"]), field: text}
            reply = client.post(f"/reports/{account.report_id}", data=form, headers={"Accept": "application/json"})
            state["version"] = reply.json["version"] if reply.json else 0

        kinds: dict[str, Callable[[], object]] = {"open": lambda: client.get(f"/reports/{account.report_id}"), "save": save,
                                                  "docx": lambda: client.get(f"/reports/{account.report_id}/van-ban.docx")}
        print(f"\nCPU per request, one process (mean of {args.repeat}; load average {os.getloadavg()[0]:.1f})")
        print(f"  {'kind':<8}{'libyaml ms':>12}{'pure Python ms':>16}")
        for name, call in kinds.items():
            fast = _cpu_ms(call, args.repeat)
            with mock.patch.object(yamlio, "LOADERS", yamlio.LOADERS[-1:]), mock.patch.object(yamlio, "C_DUMPER", None):
                slow = _cpu_ms(call, args.repeat)
            print(f"  {name:<8}{fast:>12.1f}{slow:>16.1f}")


def _cpu_ms(call: Callable[[], object], repeat: int) -> float:
    call()  # warm: outline, template, first page
    start = time.process_time()
    for _ in range(repeat):
        call()
    return (time.process_time() - start) * 1000 / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300, help="secretaries in all, one unit each (default 300)")
    parser.add_argument("--concurrency", type=int, default=50, help="secretaries at once (default 50)")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--downloads", type=int, default=2)
    parser.add_argument("--think", type=float, default=0.0, help="seconds before each save (default 0: the closed loop)")
    parser.add_argument("--ramp", type=float, default=0.0, help="secretaries arrive at random within this many seconds (default 0: all at once)")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (default 8, docgen serve's default)")
    parser.add_argument("--servers", default="waitress,flask-dev")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--cpu", action="store_true", help="only the CPU time of one request of each kind, in this process")
    parser.add_argument("--repeat", type=int, default=40, help="requests of each kind measured with --cpu (default 40)")
    args = parser.parse_args()
    if args.cpu:
        cpu_per_request(args)
        return
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {args.clients} secretaries, "
          f"{args.concurrency} at once arriving within {args.ramp:g} s, {args.saves} saves ({args.think:g} s before each) and "
          f"{args.downloads} .docx each; "
          f"load average {os.getloadavg()[0]:.1f}")
    backends = args.backends.split(",")
    cluster = PgCluster(durable=True) if "postgresql" in backends else None
    try:
        for backend in backends:
            for kind in args.servers.split(","):
                run(kind, backend, args, cluster if backend == "postgresql" else None)
    finally:
        if cluster:
            cluster.stop()


if __name__ == "__main__":
    main()
