"""Units of measure: which figures can be compared, and the factor that puts them on one scale.

A count, a share (``%``) and each currency are kinds of their own. Physical units go through ``pint``, so
"500 ha" and "5 km2" are one area (5,000,000 m²) and compared as such. pint is imported on the first physical
unit only: most drafts count people and money.
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

from checker import lazy_re
from checker.normalize import FIGURE_RE, WORDS

COUNT = "count"
PERCENT = "%"
_CURRENCY = lazy_re.compile(r"[A-Z]{3}")
_POWER = lazy_re.compile(r"(?<=[A-Za-z])([23])\b")  # "km2" -> "km**2"
_SPELLED = {"sq": "square", "cu": "cubic"}


class Dimension(NamedTuple):
    """What a unit measures (``key``: figures compare only within one key) and its factor to the base unit."""

    key: str
    factor: float = 1.0


def dimension(unit: str) -> Dimension:
    """The dimension of a unit as an extractor writes it ('' a count, '%', 'USD', 'ha', 'km2', 'tonnes')."""
    text = unit.strip()
    if not text:
        return Dimension(COUNT)
    if text == PERCENT:
        return Dimension(PERCENT)
    if _CURRENCY.fullmatch(text):
        return Dimension(text)
    return _physical(text)


# The units the offline extractor writes (``normalize._MEASURE_UNITS``' values, and "m" for "400m") with the key
# and factor pint gives them, so that a draft measured in these alone needs no registry: importing pint and
# building its registry took ~0.26 CPU-seconds, once per process. ``test_units`` holds the table to pint.
_KNOWN = {
    "acre": Dimension("[length] ** 2", 4046.8726098742513),
    "day": Dimension("[time]", 86400.0),
    "degree": Dimension("dimensionless", 0.017453292519943295),
    "ft": Dimension("[length]", 0.30479999999999996),
    "hectare": Dimension("[length] ** 2", 10000.0),
    "hour": Dimension("[time]", 3600.0),
    "kg": Dimension("[mass]", 1.0),
    "km": Dimension("[length]", 1000.0),
    "km/h": Dimension("[length] / [time]", 0.2777777777777778),
    "litre": Dimension("[length] ** 3", 0.0010000000000000002),
    "m": Dimension("[length]", 1.0),
    "mile": Dimension("[length]", 1609.344),
    "minute": Dimension("[time]", 60.0),
    "month": Dimension("[time]", 2629800.0),
    "mph": Dimension("[length] / [time]", 0.44704),
    "tonne": Dimension("[mass]", 1000.0),
    "week": Dimension("[time]", 604800.0),
    "year": Dimension("[time]", 31557600.0),
}


def _physical(unit: str) -> Dimension:
    return _KNOWN.get(unit) or _from_pint(unit)


@functools.lru_cache(maxsize=256)
def _from_pint(unit: str) -> Dimension:
    words = " ".join(_SPELLED.get(w.lower().rstrip("."), w) for w in unit.replace("²", "2").replace("³", "3").split())
    expression = _POWER.sub(r"**\1", words)
    try:
        quantity = _registry().Quantity(1, expression)
        base = quantity.to_base_units()
    except Exception:  # pint raises a dozen kinds of error for a unit it does not know: then it is its own kind
        return Dimension(f"unit:{unit.lower()}")
    if "[temperature]" in base.dimensionality:
        return Dimension(f"unit:{unit.lower()}")  # temperatures have an offset: compare only like with like
    return Dimension(str(base.dimensionality), float(base.magnitude))


@functools.cache
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


# The unit after a figure's last number, in digits or words ("about eight months": months, not eight of the
# quantity's declared weeks; "eight to ten months" reads the unit after "ten", unless its first end writes one).
_TRAILING = lazy_re.compile(
    rf"^.*(?:[\d.,]+|\b(?:{WORDS}))[\s-]*(?:(?:thousand|million|billion)\s+)?([A-Za-z][A-Za-z²³/ .]*?)\s*$",
    re.IGNORECASE,
)


def stated_unit(figure: str, expected: str) -> str:
    """The unit a figure writes itself, when it measures what ``expected`` measures on another scale.

    A model declares one unit per quantity ('ha'); a draft may give one figure of it in another ("about 2.5
    square kilometres"). That figure's own unit is used, so the two are converted, not compared as written.
    """
    want = dimension(expected)
    if want.key in (COUNT, PERCENT) or _CURRENCY.fullmatch(expected.strip()):
        return expected
    first = FIGURE_RE.search(figure)
    match = _TRAILING.search(figure)
    if first and first.group("u1"):  # "between 18 months and two years" is read in months
        words = first.group("u1")
    elif match:
        words = match.group(1).strip(" .")
    else:
        return expected
    if words and dimension(words).key == want.key:
        return words
    if words and want.key.startswith("unit:") and _scale(words) not in ("", _scale(expected)):
        return words  # "95 Fahrenheit" of a quantity in °C: another temperature scale, not 95 °C
    return expected


_DEGREES = lazy_re.compile(r"^degrees?\s+")
# The scale letter written on the figure ("39C (102F)"): pint reads a bare "C" as coulombs and "F" as farads,
# which no news copy measures a temperature in.
_SCALE_LETTERS = {"c": "degC", "f": "degF"}


@functools.lru_cache(maxsize=64)
def _scale(unit: str) -> str:
    """The temperature scale a unit names ('°C', 'Fahrenheit', 'degrees Celsius', '102F''s 'F'), '' for others."""
    name = _DEGREES.sub("", unit.strip().lower())
    spellings = (unit.strip(), name)  # pint knows "°C" and "fahrenheit", not "°c" or "Fahrenheit"
    for spelling in (_SCALE_LETTERS[name],) if name in _SCALE_LETTERS else spellings:
        try:
            quantity = _registry().Quantity(1, spelling)
        except Exception:  # pint raises a dozen kinds of error for a unit it does not know
            continue
        return str(quantity.units) if "[temperature]" in quantity.dimensionality else ""
    return ""
