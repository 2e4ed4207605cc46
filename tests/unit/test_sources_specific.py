"""Sources a closing "according to" names specifically, which the offline extractor read as vague (held-out 6's
FL202 false alarms): a description before a proper name, a report the story has named, an official of a place
named by a possessive. Made-up sentences; each fix's test fails without it, and the guards beside them (a clause
after the name, reports nobody named) hold before and after."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.models import SourceKind

TAXONOMY = config_mod.Config().taxonomy


def sources(text: str) -> list[tuple[str, SourceKind]]:
    claims = PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims
    return [(c.source.name, c.source.kind) for c in claims]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("A repair can cost £900, according to the motoring group RoadWise.", "the motoring group RoadWise"),
        ("Rents rose 9%, according to the campaigning charity Homefront.", "the campaigning charity Homefront"),
        ("Bills will rise by £120, according to the trucking firm Marlow Hart.", "the trucking firm Marlow Hart"),
    ],
)
def test_an_ing_word_after_the_article_describes_the_name(text: str, name: str) -> None:
    # "motoring", "housing": a word in -ing after "the" describes the noun after it; it opens no clause
    assert sources(text) == [(name, SourceKind.ORGANISATION)]


def test_a_participle_after_the_name_still_ends_it() -> None:
    [(name, _)] = sources("Sales fell 8%, according to the group, citing weak demand.")
    assert name == "the group"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "A report released on Friday by the auditor was damning. It found 41 breaches, according to the report.",
            "report",
        ),
        ("The ministry's annual report came out on Monday. Fees rose 14%, according to the report.", "report"),
    ],
)
def test_the_document_the_story_has_named_is_no_vague_source(text: str, kind: str) -> None:
    assert sources(text) == [(f"the {kind}", SourceKind.DOCUMENT)]


def test_reports_not_named_before_stay_vague() -> None:
    assert sources("Fees rose 14%, according to reports.") == [("reports", SourceKind.VAGUE)]


@pytest.mark.parametrize(
    "text",
    [
        "Nearby Tarn County had about 600 cases, according to that county's clerk.",
        "The town spent $2m, according to this city's assessor.",
    ],
)
def test_an_official_of_a_place_named_by_a_possessive_is_a_person(text: str) -> None:
    [(name, kind)] = sources(text)
    assert kind is SourceKind.PERSON
    assert name.split()[0] in ("that", "this")


def test_a_noun_in_ing_ending_the_phrase_after_a_speech_verb_is_no_speaker() -> None:
    text = "Ana Ruiz, a senator who opposed the plan, tweeted a warning. “They spent over 30 hours on it.”"
    assert all(name != "a warning" for name, _ in sources(text))
