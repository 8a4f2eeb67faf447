"""A chance's value and an option's outcome chances are the clamps the model describes.

``Chance.value`` and ``Option.chances`` clamp with conditional expressions rather than
``min``/``max`` (they run on every roll); here the plain ``min``/``max`` reading is the
reference, on any floats, so a clamp written the wrong way round fails."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.core.model import Chance, Modifier, Option, Outcome
from game.core.state import GameState

STATE = GameState(campaign="t", seed=0, turn=1, date=0, meters={})
numbers = st.floats(-3.0, 3.0, allow_nan=False) | st.sampled_from([0.0, -0.0, 1.0, 0.5])
modifier = st.tuples(st.booleans(), numbers, numbers)


def _reference(base: float, mods: list[tuple[bool, float, float]]) -> float:
    p, mul = base, 1.0
    for holds, add, factor in mods:
        if holds:
            p += add
            mul *= factor
    p = min(max(p, 0.0), 1.0) * mul
    return min(max(p, 0.0), 1.0)


def _chance(base: float, mods: list[tuple[bool, float, float]]) -> Chance:
    def holds(value: bool) -> object:
        return lambda _s: value

    return Chance(base, "test", tuple(Modifier(holds(h), add, factor) for h, add, factor in mods))  # type: ignore[arg-type]


@given(numbers, st.lists(modifier, max_size=4))
def test_a_chance_is_its_base_and_modifiers_clamped_to_zero_and_one(
    base: float, mods: list[tuple[bool, float, float]]
) -> None:
    value = _chance(base, mods).value(STATE)
    assert value == _reference(base, mods)
    assert 0.0 <= value <= 1.0


@given(st.lists(st.tuples(numbers, st.lists(modifier, max_size=2)), min_size=1, max_size=4), st.booleans())
def test_outcome_chances_take_what_the_earlier_ones_leave(
    parts: list[tuple[float, list[tuple[bool, float, float]]]], otherwise: bool
) -> None:
    outcomes = [Outcome(_chance(b, m), "") for b, m in parts] + ([Outcome(None, "")] if otherwise else [])
    got = Option("o", "", outcomes=tuple(outcomes)).chances(STATE)
    expected, acc = [], 0.0
    for b, m in parts:
        p = max(min(_reference(b, m), 1.0 - acc), 0.0)
        expected.append(p)
        acc += p
    if otherwise:
        expected.append(max(1.0 - acc, 0.0))
    assert got == expected
    assert sum(got) <= 1.0 + 1e-9
