"""The indicators table of the draft form: round trip through the Flask test client, kept keys, escaping,
findings linked to rows, and the .docx equal to what the CLI builds from the same content YAML."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from docx import Document
from flask.testing import FlaskClient
from samples import PROJECT_ROOT

from docgen import cli
from docgen.content.report import parse_report
from docgen.pipeline import load, render_loaded

JSON = {"Accept": "application/json"}
PLAN = PROJECT_ROOT / "content" / "tuyen-quang-ke-hoach-173.yaml"
EVIL = 'A & B < C "trích" > D'
WITH_RATE = """\
outline: bao-cao-so-ket-nq21
unit: {name: Xã Tỷ Lệ}
indicators:
  - id: ty-le-bptt
    name: Tỷ lệ áp dụng biện pháp tránh thai
    value: "75"
    unit: "%"
    numerator: "1.500"
    denominator: "2.000"
    kind: rate
  - {id: dan-so, name: Dân số, value: "12.345", unit: người}
"""


def save(client: FlaskClient, token: str, draft: int, base: int, fields: dict[str, str]) -> tuple[int, dict]:
    response = client.post(f"/drafts/{draft}", data={"csrf_token": token, "base_version": str(base), **fields}, headers=JSON)
    return response.status_code, response.get_json()


def row(r: int, **cells: str) -> dict[str, str]:
    """The fields of row r of the indicators table; the columns not given are sent empty, as a browser does."""
    return {f"indicators.{r}.{key}": cells.get(key, "") for key in ("id", "name", "value", "unit", "year", "target")}


def stored(client: FlaskClient, draft: int) -> list[dict]:
    indicators: list[dict] = yaml.safe_load(client.get(f"/drafts/{draft}/download.yaml").text).get("indicators", [])
    return indicators


def cell(page: str, r: int, key: str) -> str:
    """The HTML text of a cell of the indicators table on the page."""
    match = re.search(rf'name="indicators\.{r}\.{key}"[^>]*>([^<]*)</textarea>', page)
    assert match, (r, key)
    return match.group(1)


def upload(client: FlaskClient, token: str, text: str, name: str = "noi-dung.yaml") -> int:
    data = {"csrf_token": token, "file": (io.BytesIO(text.encode()), name)}
    response = client.post("/drafts/upload", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.text
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_new_draft_shows_an_empty_indicators_table(client: FlaskClient, new_draft: Callable[..., int]) -> None:
    page = client.get(f"/drafts/{new_draft()}").text
    assert "<legend>Chỉ tiêu</legend>" in page and "+ Thêm chỉ tiêu" in page
    for heading in ("Mã", "Chỉ tiêu", "Giá trị", "Đơn vị", "Năm", "Mục tiêu"):
        assert f">{heading}</th>" in page
    assert "“186.974”" in page and "“33,6”" in page
    assert page.index("<legend>Nội dung theo đề cương</legend>") < page.index("<legend>Chỉ tiêu</legend>") < page.index('name="closing"')
    assert 'name="indicators.0.' not in page


def test_indicators_round_trip_in_row_order_and_an_empty_row_is_dropped(
        client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    fields = {**row(0, id="dan-so", name="Dân số", value="186.974", unit="người", year="2019"),
              **row(1, id="", name="", value=" "),
              **row(2, id="ty-le-thanh-thi", name="Tỷ lệ dân cư thành thị", value="33,6", unit="%", target="35")}
    status, body = save(client, token, draft, 1, fields)
    assert status == 200 and body["version"] == 2
    assert stored(client, draft) == [
        {"id": "dan-so", "name": "Dân số", "value": "186.974", "unit": "người", "year": "2019"},
        {"id": "ty-le-thanh-thi", "name": "Tỷ lệ dân cư thành thị", "value": "33,6", "unit": "%", "target": "35"}]
    page = client.get(f"/drafts/{draft}").text
    assert cell(page, 0, "id") == "dan-so" and 'id="f-indicators-0" name="indicators.0.id"' in page
    assert (cell(page, 1, "value"), cell(page, 1, "target"), cell(page, 1, "year")) == ("33,6", "35", "")
    assert 'name="indicators.2.' not in page
    report = parse_report(client.get(f"/drafts/{draft}/download.yaml").text, "x.yaml")
    assert report.load_findings == ()
    assert [(i.id, i.value, i.target) for i in report.indicators] == [("dan-so", "186.974", ""), ("ty-le-thanh-thi", "33,6", "35")]


def test_keys_not_shown_are_kept_for_an_unchanged_id(client: FlaskClient, token: str) -> None:
    draft = upload(client, token, WITH_RATE)
    page = client.get(f"/drafts/{draft}").text
    assert cell(page, 0, "value") == "75" and "numerator" not in page.split("<legend>Chỉ tiêu</legend>")[1]
    fields = {**row(0, id="ty-le-bptt", name="Tỷ lệ áp dụng biện pháp tránh thai hiện đại", value="75", unit="%"),
              **row(1, id="dan-so-moi", name="Dân số", value="12.400", unit="người"),
              **row(2, id="moi", name="Chỉ tiêu mới", value="1")}
    assert save(client, token, draft, 1, fields)[0] == 200
    first, second, third = stored(client, draft)
    assert first == {"id": "ty-le-bptt", "name": "Tỷ lệ áp dụng biện pháp tránh thai hiện đại", "value": "75", "unit": "%",
                     "numerator": "1.500", "denominator": "2.000", "kind": "rate"}
    assert second == {"id": "dan-so-moi", "name": "Dân số", "value": "12.400", "unit": "người"}
    assert third == {"id": "moi", "name": "Chỉ tiêu mới", "value": "1"}


def test_emptying_every_row_removes_the_indicators(client: FlaskClient, token: str) -> None:
    draft = upload(client, token, WITH_RATE)
    assert save(client, token, draft, 1, {**row(0), **row(1)})[0] == 200
    assert "indicators" not in client.get(f"/drafts/{draft}/download.yaml").text
    assert save(client, token, draft, 2, {"place": "Đà Lạt"})[0] == 200  # no row sent: nothing to change


def test_special_characters_are_escaped_in_the_page_and_kept_exactly(
        client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    save(client, token, draft, 1, row(0, id="x", name=EVIL, value=EVIL, unit="<b>"))
    assert stored(client, draft) == [{"id": "x", "name": EVIL, "value": EVIL, "unit": "<b>"}]
    page = client.get(f"/drafts/{draft}").text
    escaped = "A &amp; B &lt; C &#34;trích&#34; &gt; D"
    assert cell(page, 0, "name") == escaped and cell(page, 0, "unit") == "&lt;b&gt;"
    assert EVIL not in page and "<b>" not in page
    save(client, token, draft, 2, row(0, id="x", name=EVIL, value=EVIL, unit="<b>"))
    assert stored(client, draft) == [{"id": "x", "name": EVIL, "value": EVIL, "unit": "<b>"}]


def test_malformed_rows_are_findings_linked_to_their_row(client: FlaskClient, token: str, new_draft: Callable[..., int]) -> None:
    draft = new_draft()
    fields = {**row(0, id="du", name="Đủ", value="1"), **row(1, id="thieu-gia-tri", name="Thiếu giá trị"), **row(2, value="5")}
    status, body = save(client, token, draft, 1, fields)
    assert status == 200
    found = [(f["code"], f["field"]) for f in body["findings"] if f["code"] == "invalid-indicator"]
    assert found == [("invalid-indicator", "f-indicators-1"), ("invalid-indicator", "f-indicators-2")]
    page = client.get(f"/drafts/{draft}").text
    assert 'id="f-indicators-2-box"' in page and 'id="f-indicators-2" name="indicators.2.id"' in page
    assert '<a href="#f-indicators-1">Chỉ tiêu thứ 2 cần ít nhất tên (“name”) và giá trị (“value”).</a>' in page  # without script too


def test_docx_with_edited_indicators_is_the_same_bytes_the_cli_builds(client: FlaskClient, token: str, tmp_path: Path) -> None:
    draft = upload(client, token, PLAN.read_text(encoding="utf-8"), PLAN.name)
    indicators = yaml.safe_load(PLAN.read_text(encoding="utf-8"))["indicators"]
    fields: dict[str, str] = {}
    for r, item in enumerate(indicators):
        fields |= row(r, **{k: str(v) for k, v in item.items()})
    fields |= row(1, id="quy-mo-dan-so", name="Quy mô dân số", value="900.000 & hơn", unit="người", year="2030")
    assert save(client, token, draft, 1, fields)[0] == 200
    response = client.get(f"/drafts/{draft}/download.docx")
    assert response.status_code == 200
    content = tmp_path / "ban-nhap.yaml"
    content.write_bytes(client.get(f"/drafts/{draft}/download.yaml").data)
    assert cli.main(["build", str(content), "-o", str(tmp_path / "cli.docx")]) == 0
    assert (tmp_path / "cli.docx").read_bytes() == response.data
    texts = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "quy mô dân số 900.000 & hơn người" in texts


class _Fields(HTMLParser):
    """The fields a browser sends for the draft form: every named input and textarea with its value."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._area: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "input" and named.get("name") and named.get("type") not in ("file", "submit"):
            self.fields[str(named["name"])] = named.get("value") or ""
        elif tag == "textarea" and named.get("name"):
            self._area = str(named["name"])
            self.fields[self._area] = ""

    def handle_data(self, data: str) -> None:
        if self._area:
            self.fields[self._area] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._area = None


@pytest.mark.parametrize("example", sorted(p.name for p in (PROJECT_ROOT / "content").glob("*.yaml")))
def test_the_whole_form_sent_back_unchanged_renders_the_same_document(client: FlaskClient, token: str, example: str) -> None:
    path = PROJECT_ROOT / "content" / example
    draft = upload(client, token, path.read_text(encoding="utf-8"), example)
    page = client.get(f"/drafts/{draft}").text
    parser = _Fields()
    parser.feed(page.split('id="draft-form"')[1].split("</form>")[0])
    parser.fields["base_version"] = "1"
    assert "csrf_token" in parser.fields and "signer.name" in parser.fields
    response = client.post(f"/drafts/{draft}", data=parser.fields, headers=JSON)
    assert response.status_code == 200 and response.get_json()["version"] == 2
    assert client.get(f"/drafts/{draft}/download.docx").data == render_loaded(load(path))
