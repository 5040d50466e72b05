import Lake
open Lake DSL

-- pybridge's Lean 4 project: core Lean only (no Mathlib, no Batteries), no dependencies.
-- `lake build` builds both default targets: the `KnotCert` library (lean/KnotCert/*.lean) and
-- every generated certificate module under lean/KnotCertGenerated/ (docs/lean.md).

package knotcert

-- The certificate calculus, its checker and its soundness theorems.
@[default_target]
lean_lib KnotCert where
  srcDir := "lean"

-- One module per certificate, written by pybridge.export.lean (`pybridge export lean`).
@[default_target]
lean_lib KnotCertGenerated where
  srcDir := "lean"
  globs := #[.andSubmodules `KnotCertGenerated]
