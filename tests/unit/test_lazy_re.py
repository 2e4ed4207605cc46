"""Patterns compiled on first use behave as compiled ones, and are compiled once."""

from __future__ import annotations

import re

import pytest

from checker import lazy_re


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    text = "“We will,” said Ana Ruiz, who said: “42 of them.”"
    source, flags = r"(?P<cue>said)\s+(?P<np>[A-Z]\w+)", re.IGNORECASE
    lazy, compiled = lazy_re.compile(source, flags), re.compile(source, flags)
    assert lazy.search(text).groupdict() == compiled.search(text).groupdict()  # type: ignore[union-attr]
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.sub("X", text) == compiled.sub("X", text) and lazy.split(text) == compiled.split(text)
    assert lazy.match(text) is None and lazy.fullmatch("said Ana") is not None
    assert lazy.pattern == source and lazy.flags == compiled.flags and lazy.groupindex == compiled.groupindex


def test_it_compiles_on_first_use_only(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        calls.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazy_re.re, "compile", counting)
    lazy = lazy_re.compile(r"\d+")
    assert calls == []
    assert lazy.findall("1 22 333") == ["1", "22", "333"]
    assert lazy.search("x 7").group(0) == "7"  # type: ignore[union-attr]
    assert lazy.pattern == r"\d+" and lazy.groups == 0
    assert calls == [r"\d+"]


def test_its_source_is_read_without_compiling_it(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = re.compile
    monkeypatch.setattr(lazy_re.re, "compile", lambda pattern, flags=0: calls.append(pattern) or real(pattern, flags))
    lazy = lazy_re.compile(r"\bsaid\b", re.IGNORECASE)
    assert lazy_re.source(lazy) == (r"\bsaid\b", re.IGNORECASE) and calls == []
    assert lazy_re.source(re.compile("x", re.I)) == ("x", re.I | re.UNICODE)
