"""Unknotting by search: reduce a braid (or PD diagram) to the unknot/unlink and certify the moves.

``agents`` (the registry behind ``--agent``: best-first, beam, random walk, RL, auto), ``best_first``,
``beam``, ``random_walk`` (classical braid search), ``rl`` (stable-baselines3 policies), ``env``
(``UnknotBraidEnv``, gymnasium id ``pybridge/UnknotBraid-v0``), ``bench``, ``bench_pd``, ``bench_hard``
(``pybridge bench unknot``), ``commands`` (``pybridge unknot``, ``train unknot``, ``bench unknot``).
See ``docs/architecture.md``.
"""
