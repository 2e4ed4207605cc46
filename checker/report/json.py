"""Machine-readable report: the versioned schema in ``checker.codec`` (documented in README.md)."""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring  # json's own C escaping of a string (ensure_ascii=False)
from typing import TYPE_CHECKING, Any

from checker.codec import reports_to_dict
from checker.models import Report

if TYPE_CHECKING:
    from checker.report import RenderOptions

_INDENT = "  "
_STREAMED = (
    4  # levels: the report, its files, a file, a file's findings and claims; each finding or claim is one string
)


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    # What json.dumps(..., indent=2, ensure_ascii=False) writes, byte for byte, written as it is made: with an
    # indent json uses its Python encoder, a generator per nesting level for each of millions of pieces (most of a
    # --jobs run's parent time went there). Here the outer levels go into the buffer as they are walked (the lazy
    # lists make findings and claims one at a time) and each finding or claim is one string.
    out = io.StringIO()
    _write(reports_to_dict(reports, lazy=True), 0, out.write)
    out.write("\n")
    return out.getvalue()


def _write(value: Any, level: int, write: Callable[[str], object]) -> None:
    if level >= _STREAMED or not isinstance(value, (list, tuple, dict)) or not value:
        write(_encode(value, level))
        return
    inner = "\n" + _INDENT * (level + 1)
    first = True
    if isinstance(value, dict):
        write("{")
        for key, item in value.items():
            write(("" if first else ",") + inner + _key(key) + ": ")
            _write(item, level + 1, write)
            first = False
        write("\n" + _INDENT * level + "}")
        return
    write("[")
    for item in value:
        write(("" if first else ",") + inner)
        _write(item, level + 1, write)
        first = False
    write("\n" + _INDENT * level + "]")


def _encode(value: Any, level: int) -> str:
    """One value as json encodes it with ``indent=2`` at nesting ``level`` (the same checks, in its order)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    inner = "\n" + _INDENT * (level + 1)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = [_encode(item, level + 1) for item in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + _INDENT * level + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        pairs = [_key(key) + ": " + _encode(item, level + 1) for key, item in value.items()]
        return "{" + inner + ("," + inner).join(pairs) + "\n" + _INDENT * level + "}"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return encode_basestring(key)
    if isinstance(key, float):
        return encode_basestring(_float(key))
    if key is True or key is False or key is None:
        return encode_basestring({True: "true", False: "false", None: "null"}[key])
    if isinstance(key, int):
        return encode_basestring(int.__repr__(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)
