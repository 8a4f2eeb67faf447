"""Saves and replays: replay cost against headless play of the same decisions, and the time
to save and to load (read + check + replay) a 500-decision game. Medians over repeats, each
run after a full garbage collection (the same GC state on both sides).

    .venv/bin/python bench/bench_persist.py [--decisions 500] [--repeats 15] [--big 20000,60000]

Targets (issue 3, issue 9): replay <= 1.2x headless play; save and load each under 50 ms.
The load is also given against a floor measured in the same run, a bare ``json.loads`` of
the same file's bytes, and split into reading (parse, checksum, migrate, structure, shape
checks) and the replay (every decision applied, hashes, snapshot and keyframe checks).
``--big`` also loads legal saves of that many decisions (debug commands, the cheapest to
write and so the most a save under the size cap can hold) and says how many bytes load in
2 s, against the cap ``reader.MAX_SAVE_BYTES`` (issue 9: the largest legal save loads in
under 2 s).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_content  # noqa: E402
from game.core.commands import Choose, DebugSetMeter  # noqa: E402
from game.core.engine import Engine  # noqa: E402
from game.persist.reader import MAX_SAVE_BYTES, read_document, read_save  # noqa: E402
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


CLOCK = time.process_time  # CPU time: on a shared machine, other processes do not count


def median_ms(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        gc.collect()
        t = CLOCK()
        fn()
        times.append(CLOCK() - t)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--decisions", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=31)
    parser.add_argument("--big", default="", help="comma-separated decision counts of big legal saves to load")
    parser.add_argument("--wall", action="store_true", help="wall-clock time instead of CPU time")
    args = parser.parse_args()
    global CLOCK
    if args.wall:
        CLOCK = time.perf_counter
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
    data = path.read_bytes()
    floor_ms = median_ms(lambda: json.loads(data), args.repeats)
    read_ms = median_ms(lambda: read_document(data), args.repeats)
    check_ms = median_ms(lambda: replay_save(content, save), args.repeats)
    print(f"decisions: {n}, save file: {path.stat().st_size:,} bytes ({'wall' if args.wall else 'CPU'} time, medians)")
    print(f"headless play: {play_ms:7.2f} ms")
    print(f"replay (check): {replay_ms:7.2f} ms   ratio {ratio:.2f}x (target <= 1.2x)")
    print(f"save:          {save_ms:7.2f} ms   (target < 50 ms)")
    print(f"load:          {load_ms:7.2f} ms   (read + checksum + migrate + replay + snapshot check; target < 50 ms)")
    print(f"  floor, bare json.loads of the file: {floor_ms:6.2f} ms   load / floor {load_ms / floor_ms:.1f}x")
    print(
        f"  of which read_document: {read_ms:6.2f} ms ({read_ms / floor_ms:.1f}x the floor), replay_save: {check_ms:6.2f} ms"
    )
    for count in (int(x) for x in args.big.split(",") if x.strip()):
        big = big_save(store, campaign, count)
        size = big.stat().st_size
        ms = median_ms(lambda: replay_save(content, read_save(big)), 3)  # noqa: B023
        per_mb = ms / (size / 1e6)
        print(
            f"big save: {count:,} decisions, {size:,} bytes: load {ms:,.0f} ms ({per_mb:.0f} ms/MB); "
            f"2 s loads ~{2000 / per_mb:.1f} MB; cap {MAX_SAVE_BYTES / 1e6:.1f} MB"
        )
    return 0


def big_save(store: SaveStore, campaign, count: int) -> Path:  # type: ignore[no-untyped-def]
    """A legal save of ``count`` decisions, nearly all debug meter changes (a game that never ends)."""
    engine = Engine(campaign, 11)
    record(engine)
    meter = next(iter(campaign.meters.values()))
    for i in range(count):
        engine.apply(DebugSetMeter(meter.id, meter.min + i % max(1, meter.max - meter.min)))
    return store.save(engine, f"big-{count}")


if __name__ == "__main__":
    raise SystemExit(main())
