"""Blind recordings of real articles (``../shared/corpora``), which hold no text of the article.

The repository may not copy the corpora, so a recording of a real article stores, instead of the chunk's text,
the article's corpus-relative path, the SHA-256 of its text and the chunk's offsets; and each answer the
stand-in wrote is stored as pieces: every run of at least ``MIN_RUN`` characters of the answer that is also in
the article (claim quotes, figures as written, quotation openings, not_claims, source names copied from the
text …) becomes ``[start, end]``, an offset range into the article, and only what the model wrote itself (field
names, quantity descriptions, reasons, short figures such as "42") stays as written. Replay reads the corpus
file, checks its hash and turns the pieces back into the answer, byte for byte (``resolve``); a missing file or
another hash is a clear error.

Article ids are ``bbc:NAME`` (``bbc-news/NAME.txt``) and ``polnear:NAME`` (``polnear-train/NAME.txt``). The
sample the LLM path is measured on is fixed by rule, not chosen by reading: for each corpus, the articles of its
test half (``evals.real``) between ``CHARS_MIN`` and ``CHARS_MAX`` characters, ordered by the SHA-256 of
their id, the first ``SAMPLE_SIZE``.

    python -m evals.blind sample                          # the sample's ids
    python -m evals.blind sample --write /work/blind/real  # each request to /work/blind/real/ID/request.txt
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from checker.document import from_text
from checker.errors import FactlintError
from checker.extract import chunks as chunks_mod
from checker.models import Document, Report
from checker.pipeline import check_document
from evals.real import CorpusMissing, bbc_half, corpora_dir, polnear_half

REAL_RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings-real"
CORPORA = {"bbc": "bbc-news", "polnear": "polnear-train"}
SAMPLE_SIZE = 10
CHARS_MIN, CHARS_MAX = 1500, 6000
MIN_RUN = 8  # a shorter run of article text in an answer ("42", "said") stays as written
REAL_RECORDING_VERSION = 1

Piece = str | list[int]


class RecordingError(ValueError):
    """A real-article recording that cannot be turned back into its answers."""


def is_real(article_id: str) -> bool:
    corpus, sep, name = article_id.partition(":")
    return bool(sep) and corpus in CORPORA and bool(name)


def split_id(article_id: str) -> tuple[str, str]:
    if not is_real(article_id):
        raise ValueError(f"not a real-article id: {article_id!r} (expected bbc:NAME or polnear:NAME)")
    corpus, _, name = article_id.partition(":")
    return corpus, name


@dataclass(frozen=True)
class RealArticle:
    """One article of a shared corpus, read in place."""

    id: str
    text: str

    @property
    def corpus(self) -> str:
        return split_id(self.id)[0]

    @property
    def name(self) -> str:
        return split_id(self.id)[1]

    @property
    def file_name(self) -> str:
        return f"{self.name}.txt"

    @property
    def relpath(self) -> str:
        """Where the article is, relative to the corpora folder: what a recording stores instead of its text."""
        return f"{CORPORA[self.corpus]}/{self.file_name}"

    @property
    def sha256(self) -> str:
        return digest(self.text)

    @cached_property
    def document(self) -> Document:
        return from_text(self.text, self.file_name)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_real(article_id: str, root: Path | None = None) -> RealArticle:
    """The article ``bbc:NAME`` or ``polnear:NAME``; CorpusMissing when the corpora or the file are not there."""
    corpus, name = split_id(article_id)
    path = (root or corpora_dir()) / CORPORA[corpus] / f"{name}.txt"
    if not path.is_file():
        raise CorpusMissing(f"{article_id}: no corpus file {path}")
    return RealArticle(article_id, path.read_text(encoding="utf-8"))


def sample(corpus: str, root: Path | None = None, size: int = SAMPLE_SIZE) -> list[str]:
    """The fixed sample of ``corpus``: test-half articles of CHARS_MIN-CHARS_MAX characters, by SHA-256 of the id."""
    folder = (root or corpora_dir()) / CORPORA[corpus]
    stems = [p.stem for p in folder.glob("*.txt")]
    if corpus == "bbc":
        test = [n.removesuffix(".txt") for n in bbc_half([f"{s}.txt" for s in stems], "test")]
    else:
        test = polnear_half(stems, "test")
    ids = sorted((f"{corpus}:{s}" for s in test), key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    chars = {i: len((folder / f"{split_id(i)[1]}.txt").read_text(encoding="utf-8")) for i in ids}
    return [i for i in ids if CHARS_MIN <= chars[i] <= CHARS_MAX][:size]


def recording_path(article_id: str, directory: Path = REAL_RECORDINGS_DIR) -> Path:
    corpus, name = split_id(article_id)
    return directory / corpus / f"{name}.json"


# --- answers as offset references -----------------------------------------------------------------------


def encode(answer: str, text: str) -> list[Piece]:
    """``answer`` as pieces: its runs of at least MIN_RUN characters found in ``text`` as ``[start, end]``."""
    pieces: list[Piece] = []
    literal: list[str] = []
    i = 0
    while i < len(answer):
        at = text.find(answer[i : i + MIN_RUN]) if i + MIN_RUN <= len(answer) else -1
        if at < 0:
            literal.append(answer[i])
            i += 1
            continue
        end = i + MIN_RUN  # extend the run as far as the text still has it
        while end < len(answer) and (found := text.find(answer[i : end + 1])) >= 0:
            at, end = found, end + 1
        if literal:
            pieces.append("".join(literal))
            literal = []
        pieces.append([at, at + end - i])
        i = end
    if literal:
        pieces.append("".join(literal))
    return pieces


def decode(pieces: Sequence[Any], text: str) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, list) and len(piece) == 2 and 0 <= piece[0] < piece[1] <= len(text):
            out.append(text[piece[0] : piece[1]])
        else:
            raise RecordingError(f"not a piece of an answer: {piece!r}")
    return "".join(out)


def recording(article: RealArticle, answers: Sequence[str], meta: dict[str, Any]) -> dict[str, Any]:
    """The recording of ``article``: ``meta`` (source, model, prompt …), where the article is, and the answers as
    pieces; no chunk text. Checks that every answer comes back exactly."""
    (chunk,) = chunks_mod.split(article.document, int(meta["chunk_chars"]))
    encoded = [encode(a, article.text) for a in answers]
    if [decode(p, article.text) for p in encoded] != list(answers):
        raise RecordingError(f"{article.id}: an answer does not come back from its pieces")
    return {
        **meta,
        "version": REAL_RECORDING_VERSION,
        "article": article.id,
        "corpus_path": article.relpath,
        "sha256": article.sha256,
        "exchanges": [{"chunk": [chunk.span.start, chunk.span.end], "answers": encoded}],
    }


def resolve(recording: dict[str, Any], root: Path | None = None) -> dict[str, Any]:
    """A real-article recording as replay serves it: chunk text and answers read back from the corpus file."""
    article_id = str(recording.get("article", ""))
    if recording.get("version") != REAL_RECORDING_VERSION:
        raise RecordingError(f"{article_id}: real-article recording version {recording.get('version')}")
    article = load_real(article_id, root)
    if article.relpath != recording.get("corpus_path"):
        raise RecordingError(f"{article_id}: recorded for {recording.get('corpus_path')}, not {article.relpath}")
    if article.sha256 != recording.get("sha256"):
        raise RecordingError(
            f"{article_id}: {article.relpath} is not the text it was recorded for "
            f"(sha256 {article.sha256[:12]}…, recorded {str(recording.get('sha256'))[:12]}…); re-record it blind"
        )
    exchanges = []
    for exchange in recording["exchanges"]:
        start, end = exchange["chunk"]
        answers = [decode(p, article.text) for p in exchange["answers"]]
        exchanges.append({"chunk": article.document.text[start:end], "span": [start, end], "answers": answers})
    return {**recording, "exchanges": exchanges}


# --- scoring from the recordings ------------------------------------------------------------------------


@dataclass
class Replayed:
    """The sample's articles that have a recording, replayed: each one's report, or why it failed."""

    sample: list[str]
    reports: dict[str, Report]
    failures: dict[str, str]

    def lines(self) -> list[str]:
        out = [f"sample: {len(self.sample)} test-half articles; recorded and replayed: {len(self.reports)}"]
        if not self.reports and not self.failures:
            out.append(
                "no recordings yet: record the sample blind (python -m evals.blind sample --write DIR; "
                "see evals/README.md, 'Real articles')"
            )
        out += [f"FAILED {article_id}: {why}" for article_id, why in self.failures.items()]
        return out


def replay_sample(corpus: str, directory: Path | None = None) -> Replayed:
    """Run the LLM extractor on the recorded articles of ``corpus``'s sample, through the fake server and the
    real openai client and instructor (as ``python -m evals --mode replay`` does for the synthetic corpora)."""
    from evals.run import replay_server

    directory = directory or REAL_RECORDINGS_DIR
    ids = sample(corpus)
    articles = [load_real(i) for i in ids if recording_path(i, directory).exists()]
    reports: dict[str, Report] = {}
    failures: dict[str, str] = {}
    if not articles:
        return Replayed(ids, reports, failures)
    with replay_server(articles, directory) as config:  # it reads only .id
        for article in articles:
            try:
                reports[article.id] = check_document(article.document, config)
            except FactlintError as exc:
                failures[article.id] = f"{type(exc).__name__}: {exc}"
    return Replayed(ids, reports, failures)
