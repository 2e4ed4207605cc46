"""The extractor interface and the registry that picks one by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from checker.errors import ConfigError

if TYPE_CHECKING:
    from checker.config import Config
    from checker.models import Document, Extraction


class Extractor(Protocol):
    name: str

    def extract(self, doc: Document) -> Extraction: ...


def get_extractor(config: Config) -> Extractor:
    """The extractor the config asks for; ``auto`` means the LLM when an endpoint is configured."""
    choice = config.extractor
    if choice == "auto":
        choice = "llm" if config.llm_configured else "offline"
    if choice == "offline":
        from checker.extract.patterns import PatternExtractor

        return PatternExtractor(config.taxonomy, config.tolerance)
    if choice == "llm":
        from checker.extract.llm import LLMExtractor

        return LLMExtractor(config)
    raise ConfigError(f"unknown extractor {choice!r} (expected auto, llm or offline)")
