"""Blind recordings: current for the prompt and the corpus, and replayed in the order they were answered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.extract.llm import LLMExtractor
from evals import blind, corpus, replay, run

ARTICLES = corpus.load_corpus()
HELDOUT = {
    name: corpus.load_corpus(corpus.DATA_DIR.parent / name / "data")
    for name in ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
}
CASES = [(a, replay.RECORDINGS_DIR) for a in ARTICLES] + [
    (a, corpus.DATA_DIR.parent / name / "recordings") for name, articles in HELDOUT.items() for a in articles
]


@pytest.mark.parametrize(
    ("article", "directory"),
    CASES,
    ids=[f"{d.parent.name}-{a.id}" for a, d in CASES],
)
def test_recording_is_current_and_made_blind(article: corpus.Article, directory: Path) -> None:
    recording = json.loads((directory / f"{article.id}.json").read_text(encoding="utf-8"))
    assert replay.stale(recording, article) == "", "re-record it blind: python -m evals.blind"
    assert recording["source"].startswith("blind stand-in")  # never derived from the gold
    assert all(e["answers"] for e in recording["exchanges"])


def test_replay_serves_a_chunks_answers_in_turn_and_starts_again_on_a_fresh_ask() -> None:
    recordings = replay.Recordings(
        [{"exchanges": [{"chunk": "First paragraph.", "answers": ["one", "two"]}]}], "m", 40000
    )
    fresh = [{"role": "user", "content": "ARTICLE:\n<<<\nFirst paragraph.\n>>>"}]
    reask = [*fresh, {"role": "assistant", "content": "one"}, {"role": "user", "content": "fix it"}]
    assert recordings.next_answer(fresh) == "one"
    assert recordings.next_answer(reask) == "two"
    assert recordings.next_answer(reask) is None  # more asks than were answered: the replay fails loudly
    assert recordings.next_answer(fresh) == "one"
    assert recordings.next_answer([{"role": "user", "content": "ARTICLE: other"}]) is None


def test_lookup_prefers_the_chunk_in_article_over_the_one_in_context() -> None:
    recordings = replay.Recordings(
        [{"exchanges": [{"chunk": "First paragraph.", "answers": ["1"]}, {"chunk": "Second.", "answers": ["2"]}]}],
        "m",
        2500,
    )
    request = "CONTEXT:\n<<<\nFirst paragraph.\n>>>\n\nARTICLE:\n<<<\nSecond.\n>>>"
    assert recordings.lookup(request)["answers"] == ["2"]  # type: ignore[index]
    assert recordings.lookup("ARTICLE:\n<<<\nFirst paragraph.\n>>>")["answers"] == ["1"]  # type: ignore[index]
    assert recordings.lookup("ARTICLE: something else") is None


def test_a_recording_for_another_prompt_is_stale() -> None:
    article = next(a for a in ARTICLES if a.id == "al-khalis")
    recording = json.loads((replay.RECORDINGS_DIR / "al-khalis.json").read_text(encoding="utf-8"))
    assert "prompt" in replay.stale({**recording, "prompt_hash": "0" * 16}, article)
    changed = {**recording, "exchanges": [{"chunk": "another text", "answers": ["{}"]}]}
    assert "changed" in replay.stale(changed, article)


def test_the_seed_replays_as_one_call_with_the_recorded_answers() -> None:
    article = next(a for a in ARTICLES if a.id == "al-khalis")
    recording = json.loads((replay.RECORDINGS_DIR / "al-khalis.json").read_text(encoding="utf-8"))
    with run.replay_server([article]) as config:
        extraction = LLMExtractor(config).extract(article.document)
    assert extraction.stats.calls == len(recording["exchanges"][0]["answers"])
    assert extraction.quantities and all(c.quantity for c in extraction.claims)


def test_the_blind_step_shows_the_reask_and_nothing_else() -> None:
    article = next(a for a in ARTICLES if a.id == "al-khalis")
    empty = '{"quantities": [], "relations": [], "claims": [], "not_claims": [], "quotations": []}'
    result = blind.step(article, [empty])
    assert result.requests == 2
    assert "neither in claims nor in not_claims" in result.reask  # the coverage re-ask, as sent
    assert "FL1" not in result.reask and "gold" not in result.reask
    accepted = json.loads((replay.RECORDINGS_DIR / "al-khalis.json").read_text(encoding="utf-8"))
    assert blind.step(article, accepted["exchanges"][0]["answers"]).reask == ""


def test_the_judge_check_names_spans_that_are_not_in_the_article() -> None:
    article = next(a for a in ARTICLES if a.id == "al-khalis")
    good = json.dumps({"contradictions": [{"figures": ["42 prisoners escaped", "release thirty"], "why": "x"}]})
    assert blind.judge_errors(article, good) == []
    bad = json.dumps({"contradictions": [{"figures": ["42 prisoners escaped", "ninety men fled"], "why": "x"}]})
    assert blind.judge_errors(article, bad) == [
        "contradictions[0].figures[1]: 'ninety men fled' is not verbatim in ARTICLE"
    ]
    assert blind.judged_spans(article, good)[0][0] == article.span("42 prisoners escaped")


def test_each_claim_is_grounded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.extract import grounding

    article = next(a for a in ARTICLES if a.id == "al-khalis")
    calls: list[str] = []
    real = grounding.ground

    def counted(*args: object, **kwargs: object) -> object:
        calls.append("ground")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(grounding, "ground", counted)
    with run.replay_server([article]) as config:
        extraction = LLMExtractor(config).extract(article.document)
    recording = json.loads((replay.RECORDINGS_DIR / "al-khalis.json").read_text(encoding="utf-8"))
    answered = json.loads(recording["exchanges"][0]["answers"][-1])
    assert len(calls) == len(answered["claims"]) and len(extraction.claims) <= len(calls)
