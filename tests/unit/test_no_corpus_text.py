"""No tracked file of the repository quotes the real corpora (``../shared/corpora``): the house rule is that they are
read in place and never copied, and that covers a sentence quoted as an example in a README, a comment, a
docstring or a test string as much as a copied file.

A file and an article share text when they share a run of ``WINDOW`` consecutive words (lower-cased, split on
non-word characters). Why 8, measured (words as here): between the two corpora, which cannot quote each other (BBC
2004-05, PolNeAR US politics 2015-16), 571 runs of 5 words are shared, 87 of 6, 10 of 7, 1 of 8 and none of 9; the
runs of 7 are stock phrases (the idiom about the end of the day, "in the second half of the year") and the run of
8 is that idiom one word longer. Against ordinary English that is neither news nor ours (the licences and package
descriptions in this venv and /usr/share, 777k words): 115 runs of 5, 16 of 6, 2 of 7 (one is "all there is to
it") and none of 8. So 8 is the shortest window with no false hit on ordinary English (this docstring tripped the
test while it quoted those phrases in full). A quoted fragment shorter than 8 words is not caught here; it is
caught by reading.

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
NAME = re.compile(r"[\w-]+")


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


def without_keys(name: str, text: str, stems: set[str]) -> str:
    """``text`` with what names an article blanked (same length, so lines stay put): an article's file name
    ("entertainment-some-headline-slug", a slug of its headline) is how evals and recordings refer to it; and in an
    editor's labels (``evals/*_labels.tsv``) the span column, the finding's span as the report quotes it, which must
    match the article to find the finding. The label and its reason are the editor's words and are checked."""
    text = NAME.sub(lambda m: " " * len(m.group()) if m.group() in stems else m.group(), text)
    if not re.fullmatch(r"evals/[\w-]+_labels\.tsv", name):
        return text
    rows = [line.split("\t") for line in text.split("\n")]
    keys = [i for i, field in enumerate(rows[0]) if field == "span"]
    body = ["\t".join(" " * len(f) if i in keys else f for i, f in enumerate(row)) for row in rows[1:]]
    return "\n".join(["\t".join(rows[0]), *body])


def tracked_texts(stems: set[str]) -> Iterator[tuple[str, str]]:
    """(path, text) of every tracked file that is text and at most 2 MB, article names blanked."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        path = REPO / name
        if not name or not path.is_file() or path.stat().st_size > MAX_BYTES:
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield name, without_keys(name, data.decode("utf-8"), stems)
        except UnicodeDecodeError:
            continue


@pytest.fixture(scope="module")
def corpus() -> tuple[set[int], set[str]]:
    """The corpora's hashed shingles and their articles' file names (without ``.txt``)."""
    root = corpora_dir()
    if root is None:
        pytest.skip("no shared corpora (../shared/corpora or FACTLINT_CORPORA): nothing to compare against")
    paths = list(articles(root))
    if not paths:
        pytest.skip(f"no articles under {root}")
    return corpus_shingles(paths), {path.stem for path in paths}


def test_no_tracked_file_quotes_the_corpora(corpus: tuple[set[int], set[str]]) -> None:
    known, stems = corpus
    hits = [hit for name, text in tracked_texts(stems) for hit in shared_runs(text, known, name)]
    assert not hits, f"{len(hits)} runs of {WINDOW}+ words copied from ../shared/corpora:\n" + "\n".join(
        f"  {h.path}:{h.line}: {h.words}" for h in hits
    )


def test_a_copied_sentence_is_found_with_its_line(tmp_path: Path) -> None:
    """The check can fail: a sentence of a (made-up) article, quoted in a file, is reported at its line."""
    article = tmp_path / "news" / "a.txt"
    article.parent.mkdir()
    article.write_text(
        "Headline\n\nThe harbour board said on Monday that nine boats had sunk in the storm overnight.\n"
    )
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


def test_article_names_and_label_spans_are_keys_not_copies() -> None:
    stem = "news-nine-boats-sink-in-harbour-storm-overnight"
    assert without_keys("x.json", f'"article": "bbc:{stem}", "x": "{stem}-2"', {stem}) == (
        f'"article": "bbc:{" " * len(stem)}", "x": "{stem}-2"'
    )
    stems = {stem}
    labels = "article\tcode\tspan\twhy\na.txt\tFL203\t“nine boats sank”\tsaid by the harbour master\n"
    assert without_keys("evals/bbc_labels.tsv", labels, stems) == labels.replace("“nine boats sank”", " " * 17)
    assert without_keys("evals/notes.tsv", labels, stems) == labels
