import KnotCert.Plumbing

/-!
# KnotCert.PlumbingExamples: evaluation checks of the plumbing checker, run by `lake build`

Small plumbing certificates checked by `decide` (kernel evaluation), each with the verdict of the
trusted Python checker `pybridge/certs/plumbing_checker.py` (`tests/test_lean.py` re-checks every
`check_plumbing` line below with it): the first ones must be accepted, the tampered ones (wrong
bijection, wrong weight, illegal move, input not a forest) rejected. A failure here means
`Plumbing.lean` does not compute what the specification says. `chain_cert`, `hopf_cert` and
`scrambled_cert` are the certificates `certs/examples/plumbing-equivalence-*.yaml`.
Not compiled in pybridge's own CI (no Lean toolchain there).
-/

namespace KnotCert.PlumbingExamples

open KnotCert.Plumbing

set_option maxRecDepth 20000
set_option maxHeartbeats 0

/-- A (-2)-(+1)-(-2) chain; blowing down the middle vertex leaves a (-3)-(-3) edge. -/
def chain_cert : PlumbingCert :=
  PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, -2), (1, 1), (2, -2)] [(0, 1), (1, 2)])
    (PGraph.mk_pgraph [(0, -3), (1, -3)] [(0, 1)])
    [PMove.BlowdownEdge 1]
    [(0, 0), (2, 1)]

/-- Two 0-framed vertices joined by an edge (S^3) reduce to the empty graph. -/
def hopf_cert : PlumbingCert :=
  PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 0), (1, 0)] [(0, 1)])
    (PGraph.mk_pgraph [] [])
    [PMove.BlowupEdge 0 1 1, PMove.BlowdownLeaf 0, PMove.BlowdownLeaf 1, PMove.BlowdownPoint 2]
    []

/-- A 6-vertex tree scrambled by ten moves. -/
def scrambled_cert : PlumbingCert :=
  PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 10), (1, -7), (2, -3), (3, 9), (4, 9), (5, 7)] [(0, 1), (0, 2), (2, 4), (3, 4), (4, 5)])
    (PGraph.mk_pgraph [(0, 14), (1, -7), (2, -4), (3, 9), (4, 4), (5, 4), (6, 4), (7, 2), (8, -1), (9, 0), (10, -1), (11, 0), (12, 3), (13, -3), (15, -3), (16, 0), (17, -2), (18, 3), (19, 0), (20, 0), (21, 1), (22, 0), (23, -1)] [(0, 1), (0, 9), (2, 8), (2, 17), (3, 4), (4, 5), (4, 7), (4, 17), (5, 18), (6, 10), (7, 11), (7, 20), (8, 16), (9, 15), (10, 11), (12, 13), (13, 19), (15, 16), (17, 23), (18, 19), (20, 22), (21, 22)])
    [PMove.BlowupEdge 2 4 (-1), PMove.BlowupLeaf 6 (-1), PMove.Split 4 4 [], PMove.BlowupLeaf 9 1, PMove.Split 9 0 [10], PMove.Split 5 3 [], PMove.Split 0 (-1) [2], PMove.Split 9 (-1) [8], PMove.Split 14 3 [5], PMove.Split 0 (-3) [16]]
    [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 17), (7, 23), (8, 6), (9, 7), (10, 21), (11, 22), (12, 20), (13, 12), (14, 13), (15, 8), (16, 16), (17, 10), (18, 11), (19, 18), (20, 19), (21, 15), (22, 9)]

-- the helpers
example : fresh (PGraph.mk_pgraph [(0, -2), (4, 1), (2, -2)] [(0, 4)]) = 5 := by decide
example : fresh (PGraph.mk_pgraph [] []) = 0 := by decide
example : degree (PGraph.mk_pgraph [(0, -2), (1, 1), (2, -2)] [(0, 1), (1, 2)]) 1 = 2 := by decide
example : valid_forest (PGraph.mk_pgraph [(0, 1), (1, 1), (2, 1)] [(0, 1), (1, 2), (2, 0)]) = false := by decide
example : valid_forest (PGraph.mk_pgraph [(0, 1), (0, 2)] []) = false := by decide
example : valid_forest (PGraph.mk_pgraph [(0, 1), (1, 2)] [(0, 1), (1, 0)]) = false := by decide
example : valid_forest (PGraph.mk_pgraph [(0, 1), (1, 2), (5, 3)] [(0, 1)]) = true := by decide

-- accepted (the trusted Python checker accepts each one)
example : check_plumbing (chain_cert) = true := by decide
example : check_plumbing (hopf_cert) = true := by decide
example : check_plumbing (scrambled_cert) = true := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 3), (1, 0), (2, 5)] [(0, 1), (1, 2)])
    (PGraph.mk_pgraph [(7, 8)] [])
    [PMove.Absorb 1]
    [(0, 7)]) = true := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 2)] [])
    (PGraph.mk_pgraph [(0, 2), (5, -1)] [])
    [PMove.BlowupPoint (-1)]
    [(0, 0), (1, 5)]) = true := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 2), (1, 4), (2, 6)] [(0, 1), (0, 2)])
    (PGraph.mk_pgraph [(0, 2), (1, 4), (2, 6)] [(0, 1), (0, 2)])
    [PMove.Split 0 3 [2], PMove.Absorb 4]
    [(0, 0), (1, 1), (2, 2)]) = true := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 2)] [])
    (PGraph.mk_pgraph [(0, 2)] [])
    [PMove.BlowupLeaf 0 1, PMove.BlowdownLeaf 1]
    [(0, 0)]) = true := by decide

-- tampered: a bijection that breaks an edge, a bijection off the end state's vertices, a wrong
-- weight in graph B, a blow-down of a vertex of weight -2, a blow-down of a 0-leaf, split
-- neighbours out of order, an input graph with a cycle
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, -2), (1, -2), (2, -2)] [(0, 1), (1, 2)])
    (PGraph.mk_pgraph [(0, -2), (1, -2), (2, -2)] [(0, 1), (1, 2)])
    []
    [(0, 1), (1, 0), (2, 2)]) = false := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, -2), (1, 1), (2, -2)] [(0, 1), (1, 2)])
    (PGraph.mk_pgraph [(0, -3), (1, -3)] [(0, 1)])
    [PMove.BlowdownEdge 1]
    [(0, 0), (1, 1)]) = false := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, -2), (1, 1), (2, -2)] [(0, 1), (1, 2)])
    (PGraph.mk_pgraph [(0, -3), (1, -4)] [(0, 1)])
    [PMove.BlowdownEdge 1]
    [(0, 0), (2, 1)]) = false := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, -2), (1, 1), (2, -2)] [(0, 1), (1, 2)])
    (PGraph.mk_pgraph [(0, -3), (1, -3)] [(0, 1)])
    [PMove.BlowdownEdge 0]
    [(0, 0), (2, 1)]) = false := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 0), (1, 0)] [(0, 1)])
    (PGraph.mk_pgraph [] [])
    [PMove.BlowdownLeaf 0]
    []) = false := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 2), (1, 4), (2, 6)] [(0, 1), (0, 2)])
    (PGraph.mk_pgraph [(0, 2), (1, 4), (2, 6)] [(0, 1), (0, 2)])
    [PMove.Split 0 3 [2, 1], PMove.Absorb 4]
    [(0, 0), (1, 1), (2, 2)]) = false := by decide
example : check_plumbing (PlumbingCert.mk_plumbing_cert
    (PGraph.mk_pgraph [(0, 1), (1, 1), (2, 1)] [(0, 1), (1, 2), (2, 0)])
    (PGraph.mk_pgraph [(0, 1), (1, 1), (2, 1)] [(0, 1), (1, 2), (2, 0)])
    []
    [(0, 0), (1, 1), (2, 2)]) = false := by decide

/-- The soundness theorem applied to a concrete certificate. -/
theorem chain_equiv : PEquiv chain_cert.pc_a chain_cert.pc_b :=
  (check_plumbing_sound chain_cert (by decide)).2.2

end KnotCert.PlumbingExamples
