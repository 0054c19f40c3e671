"""The drafts store, on SQLite and on PostgreSQL (the `database_url` fixture runs each test on both)."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen.storage import Conflict, DraftStore, open_database, sqlite_url


@pytest.fixture
def store(database_url: str) -> Iterator[DraftStore]:
    database = open_database(database_url)
    yield DraftStore(database)
    database.dispose()


def test_create_then_get(store: DraftStore) -> None:
    draft = store.create("Huyện A", "nq", "a: 1\n", "Tạo mới")
    got = store.get(draft.id)
    assert got is not None
    assert (got.title, got.outline, got.version, got.content) == ("Huyện A", "nq", 1, "a: 1\n")
    assert store.get(999) is None


def test_each_save_is_a_new_version_and_history_keeps_all(store: DraftStore) -> None:
    draft = store.create("A", "nq", "v1")
    second = store.save(draft.id, 1, "A", "v2", "Tự động lưu")
    third = store.save(draft.id, 2, "B", "v3")
    assert (second.version, third.version) == (2, 3)
    assert [v.version for v in store.versions(draft.id)] == [3, 2, 1]
    assert [store.version(draft.id, n) for n in (1, 2, 3)] == ["v1", "v2", "v3"]
    assert store.versions(draft.id)[1].note == "Tự động lưu"
    current = store.get(draft.id)
    assert current is not None and (current.title, current.content) == ("B", "v3")


def test_unchanged_save_adds_no_version(store: DraftStore) -> None:
    draft = store.create("A", "nq", "same")
    assert store.save(draft.id, 1, "A", "same").version == 1
    assert len(store.versions(draft.id)) == 1


def test_stale_save_is_refused_and_changes_nothing(store: DraftStore) -> None:
    draft = store.create("A", "nq", "v1")
    store.save(draft.id, 1, "A", "from tab one")
    with pytest.raises(Conflict) as caught:
        store.save(draft.id, 1, "A", "from tab two")
    assert caught.value.current == 2
    current = store.get(draft.id)
    assert current is not None and current.content == "from tab one"


def test_a_retried_save_that_landed_is_acknowledged_not_a_conflict(store: DraftStore) -> None:
    draft = store.create("A", "nq", "v1")
    first = store.save(draft.id, 1, "A", "typed", save_id="save-7f3a")
    again = store.save(draft.id, 1, "A", "typed", save_id="save-7f3a")  # the reply was lost; same save sent again
    assert (first.version, again.version, again.content) == (2, 2, "typed")
    assert len(store.versions(draft.id)) == 2
    with pytest.raises(Conflict):  # a different save on the same old base still is a conflict
        store.save(draft.id, 1, "A", "other", save_id="save-8b01")


def test_a_retry_after_another_tab_saved_still_gets_its_own_version(store: DraftStore) -> None:
    draft = store.create("A", "nq", "v1")
    store.save(draft.id, 1, "A", "mine", save_id="a")
    store.save(draft.id, 2, "A", "other tab", save_id="b")
    replay = store.save(draft.id, 1, "A", "mine", save_id="a")
    assert (replay.version, replay.content) == (2, "mine")


def test_save_of_unknown_draft(store: DraftStore) -> None:
    with pytest.raises(KeyError):
        store.save(42, 1, "A", "x")


@pytest.mark.parametrize("number", [0, -1, 2**31, 10**22])
def test_ids_out_of_range_name_nothing(store: DraftStore, number: int) -> None:
    draft = store.create("A", "nq", "v1")
    assert store.get(number) is None
    assert store.versions(number) == []
    assert store.version(draft.id, number) is None
    with pytest.raises(KeyError):
        store.save(number, 1, "A", "x")


def test_drafts_lists_every_draft(store: DraftStore) -> None:
    store.create("A", "nq", "1")
    store.create("B", "nq", "1")
    assert sorted(d.title for d in store.drafts()) == ["A", "B"]


def test_concurrent_saves_from_many_threads_all_land_or_conflict_never_fail(store: DraftStore) -> None:
    drafts = [store.create(f"Xã {i}", "nq", "v1") for i in range(4)]
    failures: list[BaseException] = []

    def secretary(index: int) -> None:
        draft = drafts[index % len(drafts)]
        try:
            for n in range(10):
                current = store.get(draft.id)
                assert current is not None
                # two threads share each draft: a conflict is a right answer, an error is not
                with contextlib.suppress(Conflict):
                    store.save(draft.id, current.version, draft.title, f"thread {index} save {n}")
        except BaseException as exc:  # collected and reported below
            failures.append(exc)

    threads = [threading.Thread(target=secretary, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for draft in drafts:
        versions = store.versions(draft.id)
        assert [v.version for v in versions] == list(range(len(versions), 0, -1))


def test_data_survives_reopening_and_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "docgen.sqlite3"
    draft = DraftStore(open_database(sqlite_url(tmp_path))).create("A", "nq", "kept")
    again = DraftStore(open_database(sqlite_url(tmp_path))).get(draft.id)
    assert again is not None and again.content == "kept"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


WRITER = """
import sys
from pathlib import Path
from docgen.storage import DraftStore, open_database, sqlite_url
store = DraftStore(open_database(sqlite_url(Path(sys.argv[1]))))
draft = store.create("Xã " + sys.argv[2], "nq", "v1")
for n in range(1, 41):
    store.save(draft.id, n, draft.title, f"lần {n}")
"""


def test_writers_in_several_processes_never_see_the_database_locked(tmp_path: Path) -> None:
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(i)], stderr=subprocess.PIPE, text=True) for i in range(3)]
    errors = [writer.communicate(timeout=600)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0], errors
    store = DraftStore(open_database(sqlite_url(tmp_path)))
    assert sorted(len(store.versions(d.id)) for d in store.drafts()) == [41, 41, 41]
