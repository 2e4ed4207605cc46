"""docs/faults.md stays true: every test it names exists, and the README links to it."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
FAULTS = (ROOT / "docs" / "faults.md").read_text(encoding="utf-8")


def test_every_test_the_fault_matrix_names_exists() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("test_*.py"))
    named = set(re.findall(r"::(test_\w+)", FAULTS))
    assert len(named) > 20
    assert sorted(n for n in named if f"def {n}(" not in sources) == []


def test_the_readme_links_the_fault_matrix() -> None:
    assert "(docs/faults.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
