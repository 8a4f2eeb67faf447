"""Load + validate + compile of a 10,000-card content set, against the C YAML loader alone.

Target (issue 2): within 2x of `yaml.load(..., CSafeLoader)` on the same files (the floor).
Run: python bench/bench_load.py [--cards N] [--repeats R]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen import write
from game.content.loader import load_content


def c_loader_only(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write(Path(tmp) / "big", args.cards)
        files = sorted(root.glob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        base, ours = [], []
        for _ in range(args.repeats):
            t = time.perf_counter()
            c_loader_only(files)
            base.append(time.perf_counter() - t)
            t = time.perf_counter()
            content = load_content([root])
            ours.append(time.perf_counter() - t)
        assert not content.errors, content.errors[:3]
        assert len(content.campaigns["big"].cards) == args.cards + 1
        b, o = statistics.median(base), statistics.median(ours)
        print(f"{args.cards} cards, {len(files)} files, {size / 1e6:.1f} MB")
        print(f"C YAML loader alone (yaml.load CSafeLoader): median {b * 1000:.0f} ms")
        print(f"divergence load+validate+compile:            median {o * 1000:.0f} ms")
        print(f"ratio: {o / b:.2f}x (target <= 2.0x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
