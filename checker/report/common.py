"""Small pieces several reporters share: paths as CI tools want them, and a claim described in one line."""

from __future__ import annotations

import contextlib
import io
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Any, ClassVar, Protocol
from urllib.parse import quote

from checker.models import Claim, Finding, Report, Severity
from checker.wording import clip, plural

STDIN_NAME = "-"  # stdin with no --stdin-filename, in every report, as ruff names it
MAX_LISTED = 10  # figures listed under one finding in text, Markdown, SARIF and rdjson; the rest are counted


def display_path(path: str, root: Path) -> str:
    """The path relative to ``root`` with forward slashes when it is inside ``root``, else as given."""
    if path == "-":
        return STDIN_NAME
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(root.resolve())
        except ValueError:
            return candidate.as_posix()
    return PurePosixPath(candidate.as_posix()).as_posix()


def workspace_path(path: str, root: Path) -> str:
    """The path as GitHub maps it to a file (annotations, code scanning): relative to ``GITHUB_WORKSPACE`` (the
    repository's root in Actions) when that is set and the file lies inside it, else ``display_path``: from a
    subfolder, ``../drafts/a.md`` maps to no file of the repository, ``drafts/a.md`` does."""
    inside = _in_workspace(path)
    return display_path(path, root) if inside is None else inside


def _in_workspace(path: str) -> str | None:
    """The path relative to ``GITHUB_WORKSPACE``, or None when that is unset or the file lies outside it."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if workspace and path != "-":
        # as named (a link inside the workspace is its own path there), then with links resolved (/tmp, /private/tmp)
        for resolve in (os.path.abspath, os.path.realpath):
            with contextlib.suppress(ValueError):
                return Path(resolve(path)).relative_to(resolve(workspace)).as_posix()
    return None


def source_root(root: Path) -> str:
    """The absolute ``file://`` URI, ending in ``/``, that SARIF's ``%SRCROOT%`` stands for (``artifact_uri``'s
    relative URIs are relative to it): ``GITHUB_WORKSPACE`` when it is set, else ``root``. A folder's path only:
    a file URI has no user or host part, and ``?``, ``#`` and ``%`` in a folder's name are percent-encoded."""
    uri = Path(os.path.abspath(os.environ.get("GITHUB_WORKSPACE") or root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def artifact_uri(path: str, root: Path) -> str:
    """A URI reference for SARIF: relative (percent-encoded) to ``source_root`` for a file inside it, ``file://``
    outside it (with ``GITHUB_WORKSPACE`` set, a file outside the workspace, whatever its path from ``root``)."""
    inside = _in_workspace(path)
    # a name that is not UTF-8 (a lone surrogate, from caf\xe9.txt) as its own bytes, %E9, as as_uri() gives them
    if inside is not None:
        return quote(inside, safe="/", errors="surrogateescape")
    shown = display_path(path, root)
    if Path(shown).is_absolute() or (os.environ.get("GITHUB_WORKSPACE") and path != "-"):
        return Path(os.path.abspath(path)).as_uri()
    return quote(shown, safe="/", errors="surrogateescape")


def full_message(finding: Finding) -> str:
    """The message with its explanation, for formats that show one block of text per finding."""
    return f"{finding.message}\n{finding.explanation}" if finding.explanation else finding.message


def claim_value(claim: Claim) -> str:
    return str(claim.value) + (f" {claim.unit}" if claim.unit else "")


def claim_source(claim: Claim) -> str:
    source = claim.source.describe()
    if claim.in_quote and not claim.source.attributed:
        source += " (inside a quotation)"
    return source


def describe_claim(claim: Claim, limit: int = 80) -> str:
    """“quote” = value — source: one line that says what a figure is and who says so."""
    return f"“{clip(claim.quote, limit)}” = {claim_value(claim)} — {claim_source(claim)}"


def listed(finding: Finding) -> tuple[list[Claim], int]:
    """A finding's figures to list, in document order, at most ``MAX_LISTED``, and how many more there are.

    A finding over hundreds of figures (a long draft repeating one conflict) must not make a report of megabytes;
    the JSON report, which scripts read, still lists every claim id.
    """
    ordered = in_text_order(finding)
    return ordered[:MAX_LISTED], max(0, len(ordered) - MAX_LISTED)


def more_figures(count: int) -> str:
    return f"… and {count} more figure{'s' if count != 1 else ''}"


def by_severity(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    """Worst first, then in document order (a stable sort keeps the rule engine's order within a level)."""
    return sorted(findings, key=lambda f: -f.severity)


def counts(findings: Sequence[Finding]) -> str:
    """'7 errors, 1 warning, 5 info' (levels with none left out), or 'no findings'."""
    return severity_counts(f.severity for f in findings)


def severity_counts(severities: Iterable[Severity]) -> str:
    """``counts`` of findings known only by their severities."""
    return _counts(Counter(severities))


def _counts(tally: Counter[Severity]) -> str:
    parts = [plural(n, label) for label, n in by_level(tally).items() if n]
    return ", ".join(parts) if parts else "no findings"


def by_level(tally: Counter[Severity]) -> dict[str, int]:
    """{'error': n, 'warning': n, 'info': n}, worst first: ``checker.codec.summary`` of counted severities."""
    return {s.label: tally.get(s, 0) for s in sorted(Severity, reverse=True)}


def in_text_order(finding: Finding) -> list[Claim]:
    """A finding's figures in the order they appear in the draft: the order every report lists them in."""
    return sorted(finding.claims, key=lambda c: (c.figure_span.start, c.span.start))


# --- streaming -------------------------------------------------------------------------------------------


class Out(Protocol):
    """Where a reporter writes: a text stream (a staged file, stdout's spool, a StringIO)."""

    def write(self, text: str, /) -> int: ...


class Writer(Protocol):
    """``handle(report)`` writes one file's part; ``take(part)`` writes what the format module's
    ``part(report, options, index)`` made of the index-th report elsewhere (a worker process), the same text."""

    def start(self) -> None: ...

    def handle(self, report: Report) -> None: ...

    def take(self, part: Any) -> None: ...

    def stop(self) -> None: ...


class LineWriter:
    """A format that writes each file's lines as its report arrives and needs only the counts at the end (text,
    GitHub annotations): what its module's ``part`` made is counted and written here; ``stop`` is the format's."""

    def __init__(self, out: Out, options: Any) -> None:
        self.out, self.options = out, options
        self.tally = Tally()

    def start(self) -> None:
        pass

    def take(self, made: tuple[tuple[Severity, ...], str]) -> None:
        found, lines = made
        self.tally.count(found)
        self.out.write(lines)


def render_with(make: Callable[[Out, Any], Writer], reports: Iterable[Report], options: Any) -> str:
    """The whole text a streaming writer (``make(out, options)``) writes for ``reports``."""
    out = io.StringIO()
    writer = make(out, options)
    writer.start()
    for report in reports:
        writer.handle(report)
    writer.stop()
    return out.getvalue()


class Tally:
    """What a run's summary line says, counted as reports go by: files, and findings by severity."""

    def __init__(self) -> None:
        self.files = 0
        self.severities: Counter[Severity] = Counter()

    def add(self, report: Report) -> None:
        self.count(severities(report))

    def count(self, found: Iterable[Severity]) -> None:
        """One file, known by its findings' severities."""
        self.files += 1
        self.severities.update(found)

    def summary(self) -> dict[str, int]:
        return by_level(self.severities)

    def counts(self) -> str:
        return _counts(self.severities)


def severities(report: Report) -> tuple[Severity, ...]:
    """Each finding's severity: what a format's totals need of a report (``Tally.count``)."""
    return tuple(f.severity for f in report.findings)


def spool() -> IO[str]:
    """A scratch stream for what a reporter can write only after the last file (its header needs the totals):
    memory up to a megabyte, then an anonymous temporary file."""
    from checker.output import spool_text

    return spool_text()


def copy_spool(source: IO[str], out: Out) -> None:
    from checker.output import copy_text

    copy_text(source, out)


_HOLE = "\x00factlint: the streamed array\x00"  # json escapes NUL, so no real text can look like it


class JSONArray:
    """One array of a JSON document written item by item, laid out exactly as ``json.dumps(indent=2)`` lays
    out the whole document (JSON strings hold no raw newline, so an item is indented by its newlines).

    ``document`` holds ``JSONArray.HOLE`` where the array goes; ``head()`` is the text before its items,
    ``add``/``add_pieces`` write one item each to ``out`` (a spool, when the head needs totals: ``frame`` the
    document again once they are known), ``tail()`` the text after them.
    """

    HOLE: ClassVar[list[str]] = [_HOLE]

    def __init__(self, document: Any, out: Out) -> None:
        self.out = out
        self.count = 0
        self.frame(document)

    def frame(self, document: Any) -> None:
        """The document around the array (again, once totals in it are known: the items' indent is the same)."""
        import json  # for the JSON and SARIF reports only (~1 ms of a text report's start-up)

        text = json.dumps(document, indent=2, ensure_ascii=False)
        marker = json.dumps(_HOLE, ensure_ascii=False)
        at = text.index(marker)
        line = text.rindex("\n", 0, at)
        self._head, self._tail, self.indent = text[:line], text[at + len(marker) :], text[line:at]

    def head(self) -> str:
        return self._head  # ends with the array's "["

    def tail(self) -> str:
        """After the items: an empty array is "[]", as json writes it."""
        return self._tail if self.count else "]" + self._tail[self._tail.index("]") + 1 :]

    def add(self, item: Any) -> None:
        import json

        self.add_encoded(json.dumps(item, indent=2, ensure_ascii=False))

    def add_encoded(self, text: str) -> None:
        """One item already encoded, as ``json.dumps(item, indent=2, ensure_ascii=False)`` encodes it alone."""
        self.out.write(("," if self.count else "") + self.indent + text.replace("\n", self.indent))
        self.count += 1

    def add_pieces(self, pieces: Iterable[str]) -> None:
        """One item given as the pieces of its own encoding (``json.JSONEncoder(indent=2).iterencode``)."""
        chunk = [("," if self.count else "") + self.indent]
        size = 0
        for piece in pieces:  # json's encoder makes thousands of tiny pieces: written in chunks of 64 KiB
            chunk.append(piece.replace("\n", self.indent))
            size += len(piece)
            if size > 1 << 16:
                self.out.write("".join(chunk))
                chunk, size = [], 0
        self.out.write("".join(chunk))
        self.count += 1
