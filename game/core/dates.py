"""Calendar months as integers.

The game's time has month precision. A month is stored as ``year * 12 + (month - 1)`` so
comparisons and steps are integer arithmetic; ``"1937-02"`` is the written form.
"""

from __future__ import annotations

import re

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STEPS = {"month": 1, "quarter": 3, "year": 12}

_DATE_RE = re.compile(r"^(\d{4})-(\d{2})$")


_PARSED: dict[str, int] = {}  # dates already parsed: content repeats a few hundred of them


def parse_month(text: str) -> int:
    """Parse ``"YYYY-MM"`` into a month number; raise ValueError with a readable message."""
    if text.__class__ is str:
        known = _PARSED.get(text)
        if known is not None:
            return known
    match = _DATE_RE.match(text)
    if not match:
        raise ValueError(f'date {text!r} is not of the form "YYYY-MM"')
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"date {text!r} has month {month}, outside 01-12")
    result = year * 12 + month - 1
    if text.__class__ is str and len(_PARSED) < 100_000:
        _PARSED[text] = result
    return result


def format_month(month: int) -> str:
    """The written form, ``"YYYY-MM"``."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def month_label(month: int) -> str:
    """A reader's form, ``"February 1937"``."""
    return f"{MONTH_NAMES[month % 12]} {month // 12}"


SEASONS = (
    "Winter",
    "Winter",
    "Spring",
    "Spring",
    "Spring",
    "Summer",
    "Summer",
    "Summer",
    "Autumn",
    "Autumn",
    "Autumn",
    "Winter",
)
"""The season of each calendar month (northern, meteorological: Winter is December to February)."""


def turn_label(month: int, step: int) -> str:
    """How a turn of an era with this step is named: ``"1939"`` for a year, ``"Spring 1953"``
    for a quarter (the season of its middle month), ``"February 1937"`` for a month."""
    if step >= 12:
        return str(month // 12)
    if step == 3:
        middle = month + 1
        return f"{SEASONS[middle % 12]} {middle // 12}"
    return month_label(month)


def year_of(month: int) -> int:
    """The calendar year of a month number."""
    return month // 12
