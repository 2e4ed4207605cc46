"""Regular expressions compiled on first use, for the patterns only some drafts need.

Compiling is most of a one-line check's time after the interpreter starts, and many patterns serve a case
the draft may not have (quotations, shares, Markdown): ``lazy_re.compile`` gives an object with the compiled
pattern's methods that compiles on the first call, once (later calls go straight to the compiled methods).
"""

from __future__ import annotations

import re
from typing import Any, cast

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet: the first use
        if name.startswith("_"):
            raise AttributeError(name)  # not during a copy or before __init__ (no _source yet): no recursion
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self._compiled = re.compile(*self._source)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern used as ``re.compile(pattern, flags)`` is (its methods and attributes), compiled when first used;
    not an ``re.Pattern`` instance (give it to no ``re`` function)."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))


def source(pattern: re.Pattern[str]) -> tuple[str, int]:
    """``(pattern.pattern, pattern.flags)``, without compiling a pattern of ``compile`` that is not compiled yet (to
    build another pattern from it: ``wordgroups.prefiltered``)."""
    if isinstance(pattern, _Lazy):
        return pattern._source
    return pattern.pattern, pattern.flags
