"""The offline extractor: patterns, no model, no key. The default when no LLM endpoint is configured.

For each figure ``normalize.scan`` finds in a sentence: the counted noun after it (taxonomy words first),
the event word nearest to it in its clause, a scope when the sentence is dated to another time, an as-of
time marker, and the source the sentence names, inherits from the sentence before, or its quotation's speaker.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from checker import lazy_re
from checker.collector import collector_paused
from checker.document import all_sentences, quotation_spans
from checker.extract import sources
from checker.extract.sources import (
    PERPETRATORS,
    attribution_cues,
    clause_sources,
    continues,
    find_source,
    is_pronoun,
    is_speech_cue,
    relative_speaker,
    resolve_pronoun,
    speaker_of,
    starts_clause,
)
from checker.models import Claim, Document, Extraction, Interval, Quotation, Source, SourceKind, Span, SpanIndex
from checker.normalize import (
    DEFAULT_TOLERANCE,
    DIGITS,
    WORDS,
    Figure,
    Tolerance,
    figures,
    parse_share,
    scan_spans,
)
from checker.quantify import derive
from checker.taxonomy import ROOT, Taxonomy
from checker.timewords import EARLIER_REPORT, MONTH_ABBREVIATIONS, MONTHS, UPDATE_VERBS, WEEKDAYS, alternation
from checker.wordgroups import grouped, prefiltered

CLAIM_KINDS = {"count", "percent", "money", "measure"}
_STOP = re.compile(
    r"\b(?:were|was|are|is|have|has|had|be|been|being|will|would|could|may|might|who|which|that|to|in|on|at|by|"
    r"for|from|with|during|after|before|since|near|including|while|as|than|but|because)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = lazy_re.compile(r";|\bmeanwhile\b|\bwhile\b|\bwhereas\b|\bbut\b|\bhowever\b|—|\s[-–]\s", re.IGNORECASE)
# A clause of its own after the figure's: its event word is another subject's ("…, just before Pasquale won").
# _CLAUSE_BREAK's alternatives by the characters they open with, which no two share: a mark, a dash between spaces,
# a word (its \b after its first letter, so that the engine skips to those letters; searched in the lower-cased
# draft when ``_lower_cased`` may)
_BREAK_MARK = lazy_re.compile(r"[;—]")
_BREAK_DASH = lazy_re.compile(r"\s[-–]\s")
_BREAK_WORD = lazy_re.compile(r"(?:m(?<=\bm)eanwhile|w(?<=\bw)h(?:ile|ereas)|b(?<=\bb)ut|h(?<=\bh)owever)\b", re.I)


def _first_clause_break(text: str, start: int, end: int) -> int | None:
    """Where ``_CLAUSE_BREAK.search(text, start, end)`` starts, or None: the first of its three kinds, each searched
    by a pattern the engine can skip through (at one place only one kind can start, so the first is the same)."""
    words, folded = _lower_cased(_BREAK_WORD, text)
    found = [m.start() for m in (_BREAK_MARK.search(text, start, end), _BREAK_DASH.search(text, start, end)) if m]
    word = words.search(folded, start, end)
    return min([*found, word.start()] if word else found, default=None)


# where each kind of _CLAUSE_BREAK can start, every place (lookaheads: overlapping ones too)
_BREAKS_AT = tuple(
    lazy_re.compile(f"(?={lazy_re.source(p)[0]})", lazy_re.source(p)[1])
    for p in (_BREAK_MARK, _BREAK_DASH, _BREAK_WORD)
)
_CLAUSE_BREAKS: tuple[str, Span, list[int]] = ("", Span(0, 0), [])  # the last sentence's


def _next_clause_break(text: str, start: int, sentence: Span) -> int | None:
    """``_first_clause_break(text, start, sentence.end)``, from where clause breaks start in the sentence (found
    once for it): each figure searching on to the end of a long sentence with none was quadratic. A match at a place
    reads the same text whichever the search started from, so the first place at or after ``start`` is the search's."""
    global _CLAUSE_BREAKS
    if start < sentence.start:
        return _first_clause_break(text, start, sentence.end)
    cached = _CLAUSE_BREAKS  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != sentence:
        at = sorted({m.start() for p in _BREAKS_AT for m in p.finditer(text, sentence.start, sentence.end)})
        cached = _CLAUSE_BREAKS = (text, sentence, at)
    found = cached[2]
    i = bisect.bisect_left(found, start)
    return found[i] if i < len(found) else None


_SUBORDINATE = lazy_re.compile(r"\b(?:before|after|until|because|unless|although|though)\b", re.IGNORECASE)
# A relative clause on another noun than the figure's: its event word is that noun's ("One floor below, the rooms
# were full of nurses who had gathered": the nurses gathered, not the floor; "12 people, who fled" is theirs).
_RELATIVE_OF_ANOTHER = lazy_re.compile(r"\b(?:who|whom|which)\b", re.IGNORECASE)
# ... but a place after the figure's noun, or nouns coordinated with it, leave it the figure's: "12 people in the
# town who were hurt", "six soldiers and three civilians, who were killed"
_PLACE_BETWEEN = lazy_re.compile(
    r"(?:[\s,]*(?:in|at|from|on|near|inside|outside|across|and|or)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w'’.-]+\s+){0,3}[\w'’.-]+)+[\s,]*"
)
# A gerund after a preposition, and those coordinated with it: what the figure's group aims at or is accused of,
# not what happened to it ("nine councillors staged a walkout aimed at delaying, and then killing, a bill").
_GERUND_OF = lazy_re.compile(
    r"\b(?:at|for|of|by|from|about|against|without|on|in|to)\s+(?:\w+ly\s+)?\w+ing\b", re.IGNORECASE
)
# "in some cases", "in three cases": instances, not infections ("400 patients waited, in some cases for a year")
_IN_CASES = lazy_re.compile(r"\bin\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# An event word after a determiner is a noun phrase of its own, not what happened to the figure's group (but
# "were among the dead" is).
_DETERMINED = re.compile(
    r"(?:(?<!\bamong\s)(?<!\bof\s)\b(?:the|a|an|his|her|its|their|our|my|your|this|these|those)|\w['’]s)\s+"
    r"(?:[a-z][\w-]*\s+)?$",
    re.IGNORECASE,
)
_COORDINATION = lazy_re.compile(r"^\s*(?:,\s*)?(?:and|or|as well as)?\s*$", re.IGNORECASE)
# What may stand between an event word and its figure: "the death of 36", "the toll rose to 19", "convicted on
# Monday of 14 counts", "the number of dead at 11", "the cuts amounted to 15%".
_LEAD_IN = lazy_re.compile(
    rf"(?:\s+(?:on|last|this)\s+(?:{alternation(WEEKDAYS)}|week|month|year))?"
    r"(?:\s+(?:of|the|a|an|some|at least|about|nearly|all|its|their|his|her|on|at))*"
    r"(?:\s+(?:has|had|have)?\s*(?:rose|risen|climbed|increased|jumped|grew|grown|reached|stood|stands|was|is|now|"
    r"amounted|amounts|represented|represents|accounted for|made up|equal|equalled|totalled|totaled|came)"
    r"(?:\s+(?:to|at))?)?\s*$",
    re.IGNORECASE,
)
# The subject of a verb, past its auxiliaries: "health" in "health would receive $11bn".
_SUBJECT = lazy_re.compile(
    r"\b([A-Za-z][\w-]*)\s+(?:(?:will|would|could|can|may|might|should|shall|has|have|had|is|was|are|were)\s+)*$"
)
# "held", "free" and "released" name custody only when they govern people: "were held", "four Britons held by the
# US", "set free" (not "Rubio held 33 percent", "three free credit reports", "a poll of 400 voters released Friday").
_CUSTODY_EVENTS = frozenset({"arrested", "freed"})
_AUXILIARY = lazy_re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|has|have|had|get|got|gets|set|walked|walk|walks|went|go|goes|to)\s+"
    r"(?:[a-z]+ly\s+|not\s+|later\s+|then\s+|also\s+|since\s+)?$",
    re.IGNORECASE,
)
_CUSTODY_CUE = lazy_re.compile(
    r"\b(?:police|custody|detention|detained|trial|charges?|hostages?|captives?|captivity|bail|prison|jail|camp|cells?)\b",
    re.IGNORECASE,
)
# what a share is of: "of the 200", "of its 900", "of the hospital's 800", "of the city's 1.2 million"
_OF_BASE = r"\s+of\s+(?:the|its|their|all)?\s*(?:[A-Za-z][\w.-]*['’]s\s+)?"
# a share in words: "a third", "two-thirds", "half", "one in four", "three out of every ten" (``parse_share`` reads it)
_SHARE_IN_WORDS = (
    r"(?:(?:more\s+than|nearly|almost|about|around|roughly|over|under|less\s+than|just\s+over|just\s+under)\s+)?"
    r"(?:(?:a|one|two|three)[\s-]+(?:half|thirds?|quarters?|fifths?|tenths?)|half|"
    rf"(?:{DIGITS}|{WORDS})\s+(?:in|out\s+of)\s+(?:every\s+)?(?:{DIGITS}|{WORDS}))"
)
_SHARE_OF_BASE = lazy_re.compile(rf"\b({_SHARE_IN_WORDS}){_OF_BASE}(?=\d|(?:{WORDS}))", re.IGNORECASE)
# what every match of _SHARE_OF_BASE holds: its base ("of its 900"), which opens with whitespace, so the engine skips
# to it (_SHARE_OF_BASE opens with \b and tries its share words at every word)
_OF_A_BASE = lazy_re.compile(rf"{_OF_BASE}(?=\d|(?:{WORDS}))", re.IGNORECASE)
_STATED_BASE = lazy_re.compile(rf"^{_OF_BASE}(?:{DIGITS})", re.IGNORECASE)
_BASE_OF = lazy_re.compile(rf"(?:%|per\s?cent|percent){_OF_BASE}$", re.IGNORECASE)
# "a third of its 900", "two in five of the 800": the base of a share in words, read as _SHARE_OF_BASE reads the share
_WORDS_BASE_OF = lazy_re.compile(rf"\b(?:{_SHARE_IN_WORDS}){_OF_BASE}$", re.IGNORECASE)


def _base_of(lead: str) -> bool:
    """``_BASE_OF.search(lead)``, tried only when ``lead`` holds "%" or "cent" (in any case: no other character
    matches those letters ignoring case); most figures have neither before them. Or a share in words' base
    ("a third of its 900"), tried only when ``lead`` holds "of"."""
    if ("%" in lead or "cent" in lead.lower()) and _BASE_OF.search(lead) is not None:
        return True
    return "of" in lead.lower() and _WORDS_BASE_OF.search(lead) is not None


_ATTEMPT = re.compile(r"\b(?:tried|trying|attempted|attempting|tries|attempts|planned|planning)\s+to\s+$")
_MONTH = alternation(MONTHS, MONTH_ABBREVIATIONS)
# a date's day: "September 11th 2001", "11 September 2001" ([0-9], not \d: a prefilter knows its first characters)
_DAY_OF_MONTH = r"[0-3]?[0-9](?:st|nd|rd|th)?"
_SCOPE = lazy_re.compile(
    rf"\b(?:(?:in|since|during|by|of|until)\s+)?(?P<scope>(?:(?:{_DAY_OF_MONTH}\s+)?(?:{_MONTH})\.?\s+"
    rf"(?:{_DAY_OF_MONTH},?\s+)?)?(?:1[89]|20)\d\d|"
    r"last year|the previous year|a year earlier|the year before|last month|"
    rf"(?<=last\s)(?:{_MONTH})(?!\.?\s+\d))\b",  # "killed 130 people in Lyon last November"
)
# "In June, a gunman killed five people": a month opening the sentence dates another incident.
_MONTH_INTRO = lazy_re.compile(rf"(?:In|During|Since)\s+(?P<scope>(?:early\s+|late\s+|mid-)?(?:{_MONTH}))\b\.?,")
# A year opening the sentence with no comma dates what the sentence tells, every figure in it.
_YEAR_OPENING = lazy_re.compile(r"[\"“‘']?(?:In|During)\s+(?P<scope>(?:1[89]|20)\d\d)\s+(?![\d,.%])")
_SENTENCE_INTRO = re.compile(r"(?:In|During|Since|Until|Of|Last|This|Earlier)\b[^,]{0,60},")
# Dates that describe something else: a range, a deadline, a comparison, an attribute ("the 2016 season").
_NOT_A_SCOPE = lazy_re.compile(r"(?:\b(?:between|from|than|by|the)|['’]s|\d\s*(?:and|to|[-–]))\s*$", re.IGNORECASE)
_BREAK = lazy_re.compile(r"[,;](?!\d)|\s[-–—]\s")  # what _breaks finds (its test)
_BREAKS: tuple[str, Span, list[tuple[int, int]]] = ("", Span(0, 0), [])  # the last sentence's: asked per figure


def _breaks(text: str, sentence: Span) -> list[tuple[int, int]]:
    r"""The spans of ``_BREAK.finditer(text, sentence.start, sentence.end)``, found from the few commas, semicolons
    and dashes (the pattern was tried at every whitespace: ``\s`` and ``str.isspace``, ``\d`` and
    ``str.isdecimal`` agree)."""
    global _BREAKS
    cached = _BREAKS  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != sentence:
        start, end = sentence.start, sentence.end
        marks = sorted(i for mark in ",;-–—" for i in _positions(text, mark, start, end))
        found: list[tuple[int, int]] = []
        for at in marks:
            if text[at] in ",;":
                if at + 1 >= end or not text[at + 1].isdecimal():
                    found.append((at, at + 1))
            elif (
                at - 1 >= max(start, found[-1][1] if found else start)
                and text[at - 1].isspace()
                and at + 1 < end
                and text[at + 1].isspace()
            ):
                found.append((at - 1, at + 2))
        cached = _BREAKS = (text, sentence, found)
    return cached[2]


def _positions(text: str, mark: str, start: int, end: int) -> Iterator[int]:
    at = text.find(mark, start, end)
    while at >= 0:
        yield at
        at = text.find(mark, at + 1, end)


# what every match of _SCOPE holds: a year's digits, "year" or "last" ("last month"; its lookbehind reads up to five
# characters before the stretch searched)
_YEAR_DIGITS = lazy_re.compile(r"(?:1[89]|20)\d\d")


def _may_date(text: str, start: int, end: int) -> bool:
    """False when ``_SCOPE`` cannot match in ``text[start:end]`` (most figures' stretches: searching one took ~5 µs)."""
    part = text[max(0, start - 5) : end]
    return "year" in part or "last" in part or _YEAR_DIGITS.search(part) is not None


def _scope(text: str, figure: Figure, sentence: Span) -> str:
    """The time or incident that dates the figure's own event, or "".

    A date counts when it opens the sentence ("In July 2013, …"), leads into the figure's clause ("in 2018,
    when 31 people died"), or stands in the figure's own stretch between commas ("killed two residents in
    2022"). A year that only describes something else does not: "the 2016 season", "between 1985 and 2015",
    "by 2028", "from a year earlier", "Harlow & Finch, founded in 1887, employs 9,500".
    """
    opening = _YEAR_OPENING.match(text, sentence.start, sentence.end)
    if opening and opening.end() <= figure.span.start:
        return opening.group("scope")  # "In 2021 the Alliance won 21 seats on a turnout of 55%": all of it
    intro = _SENTENCE_INTRO.match(text, sentence.start, sentence.end)
    if intro and intro.end() <= figure.span.start:
        found = (
            prefiltered(_SCOPE).search(text, sentence.start, intro.end())
            if _may_date(text, sentence.start, intro.end())
            else None
        )
        found = found or _MONTH_INTRO.match(text, sentence.start)
        if found:
            return found.group("scope")
    start, end = _segment(text, figure.span, sentence)
    dates, starts, turnouts = _dates_in(text, start, end)
    if not dates:
        return ""
    # the nearest date that dates the figure, looked for outwards from it on either side (trying every date of the
    # stretch for every figure was quadratic: a table flattened into one sentence of 2,000 figures took 6.8 s); on
    # a tie, the one before, as ``min`` over them in order chose
    split = bisect.bisect_left(starts, figure.span.start)
    before, after = (
        _date_before_figure(text, figure, dates, split),
        _date_after_figure(text, figure, dates, split, end, turnouts),
    )
    if before is None or (after is not None and after.start() - figure.span.start < figure.span.start - before.start()):
        before = after
    return "" if before is None else before.group("scope")


# the last stretch's dates (_SCOPE's matches), their starts, and which of them an _ON_A_TURNOUT could end at: a
# stretch's figures ask in turn
_DATES: tuple[str, int, int, list[re.Match[str]], list[int], list[int]] = ("", 0, 0, [], [], [])


def _dates_in(text: str, start: int, end: int) -> tuple[list[re.Match[str]], list[int], list[int]]:
    global _DATES
    cached = _DATES  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != start or cached[2] != end:
        dates = list(prefiltered(_SCOPE).finditer(text, start, end)) if _may_date(text, start, end) else []
        turnouts = [
            k for k, m in enumerate(dates) if _ON_A_TURNOUT.search(text, max(0, m.start() - _TURNOUT_REACH), m.start())
        ]
        cached = _DATES = (text, start, end, dates, [m.start() for m in dates], turnouts)
    return cached[3], cached[4], cached[5]


def _date_before_figure(text: str, figure: Figure, dates: list[re.Match[str]], split: int) -> re.Match[str] | None:
    """The nearest of ``dates[:split]`` (those starting before the figure) that dates it. One that ends more than
    _TURNOUT_REACH before the figure, with a digit between, dates it only when an _ON_A_TURNOUT ends at the figure,
    and so does none before it."""
    reach = figure.span.start - _TURNOUT_REACH
    turnout: bool | None = None  # whether an _ON_A_TURNOUT ends at the figure, searched from ``reach``
    for k in range(split - 1, -1, -1):
        date = dates[k]
        if _dates_the_figure(text, date, figure):
            return date
        if date.end() <= reach:
            if turnout is None:
                turnout = _ON_A_TURNOUT.search(text, reach, figure.span.start) is not None
            if not turnout and _DIGIT.search(text, date.end(), figure.span.start):
                return None
    return None


def _date_after_figure(
    text: str, figure: Figure, dates: list[re.Match[str]], split: int, end: int, turnouts: list[int]
) -> re.Match[str] | None:
    """The nearest of ``dates[split:]`` (those starting at the figure or after it) that dates it. Past the first
    digit after the figure (and after its stated base: "a third of its 900 staff had quit by 2021"), which
    every date beyond has between it and the figure, only one an _ON_A_TURNOUT ends at can."""
    stated = figure.unit == "%" and _BASE_OPENING.match(text, figure.span.end)
    base = _STATED_BASE.match(text[figure.span.end : end]) if stated else None
    digit = _DIGIT.search(text, figure.span.end + (base.end() if base else 0), end)
    for k in range(split, len(dates)):
        date = dates[k]
        if digit is not None and date.start() > digit.start():
            return next(
                (
                    dates[t]
                    for t in turnouts[bisect.bisect_left(turnouts, k) :]
                    if _dates_the_figure(text, dates[t], figure)
                ),
                None,
            )
        if _dates_the_figure(text, date, figure):
            return date
    return None


_BASE_OPENING = lazy_re.compile(r"\s+of\s", re.IGNORECASE)  # what _STATED_BASE opens with


_SEGMENT: tuple[str, Span, Span, tuple[int, int]] = ("", Span(0, 0), Span(0, 0), (0, 0))  # the last figure's


def _segment(text: str, span: Span, sentence: Span) -> tuple[int, int]:
    """The stretch between commas around ``span`` (not the commas in "1,200"); a clause opening with "when",
    "that" or "which" reaches back to the stretch it qualifies ("in 2018, when 31 people died"). Asked three
    times per figure (scope, expectation, apart): the last answer is kept."""
    global _SEGMENT
    cached = _SEGMENT  # read once: another thread may replace it meanwhile
    if cached[0] is text and cached[1] == span and cached[2] == sentence:
        return cached[3]
    found = _segment_of(text, span, sentence)
    _SEGMENT = (text, span, sentence, found)
    return found


def _segment_of(text: str, span: Span, sentence: Span) -> tuple[int, int]:
    # the breaks are in order and apart: the last one before ``span`` and the first after it by bisection (a
    # sentence of 2,000 figures and commas, each figure filtering all its breaks, was quadratic)
    breaks = _breaks(text, sentence)
    before = bisect.bisect_right(breaks, span.start, key=_break_end)  # how many end before the span
    following = bisect.bisect_left(breaks, span.end, key=_break_start)
    end = breaks[following][0] if following < len(breaks) else sentence.end
    if before and _RELATIVE.match(text, breaks[before - 1][1]):
        before -= 1
    return (breaks[before - 1][1] if before else sentence.start), end


def _break_start(found: tuple[int, int]) -> int:
    return found[0]


def _break_end(found: tuple[int, int]) -> int:
    return found[1]


# "41 Britons", "two Americans", "12 Democrats" (not a first name: "5 Carlos", "18 Nicolas", "8 Venus")
_DEMONYM = re.compile(r"\s+([A-Z][a-z]+(?<![aou])s)\b")
_POSSESSIVE_OR_RANGE = lazy_re.compile(r"['’]s\b|\s*(?:and|to|[-–])\s*\d")
# ", killing 21" tells what the clause before it did: its date is the figure's ("in 2011 a bus fell, killing 21")
_ON_A_TURNOUT = lazy_re.compile(r"\s(?:on|with)\s+(?:a\s+)?turnout\s+of\s+$", re.IGNORECASE)
_TURNOUT_REACH = 120  # _ON_A_TURNOUT ends at the figure: ~20 characters, with room for runs of blanked markup
_DIGIT = re.compile(r"\d")
_RELATIVE = lazy_re.compile(r"\s*(?:when|that|which|where|killing|injuring|wounding|leaving)\b")


def _dates_the_figure(text: str, match: re.Match[str], figure: Figure) -> bool:
    if _NOT_A_SCOPE.search(text, max(0, match.start() - 12), match.start("scope")):
        return False
    if _POSSESSIVE_OR_RANGE.match(text, match.end()):
        return False  # "last year's floods", "1985 and 2015"
    # Searched in place, not in a copy of the text between: a sentence's every figure against its every date
    # (a table flattened into one sentence of 2,000 figures took 22 s copying and scanning what lies between).
    start, end = min(match.end(), figure.span.end), max(match.start(), figure.span.start)
    if _ON_A_TURNOUT.search(text, max(start, end - _TURNOUT_REACH), end):
        return True  # "won in 2020 with 54% on a turnout of 49%": the turnout is the same vote's
    if figure.unit == "%" and match.start() >= figure.span.end:
        # "a third of its 900 staff had quit by 2021": its base
        between = _STATED_BASE.sub("", text[start:end], count=1)
        return not _DIGIT.search(between)
    return not _DIGIT.search(text, start, end)  # a figure in between is the one the date belongs to


_DAYS = alternation(WEEKDAYS)
_TIME = lazy_re.compile(
    rf"\b(?:by|as of|as at|until|up to)\s+(?:(?:late|early)\s+)?(?:{_DAYS}|noon|midday|midnight|nightfall|"
    r"dawn|dusk|the (?:morning|afternoon|evening|weekend)|tonight|\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|"
    rf"(?:{_MONTH})\.?\s+\d{{1,2}})\b|\b(?:initially|at first|first reported|earlier reports)\b",
    re.IGNORECASE,
)
# the day a statement was made, before the figure it gives: "On Sunday, Osri said 16 …", "the ministry said on
# Monday that 30 …", "speaking to reporters on Friday morning, said 13" (not "12 were killed on Monday": the event's)
_STATED_ON = lazy_re.compile(
    rf"\b(?P<day>on\s+(?:{_DAYS}))\b(?:\s+(?:morning|afternoon|evening|night)\b)?(?P<rest>(?:(?!\bon\s+(?:{_DAYS})\b)"
    r"[^\d])*)$",
    re.IGNORECASE,
)
# the same after the figure, the day following the speech verb: "have killed 31 people, the agency said on Tuesday"
# (not "31 people died on Tuesday", the deaths' day, nor "…, police said, and the mayor visits on Friday")
_STATED_ON_AFTER = lazy_re.compile(rf"\D*?{sources.SPEECH_VERB_PATTERN}\s+(?P<day>on\s+(?:{_DAYS}))\b", re.IGNORECASE)
_EARLIER_REPORT = lazy_re.compile(EARLIER_REPORT, re.IGNORECASE)
_UPDATE = re.compile(
    rf"\b(?:{alternation(UPDATE_VERBS)})\b"
    r"(?:\s+(?:up|down|sharply|further))?\s+(?:to|at)?\s*$",
    re.IGNORECASE,
)


_LOWERED: tuple[str, str] = ("", "")  # the last draft lower-cased, or the draft itself when that could differ
_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
_TWIN_MIN = 20_000


def _lower_cased(pattern: re.Pattern[str], text: str) -> tuple[re.Pattern[str], str]:
    r"""A pattern and a text to search in place of ``pattern`` (re.IGNORECASE) and ``text``, with the same matches
    at the same places: its twin without re.IGNORECASE and the text lower-cased, or the two as they are.

    The same when ``str.lower`` maps the text character for character (all but "\u0130" do; none changes what
    ``\w``, ``\s``, ``\d`` or ``\b`` see) and the text has neither "\u017f" nor "\u0131", which re.IGNORECASE
    matches as "s" and "i"; and when the pattern is ASCII with no upper-case letter (no ``\S``, ``\W``, …). Then
    every character matches a letter of the pattern ignoring case just where its lower case is that letter
    (``tests/unit/test_search_gates.py`` checks every code point), and the engine compares characters without
    folding them: the taxonomy's patterns search about twice as fast. A match's text is lower-cased. Only for a
    draft of ``_TWIN_MIN`` characters or more: compiling the twin (~2.4 ms) costs a short draft more than it saves.
    """
    global _LOWERED
    if len(text) < _TWIN_MIN:
        return pattern, text
    made = _TWINS.get(id(pattern))
    if made is None or made[0] is not pattern:
        if len(_TWINS) >= 64:
            _TWINS.clear()  # (patterns built per taxonomy: a long-lived caller could make many)
        source = pattern.pattern
        plain = pattern.flags & re.IGNORECASE and source.isascii() and source == source.lower()
        made = _TWINS[id(pattern)] = (pattern, re.compile(source, pattern.flags & ~re.IGNORECASE) if plain else None)
    twin = made[1]
    if twin is None:
        return pattern, text
    cached = _LOWERED  # read once: another thread may replace it meanwhile
    if cached[0] is not text:
        lowered = text.lower()
        same = len(lowered) == len(text) and "\u017f" not in text and "\u0131" not in text
        cached = _LOWERED = (text, lowered if same else text)
    return (twin, cached[1]) if cached[1] is not text else (pattern, text)


_TIME_MARKER: tuple[str, Span, re.Match[str] | None] = ("", Span(0, 0), None)  # the last sentence's


def _last_words(text: str, start: int, end: int, words: int) -> int:
    """Where the last ``words`` words of ``text[start:end]`` (split at whitespace) begin, after the whitespace
    before them: a pattern anchored at ``end`` that spans at most that many words matches from there on if at
    all (``\\s`` and ``str.split`` agree on whitespace; a search from there still sees the character before)."""
    head = text[start:end].rsplit(None, words)
    return start + len(head[0]) if len(head) > words else start


def _time_marker(text: str, sentence: Span) -> re.Match[str] | None:
    """The sentence's as-of marker: the same for each of its figures, so searched once per sentence."""
    global _TIME_MARKER
    cached = _TIME_MARKER  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != sentence:
        cached = _TIME_MARKER = (text, sentence, prefiltered(_TIME).search(text, sentence.start, sentence.end))
    return cached[2]


class _Sentence(NamedTuple):
    """A sentence and the paragraph it is in."""

    paragraph: Span
    span: Span


class _Reading(NamedTuple):
    """A draft as read before its claims are made: sentences, their sources, figures and quotations."""

    sentences: list[_Sentence]
    found: list[Source | None]  # each sentence's own source
    clauses: list[tuple[tuple[int, Source], ...]]  # each sentence's sources clause by clause, by position
    scanned: list[list[Figure]]  # each sentence's figures
    quotations: tuple[Quotation, ...]
    quote_index: SpanIndex
    unspoken_cues: dict[int, Source]  # sentences inside a quotation no one speaks: the cue the quoted text gives


class PatternExtractor:
    name = "offline"

    def __init__(self, taxonomy: Taxonomy, tolerance: Tolerance = DEFAULT_TOLERANCE) -> None:
        self.taxonomy = taxonomy
        self.tolerance = tolerance

    def quotations(self, doc: Document) -> tuple[Quotation, ...]:
        """Every passage in quotation marks with the speaker the text gives it, read as ``extract`` reads them
        (the LLM extractor's reading of a quotation its model did not list)."""
        return self._read(doc).quotations

    def _read(self, doc: Document) -> _Reading:
        """The sentences, their sources and figures, and the quotations' speakers: what claims are made from."""
        text = doc.text
        quotes = quotation_spans(doc)
        sentences = [_Sentence(p, s) for p, s in all_sentences(doc)]
        quote_index = SpanIndex(quotes)
        sentence_index = SpanIndex(s.span for s in sentences)
        inside = [quote_index.overlapping(sent.span) for sent in sentences]  # each sentence's quotations
        cues = [attribution_cues(text, sent.span, quoted) for sent, quoted in zip(sentences, inside, strict=True)]
        found = [
            find_source(text, sent.span, quoted, here)
            for sent, quoted, here in zip(sentences, inside, cues, strict=True)
        ]
        speakers = [speaker_of(text, q, sentence_index.overlapping(q)) for q in quotes]
        named = sorted(
            (s for s in (*found, *speakers) if s is not None and s.span is not None and not is_pronoun(s)),
            key=lambda s: s.span.start if s.span else 0,
        )
        starts = [s.span.start if s.span else 0 for s in named]
        found = [resolve_pronoun(s, named, starts) if s else None for s in found]
        scanned = scan_spans(text, [s.span for s in sentences], self.tolerance)
        scanned = [_with_shares(text, s.span, here, self.tolerance) for s, here in zip(sentences, scanned, strict=True)]
        figured = {i for i, found_here in enumerate(scanned) if any(f.kind in CLAIM_KINDS for f in found_here)}
        clauses = [  # (read for the claims' figures only)
            tuple((at, resolve_pronoun(s, named, starts)) for at, s in clause_sources(text, sent.span, quoted, here))
            if i in figured
            else ()
            for i, (sent, quoted, here) in enumerate(zip(sentences, inside, cues, strict=True))
        ]
        speakers = [resolve_pronoun(s, named, starts) for s in speakers]
        speakers = _carry_speakers(text, quotes, speakers, sentences)
        speakers = _speakers_from_context(text, quotes, speakers, sentences, found, figured)
        speakers = [resolve_pronoun(s, named, starts) for s in speakers]  # "She called it “…”": woven, in context
        speakers = _one_speaker(text, quotes, speakers)
        speakers = _carry_speakers(text, quotes, speakers, sentences)  # on into the quotations that follow
        quotations = tuple(Quotation(q, speaker) for q, speaker in zip(quotes, speakers, strict=True))
        unspoken_cues = _unspoken_cues(text, sentences, inside, figured, quote_index, quotations)
        return _Reading(sentences, found, clauses, scanned, quotations, quote_index, unspoken_cues)

    def extract(self, doc: Document) -> Extraction:
        with collector_paused():
            return self._extract(doc)

    def _extract(self, doc: Document) -> Extraction:
        text = doc.text
        reading = self._read(doc)
        sentences, found, clauses, scanned = reading.sentences, reading.found, reading.clauses, reading.scanned
        quotations, quote_index = reading.quotations, reading.quote_index
        by_span = {q.span: q for q in quotations}
        claims: list[Claim] = []
        apart: set[str] = set()  # claims that are not a figure for their quantity as a whole (``_apart``)
        anonymous: set[str] = set()  # amounts of money that say neither what they are nor whose
        incidents: dict[str, tuple[str, str]] = {}  # a figure's (event class, incident), by claim id
        unowned: set[str] = set()  # claims whose figure no named subject, possessive or contest owns
        story_owner = ""
        story = _story(text, sentences, scanned)
        elsewhere: dict[str, str] = {}  # a figure's place or month the story's title and lede do not name, by claim id
        previous: tuple[Span, Source] | None = None  # (paragraph, source) of the last attributed sentence
        last = -2  # the index of the last sentence with a source, its own or carried on
        block: tuple[Span, Source] | None = None  # the paragraph after "Hewitt writes:", and Hewitt
        frame: tuple[int, str] = (0, "")  # (the last sentence's start, the place its line's "In Ardmore," gave)
        for i, (sent, own) in enumerate(zip(sentences, found, strict=True)):
            frame = _framed(text, sent.span, story, frame)
            carried = _inherit(previous, sent.paragraph)
            if own is None and block is not None and block[0] == sent.paragraph:
                own = block[1]  # "Hewitt writes:¶The movie mentions…": an unmarked block quotation
            elif own is not None and i + 1 < len(sentences) and _introduces_block(text, sent, sentences[i + 1]):
                block = (sentences[i + 1].paragraph, own._replace(inherited=True))
            if own is not None:
                previous = (sent.paragraph, own)
            elif carried is not None and continues(text, sent.span, carried, next_to=last == i - 1):
                own = carried
            last = i if own is not None else last
            for figure in scanned[i]:
                if figure.kind not in CLAIM_KINDS:
                    continue
                source = own
                if _names_source(figure, own):
                    # "Sixty percent of residents said … in a Ledger poll": the respondents' share is the poll's claim
                    beside = _poll_beside(text, figure, own, sent.span, quote_index)
                    if beside is None:
                        continue  # "the two companies said": the figure is in the source's name
                    source = beside
                inside = quote_index.containing(figure.span)
                quote = by_span[inside] if inside else None
                before = [c for at, c in clauses[i] if at < figure.span.start]
                if before and own is found[i]:
                    source = before[-1]  # "While Hurun lists it at $7.2bn, Forbes says it is $5.1bn"
                if own is not None and own.span and figure.span.end <= own.span.start and starts_clause(text, own):
                    source = carried  # "…in three other elections, and party officials said…"
                relative = relative_speaker(text, sent.span, figure.span)  # "X, who reported that…"
                source = relative or source
                # an aside about the speaker is the article's ("Cruz, who has proposed it over five years, said"),
                # but not another's statement in it ("said Ann Hale, of Friends of the Park, which expects 5,000")
                other = relative is not None and (own is None or relative.name != own.name)
                if not other and (
                    _describes_source(text, figure, own, sent.span)
                    or _after_quoted(text, figure, own, sent.span, quote_index)
                    or _in_opening_phrase(text, figure, source, sent.span)
                ):
                    source = None  # "Ana Ruiz, who covered the town hall for 30 years, said": about her
                if quote is not None:  # the speaker's; with none, the cue of the quoted sentence, if it has one
                    source = quote.speaker
                    if source.kind is SourceKind.NONE and i in reading.unspoken_cues:
                        source = reading.unspoken_cues[i]
                        if _names_source(figure, source):
                            continue  # "“…One poll shows…”": the figure is in the source's name
                source = source or Source()
                claim, event_span, owner = self._claim(
                    doc, sent.span, figure, source, quote is not None, len(claims) + 1
                )
                if i == 0 and not story_owner and owner not in ("", "-"):
                    story_owner = owner  # whose story it is: the lede's first figure's owner ("Meridian Trust …")
                if not owner:
                    unowned.add(claim.id)
                place = _elsewhere(text, figure, sent.span, story) or frame[1]
                if place and not (_is_a_place(place) and _names_an_incident(text, figure, sent.span)):
                    elsewhere[claim.id] = place
                if not _background(text, figure, claim, sent.span):
                    if _apart(text, figure, claim, event_span, sent.span, claims):
                        apart.add(claim.id)
                    if _anonymous_money(text, figure, claim, event_span):
                        anonymous.add(claim.id)
                    claims.append(claim)
                    incident = self._incident(text, figure, claim, sentences, i)
                    if incident:
                        incidents[claim.id] = (self.taxonomy.event_class(claim.event), incident)
                    elif episode := self._episode(text, figure, claim, sentences, i):
                        incidents[claim.id] = (f"{self.taxonomy.event_class(claim.event)}, episode", episode)
        if story_owner:  # an unowned figure is the story's subject's: "the 1,600 job cuts" are Meridian Trust's
            claims = [c._replace(scope=_join(c.scope, story_owner)) if c.id in unowned else c for c in claims]
        claims = [c._replace(scope=_join(c.scope, elsewhere[c.id])) if c.id in elsewhere else c for c in claims]
        claims = _incident_scopes(claims, incidents)
        restated = _restatements(text, claims)
        # an anonymous amount that restates another ("18% of the $50bn total, or $11bn") is that one's: compared
        apart |= {c.id for c, old in zip(restated, claims, strict=True) if c.id in anonymous and c is old}
        return derive(Extraction(self.name, restated, quotations), self.taxonomy, apart)

    def _claim(
        self, doc: Document, sentence: Span, figure: Figure, source: Source, in_quote: bool, n: int
    ) -> tuple[Claim, Span | None, str]:
        """The claim for ``figure``, where its event word is, and its owner when it is a named subject's."""
        text = doc.text
        counted, population, noun_start, noun_end = self._counted(text, figure, sentence)
        event, event_span = self._event(text, figure, noun_end, sentence, counted, population)
        if figure.kind == "measure" and figure.unit in _DURATIONS:
            event, event_span = "", None  # "held 30 years", "45 minutes, … killing": how long, not who or how many
        measure = figure.kind == "money" and self._money_measure(population)
        if measure and (event_span is None or event_span.start >= figure.span.end):
            # "a profit of $4.2bn", "the $420m quarterly profit": the figure is the amount reported; an event word
            # later in the clause ("…profit reflected gains in trading, which had recovered") is another's
            event, event_span = MONEY_REPORTED, None
        base = self._base(text, figure, sentence)
        if base is not None and event == "turnout":
            event = "voted"  # "turnout was 62% of the 1.2 million registered voters": the share of them who voted
        if event == "voted" and population == (ROOT,) and counted.lower() == "people":
            population = (self.taxonomy.canonical_population("voters"),)  # "610,000 people cast ballots": voters
        verb_span = event_span  # whose the figure is: the name ending before the verb, the subject's included
        if figure.kind == "money" and not population and event_span and event_span.end <= figure.span.start:
            subject = _SUBJECT.search(text, sentence.start, event_span.start)
            if subject and not _STOP.fullmatch(subject.group(1)) and not _NOT_A_SUBJECT.fullmatch(subject.group(1)):
                # "the plan costs $4bn", "health would get $11bn" (not "it raised $21m", "has reported spending")
                counted, population = subject.group(1), (self.taxonomy.canonical_population(subject.group(1)),)
                event_span = Span(subject.start(1), event_span.end)
        start = min(noun_start, event_span.start if event_span else noun_start)
        end = max(noun_end, event_span.end if event_span else noun_end)
        owner = self._owner(text, figure, verb_span, sentence, counted)
        scope = _join(
            _scope(text, figure, sentence),
            _period(text, figure, noun_end, sentence) if measure else "",
            EXPECTED if _expected(text, figure, sentence) else "",
            owner,
        )
        if owner == f"of {counted}" or (owner and owner == self._named_contest(text, figure, sentence)):
            owner = "-"  # a demonym's people or a named contest: owned, but no company's whose story it is
        time = self._time(text, figure, sentence, update=not measure)
        claim = Claim(
            id=f"c{n}",
            quote=text[start:end],
            span=Span(start, end),
            figure=figure.text,
            figure_span=figure.span,
            value=figure.value,
            counted=counted,
            population=population,
            event=event,
            unit=figure.unit,
            scope=scope,
            time=time,
            source=source,
            in_quote=in_quote,
            base=base,
        )
        return claim, event_span, owner

    def _owner(self, text: str, figure: Figure, event_span: Span | None, sentence: Span, counted: str) -> str:
        """The named entity a figure belongs to, so that two companies', films' or people's figures are never
        one quantity: "Nortel's $300m profit", "The Chorus, a film about…, won two awards" (the subject of the
        figure's verb when it is a proper name, not a common noun such as "Police" or "The company"), and the
        people a demonym names ("41 Britons")."""
        if _DEMONYM.fullmatch(f" {counted}"):
            return f"of {counted}"
        near = max(sentence.start, figure.span.start - 40)
        marked = "'" in text[near : figure.span.start] or "’" in text[near : figure.span.start]  # most have no "'s"
        possessive = _OWNER_POSSESSIVE.search(text, near, figure.span.start) if marked else None
        if possessive:
            return self._proper(possessive.group("name"))
        contest = self._named_contest(text, figure, sentence)
        if contest:
            return contest
        if event_span is None and figure.kind == "money":
            verb = figure.span.start  # "Rival Corvan Bank, which reported on Tuesday, posted a net profit of $1.4bn"
        elif event_span is None or event_span.end > figure.span.start:
            return ""
        else:
            verb = event_span.start
        lead = _without_dateline(text[sentence.start : verb])
        subject = _INTRO_PHRASE.sub("", lead).split(",", 1)[0].strip()
        if event_span is None and subject == lead.strip():
            return ""  # "Its $4.2bn profit": no verb between a subject and the amount
        if not counted:  # "Ivo Marsh has won 9 and Ana Ruiz has won four": the subject is all that says whose
            subject = _AUXILIARIES.sub("", re.split(r"\s(?:and|while|whereas)\s", subject)[-1])
            named = _TRAILING_PROPER.search(subject + " ")  # "An AP count says Marco Rubio has won 15"
            subject = named.group(1) if named else subject
        described = _DESCRIBED.match(subject)  # "The governing Social Democrats … won 41 seats": theirs
        name = subject[described.end() :] if described else subject
        if _PROPER.fullmatch(name):
            return self._proper(name)
        spoken = _SAID_IT.fullmatch(subject)  # "Rival Tessaro Group said in March it would cut 1,200 jobs"
        if spoken:
            named = _TRAILING_PROPER.search(spoken.group("who") + " ")  # "Pellian textile maker Orsina Mills"
            if named:
                return self._proper(named.group(1))
        # "shares in Acme fell 60% while its partner Harbour Labs shed 38%": a bare percentage change belongs to the
        # name ending its clause's subject (for counts this loses real contradictions in the synthetic corpus:
        # "Rebels killed 12", so only percentages)
        if figure.unit != "%":
            return ""
        trailing = _TRAILING_PROPER.search(_CLAUSE_BREAK.split(lead[-400:])[-1])  # a clause, not a whole run-on
        return self._proper(trailing.group(1)) if trailing else ""

    def _incident(self, text: str, figure: Figure, claim: Claim, sentences: list[_Sentence], i: int) -> str:
        """The incident a casualty count belongs to, by its perpetrator's epithet: "Carlton Fair bomber Tom Hale"
        in the figure's sentence (the nearest before it, else the first after it), else the last in the sentence
        before it in its paragraph ("Police had questioned Carlton Fair bomber Tom Hale. Three people were
        killed"). A vote's figure with no date of its own is dated by the last date in the sentences before it in
        its paragraph: "In 2014 the party launched its initiative. It was defeated, with a turnout of 49%." ""
        when the claim has a named contest already, or is neither a casualty count nor a vote's figure."""
        event = self.taxonomy.event_class(claim.event)
        if event in _VOTES and not claim.scope:
            return _paragraph_date(text, sentences, i)
        if event not in _CASUALTIES or self._named_contest(text, figure, sentences[i].span):
            return ""
        sentence = sentences[i].span
        here = [m for m in _EPITHET.finditer(text, sentence.start, sentence.end) if self._proper(m.group("name"))]
        before = [m for m in here if m.end() <= figure.span.start]
        if before or here:
            return self._proper((before or here)[-1 if before else 0].group("name"))
        if i and sentences[i - 1].paragraph == sentences[i].paragraph:
            previous = sentences[i - 1].span
            named = [m for m in _EPITHET.finditer(text, previous.start, previous.end) if self._proper(m.group("name"))]
            if named:
                return self._proper(named[-1].group("name"))
        return ""

    def _episode(self, text: str, figure: Figure, claim: Claim, sentences: list[_Sentence], i: int) -> str:
        """The date of the past episode a casualty count is told in, from before the count in its sentence or
        from its paragraph: "The two were calm until 2003, when a feud became a war in which 9,000 died"; "In 1979
        a feud split the party. Guards later killed 15 prisoners" (a feature's episodes; a scope only when the story
        tells two or more). A count dated in its clause has that date; "" for one on the story's own day."""
        sentence = sentences[i].span
        if self.taxonomy.event_class(claim.event) not in _CASUALTIES or self._named_contest(text, figure, sentence):
            return ""
        if claim.scope:
            return next((p for p in claim.scope.split(", ") if _is_date(p)), "")
        if found := _dates_before(text, Span(sentence.start, figure.span.start), months=True):
            return found
        if _STORY_DAY.search(text, sentence.start, sentence.end):
            return ""  # "On Monday, 12 were killed": the story's own day, whatever an earlier sentence dates
        return _paragraph_date(text, sentences, i, _EPISODE_REACH)

    def _named_contest(self, text: str, figure: Figure, sentence: Span) -> str:
        """The named contest or incident the figure's sentence places it in, nearest first, with no other
        figure between: "212,000 people voted in the Green primary" and "In the Liberal primary, 418,000
        people voted" are two primaries' figures; "the Harbour Day attack in Carlton, Ore. — where 31 were killed"."""
        if not _holds_contest_word(text, sentence):
            return ""  # (most sentences: no word a contest ends with)
        found = [
            m
            for m in _CONTEST.finditer(text, sentence.start, sentence.end)
            if not any(
                f.span != figure.span and not _COORDINATED.fullmatch(text, f.span.end, figure.span.start)
                for f in figures(text, Span(min(m.end(), figure.span.start), max(m.start(), figure.span.end)))
            )
        ]
        if not found:
            return ""
        nearest = min(found, key=lambda m: min(abs(m.start() - figure.span.end), abs(figure.span.start - m.end())))
        return self._proper(f"{nearest.group('name')} {nearest.group('what')}")

    def _proper(self, name: str) -> str:
        """``name`` when it is a proper name rather than a word the taxonomy or attribution lists know."""
        words = [w for w in name.split() if w[0].isupper() and w.lower() not in ("the", "a", "an")]
        if not words or any(self.taxonomy.population_pattern.fullmatch(w) for w in words):
            return ""
        if sources.classify(name) in (SourceKind.VAGUE,) or re.fullmatch(
            rf"(?:the\s+)?(?:{sources.ORGS}|{sources.ROLES}|{sources.DOCUMENTS})s?", name, re.IGNORECASE
        ):
            return ""
        return f"of {' '.join(name.split())}"

    def _money_noun_before(self, text: str, figure: Figure, sentence: Span) -> re.Match[str] | None:
        """What a money figure counts when its noun comes first: any counted noun in "a net profit of $4.2bn",
        "sales of $12bn"; an amount of money (profit, revenue…) as the subject of "profit was $4.2bn",
        "revenue rose 9% to $21.7bn"."""
        noun_of, noun_verb = self._money_noun_patterns
        lead = text[sentence.start : figure.span.start]
        found = noun_of.search(lead)
        if found is None:  # only an amount of money is the subject: not "the prisoners were $4bn in debt"
            found = noun_verb.search(lead)
            if found is None or not self._money_measure((self.taxonomy.canonical_population(found.group("noun")),)):
                return None
        return self.taxonomy.population_pattern.match(text, sentence.start + found.start(), figure.span.start)

    @functools.cached_property
    def _money_noun_patterns(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """Compiled once per extractor (built from the taxonomy's nouns, they were looked up per money figure)."""
        nouns = self.taxonomy.population_pattern.pattern
        return (
            re.compile(rf"(?P<noun>{nouns})\s+of\s+$", re.IGNORECASE),
            re.compile(rf"(?P<noun>{nouns})\s+{_MONEY_VERB}\s*$", re.IGNORECASE),
        )

    def _money_measure(self, population: tuple[str, ...]) -> bool:
        """Profit, revenue, a fee: an amount of money that is itself what is reported (a child of "money")."""
        return bool(population) and all(MONEY in self.taxonomy.ancestors(p) for p in population)

    def _counted(self, text: str, figure: Figure, sentence: Span) -> tuple[str, tuple[str, ...], int, int]:
        """The counted noun phrase (after the figure, or before it for money), its canonical populations, and
        where the claim's quote starts and ends."""
        after_start = figure.span.end
        if figure.kind == "money":
            before = self._money_noun_before(text, figure, sentence)
            if before:
                noun = before.group(0)
                return noun, (self.taxonomy.canonical_population(noun),), before.start(), after_start
            worth = re.match(r"\s+worth\s+of\b", text[after_start : sentence.end])
            if worth:  # "nearly $2 million worth of radio ads": the ads are what the money counts
                after_start += worth.end()
        if figure.kind == "measure":
            unit = re.match(r"[\s-]*[a-zA-Z/]+", text[after_start : sentence.end])
            return "", (), figure.span.start, after_start + (unit.end() if unit else 0)
        compound = _COMPOUND.match(text[after_start : sentence.end])
        if compound and compound.group(1) != "strong":
            # "a 6,000-word essay about one woman's life": the figure counts what it is hyphenated to, not a
            # noun further on ("a 5,000-strong crowd" still counts the crowd)
            end = after_start + compound.end()
            return compound.group(1), (self.taxonomy.canonical_population(compound.group(1)),), figure.span.start, end
        window_end = min(sentence.end, after_start + 80)
        window = text[after_start:window_end]
        window = _WINDOW_END.split(window, maxsplit=1)[0]  # not "U.S."
        which = _OF_WHICH.match(window)
        if which:  # "19 hearings in all, 11 of which had been held": a part of things named before, not people
            return "", (), figure.span.start, after_start + which.end()
        partitive = _PARTITIVE_EVENT.match(window)
        if partitive and self.taxonomy.event_of(partitive.group(1)):
            # "four of the wounded were in a serious condition": part of the wounded, counted for what follows
            return partitive.group(0).strip(), (ROOT,), figure.span.start, after_start + partitive.end()
        base = re.match(rf"{_OF_BASE}(?:{DIGITS}|[a-z]+)[\s-]", window) if figure.unit == "%" else None
        if base:  # "40% of the 200 workers": the percentage counts what its base counts
            skip = base.end() - 1
            after_start, window = after_start + skip, window[skip:]
        stop_words, folded = _lower_cased(_STOP, text)  # (a part of the text is lower-cased as the whole is)
        stops = stop_words.finditer(window if folded is text else window.lower())
        if _OF_AFTER.match(window):  # "dozens of prisoners", "six members of the security forces"
            stops = (m for m in stops if m.group(0).lower() != "of")
        stop = next(stops, None)
        phrase = window[: stop.start()] if stop else window
        events, folded = _lower_cased(self.taxonomy.event_pattern, text)
        event = events.search(phrase if folded is text else phrase.lower())
        if event:  # "the $400m plan costs": the noun phrase ends where the event begins
            phrase = phrase[: event.start()]
        populations, folded = _lower_cased(self.taxonomy.population_pattern, text)
        match = populations.search(phrase if folded is text else phrase.lower())  # (its words come lower-cased)
        if match and not _NOT_THE_NOUN_BEFORE.search(phrase[: match.start()]):
            names = [self.taxonomy.canonical_population(match.group(0))]
            end = after_start + match.end()
            union = _UNION.match(text[end:window_end])
            if union:
                more = self.taxonomy.population_pattern.match(text, end + union.end(), window_end)
                if more:
                    names.append(self.taxonomy.canonical_population(more.group(0)))
                    end = more.end()
            return text[after_start:end].strip(), tuple(dict.fromkeys(names)), figure.span.start, end
        words = _head_words(phrase)
        if words and figure.kind in ("count", "percent", "money") and not _STOP.fullmatch(words.group(1).split()[-1]):
            noun = words.group(1).split()[-1]
            if not _NOT_A_NOUN_RE.fullmatch(noun):
                # "two Grand Slam titles" against "24 titles": a noun qualified by a name counts a part of its own
                named = _NAMED_NOUN.fullmatch(words.group(1))
                population = f"{' '.join(named.group(1).lower().split())} {noun}" if named else noun
                return (
                    words.group(1),
                    (self.taxonomy.canonical_population(population),),
                    figure.span.start,
                    after_start + words.end(),
                )
        demonym = _DEMONYM.match(phrase)
        if demonym and figure.kind == "count":
            # "41 Britons are confirmed dead", "two Americans were killed": people, but a group of their own (its
            # owner, ``_owner``), not everyone
            return demonym.group(1), (ROOT,), figure.span.start, after_start + demonym.end()
        if figure.kind == "count":  # "35 were killed": a figure with no noun counts everyone involved
            return "", (ROOT,), figure.span.start, after_start
        return "", (), figure.span.start, after_start

    def _event(
        self,
        text: str,
        figure: Figure,
        noun_end: int,
        sentence: Span,
        counted: str = "",
        population: tuple[str, ...] = (),
    ) -> tuple[str, Span | None]:
        """The event word of the figure's clause: just before it ("the death of 36") or after it ("were killed")."""
        lead_start = max(sentence.start, figure.span.start - 40)
        lead = text[lead_start : figure.span.start]
        if _base_of(lead):
            return "", None  # "40% of the 200 workers": 200 is the base of the percentage, not an event count
        events, folded = _lower_cased(self.taxonomy.event_pattern, text)  # (matches' words come lower-cased)
        lead_folded = lead if folded is text else folded[lead_start : figure.span.start]
        for match in reversed(list(events.finditer(lead_folded))):
            if _LEAD_IN.fullmatch(lead[match.end() :]):
                base = figure.span.start - len(lead)
                span = Span(base + match.start(), base + match.end())
                if self._not_custody(text, figure, span, noun_end, sentence, counted, population, lead=True):
                    break
                return self._treated_for(text, noun_end) or (self._event_name(text, match.group(0), span.start), span)
            break
        clause_end = sentence.end
        brk = _next_clause_break(text, noun_end, sentence)
        if brk is not None:
            clause_end = brk
        for other in figures(text, Span(noun_end, clause_end), self.tolerance):  # (the first that ends it only)
            if not _COORDINATION.match(text[noun_end : other.span.start]) and not re.match(
                r"^\s*(?:,\s*)?(?:and|or)\s", text[noun_end : other.span.start]
            ):
                clause_end = other.span.start
                break
        subordinate = prefiltered(_SUBORDINATE).search(text, noun_end, clause_end)
        if subordinate:
            clause_end = subordinate.start()  # "peaked at 9.4m, just before Ana Ruiz won": Ruiz's event
        for relative in _RELATIVE_OF_ANOTHER.finditer(text, noun_end, clause_end):
            if text[noun_end : relative.start()].strip(" ,") and not _PLACE_BETWEEN.fullmatch(
                text, noun_end, relative.start()
            ):
                clause_end = relative.start()  # the relative clause of a noun after the figure's
            break
        for after in events.finditer(folded, noun_end, clause_end):
            if _DETERMINED.search(text, max(noun_end, after.start() - 30), after.start()):
                continue  # "a woman who puts her fortune at…", "from trade to the farm budget": a noun
            span = Span(after.start(), after.end())
            if (
                after.group(0).lower() in ("case", "cases")
                and _IN_CASES.search(text, max(sentence.start, after.start() - 25), after.start())
                and not re.match(r"\s+of\b", text[after.end() : after.end() + 4])
            ):
                continue  # "waited, in some cases for a year", "in three cases": instances, not infections
            gerund = after.group(0).lower().endswith("ing") and _GERUND_OF.search(text, noun_end, after.end())
            if gerund and text[noun_end : gerund.start()].strip():
                continue  # "aimed at delaying, and then killing, a bill": a gerund's (not "$9m in spending")
            if self._not_custody(text, figure, span, noun_end, sentence, counted, population, lead=False):
                continue
            return self._event_name(text, after.group(0), after.start()), Span(after.start(), after.end())
        return "", None

    def _not_custody(
        self,
        text: str,
        figure: Figure,
        span: Span,
        noun_end: int,
        sentence: Span,
        counted: str,
        population: tuple[str, ...],
        lead: bool,
    ) -> bool:
        """True when an arrest or release word does not say what happened to the figure's people: "free" as an
        adjective ("three free credit reports", "tuition-free"), a participle of another noun ("a poll of 400 voters
        released Friday"), or an arrest word whose object is not people ("held five debates", "held 33 percent",
        "captured two states") with no custody in sight."""
        word = text[span.start : span.end].lower()
        if self.taxonomy.canonical_event(word) not in _CUSTODY_EVENTS:
            return False
        before = text[max(sentence.start, span.start - 30) : span.start]
        if word == "free":
            if "-" in (text[span.start - 1 : span.start], text[span.end : span.end + 1]):
                return True  # "tuition-free", "free-trade"
            set_free = not text[noun_end : span.start].strip() and re.search(
                r"\b(?:set|sets|setting|let|lets)\s+(?:the\s+|all\s+)?$", text[sentence.start : figure.span.start]
            )
            if not set_free and not _AUXILIARY.search(before):
                return True  # "three free credit reports": an adjective (not "set 40 prisoners free", "walked free")
        participle = word.endswith("ed") or word == "held"
        if not lead and participle and text[noun_end : span.start].strip() and not _AUXILIARY.search(before):
            return True  # the word governs another noun between: "voters released on Monday by Harbour Research"
        if not lead and re.search(
            rf"\b(?:{sources.DOCUMENTS})\s+of\s+$", text[sentence.start : figure.span.start], re.I
        ):
            return True  # "a poll of 400 registered voters released on Friday": the document is what was released
        if text[figure.span.end : figure.span.end + 1] == "-":
            return True  # "held a 300-person meeting": the figure describes what was held
        if lead and not counted and word in ("held", "hold", "holds", "holding"):
            return True  # "hasn't held one this year": one of something named before, not a person in custody
        if self.taxonomy.canonical_event(word) != "arrested":
            return False  # "released 5,500 pages" is still a count of pages released, compared as one
        people = any(p == ROOT or ROOT in self.taxonomy.ancestors(p) for p in population)
        return not people and not _CUSTODY_CUE.search(
            text, max(sentence.start, span.start - 60), min(sentence.end, span.end + 60)
        )

    def _treated_for(self, text: str, noun_end: int) -> tuple[str, Span] | None:
        """ "treated 62 people for injuries": what they were treated for names the event, when it is one."""
        cause = re.match(r"\s+for\s+(?:their\s+|minor\s+|serious\s+)?([a-z]+)\b", text[noun_end : noun_end + 40])
        if not cause or not self.taxonomy.event_of(cause.group(1)):
            return None
        return self.taxonomy.canonical_event(cause.group(1)), Span(noun_end + cause.start(1), noun_end + cause.end(1))

    def _event_name(self, text: str, word: str, start: int) -> str:
        event = self.taxonomy.canonical_event(word)
        if _ATTEMPT.search(text[max(0, start - 30) : start]):
            return f"{event} (attempted)"
        return event

    def _time(self, text: str, figure: Figure, sentence: Span, update: bool = True) -> str:
        """An as-of marker ("by Tuesday"), or the verb of an update ("the toll rose to 19"). A company's profit
        that "rose to $4.2bn" is not a running tally: it is compared with another period, not updated."""
        marker = _time_marker(text, sentence)
        if marker:
            return marker.group(0)
        if not update:
            return ""
        # (a count only: a share meets the counts it implies at one moment, "said on Tuesday it would cut a third
        # of its 900 staff" and "the 400 staff being laid off")
        # ("day" ends every weekday: most sentences name none, and are not searched; nor copied for each figure)
        day = figure.kind == "count" and _holds_word(text, sentence.start, figure.span.start, ("day",))
        lead = text[sentence.start : figure.span.start] if day else ""
        stated = _STATED_ON.search(lead) if day else None
        if stated and (
            sources.SPEECH_VERB.search(stated.group("rest"))
            or re.search(r"\b(?:said|says|told\s+\w+|reported|announced)\s+$", lead[: stated.start()])
        ):
            return stated.group("day")  # the figure holds on the day it was given
        day_after = figure.kind == "count" and _holds_word(text, figure.span.end, sentence.end, ("day",))
        stated_after = _STATED_ON_AFTER.match(text, figure.span.end, sentence.end) if day_after else None
        if stated_after:
            return stated_after.group("day")
        had = _holds_word(text, sentence.start, figure.span.start, ("had",))
        earlier = _EARLIER_REPORT.search(text, sentence.start, figure.span.start) if had else None
        if earlier and not sources.SPEECH_VERB.search(text, sentence.start, earlier.start()):
            return earlier.group(0)  # an earlier report's figure: not the story's present one
        # _UPDATE ends where the figure starts and holds at most three words: searched from the third word back,
        # not from every word of the sentence
        found = _UPDATE.search(text, _last_words(text, sentence.start, figure.span.start, 3), figure.span.start)
        return found.group(0).strip() if found else ""

    def _base(self, text: str, figure: Figure, sentence: Span) -> Interval | None:
        if figure.unit != "%":
            return None
        # matched in place, and only the first figure after it read (a copy of the rest of the sentence and all
        # its figures, for each percentage, was quadratic in a sentence of thousands)
        match = _OF_BASE_AT.match(text, figure.span.end, sentence.end)
        if not match:
            return None
        at = match.end()
        first = next(figures(text, Span(at, sentence.end), self.tolerance), None)
        if first is not None and first.span.start == at and first.kind in ("count", "money"):
            return first.value
        return None


_OF_BASE_AT = lazy_re.compile(_OF_BASE)


# "was", "came in at", "rose 9% to", "fell by a third to": a verb between an amount and its figure
_MONEY_VERB = (
    r"(?:(?:was|were|is|are|has been|had been|totalled|totaled|reached|hit)|(?:(?:rose|fell|grew|jumped|climbed|"
    r"increased|decreased|dropped|slipped|slumped|declined|came\s+in|stood|amounted)(?:\s+(?:by\s+)?(?:\d[\d.,]*\s*"
    r"(?:%|per\s?cent)|a\s+(?:third|quarter|fifth|half)))?\s+(?:to|at)))"
)
MONEY = "money"
MONEY_REPORTED = "reported"
# Analysts' expectations are a different quantity from the result they anticipate: "analysts had expected a
# profit of $3.9bn" is not the bank contradicting its own $4.2bn, nor is "the toll is expected to rise to 50"
# the officials' 35. Such figures get their own scope, so they are compared only with other expectations. A bare
# "estimated" is not a cue: "police estimated the crowd at 5,000" is the police's figure for the crowd now.
EXPECTED = "expected"
_EXPECTATION = (
    r"expect|expects|expected|expecting|expectations?|anticipated|anticipating|forecasts?|forecasting|forecasted|"
    r"predicted|predicting|predictions?|projected|projections?|consensus|"
    r"(?:analysts?['’]?|average|consensus|market)\s+estimates?"
)
_EXPECTED_BEFORE = lazy_re.compile(rf"\b(?:{_EXPECTATION})\b", re.IGNORECASE)
# "the $3.9bn analysts had expected", "the $3.9bn expected": the cue right after the figure, past only the
# words that say who expected it ("…$4.2bn beating forecasts" is the result, not the forecast)
_EXPECTED_AFTER = re.compile(
    r"\s+(?:(?:that|the|most|many|some|analysts?|economists?|forecasters?|markets?|investors?|traders?|had|have|"
    r"been|widely|polled)\s+){0,4}(?:expected|forecast|predicted|anticipated|projected)\b",
    re.IGNORECASE,
)


def _with_shares(text: str, sentence: Span, found: list[Figure], tolerance: Tolerance) -> list[Figure]:
    """The sentence's figures with its shares in words of a stated base ("a third of its 900 staff", "one in four
    of the 800 nurses") read as percentages, which the scanner does not find (it reads "four" as a count)."""
    if not any(f.kind == "count" for f in found) or "of" not in text[sentence.start : sentence.end].lower():
        return found
    if not _OF_A_BASE.search(text, sentence.start, sentence.end):
        return found  # (no stated base: no share of one)
    shares: list[Figure] = []
    for match in _SHARE_OF_BASE.finditer(text, sentence.start, sentence.end):
        value = parse_share(match.group(1), tolerance)
        if value is not None:
            span = Span(match.start(1), match.end(1))
            shares.append(Figure(span, match.group(1), value, "%", "percent"))
    if not shares:
        return found
    kept = [f for f in found if not any(f.span.start < s.span.end and s.span.start < f.span.end for s in shares)]
    return sorted([*kept, *shares], key=lambda f: f.span.start)


def _expected(text: str, figure: Figure, sentence: Span) -> bool:
    """An expectation or forecast: a cue before the figure in its stretch between commas and its clause, or
    just after it."""
    start, end = _segment(text, figure.span, sentence)
    index = _cues_in(text, start, end)
    start = _last_break_end(text, index, figure.span.start)
    return _expectation_between(text, index, start, figure.span.start) or bool(
        _EXPECTED_AFTER.match(text, figure.span.end, sentence.end)
    )


# Each figure of a stretch searched it again from its start for clause breaks and expectation cues (quadratic in a
# flattened table's one stretch of thousands of figures): the stretch's breaks and cues are found once, and what a
# search up to a figure finds is read from them. A search that ends at the figure differs from the stretch's only
# where a match could read the figure's first character: no further back than _BREAK_READ for a clause break (its
# longest match and the \b after it), and, for a cue, only a cue ending right at the figure (a \b at the end of
# the search holds before a letter or digit).
_BREAK_READ = 16
_WORD_CHAR = lazy_re.compile(r"\w")


class _Cues(NamedTuple):
    """A stretch's clause breaks (_CLAUSE_BREAK's matches, in order) and where an expectation cue matches in it (a
    lookahead: every place), with its match's end."""

    text: str
    start: int
    end: int
    breaks: list[re.Match[str]]
    break_starts: list[int]
    cues: list[int]
    cue_ends: list[int]


_CUES = _Cues("", 0, 0, [], [], [], [])  # the last stretch's
_EXPECTED_AT = lazy_re.compile(f"(?={lazy_re.source(_EXPECTED_BEFORE)[0]})", lazy_re.source(_EXPECTED_BEFORE)[1])


def _cues_in(text: str, start: int, end: int) -> _Cues:
    global _CUES
    cached = _CUES  # read once: another thread may replace it meanwhile
    if cached.text is not text or cached.start != start or cached.end != end:
        breaks = list(prefiltered(_CLAUSE_BREAK).finditer(text, start, end))
        cues = [m.start() for m in _EXPECTED_AT.finditer(text, start, end)]
        matched = (_EXPECTED_BEFORE.match(text, at, end) for at in cues)  # (each matches: the lookahead did)
        ends = [m.end() if m else end for m in matched]
        cached = _CUES = _Cues(text, start, end, breaks, [m.start() for m in breaks], cues, ends)
    return cached


def _last_break_end(text: str, cues: _Cues, at: int) -> int:
    """The end of the last of ``_CLAUSE_BREAK.finditer(text, cues.start, at)``, or ``cues.start`` when there is none:
    the stretch's breaks that start more than _BREAK_READ before ``at`` (the search's, too), then a search of the
    rest."""
    safe = at - _BREAK_READ
    k = bisect.bisect_left(cues.break_starts, safe)
    last = cues.breaks[k - 1].end() if k else cues.start
    tail = list(prefiltered(_CLAUSE_BREAK).finditer(text, max(last, safe), at))
    return tail[-1].end() if tail else last


def _expectation_between(text: str, cues: _Cues, start: int, at: int) -> bool:
    """``_EXPECTED_BEFORE.search(text, start, at) is not None``, for ``start`` and ``at`` in the stretch: a cue
    starting from ``start`` whose match ends before ``at``, or that matches up to ``at`` when its match reads past
    it; the search itself only when a cue could end at ``at`` where the stretch's cannot (a word character on both
    sides)."""
    if at < cues.end and at > start and _WORD_CHAR.match(text, at - 1) and _WORD_CHAR.match(text, at):
        return _EXPECTED_BEFORE.search(text, start, at) is not None
    for k in range(bisect.bisect_left(cues.cues, start), len(cues.cues)):
        if cues.cues[k] >= at:
            break
        if cues.cue_ends[k] < at or _EXPECTED_BEFORE.match(text, cues.cues[k], at):
            return True
    return False


# Which period a company's figure covers: a quarter's profit is not the year's.
_PERIODS = (
    (
        "quarter",
        lazy_re.compile(r"\b(?:quarterly|(?:first|second|third|fourth|1st|2nd|3rd|4th)[-\s]quarter|Q[1-4])\b", re.I),
    ),
    ("half year", lazy_re.compile(r"\b(?:half-year(?:ly)?|(?:first|second)[-\s]half|H[12]|six-month)\b", re.I)),
    ("full year", lazy_re.compile(r"\b(?:annual|full-year|yearly|twelve-month|12-month)\b", re.I)),
)


def _period(text: str, figure: Figure, noun_end: int, sentence: Span) -> str:
    """ "quarter" for "the $420m quarterly profit" and "a fourth-quarter net profit of $4.2bn", or ""."""
    start, _ = _segment(text, figure.span, sentence)
    stretch = text[start:noun_end]
    return next((name for name, pattern in _PERIODS if pattern.search(stretch)), "")


_OWNER_POSSESSIVE = lazy_re.compile(r"(?P<name>\b[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s\s+(?:[a-z-]+\s+){0,3}$")
_PROPER = lazy_re.compile(r"(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+(?:(?:of|the|and|&)\s+)?[A-Z][\w'’&.-]*){0,5}")
# "The" and a word or two of description before a proper name: "The governing", "The opposition", "The newly
# elected" (words shaped like adjectives and participles: not "The jury found Stane", a clause)
_DESCRIBED = lazy_re.compile(
    r"The\s+(?:(?:[a-z-]+(?:ing|ed|al|ic|ive|ous|ent|ant|ary|ist|ly|ern)|former|new|old|main|opposition|rival)\s+)"
    r"{1,2}(?=[A-Z])"
)
_TRAILING_PROPER = lazy_re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’&.-]*\s+){0,3}[A-Z][\w'’&.-]*)\s+$")
# "where 31 were killed and some 90 hurt": the second figure of a pair joined by "and"
_COORDINATED = lazy_re.compile(r"\s+(?:[a-z]+\s+){0,3}and\s+")
_CONTEST = lazy_re.compile(
    r"\b(?i:in|at|during|of|from|after|since|following)\s+the\s+(?P<name>(?:[A-Z][\w'’.-]*\s+)+(?:\d{1,2}\s+)?)"
    r"(?P<what>primary|primaries|"
    r"caucus(?:es)?|elections?|race|contest|referendum|ballot|attacks?|bombings?|shootings?|massacre|riots?|"
    r"crash|earthquake|quake|floods?|war|raids?|siege|uprising)\b"
)
# what every match of _CONTEST holds (its "what" group), searched first: _CONTEST opens with \b and the engine tries
# it at every word
_CONTEST_WORDS = "primar caucus election race contest referendum ballot attack bombing shooting massacre riot"
_CONTEST_WORD = lazy_re.compile(grouped(f"{_CONTEST_WORDS} crash quake flood war raid siege uprising".split()))
# "Orsina Mills said on Tuesday it would": the speaker is the subject its "it" stands for
_CONTEST_WORD_IN: tuple[str, Span, bool] = ("", Span(0, 0), False)  # the last sentence's


def _holds_contest_word(text: str, sentence: Span) -> bool:
    """Whether the sentence holds a word a contest ends with: the same for each of its figures, which ask two or
    three times each, so searched once per sentence."""
    global _CONTEST_WORD_IN
    cached = _CONTEST_WORD_IN  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != sentence:
        found = _CONTEST_WORD.search(text, sentence.start, sentence.end) is not None
        cached = _CONTEST_WORD_IN = (text, sentence, found)
    return cached[2]


_SAID_IT = lazy_re.compile(
    r"(?P<who>[^,]+?)\s+(?:said|says|announced|confirmed)\b[^,]*\bit"
    r"(?:\s+(?:would|will|could|may|might|has|had|is|was|also|now|plans?\s+to|expects?\s+to|intends?\s+to))*",
    re.DOTALL,
)
# "Marco Rubio has won 12", "Clinton so far has won six": the subject past its auxiliaries and adverbs
_AUXILIARIES = lazy_re.compile(
    r"(?:\s+(?:has|have|had|is|was|are|were|will|would|also|already|so far|now|just|then|since|again|still))+$"
)
_INTRO_PHRASE = lazy_re.compile(
    r"^(?:On|In|At|By|Before|After|Until|Since|Last|This|Earlier|Meanwhile|However|But|And)\b[^,]*,\s*"
)


# A perpetrator's epithet names an incident by its place or event: "Carlton Fair bomber", "Harbour-town gunman".
_EPITHET = lazy_re.compile(
    r"(?<![\w'’-])(?:The\s+|the\s+)?(?P<name>(?:[A-Z][\w'’.-]*,?\s+){0,2}[A-Z][\w'’.-]*)\s+(?:mass\s+)?"
    rf"(?:{PERPETRATORS})\b"
)
_CASUALTIES = frozenset({"killed", "injured"})
_VOTES = frozenset(("voted", "turnout"))


def _paragraph_date(text: str, sentences: list[_Sentence], i: int, reach: int = -1) -> str:
    """The last date that dates something in the nearest sentence before ``i`` in its paragraph that has one
    (among the ``reach`` sentences before it, when ``reach`` is not -1)."""
    if reach == -1:
        same = i > 0 and sentences[i - 1].paragraph == sentences[i].paragraph
        return _walked_back(text, sentences, i - 1) if same else ""
    j = i - 1
    while j >= 0 and sentences[j].paragraph == sentences[i].paragraph and j != i - 1 - reach:
        if found := _dates_before(text, sentences[j].span):
            return found
        j -= 1
    return ""


# the last draft's sentences, with what walking back from each over its paragraph found (None: not walked yet)
_WALKED: tuple[str, list[_Sentence], list[str | None]] = ("", [], [])


def _walked_back(text: str, sentences: list[_Sentence], j: int) -> str:
    """The last date that dates something in sentence ``j`` or, when it has none, in the nearest sentence before it
    in its paragraph that has one; each sentence's answer is kept for the draft, so that a paragraph's figures
    walking back over it (a draft with no blank lines is one paragraph of thousands) are linear, not quadratic."""
    global _WALKED
    cached = _WALKED  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] is not sentences:
        cached = _WALKED = (text, sentences, [None] * len(sentences))
    walked = cached[2]
    pending: list[int] = []
    found = walked[j]
    while found is None:
        found = _dates_before(text, sentences[j].span)
        pending.append(j)
        if not found and j > 0 and sentences[j - 1].paragraph == sentences[j].paragraph:
            j -= 1
            found = walked[j]
            if found is None:
                continue
        break
    for k in pending:
        walked[k] = found
    return found


def _dates_before(text: str, span: Span, months: bool = False) -> str:
    """The last date in ``span`` that dates something (not "the 2016 season", "last year's", "1985 and 2015");
    with ``months``, a month with no year counts too ("in May, troops killed 70")."""
    dates = [
        m
        for m in _SCOPE.finditer(text, span.start, span.end)
        if not _NOT_A_SCOPE.search(text, max(0, m.start() - 12), m.start("scope"))
        and not _POSSESSIVE_OR_RANGE.match(text, m.end())
    ]
    if months:
        dates += _IN_MONTH.finditer(text, span.start, span.end)
    last = max(dates, key=lambda m: m.start(), default=None)
    if last is None or _DIGIT.search(text, last.end(), span.end):
        return ""  # a figure between the date and the end of the stretch is the one the date belongs to
    return last.group("scope")


# how many sentences back a casualty count looks for its episode's date: a paragraph is one episode, but a draft
# with no blank lines is one paragraph, and each count walking all of it back was quadratic
_EPISODE_REACH = 8


def _is_date(scope: str) -> bool:
    """Whether a part of a claim's scope is a date (_SCOPE's, or a month _elsewhere gave: "in May")."""
    return _SCOPE.fullmatch(scope) is not None or _MONTH_NAME.fullmatch(scope.removeprefix("in ")) is not None


_IN_MONTH = lazy_re.compile(rf"\b(?i:in)\s+(?P<scope>(?:{_MONTH}))\b(?!\.?\s+\d)")


def _without_dateline(lead: str) -> str:
    """``sources.DATELINE.sub("", lead)``: the pattern opens with "^", so only a match at the start is cut (sub
    tried it at every character)."""
    dateline = sources.DATELINE.match(lead)
    return lead[dateline.end() :] if dateline else lead


def _incident_scopes(claims: list[Claim], incidents: dict[str, tuple[str, str]]) -> list[Claim]:
    """Casualty counts scoped by their incidents and votes' figures by their dates, when the story tells two or
    more: a story that names one tells its own incident (or vote) throughout, and a figure that names none there
    is that one's too."""
    told = Counter(event for event, _ in set(incidents.values()))
    incidents = {c: (event, name) for c, (event, name) in incidents.items() if told[event] >= 2}
    return [
        c._replace(scope=_join(c.scope, incidents[c.id][1]))
        if c.id in incidents and incidents[c.id][1] not in c.scope.split(", ")  # (a date the sentence gave it)
        else c
        for c in claims
    ]


# A place or a month in a figure's own clause, after it: "shot 14 people in Ardmore, Velia, in May".
# (not a day, "in Tuesday's vote", nor a possessive; a month with a year or a day after it is _SCOPE's)
_ELSEWHERE = lazy_re.compile(
    rf"\s(?P<at>in|at)\s+(?:the\s+)?(?!(?:{_DAYS})\b)(?P<place>[A-Z][\w.-]*[a-z](?:\s+[A-Z][\w.-]*[a-z])*)\b"
    r"(?!['’]|\s+\d)"
)
# what makes such a place or month no longer the figure's event's: a range or a start ("since March"), a comparison,
# another figure between (the one it belongs to)
_NOT_ELSEWHERE = lazy_re.compile(r"\b(?:since|from|until|between|than)\b|\d", re.IGNORECASE)


class _Story(NamedTuple):
    """The story's title and lede, and whether they place it (a dateline, "in Marlow") and date it ("on Friday")."""

    text: str = ""
    placed: bool = False
    dated: bool = False


# what dates the story's own events in its lede: a day, a month, "yesterday"
_DAY_WORDS = rf"\b(?:{_DAYS}|(?i:yesterday|today|tonight|last night))\b"
_STORY_DAY = lazy_re.compile(_DAY_WORDS)
_STORY_TIME = lazy_re.compile(rf"{_DAY_WORDS}|\b(?:{_MONTH})\b")  # (months as written: not "may")


_LEDE_REST = 600  # characters of the lede's line kept after its first figure's sentence


def _story(text: str, sentences: list[_Sentence], scanned: list[list[Figure]]) -> _Story:
    """The draft up to the end of the line of the first sentence that gives a figure (a line, not the paragraph:
    some copy breaks its paragraphs with single newlines, which read as one paragraph)."""
    for sentence, found in zip(sentences, scanned, strict=True):
        if any(f.kind in CLAIM_KINDS for f in found):
            end = text.find("\n", sentence.span.end, sentence.span.end + _LEDE_REST)  # (a draft with no newline)
            lede = text[: end if end >= 0 else sentence.span.end + _LEDE_REST]
            places = (m.group("place") for m in _ELSEWHERE.finditer(lede))
            dateline = any(sources.DATELINE.match(line) for line in lede.splitlines())
            placed = dateline or any(not _MONTH_NAME.fullmatch(p) for p in places)
            return _Story(lede, placed, _STORY_TIME.search(lede) is not None)
    return _Story()


_MONTH_NAME = lazy_re.compile(_MONTH)


def _elsewhere(text: str, figure: Figure, sentence: Span, story: _Story) -> str:
    """The place or month a figure's own clause names after it ("in Ardmore", "in May") when the story's title and
    lede name a place (a dateline too) or a time of their own and not that one: another place's or another time's
    figure is not the same quantity as the story's unmarked one. "" for the story's own place ("in Marlow" in a
    story datelined MARLOW), and for a place in a story whose lede names none (the lede may leave out the place a
    later paragraph gives)."""
    start, end = _segment(text, figure.span, sentence)
    found = _place_after(text, figure.span.end, start, end)
    if found is None:
        # "Neighboring Harlan County … reported about 600": a sentence about a place the text calls another
        neighbour = _NEIGHBOUR_OPENING.match(text, sentence.start, figure.span.start)
        place = neighbour.group("place") if neighbour else ""
        named = place and re.search(rf"\b{re.escape(place)}\b", story.text)  # (as a whole: "County" is Delmore's too)
        return f"in {place}" if place and not named else ""
    if _NOT_ELSEWHERE.search(text, figure.span.end, found.start()):
        return ""
    place = found.group("place")
    if not (story.dated if _MONTH_NAME.fullmatch(place) else story.placed):
        return ""
    return "" if _in_story(place, story) else f"{found.group('at')} {place}"


# where _ELSEWHERE matches in the last stretch searched (a lookahead: every place, overlapping ones too)
_ELSEWHERE_AT = lazy_re.compile(f"(?={lazy_re.source(_ELSEWHERE)[0]})", lazy_re.source(_ELSEWHERE)[1])
_PLACES: tuple[str, int, int, list[int]] = ("", 0, 0, [])


def _place_after(text: str, at: int, start: int, end: int) -> re.Match[str] | None:
    """``_ELSEWHERE.search(text, at, end)`` for a place ``at`` in the stretch from ``start`` to ``end``: the match at
    the first place the pattern matches at from ``at`` on (the places found once for the stretch; each figure
    searching on to the end of a long stretch with no place, a flattened table's, was quadratic)."""
    global _PLACES
    if at < start:
        return _ELSEWHERE.search(text, at, end)
    cached = _PLACES  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != start or cached[2] != end:
        cached = _PLACES = (text, start, end, [m.start() for m in _ELSEWHERE_AT.finditer(text, start, end)])
    places = cached[3]
    i = bisect.bisect_left(places, at)
    return _ELSEWHERE.match(text, places[i], end) if i < len(places) else None


# "35 people were killed in the blast in Sadr City", "In Sadr City, 35 were killed in the attack": a definite
# reference to an incident in the figure's clause ties it to one the story has told; the place may be a part of the
# story's own (a district of its city), which the patterns cannot tell from another place, so it does not set the
# figure apart ("shot 14 people in Ardmore" names no incident, and another place's count stays apart)
_INCIDENT_REFERENCE = lazy_re.compile(
    r"\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|explosions?|shootings?|massacres?|"
    r"crash(?:es)?|raids?|fires?|quake|earthquake|floods?|siege|ambush|rampage|collapse|fighting|clashes|violence|"
    r"incident|accident|disaster|storm)\b",
    re.IGNORECASE,
)


def _is_a_place(scope: str) -> bool:
    """Whether an "elsewhere" scope (``_elsewhere``'s or a frame's) is a place, not a month."""
    return _MONTH_NAME.fullmatch(scope.split(" ", 1)[1]) is None


def _names_an_incident(text: str, figure: Figure, sentence: Span) -> bool:
    """Whether the figure's clause refers to an incident by a definite description ("in the blast")."""
    start, end = _segment(text, figure.span, sentence)
    return _INCIDENT_REFERENCE.search(text, start, end) is not None


def _in_story(place: str, story: _Story) -> bool:
    """Whether the story's title and lede name a word of ``place`` (as written, or in capitals: a dateline's)."""
    words = place.split()
    return any(re.search(rf"\b(?:{re.escape(word)}|{re.escape(word.upper())})\b", story.text) for word in words)


# a neighbouring place as the sentence's subject or opening: "Neighbouring Kenya has taken in …", "In nearby Ardmore,"
_NEIGHBOUR_OPENING = lazy_re.compile(
    r"[\"“‘']?(?:In\s+)?(?i:neighbou?ring|nearby)\s+(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
)
# "In Ardmore, turnout was 41%": a place opening the sentence (not a month or a day: _MONTH_INTRO's)
_PLACE_OPENING = lazy_re.compile(
    rf"[\"“‘']?(?:In|At)\s+(?:the\s+)?(?!(?:{_DAYS}|{_MONTH})\b)(?P<place>[A-Z][\w.-]*[a-z](?:\s+[A-Z][\w.-]*[a-z])*),"
)


def _framed(text: str, sentence: Span, story: _Story, frame: tuple[int, str]) -> tuple[int, str]:
    """The place a sentence's figures are told for by a place opening it ("In Ardmore, turnout was 41%. It had
    been 46% in 2008."), or by one opening an earlier sentence on its line (a paragraph of a roundup that goes
    place by place), when the story's title and lede do not name it: (the sentence's start, "of Ardmore"); else
    (its start, ""). ``frame`` is the sentence before's. Written as an owner's, since the figures are that place's
    news, not background."""
    # (a newline looked for since the sentence before only: a draft with none was read back to its start each time)
    same_line = text.rfind("\n", frame[0], sentence.start) < 0
    found = _PLACE_OPENING.match(text, sentence.start, sentence.end)
    if found is None:
        return (sentence.start, frame[1] if same_line else "")
    return (sentence.start, "" if _in_story(found.group("place"), story) else f"of {found.group('place')}")


def _join(*scopes: str) -> str:
    return ", ".join(s for s in scopes if s)


# A pronoun or a verb form before a money figure's event is no amount it counts: "it raised $21m", "the PAC
# has reported spending $1.8m" (what was raised or spent is told by an owner, or not at all)
_NOT_A_SUBJECT = lazy_re.compile(r"(?i:it|he|she|they|we|you|i|this|these|those)|[a-z]+(?:ed|ing)")
# Words after a figure that never name what it counts: "$8.2bn next year", "12% a year", "the $3.2 million they took".
_NOT_A_NOUN = (
    r"and|or|of|the|a|an|per|cent|percent|it|they|he|she|we|them|him|her|us|you|me|more|said|says|each|depending|"
    r"year|years|month|months|week|weeks|day|days|quarter|season"
)

_NOT_A_NOUN_RE = lazy_re.compile(_NOT_A_NOUN, re.IGNORECASE)
_NOT_THE_NOUN_BEFORE = lazy_re.compile(r"\d|\b(?:and|or)\s+\w+\s*$")
_UNION = lazy_re.compile(r"\s+(?:and|or)\s+")
_NAMED_NOUN = lazy_re.compile(r"((?:[A-Z][\w.'’-]*\s+)+)[a-z][\w-]*")
# _describes_source's, _after_quoted's and _in_opening_phrase's (thousands of figures a MB: not looked up in re's cache)
_MORE_SPEECH = lazy_re.compile(
    r"\b(?:adding|saying|noting|explaining|warning|insisting|arguing|describing|recalling|estimating|predicting|that)\b"
)
_OWN_ACTION = lazy_re.compile(r"\s*,\s*(?:which|that)\b")
_COMMA_END = lazy_re.compile(r",\s*$")

# _counted's patterns, compiled once (strings looked up in re's cache for every figure)
_COMPOUND = lazy_re.compile(r"-([a-z]+)\b(?!-)")
_WINDOW_END = lazy_re.compile(r"[;:!?()“”\"]|,(?!\d)|(?<!\b[A-Z])\.(?!\d)")
_OF_WHICH = lazy_re.compile(r"\s+of\s+which\b")
_PARTITIVE_EVENT = lazy_re.compile(r"\s+(?:of|among)\s+(?:the|those)\s+([a-z]+)\b")
_OF_AFTER = lazy_re.compile(r"\s+of\s")
_HEAD_WORDS = lazy_re.compile(r"\s+((?:[A-Za-z][\w.'-]*\s+){0,2}[a-z][\w'-]*)")
_HEAD_CUT = lazy_re.compile(r"\s+(?:of|and|or|but)\b")


def _head_words(phrase: str) -> re.Match[str] | None:
    """Up to three words naming what a figure counts, ending at its head noun: "counts" in "14 counts of
    bribery", "aircraft" in "11 aircraft and 60 fire engines" (never past "of", "and", "or" or a figure)."""
    match = _HEAD_WORDS.match(phrase)
    if not match:
        return None
    cut = _HEAD_CUT.search(match.group(1))
    if cut:
        return re.match(rf"\s+({re.escape(match.group(1)[: cut.start()])})", phrase)
    return match


# ", or $11bn", ", the board said, or about 1.4 million people": the same quantity again, in other terms.
_OR = lazy_re.compile(r"(?:[^.;!?]|\.(?=\d))*?,\s*(?:[^,.;]{0,40},\s*)?or\s+")


def _ends_with_or(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` ends with "or" and whitespace, as every match of _OR does (it was tried between every
    two figures, through all of the text between them)."""
    at = end
    while at > start and text[at - 1].isspace():
        at -= 1
    return at < end and at - 2 >= start and text[at - 2 : at] == "or"


def _restatements(text: str, claims: list[Claim]) -> tuple[Claim, ...]:
    """A figure after ", or" restates the figure before it (not that figure's base, as in "18% of the $50bn
    total, or $11bn"): it counts the same thing for the same event and owner, whatever noun it repeats."""
    out = list(claims)
    said: Claim | None = None  # the last figure that is not a percentage's base
    for i, claim in enumerate(out):
        if (
            said is not None
            and _ends_with_or(text, said.figure_span.end, claim.figure_span.start)
            and _OR.fullmatch(text, said.figure_span.end, claim.figure_span.start)
        ):
            population = said.population if claim.population in ((), (ROOT,)) else claim.population
            scope = said.scope or claim.scope  # whose figure it is, too: "Health will get 18% of it, or $11bn"
            out[i] = claim._replace(event=claim.event or said.event, population=population, scope=scope)
        if not _base_of(text[max(0, claim.figure_span.start - 40) : claim.figure_span.start]):
            said = out[i]
    return tuple(out)


# "the two airlines": a definite noun phrase names things already known; "two of the schools" picks some of a
# group already counted. A possessive still tells the reader something: "the company's three plants".
_DEFINITE = lazy_re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
_PARTITIVE = lazy_re.compile(r"\s+of\s+(?:the|these|those)\b", re.IGNORECASE)
# "everyone over 18", "children under 5": an age limit, not a count
_AGE_LIMIT = lazy_re.compile(
    r"\b(?:everyone|everybody|anyone|anybody|all|those|people|persons|adults|children|men|women|patients|"
    r"residents|citizens|voters|workers|staff)\s+$",
    re.IGNORECASE,
)
_BACKGROUND_MAX = 3


# "Smith, 31, was": an age in apposition to a name
_AGE_AFTER_NAME = lazy_re.compile(r"[A-Z][\w'’-]+,\s*(?:then\s+|now\s+|aged\s+)?$")  # "Mr. Sperling, then 38,"
# "The driver, 52, survived", "her brother, 34, was": an age between commas after a person the sentence names
_AGE_AFTER_PERSON = lazy_re.compile(r"\b(?i:the|a|an|his|her|their|its)\s+(?:[a-z]+\s+)?[a-z]+,\s*$")
_SAID_NAME = lazy_re.compile(r"\b(?:said|says)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*,\s*$")  # "said Haines, 44."
# "Channel 5", "PlayStation 3", "Radio 4's", "Ocean's Twelve", "Formula One", "version 2.0": part of a name
# (not a possessive before digits: "Oduya's 407 and Ruiz's 96" are what each has, "Ocean's Twelve" a name)
_NAME_BEFORE = re.compile(rf"\b(?!(?:{_DAYS}|{_MONTH})\b)[A-Z][\w’'-]*[a-zA-Z]\s*$")
_POSSESSIVE_BEFORE = lazy_re.compile(r"['’]s\s*$")
_INDEX_AFTER = lazy_re.compile(
    r"[\s-]+(?:stock\s+)?(?:index|stock)\b", re.IGNORECASE
)  # "Standard & Poor's 500-stock index"
# A place in a ranking or a chart: "at number eight", "the No 1 single", "ranked third".
_RANK = re.compile(r"\b(?i:number|ranked(?:\s+at)?)\s+$|(?:\bNo\.?|#)\s*$")
_LENGTHS = frozenset(("m", "km", "metre", "meter", "mile", "yard"))
_DURATIONS = frozenset(("second", "minute", "hour", "day", "week", "month", "year", "decade", "century"))
_VERSION = re.compile(r"\b(?:version|ver|v)\.?\s*$", re.IGNORECASE)
_NAME_OPENERS = lazy_re.compile(
    r"(?:The|A|An|In|On|At|By|Of|Some|About|Around|Almost|Nearly|Over|Under|Only|Just|All)\s*$"
)
_CLOCK = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d")
_AT_TIME = lazy_re.compile(r"\b(?:at|from|until|till|by|before|after|around|about|since)\s+$", re.IGNORECASE)
# a figure in "9/11" or "7/7" (two numbers joined by a slash): a date or a title, never a count of anything
_SLASHED = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/])")
_YEARS = re.compile(r"(?:from|between)?\s*(?:1[89]|20)\d\d\s*(?:to|and|-|–)\s*(?:1[89]|20)\d\d")
_NOT_COUNTED_AFTER = re.compile(r"-rated\b|\s+square\s+(?:feet|foot|metres|meters|miles|kilometres|km)\b")
_WAS_AGE = lazy_re.compile(r"\b(?:[Hh]e|[Ss]he|who)\s+(?:was|is)\s+$")
# "from the age of eight", "between the ages of 18 and 25" (not "an average age of 71": a statistic)
_AGE_OF = re.compile(r"\bthe\s+ages?\s+of\s+$", re.IGNORECASE)
# "dies at 92", "died at 43, a year after": an age at death (not "died at 10 sites")
_DIED_AT = lazy_re.compile(r"\b(?:dies|died|passed\s+away)\s+(?:at|aged)\s+$", re.IGNORECASE)
_DECIMAL = re.compile(r"\d+\.\d+")
# "the 200m and 400m titles", "the 100m freestyle", "a 5km run": a distance naming a race, not a measurement
_RACE_AFTER = lazy_re.compile(
    r"(?:\s*(?:,|and|or|&)\s*\d[\d,.]*\s?(?:m|km|metres?|meters?|miles?))*[\s-]+(?:individual\s+)?"
    r"(?:freestyle|backstroke|breaststroke|butterfly|medley|hurdles|steeplechase|relay|sprint|dash|races?|finals?|"
    r"heats?|semi-finals?|titles?|crown|gold|silver|bronze|medals?|(?:world\s+)?records?|champions?|"
    r"championships?|events?|run|swim|walk)\b",
    re.IGNORECASE,
)
_SCORE = re.compile(r"\d{1,3}\s?[-–]\s?\d{1,3}")
_AFTER_SCORE = lazy_re.compile(
    r"\s*(?:$|[,.;:)]|(?:in|at|on|to|with|against|win|victory|defeat|lead|draw|loss|home|away|and|after|over|"
    r"for|thrashing|success|scoreline|triumph|aggregate)\b)"
)
# "3bn yen ($27m; £21m)", "two trillion won (about $1.7bn)": an amount in brackets right after an amount (not after a
# name: "Ana Ruiz ($240,500) and Tom Hale ($17,250)" are what each got)
_CONVERSION = lazy_re.compile(
    r"(?:\d[\w.,]*|\b(?i:thousand|million|billion|trillion|bn|m)\b)(?:\s+[^\s()]+){0,3}\s*\((?:[^()]*[;,]\s*)?$"
)


_CLOSING_MARK = lazy_re.compile(r"\s*[,;)]")
_FULL_STOP = lazy_re.compile(r"\s*\.(?!\d)")
_STOP_BEFORE = lazy_re.compile(r"[.:;“\"]\s*$")
_PLURAL_AFTER = lazy_re.compile(r"\s+(?:[a-z]+\s+)?[a-z]+s\b")
_JOINED = lazy_re.compile(r"(?:['’]s\b|\s+(?:and|&)\s+[A-Z])")
_NAME_AFTER = lazy_re.compile(r"\s+[A-Z][a-z]")  # (matched in place, not on a copy of the rest of the text)


class _AtEnd(NamedTuple):
    """A pattern anchored at the end of what it searches that spans at most ``words`` words there (split at
    whitespace, as ``\\s`` splits): searched from where they begin, not from every character of a figure's lead."""

    pattern: re.Pattern[str]
    words: int

    def search(self, before: str) -> re.Match[str] | None:
        return self.pattern.search(before, _last_words(before, 0, len(before), self.words))


_WAS_AGE_AT_END = _AtEnd(_WAS_AGE, 2)  # "she was"
_AGE_OF_AT_END = _AtEnd(_AGE_OF, 3)  # "the age of"
_DIED_AT_AT_END = _AtEnd(_DIED_AT, 3)  # "passed away at"
_AGE_AFTER_NAME_AT_END = _AtEnd(_AGE_AFTER_NAME, 2)  # "Sperling, then"
_AGE_AFTER_PERSON_AT_END = _AtEnd(_AGE_AFTER_PERSON, 3)  # "the retired nurse,"
_VERSION_AT_END = _AtEnd(_VERSION, 1)  # "v."
_NAME_BEFORE_AT_END = _AtEnd(_NAME_BEFORE, 1)  # "Channel"
_STOP_BEFORE_AT_END = _AtEnd(_STOP_BEFORE, 1)  # "said."
_RANK_AT_END = _AtEnd(_RANK, 2)  # "ranked at"
_NAME_OPENERS_AT_END = _AtEnd(_NAME_OPENERS, 1)  # "The"


def _not_a_count(text: str, figure: Figure, sentence: Span) -> bool:
    """A number that is part of a name, an age next to a name, a list marker or a currency conversion."""
    before = text[max(sentence.start, figure.span.start - 30) : figure.span.start]
    after = text[figure.span.end : figure.span.end + 3]
    if figure.kind == "count" and _SCORE.fullmatch(figure.text) and _AFTER_SCORE.match(text, figure.span.end):
        return True  # "Chelsea lost 2-1 in the first leg": a score
    if figure.kind == "count" and _YEARS.fullmatch(figure.text):
        return True  # "she served in the Harbour Guards from 1951 to 1956": years
    if figure.kind == "count" and _CLOCK.fullmatch(figure.text) and _AT_TIME.search(before):
        return True  # "the blast happened at 10.30 on Monday": a clock time
    slashed = _SLASHED.finditer(text, max(0, figure.span.start - 3), figure.span.end + 3)
    if figure.kind == "count" and any(m.start() <= figure.span.start and figure.span.end <= m.end() for m in slashed):
        return True  # "Fahrenheit 9/11", "after 9/11": a name or a date, not a count
    if figure.kind == "count" and _NOT_COUNTED_AFTER.match(text, figure.span.end):
        return True  # "an 18-rated game", "1.5 million square feet"
    # (the cheap tests first; the end-anchored searches from the last words a match spans, ``_AtEnd``)
    young = figure.kind == "count" and figure.value.low < 120
    if young and re.match(r"\s*[,;]", after) and _WAS_AGE_AT_END.search(before):
        return True  # "She was 91 and had been ill for years"
    if young and _AGE_OF_AT_END.search(before):
        return True  # "He lived there from the age of eight"
    died_at = young and _DIED_AT_AT_END.search(before)
    if died_at and not _PLURAL_AFTER.match(text, figure.span.end):
        return True  # "Ana Ruiz dies at 88": an age
    if figure.kind == "measure" and figure.unit in _LENGTHS and _RACE_AFTER.match(text, figure.span.end):
        return True  # "She won the 200m and 400m titles": the names of races
    if figure.kind == "count" and figure.value.is_exact:
        closing = _CLOSING_MARK.match(after) or (_FULL_STOP.match(after) and _SAID_NAME.search(before))
        if closing and figure.value.low < 120 and _AGE_AFTER_NAME_AT_END.search(before):
            return True
        if after.startswith(",") and figure.value.low < 120 and _AGE_AFTER_PERSON_AT_END.search(before):
            return True
        if figure.span.start == sentence.start and re.match(r"[).]", after):
            return True  # "2) The terrorists are prepared…": a list marker
        if _VERSION_AT_END.search(before):
            return True
        owned = figure.text[0].isdigit() and _POSSESSIVE_BEFORE.search(before) is not None
        owned = owned and not _INDEX_AFTER.match(text, figure.span.end)
        if _DECIMAL.fullmatch(figure.text) and not owned and _NAME_BEFORE_AT_END.search(before):
            return True  # "Firefox 1.0, released in November": a version, whether or not the name opens the sentence
        mid_sentence = text[sentence.start : figure.span.start].strip() and not _STOP_BEFORE_AT_END.search(before)
        if mid_sentence and figure.text[0].isupper() and _NAME_AFTER.match(text, figure.span.end):
            return True  # "Ana Ruiz, executive director of One Harbour Now, said": a name, not a count
        if _RANK_AT_END.search(before) and (figure.text[0].isdigit() or not before.rstrip().endswith("No")):
            return True  # "Vela Vox, who are at number eight", "ranked No 3 in the world": a place, not a count
        name = None if owned else _NAME_BEFORE_AT_END.search(before)
        opens = name is not None and not text[sentence.start : figure.span.start - len(name.group(0))].strip()
        counts = _PLURAL_AFTER.match(text, figure.span.end, figure.span.end + 40)
        if name and not opens and not counts and not _NAME_OPENERS_AT_END.search(before) and " " not in figure.text:
            return figure.text[0].isdigit() or figure.text[0].isupper()
        # "DJ 2000 and Big Tam's album", "Band Aid 20's single": a name opening the sentence
        joined = _JOINED.match(text, figure.span.end, figure.span.end + 6)
        if name and opens and joined and figure.text.isdigit() and not _NAME_OPENERS_AT_END.search(before):
            return True
    return figure.kind == "money" and bool(_CONVERSION.search(before))


_AGE_LIMIT_WORD = lazy_re.compile(r"(?:over|under|above|below)\s", re.IGNORECASE)


_AGE_LIMIT_AT_END = _AtEnd(_AGE_LIMIT, 1)  # "everyone"
_DEFINITE_AT_END = _AtEnd(_DEFINITE, 1)  # "the"


def _background(text: str, figure: Figure, claim: Claim, sentence: Span) -> bool:
    """Numbers that describe rather than report: a small exact count in a definite or partitive reference
    with no event ("the two airlines", "two of the schools declined to comment"), or an age limit
    ("everyone over 18"). They are not claims, so they need no source. A figure with an event ("the two men
    were killed") or a qualifier ("at least two of the riders") is still a claim. Neither are numbers that are
    not counts at all: names, ages, list markers and currency conversions."""
    if _not_a_count(text, figure, sentence):
        return True
    before = text[max(sentence.start, figure.span.start - 30) : figure.span.start]
    age_limit = figure.kind == "count" and _AGE_LIMIT_WORD.match(figure.text)
    if age_limit and _AGE_LIMIT_AT_END.search(before) and claim.population in ((), (ROOT,)):
        return True
    if figure.kind != "count" or claim.event or claim.unit:
        return False
    if not (figure.value.is_exact and figure.value.low <= _BACKGROUND_MAX):
        return False
    return bool(_DEFINITE_AT_END.search(before) or _PARTITIVE.match(text, figure.span.end, sentence.end))


# "5,500 more pages", "$1m more than in January", "another 300", "an additional $2 million": an increment
_MORE_AFTER = re.compile(r"\s+(?:more|additional|extra|further|fewer|less)\b", re.IGNORECASE)
_MORE_BEFORE = re.compile(r"\b(?:another|an?\s+(?:additional|further|extra)|additional)\s+$", re.IGNORECASE)
# "two Americans were killed at each location", "$100 each", "two goals apiece": a figure for each of several
_EACH = lazy_re.compile(r"^\s*each\b|\b(?:(?:at|in|on|for|from|to|of|with)\s+each|apiece)\b", re.IGNORECASE)
# "four of those states", "about 1,500 of the pages": part of a group the story counts elsewhere
_PICKED = re.compile(r"\s+of\s+(?:the|these|those)\s+", re.IGNORECASE)
# "has not yet voted", "were never released", "has yet to win": what did not happen is no figure for what did
_NEGATED = re.compile(r"\b(?:not|never|n['’]t|no longer|yet to|failed to|refused to)\s+(?:[a-z]+\s+){0,2}$")
# "its goal of releasing 43,000 pages", "pledged to cut 500 jobs": a target, not what happened
_TARGET = re.compile(
    r"\b(?:goals?|targets?|aims?|aimed|aiming|pledged?|pledging|promised?|promising|vowed?|vowing)\b"
    r"(?:\s+(?:of|to|at))?\s+(?:[a-z]+\s+){0,2}$",
    re.IGNORECASE,
)
# "if she gets near 1,150 but does not secure it": a condition, not what happened
_CONDITION = lazy_re.compile(r"\b(?:if|unless)\b[^,;:]{0,60}$", re.IGNORECASE)
_INCLUDING = re.compile(r"\b(?:including|among them)\s+$", re.IGNORECASE)
# "cut 90 jobs at its two other sites", "killed in three other towns": a figure for the places the story's other
# figures leave out, a part of the whole it gives, not the whole
_OTHER_PLACES = lazy_re.compile(
    r"\s+(?:at|in|across|from)\s+(?:(?:its|the|their|his|her|our)\s+)?(?:[\w-]+\s+)?other\s", re.IGNORECASE
)


# the words every match of _EACH and of _CONDITION holds (in lower case), and what re.IGNORECASE reads as "i"
_EACH_WORDS = ("each", "ece")  # ("apiece": "ece" has no letter that another character matches ignoring case)
_CONDITION_WORDS = ("if", "unle", "\u0131", "\u0307")  # ("\u0131", and "\u0130" lower-cased, match "i")


def _for_each(text: str, start: int, end: int) -> bool:
    """``_EACH.search(text, start, end)``, only in a stretch holding "each" or "apiece" (most have neither)."""
    return _holds_word(text, start, end, _EACH_WORDS) and _EACH.search(text, start, end) is not None


def _condition(text: str, start: int, end: int) -> bool:
    """``_CONDITION.search(text, start, end)``, only in a stretch holding "if" or "unless"."""
    return _holds_word(text, start, end, _CONDITION_WORDS) and _CONDITION.search(text, start, end) is not None


# the last draft, lower-cased when that keeps every character's place (else None), and where each word asked about
# starts in it
_WORDS_AT: tuple[str, str | None, dict[str, list[int]]] = ("", None, {})


def _holds_word(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """``any(word in text[start:end].lower() for word in words)``: from where each word starts in the lower-cased
    draft (found once), when lower-casing maps it character for character (all but "\u0130" do; a final sigma's
    form, which depends on what follows, is no letter of these words). Lower-casing each figure's stretch was
    quadratic in a sentence of thousands of figures."""
    global _WORDS_AT
    cached = _WORDS_AT  # read once: another thread may replace it meanwhile
    if cached[0] is not text:
        lower = text.lower()
        cached = _WORDS_AT = (text, lower if len(lower) == len(text) else None, {})
    lowered, found = cached[1], cached[2]
    if lowered is None:
        stretch = text[start:end].lower()
        return any(word in stretch for word in words)
    for word in words:
        at = found.get(word)
        if at is None:
            at = found[word] = list(_positions(lowered, word, 0, len(lowered)))
        i = bisect.bisect_left(at, start)
        if i < len(at) and at[i] + len(word) <= end:
            return True
    return False


_MORE_BEFORE_AT_END = _AtEnd(_MORE_BEFORE, 2)  # "an additional"
# "the parents of two soldiers killed", "families of three hostages": a count presupposed, with no article,
# inside a noun phrase about other people is some of its group, not a total. With one ("relatives of the 12
# victims", "one of the three hostages") it is the whole group the story told, and is compared: "Twelve were
# killed" against "relatives of the 10 people killed" is a contradiction
_ABOUT_OTHERS = re.compile(
    r"\b(?:parents|famil(?:y|ies)|relatives|widows?|widowers?|mothers?|fathers?|sons?|daughters?|brothers?|"
    r"sisters?|siblings|friends|lawyers|attorneys|loved\s+ones)\s+of\s+$",
    re.IGNORECASE,
)
_ABOUT_OTHERS_AT_END = _AtEnd(_ABOUT_OTHERS, 4)  # "loved ones of the"
_INCLUDING_AT_END = _AtEnd(_INCLUDING, 2)  # "among them"


def _anonymous_money(text: str, figure: Figure, claim: Claim, event_span: Span | None) -> bool:
    """An amount of money that names neither what it is nor whose: "it raised $21m", "they spent $1.2m on ads",
    "$7.25 an hour". Campaign-finance and wage copy sets many such figures side by side, of different spenders;
    they are compared with none. One whose event word is its noun ("a $1.24bn budget") says what it is."""
    if figure.kind != "money" or claim.population or claim.scope:
        return False
    if event_span is None or event_span.start < figure.span.end:
        return True
    return not re.fullmatch(r"\s*", text[figure.span.end : event_span.start])


def _apart(
    text: str, figure: Figure, claim: Claim, event_span: Span | None, sentence: Span, earlier: list[Claim]
) -> bool:
    """A figure that is not one for its quantity as a whole, so it is compared with no other: an increment, a
    figure for each of several, a part picked from a group, an event that did not happen, a target, or part of
    a figure just given for the same group ("55,000 pages …, including about 1,000 pages released Friday")."""
    before = text[max(sentence.start, figure.span.start - 40) : figure.span.start]
    if _MORE_AFTER.match(text, figure.span.end) or _MORE_BEFORE_AT_END.search(before):
        return True
    if _ABOUT_OTHERS_AT_END.search(before):
        return True
    start, end = _segment(text, figure.span, sentence)
    if _for_each(text, claim.span.end, max(end, claim.span.end)):
        return True
    if _OTHER_PLACES.match(text, claim.span.end, sentence.end):
        return True
    if figure.kind == "count" and _PICKED.match(text, figure.span.end, end):
        return True  # (a percentage of the whole is a share of it: FL106 compares it)
    if event_span and _NEGATED.search(text, max(sentence.start, event_span.start - 30), event_span.start):
        return True
    lead = min(event_span.start, figure.span.start) if event_span else figure.span.start
    target = _TARGET.search(text, _last_words(text, max(sentence.start, lead - 40), lead, 4), lead)
    if target or _condition(text, start, lead):
        return True
    if not _INCLUDING_AT_END.search(before):
        return False
    for c in reversed(earlier):  # claims are in the text's order: the sentence's own are the last (all were read)
        if c.figure_span.start < sentence.start:
            return False
        if sentence.contains(c.figure_span) and c.population == claim.population:
            return True
    return False


def _introduces_block(text: str, sentence: _Sentence, following: _Sentence) -> bool:
    """ "Wallnau wrote:" ending its paragraph, with a paragraph after it that opens with no quotation mark."""
    return (
        following.paragraph != sentence.paragraph
        and text[sentence.span.start : sentence.paragraph.end].rstrip().endswith(":")
        and text[following.span.start : following.span.start + 1] not in "\"“‘'"
    )


def _inherit(previous: tuple[Span, Source] | None, paragraph: Span) -> Source | None:
    """The source of the last attributed sentence, carried into a sentence of the same paragraph with none."""
    if previous is None or previous[0] != paragraph:
        return None
    source = previous[1]
    if source.kind is SourceKind.VAGUE and (source.name == source.cue or is_pronoun(source)):
        return None  # a vague cue ("reportedly", "rumours say", an unresolved "it") speaks for its sentence only
    return Source(source.kind, source.name, source.cue, source.span, inherited=True)


def _describes_source(text: str, figure: Figure, source: Source | None, sentence: Span) -> bool:
    """A figure in the aside between a person's name and the cue describes them, in the article's own voice:
    "Ana Ruiz, a 12-year Acme Steel welder, said…", "Cruz, who has proposed repealing it over five years, said"."""
    if source is None or source.span is None or source.inherited or not source.cue:
        return False
    if not sentence.start <= source.span.start < figure.span.start:
        return False  # a resolved pronoun's span is its antecedent's, in another sentence
    aside = text[source.span.end : figure.span.start]
    before = text[max(sentence.start, source.span.start - len(source.cue) - 2) : source.span.start]
    if before.strip() == source.cue and is_speech_cue(source.cue) and aside.lstrip().startswith(","):
        # "…,'' said Ivo Marsh, the former senator who backed two of his rivals": the speaker described
        return not _MORE_SPEECH.search(aside)
    cue = text.find(source.cue, source.span.end, sentence.end)
    # an organisation's own action in a relative clause is its figure ("The IMF, which lent the country $3bn, said")
    own_action = _OWN_ACTION.match(aside)
    return source.span.end <= figure.span.start <= cue and aside.lstrip().startswith(",") and not own_action


def _after_quoted(text: str, figure: Figure, source: Source | None, sentence: Span, quotes: SpanIndex) -> bool:
    """A figure after the attribution that closes a quotation tells of the occasion, in the article's own voice:
    "“…,” Moss said 20 minutes into the hearing", "“…,” he told 1,840 people at Carlton" (not what the speaker
    goes on to say: "…, adding that…")."""
    if source is None or source.span is None or source.inherited or not source.cue:
        return False
    if not sentence.start <= source.span.start < figure.span.start:
        return False
    cue = text.find(source.cue, max(sentence.start, source.span.start - 40), sentence.end)
    attribution = Span(min(source.span.start, cue if cue >= 0 else source.span.start), source.span.end)
    quoted = [q for q in quotes.overlapping(sentence) if q.end <= attribution.start]
    between = text[quoted[-1].end : attribution.start] if quoted else ""
    tail = text[max(source.span.end, cue) : figure.span.start]
    if _MORE_SPEECH.search(tail):
        return False  # "…,” Rahman told lawmakers, adding that the government would hire 4,000 nurses": more speech
    return bool(quoted) and not re.search(r"\w", between) and figure.span.start > max(source.span.end, cue)


def _in_opening_phrase(text: str, figure: Figure, source: Source | None, sentence: Span) -> bool:
    """A figure in a phrase that opens the sentence, set off by a comma before the source's subject and its verb,
    tells when or how, in the article's own voice: "At one point, Trump said…", "With two TV crews filming, Perez
    says…", "After watching the hearing for two hours, Moss said that…". Not an attribution between commas or
    at the end, which speaks for what comes before it: "Five people died, police said", "In the three years since,
    Barden says, many lives have been lost", "…, the budget office reported Monday."."""
    if source is None or source.span is None or source.inherited or not source.cue:
        return False
    if not sentence.start <= figure.span.end <= source.span.start:
        return False
    if not _COMMA_END.search(text[figure.span.end : source.span.start]):
        return False  # the subject right after the phrase's comma: "…, Trump said"
    if not _OPENING_PHRASE.match(text, sentence.start, source.span.start):
        return False  # "A six-year trend will end this year, the budget office reported Monday": a clause
    if re.search(r"\b(?:its|his|her|their)\s+(?:\S+\s+)?$", text[sentence.start : figure.span.start], re.IGNORECASE):
        return False  # "In its five-year plan, the government said": the source's own plan, and its figure
    comma = text.find(",", figure.span.end, source.span.start)
    if _FINITE_VERB.search(text, sentence.start, comma):
        return False  # "By Saturday the toll rose to 19, Osri told a news conference": the figure is the clause's
    # the source's verb right after its name (an adverb may come between), and what it says after the verb
    after = _VERB_THEN_CLAUSE.match(text, source.span.end, sentence.end)
    return after is not None and after.group("cue").lower() == source.cue.lower()


# what an opening phrase starts with: a preposition or subordinator, a participle, or a time ("Six months ago")
_OPENING_PHRASE = lazy_re.compile(
    r"[\s\"“‘']*(?:(?:and|but|yet|so)\s+)?(?:(?:at|in|on|with|after|before|during|despite|since|like|for|over|until|"
    r"when|while|amid|following|throughout|within|by|from|unlike|as)\b|[A-Za-z]+ing\b|(?:\S+\s+){1,4}?"
    r"(?:ago|later|earlier|after|before|since)\b)",
    re.IGNORECASE,
)
_FINITE_VERB = lazy_re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|rose|fell|grew|won|lost|stood|reached|went|came|became|"
    r"got|made|said|told|says|stands)\b|\b[a-z]+ed\b(?!\s+(?:by|to)\b)"
)
# "Trump still believes that the nominee…": the verb, then at least three words before a comma or the end
# (not when or where it was said: "…, the department said in its first update", "…, she told CNN on Monday")
_VERB_THEN_CLAUSE = lazy_re.compile(
    r"\s+(?:\w+ly\s+|still\s+|also\s+|now\s+){0,2}(?P<cue>[\w ]+?)\s+"
    r"(?!(?:in|on|at|during|after|before|from|to|via|through|yesterday|today|tonight|last|this|earlier|later|when|"
    r"while|as|according|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)(?:[^\s,;:()]+\s+){2}[^\s,;:()]",
    re.IGNORECASE,
)


# what may stand before a share that opens its source's name: "Some 22 percent said"
_SHARE_OPENS = lazy_re.compile(r"(?i:(?:some|about|only|just|nearly|almost|roughly|around|more than)\s+)?")


def _poll_beside(text: str, figure: Figure, own: Source | None, sentence: Span, quotes: SpanIndex) -> Source | None:
    """The poll or survey the sentence names beside a share that opens the name of who speaks ("Sixty percent of
    residents said they opposed it in a Ledger poll", "…, according to the survey"): the respondents speak, and the
    share is what the poll measured. None for any other figure in a source's name, or with no poll named."""
    if figure.kind != "percent" or own is None or own.span is None or not is_speech_cue(own.cue):
        return None
    if _SHARE_OPENS.fullmatch(text, own.span.start, figure.span.start) is None:
        return None
    beside = sources.source_beside(text, sentence, quotes.overlapping(sentence), figure.span)
    return beside if beside is not None and beside.kind is SourceKind.DOCUMENT else None


def _names_source(figure: Figure, source: Source | None) -> bool:
    """A figure inside the source's own name ("the two companies said") describes the source, not a claim."""
    return bool(source and source.span and not source.inherited and source.span.contains(figure.span))


def _opens_line(text: str, at: int) -> bool:
    """``text[:at].rstrip(" \t").endswith("\n")`` without copying the text before ``at`` (once per quotation)."""
    while at > 0 and text[at - 1] in " \t":
        at -= 1
    return at > 0 and text[at - 1] == "\n"


_ABBREVIATION = lazy_re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Prof|Sgt|Lt|Gov|Sen|Rep|Rev|Capt|Maj|Jr|Sr|No|[A-Z])\.")


def _unspoken_cues(
    text: str,
    sentences: list[_Sentence],
    inside: list[list[Span]],
    figured: set[int],
    quote_index: SpanIndex,
    quotations: tuple[Quotation, ...],
) -> dict[int, Source]:
    """The named source each sentence with figures gives in its own words when the whole sentence is inside a
    quotation no one is said to speak (a passage quoted from a paper, a run across paragraphs opened after a colon
    that names no one, "It gets worse:"): the quoted text is prose whose cue speaks for its figures ("“… Then, in
    May, Vell said that 400 would go.”" gives Vell). Only a named source: a pronoun's person is the quoted text's,
    a vague cue's nobody."""
    speaker = {q.span: q.speaker for q in quotations}
    out: dict[int, Source] = {}
    for i in sorted(figured):
        sent = sentences[i].span
        holder = quote_index.containing(sent)
        if holder is None or speaker[holder].kind is not SourceKind.NONE:
            continue
        others = [q for q in inside[i] if q != holder]
        own = find_source(text, sent, others, attribution_cues(text, sent, others))
        if own is not None and own.kind is not SourceKind.VAGUE and not is_pronoun(own):
            out[i] = own
    return out


def _carry_speakers(text: str, quotes: list[Span], speakers: list[Source], sentences: list[_Sentence]) -> list[Source]:
    """A quotation that follows a spoken one in its paragraph with nothing but the attribution between them
    continues it: "“…,” Leclerc said. “There is no statute of limitations.”" is still Leclerc. So does a
    quotation opening the next paragraph when the paragraph before ends on the spoken one ("“…,” Mr Howard
    said.¶“We watched…”"); reported speech ending it ("…, Moss said.¶“We…”") does not make the quotation Moss's."""
    out = list(speakers)
    paragraphs = SpanIndex({s.paragraph for s in sentences})
    last_sentence = {s.paragraph: s.span for s in sentences}  # sentences are in order: the last one wins
    for i in range(1, len(quotes)):
        if out[i].kind is not SourceKind.NONE or out[i - 1].kind is SourceKind.NONE:
            continue
        gap = text[quotes[i - 1].end : quotes[i].start]
        if re.search(r"[“”\"]", gap):
            continue
        same_paragraph = paragraphs.containing(Span(quotes[i - 1].start, quotes[i].end)) is not None
        if same_paragraph:
            # "''…,'' Mr. Pawlenty said. ''It draws…''": a title's or an initial's full stop ends no sentence
            continues = len(gap) <= 200 and _ABBREVIATION.sub("", gap).count(". ") <= 1
            # a line of its own between them with a cue of its own names another speaker: "“…,” Hale said.¶In
            # May, Vell found that “…”" is Vell's (paragraphs a single line break apart are one paragraph here)
            line = gap.find("\n")
            continues = continues and (line < 0 or sources.ANY_CUE.search(gap, line) is None)
        else:
            # news style: a paragraph that opens with a quotation goes on quoting the speaker of the paragraph
            # before, when that paragraph's last sentence holds the spoken quotation
            before = paragraphs.containing(Span(quotes[i - 1].end - 1, quotes[i - 1].end))
            last = last_sentence.get(before) if before else None
            opens_next = gap.count("\n\n") == 1 and _opens_line(text, quotes[i].start)
            continues = opens_next and last is not None and quotes[i - 1].end > last.start
        if continues:
            prev = out[i - 1]
            out[i] = Source(prev.kind, prev.name, prev.cue, prev.span, inherited=True)
    return out


def _runs_on(text: str, quotes: list[Span], earlier: Source | None, speakers: list[Source], i: int) -> bool:
    """Quotation ``i`` runs straight into the next one, whose speaker it shares. Into the next paragraph only
    when it is left open there (news style), speaks as one person ("“I tried for three years.”¶“I don't think…,”
    he said") or follows a quotation of that same speaker: "“There were four guards that night.”¶“Someone opened
    doors,” the minister said" is two voices, a witness's and the minister's. ``earlier`` is the last speaker
    of a quotation before ``i``."""
    gap = text[quotes[i].end : quotes[i + 1].start]
    if gap.strip():
        return False
    if "\n" not in gap or text[quotes[i].end - 1] not in '”"»':
        return True
    if sources.FIRST_PERSON.search(text, quotes[i].start, quotes[i].end):
        return True
    return earlier is not None and _same_person(earlier, speakers[i + 1])


def _same_person(a: Source, b: Source) -> bool:
    """Two mentions of one person: "Empire magazine's reviews editor Dan Jolin" and "Mr Jolin"."""
    if a.kind is not SourceKind.PERSON or b.kind is not SourceKind.PERSON or not a.name or not b.name:
        return False
    return a.name.split()[-1].lower() == b.name.split()[-1].lower()


def _speakers_from_context(
    text: str,
    quotes: list[Span],
    speakers: list[Source],
    sentences: list[_Sentence],
    found: list[Source | None],
    figured: set[int],
) -> list[Source]:
    """News style gives a quotation's speaker around it rather than beside it. A quotation with no speaker of
    its own is spoken by the speaker of the quotation it runs straight into ("“It's his first year… “I don't
    think so,” he said."), or by the person or organisation the sentence before it attributes to, on the same
    line ("Ms Moss said waiting was the only option. “You just have to…”"), or on the line before when that
    is a person's view with no figures (``_introduces``); a quotation woven into a sentence is spoken by that
    sentence's source. A quotation opening a new paragraph after an
    organisation's or a briefing's indirect speech is not: "Police declined to comment.¶“We could hear…”"."""
    out = list(speakers)
    earlier: list[Source | None] = [None]  # the last speaker before each quotation, found once (not per quotation)
    for speaker in speakers[:-1]:
        earlier.append(speaker if speaker.kind is not SourceKind.NONE else earlier[-1])
    for i in range(len(quotes) - 2, -1, -1):
        if (
            out[i].kind is SourceKind.NONE
            and out[i + 1].kind is not SourceKind.NONE
            and _runs_on(text, quotes, earlier[i], out, i)
        ):
            nxt = out[i + 1]
            out[i] = Source(nxt.kind, nxt.name, nxt.cue, nxt.span, inherited=True)
    starts = [s.span.start for s in sentences]
    for i, quote in enumerate(quotes):
        if out[i].kind is not SourceKind.NONE:
            continue
        at = bisect.bisect_right(starts, quote.start) - 1
        own = found[at] if at >= 0 else None
        if at >= 0 and sentences[at].span.start != quote.start:
            if own is not None and own.attributed:  # woven into a sentence with a source of its own: theirs
                out[i] = Source(own.kind, own.name, own.cue, own.span, inherited=True)
            elif own is None and (subject := sources.woven_speaker(text, quote, sentences[at].span)):
                out[i] = Source(subject.kind, subject.name, subject.cue, subject.span, inherited=True)
            continue  # otherwise only a quotation that opens its sentence
        if own is not None and own.attributed and own.span is not None and own.span.start >= quote.end:
            # "“It is unlikely” that the bill passes, said Ana Ruiz.": a sentence it opens, with the cue at its end
            out[i] = Source(own.kind, own.name, own.cue, own.span, inherited=True)
            continue
        if at < 1:
            continue
        before, previous = sentences[at - 1], found[at - 1]
        same_line = "\n" not in text[before.span.end : quote.start]  # a paragraph's own line, not the next one
        if not same_line and text[before.span.start : before.span.end].endswith(":"):
            # "…, as the Harbour Trust website notes:¶“In the spring of 1952…”": a colon introduction
            intro = sources.quotation_speaker(text, quote, Span(before.span.start, quote.start))
            if intro.kind is not SourceKind.NONE:
                out[i] = Source(intro.kind, intro.name, intro.cue, intro.span, inherited=True)
                continue
        if (
            previous is not None
            and previous.attributed
            and (same_line or _introduces(sentences, at, previous, figured))
        ):
            out[i] = Source(previous.kind, previous.name, previous.cue, previous.span, inherited=True)
            continue
        introduced = sources.introduced_person(text, before.span) if previous is None and same_line else None
        person = introduced or _last_person(sentences, at, found)
        if person is not None:
            out[i] = Source(person.kind, person.name, person.cue, person.span, inherited=True)
    return out


def _last_person(sentences: list[_Sentence], at: int, found: list[Source | None]) -> Source | None:
    """The person the paragraph last cites before sentence ``at``, when no one else is cited after them:
    "…, according to Ms Moss. Photos do not show the whole picture. “It could really catch on…”"."""
    paragraph = sentences[at].paragraph
    j = at - 1
    while j >= 0 and sentences[j].paragraph == paragraph and found[j] is None:
        j -= 1
    if j < 0 or sentences[j].paragraph != paragraph:
        return None
    source = found[j]
    return source if source is not None and source.kind is SourceKind.PERSON else None


def _one_speaker(text: str, quotes: list[Span], speakers: list[Source]) -> list[Source]:
    """An article that quotes one person only (an interview, a profile "in quotes") gives them every quotation
    in the first person singular: "“I spent two years trying to keep it going.”" is theirs. A witness's
    "we" or a description of a scene ("“People were running everywhere.”") is not enough."""
    spoken = [s for s in speakers if s.kind is not SourceKind.NONE and not is_pronoun(s)]
    if not spoken or any(not _same_person(spoken[0], s) for s in spoken[1:]):
        return speakers
    one = spoken[-1]
    out = list(speakers)
    for i, quote in enumerate(quotes):
        if out[i].kind is SourceKind.NONE and sources.FIRST_PERSON.search(text, quote.start, quote.end):
            out[i] = Source(one.kind, one.name, one.cue, one.span, inherited=True)
    return out


def _introduces(sentences: list[_Sentence], at: int, previous: Source, figured: set[int]) -> bool:
    """The paragraph before a quotation paragraph ends on a person's view in indirect speech, with no figure in
    it: the lead-in to their own words ("Tom Hale said the flyer was what he expected.¶“The people of
    Carlton will not stand for this.”"). A briefing of figures ("Police Chief Andrea Moss said three children
    were among the wounded.¶“People were running everywhere…”") is followed by another voice, a witness's."""
    paragraph = sentences[at - 1].paragraph
    if previous.kind is not SourceKind.PERSON or sentences[at].paragraph == paragraph:
        return False
    j = at - 1  # the paragraph's sentences are the ones just before ``at`` (not every sentence before it)
    while j >= 0 and sentences[j].paragraph == paragraph:
        if j in figured:
            return False
        j -= 1
    return True
