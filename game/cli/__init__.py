"""The ``divergence`` command, as a package of wiring.

- ``errors``: exit statuses and ``CliError`` (a user's mistake: a message, no traceback);
- ``wiring``: content loading, the services handed to frontends, choosing and running one;
- ``saves`` / ``settings``: the persist layer and settings.json behind those services;
- ``commands/``: one module per subcommand, each with ``register(subparsers)``, listed once
  in ``commands.COMMANDS``;
- ``main``: the parser and the entry point that turns errors into messages and statuses.

None of it holds a rule of the game.
"""

from game.cli.main import main

__all__ = ["main"]
