"""Blind recordings: what a model stand-in answered to factlint's own request, and the direct-judge baseline.

A recording is made without the gold. The stand-in (a model session whose only input is the request) is given
the request exactly as factlint would send it (``request``: the ``--show-prompt`` text: system and user
messages and the JSON schema) and writes its answer. ``step`` then runs the real LLM extractor -- the openai
client and instructor -- against the in-repo fake server, which serves the answers so far in order; when the
extractor asks again (a validation re-ask or the coverage re-ask), ``step`` prints the messages it added,
which are all the stand-in is shown next. When the extractor asks nothing more, ``record`` writes
``evals/recordings/ID.json``. Nothing here reads the gold, runs the rules or scores.

The direct judge is the same model asked to list the contradictions itself, with verbatim spans
(``judge-request``; ``judge-step`` checks that every span is verbatim in the article and says which are not;
``judge-record`` writes ``evals/judge/ID.json``).

    python -m evals.blind request ID > request.txt
    python -m evals.blind step ID WORKDIR            # WORKDIR/answer-1.json, answer-2.json …; exit 3: re-asked
    python -m evals.blind record ID WORKDIR --source "…"
    python -m evals.blind judge-request ID
    python -m evals.blind judge-step ID WORKDIR       # WORKDIR/judge-1.json …
    python -m evals.blind judge-record ID WORKDIR --source "…"

Real articles (``bbc:NAME``, ``polnear:NAME``, read from ``../shared/corpora``) go through the same ``request`` /
``step`` / ``record``; their recordings (``evals/recordings-real/CORPUS/NAME.json``) hold offsets into the
article and its hash instead of its text (``evals.real_blind``). ``sample`` prints the fixed sample they are
measured on; ``sample --write DIR`` writes each sampled article's request to ``DIR/ID/request.txt``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import string
import sys
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from checker.config import Config
from checker.document import find_quote
from checker.errors import FactlintError
from checker.extract import chunks as chunks_mod
from checker.extract.llm import LLMExtractor
from checker.extract.prompt import load_prompt, render_prompt
from checker.extract.schema import schema_hash
from checker.models import Span
from evals import real_blind
from evals.corpus import DATA_DIR, Article, load_article
from evals.real import CorpusMissing
from evals.real_blind import REAL_RECORDINGS_DIR, RealArticle
from evals.replay import RECORDING_VERSION

RECORDINGS_DIR = Path(__file__).resolve().parent / "recordings"
JUDGE_DIR = Path(__file__).resolve().parent / "judge"
JUDGE_PROMPT = Path(__file__).resolve().parent / "judge.toml"
REASKED = 3  # step's exit code when the extractor asked again


def recording_config() -> Config:
    """The settings recordings are made and replayed with: the defaults, no cache, no transient retries."""
    return Config().replace(cache=False, max_retries=0)


def article_by_id(article_id: str, data: Path = DATA_DIR) -> Article | RealArticle:
    """An article of the synthetic corpus in ``data``, or a real one for ``bbc:NAME`` / ``polnear:NAME``."""
    if real_blind.is_real(article_id):
        return real_blind.load_real(article_id)
    return load_article(data / f"{article_id}.json")


def answers_in(workdir: Path, stem: str = "answer") -> list[str]:
    """The stand-in's answers so far, in order: WORKDIR/answer-1.json, answer-2.json, …"""
    out = []
    while (path := workdir / f"{stem}-{len(out) + 1}.json").exists():
        out.append(path.read_text(encoding="utf-8"))
    return out


# --- the extractor's request and re-asks ----------------------------------------------------------------


def request(article: Article | RealArticle, config: Config | None = None) -> str:
    """What factlint sends for ``article`` (``factlint check --show-prompt``)."""
    return render_prompt(article.document, config or recording_config())


@dataclass(frozen=True)
class Step:
    """The outcome of serving the answers so far: ``reask`` is what the extractor sent next, or '' if nothing."""

    reask: str
    requests: int


def step(article: Article | RealArticle, answers: Sequence[str], config: Config | None = None) -> Step:
    """Run the real extractor against a fake server that serves ``answers`` in order; capture any further ask."""
    from tests.fake_openai import FakeOpenAI, Reply, Request, content, error

    config = config or recording_config()
    doc = article.document
    if len(chunks_mod.split(doc, config.chunk_chars)) != 1:
        raise ValueError(f"{article.id}: the harness records one-chunk drafts only")
    seen: list[Request] = []

    def respond(req: Request) -> Reply:
        seen.append(req)
        if len(seen) <= len(answers):
            return content(answers[len(seen) - 1])
        return error(400, "blind recording: waiting for the stand-in's next answer")

    key_env = "FACTLINT_BLIND_KEY"
    os.environ[key_env] = "blind"
    with FakeOpenAI(respond) as fake:
        extractor = LLMExtractor(config.replace(extractor="llm", base_url=fake.url, api_key_env=key_env))
        with contextlib.suppress(FactlintError):  # the 400 that ends a step; what it sent is what counts
            extractor.extract(doc)
    if len(seen) <= len(answers):
        return Step("", len(seen))
    first, last = seen[0].messages, seen[-1].messages
    added = last[len(first) :] if last[: len(first)] == first else last
    said = [f"--- {m.get('role')} ---\n{m.get('content') or _tool_text(m)}" for m in added]
    return Step("\n\n".join(said), len(seen))


def _tool_text(message: dict[str, Any]) -> str:
    calls = message.get("tool_calls") or []
    return "\n".join(str(c.get("function", {}).get("arguments", "")) for c in calls)


def recording(
    article: Article | RealArticle, answers: Sequence[str], source: str, config: Config | None = None
) -> dict[str, Any]:
    config = config or recording_config()
    doc = article.document
    prompt = load_prompt()
    meta = {
        "source": source,
        "model": config.model,
        "chunk_chars": config.chunk_chars,
        "prompt": prompt.version,
        "prompt_hash": prompt.digest,
        "schema_hash": schema_hash(),
    }
    if isinstance(article, RealArticle):  # no text of the article: offsets into it and its hash
        return real_blind.recording(article, answers, meta)
    (chunk,) = chunks_mod.split(doc, config.chunk_chars)
    return {
        "version": RECORDING_VERSION,
        "article": article.id,
        **meta,
        "exchanges": [{"chunk": chunk.text(doc), "answers": list(answers)}],
    }


# --- the direct judge -----------------------------------------------------------------------------------


class JudgedContradiction(BaseModel):
    figures: list[str] = Field(
        min_length=2,
        description=(
            "For each figure involved, the shortest passage of ARTICLE that contains it (3-8 words), copied "
            "character for character."
        ),
    )
    why: str = Field(description="One sentence: why these figures cannot all be true.")


class JudgeAnswer(BaseModel):
    contradictions: list[JudgedContradiction] = Field(
        default_factory=list, description="Every set of figures in ARTICLE that contradict each other."
    )


def _judge_prompt() -> dict[str, str]:
    return tomllib.loads(JUDGE_PROMPT.read_text(encoding="utf-8"))


def judge_request(article: Article) -> str:
    prompt = _judge_prompt()
    schema = json.dumps(JudgeAnswer.model_json_schema(), indent=2, ensure_ascii=False)
    user = string.Template(prompt["user"]).substitute(article=article.text)
    return f"--- system ---\n{prompt['system']}\n\n--- user ---\n{user}\n\n--- response schema ---\n{schema}\n"


def judge_errors(article: Article, raw: str) -> list[str]:
    """What is wrong with a judge's answer: JSON that does not fit the schema, or spans not in ARTICLE."""
    try:
        answer = JudgeAnswer.model_validate_json(raw)
    except ValidationError as exc:
        return [f"the answer does not fit the schema: {exc.errors()[0]['msg']} at {exc.errors()[0]['loc']}"]
    return [
        f"contradictions[{i}].figures[{j}]: {text!r} is not verbatim in ARTICLE"
        for i, item in enumerate(answer.contradictions)
        for j, text in enumerate(item.figures)
        if find_quote(article.text, text) is None
    ]


def judged_spans(article: Article, raw: str) -> list[tuple[Span, ...]]:
    """The located figure spans of each contradiction a judge listed (spans not in the text are left out)."""
    answer = JudgeAnswer.model_validate_json(raw)
    out = []
    for item in answer.contradictions:
        spans = tuple(s for text in item.figures if (s := find_quote(article.text, text)) is not None)
        if spans:
            out.append(spans)
    return out


def judge_recording(article: Article, answers: Sequence[str], source: str) -> dict[str, Any]:
    return {"version": 1, "article": article.id, "source": source, "answers": list(answers)}


# --- command line ---------------------------------------------------------------------------------------


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def _sample(write: Path | None) -> int:
    """Print the real-article sample's ids; with ``write``, also write each one's request to DIR/ID/request.txt."""
    for corpus in real_blind.CORPORA:
        for article_id in real_blind.sample(corpus):
            print(article_id)
            if write is not None:
                path = write / article_id / "request.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(request(real_blind.load_real(article_id)), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.blind", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "command", choices=("request", "step", "record", "judge-request", "judge-step", "judge-record", "sample")
    )
    parser.add_argument("article", metavar="ID", nargs="?", help="an article id; bbc:NAME or polnear:NAME: a real one")
    parser.add_argument("workdir", nargs="?", type=Path)
    parser.add_argument("--source", default="", help="who answered, for the recording")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="corpus folder (default evals/data)")
    parser.add_argument(
        "--out", type=Path, help="recordings folder (default evals/recordings, evals/recordings-real or evals/judge)"
    )
    parser.add_argument("--write", type=Path, metavar="DIR", help="sample: write DIR/ID/request.txt for each article")
    args = parser.parse_args(argv)
    try:
        if args.command == "sample":
            return _sample(args.write)
        if args.article is None:
            parser.error(f"{args.command} needs ID")
        article = article_by_id(args.article, args.data)
    except CorpusMissing as exc:
        print(f"evals.blind: {exc}", file=sys.stderr)
        return 2
    if isinstance(article, RealArticle) and args.command.startswith("judge"):
        parser.error("the direct judge is not recorded for real articles (its spans would copy the text)")
    if args.command == "request":
        sys.stdout.write(request(article))
        return 0
    if args.command == "judge-request":
        sys.stdout.write(judge_request(article))
        return 0
    if args.workdir is None:
        parser.error(f"{args.command} needs WORKDIR")
    if args.command == "step":
        answers = answers_in(args.workdir)
        if not answers:  # the fake server would answer the first request with nothing and the extractor give up
            print(f"no answer yet: write {args.workdir / 'answer-1.json'} first", file=sys.stderr)
            return 2
        result = step(article, answers)
        if result.reask:
            print(result.reask)
            return REASKED
        print(f"accepted: the extractor asked nothing more ({result.requests} requests)")
        return 0
    if args.command == "judge-step":
        answers = answers_in(args.workdir, "judge")
        errors = judge_errors(article, answers[-1]) if answers else ["no answer yet"]
        if errors:
            print("\n".join(errors))
            return REASKED
        print("accepted")
        return 0
    if not args.source:
        parser.error("record needs --source (who answered)")
    if args.command == "record":
        answers = answers_in(args.workdir)
        if not answers or step(article, answers).reask:
            print(f"{article.id}: the extractor still asks again; run step", file=sys.stderr)
            return 1
        if isinstance(article, RealArticle):
            path = real_blind.recording_path(article.id, args.out or REAL_RECORDINGS_DIR)
        else:
            path = (args.out or RECORDINGS_DIR) / f"{article.id}.json"
        _write(path, recording(article, answers, args.source))
        return 0
    answers = answers_in(args.workdir, "judge")
    _write((args.out or JUDGE_DIR) / f"{article.id}.json", judge_recording(article, answers, args.source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
