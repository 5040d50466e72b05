"""Plumbing graphs: weighted forests presenting 3-manifolds, Neumann's moves, search and certificates.

``graph`` (forests as networkx graphs), ``moves`` (Neumann's moves R1–R3), ``canonical`` (canonical
forms and isomorphisms), ``invariants`` (intersection form, |H1|, signature), ``scramble`` (random
moves), ``agents`` (random, beam, rl, auto), ``env`` (``PlumbingEnv``, gymnasium id ``pybridge/Plumbing-v0``),
``gnn`` (the graph-neural actor–critic), ``certify`` (certificates), ``bench`` and ``commands``
(``pybridge plumbing ...``, ``pybridge bench plumbing``). See
``docs/plumbing.md``.
"""
