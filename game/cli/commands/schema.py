"""``divergence schema``: the JSON Schema of content files (draft 7), for editors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from game.cli.errors import EXIT_OK
from game.cli.wiring import add_mod_argument, mod_sources
from game.content.jsonschema import content_schema
from game.content.loader import load_content


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``schema`` subcommand."""
    sch = sub.add_parser("schema", help="print the JSON Schema of content files (for editors)")
    sch.add_argument("-o", "--output", metavar="FILE", help="write to a file")
    sch.add_argument(
        "--with-content",
        action="store_true",
        help="list the ids of meters, flags, cards, characters and endings (with --mod: the mods' too)",
    )
    add_mod_argument(sch, "also a mod folder (repeatable)")
    sch.set_defaults(func=cmd_schema)


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of content files (draft 7) for editors."""
    ids = None
    if args.with_content:
        ids = load_content(mods=mod_sources(args.mod)).ids
    text = json.dumps(content_schema(ids), indent=2, sort_keys=True)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return EXIT_OK
