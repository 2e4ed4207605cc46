"""Word lists as regular-expression alternatives that search fast: grouped under their first letter.

Python's engine tries the alternatives of ``\\b(?:killed|kill|died|…)`` one after the other at every word it
passes, so a list of a few hundred words costs a few hundred steps per word of text. Grouped under their first
letter (``k(?:illed|ill)|d(?:ied)|…``) it costs one step per letter group and then the few words of one letter:
the same matches, ~5× faster for the taxonomy's and the attribution lists' patterns.
"""

from __future__ import annotations


def grouped(alternatives: list[str]) -> str:
    """``"|".join(alternatives)`` with the same matches, runs of alternatives grouped by their first letter.

    Each item is a regular expression. Only items that open with an ASCII letter (not quantified, and without a
    ``|`` of their own at the top) are grouped; any other item stays where it is and separates the runs around
    it, so no alternative is ever tried before one it came after that could match at the same place (two
    letters never match at one place, unless they differ only in case: then nothing is grouped).
    """
    letters = {a[0] for a in alternatives if _groupable(a)}
    if len({letter.lower() for letter in letters}) != len(letters):
        return "|".join(alternatives)
    out: list[str] = []
    run: dict[str, list[str]] = {}
    for item in alternatives:
        if _groupable(item):
            run.setdefault(item[0], []).append(item[1:])
            continue
        out.extend(_run(run))
        run = {}
        out.append(item)
    out.extend(_run(run))
    return "|".join(out)


def _run(run: dict[str, list[str]]) -> list[str]:
    return [f"{letter}(?:{'|'.join(rests)})" if len(rests) > 1 else letter + rests[0] for letter, rests in run.items()]


def _groupable(item: str) -> bool:
    opens = bool(item) and item[0].isascii() and item[0].isalpha() and item[1:2] not in ("?", "*", "+", "{")
    return opens and "[" not in item and not _top_level_bar(item)  # a class could hide a "|": left as it is


def _top_level_bar(item: str) -> bool:
    """True when ``item`` holds a ``|`` outside every group (it is several alternatives)."""
    if "|" not in item:
        return False  # most items: a word or two (the loop below was most of building the word lists)
    depth, escaped = 0, False
    for char in item:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False
