"""The labelled corpus: every article passes the loader check, and the check catches what it should."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config
from evals import corpus

TAXONOMY = Config().taxonomy
ARTICLES = corpus.load_corpus()
CONTRADICTION_CODES = {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107"}


@pytest.mark.parametrize("article", ARTICLES, ids=[a.id for a in ARTICLES])
def test_article_passes_the_loader_check(article: corpus.Article) -> None:
    assert corpus.problems(article, TAXONOMY, corpus.DATA_DIR / f"{article.id}.json") == []


def test_corpus_size_controls_and_beats() -> None:
    assert len(ARTICLES) >= 30
    assert len({a.id for a in ARTICLES}) == len(ARTICLES)
    assert sum(a.is_control for a in ARTICLES) >= 5
    beats = Counter(a.beat for a in ARTICLES)
    for beat in ("disasters", "crime", "courts", "health", "business", "elections", "sport", "budgets"):
        assert beats[beat] >= 2, beat
    assert "al-khalis" in {a.id for a in ARTICLES}


def test_seed_article_is_the_example_verbatim() -> None:
    seed = next(a for a in ARTICLES if a.id == "al-khalis")
    example = Path(__file__).resolve().parents[2] / "examples" / "al-khalis.txt"
    assert seed.text == example.read_text(encoding="utf-8")


def test_every_rule_is_in_the_gold() -> None:
    codes = {c.code for a in ARTICLES for c in a.gold.contradictions}
    assert codes == CONTRADICTION_CODES
    assert sum(len(a.gold.unattributed) for a in ARTICLES) >= 20
    assert sum(len(a.gold.vague) for a in ARTICLES) >= 15
    assert sum(len(a.gold.quotes_without_speaker) for a in ARTICLES) >= 3


def test_near_misses_are_in_the_corpus() -> None:
    """Claims the rules must leave alone: other scopes, marked times, bounds and ranges, percentages with a base."""
    claims = [c for a in ARTICLES for c in a.claims]
    assert sum(1 for c in claims if c.get("scope")) >= 20
    assert sum(1 for c in claims if c.get("time")) >= 8
    assert sum(1 for c in claims if c.get("base") is not None) >= 6
    figures = [c["figure"].lower() for c in claims]
    assert any(f.startswith("between") for f in figures)
    assert sum(1 for f in figures if f.startswith(("more than", "over", "at least", "about", "fewer than"))) >= 20


# --- the loader check on a small made-up article ---------------------------------------------------------

TEXT = [
    "Police said 12 people were killed in the blast on Friday. Reports suggest 40 homes were damaged.",
    "“We heard it from across the river,” said resident Ana Silva. The town has 9,000 inhabitants.",
    "The article goes on for a while so that it is long enough. " * 30,
]


def sample() -> dict[str, Any]:
    return {
        "id": "sample",
        "beat": "disasters",
        "title": "Blast",
        "text": list(TEXT),
        "gold": {
            "contradictions": [],
            "unattributed": ["9,000 inhabitants"],
            "vague": ["40 homes were damaged"],
            "quotes_without_speaker": [],
            "attributed": [{"quote": "12 people were killed", "source": "Police"}],
        },
        "claims": [
            {"quote": "12 people were killed", "figure": "12", "population": ["person"], "event": "killed",
             "source": {"kind": "organisation", "name": "Police"}},
            {"quote": "40 homes were damaged", "figure": "40", "population": ["home"], "event": "damaged",
             "source": {"kind": "vague", "name": "Reports"}},
            {"quote": "The town has 9,000 inhabitants", "figure": "9,000", "population": ["person"],
             "source": {"kind": "none"}},
        ],
        "quotations": [
            {"quote": "We heard it from across the river", "speaker": {"kind": "person", "name": "Ana Silva"}}
        ],
    }  # fmt: skip


def check(data: dict[str, Any]) -> list[str]:
    return corpus.problems(corpus.parse(data, "sample.json"), TAXONOMY)


def test_sample_is_clean() -> None:
    assert check(sample()) == []


def test_gold_span_not_in_text_fails() -> None:
    data = sample()
    data["gold"]["unattributed"] = ["9,500 inhabitants"]
    assert any("not in the text" in p for p in check(data))


def test_ambiguous_gold_span_fails() -> None:
    data = sample()
    data["gold"]["attributed"][0]["quote"] = "people"
    data["text"][1] += " Many people came."
    assert any("more than once" in p for p in check(data))


def test_figure_that_is_no_claim_fails() -> None:
    data = sample()
    data["text"][0] += " Firefighters fought the blaze for 3 hours."
    assert any("neither a claim nor in not_claims" in p for p in check(data))
    data["not_claims"] = ["for 3 hours"]
    assert check(data) == []


def test_gold_must_agree_with_the_claims() -> None:
    data = sample()
    data["gold"]["unattributed"] = []
    assert any("not in the gold's unattributed list" in p for p in check(data))
    data = sample()
    data["claims"][1]["source"] = {"kind": "organisation", "name": "Reports"}
    assert any("source kind is 'organisation'" in p for p in check(data))


def test_claim_not_grounded_fails() -> None:
    data = sample()
    data["claims"][0]["figure"] = "13"
    assert any("claim 1" in p and "not inside its quote" in p for p in check(data))


def test_quotation_without_speaker_must_be_gold() -> None:
    data = sample()
    data["quotations"][0]["speaker"] = {"kind": "none"}
    assert any("not in quotes_without_speaker" in p for p in check(data))
    data["gold"]["quotes_without_speaker"] = ["We heard it from across the river"]
    assert check(data) == []
    data["quotations"] = []
    assert any("has no entry in 'quotations'" in p for p in check(data))


def test_contradiction_quotes_must_cover_claims() -> None:
    data = sample()
    data["gold"]["contradictions"] = [{"quantity": "x", "code": "FL101", "quotes": ["12 people", "in the blast"]}]
    assert any("covers no claim figure" in p for p in check(data))
    data["gold"]["contradictions"][0]["code"] = "FL999"
    assert any("FL999" in p for p in check(data))


def test_length_and_beat_are_checked() -> None:
    data = sample()
    data["text"] = data["text"][:2]
    data["beat"] = "weather"
    problems = check(data)
    assert any("words; articles are" in p for p in problems)
    assert any("beat 'weather'" in p for p in problems)


def test_unknown_fields_are_rejected(tmp_path: Path) -> None:
    data = copy.deepcopy(sample())
    data["golden"] = {}
    path = tmp_path / "sample.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(corpus.CorpusError, match="unknown field 'golden'"):
        corpus.load_article(path)
