"""The taxonomy: synonyms, subsets, unions, event groups, and users extending it from config."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from checker import config as config_mod
from checker.errors import ConfigError
from checker.taxonomy import Taxonomy, _alternation, _escape
from tests.claimkit import C, codes

DEFAULT = Taxonomy.default()


@pytest.mark.parametrize(
    ("word", "canonical"),
    [
        ("prisoners", "prisoner"),
        ("inmates", "prisoner"),
        ("detainees", "prisoner"),
        ("convicts", "prisoner"),
        ("Policemen", "policeman"),
        ("police officers", "policeman"),
        ("members of the security forces", "security force member"),
        ("jihadists", "militant"),
        ("widgets", "widget"),
        ("ferries", "ferry"),
        ("firemen", "fireman"),
    ],
)
def test_canonical_population(word: str, canonical: str) -> None:
    assert DEFAULT.canonical_population(word) == canonical


def test_subsets_and_groups() -> None:
    assert DEFAULT.is_within("policeman", "security force member")
    assert DEFAULT.is_within("guard", "person") and DEFAULT.is_within("prisoner", "person")
    assert not DEFAULT.is_within("policeman", "guard") and not DEFAULT.is_within("person", "prisoner")
    assert DEFAULT.event_class("freed") == DEFAULT.event_class("escaped") != DEFAULT.event_class("killed")
    assert DEFAULT.canonical_event("lost their lives") == "killed"


def test_user_taxonomy_extends_the_default(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.factlint]\nextractor = 'offline'\n"
        "[tool.factlint.taxonomy.populations]\nmedic = ['medic', 'medics', 'paramedics']\n"
        "[tool.factlint.taxonomy.parents]\nmedic = 'person'\n",
        encoding="utf-8",
    )
    cfg = config_mod.load(tmp_path, environ={})
    assert cfg.taxonomy.canonical_population("paramedics") == "medic"
    assert cfg.taxonomy.is_within("medic", "person")
    assert cfg.taxonomy.canonical_population("inmates") == "prisoner"  # the default is still there
    found = codes(
        C("9 medics died", "9", "medic"),
        C("5 people died", "5", source=("person", "the mayor")),
        taxonomy_tables=cfg.taxonomy_tables,
    )
    assert "FL103" in found
    assert "FL103" not in codes(C("9 medics died", "9", "medic"), C("5 people died", "5"))


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"colours": {}}, "unknown taxonomy table: 'colours'"),
        ({"parents": {"a": "b", "b": "a"}}, "cycle"),
        ({"populations": {"medic": "medics"}}, "must be a list of strings"),
        ({"parents": {"medic": ["person"]}}, "must be a string"),
    ],
)
def test_bad_taxonomy_is_a_config_error(tables: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Taxonomy.from_tables(tables, DEFAULT)


def test_tolerance_is_configurable() -> None:
    claims = (
        C("about 1,000 homes flooded", "about 1,000", "home", "affected"),
        C("1,150 homes flooded", "1,150", "home", "affected"),
    )
    assert "FL102" in codes(*claims)
    assert "FL102" not in codes(*claims, approx_tolerance=0.2)


@pytest.mark.parametrize(
    ("word", "event"),
    [
        ("carrying", "on board"),
        ("banned", "banned"),
        ("found guilty", "convicted"),
        ("taken to hospital", "hospitalised"),
        ("treated", "treated"),  # treated at the scene is not hospitalised
        ("treated for injuries", "injured"),
        ("ordered to leave", "evacuated"),
        ("turnout", "turnout"),
        ("voted in favour", "voted in favour"),
        ("job cuts", "lost"),
    ],
)
def test_canonical_event(word: str, event: str) -> None:
    assert DEFAULT.canonical_event(word) == event


def test_amounts_of_money_are_what_a_figure_counts_not_events() -> None:
    assert DEFAULT.canonical_population("net profit") == DEFAULT.canonical_population("profits") == "profit"
    assert DEFAULT.canonical_population("sales") == DEFAULT.canonical_population("turnover") == "revenue"
    assert DEFAULT.canonical_population("operating profit") != "profit"  # another quantity
    assert all(DEFAULT.event_of(w) is None for w in ("profit", "revenue", "sales", "loss", "losses"))
    assert DEFAULT.ancestors("profit") == ("money",) and DEFAULT.ancestors("fee") == ("money",)
    assert DEFAULT.population_of("money") is None  # "money laundering" counts nothing


def test_things_are_not_people() -> None:
    assert not DEFAULT.is_within("home", "person") and not DEFAULT.is_within("seat", "person")
    assert "FL103" not in codes(
        C("12 homes were destroyed", "12", "home", "affected"),
        C("5 people were affected", "5", event="affected", source=("person", "the mayor")),
    )


_PIECES = ["killed", "kill", "Killed", "KILLED", "died", "dead", "police", "policemen", "x", " ", ",", "-", "ſ",
           "K", "s", "inmates", "ofﬁcers"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_patterns_grouped_by_first_letter_match_as_the_plain_alternation(text: str) -> None:
    for words in (DEFAULT._event_words, DEFAULT._population_words):
        ordered = sorted(words, key=len, reverse=True)
        plain = re.compile(rf"\b(?:{'|'.join(_escape(w) for w in ordered)})\b", re.IGNORECASE)
        grouped = _alternation(words)
        assert "|" in grouped.pattern and grouped.pattern != plain.pattern
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]
