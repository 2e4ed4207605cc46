"""load -> extract -> rules -> Report, for one document."""

from __future__ import annotations

from checker import rules
from checker.config import Config
from checker.extract.base import Extractor, get_extractor
from checker.models import Document, Report


def check_document(doc: Document, config: Config, extractor: Extractor | None = None) -> Report:
    extractor = extractor or get_extractor(config)
    extraction = extractor.extract(doc)
    return Report(doc, extraction, rules.run(doc, extraction, config))
