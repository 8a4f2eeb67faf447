"""Three small defects, each measured where the player meets it: the seed prompt and its error
come from the one seed rule; ``--saves DIR`` keeps settings.json in DIR, never in the folder
above it, and the saves list never mistakes it for a save; a mod folder without mod.yaml is
warned about once when playing."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.cli.main import main
from game.cli.settings import settings_path
from game.cli.wiring import make_services
from game.persist.errors import SaveError
from game.persist.store import SaveStore
from game.ui.session import SEED_MAX, SEED_MIN, SEED_PROMPT, SEED_RULE, GameSession, read_seed
from tests.persist.conftest import saga_content as saga_content

# --- the seed rule --------------------------------------------------------------------------


@given(st.integers(min_value=-5, max_value=10**19))
def test_a_typed_seed_is_taken_exactly_when_the_rule_allows_it(n: int) -> None:
    allowed = SEED_MIN <= n <= SEED_MAX
    for typed in (str(n), n):
        if allowed:
            assert read_seed(typed) == n
        else:
            with pytest.raises(ValueError) as caught:
                read_seed(typed)
            assert SEED_RULE in str(caught.value)


def test_the_prompt_and_the_error_state_the_rule_itself() -> None:
    assert str(SEED_MIN) in SEED_RULE and str(SEED_MAX) in SEED_RULE
    assert str(SEED_MIN) in SEED_PROMPT and str(SEED_MAX) in SEED_PROMPT
    assert "18" not in SEED_PROMPT + SEED_RULE  # the old, wrong digit count


def test_the_text_frontend_asks_with_the_rule_and_refuses_a_seed_outside_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    too_big = str(SEED_MAX + 1)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"1\n1\n{too_big}\n0\n77\n" + "q\n" * 4))
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert main(["play", "--ui", "text", "--plain", "--saves", str(tmp_path)]) == 0
    text = out.getvalue()
    assert SEED_PROMPT in text
    assert text.count(f"A seed is {SEED_RULE}") == 2, text  # the 10-digit seed and 0, each refused
    assert "(seed 77" in text  # and the third answer started the game


@pytest.mark.parametrize("bad", ["0", str(SEED_MAX + 1), "-3", "x"])
def test_the_command_line_seed_follows_the_same_rule(bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["play", "--ui", "text", f"--seed={bad}"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--seed" in err and (SEED_RULE in err or "invalid" in err)


# --- where the settings live ----------------------------------------------------------------


def test_saves_dot_keeps_the_settings_in_that_folder_not_above_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, saga_content
) -> None:  # type: ignore[no-untyped-def]
    here = tmp_path / "game"
    here.mkdir()
    monkeypatch.chdir(here)
    args = argparse.Namespace(mod=[], saves=".")
    assert settings_path(args) == here / "settings.json"
    services = make_services(saga_content, args)
    assert services.save_settings is not None and services.load_settings is not None
    services.save_settings({"tcod_font_size": 20})
    assert json.loads((here / "settings.json").read_text()) == {"tcod_font_size": 20}
    assert not (tmp_path / "settings.json").exists(), "written in the parent of the saves folder"
    assert services.load_settings() == {"tcod_font_size": 20}
    # The saves beside it: settings.json is not a save, and no save may take its name.
    session = GameSession(services)
    session.new_game("saga", 5)
    assert session.engine is not None
    store = SaveStore(saga_content, here)
    store.save(session.engine, "mine")
    assert [e.name for e in store.entries()] == ["mine"]
    for name in ("settings", "Settings", "settings.json"):
        with pytest.raises(SaveError, match="not 'settings'"):
            store.path_for(name)
    assert json.loads((here / "settings.json").read_text()) == {"tcod_font_size": 20}


# --- a mod without mod.yaml -----------------------------------------------------------------


def test_a_mod_without_a_manifest_is_warned_about_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    mod = tmp_path / "loose"
    mod.mkdir()
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["play", "--ui", "text", "--plain", "--mod", str(mod), "--saves", str(tmp_path / "s")]) == 0
    err = capsys.readouterr().err
    assert err.count("has no mod.yaml") == 1, err
