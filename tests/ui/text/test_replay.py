"""The text replay viewer and the text frontend's save/load keys, wired as the CLI wires them."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from game.cli.saves import UiReplay
from game.cli.wiring import make_services
from game.persist.reader import read_save
from game.persist.replay import Replay
from game.persist.store import SaveStore
from game.ui.services import UserError
from game.ui.text.app import TextUI
from game.ui.text.replay import ReplayViewer
from tests.persist.conftest import load_saga, play


def _store(tmp_path: Path) -> tuple[SaveStore, Path]:
    content = load_saga()
    store = SaveStore(content, tmp_path)
    path = store.save(play(content.campaigns["saga"], 8, 80), "watched")
    return store, path


def test_the_viewer_steps_jumps_shows_dice_and_forks(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    control = UiReplay(store, Replay(store.content, read_save(path)))
    out = io.StringIO()
    viewer = ReplayViewer(
        control, io.StringIO("n\nn\nb\nj 1900-06\nj 12\ne\nj nonsense\n0\nj 5\nf\n"), out, color=False, width=100
    )
    forked = viewer.run()
    text = out.getvalue()
    assert "Replay · decision 0/80" in text and "decision 2/80" in text and "decision 80/80" in text
    assert "June 1900" in text and "neither a turn number nor a date" in text
    assert "dice: rolled" in text and "->" in text
    assert forked is not None and control.fork_path is not None and control.fork_path.exists()
    branch = read_save(control.fork_path)
    assert branch.parent is not None and branch.parent.save == "watched" and branch.parent.turn == 5
    assert forked.state.turn == 5


def test_the_text_frontend_saves_loads_and_autosaves(tmp_path: Path, monkeypatch) -> None:
    content = load_saga()
    monkeypatch.setenv("DIVERGENCE_AUTOSAVES", "2")
    args = argparse.Namespace(saves=str(tmp_path), mod=[])
    services = make_services(content, args)
    script = "1\n1\n7\n" + "1\n" * 12 + "s my game\n" + "1\n" * 3 + "q\n"
    out = io.StringIO()
    TextUI(services, io.StringIO(script), out, color=False).run()
    text = out.getvalue()
    assert "Saved as my game" in text
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "my game.json" in names
    autos = [n for n in names if n.startswith("autosave-")]
    assert len(autos) == 2  # rotated down to the last two
    # a new session: the title screen's load menu lists it and loads it
    out = io.StringIO()
    entries = services.list_saves()
    pick = [e.name for e in entries].index("my game") + 1
    TextUI(services, io.StringIO(f"2\n{pick}\nc\nq\n"), out, color=False).run()
    text = out.getvalue()
    assert "Saved games" in text and "my game" in text and "The chronicle" in text
    assert "Cannot load" not in text
    assert len(read_save(tmp_path / "my game.json").commands) == 12


def test_a_bare_date_or_turn_jumps_and_j_alone_asks_where(tmp_path: Path) -> None:
    store, path = _store(tmp_path)
    control = UiReplay(store, Replay(store.content, read_save(path)))
    out = io.StringIO()
    viewer = ReplayViewer(control, io.StringIO("1900-06\nj\n12\nq\n"), out, color=False, width=100)
    assert viewer.run() is None
    text = out.getvalue()
    assert "June 1900" in text
    assert "Jump to (a turn number, or a date like 1937-06): " in text
    assert "turn 12" in text
    assert "neither a turn number" not in text


def test_the_text_replays_fork_goes_through_the_session_and_plays_on(tmp_path: Path, monkeypatch) -> None:
    """``divergence replay SAVE --ui text``: f forks through GameSession.fork (saved as a branch,
    the session's note), the fork becomes the game in progress and is played on in the same
    frontend; a failed fork says why and stays in the viewer."""
    import sys

    from game.ui.text import app as text_app

    store, path = _store(tmp_path)
    services = make_services(store.content, argparse.Namespace(saves=str(tmp_path), mod=[]))
    control = UiReplay(store, Replay(store.content, read_save(path)))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.StringIO("j 5\nf\n1\nq\nq\n"))
    monkeypatch.setattr(sys, "stdout", out)
    assert text_app.run_replay(services, control, 0, "watched") == 0
    text = out.getvalue()
    assert f"Forked: saved as {control.forked_as()}." in text  # the session's wording, once
    assert "turn 5" in text and "Choose 1-" in text  # played on from the fork
    assert "Game saved. Back to the title screen." in text and text.rstrip().endswith("Goodbye.")
    assert control.fork_path is not None and read_save(control.fork_path).parent is not None

    def broken() -> None:
        raise UserError("the disk is full")

    control2 = UiReplay(store, Replay(store.content, read_save(path)))
    monkeypatch.setattr(control2, "fork", broken)
    out2 = io.StringIO()
    viewer = ReplayViewer(control2, io.StringIO("f\nq\n"), out2, color=False, services=services)
    assert viewer.run() is None
    assert "Cannot fork: the disk is full" in out2.getvalue() and viewer.ui.session.engine is None


def test_the_load_list_opens_a_replay_and_its_fork_is_played_on(tmp_path: Path) -> None:
    """Keyboard audit: the text frontend reaches the replay viewer from its load list (r N),
    as tcod's load screen does; a fork there is played on in the same session."""
    store, _path = _store(tmp_path)
    services = make_services(store.content, argparse.Namespace(saves=str(tmp_path), mod=[]))
    out = io.StringIO()
    TextUI(services, io.StringIO("2\nr 1\nj 5\nf\n1\nq\nq\n"), out, color=False).run()
    text = out.getvalue()
    assert "r N  Watch the replay of save N" in text
    assert "Replay · decision 9/80 · May 1900 · turn 5" in text and "Forked: saved as watched-fork-t5." in text
    assert "Choose 1-" in text and text.rstrip().endswith("Goodbye.")
