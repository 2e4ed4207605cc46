"""Machine-readable report: the versioned schema in ``checker.codec`` (documented in README.md)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.codec import reports_to_dict
from checker.models import Report

if TYPE_CHECKING:
    from checker.report import RenderOptions


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    # Indented, so the encoder is json's own Python one, which walks the lazy lists item by item.
    return json.dumps(reports_to_dict(reports, lazy=True), indent=2, ensure_ascii=False) + "\n"
