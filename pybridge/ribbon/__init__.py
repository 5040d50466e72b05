"""Ribbon (hence slice) certificates: band moves turning a knot into an unlink.

``agents`` (the registry behind ``--agent``), ``bands`` (PD fission-band search and the ribbon
certificate), ``symmetric`` (symmetric unions), ``walk`` (the GHMR weighted random walk), ``rl``
(MaskablePPO in ``RibbonEnv``), ``braid`` (the braid route: smoothings, then braid reduction),
``tune`` (optuna tuning of the walk), ``env`` (``RibbonEnv``, gymnasium id ``pybridge/Ribbon-v0``),
``bench`` (``pybridge bench ribbon``), ``spc4`` (SPC4 candidate pairs), ``commands`` (``pybridge ribbon``,
``spc4``, ``train ribbon``, ``tune ribbon``, ``bench ribbon``). See ``docs/architecture.md``.
"""
