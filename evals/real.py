"""The real corpora in ``../shared/corpora`` (read in place, never copied): where they are, how each is split
into a dev half (patterns are tuned on it) and a test half (measured only), and how factlint is run on them.

BBC: file names sorted, even positions are dev, odd positions are test. PolNeAR: the first byte of the SHA-256
of the file name, even is dev, odd is test; the test half is split again by the second byte, even is ``test-a``
(a tuning set since the dev half was used up), odd is ``test-b`` (blind: measured only).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from checker.config import Config
from checker.document import from_text
from checker.models import Report
from checker.pipeline import check_document

REPO = Path(__file__).resolve().parent.parent
HALVES = ("dev", "test", "test-a", "test-b", "all")  # PolNeAR's; the BBC test half is not split
BBC_HALVES = ("dev", "test", "all")


class CorpusMissing(Exception):
    """The shared corpora are not where they should be."""


def corpora_dir() -> Path:
    """``FACTLINT_CORPORA``, or ``../shared/corpora`` next to the repository."""
    found = Path(os.environ.get("FACTLINT_CORPORA") or REPO.parent / "shared" / "corpora")
    if not found.is_dir():
        raise CorpusMissing(f"no corpora at {found} (set FACTLINT_CORPORA)")
    return found


def bbc_half(names: Sequence[str], half: str) -> list[str]:
    if half not in BBC_HALVES:
        raise ValueError(f"the BBC corpus has no half {half!r} (only PolNeAR's test half is split)")
    ordered = sorted(names)
    if half == "all":
        return ordered
    return [n for i, n in enumerate(ordered) if i % 2 == (0 if half == "dev" else 1)]


def polnear_part(name: str) -> str:
    """``dev``, ``test-a`` or ``test-b``: the first byte of the name's SHA-256 splits dev from test, the second
    (fixed by the lead before anyone read them) splits the test half into a tuning set and a blind one."""
    digest = hashlib.sha256(name.encode()).digest()
    if digest[0] % 2 == 0:
        return "dev"
    return "test-a" if digest[1] % 2 == 0 else "test-b"


def polnear_half(names: Sequence[str], half: str) -> list[str]:
    if half not in HALVES:
        raise ValueError(f"PolNeAR has no half {half!r}")
    return sorted(n for n in names if half == "all" or polnear_part(n) in (half, f"{half}-a", f"{half}-b"))


def offline(text: str, path: str) -> Report:
    """factlint's report on one article with the offline extractor and default settings."""
    return check_document(from_text(text, path), Config(extractor="offline"))
