-- Root of the generated certificate library. Every module lean/KnotCertGenerated/Cert_<hash12>.lean
-- (written by pybridge.export.lean) is built by `lake build` through the glob in lakefile.lean;
-- this root only needs the two certificate libraries (braid and planar-diagram calculus).
import KnotCert.Braid
import KnotCert.PD
