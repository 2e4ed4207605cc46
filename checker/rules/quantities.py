"""What makes two claims about the same quantity: buckets, population keys, accounts, time ranks, wording.

A *bucket* is (scope, event class, unit, time marker): only claims in one bucket are ever compared, so figures
about another incident, another year or another moment are never set against each other, and grouping is
linear in the number of claims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from checker.models import Claim, Interval, SourceKind
from checker.taxonomy import ROOT, Taxonomy


@dataclass(frozen=True, slots=True)
class Bucket:
    scope: str
    event: str
    unit: str
    time: str


def population(claim: Claim) -> tuple[str, ...]:
    return tuple(sorted(set(claim.population))) or (ROOT,)


def time_key(claim: Claim) -> str:
    return re.sub(r"\s+", " ", claim.time.lower()).strip()


def scope_key(claim: Claim) -> str:
    return re.sub(r"\W+", " ", claim.scope.lower()).strip()


def comparable(claim: Claim) -> bool:
    """Claims with no event ("two prisons") or a failed attempt ("tried to escape") are not compared."""
    return bool(claim.event) and not claim.event.endswith("(attempted)")


def buckets(claims: Iterable[Claim], taxonomy: Taxonomy, with_time: bool = True) -> dict[Bucket, list[Claim]]:
    out: dict[Bucket, list[Claim]] = defaultdict(list)
    for claim in claims:
        if comparable(claim):
            key = Bucket(
                scope_key(claim), taxonomy.event_class(claim.event), claim.unit, time_key(claim) if with_time else ""
            )
            out[key].append(claim)
    return out


def account(claim: Claim) -> str:
    """Which account (source) a claim belongs to. Unsourced claims sharing a clause form one account."""
    if claim.source.kind is SourceKind.NONE:
        return f"unattributed@{claim.span.end}"
    name = re.sub(r"\W+", " ", claim.source.name.lower()).strip()
    return f"{claim.source.kind.value}:{name}"


_PLURALS = {
    "person": "people",
    "man": "men",
    "woman": "women",
    "child": "children",
    "policeman": "policemen",
    "security force member": "members of the security forces",
    "crew": "crew members",
}


def plural(noun: str) -> str:
    if noun in _PLURALS:
        return _PLURALS[noun]
    if noun.endswith("y") and not noun.endswith(("ay", "ey", "oy")):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def describe_population(pop: tuple[str, ...]) -> str:
    return " and ".join(plural(p) for p in pop)


def describe_quantity(bucket: Bucket, pop: tuple[str, ...]) -> str:
    text = f"{describe_population(pop)} {bucket.event}"
    if bucket.unit:
        text += f" ({bucket.unit})"
    if bucket.scope:
        text += f", {bucket.scope}"
    if bucket.time:
        text += f", {bucket.time}"
    return text


def figure_phrase(claim: Claim) -> str:
    """A figure as the draft writes it, quoted: the editor searches the draft for exactly this."""
    return f"“{claim.figure}”"


def content_key(claim: Claim) -> tuple[str, str, str]:
    """A tie-breaker that depends on what a claim says, not where it stands, so results ignore claim order."""
    return (claim.quote, claim.figure, claim.source.name)


def highest_low(claims: Iterable[Claim]) -> Claim:
    """The claim whose interval starts highest (an open bound counts as a little higher)."""
    return max(claims, key=lambda c: (c.value.low, c.value.low_open, content_key(c)))


def lowest_high(claims: Iterable[Claim]) -> Claim:
    return min(claims, key=lambda c: (c.value.high, not c.value.high_open, content_key(c)))


def sum_lows(values: Iterable[Interval]) -> Interval:
    """The smallest total a set of disjoint parts allows: their lower bounds added up."""
    items = list(values)
    return Interval(sum(v.low for v in items), float("inf"), low_open=any(v.low_open for v in items))
