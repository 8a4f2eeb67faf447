"""Accessibility of the text frontend: NO_COLOR as no-color.org says, and ``--plain``, which
writes no escape sequence at all even on a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli.main import main
from game.ui.text.app import wants_color


class FakeTerminal(io.StringIO):
    """Captured output that says it is a terminal, as a real one would."""

    def isatty(self) -> bool:
        return True


def test_no_color_unset_or_empty_keeps_colour_and_any_value_turns_it_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert wants_color(FakeTerminal())
    assert not wants_color(io.StringIO())  # a pipe never gets colour
    monkeypatch.setenv("NO_COLOR", "")
    assert wants_color(FakeTerminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_color(FakeTerminal())


def play(monkeypatch: pytest.MonkeyPatch, saves: Path, *extra: str) -> str:
    out = FakeTerminal()
    monkeypatch.setattr("sys.stdin", io.StringIO("1\n" * 5 + "q\nq\n"))
    monkeypatch.setattr("sys.stdout", out)
    status = main(["play", "--as", "bukharin", "--ui", "text", "--seed", "3", "--saves", str(saves), *extra])
    assert status == 0
    return out.getvalue()


def test_plain_writes_no_escape_sequence_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = play(monkeypatch, tmp_path / "a")
    assert "\033[" in coloured  # the same terminal gets colour without --plain
    plain = play(monkeypatch, tmp_path / "b", "--plain")
    assert "\033" not in plain
    assert "Goodbye." in plain
