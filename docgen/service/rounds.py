"""Creating a reporting round: one report per unit, each prefilled exactly as `docgen bulk` builds
that unit's content (base content, then the unit's own name, organ and place), never a copy of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..bulk.run import unit_doc, unit_list
from ..bulk.units import Unit
from ..core.errors import DocgenError, Finding, error
from ..core.vietnamese import nfc, parse_date
from ..core.yamlio import YamlDoc, dump_yaml, parse_yaml
from ..outline.model import Outline
from ..storage.accounts import REVIEWER, RoundReviewer, User
from ..storage.outlines import StoredOutline
from ..storage.rounds import DRAFT, ReportVersion, Round, RoundReport
from .documents import bundled_outline
from .outlines import outline_of
from .permissions import MANAGE, require

MAX_ROUND_UNITS = 5_000


@dataclass(frozen=True)
class RoundSpec:
    """What an administrator gives: the outline, the deadline, the units (a catalogue province or a table), a base content."""

    title: str
    outline: str
    deadline: str  # as typed: 2026-12-15 or 15/12/2026
    province: str = ""
    before_2025: bool = False
    units_table: Path | None = None
    codes: tuple[str, ...] = ()  # only these units of the province or table; empty: all of them
    base_text: str = ""  # a content file every unit starts from; empty: an empty report
    base_name: str = "noi-dung-chung.yaml"
    reviewers: tuple[str, ...] = field(default=())  # usernames
    stored_outline: int | None = None  # an outline imported from a guidance document (docgen.service.outlines), instead of `outline`


def create_round(session: Session, spec: RoundSpec, by: User, now: dt.datetime) -> tuple[Round, list[Finding]]:
    """The round and its reports, in one transaction; DocgenError with every problem when it cannot be made."""
    require(by, MANAGE)
    stored = _stored(session, spec.stored_outline) if spec.stored_outline is not None else None
    outline = outline_of(stored) if stored is not None else bundled_outline(spec.outline)
    deadline = _deadline(spec.deadline)
    units, notes = _units(spec, outline)
    base = _base(spec, outline)
    reviewers = _reviewers(session, spec.reviewers)
    created = Round(title=_title(spec, outline), outline=outline.id, deadline=deadline, source=_source(spec), created=now, created_by=by.id,
                    stored_outline=stored)
    session.add(created)
    session.flush()
    for unit in units:
        _add_report(session, created, unit, base, outline, by, now)
    session.add_all(RoundReviewer(round_id=created.id, user_id=r.id) for r in reviewers)
    return created, notes


def _stored(session: Session, stored_id: int) -> StoredOutline:
    stored = session.get(StoredOutline, stored_id)
    if stored is None:
        raise DocgenError(error("outline-not-found", "Không tìm thấy đề cương đã nhập; hãy chọn lại đề cương."))
    return stored


def _title(spec: RoundSpec, outline: Outline) -> str:
    return nfc(spec.title.strip()) or outline.name


def _deadline(text: str) -> dt.date:
    try:
        return parse_date(text.strip())
    except (ValueError, DocgenError):
        raise DocgenError(error("round-deadline", f"Hạn nộp “{text}” không đọc được; hãy viết dạng 15/12/2026 hoặc 2026-12-15.")) from None


def _units(spec: RoundSpec, outline: Outline) -> tuple[list[Unit], list[Finding]]:
    if not spec.units_table and not spec.province.strip():
        raise DocgenError(error("round-no-units", "Hãy chọn tỉnh, thành phố trong danh mục hoặc tải lên bảng đơn vị."))
    table = str(spec.units_table) if spec.units_table else None
    units, notes = unit_list(table, spec.province, spec.before_2025, "" if table else outline.system)
    if spec.codes:
        wanted = {c.strip().lower() for c in spec.codes if c.strip()}
        units = [u for u in units if u.code.lower() in wanted]
        missing = wanted - {u.code.lower() for u in units}
        if missing:
            raise DocgenError(error("round-unknown-unit", f"Không có đơn vị mã {', '.join(sorted(missing))} trong danh sách đã chọn."))
    if not units:
        raise DocgenError(error("round-no-units", "Đợt báo cáo chưa có đơn vị nào."))
    if len(units) > MAX_ROUND_UNITS:
        raise DocgenError(error("round-too-many", f"Một đợt báo cáo có tối đa {MAX_ROUND_UNITS} đơn vị."))
    return units, notes


def _base(spec: RoundSpec, outline: Outline) -> YamlDoc:
    """The shared content; its outline is the round's, whatever the file says."""
    if not spec.base_text.strip():
        return YamlDoc({"outline": outline.id}, spec.base_name, {})
    doc = parse_yaml(spec.base_text, spec.base_name)
    if not isinstance(doc.data, dict):
        raise DocgenError(error("content-invalid", "Tệp nội dung chung phải là một bảng khóa: giá trị (mapping).", doc.at()))
    return YamlDoc({**doc.data, "outline": outline.id}, doc.file, doc.lines, doc.warnings)


def _reviewers(session: Session, usernames: tuple[str, ...]) -> list[User]:
    found = []
    for name in usernames:
        user = session.scalar(select(User).where(User.username == name.strip().lower()))
        if user is None or user.role != REVIEWER:
            raise DocgenError(error("round-reviewer", f"Không có tài khoản người duyệt “{name}”."))
        found.append(user)
    return found


def _source(spec: RoundSpec) -> str:
    if spec.units_table:
        return f"bảng đơn vị {spec.units_table.name}"
    period = "trước ngày 01/07/2025" if spec.before_2025 else "từ ngày 01/07/2025"
    return f"danh mục {period}: {spec.province}"


def _add_report(session: Session, owner: Round, unit: Unit, base: YamlDoc, outline: Outline, by: User, now: dt.datetime) -> None:
    content = dump_yaml(unit_doc(base, unit, None).data)
    report = RoundReport(round_id=owner.id, unit_code=unit.code, unit_name=unit.name, district=unit.values.get("place", ""),
                         status=DRAFT, version=1, content=content, updated=now)
    session.add(report)
    session.flush()
    session.add(ReportVersion(report_id=report.id, version=1, content=content, saved=now, saved_by=by.id, note="Tạo khi lập đợt báo cáo"))


def assign_reviewer(session: Session, by: User, owner: Round, reviewer: User) -> None:
    require(by, MANAGE)
    if reviewer.role != REVIEWER:
        raise DocgenError(error("round-reviewer", f"Tài khoản “{reviewer.username}” không phải người duyệt."))
    if session.get(RoundReviewer, (owner.id, reviewer.id)) is None:
        session.add(RoundReviewer(round_id=owner.id, user_id=reviewer.id))


def reviewers_of(session: Session, owner: Round) -> list[User]:
    query = select(User).join(RoundReviewer, RoundReviewer.user_id == User.id).where(RoundReviewer.round_id == owner.id)
    return list(session.scalars(query.order_by(User.username)))
