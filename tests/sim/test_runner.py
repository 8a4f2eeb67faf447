"""The runner: tallies add up, and results never depend on workers or chunking."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.model import Campaign
from game.sim.policies import POLICIES
from game.sim.report import simulation_report
from game.sim.runner import CampaignRef, SimError, Tally, chunks, game_seed, play, remember, simulate

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


@pytest.fixture
def ref(mini: Campaign) -> CampaignRef:
    r = CampaignRef("mini", paths=(str(MINI),))
    remember(r, mini)
    return r


def test_results_are_identical_whatever_the_worker_count(ref: CampaignRef) -> None:
    one = simulate(ref, 300, "random", seed=7, workers=1)
    two = simulate(ref, 300, "random", seed=7, workers=2)
    assert one == two
    assert simulate(ref, 300, "random", seed=7, workers=1, chunk=37) == one


def test_workers_that_load_the_content_themselves_agree(mini: Campaign) -> None:
    """A worker without the parent's campaign (as under spawn) loads it from the files."""
    fresh = CampaignRef("mini", paths=(str(MINI / "campaign.yaml"), str(MINI / "cards.yaml")))
    from game.sim import runner

    runner._CAMPAIGNS.pop(fresh, None)
    loaded = simulate(fresh, 120, "bold", seed=3, workers=2)
    kept = CampaignRef("mini", paths=(str(MINI),))
    remember(kept, mini)
    assert loaded == simulate(kept, 120, "bold", seed=3, workers=1)


def test_seed_changes_the_games(ref: CampaignRef) -> None:
    assert simulate(ref, 200, "random", seed=1) != simulate(ref, 200, "random", seed=2)


def test_game_i_is_played_with_its_documented_engine_seed(ref: CampaignRef, mini: Campaign) -> None:
    """Game i of a run with base seed S is the game `divergence play --seed S*1000000+i` plays."""
    assert game_seed(5, 17) == 5 * 1_000_000 + 17
    by_hand = Tally()
    for i in range(40):
        engine = play(mini, POLICIES["random"], game_seed(5, i), by_hand.available)
        by_hand.add_game(engine)
    assert simulate(ref, 40, "random", seed=5) == by_hand


def test_tally_counts_are_consistent(ref: CampaignRef, mini: Campaign) -> None:
    runs = 250
    tally = simulate(ref, runs, "random", seed=11)
    assert tally.games == runs == sum(tally.endings.values()) == sum(tally.turns.values())
    for key, taken in tally.taken.items():
        assert taken <= tally.available.get(key, 0), key
    for card, games in tally.fired_games.items():
        assert games <= runs and games <= tally.fired_times[card]
    # every roll of the letter's answer lands in one of its two outcomes
    answered = tally.taken.get("mini.letter#answer", 0)
    rolls = sum(tally.rolled.get(f"mini.letter#answer#{i}", 0) for i in (0, 1))
    assert answered == rolls > 0


def test_report_lists_what_never_happens(ref: CampaignRef, mini: Campaign) -> None:
    tally = simulate(ref, 200, "cautious", seed=0)
    report = simulation_report(mini, tally, "cautious", 0)
    assert "won" in report["endings_never_reached"]  # only fleeing the summons wins; cautious never flees
    assert "mini.scheme" in report["cards_never_fired"]
    # the bribe needs luck 5, which a cautious player never gathers
    assert "mini.letter#bribe" in report["options_never_available"]
    assert "mini.letter#answer" in report["options_never_taken"]
    assert abs(sum(e["rate"] for e in report["endings"]) - 1.0) < 1e-6
    for e in report["endings"]:
        assert e["low"] <= e["rate"] <= e["high"]


def test_chunks_cover_the_range_once() -> None:
    parts = chunks(3, 1000, 64)
    assert parts[0][0] == 3 and parts[-1][1] == 1000
    assert all(a < b and b - a <= 64 for a, b in parts)
    assert all(parts[i][1] == parts[i + 1][0] for i in range(len(parts) - 1))


def test_a_worker_error_reaches_the_parent_without_hanging() -> None:
    ghost = CampaignRef("ghost", paths=(str(MINI),))
    with pytest.raises(SimError, match="campaign 'ghost' did not load"):
        simulate(ghost, 50, "random", workers=2)
