"""load -> extract -> rules -> Report: for one document, or for paths file by file."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from checker import document, rules
from checker.config import Config
from checker.discover import expand_paths
from checker.errors import InputError
from checker.extract.base import Extractor, get_extractor
from checker.file_errors import unreadable
from checker.models import Document, Report


def check_document(doc: Document, config: Config, extractor: Extractor | None = None) -> Report:
    extractor = extractor or get_extractor(config)
    extraction = extractor.extract(doc)
    return Report(doc, extraction, rules.run(doc, extraction, config))


def load_paths(paths: Sequence[str], config: Config, stdin_name: str = "") -> Iterator[Document | Report]:
    """Each draft under ``paths`` loaded in turn, or, for one that cannot be read, its error report."""
    for path in expand_paths(paths, config, stdin_name):
        try:
            yield document.load(path, stdin_name)
        except InputError as exc:
            yield unreadable(stdin_name or path if path == "-" else path, str(exc))


def check_paths(
    paths: Sequence[str], config: Config, extractor: Extractor | None = None, stdin_name: str = ""
) -> Iterator[Report]:
    """One report per draft, file by file: each is loaded, checked and handed on before the next is read.

    A draft that cannot be read gives an error report (``checker.file_errors``) and the others are checked.
    Errors of the run itself (configuration, the LLM endpoint) still raise.
    """
    for item in load_paths(paths, config, stdin_name):
        if isinstance(item, Report):
            yield item
            continue
        extractor = extractor or get_extractor(config)
        yield check_document(item, config, extractor)
