"""THE game session: the game in progress and every flow the frontends share.

A frontend maps keys and clicks to these calls and draws what they return; it decides
nothing of the session itself. The rules live here once, for text, tcod and pygame alike:

- a new game takes a seed by one rule (``SEED_MIN``..``SEED_MAX``, random when none is given,
  typed seeds read by ``textsafe.parse_seed``), starts from a campaign's start, and may be
  **ironman** (no undo, kept in the save);
- choosing autosaves when the turn changes and when the game ends;
- saving, loading (with the notes on mods changed since the save, and the question "continue
  from the saved state?" when the content's rules changed), forking a replay, **undo** (the
  game replayed to one decision fewer, so the dice are the same), quitting to the title,
  closing the window (autosaved) and F5 (the content reloaded from disk) each exist once.

Every call returns a ``Step``: which screen to show next and the notes to show with it, each
with a tone. A failure is a note, never an exception: a save that cannot be written, a load
that cannot be read, a fork that fails, a key with no meaning (a hint) all leave the player
where they were.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Literal

import attrs

from game.core.commands import Choose, IllegalCommand
from game.core.engine import Engine
from game.core.view import View
from game.ui import console
from game.ui.chronicle_export import chronicle_html
from game.ui.outlook import IRONMAN as NO_FORECAST_IRONMAN
from game.ui.outlook import Outlook
from game.ui.replay import ReplayControl
from game.ui.services import CampaignInfo, ContentChanged, ModsInfo, SaveInfo, Services, UserError
from game.ui.textsafe import parse_seed

SEED_MIN, SEED_MAX = 1, 10**9 - 1  # the one seed range of new games, in every frontend
SEED_DIGITS = len(str(SEED_MAX))  # the longest seed a player can type
SEED_RULE = f"a whole number from {SEED_MIN} to {SEED_MAX}"  # the rule in words, for prompts and errors
SEED_PROMPT = f"Seed ({SEED_MIN} to {SEED_MAX}; press Enter for a random one): "

# What a frontend shows after a call: the title screen; the campaign's introduction; the
# decision in front of the player; what came of the last choice (the View's reports); the
# ending; the question of a save whose content changed (``GameSession.pending``); or the same
# screen as before (nothing changed: a hint, or a failure said in the notes).
Show = Literal["title", "intro", "decision", "reports", "ending", "confirm", "same"]
Tone = Literal["info", "good", "bad", "hint"]


@attrs.frozen
class Note:
    """One message for the player: ``bad`` for a failure, ``hint`` for a key with no meaning
    here, ``good`` for a success worth confirming (saved), ``info`` for the rest."""

    text: str
    tone: Tone = "info"


@attrs.frozen
class Step:
    """What a session call did: the screen to show next and the notes to show with it."""

    show: Show
    notes: tuple[Note, ...] = ()

    @property
    def failed(self) -> bool:
        """True when a note says something went wrong."""
        return any(n.tone == "bad" for n in self.notes)

    @property
    def text(self) -> str:
        """The notes as one line (for a footer or a toast)."""
        return " ".join(n.text for n in self.notes)

    def plus(self, *notes: Note | None) -> Step:
        """The same step with more notes (None ones left out)."""
        return Step(self.show, (*self.notes, *(n for n in notes if n is not None)))


def random_seed() -> int:
    """A fresh seed for a new game (the one range every frontend uses)."""
    return random.SystemRandom().randint(SEED_MIN, SEED_MAX)


def read_seed(typed: str | int | None) -> int | None:
    """The seed of a new game from what the player gave: a number, typed digits, or nothing
    (None: a random seed is drawn). ValueError with the seed rule (``SEED_RULE``) for anything
    else, a number outside ``SEED_MIN``..``SEED_MAX`` included."""
    if typed is None:
        return None
    if isinstance(typed, int):
        seed: int | None = typed
    elif not typed.strip():
        return None
    else:
        seed = parse_seed(typed)
    if seed is None or not SEED_MIN <= seed <= SEED_MAX:
        raise ValueError(f"a seed is {SEED_RULE} (or nothing for a random one)")
    return seed


def _user_text(exc: BaseException) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] if text else type(exc).__name__


class GameSession:
    """The game in progress and the flows around it, for any frontend.

    ``engine`` is the game being played (None on the title screen); ``suspended`` is a game
    left for the title screen that ``resume`` brings back; ``pending`` is a load waiting for
    the player's answer to "the content has changed: continue from the saved state?".
    """

    def __init__(self, services: Services) -> None:
        self.services = services
        self.engine: Engine | None = None
        self.ironman = False
        self.suspended: Engine | None = None
        self.pending: ContentChanged | None = None
        self._turn = 0
        # the forecast panel and the ending's "decisions that mattered", worked out in the background
        self.outlook = Outlook(getattr(services, "forecast", None), getattr(services, "mattered", None))

    def forecast_shown(self, historian: bool) -> bool:
        """Whether the forecast panel shows now (never in an ironman game; by default only in
        historian mode; the player's toggle otherwise)."""
        return self.outlook.available and self.outlook.visibility.shown(historian, self.ironman)

    def no_forecast(self) -> str:
        """Why no forecast can be shown now, as the sentence to tell the player ("" when one
        can): an ironman game, or a session without one (and why, when the CLI said)."""
        if self.ironman:
            return NO_FORECAST_IRONMAN
        if self.outlook.available:
            return ""
        why = getattr(self.services, "forecast_off", "")
        return f"No forecast in this session: {why}." if why else "No forecast in this session."

    def toggle_forecast(self, historian: bool) -> Step:
        """The player's key for the forecast panel."""
        refused = self.no_forecast()
        if refused:
            return Step("same", (Note(refused, "hint"),))
        return Step("same", (Note(self.outlook.visibility.toggle(historian, self.ironman)),))

    # --- what the frontends read ------------------------------------------------------------

    def campaigns(self) -> list[CampaignInfo]:
        """The new games on offer (one per start of a campaign with several), as of now: F5
        reloads them."""
        return list(self.services.campaigns)

    def dropped(self) -> list[str]:
        """What content was left out and why (counts, first errors, "run divergence
        validate"), for the title screen; empty when everything loaded."""
        return list(self.services.dropped())

    @property
    def playing(self) -> bool:
        """True while a game is on (including one that has just ended and shows its ending)."""
        return self.engine is not None

    def view(self) -> View:
        """The View of the game in progress (the engine builds it once per decision, so a
        frontend may ask on every draw)."""
        return self._need().view()

    def screen(self) -> Show:
        """The screen the game in progress calls for now (``title`` when there is none)."""
        if self.engine is None:
            return "title"
        if self.engine.is_over:
            return "ending"
        return "decision"

    def can_undo(self) -> bool:
        """Whether ``undo`` would take a decision back now."""
        engine = self.engine
        return (
            engine is not None
            and not self.ironman
            and self.services.rewind is not None
            and bool(engine.commands)
            and not engine.is_over
        )

    def saves(self) -> tuple[list[SaveInfo], Note | None]:
        """The saves for a load or replay list, newest first; a note when they cannot be listed."""
        try:
            return list(self.services.list_saves()), None
        except (UserError, OSError) as exc:
            return [], Note(f"Cannot list the saves: {exc}", "bad")

    # --- starting and leaving a game ---------------------------------------------------------

    def new_game(self, key: str, seed: str | int | None = None, ironman: bool = False) -> Step:
        """Start a new game of a campaign's start (a ``CampaignInfo.id``) with a seed (typed
        digits, a number, or None for a random one), ironman or not."""
        try:
            chosen = read_seed(seed)
        except ValueError as exc:
            return Step("same", (Note(_user_text(exc) + ".", "hint"),))
        chosen = random_seed() if chosen is None else chosen
        try:
            engine = self.services.new_game(key, chosen)
        except (UserError, KeyError, ValueError) as exc:
            return Step("same", (Note(f"Cannot start: {exc}", "bad"),))
        left = self._leave()
        notes: list[Note] = [] if left is None else [left]
        if ironman:
            if self.services.set_ironman is not None:
                try:
                    self.services.set_ironman(engine)
                except UserError as exc:
                    notes.append(Note(f"Ironman is not kept in the save: {exc}", "bad"))
            else:
                notes.append(Note("Ironman holds for this session only: saving is not available.", "info"))
        self._adopt(engine, ironman)
        view = self.view()
        show: Show = "intro" if view.intro else self._after()
        return Step(show, tuple(notes))

    def play(self, engine: Engine) -> Step:
        """Make an engine from elsewhere the game in progress (the CLI's ``load``, a test)."""
        left = self._leave()
        self._adopt(engine, self.services.ironman_of(engine))
        return Step(self._after()).plus(left)

    def resume(self) -> Step:
        """Go back to the game left for the title screen."""
        if self.suspended is None:
            return Step("same", (Note("There is no game to continue.", "hint"),))
        engine, self.suspended = self.suspended, None
        self._adopt(engine, self.services.ironman_of(engine))
        return Step(self._after())

    def quit_to_title(self) -> Step:
        """Autosave and go back to the title screen; the game can be resumed from there."""
        if self.engine is None:
            return Step("title")
        saved = self.autosave()
        engine, self.engine = self.engine, None
        self.suspended = None if engine.is_over else engine
        if saved is not None and saved.tone == "bad":
            return Step("title", (saved, Note("The game could not be saved (see above).", "bad")))
        return Step("title", (Note("Game saved. Back to the title screen."),))

    def close(self) -> Step:
        """The window closes or the input ends: autosave whatever is in progress."""
        notes = []
        for engine in (self.engine, self.suspended):
            if engine is not None:
                note = self._autosave(engine)
                if note is not None and note.tone == "bad":
                    notes.append(note)
        return Step("same", tuple(notes))

    # --- the game ----------------------------------------------------------------------------

    def choose(self, index: int) -> Step:
        """Answer the decision in front of the player with its ``index``-th choice (from 0)."""
        engine = self._need()
        if engine.is_over:
            return Step("ending")
        decision = self.view().decision
        if decision is None:
            return Step(self._after())
        count = len(decision.choices)
        if not 0 <= index < count:
            return Step("same", (Note(f"Choose 1 to {count}." if count > 1 else "Choose 1.", "hint"),))
        choice = decision.choices[index]
        if not choice.available:
            return Step("same", (Note(f"That option is not open to you ({choice.reason}).", "bad"),))
        try:
            engine.apply(Choose(choice.id, decision.card))
        except IllegalCommand as exc:  # a frontend bug: say so rather than crash
            return Step("same", (Note(f"That cannot be done now: {exc}", "bad"),))
        return self._moved()

    def proceed(self) -> Step:
        """Past the introduction or what came of a choice: the decision, or the ending."""
        if self.engine is None:
            return Step("title")
        return Step(self._after())

    def console(self, line: str) -> tuple[list[str], Step]:
        """Run a debug console line (the shared registry) against the game: the lines to print,
        and where the game stands after it."""
        if self.engine is None:
            return ["no game in progress"], Step("same")
        outcome = console.run_line(self.engine, line)
        if not outcome.changed:
            return list(outcome.lines), Step("same")
        return list(outcome.lines), self._moved()

    def undo(self) -> Step:
        """Take back the last decision: the game is replayed from its start to one decision
        fewer (the same dice), and its record and saves hold it as if it had never been taken.
        Repeated, it goes back decision by decision to the start of the game."""
        engine = self.engine
        if engine is None:
            return Step("same", (Note("There is no game in progress.", "hint"),))
        if self.ironman:
            return Step("same", (Note("This is an ironman game: decisions cannot be taken back.", "hint"),))
        if engine.is_over:
            return Step("same", (Note("The game is over: load a save or watch the replay.", "hint"),))
        if self.services.rewind is None:
            return Step("same", (Note("Undo is not available in this session.", "hint"),))
        if not engine.commands:
            return Step("same", (Note("Nothing to take back: this is the start of the game.", "hint"),))
        command = engine.commands[-1]
        try:
            earlier = self.services.rewind(engine)
        except (UserError, IllegalCommand) as exc:
            return Step("same", (Note(_user_text(exc) + ".", "bad"),))
        self._adopt(earlier, self.ironman)
        what = ""
        decision = self.view().decision
        if isinstance(command, Choose) and decision is not None:
            what = next((c.text for c in decision.choices if c.id == command.option), "")
        note = Note(f"Taken back: {what}." if what else "Taken back: the last command.")
        saved = self.autosave()  # the newest autosave must not hold what was taken back
        return Step("decision", (note,)).plus(saved if saved is not None and saved.tone == "bad" else None)

    # --- saves ---------------------------------------------------------------------------------

    def save(self, name: str = "") -> Step:
        """Save the game under a name (or one made up from the campaign, date and turn)."""
        if self.engine is None:
            return Step("same", (Note("There is no game to save.", "hint"),))
        try:
            message = self.services.save(self.engine, name.strip())
        except (UserError, OSError) as exc:
            return Step("same", (Note(f"Not saved: {exc}", "bad"),))
        return Step("same", (Note(message, "good"),))

    def export_chronicle(self, mattered: Sequence[str] = ()) -> Step:
        """Write the game's chronicle as one self-contained HTML page beside the saves (the
        ending's export; ``mattered``: the decisions that mattered, when worked out)."""
        if self.engine is None:
            return Step("same", (Note("There is no game to export.", "hint"),))
        if self.services.export_chronicle is None:
            return Step("same", (Note("Exporting the chronicle is not available in this session.", "hint"),))
        page = chronicle_html(self.engine.view(), mattered)
        try:
            message = self.services.export_chronicle(self.engine, page)
        except (UserError, OSError) as exc:
            return Step("same", (Note(f"Not exported: {exc}", "bad"),))
        return Step("same", (Note(message, "good"),))

    def autosave(self) -> Note | None:
        """Autosave the game in progress; a note only when it failed (and None when nothing
        was in progress)."""
        if self.engine is None:
            return None
        return self._autosave(self.engine)

    def load(self, path: str) -> Step:
        """Load a save (the game in progress is autosaved first). When the content's rules
        changed since, the step is ``confirm``: ``pending`` holds the question, answered with
        ``continue_from_snapshot`` or ``cancel_load``."""
        try:
            loaded = self.services.load(path)
        except ContentChanged as exc:
            self.pending = exc
            return Step("confirm", tuple(Note(n) for n in exc.notes))
        except (UserError, OSError) as exc:
            return Step("same", (Note(f"Cannot load: {exc}", "bad"),))
        left = self._leave()
        self._adopt(loaded.engine, self.services.ironman_of(loaded.engine))
        return Step(self._after(), tuple(Note(n) for n in loaded.notes)).plus(left)

    def continue_from_snapshot(self) -> Step:
        """The answer "continue" to a pending load: play on from the state stored in the save."""
        pending, self.pending = self.pending, None
        if pending is None:
            return Step("same", (Note("There is no save waiting to be loaded.", "hint"),))
        try:
            engine = pending.continue_from_snapshot()
        except (UserError, OSError) as exc:
            return Step("same", (Note(f"Cannot continue: {exc}", "bad"),))
        left = self._leave()
        self._adopt(engine, self.services.ironman_of(engine))
        return Step(self._after(), (Note("Continuing from the state stored in the save."),)).plus(left)

    def cancel_load(self) -> Step:
        """The answer "stop" to a pending load: nothing is loaded, the save is left as it is."""
        self.pending = None
        return Step("same", (Note("Not loaded: the save is unchanged."),))

    def replay(self, path: str) -> tuple[ReplayControl | None, Step]:
        """A save opened for watching step by step (None and a note when it cannot be)."""
        if self.services.replay is None:
            return None, Step("same", (Note("Replays are not available in this session.", "hint"),))
        try:
            return self.services.replay(path), Step("same")
        except (UserError, OSError) as exc:
            return None, Step("same", (Note(f"Cannot replay: {exc}", "bad"),))

    def fork(self, control: ReplayControl) -> Step:
        """Play on from the replay's current step: a new game, saved at once as a branch of the
        save, becomes the game in progress (the one before is autosaved)."""
        try:
            engine = control.fork()
        except (UserError, ValueError, OSError) as exc:
            return Step("same", (Note(f"Cannot fork: {exc}", "bad"),))
        left = self._leave()
        self._adopt(engine, self.services.ironman_of(engine))
        name = control.forked_as()
        note = Note(f"Forked: saved as {name}." if name else "Forked.", "good")
        return Step(self._after(), (note,)).plus(left)

    # --- mods (the title screen's Mods list) ---------------------------------------------------

    def mods(self) -> tuple[ModsInfo | None, Note | None]:
        """The mods installed (user mod folder) and given (``--mod``), each with its place in
        the load order and what went wrong with it; None and a note when there is no list."""
        if self.services.mods is None:
            return None, Note("Mods are not available in this session.", "hint")
        try:
            return self.services.mods(), None
        except (UserError, OSError) as exc:
            return None, Note(f"Cannot list the mods: {exc}", "bad")

    def toggle_mod(self, mod_id: str) -> tuple[Step, list[str]]:
        """Switch a mod of the user mod folder on or off (kept for the next start, in the same
        store as ``divergence mods enable|disable``) and reload the content with the new set.
        Only from the title screen: a game left there is saved and must be loaded again (the
        load says which mods changed). Returns the step and the problems the reload found."""
        if self.engine is not None:
            return Step("same", (Note("Mods are switched on and off from the title screen.", "hint"),)), []
        info, problem = self.mods()
        if info is None or self.services.set_mod_enabled is None:
            return Step("same", (problem or Note("Mods cannot be switched here.", "hint"),)), []
        mod = next((m for m in info.mods if m.id == mod_id), None)
        if mod is None:
            return Step("same", (Note(f"There is no mod {mod_id!r}.", "hint"),)), []
        if not mod.can_toggle:
            why = (
                "it was given with --mod and loads whenever it is given"
                if mod.origin == "given"
                else "its manifest has errors (see its notes)"
            )
            return Step("same", (Note(f"{mod.name} cannot be switched here: {why}.", "hint"),)), []
        if self.suspended is not None:  # never dropped unsaved: a failed autosave changes nothing
            left = self._autosave(self.suspended)
            if left is not None:
                return Step("same", (left, Note("Mods not changed: the game you left could not be saved.", "bad"))), []
        try:
            self.services.set_mod_enabled(mod.id, not mod.enabled)
        except (UserError, OSError) as exc:
            return Step("same", (Note(f"Not changed: {exc}", "bad"),)), []
        notes = [Note(f"{mod.name} {'disabled' if mod.enabled else 'enabled'}.", "good")]
        if self.suspended is not None:
            self.suspended = None
            notes.append(Note("The game you left is saved: load it to play on with this set of mods."))
        step, problems, _kept = self.reload()
        return Step("same", (*notes, *step.notes)), problems

    # --- F5 --------------------------------------------------------------------------------------

    def reload(self) -> tuple[Step, list[str], bool]:
        """F5: reload the content from disk; the game goes on with it (or, when it cannot,
        unchanged). Returns the step, the problems found, and whether the game kept its old
        content."""
        if self.services.reload is None:
            return Step("same", (Note("Reloading content is not available in this session.", "hint"),)), [], True
        before = self.engine
        try:
            engine, problems = self.services.reload(before)
        except (UserError, OSError) as exc:
            engine, problems = before, [str(exc)]
        kept = engine is before
        if before is not None and engine is not None and not kept:
            self._adopt(engine, self.ironman)
        if problems:
            return Step("same", (Note(f"Content reloaded with {len(problems)} problem(s).", "bad"),)), problems, kept
        return Step("same", (Note("Content reloaded: no problems found.", "good"),)), [], kept

    # --- internals -----------------------------------------------------------------------------

    def _need(self) -> Engine:
        if self.engine is None:
            raise RuntimeError("no game in progress")
        return self.engine

    def _adopt(self, engine: Engine, ironman: bool) -> None:
        self.engine = engine
        self.ironman = ironman
        self.suspended = None
        self.pending = None
        self._turn = engine.state.turn

    def _after(self) -> Show:
        engine = self._need()
        if self.view().reports:
            return "reports"
        return "ending" if engine.is_over else "decision"

    def _moved(self) -> Step:
        """After a command: autosave on a new turn or at the end; then what to show."""
        engine = self._need()
        note = None
        if engine.state.turn != self._turn or engine.is_over:
            self._turn = engine.state.turn
            note = self.autosave()
        return Step(self._after()).plus(note)

    def _leave(self) -> Note | None:
        """Before another game replaces this one: autosave it (a note only when that failed)."""
        note = None
        for engine in (self.engine, self.suspended):
            if engine is not None:
                note = self._autosave(engine) or note
        return note

    def _autosave(self, engine: Engine) -> Note | None:
        try:
            self.services.autosave(engine)
        except (UserError, OSError) as exc:
            return Note(f"Autosave failed: {exc}", "bad")
        return None
