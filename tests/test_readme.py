"""Every command in README's code blocks runs as written on a copy of the checkout: no traceback,
and exit code 0 or 1 (1: the example documents keep the findings they are meant to show)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from samples import PROJECT_ROOT

pytestmark = pytest.mark.slow  # 3 min 46 s measured while the 2-core machine ran other test suites too

FOLDERS = ("content", "outlines", "templates", "reference", "docs")  # what a fresh clone holds beside the code
# Commands that are not run here, each with the reason.
NOT_RUN = {
    "docgen serve": "serves until stopped; tests/web start the same server",
}


def readme_commands(text: str) -> list[str]:
    """The `docgen …` commands of README's bash blocks, in order, comments dropped; from a line of
    several commands joined by `&&`, the docgen ones (installing is what the first line does)."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.DOTALL):
        for line in block.splitlines():
            line = re.split(r"\s+#", line, maxsplit=1)[0].strip()
            commands += [part.strip() for part in line.split("&&") if part.strip().startswith("docgen ")]
    return commands


def test_the_commands_are_found() -> None:
    commands = readme_commands((PROJECT_ROOT / "README.md").read_text(encoding="utf-8"))
    assert commands[0] == "docgen build content/ -o out/"
    assert any(c.startswith("docgen bulk ") for c in commands) and any(c.startswith("docgen rollup ") for c in commands)


def test_every_readme_command_runs_as_written(tmp_path: Path) -> None:
    clone = tmp_path / "docgen"
    for folder in FOLDERS:
        shutil.copytree(PROJECT_ROOT / folder, clone / folder)
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    failures = []
    for command in readme_commands((PROJECT_ROOT / "README.md").read_text(encoding="utf-8")):
        if any(command.startswith(skipped) for skipped in NOT_RUN):
            continue
        done = subprocess.run([sys.executable, "-m", "docgen", *shlex.split(command)[1:]], cwd=clone, env=env,
                              capture_output=True, text=True, timeout=600)
        if done.returncode not in (0, 1) or "Traceback" in done.stderr:
            failures.append(f"{command} → {done.returncode}\n{done.stderr[-800:]}")
    assert failures == []
