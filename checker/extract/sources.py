"""Find who a sentence or quotation attributes its figures to, with patterns (no model).

Cues: "X said", "said X", "according to X", "X told reporters", "in a statement", "X reports", "figures from X";
vague cues: "sources said", "reportedly", "reports suggest", "this piece of news". The name is the noun phrase
next to the cue, classified as person, organisation, document or vague.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from checker.models import Source, SourceKind, Span

_NP_CHAR = r"(?:(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Prof|Sgt|Lt)\.|[^.;:!?“”\"])"
_VERBS = (
    r"said|says|say|told|tells|reported|reports|announced|announces|stated|states|confirmed|confirms|estimated|"
    r"estimates|explained|explaining|explains|added|adds|claimed|claims|insisted|insists|warned|warns|noted|notes|"
    r"wrote|writes|concluded|argued|argues|revealed|reveals|disclosed|testified|alleged|acknowledged|admitted|"
    r"put the (?:death )?toll at|put the number at|briefed|told reporters|told journalists|told the \w+|"
    # agencies that measure or forecast are the source of what they measure ("the survey recorded 27 aftershocks")
    r"estimate|forecast|forecasts|predicted|projected|measured|recorded|counted|suggested|presented|unveiled"
)
# "…, said the mayor": only after a comma, a quotation or at the start, so "Price said the bank had…" is not
# read as the bank speaking. "told X" names the listener, never the speaker.
_INVERTED = re.compile(
    rf"(?:^|,)\s*(?P<cue>said|says|added|explained|concluded|noted|insisted|warned|wrote)\s+"
    rf"(?P<np>(?:(?:the|a|an)\b|[A-Z]){_NP_CHAR}*)"
)
_FORWARD = re.compile(
    r"\b(?P<cue>according (?:to|with)|citing|data from|figures from|statistics from|"
    r"figures (?:released|published) by|a report by|a statement from|a statement by)\s+"
    rf"(?P<np>{_NP_CHAR}+)",
    re.IGNORECASE,
)
_BACKWARD = re.compile(rf"\b(?P<cue>(?:{_VERBS})(?:\s+in\s+a\s+statement)?)\b")
_VAGUE_CUES = re.compile(
    r"\b(?P<cue>reportedly|it (?:is|was) (?:reported|understood|believed|thought|claimed)|reports (?:suggest|said|say|"
    r"indicate)|(?:some |unnamed |anonymous )?sources (?:said|say|told|claim|suggest)|(?:is|are|was|were) said to|"
    r"unconfirmed reports|rumou?rs?|according to (?:reports|sources|some)|word on the street)\b",
    re.IGNORECASE,
)

ROLES = (
    "spokesman|spokeswoman|spokesperson|mayor|minister|governor|president|chief|head|director|commissioner|"
    "officer|doctor|prosecutor|judge|coach|manager|secretary|chairman|chairwoman|chair|ceo|lawyer|attorney|"
    "superintendent|sheriff|inspector|general|colonel|captain|commander|analyst|economist|professor|researcher|"
    "treasurer|leader|mp|senator|councillor|councilor|chancellor|official|representative|witness|survivor|"
    "resident|founder|executive|owner|curator|surgeon|nurse|ambassador|envoy|premier|administrator|adviser|advisor"
)
ORGS = (
    "ministry|agency|police|department|government|group|office|service|services|council|authority|authorities|"
    "hospital|company|firm|army|military|court|union|commission|committee|party|bank|institute|university|"
    "federation|association|board|bureau|administration|force|forces|cabinet|regulator|organisation|"
    "organization|coalition|network|centre|center|trust|foundation|fund|league|club|team|parliament|assembly|"
    "brigade|embassy|observatory|red cross|red crescent|un|who|unicef|nhs|fbi|icrc|corporation|inc|ltd|plc|"
    "companies|agencies|ministries|organisers|organizers|directorate|coast guard|coastguard|operator|bloc|"
    "newspaper|broadcaster|tribunal|family|relatives"
)
DOCUMENTS = (
    "statement|report|study|survey|census|data|figures|filing|document|records|bulletin|release|tally|audit|"
    # court papers and official results are documents, not vague sources ("according to the indictment")
    "order|judgment|judgement|ruling|indictment|verdict|complaint|lawsuit|affidavit|transcript|minutes|remarks|"
    "results|poll"
)
VAGUE_HEADS = (
    r"sources?|reports?|news|media|rumou?rs?|officials?|people|they|some|observers|insiders|accounts?|"
    r"social media|piece of news|the news|local media|media reports|witnesses|residents|it|posts?"
)
# Unnamed experts are vague whatever institution they work in: "analysts say", "hospital managers say privately".
GENERIC_EXPERTS = r"analysts|economists|experts|critics|diplomats|managers|commentators"

_INTRO = re.compile(
    r"^(?:on|in|at|earlier|later|meanwhile|separately|however|also|then|after|before|during|yesterday|today|"
    r"last|this|in addition|moreover|but|and)\b[^,]*,\s*",
    re.IGNORECASE,
)
_VERBISH = re.compile(
    r"\s(?:gave|has|had|have|was|were|is|are|held|made|met|went|spoke|issued|released|published|put|also|"
    r"later|earlier|on|in a|who|which|that|near)\b.*$",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^(?:near|who|which|whose|based|himself|herself|itself|also|however|too)\b", re.IGNORECASE)
_ADVERB_ONLY = re.compile(r"^(?:also|later|earlier|separately|however|too|again|then|now)?$", re.IGNORECASE)


_PRONOUNS = ("he", "she", "it", "they", "we")
# "sources close to the investigation", "people familiar with the deal": the anonymous-source formulas.
_ANONYMOUS = re.compile(
    r"^(?:[\w-]+\s+){1,3}(?:close to|familiar with|with (?:direct )?knowledge of|briefed on|involved in)\b"
)
# "some economists", "several witnesses", "many exit polls": an unnamed, indefinite group.
_INDEFINITE = re.compile(r"^(?:some|several|many|various|other|few)\s+(?!of\b)\w")
_NOT_NAMES = {"it", "they", "this", "that", "these", "those", "he", "she", "we", "there", "the", "a", "an"}


def classify(name: str, document: str = "") -> SourceKind | None:
    """The kind of a source noun phrase, or None when it names nothing a figure could come from.

    ``document`` is the whole text, to recognise a surname standing alone ("Kim said") by its full name.
    """
    text = name.strip().strip(",").strip()
    if not text or re.search(r"\d", text):
        return None  # "the count stood at 38 confirmed": a clause with a figure in it names no one
    lower = text.lower()
    if lower in ("he", "she"):
        return SourceKind.PERSON  # a pronoun points back to someone the story has named
    named = bool(re.search(r"\b[A-Z][a-z]", text[1:]))
    if not named and (_ANONYMOUS.match(lower) or _INDEFINITE.match(lower)):
        return SourceKind.VAGUE
    if not named and re.fullmatch(rf"(?:\w+\s+){{0,2}}(?:{GENERIC_EXPERTS})", lower):
        return SourceKind.VAGUE
    bare = re.sub(r"^(?:the|a|an|this|that|these|those|some|several|unnamed|anonymous|local|other|many)\s+", "", lower)
    # "its annual report", "the ministry's figures": a possessive makes the source specific
    possessive = re.match(r"(?:its|their|his|her|our)\b|(?:the\s+)?\S+['’]s\b", lower)
    unnamed = re.fullmatch(rf"(?:\w+\s+){{0,2}}(?:{VAGUE_HEADS})", bare) and not named and not possessive
    if unnamed and (not re.search(rf"\b(?:{ORGS})\b", bare) or bare in ("officials", "official")):
        return SourceKind.VAGUE
    return _named_kind(text, lower) or _proper_name_kind(text, document)


def _named_kind(text: str, lower: str) -> SourceKind | None:
    """A source named by what it is: a role (person), a document, an organisation."""
    if re.search(rf"\b(?:{ROLES})s?\b", lower) or re.search(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Sgt)\.?\s+[A-Z]", text):
        return SourceKind.PERSON
    if re.search(rf"\b(?:{DOCUMENTS})s?\b", lower):
        return SourceKind.DOCUMENT
    if re.search(rf"\b(?:{ORGS})\b", lower) or re.search(r"\b[A-Z]{2,}\b", text):
        return SourceKind.ORGANISATION
    return None


_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al-|bin |de |van |von )?[A-Z][\w'’-]+)+"


def _proper_name_kind(text: str, document: str) -> SourceKind | None:
    """A source named by its proper name: "Ana Silva", "parent Jon Berg", "the Alderton Courier", "Kim"."""
    if re.fullmatch(_NAME, text):
        return SourceKind.PERSON
    if re.fullmatch(rf"the\s+{_NAME}", text, re.IGNORECASE) and text[4:5].isupper():
        return SourceKind.ORGANISATION  # "the Armed Conflict Monitor": a name with an article is an institution
    if re.fullmatch(rf"(?:[a-z][\w'’-]*\s+){{1,3}}{_NAME}", text):
        return SourceKind.PERSON  # "parent Jon Berg", "fan Tomasz Nowak": a description, then the name
    # A surname alone ("Kim said") is a person the story has named in full ("Rachel Kim").
    surname = re.fullmatch(r"[A-Z][a-z][\w'’-]*", text) and text.lower() not in _NOT_NAMES
    if surname and text in _surnames(document):
        return SourceKind.PERSON
    return None


@functools.lru_cache(maxsize=8)
def _surnames(document: str) -> frozenset[str]:
    """Words that follow another capitalised word somewhere in the draft: the surnames of full names."""
    return frozenset(m.group(1) for m in re.finditer(r"\b[A-Z][\w'’-]+\s+(?=([A-Z][\w'’-]+)\b)", document))


_ING_ADJECTIVES = (
    "acting|leading|ruling|governing|outgoing|incoming|managing|presiding|sitting|serving|reigning|standing|"
    "visiting|building|planning|funding|housing|polling|policing|nursing|shipping|banking|mining|morning|evening|"
    "king|thing|something|nothing|anything|everything|during|sentencing|closing|opening|briefing|training|"
    "marketing|accounting|engineering|operating|consulting|broadcasting|publishing|rating|ratings|polling"
)


def _forward_np(text: str) -> str:
    """Noun phrase after a cue: up to a comma that is not followed by a capitalised name."""
    text = re.split(
        r"\s+(?:show|shows|showed|shown|suggest|suggests|suggested|indicate|indicates|indicated|put|puts)\b"
        r"|\s+\d",
        text,
        maxsplit=1,
    )[0]
    np = re.split(
        rf",\s+(?![A-Z][a-z])|\s+(?:that|who|which|when|while|as)\s+|\s+(?=(?!{_ING_ADJECTIVES})[a-z]+ing\b)",
        text,
        maxsplit=1,
    )[0]
    return np.strip().rstrip(",;").strip()


def _backward_np(text: str) -> str:
    """Noun phrase before a cue: the subject of the clause, without intro phrases and appositives."""
    text = _INTRO.sub("", text.strip())
    segments = [s.strip() for s in text.split(",")]
    while segments and (_ADVERB_ONLY.match(segments[-1]) or _APPOSITIVE.match(segments[-1])):
        segments.pop()
    if not segments:
        return ""
    np = _VERBISH.sub("", " " + segments[-1]).strip() if len(segments[-1].split()) > 3 else segments[-1]
    np = re.sub(r"^(?:and|but)\s+", "", np)  # ", and party officials said": the subject of a new clause
    return re.sub(r"\s+(?:also|later|earlier|separately|however)$", "", np).strip()


# A wire dateline opening the first paragraph: "NEW YORK, Jan 17 (Wire) - ", "LONDON (Reuters) — ".
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*\([^()]{1,30}\)\s*[-–—]+\s*")


def _masked(text: str, quotes: list[Span], offset: int) -> str:
    """``text`` with quoted passages and a dateline blanked: neither holds the sentence's attribution."""
    chars = list(text)
    for q in quotes:
        for i in range(max(q.start, offset), min(q.end, offset + len(text))):
            chars[i - offset] = " "
    dateline = _DATELINE.match(text)
    if dateline:
        chars[: dateline.end()] = " " * dateline.end()
    return "".join(chars)


_RELATIVE = re.compile(r"\b(?:who|which|that)\s+(?:also\s+|had\s+|have\s+)?$", re.IGNORECASE)
_SHOWS = re.compile(r"\b(?:show|shows|showed|suggest|suggests|suggested|indicate|indicates|indicated)\b")


def find_source(text: str, sentence: Span, quotes: list[Span]) -> Source | None:
    """The source a sentence names for itself (outside its quotations), or None."""
    body = _masked(text[sentence.start : sentence.end], quotes, sentence.start)
    vague = _VAGUE_CUES.search(body)
    candidates: list[tuple[int, Source]] = []
    if vague:
        candidates.append(
            (
                vague.start(),
                _source(SourceKind.VAGUE, vague.group("cue"), vague.group("cue"), sentence.start + vague.start()),
            )
        )
    for match in _FORWARD.finditer(body):
        np = _forward_np(match.group("np"))
        kind = classify(np, text) or (SourceKind.VAGUE if np else None)
        if kind:
            cue = match.group("cue")
            if cue.lower().startswith(("data", "figures", "statistics", "a report")) and kind is not SourceKind.VAGUE:
                kind = SourceKind.DOCUMENT  # "figures from the census": the document is the source
            candidates.append((match.start(), _source(kind, np, cue, sentence.start + match.start("np"))))
    for match in _INVERTED.finditer(body):
        np = _forward_np(match.group("np"))
        kind = classify(np, text)
        if kind:
            candidates.append(
                (match.start(), _source(kind, np, match.group("cue"), sentence.start + match.start("np")))
            )
    for match in _BACKWARD.finditer(body):
        if _RELATIVE.search(body[: match.start()]):
            continue  # "workers who said they were exposed": the clause's own speaker, not the sentence's source
        np = _backward_np(body[: match.start()])
        kind = classify(np, text)
        if kind:
            at = body.find(np)
            candidates.append((match.start(), _source(kind, np, match.group("cue"), sentence.start + max(at, 0))))
    for match in _SHOWS.finditer(body):
        np = _backward_np(body[: match.start()])
        if classify(np, text) is SourceKind.DOCUMENT:  # "court records show", "customs figures show"
            at = body.find(np)
            candidates.append((match.start(), _source(SourceKind.DOCUMENT, np, match.group(0), sentence.start + at)))
    if not candidates:
        return None
    # Prefer a named source over a vague one when a sentence has both ("police said, citing reports").
    named = [c for c in candidates if c[1].kind is not SourceKind.VAGUE]
    return min(named or candidates, key=lambda c: c[0])[1]


_PRONOUN_KINDS = {
    "he": (SourceKind.PERSON,),
    "she": (SourceKind.PERSON,),
    "it": (SourceKind.ORGANISATION,),
    "they": (SourceKind.ORGANISATION,),
}


def starts_clause(text: str, source: Source) -> bool:
    """True when the source is the subject of a coordinated clause (", and party officials said"): it speaks
    for that clause only, not for the figures before it."""
    if source.span is None or source.inherited:
        return False
    return bool(re.search(r"[,;]\s*(?:and|but)\s+$", text[max(0, source.span.start - 12) : source.span.start]))


def is_pronoun(source: Source) -> bool:
    return source.name.lower() in _PRONOUN_KINDS


def resolve_pronoun(source: Source, named: Sequence[Source], starts: Sequence[int]) -> Source:
    """The source a pronoun ("it said", "she said") stands for: the nearest one named before it, of a kind
    the pronoun can stand for. ``named`` holds the document's named sources in order; a pronoun with nothing
    to point back to is kept as it is. ``starts`` are the named sources' start offsets, for bisection.
    """
    kinds = _PRONOUN_KINDS.get(source.name.lower())
    if not kinds or source.span is None:
        return source
    at = source.span.start
    before = bisect.bisect_left(starts, at)
    antecedent = next((s for s in reversed(named[:before]) if s.span is not None and s.kind in kinds), None)
    if antecedent is None:
        return source
    return Source(antecedent.kind, antecedent.name, source.cue, antecedent.span, source.inherited)


def _source(kind: SourceKind, name: str, cue: str, start: int) -> Source:
    span = Span(start, start + len(name.strip())) if name.strip() else None
    return Source(kind, " ".join(name.split()), " ".join(cue.split()), span)


# The speaker after the quotation: "…,” said X" or "…,” X said" (X may carry an appositive: "the victim's son,
# Raj Mehta, said").
_SPEAKER_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<cue>said|says|told \w+|added|concluded|explained|insisted|warned|noted|wrote|asked)\s+"
    rf"(?P<np>{_NP_CHAR}+)|(?P<np2>[^.;:!?“”\"]{{1,80}}?)\s+(?P<cue2>said|says|added|told \w+|concluded))",
)
# The speaker leading into it: "X told reporters that the £8.5m forward would “…”" (a decimal point is no stop).
_SPEAKER_BEFORE = re.compile(rf"(?P<cue>{_VERBS})\b(?:[^.!?“”\"]|\.(?=\d)){{0,80}}?[:,]?\s*(?:that\s*)?$")


def speaker_of(text: str, quote: Span, sentences: Sequence[Span]) -> Source:
    """Who spoke a quotation, reading the sentence it ends in, then (for a long quote) the one it starts in."""
    around = [s for s in sentences if s.overlaps(quote)]
    if not around:
        return Source()
    speaker = quotation_speaker(text, quote, Span(around[-1].start, max(around[-1].end, quote.end)))
    if speaker.kind is SourceKind.NONE and around[0] != around[-1]:
        speaker = quotation_speaker(text, quote, Span(around[0].start, max(around[0].end, quote.end)))
    return speaker


def quotation_speaker(text: str, quote: Span, sentence: Span) -> Source:
    """Who the text says spoke a quotation: a cue right after it, or a cue leading into it."""
    after = text[quote.end : max(quote.end, sentence.end)]
    match = _SPEAKER_AFTER.match(after)
    if match:
        np = _forward_np(match.group("np")) if match.group("np") else _backward_np(match.group("np2"))
        kind = classify(np, text)
        if kind:
            group = "np" if match.group("np") else "np2"
            start = quote.end + match.start(group) + max(match.group(group).find(np), 0)
            return _source(kind, np, match.group("cue") or match.group("cue2"), start)
    before = _masked(text[sentence.start : quote.start], [], sentence.start) if sentence.start < quote.start else ""
    match = _SPEAKER_BEFORE.search(before)
    if match:
        np = _backward_np(before[: match.start()])
        kind = classify(np, text)
        if kind:
            return _source(kind, np, match.group("cue"), sentence.start + max(before.find(np), 0))
    return Source()
