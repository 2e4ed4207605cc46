"""The eval scorer on plain spans: no extractor, no rule engine."""

from __future__ import annotations

import pytest

from checker.models import Span
from evals.score import Counts, FoundItem, GoldItem, match, score_article, totals, warnings_only

# A made-up article: one contradiction between figures at 10-12 and 50-52 (and a third quote at 90-92),
# one unattributed figure at 120-130, one vague figure at 200-210, one quotation with no speaker at 300-360.
GOLD = [
    GoldItem("contradictions", (Span(5, 20), Span(45, 60), Span(85, 95)), "prisoners killed", "FL101"),
    GoldItem("unattributed", (Span(120, 130),), "300 men", "FL201"),
    GoldItem("vague", (Span(200, 210),), "42 escaped", "FL202"),
    GoldItem("unspoken_quotes", (Span(300, 360),), "“Fifty …”", "FL203"),
]


def perfect() -> list[FoundItem]:
    return [
        FoundItem("FL101", Span(10, 12), (Span(10, 12), Span(50, 52))),
        FoundItem("FL201", Span(100, 140), (Span(121, 124),)),
        FoundItem("FL202", Span(190, 215), (Span(200, 202),)),
        FoundItem("FL203", Span(300, 360)),
    ]


def test_perfect_output_scores_one_in_every_class() -> None:
    score = score_article("a", GOLD, perfect())
    for kind, counts in score.counts.items():
        assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0), kind
    assert not score.misses and not score.false_alarms


def test_empty_report_has_recall_zero_and_lists_every_miss() -> None:
    score = score_article("a", GOLD, [])
    for counts in score.counts.values():
        assert counts.recall == 0.0
        assert counts.f1 == 0.0
        assert counts.precision == 1.0  # nothing reported, so no false alarm
    assert set(score.misses) == set(GOLD)


def test_spurious_finding_lowers_precision_only() -> None:
    spurious = FoundItem("FL201", Span(400, 420), (Span(405, 407),))
    score = score_article("a", GOLD, [*perfect(), spurious])
    counts = score.counts["unattributed"]
    assert counts.recall == 1.0
    assert counts.precision == 0.5
    assert counts.f1 == pytest.approx(2 / 3)
    assert score.false_alarms == (spurious,)


def test_warnings_only_drops_info_attribution_findings_and_keeps_the_rest() -> None:
    info = [FoundItem(f.code, f.span, f.figure_spans, f.label, "info") for f in perfect()]
    score = score_article("a", GOLD, warnings_only(info))
    assert score.counts["unattributed"] == Counts(tp=0, fp=0, fn=1)  # an info FL201 is not what CI acts on
    assert score.counts["vague"] == Counts(tp=0, fp=0, fn=1)
    assert score.counts["contradictions"] == Counts(tp=1, fp=0, fn=0)  # other classes are not graded here
    assert score.counts["unspoken_quotes"] == Counts(tp=1, fp=0, fn=0)
    warned = [FoundItem(f.code, f.span, f.figure_spans, f.label, "warning") for f in perfect()]
    assert score_article("a", GOLD, warnings_only(warned)).counts == score_article("a", GOLD, warned).counts


def test_contradiction_needs_two_of_its_quotes() -> None:
    one_quote = FoundItem("FL103", Span(10, 12), (Span(10, 12), Span(500, 502)))
    score = score_article("a", GOLD, [one_quote])
    assert score.counts["contradictions"] == Counts(tp=0, fp=1, fn=1)


def test_any_contradiction_code_matches_and_the_code_is_kept() -> None:
    found = FoundItem("FL104", Span(0, 1), (Span(50, 52), Span(88, 90)))
    [m] = match(GOLD, [found])
    assert m.gold.code == "FL101" and m.found.code == "FL104"


def test_matching_is_one_to_one() -> None:
    twice = [perfect()[0], FoundItem("FL101", Span(10, 12), (Span(10, 12), Span(50, 52)))]
    score = score_article("a", GOLD[:1], twice)
    assert score.counts["contradictions"] == Counts(tp=1, fp=1, fn=0)


def test_greedy_matching_prefers_the_stronger_overlap() -> None:
    gold = [
        GoldItem("contradictions", (Span(0, 5), Span(10, 15)), "a"),
        GoldItem("contradictions", (Span(0, 5), Span(10, 15), Span(20, 25)), "b"),
    ]
    all_three = FoundItem("FL104", Span(0, 1), (Span(1, 2), Span(11, 12), Span(21, 22)))
    two = FoundItem("FL101", Span(0, 1), (Span(1, 2), Span(11, 12)))
    matches = {m.gold.label: m.found for m in match(gold, [two, all_three])}
    assert matches == {"a": two, "b": all_three}


def test_attribution_matches_on_figure_span_not_sentence() -> None:
    # The finding's sentence covers the gold span but its figure is elsewhere: not a match.
    found = FoundItem("FL201", Span(100, 200), (Span(150, 152),))
    assert score_article("a", GOLD, [found]).counts["unattributed"] == Counts(tp=0, fp=1, fn=1)


def test_class_must_agree() -> None:
    found = FoundItem("FL202", Span(120, 130), (Span(121, 124),))  # vague finding on an unattributed figure
    score = score_article("a", GOLD, [found])
    assert score.counts["unattributed"].fn == 1
    assert score.counts["vague"].fp == 1


def test_unscored_codes_are_set_aside() -> None:
    coverage = FoundItem("FL301", Span(120, 130))
    score = score_article("a", GOLD, [*perfect(), coverage])
    assert score.ignored == (coverage,)
    assert all(c.precision == 1.0 for c in score.counts.values())


def test_totals_are_micro_averaged() -> None:
    a = score_article("a", GOLD, perfect())
    b = score_article("b", GOLD, [])
    t = totals([a, b])
    assert t["unattributed"] == Counts(tp=1, fp=0, fn=1)
    assert t["unattributed"].recall == 0.5


def test_counts_edge_cases() -> None:
    assert Counts().f1 == 1.0  # nothing to find, nothing reported
    assert (Counts(fp=2).precision, Counts(fp=2).recall, Counts(fp=2).f1) == (0.0, 1.0, 0.0)
    assert (Counts(fn=2).precision, Counts(fn=2).recall, Counts(fn=2).f1) == (1.0, 0.0, 0.0)
