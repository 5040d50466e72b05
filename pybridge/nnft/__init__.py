"""Neural-network field theory: architectures, exact (sympy) and Monte Carlo (torch) correlators."""
