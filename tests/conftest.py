from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from samples import MINIMAL_PARTY, PROJECT_ROOT

from docgen.outline.load import load_outline
from docgen.outline.model import Outline

NQ21 = PROJECT_ROOT / "outlines" / "bao-cao-so-ket-nq21.yaml"



@pytest.fixture(scope="session")
def nq21() -> Outline:
    return load_outline(NQ21)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a text file under tmp_path (dedented) and return its path."""
    def _write(text: str, name: str = "content.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path
    return _write


@pytest.fixture
def minimal(write: Callable[..., Path]) -> Callable[..., Path]:
    """A complete, valid Party report; `replace` pairs edit its text to break one thing."""
    def _minimal(*replace: tuple[str, str], name: str = "content.yaml") -> Path:
        text = MINIMAL_PARTY
        for old, new in replace:
            assert old in text, old
            text = text.replace(old, new)
        return write(text, name)
    return _minimal
