"""The same game saves to the same bytes under any PYTHONHASHSEED (subprocesses).

The game id (a random name for a game's autosaves, not part of its rules) is fixed here; all
else in the file must come out the same."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import hashlib, sys
from tests.persist.conftest import load_saga, play
from game.persist.document import dumps
from game.persist.reader import read_document
from game.persist.recorder import record
from game.persist.replay import replay_save
content = load_saga()
engine = play(content.campaigns["saga"], 1234, 300)
record(engine).game_id = "det"
data = dumps(record(engine).to_save(engine, content, "det"))
outcome = replay_save(content, read_document(data))
assert outcome.divergence is None
print(hashlib.sha256(data).hexdigest())
"""


def run(hashseed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.strip()


def test_saves_are_identical_across_hash_seeds() -> None:
    digests = {run(seed) for seed in ("0", "1", "4242")}
    assert len(digests) == 1
    assert len(next(iter(digests))) == len(hashlib.sha256().hexdigest())
