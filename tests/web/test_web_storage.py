from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from docgen.web.storage import Conflict, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "d" / "docgen.sqlite3")


def test_create_then_get(store: Store) -> None:
    draft = store.create("Huyện A", "nq", "a: 1\n", "Tạo mới")
    got = store.get(draft.id)
    assert got is not None
    assert (got.title, got.outline, got.version, got.content) == ("Huyện A", "nq", 1, "a: 1\n")
    assert store.get(999) is None


def test_each_save_is_a_new_version_and_history_keeps_all(store: Store) -> None:
    draft = store.create("A", "nq", "v1")
    second = store.save(draft.id, 1, "A", "v2", "Tự động lưu")
    third = store.save(draft.id, 2, "B", "v3")
    assert (second.version, third.version) == (2, 3)
    assert [v.version for v in store.versions(draft.id)] == [3, 2, 1]
    assert [store.version(draft.id, n) for n in (1, 2, 3)] == ["v1", "v2", "v3"]
    assert store.versions(draft.id)[1].note == "Tự động lưu"
    current = store.get(draft.id)
    assert current is not None and (current.title, current.content) == ("B", "v3")


def test_unchanged_save_adds_no_version(store: Store) -> None:
    draft = store.create("A", "nq", "same")
    assert store.save(draft.id, 1, "A", "same").version == 1
    assert len(store.versions(draft.id)) == 1


def test_stale_save_is_refused_and_changes_nothing(store: Store) -> None:
    draft = store.create("A", "nq", "v1")
    store.save(draft.id, 1, "A", "from tab one")
    with pytest.raises(Conflict) as caught:
        store.save(draft.id, 1, "A", "from tab two")
    assert caught.value.current == 2
    current = store.get(draft.id)
    assert current is not None and current.content == "from tab one"


def test_save_of_unknown_draft(store: Store) -> None:
    with pytest.raises(KeyError):
        store.save(42, 1, "A", "x")


def test_data_survives_reopening_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "docgen.sqlite3"
    draft = Store(path).create("A", "nq", "kept")
    again = Store(path).get(draft.id)
    assert again is not None and again.content == "kept"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_drafts_lists_every_draft(store: Store) -> None:
    store.create("A", "nq", "1")
    store.create("B", "nq", "1")
    assert sorted(d.title for d in store.drafts()) == ["A", "B"]
