"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code's SARIF viewer, …).

Built with ``sarif-pydantic`` (typed pydantic v2 models, maintained, and pydantic is already a dependency);
``sarif-om`` was the other candidate but its attrs classes have no serialiser, keep the pre-release
schema's defaults (``charOffset: -1`` …) and have not been released since 2019.

One run for all files, its results written as each file's report arrives (``Writer``). A draft that could not
be read is a ``FL001`` result at 1:1 of that file (one the LLM could not extract, ``FL002``), and the invocation is
marked unsuccessful. Every registered
rule is listed (id, name, shortDescription, fullDescription, help, default level), results point at their rule
by id and index, regions are 1-based with an exclusive ``endColumn`` counted in Unicode code points
(``columnKind``), artifact URIs are relative to the working directory under ``%SRCROOT%`` (to ``GITHUB_WORKSPACE``, the
repository's root, when it is set and the draft lies inside it; a ``file://`` URI outside, with no base), the run's
``originalUriBaseIds`` gives ``%SRCROOT%``'s absolute ``file://`` URI, and
``partialFingerprints`` carries ``checker.codec.fingerprint`` so a finding keeps its identity when lines move.
The figures behind a finding are its ``relatedLocations``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sarif_pydantic import sarif

from checker import __version__, file_errors
from checker.codec import fingerprint
from checker.document import source_span
from checker.models import Document, Finding, Report, Severity, Span
from checker.report.common import (
    JSONArray,
    Out,
    artifact_uri,
    copy_spool,
    describe_claim,
    full_message,
    listed,
    render_with,
    source_root,
    spool,
)
from checker.rules import RULES

if TYPE_CHECKING:
    from checker.report import RenderOptions

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "factlint/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def region(doc: Document, span: Span) -> Any:
    span = source_span(doc, span)
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(max(span.start, span.end - 1))
    return sarif.Region(
        start_line=line,
        start_column=column,
        end_line=end_line,
        end_column=end_column + 1,
        snippet=sarif.ArtifactContent(text=doc.source[span.start : span.end]),
    )


def physical(doc: Document, uri: str, span: Span) -> Any:
    return sarif.PhysicalLocation(
        # a uriBaseId wants a relative URI (the SARIF validator's SARIF1004): none beside a file:// URI
        artifact_location=sarif.ArtifactLocation(uri=uri, uri_base_id=None if uri.startswith("file:") else SRCROOT),
        region=region(doc, span),
    )


def _error_descriptor(code: str, name: str, summary: str, help_text: str) -> Any:
    """The descriptor of a draft's own error (FL001 unreadable, FL002 not extracted): always level error."""
    return sarif.ReportingDescriptor(
        id=code,
        name=name,
        short_description=sarif.Message(text=summary),
        full_description=sarif.Message(text=help_text),
        help=sarif.Message(text=f"{summary}\n\n{help_text}"),
        default_configuration=sarif.ReportingConfiguration(level="error"),
    )


def rules(levels: Mapping[str, str] | None = None) -> list[Any]:
    """Every rule's descriptor, its default level the one ``levels`` (``[severity]`` by code) gives it."""
    levels = levels or {}
    unreadable = _error_descriptor(file_errors.CODE, file_errors.NAME, file_errors.SUMMARY, file_errors.HELP)
    not_extracted = _error_descriptor(
        file_errors.EXTRACTION_CODE,
        file_errors.EXTRACTION_NAME,
        file_errors.EXTRACTION_SUMMARY,
        file_errors.EXTRACTION_HELP,
    )
    return [
        sarif.ReportingDescriptor(
            id=rule.code,
            name=rule.name,
            short_description=sarif.Message(text=rule.summary),
            full_description=sarif.Message(text=rule.help or rule.summary),
            help=sarif.Message(text=f"{rule.summary}\n\n{rule.help}".strip()),
            default_configuration=sarif.ReportingConfiguration(
                level=LEVELS[Severity.parse(levels.get(rule.code, rule.severity.label))]
            ),
            properties={"tags": ["fact-checking"]},
        )
        for rule in RULES.values()
    ] + [unreadable, not_extracted]


def result(doc: Document, finding: Finding, uri: str, rule_index: dict[str, int]) -> Any:
    related = [
        sarif.Location(id=n, physical_location=physical(doc, uri, claim.figure_span),
                       message=sarif.Message(text=describe_claim(claim)))
        for n, claim in enumerate(listed(finding)[0], start=1)
    ]  # fmt: skip
    properties: dict[str, Any] = {"rule": finding.rule}
    if finding.quantity:
        properties["quantity"] = finding.quantity
    return sarif.Result(
        rule_id=finding.code,
        rule_index=rule_index.get(finding.code),
        level=LEVELS[finding.severity],
        message=sarif.Message(text=full_message(finding)),
        locations=[sarif.Location(physical_location=physical(doc, uri, finding.span))],
        related_locations=related or None,
        partial_fingerprints={FINGERPRINT_KEY: fingerprint(finding)},
        properties=properties,
    )


class Writer:
    """Each file's results as its report arrives, into a spool; the log around them at the end (its invocation
    says whether every draft could be read)."""

    def __init__(self, out: Out, options: RenderOptions) -> None:
        self.out, self.options = out, options
        self.descriptors = rules(dict(options.severity))
        self.rule_index = {d.id: n for n, d in enumerate(self.descriptors)}
        self.spooled = spool()
        self.base = source_root(options.root)
        self.results = JSONArray(_frame(self.descriptors, self.base, successful=True), self.spooled)
        self.successful = True

    def start(self) -> None:
        pass

    def handle(self, report: Report) -> None:
        self.take(_part(report, self.options, self.rule_index))

    def take(self, made: tuple[bool, tuple[str, ...]]) -> None:
        read, results = made
        self.successful = self.successful and read
        for encoded in results:
            self.results.add_encoded(encoded)

    def stop(self) -> None:
        self.results.frame(_frame(self.descriptors, self.base, self.successful))
        self.out.write(self.results.head())
        copy_spool(self.spooled, self.out)
        self.out.write(self.results.tail() + "\n")
        self.spooled.close()


def part(report: Report, options: RenderOptions, index: int = 0) -> tuple[bool, tuple[str, ...]]:
    """What ``Writer.handle`` writes for ``report``, made wherever the report is: whether its draft could be read,
    and each result encoded."""
    return _part(report, options, _rule_index())


@functools.cache
def _rule_index() -> dict[str, int]:
    """Each rule's index in the log's list of rules (``rules()``), worked out once by a process."""
    return {d.id: n for n, d in enumerate(rules())}


def _part(report: Report, options: RenderOptions, rule_index: dict[str, int]) -> tuple[bool, tuple[str, ...]]:
    uri = artifact_uri(report.document.path, options.root)
    results = (result(report.document, finding, uri, rule_index) for finding in report.findings)
    dumped = (made.model_dump(by_alias=True, exclude_none=True, mode="json") for made in results)
    return not report.error, tuple(json.dumps(data, indent=2, ensure_ascii=False) for data in dumped)


def _frame(descriptors: list[Any], base: str, successful: bool) -> dict[str, Any]:
    """The SARIF log as plain JSON-ready data, its results a ``JSONArray.HOLE``; ``%SRCROOT%`` is ``base``."""
    driver = sarif.ToolDriver(
        name="factlint",
        version=__version__,
        semantic_version=__version__,
        rules=descriptors,
    )
    run = sarif.Run(
        tool=sarif.Tool(driver=driver),
        invocations=[sarif.Invocation(execution_successful=successful)],
        # what the relative URIs' uriBaseId stands for (SARIF 2.1.0 §3.14.14): viewers resolve them through it
        original_uri_base_ids={SRCROOT: sarif.ArtifactLocation(uri=base)},
        results=[],
        **{"columnKind": "unicodeCodePoints"},  # not modelled by sarif-pydantic; kept as an extra field
    )
    log = sarif.Sarif(version="2.1.0", schema_uri=SCHEMA_URI, runs=[run])
    data: dict[str, Any] = log.model_dump(by_alias=True, exclude_none=True, mode="json")
    data["runs"][0]["results"] = JSONArray.HOLE
    return data


def build(reports: Sequence[Report], options: RenderOptions) -> dict[str, Any]:
    """The SARIF log as plain JSON-ready data."""
    data: dict[str, Any] = json.loads(render(reports, options))
    return data


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    return render_with(Writer, reports, options)
