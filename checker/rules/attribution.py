"""Who says so: FL201 unattributed figure, FL202 vague attribution, FL203 quotation with no speaker.

Severity follows what a newsroom expects a source for (``expects_source``): a count of something that happened
to people (casualties, arrests, evacuations), a share of a group (polls, official statistics) and a
forecast are warnings; crowds, prices, rates, money and jobs stated as fact (costs, payouts, results), scores, definite
references ("the nine soldiers") and background facts (distances, durations, figures about another time or
incident) are info, and so is what the text computes or refers back to (a percentage giving a change, the figure
a forecast starts from, a past incident's casualties, a toll in a story whose opening tells no incident), what a
poll or report named just before or in the opening finds, a forecast or a share that goes on with the source given
just before it (the message says where), and what
is no statistic (a vote's result, a count of what the sentence names, an alternative); shares compared in one
sentence take one severity. A figure only a vague source gives is held to a wider list of events (FL202). A
quotation with no speaker (FL203) is info when the text around it evidently says who speaks (first person, a
colon, a speech verb after it, reported speech just before it) or names a person who may (``_Candidates``); a
headline, slogan, title or saying the text cites is not one.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence

from checker import lazy_re
from checker.document import all_sentences, headline
from checker.extract.patterns import EXPECTED
from checker.extract.sources import (
    FIRST_PERSON,
    PEOPLE_EVENTS,
    PERPETRATORS,
    ROLES,
    SOURCE_EXPECTED_EVENTS,
    SPEECH_VERB,
    SPEECH_VERB_PATTERN,
    STUDY,
    VAGUE_SOURCE_EVENTS,
    speaker_kind,
)
from checker.models import Claim, Document, Finding, Quotation, Severity, SourceKind, Span, SpanIndex
from checker.rules.base import SOURCES, Context, finding, rule
from checker.taxonomy import ROOT, Taxonomy
from checker.timewords import MONTH_ABBREVIATIONS, MONTHS, alternation
from checker.wording import clip, plural

UNATTRIBUTED = rule(
    "FL201",
    "unattributed-figure",
    Severity.WARNING,
    "A figure has no source in its sentence or the sentences before it in its paragraph.",
    "Readers need to know who counted. Name the source (“police said”, “according to the ministry”). "
    "Background figures (distances, durations, other incidents) are reported at info level.",
    (
        ("Some of the 300 men were convicted of terrorism.", True),
        ("Forty people were injured in the blast.", True),
        ("Forty people were injured in the blast, police said.", False),
        ("According to the health ministry, 40 people were injured.", False),
        ("The mayor said the fire started at noon. Forty homes were destroyed.", False),
    ),
    family=SOURCES,
)
VAGUE = rule(
    "FL202",
    "vague-attribution",
    Severity.WARNING,
    "A figure is attributed only to a vague source (“sources said”, “reports suggest”, “this piece of news”).",
    "A vague source cannot be checked or weighed. Name it, or explain why it cannot be named.",
    (
        ("According to this piece of news, 42 prisoners escaped.", True),
        ("Sources said 12 people were arrested.", True),
        ("Reports suggest 200 homes were flooded.", True),
        ("Police said 12 people were arrested.", False),
        ("According to the Interior Ministry, 42 prisoners escaped.", False),
    ),
    family=SOURCES,
    status="vague",
)
UNSPOKEN = rule(
    "FL203",
    "quotation-without-speaker",
    Severity.WARNING,
    "A quotation is not attributed to anyone.",
    "Quotation marks promise that someone said these words. Say who, or remove the marks.",
    (
        ("“Fifty prisoners and twelve policemen were killed during an escape.”", True),
        ("“We have lost everything in one night.” The river rose two metres.", True),
        ("“We have lost everything,” said resident Ana Silva.", False),
        ("The mayor said: “We will rebuild.”", False),
        ("The so-called “peace dividend” never came.", False),
        ("As the coach said, it is “better than any plan we had before”.", False),
        ("The film “The Lord of the Rings” took $1bn.", False),
    ),
    family=SOURCES,
)

BACKGROUND_KINDS = {
    "km",
    "mile",
    "m",
    "kg",
    "tonne",
    "hectare",
    "acre",
    "ft",
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "km/h",
    "mph",
    "degree",
    "litre",
}


# "the nine French soldiers", "all four Britons held", "the relatives of the seven people who were killed": figures
# the story refers back to, not new counts ("Some of the 300 men were convicted" is a new count of a part)
_REFERENCE = lazy_re.compile(r"\b(?:the|all|these|those)\s+$", re.IGNORECASE)
_PARTITIVE = lazy_re.compile(
    r"\b(?:some|many|most|none|few|each|any|all|both|half|several|dozens|hundreds|thousands|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|third|quarter|fifth|percent|per\s+cent|\d[\d,.]*%?)\s+of\s+(?:the|these|those)\s+$",
    re.IGNORECASE,
)
PRICE_LIMIT = 1_000_000  # money under a million with no other cue is a price, a fee or a salary


def expects_source(claim: Claim, taxonomy: Taxonomy, events: frozenset[str] = SOURCE_EXPECTED_EVENTS) -> bool:
    """Whether an editor expects this figure to carry a source (FL201 warning) or not (info). ``events`` are
    the events whose counts need one; a figure a vague source gives is held to the wider ``VAGUE_SOURCE_EVENTS``."""
    if claim.unit in BACKGROUND_KINDS:
        return False
    if claim.value.reason.startswith("vague"):
        return False  # "thousands of fans", "expected to spend millions": a magnitude, not a figure anyone counted
    people = any(p == ROOT or ROOT in taxonomy.ancestors(p) for p in claim.population)
    if EXPECTED in claim.scope and (claim.unit or claim.event or people):
        return True  # "the toll is expected to rise to 50", "analysts forecast growth of 2%"; not a count of
        # things with no event near a forecast ("expected to raise rates four times", "the expected 28 pages")
    if any(not part.startswith("of ") for part in claim.scope.split(", ") if part):
        return False  # another year or incident: background (an owner, "of Nortel", is not)
    if claim.unit == "%":  # a share of a group of people ("41% of voters"), not a rate ("inflation of 2%")
        return people
    if claim.unit and claim.value.high < PRICE_LIMIT:
        return False  # "costs up to £14,250", "$47 a barrel": a price
    # "profits of £546m", "the plan costs $4bn", "9,000 workers lost their jobs"; not "the firm's 200 shops",
    # "won two awards"; casualty events only for people ("four other fixes were also released" is not)
    event = claim.event.removesuffix(" (attempted)")
    return event in events and (people or event not in PEOPLE_EVENTS)


# "a 28-page section", "a two-square-mile zone", "a 90-minute test": a figure that describes a thing, not a count
# ("a 5,000-strong crowd" counts the crowd)
_MODIFIER = lazy_re.compile(r"-(?!strong\b)[^\W\d_]")


def is_background(claim: Claim, taxonomy: Taxonomy, events: frozenset[str] = SOURCE_EXPECTED_EVENTS) -> bool:
    return not expects_source(claim, taxonomy, events)


# "the 3.4 billion dollars it hopes to raise": "it" refers to something the text names (the province, the
# company), so the figure is not given only by a vague source; an editor would not ask who "it" is; nor who
# "they" are ("Most students back the plan; 60 percent, they say, would march for it", PolNeAR test-a)
_PRONOUN = lazy_re.compile(r"it|they", re.IGNORECASE)


def _modifier(text: str, figure: Span) -> bool:
    return _MODIFIER.match(text, figure.end) is not None


# "watched by 30% fewer people than", "45% higher than", "a rise of 60%": a percentage that says how much something
# changed is a rate, not a share of a group of people (BBC dev: "50% fewer people" is the box office figures')
_COMPARATIVE_AFTER = lazy_re.compile(
    r"\s*(?:more|fewer|less|higher|lower|greater|bigger|smaller|larger)\b", re.IGNORECASE
)
_CHANGE_BEFORE = lazy_re.compile(
    r"\b(?:(?:rise|fall|increase|decrease|drop|jump|gain|growth|decline|cut|slump|surge)\s+of|"
    r"(?:up|down|rose|fell|grew|climbed|dropped|jumped|increased|decreased|declined)(?:\s+by)?)\s+"
    r"(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+|more\s+than\s+|some\s+|just\s+)?$",
    re.IGNORECASE,
)
# "expected to fall to $3.2bn from $4bn", "up from 6.7%": the figure a forecast starts from is the current one;
# "$105 billion more than last year": the difference between two figures the text gives is its own arithmetic
_BASELINE_BEFORE = lazy_re.compile(
    r"\bfrom\s+(?:about\s+|around\s+|almost\s+|nearly\s+|over\s+|more\s+than\s+|some\s+|just\s+)?$",
    re.IGNORECASE,
)
_DIFFERENCE_AFTER = lazy_re.compile(r"\s*(?:more|fewer|less|higher|lower)\s+than\b", re.IGNORECASE)


def _change(text: str, figure: Span) -> bool:
    """A percentage that gives a change ("50% fewer people", "a rise of 40%"), not a share."""
    lead = text[max(0, figure.start - 40) : figure.start]
    return _COMPARATIVE_AFTER.match(text, figure.end) is not None or _CHANGE_BEFORE.search(lead) is not None


def _not_the_forecast(text: str, claim: Claim) -> Claim:
    """``claim`` without the forecast mark when its figure is what the forecast starts from or a difference the
    text computes: such a figure is held to the policy for figures stated as fact."""
    if EXPECTED not in claim.scope.split(", "):
        return claim
    figure = claim.figure_span
    lead = text[max(0, figure.start - 30) : figure.start]
    if _BASELINE_BEFORE.search(lead) is None and _DIFFERENCE_AFTER.match(text, figure.end) is None:
        return claim
    scope = ", ".join(part for part in claim.scope.split(", ") if part != EXPECTED)
    return claim._replace(scope=scope)


# A casualty count of a past incident the story refers to ("one of 11 pupils killed at the college four years
# ago", "the 2009 raids that left three Danes dead", "killed in the 2012 attack"): background, as a figure of
# another year is (PolNeAR dev); the year before a noun is an attribute the extractor does not read as a date
_YEAR_INCIDENT = (
    r"\bthe\s+(?:[a-z]+\s+)?(?:1[89]|20)\d\d\s+(?:(?-i:[A-Z])[\w'’.-]*,?\s+|(?-i:[a-z]+)\s+){0,3}(?:attacks?|"
    r"bombings?|shootings?|massacres?|riots?|war|earthquake|tsunami|floods?|fire|crash|disaster|uprising|invasion|"
    r"raid|siege|killings?|crisis)\b"
)
_PAST_INCIDENT = lazy_re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many)\s+(?:years?|decades?)\s+"
    rf"ago\b|{_YEAR_INCIDENT}",
    re.IGNORECASE,
)
# ... or one its sentence dates to a past year or month, which news copy gives its own incident rarely (it has a
# day: "on Friday"): "twelve people were killed at a market in Carlton in March", "shot down above Ruritania in 2011,
# killing all 143 on board",
# "the Oct. 4, 2009, raid … that killed six" (PolNeAR dev and test-a labels: widely known tolls of earlier
# attacks, wars and crashes); or one the sentence before in its paragraph dates at its opening ("In 1979 the revolt
# failed. Soldiers fired on the crowd, killing 12.")
_MONTH = rf"(?:{alternation(MONTHS)}|(?:{alternation(MONTH_ABBREVIATIONS)})\.)"
_YEAR = r"(?:1[89]|20)\d\d\b"
_DATED_PAST = lazy_re.compile(
    rf"\b(?i:in|since|until|during|of|on)\s+(?:(?i:early|late|mid)[\s-]+)?(?:{_MONTH}\s+(?:\d{{1,2}},?\s+)?)?{_YEAR}"
    rf"|\b{_MONTH}\s+\d{{1,2}},\s+{_YEAR}"
    rf"|\b(?i:in)\s+{_MONTH}(?!\s+\d)"
)
_SINCE = lazy_re.compile(r"\bsince\b[^,;]*$", re.IGNORECASE)  # "the worst attack since a truce collapsed in May"
_NAME_IN_CLAUSE = lazy_re.compile(rf"(?<=[\w,] )(?!(?:{alternation(MONTHS, MONTH_ABBREVIATIONS)})\b)[A-Z][\w'’-]+")
_CLAUSE_BREAK = lazy_re.compile(r";|,\s+(?:and|but|while|whereas)\s")
_OPENS_DATED = lazy_re.compile(rf"[\s\"“‘']*(?i:in|by)\s+(?:{_MONTH}\s+(?:\d{{1,2}},?\s+)?)?{_YEAR}")
# ... and a sentence that refers back to one the article named with its year ("the fatal 2012 Carlton, Ruritania,
# crisis …. Three Danes lost their lives in the raids.")
_NAMED_WITH_YEAR = lazy_re.compile(_YEAR_INCIDENT, re.IGNORECASE)
# Per thread (drafts are ruled in threads on the LLM path: one slot shared by them would be replaced by each
# draft in turn, and each search start again from the top): the last draft's
#   incident: (text, end, whether a match ending before that end was found, where a search from there on must start)
#   named: (claims, the named sources' claims by event and figure)
_LAST = threading.local()


def _named_with_year_before(text: str, end: int) -> bool:
    """``_NAMED_WITH_YEAR.search(text, 0, end) is not None``, for ends in order searched on from near the last end:
    a search of the whole text before each sentence was quadratic in the draft.

    A match found before the last end (not at it) is one before any later end: what it read is the same there.
    Otherwise no attempt starting before the last end's seventh-last run of non-space characters can have read up
    to that end (a match is at most seven runs: "the", a word, the year, three words, the incident), so each failed
    there as it fails before the new end, and the search starts at that run.
    """
    cached: tuple[str, int, bool, int] = getattr(_LAST, "incident", ("", 0, False, 0))
    if cached[0] is not text or end < cached[1]:
        cached = (text, 0, False, 0)
    if cached[2]:
        return True
    found = _NAMED_WITH_YEAR.search(text, cached[3], end)
    window = max(0, end - 2000)
    runs = text[window:end].rsplit(None, 7)
    restart = window + len(runs[0]) if len(runs) > 7 else (0 if window == 0 else -1)
    if found is not None and found.end() < end:
        _LAST.incident = (text, end, True, 0)
    elif restart >= 0:
        _LAST.incident = (text, end, False, restart)
    else:
        _LAST.incident = (text, 0, False, 0)  # (seven runs longer than the window: searched from the start again)
    return found is not None


_THE_INCIDENT = lazy_re.compile(
    r"\b(?:the|those|these)\s+(?:attacks?|bombings?|shootings?|massacres?|riots?|raids?|siege|killings|crisis)\b",
    re.IGNORECASE,
)


# ... or one its sentence names ("the Harbour Day attack in Carlton, Ore. — where 31 were killed"), or that its
# sentence or the one before names by its perpetrator's epithet ("Harbour-town gunman Ivo Marsh … managed to kill 9
# people", "The police had questioned Carlton Fair bomber Tom Hale…. Three people were killed"; PolNeAR
# dev labels). The story's own incident is "a bomb attack", "another attack"
_NAMED_INCIDENT = lazy_re.compile(
    r"\bthe\s+((?:[\w'’.-]+,?\s+){1,4})(?:attacks?|bombings?|shootings?|massacre|crisis|siege|killings|rampage)\b"
    rf"|(?<=[a-z,] )[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+(?:{PERPETRATORS})\s+[A-Z]"
)


# ... or one the sentence gives as the time of what it tells, by its place ("In the days after 14 people were
# killed in Carlton, a voice celebrated", "He called for the ban after a pair killed 9 people in a shooting in
# Carlton": the story is about what came after; PolNeAR dev labels)
_AFTER = lazy_re.compile(r"\b(?:after|since|following)\s[^;:!?]{0,100}$", re.IGNORECASE)
_IN_PLACE = lazy_re.compile(r"[^;:!?.]{0,60}?\bin\s+[A-Z][a-z]")


def _names_an_incident(text: str, span: Span, epithet_only: bool = False) -> bool:
    for match in _NAMED_INCIDENT.finditer(text, span.start, span.end):
        if match.group(1) is None or (not epithet_only and any(word[0].isupper() for word in match.group(1).split())):
            return True
    return False


def _dated_and_named(text: str, clause: Span) -> bool:
    """A past year or month dates ``clause``, not a "since" in it, and a name in it (a place, a flight, a party)
    says which incident: "shot dead 14 people in Carlton in March" (not "in 2011 a bus fell from the bend")."""
    dated = any(
        _SINCE.search(text, clause.start, match.start()) is None
        for match in _DATED_PAST.finditer(text, clause.start, clause.end)
    )
    return dated and _NAME_IN_CLAUSE.search(text, clause.start, clause.end) is not None


def _past_incident(text: str, claim: Claim, sentence: Span | None, previous: Span | None = None) -> bool:
    event = claim.event.removesuffix(" (attempted)")
    if sentence is None or event not in PEOPLE_EVENTS or EXPECTED in claim.scope.split(", "):
        return False
    if _PAST_INCIDENT.search(text, sentence.start, sentence.end) is not None:
        return True
    # the figure's clause: "The poll closed in May, and 40 people were killed" dates the poll, not the toll
    figure = claim.figure_span
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, figure.start)]
    stop = _CLAUSE_BREAK.search(text, figure.end, sentence.end)
    clause = Span(starts[-1] if starts else sentence.start, stop.start() if stop else sentence.end)
    if event in _CASUALTIES and (
        _dated_and_named(text, clause)
        or (
            previous is not None
            and "\n" not in text[previous.end : sentence.start]
            and _OPENS_DATED.match(text, previous.start, previous.end) is not None
        )
    ):
        return True
    if _THE_INCIDENT.search(text, sentence.start, sentence.end) is not None and _named_with_year_before(
        text, sentence.start
    ):
        return True
    after = _AFTER.search(text, sentence.start, figure.start)
    if after and _IN_PLACE.match(text, figure.end, sentence.end):
        # "After the storm passed, 14 people were killed in Carlton": the clause it opens ends before the figure
        opening = not text[sentence.start : after.start()].strip(" \"“‘'(")
        if not (opening and "," in text[after.start() : figure.start]):
            return True
    # the sentence before may bring in the story's own incident after a named one ("news of the Orlando shooting
    # came hours after a man set off explosives in Shanghai. Four people were injured"): there only an epithet, or
    # a named incident that dates what it tells ("The email was sent hours after the initial Carlton attack. Two
    # Americans were killed")
    return _names_an_incident(text, sentence) or (
        previous is not None and (_names_an_incident(text, previous, True) or _dated_by_incident(text, previous))
    )


_AFTER_THE = lazy_re.compile(
    r"\b(?:after|since|following)\s+the\s+((?:[\w'’.-]+\s+){1,3}?)(?:attacks?|bombings?|shootings?|massacre|"
    r"siege|killings|rampage)\b",
    re.IGNORECASE,
)


def _dated_by_incident(text: str, span: Span) -> bool:
    """ "…, hours after the initial Carlton attack": a named incident given as the time of what the sentence tells."""
    return any(
        any(word[0].isupper() for word in match.group(1).split())
        for match in _AFTER_THE.finditer(text, span.start, span.end)
    )


# Figures that are not statistics anyone must stand behind (PolNeAR dev labels): a vote's result, public record
# ("the measure passed with 51.4 percent of the vote", "was rejected by 61.2 percent of voters"); a count of
# what the sentence lists or names ("two significant assets…: a vast list of donors and…", "Ana Ortiz and Eva
# Moss, two of the women who…"), ten or fewer; a figure offered as an alternative ("between two men or two women")
_QUALIFIER = r"(?:about\s+|almost\s+|nearly\s+|just\s+|over\s+|more\s+than\s+|some\s+|roughly\s+)?"
_VOTE_RESULT = lazy_re.compile(rf"\b(?:passed|rejected|approved|carried|defeated)\s+(?:with|by)\s+{_QUALIFIER}$")
_VOTE_WON = lazy_re.compile(rf"\b(?:won|took|received|garnered)\s+{_QUALIFIER}$")
_OF_THE_VOTE = lazy_re.compile(r"\s*(?:percent|per\s+cent|%)?\s+of\s+the\s+(?:\w+\s+)?vote\b")
_LISTED_AFTER = lazy_re.compile(r"[^.;:!?]{0,100}:\s+[^.;!?]{3,}?\b(?:and|or)\b")
_NAMED_BEFORE = lazy_re.compile(r"\b[A-Z][\w'’-]+\s+(?:and|&)\s+(?:[A-Z][\w'’.-]+\s+){0,2}[A-Z][\w'’-]+,\s+$")
_SMALL_COUNT = 10


def _ends_lead(pattern: re.Pattern[str], words: int, text: str, start: int, end: int) -> bool:
    """``pattern.search(text[start:end]) is not None`` for a pattern anchored at the end that spans at most
    ``words`` words (split at whitespace): searched in place from the whitespace before them, not in a copy of
    the whole lead from every character (each figure of a long sentence doing so was quadratic). A search from
    the lead's own start reads it as a string's start, so that one is the copy's."""
    at = end
    while at > start and text[at - 1].isspace():
        at -= 1
    for _ in range(words):
        while at > start and not text[at - 1].isspace():
            at -= 1
        while at > start and text[at - 1].isspace():
            at -= 1
    if at <= start:
        return pattern.search(text[start:end]) is not None
    return pattern.search(text, at, end) is not None


def _not_a_statistic(text: str, claim: Claim, sentence: Span | None) -> bool:
    figure = claim.figure_span
    if sentence is None or (EXPECTED in claim.scope.split(", ") and claim.unit):
        return False
    if claim.unit == "%":
        return _ends_lead(_VOTE_RESULT, 4, text, sentence.start, figure.start) or (
            _ends_lead(_VOTE_WON, 3, text, sentence.start, figure.start)
            and _OF_THE_VOTE.match(text, figure.end) is not None
        )
    if claim.unit or not (claim.value.low == claim.value.high <= _SMALL_COUNT):
        return False
    lead = text[sentence.start : figure.start]
    word = re.escape(text[figure.start : figure.end])
    alternative = re.match(rf"\s+[a-z]+\s+or\s+{word}\b", text[figure.end : sentence.end], re.IGNORECASE) or re.search(
        rf"\b{word}\s+[a-z]+\s+or\s+$", lead, re.IGNORECASE
    )
    if alternative or _NAMED_BEFORE.search(lead) is not None:
        return True
    # a casualty count with its list stays one ("Three people were killed: two soldiers and a civilian")
    listed = _LISTED_AFTER.match(text, figure.end, sentence.end) is not None
    return listed and claim.event.removesuffix(" (attempted)") not in PEOPLE_EVENTS


# "45 percent of registered voters …, compared to 39 percent", "51 percent to 44 percent among Green voters":
# shares set against each other in one sentence are shares of the same kind, so they take one severity
_COMPARED = lazy_re.compile(r"\b(?:compared\s+(?:with|to)|against|versus|vs\.?|while|whereas|to)\b", re.IGNORECASE)


# The inverted pyramid: a story tells its own incident in its headline and first paragraph. When they tell none (a
# column on the FBI's record, a profile, a political story), a casualty count tied to a particular incident — by
# its place, a definite reference, its perpetrator — is that incident's known toll, background: "two people were
# hurt in Carlton during it", "the Carlton bomber … Three people lost their lives" (PolNeAR dev labels). A toll no
# incident holds ("over four decades, some 1,800 civilians died") stays a warning, and so does every count of a
# story whose opening tells of deaths, an attack, a fire, a storm or any incident: its counts are its news.
_INCIDENT = lazy_re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|dies|dying|injur\w*|wound\w*|hurt|casualt\w*|victims?|attack\w*|bomb\w*|"
    r"blast|explo(?:sions?|sives?|des?|ded|ding)|shoot\w*|gunm[ae]n|\w*fires?|blazes?|flood\w*|\w*quakes?|storms?|"
    r"hurricanes?|typhoons?|cyclones?|tornado\w*|heatwaves?|avalanches?|\w*slides?|eruptions?|crash\w*|collisions?|"
    r"collid\w*|derail\w*|capsiz\w*|sank|sunk|sinking|drown\w*|stampedes?|outbreaks?|epidemics?|infect\w*|poison\w*|"
    r"overdos\w*|riot\w*|clash\w*|violen\w*|wars?|fighting|battles?|massacres?|rampages?|accidents?|disasters?|"
    r"collaps\w*|evacuat\w*|rescu\w*|missing|hostages?|kidnap\w*|abduct\w*|hijack\w*|shelling|airstrikes?|raids?|"
    r"sieges?|ambush\w*|stabb\w*|assault\w*|murder\w*|arson|executions?|executed|suicide|tolls?|fatal\w*|"
    r"hospital\w*)\b",
    re.IGNORECASE,
)
_TIED_TO_INCIDENT = lazy_re.compile(
    r"\b(?:[Ii]n|[Aa]t|near|outside)\s+(?:the\s+)?[A-Z][a-z]"
    r"|\b(?:the|that|this|those|these)\s+(?:[\w'’-]+\s+){0,3}?(?:attacks?|bombings?|shootings?|massacres?|blasts?|"
    r"explosions?|crash(?:es)?|raids?|siege|rampage|ambush)\b"
    r"|\bas\s+a\s+result\b"
    rf"|[A-Z][\w'’-]+\s+(?:{PERPETRATORS})\b"
)
_CASUALTIES = frozenset({"killed", "injured"})
_RECORDS = frozenset({"data", "records", "census"})


# where STUDY matches, every place (a lookahead: overlapping ones too), and more than its longest match
_STUDY_AT = lazy_re.compile(f"(?={lazy_re.source(STUDY)[0]})", lazy_re.source(STUDY)[1])
_STUDY_REACH = 32


class _Sentences:
    """The sentence holding a position, found by bisection over the document's sentences."""

    def __init__(self, doc: Document) -> None:
        pairs = list(all_sentences(doc))
        self.spans = [sent for _para, sent in pairs]
        self.paragraphs = [para for para, _sent in pairs]
        self.starts = [span.start for span in self.spans]
        self.first_of = list(range(len(pairs)))  # the first sentence of each sentence's paragraph
        for k in range(1, len(pairs)):
            if self.paragraphs[k] == self.paragraphs[k - 1]:
                self.first_of[k] = self.first_of[k - 1]
        self.lede: list[Span] | None = None
        self.study: list[str] | None = None
        self.study_at: list[int] | None = None  # where STUDY matches in study_text (``_study_between``)
        self.study_text = ""
        # the attributed forecasts and shares of the claims last asked about, by their figures' starts
        self.given: dict[str, tuple[tuple[Claim, ...], list[Claim], list[int]]] = {}
        self.text = doc.text

    def of(self, position: int) -> Span | None:
        i = bisect.bisect_right(self.starts, position) - 1
        if i >= 0 and self.spans[i].start <= position < self.spans[i].end:
            return self.spans[i]
        return None

    def before(self, sentence: Span) -> Span | None:
        """The sentence before ``sentence``, across a paragraph break too."""
        i = bisect.bisect_left(self.starts, sentence.start)
        return self.spans[i - 1] if 0 < i < len(self.spans) and self.spans[i] == sentence else None

    def study_named(self, text: str, sentence: Span) -> bool:
        """A poll, survey, study or report named in ``sentence``, the sentence before it (across a paragraph
        break too) or earlier in its paragraph: the figures it goes on to give are its findings."""
        i = bisect.bisect_left(self.starts, sentence.start)
        if i >= len(self.spans) or self.spans[i] != sentence:
            return False
        start = min(self.paragraphs[i].start, self.spans[i - 1].start if i > 0 else sentence.start)
        return self._study_between(text, start, sentence.end)

    def _study_between(self, text: str, start: int, end: int) -> bool:
        """``STUDY.search(text, start, end) is not None``, from where STUDY matches in the whole text (found once)
        up to ``_STUDY_REACH`` before ``end`` and by searching after that: searching from the paragraph's start for
        each of its sentences was quadratic in a paragraph of thousands of lines (a list with no blank line). A
        match starting that far before ``end`` cannot read up to it, so it is a match of the stretch too."""
        if self.study_at is None or self.study_text is not text:
            self.study_at = [m.start() for m in _STUDY_AT.finditer(text)]
            self.study_text = text
        near = max(start, end - _STUDY_REACH)
        first = bisect.bisect_left(self.study_at, start)
        if first < len(self.study_at) and self.study_at[first] < near:
            return True
        return STUDY.search(text, near, end) is not None

    def forecaster(self, claim: Claim, claims: tuple[Claim, ...]) -> str:
        """The named source of the last forecast before ``claim`` in its paragraph, or "": a forecast with no
        forecaster of its own goes on with the one the paragraph quotes ("In a speech, Mayor Ana Ruiz forecast 4%
        growth for 2027. … Port fees are forecast to drop to $3.2bn")."""
        i = bisect.bisect_right(self.starts, claim.figure_span.start) - 1
        if i < 0:
            return ""
        para = self.paragraphs[i]
        last = self._last_given(claims, "forecast", para.start, claim.figure_span.start)
        return "" if last is None else last.source.name or last.source.kind.value

    def opening(self, head: Span | None) -> list[Span]:
        """The headline and the first paragraph of the body: the first two paragraphs (a title the layout does not
        mark as a headline is one), and a third when the second is under twelve words ("ABSTRACT.")."""
        if self.lede is None:
            spans = [head] if head is not None else []
            for para in dict.fromkeys(self.paragraphs):
                if head is not None and head.contains(para):
                    continue
                spans.append(para)
                if len(spans) >= 3 or (len(spans) == 2 and len(self.text[para.start : para.end].split()) >= 12):
                    break
            self.lede = spans
        return self.lede

    def background_casualties(self, claim: Claim, head: Span | None, sentence: Span) -> bool:
        """A casualty count tied to a particular incident, in a story whose opening tells no incident."""
        if claim.event.removesuffix(" (attempted)") not in _CASUALTIES or EXPECTED in claim.scope.split(", "):
            return False
        opening = self.opening(head)
        if any(span.contains(claim.figure_span) for span in opening):
            return False
        if any(_INCIDENT.search(self.text, span.start, span.end) for span in opening):
            return False
        previous = self.before(sentence)
        return any(
            _TIED_TO_INCIDENT.search(self.text, span.start, span.end) is not None
            for span in (sentence, previous)
            if span is not None
        )

    def study_reported(self, head: Span | None, forecast: bool) -> str:
        """The poll, survey, study, report or office the opening names ("the audit office said in a report", "a
        new study shows"), or "": the article reports it, so its shares and forecasts are most likely its findings.
        For a forecast, not data, records or a census: they give what was, and a forecast needs a forecaster."""
        if self.study is None:
            self.study = [
                match.group(0)
                for span in self.opening(head)
                for match in STUDY.finditer(self.text, span.start, span.end)
            ]
        return next((word for word in self.study if not (forecast and word.lower() in _RECORDS)), "")

    def share_given_before(self, claim: Claim, claims: tuple[Claim, ...]) -> str:
        """The named source of the last share given before ``claim`` in its paragraph or the paragraph before, or
        "": a share stated as fact after a source's shares goes on with them ("The Harbour poll found 45% backed
        the plan.¶Among women, 52% backed it")."""
        i = bisect.bisect_right(self.starts, claim.figure_span.start) - 1
        if i < 0:
            return ""
        para = self.paragraphs[i]
        first = self.first_of[i]
        start = self.paragraphs[first - 1].start if first else para.start  # the paragraph before, or its own
        last = self._last_given(claims, "share", start, claim.figure_span.start)
        return "" if last is None else last.source.name or last.source.kind.value

    def _last_given(self, claims: tuple[Claim, ...], kind: str, start: int, end: int) -> Claim | None:
        """The attributed forecast or share (``kind``) whose figure starts last in ``start``–``end`` (the first of
        ``claims`` among those at the same place), or None: by bisection over them, found once for ``claims``
        (each figure reading all the draft's claims was quadratic)."""
        given = self.given.get(kind)
        if given is None or given[0] is not claims:
            if kind == "forecast":
                kept = [c for c in claims if c.source.attributed and EXPECTED in c.scope.split(", ")]
            else:
                kept = [c for c in claims if c.source.attributed and c.unit == "%"]
            kept.sort(key=lambda c: c.figure_span.start)  # (stable: the claims' order among those at one place)
            given = self.given[kind] = (claims, kept, [c.figure_span.start for c in kept])
        kept, starts = given[1], given[2]
        i = bisect.bisect_left(starts, end)
        if not i or starts[i - 1] < start:
            return None
        return kept[bisect.bisect_left(starts, starts[i - 1])]


def sourced_in_body(claim: Claim, claims: tuple[Claim, ...], head: Span | None) -> bool:
    """A headline figure that the body gives again with a source: the headline needs no source of its own."""
    if head is None or not head.contains(claim.figure_span):
        return False
    return any(
        other.source.attributed
        and not head.contains(other.figure_span)
        and (other.value.low, other.value.high, other.unit) == (claim.value.low, claim.value.high, claim.unit)
        and (not claim.event or not other.event or claim.event == other.event)
        for other in claims
    )


# "TWO HURT IN DEPOT FIRE Crews fought the blaze for hours. [Ana Ruiz, Harbour Post]": a digest item's credit in
# brackets at the end of its line names the report it sums up (PolNeAR test-a: a morning digest's items)
_CREDIT = lazy_re.compile(r"\[\s*([A-Z][^\[\]\n]{0,60}?)\s*\]\s*$")


def _credit(text: str, span: Span) -> str:
    """The credit in brackets that closes the line holding ``span``, or "".

    Only the line's last "[" can open it (a credit holds no bracket, and only blanks follow it): that one, found
    once for the line, is matched when it is after ``span``. Searching the rest of the line for each figure was
    quadratic in a draft with no line break."""
    global _LINES
    cached = _LINES  # read once: another thread may replace it meanwhile
    if cached[0] is not text:
        cached = _LINES = (text, [m.start() for m in _NEWLINE.finditer(text)], {})
    newlines, brackets = cached[1], cached[2]
    line = bisect.bisect_left(newlines, span.end)
    end = newlines[line] if line < len(newlines) else len(text)
    at = brackets.get(line)
    if at is None:
        at = brackets[line] = text.rfind("[", newlines[line - 1] + 1 if line else 0, end)
    found = _CREDIT.match(text, at, end) if at >= span.end else None
    return "" if found is None else found.group(1)


# the last draft, where its line breaks are, and the last "[" of each line asked about (-1: none)
_LINES: tuple[str, list[int], dict[int, int]] = ("", [], {})
_NEWLINE = lazy_re.compile("\n")


def sourced_elsewhere(claim: Claim, claims: tuple[Claim, ...]) -> str:
    """The named source of the same figure for the same event elsewhere in the article, or "": "In Carlton, 80
    people were detained over the weekend. … Thirty of the 80 held were freed on Monday, a Harbour Police
    spokeswoman said." (PolNeAR test-a): the reader finds who counted them."""
    event = claim.event.removesuffix(" (attempted)")
    if not event:
        return ""
    # the named sources' claims by event and figure, made once per draft (a scan of every claim for each vague one
    # was quadratic: 10 MB bench draft ~12 s)
    cached: tuple[tuple[Claim, ...], dict[tuple[str, float, float, str], list[Claim]]]
    cached = getattr(_LAST, "named", ((), {}))
    if cached[0] is not claims:
        index: dict[tuple[str, float, float, str], list[Claim]] = defaultdict(list)
        for other in claims:
            if other.source.attributed and other.source.kind is not SourceKind.VAGUE:
                key = (other.event.removesuffix(" (attempted)"), other.value.low, other.value.high, other.unit)
                index[key].append(other)
        cached = _LAST.named = (claims, dict(index))
    for other in cached[1].get((event, claim.value.low, claim.value.high, claim.unit), ()):
        if other is not claim:
            return other.source.name or other.source.kind.value
    return ""


def attribution(ctx: Context) -> Iterator[Finding]:
    unspoken = [q for q in ctx.quotations if q.speaker.kind is SourceKind.NONE]
    unspoken_index = SpanIndex(q.span for q in unspoken)
    inside: dict[Span, list[Claim]] = defaultdict(list)  # the claims in each unspoken quotation
    head = headline(ctx.doc)
    text = ctx.doc.text
    sentences: _Sentences | None = None
    shares: list[tuple[Claim, bool]] = []  # unsourced percentages: the claim, and whether it is a share of people
    unsourced: list[Finding] = []
    for claim in ctx.claims:
        holder = unspoken_index.containing(claim.figure_span)
        if holder is not None:
            inside[holder].append(claim)
        kind = claim.source.kind
        if claim.value.low <= 0 and math.isinf(claim.value.high):
            continue  # "several", "a number of": no figure a source could stand behind
        if kind is SourceKind.VAGUE:
            cue = claim.source.name or claim.source.cue
            if sentences is None:
                sentences = _Sentences(ctx.doc)
            sentence = sentences.of(claim.figure_span.start)
            # a past incident's toll is background whoever gives it ("Critics said the panel ignored the 2009
            # raid, which killed six guards": the critics' charge is about the panel, not the toll)
            past = _past_incident(text, claim, sentence, None if sentence is None else sentences.before(sentence))
            yield finding(
                VAGUE,
                f"“{clip(claim.quote)}”: only a vague source (“{cue}”) gives this figure",
                claim.figure_span,
                [claim],
                severity=Severity.INFO
                if _modifier(ctx.doc.text, claim.figure_span)
                or _PRONOUN.fullmatch(cue)
                or is_background(claim, ctx.taxonomy, VAGUE_SOURCE_EVENTS)
                or past
                else None,
            )
        elif kind is SourceKind.NONE and holder is None and not sourced_in_body(claim, ctx.claims, head):
            # a headline figure the body does not source is still info: the story under it is the place; so is
            # a definite reference to what the reader already knows ("killing the nine French soldiers")
            in_head = head is not None and head.contains(claim.figure_span)
            start = claim.figure_span.start
            known = _REFERENCE.search(text, max(0, start - 8), start) is not None
            known = known and _PARTITIVE.search(text, max(0, start - 40), start) is None
            modifier = _modifier(text, claim.figure_span)
            judged = _not_the_forecast(text, claim)
            forecast = EXPECTED in judged.scope.split(", ")
            change = judged.unit == "%" and not forecast and _change(text, claim.figure_span)
            if sentences is None:
                sentences = _Sentences(ctx.doc)
            sentence = sentences.of(claim.figure_span.start)
            plain = not (in_head or known or modifier or change)  # nothing but the policy decides
            severity = (
                Severity.INFO
                if not plain
                or is_background(judged, ctx.taxonomy)
                or _past_incident(text, judged, sentence, None if sentence is None else sentences.before(sentence))
                or _not_a_statistic(text, judged, sentence)
                or (sentence is not None and sentences.background_casualties(judged, head, sentence))
                else None
            )
            # a share or a projection right after a named poll, survey or report is its finding (PolNeAR dev
            # labels: 17 of the 42 wrong FL201 warnings); casualties and arrests need a source of their own
            studied = (
                severity is None
                and sentence is not None
                and judged.event.removesuffix(" (attempted)") not in PEOPLE_EVENTS
                and sentences.study_named(text, sentence)
            )
            # where the figure's source most likely is when the text gives it in a way no cue marks (not for
            # casualties and arrests: they need a source of their own): a forecast goes on with the forecaster
            # its paragraph names before it; a share or a forecast in an article whose opening names a poll,
            # a study or a report is its finding; a share stated as fact goes on with the source of the shares
            # given just before it (the same or the previous paragraph)
            context = ""
            if (
                severity is None
                and not studied
                and sentence is not None
                and judged.event.removesuffix(" (attempted)") not in PEOPLE_EVENTS
            ):
                if forecast:
                    named = sentences.forecaster(claim, ctx.claims)
                    context = f"the forecast may be {named}’s, named earlier in its paragraph" if named else ""
                if not context and (forecast or judged.unit == "%"):
                    study = sentences.study_reported(head, forecast)
                    context = f"its source may be the {study.lower()} the article's opening names" if study else ""
                if not context and judged.unit == "%" and not forecast:
                    named = sentences.share_given_before(claim, ctx.claims)
                    context = f"the share may be {named}’s, given just before" if named else ""
            if severity is None and not studied and not context:
                named = sourced_elsewhere(claim, ctx.claims)
                context = f"the same figure is {named}’s elsewhere in the article" if named else ""
            if severity is None and not studied and not context:
                credit = _credit(text, claim.figure_span)
                context = f"its source may be the credit “[{credit}]” closing its line" if credit else ""
            if studied or context:
                severity = Severity.INFO
            if judged.unit == "%" and plain and not forecast and not studied and not context:
                people = expects_source(judged, ctx.taxonomy)
                shared = expects_source(judged._replace(population=("person",)), ctx.taxonomy)
                if shared:
                    shares.append((claim, people))
            unsourced.append(
                finding(
                    UNATTRIBUTED,
                    f"“{clip(claim.quote)}”: no source for this figure" + (f" ({context})" if context else ""),
                    claim.figure_span,
                    [claim],
                    severity=severity,
                )
            )
    yield from _one_severity_for_compared_shares(text, unsourced, shares, sentences)
    if sentences is None and unspoken:
        sentences = _Sentences(ctx.doc)
    spoken = SpanIndex(q.span for q in ctx.quotations if q.speaker.kind is not SourceKind.NONE)
    carried: set[Span] = set()  # unspoken quotations that go on from a speaker named just before
    quoted = [q.span for q in ctx.quotations]
    in_order = sorted(quoted, key=lambda span: span.start)
    quoted_starts = [span.start for span in in_order]
    for quote in unspoken:
        if (
            _said_within(text, quote.span)
            or _said_after(text, quote.span)
            or (sentences is not None and _after_a_speaker(text, quote.span, sentences, spoken, carried, quoted))
            or _run_on(text, quote.span, in_order, quoted_starts, spoken, carried)
        ):
            carried.add(quote.span)
    candidates: _Candidates | None = None
    for quote in unspoken:
        words = ctx.doc.text[quote.span.start : quote.span.end].split()
        if len(words) < 4 or _embedded(ctx.doc.text, quote.span) or _cited(ctx.doc.text, quote.span):
            continue  # scare quotes, titles, headlines, slogans and fragments woven into a sentence, not speech
        claims = inside[quote.span]
        opening = " ".join(words[:10]) + ("…" if len(words) > 10 else "")
        detail = f", with {plural(len(claims), 'figure')} in it" if claims else ""
        # "“I watched it burn.”": a person evidently speaks, and the text around most likely says who, in a way
        # the patterns miss (PolNeAR dev: 21 of 25 such findings were on annotated speech); a quotation in no
        # one's voice ("“Fifty prisoners … were killed”", a witness's "we") stays a warning
        voiced = FIRST_PERSON.search(ctx.doc.text, quote.span.start, quote.span.end) is not None
        introduced = (
            quote.span in carried or _introduced(ctx.doc.text, quote.span) or _said_after(ctx.doc.text, quote.span)
        )
        # a warning needs evidence that no one speaks: no person in the sentences around the quotation
        if sentences is not None and candidates is None:
            candidates = _Candidates(ctx, sentences)
        near = candidates.near(quote.span) if candidates is not None else None
        where = f" (the speaker may be “{near[0]}”, in {near[1]})" if near else ""
        credit = "" if near else _credit(text, quote.span)
        where = f" (its source may be the credit “[{credit}]” closing its line)" if credit else where
        yield finding(
            UNSPOKEN,
            f"quotation has no speaker{detail}: {opening}{where}",
            quote.span,
            claims,
            severity=Severity.INFO if voiced or introduced or near or credit else None,
        )


# a person in a sentence around a quotation: "he" or "she", a role with a name ("Mayor Tom Hale") or with a
# determiner ("the mayor", "a spokeswoman"; one, not "officials"), or a person the text cites elsewhere by surname
_PERSON_PRONOUN = lazy_re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_ROLE_PERSON = lazy_re.compile(
    rf"\b(?i:{ROLES})\s+(?:[A-Z][\w'’.-]*\s+){{0,2}}[A-Z][\w'’-]+"
    rf"|\b(?i:the|a|an|one|his|her|their|its)\s+(?:[\w'’-]+\s+){{0,2}}?(?i:{ROLES})\b(?![s-])"
)
_SURNAME_WORD = lazy_re.compile(r"[A-Z][\w'’-]+")
_NAME_SPEAKS = lazy_re.compile(
    rf"\b(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}})\s+(?:{SPEECH_VERB_PATTERN})"
    rf"|(?:{SPEECH_VERB_PATTERN})\s+(?P<after>(?:[A-Z][\w'’-]+\s+){{0,2}}[A-Z][\w'’-]+)"
)


class _Candidates:
    """Who may speak a quotation the extractor gives no speaker: a person in its sentence, the sentence before it
    or the one after it (across a paragraph break too), not inside a quotation. Published copy names the speaker
    there in ways the patterns miss ("“…”¶“…,” Hale said.", "“…” That was the promise of Mayor Tom Hale.", "The
    mayor, Tom Hale, was defiant.¶“…”"). A sentence that gives figures does not count, nor, across a paragraph
    break, any sentence of a paragraph that does: after an official's briefing of figures ("Police Chief Andrea
    Moss said three children were among the wounded.¶“People were running everywhere…”") wire copy puts another
    voice, a witness's (the synthetic corpora's unspoken quotations are all of that kind, and stay warnings)."""

    def __init__(self, ctx: Context, sentences: _Sentences) -> None:
        self.text = ctx.doc.text
        self.sentences = sentences
        self.quotations = ctx.quotations
        quoted = SpanIndex(q.span for q in ctx.quotations)
        # figures of reported speech or narration: one in a quotation is a person's own words, and their voice
        # may well go on
        self.figures = [c.figure_span for c in ctx.claims if quoted.containing(c.figure_span) is None]
        self._figure_starts = sorted(f.start for f in self.figures)  # (looked up by bisection: it was a scan of all)
        # the quotations in order and apart (the offline extractor's), looked up by bisection too; else scanned
        spans = [q.span for q in self.quotations]
        ordered = all(spans[i].end <= spans[i + 1].start for i in range(len(spans) - 1))
        self._quote_starts = [q.start for q in spans] if ordered else None
        named = [q.speaker for q in ctx.quotations] + [c.source for c in ctx.claims]
        self.surnames = {
            s.name.split()[-1]
            for s in named
            if s.kind is SourceKind.PERSON and s.name and _SURNAME_WORD.fullmatch(s.name.split()[-1])
        }
        # and whoever the text has speak without a figure ("Tom Hale said the town would recover."), by surname
        for match in _NAME_SPEAKS.finditer(self.text):
            name = match.group("name") or match.group("after")
            if speaker_kind(name, self.text) is SourceKind.PERSON:
                self.surnames.add(name.split()[-1])

    def _figured(self, span: Span) -> bool:
        """``any(span.start <= f.start < span.end for f in self.figures)``."""
        at = bisect.bisect_left(self._figure_starts, span.start)
        return at < len(self._figure_starts) and self._figure_starts[at] < span.end

    def _overlapping(self, span: Span) -> Sequence[Quotation]:
        """The quotations that may overlap ``span``, in order: all of them unless they are in order and apart."""
        if self._quote_starts is None:
            return self.quotations
        first = max(0, bisect.bisect_right(self._quote_starts, span.start) - 1)  # (one starting before may reach in)
        return self.quotations[first : bisect.bisect_left(self._quote_starts, span.end)]

    def near(self, quote: Span) -> tuple[str, str] | None:
        """The first person named around the quotation and where, or None."""
        spans, paragraphs = self.sentences.spans, self.sentences.paragraphs
        first = bisect.bisect_right(self.sentences.starts, quote.start) - 1
        last = bisect.bisect_right(self.sentences.starts, max(quote.start, quote.end - 1)) - 1
        if first < 0:
            return None
        places = [(i, "its sentence") for i in range(first, last + 1)]
        places += [(first - 1, "the sentence before")] if first > 0 else []
        places += [(last + 1, "the sentence after")] if last + 1 < len(spans) else []
        for i, place in places:
            sentence = spans[i]
            if self._figured(sentence):
                continue
            spoken = self._speaker_beside(sentence, quote)
            if spoken:
                return spoken, place  # "“…”¶“We lost 40 homes,” a shopkeeper said.": their words may go on
            across = paragraphs[i] != paragraphs[first] and paragraphs[i] != paragraphs[last]
            if across and self._figured(paragraphs[i]):
                continue  # a briefing of figures: the next voice is another's
            who = self._person(sentence)
            if who:
                return who, place
        return None

    def _speaker_beside(self, sentence: Span, quote: Span) -> str:
        """The speaker of another quotation in ``sentence``, a person or a body."""
        return next(
            (
                q.speaker.name
                for q in self._overlapping(sentence)
                if q.span != quote
                and q.span.overlaps(sentence)
                and q.speaker.kind in (SourceKind.PERSON, SourceKind.ORGANISATION)
            ),
            "",
        )

    def _person(self, sentence: Span) -> str:
        """A person named in ``sentence`` outside its quotations."""
        body = list(self.text[sentence.start : sentence.end])
        for q in self._overlapping(sentence):
            if q.span.overlaps(sentence):
                for k in range(max(q.span.start, sentence.start), min(q.span.end, sentence.end)):
                    body[k - sentence.start] = " "
        said = "".join(body)
        found = _PERSON_PRONOUN.search(said) or _ROLE_PERSON.search(said)
        if found:
            return found.group(0)
        words = (w.removesuffix("'s").removesuffix("’s") for w in _SURNAME_WORD.findall(said))  # "Hale’s"
        return next((w for w in words if w in self.surnames), "")


# "Moss's response was: “Is Ivo Marsh out of Leeds or Derby?”", "telling Breitbart London: “…”": a colon
# hands the quotation to the clause before it, which says whose words they are in a way the patterns miss
# (PolNeAR dev: 7 of 8 such FL203 warnings were on annotated speech, the eighth the writer's own hypothetical)
_COLON_BEFORE = lazy_re.compile(r":\s*$")
# "“…,” Senate Deputy Leader Mara T. Voss (R-Ore.) said in a statement", "“…,” in sharp contrast to …, says
# Dante Scala": the sentence the quotation is in goes on to a speech verb; a full stop after an initial or a title
# does not end it ("Harry M. Reid", "Gov. Jeb Bush", "Comey Jr.")
_SENTENCE_END = lazy_re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\bSr)(?<!\bMrs)(?<!\bGov)(?<!\bSen)"
    r"(?<!\bRep)(?<!\bGen)(?<!\bRev)[.!?](?=\s|$)|[“\"\n]"
)
_SAID_AFTER_CHARS = 160
_SIGNED = lazy_re.compile(r"[.,]?\s*[-–—]\s*(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|President|Senator)?\.?\s*[A-Z][a-z]+[ ,]")


_MORE_VERBS = r"\b(?:spoke|speaks|praised|praises|touted|touts|hailed|hails|answered|answers|statement)\b"


class _Spoke:
    """A speech verb, or a verb that says someone spoke without being one ("Marsh spoke only in vague platitudes
    during the interview.", "Valastro praised Christie's leadership…", "the DNC issued a statement"; PolNeAR dev)."""

    _MORE = lazy_re.compile(_MORE_VERBS)

    def search(self, text: str, start: int, end: int) -> bool:
        return SPEECH_VERB.search(text, start, end) is not None or self._MORE.search(text, start, end) is not None


_SPOKE = _Spoke()
# a named person or a pronoun speaking: "Kerry said", "said Kerry", "Valastro praised", "he told"; or a named
# body issuing a statement, which the paragraph after quotes ("the league issued a statement apologising to Hale…
# ¶“On behalf of all of us at the league, we…”", PolNeAR dev; not "…, the health service said.": that may be anyone's)
_PERSON_SPOKE = lazy_re.compile(
    rf"(?:\b[A-Z][\w'’-]+|\b[Hh]e|\b[Ss]he)\s+(?:{SPEECH_VERB_PATTERN}|{_MORE_VERBS})"
    rf"|(?:{SPEECH_VERB_PATTERN})\s+(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)?\.?\s*[A-Z][a-z]"
    r"|\b[A-Z][\w'’-]+\s+(?:issued|released|put\s+out)\s+(?:a|an|the)\s+(?:[\w-]+\s+)?statement\b"
)


_ELLIPSIS_ONLY = lazy_re.compile(r"\s*(?:\.\s*\.\s*\.|…)\s*$")


def _run_on(
    text: str, span: Span, quoted: list[Span], starts: list[int], spoken: SpanIndex, carried: set[Span]
) -> bool:
    """A quotation that an ellipsis alone joins to the one before, which has a speaker or a colon's introduction:
    "her first four questioners pressed hard: “Is the plan dead?” . . . “Have you given up?”" (PolNeAR test-a)."""
    at = bisect.bisect_left(starts, span.start)
    if at == 0:
        return False
    before = quoted[at - 1]
    if before.end > span.start or _ELLIPSIS_ONLY.match(text, before.end, span.start) is None:
        return False
    return bool(spoken.overlapping(before)) or before in carried or _introduced(text, before)


def _after_a_speaker(
    text: str, span: Span, sentences: _Sentences, spoken: SpanIndex, carried: set[Span], quoted: list[Span]
) -> bool:
    """A quotation that opens its sentence right after a sentence with a speech verb or a quotation someone
    speaks ("Moss said that 40,000 would be admitted. “That comes to 95,000…”", "“He hated that,”
    said a 2011 Marsh aide. “He cut the rehearsals short…”"), or after such a quotation: news copy hands
    it to that speaker, a speech verb within its paragraph, a quotation with a speaker across a break too (BBC
    dev labels: "Andy Richards speaks in the sentence before", "continues Mr Howard's quotation")."""
    sentence = sentences.of(span.start)
    if sentence is None or text[sentence.start : span.start].strip(" \t“\"'‘"):
        return False  # the quotation does not open its sentence
    i = sentences.starts.index(sentence.start)
    if i == 0:
        return False
    before = sentences.spans[i - 1]
    if spoken.overlapping(before) or any(c.overlaps(before) for c in carried):
        return True
    if sentences.paragraphs[i - 1] == sentences.paragraphs[i]:
        return _SPOKE.search(text, before.start, before.end)
    # across a paragraph break reported speech hands on only a paragraph that is the quotation alone, and only a
    # named person's or a pronoun's ("Moss said that 40,000 would be admitted.¶“That comes to 95,000…”"):
    # after "…, the regional health service said." or before narration of its own ("“People were running
    # everywhere…” About 3,000 people were in the centre") it may be anyone's, a witness's (the synthetic
    # corpora's unspoken quotations are of that kind)
    # a paragraph of quotations only, one a line ("What that means is left open, since Marsh spoke only in
    # platitudes.¶“We must be much firmer.”¶“We are not pushing back hard enough.”", PolNeAR dev) is alone too
    para = sentences.paragraphs[i]
    rest = text[para.start : para.end]
    for other in quoted:
        if para.start <= other.start and other.end <= para.end:
            rest = rest.replace(text[other.start : other.end], "", 1)
    alone = not re.sub(r'[\s.,”"]+', "", rest)
    # or narration of a person the text follows, by pronoun ("She pauses.¶“Well, thank you so much.”", "He then had
    # a question for the audience.¶“Who will pay for it?”"): the one it names speaks (PolNeAR dev labels)
    return alone and (
        _PERSON_SPOKE.search(text, before.start, before.end) is not None
        or _PRONOUN_NARRATES.match(text, before.start, before.end) is not None
    )


_PRONOUN_NARRATES = lazy_re.compile(r"[\s\"“‘']*(?:And\s+|Then\s+)?(?:He|She)\s+(?:then\s+|again\s+)?[a-z]")


# a dash after a clause that cites or speaks introduces as a colon does ("The card quotes Psalm 23 – “…”")
_DASH_AFTER_CUE = lazy_re.compile(rf"(?:\bquot(?:es|ed|ing)\b|{SPEECH_VERB_PATTERN})[^.!?“”\"\n]{{0,80}}\s[–—]\s*$")


def _introduced(text: str, span: Span) -> bool:
    if _COLON_BEFORE.search(text, max(0, span.start - 3), span.start) is not None:
        return True
    return text[max(0, span.start - 3) : span.start].strip() in ("–", "—") and (
        _DASH_AFTER_CUE.search(text, max(0, span.start - 160), span.start) is not None
    )


def _said_after(text: str, span: Span) -> bool:
    """The quotation's sentence goes on past it to a speech verb: “…,” (the speaker) said / said (the speaker)."""
    inside = text[span.start : span.end].rstrip("”\"'’ ")
    after = text[span.end : span.end + _SAID_AFTER_CHARS]
    if _SIGNED.match(after):
        return True  # “…” -President Obama, tweeting after Clinton's speech: a quotation signed with a dash
    if _NAME_SPOKE.match(after):
        return True  # “Not ours but hard to fault it!” Hale, the head of the PAC, Tweeted on Monday
    if inside.endswith((".", "!", "?")) and re.match(r"\s*[A-Z“\"]", after):
        return False  # “We will rebuild.” The river rose two metres: a new sentence
    end = _SENTENCE_END.search(after)
    stop = end.start() if end else len(after)
    return SPEECH_VERB.search(after, 0, stop) is not None or _VIEW.search(after, 0, stop) is not None


# "“…” from trade to the farm budget, in Marsh's view", "“…,” the Danes state in the report": the
# sentence goes on to whose words they are without a listed speech verb (PolNeAR dev); "state" only after a name
# or a pronoun, as a noun it is everywhere ("the state of emergency")
_VIEW = lazy_re.compile(
    r"\bin\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*?['’]s?\s+(?:view|words|opinion|account)\b"
    r"|\b(?:[A-Z][\w'’-]+|they|we)\s+state\b"
)
# a name (and an apposition) then a speech verb, whatever its case, right after a quotation that ends its own
# sentence: "“Not ours but hard to fault it!” Hale, the head of Forward Harbour PAC, Tweeted on Monday"
_NAME_SPOKE = lazy_re.compile(
    rf"\s*(?:Mr|Mrs|Ms|Dr)?\.?\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,2}}(?:,[^,.“”\"]{{1,80}},)?\s+"
    rf"(?i:{SPEECH_VERB_PATTERN})"
)
# the attribution swallowed by a quotation left open: "“There was not a lot of help…, said Ortiz, who runs
# a charity…"; or a pull quote's credit line: "“He should stay in….¶Former union leader Ana Ortiz.”"
_SAID_WITHIN = lazy_re.compile(
    rf",\s+(?:{SPEECH_VERB_PATTERN})\s+(?:Mr|Mrs|Ms|Dr)?\.?\s*[A-Z][a-z]"
    r"|\n\s*(?:[\w.'’-]+\s+){0,4}[A-Z][\w'’-]+\s+[A-Z][\w'’-]+(?:,[^\n,]{1,60})?\.?[”\"]?\s*$"
)


def _said_within(text: str, span: Span) -> bool:
    return _SAID_WITHIN.search(text, span.start, span.end) is not None


# A title, a headline, a slogan or a saying the text cites, not words someone is quoted as speaking (PolNeAR dev
# labels): "“The Blue Anchor to shut,” by Gazette's Ivo Marsh", a slogan and its year "“Yes to the toll road”
# (2011)", "“By 2040, we'll all be working from the moon,” is one common saying", "“Every Cloud Has a Silver Lining”
# was to be a “moral lesson”", "“Moss rebukes Marsh,” HarbourNews.com, Tuesday"; or a fragment the sentence is
# woven around, opening in lower case ("— “which is a phenomenal area.”")
_CITED_AFTER = lazy_re.compile(
    r"\s*(?:by\s+(?:the\s+)?[A-Z]|\(\s*[^()]{0,60}?\b(?:1[89]|20)\d\d\s*\)"
    r"|(?:is|was|are|were)\s+(?:one|a|an|the|to|also)\b|[A-Z][\w-]*\.com\b)"
)
_OPENING = lazy_re.compile(r"[\"“”«»'‘’\s\[(]*([^\W\d_])")


def _cited(text: str, span: Span) -> bool:
    opening = _OPENING.match(text, span.start, span.end)
    if opening is not None and opening.group(1).islower():
        return True
    return _CITED_AFTER.match(text, span.end) is not None


def _one_severity_for_compared_shares(
    text: str, unsourced: list[Finding], shares: list[tuple[Claim, bool]], sentences: _Sentences | None
) -> Iterator[Finding]:
    """The FL201 findings, a share set against a share of people in its sentence ("16% of women … compared
    with 30% of men") raised to the warning the share of people gets: the extractor may see the group of one
    only."""
    raise_ids: set[str] = set()
    if sentences is not None:
        ordered = sorted(shares, key=lambda share: share[0].figure_span.start)
        starts = [c.figure_span.start for c, _ in ordered]
        reach = list(itertools.accumulate((c.figure_span.end for c, _ in ordered), max))
        for claim, people in shares:
            if not people:
                continue
            sentence = sentences.of(claim.figure_span.start)
            for other, other_people in _next_to(ordered, starts, reach, claim.figure_span):
                if other_people or sentence is None or not sentence.contains(other.figure_span):
                    continue
                first, second = sorted((claim.figure_span, other.figure_span), key=lambda span: span.start)
                at = bisect.bisect_left(starts, first.end)  # the first share from the first one's end on
                between = at < len(starts) and starts[at] < second.start
                if not between and _COMPARED.search(text, first.end, second.start):
                    raise_ids.add(other.id)  # set against each other, no other share in between
    for f in unsourced:
        if f.claims[0].id in raise_ids:
            yield f._replace(severity=Severity.WARNING)
        else:
            yield f


def _next_to(
    ordered: list[tuple[Claim, bool]], starts: list[int], reach: list[int], span: Span
) -> Iterator[tuple[Claim, bool]]:
    """The shares (``ordered`` by their figures' starts) that no other share can stand between and the figure at
    ``span``: the first ones from its end on, the ones starting inside it, and, before it, the ones reaching past
    the last share that starts before it (that one itself, mostly). Any other has a share starting between (the
    sentence's every share against every other, each pair looking at all the shares, was cubic: a sentence of
    1,000 percentages took 4.6 s, 4,000 took 225 s)."""
    inside, after = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    k = after
    while k < len(starts) and starts[k] == starts[after]:
        yield ordered[k]
        k += 1
    yield from ordered[inside:after]
    if inside:
        last = starts[inside - 1]
        k = inside - 1
        while k >= 0 and reach[k] > last:  # (``reach``: the furthest end of the shares up to each)
            if ordered[k][0].figure_span.end > last:
                yield ordered[k]
            k -= 1


_TITLE_WORD = r"(?:[A-Z0-9][\w'’-]*|of|the|a|an|and|in|on|for|to|at|is|from|with|by|or|as)"
_TITLE = lazy_re.compile(rf"{_TITLE_WORD}(?:\s+{_TITLE_WORD})*")


def _embedded(text: str, span: Span) -> bool:
    """A quoted fragment inside a sentence (“…is "better than all the others"”), or a title in capitals
    ("Lord of the Rings"): the sentence around it says whose words they are, or they are nobody's."""
    if _TITLE.fullmatch(text[span.start : span.end].strip("\"“”«»'‘’,. ")):  # ''Tales From the Crypt,''
        return True
    before = text[max(0, span.start - 3) : span.start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == ",") and not before.endswith(("said", "says"))
