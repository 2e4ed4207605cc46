"""Assembly of the LLM extractor's answers: grounded in the document, one claim per figure, quantities, quotations.

Offsets are computed here from the verified quotes, never taken from the model. Claims are de-duplicated across
chunk windows and numbered. Each passage in quotation marks takes the speaker the model gave it; one the model did
not list falls back to the source of a claim inside it, else to the offline extractor's reading of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from checker.config import Config
from checker.document import quotation_spans
from checker.extract import chunks as chunks_mod, coverage, reconcile
from checker.extract.grounding import ClaimSpec, Grounded, GroundingError, source_of
from checker.extract.schema import Answer, ChunkContext, QuotationOut, to_spec
from checker.extract.tally import Tally
from checker.models import Claim, Document, Quantity, Quotation, Relation, RelationKind, Source, Span
from checker.units import stated_unit

log = logging.getLogger("factlint.llm")


@dataclass
class ChunkResult:
    """One chunk's validated answer and how many ungrounded claims and quotations validation dropped."""

    chunk: chunks_mod.Chunk
    answer: Answer
    dropped: int
    dropped_quotations: int = 0


def assemble(
    doc: Document,
    results: list[ChunkResult],
    config: Config,
    tally: Tally,
    counting: coverage.Counting,
    names: QuantityNames,
    grounded: Grounded,
) -> tuple[tuple[Claim, ...], tuple[Span, ...]]:
    """Ground every answer in ``doc``, keep one claim per figure, number them, and list unreviewed figures."""
    best: dict[Span, tuple[bool, Claim]] = {}
    dropped = 0
    for result in results:
        dropped += result.dropped
        units = {q.id: q.unit.strip() for q in result.answer.quantities}
        for item in result.answer.claims:
            try:
                claim = grounded(to_spec(item), result.chunk.region)
            except GroundingError:
                dropped += 1
                continue
            claim = claim._replace(
                unit=_unit(claim, item.share_of, units.get(item.quantity, "")),
                quantity=names.of(result, item.quantity),
                share_of=names.of(result, item.share_of),
            )
            owned = result.chunk.span.contains(claim.figure_span)  # not taken from the window before the chunk
            current = best.get(claim.figure_span)
            if current is None or (owned and not current[0]):
                best[claim.figure_span] = (owned, claim)
    ordered = sorted((_as_read(c, counting) for _, c in best.values()), key=lambda c: (c.figure_span, c.span))
    claims = tuple(c._replace(id=f"c{i}") for i, c in enumerate(ordered, 1))
    tally.add(dropped_claims=dropped)
    covered = [c.figure_span for c in claims]
    unreviewed: set[Span] = set()
    for result in results:
        declared = _declared(doc, result.chunk, result.answer, config, counting)
        missing = coverage.uncovered(doc, result.chunk.span, [*covered, *declared], config.tolerance)
        unreviewed.update(f.span for f in missing)
    return claims, tuple(sorted(unreviewed))


def _as_read(claim: Claim, counting: coverage.Counting) -> Claim:
    """The claim with the offline extractor's reading of its figure: the group counted, what happened to it, and
    whether it belongs to another year or incident or is a forecast (``population``, ``event``, ``scope``). The
    model's answer says which quantity a figure gives, not those; the attribution rules' severity policy asks
    them (a casualty count stated as fact wants a source, a price or a past year's figure does not), and without
    them every FL201 and FL202 of the LLM path was info. Nothing else reads them for a claim with a quantity."""
    read = counting.reading(claim.figure_span)
    if read is None:
        return claim
    return claim._replace(population=read.population, event=read.event, scope=read.scope)


def _unit(claim: Claim, share_of: str, declared: str) -> str:
    """A claim's unit: '%' for a share; a currency its figure writes ("$73.4 million" beside "68 million euros");
    else the unit the figure states or its quantity's, so conversions are compared as what they are."""
    if claim.unit == "%" or share_of:
        return "%"
    if claim.unit.isupper() and len(claim.unit) == 3:
        return claim.unit
    return stated_unit(claim.figure, declared) or claim.unit


class QuantityNames:
    """Quantity ids across chunks. One chunk (the usual case: a draft that fits one call) keeps the model's ids.
    With several, each chunk's ids are qualified by the chunk (``q3.2``), and the reconciliation call says which
    are one quantity and which relations cross chunks (``reconcile.py``); quantities two chunks describe in the
    same words and unit are one even without it."""

    def __init__(self, results: list[ChunkResult], answer: reconcile.Reconciliation | None = None) -> None:
        self.single = len(results) == 1
        known: set[str] = set()
        by_words: dict[str, str] = {}
        first: dict[tuple[str, str], str] = {}
        for result in results:
            for q in result.answer.quantities:
                own = self._qualified(result, q.id)
                known.add(own)
                by_words[own] = first.setdefault((_words_of(q.what), q.unit), own)
        self.names = reconcile.Names.from_answer(known, answer, by_words)

    def _qualified(self, result: ChunkResult, ref: str) -> str:
        return ref if self.single else reconcile.qualified(ref, result.chunk.index)

    def of(self, result: ChunkResult, ref: str) -> str:
        return self.names.of(self._qualified(result, ref)) if ref else ""

    def relations(self) -> list[Relation]:
        """The relations the reconciliation found between chunks, under the ids claims carry."""
        out = []
        for r in self.names.relations:
            parts = tuple(self.names.of(p) for p in r.parts)
            out.append(Relation(RelationKind(r.kind), self.names.of(r.whole), parts, r.complete))
        return out


def _words_of(text: str) -> str:
    return " ".join(text.lower().split())


def quantities(results: list[ChunkResult], names: QuantityNames) -> tuple[tuple[Quantity, ...], tuple[Relation, ...]]:
    """The quantities and relations the model declared, under the ids the claims carry."""
    quantities: dict[str, Quantity] = {}
    relations: dict[Relation, None] = {}
    for result in results:
        for q in result.answer.quantities:
            name = names.of(result, q.id)
            quantities.setdefault(name, Quantity(name, q.what.strip(), q.unit.strip(), q.running_total))
        for r in result.answer.relations:
            parts = tuple(p for p in (names.of(result, part) for part in r.parts) if p)
            whole = names.of(result, r.whole)
            if whole and parts:
                relations[Relation(RelationKind(r.kind), whole, parts, r.complete)] = None
    for relation in names.relations():
        relations[relation] = None
    return tuple(quantities.values()), tuple(relations)


def covered(
    doc: Document,
    chunk: chunks_mod.Chunk,
    answer: Answer,
    config: Config,
    counting: coverage.Counting,
    grounded: Grounded,
) -> list[Span]:
    spans = []
    for item in answer.claims:
        try:
            claim = grounded(to_spec(item), chunk.region)
        except GroundingError:
            continue
        spans.append(claim.figure_span)
    return spans + _declared(doc, chunk, answer, config, counting)


def _declared(
    doc: Document, chunk: chunks_mod.Chunk, answer: Answer, config: Config, counting: coverage.Counting
) -> list[Span]:
    """Spans of the figures the model declared not to be claims: those it located verbatim, and that the
    offline scan does not contradict (a figure with a counted noun is no date; see ``coverage.Counting``)."""
    context = ChunkContext(doc, chunk.region, config.taxonomy, config.tolerance)
    spans = []
    for other in answer.not_claims:
        span = context.locate_not_claim(other)
        if span is None:
            continue
        if counting.implausible(span, other.reason):
            log.debug("not taking %r as %s: it counts something", other.figure, other.reason)
            continue
        spans.append(span)
    return spans


def spoken(doc: Document, results: list[ChunkResult], config: Config, tally: Tally) -> dict[Span, Source]:
    """The speaker the model gave each passage in quotation marks it listed, by the passage's span.

    Spans come from ``quotation_spans`` (the passage whose text holds the model's opening words), never from the
    model. Words that fit several passages go to the first one this answer has not used yet, one in the chunk
    itself before one in its window; a passage listed by two chunks (the second saw it in its window) keeps the
    answer of its own chunk.
    """
    best: dict[Span, tuple[bool, Source]] = {}
    dropped = 0
    for result in results:
        dropped += result.dropped_quotations
        context = ChunkContext(doc, result.chunk.region, config.taxonomy, config.tolerance)
        used: set[Span] = set()
        for item in result.answer.quotations:
            found = context.locate_quotation(item)
            if not found:  # validation makes sure of it; counted like an ungrounded claim should it happen
                dropped += 1
                continue
            free = [m for m in found if m not in used] or found
            mark = next((m for m in free if result.chunk.span.contains(m)), free[0])
            used.add(mark)
            owned = result.chunk.span.contains(mark)
            current = best.get(mark)
            if current is None or (owned and not current[0]):
                best[mark] = (owned, _speaker(doc, item, mark))
    tally.add(dropped_quotations=dropped)
    return {mark: speaker for mark, (_, speaker) in best.items()}


def _speaker(doc: Document, item: QuotationOut, mark: Span) -> Source:
    """The model's speaker for a quotation, with the name located near it (as for a claim's source)."""
    who = item.speaker
    spec = ClaimSpec(
        quote=item.quote,
        figure="",
        source_kind=who.kind,
        source_name=who.name.strip(),
        source_cue=who.cue.strip(),
        source_inherited=who.inherited,
    )
    return source_of(doc, spec, mark)


def quotations(
    doc: Document, claims: tuple[Claim, ...], spoken: dict[Span, Source], offline: Callable[[], tuple[Quotation, ...]]
) -> tuple[Quotation, ...]:
    """Each passage in quotation marks and its speaker.

    The speaker is the one the model gave the quotation (``spoken``), "none" included: that is what FL203
    needs. For a quotation the model did not list, the source the model gave a claim inside it, else the speaker
    the offline extractor reads for it (``offline``: ``PatternExtractor.quotations``, run only when needed), so
    both extractors agree on who spoke a quotation the model passed over.
    """
    out = []
    read: dict[Span, Source] | None = None
    for span in quotation_spans(doc):
        speaker = spoken.get(span)
        if speaker is None:
            inside = (c.source for c in claims if span.contains(c.figure_span) and c.source.attributed)
            speaker = next(inside, None)
        if speaker is None:
            if read is None:
                read = {q.span: q.speaker for q in offline()}
            speaker = read.get(span, Source())
        out.append(Quotation(span, speaker))
    return tuple(out)
