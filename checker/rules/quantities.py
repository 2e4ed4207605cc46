"""Claims grouped by what they measure: the quantity table every rule reads.

An extractor says which quantity each claim gives a figure for (``Claim.quantity``) and how quantities relate
(``Relation``): the LLM's model declares them, ``checker.quantify`` derives them for the offline extractor.
Here that becomes arithmetic-ready groups: claims of one quantity, at one marked moment (``as_of``, the
claim's ``time``), in one dimension (counts, shares of one base, a currency, an area …), with values converted
to the dimension's base unit (``checker.units``), so "500 ha" and "5 km2" meet as 5,000,000 m².
Grouping is linear in the number of claims; relations are closed transitively once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Final, NamedTuple

from checker import lazy_re
from checker.models import Claim, Interval, Quantity, Relation, RelationKind, Span, SpanIndex
from checker.timewords import EARLIER_REPORT, UPDATE_VERBS, alternation
from checker.units import PERCENT, dimension


class Group(NamedTuple):
    """Claims that must agree: one quantity, one ``as_of``, one dimension; ``share_of`` for shares of a base."""

    quantity: str
    as_of: str
    dimension: str
    share_of: str = ""

    @property
    def is_share(self) -> bool:
        return self.dimension == PERCENT


# Words that mark a figure as an update of an earlier one ("the toll rose to 19", "has now reached").
UPDATE = re.compile(rf"\b(?:{alternation(UPDATE_VERBS, ('later',))})\b", re.IGNORECASE)
# a first or an earlier report's moment ("initially", "had reported"): before the story's own, which an unmarked
# figure gives
FIRST = lazy_re.compile(rf"\b(?:initially|at first|first reported|earlier reports)\b|{EARLIER_REPORT}", re.IGNORECASE)
_MOMENT_LEAD = re.compile(r"^(?:by|as of|as at|on|at|until|till|up to|in|the)\s+", re.IGNORECASE)


def as_of_key(claim: Claim) -> str:
    """The moment a figure holds, written one way: "By Thursday", "on Thursday" and "Thursday" are one moment."""
    text = re.sub(r"\s+", " ", claim.time.lower()).strip(" ,.")
    while (shorter := _MOMENT_LEAD.sub("", text)) != text:
        text = shorter
    return text


def measured(claim: Claim) -> tuple[str, Claim]:
    """The claim's dimension, and the claim with its value in the dimension's base unit."""
    dim = dimension(claim.unit)
    if dim.factor == 1.0:
        return dim.key, claim
    v = claim.value
    value = Interval(v.low * dim.factor, v.high * dim.factor, v.low_open, v.high_open, f"{v.reason}, in {dim.key}")
    return dim.key, claim._replace(value=value)


class QuantityTable:
    """Claims by group; quantities by id; the parts of each whole (transitive) and its breakdowns.

    A plain class (its ``cached_property``s need an instance ``__dict__``; ``dataclasses`` imports ``inspect``).
    """

    def __init__(
        self,
        quantities: dict[str, Quantity],
        groups: dict[Group, list[Claim]],
        relations: tuple[Relation, ...],
        updated: frozenset[str] = frozenset(),
    ) -> None:
        self.quantities: Final = quantities
        self.groups: Final = groups
        self.relations: Final = relations
        self.updated: Final = updated  # running totals the draft updates: their unmarked figures have no moment

    @classmethod
    def build(
        cls,
        claims: Iterable[Claim],
        quantities: Iterable[Quantity],
        relations: Iterable[Relation],
        sentences: Sequence[Span] = (),
    ) -> QuantityTable:
        """``sentences``: the draft's sentence spans in order, which tell an unmarked figure set apart from the
        marked one beside it (``_unmarked_joined``); without them every unmarked figure may join."""
        groups: dict[Group, list[Claim]] = defaultdict(list)
        for claim in claims:
            if not claim.quantity:
                continue
            dim, claim = measured(claim)
            share_of = claim.share_of if dim == PERCENT else ""
            groups[Group(claim.quantity, as_of_key(claim), dim, share_of)].append(claim)
        table = {q.id: q for q in quantities}
        moving = _updated(groups, {q.id for q in table.values() if q.running_total})
        return cls(table, _unmarked_joined(groups, moving, SpanIndex(sentences)), tuple(relations), moving)

    def describe(self, quantity: str) -> str:
        found = self.quantities.get(quantity)
        return found.description if found and found.description else quantity

    def running_total(self, quantity: str) -> bool:
        found = self.quantities.get(quantity)
        return bool(found and found.running_total)

    @cached_property
    def by_quantity(self) -> dict[str, list[Group]]:
        out: dict[str, list[Group]] = defaultdict(list)
        for group in sorted(self.groups):
            out[group.quantity].append(group)
        return out

    def claims_of(self, quantity: str, as_of: str, dim: str, share_of: str = "") -> list[Claim]:
        return self.groups.get(Group(quantity, as_of, dim, share_of), [])

    def claims_at(self, quantity: str, as_of: str, dim: str, share_of: str = "", whole: str = "") -> list[Claim]:
        """A related quantity's figures for the moment ``as_of``: those marked with it; else, when either side is
        unmarked and the quantity is not an updated running total, its figures at the one moment it has.

        An unmarked figure meets a marked moment of ``whole`` only when that is the one moment the whole is given
        at: with "212 cases on Wednesday … 247 by Friday", an unmarked "131 in the city, 58 in the town" could be
        either's breakdown and is compared with neither, as an unmarked figure of one quantity is
        (``_unmarked_joined``)."""
        exact = self.claims_of(quantity, as_of, dim, share_of)
        if exact or quantity in self.updated:
            return exact
        moments = self.moments(quantity, dim, share_of)
        if len(moments) == 1 and (not as_of or not moments[0].as_of):
            if as_of and whole and len(self.moments(whole, dim)) > 1:
                return []
            return self.groups[moments[0]]
        return []

    def moments(self, quantity: str, dim: str, share_of: str = "") -> list[Group]:
        """The groups of ``quantity`` in one dimension (and base), one per moment it is given at."""
        return [g for g in self.by_quantity.get(quantity, []) if (g.dimension, g.share_of) == (dim, share_of)]

    @cached_property
    def descendants(self) -> dict[str, tuple[str, ...]]:
        """Every quantity inside each whole, through part_of and breakdown relations, transitively."""
        children: dict[str, set[str]] = defaultdict(set)
        for relation in self.relations:
            children[relation.whole].update(p for p in relation.parts if p != relation.whole)
        out: dict[str, tuple[str, ...]] = {}
        for whole in children:
            seen: set[str] = set()
            stack = list(children[whole])
            while stack:
                node = stack.pop()
                if node in seen or node == whole:
                    continue
                seen.add(node)
                stack.extend(children.get(node, ()))
            out[whole] = tuple(sorted(seen))
        return out

    @cached_property
    def breakdowns(self) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.kind is RelationKind.BREAKDOWN)

    @cached_property
    def breakdowns_of(self) -> dict[str, list[Relation]]:
        out: dict[str, list[Relation]] = defaultdict(list)
        for relation in self.breakdowns:
            out[relation.whole].append(relation)
        return out


def _updated(groups: dict[Group, list[Claim]], running: set[str]) -> frozenset[str]:
    """The running totals whose figures the draft presents as updates ("the toll rose to 19")."""
    return frozenset(
        group.quantity
        for group, claims in groups.items()
        if group.quantity in running and any(UPDATE.search(c.quote) for c in claims)
    )


def _unmarked_joined(
    groups: dict[Group, list[Claim]], updated: frozenset[str], sentences: SpanIndex
) -> dict[Group, list[Claim]]:
    """Figures with no time marker join the marked ones when the draft marks only one moment for the quantity.

    "7.6 million patients were waiting at the end of March" and "the list of 760,000 patients" speak of one
    list; with two marked moments ("by Friday 12 … by Saturday 19") an unmarked figure could be either, and is
    compared with neither; nor is a first or earlier report's moment one ("the ministry had reported five
    killed": the unmarked "seven killed" is the story's own). Nor is a running total the draft updates: its
    unmarked figure may be the first report ("killing 12 people … the toll had risen to 19"), and FL107 orders it
    instead. Nor is a figure whose
    sentence has its source give the moment to another figure of the quantity and none to it: one voice, one
    sentence, two figures, one dated, is a change over time ("reserves have fallen to £21m, from £34m in 2022";
    "bring to 61 …, up from 47 at the end of June"). Another voice in that sentence is a rival figure for the
    same moment ("12 by Friday, police said, while the hospital put it at 15") and joins it.
    """
    marked: dict[tuple[str, str, str], list[Group]] = defaultdict(list)
    for group in groups:
        if group.as_of and group.quantity not in updated and not FIRST.search(group.as_of):
            marked[(group.quantity, group.dimension, group.share_of)].append(group)
    out = dict(groups)
    for (quantity, dim, share_of), moments in marked.items():
        unmarked = Group(quantity, "", dim, share_of)
        if len(moments) != 1 or unmarked not in out:
            continue
        dated = {(sentences.containing(c.figure_span), _voice(c)) for c in out[moments[0]]}
        joining: list[Claim] = []
        apart: list[Claim] = []
        for claim in out.pop(unmarked):
            sentence = sentences.containing(claim.figure_span)
            (apart if sentence and (sentence, _voice(claim)) in dated else joining).append(claim)
        out[moments[0]] = [*out[moments[0]], *joining]
        if apart:
            out[unmarked] = apart
    return out


def _voice(claim: Claim) -> tuple[str, str]:
    """Who gives a figure, as one sentence names them: the source's kind and name (none: the draft's own voice)."""
    return claim.source.kind.value, claim.source.name.casefold()


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


def sum_highs(values: Iterable[Interval]) -> Interval:
    """The largest total a set of disjoint parts allows: their upper bounds added up."""
    items = list(values)
    return Interval(0.0, sum(v.high for v in items), high_open=any(v.high_open for v in items))


def hull(claims: Iterable[Claim]) -> Interval:
    """Every value any of the claims allows (rival figures for one part: the sum must fit one of them)."""
    items = [c.value for c in claims]
    low = min(items, key=lambda v: (v.low, not v.low_open))
    high = max(items, key=lambda v: (v.high, v.high_open))
    return Interval(low.low, high.high, low.low_open, high.high_open, "any of the figures")
