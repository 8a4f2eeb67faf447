"""Format versions and the explicit migrations between them.

Version 1 (the first format) kept a flat command record (``type`` and ``args`` beside the
card it answered), dates as month numbers, the after-state hash as ``after``, and a single
``snapshot`` of the final state. Version 2 nests the Command under ``command``, writes dates
as ``"YYYY-MM"``, renames ``after`` to ``state``, keeps a list of ``keyframes`` (so a replay
can jump), and may start from a ``start`` snapshot. Version 3 adds ``game_id`` (autosaves
rotate per game), ``ironman`` and ``hash_version`` (the step hashes of a format-2 save stay
version-2 hashes), and the state's ``drawn`` list. Each migration takes the plain document
of one version to the next; a file from a newer version is refused with a clear message.
"""

from __future__ import annotations

import hashlib
import json
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
        written_by = doc.get("game_version")
        by = (
            f" {written_by}"
            if isinstance(written_by, str) and written_by.isprintable() and len(written_by) < 40
            else ""
        )
        raise SaveError(
            f"this save was written by a newer version of Divergence{by} (save format {version}, and this game "
            f"reads formats up to {FORMAT_VERSION}): update the game to load it"
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


def legacy_game_id(doc: Doc) -> str:
    """The game id of a save from before ids existed: derived from its campaign and seed, so
    every old save of one game (its autosaves, its named saves) gets the same id."""
    key = json.dumps([doc.get("campaign"), doc.get("seed")], sort_keys=True, default=str)
    return "v2" + hashlib.sha256(key.encode()).hexdigest()[:8]


def _v2_to_v3(doc: Doc) -> Doc:
    out: Doc = {}
    for key, value in doc.items():
        if key == "checksum":
            continue
        out[key] = value
        if key == "seed":
            out["game_id"] = legacy_game_id(doc)
            out["ironman"] = False
            out["hash_version"] = 2
    if "game_id" not in out:
        raise SaveError("not a valid save (format 2): it has no seed")
    out["format_version"] = 3
    for kf in out.get("keyframes") or []:
        if isinstance(kf, dict) and isinstance(kf.get("state"), dict):
            kf["state"].setdefault("drawn", [])
    if isinstance(out.get("start"), dict):
        out["start"].setdefault("drawn", [])
    return out


MIGRATIONS: dict[int, Callable[[Doc], Doc]] = {1: _v1_to_v2, 2: _v2_to_v3}


def upgrade(doc: Doc, version: int) -> Doc:
    """Apply the migrations from ``version`` up to the current format."""
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc
