"""Exit statuses of ``divergence`` and the error that carries a user's mistake to ``main``."""

from __future__ import annotations

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A user's mistake: print the message, exit with the status, no traceback."""

    def __init__(self, message: str, status: int = EXIT_FAIL) -> None:
        super().__init__(message)
        self.status = status
