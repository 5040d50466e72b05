"""Every command's --help says what it does, and the plumbing examples in that text run (issue 23,
deliverable 6); `check --kernel all` says when it skips Lean."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pybridge.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [" ".join(p) for p, _ in commands(cli)])
def test_every_command_has_a_description(path):
    """A docstring built by string concatenation is no docstring: click then prints only the usage."""
    command = dict(commands(cli))[tuple(path.split())]
    assert (command.help or "").strip(), f"pybridge {path}: no help text"
    result = CliRunner().invoke(cli, [*path.split(), "--help"])
    assert result.exit_code == 0 and command.help.strip().split()[0] in result.output


@pytest.mark.parametrize("name", ["info", "equiv"])
def test_plumbing_help_examples_run(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the equiv example writes into certs/ of the working directory
    result = CliRunner().invoke(cli, ["plumbing", name, "--help"])
    assert result.exit_code == 0 and "GRAPH" in result.output and "g:WEIGHTS/EDGES" in result.output
    example = re.search(r"Example: pybridge (.+)", result.output).group(1)
    run = CliRunner().invoke(cli, shlex.split(example))
    assert run.exit_code == 0, run.output
    if name == "equiv":
        assert list((tmp_path / "certs").glob("plumbing-equivalence-*.yaml"))


@pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed")
def test_kernel_all_says_when_it_skips_lean(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda tool: None if tool == "lake" else real_which(tool))
    cert = ROOT / "certs" / "examples" / "unknot-unknot-n2-11fd7efb20b3.yaml"
    result = CliRunner().invoke(cli, ["check", str(cert), "--kernel", "all", "--no-ledger"])
    assert result.exit_code == 0, result.output
    assert "skipping Lean (no `lake` toolchain on PATH)" in result.output
