"""Reading a save file from a stranger: size cap, UTF-8, safe parsing, checksum, migrations.

Saves are written as JSON; a save converted to YAML by hand is also read, through the
project's safe YAML reader (no tags that build objects, caps on aliases, depth and size).
Nothing here ever runs code from the file.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

from game.content.files import UnreadableFile, read_regular
from game.content.yamlsafe import YamlError
from game.content.yamlsafe import load as load_yaml
from game.core.dates import parse_month
from game.persist import migrate
from game.persist.digest import HASH_FIELDS
from game.persist.document import FORMAT_NAME, SaveFile, canonical_text, checksum_of, from_document
from game.persist.errors import SaveError

# The cap: what loads in about 2 s (bench/bench_persist.py --big: ~230 ms of CPU per MB of the
# densest legal save, so 6 MiB ~ 1.5 s); real games are 40-600 decisions, 0.03-0.3 MB.
MAX_SAVE_BYTES = 6 * 1024 * 1024
MAX_DIGITS = 18  # an integer in a save is a seed, a turn, a meter: nothing needs more digits


def read_bytes(path: Path, max_bytes: int = MAX_SAVE_BYTES) -> bytes:
    """The bytes of a save file: only a regular file (a named pipe, a device or a socket is
    refused by ``lstat``/``fstat`` before any read could block), and never more than the cap,
    whatever size the file claims."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except OSError as exc:
        raise SaveError(f"cannot read {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise SaveError(f"{path} is a folder, not a save file")
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise SaveError(f"{path} is {st.st_size:,} bytes, more than a save can be ({max_bytes:,}); not loaded")
    try:
        return read_regular(path, max_bytes)
    except UnreadableFile as exc:
        text = str(exc)
        if "more than the limit" in text:
            raise SaveError(f"{path} is more than {max_bytes:,} bytes, more than a save can be; not loaded") from None
        raise SaveError(f"{path} {text}" if text.startswith("is ") else f"{path}: {text}") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise SaveError(f"the key {key!r} appears twice in one object")
    return result


def _bad_constant(name: str) -> Any:
    raise SaveError(f"{name} is not a number a save may hold")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise SaveError(f"the number {text[:40]} is out of range for a save")
    return value


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise SaveError(f"an integer of {len(text.lstrip('-')):,} digits is more than a save may hold")
    return int(text)


# Every byte as a class: a digit "d", a point ".", anything else " ". A JSON integer token
# follows a byte of class " " (":", ",", "[", a space, "-"), never a point, so the needle
# below is in the classes of any text holding an integer of too many digits; a float's
# fraction follows a point and never matches (digits in strings may: that only sends the
# file through the integer hook). bytes.translate and ``in`` run in C, 1 ms per 1.2 MB.
_CLASSES = bytes(ord("d") if 48 <= b <= 57 else ord(".") if b == 46 else 32 for b in range(256))
_LONG_INT = b" " + b"d" * (MAX_DIGITS + 1)


def _may_hold_long_int(data: bytes) -> bool:
    """Whether a JSON text may hold an integer of more than MAX_DIGITS digits."""
    return _LONG_INT in data.translate(_CLASSES)


def parse(data: bytes, max_bytes: int = MAX_SAVE_BYTES) -> Any:
    """Plain data from the bytes of a save (JSON, or safe YAML); SaveError on anything else."""
    return _parse(data, max_bytes, strict=True)[0]


def _parse(data: bytes, max_bytes: int, strict: bool) -> tuple[Any, str]:
    """``parse``, and the JSON text when the fast route was taken ("" otherwise).

    The strict route checks every object for a repeated key and every integer for its
    digits in Python hooks. The fast one (``strict=False``) leaves the per-object hook out,
    and the integer hook too when no run of digits in the whole text is long enough to be a
    refused integer: a repeated key must then be ruled out by ``_no_repeated_key`` (read_document
    does, from the canonical text it makes for the checksum) or the strict route taken."""
    if not data.strip():
        raise SaveError("the file is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(f"the file is not UTF-8 text (bad byte at offset {exc.start}); is it a save?") from None
    text = text.removeprefix("\ufeff")
    if text.lstrip().startswith("{"):
        hooks: dict[str, Any] = {"parse_constant": _bad_constant, "parse_float": _finite}
        if strict:
            hooks["object_pairs_hook"] = _no_duplicates
        if strict or _may_hold_long_int(data):
            hooks["parse_int"] = _bounded_int
        try:
            return json.loads(text, **hooks), ("" if strict else text)
        except json.JSONDecodeError as exc:
            raise SaveError(
                f"the file is not complete JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); it may be truncated"
            ) from None
        except RecursionError:
            raise SaveError("the file nests too deeply to be a save") from None
        except ValueError as exc:  # anything else json refuses (it raises no other kind)
            raise SaveError(f"the file is not a save: {exc}") from None
    try:
        doc = load_yaml(text, max_bytes=max_bytes)
    except YamlError as exc:
        raise SaveError(f"the file is not a save (line {exc.line}, column {exc.column}: {exc.message})") from None
    _check_numbers(doc)
    return doc, ""


def _no_repeated_key(text: str, doc: dict[str, Any], canonical: str) -> bool:
    """Whether a JSON text parsed (without the per-object hook) into ``doc`` surely had no
    repeated key, told from ``canonical`` (``canonical_text(doc)``) by counting colons.

    Every key of the text puts one colon outside strings; colons inside strings are the same
    characters in both texts, raw or as a ``\\u003a`` escape (a JSON writer never escapes a
    colon otherwise). A repeated key is kept once in ``doc``, so its text's colons (one at
    least) are missing from the canonical text; a backslash before ``u003a`` that is not an
    escape only makes the text's count larger. Equal counts therefore rule a repeat out."""
    in_text = text.count(":") + text.count("\\u003a") + text.count("\\u003A")
    return canonical.count(":") + ("checksum" in doc) == in_text


def _check_numbers(value: Any) -> None:
    """The YAML route's numbers must obey the JSON route's limits (finite, bounded digits)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise SaveError(f"the number {item} is out of range for a save")
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) >= 10**MAX_DIGITS:
            raise SaveError("an integer in the file is larger than a save may hold")


def read_document(data: bytes, max_bytes: int = MAX_SAVE_BYTES) -> SaveFile:
    """Parse, check the checksum, migrate to the current format, structure."""
    doc, text = _parse(data, max_bytes, strict=False)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise SaveError("the file is not a Divergence save (no 'format: divergence-save' in it)")
    version = migrate.version_of(doc)
    expected = doc.get("checksum")
    try:
        canonical = canonical_text(doc)
    except (ValueError, TypeError):  # a value the canonical form cannot hold
        canonical = ""
    if text and not (canonical and _no_repeated_key(text, doc, canonical)):
        doc = parse(data, max_bytes)  # the strict route: names a repeated key, or finds none
        try:
            canonical = canonical_text(doc)
        except (ValueError, TypeError):
            canonical = ""
    actual = checksum_of(doc, canonical) if canonical else ""
    if not isinstance(expected, str) or actual != expected:
        raise SaveError("the save's checksum does not match its contents: it was damaged or edited by hand")
    doc = migrate.upgrade(doc, version)
    save = from_document(doc)
    check_shape(save)
    return save


def check_shape(save: SaveFile) -> None:
    """Consistency a checksum cannot vouch for (a stranger can recompute it)."""
    if save.hash_version not in HASH_FIELDS or save.hash_version > save.format_version:
        raise SaveError(f"not a valid save: its state hashes are of a version ({save.hash_version}) no game writes")
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
    for i, step in enumerate(save.commands):
        try:
            parse_month(step.date)
        except ValueError as exc:
            raise SaveError(f"not a valid save: decision {i + 1}: {exc}") from None


def read_save(path: Path, max_bytes: int = MAX_SAVE_BYTES) -> SaveFile:
    """Read and check a save file from disk."""
    return read_document(read_bytes(path, max_bytes), max_bytes)
