"""Exporters: certificates rendered as proof-assistant source (Coq: :mod:`pybridge.export.coq`)."""
