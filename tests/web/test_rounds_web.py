"""Rounds on the web: every route × every role × own/other unit (a 404 for whatever an account may
not see), and the loop of one report through the pages (edit, submit, return with comments, accept)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from docgen.service import accounts, outlines, rounds
from docgen.service.clock import utc_now
from docgen.storage.accounts import ADMIN, REVIEWER, SECRETARY, User
from docgen.web import create_app, csrf

ROOT = Path(__file__).resolve().parents[2]
SEED_000 = ROOT / "reference" / "seeds" / "000_3ff2316c89ed20e5.txt"
UNITS_CSV = ("code,name,organ_parent,organ,place\n"
             "A1,Phường Xuân Hương - Đà Lạt,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT,Xuân Hương - Đà Lạt\n"
             "B2,Xã Đạ Huoai,ĐẢNG BỘ TỈNH LÂM ĐỒNG,ĐẢNG ỦY XÃ ĐẠ HUOAI,Đạ Huoai\n")
PASSWORDS = {"admin": "mat-khau-quan-tri", "duyet": "mat-khau-duyet-1", "thu-ky-a1": "mat-khau-a1-123", "thu-ky-b2": "mat-khau-b2-123",
             "du-phong": "mat-khau-du-phong", "duyet-phu": "mat-khau-duyet-2"}


def make_world(data: Path) -> tuple[Flask, dict[str, int]]:
    """Accounts, and two rounds of units A1 and B2: the reviewer is assigned the first only."""
    app = create_app(data, max_request_bytes=256 * 1024)
    table = data / "don-vi.csv"
    table.write_text(UNITS_CSV, encoding="utf-8")
    base = (ROOT / "content" / "phuong-mau-party.yaml").read_text(encoding="utf-8")
    now = utc_now()
    ids: dict[str, int] = {}
    with app.extensions["docgen_database"].write() as db:
        roles = {"admin": (ADMIN, ""), "duyet": (REVIEWER, ""), "thu-ky-a1": (SECRETARY, "A1"), "thu-ky-b2": (SECRETARY, "B2"),
                 "du-phong": (SECRETARY, "B2"), "duyet-phu": (REVIEWER, "")}
        for name, (role, unit) in roles.items():
            ids[name] = accounts.create_user(db, name, role, now, unit_code=unit, password=PASSWORDS[name]).user.id
        admin = db.get(User, ids["admin"])
        assert admin is not None
        for key, reviewers in (("assigned", ("duyet",)), ("unassigned", ())):
            made, _ = rounds.create_round(db, rounds.RoundSpec(f"Đợt {key}", "bao-cao-so-ket-nq21", "15/12/2026", units_table=table,
                                                               base_text=base, reviewers=reviewers), admin, now)
            ids[f"round-{key}"] = made.id
            for report in made.reports:
                ids[f"{key}-{report.unit_code}"] = report.id
        ids["outline"] = outlines.import_guidance(db, admin, SEED_000.read_bytes(), "de-cuong.txt", now).id
    ids["draft"] = app.extensions["docgen_store"].create("Bản nháp riêng", "bao-cao-so-ket-nq21", "outline: bao-cao-so-ket-nq21\n").id
    return app, ids


def sign_in(app: Flask, username: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    page = client.get("/sign-in").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    response = client.post("/sign-in", data={"csrf_token": token.group(1), "username": username, "password": PASSWORDS[username]})
    assert response.status_code == 302, response.text
    return client, _token(client.get("/password").text)  # signing in starts a new session, with a new CSRF token


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Flask, dict[str, int]]:
    return make_world(tmp_path_factory.mktemp("rounds-web"))


# Each route, with the report or round it is about: "own" is what the account may see (a secretary's
# unit, a reviewer's assigned round), "other" what it may not.
REPORT_ROUTES = [
    ("GET", "/reports/{id}"), ("POST", "/reports/{id}"), ("POST", "/reports/{id}/submit"), ("POST", "/reports/{id}/return"),
    ("POST", "/reports/{id}/accept"), ("POST", "/reports/{id}/upload"), ("GET", "/reports/{id}/van-ban.docx"),
    ("GET", "/reports/{id}/history"),
]
ROUND_ROUTES = [
    ("GET", "/rounds/{id}"), ("GET", "/rounds/{id}/muc-do-day-du.xlsx"), ("GET", "/rounds/{id}/van-ban.zip"),
    ("GET", "/rounds/{id}/tong-hop.zip"), ("POST", "/rounds/{id}/reviewers"),
]
ADMIN_ROUTES = [
    ("GET", "/admin/users"), ("POST", "/admin/users"), ("POST", "/admin/users/import"), ("POST", "/admin/users/{spare}/reset"),
    ("GET", "/rounds/new"), ("POST", "/rounds/new"), ("GET", "/drafts/{draft}"), ("GET", "/drafts/{draft}/history"),
    ("POST", "/rounds/outlines"), ("GET", "/rounds/outlines/{outline}"), ("POST", "/rounds/outlines/{outline}"),
]
EVERYONE_ROUTES = [("GET", "/fix"), ("POST", "/fix")]  # any signed-in account: nothing of anyone's is shown or kept
# What a role may reach of its "own" objects; the "other" ones are never reachable, but for the administrator, who reaches
# everything except the editing of a unit's report.
SECRETARY_MAY = {("GET", "/reports/{id}"), ("POST", "/reports/{id}"), ("POST", "/reports/{id}/submit"), ("POST", "/reports/{id}/upload"),
                 ("GET", "/reports/{id}/van-ban.docx"), ("GET", "/reports/{id}/history")}
REVIEWER_MAY = {("GET", "/reports/{id}"), ("POST", "/reports/{id}/return"), ("POST", "/reports/{id}/accept"),
                ("GET", "/reports/{id}/van-ban.docx"), ("GET", "/reports/{id}/history"), ("GET", "/rounds/{id}"),
                ("GET", "/rounds/{id}/muc-do-day-du.xlsx"), ("GET", "/rounds/{id}/van-ban.zip"), ("GET", "/rounds/{id}/tong-hop.zip")}
EDITING = {("POST", "/reports/{id}"), ("POST", "/reports/{id}/submit"), ("POST", "/reports/{id}/upload")}  # the unit's own secretary only
USERS = {"admin": "admin", "reviewer": "duyet", "secretary": "thu-ky-a1"}


def _target(role: str, scope: str, route: str, ids: dict[str, int]) -> str:
    if "/reports/" in route:
        own = {"admin": "assigned-A1", "reviewer": "assigned-A1", "secretary": "assigned-A1"}[role]
        other = {"admin": "unassigned-B2", "reviewer": "unassigned-A1", "secretary": "assigned-B2"}[role]
        return route.format(id=ids[own if scope == "own" else other])
    if "/rounds/{id}" in route:
        return route.format(id=ids["round-assigned" if scope == "own" else "round-unassigned"])
    return route.format(spare=ids["du-phong"], draft=ids["draft"], outline=ids["outline"])


def _expected_reachable(role: str, scope: str, method: str, route: str) -> bool:
    if role == "admin" or (method, route) in EVERYONE_ROUTES:
        return (method, route) not in EDITING
    allowed = SECRETARY_MAY if role == "secretary" else REVIEWER_MAY
    return scope == "own" and (method, route) in allowed


@pytest.mark.parametrize("scope", ["own", "other"])
@pytest.mark.parametrize("method,route", REPORT_ROUTES + ROUND_ROUTES + ADMIN_ROUTES + EVERYONE_ROUTES)
@pytest.mark.parametrize("role", ["admin", "reviewer", "secretary"])
def test_authorisation_matrix(world: tuple[Flask, dict[str, int]], role: str, method: str, route: str, scope: str) -> None:
    app, ids = world
    client, token = sign_in(app, USERS[role])
    url = _target(role, scope, route, ids)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": token, "base_version": "0", "reviewer": str(ids["duyet-phu"])},
                               headers={"Accept": "application/json"} if route == "/reports/{id}" else {})
    if _expected_reachable(role, scope, method, route):
        assert response.status_code != 404, f"{role} {method} {url}: {response.status_code}"
        assert csrf.REFUSED.encode() not in response.data
    else:
        assert response.status_code == 404, f"{role} {method} {url}: {response.status_code}"
        assert "Xã Đạ Huoai" not in response.text


def test_without_signing_in_every_page_leads_to_the_sign_in_page(world: tuple[Flask, dict[str, int]]) -> None:
    app, ids = world
    client = app.test_client()
    for url in ("/", "/rounds", f"/reports/{ids['assigned-A1']}", f"/rounds/{ids['round-assigned']}", "/admin/users", f"/drafts/{ids['draft']}",
                f"/rounds/outlines/{ids['outline']}", "/fix"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in"), url
    autosave = client.post(f"/reports/{ids['assigned-A1']}", headers={"Accept": "application/json"})
    assert autosave.status_code in (400, 401)


def test_a_wrong_password_is_refused_in_vietnamese(world: tuple[Flask, dict[str, int]]) -> None:
    app, _ = world
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/sign-in").text)
    assert token
    response = client.post("/sign-in", data={"csrf_token": token.group(1), "username": "thu-ky-b2", "password": "sai"})
    assert response.status_code == 401 and "Tên đăng nhập hoặc mật khẩu không đúng." in response.text


def _token(page: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match
    return match.group(1)


def test_first_sign_in_forces_a_new_password(tmp_path: Path) -> None:
    app = create_app(tmp_path / "data")
    with app.extensions["docgen_database"].write() as db:
        issued = accounts.create_user(db, "moi", ADMIN, utc_now())
    client = app.test_client()
    token = _token(client.get("/sign-in").text)
    response = client.post("/sign-in", data={"csrf_token": token, "username": "moi", "password": issued.password})
    assert response.headers["Location"] == "/password"
    assert client.get("/rounds").headers["Location"] == "/password"
    page = client.get("/password").text
    assert "lần đăng nhập đầu tiên bằng mật khẩu dùng một lần" in page
    response = client.post("/password", data={"csrf_token": _token(page), "current": issued.password, "new": "mat-khau-moi-1", "repeat": "mat-khau-moi-1"})
    assert response.status_code == 302 and client.get("/rounds").status_code == 200


def test_sign_out_everywhere_ends_the_other_sessions(tmp_path: Path) -> None:
    app, _ = make_world(tmp_path / "data")
    first, _ = sign_in(app, "thu-ky-a1")
    second, token = sign_in(app, "thu-ky-a1")
    assert first.get("/rounds").status_code == 200
    second.post("/sign-out-everywhere", data={"csrf_token": token})
    assert first.get("/rounds").status_code == 302 and second.get("/rounds").status_code == 302




def test_one_report_through_the_pages(tmp_path: Path) -> None:
    app, ids = make_world(tmp_path / "data")
    report = ids["assigned-A1"]
    secretary, token = sign_in(app, "thu-ky-a1")
    page = secretary.get(f"/reports/{report}").text
    assert "Nộp báo cáo" in page and "ĐẢNG ỦY PHƯỜNG XUÂN HƯƠNG - ĐÀ LẠT" in page and 'action="/reports/' in page
    saved = secretary.post(f"/reports/{report}", data={"csrf_token": token, "base_version": "1", "number": ""},
                           headers={"Accept": "application/json"})
    assert saved.status_code == 200 and saved.json is not None and saved.json["version"] == 2
    refused = secretary.post(f"/reports/{report}/submit", data={"csrf_token": token})
    assert refused.status_code == 409 and "Chưa nộp được: báo cáo còn 1 lỗi cần sửa." in refused.text and "missing-metadata" in refused.text
    secretary.post(f"/reports/{report}", data={"csrf_token": token, "base_version": "2", "number": "15-BC/ĐU"}, headers={"Accept": "application/json"})
    assert secretary.post(f"/reports/{report}/submit", data={"csrf_token": token}).status_code == 302
    assert "chỉ xem được cho tới khi được trả lại" in secretary.get(f"/reports/{report}").text
    late_save = secretary.post(f"/reports/{report}", data={"csrf_token": token, "base_version": "3", "number": "x"}, headers={"Accept": "application/json"})
    assert late_save.status_code == 409 and "đã nộp" in late_save.json["error"]  # type: ignore[index]

    reviewer, rtoken = sign_in(app, "duyet")
    assert "Trả lại để sửa" in reviewer.get(f"/reports/{report}").text
    returned = reviewer.post(f"/reports/{report}/return", data={"csrf_token": rtoken, "comment": "", "comment.quan-triet": "Bổ sung số liệu."})
    assert returned.status_code == 302
    page = secretary.get(f"/reports/{report}").text
    assert "Báo cáo được trả lại để sửa." in page and "Bổ sung số liệu." in page and "I. " in page
    assert secretary.post(f"/reports/{report}/submit", data={"csrf_token": token}).status_code == 302
    assert reviewer.post(f"/reports/{report}/accept", data={"csrf_token": rtoken}).status_code == 302
    dashboard = reviewer.get(f"/rounds/{ids['round-assigned']}").text
    figures = dict(re.findall(r'<span class="figure-label">([^<]+)</span> <strong class="figure-count">(\d+)</strong>', dashboard))
    assert figures["Dự kiến"] == "2" and figures["Đã nộp"] == "1" and figures["Đã duyệt"] == "1" and figures["Đúng hạn"] == "1"
    history = secretary.get(f"/reports/{report}/history?section=quan-triet&a=1&b=3").text
    assert "nộp (đang soạn → đã nộp)" in history and "trả lại (đã nộp → trả lại)" in history and "Bổ sung số liệu" not in history


def test_a_word_report_uploaded_fills_the_draft_and_keeps_the_unit(tmp_path: Path) -> None:
    from docgen.service.documents import docx_of

    app, ids = make_world(tmp_path / "data")
    source = (ROOT / "content" / "duc-trong.yaml").read_text(encoding="utf-8")
    word = docx_of(source, "duc-trong.yaml")
    secretary, token = sign_in(app, "thu-ky-a1")
    report = ids["assigned-A1"]
    response = secretary.post(f"/reports/{report}/upload", data={"csrf_token": token, "file": (io.BytesIO(word), "bao-cao.docx")},
                              content_type="multipart/form-data")
    assert response.status_code == 302
    page = secretary.get(f"/reports/{report}").text
    assert "184-BC/HU" in page and "phiên bản 2" in page
    with app.extensions["docgen_database"].read() as db:
        from docgen.storage.rounds import RoundReport

        stored = db.get(RoundReport, report)
        assert stored is not None and "code: A1" in stored.content
    refused = secretary.post(f"/reports/{report}/upload", data={"csrf_token": token, "file": (io.BytesIO(b"x"), "a.txt")},
                             content_type="multipart/form-data")
    assert refused.status_code == 400 and "Hãy chọn báo cáo Word dạng .docx" in refused.text and "(upload-not-docx)" in refused.text
