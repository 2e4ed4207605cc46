#!/bin/sh
# CI entry for the evals: the corpus passes its loader check, the replay recordings are current, and no
# published figure falls below evals/baseline.json. Run from the repository root.
set -eu
python -m evals.replay --check
python -m evals --mode oracle --mode offline --mode replay --check-ratchet evals/baseline.json --quiet
