"""Who says so: FL201 unattributed figure, FL202 vague attribution, FL203 quotation with no speaker.

Severity follows the claim: casualty and official figures (an event, money, a percentage) are warnings;
background facts (distances, durations, figures about another time or incident) are info.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.document import headline
from checker.models import Claim, Finding, Severity, SourceKind, Span, SpanIndex
from checker.rules.base import Context, check, finding, rule
from checker.wording import clip, plural

UNATTRIBUTED = rule(
    "FL201",
    "unattributed-figure",
    Severity.WARNING,
    "A figure has no source in its sentence or the sentences before it in its paragraph.",
    "Readers need to know who counted. Name the source (“police said”, “according to the ministry”). "
    "Background figures (distances, durations, other incidents) are reported at info level.",
    (
        ("Some of the 300 men were convicted of terrorism.", True),
        ("Forty people were injured in the blast.", True),
        ("Forty people were injured in the blast, police said.", False),
        ("According to the health ministry, 40 people were injured.", False),
        ("The mayor said the fire started at noon. Forty homes were destroyed.", False),
    ),
)
VAGUE = rule(
    "FL202",
    "vague-attribution",
    Severity.WARNING,
    "A figure is attributed only to a vague source (“sources said”, “reports suggest”, “this piece of news”).",
    "A vague source cannot be checked or weighed. Name it, or explain why it cannot be named.",
    (
        ("According to this piece of news, 42 prisoners escaped.", True),
        ("Sources said 12 people were arrested.", True),
        ("Reports suggest 200 homes were flooded.", True),
        ("Police said 12 people were arrested.", False),
        ("According to the Interior Ministry, 42 prisoners escaped.", False),
    ),
)
UNSPOKEN = rule(
    "FL203",
    "quotation-without-speaker",
    Severity.WARNING,
    "A quotation is not attributed to anyone.",
    "Quotation marks promise that someone said these words. Say who, or remove the marks.",
    (
        ("“Fifty prisoners and twelve policemen were killed during an escape.”", True),
        ("“We have lost everything in one night.” The river rose two metres.", True),
        ("“We have lost everything,” said resident Ana Silva.", False),
        ("The mayor said: “We will rebuild.”", False),
        ("The so-called “peace dividend” never came.", False),
    ),
)

BACKGROUND_KINDS = {
    "km",
    "mile",
    "m",
    "kg",
    "tonne",
    "hectare",
    "acre",
    "ft",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "km/h",
    "mph",
    "degree",
    "litre",
}


def is_background(claim: Claim) -> bool:
    return bool(claim.scope) or claim.unit in BACKGROUND_KINDS or (not claim.event and claim.unit == "")


def sourced_in_body(claim: Claim, claims: tuple[Claim, ...], head: Span | None) -> bool:
    """A headline figure that the body gives again with a source: the headline needs no source of its own."""
    if head is None or not head.contains(claim.figure_span):
        return False
    return any(
        other.source.attributed
        and not head.contains(other.figure_span)
        and (other.value.low, other.value.high, other.unit) == (claim.value.low, claim.value.high, claim.unit)
        and (not claim.event or not other.event or claim.event == other.event)
        for other in claims
    )


@check
def attribution(ctx: Context) -> Iterator[Finding]:
    unspoken = [q for q in ctx.quotations if q.speaker.kind is SourceKind.NONE]
    unspoken_index = SpanIndex(q.span for q in unspoken)
    inside: dict[Span, list[Claim]] = defaultdict(list)  # the claims in each unspoken quotation
    head = headline(ctx.doc)
    for claim in ctx.claims:
        holder = unspoken_index.containing(claim.figure_span)
        if holder is not None:
            inside[holder].append(claim)
        kind = claim.source.kind
        if kind is SourceKind.VAGUE:
            cue = claim.source.name or claim.source.cue
            yield finding(
                VAGUE,
                f"“{clip(claim.quote)}”: only a vague source (“{cue}”) gives this figure",
                claim.figure_span,
                [claim],
            )
        elif kind is SourceKind.NONE and holder is None and not sourced_in_body(claim, ctx.claims, head):
            severity = Severity.INFO if is_background(claim) else None
            yield finding(
                UNATTRIBUTED,
                f"“{clip(claim.quote)}”: no source for this figure",
                claim.figure_span,
                [claim],
                severity=severity,
            )
    for quote in unspoken:
        words = ctx.doc.text[quote.span.start : quote.span.end].split()
        if len(words) < 4:
            continue  # scare quotes and titles, not speech
        claims = inside[quote.span]
        opening = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        detail = f", with {plural(len(claims), 'figure')} in it" if claims else ""
        yield finding(UNSPOKEN, f"quotation has no speaker{detail}: {opening}", quote.span, claims)
