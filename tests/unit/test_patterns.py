"""The offline pattern extractor: figures, what they count, what happened, scope, time, and who says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import config as config_mod, document
from checker.extract.patterns import PatternExtractor
from checker.models import Claim, SourceKind

TAXONOMY = config_mod.Config().taxonomy
SEED = Path(__file__).parents[2] / "examples" / "al-khalis.txt"


def extract(text: str) -> list[Claim]:
    return list(PatternExtractor(TAXONOMY).extract(document.from_text(text)).claims)


def one(text: str) -> Claim:
    [claim] = extract(text)
    return claim


@pytest.fixture(scope="module")
def seed() -> dict[str, Claim]:
    doc = document.load(str(SEED))
    return {c.figure: c for c in PatternExtractor(TAXONOMY).extract(doc).claims}


@pytest.mark.parametrize(
    ("figure", "population", "event"),
    [
        ("Fifty", ("prisoner",), "killed"),
        ("twelve", ("policeman",), "killed"),
        ("thirty six", ("guard", "prisoner"), "killed"),
        ("thirty", ("prisoner",), "freed"),
        ("sixty", ("militant",), "killed"),
        ("over 30", ("prisoner",), "freed"),
        ("42", ("prisoner",), "escaped"),
        ("35", ("person",), "killed"),
        ("six", ("security force member",), "killed"),
        ("three", ("civilian",), "killed"),
        ("dozens", ("prisoner",), "escaped (attempted)"),
    ],
)
def test_seed_counted_and_event(seed: dict[str, Claim], figure: str, population: tuple[str, ...], event: str) -> None:
    assert (seed[figure].population, seed[figure].event) == (population, event)


def test_seed_sources(seed: dict[str, Claim]) -> None:
    assert seed["Fifty"].in_quote and seed["Fifty"].source.kind is SourceKind.NONE
    assert seed["thirty six"].source.name == "the spokesman of the Interior Ministry"
    assert seed["thirty"].source.name == "The news agency AMAQ" and seed["thirty"].source.inherited
    assert seed["over 30"].source.name == "the terrorist group" and seed["over 30"].in_quote
    assert seed["42"].source.kind is SourceKind.VAGUE and seed["42"].source.name == "this piece of news"
    assert seed["six"].source.kind is SourceKind.VAGUE and seed["six"].source.inherited
    assert seed["300"].source.kind is SourceKind.NONE


def test_seed_scopes_and_units(seed: dict[str, Claim]) -> None:
    assert seed["more than 500"].scope == "July 2013"
    assert seed["hundreds"].scope == "June 2014"
    assert seed["42"].scope == ""
    assert seed["80"].unit == "km"
    assert "2013" not in seed and "2014" not in seed  # years are not claims


def test_quote_spans_are_verbatim(seed: dict[str, Claim]) -> None:
    text = document.load(str(SEED)).text
    for claim in seed.values():
        assert text[claim.span.start : claim.span.end] == claim.quote
        assert text[claim.figure_span.start : claim.figure_span.end] == claim.figure
        assert claim.span.contains(claim.figure_span)


@pytest.mark.parametrize(
    ("text", "kind", "name"),
    [
        ("Forty people were injured, police said.", SourceKind.ORGANISATION, "police"),
        ("Police said forty people were injured.", SourceKind.ORGANISATION, "Police"),
        ("According to the Health Ministry, 40 people were injured.", SourceKind.ORGANISATION, "the Health Ministry"),
        ("The mayor told reporters that 40 people were injured.", SourceKind.PERSON, "The mayor"),
        ("“Forty people were injured,” said Ana Silva, a nurse.", SourceKind.PERSON, "Ana Silva"),
        ("Sources said 40 people were injured.", SourceKind.VAGUE, "Sources said"),
        ("Forty people were reportedly injured.", SourceKind.VAGUE, "reportedly"),
        ("Figures from the census show 40,000 residents left.", SourceKind.DOCUMENT, "the census"),
        ("Forty people were injured in the blast.", SourceKind.NONE, ""),
    ],
)
def test_source_cues(text: str, kind: SourceKind, name: str) -> None:
    claim = extract(text)[0]
    assert claim.source.kind is kind
    assert claim.source.name == name


def test_source_is_inherited_within_a_paragraph_only() -> None:
    claims = extract("The fire chief said the blaze began at dawn. Forty homes burned.\n\nTwelve cars burned.")
    assert claims[0].source.name == "The fire chief" and claims[0].source.inherited
    assert claims[1].source.kind is SourceKind.NONE


def test_quotation_speaker_before_and_after() -> None:
    doc = document.from_text('He said: "Ten people died here today." "Nobody came to help us for hours", she added.')
    quotations = PatternExtractor(TAXONOMY).extract(doc).quotations
    assert [q.speaker.kind for q in quotations] == [SourceKind.PERSON, SourceKind.PERSON]


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("By Saturday the toll rose to 19.", "By Saturday"),
        ("Later the toll rose to 19.", "rose to"),
        ("As of Monday, 12 people were missing.", "As of Monday"),
        ("Twelve people died on Friday night.", ""),
    ],
)
def test_time_markers(text: str, time: str) -> None:
    assert extract(text)[-1].time == time


def test_percentage_base_and_population() -> None:
    claim = extract("About 40% of the 200 workers were laid off, the union said.")[0]
    assert (claim.unit, claim.population, claim.event, claim.base and claim.base.low) == ("%", ("worker",), "lost", 200)


def test_money_counts_its_subject() -> None:
    claim = one("The bridge costs $4bn.")
    assert (claim.unit, claim.population, claim.event, claim.value.low) == ("USD", ("bridge",), "cost", 4e9)
