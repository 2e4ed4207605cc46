"""Searches skipped where a cheap test shows they cannot match (thru6): the same answers as searching always."""

from __future__ import annotations

import re
import string

from hypothesis import given, settings, strategies as st

from checker import document, normalize
from checker.document import all_sentences
from checker.extract import patterns, sources
from checker.extract.patterns import PatternExtractor
from checker.models import Claim, SourceKind
from checker.rules import attribution
from checker.taxonomy import Taxonomy, singular
from checker.wordgroups import grouped, prefiltered
from evals.corpus import load_corpus

_HELD_WORDS = ["his", "Her", "their", "the", "mayor's", "Hale’s", "earlier", "claim", "claims", "estimate",
               "pledges", "contention", "forecast", "that", "in", "May", "a", "ago", "Claim", "reclaims"]  # fmt: skip


def _held(body: str) -> list[tuple[int, int]]:
    return [m.span() for m in sources._held_that(body)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HELD_WORDS), max_size=12).map(" ".join))
def test_held_that_gate_finds_what_the_search_finds(body: str) -> None:
    assert _held(body) == [m.span() for m in sources._HELD_THAT.finditer(body)]


def test_every_held_cue_passes_the_gate() -> None:
    cues = re.search(r"\(\?P<cue>([^)]*)\)", sources._HELD_THAT.pattern)
    assert cues
    alternatives = cues.group(1).split("|")
    words = [w for a in alternatives for w in (a.rstrip("?"), a.replace("s?", "s"))]
    assert len(words) >= 18
    for word in words:
        body = f"the mayor's earlier {word} that"
        assert sources._HELD_THAT.search(body), word
        assert _held(body), word


_WHO_WORDS = ["a", "party", "spokesman", ",", "who", "said", "says", "added", ":", " ", "\t", "\n", "“", ".", "Who",
              "whose", "told", "$5", "5", "warned"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_WHO_WORDS), max_size=14), st.sampled_from(["", " ", "  "]), st.integers(0, 8))
def test_who_said_tried_where_it_can_match_finds_what_the_search_finds(words: list[str], sep: str, cut: int) -> None:
    before = sep.join(words) if sep else "".join(words)
    clause = min(cut, len(before))
    found = sources._who_said(before, clause)
    whole = sources._WHO_SAID.search(before, clause)
    assert (found.span() if found else None) == (whole.span() if whole else None)


def test_who_said_on_its_example() -> None:
    before = "But the claim was rejected by a party spokesman, who said: "
    found = sources._who_said(before, 0)
    assert found and found.group("np").endswith("party spokesman")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["(", ")", "-", "–", "—", "‒", " ", "\t", "a", "Hale", "[", "/", ","]), max_size=20))
def test_an_aside_holds_a_bracket_or_a_dash(pieces: list[str]) -> None:
    # _backward_np strips asides only from a phrase holding one of these (``sources._backward_np``)
    text = "".join(pieces)
    if sources._ASIDES.search(text):
        assert any(mark in text for mark in sources._ASIDE_MARKS)


_NAME_TEXT = ["Ana", "Ruiz", "ruiz", "O'Neill", "Hale’s", "-Vela", "x", "A", "B", " ", "  ", "\n", "\u3000", ".", "_",
              "é", "É", "1", "Ü"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_NAME_TEXT), max_size=16).map("".join))
def test_full_names_found_capital_first_as_with_the_boundary_first(text: str) -> None:
    whole = re.compile(r"\b[A-Z][\w'’-]+\s+(?=([A-Z][\w'’-]+)\b)")
    found = [(m.span(), m.group(1)) for m in sources._FULL_NAME.finditer(text)]
    assert found == [(m.span(), m.group(1)) for m in whole.finditer(text)]


def _ungrouped_figure_re() -> re.Pattern[str]:
    """FIGURE_RE with its word lists as the plain alternations they were before they were grouped by first letter."""
    source = normalize.FIGURE_RE.pattern
    words = f"{normalize._UNITS_WORDS}|{normalize._SCALE_WORDS}"
    for plain in (words, normalize._QUALIFIER, normalize._VAGUE):
        grouped_form = grouped(plain.split("|"))
        assert grouped_form != plain and grouped_form in source
        source = source.replace(grouped_form, plain)
    return re.compile(source, normalize.FIGURE_RE.flags)


_FIGURE_TEXT = ["about", "some", "at least", "no fewer than", "an estimated", "in excess of", "twenty", "two", "ten",
                "twelve", "hundreds of", "thousands", "a dozen", "half a dozen", "scores", "fifty-five", "one", "and",
                "5", "1,200", "$3m", "£4.5bn", "per cent", "%", "or so", "between", "to", "from", "-", " ", "  ", "\n",
                "Over", "NEARLY", "Twenty", "x", "a"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_FIGURE_TEXT), max_size=14).map(" ".join))
def test_figure_re_with_grouped_word_lists_matches_as_the_plain_lists(text: str) -> None:
    plain = _ungrouped_figure_re()
    found = [(m.span(), m.groupdict()) for m in normalize.FIGURE_RE.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_figure_re_with_grouped_word_lists_on_the_eval_articles() -> None:
    plain = _ungrouped_figure_re()
    texts = [article.text for article in load_corpus()]
    assert texts
    for text in texts:
        found = [(m.span(), m.groupdict()) for m in normalize.FIGURE_RE.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]


def test_str_split_spaces_are_the_spaces_of_backslash_s() -> None:
    # taxonomy.canonical_population joins ``noun.split()`` where it took re.sub(r"\s+", " ", noun.strip()): the same
    # text when str.isspace (what strip and split read) holds for just the characters \s matches
    space = re.compile(r"\s")
    assert [c for c in range(0x110000) if chr(c).isspace()] == [c for c in range(0x110000) if space.match(chr(c))]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Police", "OFFICERS", "ships'", " ", "\t", "\n", "\x1c", "\x85", "\u3000", "\xa0"])))
def test_canonical_population_spaces_as_with_re_sub(pieces: list[str]) -> None:
    noun = "".join(pieces)
    taxonomy = Taxonomy.default()
    expected = re.sub(r"\s+", " ", noun.lower().strip())
    assert taxonomy.canonical_population(noun) == (taxonomy.population_of(expected) or singular(expected))


def test_only_their_own_cases_match_the_letters_of_cent_ignoring_case() -> None:
    # patterns._base_of looks for "cent" in the lower-cased text before it searches _BASE_OF (re.IGNORECASE)
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "cent%":
        assert set(re.findall(re.escape(letter), every, re.IGNORECASE)) == {letter, letter.upper()}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["%", " per cent", " PerCent", " percent", " of", " OF", " the", " its", " all", " ",
                                 "\t", "of", "5", "cen", "t"]), max_size=10).map("".join))  # fmt: skip
def test_base_of_is_the_search(lead: str) -> None:
    assert patterns._base_of(lead) == (patterns._BASE_OF.search(lead) is not None)


def _every_character() -> str:
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


def test_lower_case_reads_as_ignoring_case_for_ascii_pattern_characters() -> None:
    # patterns._lower_cased: a text that str.lower maps character for character, without "\u017f" and "\u0131"
    every = [c for c in _every_character() if len(c.lower()) == 1 and c not in "\u017f\u0131"]
    text, lowered = "".join(every), "".join(every).lower()
    assert len(text) == len(lowered)
    for char in string.ascii_lowercase + string.digits + " -'.&/":
        folded = [m.start() for m in re.finditer(re.escape(char), text, re.IGNORECASE)]
        assert folded == [m.start() for m in re.finditer(re.escape(char), lowered)], char
    for category in (r"\w", r"\s", r"\d", r"\b"):
        assert [m.start() for m in re.finditer(category, text)] == [m.start() for m in re.finditer(category, lowered)]


_EVENT_TEXT = ["Killed", "KILLED", "killed", "died", "Died", "set", "free", "Set Free", "wounded", "injured", "the",
               "shot", "35", "people", " ", "  ", "\n", "-", "K", "ﬁ", "ǅ", "Σ", "ς", "\u0130", "\u017f", "\u0131",
               "ARRESTED", "Arrested", "released", "Freed"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EVENT_TEXT), max_size=20).map(" ".join), st.integers(0, 30), st.integers(0, 30))
def test_taxonomy_patterns_lower_cased_find_what_ignoring_case_finds(body: str, start: int, length: int) -> None:
    text = body + " " * patterns._TWIN_MIN  # (a short draft is searched as it is)
    pattern = Taxonomy.default().event_pattern
    searched, folded = patterns._lower_cased(pattern, text)
    start = min(start, len(body))
    end = min(len(body), start + length)
    found = [m.span() for m in searched.finditer(folded, start, end)]
    assert found == [m.span() for m in pattern.finditer(text, start, end)]
    part = text[start:end]
    assert [m.span() for m in searched.finditer(part if folded is text else part.lower())] == [
        m.span() for m in pattern.finditer(part)
    ]


def test_taxonomy_patterns_lower_cased_on_a_big_draft() -> None:
    text = " ".join(article.text for article in load_corpus())
    assert len(text) >= patterns._TWIN_MIN
    pattern = Taxonomy.default().event_pattern
    searched, folded = patterns._lower_cased(pattern, text)
    assert searched is not pattern and folded is not text  # the eval articles have no "\u0130", "\u017f", "\u0131"
    assert [m.span() for m in searched.finditer(folded)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_EVENT_TEXT, "Were", "WHO", "to", "In", "police", "Officers", "prisoners"]),
                max_size=20).map(" ".join))  # fmt: skip
def test_stop_words_and_populations_lower_cased_find_what_ignoring_case_finds(part: str) -> None:
    text = part + " " * patterns._TWIN_MIN
    for pattern in (patterns._STOP, Taxonomy.default().population_pattern):
        searched, folded = patterns._lower_cased(pattern, text)
        assert searched is not pattern or folded is text
        lowered = part if folded is text else part.lower()
        assert [m.span() for m in searched.finditer(lowered)] == [m.span() for m in pattern.finditer(part)]


_MARK_TEXT = ["'", "''", "'''", "“", "”", '"', "«", "»", " ", "(", "[", "{", "—", "–", "/", "-", "a", "\n", "\t", ".",
              "\u3000"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MARK_TEXT), max_size=30).map("".join), st.integers(0, 6), st.integers(0, 6))
def test_quotation_marks_found_mark_first_as_by_the_pattern(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    found = [m.span() for m in document._MARKS_FIRST.finditer(text, start, end)]
    assert found == [m.span() for m in document._MARKS.finditer(text, start, end)]


def test_quotation_marks_found_mark_first_on_the_eval_articles() -> None:
    for article in load_corpus():
        found = [m.span() for m in document._MARKS_FIRST.finditer(article.text)]
        assert found == [m.span() for m in document._MARKS.finditer(article.text)]


_SCOPE_TEXT = ["in", "In", "last", "Last", "year", "years", "month", "November", "Nov.", "3,", "1999", "2015", "2099",
               "1899", "1799", "20", "٢٠١٥", "20١٥", "the", "previous", "a", "earlier", "before", "since", " ", "  ",
               "\n", ",", "x", "killed", "5"]  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SCOPE_TEXT), max_size=14).map(" ".join), st.integers(0, 12), st.integers(0, 12))
def test_may_date_whenever_the_scope_pattern_matches(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    if prefiltered(patterns._SCOPE).search(text, start, end):
        assert patterns._may_date(text, start, end)


def test_may_date_on_the_eval_articles() -> None:
    pattern = prefiltered(patterns._SCOPE)
    for article in load_corpus():
        text = article.text
        for at in range(0, len(text), 23):
            for end in (at + 30, at + 80):
                if pattern.search(text, at, min(end, len(text))):
                    assert patterns._may_date(text, at, min(end, len(text)))


def _sourced_elsewhere_by_scan(claim: Claim, claims: tuple[Claim, ...]) -> str:
    """rules.attribution.sourced_elsewhere as it was: every claim scanned for each."""
    event = claim.event.removesuffix(" (attempted)")
    if not event:
        return ""
    for other in claims:
        if (
            other is not claim
            and other.source.attributed
            and other.source.kind is not SourceKind.VAGUE
            and other.event.removesuffix(" (attempted)") == event
            and (other.value.low, other.value.high, other.unit) == (claim.value.low, claim.value.high, claim.unit)
        ):
            return other.source.name or other.source.kind.value
    return ""


def test_sourced_elsewhere_looked_up_as_by_a_scan_of_every_claim() -> None:
    texts = [article.text for article in load_corpus()]
    texts += [f"{text}\n\n{text}" for text in texts[:8]]  # each figure twice: a named source elsewhere for it
    extractor = PatternExtractor(Taxonomy.default())
    found = 0
    for text in texts:
        claims = extractor.extract(document.from_text(text, "x.txt")).claims
        for claim in claims:
            expected = _sourced_elsewhere_by_scan(claim, claims)
            assert attribution.sourced_elsewhere(claim, claims) == expected
            found += bool(expected)
    assert found >= 10


_INCIDENT_TEXT = ["the", "The", "2009", "1999", "2012", "Carlton", "Carlton,", "fatal", "deadly", "raid", "raids",
                  "attack", "attacks", "crisis", "war", "x", "of", " ", "  ", "\n", ".", "Ruritania", "attacked",
                  "a" * 30]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_INCIDENT_TEXT), max_size=40).map(" ".join), st.lists(st.integers(0, 400), max_size=8))
def test_named_with_year_before_each_end_as_searched_from_the_start(text: str, ends: list[int]) -> None:
    text = f"{text} "  # (a new string: the last answers are kept by identity)
    for end in [*sorted(min(e, len(text)) for e in ends), *(min(e, len(text)) for e in ends)]:
        expected = attribution._NAMED_WITH_YEAR.search(text, 0, end) is not None
        assert attribution._named_with_year_before(text, end) == expected


def test_named_with_year_before_each_sentence_of_the_eval_articles() -> None:
    text = "\n\n".join(article.text for article in load_corpus())
    text += "\n\nIn the 2009 Carlton raid, six guards died. The raid was the worst. Twelve died in the raids."
    found = 0
    for _, sentence in all_sentences(document.from_text(text, "x.txt")):
        expected = attribution._NAMED_WITH_YEAR.search(text, 0, sentence.start) is not None
        assert attribution._named_with_year_before(text, sentence.start) == expected
        found += expected
    assert found >= 2


def test_named_with_year_before_every_end_in_turn() -> None:
    for text in ("Earlier, in the deadly 2009 Carlton, Ruritania, raid on the port, six guards died.",
                 "the 2012 crisis", "x the  1999\n\nHarbour   Quay attacks y", "the 2009 a b c d raid",
                 "so the deadly 2009 Carlton, Ruritania, Quay raid"):  # fmt: skip
        text = f"{text} "
        for end in range(len(text) + 1):
            expected = attribution._NAMED_WITH_YEAR.search(text, 0, end) is not None
            assert attribution._named_with_year_before(text, end) == expected, (text, end)


def test_each_thread_keeps_its_own_draft_searched_so_far() -> None:
    """Drafts ruled in threads (the LLM path) do not replace each other's progress: each thread's search resumes."""
    import threading

    ours, theirs = "The fatal 2012 Carlton raid. " + "x " * 50, "Nothing here. " * 20
    assert not attribution._named_with_year_before(theirs, len(theirs))  # this thread: theirs is the last draft
    seen: list[object] = []

    def rule_ours() -> None:
        attribution._named_with_year_before(ours, len(ours) // 2)
        seen.append(attribution._LAST.incident[0])

    worker = threading.Thread(target=rule_ours)
    worker.start()
    worker.join()
    assert seen == [ours] and attribution._LAST.incident[0] is theirs
