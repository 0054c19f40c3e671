"""Where outlines, templates and example content files are found: the current folder, then the
user's data folder, then the copies bundled with the package (read through importlib.resources).

Each kind lives in a folder of its name: `outlines/<id>.yaml`, `templates/<name>.docx`,
`content/<name>.yaml`. The first folder that has a file wins, so a province's own outline in
`./outlines/` or in `~/.local/share/docgen/outlines/` (`$XDG_DATA_HOME`) replaces the bundled one
of the same name.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from platformdirs import user_data_path

KINDS = ("outlines", "templates", "content")


def bundled(kind: str) -> Path:
    """The package's own folder of `kind`. The package is installed as files (a wheel or a checkout),
    so `as_file` hands back the folder itself and nothing is extracted or cleaned up."""
    with as_file(files("docgen") / "data" / kind) as folder:
        return Path(folder)


def user_folder(kind: str) -> Path:
    return user_data_path("docgen", appauthor=False) / kind


def search_folders(kind: str) -> tuple[Path, ...]:
    """The folders searched for `kind`, first to last: current folder, user's, bundled."""
    return Path.cwd() / kind, user_folder(kind), bundled(kind)


def find(kind: str, name: str) -> Path | None:
    """The first file called `name` in the folders of `kind`, or None."""
    for folder in search_folders(kind):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def listing(kind: str, pattern: str) -> list[Path]:
    """Every file matching `pattern` on the search path, one per name (the first found), sorted by name."""
    found: dict[str, Path] = {}
    for folder in search_folders(kind):
        if folder.is_dir():
            for path in folder.glob(pattern):
                if path.is_file():
                    found.setdefault(path.name, path)
    return [found[name] for name in sorted(found)]
