"""Same quantity, incompatible figures: FL101 direct conflict, FL102 qualifier conflict, FL105 scale slip.

Two claims conflict only when their intervals cannot overlap. On a line, intervals all overlap iff the highest
lower bound is not above the lowest upper bound, so each group is checked in linear time.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from typing import TypeVar

from checker import lazy_re
from checker.models import Claim, Finding, Interval, Severity, Span
from checker.rules.base import CONTRADICTIONS, Context, finding, rule
from checker.rules.outside import ruled_out
from checker.rules.quantities import Group, QuantityTable, figure_phrase, highest_low, hull, lowest_high
from checker.units import COUNT, dimension

MAX_LISTED = 5  # figures named in one finding's message; the rest are summarised
T = TypeVar("T")

DIRECT = rule(
    "FL101",
    "conflicting-figures",
    Severity.ERROR,
    "The same quantity is given two different exact figures.",
    "Two claims count the same group, for the same event, in the same scope and at the same time, with exact "
    "figures that differ. At most one can be right; find which, or say why they differ (time, place, source).",
    (
        ("50 prisoners were killed. … 35 prisoners were killed.", True),
        ("Thirty detainees were freed. … 42 prisoners escaped.", True),
        ("Twelve people died. … twelve people were killed.", False),
        ("Twelve people died on Friday. By Saturday the toll rose to 19.", False),
        ("In 2013, 500 inmates escaped. … 42 inmates escaped.", False),
    ),
    family=CONTRADICTIONS,
)
QUALIFIED = rule(
    "FL102",
    "qualifier-conflict",
    Severity.ERROR,
    "A bounded or rounded figure excludes another figure for the same quantity.",
    "“More than 100 injured” rules out “80 injured”; “nearly 50” rules out 50. Rounded figures (“about 1,000”) "
    "allow ±10% by default (approx_tolerance).",
    (
        ("More than 100 people were injured. … 80 people were injured.", True),
        ("Nearly 50 people died. … 50 people died.", True),
        ("Over 30 prisoners escaped. … 42 prisoners escaped.", False),
        ("About 1,000 homes were flooded. … 1,050 homes were flooded.", False),
        ("Between 30 and 40 people were hurt. … 35 people were hurt.", False),
    ),
    family=CONTRADICTIONS,
)
SCALE = rule(
    "FL105",
    "scale-slip",
    Severity.ERROR,
    "Two figures for the same quantity differ by a power of ten.",
    "A figure ten, a hundred or a thousand times another usually means a slipped zero or a million written as "
    "a thousand (“$4bn” vs “$400m”).",
    (
        ("The plan costs $4bn. … the $400m plan costs", True),
        ("1,200 jobs were cut. … 120 jobs were cut.", True),
        ("1,200 jobs were cut. … 1,250 jobs were cut.", False),
        ("The plan costs $4bn. … the plan costs $4.1bn", False),
        ("10 people were hurt. … 100 people were hurt in 2019.", False),
    ),
    family=CONTRADICTIONS,
)


def _power_of_ten(a: float, b: float) -> int:
    """k when a/b is 10**k for k ≥ 1 (within 1%), else 0."""
    if a <= 0 or b <= 0:
        return 0
    ratio = max(a, b) / min(a, b)
    k = round(math.log10(ratio))
    return k if k >= 1 and abs(ratio / 10**k - 1) < 0.01 else 0


_NUMBER = lazy_re.compile(r"\d[\d,]*(?:\.(\d+))?")


# the most a conversion's rounding may account for, as a share of the figure: two significant digits' worth, so a
# round "100 miles" (one digit) is not read as anything from 50 to 150 miles
_MAX_ROUNDING = 0.05


def _rounding(claim: Claim) -> float:
    """Half a unit of the figure's last written digit, in the base unit: "8.3 inches" ±0.05 in, "7,900 feet"
    ±50 ft (trailing zeros are rounding), "185 km/h" ±0.5 km/h; at most ``_MAX_ROUNDING`` of the figure
    ("100 miles" ±5 miles). 0 for a figure with no digits."""
    number = _NUMBER.search(claim.figure)
    if number is None:
        return 0.0
    decimals = number.group(1)
    if decimals:
        step = 10.0 ** -len(decimals)
    else:
        digits = number.group(0).replace(",", "")
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    size = claim.value.low if claim.value.low > 0 else claim.value.high  # a bound's figure: "up to 210 mm"
    return min(0.5 * step * dimension(claim.unit).factor, _MAX_ROUNDING * abs(size)) if math.isfinite(size) else 0.0


def _converted_within_rounding(q: Claim, other: Claim) -> bool:
    """A bound and a figure in another unit that meet once either is allowed its rounding ("up to 210 mm" and
    "8.3 inches", 210.8 mm): one measure converted, not two."""
    if q.unit == other.unit:
        return False
    gap = q.value.low - other.value.high if other.value.entirely_below(q.value) else other.value.low - q.value.high
    return gap <= max(_rounding(q), _rounding(other))


def _one_rounds_the_other(exact: list[Claim]) -> bool:
    """Exact figures in two or more units that are one measure converted and rounded ("185 km/h (115 mph)",
    "2,400 metres (7,900 feet)"): they differ by no more than the coarsest figure's rounding."""
    if len({c.unit for c in exact}) < 2:
        return False
    values = [c.value.low for c in exact]
    return max(values) - min(values) <= max(_rounding(c) for c in exact)


def _capped(items: list[T]) -> tuple[list[T], str]:
    """The first ``MAX_LISTED`` items a message names, and " and N more" for the rest ('' when there are none)."""
    listed = items[:MAX_LISTED]
    return listed, (f" and {len(items) - len(listed)} more" if len(items) > len(listed) else "")


def _in_order(claims: list[Claim]) -> list[float]:
    """The distinct values of ``claims`` in the order they first appear."""
    return list(dict.fromkeys(c.value.low for c in claims))


def _span(claims: list[Claim]) -> Span:
    return claims[0].figure_span


def _group_findings(quantity: str, claims: list[Claim]) -> Iterator[Finding]:
    top, bottom = highest_low(claims), lowest_high(claims)
    if not bottom.value.entirely_below(top.value):
        return
    exact = sorted((c for c in claims if c.value.is_exact), key=lambda c: c.span.start)
    values = sorted({c.value.low for c in exact})
    if len(values) >= 2 and not _one_rounds_the_other(exact):
        k = _power_of_ten(values[0], values[-1]) if len(values) == 2 else 0
        # one phrase per value: a headline's "Seven" repeated as "seven" in the body is not a conflict with itself
        phrases = {c.value.low: figure_phrase(c) for c in reversed(exact)}
        named, more = _capped([phrases[v] for v in _in_order(exact)])
        figures = " vs ".join(named) + (f"{more} figures" if more else "")
        if k:
            yield finding(
                SCALE,
                f"{quantity}: {figures} differ by a factor of {10**k:,} (a slipped zero or scale word?)",
                _span(exact),
                exact,
                quantity,
                f"{values[-1]:,.6g} is exactly {10**k:,} × {values[0]:,.6g}.",
            )
        else:
            yield finding(
                DIRECT,
                f"{quantity}: {figures}",
                _span(exact),
                exact,
                quantity,
                "these claims count the same thing at the same time and place; at most one figure can be right.",
            )
    # A pair of two bounded figures is reported once, from the earlier one. Only the claims entirely below or
    # above q can be against it: both ends of the sorted lists, read until they stop being so (``outside``).
    # A figure in another unit within either's rounding is the same measure converted; only the listed ones are
    # read so (those past MAX_LISTED are counted, not read).
    for q, against, total in ruled_out(claims, MAX_LISTED):
        listed = [c for c in against if not _converted_within_rounding(q, c)]
        total -= len(against) - len(listed)
        if not listed:
            continue
        more = f" and {total - len(listed)} more" if total > len(listed) else ""
        involved = sorted([q, *listed], key=lambda c: c.span.start)
        yield finding(
            QUALIFIED,
            f"{quantity}: {figure_phrase(q)} ({q.value}) rules out "
            + " and ".join(figure_phrase(c) for c in listed)
            + more,
            q.figure_span,
            involved,
            quantity,
            f"{figure_phrase(q)} allows only {q.value}; "
            + " and ".join(f"{figure_phrase(c)} ({c.value})" for c in listed)
            + more
            + " falls outside it.",
        )


def conflicting_figures(ctx: Context) -> Iterator[Finding]:
    for group, claims in ctx.table.groups.items():
        if len(claims) >= 2:
            yield from _group_findings(_describe(ctx.table, group), claims)


def _describe(table: QuantityTable, group: Group) -> str:
    text = table.describe(group.quantity)
    if group.share_of:
        text = f"share of {table.describe(group.share_of)} that is {text}"
    return text + (f", {group.as_of}" if group.as_of else "")


SHARE = rule(
    "FL106",
    "percentage-contradicts-count",
    Severity.ERROR,
    "A percentage of a stated base implies a count that another figure contradicts.",
    "“40% of the 200 workers were laid off” means about 80; “60 workers were laid off” cannot also be true. "
    "Whole-number percentages are read as rounded to the nearest point.",
    (
        ("40% of the 200 workers were laid off. … 60 workers were laid off.", True),
        ("10% of the 1,000 patients were infected. … 150 patients were infected.", True),
        ("40% of the 200 workers were laid off. … 80 workers were laid off.", False),
        ("40% of workers were laid off. … 60 workers were laid off.", False),
        ("In 2019, 40% of the 200 workers were laid off. … 60 workers were laid off.", False),
    ),
    family=CONTRADICTIONS,
)


def implied_count(share: Interval, base: Interval, figure: str = "") -> Interval:
    """The count a percentage of a base implies, allowing for the percentage's rounding: half a unit of its
    last written digit ("40%" is 39.5–40.5, "3.9 percent" 3.85–3.95)."""
    slack = _half_last_digit(figure, share) if share.is_exact else 0.0
    return Interval(
        max(0.0, (share.low - slack) / 100 * base.low),
        (share.high + slack) / 100 * base.high,
        reason=f"{share} of {base}",
    )


def _half_last_digit(figure: str, share: Interval) -> float:
    number = re.search(r"\d[\d,]*(?:\.(\d+))?", figure)
    if number is None:
        return 0.5 if share.low == int(share.low) else 0.0
    return 0.5 * 10.0 ** -len(number.group(1) or "")


def _base(table: QuantityTable, group: Group, claim: Claim) -> tuple[Interval, list[Claim]] | None:
    """What a share is of: the base written with it ("40% of the 200 workers"), else the figures of the
    quantity it is a share of, at the same moment, in any dimension but shares."""
    if claim.base is not None:
        return claim.base, []
    if not group.share_of:
        return None
    groups = [g for g in table.by_quantity.get(group.share_of, []) if not g.is_share]
    at_moment = [g for g in groups if g.as_of == group.as_of]
    # A base is usually a stock (a hospital's nurses, a town's households): figures of it at another or no
    # marked moment still say what the share is of, when there is only one.
    chosen = at_moment or (groups if len({g.as_of for g in groups}) == 1 else [])
    bases = [c for g in chosen for c in table.groups[g]]
    return (hull(bases), bases) if bases else None


def implied_counts(table: QuantityTable, quantity: str, as_of: str, dim: str) -> list[Interval]:
    """The figures in ``dim`` that the shares of ``quantity`` at ``as_of`` imply of their bases ("a third of its
    900 staff": 270–330 staff), as ``percentage_vs_count`` reads them."""
    out = []
    for group in table.by_quantity.get(quantity, []):
        if not group.is_share or group.as_of != as_of:
            continue
        for share in table.groups[group]:
            base = _base(table, group, share)
            if base is None:
                continue
            dims = {dimension(c.unit).key for c in base[1]} or {COUNT}  # a base written with it is a count
            if dims == {dim}:
                out.append(implied_count(share.value, base[0], share.figure))
    return out


def _amounts(table: QuantityTable, group: Group) -> list[Claim]:
    """The figures a share is set against: its quantity's in any dimension but shares, at its moment; else, when
    one side is unmarked, at the one moment they have ("will cut 1,500 jobs, it said on Tuesday" and "15% of its
    12,000 staff"), as a figure with no moment meets the one moment of its quantity (``quantities``)."""
    others = [g for g in table.by_quantity.get(group.quantity, []) if not g.is_share]
    chosen = [g for g in others if g.as_of == group.as_of]
    moments = {g.as_of for g in others}
    if not chosen and group.quantity not in table.updated and len(moments) == 1 and "" in {group.as_of, *moments}:
        chosen = others
    return [c for g in chosen for c in table.groups[g]]


def percentage_vs_count(ctx: Context) -> Iterator[Finding]:
    # A share's base may be a count or an amount of money ("18% of the $50bn total"), so the figures it is
    # compared with are those of its quantity in any dimension but shares, at the same moment. Each share is one
    # finding, naming the first figures it rules out and counting the rest; sorted bounds keep it linear.
    table = ctx.table
    for group, claims in table.groups.items():
        if not group.is_share:
            continue
        amounts = _amounts(table, group)
        if not amounts:
            continue
        by_high = sorted(amounts, key=lambda c: (c.value.high, c.span.start))
        highs = [c.value.high for c in by_high]
        by_low = sorted(amounts, key=lambda c: (c.value.low, c.span.start))
        lows = [c.value.low for c in by_low]
        for share in claims:
            base = _base(table, group, share)
            if base is None:
                continue
            implied = implied_count(share.value, base[0], share.figure)
            below = by_high[: bisect.bisect_left(highs, implied.low)]
            above = by_low[bisect.bisect_right(lows, implied.high) :]
            outside = sorted([*below, *above], key=lambda c: c.span.start)
            if not outside:
                continue
            listed, more = _capped(outside)
            quantity = _describe(table, Group(group.quantity, group.as_of, dimension(listed[0].unit).key))
            involved = sorted(
                {id(c): c for c in [share, *listed, *base[1][:MAX_LISTED]]}.values(), key=lambda c: c.span.start
            )
            yield finding(
                SHARE,
                f"{quantity}: {figure_phrase(share)} of {base[0]} is {implied}, not "
                + " or ".join(figure_phrase(c) for c in listed)
                + more,
                share.figure_span,
                involved,
                quantity,
                f"{share.value}% of {base[0]} is {implied}; "
                + " and ".join(str(c.value) for c in listed)
                + more
                + " lie outside it.",
            )
