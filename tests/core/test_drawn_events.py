"""Events drawn in a turn are re-checked against their `when` before each is shown, as world
cards are: an arrest answered first must not be followed by a drawn card that needs the
hero free (issue 9 item 6). A scheduled card still comes whatever its `when` (MODDING)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_content
from game.core.commands import Choose, DebugFire
from game.core.engine import Engine
from game.core.model import Campaign

DRAWN = Path(__file__).resolve().parents[1] / "fixtures" / "drawn"


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    content = load_content([DRAWN])
    assert not content.errors, [str(e) for e in content.errors]
    return content.campaigns["drawn"]


def _seed_with_knock_first(campaign: Campaign) -> Engine:
    for seed in range(200):
        engine = Engine(campaign, seed)
        if engine.state.pending == ["drawn.knock", "drawn.speech"]:
            return engine
    raise AssertionError("no seed draws the knock before the speech")


def test_a_drawn_card_whose_when_no_longer_holds_is_not_shown(campaign: Campaign) -> None:
    engine = _seed_with_knock_first(campaign)
    assert engine.state.drawn == ["drawn.knock", "drawn.speech"]
    engine.apply(Choose("go"))
    assert engine.state.characters["hero"].status == "arrested"
    card = engine.current_card()
    assert card is None or card.id != "drawn.speech"  # it needs the hero free
    assert engine.state.phase == "hand" and engine.state.pending == [] and engine.state.drawn == []
    assert "drawn.speech" not in engine.state.fired


def test_a_drawn_card_whose_when_still_holds_is_shown(campaign: Campaign) -> None:
    for seed in range(200):
        engine = Engine(campaign, seed)
        if engine.state.pending == ["drawn.speech", "drawn.knock"]:
            break
    else:
        raise AssertionError("no seed draws the speech first")
    engine.apply(Choose("speak"))
    assert engine.current_card() is not None and engine.current_card().id == "drawn.knock"
    assert engine.state.drawn == ["drawn.knock"]


def test_a_scheduled_card_comes_whatever_its_when(campaign: Campaign) -> None:
    engine = _seed_with_knock_first(campaign)
    engine.apply(Choose("go"))
    engine.apply(Choose(engine.choices()[-1]))  # lie low: the next month, the visit is due
    assert engine.state.characters["hero"].status == "arrested"
    assert engine.current_card() is not None and engine.current_card().id == "drawn.visit"
    assert "drawn.visit" not in engine.state.drawn


def test_a_debug_fired_card_is_shown_whatever_its_when(campaign: Campaign) -> None:
    engine = _seed_with_knock_first(campaign)
    engine.apply(Choose("go"))
    engine.apply(DebugFire("drawn.speech"))
    assert engine.current_card() is not None and engine.current_card().id == "drawn.speech"
    assert "drawn.speech" not in engine.state.drawn
