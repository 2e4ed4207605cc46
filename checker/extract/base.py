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


def choice(config: Config) -> str:
    """``llm`` or ``offline``. ``auto`` means the LLM only when factlint itself is given an endpoint (``base_url``
    in its config, ``FACTLINT_BASE_URL`` or ``--base-url``): an OpenAI key or base URL in the environment, set
    for other tools, never sends drafts anywhere on its own.
    """
    if config.extractor == "auto":
        return "llm" if config.base_url else "offline"
    return config.extractor


def get_extractor(config: Config) -> Extractor:
    """The extractor the config asks for (see ``choice``)."""
    chosen = choice(config)
    if chosen == "offline":
        from checker.extract.patterns import PatternExtractor

        return PatternExtractor(config.taxonomy, config.tolerance)
    if chosen == "llm":
        from checker.extract.llm import LLMExtractor

        return LLMExtractor(config)
    raise ConfigError(f"unknown extractor {chosen!r} (expected auto, llm or offline)")


def notice(config: Config, extractor: Extractor) -> str:
    """The one line a run says on stderr about where drafts go, or "" when there is nothing to say."""
    describe = getattr(extractor, "describe", None)
    if extractor.name == "llm" and describe is not None:
        return f"drafts are sent to {describe()} for extraction"
    if config.extractor == "auto":
        found = [config.api_key_env] if config.api_key else []
        found += [var for var in config.ignored_env if var == "OPENAI_BASE_URL"]
        if found:
            return (
                f"{' and '.join(found)} {'is' if len(found) == 1 else 'are'} set, but factlint is not configured for"
                " an LLM: checking offline, nothing is sent (--extractor llm to use it)"
            )
    return ""
