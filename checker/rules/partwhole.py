"""Parts and wholes: FL103 a part larger than its whole, FL104 a breakdown whose parts do not add up.

Which quantity is part of which comes from the extractor (``Relation``s: the model declares them; for the
offline extractor ``checker.quantify`` derives them from the taxonomy). Here only numbers are compared, at one
marked moment and in one dimension: a part (through any chain of ``part_of``) whose figure alone exceeds the
whole's is FL103; the parts of a breakdown added up (each part's rival figures taken together, so a sum is never
built from one source's high figure and another's) more than the whole, or -- for a complete breakdown -- less,
is FL104.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.models import Claim, Finding, Interval, Relation, Severity
from checker.rules.base import CONTRADICTIONS, Context, finding, rule
from checker.rules.conflicts import implied_counts
from checker.rules.quantities import (
    QuantityTable,
    content_key,
    figure_phrase,
    highest_low,
    hull,
    lowest_high,
    sum_highs,
    sum_lows,
)
from checker.units import PERCENT

SUBSET = rule(
    "FL103",
    "subset-larger-than-superset",
    Severity.ERROR,
    "A figure for part of a group is larger than the figure for the whole group.",
    "Policemen are members of the security forces; 12 policemen killed cannot be true if only 6 members of the "
    "security forces were killed. Extend the taxonomy in [tool.factlint.taxonomy] for your beat.",
    (
        ("Twelve policemen were killed. … six members of the security forces were killed.", True),
        ("60 jihadists were killed. … 35 were killed in total.", True),
        ("Six policemen were killed. … twelve members of the security forces were killed.", False),
        ("Twelve policemen were killed. … six soldiers were killed.", False),
        ("In 2013, 12 policemen were killed. … six members of the security forces were killed.", False),
    ),
    family=CONTRADICTIONS,
)
PARTS = rule(
    "FL104",
    "parts-exceed-total",
    Severity.ERROR,
    "The parts of a total add up to more than it (or, when they are all of it, to less).",
    "“36 guards and inmates died” cannot hold if 30 prisoners and 12 guards were killed. A breakdown the text "
    "presents as complete (“64 in the capital, 27 in the port and 9 in the hills”) must also reach its total.",
    (
        ("Thirty prisoners and twelve guards were killed. … 36 guards and inmates died.", True),
        ("Ten children and 12 adults were hurt. … 20 people were hurt.", True),
        ("Ten children and 12 adults were hurt. … 22 people were hurt.", False),
        ("Ten children and 12 adults were hurt. … more than 20 people were hurt.", False),
        ("Ten children were hurt on Friday. … 5 people were hurt on Saturday.", False),
    ),
    family=CONTRADICTIONS,
)


def parts_and_totals(ctx: Context) -> Iterator[Finding]:
    table = ctx.table
    for group, totals in table.groups.items():
        parts = table.descendants.get(group.quantity, ())
        if not parts:
            continue
        total = lowest_high(totals)  # the tightest total is the one parts can break
        # When the whole's own figures disagree (FL101 or FL105 says so), a part is read against each of them, as
        # a breakdown's sum is: a part under one of the whole's rival figures ("the cash portion, about $1.6
        # billion" of "the $4.2 billion deal", beside "the $420 million takeover") says nothing more.
        rivals = [c.value for c in totals] if total.value.entirely_below(highest_low(totals).value) else [total.value]
        alone: set[str] = set()
        for part in parts:
            above = [
                c
                for c in table.claims_at(part, group.as_of, group.dimension, group.share_of, group.quantity)
                if all(r.entirely_below(c.value) for r in rivals)
            ]
            if above:
                alone.add(part)
            if len(above) <= SEPARATE:
                yield from (_subset(table, group.quantity, total, claim) for claim in above)
            else:  # a long draft repeating one conflict: one finding, the largest figure, and how many more
                yield _subset(table, group.quantity, total, highest_low(above), len(above) - 1)
        for relation in table.breakdowns_of.get(group.quantity, ()):
            if not alone.intersection(relation.parts):
                yield from _breakdown(table, relation, group.as_of, group.dimension, totals)
    yield from _above_every_moment(table)


def _above_every_moment(table: QuantityTable) -> Iterator[Finding]:
    """Unmarked parts of a whole given only at marked moments meet none of them (``claims_at``), yet when they add
    up to more than the whole at every one of its moments, no moment they may be from holds them: "31 dead on
    Wednesday", "26 by Tuesday night", then "14 in the town, 11 in the district and nine in the villages". Never
    for falling short: a running total's unmarked breakdown may be an earlier report's."""
    for relation in table.breakdowns:
        for dim in sorted({g.dimension for g in table.by_quantity.get(relation.whole, []) if not g.share_of}):
            moments = table.moments(relation.whole, dim)
            if len(moments) < 2 or any(not g.as_of for g in moments):
                continue
            if any(p in table.updated or any(g.as_of for g in table.moments(p, dim)) for p in relation.parts):
                continue
            totals = [c for g in moments for c in table.groups[g]]
            top = max(totals, key=lambda c: (c.value.high, c.value.low, -c.span.start))
            yield from _breakdown(table, relation._replace(complete=False), "", dim, [top])


def shares_of_a_whole(ctx: Context) -> Iterator[Finding]:
    """The parts of a breakdown given as shares of the whole ("48%, 39% and 18% of the vote") add up to 100%
    at most -- exactly, within their rounding, when the breakdown is complete."""
    table = ctx.table
    for relation in table.breakdowns:
        moments = {
            g.as_of for p in relation.parts for g in table.by_quantity.get(p, []) if g.share_of == relation.whole
        }
        for as_of in sorted(moments):
            figures = [(p, table.claims_of(p, as_of, PERCENT, relation.whole)) for p in relation.parts]
            given = [(p, claims) for p, claims in figures if claims]
            if len(given) < 2:
                continue
            shown = [highest_low(claims) for _, claims in given]
            values = [_rounded(hull(claims)) for _, claims in given]
            quantity = f"shares of {table.describe(relation.whole)}"
            listed = " + ".join(
                f"{figure_phrase(c)} {table.describe(p)}" for (p, _), c in zip(given, shown, strict=True)
            )
            least, most = sum_lows(values), sum_highs(values)
            if least.low > 100:
                yield _share_finding(quantity, shown, f"{listed} = {_number(least.low)}%, more than the whole")
            elif relation.complete and len(given) == len(figures) and most.high < 100:
                yield _share_finding(quantity, shown, f"{listed} = {_number(most.high)}%, short of the whole")


def _rounded(value: Interval) -> Interval:
    """A whole-number percentage allows half a point either way."""
    if value.is_exact and value.low == int(value.low):
        return Interval(value.low - 0.5, value.high + 0.5, reason="rounded to a whole point")
    return value


def _share_finding(quantity: str, parts: list[Claim], message: str) -> Finding:
    return finding(
        PARTS,
        f"{quantity}: {message}",
        parts[0].figure_span,
        sorted(parts, key=lambda c: (c.span.start, content_key(c))),
        quantity,
        "the parts are separate pieces of one whole; their shares, allowing for rounding, must add up to 100% "
        "at most (exactly, when they are all of it).",
    )


SEPARATE = 3  # figures of one part above one whole reported one by one; beyond that, summarised


def _subset(table: QuantityTable, whole: str, total: Claim, part: Claim, more: int = 0) -> Finding:
    quantity, part_name = table.describe(whole), table.describe(part.quantity)
    others = f" ({more} more figures of {part_name} exceed it too)" if more else ""
    return finding(
        SUBSET,
        f"{quantity}: {figure_phrase(part)} {part_name}, but only {figure_phrase(total)} {quantity}{others}",
        part.figure_span,
        sorted([total, part], key=lambda c: c.span.start),
        quantity,
        f"{part_name} are part of {quantity}; a part ({part.value}) cannot exceed the whole ({total.value}).",
    )


def _breakdown(
    table: QuantityTable, relation: Relation, as_of: str, dim: str, totals: list[Claim]
) -> Iterator[Finding]:
    figures = [(p, table.claims_at(p, as_of, dim, whole=relation.whole)) for p in relation.parts]
    given = [(p, claims) for p, claims in figures if claims]
    if len(given) < 2:
        return
    values = [hull(claims) for _, claims in given]
    shown = [highest_low(claims) for _, claims in given]
    least, most = sum_lows(values), sum_highs(values)
    whole = relation.whole
    quantity = table.describe(whole)
    listed = " + ".join(f"{figure_phrase(c)} {table.describe(p)}" for (p, _), c in zip(given, shown, strict=True))
    complete = relation.complete and len(given) == len(figures)
    added = Interval(least.low, most.high, least.low_open, most.high_open)
    # The whole's rival figures are read one by one: when its figures disagree (FL101 says so), parts that add up
    # to one of them ("120 + 92 seats" and "won 212", against "the coalition's 221") say nothing more; nor do
    # parts that add up to the count a share of the whole implies, which FL106 already sets against the rest
    # ("210 + 90 jobs" and "a third of its 900 staff", against "the 400 staff being laid off").
    rivals = [c.value for c in totals] + implied_counts(table, whole, as_of, dim)
    if any(not r.entirely_below(least) and (not complete or r.overlaps(added)) for r in rivals):
        return
    small = lowest_high(totals)
    if small.value.entirely_below(least):
        yield _sum_finding(quantity, small, shown, f"{listed} = {_number(least.low)}, but the total is", least, "more")
        return
    big = highest_low(totals)
    if complete and most.entirely_below(big.value):
        yield _sum_finding(quantity, big, shown, f"{listed} = {_number(most.high)}, but the total is", most, "less")


def _sum_finding(quantity: str, total: Claim, parts: list[Claim], text: str, added: Interval, side: str) -> Finding:
    why = (
        "the parts are separate pieces of the whole; together they cannot be more than it."
        if side == "more"
        else "the text gives these parts as the whole; together they must reach it."
    )
    return finding(
        PARTS,
        f"{quantity}: {text} {figure_phrase(total)}",
        total.figure_span,
        sorted([total, *parts], key=lambda c: (c.span.start, content_key(c))),
        quantity,
        f"{' + '.join(str(p.value) for p in parts)} add up to {side} than {total.value}: {why}",
    )


def _number(value: float) -> str:
    return f"{value:,.6g}"
