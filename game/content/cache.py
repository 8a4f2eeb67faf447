"""The content cache: what reading and checking one file produced, kept per file by content hash.

Reading a content file (YAML parse + schema check) is a pure function of its bytes, the name
it is shown under, the mod it belongs to, the size cap and the loader's own code. An unchanged
start can therefore skip YAML and validation: each file's result (its definitions with every
line and column, its diagnostics, its references) is stored as JSON under a key that hashes all
of those, in the user's cache folder (``game.paths.cache_dir()``; ``DIVERGENCE_CACHE_DIR``
overrides it; ``DIVERGENCE_NO_CACHE=1`` or ``--no-cache`` bypasses it). A changed file has a
new key, so it invalidates only itself; a change to the loader's code changes every key.

A cache entry is untrusted input like any file on disk: it is read only if it is a regular
file (not a link), at most ``MAX_ENTRY_BYTES``, parsed as JSON (plain data: never pickle, never
code), and decoded by a strict walk that checks every shape; anything unexpected makes the
entry a miss, and the file is read again and its entry rewritten. Writing is atomic and a
failure to write (a read-only folder, a full disk) only costs the next start its speed.
"""

from __future__ import annotations

import array
import datetime
import functools
import hashlib
import itertools
import json
import os
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from game import __version__, paths
from game.content import files as files_mod
from game.content.diagnostics import Diagnostic
from game.content.fastyaml import FastDict, FastList
from game.content.validate import Reference
from game.content.yamlsafe import MAX_DEPTH, MDict, MList
from game.core.model import Origin

FORMAT = 1
NO_CACHE_ENV = "DIVERGENCE_NO_CACHE"
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_MAX_DEPTH = 2 * MAX_DEPTH + 8  # the walk's own nesting: a YAML level is one level here
# The code whose behaviour a cached result stands for: the content loader and the core
# (schema types, operation registry) it checks against.
_CODE_PACKAGES = ("game.content", "game.core")

UnitRow = tuple[str, str, Any, Origin, bool]  # kind, id, data, origin, ok
FileResult = tuple[list[UnitRow], list[Diagnostic], list[Reference]]


class _Corrupt(Exception):
    """A cache entry that is not what this code writes: ignored and rebuilt."""


class _Uncacheable(Exception):
    """A result holding a value the format does not carry: read the file every time instead."""


@functools.cache
def code_fingerprint() -> str:
    """A hash of the game version and the source of the loader and the core (read once)."""
    digest = hashlib.sha256(f"{FORMAT}:{__version__}".encode())
    for package in _CODE_PACKAGES:
        root = resources.files(package)
        for item in sorted(root.iterdir(), key=lambda p: p.name):
            if item.name.endswith(".py") and item.is_file():
                digest.update(item.name.encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()


class ContentCache:
    """A folder of cache entries, one JSON file per (file bytes, name, mod, cap, code)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def key(self, shown: str, digest: str, source_id: str, max_bytes: int) -> str:
        """The entry key of a file's result: every input of ``read_file`` and the code."""
        text = json.dumps([code_fingerprint(), shown, digest, source_id, max_bytes])
        return hashlib.sha256(text.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> FileResult | None:
        """The stored result, or None when there is none or it is damaged in any way."""
        path = self._path(key)
        try:
            if path.is_symlink():
                return None
            raw = files_mod.read_regular(path, MAX_ENTRY_BYTES)
        except (files_mod.UnreadableFile, OSError):
            return None
        try:
            return _decode(raw, key)
        except (_Corrupt, ValueError, TypeError, IndexError, OverflowError, RecursionError, MemoryError):
            return None

    def put(
        self, key: str, units: Sequence[UnitRow], diagnostics: Sequence[Diagnostic], references: Sequence[Reference]
    ) -> None:
        """Store a file's result (atomically); a result the format cannot carry is not stored."""
        try:
            data = _encode(key, units, diagnostics, references)
        except (_Uncacheable, ValueError, TypeError, RecursionError):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".entry-", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as out:
                    out.write(data)
                os.replace(tmp, self._path(key))
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            return


def _typed(units: Sequence[UnitRow], diagnostics: Sequence[Diagnostic], references: Sequence[Reference]) -> None:
    """Refuse (as uncacheable) a result whose fields are not the types the decoder insists on."""
    rows: list[tuple[Any, ...]] = [(kind, uid, o.path, o.mod) for kind, uid, _, o, _ in units]
    rows += [(d.path, d.severity, d.message, d.field) for d in diagnostics]
    rows += [(r.kind, r.name, r.role, r.path, r.field, r.scope, r.unit) for r in references]
    ints: list[Any] = [n for _, _, _, o, _ in units for n in (o.line, o.column)]
    ints += [n for d in diagnostics for n in (d.line, d.column)]
    ints += [n for r in references for n in r.mark]
    if any(type(x) is not str for row in rows for x in row) or any(type(n) is not int for n in ints):
        raise _Uncacheable
    if any(type(ok) is not bool for *_, ok in units) or any(len(r.mark) != 2 for r in references):
        raise _Uncacheable


def default_cache() -> ContentCache | None:
    """The cache of this process: None when bypassed (``DIVERGENCE_NO_CACHE``), else the folder."""
    if os.environ.get(NO_CACHE_ENV):
        return None
    return ContentCache(paths.cache_dir())


# --- the format ------------------------------------------------------------------------------
#
# An entry is two lines of JSON: a header [FORMAT, key, sha256 of the payload, payload length]
# and the payload [line steps, columns, units, diagnostics, references]. Every line and column
# of every value is in the two flat int lists (lines as steps from the previous one, so they
# are small); a container names where its marks start. A mapping is ["m", at, keys, values]
# (+ raw pairs, merged keys when it has them), a list ["l", at, items] (+ raw pairs); a date
# ["d", iso], a date and time ["t", iso]; every other value is itself. JSON objects never occur
# in a payload, so one found while parsing is a damaged entry.


class _Marks:
    """The marks of an entry being written: two flat lists, appended in walk order."""

    def __init__(self) -> None:
        self.lines: list[int] = []
        self.cols: list[int] = []

    def add(self, mark: tuple[int, int]) -> None:
        line, col = mark
        if type(line) is not int or type(col) is not int:
            raise _Uncacheable
        self.lines.append(line)
        self.cols.append(col)


def _key_ok(key: Any) -> Any:
    cls = type(key)
    if cls is str or cls is int or cls is float or cls is bool or key is None:
        return key
    raise _Uncacheable  # a date as a key: such a file is read every time


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _enc(value: Any, marks: _Marks) -> Any:
    cls = type(value)
    if cls in _SCALARS:
        return value
    scalars = _SCALARS
    if cls is MDict or cls is FastDict:
        at = len(marks.lines)
        marks.add(value.mark)
        packed = value._pk if cls is FastDict else None
        if packed is not None and packed[2] + 2 * len(value) <= min(len(packed[0]), len(packed[1])):
            lines, cols, start = packed  # marks straight from the fast reader: ints, in key order
            marks.lines.extend(lines[start : start + 2 * len(value)])
            marks.cols.extend(cols[start : start + 2 * len(value)])
            keys = [_key_ok(k) for k in value]
        else:
            km, vm = value.key_marks, value.value_marks
            keys = []
            for k in value:
                if k not in km or k not in vm:
                    raise _Uncacheable
                marks.add(km[k])
                marks.add(vm[k])
                keys.append(_key_ok(k))
        values = [v if type(v) in scalars else _enc(v, marks) for v in value.values()]
        out: list[Any] = ["m", at, keys, values]
        if value.raw or value.merged:
            out.append([[_key_ok(k), r] for k, r in value.raw.items()])
            out.append([_key_ok(k) for k in value.merged])
        return out
    if cls is MList or cls is FastList:
        at = len(marks.lines)
        marks.add(value.mark)
        packed = value._pk if cls is FastList else None
        if packed is not None and packed[2] + len(value) <= min(len(packed[0]), len(packed[1])):
            lines, cols, start = packed
            marks.lines.extend(lines[start : start + len(value)])
            marks.cols.extend(cols[start : start + len(value)])
        else:
            if len(value.marks) != len(value):
                raise _Uncacheable
            for mark in value.marks:
                marks.add(mark)
        out = ["l", at, [v if type(v) in scalars else _enc(v, marks) for v in value]]
        if value.raw:
            out.append([[i, r] for i, r in value.raw.items()])
        return out
    if cls is datetime.datetime:
        return ["t", value.isoformat()]
    if cls is datetime.date:
        return ["d", value.isoformat()]
    raise _Uncacheable


def _encode(
    key: str, units: Sequence[UnitRow], diagnostics: Sequence[Diagnostic], references: Sequence[Reference]
) -> bytes:
    _typed(units, diagnostics, references)
    marks = _Marks()
    rows = [[kind, uid, _enc(data, marks), o.path, o.line, o.column, o.mod, ok] for kind, uid, data, o, ok in units]
    steps = [b - a for a, b in zip([0, *marks.lines], marks.lines, strict=False)]
    payload = [
        steps,
        marks.cols,
        rows,
        [[d.path, d.line, d.column, d.severity, d.message, d.field] for d in diagnostics],
        [[r.kind, r.name, r.role, r.path, r.mark[0], r.mark[1], r.field, r.scope, r.unit] for r in references],
    ]
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), check_circular=False).encode("utf-8")
    head = json.dumps([FORMAT, key, hashlib.sha256(body).hexdigest(), len(body)]).encode()
    return head + b"\n" + body


def _refuse_object(pairs: Any) -> Any:
    raise _Corrupt  # a payload never holds a JSON object


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Corrupt
    return value


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Corrupt
    return value


def _list(value: Any, length: int | None = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise _Corrupt
    return value


def _reader(lines: array.array[int], cols: array.array[int]) -> Any:
    """The decoder of one payload's values: turns tagged lists back into marked values,
    checking every shape on the way (a hot loop: locals only, one call per container)."""
    count = len(lines)

    def value(node: list[Any], depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise _Corrupt
        size = len(node)
        tag = node[0] if size else None
        if tag == "m":
            if size == 4:
                _, at, keys, values = node
                extra = None
            elif size == 6:
                _, at, keys, values, raw, merged = node
                extra = (raw, merged)
            else:
                raise _Corrupt
            if type(keys) is not list or type(values) is not list or type(at) is not int:
                raise _Corrupt
            n = len(keys)
            if n != len(values) or at < 0 or at + 1 + 2 * n > count:
                raise _Corrupt
            for i, v in enumerate(values):
                if type(v) is list:
                    values[i] = value(v, depth + 1)
            d = MDict((lines[at], cols[at]))
            d.update(zip(keys, values, strict=True))  # a list as a key is unhashable: TypeError
            if len(d) != n:
                raise _Corrupt
            d.pack_marks(lines, cols, at + 1)
            if extra is not None:
                for pair in _list(extra[0]):
                    k, r = _list(pair, 2)
                    if k not in d:
                        raise _Corrupt
                    d.raw[k] = _str(r)
                for k in _list(extra[1]):
                    if k not in d:
                        raise _Corrupt
                    d.merged.add(k)
            return d
        if tag == "l":
            if size == 3:
                _, at, items = node
                raw_items = None
            elif size == 4:
                _, at, items, raw_items = node
            else:
                raise _Corrupt
            if type(items) is not list or type(at) is not int:
                raise _Corrupt
            n = len(items)
            if at < 0 or at + 1 + n > count:
                raise _Corrupt
            for i, v in enumerate(items):
                if type(v) is list:
                    items[i] = value(v, depth + 1)
            lst = MList((lines[at], cols[at]))
            lst.extend(items)
            lst.pack_marks(lines, cols, at + 1)
            if raw_items is not None:
                for pair in _list(raw_items):
                    i, r = _list(pair, 2)
                    if type(i) is not int or not 0 <= i < n:
                        raise _Corrupt
                    lst.raw[i] = _str(r)
            return lst
        if (tag == "t" or tag == "d") and size == 2:
            text = _str(node[1])
            if tag == "t":
                return datetime.datetime.fromisoformat(text)
            return datetime.date.fromisoformat(text)
        raise _Corrupt

    return value


def _decode(raw: bytes, key: str) -> FileResult:
    head, sep, body = raw.partition(b"\n")
    if not sep:
        raise _Corrupt
    header = json.loads(head, object_pairs_hook=_refuse_object)
    if header != [FORMAT, key, hashlib.sha256(body).hexdigest(), len(body)]:
        raise _Corrupt  # another format, another key, or damaged (truncated, changed) bytes
    payload = json.loads(body, object_pairs_hook=_refuse_object)
    steps, cols, rows, diag_rows, ref_rows = _list(payload, 5)
    lines = array.array("q", itertools.accumulate(_list(steps)))
    columns = array.array("q", _list(cols))
    if len(lines) != len(columns):
        raise _Corrupt
    read = _reader(lines, columns)
    units: list[UnitRow] = []
    for row in _list(rows):
        kind, uid, data, path, line, col, mod, ok = _list(row, 8)
        if type(ok) is not bool:
            raise _Corrupt
        if type(data) is list:
            data = read(data, 0)
        units.append((_str(kind), _str(uid), data, Origin(_str(path), _int(line), _int(col), _str(mod)), ok))
    diagnostics = []
    for row in _list(diag_rows):
        path, line, col, severity, message, field = _list(row, 6)
        diagnostics.append(Diagnostic(_str(path), _int(line), _int(col), _str(severity), _str(message), _str(field)))
    references = []
    for row in _list(ref_rows):
        kind, name, role, path, ml, mc, field, scope, unit = _list(row, 9)
        references.append(
            Reference(
                _str(kind),
                _str(name),
                _str(role),
                _str(path),
                (_int(ml), _int(mc)),
                _str(field),
                _str(scope),
                _str(unit),
            )
        )
    return units, diagnostics, references
