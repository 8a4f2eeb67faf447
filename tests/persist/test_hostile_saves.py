"""Saves from a stranger, resealed with a recomputed checksum: each is refused with one
sentence naming the problem, through the real commands, and no file of the folder changes.

The checksum proves nothing about a save from someone else (anyone can recompute it), so
every snapshot is checked against the campaign's rules whatever the checksum says.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from game.persist.errors import SaveError
from game.persist.reader import parse, read_save
from game.persist.store import SaveStore, fork_name, valid_name
from tests.persist import test_bad_input
from tests.persist.conftest import load_saga
from tests.persist.test_bad_input import good_doc, resealed, run, snapshot

env = test_bad_input.env  # the saves folder with one good save (a fixture)

Doc = dict[str, Any]


def _final(doc: Doc) -> Doc:
    state: Doc = doc["keyframes"][-1]["state"]
    return state


def _as_start(edit: Callable[[Doc], None]) -> Callable[[Path], bytes]:
    """A save that starts from its own (edited) final snapshot with no decisions: it replays
    trivially, so without checks it would load without any question."""

    def make(saves: Path) -> bytes:
        doc = good_doc(saves)
        state = _final(doc)
        edit(state)
        doc["start"] = state
        doc["commands"] = []
        doc["keyframes"] = [{"step": 0, "state": state, "logs": None}]
        return resealed(doc)

    return make


def _set(**fields: Any) -> Callable[[Doc], None]:
    def edit(state: Doc) -> None:
        state.update(fields)

    return edit


def _meter(name: str, value: int) -> Callable[[Doc], None]:
    def edit(state: Doc) -> None:
        state["meters"][name] = value

    return edit


def _drop_character(state: Doc) -> None:
    state["characters"].pop("rival")


def _bad_status(state: Doc) -> None:
    state["characters"]["rival"] = {"status": "ascended"}


def _edit_doc(edit: Callable[[Doc], None]) -> Callable[[Path], bytes]:
    def make(saves: Path) -> bytes:
        doc = good_doc(saves)
        edit(doc)
        return resealed(doc)

    return make


def _step_date(value: str) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        doc["commands"][3]["date"] = value

    return edit


def _raw(text: str) -> Callable[[Path], bytes]:
    """A good save with one number replaced in its text (a checksum cannot even be computed)."""

    def make(saves: Path) -> bytes:
        data = (saves / "good.json").read_text()
        return data.replace('"seed": 4', f'"seed": {text}', 1).encode()

    return make


HOSTILE: dict[str, tuple[Callable[[Path], bytes], str]] = {
    "inf from 1e400": (_raw("1e400"), "out of range"),
    "a 5,000-digit integer": (_raw("9" * 5000), "digits"),
    "a 30-digit integer": (_raw("1" * 30), "digits"),
    "decision dated 1937-13": (_edit_doc(_step_date("1937-13")), "month 13"),
    "decision dated garbage": (_edit_doc(_step_date("garbage")), "YYYY-MM"),
    "event phase, no card": (
        _as_start(_set(phase="event", pending=[], hand=[], action="", ending="")),
        "none on the table",
    ),
    "action phase, no card": (
        _as_start(_set(phase="action", pending=[], hand=[], action="", ending="")),
        "none on the table",
    ),
    "blank phase": (_as_start(_set(phase="", ending="")), "phase ''"),
    "a character missing": (_as_start(_drop_character), "cast"),
    "an unknown status": (_as_start(_bad_status), "ascended"),
    "a meter at -1e9": (_as_start(_meter("doom", -1_000_000_000)), "outside 0-100"),
    "a meter above its max": (_as_start(_meter("gold", 51)), "outside 0-50"),
    "dated before the campaign": (_as_start(_set(date=-3)), "outside the campaign"),
    "dated after the campaign": (_as_start(_set(date=99_999)), "outside the campaign"),
    "turn 0": (_as_start(_set(turn=0)), "turn 0"),
    "over without an ending": (_as_start(_set(phase="over", ending="")), "without an ending"),
    "a world card among the events": (_as_start(_set(phase="event", pending=["saga.storm"], ending="")), "world card"),
    "an event card in the hand": (
        _as_start(_set(phase="hand", hand=["saga.letter"], pending=[], ending="")),
        "event card",
    ),
}


@pytest.mark.parametrize("command", ["load", "chronicle"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_resealed_impossible_save_is_refused(
    case: str,
    command: str,
    env: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    make, expected = HOSTILE[case]
    bad = env / "bad.json"
    bad.write_bytes(make(env))
    before = snapshot(env)
    if command == "load":
        argv = ["load", str(bad), "--ui", "text", "--saves", str(env), "--on-change", "snapshot"]
    else:
        argv = ["chronicle", str(bad), "--md", str(tmp_path / "out.md")]
    status, err = run(argv, capsys)
    assert status == 1, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("divergence: ") and expected in lines[0], err
    assert snapshot(env) == before


def test_every_hostile_save_still_leaves_the_load_menu_listing_the_others(env: Path) -> None:
    for i, (make, _expected) in enumerate(HOSTILE.values()):
        (env / f"bad{i:02d}.json").write_bytes(make(env))
    entries = SaveStore(load_saga(), env).entries()
    assert len(entries) == len(HOSTILE) + 1
    good = [e for e in entries if e.name == "good"]
    assert good and "cannot be read" not in good[0].summary


def test_a_save_with_sorted_keys_and_other_indentation_still_loads(
    env: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sorted_doc = json.dumps(good_doc(env), sort_keys=True, indent=4)
    (env / "sorted.json").write_text(sorted_doc)
    status, err = run(
        ["load", str(env / "sorted.json"), "--ui", "text", "--saves", str(env), "--on-change", "stop"], capsys
    )
    assert status == 0, err


def test_the_yaml_route_refuses_the_same_numbers() -> None:
    for text in ("seed: .inf\n", "seed: " + "9" * 40 + "\n"):
        with pytest.raises(SaveError):
            parse(text.encode())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_the_saves_folder_is_refused_without_blocking(env: Path) -> None:
    os.mkfifo(env / "trap.json")
    code = (
        "import sys; from pathlib import Path; from game.persist.reader import read_save; from game.persist.errors import SaveError\n"
        "try: read_save(Path(sys.argv[1]))\n"
        "except SaveError as e: print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(env / "trap.json")], capture_output=True, text=True, timeout=20
    )
    assert "named pipe" in out.stdout, out
    entries = SaveStore(load_saga(), env).entries()  # the menu lists it as unreadable and goes on
    assert {e.name for e in entries} == {"good", "trap"}


@pytest.mark.parametrize(
    "parent",
    ["autosave-000016", "a" * 60, "x" * 64, "autosave-", "..", "my game", "ünïcode ☃ name", "", "-dash", "a/b\\c"],
)
def test_a_fork_name_is_valid_for_any_parent_name(parent: str) -> None:
    name = fork_name(parent, 12345, fallback="bukharin")
    assert valid_name(name) and name.endswith("-fork-t12345") and len(name) <= 64, name


def test_a_fork_name_skips_taken_names() -> None:
    taken = {"game-fork-t2", "game-fork-t2-2"}
    assert fork_name("autosave-000001", 2, taken.__contains__) == "game-fork-t2-3"


def test_forking_an_autosave_through_the_cli_writes_the_fork(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = good_doc(env)
    doc["name"] = "autosave-000016"
    (env / "autosave-000016.json").write_bytes(resealed(doc))
    status, err = run(["replay", "autosave-000016", "--saves", str(env), "--to", "3", "--fork", "--ui", "text"], capsys)
    assert status == 0, err
    forks = [p for p in env.iterdir() if "-fork-t" in p.name]
    assert len(forks) == 1 and forks[0].name.startswith("saga-fork-t")
    assert read_save(forks[0]).parent is not None


def test_a_deep_settings_file_is_ignored_with_a_notice(tmp_path: Path) -> None:
    from game.cli.settings import read_settings
    from game.ui.services import UserError

    path = tmp_path / "settings.json"
    path.write_text("[" * 30_000 + "]" * 30_000)
    with pytest.raises(UserError, match="deeply"):
        read_settings(path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.json"
        os.mkfifo(fifo)
        with pytest.raises(UserError, match="named pipe"):
            read_settings(fifo)


def test_orphan_temporary_files_of_a_killed_save_are_removed_on_the_next_start(tmp_path: Path) -> None:
    import fcntl

    orphan = tmp_path / ".slot.json.abc123.tmp"
    orphan.write_bytes(b'{"half": ')
    live = tmp_path / ".other.json.def456.tmp"
    live.write_bytes(b"being written")
    keep = tmp_path / "notes.tmp"
    keep.write_bytes(b"not ours")
    with live.open("rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)  # another game is writing it
        SaveStore(load_saga(), tmp_path)
        assert not orphan.exists() and live.exists() and keep.exists()


def test_a_symbolic_link_out_of_the_saves_folder_is_refused_naming_it(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.json").write_bytes((env / "good.json").read_bytes())
    (env / "link.json").symlink_to(outside / "secret.json")
    (env / "inside.json").symlink_to(env / "good.json")  # a link within the folder is a save like any
    store = SaveStore(load_saga(), env)
    listed = {e.name: e.summary for e in store.entries()}
    assert "symbolic link" in listed["link"] and "outside the saves folder" in listed["link"]
    assert "cannot be read" not in listed["inside"]
    with pytest.raises(SaveError, match="outside the saves folder"):
        store.load(store.resolve("link"))
    status, err = run(["load", "link", "--ui", "text", "--saves", str(env)], capsys)
    assert status == 1 and "outside the saves folder" in err, err


def test_a_cli_error_names_the_file_once(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = env / "nothere.json"
    status, err = run(["load", str(missing), "--ui", "text", "--saves", str(env)], capsys)
    assert status == 1 and err.count("nothere") == 1, err
    (env / "dir.json").mkdir()
    status, err = run(["load", str(env / "dir.json"), "--ui", "text", "--saves", str(env)], capsys)
    assert status == 1 and err.count("dir.json") == 1 and "folder" in err, err


def test_a_chronicle_from_a_diverging_save_says_it_comes_from_the_stored_state(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = good_doc(env)
    meters = doc["keyframes"][-1]["state"]["meters"]
    meters["doom"] = 1 if meters["doom"] != 1 else 2  # a possible state, but not where the game leads
    (env / "edited.json").write_bytes(resealed(doc))
    status, err = run(["chronicle", str(env / "edited.json"), "--md", str(tmp_path / "out.md")], capsys)
    assert status == 0
    assert "diverges" in err and "state stored in the save" in err, err


def test_a_settings_file_linked_out_of_its_folder_is_refused_and_one_inside_is_read(tmp_path: Path) -> None:
    from game.cli.settings import read_settings
    from game.ui.services import UserError

    outside = tmp_path / "elsewhere" / "secret.json"
    outside.parent.mkdir()
    outside.write_text('{"text_size": 3}')
    home = tmp_path / "home"
    home.mkdir()
    link = home / "settings.json"
    link.symlink_to(outside)
    with pytest.raises(UserError, match="leading out of its folder"):
        read_settings(link)
    inside = home / "real.json"
    inside.write_text('{"text_size": 2}')
    link.unlink()
    link.symlink_to(inside)
    assert read_settings(link) == {"text_size": 2}
