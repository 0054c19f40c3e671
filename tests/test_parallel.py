"""ordered_results: the results of a process pool in the order of the items, progress counted as they finish."""

from __future__ import annotations

import os
from functools import partial

import pytest

from docgen.core.parallel import ordered_results


def _square_with_pid(offset: int, n: int) -> tuple[int, int]:
    return n * n + offset, os.getpid()


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_in_item_order_and_every_item_counted(jobs):
    counted: list[int] = []
    results = list(ordered_results(partial(_square_with_pid, 1), list(range(200)), jobs, lambda: counted.append(1)))
    assert [r for r, _ in results] == [n * n + 1 for n in range(200)]
    assert len(counted) == 200
    pids = {pid for _, pid in results}
    assert (pids == {os.getpid()}) if jobs == 1 else (os.getpid() not in pids)


def test_short_lists_run_here():
    assert list(ordered_results(partial(_square_with_pid, 0), [3], 4)) == [(9, os.getpid())]
    assert list(ordered_results(partial(_square_with_pid, 0), [], 4)) == []


def test_each_result_is_handed_on_before_the_next_item_is_computed():
    computed: list[int] = []
    results = ordered_results(lambda n: computed.append(n) or n * n, [1, 2, 3], 1)
    assert next(results) == 1
    assert computed == [1]
    assert list(results) == [4, 9]
