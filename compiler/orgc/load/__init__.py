"""Stage 1: read spec files from disk into position-carrying documents."""
