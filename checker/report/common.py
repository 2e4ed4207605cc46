"""Small pieces several reporters share: paths as CI tools want them, and a claim described in one line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from checker.codec import summary
from checker.models import Claim, Finding
from checker.wording import clip, plural

STDIN_NAME = "stdin"
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


def artifact_uri(path: str, root: Path) -> str:
    """A URI reference for SARIF: relative (percent-encoded) inside ``root``, ``file://`` outside it."""
    shown = display_path(path, root)
    if Path(shown).is_absolute():
        return Path(shown).as_uri()
    return quote(shown, safe="/")


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
    parts = [plural(n, label) for label, n in summary(findings).items() if n]
    return ", ".join(parts) if parts else "no findings"


def in_text_order(finding: Finding) -> list[Claim]:
    """A finding's figures in the order they appear in the draft: the order every report lists them in."""
    return sorted(finding.claims, key=lambda c: (c.figure_span.start, c.span.start))
