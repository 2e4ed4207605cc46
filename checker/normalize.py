"""Figures as written -> intervals: number words, scale words, currency, percentages, qualifiers, ranges.

``scan(text)`` finds every figure in a text with its span; ``parse_figure(text)`` turns one figure as written
("over 30", "thirty-six", "$4bn", "between 30 and 40", "dozens") into an ``Interval`` and a unit.
Number words go through ``text2num``; the rest is the closed vocabulary of news copy, kept in tables here.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from text_to_num import text2num

from checker import lazy_re
from checker.models import Interval, Span
from checker.timewords import MONTH_ABBREVIATIONS, MONTHS, alternation
from checker.wordgroups import grouped


class Tolerance(NamedTuple):
    """How loose rounded figures are: "about 1,000" allows ±``approx`` (a fraction)."""

    approx: float = 0.1


DEFAULT_TOLERANCE = Tolerance()


class Figure(NamedTuple):
    """A figure found in text. ``kind`` is count, percent, money, measure, year, date, time, ordinal or age."""

    span: Span
    text: str
    value: Interval
    unit: str
    kind: str


_UNITS_WORDS = (
    "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
_WORD = rf"(?:{grouped(f'{_UNITS_WORDS}|{_SCALE_WORDS}'.split('|'))})\b"  # (grouped: FIGURE_RE tries it at every start)
WORDS = rf"{_WORD}(?:(?:\s+and\s+|[\s-]+){_WORD})*"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_SUFFIX = r"(?:\s*(?:trillion|billion|million|thousand|bn|tn)\b|(?<=\d)(?:m|k|bn|tn)\b)"
_NUMBER = rf"(?:(?:{DIGITS}){_SCALE_SUFFIX}?|(?:{WORDS})(?:\s+(?:million|billion))?)"
_CURRENCY = r"(?:US\$|\$|£|€|¥)"
_PERCENT = r"(?:\s?%|\s+per\s?cent\b|\s+percent\b)"

QUALIFIERS: dict[str, str] = {
    # bounds
    "more than": "gt",
    "over": "gt",
    "in excess of": "gt",
    "upwards of": "gt",
    "well over": "gt",
    "just over": "gt",
    "above": "gt",
    "at least": "ge",
    "no fewer than": "ge",
    "no less than": "ge",
    "as many as": "le",
    "up to": "le",
    "at most": "le",
    "no more than": "le",
    "fewer than": "lt",
    "less than": "lt",
    "under": "lt",
    "below": "lt",
    "just under": "lt",
    # rounding
    "nearly": "near",
    "almost": "near",
    "close to": "near",
    "just short of": "near",
    "about": "approx",
    "around": "approx",
    "some": "approx",
    "approximately": "approx",
    "roughly": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "or so": "approx",
    "some estimated": "approx",
}
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS if q != "or so"), key=len, reverse=True))

# Vague counts: lower and upper bound of what the word allows in ordinary usage.
VAGUE: dict[str, tuple[float, float]] = {
    "a dozen": (12, 12),
    "half a dozen": (6, 6),
    "a handful": (2, 6),
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 999_999_999),
    "a hundred": (100, 100),
    "a thousand": (1_000, 1_000),
    "a million": (1_000_000, 1_000_000),
    "a score": (20, 20),
}
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))

_ONE_STOP = {
    "of",
    "another",
    "by",
    "day",
    "time",
    "way",
    "thing",
    "side",
    "hand",
    "point",
    "reason",
    "must",
    "could",
    "would",
    "can",
    "should",
    "who",
    "that",
    "which",
    "in",
    "on",
    "at",
    "and",
    "or",
    "another,",
}

_MEASURE_UNITS = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "mile",
    "mile": "mile",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "kg": "kg",
    "kilograms": "kg",
    "tonnes": "tonne",
    "tons": "tonne",
    "hectares": "hectare",
    "acres": "acre",
    "feet": "ft",
    "ft": "ft",
    "years": "year",
    "year": "year",
    "months": "month",
    "month": "month",
    "weeks": "week",
    "week": "week",
    "days": "day",
    "day": "day",
    "hours": "hour",
    "hour": "hour",
    "minutes": "minute",
    "km/h": "km/h",
    "mph": "mph",
    "degrees": "degree",
    "litres": "litre",
    "liters": "litre",
}
# A unit written after a range's first end ("between 18 months and two years"): the range is read in that unit,
# the last end converted to it (18 to 24 months), as a model reads the figure's number (18).
_RANGE_UNIT = "|".join(sorted((re.escape(u) for u in _MEASURE_UNITS), key=len, reverse=True))

FIGURE_RE = re.compile(
    rf"""
    (?:(?P<qual>{grouped(_QUALIFIER.split("|"))})\s+)?
    (?:
        (?:between|from)\s+(?P<r1>{_CURRENCY}?{_NUMBER})(?:\s+(?P<u1>{_RANGE_UNIT})\b)?\s+(?:and|to)\s+
        (?P<r2>{_CURRENCY}?{_NUMBER})
      | (?P<r3>{_CURRENCY}?(?:{DIGITS}))\s?(?:-|–|to)\s?(?P<r4>{_CURRENCY}?(?:{DIGITS}){_SCALE_SUFFIX}?)(?![\d-])
      | (?P<vague>\b(?:{grouped(_VAGUE.split("|"))}))\b
      | (?P<num>{_CURRENCY}?\b{_NUMBER})
    )
    (?P<pct>{_PERCENT})?
    (?:\s+(?P<orso>or\s+so)\b)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Where a figure can start. ``FIGURE_RE`` tried at every character was the offline extractor's biggest cost, so
# ``scan`` tries it only where one of these finds a possible start (a superset of FIGURE_RE's own starts): a
# digit or a currency sign; a number or vague word after a non-word character (FIGURE_RE has \b there); the
# first word of a qualifier, "between" or "from" before whitespace, at any character (FIGURE_RE's qualifier has
# no \b). The last is searched in the reversed text, where the pattern opens with whitespace and the engine
# skips straight to it; no first word ends with another, so one match per whitespace finds them all.
QUALIFIER_FIRST_WORDS = sorted({q.split()[0] for q in QUALIFIERS if q != "or so"} | {"between", "from"})
_START_SIGN = re.compile(r"[\d$£€¥]")  # one character class, which the engine skips to; "US$" two before its "$"
_DOLLAR = re.compile(r"\$")
# (grouped by first letter: the engine tries every word of a plain alternation at every character it passes)
_START_WORD = lazy_re.compile(rf"\W(?={grouped(f'{_VAGUE}|{_UNITS_WORDS}|{_SCALE_WORDS}'.split('|'))})", re.IGNORECASE)
_START_QUALIFIER_REVERSED = lazy_re.compile(
    rf"\s(?:{grouped([re.escape(w[::-1]) for w in QUALIFIER_FIRST_WORDS])})", re.IGNORECASE
)
# The same two without re.IGNORECASE, for the text lower-cased (their words are; about twice as fast). They find
# the same places when ``str.lower`` maps character for character (all but "\u0130" do, and none changes what
# ``\W`` or ``\s`` matches) and the text has neither "\u017f" nor "\u0131", which re.IGNORECASE matches as "s"
# and "i" though they lower-case to themselves (the Kelvin sign, the one other, lower-cases to "k").
_START_WORD_LOWER = re.compile(lazy_re.source(_START_WORD)[0])
_START_QUALIFIER_REVERSED_LOWER = re.compile(lazy_re.source(_START_QUALIFIER_REVERSED)[0])


def figure_matches(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """``FIGURE_RE.finditer(text, start, end)``, the same matches, found faster."""
    end = len(text) if end is None else end
    starts = _possible_starts(text)
    pos = start
    for at in (start, *starts[bisect.bisect_left(starts, start + 1) : bisect.bisect_left(starts, end)]):
        if at < pos:
            continue
        match = FIGURE_RE.match(text, at, end)
        if match:
            yield match
            pos = match.end()


_STARTS: tuple[str, list[int]] = ("", [])  # the last text's possible starts: one pass per draft, not per sentence


def _possible_starts(text: str) -> list[int]:
    """Where a figure may start anywhere in ``text``; in a part of it, the same ones and the part's own start."""
    global _STARTS
    cached, starts = _STARTS
    if cached is text:
        return starts
    found = {m.start() for m in _START_SIGN.finditer(text)}
    found.update(m.start() - 2 for m in _DOLLAR.finditer(text) if m.start() >= 2)
    lowered = text.lower()
    if len(lowered) == len(text) and "\u017f" not in text and "\u0131" not in text:
        words, qualifiers = _START_WORD_LOWER.finditer(lowered), _START_QUALIFIER_REVERSED_LOWER.finditer(lowered[::-1])
    else:
        words, qualifiers = _START_WORD.finditer(text), _START_QUALIFIER_REVERSED.finditer(text[::-1])
    found.update(m.end() for m in words)
    found.update(len(text) - m.end() for m in qualifiers)
    starts = sorted(found)
    _STARTS = (text, starts)
    return starts


_MONTHS = alternation(MONTHS, MONTH_ABBREVIATIONS, lower=True)
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}


# compiled once (they ran through re's cache lookup for every figure)
_CURRENCY_RE = re.compile(_CURRENCY, re.IGNORECASE)
_SCALE_AT_END = re.compile(r"\s*(trillion|billion|million|thousand|bn|tn|m|k)$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_DIGITS_RE = re.compile(DIGITS)
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")
_TIME_AFTER = re.compile(r"\s*[:.]\d\d\b|\s*(a\.m\.|p\.m\.|am\b|pm\b|GMT|BST|o'clock)", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b({_MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"\s+({_MONTHS})\b", re.IGNORECASE)
_FOUR_DIGITS = lazy_re.compile(r"\d{4}")
_ISO_DATE = re.compile(r"(?<![\w-])\d{4}-(\d{2}-\d{2})(?![\w-])")  # "2016-06-29": a date, not a range 6-29
_YEAR = re.compile(r"(1[89]|20)\d\d")
_AGED_BEFORE = lazy_re.compile(r"\baged?\s*$")
_YEARS_OLD_AFTER = re.compile(r"-?\s*years?[- ]old")
_UNIT_AFTER = re.compile(r"[\s-]*(?:or (?:more|fewer|less)\s+)?([a-zA-Z/]+)")  # "two or more years": years
_ALNUM = re.compile(r"[a-zA-Z0-9]")


def _number_value(text: str) -> tuple[float, str]:
    """Value and currency of one number as written ("$4bn" -> 4e9, "USD"; "thirty-six" -> 36)."""
    text = text.strip()
    currency = ""
    match = _CURRENCY_RE.match(text)
    if match:
        currency = _CURRENCIES[match.group(0).lower()]
        text = text[match.end() :].strip()
    scale = 1.0
    match = _scale_at_end(text)
    if match and match.group(1).lower() in ("m", "k") and not currency:
        currency = "m" if match.group(1).lower() == "m" else ""  # "400m" with no currency is metres
        text = text[: match.start()].strip() if currency else text
        if not currency:
            scale = 1e3
            text = text[: match.start()].strip()
    elif match and (_DIGIT.search(text, 0, match.start()) or match.group(1).lower() in ("million", "billion")):
        scale = _SCALES[match.group(1).lower()]
        text = text[: match.start()].strip()
    if _DIGITS_RE.fullmatch(text):
        value = float(text.replace(",", ""))
    else:
        value = float(text2num(_SPACES_OR_HYPHENS.sub(" ", text.lower()).strip(), "en"))
    return value * scale, currency


def _scale_at_end(text: str) -> re.Match[str] | None:
    """``_SCALE_AT_END.search(text)`` from the last word (a match spans it and the whitespace before it)."""
    head = text.rsplit(None, 1)
    return _SCALE_AT_END.search(text, len(head[0]) if len(head) > 1 else 0)


def _interval(value: float, qualifier: str, tol: Tolerance) -> Interval:
    kind = QUALIFIERS.get(qualifier.lower(), "exact") if qualifier else "exact"
    if kind == "gt":
        return Interval(value, math.inf, low_open=True, reason=f"more than ({qualifier})")
    if kind == "ge":
        return Interval(value, math.inf, reason=f"at least ({qualifier})")
    if kind == "lt":
        return Interval(0, value, high_open=True, reason=f"fewer than ({qualifier})")
    if kind == "le":
        return Interval(0, value, reason=f"at most ({qualifier})")
    if kind == "near":
        return Interval(value * (1 - tol.approx), value, high_open=True, reason=f"just under ({qualifier})")
    if kind == "approx":
        return Interval(value * (1 - tol.approx), value * (1 + tol.approx), reason=f"rounded ({qualifier})")
    return Interval.exact(value)


def figure_from_match(match: re.Match[str], tol: Tolerance = DEFAULT_TOLERANCE) -> tuple[Interval, str]:
    qualifier = match.group("qual") or ("or so" if match.group("orso") else "")
    unit = "%" if match.group("pct") else ""
    if match.group("vague"):
        low, high = VAGUE[match.group("vague").lower()]
        vague = Interval(low, high, reason=f"vague count ({match.group('vague').lower()})")
        if qualifier and low == high:
            return _interval(low, qualifier, tol), unit
        return vague, unit
    if match.group("r1") or match.group("r3"):
        (a, cur_a), (b, cur_b) = (
            _number_value(match.group(n)) for n in (("r1", "r2") if match.group("r1") else ("r3", "r4"))
        )
        if match.group("r3") and re.search(r"[a-z]$", match.group("r4") or "", re.IGNORECASE):
            a *= b / _number_value(re.sub(r"\s*[a-zA-Z]+$", "", match.group("r4")))[0]  # "3-4 million"
        if match.group("u1"):
            b *= _unit_ratio(match.string[match.end() :], match.group("u1"))
        low, high = sorted((a, b))
        return Interval(low, high, reason="range"), unit or cur_a or cur_b
    value, currency = _number_value(match.group("num"))
    return _interval(value, qualifier, tol), unit or currency


def _unit_ratio(after: str, first: str) -> float:
    """How many of a range's ``first`` unit is one of the unit ``after`` its last end (a year is 12 months), or 1
    when the range ends in no unit of the same kind."""
    from checker.units import dimension  # (units reads this module's number words)

    last = _UNIT_AFTER.match(after)
    if not last or last.group(1).lower() not in _MEASURE_UNITS:
        return 1.0
    one, other = dimension(_MEASURE_UNITS[last.group(1).lower()]), dimension(_MEASURE_UNITS[first.lower()])
    return one.factor / other.factor if one.key == other.key else 1.0


def parse_figure(text: str, tol: Tolerance = DEFAULT_TOLERANCE) -> tuple[Interval, str]:
    """Interval and unit of one figure as written. Raises ValueError when ``text`` holds no figure."""
    match = FIGURE_RE.search(text)
    if not match:
        raise ValueError(f"no figure in {text!r}")
    return figure_from_match(match, tol)


def _kind(text: str, match: re.Match[str], unit: str, value: Interval) -> tuple[str, str]:
    before = text[max(0, match.start() - 24) : match.start()].lower()
    after = text[match.end() : match.end() + 24]
    raw = match.group(0)
    if unit == "%":
        return "percent", unit
    if unit == "m":
        return "measure", unit
    if unit:
        return "money", unit
    if _ORDINAL_SUFFIX.match(after):
        return "ordinal", ""
    if _TIME_AFTER.match(after):
        return "time", ""
    if _month_before(before) or _MONTH_AFTER.match(after):
        return ("year" if _FOUR_DIGITS.fullmatch(raw) else "date"), ""
    iso = _ISO_DATE.match(text, max(0, match.start() - 5))
    if iso and iso.span(1) == match.span():
        return "date", ""
    if _YEAR.fullmatch(raw) and not match.group("qual"):
        return "year", ""
    if ("age" in before and _AGED_BEFORE.search(before)) or _YEARS_OLD_AFTER.match(after):  # (most have no "age")
        return "age", "year"
    if match.group("u1"):
        return "measure", _MEASURE_UNITS[match.group("u1").lower()]
    unit_match = _UNIT_AFTER.match(after)
    if unit_match and unit_match.group(1).lower() in _MEASURE_UNITS:
        return "measure", _MEASURE_UNITS[unit_match.group(1).lower()]
    return "count", ""


def _month_before(before: str) -> re.Match[str] | None:
    """``_MONTH_BEFORE.search(before)``, from the last word (all a match spans, at the end: ``\\s`` and
    ``str.split`` agree on whitespace), not from every character."""
    head = before.rsplit(None, 1)
    return _MONTH_BEFORE.search(before, len(head[0]) if len(head) > 1 else 0)


def scan(text: str, span: Span | None = None, tol: Tolerance = DEFAULT_TOLERANCE) -> list[Figure]:
    """Every figure in ``text`` (or the part ``span`` covers), in order."""
    return list(figures(text, span, tol))


def figures(text: str, span: Span | None = None, tol: Tolerance = DEFAULT_TOLERANCE) -> Iterator[Figure]:
    """``scan``'s figures one by one, for a caller that may want only the first few."""
    known = _known_part(text, span, tol) if span is not None else None
    if known is not None:
        yield from known
        return
    start, end = (span.start, span.end) if span else (0, len(text))
    for match in figure_matches(text, start, end):
        figure = _figure(text, match, tol)
        if figure is not None:
            yield figure


def _figure(text: str, match: re.Match[str], tol: Tolerance) -> Figure | None:
    """The figure a match of ``FIGURE_RE`` in ``text`` is, or None when it is none."""
    raw = match.group(0)
    if not _ALNUM.search(raw):
        return None
    if _is_stray_word(text, match):
        return None
    try:
        value, unit = figure_from_match(match, tol)
    except ValueError:
        return None
    kind, unit = _kind(text, match, unit, value)
    return Figure(Span(match.start(), match.end()), raw, value, unit, kind)


# The last text's spans scanned by ``scan_spans``, in order and apart: each with the spans of all of FIGURE_RE's
# matches in it (figures or not) and its figures
_Scanned = tuple[Span, list[tuple[int, int]], list[Figure]]
_SCANNED: tuple[str, Tolerance, list[int], list[_Scanned]] = ("", DEFAULT_TOLERANCE, [], [])


def scan_spans(text: str, spans: Sequence[Span], tol: Tolerance = DEFAULT_TOLERANCE) -> list[list[Figure]]:
    """``[scan(text, span, tol) for span in spans]`` (a draft's sentences), kept so that ``figures`` reads a part
    of one of them from its scan: the extractor scans parts of a sentence again for each figure (its clause, a
    contest's stretch, a percentage's base)."""
    global _SCANNED
    out: list[list[Figure]] = []
    starts: list[int] = []
    kept: list[_Scanned] = []
    for span in spans:
        found: list[Figure] = []
        matched: list[tuple[int, int]] = []
        for match in figure_matches(text, span.start, span.end):
            matched.append(match.span())
            figure = _figure(text, match, tol)
            if figure is not None:
                found.append(figure)
        out.append(found)
        if not kept or kept[-1][0].end <= span.start:  # (a span out of order is not kept)
            starts.append(span.start)
            kept.append((span, matched, found))
    _SCANNED = (text, tol, starts, kept)
    return out


def _known_part(text: str, part: Span, tol: Tolerance) -> list[Figure] | None:
    """``scan(text, part, tol)`` read from the scan of a span holding ``part`` (``scan_spans``), or None when that
    could differ.

    The part's own scan makes the same matches as the whole span's scan inside it when no match of the whole
    crosses either end of the part; the character after the part is whitespace, or the part ends with the span
    (FIGURE_RE's assertions there then read as at the end of a string, and a match that goes on past it crosses
    it); and the part's first character, which its scan always tries, is tried by the whole's scan too or starts
    no match. A match makes the same figure wherever it was found: it is read with the whole text.
    """
    cached, cached_tol, starts, kept = _SCANNED
    if cached is not text or cached_tol != tol:
        return None
    i = bisect.bisect_right(starts, part.start) - 1
    if i < 0:
        return None
    whole, matched, found = kept[i]
    start, end = part.start, part.end
    if end > whole.end or start >= end or (end < whole.end and not text[end].isspace()):
        return None
    first = bisect.bisect_left(matched, (start, -1))  # the first match starting in the part
    after = bisect.bisect_left(matched, (end, -1))  # the first starting after it
    if (first and matched[first - 1][1] > start) or (after > first and matched[after - 1][1] > end):
        return None
    if start > whole.start and not _is_possible(text, start) and FIGURE_RE.match(text, start, end):
        return None
    # found is in the order of its spans (one scan's matches): its figures in the part by bisection, not a filter
    # over all of them (a sentence of 2,000 figures asked once per figure was quadratic)
    low = bisect.bisect_left(found, start, key=_figure_start)
    return found[low : bisect.bisect_left(found, end, lo=low, key=_figure_start)]


def _figure_start(figure: Figure) -> int:
    return figure.span.start


def _is_possible(text: str, at: int) -> bool:
    starts = _possible_starts(text)
    i = bisect.bisect_left(starts, at)
    return i < len(starts) and starts[i] == at


_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_NEXT_WORD = lazy_re.compile(r"\s*([\w,]+)")
_OF_AFTER = lazy_re.compile(r"\s+of\b")  # (matched in place: a copy of the rest of the text was quadratic)


def _is_stray_word(text: str, match: re.Match[str]) -> bool:
    """Words that look like numbers but are not figures: "one of them", "the Over 50s", "some" alone."""
    raw = match.group(0)
    before = text[max(0, match.start() - 2) : match.start()]
    if before[-1:].isalnum() or before[-1:] == "_" or (before[-1:] == "-" and before[:1].isalpha()):
        return True  # part of a word or a name: "G7", "COVID-19"
    if match.end() < len(text) and text[match.end()].isalpha():
        return not _ORDINAL_SUFFIX.match(text, match.end())  # "3rd" is an ordinal, kept
    if (match.group("vague") or "").lower() == "scores" and not _OF_AFTER.match(text, match.end()):
        return True  # "he scores goals", "the scores were level": only "scores of" is a vague count
    if (match.group("num") or "").lower() == "one":
        following = _NEXT_WORD.match(text, match.end())
        return following is None or following.group(1).lower() in _ONE_STOP
    return raw.strip().lower() in QUALIFIERS


_FRACTIONS = {
    "half": 1 / 2,
    "a half": 1 / 2,
    "one half": 1 / 2,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "one-third": 1 / 3,
    "two thirds": 2 / 3,
    "two-thirds": 2 / 3,
    "a quarter": 1 / 4,
    "one quarter": 1 / 4,
    "one-quarter": 1 / 4,
    "three quarters": 3 / 4,
    "three-quarters": 3 / 4,
    "a fifth": 1 / 5,
    "one fifth": 1 / 5,
    "a tenth": 1 / 10,
    "one tenth": 1 / 10,
}
_FRACTION_RE = lazy_re.compile(
    r"\b(" + "|".join(sorted((re.escape(f) for f in _FRACTIONS), key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_ONE_IN_RE = lazy_re.compile(
    rf"\b({DIGITS}|{WORDS})\s+(?:in|out of)\s+(?:every\s+)?({DIGITS}|{WORDS})\b", re.IGNORECASE
)


def parse_share(text: str, tol: Tolerance = DEFAULT_TOLERANCE) -> Interval | None:
    """A share as a percentage: "40%" -> 40, "a third" -> 33.3…, "one in four" -> 25; None when ``text`` is none.

    A fraction or a ratio in words is read as rounded (``tol.approx``): writers say "a third" for 31–35%.
    """
    try:
        value, unit = parse_figure(text, tol)
    except ValueError:
        value, unit = None, ""
    if value is not None and unit == "%":
        return value
    ratio = _ONE_IN_RE.search(text)
    if ratio:
        part, whole = (_number_value(ratio.group(n))[0] for n in (1, 2))
        if whole > 0:
            return _interval(100 * part / whole, "about", tol)
    fraction = _FRACTION_RE.search(text)
    if fraction:
        before = re.search(rf"\b({_QUALIFIER})\s*$", text[: fraction.start()], re.IGNORECASE)
        base = 100 * _FRACTIONS[fraction.group(1).lower()]
        return _interval(base, before.group(1) if before else "about", tol)
    return None
