"""Derive docgen/bulk/data/districts-2024.csv, the districts before the July 2025 reform, from vietnam-provinces 0.6.0.

Run once by a maintainer; docgen never needs the old release. The source is the last release of the
`vietnam-provinces` package with the pre-reform units (63 provinces, their huyện, quận, thị xã and
thành phố thuộc tỉnh): its wheel, or a folder where it is installed (a venv, site-packages, or the
package folder itself), e.g.

    python -m venv /tmp/vp06env
    /tmp/vp06env/bin/pip install --no-deps vietnam-provinces==0.6.0     # or: pip download, and pass the wheel
    PYTHONPATH=. python tools/derive_districts.py /tmp/vp06env

Usage: python tools/derive_districts.py SOURCE [-o OUTPUT.csv]

The same source always gives the same bytes (tests/test_bulk_districts.py checks the committed file).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.bulk.catalogue import DISTRICT_COLUMNS, DISTRICTS_FILE, place_of, short_name  # noqa: E402
from docgen.core.vietnamese import is_nfc, nfc, sort_key  # noqa: E402

VERSION = "0.6.0"
DATA = "vietnam_provinces/data/nested-divisions.json"
INIT = "vietnam_provinces/__init__.py"
OUTPUT = ROOT / "docgen" / "bulk" / "data" / DISTRICTS_FILE
KINDS = ("Huyện", "Quận", "Thị xã", "Thành phố")


def read_source(source: Path) -> tuple[bytes, str]:
    """The package's nested-divisions.json and __init__.py, from a wheel or an installed copy."""
    if source.is_file():
        with zipfile.ZipFile(source) as wheel:
            return wheel.read(DATA), wheel.read(INIT).decode("utf-8")
    package = source if (source / "data" / "nested-divisions.json").is_file() else None
    if package is None:
        found = sorted(source.rglob(DATA))
        if not found:
            raise SystemExit(f"no {DATA} under {source}")
        package = found[0].parent.parent
    return (package / "data" / "nested-divisions.json").read_bytes(), (package / "__init__.py").read_text(encoding="utf-8")


def _attribute(init: str, name: str) -> str:
    match = re.search(rf"^{name}\s*=\s*['\"]([^'\"]+)['\"]", init, re.MULTILINE)
    if not match:
        raise SystemExit(f"{name} not found in {INIT}")
    return match.group(1)


def _kind_spelled(name: str) -> str:
    """The kind as printed: the source writes two names "Thành Phố ..." (Bắc Kạn, Đồng Hới)."""
    return "Thành phố" + name[len("Thành Phố"):] if name.startswith("Thành Phố ") else name


def derive(source: Path) -> tuple[str, Counter[str]]:
    """The CSV text and the counts (provinces, districts, and districts by kind)."""
    data, init = read_source(source)
    version, data_version = _attribute(init, "__version__"), _attribute(init, "__data_version__")
    if version != VERSION:
        raise SystemExit(f"vietnam-provinces {version} found; this script describes the data of {VERSION}")
    provinces = json.loads(data)
    rows = []
    for province in provinces:
        province_name = nfc(province["name"])
        for district in province["districts"]:
            name = _kind_spelled(nfc(district["name"]))
            rows.append((f"{province['code']:02d}", province_name, f"{district['code']:03d}", name, place_of(name)))
    rows.sort(key=lambda r: (sort_key(short_name(r[1])), r[0], sort_key(r[3]), r[2]))
    counts: Counter[str] = Counter(provinces=len({r[0] for r in rows}), districts=len(rows))
    counts.update(next(kind for kind in KINDS if r[3].startswith(kind + " ")) for r in rows)
    assert len({r[2] for r in rows}) == len(rows), "duplicate district codes"
    assert all(is_nfc(cell) for row in rows for cell in row)
    out = io.StringIO()
    out.write(
        f"# Districts of Viet Nam before the reform of 1 July 2025: {counts['provinces']} provinces, {counts['districts']} districts"
        " (huyện, quận, thị xã, thành phố thuộc tỉnh).\n"
        f"# Source: PyPI package vietnam-provinces {version} (https://github.com/sunshine-tech/VietnamProvinces),"
        f" file {DATA}, sha256 {hashlib.sha256(data).hexdigest()}.\n"
        "# That package states its names and codes are those of the General Statistics Office of Viet Nam"
        f" (Tổng cục Thống kê, https://danhmuchanhchinh.gso.gov.vn/), retrieved {data_version} (__data_version__).\n"
        "# Derived by: PYTHONPATH=. python tools/derive_districts.py <vietnam-provinces 0.6.0 wheel or install>\n"
        "# Codes as in the source, zero-padded; “Thành Phố” (2 names in the source) written “Thành phố”;"
        " place = the name on the date line (docgen.bulk.catalogue.place_of);"
        " provinces in Vietnamese order of the name without “Tỉnh”/“Thành phố”, then districts in Vietnamese order.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DISTRICT_COLUMNS)
    writer.writerows(rows)
    return out.getvalue(), counts


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    args.add_argument("source", type=Path, help="the vietnam-provinces 0.6.0 wheel, or a folder where it is installed")
    args.add_argument("-o", "--output", type=Path, default=OUTPUT)
    options = args.parse_args(argv)
    text, counts = derive(options.source)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_bytes(text.encode("utf-8"))
    print(f"{options.output}: {counts.pop('provinces')} provinces, {counts.pop('districts')} districts "
          f"({', '.join(f'{kind} {n}' for kind, n in sorted(counts.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
