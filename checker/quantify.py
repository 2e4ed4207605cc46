"""Quantities and relations for extractors that name groups instead of declaring quantities.

The LLM extractor's model declares each quantity and how quantities relate. The offline pattern extractor (and
the evals' hand-written oracle) say, per claim, which group is counted (``population``), what happened to it
(``event``), in which incident (``scope``) and unit. ``derive`` turns that into the same structure the model
gives, using the taxonomy:

- one quantity per (scope, event class, unit, population): "50 prisoners killed" and "thirty detainees killed"
  are one quantity because prisoners = detainees;
- ``part_of`` wherever the taxonomy puts one population inside another (policemen ⊂ members of the security
  forces ⊂ people), and a list total ("guards and inmates") holds exactly the groups it names;
- a partial ``breakdown`` of each whole into the largest set of disjoint parts that have figures.

Percentages count the same quantity as the count they are a share of (their base is inline, ``Claim.base``).
Claims with no event ("two prisons") or a failed attempt ("tried to escape") get no quantity and are never
compared; nor do the claims an extractor sets ``apart`` (an increment, "5,500 more pages"; a figure for each
of several, "two were killed at each location"; a part picked from a group, "four of those states"). So the
rule engine has one input shape, whatever the extractor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from typing import NamedTuple

from checker.models import Claim, Extraction, Quantity, Relation, RelationKind
from checker.taxonomy import ROOT, Taxonomy

# Counts that only ever rise as they are updated (FL107).
CUMULATIVE = frozenset(
    {
        "killed",
        "injured",
        "arrested",
        "convicted",
        "charged",
        "infected",
        "freed or escaped",
        "escaped",
        "freed",
        "rescued",
        "evacuated",
        "affected",
        "voted",
        "turnout",
    }
)

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


class _Key(NamedTuple):
    """What a claim gives a figure for: scope, event class, unit and population."""

    scope: str
    event: str
    unit: str
    population: tuple[str, ...]

    def describe(self) -> str:
        text = f"{describe_population(self.population)} {self.event}"
        if self.unit and self.unit != "%":
            text += f" ({self.unit})"
        return text + (f", {self.scope}" if self.scope else "")


def population(claim: Claim) -> tuple[str, ...]:
    return tuple(sorted(set(claim.population))) or (ROOT,)


def comparable(claim: Claim) -> bool:
    """Claims with no event ("two prisons") or a failed attempt ("tried to escape") are not compared."""
    return bool(claim.event) and not claim.event.endswith("(attempted)")


def _key(claim: Claim, taxonomy: Taxonomy) -> _Key:
    scope = re.sub(r"\W+", " ", claim.scope.lower()).strip()
    return _Key(scope, taxonomy.event_class(claim.event), claim.unit, population(claim))


def derive(extraction: Extraction, taxonomy: Taxonomy, apart: Collection[str] = ()) -> Extraction:
    """``extraction`` with a quantity id on every comparable claim not named (by id) in ``apart``, and the
    quantities and relations."""
    keys: dict[_Key, str] = {}
    wanted = [(c, _key(c, taxonomy)) for c in extraction.claims if comparable(c) and c.id not in apart]
    for _, key in wanted:
        if key.unit != "%":
            keys.setdefault(key, f"q{len(keys) + 1}")
    # A percentage is a share of the count (or amount) it is about: "18% of the $50bn" gives the health budget
    # in dollars. It joins that quantity when the draft has one, else a count of its own.
    amounts = {(k.scope, k.event, k.population): k for k in sorted(keys, key=lambda k: k.unit != "")}
    named: dict[int, str] = {}
    for claim, key in wanted:
        if key.unit == "%":
            key = amounts.get((key.scope, key.event, key.population)) or key._replace(unit="")
        named[id(claim)] = keys.setdefault(key, f"q{len(keys) + 1}")
    claims = [c._replace(quantity=named[id(c)]) if id(c) in named else c for c in extraction.claims]
    quantities = tuple(Quantity(name, key.describe(), key.unit, key.event in CUMULATIVE) for key, name in keys.items())
    return extraction._replace(
        claims=tuple(claims), quantities=quantities, relations=_relations(keys, claims, taxonomy)
    )


def _relations(keys: dict[_Key, str], claims: list[Claim], taxonomy: Taxonomy) -> tuple[Relation, ...]:
    by_bucket: dict[tuple[str, str, str], list[_Key]] = defaultdict(list)
    for key in sorted(keys):
        by_bucket[(key.scope, key.event, key.unit)].append(key)
    largest: dict[str, float] = defaultdict(float)
    for claim in claims:
        if claim.quantity:
            largest[claim.quantity] = max(largest[claim.quantity], claim.value.low)
    out: list[Relation] = []
    for members in by_bucket.values():
        for whole in members:
            parts = [p for p in members if _covers(whole.population, p.population, taxonomy)]
            if not parts:
                continue
            out.append(Relation(RelationKind.PART_OF, keys[whole], tuple(keys[p] for p in parts)))
            # The largest set of pairwise-disjoint parts, biggest figures first, is the breakdown parts add up in.
            chosen: list[_Key] = []
            for part in sorted(parts, key=lambda p: (-largest[keys[p]], p)):
                if all(_disjoint(part.population, c.population, taxonomy) for c in chosen):
                    chosen.append(part)
            if len(chosen) >= 2:
                out.append(Relation(RelationKind.BREAKDOWN, keys[whole], tuple(keys[p] for p in sorted(chosen))))
    return tuple(out)


def _covers(total: tuple[str, ...], part: tuple[str, ...], taxonomy: Taxonomy) -> bool:
    """True when every member of ``part`` lies inside ``total`` (and the two are not the same group)."""
    if set(part) == set(total):
        return False
    return all(any(taxonomy.is_within(p, t) for t in total) for p in part)


def _disjoint(a: tuple[str, ...], b: tuple[str, ...], taxonomy: Taxonomy) -> bool:
    return not any(taxonomy.is_within(x, y) or taxonomy.is_within(y, x) for x in a for y in b)
