"""The exception hierarchy shared by every pybridge package.

User errors (bad input) are subclasses of :class:`PybridgeError`; the CLI turns them into a one-line
message and exit code 2 (:data:`EXIT_BAD_INPUT`). Any other exception is a bug.
"""

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_SELF_CHECK_FAILED = 3
EXIT_TOOL_MISSING = 4


class PybridgeError(Exception):
    """Base class of every error pybridge raises on purpose."""

    exit_code = EXIT_BAD_INPUT


class InvalidDiagramError(PybridgeError, ValueError):
    """A braid word or PD code violates its validity conditions."""


class SpecError(PybridgeError, ValueError):
    """A knot SPEC string cannot be parsed or names nothing known."""


class UnknownKnotError(SpecError, KeyError):
    """A knot name is not in the KnotInfo table or SnapPy's census."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InputFileError(PybridgeError, OSError):
    """A file named on the command line cannot be read or parsed."""


class CertificateFormatError(PybridgeError, ValueError):
    """A certificate file is malformed: the message names the field (and step) at fault."""


class ExportError(PybridgeError, ValueError):
    """A certificate cannot be rendered safely into Lean or Coq source."""


class ToolMissingError(PybridgeError, RuntimeError):
    """A required external program (coqc, lake) is not installed; the message says how to install it."""

    exit_code = EXIT_TOOL_MISSING


class SelfCheckError(PybridgeError, RuntimeError):
    """A certificate produced by pybridge failed its own check: a bug, reported as exit code 3."""

    exit_code = EXIT_SELF_CHECK_FAILED
