"""Search agents: they propose braid-calculus move sequences; every result is re-checked as a certificate.

:mod:`pybridge.agents.best_first` is the classical (non-learned) baseline: a deterministic best-first
search that reduces braids to trivial ones, and a ribbon-band search built on it.
"""
