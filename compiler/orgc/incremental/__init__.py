"""Rebuilding only what changed: fingerprints, the build index, the stores of the last build's documents and pieces, and what a change can reach. The only place that hashes."""
