"""The text frontend: wrapped prose, numbered options, meters always in view.

It reads plain lines from stdin, so it works in a terminal, through a pipe (scripted play)
and with a screen reader; colour is used only when stdout is a terminal and NO_COLOR is unset.
It reads the View and sends Commands; it holds no rule of the game.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from typing import IO

from game.core.engine import Engine
from game.core.view import View
from game.ui import present, screens
from game.ui.replay import ReplayControl
from game.ui.services import Services
from game.ui.session import SEED_PROMPT, GameSession, Step, read_seed
from game.ui.textsafe import parse_choice, printable

STYLES = {
    "title": "\033[1;31m",
    "head": "\033[1m",
    "dim": "\033[2m",
    "red": "\033[31m",
    "green": "\033[32m",
    "note": "\033[3;33m",
    "reset": "\033[0m",
}


# A meter's change is green when it went the player's way, red when it did not.
TONE_STYLES = {1: "green", -1: "red", 0: "dim"}
MATTERED_WAIT = 60.0  # seconds the ending waits for the decisions that mattered
# The session's notes: a failure in red, a success in green, a hint dimmed.
NOTE_STYLES = {"bad": "red", "good": "green", "hint": "dim", "info": "dim"}
F5 = "\x1b[15~"  # what a terminal sends for F5 (the line holds it when typed at the prompt)


class Quit(Exception):
    """Leave the program: the player quit from the title screen, or the input ended."""


def wants_color(stdout: IO[str]) -> bool:
    """Colour only on a terminal and only when NO_COLOR is unset or empty (no-color.org)."""
    return stdout.isatty() and not os.environ.get("NO_COLOR")


class LeaveGame(Exception):
    """Leave the game in play (it is autosaved) and go back to the title screen."""


class TextUI:
    """A complete game in a terminal or over a pipe."""

    def __init__(
        self,
        services: Services,
        stdin: IO[str],
        stdout: IO[str],
        color: bool | None = None,
        width: int | None = None,
        historian: bool = False,
    ) -> None:
        self.services = services
        self.stdin = stdin
        self.stdout = stdout
        self.color = wants_color(stdout) if color is None else color
        self.width = width or min(88, max(40, shutil.get_terminal_size((80, 24)).columns - 2))
        self.historian = historian
        self.session = GameSession(services)

    # --- output helpers -----------------------------------------------------------------

    def paint(self, text: str, style: str) -> str:
        """Text wrapped in a style's colour codes (unchanged when colour is off)."""
        if not style or not self.color or not text:
            return text
        return f"{STYLES[style]}{text}{STYLES['reset']}"

    def out(self, text: str = "", style: str = "") -> None:
        """Write a line (styled when colour is on). Every line goes through the one sanitizer:
        no escape sequence from a mod or a save reaches the terminal."""
        text = printable(text)
        if style and self.color:
            text = f"{STYLES[style]}{text}{STYLES['reset']}"
        self.stdout.write(text + "\n")

    def prose(self, text: str, indent: str = "", style: str = "") -> None:
        """Write wrapped prose."""
        for line in present.wrap(text, self.width - len(indent)):
            self.out(indent + line if line else "", style)

    def row(self, head: str, text: str, style: str = "") -> None:
        """A menu row: ``head`` (its key) then ``text`` wrapped to the width, the lines after
        the first indented under the text (a hanging indent), so that a long row never runs
        past the terminal's edge and breaks mid-word there."""
        lines = textwrap.wrap(text, max(10, self.width - len(head)), break_on_hyphens=False) or [""]
        for i, line in enumerate(lines):
            self.out((head if i == 0 else " " * len(head)) + line, style)

    def rule(self, label: str = "") -> None:
        """A horizontal rule with an optional label."""
        if label:
            self.out(f"── {label} " + "─" * max(0, self.width - len(label) - 4), "dim")
        else:
            self.out("─" * self.width, "dim")

    def show(self, document: screens.Document) -> None:
        """A shared screen document in the terminal: one style per role (see ``screens.ROLES``)."""
        blocks = document.blocks
        for i, b in enumerate(blocks):
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            before = blocks[i - 1] if i else None
            if b.role == "break":
                self.out()
            elif b.role == "kicker":
                if after is not None and after.role == "title":
                    continue  # said with its title: "You chose: ..."
                self.out(b.text.upper(), "head")
            elif b.role == "title":
                if before is not None and before.role == "kicker":
                    self.out(f"{before.text}: {b.text}", "head")
                else:
                    self.out(b.text, "title")
            elif b.role in ("meta", "hint"):
                self.prose(b.text, style="dim")
            elif b.role == "prose":
                self.prose(b.text, indent="  " if before is not None and before.role == "entry" else "")
            elif b.role == "note_head":
                continue  # said with its note
            elif b.role == "note":
                head = f"{before.text}: " if before is not None and before.role == "note_head" else ""
                self.prose(head + b.text, indent="  ", style="note")
            elif b.role in ("source", "dice"):
                self.prose(b.text, indent="  ", style="dim")
            elif b.role in ("option", "unavailable", "chosen"):
                mark = {"option": "  ", "unavailable": " x", "chosen": "->"}[b.role]
                lines = present.wrap(b.text, self.width - 6)
                style = "dim" if b.role == "unavailable" else ("head" if b.role == "chosen" else "")
                self.out(f"{mark}{b.key:>2}  {lines[0]}", style)
                for extra in lines[1:]:
                    self.out("      " + extra, style)
            elif b.role in ("requirement", "detail", "odds"):
                self.prose(b.text, indent="      ", style="dim")
            elif b.role == "entry":
                self.prose(f"{b.key} — {b.text}", style="head")
            elif b.role == "key":
                self.out(f"  {b.key:<10} {b.text}")

    def ask(self, prompt: str) -> str:
        """Read one line; raise Quit at the end of input."""
        self.stdout.write(printable(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.out()
            raise Quit
        return line.strip()

    def say(self, step: Step) -> Step:
        """Print a step's notes, each in its tone's style."""
        for note in step.notes:
            self.prose(note.text, style=NOTE_STYLES[note.tone])
        return step

    # --- screens ------------------------------------------------------------------------

    def run(self, campaign: str | None = None, seed: int | None = None, engine: Engine | None = None) -> int:
        """Play from the title screen (or straight into a game); return an exit status."""
        try:
            if engine is not None:
                self.say(self.session.play(engine))
            elif campaign is not None:
                step = self.say(self.session.new_game(campaign, seed))
                if step.show == "same":
                    return 1
            # a game given, started, or already in the session (a fork made in the replay viewer)
            started = self.session.engine is not None
            if started and self._play_from_title(intro=engine is None and campaign is not None, direct=True):
                return 0
            self.title()
        except Quit:
            self.say(self.session.close())
            self.out("Goodbye.", "dim")
        return 0

    def title(self) -> None:
        """The title screen and its menu, until the player quits."""
        while True:
            self.out()
            self.out("D I V E R G E N C E".center(self.width), "title")
            self.out(screens.SUBTITLE.center(self.width), "dim")
            self.out()
            for line in self.session.dropped():  # content left out is never silent
                self.out(line, "red")
            if self.session.dropped():
                self.out()
            if self.session.suspended is not None:
                self.out("  c  Continue the game")
            self.out("  1  New game")
            self.out("  2  Load a saved game")
            self.out("  3  How to play")
            self.out("  4  Mods")
            self.out("  q  Quit")
            answer = self.ask("\n> ").lower()
            if answer == "1":
                if self.new_game():
                    self._play_from_title(intro=True)
            elif answer == "2":
                if self.load_menu():
                    self._play_from_title(intro=False)
            elif answer == "3":
                self.help()
            elif answer == "c" and self.session.suspended is not None:
                self.say(self.session.resume())
                self._play_from_title(intro=False)
            elif answer in ("r", "reload"):
                self.reload()
            elif answer == "4":
                self.mods_menu()
            elif answer in ("q", "quit"):
                raise Quit
            else:
                self.out("Type 1, 2, 3, 4 or q.", "dim")

    def _play_from_title(self, intro: bool, direct: bool = False) -> bool:
        """Play the session's game; True when it ended (a game started from the command line
        then ends the program), False when the player left it for the title screen."""
        try:
            self.play(intro=intro)
        except LeaveGame:
            self.say(self.session.quit_to_title())
            return False
        step = self.session.quit_to_title()  # the ending is autosaved already: say only a failure
        self.say(Step(step.show, tuple(n for n in step.notes if n.tone == "bad")))
        return direct

    def new_game(self) -> bool:
        """Choose a character (and optionally ironman and a seed) and start; True if started."""
        self.out()
        self.out("Whom will you play?", "head")
        camps = self.session.campaigns()
        for i, c in enumerate(camps, 1):
            self.row(f"  {i}  ", f"{c.player} — {c.title}")
            if c.summary:
                self.prose(c.summary, indent="       ", style="dim")
        ironman = False
        self.out("  i  Ironman: no undo, kept in the save (off)")
        self.out("  b  Back")
        while True:
            answer = self.ask("\n> ").lower()
            if answer == "b":
                return False
            if answer == "i":
                ironman = not ironman
                self.out(f"Ironman {'on: decisions cannot be taken back' if ironman else 'off'}.", "dim")
                continue
            picked = parse_choice(answer, len(camps))
            if picked is None:
                self.out(f"Type a number from 1 to {len(camps)}, i for ironman, or b.", "dim")
                continue
            while True:
                seed = self.ask(SEED_PROMPT)
                try:
                    read_seed(seed)
                except ValueError as exc:
                    self.out(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", "dim")
                    continue
                break
            step = self.say(self.session.new_game(camps[picked - 1].id, seed, ironman=ironman))
            return step.show != "same"

    def load_menu(self) -> bool:
        """List the saves and load one; True when a game was loaded."""
        saves, problem = self.session.saves()
        if problem is not None:
            self.say(Step("same", (problem,)))
            return False
        if not saves:
            self.out("There are no saved games yet.", "dim")
            return False
        self.out()
        self.out("Saved games", "head")
        for i, s in enumerate(saves, 1):
            self.row(f"  {i:>2}  ", f"{s.name}  {s.summary}")
        replays = self.services.replay is not None
        if replays:
            self.out(" r N  Watch the replay of save N (and fork it)")
        self.out("   b  Back")
        while True:
            answer = self.ask("\n> ").lower()
            if answer == "b":
                return False
            if replays and answer.startswith("r"):
                which = parse_choice(answer[1:].strip() or "1", len(saves))
                if which is not None:
                    return self.watch(saves[which - 1].path)
            picked = parse_choice(answer, len(saves))
            if picked is not None:
                step = self.say(self.session.load(saves[picked - 1].path))
                if step.show == "confirm":
                    step = self.content_changed()
                return step.show != "same"
            self.out(f"Type a number from 1 to {len(saves)}{', r and a number' if replays else ''}, or b.", "dim")

    def watch(self, path: str) -> bool:
        """A save's replay in the text viewer; True when the player forked it (the fork is
        then this session's game in progress)."""
        from game.ui.text.replay import ReplayViewer  # the viewer builds on this module's TextUI

        control, step = self.session.replay(path)
        if control is None:
            self.say(step)
            return False
        return ReplayViewer(control, self.stdin, self.stdout, ui=self).run() is not None

    def content_changed(self) -> Step:
        """The save no longer replays under today's rules: say where, and ask whether to go on
        from the state stored in it or to stop."""
        self.out()
        self.prose(f"{self.session.pending}.", style="red")
        while True:
            answer = self.ask("Continue from the state stored in the save (c), or stop (s)? ").lower()
            if answer in ("c", "continue"):
                return self.say(self.session.continue_from_snapshot())
            if answer in ("s", "stop", "q", "b"):
                return self.say(self.session.cancel_load())
            self.out("Type c or s.", "dim")

    def mods_menu(self) -> None:
        """The Mods screen: every mod installed or given, the load order and what went wrong;
        a mod's number switches it on or off and the content is reloaded at once."""
        while True:
            info, problem = self.session.mods()
            if info is None:
                self.say(Step("same", (problem,) if problem is not None else ()))
                return
            self.out()
            self.out(screens.MODS_TITLE, "head")
            self.show(screens.mods_doc(info))
            self.out("   b  Back")
            answer = self.ask("\n> ").lower()
            if answer in ("b", "q", ""):
                return
            picked = parse_choice(answer, len(info.mods))
            if picked is not None and info.mods[picked - 1].can_toggle:
                step, problems = self.session.toggle_mod(info.mods[picked - 1].id)
                self.say(step)
                self.problems(problems, kept=None)
                continue
            togglable = [str(i) for i, m in enumerate(info.mods, 1) if m.can_toggle]
            if togglable:
                self.out(f"Type a mod's number ({', '.join(togglable)}) to switch it on or off, or b.", "dim")
            else:
                self.out("No mod here can be switched on or off. Type b.", "dim")

    def reload(self) -> None:
        """F5 for modders (typed ``r``): reload the content from disk and say what was wrong."""
        step, problems, kept = self.session.reload()
        self.say(step)
        self.problems(problems, kept)

    def problems(self, problems: list[str], kept: bool | None) -> None:
        """What a reload found wrong in the content (the first 50); ``kept`` says whether a
        game in progress kept its old content (None: no game)."""
        if problems and kept is not None:
            self.out(
                "The game goes on with its old content." if kept else "The game goes on with the reloaded content.",
                "dim",
            )
        for problem in problems[:50]:
            self.prose(problem, indent="  ", style="red")
        if len(problems) > 50:
            self.out(f"  ... and {len(problems) - 50} more", "red")

    def help(self, view: View | None = None) -> None:
        """How to play, the keys of the game, and the meters during a game."""
        self.out()
        self.out("How to play", "head")
        self.show(screens.help_doc(present.HELP_LINES, view))

    # --- the game -----------------------------------------------------------------------

    def play(self, intro: bool = True) -> None:
        """Play the session's game until its ending, or until the player leaves it (LeaveGame)."""
        session = self.session
        view = session.view()
        if intro and view.intro:
            self.intro(view)
        while session.engine is not None and not session.engine.is_over:
            view = session.view()
            self.show_reports(view)
            self.show_decision(view)
            self.command(view)
        if session.engine is not None:
            view = session.view()
            self.show_reports(view)
            self.show_ending(view)

    def intro(self, view: View) -> None:
        """The campaign's (or the start's) introduction, with the seed."""
        self.out()
        self.out((view.start_title or view.campaign_title).upper(), "title")
        self.prose(view.intro)
        self.out(f"(seed {view.seed}{', ironman' if self.session.ironman else ''})", "dim")

    def show_reports(self, view: View) -> None:
        """What the last choice led to, and this turn's news."""
        if view.reports:
            self.out()
            self.show(screens.reports_doc(view.reports, self.historian))

    def show_decision(self, view: View) -> None:
        """The status line, the card and its numbered options."""
        d = view.decision
        assert d is not None
        # the forecast starts in the background as the card is shown (historian mode, or the
        # player asked for it with f), so the f command has it at hand
        session = self.session
        session.outlook.follow(session.engine, session.forecast_shown(self.historian))
        self.out()
        self.rule(f"{view.date_label} · turn {view.turn}")
        line = ""
        shown = ""  # the line as written, with colour codes
        for m, cell in zip(view.meters, present.meter_cells(view), strict=True):
            if line and len(line) + 3 + len(cell) > self.width:
                self.out(shown)
                line = shown = ""
            line = f"{line} · {cell}" if line else cell
            shown = f"{shown}{self.paint(' · ', 'dim')}" if shown else ""
            shown += self.paint(cell, TONE_STYLES[m.tone])
        self.out(shown)
        self.out()
        self.show(screens.card_doc(view, self.historian))

    def command(self, view: View) -> None:
        """Read commands until one changes what is shown (a choice, undo, a load, ...)."""
        d = view.decision
        assert d is not None
        session = self.session
        while True:
            answer = self.ask(f"\nChoose 1-{len(d.choices)} (h for help) > ")
            low = answer.lower()
            picked = parse_choice(low, len(d.choices))
            if picked is not None:
                if self.say(session.choose(picked - 1)).show != "same":
                    return
            elif low in ("h", "?", "help"):
                self.help(view)
            elif low == "c":
                self.chronicle(view)
            elif low == "m":
                self.meters(view)
            elif low == "o":
                self.historian = not self.historian
                self.out("Odds shown." if self.historian else "Odds hidden.", "dim")
                return
            elif low == "f":
                self.forecast()
            elif low in ("u", "undo"):
                if self.say(session.undo()).show != "same":
                    return
            elif low == "s" or low.startswith("s "):
                self.say(session.save(answer[1:].strip()))
            elif low == "l":
                if self.load_menu():
                    return
            elif low in ("r", "reload") or answer == F5:
                self.reload()
                return
            elif low in ("q", "quit"):
                raise LeaveGame
            elif answer.startswith("`"):
                lines, step = session.console(answer[1:])
                for text in lines:
                    self.out(text, "dim")
                if self.say(step).show != "same":
                    return  # the game changed: show it again
            else:
                self.out(f"Type a number from 1 to {len(d.choices)}, or h for help.", "dim")

    def forecast(self) -> None:
        """The forecast of the decision on the table: asked for in the background (it may be
        running already), shown as far as it has got after half a second at most."""
        session = self.session
        engine = session.engine
        if engine is None:
            return
        refused = session.no_forecast()
        if refused:
            self.out(refused, "dim")
            return
        session.outlook.follow(engine, True)
        session.outlook.wait_first(engine, 0.5)
        self.out()
        for i, line in enumerate(session.outlook.lines(engine)):
            self.out(line, "head" if i == 0 else "")
        if session.outlook.busy(engine):
            self.out("More futures are being played: f again for narrower intervals.", "dim")

    def chronicle(self, view: View) -> None:
        """The chronicle of this game so far."""
        self.out()
        self.out("The chronicle", "head")
        self.show(screens.chronicle_doc(view))

    def meters(self, view: View) -> None:
        """Every meter with a bar."""
        self.out()
        for m in view.meters:
            delta = self.paint(present.change_text(m), TONE_STYLES[m.tone])
            self.out(f"  {m.label:<28} {present.bar(m, 20)} {m.value:>3}  {delta}")
            if m.description:
                self.prose(m.description, indent="    ", style="dim")

    def show_ending(self, view: View) -> None:
        """The ending: epilogue and real history."""
        self.out()
        self.show(screens.ending_doc(view))
        self.mattered()

    def mattered(self) -> None:
        """The decisions that mattered, worked out in the background (the wait is said)."""
        session = self.session
        engine = session.engine
        if engine is None or not engine.is_over or getattr(session.services, "mattered", None) is None:
            return
        session.outlook.weigh(engine)
        self.out()
        self.out("Weighing your decisions against the futures they closed\u2026", "dim")
        found = session.outlook.wait_mattered(engine, MATTERED_WAIT)
        lines = session.outlook.mattered_lines(engine)
        if found is None and lines[:1] == ["Weighing your decisions\u2026"]:
            lines = ["(not worked out in time: `divergence regret SAVE` gives them for a save)"]
        self.show(screens.mattered_doc(lines))


def run(
    services: Services,
    campaign: str | None = None,
    seed: int | None = None,
    engine: Engine | None = None,
    historian: bool = False,
    plain: bool = False,
) -> int:
    """Play in the terminal on stdin/stdout (the frontend registry's entry point); ``plain``
    writes no escape sequence at all, whatever the terminal (``divergence play --plain``)."""
    color = False if plain else None
    return TextUI(services, sys.stdin, sys.stdout, color=color, historian=historian).run(campaign, seed, engine)


def run_replay(
    services: Services, control: ReplayControl, start: int = 0, name: str = "", historian: bool = False
) -> int:
    """Watch a save's replay on stdin/stdout; a fork made there is played on at once."""
    from game.ui.text.replay import ReplayViewer  # the viewer builds on this module's TextUI

    viewer = ReplayViewer(control, sys.stdin, sys.stdout, services=services)
    if viewer.run(start) is None:
        return 0
    viewer.ui.historian = historian
    return viewer.ui.run()  # the fork is the session's game in progress: play it on
