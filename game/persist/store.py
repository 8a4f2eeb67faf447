"""The saves folder: named saves, rotating autosaves, the list for the load menu, loading.

Names are the player's (letters, digits, spaces, ``-``, ``_``, ``.``) or generated from the
campaign, date and turn. Autosaves are per game: ``autosave-CAMPAIGN-GAMEID-NNNNNN.json``,
numbered per game, the game's oldest beyond its last N removed, so two games sharing a folder
(even at once, in two processes) never overwrite or rotate away each other's autosaves. A
number is claimed without overwriting (a hard link, which fails if the name exists). Every
write is atomic.

Autosaves from before game ids (``autosave-NNNNNN.json``, numbered per folder) are rotated
with the game they belong to once it is played on, and only then: when a game autosaves, an
old autosave whose game it is (the same game id, derived from the campaign and seed) and
whose decisions are a prefix of the game's (so the game's new autosaves hold all of it)
counts as one of the game's oldest autosaves. An old autosave of a game never resumed, of a
branch of the same seed, or that cannot be read is never removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import attrs

from game.content.loader import Content
from game.core.commands import Command
from game.core.dates import format_month, month_label
from game.core.engine import Engine
from game.core.state import GameState
from game.persist.atomic import atomic_write
from game.persist.atomic import is_orphan as atomic_is_orphan
from game.persist.digest import same_state
from game.persist.document import SaveFile, dumps
from game.persist.errors import SaveError
from game.persist.reader import read_save
from game.persist.recorder import Recorder, record
from game.persist.replay import Outcome, replay_save

SUFFIX = ".json"
DEFAULT_FOLDER = Path("saves")
DEFAULT_AUTOSAVES = 5
AUTOSAVE_PREFIX = "autosave-"
MAX_NAME = 64
SETTINGS_NAME = "settings"  # settings.json, which the CLI keeps in a --saves folder: never a save
_NAME = re.compile(r"^[\w][\w .-]{0,63}$")
_NOT_NAME = re.compile(r"[^\w .-]+")
_OLD_AUTO = re.compile(r"^autosave-(\d{6,})\.json$")  # before game ids (format 2)
_AUTO = re.compile(r"^autosave-(?:.*-)?([0-9A-Za-z]{1,16})-(\d{6,})\.json$")
_GAME_KEY = re.compile(r"^[0-9A-Za-z]{1,16}$")


def game_key(game_id: str) -> str:
    """The part of an autosave's file name that names its game: the id itself when it is
    short and plain (always, for ids this game gives), else a hash of it."""
    if _GAME_KEY.match(game_id):
        return game_id
    return hashlib.sha256(game_id.encode()).hexdigest()[:12]


def autosave_game(filename: str) -> str | None:
    """The game key of an autosave file name (None for anything else, and for old autosaves)."""
    m = _AUTO.match(filename)
    return m.group(1) if m else None


def valid_name(name: str) -> bool:
    """Whether a name can be a player's save name (no path, no autosave's name, not too long)."""
    return (
        bool(_NAME.match(name))
        and not name.startswith(AUTOSAVE_PREFIX)
        and ".." not in name
        and name.casefold() != SETTINGS_NAME
    )


def fork_name(
    parent: str, turn: int, taken: Callable[[str], bool] = lambda _name: False, fallback: str = "game"
) -> str:
    """A valid, unused save name for a fork of ``parent`` at ``turn``: ``NAME-fork-tTURN``.

    Every frontend and the CLI name forks through this one function. Any parent name gives a
    valid name: an autosave's number and characters a name may not hold are dropped (the
    ``fallback``, the campaign's id, stands in when nothing is left) and a long name is cut so
    that the suffix always fits. ``taken`` says whether a name is in use; ``-2``, ``-3``, ...
    are appended until one is free.
    """
    base = parent.strip()
    if base.startswith(AUTOSAVE_PREFIX) or re.fullmatch(r"autosave(-[\w]*)?", base):
        base = ""
    base = _NOT_NAME.sub("_", base).replace("..", "_").strip(" .-_")
    if not base or not base[0].isalnum():
        base = _NOT_NAME.sub("_", fallback).strip(" .-_") or "game"
    n = 1
    while True:
        suffix = f"-fork-t{turn}" + (f"-{n}" if n > 1 else "")
        name = base[: MAX_NAME - len(suffix)].rstrip(" .-_") + suffix
        if not valid_name(name):  # only a pathological fallback gets here
            name = "game" + suffix
        if not taken(name):
            return name
        n += 1


def remove_orphans(folder: Path) -> list[str]:
    """Remove the temporary files of saves killed mid-write (``.NAME.xxxx.tmp``), which are
    never read; a temporary file still being written by another game is locked and kept."""
    removed: list[str] = []
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(".tmp") and SUFFIX in n]
    except OSError:
        return removed
    for name in names:
        if atomic_is_orphan(folder / name):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed.append(name)
    return removed


@attrs.frozen
class Entry:
    """A save as a menu lists it."""

    name: str
    path: Path
    summary: str


class SaveStore:
    """Saves of one content set in one folder."""

    def __init__(self, content: Content, folder: Path = DEFAULT_FOLDER, autosaves: int = DEFAULT_AUTOSAVES) -> None:
        self.content = content
        self.folder = Path(folder)
        self.autosaves = max(1, int(autosaves))
        # old-style autosaves read so far: name -> ((mtime, size), game id, start, commands)
        self._old_seen: dict[str, tuple[tuple[int, int], str, GameState | None, list[Command]]] = {}
        remove_orphans(self.folder)

    # --- writing ------------------------------------------------------------------------

    def path_for(self, name: str) -> Path:
        """The file for a save name; SaveError for a name that could leave the folder."""
        name = name.strip()
        if name.endswith(SUFFIX):
            name = name[: -len(SUFFIX)]
        if not valid_name(name):
            raise SaveError(
                f"{name!r} cannot be a save name: use up to 64 letters, digits, spaces, '-', '_' or '.', not starting with 'autosave-', not 'settings'"
            )
        return self.folder / (name + SUFFIX)

    def generated_name(self, engine: Engine) -> str:
        """A fresh name from the campaign, date and turn (never overwriting another save)."""
        s = engine.state
        base = f"{s.campaign}-{format_month(s.date)}-t{s.turn}"
        name, n = base, 2
        while (self.folder / (name + SUFFIX)).exists():
            name, n = f"{base}-{n}", n + 1
        return name

    def fork_name(self, parent: str, engine: Engine) -> str:
        """A free save name for a fork of the save ``parent`` at the engine's turn."""
        return fork_name(
            parent, engine.state.turn, lambda n: (self.folder / (n + SUFFIX)).exists(), engine.state.campaign
        )

    def write(self, engine: Engine, path: Path, name: str) -> SaveFile:
        """Write the engine's game to a path atomically; return what was written."""
        save = record(engine).to_save(engine, self.content, name)
        atomic_write(path, dumps(save))
        return save

    def save(self, engine: Engine, name: str = "") -> Path:
        """Save under a name (generated when empty); return the file."""
        name = name.strip() or self.generated_name(engine)
        path = self.path_for(name)
        self.write(engine, path, path.stem)
        return path

    def autosave(self, engine: Engine) -> Path | None:
        """Write this game's next autosave and drop its oldest beyond the limit; None if
        nothing is new since its last autosave (or since it was loaded)."""
        recorder = record(engine)
        if recorder.autosaved_at == len(engine.commands):
            return None
        key = game_key(recorder.game_id)
        if engine.is_over and self._ending_kept(key, recorder, engine):
            recorder.autosaved_at = len(engine.commands)
            return None
        campaign = _NOT_NAME.sub("_", engine.state.campaign).strip(" .-_")[:24] or "game"
        prefix = f"{AUTOSAVE_PREFIX}{campaign}-{key}-"
        numbers = self._autosave_numbers(key)
        number = (numbers[-1] + 1) if numbers else 1
        for _ in range(1000):  # another process may take numbers meanwhile: take the next free one
            path = self.folder / f"{prefix}{number:06d}{SUFFIX}"
            if atomic_write(path, dumps(recorder.to_save(engine, self.content, path.stem)), replace=False):
                break
            number += 1
        else:
            raise SaveError(f"cannot find a free autosave name in {self.folder}")
        recorder.autosaved_at = len(engine.commands)
        names = self._superseded_old_autosaves(recorder) + self._autosave_files(key)
        for old in names[: max(0, len(names) - self.autosaves)]:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / old)
        return path

    def _ending_kept(self, key: str, recorder: Recorder, engine: Engine) -> bool:
        """Whether this game's newest autosave already holds it ended as it is now (the same
        game id, the same final state, no fewer decisions recorded): another record of the
        same ended game (continued from its snapshot, or loaded elsewhere) would only add a
        second "ended" row of one game to the save list, holding nothing the first lacks."""
        names = self._autosave_files(key)
        if not names:
            return False
        try:
            kept = read_save(self.folder / names[-1])
        except Exception:  # unreadable: not known to hold this game, so write a new one
            return False
        return (
            kept.game_id == recorder.game_id
            and len(kept.commands) >= len(recorder.steps)
            and bool(kept.final.state.ending)
            and same_state(kept.final.state, engine.state, kept.hash_version)
        )

    def _autosave_files(self, key: str) -> list[str]:
        """The file names of one game's autosaves, oldest first."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        found = [(int(m.group(2)), n) for n in names if (m := _AUTO.match(n)) and m.group(1) == key]
        return [n for _, n in sorted(found)]

    def _superseded_old_autosaves(self, recorder: Recorder) -> list[str]:
        """The old-style autosaves (``autosave-NNNNNN.json``) this game continues, oldest
        first: of its game id, from the same start, their decisions a prefix of its own."""
        try:
            names = sorted((int(m.group(1)), n) for n in os.listdir(self.folder) if (m := _OLD_AUTO.match(n)))
        except OSError:
            return []
        found = []
        for _, name in names:
            path = self.folder / name
            try:
                st = os.lstat(path)
                sig = (st.st_mtime_ns, st.st_size)
                known = self._old_seen.get(name)
                if known is None or known[0] != sig:
                    save = read_save(path)
                    known = (sig, save.game_id, save.start, [s.command for s in save.commands])
                    self._old_seen[name] = known
            except Exception:  # unreadable: not known to be this game's, so never removed
                continue
            _, game_id, start, commands = known
            steps = recorder.steps
            if (
                game_id == recorder.game_id
                and start == recorder.start
                and len(commands) <= len(steps)
                and all(c == s.command for c, s in zip(commands, steps, strict=False))
            ):
                found.append(name)
        return found

    def _autosave_numbers(self, key: str) -> list[int]:
        return [int(_AUTO.match(n).group(2)) for n in self._autosave_files(key)]  # type: ignore[union-attr]

    # --- reading ------------------------------------------------------------------------

    def resolve(self, name_or_path: str) -> Path:
        """A save given as a path, or as a name in the saves folder (SaveError for a name that
        is a symbolic link leading out of the folder)."""
        path = Path(name_or_path)
        if path.exists() or path.suffix == SUFFIX or os.sep in name_or_path:
            return path
        path = self.folder / (name_or_path + SUFFIX)
        self._refuse_link_out(path)
        return path

    def _refuse_link_out(self, path: Path) -> None:
        """A file of the saves folder that is a symbolic link to somewhere outside it is not
        read (a folder shared or unpacked from an archive must not reach other files); links
        within the folder are saves like any other."""
        if not path.is_symlink():
            return
        target = path.resolve()
        if not target.is_relative_to(self.folder.resolve()):
            raise SaveError(f"{path} is a symbolic link to {target}, outside the saves folder; not read")

    def entries(self) -> list[Entry]:
        """The saves in the folder, newest first, each with a one-line summary."""
        try:
            paths = [
                self.folder / n
                for n in os.listdir(self.folder)
                if n.endswith(SUFFIX) and not n.startswith(".") and n[: -len(SUFFIX)].casefold() != SETTINGS_NAME
            ]
        except OSError:
            return []
        found = []
        for path in paths:
            try:
                self._refuse_link_out(path)
                mtime = path.stat().st_mtime
                save = read_save(path)
                summary = self.describe(save)
            except (SaveError, OSError) as exc:
                mtime, summary = 0.0, f"(cannot be read: {exc})"
            except Exception as exc:  # one bad file must never take the whole list down
                mtime, summary = 0.0, f"(cannot be read: {type(exc).__name__})"
            found.append((mtime, path.stem, Entry(path.stem, path, summary)))
        found.sort(key=lambda item: (-item[0], item[1]))
        return [entry for _, _, entry in found]

    def describe(self, save: SaveFile) -> str:
        """A one-line summary of a save."""
        state = save.final.state
        campaign = self.content.campaigns.get(save.campaign)
        title = campaign.title if campaign else save.campaign
        ending = campaign.endings.get(state.ending) if campaign and state.ending else None
        end = f", ended: {ending.title if ending else 'an ending this content no longer has'}" if state.ending else ""
        branch = f", branch of {save.parent.save} at turn {save.parent.turn}" if save.parent else ""
        n = len(save.commands)
        decisions = f"{n} decision" if n == 1 else f"{n} decisions"
        return f"{title} · {month_label(state.date)}, turn {state.turn}, {decisions}{end}{branch}"

    def load(self, path: Path) -> tuple[SaveFile, Outcome]:
        """Read, check and replay a save (a link out of the saves folder is refused)."""
        if path.parent.resolve() == self.folder.resolve():
            self._refuse_link_out(path)
        save = read_save(path)
        return save, replay_save(self.content, save)
