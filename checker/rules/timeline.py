"""Counts over marked time: FL107 a cumulative count that goes down ("by Friday 12 dead … by Saturday 9").

A marked increase ("by Saturday the toll rose to 19") is an update, not a contradiction, and is not reported.
Figures with different time markers are never compared by the conflict rules; this rule is where they meet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from checker import lazy_re
from checker.models import Claim, Finding, Severity
from checker.rules.base import CONTRADICTIONS, Context, finding, rule
from checker.rules.quantities import UPDATE, figure_phrase
from checker.timewords import WEEKDAYS

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
_FIRST = lazy_re.compile(r"\b(?:initially|at first|first reported|earlier reports)\b", re.IGNORECASE)


def rank(marker: str) -> tuple[str, float] | None:
    """Order key of a time marker: ("day", 4) for "by Friday", ("hour", 12) for "by noon", ("seq", n) else."""
    text = marker.lower()
    for day, index in _DAYS.items():
        if day in text:
            return ("day", index)
    for word, hour in _HOURS.items():
        if word in text:
            return ("hour", hour)
    clock = re.search(r"(\d{1,2})(?::(\d\d))?\s*(am|pm|a\.m\.|p\.m\.)", text)
    if clock:
        hour = int(clock.group(1)) % 12 + (12 if clock.group(3).startswith("p") else 0)
        return ("hour", hour + int(clock.group(2) or 0) / 60)
    if _FIRST.search(text) or not text:
        return ("seq", 0)
    if UPDATE.search(text):
        return ("seq", 1)
    return None


def _week_order(items: list[tuple[float, Claim]], day: float) -> float:
    """A weekday's place in the story's week: the days named are read as consecutive, starting after the longest
    gap between them, so "Friday … Sunday … Tuesday" runs Friday, Sunday, Tuesday (a story spans days, not weeks)."""
    days = sorted({v for v, _ in items})
    gaps = [((days[(i + 1) % len(days)] - d) % 7 or 7, days[(i + 1) % len(days)]) for i, d in enumerate(days)]
    start = max(gaps)[1]
    return (day - start) % 7


def _decreases(quantity: str, claims: list[Claim]) -> Iterator[Finding]:
    ranked = [(r, c) for c in claims if (r := rank(c.time)) is not None]
    by_kind: dict[str, list[tuple[float, Claim]]] = defaultdict(list)
    for (kind, value), claim in ranked:
        # Unmarked figures are compared only with "rose to"-style updates: a lede often gives the latest toll
        # unmarked, so it is not placed before "by Friday".
        by_kind[kind].append((value, claim))
    if "day" in by_kind:
        by_kind["day"] = [(_week_order(by_kind["day"], v), c) for v, c in by_kind["day"]]
    for items in by_kind.values():
        items.sort(key=lambda item: (item[0], item[1].span.start))
        best: tuple[float, Claim] | None = None
        for value, claim in items:
            if best and value > best[0] and claim.time and claim.value.entirely_below(best[1].value):
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
                best = (value, claim)


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
