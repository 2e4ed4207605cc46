"""Drafts of odd shapes stay linear (quad8, ``bench/shapes_bench.py``): the look-ups each figure makes are
counted, not timed, and the indexed look-ups give the answers of the searches they replace."""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import example, given, settings, strategies as st

from checker import config as config_mod, document
from checker.extract import patterns, sources
from checker.extract.patterns import PatternExtractor
from checker.models import Claim, Interval, Span
from checker.normalize import figures
from checker.pipeline import check_document
from checker.rules import attribution

TAXONOMY = config_mod.Config().taxonomy


def _counted(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[int]:
    calls = [0]
    real = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_a_flattened_tables_figures_try_a_few_dates_each(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch, patterns, "_dates_the_figure")
    n = 600  # one sentence, no commas: every figure's stretch is all of it, with a year in every fifth cell
    cells = " ".join(str(2000 + i % 24) if i % 5 == 0 else str(300 + i * 13) for i in range(n))
    PatternExtractor(TAXONOMY).extract(document.from_text(f"Results by district {cells}\n"))
    assert calls[0] <= 4 * n  # each figure against every year of the sentence was ~n * n / 5


def test_a_paragraphs_vote_figures_walk_back_over_each_sentence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch, patterns, "_dates_before")
    n = 300  # a draft with no blank line: one paragraph of undated turnout figures, each looking back for a date
    text = " ".join(f"The motion won {1000 + i} votes." for i in range(n))
    claims = PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims
    assert len(claims) >= n and calls[0] <= 2 * n  # was ~n * n / 2


def test_a_vote_figure_still_takes_the_paragraphs_last_date() -> None:
    text = (
        "In 2014 the party launched its initiative. It was put to a vote. The motion failed, with a turnout of 49%. "
        "In 2016 the party tried again. Once more it failed, with a turnout of 38%."
    )
    found = {c.figure: c for c in PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims}
    assert (found["49%"].scope, found["38%"].scope) == ("2014", "2016")


def test_a_lists_figures_look_for_a_named_study_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch, attribution._STUDY_AT, "finditer")
    text = "Damage so far:\n" + "".join(f"- {i % 40 + 2} homes destroyed in Vell {i}\n" for i in range(200))
    check_document(document.from_text(text), config_mod.Config())
    assert calls[0] == 1


def test_the_study_reach_is_longer_than_any_study_word() -> None:
    import re._parser as parser  # (the width of a pattern's matches: no public API)

    pattern, flags = attribution.lazy_re.source(sources.STUDY)
    assert parser.parse(pattern, flags).getwidth()[1] < attribution._STUDY_REACH


_STUDY_PIECES = st.sampled_from(
    ["poll", "Polls", "survey", "surveyed", "study", "budget office", "budget", "office", "report", "reports",
     "data", "database", "x", " ", ".", "5", "\n", "é"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_STUDY_PIECES, max_size=40).map("".join), st.integers(0, 400), st.integers(0, 400))
@example("a poll of 5", 0, 6)
@example("the budget office", 0, 17)
@example("the budget office", 0, 16)
def test_a_study_between_is_the_search_s(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    doc = document.from_text(text)
    named = attribution._Sentences(doc)._study_between(text, start, end)
    assert named == (sources.STUDY.search(text, start, end) is not None)


def _scope_as_before(text: str, figure: patterns.Figure, sentence: Span) -> str:
    """``_scope``'s last step as it was: every date of the stretch tried, the nearest kept."""
    start, end = patterns._segment(text, figure.span, sentence)
    scopes = patterns._SCOPE.finditer(text, start, end) if patterns._may_date(text, start, end) else ()
    found = [m for m in scopes if patterns._dates_the_figure(text, m, figure)]
    return min(found, key=lambda m: abs(m.start() - figure.span.start)).group("scope") if found else ""


_SCOPE_PIECES = st.sampled_from(
    ["in 2019", "2020", "since 1998", "last year", "May 2021", "the 2016 season", "between 1985 and 2015", "2019's",
     "12", "54%", "40 percent", "of its 900", "of the 1,200", "on a turnout of", "with turnout of", "when",
     "won", "people", "x", " ", " ", ", ", "; ", " - ", "and", "to"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_SCOPE_PIECES, min_size=1, max_size=30))
@example(["54%", " ", "on a turnout of", " ", "40 percent", " ", "in 2019"])
@example(["in 2019", " ", "12", " ", "x", " ", "54%", " ", "of its 900", " ", "2020"])
@example(["12", " ", "in 2019", " ", "x", " ", "2020"])
def test_the_nearest_date_is_the_one_every_date_tried_finds(pieces: list[str]) -> None:
    text = " ".join(pieces) + "."
    sentence = Span(0, len(text))
    for figure in figures(text, sentence):
        assert patterns._scope(text, figure, sentence) == _scope_as_before(text, figure, sentence), figure


def _segment_as_before(text: str, span: Span, sentence: Span) -> tuple[int, int]:
    breaks = patterns._breaks(text, sentence)
    before = [m for m in breaks if m[1] <= span.start]
    after = [m for m in breaks if m[0] >= span.end]
    end = after[0][0] if after else sentence.end
    if not before:
        return sentence.start, end
    if patterns._RELATIVE.match(text, before[-1][1]):
        before.pop()
    return (before[-1][1] if before else sentence.start), end


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["12", "1,200", ", ", "; ", " - ", " — ", "when", "x", " ", "which"]), max_size=30))
def test_a_figures_stretch_by_bisection_is_the_filters(pieces: list[str]) -> None:
    text = " ".join(pieces) + "."
    sentence = Span(0, len(text))
    for figure in figures(text, sentence):
        assert patterns._segment_of(text, figure.span, sentence) == _segment_as_before(text, figure.span, sentence)


def test_the_shapes_bench_makes_every_shape() -> None:
    from bench.shapes_bench import SHAPES

    for name, make in SHAPES.items():
        text, fmt = make(20)
        claims = check_document(document.from_text(text, "bench", fmt), config_mod.Config()).claims
        assert len(claims) >= 10, name
        assert re.search(r"\d", text)


_BREAK_PIECES = st.sampled_from(
    ["but", "But", "however", "While", "whereas", "meanwhile", "rebut", "butter", ";", "—", " - ", " – ", "-", " ",
     "x", "5", ",", "\u017f", "\u0131", "é"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(_BREAK_PIECES, max_size=24).map("".join), st.integers(0, 80), st.booleans())
@example(" - - x", 2, False)
def test_the_next_clause_break_is_the_first_clause_breaks(body: str, a: int, long: bool) -> None:
    text = ("y " * 10_000 if long else "") + body  # a long draft is searched lower-cased (``_lower_cased``)
    sentence = Span(len(text) - len(body), len(text))
    start = sentence.start + min(a, len(body))
    assert patterns._next_clause_break(text, start, sentence) == patterns._first_clause_break(text, start, sentence.end)


def _expected_as_before(text: str, figure: patterns.Figure, sentence: Span) -> bool:
    """``_expected`` as it was: the stretch searched from its start for every figure."""
    start, _ = patterns._segment(text, figure.span, sentence)
    brk = list(patterns._CLAUSE_BREAK.finditer(text, start, figure.span.start))
    if brk:
        start = brk[-1].end()
    return bool(patterns._EXPECTED_BEFORE.search(text, start, figure.span.start)) or bool(
        patterns._EXPECTED_AFTER.match(text, figure.span.end, sentence.end)
    )


_CUE_PIECES = st.sampled_from(
    ["expected", "expects", "expect", "Forecast", "forecasts", "market", "estimates", "estimate", "analysts’",
     "consensus", "projections", "but", "while", "however", ";", " - ", "—", "meanwhile", "x", " ", "  ", "\n",
     "12", "1,200", "$4bn", "five", "%", ", ", "a"]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_CUE_PIECES, min_size=1, max_size=30).map("".join))
@example("market  estimates12")
@example("expected12 but x expected 5")
@example("analysts’ estimate 12, 13")
def test_an_expectation_read_from_the_stretchs_cues_is_the_searchs(text: str) -> None:
    sentence = Span(0, len(text))
    for figure in figures(text, sentence):
        assert patterns._expected(text, figure, sentence) == _expected_as_before(text, figure, sentence), figure


def test_the_break_reach_is_longer_than_any_clause_break_reads() -> None:
    import re._parser as parser  # (the width of a pattern's matches: no public API)

    pattern, flags = patterns.lazy_re.source(patterns._CLAUSE_BREAK)
    assert parser.parse(pattern, flags).getwidth()[1] + 2 <= patterns._BREAK_READ  # the match, \b's before and after


_PLACE_PIECES = st.sampled_from(
    ["in", "at", "In", " ", "the", "Vell", "Harbour Mills", "Monday", "May", "12", "x", "Vell's", ", ", "since"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PLACE_PIECES, max_size=30).map(" ".join), st.integers(0, 200), st.integers(0, 200))
def test_a_place_after_a_figure_is_the_searchs(text: str, a: int, b: int) -> None:
    at, end = sorted((min(a, len(text)), min(b, len(text))))
    found = patterns._place_after(text, at, 0, end)
    whole = patterns._ELSEWHERE.search(text, at, end)
    assert (found.span() if found else None) == (whole.span() if whole else None)


def test_a_tables_figures_look_for_places_and_cues_once_per_stretch(monkeypatch: pytest.MonkeyPatch) -> None:
    places = _counted(monkeypatch, patterns._ELSEWHERE_AT, "finditer")
    cues = _counted(monkeypatch, patterns._EXPECTED_AT, "finditer")
    cells = " ".join(str(300 + i * 13) for i in range(400))
    PatternExtractor(TAXONOMY).extract(document.from_text(f"In Vell, results by district {cells}\n"))
    assert places[0] <= 2 and cues[0] <= 2


_CREDIT_PIECES = st.sampled_from(
    ["[", "]", "[Ana Ruiz, Harbour Post]", "[ana]", "[Ana", "Ruiz]", " ", "\n", "  \n", "x", "12", "[[", "]]"]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_CREDIT_PIECES, max_size=30).map("".join), st.integers(0, 200))
@example("12 hurt [Ana Ruiz, Harbour Post]", 2)
@example("12 hurt [x] [Ana Ruiz]  \nmore", 0)
def test_a_lines_credit_is_the_searchs(text: str, a: int) -> None:
    at = min(a, len(text))
    end = text.find("\n", at)
    whole = attribution._CREDIT.search(text, at, len(text) if end < 0 else end)
    assert attribution._credit(text, Span(at, at)) == (whole.group(1) if whole else "")


_WORD_PIECES = st.sampled_from(["each", "EACH", "apiece", "ea", "ch", "if", "IF", "unless", "Unle", "x", " ", "\u0130",
                                "\u0131", "\u0307", "\u03a3", "Σa", "é"])  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_WORD_PIECES, max_size=30).map("".join), st.integers(0, 120), st.integers(0, 120))
@example("x each", 2, 6)
@example("\u0130f x if", 0, 8)
def test_a_word_in_a_lower_cased_stretch_is_found_from_the_drafts_words(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for words in (patterns._EACH_WORDS, patterns._CONDITION_WORDS):
        stretch = text[start:end].lower()
        assert patterns._holds_word(text, start, end, words) == any(word in stretch for word in words)


def _compared_as_before(text: str, shares: list[tuple[Claim, bool]], sentences: attribution._Sentences) -> set[str]:
    """The claims ``_one_severity_for_compared_shares`` raised, as it found them: every pair, all shares between."""
    raised = set()
    for claim, people in shares:
        if not people:
            continue
        sentence = sentences.of(claim.figure_span.start)
        for other, other_people in shares:
            if other_people or sentence is None or not sentence.contains(other.figure_span):
                continue
            first, second = sorted((claim.figure_span, other.figure_span), key=lambda span: span.start)
            between = any(first.end <= c.figure_span.start < second.start for c, _ in shares)
            if not between and attribution._COMPARED.search(text, first.end, second.start):
                raised.add(other.id)
    return raised


_SHARE_PIECES = st.sampled_from(["16%", "30%", "compared with", "versus", "while", " ", ". ", "x", "of men"])


@settings(max_examples=500, deadline=None)
@given(
    st.lists(_SHARE_PIECES, min_size=1, max_size=24),
    st.lists(st.tuples(st.booleans(), st.integers(0, 3), st.integers(0, 4)), max_size=12),
)
def test_compared_shares_are_the_pairs_every_pair_finds(pieces: list[str], picks: list[tuple[bool, int, int]]) -> None:
    text = " ".join(pieces)
    doc = document.from_text(text)
    spans = [Span(m.start(), m.end()) for m in re.finditer(r"\d+%", text)]
    if not spans:
        return
    shares = []  # figures picked in any order, some twice, some widened to overlap the next
    for i, (people, which, wider) in enumerate(picks):
        span = spans[which % len(spans)]
        span = Span(span.start, min(len(text), span.end + wider))
        shares.append((Claim(f"c{i}", "", span, "", span, Interval(16, 16)), people))
    info = attribution.Severity.INFO
    found = [
        attribution.finding(attribution.UNATTRIBUTED, "x", c.figure_span, [c])._replace(severity=info)
        for c, _ in shares
    ]
    sentences = attribution._Sentences(doc)
    raised = {
        f.claims[0].id
        for f in attribution._one_severity_for_compared_shares(text, found, shares, sentences)
        if f.severity is attribution.Severity.WARNING
    }
    assert raised == _compared_as_before(text, shares, sentences)


def _share_given_before_as_before(sentences: attribution._Sentences, claim: Claim, claims: tuple[Claim, ...]) -> str:
    i = bisect.bisect_right(sentences.starts, claim.figure_span.start) - 1
    if i < 0:
        return ""
    para = sentences.paragraphs[i]
    earlier = [p for p in dict.fromkeys(sentences.paragraphs[:i]) if p != para]
    start = earlier[-1].start if earlier else para.start
    before = [
        other
        for other in claims
        if start <= other.figure_span.start < claim.figure_span.start and other.source.attributed and other.unit == "%"
    ]
    last = max(before, key=lambda other: other.figure_span.start, default=None)
    return "" if last is None else last.source.name or last.source.kind.value


def _forecaster_as_before(sentences: attribution._Sentences, claim: Claim, claims: tuple[Claim, ...]) -> str:
    i = bisect.bisect_right(sentences.starts, claim.figure_span.start) - 1
    if i < 0:
        return ""
    para = sentences.paragraphs[i]
    before = [
        other
        for other in claims
        if para.start <= other.figure_span.start < claim.figure_span.start
        and other.source.attributed
        and patterns.EXPECTED in other.scope.split(", ")
    ]
    last = max(before, key=lambda other: other.figure_span.start, default=None)
    return "" if last is None else last.source.name or last.source.kind.value


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(["A 5% rise.", "Then 7% more.", "\n\n", " "]), min_size=1, max_size=16),
    st.lists(st.tuples(st.integers(0, 400), st.booleans(), st.booleans(), st.booleans()), max_size=14),
)
def test_the_last_share_or_forecast_given_is_the_scans(
    pieces: list[str], picks: list[tuple[int, bool, bool, bool]]
) -> None:
    from checker.models import Source, SourceKind

    text = " ".join(pieces)
    sentences = attribution._Sentences(document.from_text(text))
    claims = tuple(
        Claim(
            f"c{i}", "", Span(at % (len(text) + 1), at % (len(text) + 1) + 1), "",
            Span(at % (len(text) + 1), at % (len(text) + 1) + 1),
            Interval(5, 5), unit="%" if share else "", scope=patterns.EXPECTED if forecast else "",
            source=Source(SourceKind.ORGANISATION, f"s{i}") if named else Source(),
        )
        for i, (at, share, forecast, named) in enumerate(picks)
    )  # fmt: skip
    for claim in claims:
        assert sentences.share_given_before(claim, claims) == _share_given_before_as_before(sentences, claim, claims)
        assert sentences.forecaster(claim, claims) == _forecaster_as_before(sentences, claim, claims)


_VOTE_PIECES = st.sampled_from(
    ["passed", "Passed", "rejected", "won", "took", "with", "by", "more", "than", "about", "nearly", " ", "  ", "\n",
     "x", "(passed", "the", "12", "."]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_VOTE_PIECES, max_size=20).map(" ".join), st.integers(0, 60), st.integers(0, 200))
@example("the measure passed with more than ", 0, 35)
@example("x won nearly ", 0, 13)
def test_a_vote_results_lead_searched_from_its_last_words_is_the_copys(body: str, a: int, b: int) -> None:
    text = "Lead. " + body
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    for pattern, words in ((attribution._VOTE_RESULT, 4), (attribution._VOTE_WON, 3)):
        whole = pattern.search(text[start:end]) is not None
        assert attribution._ends_lead(pattern, words, text, start, end) == whole
