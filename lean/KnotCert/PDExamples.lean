import KnotCert.PD

/-!
# KnotCert.PDExamples: evaluation checks of the planar-diagram checker, run by `lake build`

Small PD certificates checked by `decide` (kernel evaluation), each with the verdict of the trusted
Python checker (`tests/test_lean.py` re-checks every line below with it): the first five must be
accepted, the tampered ones rejected. A failure here means `PD.lean` does not compute what the
specification says. `ribbon_6_1` and `unknot_monster` are the certificates
`certs/examples/ribbon-6_1-bb9aa2ca1949.yaml` and `certs/examples/unknot-monster-727f9774ca9a.yaml`.
-/

namespace KnotCert.PDExamples

set_option maxRecDepth 20000
set_option maxHeartbeats 0

/-- A one-crossing kink (an unknot diagram). -/
def kink : PDState := PDState.mk_pd [(1, 2, 2, 1)] 0

/-- The 6-crossing ribbon certificate of `6_1`. -/
def ribbon_6_1 : PDCert :=
  PDCert.mk_pd_cert Kind.Ribbon (PDState.mk_pd [(1, 7, 2, 6), (3, 10, 4, 11), (5, 3, 6, 2), (7, 1, 8, 12), (9, 4, 10, 5), (11, 9, 12, 8)] 0) 1
    [PDMove.R1Add 6 1 (-1), PDMove.Band 13 11 0 0, PDMove.R3 2 0, PDMove.R2Remove 0 1, PDMove.R3 2 1, PDMove.R1Remove 0, PDMove.R2Remove 0 1, PDMove.R2Remove 0 1]

/-- A 10-crossing diagram of the unknot (a 'monster'), simplified by 9 moves. -/
def unknot_monster : PDCert :=
  PDCert.mk_pd_cert Kind.Unknot (PDState.mk_pd [(1, 12, 2, 13), (5, 19, 6, 18), (7, 17, 8, 16), (9, 3, 10, 2), (11, 20, 12, 1), (13, 10, 14, 11), (14, 3, 15, 4), (15, 9, 16, 8), (17, 5, 18, 4), (19, 7, 20, 6)] 0) 1
    [PDMove.R3 3 1, PDMove.R2Remove 5 7, PDMove.R3 4 1, PDMove.R2Remove 5 6, PDMove.R3 2 0, PDMove.R2Remove 0 1, PDMove.R2Remove 1 2, PDMove.R1Remove 0, PDMove.R1Remove 0]

example : validate_pd kink.crossings = true := by decide
example : validate_pd [(1, 2, 3, 4)] = false := by decide
example : link_components kink = some 1 := by decide
example : link_components (PDState.mk_pd [(1, 2, 2, 1), (3, 4, 4, 3)] 1) = some 3 := by decide
example : link_components ribbon_6_1.pd_input = some 1 := by decide

example : check_pd (PDCert.mk_pd_cert Kind.Unknot (PDState.mk_pd [(1, 2, 2, 1)] 0) 1
    [PDMove.R1Add 1 0 1, PDMove.R1Remove 1, PDMove.R1Remove 0]) = true := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Unknot (PDState.mk_pd [(1, 2, 2, 1)] 0) 1
    [PDMove.R1Remove 0]) = true := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Unlink (PDState.mk_pd [(1, 2, 2, 1), (3, 4, 4, 3)] 0) 2
    [PDMove.R1Remove 1, PDMove.R1Remove 0]) = true := by decide
example : check_pd ribbon_6_1 = true := by decide
example : check_pd unknot_monster = true := by decide

-- tampered: index out of range, wrong component count, wrong band count, a band in an unlink,
-- a missing last step, an invalid input diagram
example : check_pd (PDCert.mk_pd_cert Kind.Unknot (PDState.mk_pd [(1, 2, 2, 1)] 0) 1
    [PDMove.R1Remove 1]) = false := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Unlink (PDState.mk_pd [(1, 2, 2, 1), (3, 4, 4, 3)] 0) 3
    [PDMove.R1Remove 1, PDMove.R1Remove 0]) = false := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Ribbon (PDState.mk_pd [(1, 7, 2, 6), (3, 10, 4, 11), (5, 3, 6, 2), (7, 1, 8, 12), (9, 4, 10, 5), (11, 9, 12, 8)] 0) 2
    [PDMove.R1Add 6 1 (-1), PDMove.Band 13 11 0 0, PDMove.R3 2 0, PDMove.R2Remove 0 1, PDMove.R3 2 1, PDMove.R1Remove 0, PDMove.R2Remove 0 1, PDMove.R2Remove 0 1]) = false := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Unlink (PDState.mk_pd [(1, 7, 2, 6), (3, 10, 4, 11), (5, 3, 6, 2), (7, 1, 8, 12), (9, 4, 10, 5), (11, 9, 12, 8)] 0) 2
    [PDMove.R1Add 6 1 (-1), PDMove.Band 13 11 0 0, PDMove.R3 2 0, PDMove.R2Remove 0 1, PDMove.R3 2 1, PDMove.R1Remove 0, PDMove.R2Remove 0 1, PDMove.R2Remove 0 1]) = false := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Unknot (PDState.mk_pd [(1, 12, 2, 13), (5, 19, 6, 18), (7, 17, 8, 16), (9, 3, 10, 2), (11, 20, 12, 1), (13, 10, 14, 11), (14, 3, 15, 4), (15, 9, 16, 8), (17, 5, 18, 4), (19, 7, 20, 6)] 0) 1
    [PDMove.R3 3 1, PDMove.R2Remove 5 7, PDMove.R3 4 1, PDMove.R2Remove 5 6, PDMove.R3 2 0, PDMove.R2Remove 0 1, PDMove.R2Remove 1 2, PDMove.R1Remove 0]) = false := by decide
example : check_pd (PDCert.mk_pd_cert Kind.Unknot (PDState.mk_pd [(1, 2, 3, 4)] 0) 1
    [PDMove.R1Remove 0]) = false := by decide

/-- The soundness theorem applied to a concrete certificate. -/
theorem pd_kink_unknot : PDEquiv kink (pd_trivial 1) :=
  check_pd_sound_unknot (PDCert.mk_pd_cert Kind.Unknot kink 1
    [PDMove.R1Add 1 0 1, PDMove.R1Remove 1, PDMove.R1Remove 0]) (by decide) rfl

end KnotCert.PDExamples
