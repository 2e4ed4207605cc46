"""Match findings to gold by span overlap and count precision, recall and F1 per class.

Pure functions over plain spans (``checker.models.Span``), so they are tested without the rule engine.

Matching, one to one and greedy (best overlap first):

* a gold contradiction matches a contradiction finding (any of FL101–FL107) when at least two of its quotes
  (all of them, if it has fewer) overlap the *figure* spans of the finding's claims;
* a gold attribution span (unattributed, vague) matches a finding of its class whose claims' figure span
  overlaps it, or, for a finding with no claims, whose own span does;
* a gold quotation without a speaker matches an FL203 finding whose span overlaps it.

Figure spans, not quote spans: an extractor's quote is often a whole sentence, and a sentence can hold the
figures of two different gold items; a figure belongs to exactly one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from checker.models import Span

CONTRADICTION_CODES = frozenset({"FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107"})

# class name -> the finding codes that belong to it
CLASSES: dict[str, frozenset[str]] = {
    "contradictions": CONTRADICTION_CODES,
    "unattributed": frozenset({"FL201"}),
    "vague": frozenset({"FL202"}),
    "unspoken_quotes": frozenset({"FL203"}),
}
# The classes the acceptance numbers are about; the others are reported too.
HEADLINE = ("contradictions", "unattributed", "vague")
# The classes whose findings may be info-level; scored again with warnings only (what a CI run fails on)
GRADED = ("unattributed", "vague")


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One thing a perfect checker reports: its class, the spans that identify it, and a label for people."""

    kind: str
    spans: tuple[Span, ...]
    label: str
    code: str = ""


@dataclass(frozen=True, slots=True)
class FoundItem:
    """One finding reduced to what scoring needs: the code, its span, and the figure spans of its claims."""

    code: str
    span: Span
    figure_spans: tuple[Span, ...] = ()
    label: str = ""
    severity: str = ""

    @property
    def kind(self) -> str | None:
        return kind_of(self.code)


def kind_of(code: str) -> str | None:
    for kind, codes in CLASSES.items():
        if code in codes:
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """Share of findings that are right (1.0 when nothing was reported: no false alarm)."""
        if self.tp + self.fp == 0:
            return 1.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """Share of gold items found (1.0 when there was nothing to find: no miss)."""
        if self.tp + self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def metrics(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class Match:
    gold: GoldItem
    found: FoundItem


@dataclass(frozen=True, slots=True)
class ArticleScore:
    """Per class: the counts, what matched, what was missed (gold not found) and the false alarms."""

    article: str
    counts: dict[str, Counts]
    matches: tuple[Match, ...] = ()
    misses: tuple[GoldItem, ...] = ()
    false_alarms: tuple[FoundItem, ...] = ()
    ignored: tuple[FoundItem, ...] = field(default=())


def _hits(gold: GoldItem, found: FoundItem) -> int:
    """How strongly ``found`` matches ``gold`` (0: not at all)."""
    if gold.kind != found.kind:
        return 0
    if gold.kind == "contradictions":
        covered = sum(1 for g in gold.spans if any(g.overlaps(f) for f in found.figure_spans))
        return covered if covered >= min(2, len(gold.spans)) else 0
    targets = found.figure_spans or (found.span,)
    if gold.kind == "unspoken_quotes":
        targets = (found.span,)
    return int(any(g.overlaps(t) for g in gold.spans for t in targets))


def match(gold: Sequence[GoldItem], found: Sequence[FoundItem]) -> list[Match]:
    """One-to-one greedy matching, strongest overlap first, ties in document order."""
    candidates = []
    for gi, g in enumerate(gold):
        for fi, f in enumerate(found):
            strength = _hits(g, f)
            if strength:
                candidates.append((-strength, gi, fi))
    candidates.sort()
    used_gold: set[int] = set()
    used_found: set[int] = set()
    out = []
    for _, gi, fi in candidates:
        if gi in used_gold or fi in used_found:
            continue
        used_gold.add(gi)
        used_found.add(fi)
        out.append(Match(gold[gi], found[fi]))
    return out


def score_article(article: str, gold: Sequence[GoldItem], found: Iterable[FoundItem]) -> ArticleScore:
    """Score one article. Findings of codes outside the scored classes (FL301 …) are kept aside, not counted."""
    found = list(found)
    scored = [f for f in found if f.kind is not None]
    ignored = tuple(f for f in found if f.kind is None)
    matches = match(gold, scored)
    matched_gold = {id(m.gold) for m in matches}
    matched_found = {id(m.found) for m in matches}
    misses = tuple(g for g in gold if id(g) not in matched_gold)
    false_alarms = tuple(f for f in scored if id(f) not in matched_found)
    counts = {}
    for kind in CLASSES:
        counts[kind] = Counts(
            tp=sum(1 for m in matches if m.gold.kind == kind),
            fp=sum(1 for f in false_alarms if f.kind == kind),
            fn=sum(1 for g in misses if g.kind == kind),
        )
    return ArticleScore(article, counts, tuple(matches), misses, false_alarms, ignored)


def warnings_only(found: Iterable[FoundItem]) -> list[FoundItem]:
    """The findings less the info-level ones of the graded classes: what ``--fail-on warning`` would act on. Gold
    unattributed and vague figures are the ones a reader expects a source for, so each should be a warning."""
    return [f for f in found if not (f.kind in GRADED and f.severity == "info")]


def totals(scores: Iterable[ArticleScore]) -> dict[str, Counts]:
    """Micro-averaged counts per class over a corpus."""
    out = {kind: Counts() for kind in CLASSES}
    for score in scores:
        for kind, counts in score.counts.items():
            out[kind] = out[kind] + counts
    return out
