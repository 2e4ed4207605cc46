"""A draft that cannot be read becomes a report of its own, so it never hides the reports on the others.

Like ruff's E902, the failure is a finding at 1:1 of that file, in every output format, and the run exits 2
once everything else is checked. ``FL001`` is not a rule: it cannot be selected, ignored or baselined.
"""

from __future__ import annotations

from checker.errors import DraftError, DraftExtractionError
from checker.models import Document, Extraction, Finding, Report, Severity, Span

CODE = "FL001"
NAME = "unreadable-file"
SUMMARY = (
    "A draft could not be read (missing, not a regular file, binary, or not UTF-8 text), or a factlint-ignore"
    " directive in it names no rule, so it was not checked."
)
HELP = (
    "The message says why. Save the draft as UTF-8 text, or leave it out; correct the directive's code (a rule's"
    " code, such as FL202: not a prefix or a name). The other drafts are still checked."
)


def unreadable(path: str, error: DraftError) -> Report:
    """The report for ``path``, which could not be read (or, ``error.line`` set, was read but names no rule in
    a directive on that line); the report says the reason once, beside ``path`` (stdin's name under
    ``--stdin-filename``)."""
    reason = f"line {error.line}: {error.reason}" if error.line else error.reason
    finding = Finding(CODE, NAME, Severity.ERROR, reason, Span(0, 0))
    return Report(Document.create(path, ""), Extraction("none", ()), (finding,), error=reason, read=bool(error.line))


# A draft the LLM extractor could not extract (``DraftExtractionError``): its own error, as an unreadable draft's,
# and the run exits 3 once everything else is checked. Errors of the run (a rejected key, a refused connection,
# an endpoint that is not an API, a quota used up, the deadline) still stop it at once.
EXTRACTION_CODE = "FL002"
EXTRACTION_NAME = "extraction-failed"
EXTRACTION_SUMMARY = (
    "The LLM extractor could not extract this draft's figures (no answer fitted the schema, the model refused,"
    " the answer was cut off, or a chunk is too long for the model), so it was not checked."
)
EXTRACTION_HELP = (
    "The message says why. Run it again (a failed draft is not cached), lower chunk_chars, or check it with"
    " --extractor offline. The other drafts are still checked."
)


def not_extracted(doc: Document, error: DraftExtractionError) -> Report:
    """The report for ``doc``, which was read but whose figures the LLM extractor could not extract: one
    finding at 1:1 saying why (the draft's path, already beside it, left out of the reason)."""
    reason = str(error).removeprefix(f"{doc.path}: ")
    finding = Finding(EXTRACTION_CODE, EXTRACTION_NAME, Severity.ERROR, reason, Span(0, 0))
    return Report(doc, Extraction("llm", ()), (finding,), error=reason)


def is_not_extracted(code: str) -> bool:
    return code == EXTRACTION_CODE


def state(report: Report) -> str:
    """What a report with an error says of its draft in place of its figures' count: "could not be read", or,
    for a draft that was read (a directive naming no rule, FL001; figures the LLM could not extract, FL002),
    "not checked"."""
    return "not checked" if report.read else "could not be read"
