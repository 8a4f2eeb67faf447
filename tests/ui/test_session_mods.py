"""The title screen's Mods list, through the session without a frontend and through the text
frontend: every mod installed (the user mod folder) and given (--mod), the resolved order and
what went wrong, switched on and off in the store `divergence mods enable|disable` uses, and
the content reloaded at once (issue 11 item 3)."""

from __future__ import annotations

import argparse
import io
import shutil
from pathlib import Path

import attrs
import pytest

from game import cli
from game.cli.wiring import load_for_play, make_services
from game.content import mods as mods_mod
from game.ui import screens
from game.ui.services import Services, UserError
from game.ui.session import GameSession
from game.ui.text.app import TextUI

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "mods" / "ordzhonikidze"


@pytest.fixture
def user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user mod folder with the example mod, a mod with a broken manifest and one whose
    dependency is missing."""
    folder = tmp_path / "user_mods"
    monkeypatch.setenv(mods_mod.MODS_ENV, str(folder))
    monkeypatch.delenv("DIVERGENCE_NO_USER_MODS", raising=False)
    shutil.copytree(EXAMPLE, folder / "ordzhonikidze")
    (folder / "broken").mkdir()
    (folder / "broken" / "mod.yaml").write_text("id: Not An Id\nname: x\nversion: '1'\n", encoding="utf-8")
    (folder / "needy").mkdir()
    (folder / "needy" / "mod.yaml").write_text(
        'id: needy\nname: "Needy"\nversion: "1.0"\nrequires: {ghost: ">=1"}\n', encoding="utf-8"
    )
    return folder


@pytest.fixture
def given(tmp_path: Path) -> Path:
    assert cli.main(["new-mod", "Given Mod", "--dir", str(tmp_path / "given")]) == 0
    return tmp_path / "given" / "given_mod"


def make_session(tmp_path: Path, given: Path) -> GameSession:
    content = load_for_play([str(given)])
    args = argparse.Namespace(mod=[str(given)], saves=str(tmp_path / "saves"))
    return GameSession(make_services(content, args))


def by_id(session: GameSession) -> dict[str, object]:
    info, problem = session.mods()
    assert info is not None and problem is None
    return {m.id or m.folder: m for m in info.mods}


def campaign_cards(session: GameSession) -> set[str]:
    step = session.new_game("bukharin", 7)
    assert not step.failed
    assert session.engine is not None
    cards = set(session.engine.campaign.cards)
    session.quit_to_title()
    session.suspended = None
    return cards


def test_the_list_shows_every_mod_its_place_and_what_went_wrong(user: Path, given: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path, given)
    info, _ = session.mods()
    assert info is not None
    assert info.folder == str(user)
    assert info.order == ("base", "given_mod 0.1.0", "ordzhonikidze 1.0.0")
    mods = by_id(session)
    assert [m.origin for m in info.mods] == ["given", "user", "user", "user"]  # --mod first, then by folder
    g, o, n = mods["given_mod"], mods["ordzhonikidze"], mods["needy"]
    assert (g.position, g.can_toggle) == (1, False)  # type: ignore[attr-defined]
    assert (o.position, o.enabled, o.can_toggle, o.problem) == (2, True, True, "")  # type: ignore[attr-defined]
    assert n.position is None and "needs the mod 'ghost'" in n.problem  # type: ignore[attr-defined]
    broken = next(m for m in info.mods if m.folder.endswith("broken"))
    assert broken.id == "" and not broken.can_toggle and "manifest has errors" in broken.problem
    assert any("error" in note for note in broken.notes)  # the manifest's own message, with its file
    text = screens.mods_doc(info).text()
    assert "Load order: base → given_mod 0.1.0 → ordzhonikidze 1.0.0" in text
    assert "Sergo Lives 1.0.0 · on, loaded 2nd" in text and "given with --mod, loaded 1st" in text
    assert "not loaded: it needs the mod 'ghost'" in text


def test_switching_a_mod_writes_the_cli_store_and_reloads_the_content(user: Path, given: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path, given)
    assert any(c.startswith("ordzhonikidze.") for c in campaign_cards(session))
    step, problems = session.toggle_mod("ordzhonikidze")
    assert not step.failed and "Sergo Lives disabled." in step.text and "Content reloaded" in step.text
    assert problems == []
    assert mods_mod.disabled_mods() == {"ordzhonikidze"}  # the CLI's store
    assert by_id(session)["ordzhonikidze"].enabled is False  # type: ignore[attr-defined]
    assert not any(c.startswith("ordzhonikidze.") for c in campaign_cards(session))  # new games have it no more
    info, _ = session.mods()
    assert info is not None and info.order == ("base", "given_mod 0.1.0")
    # the CLI and the screen read and write the same store
    assert cli.main(["mods", "enable", "ordzhonikidze"]) == 0
    assert by_id(session)["ordzhonikidze"].enabled is True  # type: ignore[attr-defined]
    step, _ = session.toggle_mod("ordzhonikidze")
    assert "disabled" in step.text
    step, _ = session.toggle_mod("ordzhonikidze")
    assert "Sergo Lives enabled." in step.text and mods_mod.disabled_mods() == set()
    assert any(c.startswith("ordzhonikidze.") for c in campaign_cards(session))


def test_what_cannot_be_switched_says_why_and_changes_nothing(user: Path, given: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path, given)
    for mod_id, words in (("given_mod", "given with --mod"), ("nobody", "There is no mod")):
        step, _ = session.toggle_mod(mod_id)
        assert step.show == "same" and step.notes[0].tone == "hint" and words in step.text
    assert not (user / "mods.json").exists()
    session.new_game("bukharin", 3)
    step, _ = session.toggle_mod("ordzhonikidze")
    assert "from the title screen" in step.text and not (user / "mods.json").exists()


def test_a_game_left_on_the_title_is_saved_first_and_never_lost(user: Path, given: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path, given)
    session.new_game("bukharin", 11)
    session.choose(0)
    session.quit_to_title()
    assert session.suspended is not None
    broken = attrs.evolve(session.services, autosave=_fail)
    stuck = GameSession(broken)
    stuck.suspended = session.suspended
    step, _ = stuck.toggle_mod("ordzhonikidze")
    assert step.failed and stuck.suspended is not None and not (user / "mods.json").exists()
    step, _ = session.toggle_mod("ordzhonikidze")
    assert not step.failed and session.suspended is None and "load it to play on" in step.text
    assert list((tmp_path / "saves").glob("autosave-*.json"))


def test_a_store_that_cannot_be_written_is_said(user: Path, given: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path, given)
    session.services = attrs.evolve(session.services, set_mod_enabled=_refuse)
    step, _ = session.toggle_mod("ordzhonikidze")
    assert step.failed and "Not changed: read-only" in step.text
    plain = GameSession(Services([], lambda _c, _s: None))  # type: ignore[arg-type,return-value]
    info, note = plain.mods()
    assert info is None and note is not None and note.tone == "hint"


def test_the_text_frontend_title_has_mods(user: Path, given: Path, tmp_path: Path) -> None:
    session = make_session(tmp_path, given)
    out = io.StringIO()
    ui = TextUI(session.services, io.StringIO("4\n1\n9\nx\n4\nb\nq\n"), out, color=False, width=100)
    assert ui.run() == 0
    text = out.getvalue()
    assert "  4  Mods" in text
    assert "Load order: base → given_mod 0.1.0 → ordzhonikidze 1.0.0" in text
    assert "Given Mod cannot be switched" not in text  # 1 has no number to take: it is answered with a hint
    assert "Type a mod's number (3, 4) to switch it on or off, or b." in text
    assert "Sergo Lives disabled." in text and "Sergo Lives 1.0.0 · off" in text
    assert mods_mod.disabled_mods() == {"ordzhonikidze"}
    assert text.rstrip().endswith("Goodbye.")


def _fail(_engine: object) -> str:
    raise UserError("the disk is full")


def _refuse(_id: str, _on: bool) -> None:
    raise UserError("read-only")


def test_a_session_without_user_mods_says_so(given: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIVERGENCE_NO_USER_MODS", "1")
    session = make_session(tmp_path, given)
    info, _ = session.mods()
    assert info is not None and info.folder == "" and [m.id for m in info.mods] == ["given_mod"]
    assert "User mods are off in this session." in screens.mods_doc(info).text()


def test_the_empty_mods_screen_shows_no_markup_to_the_player() -> None:
    from game.ui import screens
    from game.ui.services import ModsInfo

    doc = screens.mods_doc(ModsInfo(folder="/home/p/mods", mods=(), order=("base",)))
    words = " ".join(block.text for block in doc.blocks)
    assert "new-mod NAME" in words
    assert "`" not in words, words
