from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from docgen.web import create_app
from docgen.web.app import app_database

NQ21 = "bao-cao-so-ket-nq21"


@pytest.fixture
def app(tmp_path: Path, database_url: str) -> Iterator[Flask]:
    """The web app on each backend (SQLite, then PostgreSQL)."""
    app = create_app(tmp_path / "data", max_request_bytes=256 * 1024, database_url=database_url)
    yield app
    app_database(app).dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def token(client: FlaskClient) -> str:
    """The CSRF token of the client's session, as the index page hands it out."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert match
    return match.group(1)


@pytest.fixture
def new_draft(client: FlaskClient, token: str) -> Callable[..., int]:
    def _new(unit: str = "Huyện Đức Trọng", outline: str = NQ21) -> int:
        response = client.post("/drafts", data={"csrf_token": token, "outline": outline, "unit": unit})
        assert response.status_code == 302, response.text
        return int(response.headers["Location"].rsplit("/", 1)[1])
    return _new
