"""Counts over marked time: FL107 a cumulative count that goes down ("by Friday 12 dead … by Saturday 9").

A marked increase ("by Saturday the toll rose to 19") is an update, not a contradiction, and is not reported.
Figures with different time markers are never compared by the conflict rules; this rule is where they meet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from checker import lazy_re
from checker.models import Claim, Finding, Severity
from checker.rules.base import CONTRADICTIONS, Context, finding, rule
from checker.rules.quantities import FIRST, UPDATE, figure_phrase
from checker.timewords import MONTHS, WEEKDAYS, alternation

DECREASE = rule(
    "FL107",
    "count-decreases-over-time",
    Severity.ERROR,
    "A running total (deaths, injuries, arrests…) is lower at a later marked time.",
    "Death tolls and other cumulative counts only rise. “By Friday 12 dead … by Saturday 9 dead” means one figure "
    "is wrong, or the later one counts something else. Say so in the copy.",
    (
        ("By Friday 12 people had died. By Saturday 9 people had died.", True),
        ("Twelve people were killed. Later the toll rose to 9.", True),
        ("Twelve people were killed on Friday. By Saturday the toll rose to 19.", False),
        ("By Friday 12 people were missing. By Saturday 9 people were missing.", False),
        ("By Friday 12 people had died. By Saturday 12 people had died.", False),
    ),
    family=CONTRADICTIONS,
)

_DAYS = {d.lower(): i for i, d in enumerate(WEEKDAYS)}
# parts of a day, by the hour they stand for (checked in this order: "tonight" holds "night")
_HOURS = {
    "dawn": 6,
    "morning": 9,
    "noon": 12,
    "midday": 12,
    "afternoon": 15,
    "dusk": 18,
    "nightfall": 19,
    "evening": 19,
    "tonight": 21,
    "midnight": 24,
}
# the night only of a day named ("by Tuesday night"): "last night" after "this morning" is no order
_NIGHTS = {"overnight": 3, "night": 22}
# a month as a moment ("by the end of June"), not the start of a span ("since January"); a year beside it puts
# the moment in a calendar the story's months are not read in
_MONTH = lazy_re.compile(rf"(?<!since )(?<!from )\b({alternation(MONTHS)})\b")
_YEAR = lazy_re.compile(r"\b(?:1[89]|20)\d\d\b")
_CYCLE = {"day": 7, "month": 12}


class Moment(NamedTuple):
    """Where a time marker falls: its kind ("day", "month", "hour", "seq"), its place among the kind's, and for a
    day, the hour its part of the day stands for ("Wednesday evening": 19; None for the day alone)."""

    kind: str
    value: float
    hour: float | None = None


def _hour(text: str, hours: dict[str, int] = _HOURS) -> float | None:
    for word, hour in hours.items():
        if word in text:
            return hour
    clock = re.search(r"(\d{1,2})(?::(\d\d))?\s*(am|pm|a\.m\.|p\.m\.)", text)
    if clock:
        return int(clock.group(1)) % 12 + (12 if clock.group(3).startswith("p") else 0) + int(clock.group(2) or 0) / 60
    return None


def rank(marker: str) -> Moment | None:
    """Order key of a time marker: ("day", 4) for "by Friday" (and its hour, "by Friday evening"), ("month", 5)
    for "by the end of June", ("hour", 12) for "by noon", ("seq", n) else."""
    text = marker.lower()
    for day, index in _DAYS.items():
        if day in text:
            return Moment("day", index, _hour(text, _HOURS | _NIGHTS))
    hour = _hour(text)
    if hour is not None:
        return Moment("hour", hour)
    month = _MONTH.search(marker)
    if month and not _YEAR.search(marker):
        return Moment("month", MONTHS.index(month.group(1)))
    if FIRST.search(text) or not text:
        return Moment("seq", 0)
    if UPDATE.search(text):
        return Moment("seq", 1)
    return None


def _cycle_order(values: list[float], value: float, period: int) -> float:
    """A weekday's (a month's) place in the story's week (year): the ones named are read as consecutive, starting
    after the longest gap between them, so "Friday … Sunday … Tuesday" runs Friday, Sunday, Tuesday (a story spans
    days, not weeks) and "November … February" runs into the next year."""
    named = sorted(set(values))
    gaps = [
        ((named[(i + 1) % len(named)] - d) % period or period, named[(i + 1) % len(named)]) for i, d in enumerate(named)
    ]
    start = max(gaps)[1]
    return (value - start) % period


def _later(a: Moment, b: Moment) -> bool:
    """``a`` after ``b`` (of one kind, placed in the story's cycle): a later day, month or hour, or the same day at
    a later part of it (a day alone is not before nor after its own evening)."""
    if a.value != b.value:
        return a.value > b.value
    return a.hour is not None and b.hour is not None and a.hour > b.hour


def _decreases(quantity: str, claims: list[Claim]) -> Iterator[Finding]:
    ranked = [(r, c) for c in claims if (r := rank(c.time)) is not None]
    by_kind: dict[str, list[tuple[Moment, Claim]]] = defaultdict(list)
    for moment, claim in ranked:
        # Unmarked figures are compared only with "rose to"-style updates: a lede often gives the latest toll
        # unmarked, so it is not placed before "by Friday".
        by_kind[moment.kind].append((moment, claim))
    for kind, period in _CYCLE.items():
        if kind in by_kind:
            values = [m.value for m, _ in by_kind[kind]]
            by_kind[kind] = [(m._replace(value=_cycle_order(values, m.value, period)), c) for m, c in by_kind[kind]]
    for items in by_kind.values():
        items.sort(key=lambda item: (item[0].value, -1 if item[0].hour is None else item[0].hour, item[1].span.start))
        best: tuple[Moment, Claim] | None = None
        for moment, claim in items:
            if best and _later(moment, best[0]) and claim.time and claim.value.entirely_below(best[1].value):
                earlier = best[1]
                yield finding(
                    DECREASE,
                    f"{quantity}: {figure_phrase(claim)} ({claim.time}) is lower than the earlier "
                    f"{figure_phrase(earlier)}" + (f" ({earlier.time})" if earlier.time else ""),
                    claim.figure_span,
                    [earlier, claim],
                    quantity,
                    f"a running total cannot fall from {earlier.value} to {claim.value}.",
                )
            if best is None or claim.value.low > best[1].value.low:
                best = (moment, claim)


def counts_over_time(ctx: Context) -> Iterator[Finding]:
    table = ctx.table
    for quantity, groups in table.by_quantity.items():
        if not table.running_total(quantity) or len({g.as_of for g in groups}) < 2:
            continue
        by_dimension: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for group in groups:
            by_dimension[(group.dimension, group.share_of)].extend(table.groups[group])
        for claims in by_dimension.values():
            if len({c.time.lower() for c in claims}) >= 2:
                yield from _decreases(table.describe(quantity), claims)
