"""What was left out of the content and why, in a few lines for the player (issue 9 item 5).

The loader leaves out every card, campaign or file with an error and plays on with the rest;
this is the one summary that says so, for the CLI (``play``, ``simulate``, ``calibrate``) and
for every frontend's title screen: how many cards, campaigns and other definitions were left
out, the first errors, and where to read the full report.
"""

from __future__ import annotations

from game.content.loader import Content

VALIDATE = "Run `divergence validate` for the full report."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _named(kind: str, ids: list[str], shown: int = 4) -> str:
    more = f", +{len(ids) - shown} more" if len(ids) > shown else ""
    return f"{_count(len(ids), kind)} ({', '.join(ids[:shown])}{more})"


def dropped_lines(content: Content, errors_shown: int = 3) -> list[str]:
    """The summary of what was left out: a head line with the counts, the first errors
    (``file:line:column: error: ...``), and the hint to run ``divergence validate``; an empty
    list when the content loaded whole."""
    errors = content.errors
    if not errors:
        return []
    kinds: dict[str, list[str]] = {}
    for kind, uid in content.left_out:
        if uid not in kinds.setdefault(kind, []):
            kinds[kind].append(uid)
    broken = sorted(content.broken_campaigns)
    campaigns = sorted({*kinds.pop("campaign", []), *broken})
    parts = [_named(kind, sorted(ids)) for kind, ids in sorted(kinds.items())]
    if campaigns:
        parts.append(_named("campaign", campaigns) + " with all their cards")
    what = ", ".join(parts) if parts else "the definitions in the files below"
    files = sorted({d.path for d in errors})
    lines = [f"Content left out: {what}; {_count(len(errors), 'error')} in {_count(len(files), 'file')}:"]
    lines.extend(f"  {d}" for d in errors[:errors_shown])
    if len(errors) > errors_shown:
        lines.append(f"  ... and {len(errors) - errors_shown} more")
    lines.append(VALIDATE)
    return lines
