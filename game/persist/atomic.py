"""Atomic file writes: a save is either the old file or the new one, never half of each.

The bytes go to a temporary file in the same folder, which is flushed and fsynced before
``os.replace`` swaps it in (an atomic rename on POSIX and Windows). If anything fails before
the rename, the temporary file is removed and the previous save is untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from game.persist.errors import SaveError


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise SaveError with a readable reason."""
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
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise SaveError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(folder)


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
