"""The CLI package: every command registered once, from its own module, with no import of
the project's own modules hidden behind ``except ImportError`` (which used to turn a broken
import into a subcommand that vanished as "invalid choice")."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import game.cli
from game.cli.commands import COMMANDS
from game.cli.main import build_parser
from game.ui import frontends

CLI = Path(game.cli.__file__).parent
EXPECTED = {"play", "validate", "schema", "load", "replay", "simulate", "calibrate", "screenshot", "chronicle"}


def _subcommands() -> dict[str, object]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    return dict(sub.choices)  # type: ignore[arg-type]


def test_every_command_is_registered_by_its_own_module() -> None:
    names = _subcommands()
    assert set(names) >= EXPECTED
    for register in COMMANDS:
        module = sys.modules[register.__module__]
        assert module.__name__.startswith("game.cli.commands."), module.__name__


def _hides_import_errors(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
            if "ImportError" in names or "ModuleNotFoundError" in names:
                lines.append(node.lineno)
    return lines


def test_no_command_hides_a_broken_import() -> None:
    found = {
        str(path.relative_to(CLI)): lines
        for path in sorted(CLI.rglob("*.py"))
        if (lines := _hides_import_errors(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_check_sees_a_hidden_import() -> None:
    source = "try:\n    import game.cli.saves\nexcept (ImportError, OSError):\n    pass\n"
    assert _hides_import_errors(ast.parse(source)) == [3]


@pytest.mark.parametrize("command", ["play", "load", "replay"])
def test_ui_choices_come_from_the_frontend_registry(command: str) -> None:
    parser = _subcommands()[command]
    (ui,) = [a for a in parser._actions if a.dest == "ui"]  # type: ignore[attr-defined]
    assert tuple(ui.choices) == frontends.names()
