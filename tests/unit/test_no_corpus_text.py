"""No tracked file of the repository quotes the real corpora (``../shared/corpora``): the house rule is that they are
read in place and never copied, and that covers a sentence quoted as an example in a README, a comment, a
docstring or a test string as much as a copied file.

A file and an article share text when they share a run of ``WINDOW`` consecutive words (lower-cased, split on
non-word characters). Why 8: measured on two news corpora that cannot quote each other (BBC 2004-05, PolNeAR US
politics 2015-16), runs of 5, 6 and 7 words shared between them are still stock phrases ("the end of the day",
"for the first time since the", "at the end of the year", "the bill would cost hundreds of millions") or
boilerplate, while at 8 the only shared runs are quotations of the same text — and over this repository's own
English (README, docs, comments, the synthetic corpora) 8 words give no hit that is not a copied sentence. A
quoted fragment shorter than 8 words is not caught here; it is caught by reading.

The corpora are read once and kept as a set of hashed shingles, so the whole check takes a few seconds.
"""

from __future__ import annotations

import bisect
import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

REPO = Path(__file__).resolve().parents[2]
WINDOW = 8
MAX_BYTES = 2 * 1024 * 1024
WORD = re.compile(r"\w+")


class Hit(NamedTuple):
    path: str
    line: int
    words: str


def corpora_dir() -> Path | None:
    """``FACTLINT_CORPORA``, or ``../shared/corpora`` next to the repository, as ``evals/real.py`` finds it."""
    found = Path(os.environ.get("FACTLINT_CORPORA") or REPO.parent / "shared" / "corpora")
    return found if found.is_dir() else None


def articles(root: Path) -> Iterator[Path]:
    """Every article under the corpora: the ``.txt`` files except a README (PolNeAR's ``.ann`` only quote them)."""
    for path in sorted(root.rglob("*.txt")):
        if path.name.lower() != "readme.txt":
            yield path


def shingles(words: list[str], window: int = WINDOW) -> Iterator[int]:
    for i in range(len(words) - window + 1):
        yield hash(tuple(words[i : i + window]))


def corpus_shingles(paths: Iterable[Path], window: int = WINDOW) -> set[int]:
    found: set[int] = set()
    for path in paths:
        words = WORD.findall(path.read_text(encoding="utf-8", errors="replace").lower())
        found.update(shingles(words, window))
    return found


def shared_runs(text: str, known: set[int], path: str, window: int = WINDOW) -> list[Hit]:
    """The runs of ``window`` words of ``text`` whose hash is in ``known``, overlapping runs merged into one hit."""
    matches = list(WORD.finditer(text.lower()))
    words = [m.group() for m in matches]
    newlines = [i for i, c in enumerate(text) if c == "\n"]
    hits: list[Hit] = []
    start = end = -1
    for i, key in enumerate(shingles(words, window)):
        if key not in known:
            continue
        if i <= end:
            end = i + window - 1
            continue
        if start >= 0:
            hits.append(_hit(path, matches, words, newlines, start, end))
        start, end = i, i + window - 1
    if start >= 0:
        hits.append(_hit(path, matches, words, newlines, start, end))
    return hits


def _hit(path: str, matches: list[re.Match[str]], words: list[str], newlines: list[int], start: int, end: int) -> Hit:
    line = bisect.bisect_right(newlines, matches[start].start()) + 1
    return Hit(path, line, " ".join(words[start : end + 1]))


def tracked_texts() -> Iterator[tuple[str, str]]:
    """(path, text) of every tracked file that is text and at most 2 MB."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        path = REPO / name
        if not name or not path.is_file() or path.stat().st_size > MAX_BYTES:
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield name, data.decode("utf-8")
        except UnicodeDecodeError:
            continue


@pytest.fixture(scope="module")
def corpus() -> set[int]:
    root = corpora_dir()
    if root is None:
        pytest.skip("no shared corpora (../shared/corpora or FACTLINT_CORPORA): nothing to compare against")
    found = corpus_shingles(articles(root))
    if not found:
        pytest.skip(f"no articles under {root}")
    return found


def test_no_tracked_file_quotes_the_corpora(corpus: set[int]) -> None:
    hits = [hit for name, text in tracked_texts() for hit in shared_runs(text, corpus, name)]
    assert not hits, f"{len(hits)} runs of {WINDOW}+ words copied from ../shared/corpora:\n" + "\n".join(
        f"  {h.path}:{h.line}: {h.words}" for h in hits
    )


def test_a_copied_sentence_is_found_with_its_line(tmp_path: Path) -> None:
    """The check can fail: a sentence of a (made-up) article, quoted in a file, is reported at its line."""
    article = tmp_path / "news" / "a.txt"
    article.parent.mkdir()
    article.write_text("Headline\n\nThe harbour board said on Monday that nine boats had sunk in the storm overnight.\n")
    known = corpus_shingles(articles(tmp_path))
    quoted = '# example\n# e.g. "The Harbour board said, on Monday, that nine boats had sunk in the storm"\nx = 1\n'
    assert shared_runs(quoted, known, "f.py") == [
        Hit("f.py", 2, "the harbour board said on monday that nine boats had sunk in the storm")
    ]
    assert shared_runs("the harbour board said on monday that", known, "g.py") == []
    assert shared_runs("Ordinary words: the board said on Monday that ten boats had sunk.", known, "h.py") == []


def test_corpus_articles_skip_the_readme(tmp_path: Path) -> None:
    (tmp_path / "README.txt").write_text("about these articles")
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "b.txt").write_text("body")
    (tmp_path / "x" / "b.ann").write_text("T1\tSource 0 4\tbody")
    assert [p.name for p in articles(tmp_path)] == ["b.txt"]
