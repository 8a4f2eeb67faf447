"""``divergence paths``: where the game keeps saves, settings, user mods, the content cache,
and where it finds its shipped content (wiring only; the answers come from ``game.paths``)."""

from __future__ import annotations

import argparse
import json

from game import paths
from game.cli.errors import EXIT_OK
from game.content.loader import default_content_dir


def cmd_paths(args: argparse.Namespace) -> int:
    """Print each place, one a line (or as a JSON object with --json)."""
    where = paths.places()
    rows = {
        "saves": str(where.saves),
        "settings": str(where.settings),
        "user mods": str(where.user_mods),
        "cache": str(where.cache),
        "content": str(default_content_dir()),  # $DIVERGENCE_CONTENT included
    }
    if args.json:
        print(json.dumps({k.replace(" ", "_"): v for k, v in rows.items()}, indent=2))
        return EXIT_OK
    width = max(len(k) for k in rows)
    for name, value in rows.items():
        print(f"{name + ':':<{width + 1}} {value}")
    kind = f"a source checkout ({where.checkout})" if where.checkout else "an installed package"
    print(f"(running from {kind}; {paths.MODS_ENV} and {paths.CACHE_ENV} override their folders)")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "paths",
        help="where saves, settings, user mods, the content cache and the shipped content are",
        description="Print where the game keeps saves, settings, user mods and the content cache, and where "
        "its shipped content is. In a source checkout saves stay in its saves/ folder; an installed game "
        "uses the user's folders for this platform.",
    )
    p.add_argument("--json", action="store_true", help="print a JSON object instead")
    p.set_defaults(func=cmd_paths)
