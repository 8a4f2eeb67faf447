"""The shared screen documents (``game.ui.screens``) as pygame paragraphs: one style per role.

A card's heading (kicker, title, date) goes to the card's header, its options to buttons; the
rest of a document becomes ``Para``s here. This table is pygame's whole wording of the game.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.ui.pygame.theme import GREY, INK, RED, Metrics
from game.ui.pygame.widgets import Para
from game.ui.screens import Block

OPTION_ROLES = ("option", "unavailable", "chosen")


def para(b: Block, m: Metrics, first: bool, big_titles: bool = False) -> Para | None:
    """One block as a paragraph (None for a role drawn elsewhere or not at all); with
    ``big_titles`` a title is set in the title face (the ending)."""
    gap = 0 if first else m.margin
    role = b.role
    if role == "kicker":
        return Para(b.text.upper(), "poster", m.ui, RED, space=gap)
    if role == "title":
        if big_titles:
            return Para(b.text, "title", m.title, INK, space=4)
        return Para(b.text, "bold", m.ui, INK, space=4)
    if role in ("meta", "hint"):
        return Para(b.text, "italic", m.small if role == "meta" else m.prose, GREY, space=4)
    if role == "prose":
        return Para(b.text, "prose", m.prose, INK, space=4)
    if role == "note_head":
        return Para(b.text, "bold", m.small, GREY, indent=m.margin, space=8)
    if role == "note":
        return Para(b.text, "italic", m.prose, GREY, indent=m.margin, space=2)
    if role in ("source", "dice"):
        return Para(b.text, "bold" if role == "dice" else "italic", m.small, GREY, indent=m.margin, space=4)
    if role in OPTION_ROLES:
        mark = "▸ " if role == "chosen" else ""
        color = RED if role != "unavailable" else GREY
        return Para(f"{mark}{b.key + '  ' if b.key else ''}{b.text}", "bold", m.ui, color, space=m.margin // 2)
    if role in ("requirement", "detail", "odds"):
        return Para(
            b.text,
            "prose" if role == "detail" else "ui",
            m.prose if role == "detail" else m.small,
            GREY if role != "detail" else INK,
            indent=m.margin if role != "detail" else 0,
            space=2,
        )
    if role == "entry":
        return Para(f"{b.key} — {b.text}", "bold", m.small, INK, space=gap // 2)
    if role == "key":
        return Para(f"{b.key}   {b.text}", "ui", m.ui, INK, space=m.margin // 2)
    return None


def paras(blocks: Iterable[Block], m: Metrics, options: bool = True, big_titles: bool = False) -> list[Para]:
    """The blocks as paragraphs. With ``options`` False the options' own lines are left to
    the buttons, and only an option that carries prose (an action in the hand) is written out."""
    blocks = tuple(blocks)
    with_detail = {b.tag for b in blocks if b.role == "detail"}
    out: list[Para] = []
    gap = False  # a break between sections: the next paragraph keeps some distance
    for b in blocks:
        if b.role == "break":
            gap = bool(out)
            continue
        if not options and b.tag is not None and b.tag not in with_detail:
            continue
        if not options and b.tag is not None and b.role in ("requirement", "odds"):
            continue
        if b.role == "key":  # the key in red, what it does indented under it
            out.append(Para(b.key, "bold", m.ui, RED, space=m.margin // 2))
            out.append(Para(b.text, "ui", m.ui, INK, indent=m.margin * 2))
            continue
        p = para(b, m, not out, big_titles)
        if p is not None:
            if gap:
                p.space = max(p.space, m.margin * 3 // 4)
            gap = False
            out.append(p)
    return out
