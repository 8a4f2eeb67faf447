"""How many cases each fuzzer runs: few in the default run (the whole suite stays fast), as
many as asked on demand.

    DIVERGENCE_FUZZ_EXAMPLES=20000 python -m pytest tests/fuzz tests/ui/test_textsafe.py

runs every fuzzer with that many cases (hours, for a long hunt); a failing case is printed
and kept in hypothesis' database (.hypothesis/), so the next run tries it first.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings

ENV = "DIVERGENCE_FUZZ_EXAMPLES"
F = TypeVar("F", bound=Callable[..., Any])


def examples(default: int) -> int:
    """The number of cases: ``default``, or the count in DIVERGENCE_FUZZ_EXAMPLES."""
    value = os.environ.get(ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def fuzz(default: int) -> Callable[[F], F]:
    """Hypothesis settings for a fuzzer: ``default`` cases unless told otherwise, no deadline
    (a slow case is not a failure; a hang is caught by the test's own bounds)."""
    return settings(  # type: ignore[return-value]
        max_examples=examples(default),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
        # the default run (CI) is the same every time: a fixed set of cases, so a red CI always means
        # a change; the long mode (DIVERGENCE_FUZZ_EXAMPLES) explores new cases on every run
        derandomize=not os.environ.get(ENV, "").strip(),
    )
