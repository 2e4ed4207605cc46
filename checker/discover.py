"""Expand the paths given on the command line: files as they are, directories by include/exclude globs.

A file named on the command line is always checked (a pre-commit hook or a CI step chose it on purpose).
Inside a directory, a file is checked when its name or its path (relative to that directory, or as shown,
e.g. ``drafts/old/a.md``) matches an ``include`` glob and neither it nor any folder on the way matches an
``exclude`` glob. Hidden folders (``.git``, ``.venv`` …) are not entered. Globs are fnmatch patterns, where
``*`` also matches ``/``.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.config import Config
from checker.errors import InputError


def expand_paths(paths: Sequence[str], config: Config) -> list[str]:
    """The drafts to check, in a stable order, each once."""
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(_walk(path, config), key=lambda p: p.as_posix())
            if not found:
                raise InputError(f"{raw}: no drafts found (include: {', '.join(config.include)})")
            out.extend(str(p) for p in found)
        else:
            out.append(raw)
    return list(dict.fromkeys(out))


def _matches(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    forms = {path.name, path.relative_to(root).as_posix(), path.as_posix()}
    return any(fnmatch.fnmatch(form, pat) for pat in patterns for form in forms)


def _walk(root: Path, config: Config) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not _matches(base / d, root, config.exclude)]
        for name in files:
            path = base / name
            if _matches(path, root, config.include) and not _matches(path, root, config.exclude):
                yield path
