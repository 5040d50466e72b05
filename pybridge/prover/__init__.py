"""Kernel runners: re-check certificates with proof assistants (Coq: :mod:`pybridge.prover.coq`)."""
