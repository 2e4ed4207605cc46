"""The claims a bounded figure rules out (FL102), for every bounded figure of a group in O(n log n).

For a bounded claim ``q``, the claims against it are those at the start of the group sorted by upper bound that
lie entirely below it (read until one does not), and those at the start of the group sorted by lower bound,
descending, that lie entirely above it; an exact one always, a bounded one only after ``q`` in the text (a pair
of bounded figures is reported once). Reading those runs for each ``q`` was quadratic in a group of thousands (a
paragraph of "about 40 homes" figures: 32 s for 8,000). Here each run's length is a bisection, its exact claims
are counted and their first few kept per prefix, and its bounded claims after ``q`` are held in a tree filled
from the last ``q`` back to the first, which counts them and yields the first few in order.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence

from checker.models import Claim

# a claim's place in the message's order: its quote's start, then below (0) before above (1), then its place in the
# sorted run (the order of ``sorted(below + above, key=start)``, a stable sort)
_Key = tuple[int, int, int]
_NONE: _Key = (1 << 62, 0, 0)


class _Side:
    """One sorted run: claims by upper bound (``below``) or by lower bound descending, with what a prefix holds."""

    def __init__(self, ordered: Sequence[Claim], below: bool, listed: int) -> None:
        self.claims, self.below, self.side = ordered, below, 0 if below else 1
        self.keys = [c.value.high if below else -c.value.low for c in ordered]
        opens = [c.value.high_open if below else c.value.low_open for c in ordered]
        n = len(ordered)
        # the end of the run of open bounds equal to claim i's from i (where a closed bound q meets them)
        self.open_run = [0] * (n + 1)
        self.open_run[n] = n
        for i in range(n - 1, -1, -1):
            if not opens[i]:
                self.open_run[i] = i
            else:
                self.open_run[i] = self.open_run[i + 1] if i + 1 < n and self.keys[i + 1] == self.keys[i] else i + 1
        # the exact claims of each prefix: how many, and the first ``listed`` by key
        self.exact_count = [0] * (n + 1)
        self.exact_first: list[list[_Key]] = [[]] * (n + 1)
        for i, c in enumerate(ordered):
            first = self.exact_first[i]
            if c.value.is_exact:
                first = sorted([*first, (c.span.start, self.side, i)])[:listed]
            self.exact_count[i + 1] = self.exact_count[i] + c.value.is_exact
            self.exact_first[i + 1] = first
        self.tree = _Tree(n)

    def prefix(self, q: Claim) -> int:
        """How many of the run lie entirely below ``q`` (above it), read from the start until one does not."""
        bound, q_open = (q.value.low, q.value.low_open) if self.below else (-q.value.high, q.value.high_open)
        if q_open:
            return bisect.bisect_right(self.keys, bound)
        i = bisect.bisect_left(self.keys, bound)
        return self.open_run[i] if i < len(self.keys) and self.keys[i] == bound else i


class _Tree:
    """Bounded claims by their place in a run: the number of them before a place, and the first few by key."""

    def __init__(self, n: int) -> None:
        self.size = 1
        while self.size < max(n, 1):
            self.size *= 2
        self.low: list[_Key] = [_NONE] * (2 * self.size)
        self.count = [0] * (2 * self.size)

    def add(self, at: int, key: _Key) -> None:
        node = at + self.size
        self.low[node], self.count[node] = key, 1
        node //= 2
        while node:
            self.low[node] = min(self.low[2 * node], self.low[2 * node + 1])
            self.count[node] = self.count[2 * node] + self.count[2 * node + 1]
            node //= 2

    def _covering(self, end: int) -> list[int]:
        """The nodes that cover places 0 to ``end`` (excluded) exactly."""
        nodes, lo, hi = [], self.size, end + self.size
        while lo < hi:
            if lo & 1:
                nodes.append(lo)
                lo += 1
            if hi & 1:
                hi -= 1
                nodes.append(hi)
            lo //= 2
            hi //= 2
        return nodes

    def counted(self, end: int) -> int:
        return sum(self.count[node] for node in self._covering(end))

    def first(self, end: int, k: int) -> list[_Key]:
        heap = [(self.low[node], node) for node in self._covering(end) if self.low[node] != _NONE]
        heapq.heapify(heap)
        out: list[_Key] = []
        while heap and len(out) < k:
            key, node = heapq.heappop(heap)
            if node >= self.size:
                out.append(key)
                continue
            for child in (2 * node, 2 * node + 1):
                if self.low[child] != _NONE:
                    heapq.heappush(heap, (self.low[child], child))
        return out


def ruled_out(claims: Sequence[Claim], listed: int) -> list[tuple[Claim, list[Claim], int]]:
    """For each bounded claim, in the order of its quote's start, that rules out any: the claim, the first
    ``listed`` claims against it in the order of their quotes' starts, and how many there are in all."""
    if all(c.value.is_exact for c in claims):
        return []
    sides = [
        _Side(sorted(claims, key=lambda c: (c.value.high, c.span.start)), True, listed),
        _Side(sorted(claims, key=lambda c: (-c.value.low, c.span.start)), False, listed),
    ]
    bounded = sorted((c for c in claims if not c.value.is_exact), key=lambda c: c.span.start)
    places = [{id(c): i for i, c in enumerate(side.claims)} for side in sides]
    found: list[tuple[Claim, list[Claim], int]] = []
    added = len(bounded)  # the bounded claims from here on are in the trees
    for q in reversed(bounded):
        while added and bounded[added - 1].span.start > q.span.start:
            added -= 1
            c = bounded[added]
            for side, place in zip(sides, places, strict=True):
                side.tree.add(place[id(c)], (c.span.start, side.side, place[id(c)]))
        keys: list[_Key] = []
        total = 0
        for side in sides:
            n = side.prefix(q)
            total += side.exact_count[n] + side.tree.counted(n)
            keys += side.exact_first[n] + side.tree.first(n, listed)
        if total:
            first = sorted(keys)[:listed]
            found.append((q, [sides[key[1]].claims[key[2]] for key in first], total))
    found.reverse()
    return found
