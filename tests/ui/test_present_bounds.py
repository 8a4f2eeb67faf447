"""Meter bars stay inside their width whatever value a meter holds (a state from a save is
checked, but a bar must never grow without bound: review D4's 1.5 GB line)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.core.view import MeterView
from game.ui.present import bar, meter_fraction


@given(
    value=st.integers(-(10**12), 10**12), low=st.integers(-100, 100), span=st.integers(0, 200), width=st.integers(0, 80)
)
def test_a_bar_is_its_width_and_a_fraction_in_0_1_for_any_value(value: int, low: int, span: int, width: int) -> None:
    meter = MeterView(id="m", label="M", value=value, min=low, max=low + span)
    assert 0.0 <= meter_fraction(meter) <= 1.0
    assert len(bar(meter, width)) == width
