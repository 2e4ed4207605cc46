"""Short forms of draft text for messages and reports."""

from __future__ import annotations


def clip(text: str, limit: int = 60) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# Words that take no plural in reports: "5 info" like "5 error(s)" would read wrong as "5 infos".
_INVARIANT = frozenset({"info"})


def plural(n: int, word: str) -> str:
    """'1 claim', '5 claims', '5 info': every count in every report and message is worded here."""
    last = word.rsplit(" ", 1)[-1]
    return f"{n} {word}" if n == 1 or last in _INVARIANT else f"{n} {word}s"
