"""Benchmark: simulated secretaries against the web page on 127.0.0.1, on the production server
(`docgen serve`, waitress) and on Flask's development server, over SQLite and PostgreSQL.

    python bench/bench_web.py                           # 300 secretaries, 50 at a time, every combination
    python bench/bench_web.py --clients 100 --concurrency 50 --servers waitress --backends sqlite

Each secretary (a bounded loop: it stops by itself) opens the list, creates a draft, opens it,
saves it `--saves` times (default 20) with a paragraph of realistic Vietnamese text growing by a
sentence each time, as the page's autosave sends it, then downloads the .docx `--downloads`
times (default 2). At most `--concurrency` secretaries run at once (default 50). Printed per
request kind: count, p50, p95 and maximum latency, errors (any reply but 200/302, and failed
connections), and the server process's peak memory (VmHWM). The server runs in its own process;
PostgreSQL is a throw-away cluster (tests/pgcluster.py) with fsync on, like SQLite's default.
The web page has no accounts yet, so there is no sign-in step.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "web")]

from pgcluster import PgCluster  # noqa: E402
from server import Secretary  # noqa: E402

SENTENCES = [
    "Ban Thường vụ Huyện ủy đã ban hành kế hoạch triển khai, quán triệt nghị quyết tới 100% chi bộ trực thuộc.",
    "Công tác tuyên truyền được đổi mới, kết hợp hội nghị trực tiếp với trực tuyến và mạng xã hội.",
    "Tỷ lệ sinh con thứ ba trở lên giảm từ 12,4% năm 2017 xuống 9,8% năm 2022.",
    "Mạng lưới cộng tác viên dân số ở thôn, tổ dân phố được kiện toàn, tập huấn định kỳ hằng năm.",
    "Một số cấp ủy chưa quan tâm đúng mức; kinh phí cho công tác dân số còn hạn chế.",
]


class Recorder:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []
        self.lock = threading.Lock()

    def timed(self, kind: str, call: object) -> requests.Response | None:
        start = time.perf_counter()
        try:
            reply = call()  # type: ignore[operator]
        except (requests.RequestException, AttributeError, IndexError, AssertionError) as exc:
            self._error(kind, f"{kind}: {type(exc).__name__} {str(exc)[:120]}")
            return None
        elapsed = time.perf_counter() - start
        with self.lock:
            self.times[kind].append(elapsed)
        if reply is not None and reply.status_code not in (200, 302):
            self._error(kind, f"{kind}: HTTP {reply.status_code} {reply.text[:120]!r}")
        return reply

    def _error(self, kind: str, sample: str) -> None:
        with self.lock:
            self.errors[kind] += 1
            if len(self.samples) < 5:
                self.samples.append(sample)


def secretary(url: str, index: int, saves: int, downloads: int, record: Recorder) -> None:
    opened: list[Secretary] = []
    record.timed("open+create", lambda: opened.append(Secretary(url, f"Xã Thử Tải {index}")))
    if not opened:
        return
    one = opened[0]
    text = ""
    for n in range(saves):
        text += SENTENCES[n % len(SENTENCES)] + " "
        record.timed("save", lambda text=text: one.save(text.strip(), timeout=120))
    for _ in range(downloads):
        record.timed("docx", lambda: one.http.get(f"{url}/drafts/{one.draft}/download.docx", timeout=120))


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


def run(kind: str, backend: str, args: argparse.Namespace, cluster: PgCluster | None) -> None:
    with tempfile.TemporaryDirectory(prefix="docgen-bench-web-") as tmp:
        data = Path(tmp, "data")
        database_url = cluster.new_database() if cluster else f"sqlite:///{data / 'docgen.sqlite3'}"
        process, url = start_server(kind, data, database_url, args.threads)
        record = Recorder()
        start = time.perf_counter()
        try:
            with ThreadPoolExecutor(args.concurrency) as pool:
                for i in range(args.clients):
                    pool.submit(secretary, url, i, args.saves, args.downloads, record)
            wall = time.perf_counter() - start
            peak = peak_memory_mb(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=60)
    report(kind, backend, record, wall, peak)


def report(kind: str, backend: str, record: Recorder, wall: float, peak: float) -> None:
    total = sum(len(t) for t in record.times.values())
    print(f"\n{kind} / {backend}: {total} requests in {wall:.1f} s ({total / wall:.1f}/s), server peak memory {peak:.0f} MB")
    print(f"  {'kind':<12}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
    for name in ("open+create", "save", "docx"):
        times = sorted(record.times.get(name, []))
        if not times:
            print(f"  {name:<12}{0:>7}{'-':>9}{'-':>9}{'-':>9}{record.errors.get(name, 0):>8}")
            continue
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"  {name:<12}{len(times):>7}{statistics.median(times) * 1000:>9.0f}{p95 * 1000:>9.0f}{times[-1] * 1000:>9.0f}"
              f"{record.errors.get(name, 0):>8}")
    for sample in record.samples:
        print("  error:", sample)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300, help="secretaries in all (default 300)")
    parser.add_argument("--concurrency", type=int, default=50, help="secretaries at once (default 50)")
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--downloads", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (default 8, docgen serve's default)")
    parser.add_argument("--servers", default="waitress,flask-dev")
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    print(f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {args.clients} secretaries, "
          f"{args.concurrency} at once, {args.saves} saves and {args.downloads} .docx each")
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
