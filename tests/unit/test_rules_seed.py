"""The seed article through the rule engine alone, on hand-written claims (evals/data/al-khalis.json)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import config as config_mod, document, rules
from checker.models import Finding
from evals.corpus import load_article
from evals.oracle import OracleExtractor

SEED = Path(__file__).parents[2] / "evals" / "data" / "al-khalis.json"
CONTRADICTIONS = {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107"}


@pytest.fixture(scope="module")
def seed_findings() -> list[Finding]:
    cfg = config_mod.Config(extractor="offline")
    article = load_article(SEED)
    doc = document.from_text(article.text, "al-khalis.txt")
    return list(rules.run(doc, OracleExtractor(article, cfg.taxonomy).extract(doc), cfg))


def _pairs(findings: list[Finding]) -> list[set[str]]:
    return [{c.figure for c in f.claims} for f in findings if f.code in CONTRADICTIONS]


@pytest.mark.parametrize(
    "figures",
    [
        {"Fifty", "35"},  # prisoners killed 50 vs 35 killed in the conflict
        {"twelve", "six"},  # 12 policemen vs six members of the security forces
        {"thirty six", "Fifty"},  # 36 guards and inmates vs 50 (+ 12 policemen, who are not guards or inmates)
        {"thirty six", "35"},  # the death toll: 36 guards and inmates vs 35 (+ 6 + 3)
        {"sixty", "35"},  # 60 jihadists killed vs 35 killed in total
        {"thirty", "42"},  # 30 detainees released vs 42 escaped
    ],
)
def test_seed_contradiction_found(seed_findings: list[Finding], figures: set[str]) -> None:
    assert any(figures <= pair for pair in _pairs(seed_findings)), _pairs(seed_findings)


def test_consistent_qualifier_is_not_flagged(seed_findings: list[Finding]) -> None:
    assert not any({"over 30", "42"} <= pair for pair in _pairs(seed_findings))


def test_other_scope_is_never_compared(seed_findings: list[Finding]) -> None:
    assert not any("more than 500" in pair for pair in _pairs(seed_findings))


def test_attribution_findings(seed_findings: list[Finding]) -> None:
    vague = {f.claims[0].figure for f in seed_findings if f.code == "FL202"}
    assert {"42", "35", "six", "three", "88"} <= vague
    unspoken = [f for f in seed_findings if f.code == "FL203"]
    assert len(unspoken) == 1 and unspoken[0].span.start == 0
