"""The labelled corpus: load the article files in ``evals/data/`` and check them against their own text.

The file format is documented in ``evals/README.md``. ``problems(article)`` is the loader check: every gold
span and every oracle claim must be found, once, in the article's text, and the gold must agree with the
oracle claims (a figure the claims call unsourced is in the gold's ``unattributed`` list, and so on).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from checker.codec import spec_from_dict
from checker.document import find_quote, from_text, quotation_spans
from checker.extract.grounding import GroundingError, ground
from checker.models import Claim, Document, Span
from checker.normalize import scan
from checker.taxonomy import Taxonomy
from evals.score import CONTRADICTION_CODES, GoldItem

DATA_DIR = Path(__file__).resolve().parent / "data"
BEATS = ("disasters", "crime", "courts", "health", "business", "elections", "sport", "budgets", "conflict")
WORDS_MIN, WORDS_MAX = 250, 700
ATTRIBUTED_KINDS = ("person", "organisation", "document")
# Kinds of figure (``normalize.scan``) that are claims; years, dates, times, ordinals and ages are not.
CLAIM_KINDS = ("count", "percent", "money", "measure")


class CorpusError(ValueError):
    """An article file that cannot be read, or whose gold does not fit its text."""


@dataclass(frozen=True)
class Contradiction:
    quantity: str
    code: str
    quotes: tuple[str, ...]


@dataclass(frozen=True)
class Attributed:
    quote: str
    sources: tuple[str, ...]  # acceptable names for the source, first is the one used in reports


@dataclass(frozen=True)
class Gold:
    contradictions: tuple[Contradiction, ...] = ()
    unattributed: tuple[str, ...] = ()
    vague: tuple[str, ...] = ()
    quotes_without_speaker: tuple[str, ...] = ()
    attributed: tuple[Attributed, ...] = ()


@dataclass(frozen=True)
class Article:
    id: str
    beat: str
    title: str
    text: str
    gold: Gold
    claims: tuple[dict[str, Any], ...]
    quotations: tuple[dict[str, Any], ...]
    path: str = ""
    notes: str = ""
    not_claims: tuple[str, ...] = ()
    has_oracle: bool = True  # held-out articles carry gold only: no hand-written claims or quotation notes

    @cached_property
    def document(self) -> Document:
        return from_text(self.text, f"evals/data/{self.id}.json")

    @property
    def words(self) -> int:
        return len(re.findall(r"\S+", self.text))

    @property
    def is_control(self) -> bool:
        g = self.gold
        return not (g.contradictions or g.unattributed or g.vague or g.quotes_without_speaker)

    def span(self, quote: str) -> Span:
        """Where a gold quote is in the text (the loader check has made sure it is there, once)."""
        found = find_quote(self.text, quote)
        if found is None:
            raise CorpusError(f"{self.id}: gold quote not in the text: {quote!r}")
        return found

    def gold_items(self) -> list[GoldItem]:
        """The gold as the scorer sees it: classes and spans."""
        g = self.gold
        items = [
            GoldItem("contradictions", tuple(self.span(q) for q in c.quotes), c.quantity, c.code)
            for c in g.contradictions
        ]
        items += [GoldItem("unattributed", (self.span(q),), q, "FL201") for q in g.unattributed]
        items += [GoldItem("vague", (self.span(q),), q, "FL202") for q in g.vague]
        items += [GoldItem("unspoken_quotes", (self.span(q),), _short(q), "FL203") for q in g.quotes_without_speaker]
        return items


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CorpusError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def parse(data: dict[str, Any], where: str) -> Article:
    """An Article from a decoded file. Raises CorpusError on a missing or malformed field."""
    for key in ("id", "beat", "title", "text", "gold"):
        if key not in data:
            raise CorpusError(f"{where}: missing field {key!r}")
    unknown = set(data) - {"id", "beat", "title", "text", "gold", "claims", "quotations", "notes", "not_claims"}
    if unknown:
        raise CorpusError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    text = data["text"]
    if isinstance(text, list):
        text = "\n\n".join(text) + "\n"
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{where}: text must be a string or a list of paragraphs")
    gold_data = data["gold"]
    unknown = set(gold_data) - {"contradictions", "unattributed", "vague", "quotes_without_speaker", "attributed"}
    if unknown:
        raise CorpusError(f"{where}: unknown gold field {sorted(unknown)[0]!r}")
    contradictions = []
    for i, item in enumerate(gold_data.get("contradictions", [])):
        quotes = _strings(item, "quotes", f"{where}: contradiction {i}")
        contradictions.append(Contradiction(item.get("quantity", ""), item.get("code", ""), quotes))
    attributed = []
    for item in gold_data.get("attributed", []):
        source = item.get("source", "")
        sources = tuple(source) if isinstance(source, list) else (source,)
        attributed.append(Attributed(item.get("quote", ""), sources))
    gold = Gold(
        contradictions=tuple(contradictions),
        unattributed=_strings(gold_data, "unattributed", where),
        vague=_strings(gold_data, "vague", where),
        quotes_without_speaker=_strings(gold_data, "quotes_without_speaker", where),
        attributed=tuple(attributed),
    )
    return Article(
        id=str(data["id"]),
        beat=str(data["beat"]),
        title=str(data["title"]),
        text=text,
        gold=gold,
        claims=tuple(data.get("claims", [])),
        has_oracle="claims" in data,
        quotations=tuple(data.get("quotations", [])),
        path=where,
        notes=str(data.get("notes", "")),
        not_claims=_strings(data, "not_claims", where),
    )


def load_article(path: Path) -> Article:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from None
    if not isinstance(data, dict):
        raise CorpusError(f"{path}: expected a JSON object")
    return parse(data, str(path))


def load_corpus(directory: Path = DATA_DIR, ids: tuple[str, ...] = ()) -> list[Article]:
    """Every ``*.json`` article in ``directory`` (or just ``ids``), sorted by id."""
    paths = sorted(directory.glob("*.json"))
    if ids:
        wanted = set(ids)
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise CorpusError(f"no such article: {sorted(missing)[0]}")
    return [load_article(p) for p in paths]


def unique_span(text: str, quote: str) -> tuple[Span | None, str]:
    """The span of ``quote`` in ``text`` and "" if it is there exactly once; else None or a span and a reason."""
    span = find_quote(text, quote)
    if span is None:
        return None, "not in the text"
    if find_quote(text, quote, span.start + 1) is not None:
        return span, "occurs more than once (make it longer so it is unique)"
    return span, ""


def ground_claims(article: Article, taxonomy: Taxonomy) -> list[Claim]:
    """The oracle claims anchored in the text. Raises CorpusError naming the first claim that does not fit."""
    claims = []
    for i, data in enumerate(article.claims):
        try:
            spec = spec_from_dict(data)
            claims.append(ground(article.document, spec, f"{article.id}-c{i + 1}", taxonomy))
        except (KeyError, ValueError, GroundingError) as exc:
            raise CorpusError(f"{article.id}: claim {i + 1} ({data.get('quote')!r}): {exc}") from None
    return claims


def _speaker_kind(note: dict[str, Any]) -> str:
    speaker = note.get("speaker") or {}
    return speaker if isinstance(speaker, str) else str(speaker.get("kind", "none"))


def problems(article: Article, taxonomy: Taxonomy, path: Path | None = None) -> list[str]:
    """Everything wrong with one article file; an empty list means it passes the loader check."""
    out: list[str] = []
    text = article.text
    if path is not None and article.id != path.stem:
        out.append(f"id {article.id!r} is not the file name {path.stem!r}")
    if article.beat not in BEATS:
        out.append(f"beat {article.beat!r} is not one of {', '.join(BEATS)}")
    if not WORDS_MIN <= article.words <= WORDS_MAX:
        out.append(f"{article.words} words; articles are {WORDS_MIN}–{WORDS_MAX} words")

    def locate(quote: str, what: str) -> Span | None:
        span, reason = unique_span(text, quote)
        if reason:
            out.append(f"{what} {quote!r} {reason}")
        return span

    g = article.gold
    for c in g.contradictions:
        if c.code not in CONTRADICTION_CODES:
            out.append(f"contradiction {c.quantity!r}: code {c.code!r} is not one of FL101–FL107")
        if len(c.quotes) < 2:
            out.append(f"contradiction {c.quantity!r}: needs at least two quotes")
        for q in c.quotes:
            locate(q, "contradiction quote")
    unattributed = [s for q in g.unattributed if (s := locate(q, "unattributed span"))]
    vague = [s for q in g.vague if (s := locate(q, "vague span"))]
    unspoken = [s for q in g.quotes_without_speaker if (s := locate(q, "quotation without speaker"))]
    attributed = [s for a in g.attributed if (s := locate(a.quote, "attributed span"))]
    for a in g.attributed:
        if not all(a.sources) or not a.sources:
            out.append(f"attributed span {a.quote!r} has no source")

    if not article.has_oracle:
        return out
    try:
        claims = ground_claims(article, taxonomy)
    except CorpusError as exc:
        return [*out, str(exc)]
    for i, data in enumerate(article.claims):
        _, reason = unique_span(text, data["quote"])
        if reason:
            out.append(f"claim {i + 1} quote {data['quote']!r} {reason}")
    seen: dict[Span, str] = {}
    for c in claims:
        if c.figure_span in seen:
            out.append(f"claims {seen[c.figure_span]} and {c.id} share the figure {c.figure!r}")
        seen[c.figure_span] = c.id

    # Quotations: every passage in quotation marks is annotated, with a speaker or explicitly none.
    marks = quotation_spans(article.document)
    noted: dict[Span, dict[str, Any]] = {}
    for note in article.quotations:
        span = find_quote(text, str(note.get("quote", "")))
        inside = [m for m in marks if span is not None and m.overlaps(span)]
        if not inside:
            out.append(f"quotation {note.get('quote')!r} is not a passage in quotation marks")
        for m in inside:
            noted[m] = note
    for m in marks:
        if m not in noted:
            out.append(f"quotation {text[m.start : m.end][:50]!r}… has no entry in 'quotations'")
    speakerless = [m for m, note in noted.items() if _speaker_kind(note) == "none" and note.get("speech", True)]
    for m in speakerless:
        if not any(m.overlaps(s) for s in unspoken):
            out.append(f"quotation {text[m.start : m.end][:50]!r}… has no speaker but is not in quotes_without_speaker")
    for s in unspoken:
        if not any(s.overlaps(m) for m in speakerless):
            out.append(f"quotes_without_speaker {text[s.start : s.end][:50]!r}… has a speaker in 'quotations'")

    # The gold agrees with the oracle claims, figure by figure.
    def claim_at(span: Span, what: str) -> Claim | None:
        hits = [c for c in claims if c.figure_span.overlaps(span)]
        if len(hits) != 1:
            out.append(f"{what} {text[span.start : span.end]!r} covers {len(hits)} claim figures (expected 1)")
            return None
        return hits[0]

    for what, spans, kinds in (
        ("unattributed", unattributed, ("none",)),
        ("vague", vague, ("vague",)),
        ("attributed", attributed, ATTRIBUTED_KINDS),
    ):
        for span in spans:
            claim = claim_at(span, what)
            if claim and claim.source.kind.value not in kinds:
                out.append(f"{what} span {claim.quote!r}: its claim's source kind is {claim.source.kind.value!r}")
    for c in claims:
        kind = c.source.kind.value
        if kind == "none" and any(m.contains(c.figure_span) for m in speakerless):
            continue  # reported once, as the quotation without a speaker
        lists = {"none": unattributed, "vague": vague}.get(kind, attributed)
        name = {"none": "unattributed", "vague": "vague"}.get(kind, "attributed")
        if not any(s.overlaps(c.figure_span) for s in lists):
            out.append(f"claim {c.id} {c.quote!r} (source {kind}) is not in the gold's {name} list")
    for con in g.contradictions:
        for q in con.quotes:
            span = find_quote(text, q)
            if span and not any(c.figure_span.overlaps(span) for c in claims):
                out.append(f"contradiction quote {q!r} covers no claim figure")

    # Every figure in the text is a claim or is listed, with the reason implied, in not_claims.
    excused = [s for q in article.not_claims if (s := locate(q, "not_claims span"))]
    for figure in scan(text):
        if figure.kind not in CLAIM_KINDS:
            continue
        if not any(c.figure_span.overlaps(figure.span) for c in claims) and not any(
            s.overlaps(figure.span) for s in excused
        ):
            where = f"{figure.text!r} ({figure.kind}) at {figure.span.start}"
            out.append(f"figure {where} is neither a claim nor in not_claims")
    return out
