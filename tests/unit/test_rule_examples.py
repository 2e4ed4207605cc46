"""Every rule documents example sentences (proselint-style); the offline pipeline must agree with them."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.pipeline import check_document
from checker.rules import RULES

CONFIG = config_mod.Config(extractor="offline")
# FL301 comes from the LLM extractor's coverage guard: its examples describe model answers, not text.
TEXT_RULES = [code for code in RULES if code != "FL301"]


def test_every_rule_has_firing_and_silent_examples() -> None:
    for rule in RULES.values():
        assert any(fires for _, fires in rule.examples), rule.code
        assert any(not fires for _, fires in rule.examples), rule.code
        assert rule.summary and rule.help and rule.name


@pytest.mark.parametrize(
    ("code", "text", "fires"),
    [(code, text, fires) for code in TEXT_RULES for text, fires in RULES[code].examples],
    ids=[f"{code}-{i}" for code in TEXT_RULES for i, _ in enumerate(RULES[code].examples)],
)
def test_offline_pipeline_agrees_with_rule_examples(code: str, text: str, fires: bool) -> None:
    report = check_document(document.from_text(text), CONFIG)
    codes = [f.code for f in report.findings]
    assert (code in codes) is fires, (
        codes,
        [(c.figure, c.population, c.event, c.time, c.scope) for c in report.claims],
    )
