"""Recorded LLM answers, served by the in-repo fake OpenAI server so an LLM-mode run is reproducible offline.

A recording (``evals/recordings/<article id>.json``, made blind with ``evals.blind``) holds, for each chunk the
LLM extractor sends, the chunk's text and the answers the model stand-in gave, in the order the extractor asked
for them: the first answer, then one per re-ask (validation errors, missed figures). Replay starts
``tests.fake_openai.FakeOpenAI`` with a responder that finds the chunk in each request and serves its answers in
turn -- a request with no assistant message starts the chunk again -- through the real openai client and
instructor. A request for an unrecorded chunk, or one more than was recorded, gets a 400, so the article fails
loudly instead of scoring an empty answer.

Recordings are made for one prompt: ``python -m evals.replay --check`` fails when a recording was made with
another prompt version or hash, or for text that is no longer the article's (re-record it, blind).
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
from evals.corpus import DATA_DIR, Article, load_corpus

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
            path = directory / f"{article_id}.json"
            if not path.exists():
                raise ConfigError(f"no recording for {article_id} ({path}); record it with python -m evals.blind")
            items.append(json.loads(path.read_text(encoding="utf-8")))
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


def stale(recording: dict[str, Any], article: Article) -> str:
    """Why a recording no longer fits its article and the current prompt ('' when it does)."""
    prompt = load_prompt()
    if recording.get("version") != RECORDING_VERSION:
        return f"recording version {recording.get('version')} (expected {RECORDING_VERSION})"
    if (recording.get("prompt"), recording.get("prompt_hash")) != (prompt.version, prompt.digest):
        made = f"{recording.get('prompt')} {recording.get('prompt_hash')}"
        return f"made for prompt {made}, now {prompt.version} {prompt.digest}"
    if recording.get("schema_hash") != schema_hash():
        return f"made for response schema {recording.get('schema_hash')}, now {schema_hash()}"
    doc = article.document
    chunks = [c.text(doc) for c in chunks_mod.split(doc, int(recording["chunk_chars"]))]
    if chunks != [e["chunk"] for e in recording["exchanges"]]:
        return "the article's text or chunking changed"
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.replay", description="Check blind recordings are current.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a recording is missing or stale")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--recordings", type=Path, default=RECORDINGS_DIR)
    parser.add_argument("--article", action="append", default=[], metavar="ID")
    args = parser.parse_args(argv)
    problems = []
    for article in load_corpus(args.data, ids=tuple(args.article)):
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
