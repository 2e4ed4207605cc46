"""Expand the paths given on the command line: files as they are, directories by include/exclude globs.

A file named on the command line is checked even if it matches ``exclude`` (a CI step chose it on purpose),
unless ``force_exclude`` is set (ruff's ``--force-exclude``, which the pre-commit hook passes): then ``exclude``
applies to it too, matched against its name, its path as given and each folder on that path.
Inside a directory, a file is checked when its name or its path (relative to that directory, or as shown,
e.g. ``drafts/old/a.md``) matches an ``include`` glob and neither it nor any folder on the way matches an
``exclude`` glob. Hidden folders (``.git``, ``.venv`` …) are not entered. Globs are fnmatch patterns, where
``*`` also matches ``/``, and ignore case on every platform: ``*.md`` takes ``A.MD``, which factlint reads as
Markdown (a suffix's case never decides a format), and ``README*`` skips ``readme.md`` (ruff's and Vale's globs
are case-sensitive, but they also read ``A.PY`` as no Python; fnmatch alone would ignore case on Windows only).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from checker.config import Config, config_file_in
from checker.errors import InputError


def expand_paths(paths: Sequence[str], config: Config, stdin_name: str = "") -> list[str]:
    """The drafts to check, in a stable order, each once. ``stdin_name`` is the name given to ``-``.

    A directory with no drafts in it is an InputError when nothing else is to be checked (eslint's habit for a
    pattern that matches nothing); beside other drafts it is kept, so that it is an unreadable draft (FL001,
    exit 2) in every report while the other drafts are reported: one bad path never hides the others.
    """
    out: list[str] = []
    empty: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and os.path.isdir(raw):  # False when it cannot be looked at: load says why (FL001)
            found = sorted(_walk(path, config), key=lambda p: p.as_posix())
            if not found:
                empty.append(raw)
                out.append(raw)  # document.load: "no drafts found in this directory"
            out.extend(str(p) for p in found)
        elif not (config.force_exclude and force_excluded(stdin_name if raw == "-" else raw, config)):
            out.append(raw)
    if empty and len(empty) == len(out):
        raise InputError(f"{empty[0]}: no drafts found (include: {', '.join(config.include)})")
    once: dict[str, str] = {}  # one draft named twice (``a.md ./a.md``, ``d d/a.md``) is checked once, as first named
    for raw in out:
        once.setdefault(raw if raw == "-" else os.path.normcase(os.path.abspath(raw)), raw)
    return list(once.values())


def force_excluded(raw: str, config: Config) -> bool:
    """A named file that ``exclude`` covers: by its name, its path as given, or a folder on the way."""
    if not raw or raw == "-":
        return False
    path = Path(raw)
    forms = {path.name, path.as_posix()}
    for folder in path.parents:
        if folder.name:
            forms |= {folder.name, folder.as_posix()}
    folders = _folder_globs(config.excluded)
    return any(_glob(form, pat) for pat in config.excluded for form in forms) or any(
        _glob(folder.as_posix(), pat) or _glob(folder.name, pat) for pat in folders for folder in path.parents
    )


def _folder_globs(patterns: Sequence[str]) -> list[str]:
    """``archive/``, as gitignore and .dockerignore write a folder: the folder's glob, which fnmatch never matches
    with its slash (a path has none at its end)."""
    return [p.rstrip("/") for p in patterns if p.endswith("/") and p.rstrip("/")]


def _matches(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    forms = {path.name, path.relative_to(root).as_posix(), path.as_posix()}
    return any(_glob(form, pat) for pat in patterns for form in forms)


def _glob(name: str, pattern: str) -> bool:
    """fnmatch that ignores case on every platform (see the module's docstring)."""
    return fnmatch.fnmatchcase(name.casefold(), pattern.casefold())


def _walk(root: Path, config: Config) -> Iterator[Path]:
    folders = [*config.excluded, *_folder_globs(config.excluded)]
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not _matches(base / d, root, folders)]
        for name in files:
            path = base / name
            if _matches(path, root, config.include) and not _matches(path, root, config.excluded):
                yield path


def unread_configs(paths: Sequence[str], config: Config, stdin_name: str = "") -> list[Path]:
    """Config files in the folders of the drafts under ``paths`` (a desk's own ``.factlint.toml``) that this run
    does not read: factlint reads one config per run, the one nearest the folder it searched from
    (``config.config_search``), where ruff reads the one nearest each file (see the README). None when the
    config was named (``--config``) or none was wanted (``--isolated``). Stdin's draft is in the folder of
    ``stdin_name`` (``--stdin-filename``), if given."""
    if not config.config_search:
        return []
    start = Path(config.config_search)
    searched = {start, *start.parents}  # what the search itself looked at
    folders: dict[Path, None] = {}
    for given in paths:
        raw = stdin_name if given == "-" else given  # stdin's draft lies where --stdin-filename puts it
        if not raw:
            continue
        named, is_dir = Path(raw), given != "-" and os.path.isdir(raw)
        folder = (named if is_dir else named.parent).resolve()
        while folder not in searched and folder not in folders:  # the folders between it and the search's
            folders[folder] = None
            folder = folder.parent
        if is_dir:  # and every folder its drafts are found in (as _walk enters them)
            excluded = [*config.excluded, *_folder_globs(config.excluded)]
            for inside, dirs, _ in os.walk(named):
                base = Path(inside)
                dirs[:] = [d for d in dirs if not d.startswith(".") and not _matches(base / d, named, excluded)]
                folders.setdefault(base.resolve())
    used = Path(config.config_file).resolve() if config.config_file else None
    found = (config_file_in(folder) for folder in folders if folder not in searched)
    return sorted({file for file in found if file is not None and file.resolve() != used})
