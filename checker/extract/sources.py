"""Find who a sentence or quotation attributes its figures to, with patterns (no model).

Cues: "X said", "said X", "according to X", "X told reporters", "in a statement", "X reports", "figures from X";
vague cues: "sources said", "reportedly", "reports suggest", "this piece of news". The name is the noun phrase
next to the cue, classified as person, organisation, document or vague.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.models import Source, SourceKind, Span

_NP_CHAR = r"(?:(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Prof|Sgt|Lt)\.|[^.;:!?“”\"])"
_VERBS = (
    r"said|says|say|told|tells|reported|reports|announced|announces|stated|states|confirmed|confirms|estimated|"
    r"estimates|explained|explaining|explains|added|adds|claimed|claims|insisted|insists|warned|warns|noted|notes|"
    r"wrote|writes|concluded|argued|argues|revealed|reveals|disclosed|testified|alleged|acknowledged|admitted|"
    r"put the (?:death )?toll at|put the number at|briefed|told reporters|told journalists|told the \w+"
)
_INVERTED = re.compile(
    rf"\b(?P<cue>said|says|told|added|explained|concluded|noted|insisted|warned|wrote)\s+"
    rf"(?P<np>(?:the|a|an|[A-Z]){_NP_CHAR}*)"
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
    "brigade|embassy|observatory|red cross|red crescent|un|who|unicef|nhs|fbi|icrc|corporation|inc|ltd|plc"
)
DOCUMENTS = "statement|report|study|survey|census|data|figures|filing|document|records|bulletin|release|tally|audit"
VAGUE_HEADS = (
    r"sources?|reports?|news|media|rumou?rs?|officials?|people|they|some|observers|insiders|accounts?|"
    r"social media|piece of news|the news|local media|media reports|witnesses|residents|it"
)

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


def classify(name: str) -> SourceKind | None:
    """The kind of a source noun phrase, or None when it names nothing a figure could come from."""
    text = name.strip().strip(",").strip()
    if not text:
        return None
    lower = text.lower()
    if lower in ("he", "she"):
        return SourceKind.PERSON  # a pronoun points back to someone the story has named
    bare = re.sub(r"^(?:the|a|an|this|that|these|those|some|several|unnamed|anonymous|local|other|many)\s+", "", lower)
    unnamed = re.fullmatch(rf"(?:\w+\s+)?(?:{VAGUE_HEADS})", bare) and not re.search(r"\b[A-Z][a-z]", text[1:])
    if unnamed and (not re.search(rf"\b(?:{ORGS})\b", bare) or bare in ("officials", "official")):
        return SourceKind.VAGUE
    if re.search(rf"\b(?:{ROLES})s?\b", lower) or re.search(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Sgt)\.?\s+[A-Z]", text):
        return SourceKind.PERSON
    if re.search(rf"\b(?:{DOCUMENTS})\b", lower):
        return SourceKind.DOCUMENT
    if re.search(rf"\b(?:{ORGS})\b", lower) or re.search(r"\b[A-Z]{2,}\b", text):
        return SourceKind.ORGANISATION
    if re.fullmatch(r"[A-Z][\w'’-]+(?:\s+(?:al-|bin |de |van |von )?[A-Z][\w'’-]+)+", text):
        return SourceKind.PERSON
    return None


_ING_ADJECTIVES = (
    "acting|leading|ruling|governing|outgoing|incoming|managing|presiding|sitting|serving|reigning|standing|"
    "visiting|building|planning|funding|housing|polling|policing|nursing|shipping|banking|mining|morning|evening|"
    "king|thing|something|nothing|anything|everything|during"
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
    return re.sub(r"\s+(?:also|later|earlier|separately|however)$", "", np).strip()


def _masked(text: str, quotes: list[Span], offset: int) -> str:
    """``text`` with quoted passages blanked, so a cue inside a quotation is not taken for attribution."""
    chars = list(text)
    for q in quotes:
        for i in range(max(q.start, offset), min(q.end, offset + len(text))):
            chars[i - offset] = " "
    return "".join(chars)


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
        kind = classify(np) or (SourceKind.VAGUE if np else None)
        if kind:
            cue = match.group("cue")
            if cue.lower().startswith(("data", "figures", "statistics", "a report")) and kind is not SourceKind.VAGUE:
                kind = SourceKind.DOCUMENT  # "figures from the census": the document is the source
            candidates.append((match.start(), _source(kind, np, cue, sentence.start + match.start("np"))))
    for match in _INVERTED.finditer(body):
        np = _forward_np(match.group("np"))
        kind = classify(np)
        if kind:
            candidates.append(
                (match.start(), _source(kind, np, match.group("cue"), sentence.start + match.start("np")))
            )
    for match in _BACKWARD.finditer(body):
        np = _backward_np(body[: match.start()])
        kind = classify(np)
        if kind:
            at = body.find(np)
            candidates.append((match.start(), _source(kind, np, match.group("cue"), sentence.start + max(at, 0))))
    if not candidates:
        return None
    # Prefer a named source over a vague one when a sentence has both ("police said, citing reports").
    named = [c for c in candidates if c[1].kind is not SourceKind.VAGUE]
    return min(named or candidates, key=lambda c: c[0])[1]


def _source(kind: SourceKind, name: str, cue: str, start: int) -> Source:
    span = Span(start, start + len(name.strip())) if name.strip() else None
    return Source(kind, " ".join(name.split()), " ".join(cue.split()), span)


_SPEAKER_AFTER = re.compile(
    rf"^[\s,]*(?:(?P<cue>said|says|told \w+|added|concluded|explained|insisted|warned|noted|wrote|asked)\s+"
    rf"(?P<np>{_NP_CHAR}+)|(?P<np2>[^.;:!?“”\",]+?)\s+(?P<cue2>said|says|added|told \w+|concluded))",
)
_SPEAKER_BEFORE = re.compile(rf"(?P<cue>{_VERBS})\b[^.!?“”\"]{{0,80}}?[:,]?\s*(?:that\s*)?$")


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
        np = _forward_np(match.group("np") or match.group("np2") or "")
        kind = classify(np)
        if kind:
            start = quote.end + (match.start("np") if match.group("np") else match.start("np2"))
            return _source(kind, np, match.group("cue") or match.group("cue2"), start)
    before = text[sentence.start : quote.start] if sentence.start < quote.start else ""
    match = _SPEAKER_BEFORE.search(before)
    if match:
        np = _backward_np(before[: match.start()])
        kind = classify(np)
        if kind:
            return _source(kind, np, match.group("cue"), sentence.start + max(before.find(np), 0))
    return Source()
