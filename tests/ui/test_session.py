"""The game session, tested once, without any frontend: new game and its seed rule, choose
and autosave, save and load, content changed, fork, undo and ironman, quit, close, F5.

Every frontend runs these same flows (game.ui.session), so what is proved here holds for
text, tcod and pygame alike.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from game.cli.wiring import make_services
from game.content.loader import Content, Source, load_content
from game.core.engine import Engine
from game.persist.digest import state_hash
from game.persist.reader import read_save
from game.ui.services import CampaignInfo, Services
from game.ui.session import SEED_MAX, SEED_MIN, GameSession, Step, random_seed, read_seed
from tests.persist.conftest import SAGA, load_saga
from tests.persist.conftest import saga_content as saga_content

SHOWS = {"title", "intro", "decision", "reports", "ending", "confirm", "same"}


def services_for(content: Content, saves: Path) -> Services:
    return make_services(content, argparse.Namespace(mod=[], saves=str(saves)))


@pytest.fixture
def session(saga_content: Content, tmp_path: Path) -> GameSession:
    return GameSession(services_for(saga_content, tmp_path / "saves"))


def first_open(s: GameSession) -> int:
    decision = s.view().decision
    assert decision is not None
    return next(i for i, c in enumerate(decision.choices) if c.available)


def play_on(s: GameSession, n: int, pick: int = 0) -> list[Step]:
    """n decisions, each the pick-th open choice (wrapping)."""
    steps = []
    for _ in range(n):
        if s.engine is None or s.engine.is_over:
            break
        decision = s.view().decision
        assert decision is not None
        open_ = [i for i, c in enumerate(decision.choices) if c.available]
        steps.append(s.choose(open_[pick % len(open_)]))
    return steps


def autosaves(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("autosave-*.json"))


# --- new game -----------------------------------------------------------------------------


def test_one_seed_rule(session: GameSession) -> None:
    seeds = {random_seed() for _ in range(200)}
    assert all(SEED_MIN <= s <= SEED_MAX for s in seeds) and len(seeds) > 150
    assert read_seed("") is None and read_seed(None) is None and read_seed("  42 ") == 42 and read_seed(7) == 7
    for bad in ("abc", "-1", "1.5", "²", "9" * 19):
        with pytest.raises(ValueError, match="whole number"):
            read_seed(bad)
    step = session.new_game("saga", "12x")
    assert step.show == "same" and step.notes[0].tone == "hint" and session.engine is None
    assert session.new_game("saga").show in ("intro", "decision", "reports")
    assert session.engine is not None and SEED_MIN <= session.engine.state.seed <= SEED_MAX


def test_the_same_seed_gives_the_same_game(saga_content: Content, tmp_path: Path) -> None:
    a, b = (GameSession(services_for(saga_content, tmp_path / n)) for n in "ab")
    a.new_game("saga", "4242")
    b.new_game("saga", 4242)
    play_on(a, 12, 1)
    play_on(b, 12, 1)
    assert a.engine is not None and b.engine is not None
    assert state_hash(a.engine.state) == state_hash(b.engine.state)


def test_a_campaign_start_is_a_new_game_key(tmp_path: Path) -> None:
    content = load_content()
    s = GameSession(services_for(content, tmp_path))
    keys = [c.id for c in s.campaigns()]
    started = [k for k in keys if ":" in k]
    assert started, keys
    campaign, start = started[-1].split(":")
    assert s.new_game(started[-1], 5).show in ("intro", "decision", "reports")
    assert s.engine is not None and s.engine.state.campaign == campaign and s.engine.state.start == start


def test_an_unknown_campaign_is_said_and_nothing_starts(session: GameSession) -> None:
    step = session.new_game("nosuch", 3)
    assert step.show == "same" and step.failed and "Cannot start" in step.text and session.engine is None


# --- choosing -----------------------------------------------------------------------------


def test_choose_refuses_bad_input_with_a_hint_and_changes_nothing(session: GameSession) -> None:
    session.new_game("saga", 8)
    assert session.engine is not None
    before = state_hash(session.engine.state)
    n = len(session.view().decision.choices)  # type: ignore[union-attr]
    for bad in (-1, n, 99):
        step = session.choose(bad)
        assert step.show == "same" and step.notes[0].tone == "hint" and f"Choose 1 to {n}" in step.text
    assert state_hash(session.engine.state) == before and not session.engine.commands


def test_autosave_when_the_turn_changes_and_at_the_end(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 31)
    engine = session.engine
    assert engine is not None
    folder = tmp_path / "saves"
    turns = 0
    while len(engine.commands) < 30:
        turn, before = engine.state.turn, [p.name for p in autosaves(folder)]
        session.choose(first_open(session))
        if engine.state.turn == turn:
            assert [p.name for p in autosaves(folder)] == before, "no autosave within a turn"
        else:
            turns += 1
            newest = read_save(max(autosaves(folder), key=lambda p: p.stat().st_mtime_ns))
            assert len(newest.commands) == len(engine.commands), "a new turn autosaves"
    assert turns >= 3
    session.console("set doom 100")
    while not engine.is_over:
        session.choose(first_open(session))
    assert session.screen() == "ending"
    newest = read_save(max(autosaves(folder), key=lambda p: p.stat().st_mtime_ns))
    assert newest.final.state.ending == engine.state.ending == "ruined"


def test_the_view_is_built_once_per_decision(session: GameSession) -> None:
    session.new_game("saga", 2)
    assert session.view() is session.view()
    first = session.view()
    play_on(session, 1)
    assert session.view() is not first


# --- undo and ironman ---------------------------------------------------------------------


def test_undo_takes_back_decisions_one_by_one_to_the_start(session: GameSession) -> None:
    session.new_game("saga", 77)
    engine = session.engine
    assert engine is not None
    hashes = [state_hash(engine.state)]
    for _ in range(8):
        play_on(session, 1, 1)
        assert session.engine is not None
        hashes.append(state_hash(session.engine.state))
    for back in range(8, 0, -1):
        assert session.can_undo()
        step = session.undo()
        assert step.show == "decision" and step.text.startswith("Taken back"), step
        assert session.engine is not None and len(session.engine.commands) == back - 1
        assert state_hash(session.engine.state) == hashes[back - 1]
    step = session.undo()
    assert step.show == "same" and "start of the game" in step.text and not session.can_undo()


def test_undo_then_the_same_choice_gives_the_same_dice(session: GameSession) -> None:
    session.new_game("saga", 5150)
    play_on(session, 10, 2)
    engine = session.engine
    assert engine is not None
    original, last = state_hash(engine.state), engine.commands[-1]
    session.undo()
    assert session.engine is not None and session.engine is not engine
    session.engine.apply(last)
    assert state_hash(session.engine.state) == original


def test_an_undone_decision_leaves_the_save_as_if_it_never_happened(
    session: GameSession, saga_content: Content, tmp_path: Path
) -> None:
    session.new_game("saga", 606)
    play_on(session, 9, 1)
    assert session.engine is not None
    kept = list(session.engine.commands[:8])
    session.undo()
    step = session.save("after undo")
    assert not step.failed, step
    save = read_save(tmp_path / "saves" / "after undo.json")
    assert [s.command for s in save.commands] == kept
    # the same game played to 8 decisions and never further, saved: the same record
    other = GameSession(services_for(saga_content, tmp_path / "other"))
    other.new_game("saga", 606)
    for c in kept:
        assert other.engine is not None
        other.engine.apply(c)
    other.save("after undo")
    twin = read_save(tmp_path / "other" / "after undo.json")
    assert save.commands == twin.commands and save.keyframes == twin.keyframes
    # the newest autosave holds the game without the undone decision
    newest = read_save(max(autosaves(tmp_path / "saves"), key=lambda p: p.stat().st_mtime_ns))
    assert [s.command for s in newest.commands] == kept


def test_ironman_turns_undo_off(session: GameSession) -> None:
    session.new_game("saga", 11, ironman=True)
    play_on(session, 3)
    assert session.ironman and not session.can_undo()
    step = session.undo()
    assert step.show == "same" and "ironman" in step.text and len(session.engine.commands) == 3  # type: ignore[union-attr]


def test_ironman_is_kept_in_the_save_and_holds_after_loading_and_forking(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 12, ironman=True)
    play_on(session, 6)
    assert not session.save("iron").failed
    path = tmp_path / "saves" / "iron.json"
    assert read_save(path).ironman
    again = GameSession(session.services)
    assert again.load(str(path)).show != "same"
    assert again.ironman and not again.can_undo() and "ironman" in again.undo().text
    control, _step = again.replay(str(path))
    assert control is not None
    control.goto(2)
    assert not again.fork(control).failed and again.ironman
    plain = GameSession(session.services)
    plain.new_game("saga", 12)
    play_on(plain, 1)
    plain.save("plain")
    assert not read_save(tmp_path / "saves" / "plain.json").ironman


def test_undo_without_a_record_service_says_so() -> None:
    camp = load_saga().campaigns["saga"]
    services = Services([CampaignInfo("saga", "Saga", "Scribe", "")], lambda key, seed: Engine(camp, seed))
    s = GameSession(services)
    s.new_game("saga", 1)
    play_on(s, 1)
    step = s.undo()
    assert step.show == "same" and "not available" in step.text


# --- saves --------------------------------------------------------------------------------


def test_save_load_save_is_identical(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 2024)
    play_on(session, 23, 1)
    assert not session.save("first").failed
    loaded = GameSession(session.services)
    step = loaded.load(str(tmp_path / "saves" / "first.json"))
    assert step.show in ("decision", "reports", "ending") and not step.failed, step
    assert not loaded.save("second").failed
    a = json.loads((tmp_path / "saves" / "first.json").read_text())
    b = json.loads((tmp_path / "saves" / "second.json").read_text())
    for doc in (a, b):
        doc.pop("name"), doc.pop("checksum", None)
    assert a == b


def test_a_failed_save_or_load_says_why_and_keeps_the_game(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 3)
    play_on(session, 2)
    engine = session.engine
    for bad in ("../escape", "autosave-000001", "x" * 80):
        step = session.save(bad)
        assert step.show == "same" and step.failed and step.text.startswith("Not saved")
    (tmp_path / "saves").mkdir(exist_ok=True)
    (tmp_path / "saves" / "broken.json").write_text("{not json")
    step = session.load(str(tmp_path / "saves" / "broken.json"))
    assert step.show == "same" and step.failed and step.text.startswith("Cannot load")
    assert session.engine is engine and len(engine.commands) == 2  # type: ignore[union-attr]
    assert session.load(str(tmp_path / "nosuch.json")).failed


def test_loading_says_which_mods_changed(tmp_path: Path) -> None:
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "extra.yaml").write_text("characters: []\n")
    then = load_content([SAGA], mods=[Source("extra", mod, "1.0")])
    s = GameSession(services_for(then, tmp_path / "saves"))
    s.new_game("saga", 9)
    play_on(s, 3)
    s.save("modded")
    now = load_content([SAGA], mods=[Source("extra", mod, "2.0")])
    later = GameSession(services_for(now, tmp_path / "saves"))
    step = later.load(str(tmp_path / "saves" / "modded.json"))
    assert "mod extra was 1.0 when this game was saved and is 2.0 now" in step.text, step
    assert later.engine is not None and len(later.engine.commands) == 3


def test_content_changed_asks_then_continues_or_stops(changed) -> None:  # type: ignore[no-untyped-def]
    services, path, _saves = changed
    s = GameSession(services)
    step = s.load(str(path))
    assert step.show == "confirm" and s.pending is not None and "diverges at decision" in str(s.pending)
    assert s.engine is None
    stop = s.cancel_load()
    assert stop.show == "same" and "unchanged" in stop.text and s.pending is None and s.engine is None
    s.load(str(path))
    go = s.continue_from_snapshot()
    assert go.show in ("decision", "reports") and "Continuing from the state stored" in go.text
    assert s.engine is not None and s.engine.state == read_save(path).final.state
    assert s.continue_from_snapshot().notes[0].tone == "hint"


def test_fork_from_a_replay_of_an_autosave(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 88)
    play_on(session, 14)
    session.quit_to_title()
    saves, note = session.saves()
    assert note is None and saves
    auto = next(s for s in saves if s.name.startswith("autosave-"))
    control, step = session.replay(auto.path)
    assert control is not None and not step.failed
    control.goto(3)
    step = session.fork(control)
    assert not step.failed and step.text.startswith("Forked: saved as saga-fork-t"), step
    assert session.engine is not None and len(session.engine.commands) == 3
    forked = read_save(tmp_path / "saves" / (step.text.removeprefix("Forked: saved as ").rstrip(".") + ".json"))
    assert forked.parent is not None and forked.parent.step == 3


def test_quit_to_title_autosaves_and_resume_goes_on(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 13)
    play_on(session, 4)
    engine = session.engine
    step = session.quit_to_title()
    assert step.show == "title" and session.engine is None and session.suspended is engine
    newest = read_save(max(autosaves(tmp_path / "saves"), key=lambda p: p.stat().st_mtime_ns))
    assert len(newest.commands) == 4
    assert session.resume().show in ("decision", "reports") and session.engine is engine
    assert session.resume().notes[0].tone == "hint"


def test_closing_autosaves(session: GameSession, tmp_path: Path) -> None:
    session.new_game("saga", 14)
    play_on(session, 2)
    session.save("named")  # not an autosave
    play_on(session, 1)
    assert not session.close().failed
    newest = read_save(max(autosaves(tmp_path / "saves"), key=lambda p: p.stat().st_mtime_ns))
    assert len(newest.commands) == 3


def test_f5_keeps_a_game_whose_campaign_is_not_in_the_reloaded_content(session: GameSession) -> None:
    session.new_game("saga", 15)
    play_on(session, 2)
    engine = session.engine
    step, problems, kept = session.reload()
    assert kept and session.engine is engine and step.failed and any("saga" in p for p in problems)


def test_f5_on_the_title_screen_reloads_the_campaign_list(tmp_path: Path) -> None:
    services = services_for(load_saga(), tmp_path)
    s = GameSession(services)
    assert [c.id for c in s.campaigns()] == ["saga"]
    step, problems, _kept = s.reload()  # the game's own content, from disk
    assert not problems and not step.failed, problems
    assert "saga" not in [c.id for c in s.campaigns()] and s.campaigns()


def test_the_console_changes_the_game_through_commands(session: GameSession) -> None:
    session.new_game("saga", 16)
    lines, step = session.console("meters")
    assert lines and step.show == "same"
    lines, step = session.console("set gold 99")
    assert step.show in ("decision", "reports", "ending") and session.engine.commands  # type: ignore[union-attr]
    assert session.undo().text.startswith("Taken back")  # a debug command is taken back like any


# --- random sequences ---------------------------------------------------------------------

ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("choose"), st.integers(-1, 5)),
        st.tuples(st.just("undo"), st.none()),
        st.tuples(st.just("save"), st.sampled_from(["", "slot", "../bad", "slot"])),
        st.tuples(st.just("load"), st.integers(0, 4)),
        st.tuples(st.just("title"), st.none()),
        st.tuples(st.just("resume"), st.none()),
        st.tuples(st.just("new"), st.sampled_from([None, "1", "x", "nosuch"])),
        st.tuples(st.just("proceed"), st.none()),
        st.tuples(st.just("console"), st.sampled_from(["meters", "set gold 3", "fire saga.visitor", "nonsense"])),
        st.tuples(st.just("fork"), st.integers(0, 30)),
    ),
    max_size=40,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actions=ACTIONS, seed=st.integers(1, 10**6))
def test_random_sequences_of_session_actions_never_crash(
    saga_content: Content, tmp_path_factory: pytest.TempPathFactory, actions: list, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("saves")
    s = GameSession(services_for(saga_content, folder))
    s.new_game("saga", seed)
    for action, arg in actions:
        if action == "choose":
            step = s.choose(arg) if s.engine is not None else s.proceed()
        elif action == "undo":
            step = s.undo()
        elif action == "save":
            step = s.save(arg)
        elif action == "load":
            saves, _ = s.saves()
            step = s.load(saves[arg % len(saves)].path) if saves else s.proceed()
            if step.show == "confirm":
                step = s.cancel_load()
        elif action == "title":
            step = s.quit_to_title()
        elif action == "resume":
            step = s.resume()
        elif action == "new":
            step = s.new_game("saga" if arg != "nosuch" else arg, arg if arg != "nosuch" else None)
        elif action == "proceed":
            step = s.proceed()
        elif action == "console":
            _lines, step = s.console(arg)
        else:
            saves, _ = s.saves()
            control, step = s.replay(saves[0].path) if saves else (None, s.proceed())
            if control is not None:
                control.goto(arg)
                step = s.fork(control)
        assert step.show in SHOWS
        if s.engine is not None:
            assert step.show != "title"
            # the game in progress is always its seed and its commands (or its record's start)
            assert s.view().turn == s.engine.state.turn
    s.close()
    if s.engine is not None and s.engine.commands and not s.save("final").failed:
        again = GameSession(s.services)
        assert again.load(str(folder / "final.json")).show != "same"
        assert again.engine is not None and state_hash(again.engine.state) == state_hash(s.engine.state)


def test_a_game_from_a_later_start_undoes_its_first_decision_and_records_from_its_start(tmp_path: Path) -> None:
    content = load_content()
    s = GameSession(services_for(content, tmp_path))
    key = next(c.id for c in s.campaigns() if c.id.endswith(":troika"))
    s.new_game(key, 42)
    assert s.engine is not None
    first = state_hash(s.engine.state)
    s.choose(first_open(s))
    assert s.undo().text.startswith("Taken back"), "the first decision can be taken back"
    assert s.engine is not None and not s.engine.commands and state_hash(s.engine.state) == first
    s.choose(first_open(s))
    s.save("troika")
    save = read_save(tmp_path / "troika.json")
    assert save.start is None and len(save.commands) == 1  # replayed from the seed and the start


def test_new_game_titles_name_each_start_once() -> None:
    content = load_content()
    titles = [c.title for c in GameSession(services_for(content, Path("unused"))).campaigns()]
    assert all(t.count(":") == 0 for t in titles), titles
    assert any(t.startswith("The Troika (") for t in titles), titles
