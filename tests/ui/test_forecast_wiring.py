"""Three defects of the in-game forecast's wiring, each measured where it shows:
DIVERGENCE_NO_FORECAST turns the forecast off only for 1, true or yes (and the player is told
why there is none); after a Mods switch the forecast's workers load the mods of the content in
use, not those the session began with; the forecast commands say a mod's warning once."""

from __future__ import annotations

import argparse
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.cli import outlook as cli_outlook
from game.cli.wiring import content_mods, load_for_play, make_services
from game.content import mods as mods_mod
from game.content.loader import Content
from game.core.engine import Engine
from game.sim import forecast as fc_mod
from game.sim import runner
from game.sim.executors import campaign_hash
from game.sim.runner import CampaignRef
from game.ui.session import GameSession
from game.ui.text.app import TextUI
from tests.ui.conftest import short_save

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "mods" / "ordzhonikidze"

# --- DIVERGENCE_NO_FORECAST -----------------------------------------------------------------

OFF = ("1", "true", "yes", "TRUE", "Yes", " yes ")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(st.one_of(st.sampled_from(["0", "", "no", "false", "off", "2", *OFF]), st.text(max_size=6)))
def test_only_1_true_or_yes_turn_the_forecast_off(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    if "\x00" in value:
        return  # no environment can hold it
    monkeypatch.setenv("DIVERGENCE_NO_FORECAST", value)
    services = cli_outlook.outlook_services(workers=1)
    cli_outlook.shutdown_pools()
    off = value.strip().lower() in ("1", "true", "yes")
    assert ("forecast" not in services) == off, value
    assert (services.get("forecast_off", "") != "") == off
    if off:
        assert "DIVERGENCE_NO_FORECAST" in str(services["forecast_off"])


def test_0_leaves_the_forecast_on_in_a_real_session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIVERGENCE_NO_FORECAST", "0")
    session = GameSession(make_services(load_for_play(), argparse.Namespace(mod=[], saves=str(tmp_path))))
    try:
        assert session.outlook.available and session.no_forecast() == ""
        session.new_game("bukharin", 7)
        assert "Forecast shown." in session.toggle_forecast(historian=False).text
    finally:
        cli_outlook.shutdown_pools()


def test_the_player_is_told_why_there_is_no_forecast(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DIVERGENCE_NO_FORECAST", "yes")
    services = make_services(load_for_play(), argparse.Namespace(mod=[], saves=str(tmp_path)))
    out = io.StringIO()
    ui = TextUI(services, io.StringIO("f\nq\n"), out, color=False, width=100)
    assert ui.run(campaign="bukharin", seed=7) == 0
    assert "No forecast in this session: turned off by DIVERGENCE_NO_FORECAST=yes." in out.getvalue()
    step = ui.session.toggle_forecast(historian=True)
    assert step.text == "No forecast in this session: turned off by DIVERGENCE_NO_FORECAST=yes."
    ui.session.ironman = True  # an ironman game says that instead
    assert ui.session.toggle_forecast(historian=True).text == "No forecast in an ironman game."


# --- the forecast follows a Mods switch ------------------------------------------------------


def test_after_a_mods_switch_the_forecast_workers_load_the_new_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "user_mods"
    monkeypatch.setenv(mods_mod.MODS_ENV, str(folder))
    monkeypatch.delenv("DIVERGENCE_NO_USER_MODS", raising=False)
    monkeypatch.delenv("DIVERGENCE_NO_FORECAST")
    shutil.copytree(EXAMPLE, folder / "ordzhonikidze")
    refs: list[CampaignRef] = []
    monkeypatch.setattr(cli_outlook.Pools, "get", lambda self, ref, campaign: None)  # no processes here
    monkeypatch.setattr(fc_mod, "forecast", lambda ref, *args, **kwargs: refs.append(ref))
    content = load_for_play()
    session = GameSession(make_services(content, argparse.Namespace(mod=[], saves=str(tmp_path / "saves"))))

    def forecast_ref() -> tuple[CampaignRef, Engine]:
        session.new_game("bukharin", 7)
        engine = session.engine
        assert engine is not None and session.services.forecast is not None
        session.services.forecast(engine)(lambda _f: None, lambda: False)
        session.quit_to_title()
        session.suspended = None
        return refs[-1], engine

    try:
        ref, engine = forecast_ref()
        assert [m for m, _ in ref.mods] == ["ordzhonikidze"]
        for on, mods in ((False, []), (True, ["ordzhonikidze"])):
            step, _problems = session.toggle_mod("ordzhonikidze")
            assert ("enabled." if on else "disabled.") in step.text
            ref, engine = forecast_ref()
            assert [m for m, _ in ref.mods] == mods
            # what a worker that inherits nothing (a spawned one) loads from the ref: the
            # campaign the player is playing, not the one the session began with
            monkeypatch.setattr(runner, "_CAMPAIGNS", {})
            assert campaign_hash(ref.load()) == campaign_hash(engine.campaign)
            assert any(c.startswith("ordzhonikidze.") for c in engine.campaign.cards) == on
    finally:
        cli_outlook.shutdown_pools()


def test_content_mods_are_the_loaded_mods_in_load_order(shipped: Content) -> None:
    assert content_mods(shipped) == ()
    given = load_for_play([str(EXAMPLE)])
    assert content_mods(given) == (("ordzhonikidze", str(EXAMPLE.resolve())),)


# --- one warning -----------------------------------------------------------------------------


def test_the_forecast_commands_say_a_mod_warning_once(
    shipped: Content, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    save = short_save(shipped, tmp_path, 3)
    for command in (
        ["forecast", str(save), "--runs", "20"],
        ["regret", str(save), "--runs", "10"],
        ["diff", str(save), str(save), "--runs", "10"],
        ["chronicle", str(save), "--md", "-", "--mattered"],
    ):
        capsys.readouterr()
        main([*command, "--mod", str(loose)])
        err = capsys.readouterr().err
        assert err.count("has no mod.yaml") == 1, (command, err)
