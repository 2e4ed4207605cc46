#!/bin/sh
# CI entry for the evals: the corpora pass their loader check, every blind recording is current for the prompt
# (else it must be recorded again, blind), and no published figure falls below evals/baseline.json.
# Run from the repository root.
set -eu
python -m evals.replay --check
python -m evals.replay --check --data evals/heldout/data --recordings evals/heldout/recordings
python -m evals.replay --check --data evals/heldout2/data --recordings evals/heldout2/recordings
python -m evals.replay --check --data evals/heldout3/data --recordings evals/heldout3/recordings
python -m evals.replay --check --data evals/heldout4/data --recordings evals/heldout4/recordings
python -m evals.replay --check --data evals/heldout5/data --recordings evals/heldout5/recordings
python -m evals.replay --check --data evals/heldout6/data --recordings evals/heldout6/recordings
python -m evals.replay --check --data evals/heldout7/data --recordings evals/heldout7/recordings
python -m evals --mode oracle --mode offline --mode replay --check-ratchet evals/baseline.json --quiet
