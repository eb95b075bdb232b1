"""Benchmarks: `make bench` (bench/measurement.py) and `make load` (bench/load.py)."""
