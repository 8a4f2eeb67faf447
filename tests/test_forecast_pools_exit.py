"""The in-game forecast's worker processes end with the frontend: a game played to its end and
quit leaves no worker running and prints no traceback from ``concurrent.futures`` at exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.cli import outlook as cli_outlook
from game.content.loader import load_content
from game.sim.runner import CampaignRef, remember


def test_shutdown_pools_stops_every_worker() -> None:
    campaign = load_content().campaigns["bukharin"]
    ref = CampaignRef("bukharin", ())
    remember(ref, campaign)
    pools = cli_outlook.Pools(1)
    pool = pools.get(ref, campaign)
    assert pool is not None
    workers = list(pool._processes.values())
    assert workers and all(p.is_alive() for p in workers)
    cli_outlook.shutdown_pools()
    assert all(not p.is_alive() for p in workers)
    assert pools not in cli_outlook._OPEN
    cli_outlook.shutdown_pools()  # twice is harmless


def test_a_piped_game_with_the_forecast_on_exits_cleanly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DIVERGENCE_NO_FORECAST"}
    done = subprocess.run(
        [sys.executable, "-m", "game", "play", "--as", "bukharin", "--ui", "text", "--seed", "7", "--plain"],
        input="1\n" * 400,
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "The end" in done.stdout
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
