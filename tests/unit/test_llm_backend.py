"""The LLM extractor over an in-process backend: the protocol (validate, re-ask, count) without a socket."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config
from checker.document import from_text
from checker.errors import ExtractionError
from checker.extract.backend import Backend, OpenAIBackend
from checker.extract.llm import LLMExtractor
from checker.extract.retry import Backoff
from tests.fake_backend import FakeBackend

TEXT = "Police said 12 people were killed in the blast on Monday."
CLAIM = {
    "quote": "12 people were killed",
    "figure": "12",
    "value": 12,
    "counted": "people",
    "population": ["person"],
    "event": "killed",
    "source": {"kind": "organisation", "name": "Police", "cue": "said"},
    "quantity": "q1",
}
QUANTITIES = [{"id": "q1", "what": "people killed in the blast", "running_total": True}]


def _answer(*claims: dict[str, object]) -> dict[str, object]:
    return {"quantities": QUANTITIES, "claims": list(claims), "not_claims": []}


def _extractor(fake: FakeBackend, tmp_path: Path) -> LLMExtractor:
    config = Config(extractor="llm", base_url="http://127.0.0.1:9/v1", cache=False, cache_dir=str(tmp_path))
    return LLMExtractor(config, backend=fake, backoff=Backoff(initial=0.0, maximum=0.0))


def test_the_fake_is_a_backend() -> None:
    backend: Backend = FakeBackend()
    assert hasattr(backend, "complete") and hasattr(OpenAIBackend, "complete")


def test_an_answer_becomes_grounded_claims(tmp_path: Path) -> None:
    fake = FakeBackend().enqueue(_answer(CLAIM))
    extraction = _extractor(fake, tmp_path).extract(from_text(TEXT, "d.txt"))
    [claim] = extraction.claims
    assert TEXT[claim.span.start : claim.span.end] == "12 people were killed" and claim.source.name == "Police"
    assert len(fake.requests) == 1 and fake.requests[0]["messages"][-1]["role"] == "user"
    assert extraction.stats.calls == 1 and extraction.stats.tokens_in == 10 and fake.closed == 1


def test_an_ungrounded_quote_is_asked_again(tmp_path: Path) -> None:
    wrong = {**CLAIM, "quote": "13 people were killed", "figure": "13", "value": 13}
    fake = FakeBackend().enqueue(_answer(wrong), _answer(CLAIM))
    extraction = _extractor(fake, tmp_path).extract(from_text(TEXT, "d.txt"))
    assert [c.value.low for c in extraction.claims] == [12] and len(fake.requests) == 2
    assert "13 people were killed" in str(fake.requests[1]["messages"])  # the re-ask names what was wrong


def test_a_backend_failure_is_an_extraction_error_naming_the_draft(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match=r"d\.txt: .*connection reset"):
        _extractor(FakeBackend().enqueue(RuntimeError("connection reset")), tmp_path).extract(from_text(TEXT, "d.txt"))
