"""Load + validate + compile of the shipped content plus a 10,000-card mod, against libyaml's
bare event parse (``yaml.parse`` with the C parser) of the same files: the floor.

Each measurement runs in its own fresh process, so both sides start in the same garbage-
collector state with nothing of the other alive; medians over the repeats, and the peak
memory (max RSS) of each side. Times are the process's CPU time, so six people sharing two
cores do not move the ratio. Target (issue 11): within 2.0x of the floor.
The content cache is off for the ratio (``DIVERGENCE_NO_CACHE``); a second pair of processes
measures a start with an empty cache folder and then one with the cache it filled (issue 11
item 8: the cached start at most 0.25x of the first). The generated mod's files are dated ten
seconds back, as an installed mod's are: the file index trusts a file's stat only once the file
has settled (``game.content.loadcache``).
Run: python bench/bench_load.py [--cards N] [--repeats R]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gen import write
from game.content.loader import default_content_dir

FLOOR = """
import resource, sys, time, yaml
from pathlib import Path
files = [Path(p) for p in sys.argv[1:]]
datas = [p.read_bytes() for p in files]
t = time.process_time()
for data in datas:
    for _event in yaml.parse(data, Loader=yaml.CSafeLoader):
        pass
took = time.process_time() - t
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

OURS = """
import resource, sys, time
from pathlib import Path
from game.content.loader import Source, load_content
t = time.process_time()
content = load_content(mods=[Source("big", Path(sys.argv[1]), "1.0")])
took = time.process_time() - t
assert not content.errors, [str(d) for d in content.errors[:3]]
assert len(content.campaigns["big"].cards) > 1
print(took, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, args: list[str], cache: Path | None = None) -> tuple[float, int]:
    """One measurement in a fresh process: (seconds, max RSS in KB); without the content cache
    unless ``cache`` names its folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("DIVERGENCE_CACHE_DIR", "DIVERGENCE_NO_CACHE")}
    if cache is None:
        env["DIVERGENCE_NO_CACHE"] = "1"
    else:
        env["DIVERGENCE_CACHE_DIR"] = str(cache)
    out = subprocess.run(
        [sys.executable, "-c", code, *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        env=env,
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write(Path(tmp) / "big", args.cards)
        for path in root.rglob("*.yaml"):  # as a mod installed a while ago: the file index trusts its stat
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 10_000_000_000))
        files = sorted(default_content_dir().rglob("*.yaml")) + sorted(root.rglob("*.yaml"))
        size = sum(p.stat().st_size for p in files)
        floor, ours, first, second = [], [], [], []
        for r in range(args.repeats):
            floor.append(run(FLOOR, [str(p) for p in files]))
            ours.append(run(OURS, [str(root)]))
            cache = Path(tmp) / f"cache{r}"  # a start with an empty cache, then one with it filled
            first.append(run(OURS, [str(root)], cache))
            second.append(run(OURS, [str(root)], cache))
        f = statistics.median(t for t, _ in floor)
        o = statistics.median(t for t, _ in ours)
        c1 = statistics.median(t for t, _ in first)
        c2 = statistics.median(t for t, _ in second)
        result = {
            "cards": args.cards,
            "files": len(files),
            "megabytes": round(size / 1e6, 2),
            "floor_s": round(f, 3),
            "ours_s": round(o, 3),
            "ratio": round(o / f, 2),
            "floor_peak_mb": round(max(m for _, m in floor) / 1024, 1),
            "ours_peak_mb": round(max(m for _, m in ours) / 1024, 1),
            "first_start_s": round(c1, 3),
            "cached_start_s": round(c2, 3),
            "cached_ratio": round(c2 / c1, 3),
            "cached_vs_uncached": round(c2 / o, 3),
            "cached_peak_mb": round(max(m for _, m in second) / 1024, 1),
        }
        print(f"{args.cards} cards + the shipped content: {len(files)} files, {size / 1e6:.1f} MB")
        print(f"libyaml bare event parse (yaml.parse, CSafeLoader): median {f * 1000:.0f} ms")
        print(f"divergence load+validate+compile:                  median {o * 1000:.0f} ms")
        print(f"ratio: {o / f:.2f}x (target <= 2.0x); peak RSS {result['ours_peak_mb']} MB")
        print(f"first start (empty cache, writes it):          median {c1 * 1000:.0f} ms")
        print(f"second start (cache filled):                   median {c2 * 1000:.0f} ms")
        print(
            f"cached start: {c2 / c1:.3f}x of the first (target <= 0.25x, aim 0.1x); {c2 / o:.3f}x of a load without cache"
        )
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
