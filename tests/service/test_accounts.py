from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import Engine

from docgen.bulk.units import load_units
from docgen.core.errors import DocgenError
from docgen.service import accounts
from docgen.storage.accounts import SECRETARY, User
from docgen.storage.db import session_scope

from .conftest import START, user

MINUTE = dt.timedelta(minutes=1)


def test_a_right_password_signs_in_and_a_wrong_one_is_refused_with_one_message(engine: Engine, people: dict[str, int]) -> None:
    with session_scope(engine) as session:
        ok = accounts.sign_in(session, "Thu-Ky-A1 ", "mat-khau-a1-123", "10.0.0.1", START)
        wrong = accounts.sign_in(session, "thu-ky-a1", "sai", "10.0.0.1", START)
        unknown = accounts.sign_in(session, "khong-co", "sai", "10.0.0.1", START)
    assert ok.user is not None and ok.user.unit_code == "A1"
    assert wrong.user is None and unknown.user is None
    assert wrong.refusal == unknown.refusal and wrong.refusal is not None
    assert wrong.refusal.message == "Tên đăng nhập hoặc mật khẩu không đúng." and wrong.refusal.code == "sign-in-refused"


def test_passwords_are_stored_hashed_with_scrypt(engine: Engine, people: dict[str, int]) -> None:
    with session_scope(engine) as session:
        stored = user(session, people["a1"]).password_hash
    assert stored.startswith("scrypt:") and "mat-khau-a1-123" not in stored


def test_five_failures_lock_the_account_for_a_while_even_with_the_right_password(engine: Engine, people: dict[str, int]) -> None:
    for i in range(accounts.ACCOUNT_LIMIT):
        with session_scope(engine) as session:
            accounts.sign_in(session, "thu-ky-a1", "sai", f"10.0.0.{i}", START + i * MINUTE)
    with session_scope(engine) as session:
        locked = accounts.sign_in(session, "thu-ky-a1", "mat-khau-a1-123", "10.0.1.1", START + 5 * MINUTE)
        later = accounts.sign_in(session, "thu-ky-a1", "mat-khau-a1-123", "10.0.1.1", START + 25 * MINUTE)
    assert locked.user is None and locked.refusal is not None and locked.refusal.code == "sign-in-limited"
    assert "thử lại sau 15 phút" in locked.refusal.message
    assert later.user is not None


def test_one_address_trying_many_accounts_is_limited(engine: Engine, people: dict[str, int]) -> None:
    for i in range(accounts.ADDRESS_LIMIT):
        with session_scope(engine) as session:
            accounts.sign_in(session, f"ten-{i}", "sai", "10.9.9.9", START)
    with session_scope(engine) as session:
        blocked = accounts.sign_in(session, "thu-ky-b2", "mat-khau-b2-123", "10.9.9.9", START)
        elsewhere = accounts.sign_in(session, "thu-ky-b2", "mat-khau-b2-123", "10.9.9.8", START)
    assert blocked.refusal is not None and blocked.refusal.message.startswith("Máy này đã đăng nhập sai")
    assert elsewhere.user is not None


def test_sessions_expire_and_sign_out_everywhere_ends_them(engine: Engine, people: dict[str, int]) -> None:
    with session_scope(engine) as session:
        uid = people["a1"]
        assert accounts.session_user(session, uid, 0, START, START + dt.timedelta(hours=7)) is not None
        assert accounts.session_user(session, uid, 0, START, START + dt.timedelta(hours=9)) is None
        accounts.sign_out_everywhere(session, user(session, uid))
    with session_scope(engine) as session:
        assert accounts.session_user(session, uid, 0, START, START) is None
        assert accounts.session_user(session, uid, 1, START, START) is not None


def test_initial_password_must_be_changed_and_the_new_one_checked(engine: Engine) -> None:
    with session_scope(engine) as session:
        issued = accounts.create_user(session, "moi", SECRETARY, START, unit_code="A1")
        assert issued.user.must_change_password and len(issued.password) == 14
        with pytest.raises(DocgenError, match="ít nhất 10 ký tự"):
            accounts.change_password(session, issued.user, issued.password, "ngan", "ngan")
        with pytest.raises(DocgenError, match="không giống nhau"):
            accounts.change_password(session, issued.user, issued.password, "mat-khau-moi-1", "mat-khau-moi-2")
        with pytest.raises(DocgenError, match="hiện tại không đúng"):
            accounts.change_password(session, issued.user, "sai", "mat-khau-moi-1", "mat-khau-moi-1")
        accounts.change_password(session, issued.user, issued.password, "mat-khau-moi-1", "mat-khau-moi-1")
        assert not issued.user.must_change_password and issued.user.session_epoch == 1


def test_users_import_makes_one_secretary_per_unit_once(engine: Engine, units_table: Path) -> None:
    units, _ = load_units(units_table)
    with session_scope(engine) as session:
        issued = accounts.import_secretaries(session, units, START)
        again = accounts.import_secretaries(session, units, START)
        stored = session.query(User).count()
    assert [i.user.username for i in issued] == ["phuong-xuan-huong-da-lat-a1", "xa-da-huoai-b2", "phuong-bao-loc-1-c3"]
    assert [i.user.unit_code for i in issued] == ["A1", "B2", "C3"]
    assert again == [] and stored == 3


def test_a_secretary_needs_a_unit(engine: Engine) -> None:
    with session_scope(engine) as session, pytest.raises(DocgenError, match="phải gắn với một đơn vị"):
        accounts.create_user(session, "x", SECRETARY, START)
