"""Hostile caches, models and endpoints (issue 13 #3, #6, #17; issue 12 #3), against the loopback fake server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config
from checker.document import from_text
from checker.extract.caps import FIELD_CHARS
from checker.extract.llm import LLMExtractor
from tests.fake_openai import FakeOpenAI, answer
from tests.integration.test_llm_extract import FAST, KEY, KEY_ENV, ONE_PARA_ANSWER, one_para


@pytest.fixture
def fake() -> Any:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    monkeypatch.setenv(KEY_ENV, KEY)

    def make(server: FakeOpenAI, **changes: Any) -> Config:
        values: dict[str, Any] = {
            "extractor": "llm",
            "base_url": server.url,
            "api_key_env": KEY_ENV,
            "model": "fake-model",
            "cache_dir": str(tmp_path / "cache"),
            "timeout": 5.0,
            "max_retries": 2,
        }
        return Config(**{**values, **changes})

    return make


def entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("*.json"))


# --- #3 a cache entry for another chunk -----------------------------------------------------------------

OTHER_PARA = "Police said 40 people were killed and 9 were injured in the fire on Monday."


def test_a_cache_entry_holding_another_chunks_answer_is_a_miss(fake: FakeOpenAI, config: Any, tmp_path: Path) -> None:
    other_answer = json.loads(json.dumps(ONE_PARA_ANSWER).replace("12 people", "40 people").replace('"12"', '"40"'))
    other_answer = json.loads(json.dumps(other_answer).replace("30 were", "9 were").replace('"30"', '"9"'))
    cfg = config(fake)
    fake.enqueue(answer(other_answer))
    LLMExtractor(cfg, backoff=FAST).extract(from_text(OTHER_PARA))
    (other,) = entries(tmp_path)
    fake.enqueue(answer(ONE_PARA_ANSWER))
    LLMExtractor(cfg, backoff=FAST).extract(one_para())
    (mine,) = set(entries(tmp_path)) - {other}
    mine.write_bytes(other.read_bytes())  # a valid answer, for another text, under this chunk's key
    fake.enqueue(answer(ONE_PARA_ANSWER))
    ex = LLMExtractor(cfg, backoff=FAST).extract(one_para())
    assert ex.stats.cache_hits == 0 and ex.stats.calls == 1 and ex.stats.dropped_claims == 0
    assert sorted(c.figure for c in ex.claims) == ["12", "30"]


def test_a_cache_entry_whose_quotes_are_not_in_the_chunk_is_a_miss(
    fake: FakeOpenAI, config: Any, tmp_path: Path
) -> None:
    """Even with the right text digest (an older factlint wrote no digest; a hand-edited entry keeps it)."""
    cfg = config(fake)
    fake.enqueue(answer(ONE_PARA_ANSWER))
    LLMExtractor(cfg, backoff=FAST).extract(one_para())
    (path,) = entries(tmp_path)
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["value"]["answer"]["claims"][0]["quote"] = "48 prisoners were killed"
    path.write_text(json.dumps(entry), encoding="utf-8")
    fake.enqueue(answer(ONE_PARA_ANSWER))
    ex = LLMExtractor(cfg, backoff=FAST).extract(one_para())
    assert ex.stats.cache_hits == 0 and ex.stats.calls == 1 and ex.stats.dropped_claims == 0
    assert len(ex.claims) == 2


def test_an_unchanged_chunk_is_still_a_hit(fake: FakeOpenAI, config: Any) -> None:
    cfg = config(fake)
    fake.enqueue(answer(ONE_PARA_ANSWER))
    LLMExtractor(cfg, backoff=FAST).extract(one_para())
    again = LLMExtractor(cfg, backoff=FAST).extract(one_para())
    assert again.stats.cache_hits == 1 and again.stats.calls == 0 and len(again.claims) == 2


# --- #17 huge fields in a model answer ------------------------------------------------------------------


def test_huge_free_text_fields_are_capped_in_the_report_and_the_cache(
    fake: FakeOpenAI, config: Any, tmp_path: Path
) -> None:
    huge = json.loads(json.dumps(ONE_PARA_ANSWER))
    huge["claims"][0]["counted"] = "people " * 300_000  # 2 MB
    huge["claims"][0]["source"]["name"] = "Police" + "x" * 1_000_000
    fake.enqueue(answer(huge))
    ex = LLMExtractor(config(fake), backoff=FAST).extract(one_para())
    claim = next(c for c in ex.claims if c.figure == "12")
    assert len(claim.counted) <= FIELD_CHARS and claim.counted.endswith("…")
    assert len(claim.source.name) <= FIELD_CHARS
    assert claim.quote == "12 people were killed"  # grounded quotes are never cut
    assert max(p.stat().st_size for p in entries(tmp_path)) < 20_000
