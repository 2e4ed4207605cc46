"""Units: the offline extractor's units are answered from a table, which must be what pint says."""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker import units
from checker.normalize import _MEASURE_UNITS


@pytest.mark.parametrize("unit", sorted(units._KNOWN))
def test_known_units_are_what_pint_says(unit: str) -> None:
    assert units._KNOWN[unit] == units._from_pint(unit)


def test_every_unit_the_offline_extractor_writes_is_known() -> None:
    assert set(_MEASURE_UNITS.values()) | {"m"} <= set(units._KNOWN)


def test_other_units_still_go_through_pint() -> None:
    assert units.dimension("km2") == units.Dimension("[length] ** 2", 1e6)
    assert units.dimension("square kilometres").key == "[length] ** 2"
    assert units.dimension("furlongs per fortnight").key == "[length] / [time]"
    assert units.dimension("degC").key == "unit:degc"  # a temperature: compared only with itself


def test_a_known_unit_imports_no_pint() -> None:
    code = (
        "import sys; from checker.units import dimension; "
        "assert dimension('km').factor == 1000.0 and dimension(' year ').key == '[time]'; "
        "print('pint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
