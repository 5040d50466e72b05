"""pybridge.prover.dojo: the missing-LeanDojo error and the tactic portfolio, with a stand-in Dojo."""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import pytest

from pybridge.errors import ToolMissingError
from pybridge.prover import dojo


class ProofFinished:
    pass


class LeanError:
    def __init__(self, error):
        self.error = error


class TacticState:
    def __init__(self, pp):
        self.pp = pp


class FakeDojo:
    """Closes goals whose statement name is in ``solvable[tactic]``; records every call."""

    log: list = []

    def __init__(self, theorem):
        self.theorem = theorem

    def __enter__(self):
        return self, TacticState(f"⊢ {self.theorem.name}")

    def __exit__(self, *exc):
        FakeDojo.log.append(("exit", self.theorem.name))
        return False

    def run_tac(self, state, tactic):
        FakeDojo.log.append((self.theorem.name, tactic, state.pp))
        rules = {"decide": {"small"}, "omega": {"arith", "small"}, "simp": {"simp_only"}}
        if self.theorem.name in rules.get(tactic, set()):
            return ProofFinished()
        if tactic == "rfl":
            return LeanError("The rfl tactic failed")
        return TacticState("⊢ remaining goal")


def fake_api(repos):
    class LeanGitRepo:
        @staticmethod
        def from_path(path):
            repos.append(path)
            return f"repo:{path}"

    return SimpleNamespace(LeanGitRepo=LeanGitRepo, Dojo=FakeDojo, ProofFinished=ProofFinished, LeanError=LeanError,
                           Theorem=lambda repo, file, name: SimpleNamespace(repo=repo, file=file, name=name))


def write_statements(root):
    folder = root / "lean" / "KnotCertGenerated" / "Statements"
    folder.mkdir(parents=True)
    (folder / "Stmt_a.lean").write_text("namespace KnotCertGenerated.Statements.A\n\ntheorem small : 1 + 1 = 2 := by decide\n"
                                        "theorem arith : ∀ n : Nat, n + 0 = n := by omega\nend KnotCertGenerated.Statements.A\n")
    (folder / "Stmt_b.lean").write_text("theorem hard : True := trivial\n")


def test_missing_lean_dojo_is_exit_4_and_names_what_is_missing(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "lean_dojo", None)  # import lean_dojo -> ImportError
    monkeypatch.setenv("PATH", str(tmp_path))  # no git, no lake
    with pytest.raises(ToolMissingError) as info:
        dojo.load_api()
    message = str(info.value)
    assert info.value.exit_code == 4
    assert "lean-dojo" in message and "pybridge[lean]" in message and "git" in message and "lake" in message
    with pytest.raises(ToolMissingError):
        dojo.prove_statements(tmp_path)


def test_find_statements_qualifies_names(tmp_path):
    write_statements(tmp_path)
    assert dojo.find_statements(tmp_path) == [
        ("lean/KnotCertGenerated/Statements/Stmt_a.lean", "KnotCertGenerated.Statements.A.small"),
        ("lean/KnotCertGenerated/Statements/Stmt_a.lean", "KnotCertGenerated.Statements.A.arith"),
        ("lean/KnotCertGenerated/Statements/Stmt_b.lean", "hard"),
    ]


def test_portfolio_records_every_tactic_and_the_first_success(tmp_path):
    FakeDojo.log = []
    repos = []
    statements = [("S.lean", "small"), ("S.lean", "arith"), ("S.lean", "simp_only"), ("S.lean", "hard")]
    out = tmp_path / "dojo.json"
    results = dojo.prove_statements(tmp_path, statements, api=fake_api(repos), out=out)
    assert repos == [str(tmp_path)]
    assert [r.proved_by for r in results] == ["decide", "omega", "simp", None]
    assert [a.tactic for a in results[0].attempts] == list(dojo.PORTFOLIO)
    hard = results[3].attempts
    assert [a.outcome for a in hard] == ["open", "error", "open", "open"]
    assert "rfl tactic failed" in hard[1].message
    # every tactic starts from the initial goal, and every Dojo is closed
    runs = [entry for entry in FakeDojo.log if entry[0] != "exit"]
    assert len(runs) == 4 * len(dojo.PORTFOLIO)
    assert all(state == f"⊢ {name}" for name, _, state in runs)
    assert [entry for entry in FakeDojo.log if entry[0] == "exit"] == [("exit", n) for _, n in statements]
    recorded = json.loads(out.read_text())
    assert [r["proved_by"] for r in recorded] == ["decide", "omega", "simp", None]
    assert recorded[3]["attempts"][1] == {"tactic": "rfl", "outcome": "error", "message": "The rfl tactic failed"}
