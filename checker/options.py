"""Command-line options produced from the settings' declarations (``checker.config.Config``), and read back.

The CLI says which settings each subcommand offers; how each is spelled, typed and explained is the setting's
own declaration. Lists are repeatable and comma-separated (``--select FL1 --select FL201,FL202``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from checker.config import SETTINGS, Config
from checker.errors import ConfigError

_DEFAULTS = Config._field_defaults


def _help(name: str) -> str:
    setting = SETTINGS[name]
    extra = []
    default = _DEFAULTS[name]
    if isinstance(default, (int, float, str)) and not isinstance(default, bool) and default != "":
        extra.append(f"default {default}")
    if setting.env:
        extra.append("env " + " / ".join(setting.env))
    return setting.help + (f" ({'; '.join(extra)})" if extra else "")


def add(parser: argparse.ArgumentParser, names: Iterable[str]) -> None:
    """Add the flags of the settings ``names`` to ``parser``, each under its setting's group."""
    groups: dict[str, Any] = {}
    for name in names:
        setting = SETTINGS[name]
        group = groups.get(setting.group) or parser
        if setting.group and setting.group not in groups:
            group = groups[setting.group] = parser.add_argument_group(setting.group)
        options: dict[str, Any] = {"dest": name, "help": _help(name)}
        if setting.metavar:
            options["metavar"] = setting.metavar
        default = _DEFAULTS[name]
        if setting.negate:
            options.update(action="store_const", const=False)
        elif isinstance(default, bool):
            options.update(action=argparse.BooleanOptionalAction)
        elif isinstance(default, (tuple, dict)):
            options.update(action="append")
        elif isinstance(default, (int, float)):
            options.update(type=type(default))
        if setting.kind.choices:  # any case, as --format takes it (--fail-on WARNING)
            options.update(choices=setting.kind.choices, type=str.lower)
        group.add_argument(setting.flag, **options)


def values(args: argparse.Namespace) -> dict[str, Any]:
    """The settings given on the command line (None: not given), lists split at commas."""
    out: dict[str, Any] = {}
    for name, setting in SETTINGS.items():
        if not setting.flag or not hasattr(args, name):
            continue
        value = getattr(args, name)
        if isinstance(_DEFAULTS[name], dict) and value is not None:
            value = _table(setting.flag, value)
        elif isinstance(_DEFAULTS[name], tuple) and value is not None:
            value = tuple(item.strip() for given in value for item in given.split(",") if item.strip())
            if name == "select" and not value:  # `--select "$UNSET"` would turn every rule off and pass
                raise ConfigError(f"{setting.flag}: no rule selector given (leave it out to report every rule)")
        out[name] = value
    return out


def _table(flag: str, given: list[str]) -> dict[str, list[str]]:
    """``--per-file-ignores GLOB:CODES`` (repeatable, as in ruff): glob -> codes, a glob given twice adding up."""
    table: dict[str, list[str]] = {}
    for item in given:
        glob, colon, codes = item.rpartition(":")
        selectors = [code.strip() for code in codes.split(",") if code.strip()]
        if not colon or not glob.strip() or not selectors:
            raise ConfigError(f"{flag} {item!r}: expected GLOB:CODES, such as 'drafts/wire/*:FL2,FL301'")
        table.setdefault(glob.strip(), []).extend(selectors)
    from checker.rules import selected

    for glob, selectors in table.items():  # named as the command line's, not as the config file's
        selected.canonical(selectors, f"command line: {flag} {glob!r}")
    return table
