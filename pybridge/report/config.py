"""The configuration of ``pybridge run``: the embedded default (``pybridge/data/run_default.yaml``)
overridden key by key by a user file. Every key is documented in ``docs/run.md``; unknown keys, wrong
types and impossible values are errors naming the key (exit 2).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import SpecError

#: section -> key -> accepted type(s); ``seed`` is top level
SCHEMA: dict[str, dict[str, type | tuple[type, ...]]] = {
    "unknot": {"agent": str, "budget_s": (int, float), "specs": list},
    "ribbon": {"agent": str, "budget_s": (int, float), "knots": list, "sum_mirror": list, "obstructed": list},
    "plumbing": {"budget_s": (int, float), "pairs": list},
    "kernels": {"formal": list, "timeout_s": (int, float)},
    "conjecture": {"enabled": bool, "max_crossings": int, "inj_sample": int, "random_n": int, "symbolic": bool},
    "nnft": {"enabled": bool, "nets": int},
    "flow": {"enabled": bool, "size": str},
}
TOP_LEVEL = {"seed": int}
#: list-valued keys whose items must be strings (YAML reads an unquoted 6_1 as the integer 61)
STRING_LISTS = {"unknot.specs", "ribbon.knots", "ribbon.sum_mirror", "ribbon.obstructed", "kernels.formal"}
FORMAL_KERNELS = ("coq", "lean")


def default_config() -> dict:
    """The embedded default configuration, parsed."""
    text = resources.files("pybridge.data").joinpath("run_default.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _check_value(where: str, value: Any, expected) -> None:
    kinds = expected if isinstance(expected, tuple) else (expected,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        raise SpecError(f"config {where}: expected {_type_name(kinds)}, got {type(value).__name__} {value!r}")


def _type_name(kinds: tuple[type, ...]) -> str:
    return " or ".join({"int": "an integer", "float": "a number", "str": "a string", "list": "a list",
                        "bool": "true/false"}[k.__name__] for k in kinds)


def _validate(config: Any, origin: str) -> None:
    if not isinstance(config, dict):
        raise SpecError(f"{origin}: expected a mapping of sections, got {type(config).__name__}")
    for key, value in config.items():
        if key in TOP_LEVEL:
            _check_value(key, value, TOP_LEVEL[key])
            continue
        if key not in SCHEMA:
            raise SpecError(f"{origin}: unknown key {key!r} (sections: {', '.join([*TOP_LEVEL, *SCHEMA])})")
        if not isinstance(value, dict):
            raise SpecError(f"{origin}: section {key!r} must be a mapping")
        for name, item in value.items():
            if name not in SCHEMA[key]:
                raise SpecError(f"{origin}: unknown key {key}.{name} (keys: {', '.join(SCHEMA[key])})")
            _check_value(f"{key}.{name}", item, SCHEMA[key][name])
            if f"{key}.{name}" in STRING_LISTS:
                _check_strings(f"{key}.{name}", item)
            if f"{key}.{name}" == "plumbing.pairs":
                _check_pairs(item)


def _check_pairs(pairs: list) -> None:
    for index, pair in enumerate(pairs):
        if not isinstance(pair, dict) or set(pair) != {"a", "b"} or not all(isinstance(v, str) for v in pair.values()):
            raise SpecError(f"config plumbing.pairs[{index}]: expected {{a: GRAPH, b: GRAPH}} with two strings "
                            "(a graph file or inline g:WEIGHTS/EDGES, docs/plumbing.md)")


def _check_strings(where: str, items: list) -> None:
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise SpecError(f"config {where}[{index}]: expected a string, got {type(item).__name__} {item!r} "
                            "(quote knot names in YAML: '6_1', not 6_1, which YAML reads as the number 61)")


def _check_ranges(config: dict) -> None:
    for section in ("unknot", "ribbon", "plumbing"):
        if config[section]["budget_s"] <= 0:
            raise SpecError(f"config {section}.budget_s: must be positive")
    for kernel in config["kernels"]["formal"]:
        if kernel not in FORMAL_KERNELS:
            raise SpecError(f"config kernels.formal: unknown kernel {kernel!r} (choose from {', '.join(FORMAL_KERNELS)})")
    if config["flow"]["size"] not in ("quick", "full"):
        raise SpecError("config flow.size: choose quick or full")
    if config["nnft"]["nets"] < 1000:
        raise SpecError("config nnft.nets: at least 1000 networks")
    conjecture = config["conjecture"]
    if not 8 <= conjecture["max_crossings"] <= 13:
        raise SpecError("config conjecture.max_crossings: between 8 and 13 (KnotInfo knots)")
    if conjecture["inj_sample"] < 20 or conjecture["random_n"] < 1:
        raise SpecError("config conjecture.inj_sample: at least 20; conjecture.random_n: at least 1")


def load_config(path: str | Path | None = None) -> dict:
    """The run configuration: the default, with every key given in ``path`` (YAML) replacing its value.

    >>> load_config()["ribbon"]["budget_s"] > 0
    True
    """
    config = default_config()
    _validate(config, "embedded default")
    if path is not None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise SpecError(f"--config {path}: cannot read it ({exc.strerror or exc})") from None
        try:
            user = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise SpecError(f"--config {path}: not valid YAML ({exc})") from None
        _validate(user, f"--config {path}")
        for key, value in user.items():
            if key in TOP_LEVEL:
                config[key] = value
            else:
                config[key] = {**config[key], **value}
    _check_ranges(config)
    return config
