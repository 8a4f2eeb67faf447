"""Sensitivity finds the chance that decides a campaign, with paired (common-seed) games."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import Content
from game.sim.runner import CampaignRef, remember
from game.sim.sensitivity import as_data, format_text, knobs, nudged, sensitivity

FATE = Path(__file__).resolve().parents[1] / "fixtures" / "fate"


def test_sensitivity_finds_the_deciding_chance(fate_content: Content) -> None:
    campaign = fate_content.campaigns["fate"]
    ref = CampaignRef("fate", paths=(str(FATE),))
    remember(ref, campaign)
    results = sensitivity(ref, campaign, ("random",), runs=400, seed=3)
    assert results[0].knob.key == "fate.crossroads#1#0"
    top = results[0]
    assert top.knob.source == "fixture: the decisive chance" and top.knob.base == 0.9
    fallen = next(e for e in top.effects if e.measure == "ending:fallen")
    # half the random players go; each 0.05 of that chance is 0.025 of all games
    assert 0.015 < fallen.effect < 0.035
    assert fallen.low < fallen.base < fallen.high
    constraint = next(e for e in top.effects if e.measure == "constraint:some_fall")
    assert constraint.effect == pytest.approx(fallen.effect)
    # the weather moves a meter no ending reads: with the same seeds, exactly nothing moves
    weather = [r for r in results if r.knob.card == "fate.weather"]
    assert weather and all(r.largest == 0.0 for r in weather)


def test_a_nudge_moves_only_its_number(fate_content: Content) -> None:
    campaign = fate_content.campaigns["fate"]
    knob = next(k for k in knobs(campaign) if k.key == "fate.crossroads#1#0")
    up = nudged(campaign, knob, 1)
    chance = up.cards["fate.crossroads"].options[1].outcomes[0].chance
    assert chance is not None and chance.base == pytest.approx(0.95)
    assert campaign.cards["fate.crossroads"].options[1].outcomes[0].chance.base == 0.9  # type: ignore[union-attr]
    assert up.cards["fate.idle"] is campaign.cards["fate.idle"]
    weight = next(k for k in knobs(campaign) if k.key == "fate.weather#weight")
    assert nudged(campaign, weight, -1).cards["fate.weather"].weight.base == pytest.approx(80)


def test_sensitivity_reports_and_cli_errors(fate_content: Content, capsys: pytest.CaptureFixture[str]) -> None:
    campaign = fate_content.campaigns["fate"]
    ref = CampaignRef("fate", paths=(str(FATE),))
    remember(ref, campaign)
    results = sensitivity(ref, campaign, ("random",), runs=100, seed=1)
    data = as_data(results)
    largest = [k["largest"] for k in data]
    assert largest == sorted(largest, reverse=True) and data[0]["source"] == "fixture: the decisive chance"
    text = format_text(results, 100)
    assert "source: fixture: the decisive chance" in text and "moves nothing measured" in text
    assert main(["sensitivity", "nowhere"]) == 2
    assert "unknown campaign" in capsys.readouterr().err
