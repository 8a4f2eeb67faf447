"""Shared fixtures: the small test campaign and the shipped content."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import Content, load_content
from game.core.model import Campaign

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def mini_content() -> Content:
    """The small test campaign, loaded alone."""
    content = load_content([FIXTURES / "mini"])
    assert not content.errors, [str(d) for d in content.errors]
    return content


@pytest.fixture(scope="session")
def mini(mini_content: Content) -> Campaign:
    """The compiled small test campaign."""
    return mini_content.campaigns["mini"]


@pytest.fixture(scope="session")
def shipped() -> Content:
    """The shipped content."""
    return load_content()


@pytest.fixture(autouse=True)
def _no_user_mods(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The tester's own installed mods never change a test: the user mod folder is an empty one."""
    monkeypatch.setenv("DIVERGENCE_MODS_DIR", str(tmp_path_factory.mktemp("user_mods")))
    # no background forecast pools in frontend tests unless a test asks (tests/ui/test_outlook.py)
    monkeypatch.setenv("DIVERGENCE_NO_FORECAST", "1")


@pytest.fixture(scope="session")
def _content_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("content_cache")


@pytest.fixture(autouse=True)
def _test_content_cache(_content_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The content cache of the tests is a folder of their own (shared by the session, so later
    loads are cached ones), never the tester's; a test of the cache itself uses its own."""
    monkeypatch.setenv("DIVERGENCE_CACHE_DIR", str(_content_cache_dir))
    monkeypatch.delenv("DIVERGENCE_NO_CACHE", raising=False)


@pytest.fixture(scope="session")
def fate_content() -> Content:
    """Two tiny campaigns for the forecast tools: `fate` (one choice and one chance decide it)
    and `calm` (nothing the player does matters)."""
    content = load_content([FIXTURES / "fate"])
    assert not content.errors, [str(d) for d in content.errors]
    return content
