-- KnotCert: the Lean 4 mirror of pybridge's certificate calculus (core Lean only).
-- `lake build` builds this library and every generated certificate module (lakefile.lean).
import KnotCert.Braid
import KnotCert.Valid
import KnotCert.BraidSpec
import KnotCert.BraidCycles
import KnotCert.Examples
import KnotCert.PD
import KnotCert.PDSpec
import KnotCert.PDInsertSpec
import KnotCert.PDBandSpec
import KnotCert.PDComponents
import KnotCert.Invariants
import KnotCert.PDExamples
import KnotCert.Unknotting
import KnotCert.UnknottingSpec
import KnotCert.Plumbing
import KnotCert.PlumbingSpec
import KnotCert.PlumbingExamples
