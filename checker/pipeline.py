"""load -> extract -> rules -> Report: for one document, or for paths file by file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checker import document, invisible, rules
from checker.config import Config
from checker.discover import expand_paths
from checker.errors import InputError
from checker.extract.base import Extractor, get_extractor
from checker.file_errors import unreadable
from checker.models import Document, Report
from checker.progress import Progress


def check_document(doc: Document, config: Config, extractor: Extractor | None = None) -> Report:
    extractor = extractor or get_extractor(config)
    extraction = invisible.exact_extraction(extractor.extract(doc), doc.moved)
    return Report(doc, extraction, rules.run(doc, extraction, config))


def load_paths(
    paths: Sequence[str], config: Config, stdin_name: str = "", progress: Progress | None = None
) -> Iterator[Document | Report]:
    """Each draft under ``paths`` loaded in turn, or, for one that cannot be read, its error report."""
    found = expand_paths(paths, config, stdin_name)
    for index, path in enumerate(found, 1):
        if progress is not None:
            progress.draft(index, len(found), (stdin_name or "stdin") if path == "-" else path)
        try:
            yield document.load(path, stdin_name)
        except InputError as exc:
            yield unreadable((stdin_name or path) if path == "-" else path, str(exc))


def check_paths(
    paths: Sequence[str],
    config: Config,
    extractor: Extractor | None = None,
    stdin_name: str = "",
    progress: Progress | None = None,
) -> Iterator[Report]:
    """One report per draft, file by file: each is loaded, checked and handed on before the next is read.

    A draft that cannot be read gives an error report (``checker.file_errors``) and the others are checked.
    Errors of the run itself (configuration, the LLM endpoint) still raise. ``progress`` hears which draft is
    being checked (the LLM extractor reports its chunks and calls to it too).
    """
    for item in load_paths(paths, config, stdin_name, progress):
        if isinstance(item, Report):
            yield item
            continue
        extractor = extractor or get_extractor(config)
        try:
            report = check_document(item, config, extractor)
        finally:
            if progress is not None:
                progress.finished()
        yield report
