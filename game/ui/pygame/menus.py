"""The menu screens: title, new game, load, settings, help, and the reload report."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import screens
from game.ui.pygame import documents
from game.ui.pygame.base import Screen, fill_paper, panel
from game.ui.pygame.theme import (
    CARD,
    CREAM_DIM,
    GREY,
    INK,
    PAPER,
    RED,
    TEXT_SCALES,
    Metrics,
    Theme,
    actor_letter,
    blit_lines,
    emblem,
    palette_name,
    text_size_name,
)
from game.ui.pygame.widgets import Button, Para, RichText, draw_button
from game.ui.services import SaveInfo, UserError
from game.ui.session import SEED_MAX, SEED_RULE, random_seed
from game.ui.textsafe import parse_choice

if TYPE_CHECKING:
    from game.ui.pygame.app import App


SEED_DIGITS = len(str(SEED_MAX))  # the seed box takes no more digits than the largest seed has


def stack(x: int, y: int, w: int, heights: list[int], gap: int) -> list[pygame.Rect]:
    """Rects one under another."""
    out = []
    for h in heights:
        out.append(pygame.Rect(x, y, w, h))
        y += h + gap
    return out


def heading(surface: pygame.Surface, theme: Theme, m: Metrics, text: str, x: int, y: int, sub: str = "") -> int:
    """A poster heading with a red rule under it; returns the y below."""
    hs = theme.text(text.upper(), "poster", m.title, INK)
    surface.blit(hs, (x, y))
    y += hs.get_height()
    pygame.draw.rect(surface, RED, (x, y + 2, max(hs.get_width(), 120), 5))
    y += 12
    if sub:
        ss = theme.text(sub, "italic", m.ui, GREY)
        surface.blit(ss, (x, y))
        y += ss.get_height() + 4
    return y


class TitleScreen(Screen):
    """The poster: the game's name in Latin and Cyrillic, the emblem, and the menu."""

    name = "title"

    def items(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = self.app
        out: list[tuple[str, str, Callable[[], None]]] = []
        if app.game.suspended is not None:
            out.append(("Continue", "C", app.resume))
        out += [
            ("New game", "N", lambda: app.open("new")),
            ("Load a saved game", "L", lambda: app.open("load")),
            ("Watch a replay", "R", lambda: app.open("replay")),
            ("Settings", "S", lambda: app.open("settings")),
        ]
        if app.services.mods is not None:  # a session that knows the mod folders (the CLI's)
            out.append(("Mods", "M", lambda: app.open("mods")))
        out += [
            ("How to play", "H", lambda: app.open("help")),
            ("Quit", "Q", app.quit),
        ]
        return out

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        m = self.metrics(size)
        poster = pygame.Rect(0, 0, round(w * 0.58), h)
        col_w = min(w - poster.w - 4 * m.margin, 520)
        n = len(self.items())
        bh = self.theme.line_height("ui", m.ui) + m.margin
        gap = max(6, m.margin // 2)
        total = n * bh + (n - 1) * gap
        y = max(m.margin, (h - total) // 2)
        rects = {"poster": poster, "menu": pygame.Rect(poster.right + 2 * m.margin, y, col_w, total)}
        for i, r in enumerate(stack(rects["menu"].x, y, col_w, [bh] * n, gap)):
            rects[f"item{i}"] = r
        return rects

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        r = self.layout(size)
        return [r["poster"], r["menu"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        return [Button(r[f"item{i}"], label, action, key=key) for i, (label, key, action) in enumerate(self.items())]

    def key(self, event: pygame.event.Event) -> None:
        for label, key, action in self.items():
            if event.unicode and event.unicode.upper() == key:
                del label
                action()
                return
        self.unknown_key(event)

    def keys_help(self) -> str:
        return "The menu's keys are " + ", ".join(k for _label, k, _action in self.items())

    def back(self) -> None:
        self.app.quit()

    def draw_content(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        _w, h = size
        m = self.metrics(size)
        r = self.layout(size)
        fill_paper(surface)
        p = r["poster"]
        pygame.draw.rect(surface, INK, p)
        e = max(64, min(p.w // 4, h // 4))
        x = 3 * m.margin
        surface.blit(emblem("Д", e), (x, 3 * m.margin))
        big = max(m.title * 2, min(p.w // 7, h // 7))
        y = 3 * m.margin + e + 2 * m.margin
        ts = self.theme.text("DIVERGENCE", "poster", big, PAPER)
        if ts.get_width() > p.w - 4 * m.margin:
            big = big * (p.w - 4 * m.margin) // ts.get_width()
            ts = self.theme.text("DIVERGENCE", "poster", big, PAPER)
        surface.blit(ts, (x, y))
        y += ts.get_height()
        cs = self.theme.text("РАСХОЖДЕНИЕ", "poster", big * 5 // 9, RED)
        surface.blit(cs, (x + 4, y))
        y += cs.get_height() + m.margin
        lines = self.theme.wrap(screens.SUBTITLE, "italic", m.prose, p.w - 2 * x)
        y = blit_lines(surface, self.theme, lines, "italic", m.prose, PAPER, x + 4, y)
        # a red wedge striking up across the black field below the words, as on a constructivist poster
        top = y + 2 * m.margin
        pygame.draw.polygon(
            surface,
            RED,
            [(0, h - 2 * m.margin), (p.right, top), (p.right, top + (h - top) // 3), (round(p.w * 0.2), h)],
        )
        foot = self.theme.text("Every chance is a historical claim with a source.", "ui", m.small, PAPER)
        surface.blit(foot, (x + 4, h - 2 * m.margin - foot.get_height()))
        menu = r["menu"]
        y = menu.bottom + 2 * m.margin
        for line in self.app.game.dropped():  # content left out is never silent
            wrapped = self.theme.wrap(line, "ui", m.small, menu.w)
            y = blit_lines(surface, self.theme, wrapped, "ui", m.small, RED, menu.x, y)


class NewGameScreen(Screen):
    """Choose a character, a seed and a mode (historian or immersive), then start."""

    name = "new"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.campaign = 0
        self.seed = str(random_seed())
        self.historian = app.settings.historian
        self.ironman = False

    SUMMARY_LINES = 3

    def _columns(self, width: int, m: Metrics) -> int:
        """Campaign cards side by side when they fit (up to three in a row, two for four), else one under another."""
        n = max(1, len(self.app.game.campaigns()))
        for cols in (n, 2) if n <= 3 else (3 if n % 3 == 0 else 2, 2):
            if cols <= n and (width - (cols - 1) * m.margin) // cols >= 300:
                return cols
        return 1

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        m = self.metrics(size)
        th = self.theme
        col = pygame.Rect(0, 0, min(w - 4 * m.margin, 1100), 0)
        col.x = (w - col.w) // 2
        lh_ui, lh_small = th.line_height("ui", m.ui), th.line_height("ui", m.small)
        lh_section = th.line_height("poster", m.small) + m.margin // 2
        head_h = th.line_height("poster", m.title) + 12 + th.line_height("italic", m.ui) + 4
        y = 2 * m.margin
        rects = {"heading": pygame.Rect(col.x, y, col.w, head_h)}
        y += head_h + m.margin
        # whom: a card per campaign with its emblem, player, title and summary
        rects["who_label"] = pygame.Rect(col.x, y, col.w, lh_section)
        y += lh_section
        gap = m.margin
        camp_h = (
            2 * m.margin
            + th.line_height("poster", m.poster)
            + th.line_height("italic", m.ui)
            + m.margin // 2
            + self.SUMMARY_LINES * th.line_height("prose", m.ui)
        )
        n = len(self.app.game.campaigns())
        cols = self._columns(col.w, m)
        cw = (col.w - (cols - 1) * gap) // cols
        for i in range(n):
            row, c = divmod(i, cols)
            rects[f"camp{i}"] = pygame.Rect(col.x + c * (cw + gap), y + row * (camp_h + gap), cw, camp_h)
        rows = -(-n // cols) if n else 0
        y += rows * (camp_h + gap) + m.margin // 2
        # how: historian or immersive
        rects["how_label"] = pygame.Rect(col.x, y, col.w, lh_section)
        y += lh_section
        mode_h = lh_ui + lh_small + m.margin
        half = (col.w - gap) // 2
        rects["historian"] = pygame.Rect(col.x, y, half, mode_h)
        rects["immersive"] = pygame.Rect(col.x + half + gap, y, col.w - half - gap, mode_h)
        y += mode_h + m.margin + m.margin // 2
        # the seed
        rects["seed_label"] = pygame.Rect(col.x, y, col.w, lh_section)
        y += lh_section
        row_h = lh_ui + m.margin
        rects["seed"] = pygame.Rect(col.x, y, max(160, col.w // 4), row_h)
        rects["random"] = pygame.Rect(
            rects["seed"].right + m.margin, y, th.width("New seed", "ui", m.ui) + 3 * m.margin, row_h
        )
        iron_w = th.width("Ironman: off", "ui", m.ui) + 4 * m.margin
        rects["ironman"] = pygame.Rect(rects["random"].right + m.margin, y, iron_w, row_h)
        hint_x = rects["ironman"].right + m.margin
        rects["seed_hint"] = pygame.Rect(hint_x, y, max(0, col.right - hint_x), row_h)
        y += row_h + 2 * m.margin
        # back and begin; then the whole block is centred in the window when there is room
        bw = th.width("Begin the game", "ui", m.ui) + 5 * m.margin
        rects["back"] = pygame.Rect(col.x, y, bw, row_h)
        rects["start"] = pygame.Rect(col.right - bw - 4, y, bw, row_h)
        dy = max(0, (h - (y + row_h + 2 * m.margin)) // 2)
        return {name: rect.move(0, dy) for name, rect in rects.items()}

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        r = self.layout(size)
        keys = ["heading", *(f"camp{i}" for i in range(len(self.app.game.campaigns()))), "historian", "immersive"]
        return [r[k] for k in [*keys, "seed", "back"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        out = []
        for i, c in enumerate(self.app.game.campaigns()):
            out.append(
                Button(
                    r[f"camp{i}"],
                    f"{c.player} — {c.title}",
                    functools.partial(self._pick, i),
                    key=str(i + 1),
                    sub=c.summary,
                    selected=i == self.campaign,
                )  # drawn as a card by _draw_campaign
            )
        # in the order they are on screen (top to bottom, left to right), so Tab follows the eye
        out.append(
            Button(
                r["historian"],
                "Historian",
                lambda: self._mode(True),
                sub="each option's odds and sources, the dice after",
                selected=self.historian,
            )
        )
        out.append(
            Button(
                r["immersive"],
                "Immersive",
                lambda: self._mode(False),
                sub="no numbers: only the story and its history",
                selected=not self.historian,
            )
        )
        out.append(
            Button(r["seed"], f"{self.seed}▏" if self._seed_focused() else self.seed or "random", self._edit_seed)
        )
        out.append(Button(r["random"], "New seed", self._reseed))
        out.append(
            Button(
                r["ironman"], f"Ironman: {'on' if self.ironman else 'off'}", self._toggle_ironman, selected=self.ironman
            )
        )
        out.append(Button(r["back"], "Back", self.back, key="Esc"))
        out.append(Button(r["start"], "Begin the game", self.start, key="↵"))
        return out

    def _seed_index(self) -> int:
        return len(self.app.game.campaigns()) + 2  # after the campaigns and the two modes

    def _seed_focused(self) -> bool:
        return self.focus == self._seed_index()

    def _pick(self, i: int) -> None:
        self.campaign = i
        self.relayout()

    def _edit_seed(self) -> None:
        self.focus = self._seed_index()
        self.relayout()

    def _reseed(self) -> None:
        self.seed = str(random_seed())
        self.relayout()

    def _toggle_ironman(self) -> None:
        self.ironman = not self.ironman
        self.relayout()

    def _mode(self, historian: bool) -> None:
        self.historian = historian
        self.relayout()

    def start(self) -> None:
        camps = self.app.game.campaigns()
        if not camps:
            self.app.toast("No campaign could be loaded.")
            return
        if self.app.settings.historian != self.historian:
            self.app.settings.historian = self.historian
            self.app.settings_changed()
        self.app.start(camps[self.campaign].id, self.seed, ironman=self.ironman)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and self._seed_focused():
            if event.unicode in tuple("0123456789"):
                if len(self.seed) < SEED_DIGITS:
                    self.seed += event.unicode
                    self.relayout()
                else:  # never a campaign's number: the digit was meant for the seed
                    self.app.toast(f"A seed is {SEED_RULE}.")
                return
            if event.key == pygame.K_BACKSPACE:
                self.seed = self.seed[:-1]
                self.relayout()
                return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.start()
                return
        if (
            event.type == pygame.KEYDOWN
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
            and self.focus < len(self.app.game.campaigns())
        ):
            # Return on a campaign card plays it, as the Begin button's "↵" promises; Space only picks it.
            self._pick(self.focus)
            self.start()
            return
        super().handle(event)
        if event.type in (pygame.KEYDOWN, pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN):
            self.relayout()

    def key(self, event: pygame.event.Event) -> None:
        picked = parse_choice(event.unicode, len(self.app.game.campaigns()))
        if picked is not None:
            self._pick(picked - 1)
            self.focus = picked - 1  # so Return now begins the game with the start just picked
        else:
            self.unknown_key(event)

    def keys_help(self) -> str:
        n = len(self.app.game.campaigns())
        picks = f"1 to {n} picks whom you play, " if n > 1 else ""
        return f"{picks}Tab or the arrows move, the seed box takes digits, Enter begins, Esc goes back"

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_content(surface)
        m = self.metrics(surface.get_size())
        n = len(self.app.game.campaigns())
        for i, b in enumerate(self.current_buttons()):
            if i < n:
                self._draw_campaign(surface, b, i, i == self.focus, m)
            else:
                draw_button(surface, self.theme, b, i == self.focus, m.ui, m.small)

    def _draw_campaign(self, surface: pygame.Surface, b: Button, i: int, focused: bool, m: Metrics) -> None:
        """A campaign as a card: emblem, player, title, and its summary."""
        info = self.app.game.campaigns()[i]
        th, r = self.theme, b.rect
        chosen = b.selected
        bg, fg, sub_fg = (INK, PAPER, CREAM_DIM) if chosen else (CARD, INK, GREY)
        pygame.draw.rect(surface, INK, r.move(4, 4))
        pygame.draw.rect(surface, bg, r)
        pygame.draw.rect(surface, RED if focused else INK, r, 3 if focused else 2)
        if chosen:
            pygame.draw.rect(surface, RED, (r.x, r.y, r.w, 6))
        pad = m.margin
        lh_name = th.line_height("poster", m.poster)
        e = lh_name + th.line_height("italic", m.ui)
        surname = info.player.split()[-1].lower() if info.player else info.id
        surface.blit(emblem(actor_letter(surname), e, dark=False), (r.x + pad, r.y + pad))
        x = r.x + pad + e + pad
        ks = th.text(b.key, "bold", m.small, RED if not chosen else CREAM_DIM)
        surface.blit(ks, (r.right - pad - ks.get_width(), r.y + pad))
        text_w = r.right - pad - ks.get_width() - pad - x
        name = th.ellipsize(info.player.upper(), "poster", m.poster, text_w)
        surface.blit(th.text(name, "poster", m.poster, fg), (x, r.y + pad))
        title = th.ellipsize(info.title, "italic", m.ui, text_w)
        surface.blit(th.text(title, "italic", m.ui, RED if not chosen else CREAM_DIM), (x, r.y + pad + lh_name))
        if info.summary:
            y = r.y + pad + e + pad // 2
            lines = th.clamp_lines(info.summary, "prose", m.ui, r.w - 2 * pad, self.SUMMARY_LINES)
            blit_lines(surface, th, lines, "prose", m.ui, fg if chosen else sub_fg, r.x + pad, y)

    def draw_content(self, surface: pygame.Surface) -> None:
        m = self.metrics(surface.get_size())
        r = self.layout(surface.get_size())
        fill_paper(surface)
        hd = r["heading"]
        heading(surface, self.theme, m, "A new game", hd.x, hd.y, "Whom will you play, and how?")
        for name, text in (
            ("who_label", "WHOM YOU PLAY"),
            ("how_label", "HOW YOU PLAY"),
            ("seed_label", "THE SEED, AND IRONMAN"),
        ):
            surface.blit(self.theme.text(text, "poster", m.small, RED), r[name].topleft)
        hint = r["seed_hint"]
        if hint.w > 40:
            text = self.theme.ellipsize(
                "Ironman: no undo, kept in the save."
                if self.ironman
                else "The same seed and the same choices make the same game.",
                "italic",
                m.small,
                hint.w,
            )
            ts = self.theme.text(text, "italic", m.small, GREY)
            surface.blit(ts, (hint.x, hint.centery - ts.get_height() // 2))


class PagedScreen(Screen):
    """A screen whose list is shown a page at a time: PgDn/PgUp turn it (each subclass says
    how many pages it has and builds the page's buttons in ``relayout``)."""

    page = 0

    def pages(self) -> int:
        raise NotImplementedError

    def turn_page(self, by: int) -> None:
        """The next (1) or previous (-1) page of the list."""
        self.page = max(0, min(self.pages() - 1, self.page + by))
        self.focus = 0
        self.relayout()
        self.app.dirty = True

    def page_key(self, event: pygame.event.Event) -> bool:
        """Turn the page for PgDn/PgUp; whether the key was one of them."""
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.turn_page(1 if event.key == pygame.K_PAGEDOWN else -1)
            return True
        return False


class SavesScreen(PagedScreen):
    """A list of saved games to pick from (load, or watch as a replay)."""

    name = "load"
    title = "Load a saved game"
    subtitle = "Your games, newest first."

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.error = ""
        try:
            self.saves: list[SaveInfo] = list(app.services.list_saves())
        except (UserError, OSError) as exc:
            self.saves = []
            self.error = str(exc)
        self.page = 0

    def _per_page(self, size: tuple[int, int]) -> int:
        m = self.metrics(size)
        bh = self.theme.line_height("ui", m.ui) + self.theme.line_height("ui", m.small) + m.margin
        room = size[1] - 8 * m.margin - 2 * (self.theme.line_height("poster", m.title) + 40)
        return max(1, room // (bh + m.margin // 2))

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        m = self.metrics(size)
        col = pygame.Rect((w - min(w - 4 * m.margin, 1000)) // 2, 0, min(w - 4 * m.margin, 1000), 0)
        head_h = self.theme.line_height("poster", m.title) + 12 + self.theme.line_height("italic", m.ui) + 4
        rects = {"heading": pygame.Rect(col.x, 2 * m.margin, col.w, head_h)}
        bh = self.theme.line_height("ui", m.ui) + self.theme.line_height("ui", m.small) + m.margin
        shown = self.saves[self.page * self._per_page(size) :][: self._per_page(size)]
        y = rects["heading"].bottom + m.margin
        for i, r in enumerate(stack(col.x, y, col.w, [bh] * len(shown), m.margin // 2)):
            rects[f"save{i}"] = r
        back_h = self.theme.line_height("ui", m.ui) + m.margin
        rects["back"] = pygame.Rect(
            col.x, h - 2 * m.margin - back_h, self.theme.width("Back", "ui", m.ui) + 6 * m.margin, back_h
        )
        rects["message"] = pygame.Rect(col.x, y, col.w, self.theme.line_height("prose", m.prose) * 3)
        b = rects["back"]
        rects["pages"] = pygame.Rect(b.right + m.margin, b.y, max(0, col.right - b.right - m.margin), back_h)
        return rects

    def pages(self) -> int:
        """How many pages the list takes at the window's size."""
        return max(1, -(-len(self.saves) // self._per_page(self.app.size)))

    def page_text(self) -> str:
        """Where the list stands when it takes more than a page ("" when it fits on one)."""
        pages = self.pages()
        if pages == 1:
            return ""
        more = " · PgDn for more" if self.page < pages - 1 else " · PgUp for the newer ones"
        return f"Page {self.page + 1} of {pages} ({len(self.saves)} saves){more}"

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        return [self.layout(size)["heading"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        per = self._per_page(size)
        shown = self.saves[self.page * per :][:per]
        out = [
            Button(r[f"save{i}"], s.name, functools.partial(self.pick, s), sub=s.summary) for i, s in enumerate(shown)
        ]
        out.append(Button(r["back"], "Back", self.back, key="Esc"))
        return out

    def pick(self, save: SaveInfo) -> None:
        step = self.app.game.load(save.path)
        if step.show == "confirm":
            self.app.push(ContentChangedScreen(self.app))
        elif step.show == "same":
            self.error = f"{save.name}: {step.text}"
        else:
            self.app.enter(step)

    def key(self, event: pygame.event.Event) -> None:
        if self.page_key(event):
            return
        if event.key == pygame.K_r and self.app.services.replay is not None:
            save = self.focused_save()
            if save is not None:
                self.watch(save)
                return
        self.unknown_key(event)

    verb = "loads"  # what Enter does with the save in focus

    def keys_help(self) -> str:
        pages = ", PgUp PgDn turn the pages" if self.pages() > 1 else ""
        watch = ", R watches its replay" if self.app.services.replay is not None else ""
        return f"The arrows pick a save, Enter {self.verb} it{watch}{pages}, Esc goes back"

    def focused_save(self) -> SaveInfo | None:
        """The save whose button has the focus (None on Back)."""
        per = self._per_page(self.app.size)
        shown = self.saves[self.page * per :][:per]
        return shown[self.focus] if 0 <= self.focus < len(shown) else None

    def watch(self, save: SaveInfo) -> None:
        """R: the save's replay, step by step (as the text frontend's load list has it); a save
        that cannot be replayed says why on this screen."""
        control, step = self.app.game.replay(save.path)
        if control is None:
            self.error = f"{save.name}: {step.text}"
            return
        self.app.watch(control, save.name)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL and self.pages() > 1:
            self.turn_page(-1 if event.y > 0 else 1)
            return
        super().handle(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        m = self.metrics(surface.get_size())
        r = self.layout(surface.get_size())
        fill_paper(surface)
        hd = r["heading"]
        sub = self.subtitle
        if self.app.services.replay is not None and self.verb == "loads":
            sub += " Enter loads the one in focus; R watches its replay."
        heading(surface, self.theme, m, self.title, hd.x, hd.y, sub)
        pages = self.page_text()
        if pages:
            pr = r["pages"]
            ps = self.theme.text(self.theme.ellipsize(pages, "bold", m.small, pr.w), "bold", m.small, RED)
            surface.blit(ps, (pr.right - ps.get_width(), pr.centery - ps.get_height() // 2))
        msg = self.error or ("" if self.saves else "There are no saved games yet. Press S during a game to save one.")
        if msg:
            lines = self.theme.wrap(msg, "italic", m.prose, r["message"].w)
            blit_lines(
                surface,
                self.theme,
                lines,
                "italic",
                m.prose,
                RED if self.error else GREY,
                r["message"].x,
                r["back"].y - len(lines) * self.theme.line_height("italic", m.prose) - m.margin,
            )


class SettingsScreen(Screen):
    """Mode, animations, text size and full screen."""

    name = "settings"
    SCALES = tuple(zip(TEXT_SCALES, ("small", "medium", "large"), strict=True))

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, _h = size
        m = self.metrics(size)
        col_w = min(w - 4 * m.margin, 760)
        x = (w - col_w) // 2
        head_h = self.theme.line_height("poster", m.title) + 12 + self.theme.line_height("italic", m.ui) + 4
        rects = {"heading": pygame.Rect(x, 2 * m.margin, col_w, head_h)}
        bh = self.theme.line_height("ui", m.ui) + self.theme.line_height("ui", m.small) + m.margin
        for i, r in enumerate(stack(x, rects["heading"].bottom + m.margin, col_w, [bh] * 6, m.margin // 2)):
            rects[f"item{i}"] = r
        return rects

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        return [self.layout(size)["heading"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        s = self.app.settings
        scale = text_size_name(s.text_scale)
        return [
            Button(
                r["item0"],
                f"Mode: {'historian' if s.historian else 'immersive'}",
                self._mode,
                sub="historian shows each option's odds and sources; immersive hides numbers",
            ),
            Button(
                r["item1"],
                f"Animations: {'on' if s.animate else 'off'}",
                self._animate,
                sub="gauges slide to their new values",
            ),
            Button(
                r["item2"],
                f"Text size: {scale}",
                self._scale,
                sub="larger or smaller type everywhere; Ctrl + and Ctrl -",
            ),
            Button(
                r["item3"],
                f"Colours: {palette_name(s.palette)}",
                self._palette,
                sub="good and bad in blue and orange, not green and red (✓ and ✗ beside them either way); Ctrl P",
            ),
            Button(
                r["item4"], f"Full screen: {'on' if s.fullscreen else 'off'}", self._fullscreen, sub="F11 in any screen"
            ),
            Button(r["item5"], "Back", self.back, key="Esc"),
        ]

    def _palette(self) -> None:
        s = self.app.settings
        s.palette = "standard" if s.palette == "colour-blind" else "colour-blind"
        self.app.settings_changed()
        self.relayout()

    def _mode(self) -> None:
        self.app.settings.historian = not self.app.settings.historian
        self.app.settings_changed()
        self.relayout()

    def _animate(self) -> None:
        self.app.settings.animate = not self.app.settings.animate
        self.app.settings_changed()
        self.relayout()

    def _scale(self) -> None:
        values = [v for v, _ in self.SCALES]
        cur = min(range(len(values)), key=lambda i: abs(values[i] - self.app.settings.text_scale))
        self.app.set_text_scale(values[(cur + 1) % len(values)])

    def _fullscreen(self) -> None:
        self.app.toggle_fullscreen()
        self.relayout()

    def draw_content(self, surface: pygame.Surface) -> None:
        m = self.metrics(surface.get_size())
        r = self.layout(surface.get_size())
        fill_paper(surface)
        hd = r["heading"]
        kept = " Kept for your next session." if self.app.services.save_settings is not None else ""
        heading(surface, self.theme, m, "Settings", hd.x, hd.y, "How the game looks and shows its numbers." + kept)


HELP_KEYS = (
    ("1-9 / click", "choose an option"),
    ("↑ ↓ Tab, Enter", "move the focus, confirm"),
    ("T", "the timeline: your chronicle beside history, meters over time"),
    ("S / L", "save the game / load a saved game"),
    ("O", "historian mode on or off (odds and sources)"),
    ("U", "undo: take back the last decision (not in an ironman game)"),
    ("F", "the forecast: each ending's chance from here, beside the card (not in an ironman game)"),
    ("PgUp PgDn, wheel", "scroll long prose"),
    ("H or ?", "this help"),
    ("R (load list)", "watch the replay of the save in focus"),
    ("E (at the end)", "save the chronicle as one HTML page beside the saves"),
    ("F5", "reload the content from disk (for modders)"),
    ("F12 or `", "the debug console (fire, set, flag, why)"),
    ("Ctrl + / Ctrl -", "larger or smaller text, on any screen (kept for next time)"),
    ("Ctrl P", "colour-blind-safe colours on or off, on any screen"),
    ("F11", "full screen"),
    ("Esc", "back; from a game, save and go to the title"),
)


class ModalScreen(Screen):
    """A panel over the screen below: a heading, scrolling text and one Close button."""

    modal = True
    dims_below = True
    heading_text = ""
    button_text = "Close"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.text = RichText(self.theme)

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        w, h = size
        m = self.metrics(size)
        pw, ph = min(w - 4 * m.margin, max(600, round(w * 0.6))), h - 6 * m.margin
        box = pygame.Rect((w - pw) // 2, (h - ph) // 2, pw, ph)
        pad = 2 * m.margin
        bh = self.theme.line_height("ui", m.ui) + m.margin
        bw = self.theme.width(self.button_text, "ui", m.ui) + 6 * m.margin
        button = pygame.Rect(box.right - pad - bw, box.bottom - pad - bh, bw, bh)
        head_h = self.theme.line_height("poster", m.title) + 12
        text = pygame.Rect(
            box.x + pad, box.y + pad + head_h, box.w - 2 * pad, button.y - m.margin - box.y - pad - head_h
        )
        return {"box": box, "text": text, "button": button}

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        return [self.layout(size)["box"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        return [Button(self.layout(size)["button"], self.button_text, self.back, key="Esc")]

    def paras(self, m: Metrics) -> list[Para]:
        return []

    def keys_help(self) -> str:
        return "PgUp PgDn scroll, Enter or Esc closes"

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL or (
            event.type == pygame.KEYDOWN and event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP)
        ):
            r = self.layout(self.app.size)
            dy = (
                -event.y * 60
                if event.type == pygame.MOUSEWHEEL
                else (1 if event.key == pygame.K_PAGEDOWN else -1) * r["text"].h // 2
            )
            self.text.scroll(dy, r["text"].h)
            self.app.dirty = True
            return
        super().handle(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        m = self.metrics(surface.get_size())
        r = self.layout(surface.get_size())
        panel(surface, r["box"])
        pad = 2 * m.margin
        heading(surface, self.theme, m, self.heading_text, r["box"].x + pad, r["box"].y + pad // 2 + 6)
        self.text.set(self.paras(m))
        self.text.draw(surface, r["text"])


class HelpScreen(ModalScreen):
    """How to play and the keys."""

    name = "help"
    heading_text = "How to play"

    def paras(self, m: Metrics) -> list[Para]:
        game = self.app.current_game()
        view = game.engine.view() if game is not None else None
        return documents.paras(screens.help_doc(HELP_KEYS, view).blocks, m)


class ErrorsScreen(ModalScreen):
    """What F5 found wrong in the content; the game goes on with what loaded."""

    name = "errors"
    heading_text = "Content reloaded with problems"
    button_text = "Continue the game"

    def __init__(self, app: App, errors: list[str], kept: bool) -> None:
        super().__init__(app)
        self.errors = errors
        self.kept = kept

    def paras(self, m: Metrics) -> list[Para]:
        lead = (
            "The game was kept as it was, with the content it had before: "
            if self.kept
            else "The game goes on with the reloaded content, leaving out what failed: "
        )
        out = [Para(lead + f"{len(self.errors)} problem{'s' if len(self.errors) != 1 else ''}.", "prose", m.prose)]
        for e in self.errors[:200]:
            out.append(Para(e, "ui", m.small, RED, space=m.margin // 2))
        return out


class ContentChangedScreen(ModalScreen):
    """A save whose content's rules changed since: where it diverges, and the player's choice
    between going on from the state stored in the save and stopping."""

    name = "content_changed"
    heading_text = "The content has changed"
    button_text = "Continue from the saved state"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.exc = app.game.pending  # the question the session holds

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        r = super().layout(size)
        m = self.metrics(size)
        stop_w = self.theme.width("Stop", "ui", m.ui) + 6 * m.margin
        b = r["button"]
        r["stop"] = pygame.Rect(b.x - m.margin - stop_w, b.y, stop_w, b.h)
        return r

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        return [
            Button(r["button"], self.button_text, self.go_on, key="C"),
            Button(r["stop"], "Stop", self.back, key="Esc"),
        ]

    def paras(self, m: Metrics) -> list[Para]:
        notes = [
            Para(n[:1].upper() + n[1:] + ".", "italic", m.prose, GREY) for n in (self.exc.notes if self.exc else ())
        ]
        return [
            *notes,
            Para(f"{self.exc}.", "prose", m.prose),
            Para(
                "You may go on from the game as it stood when it was saved, under today's rules, "
                "or stop and leave the save as it is.",
                "italic",
                m.prose,
                GREY,
                space=m.margin,
            ),
        ]

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_c:
            self.go_on()
        elif event.key == pygame.K_s:
            self.back()
        else:
            self.unknown_key(event)

    def keys_help(self) -> str:
        return "C continues from the saved state, S or Esc stops"

    def go_on(self) -> None:
        """Continue from the snapshot stored in the save."""
        step = self.app.game.continue_from_snapshot()
        if step.show == "same":
            self.app.pop()
            self.app.say(step)
            return
        self.app.enter(step)

    def back(self) -> None:
        self.app.pop()
        self.app.say(self.app.game.cancel_load())
