"""The shared screen documents (``game.ui.screens``) in tcod's cells: one style per role.

This is the whole of tcod's wording of the game: a role-to-style table and a loop that wraps
each block to a width. Options keep their tag, so a line of an option is a hot spot.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.ui.screens import Block, Document
from game.ui.tcod import theme, widgets
from game.ui.tcod.widgets import Doc

# role -> (colour, indent, blank line before, letter-spaced capitals)
STYLES: dict[str, tuple[theme.RGB, int, bool, bool]] = {
    "kicker": (theme.RED, 0, False, True),
    "title": (theme.BRIGHT, 0, False, False),
    "meta": (theme.DIM, 0, False, False),
    "prose": (theme.TEXT, 0, True, False),
    "hint": (theme.DIM, 0, True, False),
    "note_head": (theme.NOTE, 2, True, False),
    "note": (theme.NOTE, 2, False, False),
    "source": (theme.DIM, 2, True, False),
    "dice": (theme.KEY, 2, True, False),
    "option": (theme.TEXT, 0, False, False),
    "unavailable": (theme.FAINT, 0, False, False),
    "chosen": (theme.BRIGHT, 0, False, False),
    "requirement": (theme.FAINT, 4, False, False),
    "detail": (theme.DIM, 4, False, False),
    "odds": (theme.DIM, 4, False, False),
    "entry": (theme.BRIGHT, 0, False, False),
    "key": (theme.TEXT, 0, False, False),
}
OPTION_ROLES = ("option", "unavailable", "chosen")


def render(blocks: Iterable[Block], width: int, hang: int = 0) -> Doc:
    """The blocks wrapped to ``width`` cells, each in its role's style. With ``hang`` (the
    chronicle) an entry's date takes a column of that width and the rest hangs past it."""
    doc = Doc(width)
    blocks = tuple(blocks)
    key_width = max((len(b.key) for b in blocks if b.role == "key"), default=0) + 2
    previous_tag: int | None = None
    for b in blocks:
        if b.role == "break":
            doc.blank()
            previous_tag = None
            continue
        fg, indent, gap, spaced = STYLES[b.role]
        if b.role in OPTION_ROLES:
            if previous_tag is not None and b.tag != previous_tag:
                doc.line("")
            mark = "▸" if b.role == "chosen" else " "
            lead = theme.KEY if b.role != "unavailable" else fg
            doc.para(b.text, fg, tag=b.tag, first=f"{mark}{b.key:>1}  ", lead_fg=lead)
        elif b.role == "entry":
            if hang:
                doc.para(b.text, fg, first=f"{b.key:<{hang - 2}}  ", lead_fg=theme.RED)
            else:
                doc.line(b.key, theme.RED)
                doc.para(b.text, fg)
        elif b.role == "key":
            doc.para(b.text, fg, first=f"{b.key:<{key_width}}", lead_fg=theme.KEY)
        else:
            if gap and previous_tag is None and doc.lines and doc.lines[-1].text and not hang:
                doc.blank()
            if spaced:
                doc.line(widgets.spaced(b.text), fg, indent=indent + hang, tag=b.tag)
            else:
                doc.para(b.text, fg, indent=indent + hang, tag=b.tag)
        previous_tag = b.tag
    return doc


def render_doc(document: Document, width: int, hang: int = 0) -> Doc:
    """A whole document wrapped to ``width``."""
    return render(document.blocks, width, hang)
