"""A real `docgen serve` in a subprocess on a free port, and a secretary talking to it over HTTP."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from pathlib import Path

import requests


class Server:
    def __init__(self, data_dir: Path, database_url: str, *extra: str) -> None:
        command = [sys.executable, "-m", "docgen", "serve", "--port", "0", "--data-dir", str(data_dir), "--db", database_url, *extra]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        found = re.search(r"http://\S+?/", line)
        if not found:
            self.process.kill()
            raise AssertionError(f"server did not start: {line}{self.process.communicate()[1]}")
        self.url = found.group(0).rstrip("/")

    def stop(self) -> tuple[int, str]:
        """SIGTERM, then the exit code and what it printed."""
        self.process.terminate()
        out, _ = self.process.communicate(timeout=60)
        return self.process.returncode, out

    def kill(self) -> None:
        self.process.kill()
        self.process.communicate(timeout=60)


class Secretary:
    """One browser: a session with its CSRF token, one draft, saves sent as the page sends them."""

    def __init__(self, url: str, unit: str = "Xã Hiệp Thạnh") -> None:
        self.url = url
        self.http = requests.Session()
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', self.http.get(url + "/", timeout=30).text).group(1)  # type: ignore[union-attr]
        created = self.http.post(url + "/drafts", data={"csrf_token": self.token, "outline": "bao-cao-so-ket-nq21", "unit": unit},
                                 allow_redirects=False, timeout=30)
        assert created.status_code == 302, created.text
        self.draft = int(created.headers["Location"].rsplit("/", 1)[1])
        page = self.http.get(f"{url}/drafts/{self.draft}", timeout=30).text
        self.field = re.findall(r'name="(sections\.[^"]+)"', page)[1]
        self.version = 1

    def save(self, text: str, save_id: str | None = None, timeout: float = 30) -> requests.Response:
        data = {"csrf_token": self.token, "base_version": str(self.version), "save_id": save_id or uuid.uuid4().hex, self.field: text}
        reply = self.http.post(f"{self.url}/drafts/{self.draft}", data=data, headers={"Accept": "application/json"}, timeout=timeout)
        if reply.status_code == 200:
            self.version = reply.json()["version"]
        return reply
