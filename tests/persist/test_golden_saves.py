"""Golden saves (tests/fixtures/saves, written once by the real code of each format and never
regenerated) load and replay with no divergence, and play on (issue 9 item 7)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from game.content.loader import Content, load_content
from game.core.commands import Choose
from game.persist.document import FORMAT_VERSION, dumps
from game.persist.reader import read_document, read_save
from game.persist.recorder import record
from game.persist.replay import Replay, _replay, campaign_for, replay_save

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "saves"
CONTENT = {"saga": ROOT / "tests" / "persist" / "fixtures" / "saga", "twostart": ROOT / "tests" / "fixtures" / "starts"}
FILES = sorted(GOLDEN.glob("*.json"))


@pytest.fixture(scope="module")
def contents() -> dict[str, Content]:
    return {cid: load_content([folder]) for cid, folder in CONTENT.items()}


def test_the_golden_saves_are_there() -> None:
    assert len(FILES) >= 8 and {p.name.split("-")[0] for p in FILES} == {"v2", "v3"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_golden_save_loads_and_replays_with_no_divergence(path: Path, contents: dict[str, Content]) -> None:
    written = json.loads(path.read_bytes())["format_version"]
    save = read_save(path)
    assert save.format_version == FORMAT_VERSION
    assert save.hash_version == written  # an old game keeps its own step hashes
    outcome = replay_save(contents[save.campaign], save)
    assert outcome.divergence is None, outcome.divergence.message()
    assert outcome.changed_cards == []
    replay = Replay(contents[save.campaign], save)  # the step-by-step viewer walks it too
    for step in (0, replay.total() // 2, replay.total()):
        replay.goto(step)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_a_golden_game_plays_on_and_its_new_save_still_replays(path: Path, contents: dict[str, Content]) -> None:
    save = read_save(path)
    content = contents[save.campaign]
    engine = replay_save(content, save).engine
    rnd = random.Random(1)
    for _ in range(5):
        if engine.is_over:
            break
        engine.apply(Choose(rnd.choice(engine.choices())))
    again = read_document(dumps(record(engine).to_save(engine, content, save.name)))
    assert again.game_id == save.game_id and again.hash_version == save.hash_version
    assert len(again.commands) >= len(save.commands)
    assert replay_save(content, again).divergence is None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_step_hash_of_a_golden_save_is_reproduced(path: Path, contents: dict[str, Content]) -> None:
    """The slow pass (every decision's hash, not every 16th): the step hash is pinned by the
    golden files, decision by decision, whatever is refactored in digest.py."""
    save = read_save(path)
    content = contents[save.campaign]
    _engine, divergence = _replay(campaign_for(content, save), save, 1)
    assert divergence is None, divergence.message()
