"""Format versions and the explicit migrations between them.

Version 1 (the first format) kept a flat command record (``type`` and ``args`` beside the
card it answered), dates as month numbers, the after-state hash as ``after``, and a single
``snapshot`` of the final state. Version 2 nests the Command under ``command``, writes dates
as ``"YYYY-MM"``, renames ``after`` to ``state``, keeps a list of ``keyframes`` (so a replay
can jump), and may start from a ``start`` snapshot. Each migration takes the plain document
of one version to the next; a file from a newer version is refused with a clear message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.core.dates import format_month
from game.persist.document import FORMAT_VERSION
from game.persist.errors import SaveError

Doc = dict[str, Any]


def version_of(doc: Doc) -> int:
    """The format version of a document, refusing anything this game cannot read."""
    version = doc.get("format_version")
    if type(version) is not int or version < 1:
        raise SaveError("not a valid save: its format_version is missing or not a positive integer")
    if version > FORMAT_VERSION:
        raise SaveError(
            f"this save was written by a newer version of Divergence (save format {version}; this game reads "
            f"formats up to {FORMAT_VERSION}, game version {doc.get('game_version', '?')}). Update the game to load it."
        )
    return version


def _v1_to_v2(doc: Doc) -> Doc:
    commands = doc.get("commands")
    if not isinstance(commands, list):
        raise SaveError("not a valid save (format 1): 'commands' is not a list")
    steps = []
    for i, item in enumerate(commands):
        if not isinstance(item, dict) or not isinstance(item.get("args"), dict) or type(item.get("month")) is not int:
            raise SaveError(f"not a valid save (format 1): command {i + 1} is malformed")
        steps.append(
            {
                "turn": item.get("turn"),
                "date": format_month(item["month"]),
                "card": item.get("answered"),
                "card_hash": item.get("card_hash"),
                "command": {"type": item.get("type"), **item["args"]},
                "state": item.get("after"),
            }
        )
    out = {k: v for k, v in doc.items() if k not in ("commands", "snapshot", "checksum")}
    out["format_version"] = 2
    out["start"] = None
    out["commands"] = steps
    out["keyframes"] = [{"step": len(steps), "state": doc.get("snapshot"), "logs": None}]
    return out


MIGRATIONS: dict[int, Callable[[Doc], Doc]] = {1: _v1_to_v2}


def upgrade(doc: Doc, version: int) -> Doc:
    """Apply the migrations from ``version`` up to the current format."""
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc
