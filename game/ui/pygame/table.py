"""The card table: the card face (emblem, title, date, prose), the options as buttons, the
meter gauges, and after a choice what came of it with the history note."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import pygame

from game.core.engine import Engine
from game.core.view import ChoiceView, View
from game.ui import present, screens
from game.ui.pygame import documents, forecast
from game.ui.pygame.base import Backdrop, Screen, fill_paper, shadow
from game.ui.pygame.chrome import bars, draw_footer, draw_topbar, topbar_band
from game.ui.pygame.theme import CARD, GREY, INK, RED, RULE, Metrics, Theme, actor_letter, blit_lines, emblem
from game.ui.pygame.widgets import Button, Gauge, Para, RichText, draw_button

if TYPE_CHECKING:
    from game.ui.pygame.app import App

HINTS = [
    ("1-9", "choose"),
    ("↑↓ Enter", "focus, confirm"),
    ("T", "timeline"),
    ("S", "save"),
    ("L", "load"),
    ("O", "odds"),
    ("U", "undo"),
    ("F", "forecast"),
    ("H", "help"),
    ("F5", "reload"),
    ("F12", "console"),
    ("Esc", "menu"),
]

HEADER_ROLES = ("kicker", "title", "meta", "source")  # drawn by the card's header or the side notes

STANCE_TAGS = {"bold": "bold", "cautious": "cautious"}
LATELY = 6  # chronicle entries in the side panel's "Lately" list
LATELY_HEAD = "LATELY"


def table_layout(
    size: tuple[int, int], theme: Theme, m: Metrics, n_options: int, sub_lines: bool
) -> dict[str, pygame.Rect]:
    """Every rect of the card table for a window size (pure).

    The card takes the left, the side panel (gauges, notes) the right; the options stack at
    the bottom of the card, each two lines tall (one when many must fit); the prose gets
    the rest and scrolls.
    """
    w, _h = size
    top, foot = bars(size, theme, m)
    g = m.margin
    side_w = max(260, min(round(w * 0.28), 620))
    body_y = top.bottom + g
    body_h = foot.y - g - body_y
    side = pygame.Rect(w - g - side_w, body_y, side_w, body_h)
    card = pygame.Rect(g, body_y, side.x - 2 * g, body_h)
    pad = g
    lh_title = theme.line_height("title", m.title)
    lh_small = theme.line_height("ui", m.small)
    e = lh_title + lh_small + pad // 2
    emblem_r = pygame.Rect(card.x + pad, card.y + pad + 6, e, e)
    head = pygame.Rect(emblem_r.right + pad, emblem_r.y, card.right - pad - emblem_r.right - pad, e)
    lh_ui = theme.line_height("ui", m.ui)
    gap = max(6, pad // 2)
    bh = 2 * lh_ui + (lh_small if sub_lines else 0) + gap
    room = round(card.h * 0.55)
    if n_options * (bh + gap) > room:
        bh = lh_ui + (lh_small if sub_lines else 0) + gap
    if n_options * (bh + gap) > room:
        bh = max(lh_ui + 4, room // max(1, n_options) - gap)
    opts_h = n_options * bh + max(0, n_options - 1) * gap
    inner_w = card.w - 2 * pad - 4  # room for the buttons' shadows
    options = pygame.Rect(card.x + pad, card.bottom - pad - opts_h - 4, inner_w, opts_h)
    prose_top = emblem_r.bottom + pad
    prose = pygame.Rect(card.x + pad, prose_top, card.w - 2 * pad, max(0, options.y - pad - prose_top))
    rects = {
        "top": top,
        "footer": foot,
        "card": card,
        "side": side,
        "emblem": emblem_r,
        "head": head,
        "prose": prose,
        "options": options,
    }
    for i in range(n_options):
        rects[f"option{i}"] = pygame.Rect(options.x, options.y + i * (bh + gap), options.w, bh)
    gauge_h = lh_ui + max(10, lh_ui // 2) + 6
    gauges = pygame.Rect(side.x + pad, side.y + pad + 6 + lh_ui + pad // 2, side.w - 2 * pad, 0)
    rects["gauges"] = gauges
    undo_h = lh_ui + pad // 2 + 4
    row = pygame.Rect(side.x + pad, side.bottom - pad - undo_h - 4, side.w - 2 * pad - 4, undo_h)
    rects["undo"] = row
    # the forecast's toggle and undo share the row (undo on the right, where it always was)
    half = (row.w - gap) // 2
    rects["forecast"] = pygame.Rect(row.x, row.y, half, row.h)
    rects["undo_half"] = pygame.Rect(row.right - half, row.y, half, row.h)
    rects["gauge_h"] = pygame.Rect(0, 0, 0, gauge_h)
    return rects


class TableScreen(Screen):
    """One game in progress: the decision in front of the player, or what came of the last."""

    name = "table"
    replaying = False  # a replay shows the table read-only
    hints = HINTS  # the keys along the footer

    def __init__(self, app: App, intro: bool = False) -> None:
        super().__init__(app)
        self.view: View = app.game.view()
        self.mode = "intro" if intro and self.view.intro else "decision"
        self.prose = RichText(self.theme)
        self.notes = RichText(self.theme)
        self._still: pygame.Surface | None = None  # the frame a slide of the gauges started from
        self._still_key: tuple[object, ...] = ()
        now = app.now()
        self.gauges = [Gauge.of(mv) for mv in self.view.meters]
        for g, mv in zip(self.gauges, self.view.meters, strict=True):  # at rest, with the last change shown
            g.sync(mv, now, animate=False)
        if self.mode == "decision" and self.view.reports:
            self.mode = "aftermath"

    # --- state ----------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The session's game (this table shows it)."""
        engine = self.app.game.engine
        assert engine is not None, "the table shows the session's game"
        return engine

    def refresh(self) -> None:
        """Take a fresh View from the session and slide the gauges to their new values."""
        self.view = self.app.game.view()
        now = self.app.now()
        by_id = {g.id: g for g in self.gauges}
        gauges = []
        for mv in self.view.meters:
            g = by_id.get(mv.id) or Gauge.of(mv)
            g.sync(mv, now, self.app.settings.animate)
            gauges.append(g)
        self.gauges = gauges
        self.focus = 0
        self.relayout()
        self.app.dirty = True

    @property
    def historian(self) -> bool:
        return self.app.settings.historian

    def choices(self) -> tuple[ChoiceView, ...]:
        d = self.view.decision
        if self.mode != "decision" or d is None:
            return ()
        return d.choices

    # --- layout ---------------------------------------------------------------------------

    def _n_buttons(self) -> int:
        return len(self.choices()) if self.mode == "decision" else 1

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        return table_layout(size, self.theme, self.metrics(size), self._n_buttons(), self.historian)

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        r = self.layout(size)
        return [r["top"], r["footer"], r["card"], r["side"]]

    def undo_button(self, r: dict[str, pygame.Rect]) -> Button:
        """Undo at the foot of the side panel: open when a decision can be taken back; in an
        ironman game it says so, closed. It shares the row with the forecast's toggle."""
        game = self.app.game
        rect, short = (r["undo_half"], True) if self.forecast_button_shown() else (r["undo"], False)
        if game.ironman:
            return Button(rect, "Ironman: no undo", self.app.undo, enabled=False)
        if game.can_undo():
            label = "↶ Undo" if short else "↶ Undo the last decision"
        else:
            label = "Nothing to undo" if short else "Undo: nothing to take back"
        return Button(rect, label, self.app.undo, key="U" if game.can_undo() else "", enabled=game.can_undo())

    # --- the forecast panel -----------------------------------------------------------------

    def forecast_button_shown(self) -> bool:
        """Whether the side panel has the forecast's toggle (this session can forecast, and the
        table is a game in progress, not a replay)."""
        return self.app.game.outlook.available and not self.replaying

    def forecast_shown(self) -> bool:
        """Whether the panel shows now: never in an ironman game or a replay; by default in
        historian mode only; F or the button toggles it (``GameSession.forecast_shown``)."""
        if self.replaying or self.engine.is_over:  # a game over has no future to forecast
            return False
        return self.app.game.forecast_shown(self.historian)

    def toggle_forecast(self) -> None:
        """F or the button: show or hide the forecast (an ironman game only says why not)."""
        self.app.say(self.app.game.toggle_forecast(self.historian))
        self.relayout()
        self.app.dirty = True

    def forecast_button(self, r: dict[str, pygame.Rect]) -> Button:
        """The toggle, drawn pressed while the panel shows."""
        if self.app.game.ironman:
            return Button(r["forecast"], "No forecast", self.toggle_forecast, enabled=False, sub="")
        return Button(r["forecast"], "Forecast", self.toggle_forecast, key="F", selected=self.forecast_shown())

    def side_buttons(self, r: dict[str, pygame.Rect]) -> list[Button]:
        """The row at the foot of the side panel: the forecast's toggle and undo."""
        out = [self.forecast_button(r)] if self.forecast_button_shown() else []
        return [*out, self.undo_button(r)]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        if self.mode != "decision":
            label = "Begin" if self.mode == "intro" else ("See how it ends" if self.engine.is_over else "Continue")
            out = [Button(r["option0"], label, self.proceed, key="↵", lines=1)]
            if self.mode == "aftermath" and not self.engine.is_over:
                out.extend(self.side_buttons(r))
            return out
        out = []
        lines = 2
        for i, c in enumerate(self.choices()):
            sub = ""
            badge = ""
            if not c.available:
                sub = c.reason
            elif self.historian and c.chances:
                sub = " · ".join(f"{round(x.probability * 100)}% {x.text or 'nothing'}" for x in c.chances)
            if self.historian:
                badge = " ".join(t for t in (present.odds_text(c), "★ history" if c.historical else "") if t)
            out.append(
                Button(
                    r[f"option{i}"],
                    c.text,
                    functools.partial(self.choose, i),
                    key=str(i + 1) if i < 9 else "",
                    sub=sub,
                    badge=badge,
                    enabled=c.available,
                    lines=lines,
                )
            )
        out.extend(self.side_buttons(r))
        return out

    # --- actions --------------------------------------------------------------------------

    def choose(self, index: int) -> None:
        """Answer the decision with its index-th choice (through the session, which autosaves
        on a new turn)."""
        if self.mode != "decision":
            return
        step = self.app.say(self.app.game.choose(index))
        if step.show == "same":
            return
        self.refresh()
        if step.show == "reports":
            self.mode = "aftermath"
            self.relayout()
        elif step.show == "ending":
            self.app.show_ending()

    def proceed(self) -> None:
        """Leave the intro or the aftermath page."""
        if self.engine.is_over:
            self.app.show_ending(self.engine)
            return
        if self.view is not self.app.game.view():  # F5 reloaded the content under this page
            self.refresh()
        self.mode = "decision"
        self.relayout()

    def key(self, event: pygame.event.Event) -> None:
        k = event.key
        if pygame.K_1 <= k <= pygame.K_9 and self.mode == "decision":
            self.choose(k - pygame.K_1)
        elif pygame.K_KP1 <= k <= pygame.K_KP9 and self.mode == "decision":
            self.choose(k - pygame.K_KP1)
        elif k == pygame.K_t:
            self.app.show_timeline(self.engine)
        elif k == pygame.K_s:
            self.app.save()
        elif k == pygame.K_u:
            self.app.undo()
        elif k == pygame.K_f and not self.replaying:
            self.toggle_forecast()
        elif k == pygame.K_l:
            self.app.open("load")
        elif k in (pygame.K_h, pygame.K_QUESTION, pygame.K_F1) or event.unicode == "?":
            self.app.open("help")
        elif k == pygame.K_o:
            self.app.settings.historian = not self.app.settings.historian
            self.app.settings_changed()
            self.app.toast(
                "Historian mode: odds and sources shown." if self.historian else "Immersive mode: numbers hidden."
            )
            self.relayout()
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            r = self.layout(self.app.size)
            self.prose.scroll((1 if k == pygame.K_PAGEDOWN else -1) * r["prose"].h * 3 // 4, r["prose"].h)
            self.app.dirty = True
        elif self.mode != "decision" and event.unicode and event.unicode.isprintable() and not event.unicode.isspace():
            self.app.toast("Enter goes on.")  # a key with no meaning on a page to read: a hint, nothing else
        else:
            self.unknown_key(event)

    def keys_help(self) -> str:
        return "H lists the keys"

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEMOTION:
            hover = next((i for i, r in enumerate(self.gauge_rects) if r.collidepoint(event.pos)), None)
            if hover != self.hover_gauge:
                self.hover_gauge = hover
                self.app.dirty = True
        if event.type == pygame.MOUSEWHEEL:
            r = self.layout(self.app.size)
            pos = pygame.mouse.get_pos()
            target, rect = (
                (self.notes, self.notes_rect) if self.notes_rect.collidepoint(pos) else (self.prose, r["prose"])
            )
            target.scroll(-event.y * self.theme.line_height("prose", self.metrics(self.app.size).prose) * 3, rect.h)
            self.app.dirty = True
            return
        super().handle(event)

    def back(self) -> None:
        self.app.to_title()

    def animating(self) -> bool:
        now = self.app.now()
        return any(g.animating(now) for g in self.gauges)

    # --- drawing --------------------------------------------------------------------------

    notes_rect = pygame.Rect(0, 0, 0, 0)
    gauge_rects: tuple[pygame.Rect, ...] = ()  # where each gauge was last drawn (for the hover note)
    hover_gauge: int | None = None
    forecast_drawn: object = None  # the estimate the panel showed in the last frame (None: hidden or none yet)
    forecast_bottom = 0  # where the panel ended in the last frame
    _backdrop: Backdrop | None = None  # the static layer (made at the first frame; replays share the class)

    def footer_hints(self) -> list[tuple[str, str]]:
        """The keys along the footer: choosing keys only while there is something to choose."""
        if self.replaying:
            return list(self.hints)
        if self.mode == "decision":  # the numbers this card takes (1-9 promised keys it has not)
            n = min(9, len(self.choices()))
            keys = f"1-{n}" if n > 1 else "1"
            return [(keys, h[1]) if h[0] == "1-9" else h for h in self.hints]
        return [("Enter", "continue"), *(h for h in self.hints if h[0] not in ("1-9", "↑↓ Enter"))]

    def draw(self, surface: pygame.Surface) -> None:
        """A full frame; while only the gauges slide, the frame drawn at the start of the slide
        is blitted back and just the gauges are drawn again (a slide is 60 frames a second of
        the same card, buttons and notes: redrawing them all cost most of each frame)."""
        key = self._frame_key(surface)
        self.damage = None
        if self.animating() and self._still is not None and key == self._still_key:
            surface.blit(self._still, (0, 0))
            self._draw_gauges(surface, self.metrics(surface.get_size()))
            if self.gauge_rects and self._still_shown == key:  # the window already shows the rest
                self.damage = [self.gauge_rects[0].unionall(self.gauge_rects[1:])]
            self._still_shown = key
        elif not self.animating() and self._drawn == (key[:4] + key[5:]) and self._drawn_focus != self.focus:
            self._redraw_focus(surface)
        else:
            super().draw(surface)
            if self.animating():
                self._still, self._still_key = surface.copy(), key
            else:
                self._still = None
            self._still_shown = ()
        self._drawn, self._drawn_focus = key[:4] + key[5:], self.focus
        if self.hover_gauge is not None and self.hover_gauge < min(len(self.gauges), len(self.gauge_rects)):
            self._draw_meter_note(surface, self.gauges[self.hover_gauge], self.gauge_rects[self.hover_gauge])

    _drawn: tuple[object, ...] = ()  # the last frame's key without the focus
    _still_shown: tuple[object, ...] = ()  # a sliding frame over this still was put on the window
    _drawn_focus = -1

    def _redraw_focus(self, surface: pygame.Surface) -> None:
        """Only the focus moved (arrow keys, the mouse over the options): redraw the two buttons
        whose look changed, and in historian mode the side notes (the focused option's odds);
        the rest of the window is as the last frame left it (``damage`` says where it changed)."""
        m = self.metrics(surface.get_size())
        buttons = self.current_buttons()
        damage = []
        for i in {self._drawn_focus, self.focus}:
            if 0 <= i < len(buttons):
                b = buttons[i]
                area = pygame.Rect(b.rect.x, b.rect.y, b.rect.w + 4, b.rect.h + 4)  # with its shadow
                surface.fill(CARD, area)  # buttons lie on the card or the side panel
                draw_button(surface, self.theme, b, i == self.focus, m.ui, m.small)
                damage.append(area)
        if self.historian and self.mode == "decision" and self.notes_rect.h:
            surface.fill(CARD, self.notes_rect)
            self.notes.set(self._notes(m))
            self.notes.draw(surface, self.notes_rect, CARD)
            damage.append(self.notes_rect)
        self.damage = damage

    def _frame_key(self, surface: pygame.Surface) -> tuple[object, ...]:
        """Everything but the gauges' positions that a frame of the table shows (the focus is
        its fifth item)."""
        s = self.app.settings
        return (
            surface.get_size(),
            id(surface),
            self.view,
            self.mode,
            self.focus,
            self.hover_gauge,
            self.prose.offset,
            self.notes.offset,
            s.historian,
            s.text_scale,
            s.palette,
            self.app.message,
            self._forecast_state(),
        )

    def _forecast_state(self) -> tuple[object, ...]:
        """What the forecast panel shows (a new estimate redraws the whole frame)."""
        if not self.forecast_shown():
            return ()
        outlook, engine = self.app.game.outlook, self.app.game.engine
        return (id(outlook.latest(engine)), outlook.busy(engine), tuple(outlook.lines(engine)[:1]))

    def _draw_gauges(self, surface: pygame.Surface, m: Metrics) -> None:
        """The gauges alone over their own patch of the side panel."""
        if not self.gauge_rects:
            return
        area = self.gauge_rects[0].unionall(self.gauge_rects[1:])
        surface.fill(CARD, area)
        now = self.app.now()
        for g, rect in zip(self.gauges, self.gauge_rects, strict=False):
            g.draw(surface, self.theme, rect, now, m.ui, self.historian)

    def _draw_meter_note(self, surface: pygame.Surface, gauge: Gauge, under: pygame.Rect) -> None:
        """The hovered meter's description and which way is good for it, in a box under it."""
        m = self.metrics(surface.get_size())
        pad = m.margin // 2 + 2
        w = under.w
        head = f"{gauge.label} · {gauge.sense()}"
        lines = self.theme.clamp_lines(head, "bold", m.small, w - 2 * pad, 2)
        body = self.theme.clamp_lines(gauge.description, "ui", m.small, w - 2 * pad, 8) if gauge.description else []
        lh = self.theme.line_height("ui", m.small)
        box = pygame.Rect(under.x, under.bottom + 4, w, 2 * pad + lh * (len(lines) + len(body)))
        if box.bottom > surface.get_height() - m.margin:
            box.bottom = under.y - 4
        surface.fill(INK, box.move(3, 3))
        surface.fill(CARD, box)
        y = blit_lines(surface, self.theme, lines, "bold", m.small, RED, box.x + pad, box.y + pad, bg=CARD)
        blit_lines(surface, self.theme, body, "ui", m.small, INK, box.x + pad, y, bg=CARD)
        pygame.draw.rect(surface, INK, box, 2)

    def _card_paras(self, m: Metrics) -> tuple[str, str, str, list[Para]]:
        """(title, label under it, emblem letter, prose paragraphs) for the current mode."""
        v = self.view
        if self.mode == "intro":
            return (
                v.start_title or v.campaign_title,
                f"{v.date_label} · seed {v.seed}",
                actor_letter(v.player),
                [Para(v.intro, "prose", m.prose)],
            )
        if self.mode == "aftermath":
            paras = documents.paras(screens.reports_doc(v.reports, self.historian).blocks, m)
            title = "The end approaches" if self.engine.is_over else "What came of it"
            return title, v.date_label, "Д", paras
        d = v.decision
        if d is None:
            return "", "", "Д", []
        # the heading goes to the card's header and the options to the buttons (and sources
        # to the side notes): the card shows the rest of the shared document
        body = [b for b in screens.card_doc(v, self.historian).blocks if b.role not in HEADER_ROLES]
        paras = documents.paras(body, m, options=False)
        if d.kind == "hand":
            return "Your move", f"{v.date_label} · what will you do?", actor_letter(v.player), paras
        label = present.KIND_LABELS.get(d.kind, d.kind)
        return d.title, f"{label} · {v.date_label}", actor_letter(d.actor), paras

    def _paint_backdrop(self, surface: pygame.Surface, r: dict[str, pygame.Rect], m: Metrics) -> None:
        """What does not change while the window keeps its size: the paper, the bars, the card
        and the side panel (boxes, frames, shadows), the rule under the card's heading."""
        fill_paper(surface, (r["top"], r["footer"], r["card"], r["side"]))
        topbar_band(surface, r["top"])
        surface.fill(INK, r["footer"])
        card = r["card"]
        shadow(surface, card, 6)
        surface.fill(CARD, card)
        pygame.draw.rect(surface, INK, card, 3)
        surface.fill(RED, (card.x, card.y, card.w, 6))
        e = r["emblem"]
        y = e.bottom + m.margin // 2
        pygame.draw.line(surface, RULE, (card.x + m.margin, y), (card.right - m.margin, y), 2)
        side = r["side"]
        shadow(surface, side, 6)
        surface.fill(CARD, side)
        pygame.draw.rect(surface, INK, side, 3)
        x = side.x + m.margin
        surface.blit(self.theme.text("WHERE YOU STAND", "poster", m.ui, RED, CARD), (x, side.y + m.margin + 6))

    def draw_content(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        m = self.metrics(size)
        r = self.layout(size)
        key = (m, r["card"], r["side"], r["emblem"])
        if self._backdrop is None:
            self._backdrop = Backdrop()
        self._backdrop.blit(surface, key, lambda layer: self._paint_backdrop(layer, r, m))
        draw_topbar(surface, self.theme, r["top"], m, self.view, "historian" if self.historian else "immersive")
        draw_footer(surface, self.theme, r["footer"], m, self.footer_hints())
        title, label, letter, paras = self._card_paras(m)
        e = r["emblem"]
        surface.blit(emblem(letter, e.w, dark=self.mode == "aftermath"), e.topleft)
        head = r["head"]
        tl = self.theme.clamp_lines(title, "title", m.title, head.w, 1)
        y = blit_lines(surface, self.theme, tl, "title", m.title, INK, head.x, head.y, bg=CARD)
        ls = self.theme.text(self.theme.ellipsize(label.upper(), "bold", m.small, head.w), "bold", m.small, RED, CARD)
        surface.blit(ls, (head.x, y + 2))
        self.prose.set(paras)
        self.prose.draw(surface, r["prose"], CARD)
        self._draw_side(surface, r, m)

    def _draw_side(self, surface: pygame.Surface, r: dict[str, pygame.Rect], m: Metrics) -> None:
        side = r["side"]  # its box and heading are in the backdrop
        pad = m.margin
        x, w = side.x + pad, side.w - 2 * pad
        y = r["gauges"].y
        gh = r["gauge_h"].h
        now = self.app.now()
        rects = []
        for g in self.gauges:
            rect = pygame.Rect(x, y, w, gh)
            g.draw(surface, self.theme, rect, now, m.ui, self.historian)
            rects.append(rect)
            y += gh + pad // 2
        self.gauge_rects = tuple(rects)
        y += pad // 2
        pygame.draw.line(surface, RULE, (x, y), (x + w, y), 2)
        y += pad // 2
        bottom = r["undo"].y - pad // 2 if not self.replaying else side.bottom - pad
        if self.forecast_shown():
            # the forecast takes the top of the notes' place; computed in the background, it is
            # drawn as it stands and the loop repaints when a newer estimate lands
            game = self.app.game
            game.outlook.follow(game.engine, True)
            fc = game.outlook.latest(game.engine)
            area = pygame.Rect(x, y, w, max(0, bottom - y))
            y = forecast.draw_panel(
                surface, self.theme, area, m, fc, game.outlook.busy(game.engine), game.outlook.lines(game.engine)
            )
            self.forecast_drawn, self.forecast_bottom = fc, y
            y += pad // 2
            if y < bottom:
                pygame.draw.line(surface, RULE, (x, y), (x + w, y), 2)
            y += pad // 2
        else:
            self.app.game.outlook.follow(self.app.game.engine, False)
            self.forecast_drawn = None
        self.notes_rect = pygame.Rect(x, y, w, max(0, bottom - y))
        if self.notes_rect.h < 3 * self.theme.line_height("ui", m.small):
            self.notes_rect.h = 0  # no room left under the forecast: no sliver of notes
            return
        self.notes.set(self._notes(m))
        self.notes.draw(surface, self.notes_rect, CARD)

    def _notes(self, m: Metrics) -> list[Para]:
        """The side notes: the focused option's odds and sources (historian), then recent events."""
        paras: list[Para] = []
        choices = self.choices()
        if self.historian and self.mode == "decision" and choices and 0 <= self.focus < len(choices):
            c = choices[self.focus]
            paras.append(Para("THE ODDS", "poster", m.ui, RED))
            if c.chances:
                for line in present.chance_lines(c):
                    paras.append(Para(line, "ui", m.small, INK, space=3))
            else:
                paras.append(Para("No chance involved: the effects are certain.", "ui", m.small, GREY, space=3))
            d = self.view.decision
            if d is not None and d.sources:
                paras.append(Para("Sources: " + "; ".join(d.sources), "italic", m.small, GREY, space=6))
            paras.append(Para("", "ui", m.small, space=m.margin // 2))
        # the newest entries of the shared chronicle document, newest first
        recent = screens.entries(screens.chronicle_doc(self.view, last=LATELY, endings=False))
        if recent:
            paras.append(Para(LATELY_HEAD, "poster", m.ui, RED))
            for _index, blocks in reversed(recent):
                for b in blocks:
                    if b.role == "entry":
                        paras.append(Para(f"{b.key} — {b.text}", "bold", m.small, INK, space=5))
                    elif b.role == "prose":
                        paras.append(Para(b.text, "prose", m.small, GREY))
        return paras
