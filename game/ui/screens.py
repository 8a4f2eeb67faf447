"""The game's screens as frontend-neutral documents: built once from the View, styled by each frontend.

A ``Document`` is a sequence of ``Block``s, each with a role (see ``ROLES``): a title, prose,
a history note, the dice of a replayed decision, an option and its requirement. Every frontend
maps roles to its own styles (tcod colours, pygame fonts, text-terminal styles) and draws the
blocks in order; none of them words the game itself. So the card, what came of a choice, the
ending, the chronicle, the help and a replay step read the same in every frontend, and a new
frontend gets all of them by writing one role-to-style map.

Blocks with the same ``tag`` belong to one option of a card (its key, its text, what it
needs, its odds), so a frontend can draw them as one button, one hot spot or one numbered
item. Nothing here decides anything: it reads the View and words it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from game.core.commands import Choose, Command
from game.core.view import ChoiceView, DecisionView, ReportView, View
from game.ui import present
from game.ui.services import ModInfo, ModsInfo

SUBTITLE = "A game of Soviet alternate history, 1936–1988"
"""The title screen's one line under the name, the same in every frontend (the campaigns run to 1988)."""

ROLES: dict[str, str] = {
    "kicker": "a small label over a title (News, You chose, The end)",
    "title": "a heading",
    "meta": "a line under a title: the date, the kind of ending",
    "prose": "the game's prose",
    "hint": "a quiet line that explains the screen",
    "note_head": "the heading of a history note (In history, What really happened)",
    "note": "what really happened",
    "source": "where a claim comes from (historian mode)",
    "dice": "the dice of a replayed decision",
    "option": "an option open to the player; key = the key that takes it",
    "unavailable": "an option closed now (a requirement block follows)",
    "chosen": "the option taken (in a replay)",
    "requirement": "what a closed option needs",
    "detail": "an action's prose under its option (the hand)",
    "odds": "one outcome of an option and its chance (historian mode)",
    "entry": "a chronicle line's headline; key = its date",
    "key": "a key and what it does (help); key = the key",
    "break": "a gap between sections (no text)",
}
"""Every role a block may have, with what it means: the contract between documents and styles."""


@attrs.frozen
class Block:
    """One styled piece of a document: ``role`` (a key of ``ROLES``), its text, the key or
    date shown before it, and the option it belongs to (``tag``: its index) when it does."""

    role: str
    text: str = ""
    key: str = ""
    tag: int | None = None

    def __attrs_post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown block role {self.role!r}")


@attrs.frozen
class Document:
    """A screen's content in order; ``title`` names the screen (a frame's caption)."""

    title: str
    blocks: tuple[Block, ...]

    def head(self) -> tuple[Block, ...]:
        """The blocks before the first option's (a card's heading and prose)."""
        for i, b in enumerate(self.blocks):
            if b.tag is not None:
                return self.blocks[:i]
        return self.blocks

    def options(self) -> dict[int, tuple[Block, ...]]:
        """The blocks of each option, by option index."""
        out: dict[int, list[Block]] = {}
        for b in self.blocks:
            if b.tag is not None:
                out.setdefault(b.tag, []).append(b)
        return {k: tuple(v) for k, v in out.items()}

    def text(self) -> str:
        """The document as plain lines (for tests, logs and a frontend without styles)."""
        lines = []
        for b in self.blocks:
            if b.role == "break":
                lines.append("")
            elif b.key:
                lines.append(f"{b.key}  {b.text}")
            else:
                lines.append(b.text)
        return "\n".join(lines)


class _Builder:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, role: str, text: str = "", key: str = "", tag: int | None = None) -> None:
        if role != "break" and not text.strip():
            return
        if role == "break" and (not self.blocks or self.blocks[-1].role == "break"):
            return  # never a gap first, never two in a row
        self.blocks.append(Block(role, text.strip() if role != "break" else "", key, tag))

    def done(self, title: str) -> Document:
        blocks = self.blocks[:-1] if self.blocks and self.blocks[-1].role == "break" else self.blocks
        return Document(title, tuple(blocks))


# --- wording ----------------------------------------------------------------------------------

YOU_CHOSE = "You chose"
NEWS = "News"
IN_HISTORY = "In history"
REALLY_HAPPENED = "What really happened"
THE_END = "The end"
HAND_TITLE = "What will you do?"
HAND_HINT = "The events are answered; now you act. Lying low is always possible."
AS_IN_HISTORY = "as in history"
NOTHING_YET = "Nothing has happened yet."
NEXT_DECISION = "Next decision"
MATTERED = "The decisions that mattered"


def plural(n: int, word: str) -> str:
    """``1 decision``, ``2 decisions``."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def percent(p: float) -> str:
    """A probability as a whole percentage, never a misleading 0% or 100% for a real chance."""
    value = round(p * 100)
    if value == 0 and p > 0:
        return "<1%"
    if value == 100 and p < 1:
        return ">99%"
    return f"{value}%"


def requirement(choice: ChoiceView) -> str:
    """Why an option is closed, as a sentence: ``needs: the plot has been formed``."""
    reason = choice.reason.strip()
    for prefix in ("requires ", "needs: ", "needs "):
        if reason.startswith(prefix):
            reason = reason[len(prefix) :]
            break
    return f"needs: {reason}" if reason else "not open to you now"


def odds_lines(choice: ChoiceView) -> list[str]:
    """Each outcome of an option with its chance, in words: ``85% — he is arrested``."""
    return [f"{percent(c.probability)} — {c.text or 'nothing comes of it'}" for c in choice.chances]


def _sources(sources: Iterable[str]) -> str:
    listed = [s for s in sources if s and s != "otherwise"]
    return "Sources: " + "; ".join(listed) if listed else ""


# --- the documents ----------------------------------------------------------------------------


def option_blocks(
    b: _Builder, decision: DecisionView, historian: bool, taken: str | None = None, keys: bool = True
) -> None:
    """The options of a decision: key and text, what a closed one needs, the odds (historian),
    an action's prose in the hand; ``taken`` marks the option chosen (replays)."""
    for i, choice in enumerate(decision.choices):
        key = str(i + 1) if keys and i < 9 else ""
        if taken is not None and choice.id == taken:
            b.add("chosen", choice.text, key, i)
        elif choice.available:
            b.add("option", choice.text, key, i)
        else:
            b.add("unavailable", choice.text, key, i)
            b.add("requirement", requirement(choice), tag=i)
        if choice.detail:
            b.add("detail", choice.detail, tag=i)
        if historian:
            for line in odds_lines(choice):
                b.add("odds", line, tag=i)
            if choice.historical:
                b.add("odds", AS_IN_HISTORY, tag=i)


def card_doc(view: View, historian: bool = False) -> Document:
    """The decision in front of the player: its heading, prose, sources (historian) and options."""
    d = view.decision
    b = _Builder()
    if d is None:
        return b.done("")
    if d.kind == "hand":
        b.add("kicker", present.KIND_LABELS["hand"])
        b.add("title", HAND_TITLE)
        b.add("meta", view.date_label)
        b.add("hint", HAND_HINT)
    else:
        b.add("kicker", present.KIND_LABELS.get(d.kind, d.kind))
        b.add("title", d.title)
        b.add("meta", view.date_label)
        b.add("prose", d.text)
    if historian:
        b.add("source", _sources(d.sources))
    b.add("break")
    option_blocks(b, d, historian)
    return b.done(d.title if d.kind != "hand" else present.KIND_LABELS["hand"])


def report_blocks(b: _Builder, r: ReportView, historian: bool, dice: bool = False) -> None:
    """One report: a world event's news, or what came of the player's choice; its history note."""
    if r.kind == "world":
        b.add("kicker", NEWS)
        b.add("title", r.title)
        b.add("prose", r.text)
        b.add("prose", r.outcome)
    else:
        b.add("kicker", YOU_CHOSE)
        b.add("title", r.choice)
        b.add("prose", r.result)
        # a replay's dice line names the chance already: never say it twice
        shown = historian and r.chance is not None and r.outcome and not (dice and r.roll is not None)
        odds = f" ({percent(r.chance)} chance)" if shown and r.chance is not None else ""
        b.add("prose", r.outcome + odds if r.outcome else "")
    if dice:
        b.add("dice", present.dice_text(r))
    if r.history and r.kind != "action":
        b.add("note_head", IN_HISTORY)
        b.add("note", r.history)
        if historian:
            b.add("source", _sources(r.sources))


def reports_doc(reports: Sequence[ReportView], historian: bool = False, dice: bool = False) -> Document:
    """What the last choice led to and this turn's news, with the history notes (and, in a
    replay, the dice that fell)."""
    b = _Builder()
    for r in reports:
        b.add("break")
        report_blocks(b, r, historian, dice)
    return b.done("What came of it")


def mattered_blocks(b: _Builder, mattered: Sequence[str]) -> None:
    """The decisions that mattered (``game.ui.outlook.Outlook.mattered_lines``): each decision
    that moved the ending as prose; what stands in for them (still being weighed, none found,
    why not) as a hint."""
    if not mattered:
        return
    b.add("break")
    b.add("kicker", MATTERED)
    for line in mattered:
        b.add("prose" if line.startswith("Decision") else "hint", line)


def mattered_doc(mattered: Sequence[str]) -> Document:
    """The decisions that mattered alone (a frontend that shows them after the ending, once
    they are worked out)."""
    b = _Builder()
    mattered_blocks(b, mattered)
    return b.done(MATTERED)


def ending_doc(view: View, mattered: Sequence[str] | None = None) -> Document:
    """The epilogue, the real history beside it, and how long the game lasted; then the
    decisions that mattered, when given."""
    e = view.ending
    b = _Builder()
    if e is None:
        return b.done("")
    b.add("kicker", THE_END)
    b.add("title", e.title)
    b.add("meta", f"{present.ENDING_KIND_LABELS.get(e.kind, e.kind)} · {view.date_label}")
    b.add("prose", e.text)
    if e.history:
        b.add("break")
        b.add("note_head", REALLY_HAPPENED)
        b.add("note", e.history)
    b.add("break")
    decisions = sum(1 for x in view.chronicle if present.is_decision(x.kind))
    b.add(
        "hint",
        f"Your game lasted {plural(view.turn, 'turn')} and {plural(decisions, 'decision')} (seed {view.seed}).",
    )
    mattered_blocks(b, mattered or ())
    return b.done(THE_END)


def kind_label(kind: str) -> str:
    """What a chronicle entry is, in a word: ``Event``, ``Your move``, ``News``, ``Note``."""
    return present.KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def chronicle_doc(
    view: View, history: bool = False, last: int | None = None, endings: bool = True, kinds: bool = False
) -> Document:
    """Every chronicle entry: its date, headline and what happened (and the history notes).

    Each entry's blocks carry ``tag`` = its index in ``view.chronicle``, so a frontend can lay
    an entry out as one row (``entries``). ``last`` keeps only the newest entries, ``endings``
    False leaves the ending's entry out, and ``kinds`` adds what each entry is (a meta block)."""
    b = _Builder()
    chosen = [(i, e) for i, e in enumerate(view.chronicle) if endings or e.kind != "ending"]
    if last is not None:
        chosen = chosen[-last:] if last > 0 else []
    if not chosen:
        b.add("hint", NOTHING_YET)
    for i, e in chosen:
        b.add("break")
        headline = e.title or e.text
        b.add("entry", headline, key=e.date_label, tag=i)
        if kinds:
            b.add("meta", kind_label(e.kind), tag=i)
        if e.title and e.text and e.text != e.title:
            b.add("prose", e.text, tag=i)
        if history and e.history:
            b.add("note", e.history, tag=i)
    return b.done("The chronicle")


def entries(doc: Document) -> list[tuple[int, tuple[Block, ...]]]:
    """A chronicle document's entries in order: (index in the chronicle, its blocks)."""
    return sorted(doc.options().items())


def help_doc(keys: Sequence[tuple[str, str]], view: View | None = None) -> Document:
    """How to play, the frontend's keys, and (during a game) what each meter measures and
    which way is good for it."""
    b = _Builder()
    b.add("prose", present.HOW_TO_PLAY)
    b.add("break")
    for key, what in keys:
        b.add("key", what, key=key)
    if view is not None and view.meters:
        b.add("break")
        b.add("kicker", "The meters")
        b.add("hint", present.METER_SIGNS)
        for m in view.meters:
            b.add("break")
            way = {"high": "better high", "low": "better low"}.get(m.good, "neither good nor bad")
            b.add("title", f"{m.label} · {way} ({m.min}–{m.max})")
            b.add("prose", m.description)
    return b.done("How to play")


def taken_option(command: Command | None) -> str | None:
    """The option id a recorded command took (None for a debug command or the end)."""
    return command.option if isinstance(command, Choose) else None


def replay_step_doc(
    view: View, command: Command | None, position: int, total: int, name: str = "", historian: bool = True
) -> Document:
    """A replay step: what the decision that led here brought (with its dice), then the
    decision as it stood with the option the player took marked, or the ending."""
    b = _Builder()
    where = f"Decision {position} of {total}" + (f" · replay of {name}" if name else "")
    b.add("meta", f"{view.date_label} · {where}")
    for r in view.reports:
        b.add("break")
        report_blocks(b, r, historian, dice=True)
    d = view.decision
    if view.ending is not None:
        b.add("break")
        for block in ending_doc(view).blocks:
            b.blocks.append(block)
    elif d is not None:
        b.add("break")
        b.add("kicker", NEXT_DECISION)
        b.add("title", HAND_TITLE if d.kind == "hand" else d.title)
        b.add("prose", d.text)
        b.add("break")
        option_blocks(b, d, historian, taken=taken_option(command) or "", keys=False)
        if command is None:
            b.add("break")
            b.add("hint", "The save ends here; fork it to play on.")
    return b.done(where)


# --- mods (the title screen's Mods list) -------------------------------------------------------

MODS_TITLE = "Mods"
MODS_HINT = "A mod adds or changes cards, campaigns and endings. Switching one on or off reloads the content at once."


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def mod_state(mod: ModInfo) -> str:
    """A mod's state in words (never a colour alone): on and loaded where, off, or on but not loaded."""
    if not mod.enabled:
        return "off"
    given = "given with --mod, " if mod.origin == "given" else "on, "
    if mod.position is not None:
        return f"{given}loaded {ordinal(mod.position)}"
    return f"{given}not loaded"


def mods_doc(info: ModsInfo) -> Document:
    """The Mods screen: the load order, then each mod (tag = its index in ``info.mods``; key =
    its number, on a mod that can be switched on or off), its state, where it lives, why
    it does not load, and the messages about it."""
    b = _Builder()
    b.add("hint", MODS_HINT)
    b.add("meta", "Load order: " + " → ".join(info.order))
    b.add("meta", f"User mod folder: {info.folder}" if info.folder else "User mods are off in this session.")
    b.add("break")
    if not info.mods:
        where = f"in {info.folder} " if info.folder else ""
        b.add(
            "prose",
            f"No mods are installed. Put a mod's folder {where}(the command “divergence new-mod NAME” makes one), or start the game with --mod DIR.",
        )
    for i, mod in enumerate(info.mods):
        key = str(i + 1) if mod.can_toggle else ""
        text = f"{mod.name} {mod.version} · {mod_state(mod)}"
        b.add("option" if mod.can_toggle else "unavailable", text, key, i)
        b.add("detail", f"{mod.id or '(no id)'} · {mod.folder}", tag=i)
        if mod.problem:
            b.add("requirement", f"not loaded: {mod.problem}", tag=i)
        for note in mod.notes:
            b.add("detail", note, tag=i)
    return b.done(MODS_TITLE)
