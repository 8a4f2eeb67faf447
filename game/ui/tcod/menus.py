"""The screens around a game: title, character choice, introduction, help, save, load."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs
import tcod.console
import tcod.event

from game.core.engine import Engine
from game.ui import present, screens
from game.ui.services import ModsInfo, SaveInfo, UserError
from game.ui.session import SEED_DIGITS, SEED_RULE, Step, read_seed
from game.ui.tcod import documents, theme, widgets
from game.ui.tcod.base import ENTER, App, State, digit, letter, track_pointer
from game.ui.tcod.layout import MEASURE, draw_footer
from game.ui.tcod.widgets import Doc, Hotspots, Rect, Scroll

TCOD_KEYS = (
    ("1-9", "choose an option (or click it)"),
    ("↑ ↓  Enter", "move between options and take one"),
    ("PgUp PgDn", "scroll a long card or report (or the mouse wheel)"),
    ("c", "the chronicle so far (h there shows the history notes)"),
    ("e", "at the ending: export the chronicle as a web page beside the saves"),
    ("s", "save the game under a name"),
    ("l", "load a saved game"),
    ("o", "show or hide the odds and sources (historian mode)"),
    ("f", "show or hide the forecast in the side panel (not in an ironman game)"),
    ("u", "undo: take back the last decision (or click ↶ undo; not in an ironman game)"),
    ("h or ?", "this help"),
    ("q", "save and quit to the title screen"),
    ("F5", "reload the content from disk (for modders)"),
    ("Alt+Enter", "fullscreen on or off"),
    ("Ctrl+= Ctrl+-", "larger or smaller letters (kept for next time)"),
    ("Ctrl+P", "colours: standard or colour-blind safe (kept for next time)"),
    ("F12 or `", "the debug console for modders (help lists its commands)"),
)


# PgUp/PgDn move five entries in a list, Home/End to its ends
PAGE_KEYS = {
    tcod.event.KeySym.PAGEUP: -5,
    tcod.event.KeySym.PAGEDOWN: 5,
    tcod.event.KeySym.HOME: -(10**6),
    tcod.event.KeySym.END: 10**6,
}


@attrs.frozen
class Item:
    """A menu entry: the key that takes it, its label and an optional second line."""

    key: str
    label: str
    detail: str = ""
    enabled: bool = True


class MenuScreen(State):
    """A screen with a list of items taken by key, arrows and Enter, or the mouse."""

    def __init__(self) -> None:
        self.hot: Hotspots[object] = Hotspots()
        self.hover: int | None = None
        self.selected = 0
        self.first = 0  # the first entry drawn (a long list scrolls with the selection)

    def items(self, app: App) -> Sequence[Item]:
        """The entries (computed when drawn and when a key comes)."""
        return ()

    def activate(self, app: App, index: int) -> None:
        """Take an entry."""

    def back(self, app: App) -> None:
        """Escape: close this screen."""
        app.pop()

    def draw_items(self, con: tcod.console.Console, app: App, x: int, y: int, width: int, gap: int = 1) -> int:
        """Draw the entries from row y; return the next free row. A list longer than the room
        scrolls so the selected entry is always in view, with ``…`` where entries are hidden."""
        self.hot.clear()
        focus = self.hover if self.hover is not None else self.selected
        items = list(self.items(app))
        docs = []
        for item in items:
            doc = Doc(width - 6)
            doc.para(item.label, theme.BRIGHT if item.enabled else theme.FAINT)
            if item.detail:
                doc.para(item.detail, theme.DIM)
            docs.append(doc)
        bottom = con.height - 3
        self.first = min(self.first, self.selected)

        def fits(first: int) -> bool:
            row = y + (1 if first else 0)
            for i in range(first, self.selected + 1):
                row += len(docs[i]) + (gap if i < self.selected else 0)
            return row <= bottom

        while self.first < self.selected and not fits(self.first):
            self.first += 1
        if self.first:
            widgets.put(con, x + 5, y, "… (more above)", fg=theme.DIM)
            y += 1
        for i in range(self.first, len(items)):
            item, doc = items[i], docs[i]
            if y + len(doc) > bottom:
                widgets.put(con, x + 5, y, "… (more below: ↓)", fg=theme.DIM)
                break
            rect = Rect(x - 1, y, width + 2, len(doc))
            bg = theme.HOVER_BG if i == focus else None
            if bg:
                widgets.fill(con, rect, bg)
            mark = "▸" if i == focus else " "
            widgets.put(con, x, y, mark, fg=theme.KEY, bg=bg)
            widgets.put(con, x + 1, y, f"{item.key:>2}", fg=theme.KEY if item.enabled else theme.FAINT, bg=bg)
            for row, line in enumerate(doc.lines):
                widgets.put(con, x + 5, y + row, line.text, fg=line.fg, bg=bg, width=width - 5)
            self.hot.add(rect, i)
            y += len(doc) + gap
        return y

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        items = self.items(app)
        if isinstance(event, tcod.event.KeyDown):
            key = letter(event) or (str(digit(event)) if digit(event) is not None else "")
            keys = [item.key.lower() for item in items]
            if key and key in keys and key.strip():
                self.activate(app, keys.index(key))
            elif event.sym in ENTER and items:
                self.activate(app, self.selected)
            elif event.sym == tcod.event.KeySym.UP and items:
                self.selected, self.hover = (self.selected - 1) % len(items), None
            elif event.sym == tcod.event.KeySym.DOWN and items:
                self.selected, self.hover = (self.selected + 1) % len(items), None
            elif event.sym in PAGE_KEYS and items:
                jump = PAGE_KEYS[event.sym]
                self.selected, self.hover = max(0, min(len(items) - 1, self.selected + jump)), None
            elif event.sym == tcod.event.KeySym.ESCAPE:
                self.back(app)
            else:
                self.other_key(event, app)
        elif (clicked := track_pointer(self, event)) is not None:
            self.activate(app, clicked)

    def other_key(self, event: tcod.event.KeyDown, app: App) -> None:
        """A key that is no entry's."""


def _centre(width: int, measure: int) -> tuple[int, int]:
    w = min(measure, width - 8)
    return (width - w) // 2, w


class TitleScreen(MenuScreen):
    """D I V E R G E N C E, and the way in."""

    def items(self, app: App) -> Sequence[Item]:
        first = (Item("c", "Continue the game"),) if app.session.game.suspended is not None else ()
        return (
            *first,
            Item("1", "New game"),
            Item("2", "Load a saved game"),
            Item("3", "How to play"),
            Item("4", "Mods"),
            Item("q", "Quit"),
        )

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        x, w = _centre(con.width, 56)
        top = max(2, con.height // 2 - 12)
        title = "D I V E R G E N C E"
        widgets.put(con, (con.width - 1) // 2, top, "★", fg=theme.RED)
        widgets.put(con, (con.width - len(title)) // 2, top + 2, title, fg=theme.RED)
        sub = screens.SUBTITLE
        widgets.put(con, (con.width - len(sub)) // 2, top + 4, sub, fg=theme.DIM)
        widgets.rule(con, x, top + 6, w)
        y = self.draw_items(con, app, x + (w - 30) // 2, top + 8, 30)
        widgets.rule(con, x, y, w)
        names = ", ".join(dict.fromkeys(c.player for c in app.session.game.campaigns()))
        if names:
            doc = Doc(w)
            doc.para(f"Play {names}.", theme.DIM)
            widgets.draw_doc(con, Rect(x, y + 1, w, 2), doc.lines)
        dropped = app.session.game.dropped()  # content left out is never silent
        if dropped:
            doc = Doc(w)
            for line in dropped:
                doc.para(line, theme.RED)
            widgets.draw_doc(con, Rect(x, y + 4, w, max(1, con.height - y - 6)), doc.lines)
        draw_footer(
            con,
            Rect(0, con.height - 1, con.width, 1),
            app.session,
            (("↑↓ Enter", "choose"), ("1-4", "menu"), ("F5", "reload"), ("Alt+Enter", "fullscreen"), ("q", "quit")),
        )

    def activate(self, app: App, index: int) -> None:
        app.session.say("")
        key = self.items(app)[index].key
        if key == "c":
            enter_game(app, app.session.show(app.session.game.resume()), intro=False)
        elif key == "1":
            app.push(CharactersScreen())
        elif key == "2":
            app.push(LoadScreen())
        elif key == "3":
            app.push(HelpScreen())
        elif key == "4":
            app.push(ModsScreen())
        else:
            app.quit()

    def other_key(self, event: tcod.event.KeyDown, app: App) -> None:
        if event.sym == tcod.event.KeySym.F5:
            from game.ui.tcod.play import reload

            reload(app)
        elif letter(event):
            app.session.say("Choose with the keys shown, or the arrows and Enter.", tone="hint")

    def back(self, app: App) -> None:
        app.quit()


class ModsScreen(MenuScreen):
    """The Mods list (``screens.mods_doc``): the load order and every mod installed or given,
    with its state and what went wrong; Enter (or a mod's number) switches a mod of the user
    mod folder on or off, and the content is reloaded at once."""

    def __init__(self) -> None:
        super().__init__()
        self.info: ModsInfo | None = None
        self.error = ""

    def document(self, app: App) -> screens.Document | None:
        """The shared document of the list (read again after each switch)."""
        if self.info is None:
            self.info, problem = app.session.game.mods()
            self.error = problem.text if problem is not None else ""
        return screens.mods_doc(self.info) if self.info is not None else None

    def items(self, app: App) -> Sequence[Item]:
        document = self.document(app)
        if document is None:
            return ()
        out = []
        for _tag, blocks in sorted(document.options().items()):
            head = blocks[0]
            key = head.key if len(head.key) == 1 else ""
            detail = " · ".join(b.text for b in blocks[1:])
            out.append(Item(key, head.text, detail, enabled=head.role == "option"))
        return out

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        x, w = _centre(con.width, MEASURE)
        box = Rect(x - 3, 2, w + 6, con.height - 4)
        widgets.frame(con, box, screens.MODS_TITLE)
        document = self.document(app)
        y = 4
        if document is None:
            widgets.put(con, x, y, self.error, fg=theme.DIM, width=w)
        else:
            head = documents.render(document.head(), w)
            widgets.draw_doc(con, Rect(x, y, w, len(head)), head.lines)
            self.draw_items(con, app, x, y + len(head) + 1, w)
        draw_footer(
            con,
            Rect(0, con.height - 1, con.width, 1),
            app.session,
            (("↑↓ Enter", "switch on/off"), ("1-9", "a mod"), ("Esc", "back")),
        )

    def activate(self, app: App, index: int) -> None:
        if self.info is None or not 0 <= index < len(self.info.mods):
            return
        mod = self.info.mods[index]
        if not mod.can_toggle:
            app.session.show(app.session.game.toggle_mod(mod.id)[0])  # says why not
            return
        step, problems = app.session.game.toggle_mod(mod.id)
        app.session.show(step)
        self.info = None  # read the list again: states and order have changed
        if problems:
            app.push(NoticeScreen("Content reloaded with problems", problems[:200]))

    def other_key(self, event: tcod.event.KeyDown, app: App) -> None:
        if letter(event) or digit(event) is not None:
            app.session.say("A mod's number or Enter switches it on or off; Esc goes back.", tone="hint")


class CharactersScreen(MenuScreen):
    """Whom will you play? Each campaign's start with its player and summary; a seed may be
    typed, and ironman (no undo) chosen."""

    def __init__(self) -> None:
        super().__init__()
        self.seed: int | None = None
        self.ironman = False

    def items(self, app: App) -> Sequence[Item]:
        camps = app.session.game.campaigns()
        return [Item(str(i), f"{c.player} — {c.title}", c.summary) for i, c in enumerate(camps[:9], 1)]

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        x, w = _centre(con.width, MEASURE)
        box = Rect(x - 3, 2, w + 6, con.height - 4)
        widgets.frame(con, box, "New game")
        widgets.put(con, x, 4, "Whom will you play?", fg=theme.BRIGHT)
        y = self.draw_items(con, app, x, 6, w)
        seed = "random" if self.seed is None else str(self.seed)
        if y < box.bottom - 2:
            widgets.put(con, x + 5, y + 1, f"Seed: {seed}", fg=theme.DIM, width=w - 5)
        if y + 1 < box.bottom - 2:
            ironman = "on: no undo, kept in the save" if self.ironman else "off (undo with u)"
            widgets.put(con, x + 5, y + 2, f"Ironman: {ironman}", fg=theme.BRIGHT if self.ironman else theme.DIM)
        draw_footer(
            con,
            Rect(0, con.height - 1, con.width, 1),
            app.session,
            (("1-9 Enter", "start"), ("s", "set the seed"), ("i", "ironman on/off"), ("Esc", "back")),
        )

    def other_key(self, event: tcod.event.KeyDown, app: App) -> None:
        key = letter(event)
        if key == "s":
            app.push(
                InputDialog(
                    "The seed",
                    f"The seed is {SEED_RULE}; empty for a random one. Same seed and same choices, same game.",
                    self._set_seed,
                    digits=True,
                    limit=SEED_DIGITS,
                )
            )
        elif key == "i":
            self.ironman = not self.ironman
        elif key:
            app.session.say("1-9 starts a game; s sets the seed; i turns ironman on or off.", tone="hint")

    def _set_seed(self, app: App, text: str) -> None:
        try:
            self.seed = read_seed(text)
        except ValueError as exc:
            raise UserError(f"{str(exc)[:1].upper()}{str(exc)[1:]}.") from None

    def activate(self, app: App, index: int) -> None:
        camps = app.session.game.campaigns()
        step = app.session.show(app.session.game.new_game(camps[index].id, self.seed, ironman=self.ironman))
        enter_game(app, step, intro=True)


def enter_game(app: App, step: Step, intro: bool, reports: bool = True) -> None:
    """Show the session's game after a step that started, loaded, forked or rewound it: the
    card, or the ending, under the title screen; what came of the last decision over it (when
    ``reports``) and the campaign's introduction over that (when ``intro``). A step that
    changed nothing leaves the screens alone."""
    from game.ui.tcod.play import EndingScreen, GameScreen, ReportsScreen

    game = app.session.game
    if step.show in ("same", "confirm", "title") or game.engine is None:
        return
    view = game.view()
    app.reset(TitleScreen(), EndingScreen() if game.screen() == "ending" else GameScreen())
    if reports and view.reports:
        app.push(ReportsScreen())
    if intro and step.show == "intro":
        app.push(IntroScreen())


def start_game(app: App, engine: Engine, intro: bool) -> None:
    """Play a game made elsewhere (the command line's ``load``, a screenshot) in the session."""
    step = app.session.game.play(engine)
    if intro and app.session.game.view().intro:
        step = Step("intro", step.notes)
    enter_game(app, app.session.show(step), intro)


class IntroScreen(State):
    """The campaign's introduction before the first card."""

    def __init__(self) -> None:
        self.scroll = Scroll()

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        engine = app.session.engine
        assert engine is not None
        view = engine.view()
        x, w = _centre(con.width, MEASURE)
        doc = Doc(w)
        doc.line(widgets.spaced(view.start_title or view.campaign_title), theme.RED)
        doc.line("")
        doc.para(view.intro)
        doc.line("")
        doc.line(f"seed {view.seed}", theme.FAINT)
        room = con.height - 6
        self.scroll.fit(len(doc), room)
        top = 2 + max(0, (room - len(doc)) // 2)
        widgets.draw_doc(con, Rect(x, top, w, room), doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, x + w + 1, 2, 2 + room, self.scroll.offset, len(doc), room)
        widgets.put(con, x, con.height - 3, "▸ Begin", fg=theme.KEY)
        draw_footer(
            con,
            Rect(0, con.height - 1, con.width, 1),
            app.session,
            (("Enter", "begin"), ("PgUp/PgDn", "scroll"), ("Esc", "title screen")),
        )

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.KeyDown):
            if event.sym in ENTER or event.sym == tcod.event.KeySym.SPACE:
                app.pop()
            elif event.sym == tcod.event.KeySym.ESCAPE:
                app.session.show(app.session.game.quit_to_title())
                app.reset(TitleScreen())
            else:
                self.scroll.key(event.sym)
        elif isinstance(event, tcod.event.MouseButtonDown):
            app.pop()
        elif isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)


class HelpScreen(State):
    """How to play and the keys, over whatever screen it was opened from; during a game, what
    each meter measures and which way is good for it."""

    overlay = True

    def __init__(self) -> None:
        self.scroll = Scroll()

    def doc(self, app: App, width: int) -> Doc:
        """The help text for a width: how to play, the keys, then the game's meters."""
        engine = app.session.engine
        view = engine.view() if engine is not None else None
        return documents.render_doc(screens.help_doc(TCOD_KEYS, view), width)

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        w = min(MEASURE + 6, con.width - 4)
        doc = self.doc(app, w - 6)
        h = min(len(doc) + 4, con.height - 2)
        box = Rect((con.width - w) // 2, (con.height - h) // 2, w, h)
        widgets.frame(con, box, "How to play", fg=theme.FAINT)
        inner = box.inset(3, 2)
        self.scroll.fit(len(doc), inner.h)
        widgets.draw_doc(con, inner, doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, box.right - 2, inner.y, inner.bottom, self.scroll.offset, len(doc), inner.h)
        more = " PgUp PgDn: scroll · Esc: back " if len(doc) > inner.h else " Esc: back "
        widgets.put(con, box.x + 3, box.bottom - 1, more, fg=theme.DIM, bg=theme.PANEL)

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)
        elif isinstance(event, tcod.event.KeyDown):
            if not self.scroll.key(event.sym):
                app.pop()
        elif isinstance(event, tcod.event.MouseButtonDown):
            app.pop()


class InputDialog(State):
    """A one-line text field over the screen: a save's name, a seed."""

    overlay = True

    def __init__(
        self, title: str, hint: str, done: Callable[[App, str], None], digits: bool = False, limit: int = 40
    ) -> None:
        self.title, self.hint, self.done = title, hint, done
        self.digits = digits
        self.limit = limit
        self.text = ""
        self.error = ""
        self.started = False

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        if not self.started:
            app.text_input(True)
            self.started = True
        w = min(64, con.width - 4)
        hint = Doc(w - 6)
        for part in self.hint.split("\n"):  # one paragraph per line (the console's log)
            hint.para(part, theme.DIM)
        if self.error:
            hint.blank()
            hint.para(self.error, theme.BAD)
        h = len(hint) + 7
        box = Rect((con.width - w) // 2, (con.height - h) // 2, w, h)
        widgets.frame(con, box, self.title, fg=theme.FAINT)
        inner = box.inset(3, 2)
        field = Rect(inner.x, inner.y, inner.w, 1)
        widgets.fill(con, field, theme.BG)
        shown = self.text[-(inner.w - 2) :]
        widgets.put(con, field.x + 1, field.y, shown, fg=theme.BRIGHT, bg=theme.BG)
        widgets.put(con, field.x + 1 + len(shown), field.y, "▏", fg=theme.KEY, bg=theme.BG)
        widgets.draw_doc(con, Rect(inner.x, inner.y + 2, inner.w, len(hint)), hint.lines)
        widgets.put(con, box.x + 3, box.bottom - 1, " Enter: done · Esc: cancel ", fg=theme.DIM, bg=theme.PANEL)

    def close(self, app: App) -> None:
        """Stop typing and close."""
        app.text_input(False)
        app.pop()

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.TextInput):
            for ch in event.text:
                if len(self.text) < self.limit and (ch in "0123456789" if self.digits else ch.isprintable()):
                    self.text += ch
        elif isinstance(event, tcod.event.KeyDown):
            if event.sym == tcod.event.KeySym.ESCAPE:
                self.close(app)
            elif event.sym == tcod.event.KeySym.BACKSPACE:
                self.text = self.text[:-1]
            elif event.sym in ENTER:
                self.submit(app)

    def submit(self, app: App) -> None:
        """Hand the text over; a failure stays in the dialog with its message."""
        try:
            self.done(app, self.text.strip())
        except UserError as exc:
            self.error = str(exc)
            return
        self.close(app)


class SaveDialog(InputDialog):
    """Save the game in progress under a name (or a made-up one)."""

    def __init__(self) -> None:
        super().__init__("Save the game", "A name for the save, or nothing for one made up from the date.", _save)


def _save(app: App, name: str) -> None:
    """Save through the session; a failure stays in the dialog, saying why."""
    step = app.session.game.save(name)
    if step.failed or step.show != "same" or app.session.game.engine is None:
        raise UserError(step.text)
    app.session.show(step)


class LoadScreen(MenuScreen):
    """The saved games, newest as the services list them; one is loaded and played."""

    def __init__(self) -> None:
        super().__init__()
        self.saves: list[SaveInfo] | None = None
        self.error = ""

    def items(self, app: App) -> Sequence[Item]:
        if self.saves is None:
            self.saves, problem = app.session.game.saves()
            self.error = problem.text if problem is not None else ""
        return [Item(str(i + 1) if i < 9 else "", s.name, s.summary) for i, s in enumerate(self.saves)]

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        x, w = _centre(con.width, MEASURE)
        box = Rect(x - 3, 2, w + 6, con.height - 4)
        widgets.frame(con, box, "Load a saved game")
        items = self.items(app)
        if self.error:  # wrapped: the reason (a folder's path among it) is read whole
            widgets.block(con, x, 4, present.wrap(self.error, w), w, fg=theme.BAD, bottom=con.height - 3)
        elif not items:
            widgets.put(con, x, 4, "There are no saved games yet.", fg=theme.DIM, width=w)
        else:
            self.draw_items(con, app, x, 4, w, gap=0)
        keys = [("↑↓ Enter", "load"), ("Esc", "back")]
        if app.session.services.replay is not None and items:
            keys.insert(1, ("r", "watch the replay"))
        draw_footer(con, Rect(0, con.height - 1, con.width, 1), app.session, keys)

    def other_key(self, event: tcod.event.KeyDown, app: App) -> None:
        if letter(event) == "r" and self.saves:
            self.open_replay(app, self.selected)

    def open_replay(self, app: App, index: int) -> None:
        """Watch a save step by step (when the session offers replays)."""
        from game.ui.tcod.replay import ReplayScreen

        assert self.saves is not None
        save = self.saves[index]
        control, step = app.session.game.replay(save.path)
        if control is None:
            self.error = step.text
            return
        app.push(ReplayScreen(control, save.name))

    def activate(self, app: App, index: int) -> None:
        assert self.saves is not None
        step = app.session.game.load(self.saves[index].path)
        if step.show == "confirm":
            app.push(ContentChangedScreen())
            return
        if step.show == "same":
            self.error = step.text
            return
        enter_game(app, app.session.show(step), intro=False)


class ContentChangedScreen(MenuScreen):
    """A save whose content's rules changed since: where it diverges, and the player's choice
    between going on from the state stored in the save and stopping."""

    overlay = True

    def items(self, app: App) -> Sequence[Item]:
        return (
            Item("c", "Continue from the saved state", "the game as it stood when saved, under today's rules"),
            Item("s", "Stop", "leave the save as it is and go back"),
        )

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        w = min(MEASURE + 6, con.width - 4)
        doc = Doc(w - 6)
        pending = app.session.game.pending
        for note in pending.notes if pending is not None else ():
            doc.para(note[:1].upper() + note[1:] + ".", theme.DIM)
        doc.para(f"{pending}.", theme.TEXT)
        h = min(len(doc) + 12, con.height - 2)
        box = Rect((con.width - w) // 2, (con.height - h) // 2, w, h)
        widgets.frame(con, box, "The content has changed", fg=theme.FAINT)
        widgets.draw_doc(con, Rect(box.x + 3, box.y + 2, w - 6, h - 11), doc.lines)
        self.draw_items(con, app, box.x + 3, box.bottom - 8, w - 8)

    def activate(self, app: App, index: int) -> None:
        if index != 0:
            self.back(app)
            return
        step = app.session.show(app.session.game.continue_from_snapshot())
        if step.show == "same":
            app.pop()
            return
        enter_game(app, step, intro=False)

    def back(self, app: App) -> None:
        app.pop()
        app.session.show(app.session.game.cancel_load())


class NoticeScreen(State):
    """A list of lines over the screen (what F5 found wrong in the content); any key closes it."""

    overlay = True

    def __init__(self, title: str, lines: list[str]) -> None:
        self.title, self.lines = title, lines
        self.scroll = Scroll()

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        w = min(MEASURE + 6, con.width - 4)
        doc = Doc(w - 6)
        for i, line in enumerate(self.lines):
            doc.para(line, theme.TEXT if i == 0 else theme.BAD)
        h = min(len(doc) + 4, con.height - 2)
        box = Rect((con.width - w) // 2, (con.height - h) // 2, w, h)
        widgets.frame(con, box, self.title, fg=theme.FAINT)
        inner = box.inset(3, 2)
        self.scroll.fit(len(doc), inner.h)
        widgets.draw_doc(con, inner, doc.lines, self.scroll.offset)
        widgets.scroll_marks(con, box.right - 2, inner.y, inner.bottom, self.scroll.offset, len(doc), inner.h)
        widgets.put(con, box.x + 3, box.bottom - 1, " Esc: back ", fg=theme.DIM, bg=theme.PANEL)

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.MouseWheel):
            self.scroll.by(-3 * event.y)
        elif isinstance(event, tcod.event.KeyDown) and not self.scroll.key(event.sym):
            app.pop()


class ConsoleDialog(InputDialog):
    """The debug console for modders (F12 or the backquote): one line at a time against the
    game, the commands of the shared registry (game.ui.console); Esc closes it."""

    def __init__(self) -> None:
        super().__init__("Debug console", "Type help for the commands.", _no_done, limit=120)
        self.log: list[str] = []

    def on_draw(self, con: tcod.console.Console, app: App) -> None:
        rows = max(3, con.height // 2 - 10)
        self.hint = "\n".join(self.log[-rows:]) or "Type help for the commands. Esc closes the console."
        super().on_draw(con, app)

    def on_event(self, event: tcod.event.Event, app: App) -> None:
        if isinstance(event, tcod.event.TextInput) and event.text == "`" and not self.text:
            return  # the key that opened the console
        if isinstance(event, tcod.event.KeyDown) and event.sym == tcod.event.KeySym.F12:
            self.close(app)
            return
        super().on_event(event, app)

    def submit(self, app: App) -> None:
        line, self.text = self.text.strip(), ""
        if not line:
            return
        if line == "clear":
            self.log = []
            return
        self.log.append("> " + line)
        lines, step = app.session.game.console(line)
        self.log = [*self.log, *lines][-200:]
        if step.show == "ending":
            self.close(app)  # the game screen shows the ending when it resumes


def _no_done(app: App, text: str) -> None:
    """The console runs its lines itself (see ConsoleDialog.submit)."""
