"""Expand the paths given on the command line: files as they are, directories by include/exclude globs."""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from pathlib import Path

from checker.config import Config
from checker.errors import InputError


def expand_paths(paths: Sequence[str], config: Config) -> list[str]:
    out: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(
                str(p)
                for p in path.rglob("*")
                if p.is_file()
                and any(fnmatch.fnmatch(p.name, pat) for pat in config.include)
                and not any(fnmatch.fnmatch(str(p), pat) or fnmatch.fnmatch(p.name, pat) for pat in config.exclude)
            )
            if not found:
                raise InputError(f"{raw}: no drafts found (include: {', '.join(config.include)})")
            out.extend(found)
        else:
            out.append(raw)
    return out
