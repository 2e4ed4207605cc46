"""Every check, in the one explicit list; the rules are what those checks declare they emit.

Adding a rule: declare it with ``rule(...)`` in its family's module, yield it from a check, and name that check
(with the rules it emits) here. Nothing else registers a rule.
"""

from __future__ import annotations

from checker.rules import attribution, conflicts, coverage, partwhole, timeline
from checker.rules.base import Check, Rule

CHECKS: tuple[Check, ...] = (
    Check(attribution.attribution, (attribution.UNATTRIBUTED, attribution.VAGUE, attribution.UNSPOKEN)),
    Check(conflicts.conflicting_figures, (conflicts.DIRECT, conflicts.QUALIFIED, conflicts.SCALE)),
    Check(conflicts.percentage_vs_count, (conflicts.SHARE,)),
    Check(coverage.unreviewed, (coverage.NOT_REVIEWED,)),
    Check(partwhole.parts_and_totals, (partwhole.SUBSET, partwhole.PARTS)),
    Check(partwhole.shares_of_a_whole, (partwhole.PARTS,)),
    Check(timeline.counts_over_time, (timeline.DECREASE,)),
)


def _rules(checks: tuple[Check, ...]) -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for item in checks:
        for r in item.emits:
            if found.setdefault(r.code, r) is not r:
                raise ValueError(f"rule code {r.code} declared twice")
            if any(other.name == r.name and other is not r for other in found.values()):
                raise ValueError(f"rule name {r.name} declared twice")
    return found


RULES: dict[str, Rule] = _rules(CHECKS)  # by code, in the order the checks are listed
