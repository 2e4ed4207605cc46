"""Build hand-written claims for rule tests: each claim is a sentence, the figure in it, and what it counts."""

from __future__ import annotations

from dataclasses import dataclass

from checker import config as config_mod, rules
from checker.extract.grounding import ClaimSpec, ground
from checker.models import (
    Claim,
    Document,
    Extraction,
    Finding,
    Quantity,
    Quotation,
    Relation,
    Source,
    SourceKind,
    Span,
)
from checker.normalize import DEFAULT_TOLERANCE, Tolerance, parse_figure
from checker.quantify import derive
from checker.taxonomy import Taxonomy


@dataclass(frozen=True)
class C:
    text: str
    figure: str
    pop: tuple[str, ...] | str = "person"
    event: str = "killed"
    scope: str = ""
    time: str = ""
    source: tuple[str, str] = ("organisation", "police")
    unit: str = ""
    base: float | None = None


def build(
    *specs: C,
    quotations: tuple[tuple[str, str], ...] = (),
    tolerance: Tolerance = DEFAULT_TOLERANCE,
    taxonomy: Taxonomy | None = None,
) -> tuple[Document, Extraction]:
    """A document holding every claim's sentence in order, and the claims anchored in it."""
    text = " ".join(f"{s.text}." for s in specs)
    doc = Document.create("test.txt", text)
    claims: list[Claim] = []
    at = 0
    for n, spec in enumerate(specs, 1):
        start = text.index(spec.text, at)
        at = start + len(spec.text)
        fig_start = text.index(spec.figure, start)
        value, unit = parse_figure(spec.figure, tolerance)
        kind, name = spec.source
        pop = (spec.pop,) if isinstance(spec.pop, str) else spec.pop
        claims.append(
            Claim(
                id=f"c{n}",
                quote=spec.text,
                span=Span(start, at),
                figure=spec.figure,
                figure_span=Span(fig_start, fig_start + len(spec.figure)),
                value=value,
                counted=" and ".join(pop),
                population=pop,
                event=spec.event,
                unit=spec.unit or unit,
                scope=spec.scope,
                time=spec.time,
                source=Source(SourceKind(kind), name),
                base=parse_figure(str(spec.base))[0] if spec.base is not None else None,
            )
        )
    quotes = []
    for quoted, speaker in quotations:
        start = text.index(quoted)
        kind = SourceKind.PERSON if speaker else SourceKind.NONE
        quotes.append(Quotation(Span(start, start + len(quoted)), Source(kind, speaker)))
    # Claims that name groups get their quantities the way the offline extractor's do.
    return doc, derive(Extraction("test", tuple(claims), tuple(quotes)), taxonomy or config_mod.Config().taxonomy)


def findings(*specs: C, quotations: tuple[tuple[str, str], ...] = (), **settings: object) -> list[Finding]:
    cfg = config_mod.Config(**settings)  # type: ignore[arg-type]
    doc, extraction = build(*specs, quotations=quotations, tolerance=cfg.tolerance, taxonomy=cfg.taxonomy)
    return list(rules.run(doc, extraction, cfg))


def codes(*specs: C, **settings: object) -> list[str]:
    return [f.code for f in findings(*specs, **settings)]


@dataclass(frozen=True)
class Q:
    """A claim as the LLM's model states it: the figure, the id of the quantity it gives, when it holds."""

    text: str
    figure: str
    quantity: str
    as_of: str = ""
    share_of: str = ""
    unit: str = ""
    value: float | None = None
    source: tuple[str, str] = ("organisation", "police")


def quantity_findings(
    *specs: Q, quantities: dict[str, str | tuple[str, str, bool]], relations: tuple[Relation, ...] = ()
) -> list[Finding]:
    """Rules over claims grounded as the LLM extractor grounds them, with declared quantities and relations.

    ``quantities`` maps an id to its description, or to (description, unit, running_total).
    """
    cfg = config_mod.Config()
    text = "\n\n".join(f"{s.text}." for s in specs)  # each claim a sentence of its own (a paragraph)
    doc = Document.create("test.txt", text)
    claims = []
    for n, spec in enumerate(specs, 1):
        grounded = ground(
            doc,
            ClaimSpec(
                quote=spec.text,
                figure=spec.figure,
                time=spec.as_of,
                quantity=spec.quantity,
                share_of=spec.share_of,
                low=spec.value,
                high=spec.value,
                model_value=True,
                source_kind=spec.source[0],
                source_name=spec.source[1],
            ),
            f"c{n}",
            cfg.taxonomy,
        )
        declared = quantities[spec.quantity]
        unit = declared[1] if isinstance(declared, tuple) else ""
        claims.append(grounded._replace(unit="%" if spec.share_of else spec.unit or unit or grounded.unit))
    table = tuple(Quantity(qid, *(q if isinstance(q, tuple) else (q, "", False))) for qid, q in quantities.items())
    extraction = Extraction("llm", tuple(claims), quantities=table, relations=relations)
    return list(rules.run(doc, extraction, cfg))
