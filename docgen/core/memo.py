"""A bounded memo a process's threads share (the web server reads uploads in several threads)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class BoundedMemo(Generic[Key, Value]):
    """At most `size` entries; when full, the oldest is forgotten to make room."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: dict[Key, Value] = {}
        self._lock = threading.Lock()  # two threads making room at once would both forget the same entry

    def get(self, key: Key) -> Value | None:
        return self._entries.get(key)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def put(self, key: Key, value: Value) -> None:
        with self._lock:
            if key not in self._entries and len(self._entries) >= self.size:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = value

    def made(self, key: Key | None, make: Callable[[], Value]) -> Value:
        """The value kept for `key`, made and kept if there is none; made afresh, not kept, for a key of None."""
        found = self.get(key) if key is not None else None
        if found is None:
            found = make()
            if key is not None:
                self.put(key, found)
        return found
