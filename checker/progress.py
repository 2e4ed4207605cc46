"""Progress of a run that calls an LLM endpoint: which draft, which chunk and call, how long the endpoint is silent.

On a terminal (``live``) one status line on stderr is redrawn in place, once a second while a call is waiting,
and erased when the draft is done; with ``-v`` (``lines``) each event is a line of its own, which suits logs;
otherwise (``off``: CI, a pipe, ``-q``) nothing is written. Drafts checked offline report nothing: they take
milliseconds. The extractor's worker threads call in concurrently, so every method takes the lock.
"""

from __future__ import annotations

import threading
import time
from typing import TextIO

from checker.wording import one_line, plural


class Progress:
    def __init__(self, stream: TextIO | None = None, mode: str = "off", tick: float = 1.0) -> None:
        self.stream = stream
        self.mode = mode if stream is not None else "off"
        self.tick = tick
        self._lock = threading.Lock()
        self._label = ""
        self._chunks = 0
        self._done = 0
        self._waiting: dict[tuple[int, int], float] = {}  # (chunk, call) -> when the request was sent
        self._endpoint = ""
        self._shown = False
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    @classmethod
    def for_stream(cls, stream: TextIO | None, *, verbose: bool, quiet: bool) -> Progress:
        """``live`` on a terminal, ``lines`` with -v, ``off`` otherwise and always with -q (and with stderr closed:
        no stream at all)."""
        if quiet or stream is None:
            return cls()
        if verbose:
            return cls(stream, "lines")
        isatty = getattr(stream, "isatty", None)
        return cls(stream, "live" if isatty is not None and isatty() else "off")

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    # --- events ---------------------------------------------------------------------------------------

    def draft(self, index: int, total: int, path: str) -> None:
        """A draft is about to be checked (1-based ``index`` of ``total``)."""
        with self._lock:
            self._label = f"[{index}/{total}] {one_line(path)}"
            self._chunks = self._done = 0
            self._waiting.clear()

    def chunks(self, count: int, endpoint: str) -> None:
        """The draft's extraction starts: ``count`` chunks for ``endpoint``."""
        if not self.enabled:
            return
        with self._lock:
            self._chunks, self._endpoint = count, endpoint
            self._event(f"{plural(count, 'chunk')} for {endpoint}")
        if self.mode == "live" and self._ticker is None:
            self._stop.clear()
            self._ticker = threading.Thread(target=self._tick, name="factlint-progress", daemon=True)
            self._ticker.start()

    def request(self, chunk: int, call: int) -> None:
        """Call ``call`` (1-based) for chunk ``chunk`` (0-based) is being sent."""
        if not self.enabled:
            return
        with self._lock:
            self._waiting[(chunk, call)] = time.monotonic()
            self._event(f"chunk {chunk + 1}/{self._chunks}, call {call}: waiting on {self._endpoint}")

    def answered(self, chunk: int, call: int) -> None:
        if not self.enabled:
            return
        with self._lock:
            sent = self._waiting.pop((chunk, call), None)
            took = f" in {time.monotonic() - sent:.1f} s" if sent is not None else ""
            self._event(f"chunk {chunk + 1}/{self._chunks}, call {call}: answered{took}")

    def chunk_done(self, chunk: int, cached: bool = False) -> None:
        if not self.enabled:
            return
        with self._lock:
            self._done += 1
            self._event(f"chunk {chunk + 1}/{self._chunks} {'from the cache' if cached else 'done'}")

    def finished(self) -> None:
        """The draft is done (or failed): stop the clock and erase the status line."""
        self._stop.set()
        ticker, self._ticker = self._ticker, None
        if ticker is not None:
            ticker.join()
        with self._lock:
            self._waiting.clear()
            if self._shown:
                self._write("\r\x1b[2K")
                self._shown = False

    # --- drawing (lock held) --------------------------------------------------------------------------

    def _event(self, what: str) -> None:
        if self.mode == "lines":
            self._write(f"factlint: {self._label}: {what}\n")
        elif self.mode == "live":
            self._draw()

    def _status(self) -> str:
        text = f"factlint: {self._label}: {self._done}/{self._chunks} chunks"
        if self._waiting:
            silent = time.monotonic() - min(self._waiting.values())
            text += f", {plural(len(self._waiting), 'call')} waiting on {self._endpoint} ({silent:.0f} s)"
        return text

    def _draw(self) -> None:
        if self.stream is None:
            return
        import shutil  # (not at import: it imports zlib, bz2 and lzma, ~2 ms of a check that draws no progress)

        width = shutil.get_terminal_size((100, 24)).columns
        line = self._status()
        if len(line) >= width:
            line = line[: max(10, width - 2)] + "…"
        self._write(f"\r\x1b[2K{line}")
        self._shown = True

    def _write(self, text: str) -> None:
        """Write and flush ``text``; a stream that fails (a full disk, a closed pipe) is not written again: what
        the display shows is never worth the run."""
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None

    def _tick(self) -> None:
        while not self._stop.wait(self.tick):
            with self._lock:
                if self._waiting:
                    self._draw()
