"""The subcommands of ``divergence``, one module each. A module offers
``register(subparsers)``, which adds its parser(s) and sets ``func`` to the function that runs
it (returning an exit status). A new command is one module and one line in ``COMMANDS``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from game.cli.commands import (
    calibrate,
    chronicle,
    diff,
    explain,
    forecast,
    load,
    mods,
    paths,
    play,
    replay,
    schema,
    screenshot,
    simulate,
    validate,
)

Register = Callable[[argparse._SubParsersAction], None]  # type: ignore[type-arg]

# In the order `divergence --help` lists them.
COMMANDS: tuple[Register, ...] = (
    play.register,
    validate.register,
    schema.register,
    load.register,
    replay.register,
    simulate.register,
    calibrate.register,
    screenshot.register,
    chronicle.register,
    mods.register,
    forecast.register,
    diff.register,
    explain.register,
    paths.register,
)
