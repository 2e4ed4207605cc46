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
from checker.extract.grounding import ClaimSpec, GroundingError, ground, locate
from checker.models import Document, Span
from checker.normalize import DEFAULT_TOLERANCE, Tolerance
from checker.taxonomy import Taxonomy

SourceKindName = Literal["person", "organisation", "document", "vague", "none"]
NotClaimReason = Literal[
    "date", "year", "time", "ordinal", "age", "address", "name", "duration", "distance", "not a count", "other"
]


class SourceOut(BaseModel):
    kind: SourceKindName = Field(
        default="none",
        description=(
            "Who the text says the figure comes from. person: a named or described individual (the mayor, "
            "a spokesman); organisation: a body (the Interior Ministry, the terrorist group); document: a report, "
            "statement or study; vague: an unnamed source ('officials said', 'according to reports'); "
            "none: the text states the figure without attribution."
        ),
    )
    name: str = Field(
        default="",
        description="The source as written in the text ('the mayor of Al Khalis, Uday al-Khadrane'); '' for none.",
    )
    cue: str = Field(
        default="",
        description="The attribution words as written: 'said', 'according to', 'reports', 'in a statement'.",
    )
    inherited: bool = Field(
        default=False,
        description=(
            "True when the attribution is not in the claim's own sentence but carried over from an earlier "
            "sentence (a paragraph that opens with 'the mayor said', or a quotation that continues)."
        ),
    )


class ClaimOut(BaseModel):
    quote: str = Field(
        description=(
            "The words of ARTICLE that state the figure, copied character for character (the clause or sentence "
            "containing the figure; keep it short). Never paraphrase, translate or fix typos."
        ),
    )
    figure: str = Field(
        description=(
            "The figure exactly as written inside the quote, with its qualifier: 'over 30', 'thirty six', "
            "'dozens', '42', 'some 300'."
        ),
    )
    value: float | None = Field(default=None, description="The figure as a number when it is one exact number.")
    low: float | None = Field(
        default=None, description="Lower bound the wording allows ('over 30' -> 30), when it is a bound or a range."
    )
    high: float | None = Field(
        default=None, description="Upper bound the wording allows ('up to 40' -> 40), when it is a bound or a range."
    )
    qualifier: str = Field(
        default="", description="The qualifier as written: 'over', 'at least', 'about', 'nearly', 'dozens'; or ''."
    )
    unit: str = Field(default="", description="'%', a currency code or a unit of measure ('km'); '' for a count.")
    counted: str = Field(
        default="",
        description="What is counted, as written: 'guards and inmates', 'Iraqi policemen', 'members of the police'.",
    )
    population: list[str] = Field(
        default_factory=list,
        description=(
            "What is counted as canonical singular nouns: ['guard', 'prisoner'] for 'guards and inmates'; "
            "['policeman'] for 'Iraqi policemen'. Empty when the figure counts no named group ('35 were killed')."
        ),
    )
    event: str = Field(
        default="",
        description="What happened to what is counted: one word from the event vocabulary, or 'other'.",
    )
    event_text: str = Field(default="", description="The event as written: 'were killed', 'escaped', 'to release'.")
    scope: str = Field(
        default="",
        description=(
            "A short label for the incident, place and time the figure belongs to. Give every claim about the same "
            "incident the same label ('Al Khalis prison break') and other incidents other labels ('July 2013 "
            "Baghdad prison assaults'), so figures about different incidents are never compared."
        ),
    )
    time: str = Field(
        default="",
        description="A time marker that qualifies the figure, as written: 'earlier in the day', 'by Saturday'; or ''.",
    )
    base: float | None = Field(
        default=None, description="For a percentage: the whole it is a percentage of, if stated."
    )
    source: SourceOut = Field(default_factory=SourceOut, description="Who says so.")


class SpeakerOut(BaseModel):
    kind: SourceKindName = Field(
        default="none",
        description=(
            "Who the text says spoke or wrote the quoted words. person: a named or described individual; "
            "organisation: a body speaking as one (the terrorist group in a statement, the ministry); document: a "
            "report or statement quoted without a speaker; vague: an unnamed speaker ('one official said', "
            "'a witness told reporters'); none: the text never says who said these words. Never guess a speaker "
            "the text does not give."
        ),
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
    figure: str = Field(description="The figure exactly as written: '2013', 'Friday', 'first', '80'.")
    reason: NotClaimReason = Field(description="Why this figure is not a quantitative claim.")


class Answer(BaseModel):
    """Every quantitative claim in ARTICLE, every other figure in ARTICLE with why it is not a claim, and every
    passage in quotation marks in ARTICLE with who (if anyone) the text says spoke it."""

    claims: list[ClaimOut] = Field(
        default_factory=list,
        description="One entry per figure in ARTICLE that counts, measures or amounts to something.",
    )
    not_claims: list[NotClaim] = Field(
        default_factory=list,
        description=(
            "Every other numeral or number word in ARTICLE: dates, years, times, ordinals, ages, addresses, "
            "figures that are part of a name, durations and distances that are not the news."
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

    def check(self, answer: Answer) -> None:
        errors: list[str] = []
        kept: list[ClaimOut] = []
        for i, claim in enumerate(answer.claims):
            try:
                ground(self.doc, to_spec(claim), "probe", self.taxonomy, self.tolerance, region=self.region)
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
    """The grounding input for one LLM claim. Bounds fall back to the exact value."""
    event = claim.event.strip()
    if not event or event.lower() == "other":
        event = claim.event_text.strip()
    return ClaimSpec(
        quote=claim.quote,
        figure=claim.figure,
        counted=claim.counted,
        population=tuple(p for p in claim.population if p.strip()),
        event=event,
        scope=claim.scope,
        time=claim.time,
        source_kind=claim.source.kind,
        source_name=claim.source.name,
        source_cue=claim.source.cue,
        source_inherited=claim.source.inherited,
        low=claim.low if claim.low is not None else claim.value,
        high=claim.high if claim.high is not None else claim.value,
        unit=claim.unit,
        base=claim.base,
    )


def schema_hash() -> str:
    """Changes whenever a field or a description changes, so cached answers from an older schema are not reused."""
    text = json.dumps(Answer.model_json_schema(), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def merge(first: Answer, second: Answer) -> Answer:
    """Union of two answers for the same chunk (a coverage re-ask adds to, never replaces, the first)."""

    def key(item: Any) -> tuple[str, str]:
        return (_words(item.quote), item.figure.strip().lower())

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
    return Answer.model_construct(claims=list(claims.values()), not_claims=list(others.values()), quotations=quotations)


def _words(text: str) -> str:
    return " ".join(text.split()).lower()
