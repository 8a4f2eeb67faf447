"""The game's shipped data, found as package data through ``importlib.resources``.

The YAML content (``content/`` in a checkout) and the assets (``assets/``: fonts, emblems)
are installed inside the package as ``game.data.content`` and ``game.data.assets`` (see
``setup.py``: the checkout's folders are mapped onto those package names). Asking
``importlib.resources`` for them, never a path relative to this file, means the same code
finds them in a wheel installed anywhere and in an editable install of a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

CONTENT_PACKAGE = "game.data.content"
ASSETS_PACKAGE = "game.data.assets"


class DataMissing(RuntimeError):
    """The installed package lacks its data (a broken or zipped install)."""


def _folder(package: str) -> Path:
    """The folder of a data package on disk (the loaders walk real folders with os.walk)."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        raise DataMissing(f"the game's data ({package}) is not installed; reinstall the package") from None
    if not isinstance(root, Path) or not root.is_dir():
        raise DataMissing(f"the game's data ({package}) is not a folder on disk ({root}); install it unzipped")
    return root


def content_dir() -> Path:
    """The shipped content folder: campaigns and characters as YAML."""
    return _folder(CONTENT_PACKAGE)


def assets_dir() -> Path:
    """The shipped assets folder (``fonts/``, ``emblems/``)."""
    return _folder(ASSETS_PACKAGE)


def font_file(name: str) -> Path:
    """A shipped font file by its file name (``DejaVuSansMono.ttf``)."""
    return assets_dir() / "fonts" / name
