"""Recorded LLM answers, served by the in-repo fake OpenAI server so an LLM-mode run is reproducible offline.

A recording (``evals/recordings/<article id>.json``, made blind with ``evals.blind``) holds, for each chunk the
LLM extractor sends, the chunk's text and the answers the model stand-in gave, in the order the extractor asked
for them: the first answer, then one per re-ask (validation errors, missed figures). Replay starts
``tests.fake_openai.FakeOpenAI`` with a responder that finds the chunk in each request and serves its answers in
turn -- a request with no assistant message starts the chunk again -- through the real openai client and
instructor. A request for an unrecorded chunk, or one more than was recorded, gets a 400, so the article fails
loudly instead of scoring an empty answer.

Recordings are made for one prompt: ``python -m evals.replay --check`` fails when a recording was made with
another prompt version or hash, or for text that is no longer the article's (re-record it, blind). Without
``--data`` it also checks the real-article recordings (``evals/recordings-real``, see ``evals.real_blind``)
against the corpus files and their hashes, and skips them, saying so, when ``../shared/corpora`` is absent.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.errors import ConfigError
from checker.extract import chunks as chunks_mod
from checker.extract.prompt import load_prompt
from checker.extract.schema import schema_hash
from evals import real_blind
from evals.corpus import DATA_DIR, Article, load_corpus
from evals.real import CorpusMissing, corpora_dir
from evals.real_blind import REAL_RECORDINGS_DIR

RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"
RECORDING_VERSION = 2


@dataclass
class Recordings:
    """The recordings of a set of articles, and the settings a replay must use to cut the same chunks."""

    items: list[dict[str, Any]]
    model: str
    chunk_chars: int
    served: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, directory: Path, ids: Sequence[str]) -> Recordings:
        items = []
        for article_id in ids:
            path = recording_file(directory, article_id)
            if not path.exists():
                raise ConfigError(f"no recording for {article_id} ({path}); record it with python -m evals.blind")
            item = json.loads(path.read_text(encoding="utf-8"))
            if real_blind.is_real(article_id):  # no text of its own: read back from the corpus file
                try:
                    item = real_blind.resolve(item)
                except (real_blind.RecordingError, CorpusMissing) as exc:
                    raise ConfigError(str(exc)) from exc
            items.append(item)
        settings = {(r["model"], r["chunk_chars"]) for r in items}
        if len(settings) > 1:
            raise ConfigError(f"recordings disagree on model and chunk size: {sorted(settings)}")
        model, chunk_chars = settings.pop() if settings else (Config().model, Config().chunk_chars)
        return cls(items, model, chunk_chars)

    def lookup(self, user_text: str) -> dict[str, Any] | None:
        """The recorded exchange for the chunk in a request: the chunk text found last in it (ARTICLE follows
        CONTEXT, and the context can hold a whole short chunk from before)."""
        best: tuple[int, dict[str, Any]] | None = None
        for recording in self.items:
            for exchange in recording["exchanges"]:
                at = user_text.rfind(exchange["chunk"])
                if at >= 0 and (best is None or at > best[0]):
                    best = (at, exchange)
        return best[1] if best else None

    def next_answer(self, messages: Sequence[dict[str, Any]]) -> str | None:
        """The answer to serve for this request: the chunk's answers in turn, from the first when it is asked anew."""
        users = [str(m.get("content", "")) for m in messages if m.get("role") == "user"]
        exchange = self.lookup(users[0]) if users else None
        if exchange is None:
            return None
        with self.lock:
            key = exchange["chunk"]
            n = 0 if not any(m.get("role") == "assistant" for m in messages) else self.served.get(key, 0)
            self.served[key] = n + 1
        answers: list[str] = exchange["answers"]
        return answers[n] if n < len(answers) else None

    @contextlib.contextmanager
    def serve(self) -> Iterator[str]:
        """A fake OpenAI server answering from the recordings; yields its base URL."""
        from tests.fake_openai import FakeOpenAI, Reply, Request, content, error

        def respond(request: Request) -> Reply:
            found = self.next_answer(request.messages)
            if found is None:
                return error(400, "evals replay: no recorded answer for this request (re-record the article)")
            return content(found)

        with FakeOpenAI(respond) as fake:
            yield fake.url


def recording_file(directory: Path, article_id: str) -> Path:
    """``ID.json`` in ``directory``; a real article's ``CORPUS/NAME.json``."""
    if real_blind.is_real(article_id):
        return real_blind.recording_path(article_id, directory)
    return directory / f"{article_id}.json"


def _other_prompt(recording: dict[str, Any]) -> str:
    prompt = load_prompt()
    if (recording.get("prompt"), recording.get("prompt_hash")) != (prompt.version, prompt.digest):
        made = f"{recording.get('prompt')} {recording.get('prompt_hash')}"
        return f"made for prompt {made}, now {prompt.version} {prompt.digest}"
    if recording.get("schema_hash") != schema_hash():
        return f"made for response schema {recording.get('schema_hash')}, now {schema_hash()}"
    return ""


def stale(recording: dict[str, Any], article: Article) -> str:
    """Why a recording no longer fits its article, the current prompt and schema ('' when it does)."""
    if recording.get("version") != RECORDING_VERSION:
        return f"recording version {recording.get('version')} (expected {RECORDING_VERSION})"
    if why := _other_prompt(recording):
        return why
    doc = article.document
    chunks = [c.text(doc) for c in chunks_mod.split(doc, int(recording["chunk_chars"]))]
    if chunks != [e["chunk"] for e in recording["exchanges"]]:
        return "the article's text or chunking changed"
    return ""


def stale_real(recording: dict[str, Any], root: Path | None = None) -> str:
    """Why a real article's recording no longer fits the corpus file and the current prompt ('' when it does)."""
    if why := _other_prompt(recording):
        return why
    try:
        resolved = real_blind.resolve(recording, root)
    except (real_blind.RecordingError, CorpusMissing) as exc:
        return str(exc)
    doc = real_blind.load_real(str(recording["article"]), root).document
    chunks = [[c.span.start, c.span.end] for c in chunks_mod.split(doc, int(recording["chunk_chars"]))]
    if chunks != [e["span"] for e in resolved["exchanges"]]:
        return "the article's chunking changed"
    return ""


def real_problems(directory: Path) -> list[str]:
    """What is stale among the real-article recordings in ``directory``; none checked without the corpora."""
    paths = sorted(directory.glob("*/*.json"))
    try:
        root = corpora_dir()
    except CorpusMissing as exc:
        if paths:
            print(f"evals.replay: {len(paths)} real-article recordings not checked: {exc}", file=sys.stderr)
        return []
    problems = []
    for path in paths:
        recording = json.loads(path.read_text(encoding="utf-8"))
        if why := stale_real(recording, root):
            problems.append(f"{recording.get('article', path)}: {why}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.replay", description="Check blind recordings are current.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a recording is missing or stale")
    parser.add_argument("--data", type=Path, help="corpus folder (default evals/data, and the real-article recordings)")
    parser.add_argument("--recordings", type=Path, default=RECORDINGS_DIR)
    parser.add_argument("--article", action="append", default=[], metavar="ID")
    parser.add_argument(
        "--real", type=Path, default=REAL_RECORDINGS_DIR, help="real-article recordings (checked without --data)"
    )
    args = parser.parse_args(argv)
    data = args.data or DATA_DIR
    problems = []
    if args.data is None and not args.article:
        problems += real_problems(args.real)
    for article in load_corpus(data, ids=tuple(args.article)):
        path = args.recordings / f"{article.id}.json"
        if not path.exists():
            problems.append(f"{article.id}: no recording")
            continue
        why = stale(json.loads(path.read_text(encoding="utf-8")), article)
        if why:
            problems.append(f"{article.id}: {why}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("re-record these blind: python -m evals.blind (see evals/README.md)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
