"""The oracle extractor: returns an article's hand-written claims, so the rule engine is scored on its own."""

from __future__ import annotations

from typing import Any

from checker.document import find_quote, quotation_spans
from checker.models import Document, Extraction, Quotation, Source, SourceKind
from checker.quantify import derive
from checker.taxonomy import Taxonomy
from evals.corpus import Article, ground_claims


def speaker(note: dict[str, Any]) -> Source:
    data = note.get("speaker") or {}
    if isinstance(data, str):
        data = {"kind": data}
    kind = SourceKind(data.get("kind", "none"))
    if kind is SourceKind.NONE:
        return Source()
    return Source(kind, data.get("name", ""), data.get("cue", ""), None, bool(data.get("inherited", False)))


class OracleExtractor:
    """``extract(doc)`` for the one article it was made for: its claims grounded, its quotations' speakers."""

    name = "oracle"

    def __init__(self, article: Article, taxonomy: Taxonomy) -> None:
        self.article = article
        self.taxonomy = taxonomy

    def extract(self, doc: Document) -> Extraction:
        if doc.text != self.article.text:
            raise ValueError(f"the oracle for {self.article.id} was given another document ({doc.path})")
        claims = tuple(ground_claims(self.article, self.taxonomy))
        notes = []
        for note in self.article.quotations:
            span = find_quote(doc.text, str(note.get("quote", "")))
            if span is not None:
                notes.append((span, speaker(note)))
        quotations = []
        for mark in quotation_spans(doc):
            who = next((s for span, s in notes if span.overlaps(mark)), Source())
            quotations.append(Quotation(mark, who))
        # ``model`` says what fed the rules: reports show "extractor: oracle (hand-written claims)".
        return derive(Extraction(self.name, claims, tuple(quotations), model="hand-written claims"), self.taxonomy)
