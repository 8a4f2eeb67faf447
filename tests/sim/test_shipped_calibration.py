"""The shipped campaigns keep their historical promises: calibration on fixed seeds.

A card change that breaks a historical claim fails here. Run counts are modest (the suite
must stay fast), and the tolerance is the honest one: a constraint fails when the 99%
Wilson interval of its measured rate lies wholly outside the expected range, so a small
sample never fails a true claim by bad luck, and never passes a clearly false one.
"""

from __future__ import annotations

import pytest

from game.content.loader import Content, default_content_dir
from game.sim.calibrate import calibrate
from game.sim.runner import CampaignRef, default_workers, remember

CAMPAIGNS = sorted(p.name for p in (default_content_dir() / "campaigns").iterdir() if p.is_dir())
MAX_GAMES = 5000
SEED = 1936
SLOW_POLICIES = ("ambitious",)  # looks ahead on sampled continuations: ~100x slower per game


def test_both_campaigns_are_shipped() -> None:
    assert {"bukharin", "tukhachevsky"} <= set(CAMPAIGNS)


@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_campaign_constraints_hold(shipped: Content, cid: str) -> None:
    assert cid in shipped.campaigns, shipped.broken_campaigns.get(cid, f"campaign {cid} did not load")
    campaign = shipped.campaigns[cid]
    assert len(campaign.constraints) >= 3, (
        f"{cid} carries {len(campaign.constraints)} constraints; at least 3 are required"
    )
    ref = CampaignRef(cid)
    remember(ref, campaign)
    ids = [c.id for c in campaign.constraints if c.policy not in SLOW_POLICIES]
    results = calibrate(ref, campaign, seed=SEED, workers=default_workers(), max_games=MAX_GAMES, ids=ids)
    failures = [
        f"{r.id}: {r.verdict}, measured {r.rate:.3f} [{r.low:.3f}, {r.high:.3f}] over {r.counted} games "
        f"(policy {r.policy}); expected {r.measure}, {r.expect}"
        for r in results
        if not r.ok
    ]
    assert not failures, "\n".join(failures)
    assert all(r.counted > 0 for r in results)


@pytest.mark.slow
@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_ambitious_constraints_hold(shipped: Content, cid: str) -> None:
    """The constraints measured with the goal-seeking player (minutes of CPU: `-m slow`)."""
    campaign = shipped.campaigns[cid]
    ids = [c.id for c in campaign.constraints if c.policy in SLOW_POLICIES]
    if not ids:
        pytest.skip(f"{cid} has no constraint measured with the ambitious policy")
    ref = CampaignRef(cid)
    remember(ref, campaign)
    results = calibrate(ref, campaign, seed=SEED, workers=default_workers(), max_games=800, ids=ids, first_batch=200)
    failures = [f"{r.id}: {r.verdict}, measured {r.rate:.3f} [{r.low:.3f}, {r.high:.3f}]" for r in results if not r.ok]
    assert not failures, "\n".join(failures)
