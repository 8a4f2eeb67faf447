"""The start cache: a whole load's compiled form's inputs, kept by the hash of every file read.

The per-file cache (``game.content.cache``) skips YAML and validation for an unchanged file,
but a start still has to check references, apply patches, lint and compile everything. When
*no* file changed, all of that is a pure function of the same inputs, so this cache keeps its
outcome under one key (the code, the sources, every file's name and content hash, the limits):
each campaign's validated data with its deck (the plain values the compiler reads, with each
card's origin and rules fingerprint), the characters, and every other part of the ``Content``
(messages, ids, changes, bibliography). A cached start decodes that and compiles it; nothing
is parsed, validated or linked again, and no file whose size, modification time and inode are
those recorded beside its hash is even read (``FileIndex``; a file changed less than two
seconds before it was recorded is read and hashed again).

The entry is untrusted input like every file: plain JSON (never pickle), read only from a
regular file, bounded, with a header naming the format, the key and the SHA-256 and length of
the body; anything unexpected while decoding or building from it makes it a miss, so the load
runs in full and the entry is written again. Only the last few entries are kept.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from game.content import files as files_mod

FORMAT = 1
MAX_ENTRY_BYTES = 256 * 1024 * 1024
KEEP = 4  # start entries kept (each start with another set of files writes its own)
INDEX_NAME = "files.json"
MAX_INDEX_BYTES = 16 * 1024 * 1024
SETTLE_NS = 2_000_000_000  # a file modified this close to its hashing is hashed again next time

_MAP, _DATE, _TIME = "\x00m", "\x00d", "\x00t"  # tags no content key can hold (YAML refuses NUL)


class Corrupt(Exception):
    """A start entry that is not what this code writes: ignored and rebuilt."""


# --- plain values as JSON ------------------------------------------------------------------


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _enc(value: Any) -> Any:
    """Content values as JSON: mappings with text keys as objects; a mapping with any other
    key, and a date, as a one-key object with a tag (decoded by ``_hook``)."""
    cls = value.__class__
    scalars = _SCALARS
    if cls in scalars:
        return value
    if isinstance(value, dict):
        for k in value:
            if k.__class__ is not str:
                return {_MAP: [[_enc(k), _enc(v)] for k, v in value.items()]}
        return {k: v if v.__class__ in scalars else _enc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [v if v.__class__ in scalars else _enc(v) for v in value]
    if cls is datetime.datetime:
        return {_TIME: value.isoformat()}
    if cls is datetime.date:
        return {_DATE: value.isoformat()}
    raise Corrupt(f"a value of type {cls.__name__} is not kept")


def _hook(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _MAP in obj:
            pairs = obj[_MAP]
            if type(pairs) is not list:
                raise Corrupt
            out = {}
            for pair in pairs:
                if type(pair) is not list or len(pair) != 2:
                    raise Corrupt
                out[pair[0]] = pair[1]  # an unhashable key: TypeError, a miss
            return out
        if _DATE in obj:
            return datetime.date.fromisoformat(obj[_DATE])
        if _TIME in obj:
            return datetime.datetime.fromisoformat(obj[_TIME])
    return obj


def encode(key: str, payload: Any) -> bytes:
    """An entry: a header line [FORMAT, key, sha256 of the body, its length] and the body."""
    body = json.dumps(_enc(payload), ensure_ascii=False, separators=(",", ":"), check_circular=False).encode()
    head = json.dumps([FORMAT, key, hashlib.sha256(body).hexdigest(), len(body)]).encode()
    return head + b"\n" + body


def decode(raw: bytes, key: str) -> Any:
    """The payload of an entry; Corrupt (or a ValueError/TypeError) when it is not one of ours."""
    head, sep, body = raw.partition(b"\n")
    if not sep or json.loads(head) != [FORMAT, key, hashlib.sha256(body).hexdigest(), len(body)]:
        raise Corrupt
    return json.loads(body, object_hook=_hook)


# --- the folder ----------------------------------------------------------------------------


class StartCache:
    """Start entries (``start-<key>.json``) and the file index, in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def key(self, parts: Iterable[Any]) -> str:
        """The key of a start: a hash of everything the load's outcome depends on."""
        return hashlib.sha256(json.dumps(list(parts), separators=(",", ":")).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"start-{key}.json"

    def get(self, key: str) -> Any:
        """The payload stored under the key, or None (missing, a link, too big or damaged)."""
        path = self._path(key)
        try:
            if path.is_symlink():
                return None
            raw = files_mod.read_regular(path, MAX_ENTRY_BYTES)
            return decode(raw, key)
        except (files_mod.UnreadableFile, OSError, Corrupt, ValueError, TypeError, RecursionError, MemoryError):
            return None

    def put(self, key: str, payload: Any) -> None:
        """Store a payload (atomically); keep only the ``KEEP`` newest entries. A payload
        holding a value the format does not carry, or a folder that cannot be written,
        only costs the next start its speed."""
        try:
            data = encode(key, payload)
        except (Corrupt, ValueError, TypeError, RecursionError):
            return
        if _write(self.folder, self._path(key), data):
            self._prune()

    def _prune(self) -> None:
        try:
            entries = sorted(self.folder.glob("start-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in entries[KEEP:]:
                old.unlink()
        except OSError:
            pass


def _write(folder: Path, path: Path, data: bytes) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return False
    return True


class FileIndex:
    """What each content file's bytes hashed to, by its path, size, modification time and
    inode: a file whose stat is unchanged is not read again to learn its hash. A file that was
    modified less than ``SETTLE_NS`` before it was hashed is not trusted (a change within the
    same clock tick would keep its time), and a damaged index is simply empty."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / INDEX_NAME
        self.entries: dict[str, list[Any]] = {}
        self.changed = False
        try:
            data = json.loads(files_mod.read_regular(self.path, MAX_INDEX_BYTES))
        except (files_mod.UnreadableFile, OSError, ValueError, RecursionError):
            return
        if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("files"), dict):
            self.entries = data["files"]

    @staticmethod
    def _stamp(st: os.stat_result) -> list[int]:
        return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev]

    def digest(self, path: Path) -> tuple[str, int] | None:
        """The recorded (sha256, size) of a file whose stat is as recorded, else None."""
        entry = self.entries.get(str(path))
        if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[1], str):
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = self._stamp(st)
        return (entry[1], stamp[0]) if entry[0] == stamp and len(entry[1]) == 64 else None

    @staticmethod
    def stat(path: Path) -> os.stat_result | None:
        """The stat of a file before it is read (None if it cannot be had)."""
        try:
            return os.stat(path)
        except OSError:
            return None

    def record(self, path: Path, digest: str, before: os.stat_result | None) -> None:
        """Remember the hash of the bytes read from a file, given its stat from before the
        read: only if the stat is the same after it and the file had settled (its last change
        at least ``SETTLE_NS`` before now), else forget what was recorded for it."""
        after = self.stat(path)
        if (
            before is None
            or after is None
            or self._stamp(before) != self._stamp(after)
            or time.time_ns() - after.st_mtime_ns < SETTLE_NS
        ):
            if self.entries.pop(str(path), None) is not None:
                self.changed = True
            return
        entry = [self._stamp(after), digest]
        if self.entries.get(str(path)) != entry:
            self.entries[str(path)] = entry
            self.changed = True

    def save(self) -> None:
        """Write the index if it changed (atomically; failures are ignored)."""
        if self.changed:
            data = json.dumps({"format": FORMAT, "files": self.entries}, separators=(",", ":")).encode()
            _write(self.path.parent, self.path, data)
            self.changed = False
