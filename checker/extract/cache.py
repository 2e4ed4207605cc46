"""On-disk cache of LLM answers, one JSON file per chunk answer.

The key hashes everything that decides the answer: the endpoint (``chunk_protocol.endpoint_key``: no credentials,
query or fragment), model, mode, temperature, prompt version and template hash, response-schema hash, and the
exact messages (chunk text and its context window). It never includes the API key, and neither do the files.
What is stored is the validated answer, not claims: offsets are recomputed from the current draft on every run,
so a chunk whose text is unchanged but has moved is still a hit.

Writes are atomic (temporary file + ``os.replace``), and an interrupted one leaves no temporary file; a corrupt or
unreadable entry is a miss, not an error, and a temporary file (one a killed process left) is never read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import platformdirs

FORMAT = 1
TEMP_PREFIX = ".tmp-"  # an entry being written, renamed to its ``<digest>.json`` once whole


def default_dir() -> Path:
    return Path(platformdirs.user_cache_dir("factlint")) / "llm"


def key(**parts: Any) -> str:
    """A stable hash of the named parts (JSON with sorted keys)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


class Cache:
    """``get``/``put`` JSON-able dicts by key. ``Cache(None)`` is a cache that is off."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    @classmethod
    def for_config(cls, enabled: bool, directory: str) -> Cache:
        if not enabled:
            return cls(None)
        return cls(Path(directory).expanduser() if directory else default_dir())

    @property
    def enabled(self) -> bool:
        return self.directory is not None

    def path(self, digest: str) -> Path:
        assert self.directory is not None
        return self.directory / digest[:2] / f"{digest}.json"

    def get(self, digest: str) -> dict[str, Any] | None:
        if self.directory is None:
            return None
        try:
            entry = json.loads(self.path(digest).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or not isinstance(entry.get("value"), dict):
            return None
        value: dict[str, Any] = entry["value"]
        return value

    def put(self, digest: str, value: dict[str, Any], *, strict: bool = False) -> None:
        """Store ``value``; a cache that cannot be written is skipped silently (the run still succeeds), unless
        ``strict``: then its ``OSError`` is raised (``batch collect``, whose answers are only ever in the cache)."""
        if self.directory is None:
            return
        path = self.path(digest)
        # Named before it is made, so an interruption (Ctrl-C, SIGTERM) at any point after, even inside the call that
        # makes it, removes it: ``mkstemp`` returned its name only once made, and a signal in between left it empty.
        # Not ``*.json``: nothing that looks for entries takes one for an entry.
        tmp = path.parent / f"{TEMP_PREFIX}{os.getpid()}-{os.urandom(8).hex()}"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # as mkstemp: the drafts' answers
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump({"format": FORMAT, "value": value}, handle, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError:
            if strict:
                raise
