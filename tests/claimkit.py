"""Build hand-written claims for rule tests: each claim is a sentence, the figure in it, and what it counts."""

from __future__ import annotations

from dataclasses import dataclass

from checker import config as config_mod, rules
from checker.models import Claim, Document, Extraction, Finding, Quotation, Source, SourceKind, Span
from checker.normalize import DEFAULT_TOLERANCE, Tolerance, parse_figure


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
    *specs: C, quotations: tuple[tuple[str, str], ...] = (), tolerance: Tolerance = DEFAULT_TOLERANCE
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
    return doc, Extraction("test", tuple(claims), tuple(quotes))


def findings(*specs: C, quotations: tuple[tuple[str, str], ...] = (), **settings: object) -> list[Finding]:
    cfg = config_mod.Config(**settings)  # type: ignore[arg-type]
    doc, extraction = build(*specs, quotations=quotations, tolerance=cfg.tolerance)
    return list(rules.run(doc, extraction, cfg))


def codes(*specs: C, **settings: object) -> list[str]:
    return [f.code for f in findings(*specs, **settings)]
