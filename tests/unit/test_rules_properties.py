"""Property tests: claims drawn from one consistent ground truth never contradict each other; breaking one exact
figure is caught and names that claim; the result does not depend on the order of the claims."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings, strategies as st

from checker.models import Finding
from tests.claimkit import C, findings

LEAVES = ("prisoner", "policeman", "guard", "soldier", "civilian", "militant")
FORCES = ("policeman", "guard", "soldier")
SOURCES = (("organisation", "police"), ("person", "the mayor"), ("organisation", "the hospital"), ("vague", "sources"))
CONTRADICTIONS = {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107"}


@dataclass(frozen=True)
class Truth:
    counts: dict[str, int]

    def total(self, groups: tuple[str, ...]) -> int:
        return sum(self.counts[g] for g in groups)


def _phrase(n: int, qualifier: str, draw: st.DrawFn) -> str:
    """A figure as written that is true of ``n``."""
    if qualifier == "more than" and n > 0:
        return f"more than {draw(st.integers(0, n - 1))}"
    if qualifier == "at least":
        return f"at least {draw(st.integers(0, n))}"
    if qualifier == "fewer than":
        return f"fewer than {n + draw(st.integers(1, 50))}"
    if qualifier == "up to":
        return f"up to {n + draw(st.integers(0, 50))}"
    if qualifier == "between":
        return f"between {max(0, n - draw(st.integers(0, 5)))} and {n + draw(st.integers(0, 5))}"
    if qualifier == "about" and n >= 20:
        return f"about {round(n / 10) * 10}" if abs(round(n / 10) * 10 - n) <= 0.1 * n else str(n)
    return str(n)


@st.composite
def consistent_claims(draw: st.DrawFn) -> tuple[Truth, list[C]]:
    truth = Truth({leaf: draw(st.integers(0, 300)) for leaf in LEAVES})
    quantities: list[tuple[tuple[str, ...], str]] = [((leaf,), leaf) for leaf in LEAVES]
    quantities += [(FORCES, "security force member"), (LEAVES, "person"), (("guard", "prisoner"), "guard|prisoner")]
    claims: list[C] = []
    for groups, name in quantities:
        n = truth.total(groups)
        pop: tuple[str, ...] = tuple(name.split("|"))
        for copy in range(2):  # two exact reports of every quantity, so any single change is contradicted
            claims.append(C(f"[{name} exact {copy}] {n} died", str(n), pop, source=draw(st.sampled_from(SOURCES))))
        for extra in range(draw(st.integers(0, 2))):
            qualifier = draw(st.sampled_from(["more than", "at least", "fewer than", "up to", "between", "about"]))
            figure = _phrase(n, qualifier, draw)
            claims.append(C(f"[{name} q{extra}] {figure} died", figure, pop, source=draw(st.sampled_from(SOURCES))))
    return truth, draw(st.permutations(claims))


def _contradictions(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.code in CONTRADICTIONS]


def _signature(found: list[Finding]) -> set[tuple[str, frozenset[str]]]:
    return {(f.code, frozenset(c.quote for c in f.claims)) for f in found}


@settings(max_examples=60, deadline=None)
@given(consistent_claims())
def test_consistent_truth_never_contradicts(case: tuple[Truth, list[C]]) -> None:
    _, claims = case
    found = _contradictions(findings(*claims))
    assert not found, [f.message for f in found]


def _break(claims: list[C], data: st.DataObject) -> tuple[list[C], C]:
    """Change one exact figure to a value its quantity does not have."""
    index = data.draw(st.sampled_from([i for i, c in enumerate(claims) if " exact " in c.text]))
    old = claims[index]
    n = int(old.figure)
    new = data.draw(st.sampled_from([v for v in (n + data.draw(st.integers(1, 40)), n - 1) if v >= 0]))
    broken = C(old.text.replace(f"] {n} died", f"] {new} died"), str(new), old.pop, source=old.source)
    return [*claims[:index], broken, *claims[index + 1 :]], broken


@settings(max_examples=60, deadline=None)
@given(consistent_claims(), st.data())
def test_breaking_one_exact_figure_is_caught(case: tuple[Truth, list[C]], data: st.DataObject) -> None:
    claims, broken = _break(case[1], data)
    found = _contradictions(findings(*claims))
    assert any(broken.text in {c.quote for c in f.claims} for f in found), [f.message for f in found]


@settings(max_examples=40, deadline=None)
@given(consistent_claims(), st.data())
def test_findings_do_not_depend_on_claim_order(case: tuple[Truth, list[C]], data: st.DataObject) -> None:
    claims, _ = _break(case[1], data)
    claims, _ = _break(claims, data)
    shuffled = data.draw(st.permutations(claims))
    first = _signature(findings(*claims))
    assert first and first == _signature(findings(*shuffled))
