"""The debug console's commands, shared by every frontend: one registry of small commands
(fire a card, set a meter or a flag, why, explain, cards, meters), each a function from the
engine and the words typed to lines to print. Changes go through Commands applied by the
engine, so replays stay exact. Frontends only read a line and print what comes back.

Adding a command is one decorated function::

    @console_command("name ARG", "what it does")
    def _name(engine: Engine, args: list[str]) -> Outcome: ...
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from game.core.commands import Command, DebugFire, DebugSetFlag, DebugSetMeter, IllegalCommand
from game.core.engine import Engine
from game.core.explain import explain


@attrs.frozen
class Outcome:
    """What a console line did: the lines to print, and whether the game changed."""

    lines: list[str]
    changed: bool = False


Run = Callable[[Engine, list[str]], Outcome]


@attrs.frozen
class ConsoleCommand:
    """One console command: its word, its usage line, what it does, and the function."""

    name: str
    usage: str
    summary: str
    run: Run


COMMANDS: dict[str, ConsoleCommand] = {}


def console_command(usage: str, summary: str) -> Callable[[Run], Run]:
    """Register a function as the console command named by the first word of ``usage``."""

    def register(fn: Run) -> Run:
        name = usage.split()[0]
        if name in COMMANDS:
            raise ValueError(f"console command {name!r} is registered twice")
        COMMANDS[name] = ConsoleCommand(name, usage, summary, fn)
        return fn

    return register


def usage() -> list[str]:
    """One line: every command's usage, for ``help`` and an unknown word."""
    return [" · ".join([*(c.usage for c in COMMANDS.values()), "clear", "help"])]


def help_lines() -> list[str]:
    """A line per command: its usage and what it does."""
    return [f"{c.usage:<24} {c.summary}" for c in COMMANDS.values()]


def run_line(engine: Engine, line: str) -> Outcome:
    """Carry out one console line against the game."""
    parts = line.split()
    if not parts or parts[0].lower() in ("help", "?"):
        return Outcome(help_lines())
    command = COMMANDS.get(parts[0].lower())
    if command is None:
        return Outcome([f"unknown command {line.strip()!r}", *usage()])
    return command.run(engine, parts[1:])


def card_id(engine: Engine, name: str) -> str | None:
    """A card's full id from its id or its id without the campaign's prefix."""
    cards = engine.campaign.cards
    if name in cards:
        return name
    full = f"{engine.campaign.id}.{name}"
    return full if full in cards else None


def _apply(engine: Engine, command: Command, done: str) -> Outcome:
    try:
        engine.apply(command)
    except IllegalCommand as exc:
        return Outcome([f"refused: {exc}"])
    return Outcome([f"done: {done}"], True)


@console_command("fire CARD", "put a card in front of the player now")
def _fire(engine: Engine, args: list[str]) -> Outcome:
    if len(args) != 1:
        return Outcome(["fire CARD"])
    cid = card_id(engine, args[0])
    if cid is None:
        return Outcome([f"no card {args[0]!r}"])
    return _apply(engine, DebugFire(cid), f"fire {args[0]}")


@console_command("set METER VALUE", "set a meter (kept within its bounds)")
def _set(engine: Engine, args: list[str]) -> Outcome:
    if len(args) != 2:
        return Outcome(["set METER VALUE"])
    try:
        value = int(args[1])
    except ValueError:
        return Outcome([f"not a number: {args[1]!r}"])
    return _apply(engine, DebugSetMeter(args[0], value), f"set {args[0]} {value}")


@console_command("flag NAME [on|off]", "set or clear a flag")
def _flag(engine: Engine, args: list[str]) -> Outcome:
    if len(args) not in (1, 2) or (len(args) == 2 and args[1].lower() not in ("on", "off")):
        return Outcome(["flag NAME [on|off]"])
    on = len(args) == 1 or args[1].lower() == "on"
    return _apply(engine, DebugSetFlag(args[0], on), f"flag {args[0]} {'on' if on else 'off'}")


@console_command("why CARD", "is the card eligible now, and if not, why not")
def _why(engine: Engine, args: list[str]) -> Outcome:
    if len(args) != 1:
        return Outcome(["why CARD"])
    cid = card_id(engine, args[0])
    if cid is None:
        return Outcome([f"no card {args[0]!r}"])
    reasons = engine.explain(engine.campaign.cards[cid])
    if not reasons:
        return Outcome([f"{cid} is eligible now"])
    return Outcome([f"{cid} is not eligible:", *("  " + r for r in reasons)])


@console_command("explain CARD", "eligibility, weight, each outcome's chance and its sources, mods that changed it")
def _explain(engine: Engine, args: list[str]) -> Outcome:
    if len(args) != 1:
        return Outcome(["explain CARD"])
    cid = card_id(engine, args[0])
    return Outcome(explain(engine, cid or args[0]))


@console_command("cards [TEXT]", "the cards whose id contains TEXT")
def _cards(engine: Engine, args: list[str]) -> Outcome:
    needle = args[0].lower() if args else ""
    ids = sorted(c for c in engine.campaign.cards if needle in c.lower())
    more = [f"... and {len(ids) - 30} more"] if len(ids) > 30 else []
    return Outcome((ids[:30] + more) or ["no card matches"])


@console_command("meters", "every meter's value and bounds")
def _meters(engine: Engine, args: list[str]) -> Outcome:
    meters = engine.campaign.meters.values()
    return Outcome([f"{m.id} = {engine.state.meters[m.id]} ({m.min}..{m.max}) {m.label}" for m in meters])
