"""Recorded LLM answers, served by the in-repo fake OpenAI server so an LLM-mode run is reproducible offline.

A recording (``evals/recordings/<article id>.json``) holds, for each chunk the LLM extractor sends, the chunk's
text and the model's answer in the LLM response schema (``checker.extract.schema.Answer``), plus the settings
the chunks were cut with. Replay starts ``tests.fake_openai.FakeOpenAI`` with a responder that finds the
chunk in each request and answers with its recording; a request for an unrecorded chunk gets a 400, so the
article fails loudly instead of scoring an empty answer.

The committed recordings are made from the oracle (``source: "oracle"``): the article's claims, and its
``quotations`` annotations as the answer's quotations (opening words and speaker): what an ideal model would
answer. Replay therefore scores the LLM extractor's own machinery (chunking, validation, grounding,
de-duplication, coverage, quotation speakers) and the rules, not a model. Regenerate them after editing the
corpus with ``python -m evals.replay --write``; a test fails while they are out of date.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.document import find_quote, quotation_spans
from checker.errors import ConfigError
from checker.extract import chunks as chunks_mod
from checker.extract.grounding import ClaimSpec, GroundingError, locate
from checker.extract.schema import ChunkContext, QuotationOut
from checker.models import Document, Span
from checker.normalize import scan
from evals.corpus import CLAIM_KINDS, Article, load_corpus

RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"
RECORDING_VERSION = 1
# Why a scanned figure is not a claim, in the schema's NotClaimReason words.
_REASONS = {"year": "year", "date": "date", "time": "time", "ordinal": "ordinal", "age": "age"}


def recording_config() -> Config:
    """The settings oracle recordings are cut with: the defaults (one model name, one chunk size)."""
    return Config()


def _not_claim(doc: Document, region: Span, figure: Span, reason: str) -> dict[str, str]:
    """A not_claims entry: the figure and a few words around it, which locate exactly that figure."""
    text = doc.text
    entry = {"quote": "", "figure": text[figure.start : figure.end], "reason": reason}
    for pad in (12, 24, 48, 96, 192, 384):
        start, end = max(region.start, figure.start - pad), min(region.end, figure.end + pad)
        entry["quote"] = text[start:end].strip()
        try:
            if locate(doc, ClaimSpec(quote=entry["quote"], figure=entry["figure"]), region)[1] == figure:
                break
        except GroundingError:
            continue
    return entry


def claim_out(data: dict[str, Any]) -> dict[str, Any]:
    """One oracle claim in the LLM's answer schema (``schema.ClaimOut``)."""
    source = data.get("source") or {}
    if isinstance(source, str):
        source = {"kind": source}
    out: dict[str, Any] = {
        "quote": data["quote"],
        "figure": data["figure"],
        "counted": data.get("counted", ""),
        "population": list(data.get("population") or []),
        "event": data.get("event", ""),
        "scope": data.get("scope", ""),
        "time": data.get("time", ""),
        "unit": data.get("unit", ""),
        "source": {
            "kind": source.get("kind", "none"),
            "name": source.get("name", ""),
            "cue": source.get("cue", ""),
            "inherited": bool(source.get("inherited", False)),
        },
    }
    for key in ("low", "high", "base"):
        if data.get(key) is not None:
            out[key] = data[key]
    return out


def speaker_out(note: dict[str, Any]) -> dict[str, Any]:
    """A quotation annotation's speaker in the LLM's answer schema (``schema.SpeakerOut``)."""
    speaker = note.get("speaker") or {}
    if isinstance(speaker, str):
        speaker = {"kind": speaker}
    return {
        "kind": speaker.get("kind", "none"),
        "name": speaker.get("name", ""),
        "cue": speaker.get("cue", ""),
        "inherited": bool(speaker.get("inherited", False)),
    }


def _opening(doc: Document, mark: Span, context: ChunkContext) -> str:
    """The opening words of the passage ``mark``, as many as it takes to tell it from the region's other passages."""
    words = doc.text[mark.start + 1 : mark.end - 1].split()
    for n in (8, 12, 16):
        if n < len(words) and context.locate_quotation(QuotationOut(quote=" ".join(words[:n]))) == [mark]:
            return " ".join(words[:n])
    return " ".join(words)


def quotations_out(article: Article, chunk: chunks_mod.Chunk, config: Config) -> list[dict[str, Any]]:
    """The annotated quotations that open in ``chunk``, in the LLM's answer schema (``schema.QuotationOut``).

    Each passage in quotation marks takes the annotation whose quote overlaps it, as the oracle extractor does.
    """
    doc = article.document
    notes = [(span, note) for note in article.quotations if (span := find_quote(doc.text, str(note.get("quote", ""))))]
    context = ChunkContext(doc, chunk.region, config.taxonomy, config.tolerance)
    out = []
    for mark in quotation_spans(doc):
        note = next((n for span, n in notes if span.overlaps(mark)), None)
        if note is not None and chunk.span.start <= mark.start < chunk.span.end:
            out.append({"quote": _opening(doc, mark, context), "speaker": speaker_out(note)})
    return out


def from_oracle(article: Article, config: Config | None = None) -> dict[str, Any]:
    """The recording an ideal model would produce for ``article``: its oracle claims and quotations, by chunk."""
    config = config or recording_config()
    doc = article.document
    text = doc.text
    excused = [s for q in article.not_claims if (s := find_quote(text, q)) is not None]
    exchanges = []
    for chunk in chunks_mod.split(doc, config.chunk_chars):
        claims = []
        for data in article.claims:
            span = find_quote(text, data["quote"])
            if span is not None and chunk.span.contains(span):
                claims.append(claim_out(data))
        others = []
        for figure in scan(text, chunk.span, config.tolerance):
            if figure.kind in CLAIM_KINDS and not any(s.overlaps(figure.span) for s in excused):
                continue  # a claim (the loader check makes sure of it)
            reason = _REASONS.get(figure.kind, "not a count")
            others.append(_not_claim(doc, chunk.region, figure.span, reason))
        answer = {"claims": claims, "not_claims": others, "quotations": quotations_out(article, chunk, config)}
        exchanges.append({"chunk": chunk.text(doc), "answer": answer})
    return {
        "version": RECORDING_VERSION,
        "article": article.id,
        "source": "oracle",
        "model": config.model,
        "chunk_chars": config.chunk_chars,
        "exchanges": exchanges,
    }


@dataclass
class Recordings:
    """The recordings of a set of articles, and the settings a replay must use to cut the same chunks."""

    items: list[dict[str, Any]]
    model: str
    chunk_chars: int

    @classmethod
    def load(cls, directory: Path, ids: Sequence[str]) -> Recordings:
        items = []
        for article_id in ids:
            path = directory / f"{article_id}.json"
            if not path.exists():
                raise ConfigError(f"no recording for {article_id} ({path}); run python -m evals.replay --write")
            items.append(json.loads(path.read_text(encoding="utf-8")))
        settings = {(r["model"], r["chunk_chars"]) for r in items}
        if len(settings) > 1:
            raise ConfigError(f"recordings disagree on model and chunk size: {sorted(settings)}")
        model, chunk_chars = settings.pop() if settings else (Config().model, Config().chunk_chars)
        return cls(items, model, chunk_chars)

    def lookup(self, user_text: str) -> dict[str, Any] | None:
        """The recorded answer for the chunk in a request: the chunk text found last in it (ARTICLE follows
        CONTEXT, and the context can hold a whole short chunk from before)."""
        best: tuple[int, dict[str, Any]] | None = None
        for recording in self.items:
            for exchange in recording["exchanges"]:
                at = user_text.rfind(exchange["chunk"])
                if at >= 0 and (best is None or at > best[0]):
                    best = (at, exchange["answer"])
        return best[1] if best else None

    @contextlib.contextmanager
    def serve(self) -> Iterator[str]:
        """A fake OpenAI server answering from the recordings; yields its base URL."""
        from tests.fake_openai import FakeOpenAI, Reply, Request, answer, error

        def respond(request: Request) -> Reply:
            users = [str(m.get("content", "")) for m in request.messages if m.get("role") == "user"]
            found = self.lookup(users[0]) if users else None
            if found is None:
                return error(400, "evals replay: no recorded answer for this chunk (re-record the article)")
            return answer(found)

        with FakeOpenAI(respond) as fake:
            yield fake.url


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.replay", description="Write recordings from the oracle.")
    parser.add_argument(
        "--write", action="store_true", help="(re)write evals/recordings/ID.json from the oracle claims and quotations"
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a recording differs from the oracle")
    parser.add_argument("--article", action="append", default=[], metavar="ID")
    args = parser.parse_args(argv)
    stale = []
    for article in load_corpus(ids=tuple(args.article)):
        path = RECORDINGS_DIR / f"{article.id}.json"
        fresh = from_oracle(article)
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        if current == fresh:
            continue
        if args.write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(fresh, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"wrote {path}")
        else:
            stale.append(article.id)
    if stale:
        print(f"out of date: {', '.join(stale)} (python -m evals.replay --write)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
