"""Which rules a run reports: selectors resolved as ruff resolves them.

A selector is a rule code (``FL101``), a code prefix (``FL1``, ``FL``), ``ALL`` or a rule name
(``conflicting-figures``); one that matches no rule is an error naming it, so a typo never turns a check off.
Selections come in layers, the config file's then the command line's. A layer with ``select`` starts afresh
(only what it selects); a layer without one starts from the layer before. Within a layer the most specific
selector matching a code decides (``--ignore FL1 --select FL101`` reports FL101); between equally specific
ones, ignoring wins. ``extend-select`` and ``extend-ignore`` join their layer's ``select`` and ``ignore``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fnmatch import fnmatchcase
from pathlib import PurePath
from typing import NamedTuple

from checker.errors import ConfigError


class Layer(NamedTuple):
    """One source's rule selection. ``select`` None: this layer does not set it (the layer before stands)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()


def canonical(selector: str, names: Mapping[str, str], codes: Iterable[str], where: str = "") -> str:
    """The code prefix a selector stands for (a rule name becomes its code); unknown ones raise ConfigError."""
    token = selector.strip()
    if token.lower() in names:
        return names[token.lower()]
    upper = token.upper()
    if upper == "ALL":
        return ""
    if upper and any(code.startswith(upper) for code in codes):
        return upper
    known = ", ".join(sorted(codes))
    origin = f"{where}: " if where else ""
    raise ConfigError(f"{origin}unknown rule selector {selector!r} (rule codes, prefixes or names: {known})")


def _decide(code: str, enable: Iterable[str], disable: Iterable[str]) -> bool | None:
    """True/False from the most specific matching selector (ignoring wins a tie), None when none matches."""
    best = max((len(p) for p in enable if code.startswith(p)), default=-1)
    worst = max((len(p) for p in disable if code.startswith(p)), default=-1)
    if best < 0 and worst < 0:
        return None
    return best > worst


def enabled(codes: Iterable[str], layers: Iterable[Layer]) -> frozenset[str]:
    """The codes left on after every layer (selectors already canonical), starting from all of them."""
    state = dict.fromkeys(codes, True)
    for layer in layers:
        enable = (*(layer.select or ()), *layer.extend_select)
        disable = (*layer.ignore, *layer.extend_ignore)
        for code in state:
            start = False if layer.select is not None else state[code]
            decided = _decide(code, enable, disable)
            state[code] = start if decided is None else decided
    return frozenset(code for code, on in state.items() if on)


def ignored_for(path: str, per_file: Iterable[tuple[str, Sequence[str]]]) -> tuple[str, ...]:
    """Selectors ``per-file-ignores`` applies to a draft: a glob matching its path as shown, or its name, case
    ignored on every platform as ``include`` and ``exclude`` ignore it (``checker.discover``)."""
    forms = (path.casefold(), PurePath(path).name.casefold())
    return tuple(
        code for glob, codes in per_file if any(fnmatchcase(form, glob.casefold()) for form in forms) for code in codes
    )
