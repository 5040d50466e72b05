"""Benchmarks behind ``pybridge bench ...``: each writes ``results.csv``, ``summary.md`` and ``plot.png``."""
