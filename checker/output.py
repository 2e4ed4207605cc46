"""Write outputs whole or not at all: every file, and stdout, or none of them.

``write_all`` stages every file as a temporary file next to its target, writes stdout, and only then renames
the temporary files into place. A failure anywhere (a full disk, a closed stdout, a folder that cannot be
written, SIGINT or SIGTERM, which the CLI turns into exceptions) removes what was staged and leaves every
target as it was. Nothing is ever written over a draft being checked (``refuse_inputs``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from checker.errors import OutputError

STDOUT = "-"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    write_all([(str(path), text)])


def write_all(outputs: Sequence[tuple[str, str]]) -> None:
    """Write each ``(path, text)`` (``"-"`` is stdout): all of them, or none if any one fails."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in outputs:
            if path != STDOUT:
                staged.append((_stage(Path(path), text), Path(path)))
        for path, text in outputs:
            if path == STDOUT:
                write_stdout(text)
        while staged:
            tmp, target = staged[0]
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
            staged.pop(0)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _stage(path: Path, text: str) -> str:
    """``text`` in a temporary file next to ``path``, as readable as any file written; its name."""
    folder = path.parent if str(path.parent) else Path(".")
    tmp = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600
        return tmp
    except BaseException as exc:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise


def write_stdout(text: str) -> None:
    """Write and flush ``text`` to stdout; a closed or full stdout is an OutputError (one line, exit 2)."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write the report: stdout is closed")
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError) as exc:  # ValueError: "I/O operation on closed file"
        _silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "stdout is closed"
        raise OutputError(f"cannot write the report to stdout: {reason}") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of what is left does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def refuse_inputs(outputs: Iterable[str], inputs: Iterable[str]) -> None:
    """An OutputError if an output path is one of the drafts being checked (same file, however it is named)."""
    drafts = [Path(p) for p in inputs if p != STDOUT]
    for out in outputs:
        target = Path(out)
        if out == STDOUT or not target.exists():
            continue
        for draft in drafts:
            with contextlib.suppress(OSError):
                if os.path.samefile(target, draft):
                    raise OutputError(f"{out}: is a draft being checked; refusing to write a report over it")
