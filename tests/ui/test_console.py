"""The debug console's shared registry: the same commands in every frontend, changes made
through the engine's commands, and the text frontend reaching it with a backquote."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.content.loader import load_content
from game.core.engine import Engine
from game.core.model import Campaign
from game.ui import console
from game.ui.services import CampaignInfo, Services
from game.ui.text.app import TextUI

FIXTURE = Path(__file__).parent / "pygame" / "fixture"


@pytest.fixture(scope="module")
def testcamp() -> Campaign:
    content = load_content(paths=[FIXTURE])
    assert not content.errors, [str(d) for d in content.errors]
    return content.campaigns["testcamp"]


def test_every_command_has_usage_and_help() -> None:
    assert {"fire", "set", "flag", "why", "explain", "cards", "meters"} <= set(console.COMMANDS)
    lines = console.help_lines()
    assert len(lines) == len(console.COMMANDS)
    assert all(c.usage.startswith(c.name) for c in console.COMMANDS.values())


def test_registering_a_name_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        console.console_command("meters", "again")(lambda engine, args: console.Outcome([]))


def test_set_goes_through_the_engine_and_is_recorded(testcamp: Campaign) -> None:
    engine = Engine(testcamp, 4)
    out = console.run_line(engine, "set nerve 12")
    assert out.changed and engine.state.meters["nerve"] == 12
    assert not console.run_line(engine, "set nerve twelve").changed


def test_explain_is_the_cores_explanation(testcamp: Campaign) -> None:
    from game.core.explain import explain

    engine = Engine(testcamp, 4)
    assert console.run_line(engine, "explain speak").lines == explain(engine, "testcamp.speak")
    unknown = console.run_line(engine, "frobnicate")
    assert not unknown.changed and "unknown command" in unknown.lines[0] and "explain CARD" in unknown.lines[1]


def test_the_text_frontend_runs_console_lines(testcamp: Campaign) -> None:
    def new_game(campaign: str, seed: int) -> Engine:
        return Engine(testcamp, seed)

    services = Services([CampaignInfo("testcamp", "Test", "Tester", "")], new_game)
    out = io.StringIO()
    ui = TextUI(services, io.StringIO("`set nerve 13\n`meters\nq\n"), out, color=False, width=80)
    ui.run("testcamp", 5)
    text = out.getvalue()
    assert "done: set nerve 13" in text and "nerve = 13" in text
