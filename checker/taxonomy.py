"""Which words name the same group, which groups sit inside which, and which events are compared.

The default lives in ``checker/data/taxonomy.toml``; users add to it in ``[tool.factlint.taxonomy]``.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Any, Final

import rtoml

from checker.errors import ConfigError
from checker.wordgroups import grouped

ROOT = "person"
_TABLES = ("populations", "parents", "events", "event_groups")


class Taxonomy:
    """Who is counted (prisoners ⊂ people) and what happened to them, as words: ``checker/data/taxonomy.toml``.

    A plain class, not a dataclass (``dataclasses`` imports ``inspect``: ~5 ms of a one-line check) nor a named
    tuple (the word tables and patterns are ``cached_property``s, kept in the instance's ``__dict__``).
    """

    def __init__(
        self,
        populations: dict[str, tuple[str, ...]],
        parents: dict[str, str],
        events: dict[str, tuple[str, ...]],
        event_groups: dict[str, tuple[str, ...]],
    ) -> None:
        self.populations: Final = populations
        self.parents: Final = parents
        self.events: Final = events
        self.event_groups: Final = event_groups

    @classmethod
    def default(cls) -> Taxonomy:
        # next to the package, not through importlib.resources (it imports tempfile, shutil, zipfile: ~10 ms); with
        # rtoml, as sources.py reads attribution.toml
        text = (Path(__file__).parent / "data" / "taxonomy.toml").read_text(encoding="utf-8")
        return cls.from_tables(rtoml.loads(text))

    @classmethod
    def from_tables(cls, tables: dict[str, Any], base: Taxonomy | None = None) -> Taxonomy:
        """Build from TOML tables, on top of ``base`` when given (user additions extend, never replace)."""
        unknown = set(tables) - set(_TABLES)
        if unknown:
            raise ConfigError(f"unknown taxonomy table: {sorted(unknown)[0]!r} (expected one of {', '.join(_TABLES)})")
        pops = {k: tuple(v) for k, v in (base.populations if base else {}).items()}
        events = {k: tuple(v) for k, v in (base.events if base else {}).items()}
        parents = dict(base.parents) if base else {}
        groups = {k: tuple(v) for k, v in (base.event_groups if base else {}).items()}
        for name, words in tables.get("populations", {}).items():
            pops[name] = tuple(dict.fromkeys((*pops.get(name, ()), *_words(name, words))))
        for name, words in tables.get("events", {}).items():
            events[name] = tuple(dict.fromkeys((*events.get(name, ()), *_words(name, words))))
        for child, parent in tables.get("parents", {}).items():
            if not isinstance(parent, str):
                raise ConfigError(f"taxonomy parents.{child} must be a string, got {parent!r}")
            parents[child] = parent
        for name, members in tables.get("event_groups", {}).items():
            groups[name] = tuple(_words(name, members))
        taxonomy = cls(pops, parents, events, groups)
        taxonomy.check()
        return taxonomy

    def check(self) -> None:
        for child in self.parents:
            seen = {child}
            node = child
            while node in self.parents:
                node = self.parents[node]
                if node in seen:
                    raise ConfigError(f"taxonomy parents form a cycle through {child!r}")
                seen.add(node)

    @cached_property
    def _population_words(self) -> dict[str, str]:
        return {word.lower(): name for name, words in self.populations.items() for word in (name, *words)}

    @cached_property
    def _event_words(self) -> dict[str, str]:
        return {word.lower(): name for name, words in self.events.items() for word in (name, *words)}

    @cached_property
    def population_pattern(self) -> re.Pattern[str]:
        return _alternation(self._population_words)

    @cached_property
    def event_pattern(self) -> re.Pattern[str]:
        return _alternation(self._event_words)

    def population_of(self, word: str) -> str | None:
        return self._population_words.get(word.lower().strip())

    def event_of(self, word: str) -> str | None:
        return self._event_words.get(word.lower().strip())

    def canonical_population(self, noun: str) -> str:
        """The canonical name of a counted noun; unknown nouns are singularised and kept as they are."""
        noun = " ".join(noun.lower().split())  # (re.sub(r"\s+", " ", …) of the stripped noun: the same spaces)
        return self.population_of(noun) or singular(noun)

    def canonical_event(self, event: str) -> str:
        event = event.lower().strip()
        return self.event_of(event) or event

    def event_class(self, event: str) -> str:
        """Events compared with each other share a class ("freed" and "escaped" -> "freed or escaped")."""
        for group, members in self.event_groups.items():
            if event in members:
                return group
        return event

    def ancestors(self, population: str) -> tuple[str, ...]:
        """The population's chain of parents, nearest first. Groups of people end at the root ("person");
        things that are not people (homes, seats, profit) have their own chains or none, so they are never
        taken for a part of "everyone"."""
        chain = []
        node = population
        while node in self.parents:
            node = self.parents[node]
            chain.append(node)
        return tuple(chain)

    def is_within(self, part: str, whole: str) -> bool:
        """True when every member of ``part`` is a member of ``whole`` (strict or equal)."""
        return part == whole or whole in self.ancestors(part)

    def top_group(self, population: str) -> str:
        """The child of the root that holds ``population`` (itself if it is one or is unknown)."""
        chain = (population, *self.ancestors(population))
        return chain[-2] if len(chain) >= 2 and chain[-1] == ROOT else population


def _words(name: str, words: Any) -> list[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ConfigError(f"taxonomy entry {name!r} must be a list of strings")
    return [w.lower() for w in words]


def _alternation(words: dict[str, str]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)
    # grouped by first letter: the same matches, ~5x faster to search than a few hundred plain alternatives
    return re.compile(rf"\b(?:{grouped([_escape(w) for w in ordered])})\b", re.IGNORECASE)


def _escape(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+")


def singular(noun: str) -> str:
    words = noun.split()
    if not words:
        return noun
    last = words[-1]
    if last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")):
        last = last[:-1]
    return " ".join([*words[:-1], last])
