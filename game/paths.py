"""Where the game keeps the player's things: saves, settings, user mods and the content cache.

Run from a source checkout, the game keeps its saves (and ``settings.json``) in the checkout,
where a developer expects them (``saves/``). Installed anywhere else (a wheel in a venv), it
uses the user's folders that ``platformdirs`` names for this platform, so it plays from any
working folder and never writes beside the installed package. User mods and the content
cache always live in the user's folders. Each has an environment variable that overrides it.

The shipped data (content, fonts) is not here: it is package data, see ``game.data``.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import platformdirs

from game.data import content_dir

APP = "divergence"
MODS_ENV = "DIVERGENCE_MODS_DIR"
CACHE_ENV = "DIVERGENCE_CACHE_DIR"
SAVES_FOLDER = "saves"
SETTINGS_FILE = "settings.json"


def checkout_root() -> Path | None:
    """The source checkout the game runs from, or None for an installed package.

    The shipped content of a checkout is its ``content/`` folder (an editable install maps the
    package data onto it), beside ``pyproject.toml`` and the ``game`` package; an installed
    wheel's content lies inside the package instead.
    """
    root = content_dir().resolve().parent
    if (root / "pyproject.toml").is_file() and (root / "game" / "__init__.py").is_file():
        return root
    return None


def _user_data() -> Path:
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def saves_dir() -> Path:
    """The default saves folder: ``saves/`` of the checkout, else the user's data folder's."""
    root = checkout_root()
    return (root if root is not None else _user_data()) / SAVES_FOLDER


def settings_file() -> Path:
    """The default settings file: in the checkout, else in the user's config folder."""
    root = checkout_root()
    if root is not None:
        return root / SETTINGS_FILE
    return Path(platformdirs.user_config_dir(APP, appauthor=False)) / SETTINGS_FILE


def user_mods_dir() -> Path:
    """Where installed mods live: $DIVERGENCE_MODS_DIR, else the user's data folder's ``mods``."""
    env = os.environ.get(MODS_ENV)
    return Path(env) if env else _user_data() / "mods"


def cache_dir() -> Path:
    """The content cache: $DIVERGENCE_CACHE_DIR, else the user's cache folder's ``content``."""
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(platformdirs.user_cache_dir(APP, appauthor=False)) / "content"


@attrs.frozen
class Places:
    """Every place the game reads or writes, as ``divergence paths`` prints them."""

    saves: Path
    settings: Path
    user_mods: Path
    cache: Path
    content: Path
    checkout: Path | None


def places() -> Places:
    """Where everything is, for this process (environment overrides included)."""
    return Places(saves_dir(), settings_file(), user_mods_dir(), cache_dir(), content_dir(), checkout_root())
