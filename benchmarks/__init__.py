"""Benchmarks: scripts that print a table. Run with `make bench`."""
