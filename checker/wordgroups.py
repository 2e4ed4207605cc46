"""Word lists as regular-expression alternatives that search fast: grouped under their first letter.

Python's engine tries the alternatives of ``\\b(?:killed|kill|died|…)`` one after the other at every word it
passes, so a list of a few hundred words costs a few hundred steps per word of text. Grouped under their first
letter (``k(?:illed|ill)|d(?:ied)|…``) it costs one step per letter group and then the few words of one letter:
the same matches, ~5× faster for the taxonomy's and the attribution lists' patterns.
"""

from __future__ import annotations

import re
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

from checker import lazy_re


def grouped(alternatives: list[str]) -> str:
    """``"|".join(alternatives)`` with the same matches, runs of alternatives grouped by their first letter.

    Each item is a regular expression. Only items that open with an ASCII letter (not quantified, and without a
    ``|`` of their own at the top) are grouped; any other item stays where it is and separates the runs around
    it, so no alternative is ever tried before one it came after that could match at the same place (two
    letters never match at one place, unless they differ only in case: then nothing is grouped).
    """
    groupable = [_groupable(a) for a in alternatives]  # (once an item: 1,000 items are built at start-up)
    letters = {a[0] for a, can in zip(alternatives, groupable, strict=True) if can}
    if len({letter.lower() for letter in letters}) != len(letters):
        return "|".join(alternatives)
    out: list[str] = []
    run: dict[str, list[str]] = {}
    for item, can in zip(alternatives, groupable, strict=True):
        if can:
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
    return opens and not _top_level_bar(item)


def _top_level_bar(item: str) -> bool:
    """True when ``item`` holds a ``|`` outside every group and class (it is several alternatives). Items with a
    class were once left ungrouped, as a class could hide a "|": the speech verbs' lookaheads ("added(?!…[$£€\\d])")
    split their list into a dozen runs, each tried at every word."""
    if "|" not in item:
        return False  # most items: a word or two (the loop below was most of building the word lists)
    depth, escaped, in_class, class_start = 0, False, False, -1
    for at, char in enumerate(item):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            # "]" first in a class (after "[" or "[^") is one of its characters
            if char == "]" and at > class_start + (2 if item[class_start + 1 : class_start + 2] == "^" else 1):
                in_class = False
        elif char == "[":
            in_class, class_start = True, at
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def prefiltered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a lookahead for the characters a match of it can start with: the same matches.

    A pattern that opens with ``\\b`` (as the attribution cues do) gives the engine no first character to skip
    to, so it enters the whole pattern at every word boundary; with ``re.IGNORECASE`` every alternative is
    then tried in turn. One character class first turns most boundaries away in one step (the vague and
    "according to" cues: about twice as fast). ``pattern`` itself when its first characters are not known.
    Made once per pattern (kept by identity: a compiled pattern's hash reads all of its code).
    """
    made = _PREFILTERED.get(id(pattern))
    if made is None or made[0] is not pattern:
        if len(_PREFILTERED) >= 256:
            _PREFILTERED.clear()  # (patterns built per taxonomy: a long-lived caller could make many)
        made = _PREFILTERED[id(pattern)] = (pattern, _prefiltered(pattern))
    return made[1]


_PREFILTERED: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _prefiltered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    text, flags = lazy_re.source(pattern)  # (a lazy pattern is not compiled for this: only what is built from it)
    ignore = bool(flags & re.IGNORECASE)
    first = _first_chars(_parser.parse(text, flags).data, ignore)
    if first is None or not first[0] or first[1] or _GLOBAL_FLAGS.match(text) or flags & re.X:
        return pattern  # any character, or an empty match; global flags must stay first, a comment last
    # characters under (?i:…) in a pattern without the flag go in a class of their own with it: the engine then
    # folds their case as it would for the pattern (all in one class when the whole pattern ignores case)
    exact, folded = ([re.escape(c) for c, fold in sorted(first[0]) if fold == want or ignore] for want in (False, True))
    classes = [f"[{''.join(exact)}]"] if exact else []
    classes += [f"(?i:[{''.join(folded)}])"] if folded and not ignore else []
    return re.compile(f"(?={'|'.join(classes)})(?:{text})", flags)


def opening_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (no flags) can start with; None when any could, or the empty string
    matches. Parsed, not compiled (about half the cost)."""
    first = _first_chars(_parser.parse(pattern).data, False)
    return None if first is None or first[1] else frozenset(c for c, _ in first[0])


_GLOBAL_FLAGS = lazy_re.compile(r"\(\?[aiLmsux]+\)")
_ZERO_WIDTH = (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT)
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


# What ``\s`` matches in a str pattern: the characters for which ``str.isspace`` holds, written out (finding them
# among the first 12,289 code points cost a one-line check ~9 M instructions, 1.6 %); ``test_wordgroups`` checks
# the list against every code point.
_SPACES = frozenset(
    "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def _first_chars(items: list[tuple[Any, Any]], ignore: bool) -> tuple[set[tuple[str, bool]], bool] | None:
    """The characters a match of a parsed sequence can start with (each with whether its case is ignored there),
    and whether it can match the empty string; None when any character could (a negated class, ``.``, a class
    of word characters, a back-reference)."""
    chars: set[tuple[str, bool]] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the first character comes after it
        if op is _constants.LITERAL:
            return chars | {(chr(av), ignore)}, False
        if op is _constants.IN:
            for kind, value in av:
                if kind is _constants.LITERAL:
                    chars.add((chr(value), ignore))
                elif kind is _constants.RANGE and value[1] - value[0] < 256:
                    chars.update((chr(c), ignore) for c in range(value[0], value[1] + 1))
                elif kind is _constants.CATEGORY and value is _constants.CATEGORY_SPACE:
                    chars.update((c, False) for c in _SPACES)
                else:
                    return None
            return chars, False
        if op is _constants.BRANCH:
            found = [_first_chars(list(alternative), ignore) for alternative in av[1]]
        elif op is _constants.SUBPATTERN:
            fold = (ignore or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
            found = [_first_chars(list(av[3]), fold)]
        elif op is _constants.ATOMIC_GROUP:
            found = [_first_chars(list(av), ignore)]
        elif op in _REPEATS:
            inner = _first_chars(list(av[2]), ignore)
            found = [inner if inner is None or av[0] else (inner[0], True)]
        else:
            return None
        if any(f is None for f in found):
            return None
        chars.update(*(f[0] for f in found if f))
        if not any(f[1] for f in found if f):
            return chars, False
    return chars, True
