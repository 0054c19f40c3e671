"""Progress of a long run: a bar with rate and time left on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 30


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class Progress:
    """Call `step()` once per finished item; `close()` at the end."""

    def __init__(self, total: int, stream: TextIO | None = None, tty: bool | None = None, label: str = "",
                 noun: str = "văn bản") -> None:
        self.total, self.done = total, 0
        self.label, self.noun = label, noun  # e.g. "Đang tạo PDF: ", "tệp"
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._now = time.monotonic
        self.started = self._now()
        self._last_shown = -1.0
        self._drawn = False  # the bar stands on the terminal's last line
        self._every = max(1, total // 10)  # plain lines: about ten per run
        self._next = self._every

    def step(self, count: int = 1) -> None:
        self.done += count
        if self.tty:
            if self._now() - self._last_shown >= 0.1 or self.done == self.total:
                self._last_shown = self._now()
                self._draw()
        elif self.done >= self._next or self.done == self.total:
            self._next = (self.done // self._every + 1) * self._every
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def line(self) -> str:
        elapsed = max(self._now() - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        percent = 100 * self.done // max(self.total, 1)
        shown_rate = f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}".replace(".", ",")
        text = (f"{self.label}{self.done}/{self.total} {self.noun} ({percent}%), {shown_rate} {self.noun}/giây, "
                f"còn khoảng {format_seconds(left)}")
        if not self.tty:
            return text
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {text}"

    def clear(self) -> None:
        """Take the bar off the terminal's line so that other output starts on a clean line; `show()` puts it back."""
        if self.tty and self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False

    def show(self) -> None:
        """The bar drawn again after other output, if it was there."""
        if self.tty and not self._drawn and self._last_shown >= 0:
            self._draw()

    def _draw(self) -> None:
        self.stream.write("\r" + self.line())
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.tty and self.done:
            self.stream.write("\n")
            self.stream.flush()
