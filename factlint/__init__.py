"""factlint: find contradictory figures and unsourced numbers in news drafts.

    >>> import factlint
    >>> report = factlint.check("Fifty prisoners were killed. Later, 35 prisoners were killed.")
    >>> [f.code for f in report.findings if f.code.startswith("FL1")]
    ['FL101']

The code lives in the ``checker`` package; this one is its public face (the names below, and nothing else, are
the API). ``python -m factlint`` is the command line.
"""

from __future__ import annotations

from checker import __version__
from checker.api import check, check_paths, load_config
from checker.config import Config
from checker.errors import (
    ConfigError,
    EndpointError,
    ExtractionError,
    FactlintError,
    InputError,
    OutputError,
    PromptError,
)
from checker.models import Claim, Document, Extraction, Finding, Report, Severity, Source, Span

__all__ = [
    "Claim",
    "Config",
    "ConfigError",
    "Document",
    "EndpointError",
    "Extraction",
    "ExtractionError",
    "FactlintError",
    "Finding",
    "InputError",
    "OutputError",
    "PromptError",
    "Report",
    "Severity",
    "Source",
    "Span",
    "__version__",
    "check",
    "check_paths",
    "load_config",
]
