"""Replay recordings: in step with the corpus, and each request answered with its own chunk's recording."""

from __future__ import annotations

import json

import pytest

from checker.config import Config
from checker.extract import chunks as chunks_mod
from checker.extract.llm import LLMExtractor
from checker.extract.schema import Answer, ChunkContext
from evals import corpus, replay, run
from evals.oracle import OracleExtractor

ARTICLES = corpus.load_corpus()


@pytest.mark.parametrize("article", ARTICLES, ids=[a.id for a in ARTICLES])
def test_recording_is_up_to_date_and_valid(article: corpus.Article) -> None:
    path = replay.RECORDINGS_DIR / f"{article.id}.json"
    recording = json.loads(path.read_text(encoding="utf-8"))
    assert recording == replay.from_oracle(article), "run: python -m evals.replay --write"
    config = Config()
    doc = article.document
    chunks = chunks_mod.split(doc, recording["chunk_chars"])
    assert [c.text(doc) for c in chunks] == [e["chunk"] for e in recording["exchanges"]]
    for chunk, exchange in zip(chunks, recording["exchanges"], strict=True):
        context = ChunkContext(doc, chunk.region, config.taxonomy)
        parsed = Answer.model_validate(exchange["answer"], context={"chunk": context})  # raises if ungrounded
        assert len(parsed.claims) == len(exchange["answer"]["claims"])
        assert len(parsed.quotations) == len(exchange["answer"]["quotations"])
        for quotation in parsed.quotations:  # opening words that point at exactly one passage
            assert len(context.locate_quotation(quotation)) == 1
    recorded = [q for e in recording["exchanges"] for q in e["answer"]["quotations"]]
    assert len(recorded) == len(article.quotations)  # every annotated quotation, once


# The seed (an opening quotation nobody spoke) and quotations that continue a speaker's earlier sentence.
SPEAKERS = ["al-khalis", "doping-bans", "food-poisoning", "marathon-heat", "prison-riot"]


def test_replay_gives_every_quotation_its_annotated_speaker() -> None:
    articles = [a for a in ARTICLES if a.id in SPEAKERS]
    with run.replay_server(articles) as config:
        for article in articles:
            replayed = LLMExtractor(config).extract(article.document).quotations
            oracle = OracleExtractor(article, config.taxonomy).extract(article.document).quotations
            assert [(q.span, q.speaker.kind, q.speaker.name) for q in replayed] == [
                (q.span, q.speaker.kind, q.speaker.name) for q in oracle
            ], article.id


def test_lookup_prefers_the_chunk_in_article_over_the_one_in_context() -> None:
    recordings = replay.Recordings(
        [{"exchanges": [{"chunk": "First paragraph.", "answer": {"n": 1}}, {"chunk": "Second.", "answer": {"n": 2}}]}],
        "m",
        2500,
    )
    request = "CONTEXT:\n<<<\nFirst paragraph.\n>>>\n\nARTICLE:\n<<<\nSecond.\n>>>"
    assert recordings.lookup(request) == {"n": 2}
    assert recordings.lookup("ARTICLE:\n<<<\nFirst paragraph.\n>>>") == {"n": 1}
    assert recordings.lookup("ARTICLE: something else") is None
