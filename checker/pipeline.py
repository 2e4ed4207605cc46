"""load -> extract -> rules -> Report, for one document."""

from __future__ import annotations

from checker import invisible, rules
from checker.config import Config
from checker.extract.base import Extractor, get_extractor
from checker.models import Document, Report


def check_document(doc: Document, config: Config, extractor: Extractor | None = None) -> Report:
    extractor = extractor or get_extractor(config)
    extraction = invisible.exact_extraction(extractor.extract(doc), doc.moved)
    return Report(doc, extraction, rules.run(doc, extraction, config))
