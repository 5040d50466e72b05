import KnotCert.Braid

/-!
# KnotCert.Examples: evaluation checks run by `lake build`

Small certificates from `tests/test_coq.py`, checked by `decide` (kernel evaluation), with the
verdicts of the trusted Python checker: the first ones must be accepted, the tampered ones
rejected. A failure here means the library does not compute what the specification says.
-/

namespace KnotCert.Examples

set_option maxRecDepth 10000

/-- The square knot `3_1 # 3_1*` as a 3-braid. -/
def square_knot : State := State.mk_state 3 [-2, 1, 1, 1, 2, -1, -1, -1]

/-- The steps that turn the square knot into the 2-component unlink with one band. -/
def ribbon_steps : List Move :=
  [Move.Smooth 0, Move.Rotate 3, Move.Cancel 3, Move.Cancel 2, Move.Cancel 1, Move.Destabilize]

/-- An unknot certificate that uses every isotopy move. -/
def all_moves : Cert :=
  Cert.mk_cert Kind.Unknot (State.mk_state 4 [1, 3, 2]) 1
    [Move.Commute 0, Move.Rotate 1, Move.Insert 0 1, Move.Cancel 0, Move.Stabilize (-1),
     Move.Destabilize, Move.Destabilize, Move.Insert 2 1, Move.Braid 0, Move.Rotate 3,
     Move.Braid 1, Move.Cancel 0, Move.Rotate 1, Move.Destabilize, Move.Destabilize]

example : components square_knot = 1 := by decide
example : components (State.mk_state 3 [1, 2, -1]) = 2 := by decide
example : components (State.mk_state 4 []) = 4 := by decide
example : components (State.mk_state 2 [1, 1]) = 2 := by decide

example : check (Cert.mk_cert Kind.Unknot (State.mk_state 2 [1]) 1 [Move.Destabilize]) = true := by
  decide
example : check all_moves = true := by decide
example : check (Cert.mk_cert Kind.Unlink (State.mk_state 3 [1, 2, -1]) 2
    [Move.Rotate 1, Move.Cancel 1, Move.Destabilize]) = true := by decide
example : check (Cert.mk_cert Kind.Ribbon square_knot 1 ribbon_steps) = true := by decide

-- tampered: wrong generator, a smoothing in an unlink, wrong band count, input not a knot
example : check (Cert.mk_cert Kind.Unknot (State.mk_state 3 [1, -1]) 1
    [Move.Destabilize, Move.Destabilize]) = false := by decide
example : check (Cert.mk_cert Kind.Unlink (State.mk_state 2 [1, -1]) 2
    [Move.Smooth 0, Move.Smooth 0]) = false := by decide
example : check (Cert.mk_cert Kind.Ribbon square_knot 2 ribbon_steps) = false := by decide
example : check (Cert.mk_cert Kind.Ribbon (State.mk_state 3 [1, -1]) 2
    [Move.Smooth 0, Move.Smooth 0]) = false := by decide

/-- The soundness theorem applied to a concrete certificate. -/
theorem all_moves_unknot : Equiv all_moves.input (trivial 1) :=
  check_sound_unknot all_moves (by decide) rfl

end KnotCert.Examples
