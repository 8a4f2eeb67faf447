"""The CLI never drops content without a word (issue 9 item 5, modding review D4)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from game import cli
from game.cli import wiring
from game.cli.errors import CliError
from game.content.loader import default_content_dir

BROKEN = """cards:
  - id: bukharin.tutorial_bug
    kind: event
    campaign: bukharin
    title: "Broken"
    when: {meter: {suspicion: 3}}
    options: [{id: a, text: A}]
"""


def broken_mod(tmp_path: Path) -> Path:
    root = tmp_path / "tut_bug"
    root.mkdir()
    (root / "mod.yaml").write_text('id: tut_bug\nname: "Bug"\nversion: "1.0"\n')
    (root / "cards.yaml").write_text(BROKEN)
    return root


def test_simulate_refuses_a_deck_with_errors_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = cli.main(["simulate", "bukharin", "--runs", "2", "-q", "--mod", str(broken_mod(tmp_path))])
    assert status == 2
    err = capsys.readouterr().err
    assert "tut_bug/cards.yaml:6:" in err and "divergence validate" in err


def test_play_says_what_was_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    content = wiring.load_for_play([str(broken_mod(tmp_path))])
    assert "bukharin.tutorial_bug" not in content.campaigns["bukharin"].cards
    text = err.getvalue()
    assert "1 error(s)" in text and "tut_bug/cards.yaml:6:" in text and "divergence validate" in text


def test_a_mod_that_is_a_file_or_the_content_folder_is_named_as_such(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("cards: []\n")
    with pytest.raises(CliError, match="this is a file; a mod is a folder"):
        wiring.mod_sources([str(tmp_path / "m.yaml")])
    with pytest.raises(CliError, match="the game's own content folder"):
        wiring.mod_sources([str(default_content_dir())])
