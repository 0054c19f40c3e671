"""What imports what: the engine never imports a front end, the outline stage has no loop and does not read content."""

from __future__ import annotations

import ast
from pathlib import Path

from samples import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "docgen"
ENGINE = ("core", "outline", "content", "validate", "render")
FRONT_ENDS = ("read", "bulk", "rollup", "web", "cli", "service", "storage", "pipeline", "lint", "fidelity")


def imported(path: Path) -> set[str]:
    """The docgen modules a file imports, as dotted names relative to the package ("outline.model")."""
    here = path.relative_to(PACKAGE).with_suffix("").parts[:-1]
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here[: len(here) - node.level + 1] + tuple((node.module or "").split(".") if node.module else ())
            names |= {".".join(base + (alias.name,)) for alias in node.names} | {".".join(base)}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("docgen."):
            names.add(node.module.removeprefix("docgen."))  # type: ignore[union-attr]
    return names


def imports_of(stage: str) -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): imported(p) for p in (PACKAGE / stage).rglob("*.py")}


def test_the_engine_never_imports_a_front_end() -> None:
    for stage in ENGINE:
        for module, names in imports_of(stage).items():
            bad = {n for n in names if n.split(".")[0] in FRONT_ENDS}
            assert not bad, f"{module} imports {bad}"


def test_the_outline_stage_has_no_loop_and_reads_no_content() -> None:
    outline = imports_of("outline")
    assert not {n for n in outline["outline/model.py"] if n.startswith(("outline.load", "outline.extend", "outline.locate"))}
    assert not {n for n in outline["outline/extend.py"] if n.startswith("outline.load")}
    assert not {n for n in outline["outline/locate.py"] if n.startswith(("outline.load", "outline.extend"))}
    for module, names in outline.items():
        assert not {n for n in names if n.startswith("content")}, module


def test_the_command_line_and_the_web_page_are_imported_by_nobody_else() -> None:
    for path in PACKAGE.rglob("*.py"):
        module = path.relative_to(PACKAGE).parts[0]
        if module in {"cli", "web", "__main__.py"}:
            continue
        bad = {n for n in imported(path) if n.split(".")[0] in {"cli", "web"}}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"
    assert not {n for p in (PACKAGE / "web").rglob("*.py") for n in imported(p) if n.startswith("cli")}


def test_the_command_line_starts_without_the_database_signing_and_web_libraries() -> None:
    """Every `docgen` command pays for what the command line imports at start; the database, the
    signing and the web libraries are imported by the commands that use them."""
    import subprocess
    import sys

    heavy = ("sqlalchemy", "alembic", "pyhanko", "flask", "waitress", "pdfplumber")
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, docgen.cli; print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"],
        capture_output=True, text=True, check=True, cwd=PROJECT_ROOT).stdout.split()
    assert "docgen" in loaded
    assert not set(heavy) & set(loaded)
