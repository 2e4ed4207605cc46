"""``python -m factlint``: the command line."""

from checker.cli import run

if __name__ == "__main__":  # a worker process started by "spawn" imports this module too
    run()
