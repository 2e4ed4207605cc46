"""Bounds on what a model's answer may carry into the report and the cache.

Quotes are grounded (each must be found verbatim in its chunk), so they are as long as the chunk at most. Every
other string the model writes (what is counted, the event, the scope, a source's name …) is free text: a model
that answers with a 20 MB "counted" must not put 20 MB into every report and cache entry. Such fields are cut
to ``FIELD_CHARS`` with an ellipsis.
"""

from __future__ import annotations

from typing import Any

FIELD_CHARS = 200
_VERBATIM = frozenset({"quote", "figure"})  # bounded by grounding, and cutting one would make it unfindable


def capped(data: Any, limit: int = FIELD_CHARS) -> Any:
    """``data`` (JSON-like: dicts, lists, strings) with every free-text string cut to ``limit`` characters."""
    if isinstance(data, str):
        return data if len(data) <= limit else data[: limit - 1] + "…"
    if isinstance(data, list):
        return [capped(item, limit) for item in data]
    if isinstance(data, dict):
        return {k: v if k in _VERBATIM and isinstance(v, str) else capped(v, limit) for k, v in data.items()}
    return data
