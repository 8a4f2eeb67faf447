"""``parse_month`` remembers the dates it has parsed (content repeats a few hundred of them
across thousands of cards); what it returns and what it refuses never depend on that."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.core import dates
from game.core.dates import parse_month


def by_definition(text: str) -> int:
    match = re.fullmatch(r"(\d{4})-(\d{2})\n?", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(text)
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


TEXTS = st.one_of(
    st.builds(lambda y, m: f"{y:04d}-{m:02d}", st.integers(0, 9999), st.integers(0, 14)),
    st.text(alphabet="0123456789-\n ", max_size=9),
)


@given(st.lists(TEXTS, max_size=6))
def test_parse_month_gives_the_same_every_time(texts: list[str]) -> None:
    for text in texts + texts:  # the second time from what it remembered
        try:
            expected: object = by_definition(text)
        except ValueError:
            expected = ValueError
        try:
            got: object = parse_month(text)
        except ValueError:
            got = ValueError
        assert got == expected, text


def test_a_refused_date_is_refused_again_and_not_remembered() -> None:
    for _ in range(2):
        with pytest.raises(ValueError, match="outside 01-12"):
            parse_month("1937-13")
    assert "1937-13" not in dates._PARSED
    assert parse_month("1937-02") == 1937 * 12 + 1
    assert dates._PARSED["1937-02"] == 1937 * 12 + 1
