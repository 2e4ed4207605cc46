"""Write outputs whole or not at all: every file, and stdout, or none of them.

``Staging`` streams every file into a temporary file next to its target and stdout into a spool (memory, then a
temporary file), as the reports arrive; ``commit`` then writes the devices and FIFOs, then stdout, and only then
renames the temporary files into place. An output that is a folder is refused when the outputs are opened.
A failure anywhere (a full disk, a closed stdout, a folder that cannot be written, SIGINT or SIGTERM, which the
CLI turns into exceptions) removes what was staged, and the folders made for it, and leaves every target as it
was. ``write_all`` does the same for texts already made. Nothing is ever written over a draft being checked
(``refuse_inputs``).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from checker.errors import OutputError, ReaderGone

STDOUT = "-"
SPOOL_MEMORY = 1 << 20  # stdout's spool stays in memory up to 1 MiB, then moves to a temporary file (TMPDIR)


def write_atomic(path: Path | str, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename (a ``str`` as given: a
    trailing ``/``, which ``Path`` drops, is refused as a folder)."""
    write_all([(str(path), text)])


def write_all(outputs: Sequence[tuple[str, str]]) -> None:
    """Write each ``(path, text)`` (``"-"`` is stdout): all of them, or none if any one fails."""
    with Staging([path for path, _ in outputs]) as staging:
        for (_, text), stream in zip(outputs, staging.streams, strict=True):
            stream.write(text)
        staging.commit()


# What an output does with text UTF-8 cannot hold: a lone surrogate, from a file name that is not UTF-8
# (``caf\xe9.txt`` from a Latin-1 archive) is shown as ``?``, as ``ls -q`` shows it (it was an internal error).
UNENCODABLE = "replace"


def spool_text() -> IO[str]:
    """A scratch text stream: memory up to ``SPOOL_MEMORY``, then an anonymous temporary file; UTF-8 over a binary
    spool (its ``buffer``), so that ``copy_text`` and ``commit`` can copy it as bytes."""
    return io.TextIOWrapper(_Spool(SPOOL_MEMORY), encoding="utf-8", errors=UNENCODABLE, newline="")


class _Spool(io.BufferedIOBase):
    """``tempfile.SpooledTemporaryFile(max_size)`` as a spool uses it: bytes in memory until a write leaves more than
    ``max_size`` of them, then an anonymous temporary file holding them. ``tempfile`` (with ``shutil``, ``random``
    and the compression modules they import: ~5 ms of a one-line check's ~90) is imported only then."""

    def __init__(self, max_size: int) -> None:
        super().__init__()
        self._file: IO[bytes] = io.BytesIO()
        self._max_size: int | None = max_size

    def write(self, data: Any, /) -> int:
        written = self._file.write(data)
        if self._max_size is not None and self._file.tell() > self._max_size:
            import tempfile

            held, at = self._file, self._file.tell()
            self._file = tempfile.TemporaryFile()  # noqa: SIM115  # closed by close(), as the spool is
            self._max_size = None
            self._file.write(held.getbuffer())  # type: ignore[attr-defined]  # (a BytesIO)
            self._file.seek(at)
            held.close()
        return written

    @property
    def name(self) -> Any:  # (TextIOWrapper's repr shows it: None in memory, as SpooledTemporaryFile's)
        return getattr(self._file, "name", None)

    def read(self, size: int | None = -1, /) -> bytes:
        return self._file.read(-1 if size is None else size)

    def read1(self, size: int = -1, /) -> bytes:  # (TextIOWrapper reads with it when it has one)
        return self._file.read(size)

    def seek(self, offset: int, whence: int = 0, /) -> int:
        return self._file.seek(offset, whence)

    def tell(self) -> int:
        return self._file.tell()

    def flush(self) -> None:
        self._file.flush()

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._file.close()


def copy_text(source: IO[str], out: Any) -> None:
    """All that ``source`` (a ``spool_text``) holds, written to ``out`` (a staged output, or any text stream)."""
    if isinstance(out, _Stream):
        out.copy(source)
        return
    source.seek(0)
    _copy(source, out)


def _copy(source: Any, target: Any) -> None:
    """``shutil.copyfileobj(source, target)``: what is left to read in ``source`` written to ``target``, a chunk at a
    time (importing ``shutil`` imports zlib, bz2 and lzma: ~2 ms of a one-line check)."""
    read, write = source.read, target.write
    while chunk := read(1 << 16):
        write(chunk)


def _as_bytes(source: IO[str], target: IO[str]) -> tuple[IO[bytes], IO[bytes]] | None:
    """The binary streams under ``source`` and ``target`` when what one holds can be copied to the other as it is:
    both UTF-8 text streams, ``target`` translating no newline (a report of a directory is tens of megabytes:
    decoding and encoding it again cost a run a tenth of a second, after its last draft)."""
    if (
        isinstance(source, io.TextIOWrapper)
        and isinstance(target, io.TextIOWrapper)
        and os.linesep == "\n"  # what a text stream's "\n" becomes, unless it was opened with newline=""
        and all(codecs.lookup(stream.encoding).name == "utf-8" for stream in (source, target))
    ):
        return source.buffer, target.buffer
    return None


class _Stream:
    """A staged output being written: a write that fails is an OutputError naming the output."""

    def __init__(self, handle: IO[str], name: str) -> None:
        self.handle, self.name = handle, name

    def write(self, text: str, /) -> int:
        try:
            return self.handle.write(text)
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot write: {exc.strerror or exc}") from None

    def copy(self, source: IO[str]) -> None:
        """All that ``source`` (a ``spool_text``) holds, as bytes when it can be (``_as_bytes``)."""
        source.seek(0)  # a text stream's seek writes out what it holds first
        try:
            raw = _as_bytes(source, self.handle)
            if raw is not None:
                self.handle.flush()
                _copy(*raw)
            else:
                _copy(source, self.handle)
        except OSError as exc:
            raise OutputError(f"{self.name}: cannot write: {exc.strerror or exc}") from None


class Staging:
    """Outputs written together: ``streams[i]`` is where the i-th path's text goes (``"-"`` is stdout).

    Leaving the ``with`` block without ``commit()`` (an exception, SIGINT, SIGTERM) removes every staged file.
    A symbolic link is followed (its target is replaced, the link kept); a target that is not a regular file
    (``/dev/stdout``, ``/dev/null``, a FIFO) is spooled like stdout and written into at the end, never replaced.
    """

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = list(paths)
        self.streams: list[_Stream] = []
        self._staged: list[tuple[str, Path]] = []  # (temporary file, target), not yet renamed
        self._handles: list[IO[str]] = []
        self._special: set[str] = set()  # devices and FIFOs: spooled, written into at the end
        self._made: list[Path] = []  # folders made for an output, in the order made: removed again if none is written

    def __enter__(self) -> Staging:
        try:
            for path in self.paths:
                if path == STDOUT:
                    spool = spool_text()
                    self._handles.append(spool)
                    self.streams.append(_Stream(spool, "stdout's report"))
                elif _is_special(path):
                    self._special.add(path)
                    spool = spool_text()
                    self._handles.append(spool)
                    self.streams.append(_Stream(spool, path))
                elif os.path.isdir(path):  # found now, not by the rename after stdout's report is written
                    raise OutputError(f"{path}: cannot write: it is a folder, not a file")
                elif path.endswith(("/", os.sep)):  # a folder meant, not there yet: Path() would drop the "/"
                    raise OutputError(f"{path}: cannot write: it names a folder (it ends in '/'), not a file")
                else:
                    handle = self._stage(Path(path))
                    self._handles.append(handle)
                    self.streams.append(_Stream(handle, path))
        except BaseException:
            self._discard()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._discard()

    def commit(self) -> None:
        """Close the staged files, write the devices and FIFOs, then stdout, then rename every staged file into
        place."""
        for path, handle in zip(self.paths, self._handles, strict=True):
            if path != STDOUT and path not in self._special:
                try:
                    handle.close()
                except OSError as exc:
                    raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        # devices first: what is written into one cannot be taken back, so one that fails (a full disk) leaves
        # stdout's report and the staged files unwritten
        for path, handle in zip(self.paths, self._handles, strict=True):
            if path in self._special:
                try:
                    with open(path, "w", encoding="utf-8", errors=UNENCODABLE) as out:
                        _Stream(out, path).copy(handle)
                except OSError as exc:
                    raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        gone: ReaderGone | None = None  # stdout's reader stopped reading: the files are still written
        for path, handle in zip(self.paths, self._handles, strict=True):
            if path == STDOUT:
                handle.seek(0)
                try:
                    copy_stdout(handle)
                except ReaderGone as exc:
                    gone = exc
        while self._staged:
            tmp, target = self._staged[0]
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
            self._staged.pop(0)
        self._made = []  # written: the folders stay
        if gone is not None:
            raise gone

    def _stage(self, path: Path) -> IO[str]:
        """A temporary file next to ``path`` (next to its target, if it is a symbolic link), as readable as any
        file written, open for writing."""
        if os.path.islink(path):
            path = Path(os.path.realpath(path))
        folder = path.parent if str(path.parent) else Path(".")
        try:
            missing = [f for f in (folder, *folder.parents) if not f.exists()]
            folder.mkdir(parents=True, exist_ok=True)
            self._made.extend(reversed(missing))
            # Named and listed before it is made, so Ctrl-C or SIGTERM at any point after removes it (``mkstemp``
            # handed its name back only once made: a signal in between left it beside the target). As readable as
            # any file written: 0666 less the umask.
            tmp = str(folder / f".{path.name}.{os.urandom(6).hex()}")
            self._staged.append((tmp, path))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            return os.fdopen(fd, "w", encoding="utf-8", errors=UNENCODABLE)
        except OSError as exc:
            # mkdir says "File exists" (or "Not a directory") of a file on the way: name it
            blocking = next((f for f in (folder, *folder.parents) if f.exists() and not f.is_dir()), None)
            reason = f"{blocking} is a file, not a folder" if blocking else exc.strerror or exc
            raise OutputError(f"{path}: cannot write: {reason}") from None

    def _discard(self) -> None:
        for handle in self._handles:
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        self._handles = []
        for tmp, _ in self._staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self._staged = []
        for folder in reversed(self._made):  # deepest first; one something else has written into stays
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._made = []


def _is_special(path: str) -> bool:
    """``path`` exists and is neither a regular file nor a folder: a device or a FIFO, written into, not replaced."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def copy_stdout(source: IO[str], what: str = "the report") -> None:
    """Write what is left to read in ``source`` to stdout and flush; a closed or full stdout is an OutputError, a
    reader that has stopped reading (EPIPE) is ``ReaderGone``. A ``spool_text`` just seeked to is copied as bytes
    when stdout writes UTF-8 (``_as_bytes``)."""
    stream = sys.stdout
    if stream is None:
        raise OutputError(f"cannot write {what}: stdout is closed")
    try:
        raw = _as_bytes(source, stream)
        if raw is not None:
            stream.flush()
            _copy(*raw)
        else:  # a stdout that is not UTF-8 (PYTHONIOENCODING=ascii, a legacy code page): "?" for what it cannot hold
            with contextlib.suppress(AttributeError, ValueError):
                stream.reconfigure(errors=UNENCODABLE)  # type: ignore[union-attr]
            _copy(source, stream)
        stream.flush()
    except BrokenPipeError:
        _silence_stdout()  # and the interpreter's flush at exit writes nothing: no "Exception ignored"
        raise ReaderGone("stdout's reader stopped reading") from None
    except (OSError, ValueError) as exc:  # ValueError: "I/O operation on closed file"
        _silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "stdout is closed"
        raise OutputError(f"cannot write {what} to stdout: {reason}") from None


def write_stdout(text: str, what: str = "the report") -> None:
    """Write and flush ``text`` (``what`` it is) to stdout; a closed or full stdout is an OutputError (one line,
    exit 2)."""
    copy_stdout(io.StringIO(text), what)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush of what is left does not fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def refuse_inputs(outputs: Iterable[str], inputs: Iterable[str], what: str = "is a draft being checked") -> None:
    """An OutputError if an output path is one of the drafts being checked (same file, however it is named), or
    another input of the run (``what`` it is)."""
    drafts = [Path(p) for p in inputs if p != STDOUT]
    for out in outputs:
        target = Path(out)
        if out == STDOUT or not os.path.exists(target):  # False for a name too long, as for none
            continue
        for draft in drafts:
            with contextlib.suppress(OSError):
                if os.path.samefile(target, draft):
                    raise OutputError(f"{out}: {what}; refusing to write a report over it")
