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


# Every C0 control but the tab, DEL and the C1 controls, shown as symbols in a line on a terminal: a file name's
# ESC "[2J" (a cleared screen, a window title, the clipboard) or line break is text, never a command nor a second
# line (the text report shows a draft's the same way: ``checker.report.text``).
SHOWN_CONTROLS = (
    {c: chr(0x2400 + c) for c in range(32) if c != 9} | {127: "\u2421"} | dict.fromkeys(range(0x80, 0xA0), "\ufffd")
)


def one_line(text: str) -> str:
    """``text`` as one line a terminal prints as text: controls shown as symbols (␛, ␊, ␇ …)."""
    return text.translate(SHOWN_CONTROLS)
