"""The LLM extractor against a real endpoint. Deselected by default; run with ``pytest -m live``.

Needs ``OPENAI_API_KEY``; honours ``FACTLINT_MODEL`` / ``OPENAI_BASE_URL`` / ``FACTLINT_BASE_URL`` like the CLI.
A real model is not scripted, so these check properties, not exact claims.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker import config as config_mod
from checker.document import load
from checker.errors import EndpointError
from checker.extract.llm import LLMExtractor

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(not os.environ.get("OPENAI_API_KEY"), reason="needs OPENAI_API_KEY"),
]

SEED = Path(__file__).resolve().parents[2] / "examples" / "al-khalis.txt"


def test_live_seed_is_grounded_covered_and_cached(tmp_path: Path) -> None:
    config = config_mod.load(tmp_path, extractor="llm", cache_dir=str(tmp_path / "cache"))
    doc = load(str(SEED))
    first = LLMExtractor(config).extract(doc)
    figures = {c.figure.lower() for c in first.claims}
    assert {"thirty six", "42", "35"} <= figures
    assert len(first.unreviewed) <= 2
    for claim in first.claims:
        assert doc.text[claim.figure_span.start : claim.figure_span.end] == claim.figure
    assert first.stats.calls >= 1 and first.stats.tokens_in > 0
    second = LLMExtractor(config).extract(doc)
    assert second.stats.calls == 0 and second.claims == first.claims


def test_live_wrong_key_is_an_endpoint_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTLINT_WRONG_KEY", "sk-wrong-0000000000000000")
    config = config_mod.load(tmp_path, extractor="llm", api_key_env="FACTLINT_WRONG_KEY", cache=False)
    if config.base_url:
        pytest.skip("a local server may accept any key")
    with pytest.raises(EndpointError, match="401"):
        LLMExtractor(config).extract(load(str(SEED)))
