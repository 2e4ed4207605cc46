"""The rules a config reports for a draft, its severity overrides, and the check that every selector is known."""

from __future__ import annotations

from collections.abc import Iterable

from checker import selection
from checker.config import Config
from checker.errors import ConfigError
from checker.rules.registry import RULES
from checker.selection import Layer

_NAMES = {r.name: r.code for r in RULES.values()}


def canonical(selectors: Iterable[str], where: str) -> tuple[str, ...]:
    """Each rule selector as a code or prefix (a rule's name read as its code); an unknown one is a ConfigError
    naming ``where``."""
    return tuple(selection.canonical(s, _NAMES, RULES, where) for s in selectors)


def _layer(layer: Layer, where: str) -> Layer:
    return Layer(
        None if layer.select is None else canonical(layer.select, where),
        canonical(layer.ignore, where),
        canonical(layer.extend_select, where),
        canonical(layer.extend_ignore, where),
    )


def _layers(config: Config) -> tuple[Layer, ...]:
    own = Layer(config.select or None, config.ignore, config.extend_select, config.extend_ignore)
    return _layer(own, config.config_file or "config"), _layer(config.cli_rules, "command line")


def check_selectors(config: Config) -> None:
    """Raise ConfigError naming the first selector or severity key that matches no rule."""
    _layers(config)
    for glob, selectors in config.per_file_ignores.items():
        canonical(selectors, f"{_origin(config)}per-file-ignores {glob!r}")
    severities(config)


def _origin(config: Config) -> str:
    """The config file's path and a colon, as its other errors begin (``checker.config.from_table``)."""
    return f"{config.config_file}: " if config.config_file else ""


def codes_for(config: Config, path: str) -> frozenset[str]:
    """The codes reported for the draft at ``path``: the layers, then its ``per-file-ignores``."""
    on = selection.enabled(RULES, _layers(config))
    per_file = canonical(selection.ignored_for(path, config.per_file_ignores.items()), "per-file-ignores")
    return frozenset(code for code in on if not any(code.startswith(p) for p in per_file))


def severities(config: Config) -> dict[str, str]:
    """``[tool.factlint.severity]`` by code: a key is a rule code or name, never a prefix or a typo."""
    out: dict[str, str] = {}
    keys: dict[str, str] = {}  # each code's key as written: FL101 and conflicting-figures are one rule
    for key, level in config.severity.items():
        code = _NAMES.get(key.lower(), key.upper())
        if code not in RULES:
            known = ", ".join(sorted(RULES))
            raise ConfigError(f"{_origin(config)}severity: unknown rule {key!r} (a rule code or name: {known})")
        if code in keys:
            raise ConfigError(f"{_origin(config)}severity: {keys[code]!r} and {key!r} are one rule ({code}); keep one")
        keys[code] = key
        out[code] = level
    return out
