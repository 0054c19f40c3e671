"""One function over many items on every core, results in the items' order.

Used where files are independent (checking or rolling up a folder of reports). The function is
handed to each worker process once, when it starts (with fork, not even pickled): only the items
travel to the workers and only the results travel back. `ordered_results` hands each result on as
soon as it and every one before it are done, so a caller that does not keep them stays flat in
memory however many items there are.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_FUNCTION: dict[str, Callable[[Any], Any]] = {}


def default_jobs() -> int:
    return os.cpu_count() or 1


def ordered_results(function: Callable[[Item], Result], items: Sequence[Item], jobs: int | None = None,
                    done: Callable[[], None] | None = None) -> Iterator[Result]:
    """`function(item)` for each item, in the items' order, computed in `jobs` processes (default: one per core).

    `done()` is called in this process as each item finishes (for a progress display), before its
    result is handed on. `function` must not raise for an item that can fail: return the failure
    instead. A short list, or `jobs=1`, runs here without starting processes.
    """
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) < 2 * jobs:
        for item in items:
            yield _counted(function(item), done)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    chunk = max(1, min(16, len(items) // (jobs * 8)))  # small chunks keep the cores busy to the end and the progress moving
    waiting: dict[int, Any] = {}  # finished ahead of an earlier item
    following = 0
    with context.Pool(jobs, initializer=_receive, initargs=(function,)) as pool:
        for index, result in pool.imap_unordered(_call, enumerate(items), chunksize=chunk):
            waiting[index] = _counted(result, done)
            while following in waiting:
                yield waiting.pop(following)
                following += 1


def _counted(result: Result, done: Callable[[], None] | None) -> Result:
    if done is not None:
        done()
    return result


def _receive(function: Callable[[Any], Any]) -> None:
    _FUNCTION["function"] = function


def _call(numbered: tuple[int, Any]) -> tuple[int, Any]:
    index, item = numbered
    return index, _FUNCTION["function"](item)
