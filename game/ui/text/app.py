"""The text frontend: wrapped prose, numbered options, meters always in view.

It reads plain lines from stdin, so it works in a terminal, through a pipe (scripted play)
and with a screen reader; colour is used only when stdout is a terminal and NO_COLOR is unset.
It reads the View and sends Commands; it holds no rule of the game.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
from typing import IO

from game.core.commands import Choose, IllegalCommand
from game.core.engine import Engine
from game.core.view import ReportView, View
from game.ui import console, present
from game.ui.replay import ReplayControl
from game.ui.services import ContentChanged, Services, UserError
from game.ui.textsafe import parse_choice, parse_seed, printable

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
        self._saved_on_leaving = True

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

    def rule(self, label: str = "") -> None:
        """A horizontal rule with an optional label."""
        if label:
            self.out(f"── {label} " + "─" * max(0, self.width - len(label) - 4), "dim")
        else:
            self.out("─" * self.width, "dim")

    def ask(self, prompt: str) -> str:
        """Read one line; raise Quit at the end of input."""
        self.stdout.write(printable(prompt))
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.out()
            raise Quit
        return line.strip()

    # --- screens ------------------------------------------------------------------------

    def run(self, campaign: str | None = None, seed: int | None = None, engine: Engine | None = None) -> int:
        """Play from the title screen (or straight into a game); return an exit status."""
        try:
            if engine is not None:
                self.play(engine, intro=False)
                return 0
            if campaign is not None:
                self.play(self._new(campaign, seed))
                return 0
            self.title()
        except (Quit, LeaveGame):
            self.out("Goodbye.", "dim")
        return 0

    def title(self) -> None:
        """The title screen and its menu, until the player quits."""
        while True:
            self.out()
            self.out("D I V E R G E N C E".center(self.width), "title")
            self.out("A game of Soviet alternate history, 1936-1964".center(self.width), "dim")
            self.out()
            self.out("  1  New game")
            self.out("  2  Load a saved game")
            self.out("  3  How to play")
            self.out("  q  Quit")
            answer = self.ask("\n> ").lower()
            if answer == "1":
                engine = self.new_game()
                if engine is not None:
                    self._play_from_title(engine, intro=True)
            elif answer == "2":
                engine = self.load_menu()
                if engine is not None:
                    self._play_from_title(engine, intro=False)
            elif answer == "3":
                self.help()
            elif answer in ("q", "quit", "4"):
                raise Quit
            else:
                self.out("Type 1, 2, 3 or q.", "dim")

    def _play_from_title(self, engine: Engine, intro: bool) -> None:
        try:
            self.play(engine, intro=intro)
        except LeaveGame:
            if self._saved_on_leaving:
                self.out("Game saved. Back to the title screen.", "dim")
            else:
                self.out("The game could not be saved (see above). Back to the title screen.", "red")

    def new_game(self) -> Engine | None:
        """Choose a character (and optionally a seed) and start."""
        self.out()
        self.out("Whom will you play?", "head")
        camps = self.services.campaigns
        for i, c in enumerate(camps, 1):
            self.out(f"  {i}  {c.player} — {c.title}")
            if c.summary:
                self.prose(c.summary, indent="       ", style="dim")
        self.out("  b  Back")
        while True:
            answer = self.ask("\n> ").lower()
            if answer == "b":
                return None
            picked = parse_choice(answer, len(camps))
            if picked is not None:
                chosen = camps[picked - 1]
                seed = parse_seed(self.ask("Seed (press Enter for a random one): "))
                return self._new(chosen.id, seed)
            self.out(f"Type a number from 1 to {len(camps)}, or b.", "dim")

    def _new(self, campaign: str, seed: int | None) -> Engine:
        if seed is None:
            seed = random.SystemRandom().randrange(1, 10**9)
        return self.services.new_game(campaign, seed)

    def load_menu(self) -> Engine | None:
        """List the saves and load one."""
        saves = self.services.list_saves()
        if not saves:
            self.out("There are no saved games yet.", "dim")
            return None
        self.out()
        self.out("Saved games", "head")
        for i, s in enumerate(saves, 1):
            self.out(f"  {i:>2}  {s.name}  {s.summary}")
        self.out("   b  Back")
        while True:
            answer = self.ask("\n> ").lower()
            if answer == "b":
                return None
            picked = parse_choice(answer, len(saves))
            if picked is not None:
                try:
                    return self.services.load(saves[picked - 1].path)
                except ContentChanged as exc:
                    return self.content_changed(exc)
                except UserError as exc:
                    self.out(f"Cannot load: {exc}", "red")
                    return None
            self.out(f"Type a number from 1 to {len(saves)}, or b.", "dim")

    def content_changed(self, exc: ContentChanged) -> Engine | None:
        """The save no longer replays under today's rules: say where, and ask whether to go on
        from the state stored in it or to stop."""
        self.out()
        self.prose(f"{exc}.", style="red")
        while True:
            answer = self.ask("Continue from the state stored in the save (c), or stop (s)? ").lower()
            if answer in ("c", "continue"):
                try:
                    engine = exc.continue_from_snapshot()
                except UserError as err:
                    self.out(f"Cannot continue: {err}", "red")
                    return None
                self.out("Continuing from the state stored in the save.", "dim")
                return engine
            if answer in ("s", "stop", "q", "b"):
                self.out("Not loaded.", "dim")
                return None
            self.out("Type c or s.", "dim")

    def help(self) -> None:
        """The keys of the game."""
        self.out()
        self.out("How to play", "head")
        self.prose(
            "Each turn the world moves first: Stalin, the NKVD and others act, and you read the "
            "news. Then events come to you, and you answer each by choosing an option. Last, you "
            "make your move from a hand of actions; lying low is always possible. Your meters "
            "show where you stand. After each choice you learn what came of it, and what really "
            "happened in history."
        )
        self.out()
        for key, what in present.HELP_LINES:
            self.out(f"  {key:<10} {what}")

    # --- the game -----------------------------------------------------------------------

    def play(self, engine: Engine, intro: bool = True) -> None:
        """Play a game until its ending or until the player quits to the title."""
        view = engine.view()
        if intro and view.intro:
            self.out()
            self.out(view.campaign_title.upper(), "title")
            self.prose(view.intro)
            self.out(f"(seed {view.seed})", "dim")
        last_turn = view.turn
        try:
            while not engine.is_over:
                view = engine.view()
                if view.turn != last_turn:
                    last_turn = view.turn
                    self._autosave(engine)
                self.show_reports(view)
                self.show_decision(view)
                self.command(engine, view)
        except (Quit, LeaveGame):
            self._autosave(engine)
            raise
        view = engine.view()
        self.show_reports(view)
        self.show_ending(view)
        self._autosave(engine)

    def _autosave(self, engine: Engine) -> bool:
        """Autosave; whether the game is now safely on disk (said only after a success)."""
        try:
            self.services.autosave(engine)
        except UserError as exc:
            self.out(f"(autosave failed: {exc})", "red")
            self._saved_on_leaving = False
            return False
        self._saved_on_leaving = True
        return True

    def show_reports(self, view: View) -> None:
        """What the last choice led to, and this turn's news."""
        for report in view.reports:
            self.out()
            self.show_report(report)

    def show_report(self, r: ReportView) -> None:
        """One report: a world event's news or the outcome of the player's choice."""
        if r.kind == "world":
            self.out(f"NEWS · {r.title}", "head")
            self.prose(r.text)
            if r.outcome:
                self.prose(r.outcome)
        else:
            self.out(f"You chose: {r.choice}", "head")
            if r.result:
                self.prose(r.result)
            if r.outcome:
                odds = f" ({round(r.chance * 100)}% chance)" if self.historian and r.chance is not None else ""
                self.prose(r.outcome + odds)
        if r.history and r.kind != "action":
            self.prose("In history: " + r.history, indent="  ", style="note")

    def show_decision(self, view: View) -> None:
        """The status line, the card and its numbered options."""
        d = view.decision
        assert d is not None
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
        if d.kind == "hand":
            self.out("Your move. What will you do?", "head")
        else:
            label = present.KIND_LABELS.get(d.kind, "")
            self.out(f"{d.title}", "title")
            self.out(label, "dim")
            self.prose(d.text)
        self.out()
        for i, choice in enumerate(d.choices, 1):
            text = present.choice_label(choice, self.historian)
            marker = f"  {i}  " if choice.available else f"  {i}x "
            lines = present.wrap(text, self.width - 5)
            self.out(marker + lines[0], "" if choice.available else "dim")
            for extra in lines[1:]:
                self.out("     " + extra, "" if choice.available else "dim")
            if choice.detail:
                for extra in present.wrap(present.first_sentence(choice.detail), self.width - 5):
                    self.out("     " + extra, "dim")

    def command(self, engine: Engine, view: View) -> None:
        """Read and carry out one command."""
        d = view.decision
        assert d is not None
        while True:
            answer = self.ask(f"\nChoose 1-{len(d.choices)} (h for help) > ")
            low = answer.lower()
            picked = parse_choice(low, len(d.choices))
            if picked is not None:
                choice = d.choices[picked - 1]
                if not choice.available:
                    self.out(f"That option is not open to you: {choice.reason}.", "red")
                    continue
                try:
                    engine.apply(Choose(choice.id, d.card))
                except IllegalCommand as exc:  # a frontend bug; say so rather than crash
                    self.out(f"That cannot be done now: {exc}", "red")
                    continue
                return
            if low in ("h", "?", "help"):
                self.help()
            elif low == "c":
                self.chronicle(view)
            elif low == "m":
                self.meters(view)
            elif low == "o":
                self.historian = not self.historian
                self.out("Odds shown." if self.historian else "Odds hidden.", "dim")
                return
            elif low == "s" or low.startswith("s "):
                self.save(engine, answer[1:].strip())
            elif low == "l":
                loaded = self.load_menu()
                if loaded is not None:
                    self._autosave(engine)
                    self.play(loaded, intro=False)
                    raise LeaveGame
            elif low in ("q", "quit"):
                raise LeaveGame
            elif answer.startswith("`"):
                if self.debug_line(engine, answer[1:]):
                    return  # the game changed: show it again
            else:
                self.out(f"Type a number from 1 to {len(d.choices)}, or h for help.", "dim")

    def debug_line(self, engine: Engine, line: str) -> bool:
        """Run a debug console line (the shared registry); True when the game changed."""
        outcome = console.run_line(engine, line)
        for text in outcome.lines:
            self.out(text, "dim")
        return outcome.changed

    def save(self, engine: Engine, name: str) -> None:
        """Save under a name (or a generated one)."""
        try:
            self.out(self.services.save(engine, name), "green")
        except (UserError, RuntimeError) as exc:
            self.out(f"Not saved: {exc}", "red")

    def chronicle(self, view: View) -> None:
        """The chronicle of this game so far."""
        self.out()
        self.out("The chronicle", "head")
        if not view.chronicle:
            self.out("Nothing has happened yet.", "dim")
        for e in view.chronicle:
            self.prose(f"{e.date_label} — {e.title}: {e.text}", indent="  ")

    def meters(self, view: View) -> None:
        """Every meter with a bar."""
        self.out()
        for m in view.meters:
            delta = self.paint(present.delta_text(m), TONE_STYLES[m.tone])
            self.out(f"  {m.label:<28} {present.bar(m, 20)} {m.value:>3}  {delta}")
            if m.description:
                self.prose(m.description, indent="    ", style="dim")

    def show_ending(self, view: View) -> None:
        """The ending: epilogue and real history."""
        e = view.ending
        assert e is not None
        self.out()
        self.rule("The end")
        self.out(e.title.upper(), "title")
        self.out(present.ENDING_KIND_LABELS.get(e.kind, e.kind) + f" · {view.date_label}", "dim")
        self.out()
        self.prose(e.text)
        if e.history:
            self.out()
            self.out("What really happened", "head")
            self.prose(e.history, style="note")
        self.out()
        self.out(f"Your game lasted {view.turn} turns and {len(view.chronicle)} entries of chronicle.", "dim")


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

    forked = ReplayViewer(control, sys.stdin, sys.stdout).run(start)
    if forked is None:
        return 0
    return run(services, engine=forked, historian=historian)
