"""Gymnasium environments over the move calculus.

Importing this package registers ``pybridge/UnknotBraid-v0`` and ``pybridge/Ribbon-v0``.
"""

from gymnasium.envs.registration import register, registry

from .ribbon import RibbonEnv
from .unknot_braid import UnknotBraidEnv

if "pybridge/UnknotBraid-v0" not in registry:
    register(id="pybridge/UnknotBraid-v0", entry_point="pybridge.envs.unknot_braid:UnknotBraidEnv")
if "pybridge/Ribbon-v0" not in registry:
    register(id="pybridge/Ribbon-v0", entry_point="pybridge.envs.ribbon:RibbonEnv")

from .plumbing import PlumbingEnv  # noqa: E402

if "pybridge/Plumbing-v0" not in registry:
    register(id="pybridge/Plumbing-v0", entry_point="pybridge.envs.plumbing:PlumbingEnv")

__all__ = ["RibbonEnv", "UnknotBraidEnv"]
