"""Find who a sentence or quotation attributes its figures to, with patterns (no model).

Cues: "X said", "said X", "according to X", "X told reporters", "in a statement", "X reports", "figures from X";
vague cues: "sources said", "reportedly", "reports suggest", "this piece of news". The name is the noun phrase
next to the cue, classified as person, organisation, document or vague.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import rtoml

from checker import lazy_re
from checker.models import Source, SourceKind, Span
from checker.wordgroups import grouped, opening_chars, prefiltered

# read next to the package, not through importlib.resources (which imports tempfile, shutil and zipfile: ~10 ms);
# with rtoml, not tomllib (~1 ms to import and read, against ~5: tests/unit/test_data_files.py compares them)
_WORDS = rtoml.loads((Path(__file__).parents[1] / "data" / "attribution.toml").read_text(encoding="utf-8"))


def _alternatives(key: str, after: str = "") -> str:
    """A word list of ``checker/data/attribution.toml`` as regular-expression alternatives (grouped by first
    letter: the same matches, faster to search), to follow the list ``after`` when one is named. An item the list
    gives twice, or ``after`` gives already, is left out: it would be tried only where its first copy failed, in
    the same place, so it never matches (and a pattern is compiled at ~0.7 µs a character)."""
    before = set(_WORDS[after]) if after else set()
    return grouped([item for item in dict.fromkeys(_WORDS[key]) if item not in before])


# the newsroom severity policy's events (read by checker/rules/attribution.py)
SOURCE_EXPECTED_EVENTS = frozenset(_WORDS["source_expected_events"])
# a quotation in one person's voice ("I tried…", "…matters so much to me"), read by patterns.py
FIRST_PERSON = lazy_re.compile(rf"\b(?:{_alternatives('first_person_singular')})\b")
VAGUE_SOURCE_EVENTS = frozenset(_WORDS["vague_source_events"])
PEOPLE_EVENTS = frozenset(_WORDS["people_events"])
# a poll, survey, study or report named near a figure with no source (read by checker/rules/attribution.py)
STUDY = lazy_re.compile(rf"\b(?:{_alternatives('study_nouns')})\b", re.IGNORECASE)
# a full stop inside a name does not end it: "Gov. Kasich", "F.A.A. records", "U.S. Census data"
_NP_CHAR = (
    r"(?:(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Prof|Sgt|Lt|Gov|Sen|Rep|Rev|Capt|Maj|Det|Insp|Supt|Jr|Sr)\.|(?<![A-Za-z])[A-Z]\.(?=[A-Z])"
    r"|(?<=\.[A-Z])\.|[^.;:!?“”\"])"
)
_SPEECH = _alternatives("speech_verbs")
_VERBS = f"{_alternatives('reporting_verbs')}|{_alternatives('speech_verbs', after='reporting_verbs')}"
# any speech verb, read by checker/rules/attribution.py (a quotation whose sentence goes on to one has a speaker)
SPEECH_VERB_PATTERN = rf"\b(?:{_SPEECH})\b"
SPEECH_VERB = lazy_re.compile(SPEECH_VERB_PATTERN)
# Verbs whose object follows them ("told reporters", "accused the committee of", "urged voters"), and words that
# say when ("said Tuesday morning that"): neither is the speaker after an inverted verb.
_OBJECT_VERBS = r"(?:told|tells|accused|accuses|urged|urges|asked|asks|criticised|criticized|described|describes)\b"
_WHEN_WORDS = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|last|on|in|at|earlier|"
    r"later|recently|this)\b"
)
# "…, said the mayor": only after a comma, a quotation or at the start, so "Price said the bank had…" is not
# read as the bank speaking. "told X" names the listener, never the speaker.
_INVERTED = lazy_re.compile(
    rf"(?:^|,)['’\"”]*\s*(?!{_OBJECT_VERBS})(?P<cue>{_SPEECH})\s+"
    rf"(?!{_WHEN_WORDS})(?P<np>(?:(?:the|a|an)\b|(?=[A-Z])){_NP_CHAR}+)"  # a capital only looked at: "Dr." stays whole
)
_FORWARD = lazy_re.compile(
    r"\b(?P<cue>according (?:to|with)|citing|(?:as )?reported by|data from|figures from|statistics from|"
    r"figures (?:released|published) by|a report by|a statement from|a statement by|attributed to)\s+"
    rf"(?P<np>{_NP_CHAR}+)",
    re.IGNORECASE,
)
_FINITE = lazy_re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|could|can)\s")
_BACKWARD = re.compile(rf"\b(?P<cue>(?:{_VERBS})(?:\s+in\s+a\s+statement)?)\b")
# A verb the lists lack that takes a clause with "that" says, finds or rules what the clause holds: "the judge ruled
# that", "an aide later clarified that", "the mayor is declaring that" (past or progressive: "-s that" is as often a
# plural noun's relative clause, "the records that show"); its subject is named as a reporting verb's is
# What someone is said to hold, named by a noun: "the campaign's earlier claim that", "his prediction a year ago that":
# the holder is the source of the clause ("his" stands for the person the story named before it)
_HELD_THAT = lazy_re.compile(
    r"(?:\b(?P<owner>(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}[\w.-]+)['’]s?|\b(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir))\s+(?:[a-z-]+\s+){0,2}?"
    r"(?P<cue>claims?|assertions?|predictions?|arguments?|contention|estimates?|forecasts?|promises?|pledges?)"
    r"\s+(?:(?:in|on|at|from)\s+\w+\s+|an?\s+\w+\s+ago\s+)?(?=that\b)"
)
# a word every match of _HELD_THAT holds (its cues, case as it has them): a sentence with none is not searched
_HELD_CUES = ("claim", "assertion", "prediction", "argument", "contention", "estimate", "forecast", "promise", "pledge")
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_VERB_THAT_CLAUSE = lazy_re.compile(r"\b(?P<cue>[a-z]+ed|(?:is|are)\s+[a-z]+ing)(?=\s+that\b)")
_VAGUE_CUES = lazy_re.compile(
    r"\b(?P<cue>reportedly|it (?:is|was) (?:reported|understood|believed|thought|claimed)|reports (?:suggest|said|say|"
    r"indicate)|(?:some |unnamed |anonymous )?sources (?:said|say|told|claim|suggest)|(?:is|are|was|were) said to|"
    r"unconfirmed reports|rumou?rs? (?:suggest|say|said|are|were|that)|according to (?:reports|sources|some)|"
    r"word on the street)\b",
    re.IGNORECASE,
)

ROLES = _alternatives("roles")
# a perpetrator's epithet (read by checker/extract/patterns.py and checker/rules/attribution.py)
PERPETRATORS = _alternatives("perpetrators")
ORGS = _alternatives("organisations")
# court papers and official results are documents, not vague sources ("according to the indictment")
DOCUMENTS = _alternatives("documents")
VAGUE_HEADS = _alternatives("vague_heads")
# Unnamed experts are vague whatever institution they work in: "analysts say", "hospital managers say privately".
GENERIC_EXPERTS = _alternatives("generic_experts")

_INTRO = re.compile(
    r"^(?:on|in|at|earlier|later|meanwhile|separately|however|also|then|after|before|during|yesterday|today|"
    r"last|this|in addition|moreover|but|and)\b[^,]*,\s*",
    re.IGNORECASE,
)
_VERBISH = lazy_re.compile(
    r"\s(?:gave|has|had|have|was|were|is|are|held|made|met|went|spoke|issued|released|published|put|also|"
    r"later|earlier|on|in a|who|which|that|near)\b.*$",
    re.IGNORECASE,
)
# "The poll, released on Wednesday by the institute, showed": a participle after the name is an aside
_APPOSITIVE = re.compile(
    r"^(?:near|who|which|whose|based|himself|herself|itself|also|however|too|released|published|conducted|citing|"
    r"commissioned|carried out|issued)\b",
    re.IGNORECASE,
)
# "Ms. Moss, in a short interview on Tuesday, said": where the speaker spoke, not who
_OCCASION = re.compile(r"^(?:in|on|at|during|speaking|writing|interviewed)\s+(?:an?|the|his|her|their)\b", re.I)
_ADVERB_ONLY = re.compile(
    r"^(?:also|later|earlier|separately|however|too|again|then|now|for instance|for example|in fact|though)?$",
    re.IGNORECASE,
)


_PRONOUNS = ("he", "she", "it", "they", "we")
# "sources close to the investigation", "people familiar with the deal": the anonymous-source formulas.
_ANONYMOUS = re.compile(
    r"^(?:[\w-]+\s+){1,3}(?:close to|familiar with|with (?:direct )?knowledge of|briefed on|involved in)\b"
)
# "some economists", "several witnesses", "many exit polls": an unnamed, indefinite group.
_INDEFINITE = re.compile(r"^(?:some|several|many|various|other|few)\s+(?!of\b)\w")
_NOT_NAMES = {"it", "they", "this", "that", "these", "those", "he", "she", "we", "there", "the", "a", "an"}


# classify's and _named_kind's patterns, compiled once: as strings they were looked up in re's cache (and the word
# lists' f-strings built) at every call, a few per sentence
_DIGIT = lazy_re.compile(r"\d")
_YEAR = lazy_re.compile(r"\b(?:19|20)\d\d\b")
_NAMED = lazy_re.compile(r"\b[A-Z][a-z]|\b[A-Z]{2,}\b")
_CAPITAL = lazy_re.compile(r"[A-Z]")
_GENERIC_EXPERT = lazy_re.compile(rf"(?:\w+\s+){{0,2}}(?:{GENERIC_EXPERTS})")
_DETERMINER = lazy_re.compile(r"^(?:the|a|an|this|that|these|those|some|several|unnamed|anonymous|local|other|many)\s+")
_POSSESSIVE = lazy_re.compile(r"(?:its|their|his|her|our)\b|(?:the\s+)?\S+['’]s\b")
_VAGUE_HEAD = lazy_re.compile(rf"(?:\w+\s+){{0,2}}(?:{VAGUE_HEADS})")
_ORG = lazy_re.compile(rf"\b(?:{ORGS})\b")
_ROLE = lazy_re.compile(rf"\b(?:{ROLES})s?\b")
_TITLE = lazy_re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Sgt)\.?\s+[A-Z]")
_DOCUMENT = lazy_re.compile(rf"\b(?:{DOCUMENTS})s?\b")
_ACRONYM = lazy_re.compile(r"\b[A-Z]{2,}\b")


@functools.lru_cache(maxsize=4096)  # pure, and asked again for the same phrase of a draft
def classify(name: str, document: str = "") -> SourceKind | None:
    """The kind of a source noun phrase, or None when it names nothing a figure could come from.

    ``document`` is the whole text, to recognise a surname standing alone ("Kim said") by its full name.
    """
    text = name.strip().strip(",").strip()
    # a year or a date names when, not who: "another Pew study from 2011", "A Field Poll … in May 2015"
    if not text or _DIGIT.search(_YEAR.sub("", text)):
        return None  # "the count stood at 38 confirmed": a clause with a figure in it names no one
    lower = text.lower()
    if lower in ("he", "she", "we", "i"):
        return SourceKind.PERSON  # a pronoun points back to someone the story has named; "we", "I": the speaker's
    named = bool(_NAMED.search(text[1:]))  # "a TUC report", "CEA analysts"
    if not named and (_ANONYMOUS.match(lower) or _INDEFINITE.match(lower)):
        return SourceKind.VAGUE
    anonymous = _ANONYMOUS.match(lower)
    if anonymous and not _CAPITAL.search(text, 1, anonymous.end()):
        return SourceKind.VAGUE  # "a person familiar with the plans for Monday's summit": unnamed all the same
    if not named and _GENERIC_EXPERT.fullmatch(lower):
        return SourceKind.VAGUE
    bare = _DETERMINER.sub("", lower)
    # "its annual report", "the ministry's figures": a possessive makes the source specific
    possessive = _POSSESSIVE.match(lower)
    unnamed = _VAGUE_HEAD.fullmatch(bare) and not named and not possessive
    if unnamed and (not _ORG.search(bare) or bare in ("officials", "official")):
        return SourceKind.VAGUE
    return _named_kind(text, lower) or _proper_name_kind(text, document)


def _named_kind(text: str, lower: str) -> SourceKind | None:
    """A source named by what it is: a role (person), a document, an organisation."""
    if _DOCUMENT.fullmatch(lower.rsplit(None, 1)[-1]) and not _TITLE.search(text):
        return SourceKind.DOCUMENT  # "the Harbour/Economist survey", "the director's report": the document it ends on
    if _ROLE.search(lower) or _TITLE.search(text):
        return SourceKind.PERSON
    if _DOCUMENT.search(lower):
        return SourceKind.DOCUMENT
    if _ORG.search(lower) or _ACRONYM.search(text):
        return SourceKind.ORGANISATION
    return None


_NAME = r"[A-Z][\w'’-]+(?:\s+(?:al-|bin |de |van |von )?[A-Z][\w'’-]+)+"
_NAME_RE = lazy_re.compile(_NAME)
_NAME_AT_END = lazy_re.compile(rf"{_NAME}$")
_THE_NAME = lazy_re.compile(rf"the\s+{_NAME}", re.IGNORECASE)
_DESCRIBED_NAME = lazy_re.compile(rf"(?:[a-z][\w'’-]*\s+){{1,3}}{_NAME}")
_SURNAME = lazy_re.compile(r"[A-Z][a-z][\w'’-]*")


# names joined by "&": a firm's name ("Smith & Jones", "M&S", "the auditors Hale & Marsh"), as ``_TRAILING_NAME``
# reads one in a longer phrase; a description before it, not a phrase it ends ("The move by Johnson & Johnson")
_AMPERSAND_NAME = lazy_re.compile(
    r"(?:[Tt]he\s+)?(?:(?!(?:by|of|from|with|for|at|in|on|to|and|or)\s)[a-z][\w'’-]*\s+){0,3}[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:\s*&\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)+"
)


def _proper_name_kind(text: str, document: str) -> SourceKind | None:
    """A source named by its proper name: "Ana Silva", "parent Jon Berg", "the Alderton Courier", "Kim"."""
    if _NAME_RE.fullmatch(text):
        return SourceKind.PERSON
    if "&" in text and _AMPERSAND_NAME.fullmatch(text):
        return SourceKind.ORGANISATION
    if _THE_NAME.fullmatch(text) and text[4:5].isupper():
        return SourceKind.ORGANISATION  # "the Armed Conflict Monitor": a name with an article is an institution
    if _DESCRIBED_NAME.fullmatch(text):
        return SourceKind.PERSON  # "parent Jon Berg", "fan Tomasz Nowak": a description, then the name
    # A surname alone ("Kim said") is a person the story has named in full ("Rachel Kim").
    surname = _SURNAME.fullmatch(text) and text.lower() not in _NOT_NAMES
    if surname and text in _surnames(document):
        return SourceKind.PERSON
    return None


_TRAILING_NAME = lazy_re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*(?:\s+(?:&\s+|of\s+)?[A-Z][\w'’.-]*)+$")
_GENERIC = lazy_re.compile(
    r"(?:(?:the|a|an|one|its|their|his|her|our)\s+)?(?:[A-Za-z][\w'’&.-]*\s+){0,4}[A-Za-z][\w'’.-]*"
)
_NOT_SPEAKERS = frozenset(_WORDS["not_speakers"])
_AGED = lazy_re.compile(r"\b\d{1,3}-year-old\b")
_YOUNG = lazy_re.compile(r"^young\s+(?=[A-Z])")
_NUMBERED_NAME = lazy_re.compile(r"\b([A-Z][\w'’-]*\s+)\d+\b")
_ONE = lazy_re.compile(r"^(?i:one)\s+(?!of\b)(?=[a-z]|[A-Z][a-z]+(?:\s|$))")
_ROLE_AND_NAME = lazy_re.compile(rf"\b(?i:{ROLES})\s+{_NAME}$")
_NAME_AT_WORK = lazy_re.compile(
    rf"(?:(?:[a-z]+|[A-Z][a-z]{{1,3}}\.)\s+){{0,2}}(?P<who>{_NAME})\s+(?:at|of|from|with|for)\s+(?:the\s+)?[A-Z]"
)
# a year describing a person: "a 2008 campaign veteran", "the 2012 nominee"
_YEAR_DESCRIBES = lazy_re.compile(r"^((?i:a|an|the)\s+)(?:19|20)\d\d\s+(?=[A-Za-z])")
_DEMONSTRATIVE_OWNER = lazy_re.compile(r"^(?i:that|this|these|those)\s+(?=[\w-]+(?:['’]s|s['’])\s)")
_ORG_OR_DOCUMENT = lazy_re.compile(rf"\b(?:{ORGS}|{DOCUMENTS})\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)  # pure, and asked again for the same phrase of a draft
def speaker_kind(name: str, document: str = "") -> SourceKind | None:
    """The kind of the subject of a speech verb ("the coroner said", "Firefighters said", "Reuters reported"):
    whatever ``classify`` makes of it, else a person or a group of people, when it is a short noun phrase."""
    text = _AGED.sub("young", name.strip().strip(",").strip())  # "the 30-year-old"
    text = _YOUNG.sub("", text)  # "19-year-old Simpson"
    text = _NUMBERED_NAME.sub(r"\1N", text)  # "Channel 5", "Radio 4": a name with a number
    text = _YEAR_DESCRIBES.sub(r"\1", text)
    # "that county's clerk", "this city's assessor": a demonstrative before a possessive is its determiner (not
    # the conjunction or pronoun that no speaker starts with)
    text = _DEMONSTRATIVE_OWNER.sub("the ", text)
    # "One backbencher said", "one Republican involved in the planning said": one of them, unnamed
    text = _ONE.sub("a ", text)
    if _DIGIT.search(text) and _ROLE_AND_NAME.search(text):
        return SourceKind.PERSON  # "Fight for $20 organizing director Ana Ruiz": a role and a name end it
    where = _NAME_AT_WORK.match(text)
    if where and not _ORG_OR_DOCUMENT.search(where.group("who")):
        # "Ian Hunter at Goodbody Stockbrokers", "Demographer Tomas Ekberg of Vellin University": a name and where
        # they work ("Royal Bank of Scotland" is the bank)
        return SourceKind.PERSON
    kind = classify(text, document)
    if kind is not None or not _GENERIC.fullmatch(text) or _DIGIT.search(text):
        return kind  # (a year is no word of _GENERIC: "the 2011 study" is classify's to name)
    words = text.split()
    if len(words) > 5:  # "The region's largest freight carrier Hale & Marsh": the name at the end
        tail = _TRAILING_NAME.search(text)
        return SourceKind.ORGANISATION if tail and len(tail.group(0).split()) >= 2 else None
    if words[0].lower() in _NOT_SPEAKERS or words[-1].lower() in _NOT_SPEAKERS | _NOT_NAMES:
        return None
    head = words[-1]
    if head.islower() and head.endswith("s") and not head.endswith("ss"):
        return SourceKind.ORGANISATION  # "firefighters", "the rescuers": a group speaks as one
    return SourceKind.PERSON


# a capitalised word and the one after it: r"\b[A-Z][\w'’-]+\s+(?=([A-Z][\w'’-]+)\b)" with the capital first and
# its \b looked back at, so that the engine skips to the capitals (half the time over a draft)
_FULL_NAME = lazy_re.compile(r"[A-Z](?<=\b[A-Z])[\w'’-]+\s+(?=([A-Z][\w'’-]+)\b)")


@functools.lru_cache(maxsize=8)
def _surnames(document: str) -> frozenset[str]:
    """Words that follow another capitalised word somewhere in the draft: the surnames of full names."""
    return frozenset(m.group(1) for m in _FULL_NAME.finditer(document))


_ING_ADJECTIVES = (
    "acting|leading|ruling|governing|outgoing|incoming|managing|presiding|sitting|serving|reigning|standing|"
    "visiting|building|planning|funding|housing|polling|policing|nursing|shipping|banking|mining|morning|evening|"
    "king|thing|something|nothing|anything|everything|during|sentencing|closing|opening|briefing|training|"
    "marketing|accounting|engineering|operating|consulting|broadcasting|publishing|rating|ratings|polling"
)


_FORWARD_END = lazy_re.compile(
    r"\s+(?:show|shows|showed|shown|suggest|suggests|suggested|indicate|indicates|indicated|put|puts)\b"
    r"|(?<!\ba)(?<!\ban)(?<!\bthe)\s+\d(?![\d]*-year-old)"
    # not a year describing the speaker: "said a 2008 campaign veteran"
    r"|(?:(?<=\ba)|(?<=\ban)|(?<=\bthe))\s+(?!(?:19|20)\d\d\s+[A-Za-z])\d(?![\d]*-year-old)"
)
# a word in -ing opens a clause ("according to the group, citing…", "the firm predicting…"), unless a determiner
# stands before it and a noun after it, which it describes ("according to the motoring group RoadWise"; not
# "…, tweeted a warning": a noun in -ing ending the phrase is no speaker)
_ING_WORD = rf"(?=(?!{_ING_ADJECTIVES})[a-z]+ing\b)"
_FORWARD_CLAUSE = lazy_re.compile(
    r",\s+(?![A-Z][a-z])|\s+(?:that|who|which|when|while|as)\s+"
    rf"|(?<!\b[Tt]he)(?<!\b[Aa])(?<!\b[Aa]n)(?<!\b[Ii]ts)(?<!\b[Tt]heir)\s+{_ING_WORD}"
    rf"|\s+{_ING_WORD}(?![a-z]+ing\s+[\w'’-])"
)


@functools.lru_cache(maxsize=4096)  # pure, and asked again for the same phrase of a draft
def _forward_np(text: str) -> str:
    """Noun phrase after a cue: up to a comma that is not followed by a capitalised name."""
    text = _FORWARD_END.split(text, maxsplit=1)[0]
    np = _FORWARD_CLAUSE.split(text, maxsplit=1)[0]
    return np.strip().rstrip(",;").strip()


_DESCRIPTOR = re.compile(r"(?:a|an|the|his|her|its|their)\s+[a-z]")
# An opening phrase with no comma before a named subject: "In a statement released on Tuesday Lady Hale"
_OPENER_NAME = re.compile(
    rf"(?i:in|on|at|after|before|during|speaking|writing|earlier|later|last|yesterday|today)\b.*\s({_NAME})"
)


# a US politician's party and state after the name ("Mitch McConnell, R-Ky., said"), and a verb's auxiliary with its
# adverbs after an appositive ("Trump, the front-runner, has repeatedly promised"): neither is the subject
_PARTY_TAG = lazy_re.compile(r"[RDI]-[A-Z][\w.]*")
_PARTY_TAG_AFTER = lazy_re.compile(r"(?<=,\s)[RDI]-[A-Z][\w.]*(?=,)")
_AUXILIARY_ONLY = lazy_re.compile(
    r"(?:has|have|had|is|are|was|were|will|would|could|can|may|might)(?:\s+(?:\w+ly|also|since|now|then|already|still|"
    r"long|not|never|again))*"
)
_ASIDES = lazy_re.compile(
    r"\s*\([^()]*\)|\s+[-–—]\s+[^-–—]*\s+[-–—](?=\s)"
    r"|(?<=\w)[–—](?=\w)[^–—]{2,100}(?<=\w)[–—]"  # unspaced: "As the Ledger—no friend of the mayor—observed"
)
_ASIDE_MARKS = "(-–—"  # what every match of _ASIDES holds
_AGE_ONLY = lazy_re.compile(r"(?:then |now |aged )?\d{1,3}")
_ROLE_FIRST = lazy_re.compile(rf"(?:{ROLES})\b")
_RELATIVE_WORD = lazy_re.compile(r"\b(?:in which|of which|which|whom|where)\s+")
_DASHES = lazy_re.compile(r"\s+[-–—]+\s+")
_CONJUNCTION = lazy_re.compile(r"^(?:and|but|yet|so)\s+")
_SUBORDINATOR = lazy_re.compile(r"^(?:while|whereas|although|though|because|since|if|as|when|until|unless)\s+", re.I)
_PRONOUN_END = lazy_re.compile(r"(?:^|\s)(it|they|he|she|we|I)$", re.IGNORECASE)
_AUXILIARY_END = lazy_re.compile(
    r"\s+(?:has|have|had|will|would|could|can|may|might|also|later|then|has also|have also)$"
)
_ADVERB_END = lazy_re.compile(r"\s+(?:also|later|earlier|separately|however)$")


@functools.lru_cache(maxsize=4096)  # pure, and asked again for the same phrase of a draft
def _backward_np(text: str) -> str:
    """Noun phrase before a cue: the subject of the clause, without intro phrases, asides and appositives."""
    text = text.strip()
    if any(mark in text for mark in _ASIDE_MARKS):  # (most phrases have no aside: not searched)
        text = _ASIDES.sub("", text)  # asides
        if text.startswith("(") and ")" not in text:
            text = text[1:]  # "(Ledger estimates its users at 100 million.)": a sentence in brackets
    text = _INTRO.sub("", text)
    segments = [s.strip() for s in text.split(",")]
    while segments and (
        _ADVERB_ONLY.match(segments[-1])
        or _APPOSITIVE.match(segments[-1])
        or _AGE_ONLY.fullmatch(segments[-1])
        or _PARTY_TAG.fullmatch(segments[-1])
        or _AUXILIARY_ONLY.fullmatch(segments[-1])
        or (len(segments) > 1 and _OCCASION.match(segments[-1]))
    ):
        segments.pop()  # "the singer's brother Paul, 44, said": the age is not the speaker
    if not segments:
        return ""
    descriptor = (_DESCRIPTOR.match(segments[-1]) or segments[-1][:1].islower()) and segments[-1] not in _PRONOUNS
    if len(segments) > 1 and descriptor and _NAME_AT_END.search(segments[-2]):
        return segments[-2]  # "Marie Dubois, an engineer, said": the name, not the description
    if len(segments) > 1 and _ROLE_FIRST.match(segments[-1]) and _NAME_RE.fullmatch(segments[-2]):
        return segments[-2]  # "Marie Dubois, an engineer, said": the name, not the description
    last = _RELATIVE_WORD.split(segments[-1])[-1]  # "in which organizers said"
    last = _DASHES.split(last)[-1]  # "…is eroding her lead — a Daily Ledger/Harbour FM poll showed"
    opener = _OPENER_NAME.fullmatch(last)
    if opener:
        return opener.group(1)  # "In a statement released on Tuesday Lady Hale said:": the name ends the opener
    np = _VERBISH.sub("", " " + last).strip() if len(last.split()) > 3 else last
    np = _CONJUNCTION.sub("", np)  # ", and party officials said": the subject of a new clause
    # "While Hurun says…", "because the union said…": the subordinator is not part of the subject
    np = _SUBORDINATOR.sub("", np)
    pronoun = _PRONOUN_END.search(np)
    if pronoun:
        return pronoun.group(1)  # "Last month it said", "I think it shows": the pronoun is the subject
    np = _AUXILIARY_END.sub("", np)
    return _ADVERB_END.sub("", np).strip()


# A wire dateline opening the first paragraph: "NEW YORK, Jan 17 (Wire) - ", "LONDON (Reuters) — ".
# "OSLO, June 3 (Wire) -", "KESTRA, Valdonia (AFP) —", "TORVIK, Norland, Jan. 9 —": a city in capitals, then a
# country or state, a date and an agency, at least one of them (so "UK-based firms said" is no dateline).
DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][a-z][\w.'’]*(?:\s+[A-Z][a-z][\w.'’]*){0,2}(?=[,\s]))?"
    r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}\b)?\s*(?:\([^()]{1,30}\))?(?<=[a-z\d)])\s*[-–—]+\s+"
)


def _masked(text: str, quotes: list[Span], offset: int) -> str:
    """``text`` with quoted passages and a dateline blanked: neither holds the sentence's attribution."""
    if not quotes and not DATELINE.match(text):
        return text  # most sentences: nothing to blank, no copy character by character
    chars = list(text)
    for q in quotes:
        low, high = max(q.start, offset) - offset, min(q.end, offset + len(text)) - offset
        if low < high:
            chars[low:high] = " " * (high - low)  # a slice at once, not a character at a time
    dateline = DATELINE.match(text)
    if dateline:
        chars[: dateline.end()] = " " * dateline.end()
    return "".join(chars)


# The speech verbs looked up as words: each list item that is plain words (most of them) under its first letter,
# the others (a lookahead, alternatives: "added(?!…)", "(?:is|are|was|were) (?:saying|…)") as patterns. A pattern
# with the whole list inside costs ~1.5 ms to compile (~0.7 µs a character), for each context it is put in;
# ``_speech_cue`` and ``_closes`` ask only whether some item fits where they look, which the words answer without
# compiling anything (tests/unit/test_verb_lists.py holds both to the patterns they replace, on the corpora).
_SPEECH_ITEMS = list(dict.fromkeys(_WORDS["speech_verbs"]))
_SPEECH_WORDS: dict[str, tuple[str, ...]] = {}
for _word in (item for item in _SPEECH_ITEMS if item.isascii() and item.replace(" ", "").isalpha()):
    _SPEECH_WORDS[_word[0]] = (*_SPEECH_WORDS.get(_word[0], ()), _word)
_SPEECH_PATTERNS = "|".join(item for item in _SPEECH_ITEMS if item not in _SPEECH_WORDS.get(item[0], ()))
_OTHER_SPEECH = lazy_re.compile(rf"(?:{_SPEECH_PATTERNS})")
# A speech verb that is also a plural noun ("unconfirmed reports", "his claims") names a speaker only when
# ``classify`` knows what its subject is.
_NOUN_VERB = lazy_re.compile(r"(?:reports|claims|notes|comments|estimates|states|forecasts|replies|counters|posts)\b")


def _speech_cue(text: str, at: int = 0) -> bool:
    """A speech verb starts at ``at`` (any item, whatever follows it), and not one of the plural nouns above: what
    ``re.compile(rf"(?!{_NOUN_VERB})(?:{_SPEECH})").match(text, at)`` finds, without compiling the list."""
    words = _SPEECH_WORDS.get(text[at : at + 1])
    speech = (words is not None and text.startswith(words, at)) or _OTHER_SPEECH.match(text, at) is not None
    return speech and _NOUN_VERB.match(text, at) is None


# ... but one of them between a subject and the clause it says is the verb: "The founder claims her stake is worth",
# "Ledger estimates the deficit at", "the paper notes the government" (not "his claims that", "media reports say")
_NOUN_AS_VERB = lazy_re.compile(
    r"(?:reports|claims|notes|estimates|forecasts)(?=\s+(?:that|he|she|it|they|his|her|its|their|the|a|an|[A-Z]\w*)\b)"
)
_DETERMINED_NOUN = lazy_re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|these|those|such|some|many|news|media|press|police|unconfirmed)"
    r"|['’]s?)\s+$",
    re.IGNORECASE,
)


def _noun_as_verb(body: str, at: int) -> bool:
    """ "reports", "claims", "estimates" … at ``at`` is a verb: a clause follows it and no determiner comes before."""
    return bool(_NOUN_AS_VERB.match(body, at)) and not _DETERMINED_NOUN.search(body, max(0, at - 16), at)


# "a decision that could be announced", and the participle as an adjective: "lost an estimated $3.2 billion"
_PASSIVE = lazy_re.compile(
    r"\b(?:be|been|being|is|are|was|were|could|would|will|may|might|to|an?|the)\s+$", re.IGNORECASE
)
# "Advisers to Ms. Vell are quick to point out that…", "he was at pains to stress": the subject speaks all the same
_KEEN_TO = lazy_re.compile(r"\b(?:quick|eager|keen|careful|anxious|at pains|went on|hastened)\s+to\s+$")
_RELATIVE = lazy_re.compile(r"\b(?:who|which|that)\s+(?:(?:also|has|had|have|\w+ly)\s+){0,3}$", re.IGNORECASE)


def _last_words(text: str, words: int) -> int:
    """Where the last ``words`` words of ``text`` (split at whitespace) begin, or 0: a pattern anchored at the end
    that spans at most that many words matches from there on if at all (``\\s`` and ``str.split`` agree on
    whitespace; a search from there still sees the character before)."""
    head = text.rsplit(None, words)
    return len(head[0]) if len(head) > words else 0


def _relative_or_passive(before: str) -> bool:
    """``_RELATIVE`` or ``_PASSIVE`` (not after ``_KEEN_TO``) found in the lead of a verb: the two end there and span
    at most four words and one, so they are searched from there, not from every word of the lead."""
    if prefiltered(_RELATIVE).search(before, _last_words(before, 4)):
        return True
    return bool(prefiltered(_PASSIVE).search(before, _last_words(before, 1))) and not _KEEN_TO.search(before)


_SHOWS = lazy_re.compile(
    r"\b(?:show|shows|showed|shown|suggest|suggests|suggested|indicate|indicates|indicated|found|finds|find|"
    r"gives|gave)\b"  # "The latest Harbour Wire tally gives her 1,140 delegates"
)
# a document named right before a participle that says what it shows is the source of its sentence: "with a Harbour
# Post poll giving Moss a 12-point edge", "found ledgers showing she was paid $3.1m" (PolNeAR dev: annotated as the
# poll's, the ledgers'); the noun phrase is the document and the words that name it, not the clause before it
_DOCUMENT_SHOWING = lazy_re.compile(
    r"\b(?P<np>(?:(?:a|an|the|new|latest|recent|(?!(?:Despite|With|In|As|After|Before|But|And|While|Although|"
    r"Though|Since|Because|If|When|Yet|Even|By|For|From|On|At|Of|To|Amid|Among)\b)[A-Z][\w/'’.&-]*|(?:19|20)\d\d)"
    r"\s+){0,5}"
    rf"(?i:{_alternatives('documents')}))\s+(?P<cue>showing|giving|finding|suggesting|indicating)\b"
)
_DEFINITE_DOCUMENT = lazy_re.compile(
    r"(?:the|these|those)\s+(?:\w+\s+)?(?:reports?|stud(?:y|ies)|surveys?|figures|data)", re.IGNORECASE
)
# An organisation announcing what it will do is the source of its own figures: "KBV Vela is to cut 1,950 jobs".
_ANNOUNCES = lazy_re.compile(
    r"\b(?P<cue>(?:is|are)\s+(?:to|set\s+to|planning\s+to)|plans\s+to|intends\s+to|has\s+agreed\s+to)\s+"
    rf"(?:{_alternatives('announced_actions')})\b"
)
# "In the Fieldwork survey, 47% said…": a document named by the phrase that opens the sentence
_IN_DOCUMENT = re.compile(r"^\s*(?P<cue>In|According to)\s+(?P<np>(?:a|an|the|its|their|this|last)\s+[^,]{0,50}?)\s*,")
# "Vell had 31 percent support in a Harbour Times poll", "her approval in the latest Ledger-KTV Poll is 47%": the poll
# or survey a figure was measured in, wherever the sentence names it, is the sentence's source (not "in the polls")
_IN_POLL = lazy_re.compile(
    r"\b(?P<cue>in)\s+(?P<np>(?:(?:a|an|the|this|that|its|their|(?:[A-Z][\w.-]*\s+)?[A-Z][\w.-]*['’]s)\s+"
    r"(?:(?!(?:after|before|since|until|when|of|as)\s)[\w/'’.&-]+\s+){0,6}?|(?:recent|new|latest)\s+"
    r"(?:[\w/'’.&-]+\s+){0,4}?)(?i:polls?|surveys?))\b"  # not "in the hour after polls closed"
)
_POLL_WORDS = ("oll", "OLL", "urvey", "URVEY")  # what every match of _IN_POLL holds


def attribution_cues(text: str, sentence: Span, quotes: list[Span]) -> list[tuple[int, Source]]:
    """Every attribution cue of a sentence, to find once and give to both ``find_source`` and ``clause_sources``."""
    return _candidates(text, sentence, quotes)


def find_source(
    text: str, sentence: Span, quotes: list[Span], cues: list[tuple[int, Source]] | None = None
) -> Source | None:
    """The source a sentence names for itself (outside its quotations), or None; ``cues`` are the sentence's
    ``attribution_cues`` when already found."""
    return _choose(text, sentence, _candidates(text, sentence, quotes) if cues is None else cues)


_VERB_THAT = lazy_re.compile(rf"(?:{_VERBS})\s+that\b", re.IGNORECASE)


def clause_sources(
    text: str, sentence: Span, quotes: list[Span], cues: list[tuple[int, Source]] | None = None
) -> tuple[tuple[int, Source], ...]:
    """The named sources of a sentence that gives several, each with where its clause starts, when no closing
    attribution speaks for the whole sentence: "While Hurun lists his wealth at $6.5bn, Forbes says it is
    $4.5bn" gives each figure the source named before it. Empty when the sentence has one source or none."""
    candidates = _candidates(text, sentence, quotes) if cues is None else cues
    if sum(c[1].kind is not SourceKind.VAGUE for c in candidates) < 2:
        return ()  # fewer than two named sources (most sentences): the same answer as below, without its patterns
    # "Virta said the company expected…": a cue inside what someone is said to say names no source of its own
    named = sorted(
        (c for c in candidates if c[1].kind is not SourceKind.VAGUE and not _SAYS_IN_NAME.search(c[1].name)),
        key=lambda c: c[0],
    )
    distinct: list[tuple[int, Source]] = []
    for at, source in named:  # "Figures from the census show": one source named by two cues
        if not any(source.span and other.span and source.span.overlaps(other.span) for _, other in distinct):
            distinct.append((at, source))
    # "The AP reported that, according to a review, 61 of the 112 meetings…": a cue inside what someone is
    # said to report is part of the report, not a source of its own
    body = text[sentence.start : sentence.end]
    outer = [at for at, _ in distinct if _VERB_THAT.match(body, at)]
    named = [c for c in distinct if not any(at < c[0] for at in outer)]
    if len(named) < 2 or any(c[1].span is not None and _closes(text, c[1].span, sentence) for c in candidates):
        return ()
    if named[0][0] <= 3 and named[0][1].cue.lower().startswith(("according", "in")):
        return ()  # "According to the indictment, the group promised returns of 12%": the opening speaks for all
    return tuple((sentence.start + at, source) for at, source in named)


_COLON_SOURCE = lazy_re.compile(rf"\s*(?P<np>[A-Z][^:,.;“”\"]{{0,60}}?)(?:\s+(?P<cue>{_SPEECH}))?:\s+(?=\S)")
_SAYING_CLAUSE = re.compile(r",\s*(?P<cue>saying|adding|arguing|claiming|insisting|noting|warning)\b")
# the subject a sentence opens with: a pronoun, or a name with its title ("Sen. Ted Cruz", "the Labour Party")
_SUBJECT_NAME = lazy_re.compile(
    r"\s*(?:(?:But|And|However|Meanwhile|Earlier|Later|Yesterday|Today),?\s+)?"
    r"(?P<np>(?:He|She|They)\b|(?:His|Her|Its|Their)\s+[a-z][\w'’-]*\b|"  # "His campaign sued …, claiming"
    r"(?:(?:The|A|An)\s+)?(?!(?:His|Her|Its|Their)\b)(?:[A-Z][\w'’-]*\.?)(?:\s+(?:[A-Z][\w'’.-]*|of|the|and(?=\s+[A-Z])|&))*)"
)
_SAYS_IN_NAME = lazy_re.compile(rf"\b(?:{_SPEECH})\b", re.IGNORECASE)
# "Virta, a law professor at Marwick College, wrote", "Senator Ana Ruiz of Dorland, the No. 2 Democrat,
# said", "Vell, the front-runner, has repeatedly promised": the name before the description speaks, a surname the
# draft gives in full or a full name with its place (``_backward_np`` reads only a full name there, and a description
# it cannot classify names no one)
_NAME_THEN_DESCRIPTION = lazy_re.compile(
    rf"(?:^|[,;]\s+|\b(?:and|but)\s+)(?P<np>{_NAME}(?:\s+of\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)?|[A-Z][\w'’-]+)"
    r",\s+(?:the|a|an|his|her|its|their)\s+[^,;:“”\"]{2,90},\s*(?:(?:has|have|had|is|was|will|would)\s+(?:\w+ly\s+)?)?$"
)


def _described_name(before: str, document: str) -> str:
    """The name a description after it stands beside, right before a cue (see _NAME_THEN_DESCRIPTION), or ""."""
    if before.count(",") < 2:
        return ""  # (most clauses before a cue: no name and description between commas)
    match = _NAME_THEN_DESCRIPTION.search(before)
    if match is None:
        return ""
    np = match.group("np")
    return np if " " in np or np in _surnames(document) else ""


_OF = lazy_re.compile(r"\s+of\s+")


def _candidates(text: str, sentence: Span, quotes: list[Span]) -> list[tuple[int, Source]]:
    """Every attribution cue of a sentence, with its offset in the sentence and the source it names."""
    body = _masked(text[sentence.start : sentence.end], quotes, sentence.start)
    # (most sentences: none of the vague, "according to", shows or announces cues; of the rest, most hold one kind)
    vague_cue, forward_cue, shows_cue, announces_cue, document_cue = _rare_cues(body)
    vague = prefiltered(_VAGUE_CUES).search(body) if vague_cue else None
    candidates: list[tuple[int, Source]] = []
    if vague:
        candidates.append(
            (
                vague.start(),
                _source(SourceKind.VAGUE, vague.group("cue"), vague.group("cue"), sentence.start + vague.start()),
            )
        )
    for match in prefiltered(_FORWARD).finditer(body) if forward_cue else ():
        np = _forward_np(match.group("np"))
        kind = speaker_kind(np, text) or (SourceKind.VAGUE if np else None)
        if kind:
            cue = match.group("cue")
            if cue.lower().startswith(("data", "figures", "statistics", "a report")) and kind is not SourceKind.VAGUE:
                kind = SourceKind.DOCUMENT  # "figures from the census": the document is the source
            candidates.append((match.start(), _source(kind, np, cue, sentence.start + match.start("np"))))
    opening = _IN_DOCUMENT.match(body)
    if opening and classify(opening.group("np"), text) is SourceKind.DOCUMENT:
        np, at = opening.group("np"), sentence.start + opening.start("np")
        candidates.append((0, _source(SourceKind.DOCUMENT, np, opening.group("cue"), at)))
    for match in _IN_POLL.finditer(body) if any(word in body for word in _POLL_WORDS) else ():
        np = match.group("np")
        if np.lower() != "the polls":  # "leads in the polls": the polls in general, not one the text names
            candidates.append(
                (match.start(), _source(SourceKind.DOCUMENT, np, "in", sentence.start + match.start("np")))
            )
    for match in _inverted(body):
        np = _forward_np(match.group("np"))
        kind = speaker_kind(np, text) if not _FINITE.search(np) else None  # ", said the leaflet was…": a clause
        if kind:
            candidates.append(
                (match.start(), _source(kind, np, match.group("cue"), sentence.start + match.start("np")))
            )
    verbs = list(_BACKWARD.finditer(body))
    clause_verbs: set[int] = set()
    if " that" in body:  # (most sentences have none: not searched)
        listed = {m.start() for m in verbs}
        that_verbs = [m for m in _VERB_THAT_CLAUSE.finditer(body) if m.start() not in listed]  # (searched once)
        clause_verbs = {m.start() for m in that_verbs}
        verbs += that_verbs
        verbs.sort(key=lambda m: m.start())
    for match in verbs:
        before = body[: match.start()]
        if _relative_or_passive(before):
            continue  # "workers who said they were exposed": the clause's own speaker, not the sentence's source;
            # "a decision that could be announced": no one speaks
        np = _backward_np(body[: match.start()])
        speech = _speech_cue(body, match.start()) or _noun_as_verb(body, match.start())
        subject = _coordinated_subject(body[: match.start()], text, speech)
        np = subject or (_described_name(before, text) if speech else "") or np
        # "A spokesman for the mayor defended the route and said": the spokesman
        # matched in place, so that a verb's lookahead ("put … at $45bn", "continued,") sees what follows it
        kind = speaker_kind(np, text) if speech else classify(np, text)
        if match.start() in clause_verbs and np.lower() in ("it", "there", "this"):
            continue  # "It emerged that…": no one
        if kind:
            at = body.find(np)
            candidates.append((match.start(), _source(kind, np, match.group("cue"), sentence.start + max(at, 0))))
    for match in _held_that(body):
        owner = match.group("pronoun") or match.group("owner")
        at = sentence.start + match.start("pronoun" if match.group("pronoun") else "owner")
        if match.group("pronoun"):  # "his" is "he" (resolved as "he said" is), at the word "his"
            np = _POSSESSIVE_PRONOUNS[owner.lower()]
            kind = SourceKind.PERSON if np != "they" else SourceKind.ORGANISATION
        else:
            np, kind = owner, classify(owner, text)
        if kind and kind is not SourceKind.VAGUE:
            held = Source(kind, " ".join(np.split()), match.group("cue"), Span(at, at + len(owner)))
            candidates.append((match.start("cue"), held))
    colon = ":" in body and _COLON_SOURCE.match(body)  # "Poll: Trump ties Clinton at 44%", "Fox News reports: at…"
    if colon:
        np = colon.group("np")
        kind = speaker_kind(np, text) if colon.group("cue") else classify(np, text)
        if kind in (SourceKind.DOCUMENT, SourceKind.ORGANISATION) or (kind and colon.group("cue")):
            cue = colon.group("cue") or ":"
            candidates.append((colon.start("np"), _source(kind, np, cue, sentence.start + colon.start("np"))))
    for match in _SAYING_CLAUSE.finditer(body):  # "He set out new plans, saying he would send 20,000"
        lead = _SUBJECT_NAME.match(body)
        kind = speaker_kind(lead.group("np"), text) if lead else None
        if lead and kind:
            at = sentence.start + lead.start("np")
            candidates.append((match.start(), _source(kind, lead.group("np"), match.group("cue"), at)))
    for match in _ANNOUNCES.finditer(body) if announces_cue else ():
        np = _backward_np(body[: match.start()])
        if classify(np, text) is SourceKind.ORGANISATION:  # "KBV Vela, the Dutch bank, is to cut 1,950 jobs"
            at = body.find(np)
            candidates.append(
                (match.start(), _source(SourceKind.ORGANISATION, np, match.group("cue"), sentence.start + at))
            )
    for match in prefiltered(_SHOWS).finditer(body) if shows_cue else ():
        np = _backward_np(body[: match.start()])
        kind = classify(np, text)
        head = _OF.split(np, maxsplit=1)[0]
        if kind is not SourceKind.DOCUMENT and head != np and classify(head, text) is SourceKind.DOCUMENT:
            kind = SourceKind.DOCUMENT  # "Surveys of economists have shown": the surveys, not economists
        if _DEFINITE_DOCUMENT.fullmatch(np):
            kind = SourceKind.DOCUMENT  # "The reports show": reports the story has named, not rumour
        # "court records show", "customs figures show", "a June poll found", "the regulator also found"
        if kind is SourceKind.DOCUMENT or (kind is SourceKind.ORGANISATION and match.group(0).startswith("f")):
            at = body.find(np)
            candidates.append((match.start(), _source(kind, np, match.group(0), sentence.start + at)))
    for match in _DOCUMENT_SHOWING.finditer(body) if document_cue else ():
        if any(quote.start >= sentence.start + match.end() for quote in quotes if quote.start < sentence.end):
            continue  # "A spokesman called a report showing … “a smear”": the quotation is the spokesman's
        np = match.group("np")
        candidates.append(
            (match.start("cue"), _source(SourceKind.DOCUMENT, np, match.group("cue"), sentence.start + match.start()))
        )
    candidates = [(at, _named_document(source, text)) for at, source in candidates]
    # "In a statement, the ministry said…", "In a memo released Monday, campaign manager Tom Hale acknowledged…":
    # the document opening the sentence is the named speaker's, who is the source
    if opening and candidates and candidates[0][0] == 0 and candidates[0][1].cue == opening.group("cue"):
        rest = body[opening.end() :]
        gap = len(rest) - len(rest.lstrip())
        writer = [
            c
            for c in candidates[1:]
            if c[1].span is not None
            and c[1].span.start == sentence.start + opening.end() + gap
            and c[1].kind in (SourceKind.PERSON, SourceKind.ORGANISATION)
        ]
        if writer and opening.group("cue") == "In":
            candidates = [c for c in candidates if c is not candidates[0]]
    return candidates


def _named_document(source: Source, text: str) -> Source:
    """A vague source that is a definite reference back to a document the story has named ("A report released on
    Friday by the auditor… according to the report") as that document; any other source as it is."""
    if source.kind is not SourceKind.VAGUE or source.span is None or not _DEFINITE_DOCUMENT.fullmatch(source.name):
        return source
    head = source.name.rsplit(None, 1)[-1]
    named = re.compile(rf"\b(?:an?|the|its|their|his|her|[\w-]+['’]s)\s+(?:[\w-]+\s+){{0,3}}{re.escape(head)}\b", re.I)
    if not named.search(text, 0, source.span.start):
        return source  # "according to the report" with no report named before: whose, the reader cannot tell
    return source._replace(kind=SourceKind.DOCUMENT)


def _held_that(body: str) -> Iterator[re.Match[str]]:
    """``_HELD_THAT.finditer(body)``, searched only when ``body`` holds " that" and one of its cues (most sentences
    hold neither: searching one costs ~13 µs)."""
    if " that" in body and any(cue in body for cue in _HELD_CUES):
        yield from _HELD_THAT.finditer(body)


# A word that every match of _VAGUE_CUES, _FORWARD (both ignoring case), _SHOWS or _ANNOUNCES holds, looked for in
# the casefolded sentence: one search for plain words, which the engine skips through by their first letters, in
# place of four that open with \b and so enter their alternatives at every word (most sentences have none of these
# cues). ``test_sources`` holds it to the four patterns.
_RARE_CUE_WORDS = lazy_re.compile(
    grouped(
        ["report", "understood", "believed", "thought", "claimed", "source", "rumo", "said to", "word on the street"]
        # (the vague cues': "reportedly", "it is thought", "is said to"; "according to reports": "accord" below)
        + ["accord", "citing", "data from", "figures", "statistics from", "statement", "attributed"]  # _FORWARD's
        + ["show", "suggest", "indicat", "found", "find", "give", "gave", "giving"]  # _SHOWS
        + _WORDS["announced_actions"]  # what _ANNOUNCES's organisation is to do (lower-case words, as it has them)
    )
)


# A word each match of one of them holds, for the sentences the words above let through: _VAGUE_CUES's and
# _FORWARD's (looked for in the casefolded sentence, as above), _SHOWS's, and _DOCUMENT_SHOWING's participles (in the
# sentence as it is: they are matched in lower case). ``test_rare_cues`` holds each to its pattern.
_VAGUE_WORDS: tuple[str, ...] = ("report", "understood", "believed", "thought", "claimed", "source", "rumo")
_VAGUE_WORDS += ("said to", "street", "accord")  # "according to some"
_FORWARD_WORDS = ("accord", "citing", "report", "data from", "figures", "statistics from", "statement", "attributed")
_SHOWS_WORDS = ("show", "suggest", "indicat", "found", "find", "give", "gave")
_DOCUMENT_CUES = ("showing", "giving", "finding", "suggesting", "indicating")


def _may_have_rare_cue(body: str) -> bool:
    """False when ``body`` has no match of _VAGUE_CUES, _FORWARD, _SHOWS or _ANNOUNCES (True when it may have)."""
    return any(_rare_cues(body))


def _rare_cues(body: str) -> tuple[bool, bool, bool, bool, bool]:
    """Whether _VAGUE_CUES, _FORWARD, _SHOWS, _ANNOUNCES and _DOCUMENT_SHOWING may match in ``body`` (False: they
    cannot), from one casefolded copy: most sentences pass none of the words, and most of the rest one kind."""
    folded = body.casefold()
    # re.IGNORECASE matches "\u0130" and "\u0131" (dotted and dotless I) as "i", which casefold to "i\u0307" and
    # "\u0131": a sentence with either is searched in full
    if "\u0307" in folded or "\u0131" in folded:
        return True, True, True, True, True
    if _RARE_CUE_WORDS.search(folded) is None:
        return False, False, False, False, False
    return (
        any(word in folded for word in _VAGUE_WORDS),
        any(word in folded for word in _FORWARD_WORDS),
        any(word in folded for word in _SHOWS_WORDS),
        True,
        any(cue in body for cue in _DOCUMENT_CUES),
    )


_inverted_at: Callable[[str, int], re.Match[str] | None] | None = None  # _INVERTED.match, once a sentence needs it


def _inverted(body: str) -> Iterator[re.Match[str]]:
    """``_INVERTED.finditer(body)``, tried only where its matches can start: at the start or a comma. Until the
    pattern is first needed (2,100 characters to compile: ~2 ms), only in a sentence where a speech verb may follow
    one of them (``_speech_may_follow``): a short draft without an inverted attribution does not compile it. Then
    every sentence is searched: the search costs less than the test."""
    global _inverted_at
    if _inverted_at is None:
        if not _speech_may_follow(body):
            return
        _inverted_at = _INVERTED.match  # (a lazy pattern's methods cost more to look up: this is read per comma)
    at = 0
    while at >= 0:
        match = _inverted_at(body, at)  # (its "^" holds at the string's start only, as in finditer)
        if match:
            yield match
        at = body.find(",", match.end()) if match else body.find(",", at + 1)


def _speech_may_follow(body: str) -> bool:
    """False when no speech verb can start where ``_INVERTED`` would read one: after the start or a comma and the
    quotation marks and spaces it takes there (no item starts with either, so the verb starts where they end). A
    word of the list, or a letter one of the other items can open with, counts (True when that is not known)."""
    others = _other_speech_openings()
    at = 0
    while at >= 0:
        start = at
        while start < len(body) and body[start] in "'’\"”":
            start += 1
        while start < len(body) and body[start].isspace():
            start += 1
        opening = body[start : start + 1]
        words = _SPEECH_WORDS.get(opening)
        if (words is not None and body.startswith(words, start)) or others is None or opening in others:
            return True
        at = body.find(",", at) + 1 or -1  # (after the start, each comma)
    return False


@functools.cache
def _other_speech_openings() -> frozenset[str] | None:
    return opening_chars(f"(?:{_SPEECH_PATTERNS})")


# "…defended the route and said", "…declined to comment but says": a second verb of the sentence's subject
_COORDINATED = re.compile(r"\s(?:and|but)\s+(?:(?:also|then|later|now|\w+ly)\s+)?$")
# the verb after the subject: "The mayor declined", "Wealth-X keeps", "Police arrived", "The senator met"
_VERB_AFTER = lazy_re.compile(
    r"[a-z]+(?:ed|s)|is|was|are|were|has|had|have|will|would|could|can|may|might|did|does|met|spoke|took|gave|"
    r"made|went|held|won|lost|sent|sought|kept|left|began|ran|came|saw|got|put|set|cut|hit|led|paid|brought|"
    r"bought|knew|rose|fell|grew|drew|chose"
)


_UNNAMED_HEAD = lazy_re.compile(rf"(?:{VAGUE_HEADS}|{GENERIC_EXPERTS})")


def _conjunction(before: str) -> re.Match[str] | None:
    """``_COORDINATED.search(before)``, from the last two words (all a match spans, at the end)."""
    return _COORDINATED.search(before, _last_words(before, 2))


def _coordinated_subject(before: str, document: str, speech: bool) -> str:
    """The subject the sentence opens with when the cue is its second verb, or "" when it is not one."""
    conjunction = _conjunction(before)
    if not conjunction:
        return ""
    first = before[: conjunction.start()]
    if _BACKWARD.search(first) or _DIGIT.search(first):
        # "X said … and added": X's already; "The senator survived 5 years in prison and says": the figure before
        # the cue is the story's, which a source found at the sentence's start would take
        return ""
    words = before[: conjunction.start()].split()
    for k in range(1, min(len(words), 8)):  # the shortest noun phrase that names someone, up to the verb after it
        np, following = " ".join(words[:k]), words[k]
        if any(mark in np for mark in (",", " -", "–", "—")):
            break  # "Meanwhile, …", "TORVIK, Norland - Rallying …": an opening phrase or a dateline, no subject
        # (a comma after the subject's verb is the first clause's own: "She blamed X, not Y, and said")
        noun = _named_kind(following, following) or _UNNAMED_HEAD.fullmatch(following)
        if (
            not _VERB_AFTER.fullmatch(following)
            or noun
            or (k + 1 < len(words) and re.fullmatch(r"[a-z]+ed", words[k + 1]))
        ):
            continue  # "A spokesman for Mayor Frank Jackson", "Other former CIA officials": the phrase goes on
        kind = speaker_kind(np, document) if speech else classify(np, document)
        if (kind is not None and kind is not SourceKind.VAGUE) or np in ("He", "She", "They", "It"):
            return np
    return ""


def _choose(text: str, sentence: Span, candidates: list[tuple[int, Source]]) -> Source | None:
    if not candidates:
        return None
    # Prefer a named source over a vague one when a sentence has both ("police said, citing reports").
    # A closing attribution (", local media reported.") speaks for the whole sentence before it.
    closing = [c for c in candidates if c[1].span is not None and _closes(text, c[1].span, sentence)]
    if closing:
        return closing[-1][1]
    named = [c for c in candidates if c[1].kind is not SourceKind.VAGUE]
    return min(named or candidates, key=lambda c: c[0])[1]


# "…, officials said Tuesday.", "…, the ministry said in a statement on Monday evening.": the day it was said
_SAID_WHEN = (
    r"(?:\s+(?:on\s+|late\s+|early\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|"
    r"today|tonight|last\s+week)(?:\s+(?:morning|afternoon|evening|night))?)?"
)
# what follows a closing attribution's verb: "…, police said.", "…, the ministry said in a statement, adding"
_CLOSING_END = rf"(?:\s+in\s+a\s+(?:joint\s+|written\s+)?statement)?{_SAID_WHEN}\s*(?:[,;.!?]|$)"
_AFTER_VERB = lazy_re.compile(_CLOSING_END)
_OTHER_CLOSING = lazy_re.compile(rf"(?:{_SPEECH_PATTERNS}){_CLOSING_END}")


def _closing(text: str, at: int, end: int) -> bool:
    r"""A speech verb after the spaces at ``at``, where a closing attribution ends (``_CLOSING_END``), within
    ``end``: ``re.compile(rf"\s*(?:{_SPEECH}){_CLOSING_END}").match(text, at, end)``, each word that fits tried
    (both "told" and "told reporters" are items). No item starts with a space, so the verb starts where they end."""
    while at < end and text[at].isspace():  # (str.isspace: the characters \s matches in a str pattern)
        at += 1
    words = _SPEECH_WORDS.get(text[at : at + 1], ())
    if text.startswith(words, at, end):  # (one call for most places: no word fits)
        for word in words:
            if text.startswith(word, at, end) and _AFTER_VERB.match(text, at + len(word), end):
                return True
    return _OTHER_CLOSING.match(text, at, end) is not None


_ACCORDING_END = lazy_re.compile(r",\s*according\s+to\s+$", re.I)


def _closes(text: str, span: Span, sentence: Span) -> bool:
    """ "…, police said." / "…, local media reported, although…": an attribution between commas, after what
    it attributes."""
    before = text[max(sentence.start, span.start - 2) : span.start]
    if not before.startswith(","):
        # "…, have come from women, according to Crowdpac": a closing "according to" speaks for the sentence
        closing = _ACCORDING_END.search(text, max(sentence.start, span.start - 16), span.start)
        return bool(closing) and not _DIGIT.search(text, span.end, sentence.end)  # after every figure
    return _closing(text, span.end, sentence.end)


# What a sentence with no cue of its own may open with to go on with the source of the sentence before it.
_BACK_REFERENCES = frozenset(_WORDS["back_references"])
_OPENING = lazy_re.compile(
    r"[\s\"“”'‘’(]*(?:(?:and|but|so|yet|still|instead|meanwhile|moreover|in addition|also),?\s+)?", re.IGNORECASE
)
_CONTENT_WORD = lazy_re.compile(r"[A-Za-z][\w'’-]*")
_QUANTIFIERS = frozenset(("some", "most", "many", "all", "none", "half", "each", "several", "few", "both"))
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds|"
    "a dozen|dozens|a further|thousands"
)
_STATEMENT = lazy_re.compile(
    rf"(?:{_alternatives('statement_verbs')})(?:\s+in\s+a\s+(?:joint\s+)?statement)?", re.IGNORECASE
)


_POSSESSIVE_S = lazy_re.compile(r"['’]s$")
_COUNT_FIRST = lazy_re.compile(rf"\d|(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
# a share of the group the sentence before counted: "…, Romero said. Young people make up 53% of those voters."
_SHARE_OF_THOSE = lazy_re.compile(r"\d(?:%|\s+percent|\s+per\s+cent)?\s+of\s+(?:those|these)\s", re.IGNORECASE)


def continues(text: str, sentence: Span, source: Source, next_to: bool) -> bool:
    """A sentence with no cue of its own goes on with the source of the sentence before it only when its
    subject points back to that source: a partitive ("Some of the 88…", ``back_references``),
    or a figure ("Another 30…", "Six were injured"). An organisation's or a document's statement also speaks for the
    sentences right after it (``next_to``: "…, the statement said. Shareholders will receive $14.50 a share.").
    Otherwise the sentence is the article's own voice: "Sanders has at least 158." after "…, according to an AP
    count." has a subject of its own."""
    if next_to and source.kind in (SourceKind.ORGANISATION, SourceKind.DOCUMENT) and _STATEMENT.fullmatch(source.cue):
        return True
    body = text[sentence.start : sentence.end]
    body = body[_OPENING.match(body).end() :]  # type: ignore[union-attr]  # the pattern matches the empty string
    body = _INTRO.sub("", body)
    subject = [_POSSESSIVE_S.sub("", w.lower()) for w in _CONTENT_WORD.findall(" ".join(body.split()[:4]))]
    if _COUNT_FIRST.match(body) or (subject and subject[0] in _BACK_REFERENCES) or _SHARE_OF_THOSE.search(body):
        return True
    # "Some of the 88 prisoners…", "Most of them…". The source's own name as the subject is not enough: "Fiorina
    # ended her meeting with HP's nine directors" after "Fiorina said…" is narration more often than speech
    # (PolNeAR dev: 4 attributed figures more, 8 own-voice figures fewer when it counts).
    return len(subject) > 1 and subject[1] == "of" and subject[0] in _QUANTIFIERS


_PRONOUN_KINDS = {
    "he": (SourceKind.PERSON,),
    "she": (SourceKind.PERSON,),
    "it": (SourceKind.ORGANISATION,),
    "they": (SourceKind.ORGANISATION, SourceKind.PERSON),
}


_AND_BEFORE = lazy_re.compile(r"[,;]\s*(?:and|but)\s+$")


def starts_clause(text: str, source: Source) -> bool:
    """True when the source is the subject of a coordinated clause (", and party officials said"): it speaks
    for that clause only, not for the figures before it."""
    if source.span is None or source.inherited:
        return False
    return bool(_AND_BEFORE.search(text, max(0, source.span.start - 12), source.span.start))


_SPEECH_VERB = lazy_re.compile(rf"(?:{_SPEECH})(?:\s+in\s+a\s+statement)?", re.IGNORECASE)


# "Ivo Marsh, who reported that the station paid a $2 million settlement": a relative clause with a cue of
# its own speaks for the figures after that cue, up to the clause's end
_RELATIVE_SPEAKER = lazy_re.compile(
    rf"(?P<np>{_NAME}|\b[A-Z][\w'’-]+|\b(?:the|a|an)\s+[\w'’-]+(?:\s+[\w'’-]+){{0,3}}?),\s+(?:who|which)\s+"
    rf"(?:(?:also|has|had|have|\w+ly)\s+){{0,3}}(?P<cue>{_VERBS})\b"
)


_NAME_BEFORE_OF = lazy_re.compile(r"\b(?:[A-Z][\w'’-]*\s+)+(?:of|for)\s+(?:the\s+)?$")
# "the leases, which the auditor estimates will run six more years", "the file, which the campaign says holds 1.9
# million names": a relative clause whose own subject speaks (the relative word is the object of what is said); not
# a pronoun, which only the sentence's cues resolve, nor "that" after a cue ("Amari noted that Dorland boasted")
_OBJECT_RELATIVE = lazy_re.compile(
    rf"(?:,\s+|\s)(?:which|that|whom)\s+(?P<np>(?:the|a|an|his|her|its|their|some|several|many)\s+[\w'’.-]+"
    rf"(?:\s+[\w'’.-]+){{0,4}}?|{_NAME}|[A-Z][\w'’-]+)\s+(?:(?:also|has|had|have|\w+ly)\s+){{0,2}}"
    rf"(?P<cue>{_SPEECH})\b"
)


_BODY: tuple[str, Span, str, bool, bool] = ("", Span(0, 0), "", False, False)  # the last sentence's ``_body``


def _body(text: str, sentence: Span) -> tuple[str, bool, bool]:
    """The sentence's text, whether it holds "wh" or "that", and whether "who" or "which": kept for the sentence,
    which each of its figures asks for (copied and read again per figure, a sentence of 4,000 was quadratic)."""
    global _BODY
    cached = _BODY  # read once: another thread may replace it meanwhile
    if cached[0] is not text or cached[1] != sentence:
        body = text[sentence.start : sentence.end]
        relative = "wh" in body or "that" in body
        cached = _BODY = (text, sentence, body, relative, "who" in body or "which" in body)
    return cached[2], cached[3], cached[4]


def relative_speaker(text: str, sentence: Span, figure: Span) -> Source | None:
    """The named source of the relative clause a figure is in, after the clause's cue ("Marsh, who boasts he has
    held over 80 town meetings, …"), or None. Not a figure before the cue: "Cruz, who has proposed repealing it
    over five years, said" tells of Cruz."""
    body, relative, who = _body(text, sentence)
    if not relative:
        return None  # no relative clause (most sentences): the patterns, which need one, neither searched nor compiled
    spoken = _object_relative_speaker(text, sentence, body, figure)
    if spoken is not None:
        return spoken
    if not who:
        return None
    for match in _RELATIVE_SPEAKER.finditer(body):
        after = sentence.start + match.end("cue")
        if figure.start < after:
            return None
        if re.search(r"[,;()–—]|\s-\s", text[after : figure.start]):
            continue  # the clause ended before the figure
        np, np_start = match.group("np"), match.start("np")
        if re.search(r"\b(?:of|for|at|from|with|in|on)\s+(?:the\s+)?$", body[:np_start], re.IGNORECASE):
            # "a group called Friends of the Park, which expects": "which" speaks of the whole name
            name = _NAME_BEFORE_OF.search(body, 0, np_start)
            if name is None or not body.startswith(", which", match.end("np")):
                return None  # "the director of the Partnership for Conservative Principles, who said": the director
            np, np_start = body[name.start() : match.end("np")], name.start()
        kind = speaker_kind(np, text) if _speech_cue(match.group("cue")) else classify(np, text)
        if kind is None or kind is SourceKind.VAGUE:
            return None
        return _source(kind, np, match.group("cue"), sentence.start + np_start)
    return None


_CUE_BEFORE_THAT = lazy_re.compile(rf"\b(?:{_VERBS})\s*$")


def _object_relative_speaker(text: str, sentence: Span, body: str, figure: Span) -> Source | None:
    """The subject of a relative clause that says what its relative word holds, for a figure after its verb and
    inside the clause: "the leases, which the auditor estimates will run six more years", or None."""
    for match in _OBJECT_RELATIVE.finditer(body):
        if body[match.start() : match.start("np")].split()[-1] == "that" and _CUE_BEFORE_THAT.search(
            body, 0, match.start()
        ):
            continue  # "Amari noted that Dorland boasted only one": "that" opens what Amari noted
        after = sentence.start + match.end("cue")
        if figure.start < after:
            return None  # the clause speaks of figures after its cue only
        if re.search(r"[,;()–—]|\s-\s", text[after : figure.start]):
            continue  # the clause ended before the figure
        np = match.group("np")
        kind = speaker_kind(np, text)
        if kind is not None:
            return _source(kind, np, match.group("cue"), sentence.start + match.start("np"))
    return None


def is_speech_cue(cue: str) -> bool:
    """ "said", "told reporters", "warned": a verb of speech, not "according to" or "figures from"."""
    return bool(_SPEECH_VERB.fullmatch(cue))


def is_pronoun(source: Source) -> bool:
    return source.name.lower() in _PRONOUN_KINDS


# a lower-case plural last word: "the two firms", "officials" (not "its", "this", "analysis", "status")
_PLURAL_HEAD = lazy_re.compile(r"(?<![\w'’-])(?!(?:news|series)$)[a-z][\w'’-]{2,}[^siu\W']s$")


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
    earlier = (named[i] for i in range(before - 1, -1, -1))  # not reversed(named[:before]): a copy per pronoun
    singular = source.name.lower() == "it"  # "it" stands for one body, not "the two firms" or "officials"
    antecedent = next(
        (
            s
            for s in earlier
            if s.span is not None and s.kind in kinds and not (singular and _PLURAL_HEAD.search(s.name))
        ),
        None,
    )
    if antecedent is None:
        return source
    return Source(antecedent.kind, antecedent.name, source.cue, antecedent.span, source.inherited)


def _source(kind: SourceKind, name: str, cue: str, start: int) -> Source:
    span = Span(start, start + len(name.strip())) if name.strip() else None
    return Source(kind, " ".join(name.split()), " ".join(cue.split()), span)


# The speaker after the quotation: "…,” said X" or "…,” X said" (X may carry an appositive: "the victim's son,
# Raj Mehta, said").
_SPEAKER_AFTER = lazy_re.compile(
    rf"^[\s,]*(?:(?P<cue>{_SPEECH}|told \w+|according to)\s+"
    rf"(?P<np>{_NP_CHAR}+)|(?P<np2>{_NP_CHAR}{{1,120}}?)\s+(?P<cue2>{_SPEECH}|told \w+)\b)",
)
# The speaker leading into it: "X told reporters that the £8.5m forward would “…”" (a decimal point is no stop).
_SPEAKER_BEFORE = lazy_re.compile(rf"(?P<cue>{_VERBS})\b(?:[^.!?“”\"]|\.(?=\d)){{0,80}}?[:,]?\s*(?:that\s*)?$")


# a middle initial ends no sentence for the speaker after a quotation: "“…,” Senate Leader Ana M. Ruiz said"
_INITIAL_END = lazy_re.compile(r"\s[A-Z]\.$")
_STOP_AFTER_INITIALS = lazy_re.compile(r"(?<!\s[A-Z])[.!?][”\"’]?(?=\s|$)|\n")


def _past_initials(text: str, end: int) -> int:
    """The end of the sentence that ends at ``end``, read on past middle initials ("James B. Comey Jr., the
    director, said"): the splitter ends a sentence at "B." (a capital letter alone may end one: "Plan B.")."""
    if not _INITIAL_END.search(text, max(0, end - 3), end):
        return end
    stop = _STOP_AFTER_INITIALS.search(text, end)
    return stop.end() if stop else len(text)


def speaker_of(text: str, quote: Span, sentences: Sequence[Span]) -> Source:
    """Who spoke a quotation, reading the sentence it ends in, then (for a long quote) the one it starts in."""
    around = [s for s in sentences if s.overlaps(quote)]
    if not around:
        return Source()
    end = _past_initials(text, max(around[-1].end, quote.end))
    speaker = quotation_speaker(text, quote, Span(around[-1].start, end))
    if speaker.kind is SourceKind.NONE and text[quote.start : quote.end].rstrip('”"»’ ').endswith(("?", "!")):
        # "“Is it two? Three?” Moss asks": the question ends the sentence for the splitter, not for the writer
        line_end = text.find("\n", quote.end)
        speaker = quotation_speaker(text, quote, Span(around[-1].start, len(text) if line_end < 0 else line_end))
    if speaker.kind is SourceKind.NONE and around[0] != around[-1]:
        speaker = quotation_speaker(text, quote, Span(around[0].start, max(around[0].end, quote.end)))
    return speaker


# "“…,” AP quoted prosecutor Ana Ruiz as saying."
_QUOTED_AS = lazy_re.compile(rf"^[\s,]*[^.;:!?“”\"]{{1,60}}?\bquoted\s+(?P<np>{_NP_CHAR}{{1,80}}?)\s+as\s+saying\b")
# "Bishop Hale criticised the measures, saying: “…”": the subject of the sentence speaks
# "He was quoted in the Courier newspaper saying: “…”" needs no comma
_SAYING = lazy_re.compile(r"(?:,\s*|\bquoted\b[^.;:!?“”\"]{0,80}?\s)(?:saying|adding|telling \w+)\s*:?\s*$")
# "Rovers manager Tom Hale: “…”", "Sir Alex Ferguson: “…”": a name alone, then a colon (a full stop only after an
# initial: "Ana M. Ruiz:")
_COLON_INTRO = lazy_re.compile(r"^\s*(?P<np>(?:[^.;:!?“”\"]|(?<=\b[A-Z])\.){2,80}?)\s*:\s*$")
_LEADING_NAME = lazy_re.compile(
    rf"\s*(?:(?:Earlier|Later|Meanwhile|But|And|However|Yesterday|Today),?\s+)?"
    rf"(?P<np>(?:(?:the|a|an)\s+)?(?:[A-Z][\w'’.-]*|(?:{ROLES})\b|of|the)(?:\s+(?:[A-Z][\w'’.-]*|(?:{ROLES})\b|of|the))*)"
)


_CONTRAST = lazy_re.compile(r"\s(?:but|while|whereas|although)\s+(?=[A-Z])")
# What neither _SAYING's nor _WHO_SAID's matches hold but for one colon at their end, nor _SPEAKER_BEFORE's (a full
# stop there is a decimal point): they start after the last of these in the text before a quotation, when it has any
_CLAUSE_MARKS = '.;:!?“”"'
_SENTENCE_MARKS = '!?“”"'


def _last_clause(before: str) -> int:
    """Where the stretch of ``before`` with no _CLAUSE_MARKS begins, past one colon at its end."""
    body = before.rstrip()
    if body.endswith(":"):
        body = body[:-1]
    return 1 + max(body.rfind(mark) for mark in _CLAUSE_MARKS)


def _last_sentence_part(before: str) -> int:
    """Where the stretch of ``before`` with no _SENTENCE_MARKS and no full stop but before a digit begins."""
    at = max(before.rfind(mark) for mark in _SENTENCE_MARKS)
    stop = before.rfind(".")
    while stop > at and before[stop + 1 : stop + 2].isdecimal():
        stop = before.rfind(".", 0, stop)
    return 1 + max(at, stop)


# "But the claim was rejected by a party spokesman, who said: “…”"
_WHO_SAID = lazy_re.compile(rf"(?P<np>[^.;:!?“”\"]+?),?\s+who\s+(?P<cue>{_SPEECH})\s*:?\s*$")
# how every match of _WHO_SAID ends (from the last space before "who"): one pass, where _WHO_SAID tries each start
_WHO_SAID_END = lazy_re.compile(rf"\swho\s+(?:{_SPEECH})\s*:?\s*$")


def _who_said(before: str, clause: int) -> re.Match[str] | None:
    """``_WHO_SAID.search(before, clause)``, which is quadratic, tried only when ``before`` ends as its matches do."""
    return _WHO_SAID.search(before, clause) if "who" in before and _WHO_SAID_END.search(before, clause) else None


_ANY_CUE = ANY_CUE = lazy_re.compile(rf"\b(?:{_VERBS})\b")


# the last dash that separates a headline or a run of text from a colon introduction after it
_DASH_BEFORE_COLON = lazy_re.compile(r"\s[-–—]+\s*(?=[A-Z][^-–—:]{1,80}:\s*$)")


_MORE_FROM = lazy_re.compile(r"^(?:More|Also|And)\s+from\s+(?=[A-Z])")
# a name with its initials ("Ana M. Ruiz"), or one word with a capital inside it ("HarbourPoll", not "Update")
_INITIALLED_OR_CAMEL = lazy_re.compile(r"[A-Z][\w'’-]+(?:\s+[A-Z]\.)+\s+[A-Z][\w'’-]+|[A-Z][a-z]+[A-Z][A-Za-z]+")


def _roundup_name(np: str, text: str) -> bool:
    """A colon introduction in a roundup names a person or a publication as the patterns do not: with initials
    ("Ana M. Ruiz:"), in one word with a capital inside it ("HarbourPoll:"), or by surnames the text gives in full
    before ("Vell and Ruiz:" after "Ana Vell and Tom Ruiz")."""
    if _INITIALLED_OR_CAMEL.fullmatch(np):
        return True
    names = [n.strip() for n in re.split(r"\s+and\s+", np)]
    return all(
        _SURNAME.fullmatch(n) and re.search(rf"[A-Z][\w'’.-]*\s+{re.escape(n)}\b", text) is not None for n in names
    )


def _colon_speaker(before: str, text: str) -> tuple[str, SourceKind] | None:
    """ "Rovers manager Tom Hale: “…”": what comes before the colon names a person or organisation and holds no
    speech verb (that verb's subject is the speaker). "The reason was simple: “…”" names no one."""
    colon = _COLON_INTRO.match(before)
    if colon is None:
        return None
    if _ANY_CUE.search(colon.group("np")):
        return None  # "…, who said:", "but Mr Livingstone said:": the speech verb's own subject speaks
    np = _backward_np(colon.group("np"))  # "Green Party chairman Ivo Marsh has written to the regulator saying:"
    np = _MORE_FROM.sub("", np)  # a roundup's "More from Ruiz:" goes on quoting Ruiz
    if not np or not (_NAME_AT_END.search(np) or classify(np, text) or _roundup_name(np, text)):
        return None
    kind = speaker_kind(np, text)
    return (np, kind) if kind in (SourceKind.PERSON, SourceKind.ORGANISATION) else None


_INTRODUCED = lazy_re.compile(rf"\s*(?P<np>{_NAME}),\s+(?:(?:the|a|an)\s+)?[a-z][^,.;:!?“”\"]{{2,80}},\s")


def introduced_person(text: str, sentence: Span) -> Source | None:
    """A sentence that opens by introducing a person, name then description, with no cue: "Graham Barlow,
    editor of Mac Format, has a partisan view." The quotation that follows it on the line is theirs."""
    match = _INTRODUCED.match(text, sentence.start, sentence.end)
    if match is None or speaker_kind(match.group("np"), text) is not SourceKind.PERSON:
        return None
    return _source(SourceKind.PERSON, match.group("np"), "", match.start("np"))


# "said Sen. Pat Toomey (R-Pa.) in an interview": a party and state in brackets do not end the name
# a middle initial and "Jr." inside a name ("Harry M. Reid", "James B. Comey Jr.,") are blanked out, so the name is one
_INITIALS = lazy_re.compile(r"(?<=[a-z])\s[A-Z]\.(?=\s[A-Z])|(?<=[a-z])\s(?:Jr|Sr)\.(?=[\s,])")
_BRACKETED = lazy_re.compile(r"\([^()\n]{1,40}\)")
# "“They took the town from us,” the man shouted", "“…,” scoffed Arianna Gil": after a quotation that ends on a comma,
# a question or an exclamation mark, the clause that follows it says who spoke it, whatever its verb
_ANY_VERB_AFTER = lazy_re.compile(
    rf"^\s*(?:(?P<cue>[a-z]{{3,}}ed|read|wrote)\s+(?P<np>(?:(?:the|a|an|one)\b|(?=[A-Z])){_NP_CHAR}+)"
    rf"|(?P<np2>(?=[A-Z]|(?:the|a|an|one|he|she|it|they|we)\b)(?:(?!\s(?:that|which|who|whose)\s){_NP_CHAR}){{1,60}}?)"
    rf"\s+(?P<cue2>(?!(?:is|was|has|does|goes)\b)[a-z]{{2,}}(?:ed|s)|read|wrote|went on)\b"
    # the verb ends the clause or takes a place or listener: not "“not a threat,” the FBI managed to lose…"
    rf"(?=\s*(?:[,.;:!?”\"]|$)|\s+(?:in|at|on|during|from|after|before|into|over|as|via|while|with|back|again|"
    rf"the|a|an|his|her|their|reporters)\b))"
)
_FUNCTION_TAIL = lazy_re.compile(
    r"\s(?:in|on|at|to|for|with|by|during|after|before|from|of|the|an?|his|her|its|their)$"
)


def _leading_speaker(np: str, document: str) -> tuple[str, SourceKind | None]:
    """The speaker a noun phrase after an inverted cue opens with: the phrase itself, else its longest opening
    of up to six words that names one ("said Senate Deputy Whip Mara Voss in an interview")."""
    kind = speaker_kind(np, document)
    if kind:
        return np, kind
    words = np.split()
    for size in range(min(len(words) - 1, 6), 0, -1):
        head = " ".join(words[:size])
        kind = None if _FUNCTION_TAIL.search(" " + head) else speaker_kind(head, document)
        if kind:
            return head, kind
    return np, None


_BY = lazy_re.compile(r"\bby\s+")
_AS = lazy_re.compile(r"^(?i:as)\s+(?=\S+\s)")


def quotation_speaker(text: str, quote: Span, sentence: Span) -> Source:
    """Who the text says spoke a quotation: a cue right after it, or a cue leading into it."""
    after = _BRACKETED.sub(lambda m: " " * len(m.group()), text[quote.end : max(quote.end, sentence.end)])
    after = _PARTY_TAG_AFTER.sub(lambda m: " " * len(m.group()), after)  # "…,” Mitch McConnell, R-Ky., said"
    after = _INITIALS.sub(lambda m: " " * len(m.group()), after)  # "…,” James B. Comey Jr., the director, said"
    match = _SPEAKER_AFTER.match(after)
    loose = match is None and text[quote.start : quote.end].rstrip("”\"»’' ").endswith((",", "?", "!"))
    if loose:
        match = _ANY_VERB_AFTER.match(after)
    if match:
        if match.group("np"):
            np, kind = _leading_speaker(_forward_np(match.group("np")), text)
        else:
            np = _backward_np(match.group("np2"))
            kind = speaker_kind(np, text) if not loose or len(np.split()) <= 8 else None
        if kind:
            group = "np" if match.group("np") else "np2"
            start = quote.end + match.start(group) + max(match.group(group).find(np), 0)
            return _source(kind, np, match.group("cue") or match.group("cue2"), start)
    quoted = _QUOTED_AS.match(after)
    if quoted and speaker_kind(quoted.group("np"), text):
        np = quoted.group("np")
        return _source(speaker_kind(np, text) or SourceKind.PERSON, np, "quoted", quote.end + quoted.start("np"))
    before = _masked(text[sentence.start : quote.start], [], sentence.start) if sentence.start < quote.start else ""
    clause = _last_clause(before)  # (_SAYING and _WHO_SAID match there if at all: searched from there, not everywhere)
    saying = _SAYING.search(before, clause)
    lead = _LEADING_NAME.match(before) if saying else None
    if lead and speaker_kind(lead.group("np"), text):
        np = lead.group("np")
        return _source(speaker_kind(np, text) or SourceKind.PERSON, np, "saying", sentence.start + lead.start("np"))
    colon = _colon_speaker(before, text)
    dash = _DASH_BEFORE_COLON.search(before) if colon is None and ":" in before else None
    if dash is not None:  # "…has mattered in every contest so far - Ana Ruiz: “…”": after the dash
        colon = _colon_speaker(before[dash.end() :], text)
    if colon is not None:
        np, kind = colon
        return _source(kind, np, ":", sentence.start + (before.rindex(np) if dash else before.index(np)))
    who = _who_said(before, clause)
    subject = _backward_np(_BY.split(who.group("np"))[-1]) if who else ""  # "denied by UKIP spokesman"
    if who and speaker_kind(subject, text):
        np = subject
        kind = speaker_kind(np, text) or SourceKind.PERSON
        return _source(kind, np, who.group("cue"), sentence.start + max(before.find(np), 0))
    match = _SPEAKER_BEFORE.search(before, _last_sentence_part(before))
    if match:
        # "It has the power to bar him but Mr Livingstone said: “…”": the subject of the clause that speaks
        np = _backward_np(_CONTRAST.split(before[: match.start()])[-1])
        np = _AS.sub("", np)  # "…, as the Harbour Trust website notes:"
        kind = speaker_kind(np, text) if _speech_cue(match.group("cue")) else classify(np, text)
        if kind:
            return _source(kind, np, match.group("cue"), sentence.start + max(before.find(np), 0))
    introduced = _colon_subject(before, text)
    if introduced is not None:
        return _source(introduced[1], introduced[0], ":", sentence.start + max(before.find(introduced[0]), 0))
    return Source()


# The verb of a clause that introduces a quotation with a colon: any past or present form, a modal, "put"
_CLAUSE_VERB = lazy_re.compile(
    r"\s(?!(?:this|his|its|news|perhaps|always|sometimes|as|us|thus|plus|less|across|unless|whereas)\b)"
    r"(?:[a-z]{2,}(?:ed|s)|put|wrote|gave|made|took|sent|spoke|could|would|will|can|may|might|must|should|did|"
    r"does|do|was|were|is|are|had|have)\b"
)


_COLON_END = lazy_re.compile(r":\s*$")
# words someone owns, then the clause's verb, then the colon: "Ana Ruiz's reply was:", "her letter makes a case:"
_OWNED_WORDS = lazy_re.compile(
    r"(?:\b(?P<owner>(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)['’]s|\b(?P<pronoun>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts))\s+"
    r"(?:[a-z-]+\s+)?(?:response|reply|answer|statement|letter|message|tweet|post|words|verdict|advice|comment|"
    r"remarks?|explanation|warning|plea|email|note|retort|reaction)\s+(?:[a-z]+\s+)?"
    r"(?:was|were|is|read|reads|went|goes|ran|runs|makes|made|puts|put)\b[^.;!?:]{0,40}:\s*$"
)
_QUOTE_MARK = lazy_re.compile(r"[“”\"]")
_OPENING_WORD = lazy_re.compile(r"^(?i:as|then|and then|but)\s+")


def _colon_subject(before: str, text: str) -> tuple[str, SourceKind] | None:
    """ "Marsh interjected: “…”", "Ana Ruiz issued the following statement: “…”", "As Ivo Marsh, the
    No. 2 in the party leadership, put it: “…”": a clause whose subject is a named person or organisation, or a
    role, ends on a colon before the quotation, so they are its words, whatever the verb."""
    if not _COLON_END.search(before) or _QUOTE_MARK.search(before):
        return None
    owned = _OWNED_WORDS.search(before)
    if owned is not None:  # "Ana Ruiz's reply was:", "His answer was blunt:": the owner of the words
        owner = owned.group("owner") or _POSSESSIVE_PRONOUNS.get(owned.group("pronoun").lower(), "it")
        kind = speaker_kind(owner, text) if owned.group("owner") else _PRONOUN_KINDS[owner][0]
        if kind in (SourceKind.PERSON, SourceKind.ORGANISATION):
            return owner, kind
    for verb in _CLAUSE_VERB.finditer(before):
        np = _backward_np(before[: verb.start()].rstrip(", "))
        np = _OPENING_WORD.sub("", np)
        if not np or not (_NAME_AT_END.search(np) or classify(np, text) or np in _surnames(text)):
            continue
        kind = speaker_kind(np, text)
        if kind in (SourceKind.PERSON, SourceKind.ORGANISATION):
            return np, kind
    return None


# a clause's verb (``_CLAUSE_VERB``) or a common irregular past: "Hale went after Ruiz, calling her “…”"
_WOVEN_VERB = lazy_re.compile(
    rf"{lazy_re.source(_CLAUSE_VERB)[0]}|\s(?:went|ran|told|said|got|won|lost|began|came|kept|left|held|thought|brought|"
    r"sought|drew|chose|hit|set|saw|felt|met|led|spent|paid|took|wrote)\b"
)
# a phrase that opens with a verb or an adverb is a verb's object, not the subject of a clause
_NOT_SUBJECT = lazy_re.compile(r"(?:also|then|[a-z]+(?:ing|ed|es))\b")


def woven_speaker(text: str, quote: Span, sentence: Span) -> Source | None:
    """A quotation woven into a sentence with no cue is the words of the subject of the clause it is in,
    whatever the verb: "Mara Voss mocked the plan as “a bridge to nowhere”", "The mayor called the delay “a slap
    in the face”". The nearest clause before it decides: "Voss is in town, where critics have called it “a folly”" is
    the critics' (unnamed: no one), "what he called “a folly”" the person "he" stands for."""
    before = _QUOTE_MARK.sub(" ", text[sentence.start : quote.start])
    for verb in reversed(list(_WOVEN_VERB.finditer(before))):
        np = _OPENING_WORD.sub("", _backward_np(before[: verb.start()].rstrip(", ")))
        if not np or _NOT_SUBJECT.match(np):
            continue  # "…, also attacked Ana Ruiz, calling her": a verb's object, not a subject
        if not (_NAME_AT_END.search(np) or classify(np, text) or np in _surnames(text)):
            continue
        kind = speaker_kind(np, text)
        if kind not in (SourceKind.PERSON, SourceKind.ORGANISATION) or np.lower() in ("i", "we", "you"):
            return None  # (the writer's or the reader's words are not a quotation's speaker)
        return _source(kind, np, "", sentence.start + max(before.find(np), 0))
    return None


def source_beside(text: str, sentence: Span, quotes: list[Span], figure: Span) -> Source | None:
    """The source a sentence names for ``figure`` when the one it names first holds the figure in its name: "Sixty
    percent of voters said they opposed it in a Ledger poll" gives the poll; with no other, None."""
    candidates = [c for c in _candidates(text, sentence, quotes) if c[1].span is None or not c[1].span.contains(figure)]
    return _choose(text, sentence, candidates)
