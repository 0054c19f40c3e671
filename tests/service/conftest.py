from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from docgen.service import accounts, rounds
from docgen.storage.accounts import ADMIN, REVIEWER, SECRETARY, User
from docgen.storage.db import open_database, session_scope, sqlite_url
from docgen.storage.rounds import Round

ROOT = Path(__file__).resolve().parents[2]
NQ21 = "bao-cao-so-ket-nq21"
START = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)
UNITS_CSV = ("code,name,organ_parent,organ,place\n"
             "A1,Phường Xuân Hương - Đà Lạt,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT,Xuân Hương - Đà Lạt\n"
             "B2,Xã Đạ Huoai,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY XÃ ĐẠ HUOAI,Đạ Huoai\n"
             "C3,Phường Bảo Lộc 1,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY PHƯỜNG BẢO LỘC 1,Bảo Lộc\n")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    database = open_database(sqlite_url(tmp_path))  # the schema as the migrations make it
    yield database.engine
    database.dispose()


@pytest.fixture
def units_table(tmp_path: Path) -> Path:
    path = tmp_path / "don-vi.csv"
    path.write_text(UNITS_CSV, encoding="utf-8")
    return path


@pytest.fixture
def people(engine: Engine) -> dict[str, int]:
    """An administrator, a reviewer, and a secretary for units A1 and B2: their ids."""
    with session_scope(engine) as session:
        made = {
            "admin": accounts.create_user(session, "admin", ADMIN, START, password="mat-khau-quan-tri").user,
            "reviewer": accounts.create_user(session, "duyet", REVIEWER, START, password="mat-khau-duyet-1").user,
            "a1": accounts.create_user(session, "thu-ky-a1", SECRETARY, START, unit_code="A1", password="mat-khau-a1-123").user,
            "b2": accounts.create_user(session, "thu-ky-b2", SECRETARY, START, unit_code="B2", password="mat-khau-b2-123").user,
        }
        return {k: u.id for k, u in made.items()}


def user(session: Session, user_id: int) -> User:
    found = session.get(User, user_id)
    assert found is not None
    return found


@pytest.fixture
def round_id(engine: Engine, people: dict[str, int], units_table: Path) -> int:
    """A round of three units from the units table, based on the complete ward report, deadline 15/12/2026, reviewer assigned."""
    base = (ROOT / "content" / "phuong-mau-party.yaml").read_text(encoding="utf-8")
    spec = rounds.RoundSpec("Sơ kết Nghị quyết 21", NQ21, "15/12/2026", units_table=units_table, base_text=base, reviewers=("duyet",))
    with session_scope(engine) as session:
        made, _ = rounds.create_round(session, spec, user(session, people["admin"]), START)
        return made.id


def get_round(session: Session, round_id: int) -> Round:
    found = session.get(Round, round_id)
    assert found is not None
    return found
