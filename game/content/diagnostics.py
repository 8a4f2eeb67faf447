"""Diagnostics in the form compilers and linters use: ``path:line:col: error: message [field]``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import attrs


@attrs.frozen(order=True)
class Diagnostic:
    """One problem found in a content file."""

    path: str
    line: int
    column: int
    severity: str  # error | warning
    message: str
    field: str = ""

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{where}"

    @property
    def is_error(self) -> bool:
        """True for errors (warnings do not stop a campaign from loading)."""
        return self.severity == "error"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ``; did you mean 'x'?`` suffix when a choice is close to the word, else ''."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
