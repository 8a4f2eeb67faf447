"""``divergence explain CARD [--save SAVE]``: why a card does or does not come up (wiring only;
the words come from ``game.core.explain``, which the debug consoles use too)."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.cli.errors import EXIT_OK, EXIT_USAGE, CliError
from game.cli.wiring import add_mod_argument, load_for_play
from game.content.diagnostics import did_you_mean
from game.core.engine import Engine
from game.core.explain import explain


def cmd_explain(args: argparse.Namespace) -> int:
    """Explain a card at a campaign's start, or in the state a save ends in."""
    content = load_for_play(args.mod)
    if args.save:
        from game.persist.errors import SaveError, naming
        from game.persist.reader import read_save
        from game.persist.replay import from_snapshot, replay_save

        path = Path(args.save)
        if not path.is_file():
            raise CliError(f"{args.save}: no such save", EXIT_USAGE)
        try:
            save = read_save(path)
            outcome = replay_save(content, save)
            engine = outcome.engine if outcome.divergence is None else from_snapshot(content, save)
        except SaveError as exc:
            raise CliError(naming(args.save, exc)) from None
    else:
        owner = next((c for c in content.campaigns.values() if args.card in c.cards), None)
        if owner is None:
            every = [cid for c in content.campaigns.values() for cid in c.cards]
            raise CliError(f"unknown card {args.card!r}{did_you_mean(args.card, every)}", EXIT_USAGE)
        engine = Engine(owner, args.seed)
    if args.card not in engine.campaign.cards:
        raise CliError(
            f"the card {args.card!r} is not in campaign {engine.campaign.id!r}"
            f"{did_you_mean(args.card, engine.campaign.cards)}",
            EXIT_USAGE,
        )
    print("\n".join(explain(engine, args.card)))
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `explain` to the parser."""
    p = sub.add_parser(
        "explain", help="why a card is or is not eligible, its weight and its options' chances, which mods changed it"
    )
    p.add_argument("card", help="the card's id, e.g. bukharin.plenum_1937")
    p.add_argument("--save", metavar="SAVE", help="explain it in the state this save ends in (default: the start)")
    p.add_argument("--seed", type=int, default=0, help="the seed of the new game (without --save)")
    add_mod_argument(p, "load a mod folder (repeatable)")
    p.set_defaults(func=cmd_explain)
