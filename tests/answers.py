"""Model answers for tests, in the LLM response schema (``checker.extract.schema.Answer``).

``answer_with_quantities`` completes a test's short answer: each claim without a ``quantity`` gets one, shared by
claims that count the same thing (``counted`` and ``event`` as the test writes them), and the quantities are
declared. Tests about quantities and relations write them out in full instead.
"""

from __future__ import annotations

import copy
from typing import Any


def answer_with_quantities(payload: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(payload)
    quantities = {q["id"]: q for q in out.get("quantities", [])}
    names: dict[tuple[str, str], str] = {}
    for claim in out.get("claims", []):
        if "quantity" in claim:
            continue
        key = (str(claim.get("counted", "")).lower(), str(claim.get("event", "")).lower())
        if key not in names:
            names[key] = f"q{len(quantities) + 1}"
            quantities[names[key]] = {"id": names[key], "what": " ".join(k for k in key if k) or "things counted"}
        claim["quantity"] = names[key]
        if claim.get("time"):
            claim["as_of"] = claim["time"]
    out["quantities"] = list(quantities.values())
    out.setdefault("relations", [])
    return out
