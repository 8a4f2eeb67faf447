"""The debug console's ``fire`` can never leave a game with nothing to choose (a softlock):
a card none of whose options is open, or one already on the table, is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.loader import load_content
from game.core.commands import Choose, DebugFire, DebugSetMeter, IllegalCommand
from game.core.engine import Engine
from game.core.model import Campaign

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
LOCKED = """
  - id: mini.locked
    kind: event
    campaign: mini
    actor: hero
    title: "Only for the lucky"
    when: {date: {from: "1936-01", to: "1940-12"}}
    weight: 0
    text: "A door that opens only for the lucky."
    options:
      - id: only
        text: "Be lucky"
        requires: {meter: luck, gte: 5}
"""


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Campaign:
    folder = tmp_path_factory.mktemp("locked") / "mini"
    shutil.copytree(MINI, folder)
    cards = folder / "cards.yaml"
    cards.write_text(cards.read_text().rstrip("\n") + "\n" + LOCKED)
    content = load_content([folder])
    assert "mini.locked" in content.campaigns["mini"].cards, [str(d) for d in content.errors]
    return content.campaigns["mini"]


def test_firing_a_card_with_no_open_option_is_refused(locked: Campaign) -> None:
    e = Engine(locked, 3)
    e.apply(DebugSetMeter("luck", 0))
    before = (e.state.phase, list(e.state.pending), len(e.commands))
    with pytest.raises(IllegalCommand, match="no option"):
        e.apply(DebugFire("mini.locked"))
    assert (e.state.phase, e.state.pending, len(e.commands)) == before and e.choices()


def test_a_debug_change_that_closes_the_card_on_the_table_drops_it(locked: Campaign) -> None:
    e = Engine(locked, 3)
    e.apply(DebugSetMeter("luck", 9))
    e.apply(DebugFire("mini.locked"))
    assert e.state.pending[0] == "mini.locked"
    e.apply(DebugSetMeter("luck", 0))
    assert "mini.locked" not in e.state.pending and e.choices()


def test_firing_a_card_already_on_the_table_brings_it_forward_once(locked: Campaign) -> None:
    e = Engine(locked, 3)
    e.apply(DebugFire("mini.letter"))
    e.apply(DebugFire("mini.omen"))
    e.apply(DebugFire("mini.letter"))
    assert e.state.pending[0] == "mini.letter" and e.state.pending.count("mini.letter") == 1


_ACTIONS = st.lists(
    st.one_of(
        st.integers(min_value=0, max_value=9).map(lambda i: ("choose", i)),
        st.sampled_from(["mini.locked", "mini.letter", "mini.summons", "mini.scheme", "mini.omen"]).map(
            lambda c: ("fire", c)
        ),
        st.integers(min_value=0, max_value=10).map(lambda v: ("luck", v)),
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10_000), actions=_ACTIONS)
def test_random_debug_commands_never_softlock(locked: Campaign, seed: int, actions: list[tuple[str, object]]) -> None:
    e = Engine(locked, seed)
    for kind, arg in actions:
        if e.is_over:
            break
        try:
            if kind == "choose":
                options = e.choices()
                e.apply(Choose(options[int(arg) % len(options)]))  # type: ignore[call-overload]
            elif kind == "fire":
                e.apply(DebugFire(str(arg)))
            else:
                e.apply(DebugSetMeter("luck", int(arg)))  # type: ignore[call-overload]
        except IllegalCommand:
            pass
        assert e.is_over or e.choices(), f"softlock at {e.state.phase} with {e.state.pending}"
