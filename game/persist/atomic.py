"""Atomic file writes: a save is either the old file or the new one, never half of each.

The bytes go to a temporary file in the same folder, which is flushed and fsynced before
``os.replace`` swaps it in (an atomic rename on POSIX and Windows). If anything fails before
the rename, the temporary file is removed and the previous save is untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: orphans are told by their age
    fcntl = None  # type: ignore[assignment]

from game.persist.errors import SaveError


def atomic_write(path: Path, data: bytes, replace: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically; raise SaveError with a readable reason.

    With ``replace=False`` an existing file is never replaced, even one another process
    creates meanwhile: the finished temporary file is hard-linked to its name (which fails
    if the name exists) and False is returned when the name was taken."""
    folder = path.parent
    if path.is_dir():
        raise SaveError(f"{path} is a folder, not a save file")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            _lock(handle.fileno())  # while we write, the temporary file is ours, not an orphan
            _set_mode(handle.fileno(), path)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(tmp, path)
        elif not _create(tmp, path):
            os.unlink(tmp)
            return False
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)
    return True


def _set_mode(fd: int, path: Path) -> None:
    """Give the temporary file (private, as mkstemp makes it) the permissions the save should
    have: those of the file it replaces, else the usual ones for a new file (0666 less the
    umask), so saving over a shared save never changes who may read it."""
    if not hasattr(os, "fchmod"):
        return
    try:
        st = os.stat(path)
        mode = stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else None
    except OSError:
        mode = None
    if mode is None:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        os.fchmod(fd, mode)


def _umask() -> int:
    """The process's umask (read from /proc where it can be, without changing it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _create(tmp: str, path: Path) -> bool:
    """Give the finished ``tmp`` the name ``path`` unless that name exists (no overwrite)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: claim the name, then fill it
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            return False
        os.replace(tmp, path)
        return True
    os.unlink(tmp)
    return True


def _lock(fd: int) -> None:
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def is_orphan(path: Path, min_age: float = 60.0) -> bool:
    """Whether a temporary file was left by a write that died: nobody holds its lock (POSIX),
    or, where locks are unknown, it is older than ``min_age`` seconds."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if not stat.S_ISREG(st.st_mode):
        return False
    if fcntl is None:
        return time.time() - st.st_mtime > min_age
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a live write holds it
    finally:
        os.close(fd)
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
