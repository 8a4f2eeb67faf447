"""Wiring for the frontends' presentation settings: a small JSON file, ``settings.json``,
in the saves folder given with ``--saves`` (else ``paths.settings_file()``: the checkout's,
or the user's config folder), read once at start and written atomically on each change.
It is never put in the folder above the saves: ``--saves .`` must not write outside ``.``.
The saves store neither lists it nor takes "settings" as a save name.

The file holds a JSON object; what its keys mean is the frontend's business. A file that is
not valid JSON (or not an object) is reported as a ``UserError`` for the frontend to show,
and the game starts with the defaults, never a crash.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from game import paths
from game.content.files import UnreadableFile, read_regular
from game.persist.atomic import atomic_write
from game.persist.errors import SaveError
from game.ui.services import UserError

FILE_NAME = "settings.json"
MAX_BYTES = 64 * 1024  # a settings file is a few lines; anything larger is not ours


def settings_path(args: argparse.Namespace) -> Path:
    """Where the settings live: in the ``--saves`` folder, else the default settings file."""
    folder = getattr(args, "saves", None)
    if not folder:
        return paths.settings_file()
    return Path(folder).absolute() / FILE_NAME


def read_settings(path: Path) -> dict[str, object]:
    """The stored settings ({} when there are none); UserError when the file is unusable."""
    if not os.path.lexists(path):
        return {}
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(path.absolute().parent.resolve()):
            raise UserError(
                f"{path} is a symbolic link leading out of its folder (to {target}); not read, using the defaults"
            )
    try:
        data = json.loads(read_regular(path, MAX_BYTES).decode("utf-8"))
    except UnreadableFile as exc:
        raise UserError(
            f"{path} {exc}; using the defaults" if str(exc).startswith("is ") else f"{path}: {exc}; using the defaults"
        ) from None
    except RecursionError:
        raise UserError(f"{path} nests too deeply to be a settings file; using the defaults") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise UserError(f"{path} could not be read ({exc}); using the defaults") from None
    if not isinstance(data, dict):
        raise UserError(f"{path} does not hold a JSON object; using the defaults")
    return data


def write_settings(path: Path, settings: dict[str, object]) -> None:
    """Store the settings atomically; UserError with the reason when it cannot."""
    text = json.dumps(settings, indent=2, sort_keys=True) + "\n"
    try:
        atomic_write(path, text.encode("utf-8"))
    except SaveError as exc:
        raise UserError(str(exc)) from None


def settings_services(args: argparse.Namespace) -> dict[str, Callable[..., object]]:
    """The Services fields that load and save the settings of this session."""
    path = settings_path(args)
    return {"load_settings": lambda: read_settings(path), "save_settings": lambda s: write_settings(path, s)}
