"""Metric flows: symbolic geometry (sympy), NN metrics, metric-NTK, Perelman–Ricci flow."""
