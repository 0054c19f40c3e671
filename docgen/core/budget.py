"""A time budget for one piece of work (a web request): a deadline that the long loops check.

A Python thread cannot be stopped from outside, so the work stops itself: the loops whose length
depends on the input (the blocks of an uploaded .docx, the validation rules) call `check()`, which
raises `OverBudget` once the deadline of the current context has passed. Work started outside a
budget (the CLI, bulk runs) never has a deadline and `check()` costs one context lookup. Writes
happen after the work, in one transaction, so work stopped by its budget leaves nothing half-written.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Time one web request may take: far beyond a save (~15 ms of CPU), a .docx (~10 ms) or reading the
# largest real report uploaded (~1 s), short enough that a crafted input cannot hold a thread.
REQUEST_SECONDS = 20.0
_clock = time.monotonic  # a test makes the work slow by moving this clock
_DEADLINE: ContextVar[float | None] = ContextVar("docgen_deadline", default=None)
_BUDGET: ContextVar[float] = ContextVar("docgen_budget", default=0.0)


class OverBudget(Exception):
    """The work ran past its deadline and was stopped; `seconds` is the budget it had."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"stopped after its budget of {seconds:g} s")
        self.seconds = seconds



def start(seconds: float) -> None:
    """From now on the current context (a request's thread) has `seconds` to finish."""
    _BUDGET.set(seconds)
    _DEADLINE.set(_clock() + seconds)


def stop() -> None:
    _DEADLINE.set(None)


@contextmanager
def limited(seconds: float) -> Iterator[None]:
    """`seconds` for the work inside the block."""
    start(seconds)
    try:
        yield
    finally:
        stop()


def check() -> None:
    """Raise OverBudget when the current context's deadline has passed."""
    deadline = _DEADLINE.get()
    if deadline is not None and _clock() > deadline:
        raise OverBudget(_BUDGET.get())
