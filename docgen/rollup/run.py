"""`docgen rollup`: read the units, write every roll-up file into one folder, return the findings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.fsio import make_folder
from ..outline.model import Outline
from ..pipeline import Session
from ..pipeline import session as shared_session
from .collect import Rollup, collect, completeness
from .completeness import write_csv
from .draft import write_draft
from .output import indicator_rows, write_chart, write_xlsx

XLSX, COMPLETENESS_CSV, INDICATORS_CSV = "tong-hop.xlsx", "muc-do-day-du.csv", "chi-tieu.csv"
CHART, DRAFT = "bieu-do-chi-tieu.png", "bao-cao-tong-hop.docx"


@dataclass(frozen=True)
class Written:
    rollup: Rollup
    files: tuple[Path, ...]


def run_rollup(folder: Path, outline: Outline, out: Path, session: Session | None = None) -> Written:
    rollup = collect(folder, outline)
    make_folder(out)
    files = [out / XLSX, out / COMPLETENESS_CSV, out / INDICATORS_CSV]
    write_xlsx(out / XLSX, rollup)
    write_csv(out / COMPLETENESS_CSV, *completeness(rollup))
    write_csv(out / INDICATORS_CSV, *indicator_rows(rollup))
    if write_chart(out / CHART, rollup):
        files.append(out / CHART)
    if rollup.units:
        write_draft(out / DRAFT, rollup, session or shared_session())
        files.append(out / DRAFT)
    return Written(rollup, tuple(files))
