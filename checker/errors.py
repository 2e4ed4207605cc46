"""Exceptions factlint raises on purpose. The CLI turns each into one line on stderr and an exit code.

FactlintError
 ├── InputError          a draft cannot be read: missing, unreadable, binary, not UTF-8   -> exit 2
 │    └── DraftError     the same, one draft's: its path and reason apart (its FL001 report)
 ├── ConfigError         bad flag value, unknown config key, bad taxonomy                 -> exit 2
 ├── PromptError         a prompt template is missing a variable or is malformed          -> exit 2
 ├── OutputError         a report cannot be written: a closed stdout, a full disk, a draft -> exit 2
 └── ExtractionError     the LLM extractor could not finish (after retries): the run stops -> exit 3
      ├── EndpointError  the endpoint refused us: bad key, unknown model, 4xx             -> exit 3
      └── DraftExtractionError  one draft's answer never came right (never valid, refused, cut off,
                         too long for the model): its FL002 report, the others checked    -> exit 3 at the end
"""

from __future__ import annotations


class FactlintError(Exception):
    """Base of every error factlint raises deliberately."""


class InputError(FactlintError):
    pass


class DraftError(InputError):
    """One draft could not be read, or (``line`` set: it was read) a directive on that line names no rule.

    ``path`` and ``reason`` apart, so its report says the reason once beside the draft it names (``-``'s
    reason under ``--stdin-filename``'s name), and whether the draft was read, without parsing the message.
    """

    def __init__(self, path: str, reason: str, line: int = 0) -> None:
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")
        self.path, self.reason, self.line = path, reason, line

    def __reduce__(self) -> tuple[object, ...]:  # pickled with its fields, not its message alone
        return type(self), (self.path, self.reason, self.line)


class ConfigError(FactlintError):
    pass


class PromptError(FactlintError):
    pass


class OutputError(FactlintError):
    """A report could not be written (nothing is wrong with the drafts)."""


class ReaderGone(OutputError):
    """Stdout's reader stopped reading (``factlint check … | head``): the user's choice, not an error to report."""


class ExtractionError(FactlintError):
    """Extraction failed. ``attempts`` and ``last_response`` help a user see why (never the API key)."""

    def __init__(self, message: str, *, attempts: int = 0, last_response: str = "") -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_response = last_response


class EndpointError(ExtractionError):
    pass


class DraftExtractionError(ExtractionError):
    """The endpoint works, but this draft's figures could not be extracted: every answer failed the schema, the
    model refused, the answer was cut off at the token limit, or a chunk is too long for the model. Another draft
    may fare better, so it is that draft's error (``checker.file_errors.not_extracted``), not the run's."""
