"""FL102's claims against each bounded figure, found by bisection and a tree (``checker.rules.outside``): the
same claims, in the same order, and the same count as reading the sorted runs for each figure (quad8)."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings, strategies as st

from checker import config as config_mod, document
from checker.models import Claim, Interval, Span
from checker.pipeline import check_document
from checker.rules import outside


def _outside_as_before(q: Claim, ordered: list[Claim], below: bool) -> list[Claim]:
    out = []
    for c in ordered:
        if not (c.value.entirely_below(q.value) if below else q.value.entirely_below(c.value)):
            break
        if c is not q and (c.value.is_exact or c.span.start > q.span.start):
            out.append(c)
    return out


def _ruled_out_as_before(claims: list[Claim], listed: int) -> list[tuple[Claim, list[Claim], int]]:
    by_high = sorted(claims, key=lambda c: (c.value.high, c.span.start))
    by_low = sorted(claims, key=lambda c: (-c.value.low, c.span.start))
    found = []
    for q in sorted((c for c in claims if not c.value.is_exact), key=lambda c: c.span.start):
        against = _outside_as_before(q, by_high, below=True) + _outside_as_before(q, by_low, below=False)
        if against:
            against.sort(key=lambda c: c.span.start)
            found.append((q, against[:listed], len(against)))
    return found


_BOUND = st.sampled_from([0.0, 1.0, 2.0, 3.0, 5.0, float("inf"), float("-inf")])
_INTERVAL = st.tuples(_BOUND, _BOUND, st.booleans(), st.booleans()).map(
    lambda t: Interval(min(t[0], t[1]), max(t[0], t[1]), t[2], t[3], "")
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(_INTERVAL, st.integers(0, 12)), max_size=24), st.integers(1, 6))
@example([(Interval(2, 2), 0), (Interval(2, 3, low_open=True), 1), (Interval(0, 2, high_open=True), 2)], 5)
def test_the_claims_ruled_out_are_the_runs_read_for_each_figure(
    values: list[tuple[Interval, int]], listed: int
) -> None:
    claims = [
        Claim(f"c{i}", "", Span(start, start + 1), "", Span(start, start + 1), value)
        for i, (value, start) in enumerate(values)  # starts repeat: quotes of several figures
    ]
    got = [(q.id, [c.id for c in cs], n) for q, cs, n in outside.ruled_out(claims, listed)]
    want = [(q.id, [c.id for c in cs], n) for q, cs, n in _ruled_out_as_before(claims, listed)]
    assert got == want


def test_a_paragraph_of_bounded_figures_reads_each_run_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from checker.models import Interval as Real

    calls = [0]
    real = Real.entirely_below

    def counted(self: Interval, other: Interval) -> bool:
        calls[0] += 1
        return real(self, other)

    monkeypatch.setattr(Real, "entirely_below", counted)
    n = 600  # one quantity, a third of its figures bounded: each one's runs read in full was ~n * n / 3
    kinds = ("About {a} homes were destroyed.", "More than {a} homes were destroyed.", "{a} homes were destroyed.")
    text = " ".join(kinds[i % 3].format(a=i % 90 + 3) for i in range(n))
    found = check_document(document.from_text(text), config_mod.Config(extractor="offline")).findings
    assert any(f.code == "FL102" for f in found)
    assert calls[0] <= 20 * n
