"""Fixtures for the pygame frontend: a headless SDL and the small test campaign."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterator
from pathlib import Path

import pygame
import pytest

from game.content.loader import load_content
from game.core.engine import Engine
from game.core.model import Campaign

FIXTURE = Path(__file__).parent / "fixture"
SIZES = [(1024, 640), (1280, 720), (1920, 1080), (2560, 1440)]


@pytest.fixture(scope="session", autouse=True)
def _pygame() -> Iterator[None]:
    pygame.display.init()
    pygame.font.init()
    yield


@pytest.fixture(scope="session")
def testcamp() -> Campaign:
    content = load_content(paths=[FIXTURE])
    assert not content.errors, [str(d) for d in content.errors]
    return content.campaigns["testcamp"]


@pytest.fixture()
def engine(testcamp: Campaign) -> Engine:
    return Engine(testcamp, 11)
