from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine

from docgen.content.report import parse_report
from docgen.service import dashboard, history, workflow
from docgen.service.permissions import NotFound
from docgen.storage.db import session_scope
from docgen.storage.rounds import ACCEPTED, RETURNED, SUBMITTED

from .conftest import START, get_round, user


def report_of(engine: Engine, round_id: int, code: str) -> int:
    with session_scope(engine) as session:
        return next(r.id for r in get_round(session, round_id).reports if r.unit_code == code)


def test_each_unit_report_is_prefilled_with_its_own_organ_name_and_place(engine: Engine, round_id: int) -> None:
    with session_scope(engine) as session:
        reports = {r.unit_code: r for r in get_round(session, round_id).reports}
        assert sorted(reports) == ["A1", "B2", "C3"]
        parsed = parse_report(reports["B2"].content, "B2.yaml")
    assert parsed.unit_name == "Xã Đạ Huoai"
    assert parsed.organ.name == "ĐẢNG ỦY XÃ ĐẠ HUOAI"
    assert parsed.place == "Đạ Huoai"
    assert parsed.outline == "bao-cao-so-ket-nq21"
    assert "quan-triet" in parsed.sections  # the base content's answers are there


def test_the_whole_loop_late_returned_resubmitted_accepted(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1, b2 = report_of(engine, round_id, "A1"), report_of(engine, round_id, "B2")
    late = dt.datetime(2026, 12, 15, 17, 30, tzinfo=dt.UTC)  # 00:30 on the 16th in Vietnam: late
    with session_scope(engine) as session:
        workflow.submit(session, user(session, people["a1"]), a1, START)
        workflow.submit(session, user(session, people["b2"]), b2, late)
    with session_scope(engine) as session:
        reviewer = user(session, people["reviewer"])
        workflow.return_report(session, reviewer, a1, "", {"quan-triet": "Bổ sung số liệu."}, START)
        assert workflow.last_return(session, session.get(workflow.RoundReport, a1)).sections == {"quan-triet": "Bổ sung số liệu."}  # type: ignore[arg-type]
    with session_scope(engine) as session:
        secretary = user(session, people["a1"])
        report = session.get(workflow.RoundReport, a1)
        assert report is not None and report.status == RETURNED
        content = report.content.replace("tiếp tục lãnh đạo việc quán triệt", "đã lãnh đạo việc quán triệt")
        workflow.save(session, secretary, a1, report.version, content, START)
        workflow.submit(session, secretary, a1, START)
        workflow.accept(session, user(session, people["reviewer"]), a1, START)
    with session_scope(engine) as session:
        owner = get_round(session, round_id)
        figures = {c.label: c.count for c in dashboard.counts(owner)}
        statuses = {r.unit_code: r.status for r in owner.reports}
    assert figures["Dự kiến"] == 3 and figures["Đã nộp"] == 2 and figures["Đúng hạn"] == 1 and figures["Trễ hạn"] == 1
    assert figures["Đã duyệt"] == 1
    assert statuses == {"A1": ACCEPTED, "B2": SUBMITTED, "C3": "draft"}


def test_submit_is_refused_while_errors_remain_with_the_list(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1 = report_of(engine, round_id, "A1")
    with session_scope(engine) as session:
        secretary = user(session, people["a1"])
        report = session.get(workflow.RoundReport, a1)
        assert report is not None
        workflow.save(session, secretary, a1, 1, report.content.replace("number: 15-BC/ĐU\n", ""), START)
    with session_scope(engine) as session, pytest.raises(workflow.Refused) as refused:
        workflow.submit(session, user(session, people["a1"]), a1, START)
    assert refused.value.message == "Chưa nộp được: báo cáo còn 1 lỗi cần sửa."
    assert [f.code for f in refused.value.findings] == ["missing-metadata"]


def test_a_submitted_report_is_read_only_for_the_secretary(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1 = report_of(engine, round_id, "A1")
    with session_scope(engine) as session:
        workflow.submit(session, user(session, people["a1"]), a1, START)
    with session_scope(engine) as session, pytest.raises(workflow.Refused, match="đã nộp; chỉ sửa được khi đang soạn"):
        workflow.save(session, user(session, people["a1"]), a1, 1, "outline: x\n", START)


def test_a_stale_save_is_a_conflict(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1 = report_of(engine, round_id, "A1")
    with session_scope(engine) as session:
        report = session.get(workflow.RoundReport, a1)
        assert report is not None
        workflow.save(session, user(session, people["a1"]), a1, 1, report.content + "closing: Hết.\n", START)
    with session_scope(engine) as session, pytest.raises(workflow.Conflict):
        workflow.save(session, user(session, people["a1"]), a1, 1, "outline: x\n", START)


def test_another_units_report_is_not_found_for_a_secretary(engine: Engine, people: dict[str, int], round_id: int) -> None:
    b2 = report_of(engine, round_id, "B2")
    with session_scope(engine) as session, pytest.raises(NotFound):
        workflow.submit(session, user(session, people["a1"]), b2, START)


def test_wrong_transitions_are_refused_in_vietnamese(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1 = report_of(engine, round_id, "A1")
    with session_scope(engine) as session, pytest.raises(workflow.Refused, match="Không thể duyệt báo cáo đang ở trạng thái “đang soạn”"):
        workflow.accept(session, user(session, people["reviewer"]), a1, START)
    with session_scope(engine) as session:
        workflow.submit(session, user(session, people["a1"]), a1, START)
    with session_scope(engine) as session, pytest.raises(workflow.Refused, match="hãy ghi ý kiến"):
        workflow.return_report(session, user(session, people["reviewer"]), a1, " ", {}, START)


def test_history_diff_of_one_section_between_two_versions(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1 = report_of(engine, round_id, "A1")
    with session_scope(engine) as session:
        report = session.get(workflow.RoundReport, a1)
        assert report is not None
        new = report.content.replace("tiếp tục lãnh đạo việc quán triệt", "đã lãnh đạo việc quán triệt")
        workflow.save(session, user(session, people["a1"]), a1, 1, new, START)
        old = workflow.version_content(session, report, 1)
        assert [v.version for v in workflow.versions(session, report)] == [2, 1]
    lines = history.section_diff(old, new, "A1.yaml", "quan-triet")
    assert [line.kind for line in lines] == [history.REMOVED, history.ADDED]
    assert "đã lãnh đạo" in lines[1].text and "tiếp tục lãnh đạo" in lines[0].text


def test_a_retried_save_that_already_landed_is_acknowledged_not_a_conflict(engine: Engine, people: dict[str, int], round_id: int) -> None:
    a1 = report_of(engine, round_id, "A1")
    with session_scope(engine) as session:
        report = session.get(workflow.RoundReport, a1)
        assert report is not None
        changed = report.content + "closing: Hết.\n"
        workflow.save(session, user(session, people["a1"]), a1, 1, changed, START, save_id="luu-1")
    with session_scope(engine) as session:  # the reply was lost: the page sends the same save again
        again = workflow.save(session, user(session, people["a1"]), a1, 1, changed, START, save_id="luu-1")
        assert again.version == 2 and len(workflow.versions(session, again)) == 2
    with session_scope(engine) as session, pytest.raises(workflow.Conflict):
        workflow.save(session, user(session, people["a1"]), a1, 1, changed + "x", START, save_id="luu-2")
