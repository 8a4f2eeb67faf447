"""Finding and reading a content folder's files as untrusted input.

A mod is a folder from a stranger (often unpacked from an archive, which keeps named pipes,
device nodes and symbolic links). Content therefore only ever opens *regular* files inside the
folder: every candidate is checked with ``lstat`` while the folder is walked and again with
``fstat`` on the open descriptor (opened non-blocking, so a named pipe never blocks), and every
read is bounded by the cap, never by the size the file claims. A folder also has a budget of
files and bytes: a mod past it is refused with a message, never silently cut short.

Everything refused is reported as a :class:`Diagnostic` naming the file, so a modder sees why
a file did not load instead of wondering.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import attrs

from game.content.diagnostics import Diagnostic

YAML_SUFFIXES = (".yaml", ".yml")
MANIFEST = "mod.yaml"


@attrs.frozen
class Budget:
    """What one content folder may hold at most (every limit is reported when passed)."""

    files: int = 5000
    bytes: int = 32 * 1024 * 1024
    cards: int = 25_000
    file_bytes: int = 4 * 1024 * 1024


DEFAULT_BUDGET = Budget()


class UnreadableFile(Exception):
    """A content file that is not read (not regular, outside the folder, too big, I/O error)."""


@attrs.frozen
class Scan:
    """The content files of a folder, in sorted order, and what was refused while finding them."""

    files: list[Path]
    problems: list[Diagnostic]
    over_budget: bool = False


def display(path: Path) -> str:
    """A path as shown in messages: relative to the working folder where that is short."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith(".." + os.sep + "..") else rel


def _what(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def _error(path: Path, message: str) -> Diagnostic:
    return Diagnostic(display(path), 1, 1, "error", message)


def scan(root: Path, budget: Budget = DEFAULT_BUDGET) -> Scan:
    """The YAML files under ``root`` (sorted by relative path), never following a link out.

    A symbolic link to a file inside the folder is read once, under the link's name only if
    its target is not itself listed; a link leading outside, a named pipe, a device or a
    socket is refused with an error naming it. Past ``budget.files`` files the walk stops and
    the folder is reported as over budget (its files are then not read at all).
    """
    root = root.resolve()
    found: dict[Path, Path] = {}  # resolved target -> the path it was found under
    problems: list[Diagnostic] = []
    for path, is_dir_link in _walk(root):
        try:
            st = os.lstat(path)
        except OSError as exc:
            problems.append(_error(path, f"cannot read the file: {exc.strerror or exc}"))
            continue
        if stat.S_ISLNK(st.st_mode):
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                problems.append(_error(path, "is a symbolic link that leads nowhere (or loops); not read"))
                continue
            if not target.is_relative_to(root):
                what = "folder" if is_dir_link else "file"
                problems.append(
                    _error(
                        path,
                        f"is a symbolic link to the {what} {target}, outside the mod's folder; content is only "
                        "read from inside it: copy the file in instead",
                    )
                )
                continue
            if is_dir_link:
                continue  # a link to a folder inside: its files are found under their own names
            try:
                st = os.stat(target)
            except OSError as exc:
                problems.append(_error(path, f"cannot read the file: {exc.strerror or exc}"))
                continue
        else:
            target = path
        kind = _what(st.st_mode)
        if kind is not None:
            problems.append(_error(path, f"is {kind}, not a regular file; not read"))
            continue
        if target not in found:
            found[target] = path
        if len(found) > budget.files:
            problems.append(
                Diagnostic(
                    display(root),
                    1,
                    1,
                    "error",
                    f"the folder has more than {budget.files:,} content files (the budget of a mod); "
                    "none of them is loaded: merge small files or split the mod",
                )
            )
            return Scan([], problems, over_budget=True)
    files = sorted(found.values(), key=lambda p: p.relative_to(root).as_posix())
    return Scan(files, problems)


def _walk(root: Path) -> Iterator[tuple[Path, bool]]:
    """Candidate YAML files (and links to folders) under root, in sorted order, never following links."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if os.path.islink(here / d):
                yield here / d, True
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.startswith(".") or not name.endswith(YAML_SUFFIXES):
                continue
            if here == root and name == MANIFEST:
                continue
            yield here / name, False


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_OPEN_FLAGS |= getattr(os, "O_BINARY", 0)


def read_regular(path: Path, cap: int) -> bytes:
    """The bytes of a regular file, at most ``cap`` of them.

    The file is opened without following a final symbolic link and without blocking, checked
    with ``fstat`` to be a regular file, and read in chunks up to ``cap + 1`` bytes, so a file
    that grows or lies about its size is refused rather than read without end.
    Raises UnreadableFile with a message that can be shown as it is.
    """
    target = path.resolve() if path.is_symlink() else path
    try:
        fd = os.open(target, _OPEN_FLAGS)
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        kind = _what(st.st_mode)
        if kind is not None:
            raise UnreadableFile(f"is {kind}, not a regular file; not read")
        if st.st_size > cap:
            raise UnreadableFile(f"file is {st.st_size:,} bytes, more than the limit of {cap:,}")
        chunks: list[bytes] = []
        got = 0
        while got <= cap:
            try:
                chunk = os.read(fd, min(1 << 20, cap + 1 - got))
            except BlockingIOError:
                raise UnreadableFile("is not ready to read (not a regular file?); not read") from None
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > cap:
            raise UnreadableFile(f"file is more than the limit of {cap:,} bytes")
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableFile(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
