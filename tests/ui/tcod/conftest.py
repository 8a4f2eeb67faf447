"""Fixtures for the tcod frontend's tests: services over the small campaign, in memory."""

from __future__ import annotations

import copy

import pytest

from game.cli.wiring import campaign_infos
from game.content.loader import Content
from game.core.engine import Engine
from game.ui.services import Loaded, SaveInfo, Services, UserError


class MemoryServices:
    """Saves kept in a dict, with every call counted (the persist layer is not under test)."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.saves: dict[str, Engine] = {}
        self.autosaves = 0
        self.fail_save = False

    def new_game(self, campaign: str, seed: int) -> Engine:
        return Engine(self.content.campaigns[campaign], seed)

    def save(self, engine: Engine, name: str) -> str:
        if self.fail_save:
            raise UserError("the disk is full")
        name = name or f"save-{len(self.saves) + 1}"
        self.saves[name] = Engine(engine.campaign, engine.state.seed, state=copy.deepcopy(engine.state))
        return f"Saved as {name}."

    def autosave(self, engine: Engine) -> str:
        self.autosaves += 1
        return ""

    def list_saves(self) -> list[SaveInfo]:
        return [SaveInfo(n, n, f"turn {e.state.turn}") for n, e in sorted(self.saves.items())]

    def load(self, path: str) -> Loaded:
        if path not in self.saves:
            raise UserError(f"{path}: no such save")
        e = self.saves[path]
        return Loaded(Engine(e.campaign, e.state.seed, state=copy.deepcopy(e.state)))

    def services(self) -> Services:
        return Services(
            campaign_infos(self.content),
            self.new_game,
            save=self.save,
            autosave=self.autosave,
            list_saves=self.list_saves,
            load=self.load,
        )


@pytest.fixture
def memory(mini_content: Content) -> MemoryServices:
    """In-memory services over the small test campaign."""
    return MemoryServices(mini_content)
