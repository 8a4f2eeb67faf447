"""Saves and replays: replay cost against headless play of the same decisions, and the time
to save and to load (read + check + replay) a 500-decision game. Medians over repeats.

    .venv/bin/python bench/bench_persist.py [--decisions 500] [--repeats 15]

Targets (issue 3): replay <= 1.2x headless play; save and load each under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_content  # noqa: E402
from game.core.commands import Choose  # noqa: E402
from game.core.engine import Engine  # noqa: E402
from game.persist.reader import read_save  # noqa: E402
from game.persist.recorder import record  # noqa: E402
from game.persist.replay import replay_save  # noqa: E402
from game.persist.store import SaveStore  # noqa: E402

SAGA = ROOT / "tests" / "persist" / "fixtures" / "saga"


def headless(campaign, seed: int, decisions: int) -> Engine:  # type: ignore[no-untyped-def]
    """The baseline: a random player, as the simulator plays."""
    engine = Engine(campaign, seed)
    rnd = random.Random(seed)
    while not engine.is_over and len(engine.commands) < decisions:
        engine.apply(Choose(rnd.choice(engine.choices())))
    return engine


def median_ms(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=31)
    args = parser.parse_args()
    content = load_content([SAGA])
    campaign = content.campaigns["saga"]
    folder = Path(tempfile.mkdtemp(prefix="bench-persist-"))
    store = SaveStore(content, folder)
    engine = headless(campaign, 7, args.decisions)
    record(engine)
    path = store.save(engine, "bench")
    save = read_save(path)
    n = len(save.commands)
    # interleaved, so a busy machine slows both sides alike; the ratio is the median of pairs
    pairs = []
    for _ in range(args.repeats):
        play = median_ms(lambda: headless(campaign, 7, args.decisions), 1)
        replay = median_ms(lambda: replay_save(content, save), 1)
        pairs.append((play, replay))
    play_ms = statistics.median(p for p, _ in pairs)
    replay_ms = statistics.median(r for _, r in pairs)
    ratio = statistics.median(r / p for p, r in pairs)
    save_ms = median_ms(lambda: store.save(engine, "bench"), args.repeats)
    load_ms = median_ms(lambda: replay_save(content, read_save(path)), args.repeats)
    print(f"decisions: {n}, save file: {path.stat().st_size:,} bytes")
    print(f"headless play: {play_ms:7.2f} ms")
    print(f"replay (check): {replay_ms:7.2f} ms   ratio {ratio:.2f}x (target <= 1.2x)")
    print(f"save:          {save_ms:7.2f} ms   (target < 50 ms)")
    print(f"load:          {load_ms:7.2f} ms   (read + checksum + migrate + replay + snapshot check; target < 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
