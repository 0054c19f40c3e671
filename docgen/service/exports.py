"""A round's exports: the completeness matrix (.xlsx), every unit's document (.docx, and PDF when
LibreOffice is installed) in one .zip, and the roll-up of the accepted reports (`docgen rollup`'s
table, chart and draft report). Each is made by the engine's own functions in a temporary folder."""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path

from ..bulk.run import output_name
from ..bulk.units import Unit
from ..core.errors import DocgenError, error
from ..core.fsio import atomic_write
from ..core.vietnamese import sort_key
from ..outline.model import Outline
from ..render.pdf import office_binary, to_pdf
from ..rollup.completeness import TABLE_XLSX, write_table
from ..rollup.run import run_rollup
from ..storage.rounds import ACCEPTED, Round, RoundReport
from .documents import docx_of
from .outlines import round_outline
from .workflow import content_name

PROBLEMS = "khong-tao-duoc.txt"  # listed in the .zip: the units whose document could not be made, and why


def matrix_xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="docgen-round-") as tmp:
        write_table(Path(tmp), header, rows)
        return Path(tmp, TABLE_XLSX).read_bytes()


def _file_stem(report: RoundReport) -> str:
    return output_name(Unit(report.unit_code, report.unit_name)).removesuffix(".docx")


def _ordered(reports: Iterable[RoundReport]) -> list[RoundReport]:
    return sorted(reports, key=lambda r: (sort_key(r.unit_name), r.unit_code))


def documents_zip(owner: Round, with_pdf: bool | None = None) -> bytes:
    """Every unit's .docx (and .pdf when LibreOffice is present), named as `docgen bulk` names them."""
    pdf = office_binary() is not None if with_pdf is None else with_pdf
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="docgen-round-") as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        made, problems = _write_documents(Path(tmp), owner.reports, round_outline(owner))
        for path in made:
            archive.write(path, path.name)
        if pdf and made:
            for converted in to_pdf(made):
                archive.write(converted, converted.name)
        if problems:
            archive.writestr(PROBLEMS, "\n".join(problems) + "\n")
    return buffer.getvalue()


def _write_documents(folder: Path, reports: Iterable[RoundReport], outline: Outline) -> tuple[list[Path], list[str]]:
    made, problems = [], []
    for report in _ordered(reports):
        try:
            data = docx_of(report.content, content_name(report), outline)
        except DocgenError as exc:
            problems.append(f"{report.unit_name} ({report.unit_code}): " + "; ".join(f.message for f in exc.findings))
            continue
        path = folder / f"{_file_stem(report)}.docx"
        atomic_write(path, data, sync=False)
        made.append(path)
    return made, problems


def rollup_zip(owner: Round) -> bytes:
    """`docgen rollup` over the accepted reports: the .xlsx and .csv tables, the chart and the draft report."""
    accepted = [r for r in owner.reports if r.status == ACCEPTED]
    if not accepted:
        raise DocgenError(error("round-nothing-accepted", "Chưa có báo cáo nào được duyệt để tổng hợp."))
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="docgen-round-") as tmp, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        units, out = Path(tmp, "don-vi"), Path(tmp, "tong-hop")
        units.mkdir()
        for report in _ordered(accepted):
            atomic_write(units / f"{_file_stem(report)}.yaml", report.content.encode("utf-8"), sync=False)
        written = run_rollup(units, round_outline(owner), out)
        for path in written.files:
            archive.write(path, path.name)
    return buffer.getvalue()
