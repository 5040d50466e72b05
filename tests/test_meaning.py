"""What `pybridge check` says an accepted certificate proves (pybridge.certs.meaning)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from pybridge.certs.io import read_certificate
from pybridge.certs.meaning import SPEC_THEOREM, statement
from pybridge.certs.model import Certificate
from pybridge.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "certs" / "examples"
COQ_THEORIES = ROOT / "coq" / "theories"


def test_braid_statements_name_markov_and_the_target():
    unknot = Certificate.create("unknot", "braid", {"strands": 2, "word": [1]}, {"components": 1},
                                [["destabilize"]], {"source": "knotinfo:3_1"})
    text = statement(unknot)
    assert "σ1 on 2 strands is Markov-equivalent to the trivial braid on 1 strand" in text
    assert "check_spec_unknot" in text and "Markov's theorem" in text and "the unknot" in text
    assert "'knotinfo:3_1' is not checked by any kernel" in text
    unlink = Certificate.create("unlink", "braid", {"strands": 3, "word": [1, 2, -1]}, {"components": 2},
                                [["rotate", 1], ["cancel", 1], ["destabilize"]], {})
    assert "trivial braid on 2 strands" in statement(unlink) and "2-component unlink" in statement(unlink)
    assert "not checked" not in statement(unlink)  # no label, no caveat


def test_every_example_gets_a_statement_naming_a_theorem_of_the_library():
    coq_text = "\n".join(path.read_text(encoding="utf-8") for path in COQ_THEORIES.glob("*.v"))
    for path in sorted(EXAMPLES.glob("*.yaml")):
        cert = read_certificate(path)
        text = statement(cert)
        theorem = SPEC_THEOREM[(cert.calculus, cert.kind)]
        assert f"(Coq: {theorem}" in text, path
        assert re.search(rf"\b(Theorem|Corollary|Lemma)\s+{theorem}\b", coq_text), f"{theorem} is not in coq/theories"
        if cert.kind == "ribbon":
            assert f"exactly {cert.claim['bands']} " in text and "ribbon, hence slice" in text
        if cert.calculus == "pd" and cert.kind == "ribbon":  # the band is a picture (PDBandSpec.v)
            assert "oriented band move(s) (each a band inside one face" in text
            assert "strands_connected_components" in text and "checker's own band" not in text
        if cert.calculus == "pd" and cert.kind in ("unknot", "unlink"):  # PDComponents.v
            assert f"has exactly {cert.claim['components']} (Coq: pd_unlink_components)" in text


def test_check_prints_the_statement_for_valid_and_not_for_invalid(tmp_path):
    good = EXAMPLES / next(p.name for p in EXAMPLES.glob("ribbon-6_1-*.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text(encoding="utf-8").replace("kind: ribbon", "kind: unknot"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(good), str(bad), "--json", "--no-ledger"])
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [row["valid"] for row in rows] == [True, False]
    assert "ribbon, hence slice" in rows[0]["statement"] and rows[1]["statement"] is None
