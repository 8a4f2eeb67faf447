"""The one error the persist layer raises for anything a user can cause or fix."""

from __future__ import annotations


class SaveError(Exception):
    """A save that cannot be read, written or used; the message says why in one sentence."""
