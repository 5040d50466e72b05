"""The error raised on bad input to the metric-flow experiments (exit code 2 in the CLI)."""

from ..errors import PybridgeError


class FlowInputError(PybridgeError, ValueError):
    """Bad parameters for a metric-flow computation (grid size, time step, method, widths, metric)."""
