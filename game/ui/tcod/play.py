"""The screens of a game in progress: the card, what came of a choice, the ending, the chronicle.

They read the session's View and send the player's choices to the session (game.ui.session);
nothing here decides anything.
"""

from __future__ import annotations

import tcod.console
import tcod.event

from game.core.engine import Engine
from game.core.view import DecisionView, ReportView, View
from game.ui import screens
from game.ui.tcod import documents, theme, widgets
from game.ui.tcod.base import ENTER, App, State, cell, digit, letter, track_pointer
from game.ui.tcod.layout import GAME_KEYS, Layout, draw_footer, draw_header, draw_side, layout
from game.ui.tcod.widgets import Doc, Hotspots, Rect, Scroll


def _engine(app: App) -> Engine:
    engine = app.session.engine
    if engine is None:
        raise RuntimeError("no game in progress")
    return engine


def _quit_to_title(app: App) -> None:
    from game.ui.tcod.menus import TitleScreen

    app.session.show(app.session.game.quit_to_title())
    app.reset(TitleScreen())


def undo(app: App) -> None:
    """Take back the last decision (the session replays the game to one decision fewer) and
    show the decision again; in an ironman game, or at the start, only say why not."""
    from game.ui.tcod.menus import enter_game

    step = app.session.show(app.session.game.undo())
    if step.show != "same":
        enter_game(app, step, intro=False, reports=False)


def reload(app: App) -> None:
    """F5 for modders: reload the content from disk; problems are listed over the screen."""
    from game.ui.tcod.menus import NoticeScreen

    step, problems, kept = app.session.game.reload()
    app.session.show(step)
    if problems:
        lead = "The game goes on with its old content." if kept else "The game goes on with the reloaded content."
        app.push(NoticeScreen("Content reloaded with problems", [lead, *problems[:200]]))


def _common_key(event: tcod.event.KeyDown, app: App) -> bool:
    """Keys every game screen shares (chronicle, save, load, odds, help, quit)."""
    from game.ui.tcod.menus import ConsoleDialog, HelpScreen, LoadScreen, SaveDialog

    key = letter(event)
    if event.sym in (tcod.event.KeySym.F12, tcod.event.KeySym.GRAVE):
        app.push(ConsoleDialog())
    elif key == "c":
        app.push(ChronicleScreen())
    elif key == "s":
        app.push(SaveDialog())
    elif key == "l":
        app.push(LoadScreen())
    elif key == "o":
        app.session.historian = not app.session.historian
        app.session.say("Odds and sources shown." if app.session.historian else "Odds and sources hidden.")
    elif key == "u":
        undo(app)
    elif key == "f":
        app.session.show(app.session.game.toggle_forecast(app.session.historian))
    elif event.sym == tcod.event.KeySym.F5:
        reload(app)
    elif key in ("h", "?"):
        app.push(HelpScreen())
    elif key == "q":
        _quit_to_title(app)
    elif event.sym == tcod.event.KeySym.ESCAPE:  # no menu to close here: say how to leave or go back
        app.session.say("q saves and goes to the title screen; u takes the last decision back.", tone="hint")
    else:
        if key:  # a letter with no meaning here: a hint, nothing else
            app.session.say(f"{key}: no such key here; ? lists the keys.", tone="hint")
        return False
    return True


def card_doc(view: View, decision: DecisionView, width: int, historian: bool) -> tuple[Doc, Doc]:
    """The card's head and prose, and its options (tagged with their index) for one width."""
    document = screens.card_doc(view, historian)
    head_blocks = document.head()
    cut = next((i + 1 for i, b in enumerate(head_blocks) if b.role == "title"), 0)
    head = documents.render(head_blocks[:cut], width)
    titled = [x.text for x in head.lines[1:]]
    head.line("─" * min(width, max(map(len, titled)) if titled else width), theme.LINE)
    rest = documents.render(head_blocks[cut:], width)
    head.lines.extend(rest.lines if not rest.lines or rest.lines[0].text else rest.lines[1:])
    options = documents.render(document.blocks[len(head_blocks) :], width)
    while options.lines and not options.lines[0].text:
        options.lines.pop(0)
    return head, options


class GameScreen(State):
    """The card in front of the player, its options, and the side panel."""

    def __init__(self) -> None:
        self.hot: Hotspots[object] = Hotspots()
        self.hover: int | None = None
        self.selected = 0
        self.scroll = Scroll()

    def keys(self) -> tuple[tuple[str, str], ...]:
        """The footer's keys."""
        return GAME_KEYS

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        game = app.session.game
        view = game.view()
        lay = layout(con.width, con.height)
        draw_header(con, lay.header, view)
        # the forecast panel takes the chronicle's place; computed in the background, redrawn
        # as runs finish (the loop draws at least twice a second)
        shown = game.forecast_shown(app.session.historian)
        game.outlook.follow(game.engine, shown)
        draw_side(con, lay.side, view, game.outlook.lines(game.engine) if shown else None)
        widgets.frame(con, lay.main)
        draw_footer(con, lay.footer, app.session, self.keys())
        self.hot.clear()
        self.draw_undo(con, lay, app)
        if view.decision is not None:
            self.draw_card(con, lay, view, view.decision, app.session.historian)

    def draw_undo(self, con: tcod.console.Console, lay: Layout, app: App) -> None:
        """The undo button on the card's lower frame (clicked, or the key u); an ironman game
        says so there instead."""
        game = app.session.game
        label = " ↶ u: undo " if game.can_undo() else (" ironman: no undo " if game.ironman else "")
        if not label:
            return
        x, y = lay.main.right - len(label) - 2, lay.main.bottom - 1  # on the frame's lower edge
        hot = game.can_undo() and self.hover_undo
        widgets.put(
            con, x, y, label, fg=theme.KEY if game.can_undo() else theme.DIM, bg=theme.HOVER_BG if hot else None
        )
        if game.can_undo():
            self.hot.add(Rect(x, y, len(label), 1), "undo")

    hover_undo = False

    def draw_card(
        self, con: tcod.console.Console, lay: Layout, view: View, decision: DecisionView, historian: bool
    ) -> None:
        """Head and prose above, options below; prose scrolls when the whole does not fit."""
        t = lay.text
        head, options = card_doc(view, decision, t.w, historian)
        hover = self.hover if self.hover is not None else self.selected
        for i, line in enumerate(options.lines):
            if line.tag == hover and line.lead and line.indent == 0:
                options.lines[i] = widgets.Line(
                    "▸" + line.text[1:], line.fg, line.indent, line.tag, None, line.lead, line.lead_fg
                )
        total = len(head) + 1 + len(options)
        if total <= t.h:
            widgets.draw_doc(con, Rect(t.x, t.y, t.w, len(head)), head.lines)
            opt_top = t.y + len(head) + 1
            self.scroll.fit(0, 1)
        elif len(options) <= t.h // 2:
            room = t.h - len(options) - 1
            self.scroll.fit(len(head), room)
            widgets.draw_doc(con, Rect(t.x, t.y, t.w, room), head.lines, self.scroll.offset)
            widgets.scroll_marks(con, t.right, t.y, t.y + room, self.scroll.offset, len(head), room)
            opt_top = t.bottom - len(options)
        else:  # a card with very long options: everything scrolls together
            whole = [*head.lines, widgets.Line(""), *options.lines]
            self.scroll.fit(len(whole), t.h)
            widgets.draw_doc(con, t, whole, self.scroll.offset, self.hot, hover)
            widgets.scroll_marks(con, t.right, t.y, t.bottom, self.scroll.offset, len(whole), t.h)
            return
        area = Rect(t.x, opt_top, t.w, t.bottom - opt_top)
        widgets.draw_doc(con, area, options.lines, 0, self.hot, hover)

    # --- events -------------------------------------------------------------------------

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        decision = app.session.game.view().decision
        if decision is None:
            return
        count = len(decision.choices)
        if isinstance(event, tcod.event.MouseMotion):
            self.hover_undo = self.hot.at(*cell(event)) == "undo"
        elif isinstance(event, tcod.event.MouseButtonDown) and self.hot.at(*cell(event)) == "undo":
            undo(app)
            return
        if isinstance(event, tcod.event.KeyDown):
            n = digit(event)
            if n is not None and 1 <= n <= count:
                self.choose(app, n - 1)
            elif event.sym in ENTER or event.sym == tcod.event.KeySym.SPACE:
                self.choose(app, self.selected)
            elif event.sym == tcod.event.KeySym.UP:
                self.selected, self.hover = (self.selected - 1) % count, None
            elif event.sym == tcod.event.KeySym.DOWN:
                self.selected, self.hover = (self.selected + 1) % count, None
            elif self.scroll.key(event.sym):
                pass
            elif n is not None:
                self.choose(app, n - 1)  # out of range: the session's hint
            else:
                _common_key(event, app)
        elif isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)
        elif (clicked := track_pointer(self, event)) is not None:
            self.choose(app, clicked)

    def choose(self, app: App, index: int) -> None:
        """Send the chosen option through the session, then show what came of it."""
        step = app.session.show(app.session.game.choose(index))
        if step.show == "same":
            return
        self.hover, self.selected = None, 0
        self.scroll = Scroll()
        if step.show == "reports":
            app.push(ReportsScreen())
        elif step.show == "ending":
            app.replace(EndingScreen())

    def on_resume(self, app: App) -> None:
        if app.session.game.screen() == "ending":
            app.replace(EndingScreen())


def report_doc(reports: tuple[ReportView, ...], width: int, historian: bool) -> Doc:
    """What the last choice led to and this turn's news, with the history notes."""
    return documents.render_doc(screens.reports_doc(reports, historian), width)


class ReportsScreen(State):
    """What came of the choice: outcomes, news and what really happened; Enter goes on."""

    def __init__(self) -> None:
        self.scroll = Scroll()
        self.hot: Hotspots[object] = Hotspots()
        self.hover: object = None

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        view = _engine(app).view()
        lay = layout(con.width, con.height)
        draw_header(con, lay.header, view)
        draw_side(con, lay.side, view)
        widgets.frame(con, lay.main, "What came of it")
        draw_footer(
            con,
            lay.footer,
            app.session,
            (("Enter", "continue"), ("PgUp/PgDn", "scroll"), ("c", "chronicle"), ("?", "help"), ("q", "quit")),
        )
        t = lay.text
        doc = report_doc(view.reports, t.w, app.session.historian)
        room = t.h - 2
        self.scroll.fit(len(doc), room)
        shown = widgets.draw_doc(con, Rect(t.x, t.y, t.w, room), doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, t.right, t.y, t.y + room, self.scroll.offset, len(doc), room)
        self.hot.clear()
        more = self.scroll.offset + room < len(doc)
        label = "▸ Continue   (PgDn: there is more)" if more else "▸ Continue"
        y = t.y + shown + 1
        button = Rect(t.x - 1, y, min(t.w, len(label)) + 2, 1)
        bg = theme.HOVER_BG if self.hover == "go" else None
        if bg:
            widgets.fill(con, button, bg)
        widgets.put(con, t.x, y, label, fg=theme.KEY, bg=bg, width=t.w)
        self.hot.add(button, "go")

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.KeyDown):
            if event.sym in ENTER or event.sym in (tcod.event.KeySym.SPACE, tcod.event.KeySym.ESCAPE):
                app.pop()
            elif self.scroll.key(event.sym):
                pass
            elif event.sym == tcod.event.KeySym.DOWN:
                self.scroll.by(1)
            elif event.sym == tcod.event.KeySym.UP:
                self.scroll.by(-1)
            else:
                _common_key(event, app)
        elif isinstance(event, tcod.event.MouseMotion):
            self.hover = self.hot.at(*cell(event))
        elif isinstance(event, tcod.event.MouseButtonDown) and self.hot.at(*cell(event)) == "go":
            app.pop()
        elif isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)


def ending_doc(view: View, width: int, mattered: list[str] | None = None) -> Doc:
    """The epilogue and the real history beside it; then the decisions that mattered (the
    lines of ``game.ui.outlook.Outlook.mattered_lines``) when there are any."""
    return documents.render_doc(screens.ending_doc(view, mattered), width)


class EndingScreen(State):
    """The ending: epilogue, what really happened, the final meters; then the title screen."""

    def __init__(self) -> None:
        self.scroll = Scroll()

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        view = _engine(app).view()
        lay = layout(con.width, con.height)
        draw_header(con, lay.header, view)
        draw_side(con, lay.side, view)
        widgets.frame(con, lay.main)
        draw_footer(
            con,
            lay.footer,
            app.session,
            (
                ("Enter", "title screen"),
                ("c", "chronicle"),
                ("e", "export it"),
                ("s", "save"),
                ("PgUp/PgDn", "scroll"),
                ("q", "quit"),
            ),
        )
        t = lay.text
        game = app.session.game
        engine = _engine(app)
        game.outlook.weigh(engine)  # worked out in the background; the loop redraws as it lands
        doc = ending_doc(view, t.w, game.outlook.mattered_lines(engine))
        self.scroll.fit(len(doc), t.h)
        widgets.draw_doc(con, t, doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, t.right, t.y, t.bottom, self.scroll.offset, len(doc), t.h)

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        from game.ui.tcod.menus import SaveDialog

        if isinstance(event, tcod.event.KeyDown):
            key = letter(event)
            if event.sym in ENTER or event.sym == tcod.event.KeySym.ESCAPE or key == "q":
                _quit_to_title(app)
            elif key == "c":
                app.push(ChronicleScreen())
            elif key == "e":  # the chronicle as a web page beside the saves (with what mattered, once known)
                game = app.session.game
                app.session.show(game.export_chronicle(game.outlook.mattered(_engine(app)) or ()))
            elif key == "s":
                app.push(SaveDialog())
            elif self.scroll.key(event.sym):
                pass
        elif isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)


def chronicle_doc(view: View, width: int, history: bool) -> Doc:
    """Every chronicle entry: date, title, what happened (and the history notes if asked)."""
    return documents.render_doc(screens.chronicle_doc(view, history), width, hang=16 if width >= 60 else 0)


class ChronicleScreen(State):
    """The chronicle of the game so far, newest at the bottom, scrolled to the end."""

    def __init__(self) -> None:
        self.scroll = Scroll()
        self.history = False
        self.started = False

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        view = _engine(app).view()
        lay = layout(con.width, con.height)
        draw_header(con, lay.header, view)
        body = Rect(0, 1, con.width, con.height - 2)
        widgets.frame(con, body, "The chronicle")
        draw_footer(
            con,
            lay.footer,
            app.session,
            (("Esc", "back"), ("↑↓ PgUp PgDn", "scroll"), ("h", "hide history" if self.history else "show history")),
        )
        inner = body.inset(3, 1)
        if inner.w > 100:
            inner = Rect(inner.x + (inner.w - 100) // 2, inner.y, 100, inner.h)
        doc = chronicle_doc(view, inner.w, self.history)
        self.scroll.fit(len(doc), inner.h)
        if not self.started:
            self.scroll.to_end()
            self.started = True
        widgets.draw_doc(con, inner, doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, inner.right + 1, inner.y, inner.bottom, self.scroll.offset, len(doc), inner.h)

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.KeyDown):
            key = letter(event)
            if event.sym == tcod.event.KeySym.ESCAPE or key in ("c", "q") or event.sym in ENTER:
                app.pop()
            elif key == "h":
                self.history = not self.history
            elif event.sym == tcod.event.KeySym.UP:
                self.scroll.by(-1)
            elif event.sym == tcod.event.KeySym.DOWN:
                self.scroll.by(1)
            else:
                self.scroll.key(event.sym)
        elif isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)
