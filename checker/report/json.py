"""Machine-readable report: the versioned schema in ``checker.codec`` (documented in README.md)."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.codec import reports_to_dict
from checker.models import Report

if TYPE_CHECKING:
    from checker.report import RenderOptions


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    # Indented, so the encoder is json's own Python one, which walks the lazy lists item by item; its pieces go
    # straight into one buffer (json.dumps would first hold millions of them in a list).
    out = io.StringIO()
    for piece in json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(reports_to_dict(reports, lazy=True)):
        out.write(piece)
    out.write("\n")
    return out.getvalue()
