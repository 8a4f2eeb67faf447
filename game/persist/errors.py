"""The one error the persist layer raises for anything a user can cause or fix."""

from __future__ import annotations


class SaveError(Exception):
    """A save that cannot be read, written or used; the message says why in one sentence."""


def naming(where: object, exc: Exception) -> str:
    """``WHERE: message`` for a command line, or the message alone when it already begins by
    naming that file (the reader names the file it refuses), so no file is named twice."""
    text = str(exc)
    first = text.split(" ", 1)[0].rstrip(":")
    where_text = str(where)
    stem = first.rsplit("/", 1)[-1].removesuffix(".json")
    if first == where_text or stem == where_text.rsplit("/", 1)[-1].removesuffix(".json"):
        return text
    return f"{where_text}: {text}"
