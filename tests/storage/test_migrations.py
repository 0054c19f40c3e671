"""Schema migrations: a new database gets the whole schema, and a database made by the storage
before migrations (tests/web/data/legacy-docgen.sqlite3, written by `docgen serve` at commit
9259dfc: 3 drafts, 7 versions) is upgraded in place with every draft and version kept."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from docgen.core.errors import DocgenError
from docgen.storage import Base, DraftStore, open_database, sqlite_url
from docgen.storage.migrate import current_revision, head_revision

LEGACY = Path(__file__).parent.parent / "web" / "data" / "legacy-docgen.sqlite3"


def test_a_new_database_is_at_the_latest_revision(database_url: str) -> None:
    database = open_database(database_url)
    assert current_revision(database) == head_revision()
    assert {"drafts", "versions", "alembic_version"} <= set(inspect(database.engine).get_table_names())
    database.dispose()


def test_opening_twice_migrates_once(database_url: str) -> None:
    open_database(database_url).dispose()
    database = open_database(database_url)
    assert current_revision(database) == head_revision()
    database.dispose()


def _legacy_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT d.id, d.title, d.outline, d.version, v.version, v.content, v.saved, v.note "
                          "FROM drafts d JOIN versions v ON v.draft_id = d.id ORDER BY d.id, v.version").fetchall()


def test_a_database_of_the_old_storage_is_upgraded_in_place_with_every_draft(tmp_path: Path) -> None:
    copy = tmp_path / "docgen.sqlite3"
    shutil.copy(LEGACY, copy)
    before = _legacy_rows(copy)
    assert len(before) == 7
    database = open_database(sqlite_url(tmp_path))
    assert current_revision(database) == head_revision()
    assert _legacy_rows(copy) == before
    store = DraftStore(database)
    first = store.get(1)
    assert first is not None and first.version == 4 and "Nội dung lần 3" in first.content
    assert [d.title for d in sorted(store.drafts(), key=lambda d: d.id)] == ["Huyện Đức Trọng", "Xã Hiệp Thạnh", "Phường Lâm Viên - Đà Lạt"]
    saved = store.save(1, 4, first.title, first.content + "# thêm\n", save_id="after-upgrade")
    assert saved.version == 5
    assert store.create("Xã mới", "nq", "x").id == 4  # ids continue after the old ones
    database.dispose()


@pytest.mark.parametrize("url", ["mysql://u@h/db", "không phải địa chỉ"])
def test_an_unsupported_or_bad_url_is_a_vietnamese_error(url: str) -> None:
    with pytest.raises(DocgenError) as caught:
        open_database(url)
    assert caught.value.findings[0].code == "bad-database-url"
    assert "cơ sở dữ liệu" in caught.value.findings[0].message or "hỗ trợ" in caught.value.findings[0].message


def test_the_migrations_make_exactly_the_models_schema(database_url: str) -> None:
    """A table or column added to a model without its migration revision fails here."""
    database = open_database(database_url)
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    database.dispose()
    assert differences == []


def test_a_database_that_cannot_be_reached_is_a_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(DocgenError) as caught:
        open_database(f"postgresql://nobody@/docgen?host={tmp_path}")  # no server listens there
    finding = caught.value.findings[0]
    assert finding.code == "database-unavailable" and finding.message.startswith("Không mở được cơ sở dữ liệu")


def test_the_stored_outlines_revision_keeps_every_round_and_report(database_url: str) -> None:
    """A database at the previous revision (0004), with a round and its report, upgraded to 0005: rounds keep their bundled outline."""
    from alembic import command
    from sqlalchemy import text

    from docgen.service.outlines import round_outline
    from docgen.storage.db import make_engine, session_scope
    from docgen.storage.migrate import alembic_config
    from docgen.storage.rounds import Round

    engine = make_engine(database_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004_report_save_ids")
        connection.execute(text("INSERT INTO users (id, username, display_name, role, unit_code, password_hash, must_change_password, "
                                "session_epoch, active, created) VALUES (1, 'admin', 'Quản trị', 'admin', '', 'x', false, 0, true, "
                                "'2026-11-30 03:00:00+00:00')"))
        connection.execute(text("INSERT INTO rounds (id, title, outline, deadline, source, created, created_by) VALUES "
                                "(1, 'Sơ kết Nghị quyết 21', 'bao-cao-so-ket-nq21', '2026-12-15', 'bảng đơn vị', '2026-11-30 03:00:00+00:00', 1)"))
        connection.execute(text("INSERT INTO round_reports (id, round_id, unit_code, unit_name, district, status, version, content, updated) "
                                "VALUES (1, 1, 'A1', 'Phường Xuân Hương', '', 'draft', 1, 'outline: bao-cao-so-ket-nq21\n', "
                                "'2026-11-30 03:00:00+00:00')"))
    engine.dispose()
    database = open_database(database_url)
    assert current_revision(database) == head_revision()
    with session_scope(database.engine) as session:
        owner = session.get(Round, 1)
        assert owner is not None and owner.stored_outline_id is None and owner.title == "Sơ kết Nghị quyết 21"
        assert [(r.unit_code, r.content) for r in owner.reports] == [("A1", "outline: bao-cao-so-ket-nq21\n")]
        assert round_outline(owner).id == "bao-cao-so-ket-nq21"
    assert "stored_outlines" in inspect(database.engine).get_table_names()
    database.dispose()
