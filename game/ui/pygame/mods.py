"""The Mods screen of the title menu: the load order and every mod installed or given, from
the shared document (``game.ui.screens.mods_doc``), each mod a button. Enter, a click or a
mod's number switches a mod of the user mod folder on or off through the session
(``GameSession.toggle_mod``), which reloads the content at once; a mod given with ``--mod``
or with a broken manifest says why it cannot be switched."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pygame

from game.ui import screens
from game.ui.pygame import documents
from game.ui.pygame.base import fill_paper
from game.ui.pygame.menus import ErrorsScreen, PagedScreen, heading, stack
from game.ui.pygame.theme import GREY, PAPER, RED, blit_lines
from game.ui.pygame.widgets import Button, RichText
from game.ui.services import ModsInfo

if TYPE_CHECKING:
    from game.ui.pygame.app import App


class ModsScreen(PagedScreen):
    """The mods, a page of buttons at a time (PgUp/PgDn when they do not fit)."""

    name = "mods"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.info: ModsInfo | None = None
        self.problem = ""
        self.page = 0
        self.head = RichText(self.theme)
        self.read()

    # --- the data ---------------------------------------------------------------------------

    def read(self) -> None:
        """Ask the session for the list (again after each switch: states and order change)."""
        self.info, note = self.app.game.mods()
        self.problem = note.text if note is not None else ""

    def document(self) -> screens.Document | None:
        return screens.mods_doc(self.info) if self.info is not None else None

    def entries(self) -> list[tuple[int, tuple[screens.Block, ...]]]:
        """(index into ``info.mods``, its blocks) for every mod of the document."""
        doc = self.document()
        return sorted(doc.options().items()) if doc is not None else []

    # --- layout -----------------------------------------------------------------------------

    def _per_page(self, size: tuple[int, int]) -> int:
        r = self._frame(size)
        return max(1, (r["back"].y - r["list"].y - self.metrics(size).margin) // (r["row"].h + r["row"].y))

    def _frame(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        m = self.metrics(size)
        th = self.theme
        col_w = min(w - 4 * m.margin, 1000)
        col = pygame.Rect((w - col_w) // 2, 2 * m.margin, col_w, 0)
        head_h = th.line_height("poster", m.title) + 12
        rects = {"heading": pygame.Rect(col.x, col.y, col.w, head_h)}
        doc = self.document()
        if doc is not None:  # the head as tall as its text, at most a third of the window
            text = RichText(th)
            text.set(documents.paras(doc.head(), m))
            text.layout(col.w - 10)
            head_h = min(text.height + m.margin // 2, h // 3)
        else:
            head_h = 3 * th.line_height("italic", m.prose)
        rects["head"] = pygame.Rect(col.x, rects["heading"].bottom + m.margin // 2, col.w, head_h)
        rects["list"] = pygame.Rect(col.x, rects["head"].bottom + m.margin, col.w, 0)
        bh = th.line_height("ui", m.ui) + th.line_height("ui", m.small) + m.margin
        rects["row"] = pygame.Rect(0, m.margin // 2, col.w, bh)  # y: the gap between rows
        back_h = th.line_height("ui", m.ui) + m.margin
        rects["back"] = pygame.Rect(
            col.x, h - 2 * m.margin - back_h, th.width("Back", "ui", m.ui) + 6 * m.margin, back_h
        )
        b = rects["back"]
        rects["pages"] = pygame.Rect(b.right + m.margin, b.y, max(0, col.right - b.right - m.margin), back_h)
        return rects

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        r = self._frame(size)
        per = self._per_page(size)
        shown = self.entries()[self.page * per :][:per]
        row = r["row"]
        for i, rect in enumerate(stack(r["list"].x, r["list"].y, row.w, [row.h] * len(shown), row.y)):
            r[f"mod{i}"] = rect
        return r

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        r = self.layout(size)
        return [r["heading"], r["head"]]

    def pages(self) -> int:
        return max(1, -(-len(self.entries()) // self._per_page(self.app.size)))

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        per = self._per_page(size)
        out = []
        for i, (index, blocks) in enumerate(self.entries()[self.page * per :][:per]):
            head, rest = blocks[0], blocks[1:]
            out.append(
                Button(
                    r[f"mod{i}"],
                    head.text,
                    functools.partial(self.switch, index),
                    key=head.key,
                    sub=" · ".join(b.text for b in rest),
                    enabled=head.role == "option",
                )
            )
        out.append(Button(r["back"], "Back", self.back, key="Esc"))
        return out

    # --- actions ----------------------------------------------------------------------------

    def activate(self, button: Button) -> None:
        """Every mod's button acts: one that cannot be switched has the session say why."""
        button.action()
        self.app.dirty = True

    def switch(self, index: int) -> None:
        """Switch the mod on or off (the session reloads the content) and read the list again."""
        if self.info is None or not 0 <= index < len(self.info.mods):
            return
        step, problems = self.app.game.toggle_mod(self.info.mods[index].id)
        self.app.say(step)
        self.read()
        self.page = min(self.page, self.pages() - 1)
        self.relayout()
        for screen in self.app.stack:  # the title's dropped-content lines follow the new set
            screen.relayout()
        if problems:
            self.app.push(ErrorsScreen(self.app, list(problems), True))

    def key(self, event: pygame.event.Event) -> None:
        if self.page_key(event):
            return
        if event.unicode and event.unicode.isdigit():
            for index, blocks in self.entries():
                if blocks[0].key == event.unicode:
                    self.switch(index)
                    return
            self.app.toast(f"{event.unicode}: no mod has that number here.")
            return
        self.unknown_key(event)

    def keys_help(self) -> str:
        parts = ["a mod's number or Enter switches it"] if self.entries() else []
        parts.append("the arrows move")
        if self.pages() > 1:
            parts.append("PgUp PgDn turn the pages")
        parts.append("Esc goes back")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]

    # --- drawing ----------------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        m = self.metrics(size)
        r = self.layout(size)
        fill_paper(surface)
        hd = r["heading"]
        heading(surface, self.theme, m, screens.MODS_TITLE, hd.x, hd.y)
        doc = self.document()
        if doc is None:
            lines = self.theme.wrap(self.problem, "italic", m.prose, r["head"].w)
            blit_lines(surface, self.theme, lines, "italic", m.prose, GREY, r["head"].x, r["head"].y)
            return
        self.head.set(documents.paras(doc.head(), m))
        self.head.draw(surface, r["head"], PAPER)
        if self.pages() > 1:
            more = " · PgDn for more" if self.page < self.pages() - 1 else " · PgUp for the first"
            text = f"Page {self.page + 1} of {self.pages()} ({len(self.entries())} mods){more}"
            pr = r["pages"]
            ps = self.theme.text(self.theme.ellipsize(text, "bold", m.small, pr.w), "bold", m.small, RED, PAPER)
            surface.blit(ps, (pr.right - ps.get_width(), pr.centery - ps.get_height() // 2))
