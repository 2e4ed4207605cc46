"""Parts and wholes: FL103 a subset larger than its superset, FL104 parts that add up to more than the total.

A *total* is any claim whose population contains others' ("35 were killed" contains everyone; "members of the
security forces" contain policemen; "guards and inmates" contain prisoners). Parts are compared with a total
one account (source) at a time, so one source's 50 + 12 is set against the total — never a sum made of figures
from rival accounts that may count the same people twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.models import Claim, Finding, Severity
from checker.rules.base import Context, check, finding, rule
from checker.rules.quantities import (
    Bucket,
    account,
    content_key,
    describe_population,
    describe_quantity,
    figure_phrase,
    lowest_high,
    population,
    sum_lows,
)
from checker.taxonomy import Taxonomy

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
)
PARTS = rule(
    "FL104",
    "parts-exceed-total",
    Severity.ERROR,
    "Disjoint parts given by one source add up to more than a stated total.",
    "“36 guards and inmates died” cannot hold if one source says 30 prisoners and 12 guards were killed. "
    "A list total (“guards and inmates”) covers exactly the groups it names.",
    (
        ("Thirty prisoners and twelve guards were killed. … 36 guards and inmates died.", True),
        ("Ten children and 12 adults were hurt. … 20 people were hurt.", True),
        ("Ten children and 12 adults were hurt. … 22 people were hurt.", False),
        ("Ten children and 12 adults were hurt. … more than 20 people were hurt.", False),
        ("Ten children were hurt on Friday. … 5 people were hurt on Saturday.", False),
    ),
)


def _covers(total: tuple[str, ...], part: tuple[str, ...], taxonomy: Taxonomy) -> bool:
    """True when every member of ``part`` lies inside ``total`` (and the two are not the same group)."""
    if set(part) == set(total):
        return False

    return all(any(taxonomy.is_within(p, t) for t in total) for p in part)


def _disjoint(a: tuple[str, ...], b: tuple[str, ...], taxonomy: Taxonomy) -> bool:
    return not any(taxonomy.is_within(x, y) or taxonomy.is_within(y, x) for x in a for y in b)


def _parts_of(account_claims: list[Claim], taxonomy: Taxonomy) -> list[Claim]:
    """The largest set of pairwise-disjoint parts in one account, largest figures first."""
    chosen: list[Claim] = []
    for claim in sorted(account_claims, key=lambda c: (-c.value.low, content_key(c))):
        if all(_disjoint(population(claim), population(c), taxonomy) for c in chosen):
            chosen.append(claim)
    return sorted(chosen, key=lambda c: c.span.start)


def _finding(bucket: Bucket, total: Claim, parts: list[Claim]) -> Finding:
    pop = population(total)
    quantity = describe_quantity(bucket, pop)
    if len(parts) == 1:
        part = parts[0]
        return finding(
            SUBSET,
            f"{quantity}: {figure_phrase(part)} {describe_population(population(part))}, but only "
            f"{figure_phrase(total)} {describe_population(pop)}",
            part.figure_span,
            [total, part],
            quantity,
            f"{describe_population(population(part))} are {'among the ' if len(pop) > 1 else ''}"
            f"{describe_population(pop)}; a part ({part.value}) cannot exceed the whole ({total.value}).",
        )
    added = " + ".join(str(p.value) for p in parts)
    return finding(
        PARTS,
        f"{quantity}: "
        + " + ".join(f"{figure_phrase(p)} {describe_population(population(p))}" for p in parts)
        + f" = {sum_lows(p.value for p in parts).low:,.6g}, but the total is {figure_phrase(total)}",
        total.figure_span,
        sorted([total, *parts], key=lambda c: c.span.start),
        quantity,
        f"{added} > {total.value}: the parts come from one source, count different groups, and all lie inside "
        f"{describe_population(pop)}.",
    )


@check
def parts_and_totals(ctx: Context) -> Iterator[Finding]:
    taxonomy = ctx.taxonomy
    for bucket, claims in ctx.grouped.items():
        by_pop: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
        for claim in claims:
            by_pop[population(claim)].append(claim)
        if len(by_pop) < 2:
            continue
        for total_pop, totals in by_pop.items():
            total = lowest_high(totals)  # the tightest total is the one parts can break
            accounts: dict[str, list[Claim]] = defaultdict(list)
            for pop, group in by_pop.items():
                if _covers(total_pop, pop, taxonomy):
                    for claim in group:
                        accounts[account(claim)].append(claim)
            for acc in sorted(accounts):
                parts = _parts_of(accounts[acc], taxonomy)
                if not parts or not total.value.entirely_below(sum_lows(p.value for p in parts)):
                    continue
                # A part that alone exceeds the total is the plainest way to say it ("50 prisoners, but only 35
                # killed"); a sum is reported only when no single part explains the contradiction.
                alone = [p for p in parts if total.value.entirely_below(sum_lows([p.value]))]
                for part in alone:
                    yield _finding(bucket, total, [part])
                if not alone:
                    yield _finding(bucket, total, parts)
