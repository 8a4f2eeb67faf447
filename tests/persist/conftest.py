"""Fixtures for the save tests: the long test campaign (owned here) and played games."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from game.content.loader import Content, load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.persist.recorder import record

SAGA = Path(__file__).parent / "fixtures" / "saga"


def load_saga(folder: Path = SAGA) -> Content:
    """The test campaign from a folder (a copy may be edited by a test)."""
    content = load_content([folder])
    assert not content.errors, [str(d) for d in content.errors]
    return content


@pytest.fixture(scope="session")
def saga_content() -> Content:
    return load_saga()


@pytest.fixture(scope="session")
def saga(saga_content: Content) -> Campaign:
    return saga_content.campaigns["saga"]


def play(
    campaign: Campaign, seed: int, decisions: int, policy_seed: int | None = None, recorded: bool = True
) -> Engine:
    """A game of up to ``decisions`` random decisions (recorded from the start)."""
    engine = Engine(campaign, seed)
    if recorded:
        record(engine)
    rnd = random.Random(seed if policy_seed is None else policy_seed)
    while not engine.is_over and len(engine.commands) < decisions:
        engine.apply(Choose(rnd.choice(engine.choices())))
    return engine


@pytest.fixture
def saga_copy(tmp_path: Path) -> Path:
    """A copy of the test campaign to edit."""
    target = tmp_path / "content"
    shutil.copytree(SAGA, target)
    return target
