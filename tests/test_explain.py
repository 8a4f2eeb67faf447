"""`divergence explain` (issue 11 item 6): eligibility and why not, weight and chances with each
modifier and source, and which mods changed the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import cli
from game.content.loader import load_content
from game.core.engine import Engine
from game.core.explain import explain

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
MOD = Path(__file__).resolve().parents[1] / "mods" / "ordzhonikidze"


def test_explain_says_why_not_and_the_chances_with_their_modifiers() -> None:
    campaign = load_content([MINI]).campaigns["mini"]
    engine = Engine(campaign, 1)
    lines = "\n".join(explain(engine, "mini.summons"))
    assert "not eligible now" in lines and "its weight is 0 now" in lines
    lines = "\n".join(explain(engine, "mini.letter"))
    assert "eligible now" in lines and "option answer" in lines
    assert "base 0.5; source: tests" in lines
    assert "+0.2 if Heat at least 40 (does not apply now)" in lines and "= 50% now" in lines
    assert "[requires" in lines and "changed by mods: none" in lines
    engine.state.meters["heat"] = 50
    assert "+0.2 if Heat at least 40 (applies now)" in "\n".join(explain(engine, "mini.letter"))
    assert "= 70% now" in "\n".join(explain(engine, "mini.letter"))


def test_the_cli_names_the_mods_that_changed_a_card(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "bukharin.plenum_1937", "--mod", str(MOD)]) == 0
    out = capsys.readouterr().out
    assert "dated between 1937-02 and 1937-03" in out
    assert "-0.1 if “sergo speaks” has happened" in out  # an undescribed flag still reads as a sentence
    assert "set text by ordzhonikidze (" in out and "patches.yaml:4:5" in out
    assert cli.main(["explain", "bukharin.plenum_1973"]) == 2
    assert "did you mean 'bukharin.plenum_1937'" in capsys.readouterr().err


def test_the_debug_console_explains_too() -> None:
    from game.ui.pygame.console import run_command

    engine = Engine(load_content([MINI]).campaigns["mini"], 1)
    lines, changed = run_command(engine, "explain letter")
    assert not changed and lines == explain(engine, "mini.letter")
