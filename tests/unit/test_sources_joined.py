"""Two or more speakers joined in one subject ("Smith & Jones said", "Smith and Jones said", "the police and fire
service said") are the figure's source, whatever joins them: "&" gave none."""

from __future__ import annotations

import pytest

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.models import SourceKind

TAXONOMY = config_mod.Config().taxonomy


def sources(text: str, path: str = "draft.txt") -> list[tuple[str, SourceKind]]:
    doc = document.from_text(text, path, "html" if path.endswith(".html") else "text")
    return [(c.source.name, c.source.kind) for c in PatternExtractor(TAXONOMY).extract(doc).claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith & Jones said 40 people died.", ("Smith & Jones", SourceKind.ORGANISATION)),
        ("Forty people died, Smith & Jones said.", ("Smith & Jones", SourceKind.ORGANISATION)),
        ("Forty people died, said Smith & Jones.", ("Smith & Jones", SourceKind.ORGANISATION)),
        ("According to Smith & Jones, 40 people died.", ("Smith & Jones", SourceKind.ORGANISATION)),
        (
            "The auditors Hale & Marsh said 12 people were arrested.",
            ("The auditors Hale & Marsh", SourceKind.ORGANISATION),
        ),
        ("M&S said 40 people were hurt.", ("M&S", SourceKind.ORGANISATION)),
        ("Ana Silva & Tom Hale said 40 people died.", ("Ana Silva & Tom Hale", SourceKind.ORGANISATION)),
        # as they were: "and" between names, and between an organisation's parts
        ("Smith and Jones said 40 people died.", ("Smith and Jones", SourceKind.PERSON)),
        ("The police and fire service said 40 people died.", ("The police and fire service", SourceKind.ORGANISATION)),
    ],
)
def test_speakers_joined_by_and_or_an_ampersand_are_the_source(text: str, expected: tuple[str, SourceKind]) -> None:
    assert sources(text) == [expected]


def test_an_ampersand_written_as_an_entity_in_html_is_one_too() -> None:
    assert sources("<p>Smith &amp; Jones said 40 people died.</p>", "draft.html") == [
        ("Smith & Jones", SourceKind.ORGANISATION)
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a phrase ending in a firm's name is not the firm: no speaker (as with "and")
        "The bid by Hale & Marsh has been widely expected and the buyer will pay $40 for each share.",
        "Demand for R&D staff rose by 40 people.",
    ],
)
def test_a_phrase_that_only_holds_a_joined_name_is_no_source(text: str) -> None:
    assert {kind for _, kind in sources(text)} == {SourceKind.NONE}
