"""The example mod in the repository (issue 11 item 7): it validates with nothing to say, it
patches two shipped cards, and its branch is played in real games."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content import mods
from game.content.loader import Content, Source, load_content
from game.sim.policies import get_policy
from game.sim.runner import play

ROOT = Path(__file__).resolve().parents[2] / "mods" / "ordzhonikidze"


@pytest.fixture(scope="module")
def content() -> Content:
    (manifest,) = mods.resolve([ROOT]).order
    return load_content(mods=[Source(manifest.id, manifest.root, manifest.version)])


def test_the_example_mod_validates_without_a_single_diagnostic(content: Content) -> None:
    assert [str(d) for d in content.diagnostics if d.severity != "note"] == []
    assert [str(d) for d in content.diagnostics if "ordzhonikidze" in d.path] == []  # not even a note
    assert mods.resolve([ROOT]).diagnostics == []


def test_it_patches_two_shipped_cards_and_they_know_it(content: Content) -> None:
    cards = content.campaigns["bukharin"].cards
    changed = {cid for cid, card in cards.items() if any("by ordzhonikidze" in c for c in card.changes)}
    assert changed == {"bukharin.plenum_1937", "bukharin.hunger_strike"}
    assert "sits in his usual chair" in cards["bukharin.plenum_1937"].text
    assert cards["bukharin.hunger_strike"].option("through_sergo") is not None
    assert "ordzhonikidze" in content.campaigns["bukharin"].cast
    shipped = load_content().campaigns["bukharin"].cards
    assert "is dead" in shipped["bukharin.plenum_1937"].text and shipped["bukharin.plenum_1937"].changes == ()


def test_its_branch_is_played_in_real_games(content: Content) -> None:
    campaign = content.campaigns["bukharin"]
    ours = {cid for cid in campaign.cards if cid.startswith("ordzhonikidze.")}
    assert 3 <= len(ours) <= 6
    seen: set[str] = set()
    for seed in range(12):
        engine = play(campaign, get_policy("random"), seed)
        seen |= set(engine.state.fired) & ours
    assert "ordzhonikidze.w_the_night_of_the_18th" in seen and "ordzhonikidze.a_visit_before_the_plenum" in seen


def test_schema_with_content_completes_ids_and_flags_a_typo(content: Content) -> None:
    import jsonschema
    import yaml

    from game.content.jsonschema import content_schema

    validator = jsonschema.Draft7Validator(content_schema(content.ids))
    for path in sorted(ROOT.rglob("*.yaml")):
        if path.name != "mod.yaml":
            assert list(validator.iter_errors(yaml.safe_load(path.read_text()))) == [], path
    cards = yaml.safe_load((ROOT / "cards" / "1937.yaml").read_text())
    cards["cards"][0]["when"]["all"][1]["character"] = "bukarin"
    assert list(validator.iter_errors(cards))  # a typo in an id is an editor error
    assert "sergo_alive" in content.ids["flag"] and "suspicion" in content.ids["meter"]
    for path in sorted(ROOT.rglob("*.yaml")):
        if path.name != "mod.yaml":
            assert path.read_text().startswith("# yaml-language-server: $schema="), path
