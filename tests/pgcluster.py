"""A throw-away PostgreSQL cluster for tests and benchmarks: initdb into a temporary folder,
listening only on a Unix socket in that folder (no port to collide with), stopped and removed
at the end. Run as the `postgres` user when the caller is root (PostgreSQL refuses root)."""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import psycopg


class PostgresUnavailable(RuntimeError):
    pass


def _binaries() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        raise PostgresUnavailable("initdb not found (install the 'postgresql' package: scripts/install-system-deps.sh)")
    return Path(initdb).parent


class PgCluster:
    def __init__(self, durable: bool = False) -> None:
        self.bin = _binaries()
        self.root = Path(tempfile.mkdtemp(prefix="docgen-pg-"))
        self.data = self.root / "data"
        self._user = self._run_as()
        self._names = itertools.count(1)
        self._initdb()
        self._start(durable)

    def _run_as(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable("running as root and there is no 'postgres' user to run PostgreSQL as") from None
        os.chown(self.root, account.pw_uid, account.pw_gid)
        return ["runuser", "-u", "postgres", "--"]

    def _command(self, *args: str) -> None:
        done = subprocess.run([*self._user, *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise PostgresUnavailable(f"{Path(args[0]).name} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    def _initdb(self) -> None:
        self._command(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                      "--no-locale", "--no-sync")

    def _start(self, durable: bool) -> None:
        options = f"-k {self.root} -c listen_addresses='' -c max_connections=400"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._command(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "-t", "60", "start")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.root}"

    def new_database(self) -> str:
        """The URL of a new, empty database: a schema of its own in the cluster's database, made
        the connection's only search path (CREATE DATABASE costs about a second on this disk)."""
        name = f"docgen_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(f"host={self.root} user=postgres dbname=postgres", autocommit=True) as connection:
            connection.execute(f'CREATE SCHEMA "{name}"')
        return f"{self.url()}&options=-csearch_path%3D{name}"

    def stop(self) -> None:
        try:
            self._command(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
