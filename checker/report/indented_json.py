"""JSON text as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, byte for byte, made faster.

With an indent, json uses its Python encoder: a generator step per nesting level for each of millions of pieces
(a 10 MB draft's report, or the parent of a ``--jobs`` run rendering 2,000 reports, spent most of its time
there). ``pieces`` walks the outer levels and encodes each item below them as one string, with json's own
escaping of strings.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from json.encoder import encode_basestring  # json's own C escaping of a string (ensure_ascii=False)
from typing import Any

_INDENT = "  "
DOCUMENT = 4  # levels walked in a whole report: it, its files, a file, a file's findings and claims
FILE = 2  # in one file's entry: it, its findings and claims


def pieces(value: Any, walk: int = DOCUMENT, level: int = 0) -> Iterator[str]:
    """What ``json.dumps(value, indent=2, ensure_ascii=False)`` writes, in pieces as it is made (as
    ``json.JSONEncoder(indent=2, ensure_ascii=False).iterencode`` yields them). The first ``walk`` levels are
    walked, lazy lists item by item; each value below them is one piece (a finding, a claim)."""
    if level >= walk or not isinstance(value, (list, tuple, dict)) or not value:
        yield _encode(value, level)
        return
    inner = "\n" + _INDENT * (level + 1)
    first = True
    if isinstance(value, dict):
        yield "{"
        for key, item in value.items():
            yield ("" if first else ",") + inner + _key(key) + ": "
            yield from pieces(item, walk, level + 1)
            first = False
        yield "\n" + _INDENT * level + "}"
        return
    yield "["
    for item in value:
        yield ("" if first else ",") + inner
        yield from pieces(item, walk, level + 1)
        first = False
    yield "\n" + _INDENT * level + "]"


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
