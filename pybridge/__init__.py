"""pybridge: machine-learning search for knot move sequences with kernel-checked certificates.

Every search result is exported as a certificate (``pybridge.certs``) that an independent Python
checker, a Coq development and a Lean 4 library re-check; see ``docs/certificates.md``.
"""

__version__ = "0.1.0"
