"""Words of time the extractors and rules share: weekdays, months, and the verbs that mark an updated figure.

One home for them, so the offline patterns, the figure scanner and the moment rules (FL107, unmarked figures)
read the same words. Each is a tuple, and ``alternation`` makes the regular-expression group of it.
"""

from __future__ import annotations

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# "the toll rose to 19", "has now reached": a figure presented as an update of an earlier one.
UPDATE_VERBS = ("rose", "risen", "rising", "climbed", "increased", "jumped", "grew", "grown", "reached", "revised",
                "stands", "stood", "now")  # fmt: skip

# "The ministry had reported five soldiers killed": a figure given by a report before the story's own, an earlier
# moment (not inside reported speech: "it said it had confirmed 12 deaths" is the present figure, backshifted).
EARLIER_REPORT = (
    r"\bhad\s+(?:(?:earlier|previously|initially|first)\s+)?(?:reported|said|given|put|announced|confirmed)\b"
)


def alternation(*groups: tuple[str, ...], lower: bool = False) -> str:
    """``a|b|c`` of the words in ``groups`` (lower-cased when asked), for a regular expression."""
    words = [w.lower() if lower else w for group in groups for w in group]
    return "|".join(words)
