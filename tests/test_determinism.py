"""Same seed and choices give the same chronicle in separate processes, whatever PYTHONHASHSEED."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = """
import hashlib, json, sys
from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
content = load_content()
out = []
for campaign in ("bukharin", "tukhachevsky"):
    for seed in (1, 2, 3):
        e = Engine(content.campaigns[campaign], seed)
        i = 0
        while not e.is_over:
            ch = e.choices()
            e.apply(Choose(ch[(i * 7 + seed) % len(ch)]))
            i += 1
        out.append([(x.turn, x.date, x.kind, x.card, x.title, x.text) for x in e.state.chronicle])
        out.append(sorted(e.state.meters.items()))
print(hashlib.sha256(json.dumps(out).encode()).hexdigest())
"""


def run(hashseed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hashseed}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("other", ["1", "4242"])
def test_chronicles_are_identical_across_hash_seeds(other: str) -> None:
    assert run("0") == run(other)
