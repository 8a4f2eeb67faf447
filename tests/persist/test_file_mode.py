"""Saving over a save keeps the file's permissions (an atomic write goes through a temporary
file, made private by mkstemp), and a new save gets the usual ones (0666 less the umask)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from game.persist.atomic import atomic_write

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_resave_keeps_the_files_mode_and_a_new_save_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        shared = tmp_path / "shared.json"
        shared.write_bytes(b"{}")
        os.chmod(shared, 0o640)
        atomic_write(shared, b'{"a": 1}')
        assert _mode(shared) == 0o640 and shared.read_bytes() == b'{"a": 1}'
        fresh = tmp_path / "fresh.json"
        atomic_write(fresh, b"{}")
        assert _mode(fresh) == 0o644
        claimed = tmp_path / "claimed.json"
        assert atomic_write(claimed, b"{}", replace=False)
        assert _mode(claimed) == 0o644
    finally:
        os.umask(old)
