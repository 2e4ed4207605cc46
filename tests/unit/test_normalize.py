"""Figures as written -> intervals (issue: number parsing, ≥ 30 table cases)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker.normalize import FIGURE_RE, QUALIFIER_FIRST_WORDS, Tolerance, figure_matches, parse_figure, scan

INF = math.inf

# (figure as written, low, high, low_open, high_open, unit)
CASES = [
    ("42", 42, 42, False, False, ""),
    ("1,200", 1200, 1200, False, False, ""),
    ("3.5", 3.5, 3.5, False, False, ""),
    ("Fifty", 50, 50, False, False, ""),
    ("thirty six", 36, 36, False, False, ""),
    ("thirty-six", 36, 36, False, False, ""),
    ("twelve", 12, 12, False, False, ""),
    ("one hundred and twenty", 120, 120, False, False, ""),
    ("two thousand five hundred", 2500, 2500, False, False, ""),
    ("nineteen", 19, 19, False, False, ""),
    ("1.2 million", 1_200_000, 1_200_000, False, False, ""),
    ("3 billion", 3e9, 3e9, False, False, ""),
    ("two million", 2e6, 2e6, False, False, ""),
    ("$4bn", 4e9, 4e9, False, False, "USD"),
    ("$400m", 4e8, 4e8, False, False, "USD"),
    ("£2.5bn", 2.5e9, 2.5e9, False, False, "GBP"),
    ("€300", 300, 300, False, False, "EUR"),
    ("5k", 5000, 5000, False, False, ""),
    ("40%", 40, 40, False, False, "%"),
    ("40 per cent", 40, 40, False, False, "%"),
    ("12.5 percent", 12.5, 12.5, False, False, "%"),
    ("over 30", 30, INF, True, False, ""),
    ("more than 500", 500, INF, True, False, ""),
    ("at least 30", 30, INF, False, False, ""),
    ("fewer than 10", 0, 10, False, True, ""),
    ("less than 10", 0, 10, False, True, ""),
    ("up to 40", 0, 40, False, False, ""),
    ("no more than 40", 0, 40, False, False, ""),
    ("nearly 50", 45, 50, False, True, ""),
    ("almost 50", 45, 50, False, True, ""),
    ("about 1,000", 900, 1100, False, False, ""),
    ("some 300", 270, 330, False, False, ""),
    ("around twenty", 18, 22, False, False, ""),
    ("between 30 and 40", 30, 40, False, False, ""),
    ("30 to 40", 30, 40, False, False, ""),
    ("30-40", 30, 40, False, False, ""),
    ("3-4 million", 3e6, 4e6, False, False, ""),
    ("a dozen", 12, 12, False, False, ""),
    ("dozens", 24, 99, False, False, ""),
    ("scores", 40, 199, False, False, ""),
    ("hundreds", 200, 999, False, False, ""),
    ("thousands", 2000, 9999, False, False, ""),
    ("tens of thousands", 20_000, 99_999, False, False, ""),
    ("hundreds of thousands", 200_000, 999_999, False, False, ""),
]


@pytest.mark.parametrize(("text", "low", "high", "low_open", "high_open", "unit"), CASES, ids=[c[0] for c in CASES])
def test_parse_figure(text: str, low: float, high: float, low_open: bool, high_open: bool, unit: str) -> None:
    value, got_unit = parse_figure(text)
    assert value.low == pytest.approx(low)
    assert value.high == pytest.approx(high)
    assert (value.low_open, value.high_open, got_unit) == (low_open, high_open, unit)


def test_tolerance_is_configurable() -> None:
    value, _ = parse_figure("about 1,000", Tolerance(approx=0.25))
    assert (value.low, value.high) == (750, 1250)


def test_no_figure_is_an_error() -> None:
    with pytest.raises(ValueError, match="no figure"):
        parse_figure("no numbers here")


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("sixty jihadists and seventeen men", ["sixty", "seventeen"]),
        ("Fifty prisoners and twelve Iraqi policemen", ["Fifty", "twelve"]),
        ("one of the guards said", []),
        ("one guard died", ["one"]),
        ("someone, anyone, everyone", []),
        ("COVID-19 and G7 leaders", []),
        ("a 400m race", ["400m"]),
    ],
)
def test_scan_finds_figures_not_lookalikes(sentence: str, figures: list[str]) -> None:
    assert [f.text for f in scan(sentence)] == figures


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("In July 2013, inmates escaped", "year"),
        ("on June 14 the court met", "date"),
        ("at 10:30 the blast hit", "time"),
        ("the 3rd floor", "ordinal"),
        ("80 km northeast", "measure"),
        ("two or more years in jail", "measure"),
        ("two or more people", "count"),
        ("a man aged 45", "age"),
        ("42 prisoners", "count"),
        ("40% of voters", "percent"),
        ("$4bn plan", "money"),
    ],
)
def test_scan_classifies_figures(sentence: str, kind: str) -> None:
    assert scan(sentence)[0].kind == kind


def test_an_iso_date_is_not_a_range() -> None:
    found = scan('posted datetime="2016-06-29">, and 11-12 people were hurt')
    assert [f.kind for f in found] == ["year", "date", "count"]


def test_scores_is_a_vague_count_only_as_scores_of() -> None:
    from checker.normalize import scan

    assert [f.text for f in scan("Scores of homes were flooded.")] == ["Scores"]
    assert scan("He scores goals every week, and the scores were level.") == []


# Pieces that sit at the edges of FIGURE_RE's starts: qualifiers inside words ("cover", "within"), currency
# signs after letters, case folds the engine applies (long s, Kelvin sign, dotted I), ranges, vague words.
_PIECES = [
    "cover", "within", "c", "over", "more than", "between", "from", "and", "to", "some", "about", "SOME",
    "US$", "uſ$", "$", "£", "4", "12", "1,200", "3.5", "bn", "m", "k", "%", "per cent", "-", "–", "a", "dozen",
    "a dozen", "half a dozen", "scores", "of", "Fifty", "twenty-one", "hundred", "thousand", "million", "one",
    "ſome", "ONE", "İn", "Kelvin", "_", "G7", "COVID-19", "or so", "nearly", "ſeven", "x", "(", ")", ",", ".",
    "\n", "\t", " ", "  ", "“", "”", "٣", "30s", "3rd", "tens of thousands",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)
def test_figure_matches_finds_what_figure_re_finds(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    expected = [(m.span(), m.groupdict()) for m in FIGURE_RE.finditer(text, start, end)]
    assert [(m.span(), m.groupdict()) for m in figure_matches(text, start, end)] == expected


def test_figure_matches_on_real_articles() -> None:
    corpus = Path(__file__).parents[3] / "shared" / "corpora"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*/*.txt"))[:400]]
    if not texts:
        pytest.skip("no corpora in ../shared")
    for text in texts:
        assert [m.span() for m in figure_matches(text)] == [m.span() for m in FIGURE_RE.finditer(text)]
        middle = len(text) // 3
        assert [m.span() for m in figure_matches(text, middle, 2 * middle)] == [
            m.span() for m in FIGURE_RE.finditer(text, middle, 2 * middle)
        ]


def test_no_qualifier_first_word_ends_with_another() -> None:
    # figure_matches finds one qualifier start per whitespace, which is all of them only while this holds
    assert not [(a, b) for a in QUALIFIER_FIRST_WORDS for b in QUALIFIER_FIRST_WORDS if a != b and a.endswith(b)]


def test_a_range_with_a_unit_at_each_end_is_read_in_the_first_ones() -> None:
    value, _ = parse_figure("between 18 months and two years")
    assert (value.low, value.high) == (pytest.approx(18), pytest.approx(24))  # months, not 2 to 18
    [figure] = scan("It would take from six weeks to three months to clear.")
    assert (figure.text, figure.kind, figure.unit) == ("from six weeks to three", "measure", "week")
    assert (figure.value.low, figure.value.high) == (pytest.approx(6), pytest.approx(3 * 2629800 / 604800))
    assert [f.text for f in scan("between 18 people and two years")] == ["18", "two"]  # not one unit's two ends
