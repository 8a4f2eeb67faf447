"""Reading a save file from a stranger: size cap, UTF-8, safe parsing, checksum, migrations.

Saves are written as JSON; a save converted to YAML by hand is also read, through the
project's safe YAML reader (no tags that build objects, caps on aliases, depth and size).
Nothing here ever runs code from the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.content.yamlsafe import YamlError
from game.content.yamlsafe import load as load_yaml
from game.persist import migrate
from game.persist.document import FORMAT_NAME, SaveFile, checksum_of, from_document
from game.persist.errors import SaveError

MAX_SAVE_BYTES = 32 * 1024 * 1024


def read_bytes(path: Path, max_bytes: int = MAX_SAVE_BYTES) -> bytes:
    """The bytes of a save file, refusing folders, missing files and files over the cap."""
    if path.is_dir():
        raise SaveError(f"{path} is a folder, not a save file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SaveError(f"{path} is {size:,} bytes, more than a save can be ({max_bytes:,}); not loaded")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise SaveError(f"{path} is more than {max_bytes:,} bytes, more than a save can be; not loaded")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise SaveError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _bad_constant(name: str) -> Any:
    raise SaveError(f"{name} is not a number a save may hold")


def parse(data: bytes, max_bytes: int = MAX_SAVE_BYTES) -> Any:
    """Plain data from the bytes of a save (JSON, or safe YAML); SaveError on anything else."""
    if not data.strip():
        raise SaveError("the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(f"the file is not UTF-8 text (bad byte at offset {exc.start}); is it a save?") from None
    text = text.removeprefix("\ufeff")
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_bad_constant)
        except json.JSONDecodeError as exc:
            raise SaveError(
                f"the file is not complete JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); it may be truncated"
            ) from None
        except RecursionError:
            raise SaveError("the file nests too deeply to be a save") from None
    try:
        return load_yaml(text, max_bytes=max_bytes)
    except YamlError as exc:
        raise SaveError(f"the file is not a save (line {exc.line}, column {exc.column}: {exc.message})") from None


def read_document(data: bytes, max_bytes: int = MAX_SAVE_BYTES) -> SaveFile:
    """Parse, check the checksum, migrate to the current format, structure."""
    doc = parse(data, max_bytes)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise SaveError("the file is not a Divergence save (no 'format: divergence-save' in it)")
    version = migrate.version_of(doc)
    expected = doc.get("checksum")
    if not isinstance(expected, str) or checksum_of(doc) != expected:
        raise SaveError("the save's checksum does not match its contents: it was damaged or edited by hand")
    doc = migrate.upgrade(doc, version)
    save = from_document(doc)
    check_shape(save)
    return save


def check_shape(save: SaveFile) -> None:
    """Consistency a checksum cannot vouch for (a stranger can recompute it)."""
    if not save.keyframes:
        raise SaveError("not a valid save: it has no snapshot of the state")
    final = save.final
    if final.step != len(save.commands) or final.logs is not None:
        raise SaveError("not a valid save: its last snapshot is not at its last decision")
    last = -1
    for kf in save.keyframes[:-1]:
        if not last < kf.step <= final.step or kf.logs is None:
            raise SaveError(f"not a valid save: snapshot at step {kf.step} is out of order")
        for name, length in kf.logs.items():
            log = getattr(final.state, name, None)
            if not isinstance(log, list) or not 0 <= length <= len(log):
                raise SaveError(f"not a valid save: snapshot at step {kf.step} names a log {name!r} it cannot have")
        last = kf.step


def read_save(path: Path, max_bytes: int = MAX_SAVE_BYTES) -> SaveFile:
    """Read and check a save file from disk."""
    return read_document(read_bytes(path, max_bytes), max_bytes)
