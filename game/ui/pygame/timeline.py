"""The timeline: the meters plotted over time, then this game's chronicle as dated entries
beside what really happened. The ending screen is the timeline with the epilogue over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.core.engine import Engine
from game.core.view import View
from game.ui import present, screens
from game.ui.pygame import documents
from game.ui.pygame.base import Screen, dim, fill_paper, panel
from game.ui.pygame.chrome import bars, draw_footer, draw_topbar
from game.ui.pygame.theme import CARD, GREY, INK, PAPER, RED, RULE, Color, Metrics, Theme, blit_lines
from game.ui.pygame.widgets import Button, RichText

if TYPE_CHECKING:
    from game.ui.pygame.app import App


def hex_color(text: str) -> Color:
    """'#b3261e' -> (179, 38, 30)."""
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


TIMELINE_HINTS = [("↑↓ PgUp PgDn", "scroll"), ("T / Esc", "back"), ("wheel", "scroll")]
EPILOGUE_HINTS = [
    ("T", "the timeline"),
    ("E", "save the chronicle"),
    ("PgUp PgDn", "scroll"),
    ("Esc", "title"),
    ("Q", "quit"),
]
BACK_LABELS = ("Back to the game", "The epilogue")  # the timeline's button, and the ending's in its place


def timeline_layout(size: tuple[int, int], theme: Theme, m: Metrics) -> dict[str, pygame.Rect]:
    """Rects of the timeline (pure): chart and legend on top, the two columns below."""
    w, _h = size
    top, foot = bars(size, theme, m)
    g = m.margin
    lh_small = theme.line_height("ui", m.small)
    pad = max(6, m.ui // 2)  # draw_button's padding; the key T is drawn before the label
    key_w = max(theme.width("9", "bold", m.ui), theme.width("T", "bold", m.ui)) + pad
    back_w = key_w + max(theme.width(label, "ui", m.ui) for label in BACK_LABELS) + 4 * g
    back = pygame.Rect(w - g - back_w - 4, top.bottom + g, back_w, theme.line_height("ui", m.ui) + g)
    heading = pygame.Rect(g, top.bottom + g, back.x - 2 * g, back.h)
    chart_h = max(120, round((foot.y - heading.bottom) * 0.32))
    chart = pygame.Rect(g + theme.width("max", "ui", m.small) + 8, heading.bottom + g, 0, chart_h)
    chart.w = w - g - chart.x
    legend = pygame.Rect(g, chart.bottom + lh_small + 8, w - 2 * g, lh_small + 4)
    cols_y = legend.bottom + g
    header = pygame.Rect(g, cols_y, w - 2 * g, theme.line_height("poster", m.ui) + 6)
    rows = pygame.Rect(g, header.bottom + 4, w - 2 * g, foot.y - g - header.bottom - 4)
    return {
        "top": top,
        "footer": foot,
        "back": back,
        "heading": heading,
        "chart": chart,
        "legend": legend,
        "header": header,
        "rows": rows,
    }


def columns(rows: pygame.Rect, m: Metrics, theme: Theme) -> tuple[pygame.Rect, pygame.Rect, pygame.Rect]:
    """The date gutter, this game's column and the history column of the entries."""
    date_w = theme.width("September 1937", "bold", m.small) + m.margin
    rest = rows.w - date_w - 2 * m.margin - 6
    game_w = rest // 2
    d = pygame.Rect(rows.x, rows.y, date_w, rows.h)
    g = pygame.Rect(d.right + m.margin, rows.y, game_w, rows.h)
    hcol = pygame.Rect(g.right + m.margin, rows.y, rest - game_w, rows.h)
    return d, g, hcol


class Chart:
    """The meters over time drawn once into a surface per (size, history) and reused."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self._key: tuple[object, ...] = ()
        self._surf: pygame.Surface | None = None

    def draw(self, surface: pygame.Surface, rect: pygame.Rect, view: View, m: Metrics) -> None:
        key = (rect.size, len(view.meter_history), view.turn, m)
        if key != self._key or self._surf is None:
            self._key = key
            self._surf = self._render(rect.size, view, m)
        surface.blit(self._surf, rect.topleft)
        lbl = self.theme.text("max", "ui", m.small, GREY)
        surface.blit(lbl, (rect.x - lbl.get_width() - 6, rect.y))
        lbl = self.theme.text("min", "ui", m.small, GREY)
        surface.blit(lbl, (rect.x - lbl.get_width() - 6, rect.bottom - lbl.get_height()))
        for x, year in present.year_ticks(view, most=max(2, rect.w // 90)):
            px = rect.x + round(rect.w * x)
            pygame.draw.line(surface, INK, (px, rect.bottom), (px, rect.bottom + 5), 2)
            ys = self.theme.text(year, "ui", m.small, INK)
            surface.blit(ys, (max(rect.x, min(px - ys.get_width() // 2, rect.right - ys.get_width())), rect.bottom + 6))

    def _render(self, size: tuple[int, int], view: View, m: Metrics) -> pygame.Surface:
        w, h = size
        s = pygame.Surface(size)
        s.fill(CARD)
        for q in (0.25, 0.5, 0.75):
            y = round(h * (1 - q))
            for x in range(0, w, 12):
                pygame.draw.line(s, RULE, (x, y), (x + 6, y))
        for i, (_mid, _label, points) in enumerate(present.chart_series(view)):
            colour = hex_color(present.SERIES_COLORS[i % len(present.SERIES_COLORS)])
            pts = [(round(3 + (w - 6) * x), round(3 + (h - 6) * (1 - y))) for x, y in points]
            if len(pts) == 1:
                pygame.draw.circle(s, colour, pts[0], 4)
            elif pts:
                pygame.draw.lines(s, colour, False, pts, 3)
                pygame.draw.circle(s, colour, pts[-1], 5)
        pygame.draw.rect(s, INK, s.get_rect(), 2)
        return s


class TimelineScreen(Screen):
    """The chronicle of this game beside real history, under a chart of the meters."""

    name = "timeline"

    def __init__(self, app: App, engine: Engine) -> None:
        super().__init__(app)
        self.engine = engine
        self.view = engine.view()
        self.chart = Chart(self.theme)
        self.offset = 0
        self._rows_key: tuple[object, ...] = ()
        self._rows: list[tuple[int, int, list[str], list[str], list[str], str]] = []
        self._rows_h = 0

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        return timeline_layout(size, self.theme, self.metrics(size))

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        r = self.layout(size)
        return [r["top"], r["footer"], r["heading"], r["chart"], r["legend"], r["header"], r["rows"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        r = self.layout(size)
        return [Button(r["back"], BACK_LABELS[0], self.back, key="T", center=True)]

    def _layout_rows(self, rows: pygame.Rect, m: Metrics) -> None:
        """Each chronicle entry as a row, from the shared chronicle document (its date and kind
        in the gutter, its headline and prose in this game's column, the history note beside)."""
        key = (rows.size, len(self.view.chronicle), m)
        if key == self._rows_key:
            return
        self._rows_key = key
        _d, g, hcol = columns(rows, m, self.theme)
        out = []
        y = 0
        lh = self.theme.line_height("prose", m.small)
        doc = screens.chronicle_doc(self.view, history=True, endings=False, kinds=True)
        for _index, blocks in screens.entries(doc):
            head = next(b for b in blocks if b.role == "entry")
            dl = [head.key, *(b.text.upper() for b in blocks if b.role == "meta")]
            titles = self.theme.wrap(head.text, "title", m.small, g.w)
            gl = titles + [
                line for b in blocks if b.role == "prose" for line in self.theme.wrap(b.text, "prose", m.small, g.w)
            ]
            hl = [
                line for b in blocks if b.role == "note" for line in self.theme.wrap(b.text, "italic", m.small, hcol.w)
            ]
            height = max(len(dl), len(gl), len(hl)) * lh + m.margin
            out.append((y, height, dl, gl, hl, str(len(titles))))
            y += height
        self._rows = out
        self._rows_h = y

    def scroll(self, dy: int) -> None:
        r = self.layout(self.app.size)
        self._layout_rows(r["rows"], self.metrics(self.app.size))
        self.offset = max(0, min(self.offset + dy, max(0, self._rows_h - r["rows"].h)))
        self.app.dirty = True

    def key(self, event: pygame.event.Event) -> None:
        r = self.layout(self.app.size)
        page = r["rows"].h * 3 // 4
        lh = self.theme.line_height("prose", self.metrics(self.app.size).small) * 2
        steps = {
            pygame.K_PAGEDOWN: page,
            pygame.K_PAGEUP: -page,
            pygame.K_j: lh,
            pygame.K_k: -lh,
            pygame.K_HOME: -(10**9),
            pygame.K_END: 10**9,
        }
        if event.key in steps:
            self.scroll(steps[event.key])
        elif event.key == pygame.K_t:
            self.back()
        else:
            self.unknown_key(event)

    def keys_help(self) -> str:
        return "The arrows, PgUp PgDn, Home and End scroll, T or Esc goes back"

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-event.y * self.theme.line_height("prose", self.metrics(self.app.size).small) * 3)
            return
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_UP):
            lh = self.theme.line_height("prose", self.metrics(self.app.size).small) * 2
            self.scroll(lh if event.key == pygame.K_DOWN else -lh)
            return
        super().handle(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        m = self.metrics(size)
        r = self.layout(size)
        fill_paper(surface)
        draw_topbar(surface, self.theme, r["top"], m, self.view, "the timeline")
        draw_footer(surface, self.theme, r["footer"], m, TIMELINE_HINTS)
        hd = r["heading"]
        hs = self.theme.text("THE TIMELINE", "poster", m.title, INK)
        surface.blit(hs, (hd.x, hd.y + (hd.h - hs.get_height()) // 2))
        sub = self.theme.text("your path, and the one history took", "italic", m.ui, GREY)
        if hd.x + hs.get_width() + m.margin + sub.get_width() < hd.right:
            surface.blit(sub, (hd.x + hs.get_width() + m.margin, hd.y + (hd.h - sub.get_height()) // 2 + 4))
        self.chart.draw(surface, r["chart"], self.view, m)
        x = r["legend"].x
        for i, mv in enumerate(self.view.meters):
            colour = hex_color(present.SERIES_COLORS[i % len(present.SERIES_COLORS)])
            text = f"{mv.label}" + (f" {mv.value}" if self.app.settings.historian else "")
            ts = self.theme.text(text, "ui", m.small, INK)
            if x + 30 + ts.get_width() > r["legend"].right:
                break
            pygame.draw.rect(surface, colour, (x, r["legend"].centery - 3, 22, 6))
            surface.blit(ts, (x + 28, r["legend"].y))
            x += 28 + ts.get_width() + m.margin * 2
        self._draw_rows(surface, r, m)

    def _draw_rows(self, surface: pygame.Surface, r: dict[str, pygame.Rect], m: Metrics) -> None:
        rows = r["rows"]
        d, g, hcol = columns(rows, m, self.theme)
        hd = r["header"]
        pygame.draw.rect(surface, INK, hd)
        for rect, label in ((d, "DATE"), (g, "THIS GAME"), (hcol, "WHAT REALLY HAPPENED")):
            surface.blit(self.theme.text(label, "poster", m.ui, PAPER), (rect.x + 4, hd.y + 3))
        self._layout_rows(rows, m)
        lh = self.theme.line_height("prose", m.small)
        clip = surface.get_clip()
        surface.set_clip(rows)
        if not self._rows:
            surface.blit(self.theme.text(screens.NOTHING_YET, "italic", m.prose, GREY), (g.x, rows.y + m.margin))
        for y0, height, dl, gl, hl, n_title in self._rows:
            top = rows.y + y0 - self.offset
            if top > rows.bottom:
                break
            if top + height < rows.y:
                continue
            blit_lines(surface, self.theme, dl[:1], "bold", m.small, RED, d.x, top + m.margin // 2)
            blit_lines(surface, self.theme, dl[1:], "ui", m.small, GREY, d.x, top + m.margin // 2 + lh)
            nt = int(n_title)
            yy = blit_lines(surface, self.theme, gl[:nt], "title", m.small, INK, g.x, top + m.margin // 2)
            blit_lines(surface, self.theme, gl[nt:], "prose", m.small, INK, g.x, yy)
            blit_lines(surface, self.theme, hl, "italic", m.small, GREY, hcol.x, top + m.margin // 2)
            pygame.draw.line(surface, RULE, (rows.x, top + height - 1), (rows.right, top + height - 1))
        pygame.draw.line(surface, RED, (hcol.x - m.margin // 2, rows.y), (hcol.x - m.margin // 2, rows.bottom), 2)
        surface.set_clip(clip)
        if self._rows_h > rows.h:
            th = max(20, rows.h * rows.h // self._rows_h)
            ty = rows.y + (rows.h - th) * self.offset // max(1, self._rows_h - rows.h)
            pygame.draw.rect(surface, RULE, (rows.right - 4, rows.y, 4, rows.h))
            pygame.draw.rect(surface, RED, (rows.right - 4, ty, 4, th))

    def back(self) -> None:
        self.app.pop()


def epilogue_layout(size: tuple[int, int], theme: Theme, m: Metrics) -> dict[str, pygame.Rect]:
    """The epilogue panel over the timeline (pure)."""
    w, _h = size
    top, foot = bars(size, theme, m)
    pw = min(w - 4 * m.margin, max(640, round(w * 0.62)))
    ph = foot.y - top.bottom - 4 * m.margin
    box = pygame.Rect((w - pw) // 2, top.bottom + 2 * m.margin, pw, ph)
    pad = m.margin * 2
    bh = theme.line_height("ui", m.ui) + m.margin
    names = ("b_timeline", "b_export", "b_title", "b_quit")
    gap = m.margin // 2
    bw = (box.w - 2 * pad - (len(names) - 1) * gap) // len(names)
    y = box.bottom - pad - bh
    rects = {"top": top, "footer": foot, "box": box}
    rects["text"] = pygame.Rect(box.x + pad, box.y + pad, box.w - 2 * pad, y - pad - box.y - pad)
    for i, name in enumerate(names):
        rects[name] = pygame.Rect(box.x + pad + i * (bw + gap), y, bw, bh)
    return rects


class EndingScreen(TimelineScreen):
    """The ending: the epilogue and the real history, shown over the timeline of the game."""

    name = "ending"

    def __init__(self, app: App, engine: Engine) -> None:
        super().__init__(app, engine)
        self.show_epilogue = True
        self.text = RichText(self.theme)
        self._under: pygame.Surface | None = None
        self._under_key: tuple[object, ...] = ()

    def layout(self, size: tuple[int, int]) -> dict[str, pygame.Rect]:
        if not self.show_epilogue:
            return super().layout(size)
        return epilogue_layout(size, self.theme, self.metrics(size))

    def regions(self, size: tuple[int, int]) -> list[pygame.Rect]:
        if not self.show_epilogue:
            return super().regions(size)
        r = self.layout(size)
        return [r["top"], r["footer"], r["box"]]

    def buttons(self, size: tuple[int, int]) -> list[Button]:
        if not self.show_epilogue:
            back = super().layout(size)["back"]
            return [Button(back, BACK_LABELS[1], self.toggle, key="T", center=True)]
        r = self.layout(size)
        return [
            Button(r["b_timeline"], "Read the timeline", self.toggle, key="T"),
            Button(r["b_export"], "Save the chronicle", self.export, key="E"),
            Button(r["b_title"], "Title screen", self.app.to_title, key="Esc"),
            Button(r["b_quit"], "Quit", self.app.quit, key="Q"),
        ]

    def toggle(self) -> None:
        self.show_epilogue = not self.show_epilogue
        self.focus = 0
        self.relayout()

    def export(self) -> None:
        """E: the chronicle as one HTML page beside the saves (with the decisions that mattered
        once they are worked out); the session says where, or why not."""
        mattered = self.app.game.outlook.mattered(self.engine)
        self.app.say(self.app.game.export_chronicle(mattered or ()))

    def key(self, event: pygame.event.Event) -> None:
        if event.key == pygame.K_t:
            self.toggle()
        elif event.key == pygame.K_q:
            self.app.quit()
        elif event.key == pygame.K_e:
            self.export()
        elif not self.show_epilogue:
            super().key(event)
        elif event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            r = self.layout(self.app.size)
            self.text.scroll((1 if event.key == pygame.K_PAGEDOWN else -1) * r["text"].h // 2, r["text"].h)
        else:
            self.unknown_key(event)

    def keys_help(self) -> str:
        if not self.show_epilogue:
            return "The arrows, PgUp PgDn, Home and End scroll, T or Esc goes back to the epilogue"
        return "T reads the timeline, E saves the chronicle as a page, PgUp PgDn scroll, Esc goes to the title, Q quits"

    def handle(self, event: pygame.event.Event) -> None:
        if self.show_epilogue and event.type == pygame.MOUSEWHEEL:
            r = self.layout(self.app.size)
            self.text.scroll(-event.y * 60, r["text"].h)
            self.app.dirty = True
            return
        if self.show_epilogue and event.type == pygame.KEYDOWN and event.key in (pygame.K_DOWN, pygame.K_UP):
            Screen.handle(self, event)
            return
        super().handle(event)

    def back(self) -> None:
        if not self.show_epilogue:
            self.toggle()
        else:
            self.app.to_title()

    def draw_content(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        m = self.metrics(size)
        show = self.show_epilogue
        if not show:
            super().draw_content(surface)
            return
        key = (size, self.offset, m)
        if key != self._under_key or self._under is None:
            # the timeline under the epilogue does not move: draw and darken it once
            self._under = pygame.Surface(size)
            self.show_epilogue = False
            try:
                super().draw_content(self._under)
            finally:
                self.show_epilogue = show
            dim(self._under)
            self._under_key = key
        surface.blit(self._under, (0, 0))
        r = self.layout(size)
        draw_footer(surface, self.theme, r["footer"], m, EPILOGUE_HINTS)  # its own keys, not the timeline's
        box = r["box"]
        panel(surface, box)
        e = self.view.ending
        if e is None:
            return
        # the decisions that mattered are worked out in the background once the game is over;
        # the loop repaints when they land (the app's forecast services wake it)
        outlook = self.app.game.outlook
        outlook.weigh(self.engine)
        doc = screens.ending_doc(self.view, outlook.mattered_lines(self.engine))
        paras = documents.paras(doc.blocks, m, big_titles=True)
        self.text.set(paras)
        self.text.draw(surface, r["text"])
