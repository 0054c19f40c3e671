"""Every request has a time budget: work that runs past it is stopped in its loop with a Vietnamese
503, and nothing it was about to write is written. The work is made slow by a clock that moves one
second at each check of the deadline (each block of an uploaded report, each validation rule)."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path

import pytest
from flask import Flask
from test_rounds_web import ROOT, make_world, sign_in

from docgen.core import budget
from docgen.service.documents import docx_of
from docgen.storage.rounds import RoundReport
from docgen.web.app import BUDGET_KEY, REQUEST_SECONDS

STOPPED = "Yêu cầu cần quá nhiều thời gian xử lý (quá 5 giây) nên đã dừng; không có gì bị thay đổi."


class SlowClock:
    """Each reading of the clock is one second later: the work checking its deadline is slow."""

    def __init__(self) -> None:
        self.ticks = itertools.count()
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        return float(next(self.ticks))


@pytest.fixture
def world(tmp_path: Path) -> tuple[Flask, dict[str, int]]:
    return make_world(tmp_path / "data")


def _stored(app: Flask, report_id: int) -> tuple[int, str]:
    with app.extensions["docgen_database"].read() as db:
        report = db.get(RoundReport, report_id)
        assert report is not None
        return report.version, report.content


def _word_report() -> bytes:
    return docx_of((ROOT / "content" / "duc-trong.yaml").read_text(encoding="utf-8"), "duc-trong.yaml")


def test_an_upload_read_past_its_budget_is_stopped_in_the_reading_loop_and_nothing_is_written(
        world: tuple[Flask, dict[str, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    app, ids = world
    report = ids["assigned-A1"]
    secretary, token = sign_in(app, "thu-ky-a1")
    before = _stored(app, report)
    app.config[BUDGET_KEY] = 5.0
    clock = SlowClock()
    monkeypatch.setattr(budget, "_clock", clock)
    reply = secretary.post(f"/reports/{report}/upload", data={"csrf_token": token, "file": (io.BytesIO(_word_report()), "bao-cao.docx")},
                           content_type="multipart/form-data")
    assert reply.status_code == 503
    assert STOPPED in reply.text
    assert 5 < clock.reads < 10  # stopped at the deadline, among the report's first blocks, not at its end
    assert _stored(app, report) == before


def test_the_same_upload_within_its_budget_is_read(world: tuple[Flask, dict[str, int]]) -> None:
    app, ids = world
    report = ids["assigned-A1"]
    secretary, token = sign_in(app, "thu-ky-a1")
    assert app.config[BUDGET_KEY] == REQUEST_SECONDS == 20.0
    reply = secretary.post(f"/reports/{report}/upload", data={"csrf_token": token, "file": (io.BytesIO(_word_report()), "bao-cao.docx")},
                           content_type="multipart/form-data")
    assert reply.status_code == 302
    assert "184-BC/HU" in _stored(app, report)[1]


def test_a_save_past_its_budget_before_the_commit_is_rolled_back(world: tuple[Flask, dict[str, int]],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    app, ids = world
    report = ids["assigned-A1"]
    secretary, token = sign_in(app, "thu-ky-a1")
    page = secretary.get(f"/reports/{report}").text
    field = re.findall(r'name="(sections\.[^"]+)"', page)[1]
    before = _stored(app, report)
    app.config[BUDGET_KEY] = 0.5  # the deadline is checked once more just before the commit
    monkeypatch.setattr(budget, "_clock", SlowClock())
    form = {"csrf_token": token, "base_version": str(before[0]), "save_id": "s1", field: "Đoạn văn mới."}
    reply = secretary.post(f"/reports/{report}", data=form, headers={"Accept": "application/json"})
    assert reply.status_code == 503
    assert reply.json is not None and reply.json["error"].startswith(STOPPED.replace("quá 5 giây", "quá 0,5 giây"))
    assert _stored(app, report) == before
    monkeypatch.setattr(budget, "_clock", budget.time.monotonic)
    saved = secretary.post(f"/reports/{report}", data=form, headers={"Accept": "application/json"})
    assert saved.status_code == 200 and saved.json is not None and saved.json["version"] == before[0] + 1


def test_work_outside_a_request_has_no_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(budget, "_clock", SlowClock())
    for _ in range(100):
        budget.check()  # the CLI and bulk runs are never stopped
    with budget.limited(3), pytest.raises(budget.OverBudget) as caught:
        for _ in range(100):
            budget.check()
    assert caught.value.seconds == 3
    budget.check()  # the budget ended with its block
