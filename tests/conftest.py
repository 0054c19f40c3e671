from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pgcluster import PgCluster, PostgresUnavailable
from samples import MINIMAL_PARTY, PROJECT_ROOT

from docgen.outline.load import load_outline
from docgen.outline.model import Outline
from docgen.storage import sqlite_url

NQ21 = PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml"



@pytest.fixture(scope="session")
def nq21() -> Outline:
    return load_outline(NQ21)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a text file under tmp_path (dedented) and return its path."""
    def _write(text: str, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


@pytest.fixture
def minimal(write: Callable[..., Path]) -> Callable[..., Path]:
    """A complete, valid Party report; `replace` pairs edit its text to break one thing."""
    def _minimal(*replace: tuple[str, str], name: str = "content.yaml") -> Path:
        text = MINIMAL_PARTY
        for old, new in replace:
            assert old in text, old
            text = text.replace(old, new)
        return write(text, name)
    return _minimal


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throw-away PostgreSQL cluster for the session; the tests that need it are skipped, with
    the reason, where PostgreSQL cannot be started (DOCGEN_REQUIRE_POSTGRES=1 makes that a failure)."""
    try:
        cluster = PgCluster()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get("DOCGEN_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL could not be started: {exc}")
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database on each backend: a SQLite file, then a database in the PostgreSQL cluster."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "data")
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()
