"""The text frontend driven end to end through a pipe, as a script or a screen reader would."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from game.content.loader import Content
from game.core.engine import Engine
from game.ui.services import CampaignInfo, Services
from game.ui.text.app import TextUI

ROOT = Path(__file__).resolve().parents[3]


def services_for(content: Content) -> Services:
    infos = [CampaignInfo(c.id, c.title, c.player, c.summary) for c in content.campaigns.values()]
    return Services(infos, lambda cid, seed: Engine(content.campaigns[cid], seed))


def test_piped_game_reaches_an_ending(mini_content: Content) -> None:
    out = io.StringIO()
    ui = TextUI(services_for(mini_content), io.StringIO("1\n" * 400), out, color=False, width=70)
    assert ui.run(campaign="mini", seed=5) == 0
    text = out.getvalue()
    assert "A SMALL TEST" in text
    assert "THE END".lower() in text.lower()
    assert "Heat:" in text  # the meters are always in view
    assert "\033[" not in text  # no colour codes into a pipe
    assert all(len(line) <= 70 for line in text.splitlines())


def test_title_menu_help_chronicle_and_quit(mini_content: Content) -> None:
    keys = "3\n1\n1\n12\nc\nm\nh\nq\nq\n"
    out = io.StringIO()
    TextUI(services_for(mini_content), io.StringIO(keys), out, color=False).run()
    text = out.getvalue()
    assert "D I V E R G E N C E" in text
    assert "How to play" in text
    assert "The chronicle" in text
    assert ("Heat" in text and "█" in text) or "░" in text
    assert text.rstrip().endswith("Goodbye.")
    # q in a game goes back to the title screen; q there leaves
    assert "Game saved. Back to the title screen." in text
    assert text.count("D I V E R G E N C E") == 3  # at start, after the help, after leaving the game


def test_bad_input_is_answered_not_crashed(mini_content: Content) -> None:
    keys = "1\n1\n3\nfoo\n99\n-1\n\n1\nq\nq\n"
    out = io.StringIO()
    TextUI(services_for(mini_content), io.StringIO(keys), out, color=False).run()
    text = out.getvalue()
    assert "Type a number from 1 to" in text
    assert "Goodbye." in text


def test_end_of_input_quits_cleanly(mini_content: Content) -> None:
    out = io.StringIO()
    assert TextUI(services_for(mini_content), io.StringIO("1\n"), out, color=False).run() == 0
    assert "Goodbye." in out.getvalue()


def test_unavailable_option_is_explained(mini_content: Content) -> None:
    from game.core.commands import DebugFire

    out = io.StringIO()
    engine = Engine(mini_content.campaigns["mini"], 3)
    engine.apply(DebugFire("mini.letter"))
    ui = TextUI(services_for(mini_content), io.StringIO("3\nq\n"), out, color=False)
    ui.run(engine=engine)
    assert "That option is not open to you (needs: Luck at least 5)." in out.getvalue()


def test_the_real_command_plays_the_shipped_game_to_an_ending_through_a_pipe(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "--as",
            "bukharin",
            "--ui",
            "text",
            "--seed",
            "3",
            "--saves",
            str(saves),
        ],
        input="1\n" * 3000,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "What really happened" in result.stdout or "THE END" in result.stdout.upper()
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in saves.glob("autosave-*.json"))  # autosaves went where asked
