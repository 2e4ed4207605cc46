"""``python -m factlint``: the command line."""

from checker.cli import run

run()
