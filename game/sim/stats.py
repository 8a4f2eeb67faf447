"""Confidence intervals for rates measured by simulation."""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # two-sided 95%


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a binomial rate: honest near 0 and 1 and for small n
    (unlike the normal approximation), so a 0/50 result does not claim certainty."""
    if n <= 0:
        return 0.0, 1.0
    p = hits / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    low = 0.0 if hits == 0 else max(0.0, centre - half)
    high = 1.0 if hits == n else min(1.0, centre + half)
    return low, high


def median_of_counts(counts: dict[int, int]) -> float:
    """The median of values given as value -> frequency."""
    total = sum(counts.values())
    if total == 0:
        return 0.0
    items = sorted(counts.items())

    def nth(k: int) -> int:
        acc = 0
        for value, c in items:
            acc += c
            if k < acc:
                return value
        return items[-1][0]

    if total % 2:
        return float(nth(total // 2))
    return (nth(total // 2 - 1) + nth(total // 2)) / 2
