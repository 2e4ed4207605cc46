"""Rule family under construction."""
