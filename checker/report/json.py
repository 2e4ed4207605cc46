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
    return json.dumps(reports_to_dict(reports), indent=2, ensure_ascii=False) + "\n"
