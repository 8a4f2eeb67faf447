"""The save file's structure (format version 3) and its conversion to and from plain data.

A save is an attrs tree turned into plain data by a cattrs converter (never by walking
dicts by hand) and written as indented JSON. Structuring is strict: a string where a
number belongs, or an unknown command type, is an error naming the field, not a guess.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any

import attrs
import cattrs
from cattrs.strategies import configure_tagged_union

from game.core.commands import COMMAND_TYPES, Command
from game.core.state import GameState
from game.persist.errors import SaveError

FORMAT_NAME = "divergence-save"
FORMAT_VERSION = 3


@attrs.frozen
class ModStamp:
    """One source of content (the base game or a mod), the hash of its files and its version.
    A save lists them in load order."""

    id: str
    hash: str
    version: str = ""


@attrs.frozen
class ContentStamp:
    """The content a game was played with: its mods in load order, and each card's rules hash."""

    mods: list[ModStamp]
    cards: dict[str, str]


@attrs.frozen
class Step:
    """One decision: when it was taken, the card it answered (and that card's rules hash), the
    Command, and a short hash of the state after it (the out-of-sync check)."""

    turn: int
    date: str
    card: str
    card_hash: str
    command: Command
    state: str


@attrs.frozen
class Keyframe:
    """The state after ``step`` decisions. Intermediate keyframes leave the append-only logs
    out and give their lengths in ``logs``; the logs are those of the last keyframe, cut."""

    step: int
    state: GameState
    logs: dict[str, int] | None = None


@attrs.frozen
class Parent:
    """The game a fork branched from, and where."""

    save: str
    checksum: str
    step: int
    turn: int
    date: str


@attrs.frozen
class SaveFile:
    """A whole save. ``start`` is set only for a game that continues from a snapshot (after a
    content change); otherwise the game starts from the campaign and the seed.

    ``game_id`` names the game (given when it is first recorded, kept when it is loaded and
    played on, new for a fork): autosaves rotate per game. ``ironman`` marks a game played
    without reloading (the session enforces it). ``hash_version`` is the step-hash version
    its per-decision hashes were written with (``digest.HASH_FIELDS``); a game keeps it for
    life, so a newer GameState field never changes an older game's hashes."""

    format: str
    format_version: int
    game_version: str
    name: str
    campaign: str
    seed: int
    game_id: str
    ironman: bool
    hash_version: int
    content: ContentStamp
    parent: Parent | None
    start: GameState | None
    commands: list[Step]
    keyframes: list[Keyframe]
    checksum: str = ""

    @property
    def final(self) -> Keyframe:
        """The last keyframe: the full state at the end of the recorded game."""
        return self.keyframes[-1]


def _strict(kind: type, name: str) -> Any:
    def hook(value: Any, _type: Any) -> Any:
        if type(value) is bool and kind is not bool:
            raise TypeError(f"expected {name}, found a boolean")
        if kind is float and isinstance(value, int):
            return float(value)
        if not isinstance(value, kind):
            raise TypeError(f"expected {name}, found {type(value).__name__}")
        return value if type(value) is kind else kind(value)

    return hook


def make_converter(detailed: bool = True) -> cattrs.Converter:
    """The converter for saves: strict scalars, commands tagged by their COMMAND_TYPES name.
    ``detailed=False`` gives the same results faster, with less telling errors."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    conv.register_structure_hook(str, _strict(str, "text"))
    conv.register_structure_hook(int, _strict(int, "an integer"))
    conv.register_structure_hook(float, _strict(float, "a number"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    names = {cls: name for name, cls in COMMAND_TYPES.items()}
    configure_tagged_union(Command, conv, tag_generator=lambda cls: names[cls], tag_name="type")
    attrs.resolve_types(GameState)
    return conv


CONVERTER = make_converter()
_FAST_CONVERTER = make_converter(detailed=False)  # tried first; CONVERTER names what it refuses


def canonical_text(doc: dict[str, Any]) -> str:
    """The canonical JSON of a plain save document without its checksum (sorted keys, no
    spaces): what the checksum covers, so a save re-indented or with its keys sorted keeps it."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def checksum_of(doc: dict[str, Any], canonical: str | None = None) -> str:
    """The checksum of a plain save document: sha256 of its canonical JSON without the
    checksum (``canonical``, when the caller has it already)."""
    text = canonical_text(doc) if canonical is None else canonical
    return hashlib.sha256(text.encode()).hexdigest()


def to_document(save: SaveFile) -> dict[str, Any]:
    """Plain data for a save, with its checksum filled in."""
    doc: dict[str, Any] = CONVERTER.unstructure(save)
    doc["checksum"] = checksum_of(doc)
    return doc


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def dumps(save: SaveFile) -> bytes:
    """The bytes of a save file: JSON laid out for reading, one field per line and one
    decision or keyframe per line (and fast: every piece goes through the C encoder)."""
    lines = []
    for key, value in to_document(save).items():
        if isinstance(value, list) and value:
            items = ",\n".join("  " + _compact(item) for item in value)
            lines.append(f"{_compact(key)}: [\n{items}\n ]")
        else:
            lines.append(f"{_compact(key)}: {_compact(value)}")
    return ("{\n " + ",\n ".join(lines) + "\n}\n").encode()


def from_document(doc: dict[str, Any]) -> SaveFile:
    """Structure a current-format document; raise SaveError naming the first bad field."""
    try:
        save: SaveFile = _FAST_CONVERTER.structure(doc, SaveFile)
        return save
    except Exception:  # refused: structured again by the detailed converter, for the message
        pass
    try:
        return CONVERTER.structure(doc, SaveFile)
    except Exception as exc:  # cattrs wraps every problem in ExceptionGroups
        details = (
            cattrs.transform_error(exc, path="save") if isinstance(exc, cattrs.BaseValidationError) else [str(exc)]
        )
        shown = _visible("; ".join(details[:3]))
        raise SaveError(f"not a valid save: {shown}") from None


def _visible(text: str) -> str:
    """``text`` with every control, format or line-separator character written as an escape
    (``\\n``, ``\\x1b``, ``\\u2028``): a message built from a save's own keys and values is one
    line and can never drive the terminal that shows it."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii") if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"} else ch
        for ch in text
    )
