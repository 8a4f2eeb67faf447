"""Where the game finds its data and keeps the player's things, in a checkout and installed."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from game import data, paths
from game.cli.saves import store_for
from game.cli.settings import settings_path
from game.content.loader import load_content

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_data_is_package_data() -> None:
    assert data.content_dir() == resources.files("game.data.content")
    assert (data.content_dir() / "characters.yaml").is_file()
    assert data.font_file("DejaVuSansMono.ttf").is_file()
    assert (data.assets_dir() / "emblems" / "divergence.png").is_file()


def test_shipped_content_loads_from_the_package_data() -> None:
    content = load_content([data.content_dir()])
    assert {"bukharin", "tukhachevsky"} <= set(content.campaigns) and not content.errors


def test_a_checkout_keeps_its_saves_and_settings() -> None:
    assert paths.checkout_root() == ROOT
    assert paths.saves_dir() == ROOT / "saves"
    assert paths.settings_file() == ROOT / "settings.json"


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The game as a wheel sees itself: content inside site-packages, user folders from XDG."""
    site = tmp_path / "venv" / "lib" / "site-packages" / "game" / "data" / "content"
    site.mkdir(parents=True)
    monkeypatch.setattr(paths, "content_dir", lambda: site)
    home = tmp_path / "home"
    for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv(paths.MODS_ENV, raising=False)
    monkeypatch.delenv(paths.CACHE_ENV, raising=False)
    return home


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG variables name the folders on Linux")
def test_an_installed_game_uses_the_users_folders(installed: Path) -> None:
    assert paths.checkout_root() is None
    assert paths.saves_dir() == installed / "data" / "divergence" / "saves"
    assert paths.settings_file() == installed / "config" / "divergence" / "settings.json"
    assert paths.user_mods_dir() == installed / "data" / "divergence" / "mods"
    assert paths.cache_dir() == installed / "cache" / "divergence" / "content"
    # The CLI's defaults follow them; --saves still wins, with the settings in that folder.
    content = load_content([ROOT / "tests" / "fixtures" / "mini"])
    assert store_for(content, argparse.Namespace(saves=None)).folder == paths.saves_dir()
    assert settings_path(argparse.Namespace(saves=None)) == paths.settings_file()
    assert settings_path(argparse.Namespace(saves="/x/my-saves")) == Path("/x/my-saves/settings.json")


def test_environment_overrides_the_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.MODS_ENV, str(tmp_path / "m"))
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path / "c"))
    assert paths.user_mods_dir() == tmp_path / "m"
    assert paths.cache_dir() == tmp_path / "c"


def test_divergence_paths_prints_every_place(tmp_path: Path) -> None:
    env = {"DIVERGENCE_MODS_DIR": str(tmp_path / "m"), "DIVERGENCE_CACHE_DIR": str(tmp_path / "c")}
    run = subprocess.run(
        [sys.executable, "-m", "game", "paths", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, **env},
    )
    assert run.returncode == 0, run.stderr
    where = json.loads(run.stdout)
    assert where == {
        "saves": str(ROOT / "saves"),
        "settings": str(ROOT / "settings.json"),
        "user_mods": str(tmp_path / "m"),
        "cache": str(tmp_path / "c"),
        "content": str(ROOT / "content"),
    }
    text = subprocess.run(
        [sys.executable, "-m", "game", "paths"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    ).stdout
    for label in ("saves:", "settings:", "user mods:", "cache:", "content:", "source checkout"):
        assert label in text
