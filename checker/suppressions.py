"""Suppression directives in drafts.

``<!-- factlint-ignore FL101 FL202 -->`` (Markdown and HTML) or a line ``factlint-ignore: FL101`` (any format)
silences those codes, or all codes when none are given, in the next paragraph (a comment ending a paragraph's
line, as ``# noqa`` ends a line of code, in that paragraph); ``factlint-ignore-file`` does so for the whole draft.
Anything after ``--`` is a reason for human readers.
"""

from __future__ import annotations

import re

from checker import lazy_re
from checker.errors import DraftError
from checker.markup import blank
from checker.models import Document, Span

# A directive: where it ends, whether it covers the whole file, and the codes it names ("" = all codes).
Directive = tuple[Span, bool, str]

_DIRECTIVE_LINE = re.compile(
    r"^[ \t]*factlint-ignore(?P<file>-file)?(?:[ \t]*:[ \t]*|[ \t]+|(?=[ \t]*$))(?P<codes>[^\n]*?)[ \t]*$",
    re.MULTILINE,
)
_DIRECTIVE_COMMENT = lazy_re.compile(
    r"<!--\s*factlint-ignore(?P<file>-file)?(?:\s*:\s*|\s+|(?=\s*-->))(?P<codes>.*?)\s*-->", re.S
)
_CODE = lazy_re.compile(r"[A-Z]{2,}[0-9]+")


def directive_lines(text: str) -> tuple[str, list[Directive]]:
    """Plain-text directives: each is a line of its own, blanked so it is not checked as prose."""
    found: list[Directive] = []
    for match in _DIRECTIVE_LINE.finditer(text):
        found.append((Span(match.start(), match.end()), bool(match.group("file")), match.group("codes")))
    if found:
        text = _DIRECTIVE_LINE.sub(blank, text)
    return text, found


def comment_directive(source: str, span: Span) -> Directive | None:
    match = _DIRECTIVE_COMMENT.fullmatch(source, span.start, span.end)
    if match is None:
        return None
    return span, bool(match.group("file")), match.group("codes")


def suppressions(
    doc: Document, directives: list[Directive], blocks: list[Span]
) -> tuple[tuple[Span, frozenset[str]], ...]:
    """Each directive as (the span it silences, the codes it names; empty = all)."""
    out: list[tuple[Span, frozenset[str]]] = []
    for where, whole_file, raw in sorted(directives, key=lambda d: d[0]):
        codes: set[str] = set()
        codes_part = raw.split("--", 1)[0]  # "FL101 -- checked with the ministry": the rest is a reason
        for token in re.split(r"[\s,]+", codes_part.strip()):
            if not token:
                continue
            if not _CODE.fullmatch(token.upper()) or token.upper() not in _rule_codes():
                line, _ = doc.position(where.start)
                raise DraftError(
                    doc.path, f"factlint-ignore: {token!r} is not a rule code (write e.g. FL101 FL202)", line=line
                )
            codes.add(token.upper())
        if whole_file:
            span = Span(0, len(doc.text))
        else:
            span = _trailed(doc, blocks, where) or next(
                (p for p in blocks if p.start >= where.end), Span(len(doc.text), len(doc.text))
            )
        out.append((span, frozenset(codes)))
    return tuple(out)


def _trailed(doc: Document, blocks: list[Span], where: Span) -> Span | None:
    """The paragraph a comment directive follows on its line ("… were arrested. <!-- factlint-ignore FL202 -->",
    as ``# noqa`` ends a line of code), or the one it sits inside: it speaks of that one, not the next."""
    before = [p for p in blocks if p.start < where.start]
    if before and "\n" not in doc.text[before[-1].end : where.start]:
        return before[-1]
    return None


def _rule_codes() -> frozenset[str]:
    """The codes a directive may name: the registered rules' (``FL9999`` or a prefix such as ``FL2`` would
    silence nothing, unseen). Imported here, when a directive names a code: loading a draft needs no rules."""
    from checker.rules.registry import RULES

    return frozenset(RULES)
