"""``divergence mods`` (list, enable, disable) and ``divergence new-mod``: wiring only.

The rules live in ``game.content.mods`` (manifests, order) and ``game.content.loader``
(patches, conflicts); this module prints them for a person.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from game import __version__
from game.cli.errors import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError
from game.cli.wiring import add_mod_argument, resolve_mods
from game.content import installed
from game.content import mods as mods_mod
from game.content.loader import load_content


def cmd_mods(args: argparse.Namespace) -> int:
    """List the installed and given mods, the load order, each patch and every conflict."""
    action = args.action or "list"
    if action in ("enable", "disable"):
        if not args.id:
            raise CliError(f"mods {action} needs the id of an installed mod", EXIT_USAGE)
        try:
            installed.set_enabled(args.id, action == "enable")
        except installed.UnknownMod as exc:
            raise CliError(str(exc), EXIT_USAGE) from exc
        print(f"{args.id}: {action}d")
        return EXIT_OK
    folder = mods_mod.user_mods_dir()
    print(f"user mod folder: {folder}" + ("" if folder.is_dir() else " (not created yet)"))
    for mod in installed.list_installed(folder):
        state = "enabled" if mod.enabled else "disabled"
        if mod.enabled and not mod.loads:
            state = "not loaded"
        print(f"  {mod.id:<24} {mod.version:<10} {state:<10} {mod.root}")
    sources, diagnostics = resolve_mods(args.mod)
    print("load order: base" + "".join(f" -> {s.id} {s.version}" for s in sources))
    content = load_content(mods=sources)
    shown = [d for d in [*diagnostics, *content.diagnostics] if d.is_error or d.field in ("conflict", "replace")]
    by_mod: dict[str, list[str]] = {}
    for target, changes in sorted(content.changes.items()):
        for change in changes:
            by_mod.setdefault(change.mod, []).append(f"{target}: {change.action} {change.field} ({change.where})")
    for source in sources:
        lines = by_mod.get(source.id, [])
        print(f"{source.id}: {len(lines)} change(s) to content defined elsewhere")
        for line in lines:
            print(f"  {line}")
    conflicts = [d for d in content.diagnostics if d.field == "conflict"]
    print(f"conflicts: {len(conflicts)}")
    for d in conflicts:
        print(f"  {d}")
    problems = [d for d in shown if d.field != "conflict"]
    if problems:
        print(f"problems: {len(problems)} (run `divergence validate --mod DIR` for the full report)")
        for d in problems[:20]:
            print(f"  {d}")
    return EXIT_FAIL if any(d.is_error for d in problems) else EXIT_OK


MANIFEST_TEMPLATE = """\
# The manifest of a Divergence mod (see docs/MODDING.md, "Manifests").
id: {id}
name: "{name}"
version: "0.1.0"
game: ">={game}"
description: "What the mod adds, in a line."
# requires: {{other_mod: ">=1.0"}}   # mods this one needs
# load_after: [other_mod]            # load after these when they are present
"""

CARD_TEMPLATE = """\
# yaml-language-server: $schema=../divergence.schema.json
cards:
  - id: {id}.first_card
    kind: event
    campaign: bukharin
    actor: bukharin
    title: "A first card"
    when: {{date: {{from: "1936-03", to: "1936-09"}}}}
    weight: 10
    text: >
      Write what happens here, in your own words, from a source you can name.
    options:
      - id: accept
        text: "Accept"
        effects: [{{add: {{suspicion: 5}}}}]
      - id: refuse
        text: "Refuse"
        outcomes:
          - chance: {{base: 0.3, source: "name the historical claim this chance follows"}}
            text: "It is noticed."
            effects: [{{add: {{suspicion: 10}}}}]
          - otherwise: true
            text: "Nothing comes of it."
"""


def cmd_new_mod(args: argparse.Namespace) -> int:
    """Scaffold a working mod: a manifest, one card and the schema for the editor."""
    mid = re.sub(r"[^a-z0-9_]+", "_", args.name.lower()).strip("_")
    if not mid or not mid[0].isalpha():
        raise CliError(f"{args.name!r}: a mod's name must start with a letter (it becomes the id)", EXIT_USAGE)
    parent = Path(args.dir) if args.dir else mods_mod.user_mods_dir()
    root = parent / mid
    if root.exists():
        raise CliError(f"{root} already exists; choose another name or remove it", EXIT_USAGE)
    from game.content.jsonschema import content_schema

    root.mkdir(parents=True)
    (root / "mod.yaml").write_text(
        MANIFEST_TEMPLATE.format(id=mid, name=args.name, game=__version__.rsplit(".", 1)[0]), encoding="utf-8"
    )
    (root / "cards").mkdir()
    (root / "cards" / "first.yaml").write_text(CARD_TEMPLATE.format(id=mid), encoding="utf-8")
    (root / "divergence.schema.json").write_text(json.dumps(content_schema(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {root}: mod.yaml, cards/first.yaml, divergence.schema.json")
    print(f"check it:  divergence validate {root}")
    print(f"play it:   divergence play --as bukharin --mod {root}")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the mod commands to the parser."""
    mods = sub.add_parser("mods", help="list mods, the load order, patches and conflicts; enable or disable one")
    mods.add_argument("action", nargs="?", choices=("list", "enable", "disable"), help="default: list")
    mods.add_argument("id", nargs="?", help="the mod's id (for enable and disable)")
    add_mod_argument(mods, "also a mod folder (repeatable)")
    mods.set_defaults(func=cmd_mods)
    new = sub.add_parser("new-mod", help="scaffold a mod: a manifest and one card")
    new.add_argument("name", help="the mod's name (its id is made from it)")
    new.add_argument("--dir", metavar="DIR", help="where to create it (default: the user mod folder)")
    new.set_defaults(func=cmd_new_mod)


__all__ = ["cmd_mods", "cmd_new_mod", "register"]
