"""Extractors turn a Document into claims. ``get_extractor`` picks one by name ("offline", "llm")."""

from __future__ import annotations

from checker.extract.base import Extractor, get_extractor

__all__ = ["Extractor", "get_extractor"]
