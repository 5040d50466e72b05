"""The move calculus used by search code (fast, with enumeration of legal moves).

The trusted checker in :mod:`pybridge.certs` re-implements the same semantics independently; the
differential tests (``tests/test_braid_moves.py``) keep the two in agreement.
"""
