"""Attribution cues of published prose (issue 10, src7 round): each test is a made-up sentence of a class the
PolNeAR misses showed, and fails without its cue."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.models import Claim, SourceKind

TAXONOMY = config_mod.Config().taxonomy


def extract(text: str) -> list[Claim]:
    return list(PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims)


def sources(text: str) -> list[tuple[str, SourceKind]]:
    return [(c.source.name, c.source.kind) for c in extract(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("In June, Ms. Vell had 31 percent support in a Harbour Times poll.", "a Harbour Times poll"),
        ("Her approval rating in the latest Ledger-KTV News Poll stands at 47%.", "the latest Ledger-KTV News Poll"),
        ("Mr. Oduya led by 6 points in recent polls from Marwick College.", "recent polls"),
        ("Just 12 percent of younger voters backed him in Tuesday's statewide survey.", "Tuesday's statewide survey"),
    ],
)
def test_the_poll_a_figure_was_measured_in_is_its_source(text: str, name: str) -> None:
    assert sources(text) == [(name, SourceKind.DOCUMENT)]


@pytest.mark.parametrize(
    "text",
    [
        "Ms. Vell leads by 9 points in the polls.",  # the polls in general, named by no one
        "Turnout rose 4 percent in the county.",
    ],
)
def test_no_poll_named_is_no_source(text: str) -> None:
    assert [kind for _, kind in sources(text)] == [SourceKind.NONE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The donor file, which the campaign says holds 1.9 million names, is its biggest asset.",
            [("the campaign", SourceKind.ORGANISATION)],
        ),
        (
            "The leases, which the city auditor estimates will run another six years, cost $4 million.",
            [("the city auditor", SourceKind.PERSON), ("", SourceKind.NONE)],
        ),
        # "that" after a cue opens what was said, not a relative clause: the cue's own subject speaks
        ("Ms. Amari noted that Dorland boasted only one paid organiser.", [("Ms. Amari", SourceKind.PERSON)]),
    ],
)
def test_a_relative_clause_whose_subject_speaks(text: str, expected: list[tuple[str, SourceKind]]) -> None:
    assert sources(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Velmar Port has agreed to take in up to 400 families, the mayor said Tuesday.",
        "Velmar Port has agreed to take in up to 400 families, the mayor said on Monday evening.",
        "Velmar Port has agreed to take in up to 400 families, the mayor said in a statement last week.",
    ],
)
def test_a_closing_attribution_with_its_day_speaks_for_the_sentence(text: str) -> None:
    assert sources(text) == [("the mayor", SourceKind.PERSON)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a surname the draft gives in full, then a description no list classifies
        (
            "Anna Virta spoke first. Virta, a Labour front-runner in the northern race, said 40 percent backed her.",
            "Virta",
        ),
        ("Anna Virta spoke. Virta, a candidate, has repeatedly promised to hire 300 nurses.", "Virta"),
        # a full name with its place, then a description with a digit in it
        (
            "Senator Ana Ruiz of Dorland, the No. 2 Democrat, said the chamber would vote on four bills.",
            "Senator Ana Ruiz of Dorland",
        ),
    ],
)
def test_the_name_before_a_description_speaks(text: str, name: str) -> None:
    assert sources(text)[-1] == (name, SourceKind.PERSON)


def test_an_opening_word_before_a_description_is_no_name() -> None:
    [(name, kind)] = sources("Still, the company, a Dorland grocer, said it would cut 300 jobs.")
    assert kind is SourceKind.ORGANISATION and name != "Still"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "While Harlow Research lists her wealth at $2.1 billion, Forbes says it is $1.8 billion.",
            ["Harlow Research", "Forbes"],
        ),
        ("The registry lists the town's population as 14,200.", ["The registry"]),
        ("Ms. Vell has it at 41 percent.", ["Ms. Vell"]),
    ],
)
def test_a_ranking_that_lists_a_figure_is_its_source(text: str, names: list[str]) -> None:
    assert [name for name, _ in sources(text)] == names


def test_lists_as_a_noun_is_no_cue() -> None:
    assert sources("The shop keeps two price lists by the till.") == [("", SourceKind.NONE)]


def test_a_colon_introduction_after_a_dash_names_the_speaker() -> None:
    # (a run of text before the dash longer than a colon introduction's name)
    text = (
        "Turnout in the northern counties has mattered more than anything else in every contest so far"
        " - Ana Ruiz: “Two weeks ago, he led by 9 points.”"
    )
    assert [name for name, _ in sources(text)] == ["Ana Ruiz", "Ana Ruiz"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ledger found that 41 percent of renters had moved twice.", "Ledger"),
        ("Tessaro finds that 3 of the 9 cranes at the port work.", "Tessaro"),
    ],
)
def test_who_found_that_is_the_source_of_what_was_found(text: str, name: str) -> None:
    assert {n for n, _ in sources(text)} == {name}


def test_found_without_that_is_no_cue() -> None:
    assert sources("Divers found 14 coins near the pier.") == [("", SourceKind.NONE)]


def test_it_stands_for_one_body_not_a_plural() -> None:
    text = (
        "Ledger Bank said on Monday it had lost money. Two rival firms said they would bid."
        " It said it would cut 300 jobs."
    )
    assert sources(text)[-1][0] == "Ledger Bank"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a comma inside the first clause: the second verb is still its subject's
        ("She blamed the storm, not the council, and said 40 homes were flooded.", "She"),
        ("Ledger did the sums on the vote, and found that 3 of the 9 seats changed hands.", "Ledger"),
    ],
)
def test_a_second_verb_after_a_comma_is_the_subjects(text: str, name: str) -> None:
    assert {n for n, _ in sources(text)} == {name}


def test_an_opening_phrase_is_no_subject_of_a_second_verb() -> None:
    assert {n for n, _ in sources("Meanwhile, the union met on Monday and said 300 jobs would go.")} == {"the union"}


def test_a_possessive_opening_the_sentence_is_not_the_subject_alone() -> None:
    text = "His campaign sued the party on Friday, claiming the move would cost it $600,000 a day."
    assert sources(text) == [("His campaign", SourceKind.ORGANISATION)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The founder claims her stake is worth above $2 billion.", "The founder"),
        ("The paper notes the city monitors 2,000 of its 7,000 cameras.", "The paper"),
    ],
)
def test_a_verb_that_is_also_a_plural_noun_before_a_clause(text: str, name: str) -> None:
    assert {n for n, _ in sources(text)} == {name}


def test_a_plural_noun_after_a_determiner_is_no_verb() -> None:
    assert [kind for _, kind in sources("The firm rejected the claims the plant had lost 40 jobs.")] == [
        SourceKind.NONE
    ]


def test_a_sentence_in_brackets_names_its_subject() -> None:
    text = "Harlow Research counts 2,400 of them. (Forbes says it tracks another 500 families.)"
    assert sources(text) == [("", SourceKind.NONE), ("Forbes", SourceKind.PERSON)]


def test_an_aside_between_unspaced_dashes_is_not_the_name() -> None:
    text = "As the Harbour Ledger—no friend of the mayor—observed, the party controls 30 councils."
    assert sources(text) == [("the Harbour Ledger", SourceKind.ORGANISATION)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Advisers to Ms. Vell are quick to point out that she has won 2 contests.", SourceKind.PERSON),
        ("The mayor is expected to announce 300 job cuts.", SourceKind.NONE),  # not said yet
    ],
)
def test_keen_to_say_is_saying(text: str, kind: SourceKind) -> None:
    assert [k for _, k in sources(text)] == [kind]
