"""What the LLM fills in: pydantic models whose field descriptions are part of the prompt.

These are the LLM-facing types only. The pipeline never sees them: ``to_spec`` turns a claim into a
``grounding.ClaimSpec`` and grounding turns that into a frozen ``Claim`` with offsets computed by factlint.

Validation is against the text (instructor's CitationMixin idea): ``Answer`` checks every quote (of a claim, a
figure that is not a claim, or a quotation's opening words) against the chunk it came from and raises, so
instructor re-asks with the error. The chunk arrives as pydantic validation context
(``Answer.model_validate_json(data, context={"chunk": ChunkContext(...)})``) or, when the answer comes through
instructor, from ``bound_chunk`` -- see ``ChunkContext`` for why.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from checker.document import find_quote, quotation_spans
from checker.extract.grounding import ClaimSpec, Grounded, GroundingError, locate
from checker.models import Document, Span
from checker.normalize import DEFAULT_TOLERANCE, Tolerance
from checker.taxonomy import Taxonomy

SourceKindName = Literal["person", "organisation", "document", "vague", "none"]
NotClaimReason = Literal[
    "date",
    "year",
    "time",
    "ordinal",
    "age",
    "address",
    "name",
    "duration",
    "distance",
    "multiplier",
    "not a count",
    "other",
]


class SourceOut(BaseModel):
    kind: SourceKindName = Field(
        default="none",
        description="The source's kind, as the instructions define them.",
    )
    name: str = Field(
        default="",
        description=(
            "The source as the text names it ('the mayor of Al Khalis, Uday al-Khadrane'); for a pronoun ('she "
            "said', 'it said') the name it stands for, as written where the text names it; '' for none."
        ),
    )
    cue: str = Field(default="", description="The attribution words as written: 'said', 'according to', 'told'.")
    inherited: bool = Field(
        default=False,
        description=(
            "True when the attribution is not in the figure's own sentence: carried from an earlier sentence "
            "('The mayor said:' opening the paragraph, a quotation that continues) or given in the next one."
        ),
    )


QUANTITY_ID = r"^q[0-9]+$"


class QuantityOut(BaseModel):
    id: str = Field(pattern=QUANTITY_ID, description="'q1', 'q2', … unique in the answer.")
    what: str = Field(
        description=(
            "What is measured, in plain words, specific enough that two different things never share it: whose, "
            "which group, what happened to it ('people killed in the prison break', 'Acme's 2023 revenue', "
            "'population of Riverton'). One quantity per thing, however many names the text uses for it."
        ),
    )
    unit: str = Field(
        default="",
        description=(
            "'' for a count of people or things; '%' for a share; an ISO 4217 code for money ('USD', 'IQD' for "
            "Iraqi dinars); otherwise the unit as a symbol ('km', 'ha', 'km2', 'kg', 'tonne', 'MW', 'year')."
        ),
    )
    running_total: bool = Field(
        default=False,
        description="True for a cumulative count that updates can only raise (death toll, arrests so far, cases).",
    )


class RelationOut(BaseModel):
    kind: Literal["part_of", "breakdown"] = Field(
        description=(
            "part_of: each part is a subgroup of whole (policemen killed ⊂ security forces killed ⊂ people "
            "killed; 'three of them critically' ⊂ miners hurt). breakdown: the parts are separate pieces that "
            "divide whole by place, group or category (64 in the capital, 27 in the port)."
        ),
    )
    whole: str = Field(pattern=QUANTITY_ID, description="The quantity id of the whole.")
    parts: list[str] = Field(min_length=1, description="The quantity ids of the parts.")
    complete: bool = Field(
        default=False,
        description="breakdown only: true when the text presents the parts as all of the whole.",
    )


class ClaimOut(BaseModel):
    quote: str = Field(
        description=(
            "The words of ARTICLE that state the figure, copied character for character (a clause; keep it "
            "short). Never paraphrase, translate or fix typos."
        ),
    )
    figure: str = Field(
        description="The figure exactly as written in the quote, with its qualifier: 'over 30', 'dozens', '42'.",
    )
    value: float | None = Field(
        default=None,
        description=(
            "The number the figure states, scale words applied and qualifiers ignored ('about 70' -> 70, "
            "'$4.5bn' -> 4500000000, 'a third' -> 33.33 as a share); null for 'dozens', 'hundreds', 'several'. "
            "factlint reads qualifiers and ranges from figure itself."
        ),
    )
    quantity: str = Field(pattern=QUANTITY_ID, description="The id of the quantity this figure gives.")
    share_of: str = Field(
        default="",
        description=(
            "Only for a share (a percentage, 'a third of', 'one in four'): the id of the quantity it is a share "
            "of. Then quantity is the part the share amounts to: '40% of the 200 workers were laid off' has "
            "quantity = workers laid off, share_of = workers."
        ),
    )
    as_of: str = Field(
        default="",
        description=(
            "The moment the figure describes, if it can change over time: the marker as written ('by Saturday', "
            "'at midnight'); for a running total without one, when it was reported ('police said on Thursday' -> "
            "'Thursday'). '' otherwise."
        ),
    )
    source: SourceOut = Field(default_factory=SourceOut, description="Who says so.")


class SpeakerOut(BaseModel):
    kind: SourceKindName = Field(
        default="none",
        description="The speaker's kind, as the instructions define them.",
    )
    name: str = Field(
        default="",
        description=(
            "The speaker as the text names them, as written ('the mayor of Al Khalis, Uday al-Khadrane'); for a "
            "pronoun ('she added') the name it stands for, as written where the text names them; '' for none."
        ),
    )
    cue: str = Field(
        default="",
        description="The speech words as written: 'said', 'added', 'said in a statement', 'told reporters'.",
    )
    inherited: bool = Field(
        default=False,
        description=(
            "True when the speaker is not named in the quotation's own sentence but carried over from an earlier "
            "sentence or CONTEXT ('…,' she added, after a paragraph that names her; a quotation that continues "
            "the previous one; a paragraph that opens 'The mayor said:')."
        ),
    )


class QuotationOut(BaseModel):
    quote: str = Field(
        description=(
            "The opening words of the passage in quotation marks, copied character for character from inside the "
            "marks: about eight words, enough to tell it apart from any other quotation. Never paraphrase."
        ),
    )
    speaker: SpeakerOut = Field(default_factory=SpeakerOut, description="Who the text says said these words.")


class NotClaim(BaseModel):
    quote: str = Field(description="A few words of ARTICLE around the figure, copied character for character.")
    figure: str = Field(description="The figure exactly as written: '2013', 'first', 'three times'.")
    reason: NotClaimReason = Field(description="Why this figure is not a quantitative claim.")


class Answer(BaseModel):
    """The quantities ARTICLE gives figures for and how they relate; every figure as a claim of one quantity;
    every other figure with why it is not a claim; every passage in quotation marks with its speaker."""

    quantities: list[QuantityOut] = Field(
        default_factory=list, description="Each distinct quantity the claims give figures for, once."
    )
    relations: list[RelationOut] = Field(
        default_factory=list, description="Every part_of and breakdown relation between the quantities."
    )
    claims: list[ClaimOut] = Field(
        default_factory=list,
        description="One entry per figure in ARTICLE that counts, measures or amounts to something.",
    )
    not_claims: list[NotClaim] = Field(
        default_factory=list,
        description=(
            "Every other numeral or number word in ARTICLE: dates, years, times, ordinals, ages, addresses, "
            "figures that are part of a name, multipliers ('three times'), durations and distances that are "
            "not the news."
        ),
    )
    quotations: list[QuotationOut] = Field(
        default_factory=list,
        description=(
            "One entry per passage in quotation marks in ARTICLE, in order, with its speaker: also quotations "
            "without a figure, and those the text never says anyone spoke (speaker kind 'none')."
        ),
    )

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> Answer:
        chunk = (info.context or {}).get("chunk") if isinstance(info.context, dict) else None
        chunk = chunk or _BOUND.get()
        if chunk is not None:
            chunk.check(self)
        return self


@dataclass
class ChunkContext:
    """The text an answer must be grounded in, and what validation dropped.

    Instructor's own ``context=`` argument would also render every message as a Jinja template, which deletes
    ``{{ … }}`` from an article and fails on ``{%`` (instructor issue #2669). So the extractor binds the chunk
    with ``bound_chunk`` around the instructor call instead, and the validator reads it from there.

    ``lenient`` is set for the last attempt: ungrounded claims and quotations are then dropped (and recorded in
    ``dropped`` and ``dropped_quotations``) instead of failing the whole answer.
    """

    doc: Document
    region: Span
    taxonomy: Taxonomy
    tolerance: Tolerance = DEFAULT_TOLERANCE
    lenient: bool = False
    dropped: list[str] = field(default_factory=list)
    dropped_quotations: list[str] = field(default_factory=list)
    grounded: Grounded | None = None  # shared with the extractor, so a claim is grounded once

    def check(self, answer: Answer) -> None:
        errors: list[str] = _reference_errors(answer)
        kept: list[ClaimOut] = []
        for i, claim in enumerate(answer.claims):
            try:
                grounder = self.grounded or Grounded(self.doc, self.taxonomy, self.tolerance)
                grounder(to_spec(claim), self.region)
            except GroundingError as exc:
                errors.append(f"claims[{i}]: {_advice(exc)}")
                if self.lenient:
                    self.dropped.append(claim.quote)
                continue
            kept.append(claim)
        located: list[NotClaim] = []
        for i, other in enumerate(answer.not_claims):
            if self.locate_not_claim(other) is None:
                errors.append(f"not_claims[{i}]: figure {other.figure!r} is not inside a verbatim quote of ARTICLE")
            else:
                located.append(other)
        spoken: list[QuotationOut] = []
        for i, quotation in enumerate(answer.quotations):
            if self.locate_quotation(quotation):
                spoken.append(quotation)
                continue
            errors.append(
                f"quotations[{i}]: {quotation.quote!r} is not inside a passage in quotation marks in ARTICLE -- "
                "copy its opening words verbatim from inside the marks"
            )
            if self.lenient:
                self.dropped_quotations.append(quotation.quote)
        if errors and not self.lenient:
            raise ValueError("; ".join(errors))
        answer.claims, answer.not_claims, answer.quotations = kept, located, spoken

    def locate_not_claim(self, other: NotClaim) -> Span | None:
        try:
            return locate(self.doc, ClaimSpec(quote=other.quote, figure=other.figure), self.region)[1]
        except GroundingError:
            return None

    @functools.cached_property
    def _marks(self) -> list[Span]:
        return quotation_spans(self.doc)

    def locate_quotation(self, quotation: QuotationOut) -> list[Span]:
        """The passages in quotation marks (marks included) in the region whose text holds the quote verbatim.

        Several when the quote is not enough to tell them apart; the extractor then gives each listed quotation
        the first one not taken yet. Offsets come from ``quotation_spans``, never from the model.
        """
        found = []
        for mark in self._marks:
            start, end = max(mark.start, self.region.start), min(mark.end, self.region.end)
            if start < end and find_quote(self.doc.text, quotation.quote, start, end) is not None:
                found.append(mark)
        return found


def _advice(exc: GroundingError) -> str:
    message = str(exc)
    if message.startswith("quote not found"):
        return message + " -- copy the quote verbatim from ARTICLE"
    return message


_BOUND: contextvars.ContextVar[ChunkContext | None] = contextvars.ContextVar("factlint_chunk", default=None)


@contextmanager
def bound_chunk(chunk: ChunkContext) -> Iterator[ChunkContext]:
    """Validate every ``Answer`` parsed in this thread (or task) against ``chunk``."""
    token = _BOUND.set(chunk)
    try:
        yield chunk
    finally:
        _BOUND.reset(token)


def to_spec(claim: ClaimOut) -> ClaimSpec:
    """The grounding input for one LLM claim: the figure, its quantity and share base, when it holds, its source."""
    return ClaimSpec(
        quote=claim.quote,
        figure=claim.figure,
        time=claim.as_of,
        source_kind=claim.source.kind,
        source_name=claim.source.name,
        source_cue=claim.source.cue,
        source_inherited=claim.source.inherited,
        low=claim.value,
        high=claim.value,
        quantity=claim.quantity,
        share_of=claim.share_of,
        model_value=True,
    )


def _reference_errors(answer: Answer) -> list[str]:
    """Ids that are declared twice or used without being declared, and relations that relate nothing."""
    errors: list[str] = []
    ids: set[str] = set()
    for i, quantity in enumerate(answer.quantities):
        if quantity.id in ids:
            errors.append(f"quantities[{i}]: id {quantity.id!r} is declared twice")
        ids.add(quantity.id)

    def unknown(where: str, ref: str) -> None:
        if ref and ref not in ids:
            errors.append(f"{where}: quantity {ref!r} is not declared in quantities")

    for i, claim in enumerate(answer.claims):
        unknown(f"claims[{i}].quantity", claim.quantity)
        unknown(f"claims[{i}].share_of", claim.share_of)
        if claim.share_of and claim.share_of == claim.quantity:
            errors.append(f"claims[{i}]: share_of names the claim's own quantity; quantity is the part")
    for i, relation in enumerate(answer.relations):
        unknown(f"relations[{i}].whole", relation.whole)
        for part in relation.parts:
            unknown(f"relations[{i}].parts", part)
        if relation.whole in relation.parts:
            errors.append(f"relations[{i}]: {relation.whole!r} cannot be a part of itself")
    return errors


def schema_hash() -> str:
    """Changes whenever a field or a description changes, so cached answers from an older schema are not reused."""
    text = json.dumps(Answer.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def merge(first: Answer, second: Answer) -> Answer:
    """Union of two answers for the same chunk (a coverage re-ask adds to, never replaces, the first).

    The re-ask is asked to keep the quantity ids, so quantities and relations are joined by id; a quantity the
    second answer declares under an id the first already used keeps the first's meaning.
    """

    def key(item: Any) -> tuple[str, str]:
        return (_words(item.quote), item.figure.strip().lower())

    quantities = {q.id: q for q in first.quantities}
    for quantity in second.quantities:
        quantities.setdefault(quantity.id, quantity)
    relations = {r.model_dump_json(): r for r in [*first.relations, *second.relations]}
    claims = {key(c): c for c in first.claims}
    for claim in second.claims:
        claims.setdefault(key(claim), claim)
    others = {key(n): n for n in first.not_claims}
    for other in second.not_claims:
        others.setdefault(key(other), other)
    # Two passages may open with the same words ("We are tired of waiting"), so the first answer's list is kept
    # whole and only quotations it does not have are added.
    seen = {_words(q.quote) for q in first.quotations}
    quotations = [*first.quotations, *(q for q in second.quotations if _words(q.quote) not in seen)]
    return Answer.model_construct(
        quantities=list(quantities.values()),
        relations=list(relations.values()),
        claims=list(claims.values()),
        not_claims=list(others.values()),
        quotations=quotations,
    )


def _words(text: str) -> str:
    return " ".join(text.split()).lower()
