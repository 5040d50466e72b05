"""Unknotting numbers: certified upper bounds (``unknotting`` certificates) and exact lower bounds.

``pybridge unknotting SPEC`` (:mod:`.commands`) searches crossing changes between recorded Reidemeister
simplifications (:mod:`.search`), seals the route as an ``unknotting`` certificate checked by the trusted
checker (:mod:`.certify`), and reports the lower bounds of :mod:`pybridge.knots.unknotting_bounds`; when one
meets the certified upper bound, u(K) is exact. ``pybridge bench unknotting`` is :mod:`.bench`.
"""
