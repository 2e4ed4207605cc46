"""Machine-readable report: the versioned schema in ``checker.codec`` (documented in README.md)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from checker.codec import reports_to_dict
from checker.models import Report
from checker.report import indented_json

if TYPE_CHECKING:
    from checker.report import RenderOptions


def render(reports: Sequence[Report], options: RenderOptions) -> str:
    # Indented, by indented_json (json's own indented encoder is Python, a generator step per piece), which walks
    # the lazy lists item by item; its pieces go straight into one buffer (json.dumps would hold them all first).
    out = io.StringIO()
    for piece in indented_json.pieces(reports_to_dict(reports, lazy=True)):
        out.write(piece)
    out.write("\n")
    return out.getvalue()
