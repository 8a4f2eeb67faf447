"""A card's own display date (``date_label``): the turn is labelled with it while the card is
in front of the player and beside it in the chronicle; every other turn keeps its era's label;
it is prose, so it changes no rules hash (issue 10 item 6)."""

from __future__ import annotations

import io

from game.content.loader import Content
from game.core.commands import Choose
from game.core.compile import rules_hash
from game.core.dates import turn_label
from game.core.engine import Engine
from game.ui.services import Services
from game.ui.text.app import TextUI

PLENUM = "bukharin.plenum_1937"
LABEL = "23 February–5 March 1937"


def to_the_plenum(shipped: Content) -> Engine:
    for seed in range(1, 60):
        engine = Engine(shipped.campaigns["bukharin"], seed)
        for _ in range(200):
            view = engine.view()
            d = view.decision
            if d is None:
                break
            if d.card == PLENUM:
                return engine
            choice = next(c for c in d.choices if c.available)
            engine.apply(Choose(choice.id, d.card))
    raise AssertionError("no game reached the plenum")


def test_the_plenum_is_labelled_with_its_own_dates(shipped: Content) -> None:
    campaign = shipped.campaigns["bukharin"]
    assert campaign.cards[PLENUM].date_label == LABEL
    engine = to_the_plenum(shipped)
    view = engine.view()
    era = turn_label(engine.state.date, campaign.era_at(engine.state.date).step)
    assert view.date_label == LABEL and era in ("February 1937", "March 1937")
    earlier = [e for e in view.chronicle if e.card != PLENUM]
    assert earlier and all(e.date_label != LABEL for e in earlier)  # the other turns keep the era's label
    d = view.decision
    assert d is not None
    engine.apply(Choose(next(c for c in d.choices if c.available).id, d.card))
    after = engine.view()
    assert after.date_label != LABEL  # the next decision is labelled by its era again
    assert [e.date_label for e in after.chronicle if e.card == PLENUM] == [LABEL]  # the chronicle keeps it
    # the text frontend's turn line reads it
    out = io.StringIO()
    ui = TextUI(Services([], lambda _c, _s: engine), io.StringIO(), out, color=False, width=90)
    ui.show_decision(view)
    assert f"{LABEL} · turn {view.turn}" in out.getvalue()


def test_a_display_date_is_prose_not_rules() -> None:
    card = {"id": "x.y", "kind": "event", "campaign": "x", "title": "T", "options": [{"id": "a", "text": "A"}]}
    assert rules_hash({**card, "date_label": "18 February 1937"}) == rules_hash(card)
    assert rules_hash({**card, "weight": 3}) != rules_hash(card)  # a rule still changes it


def test_every_shipped_requirement_reads_as_a_sentence(shipped: Content) -> None:
    """No option of the shipped campaigns names a flag by its id; an undescribed flag falls
    back to a sentence made from its id, and validate warns of it."""
    from game.core.ops import Env

    for campaign in shipped.campaigns.values():
        for card in campaign.cards.values():
            for option in card.options:
                text = option.requires_text
                assert "flag " not in text and "_" not in text, (card.id, option.id, text)
    env = Env({})
    assert env.flag("b_expelled_1937") == "“expelled 1937” has happened"
    assert env.flag("plot_formed", False) == "“plot formed” has not happened"
    assert not [d for d in shipped.diagnostics if "has no description" in d.message]


def test_validate_warns_of_an_undescribed_flag_an_option_needs(tmp_path, capsys) -> None:
    from game import cli

    root = tmp_path / "flagmod"
    (root / "cards").mkdir(parents=True)
    (root / "mod.yaml").write_text('id: flagmod\nname: "F"\nversion: "1.0"\n', encoding="utf-8")
    (root / "cards" / "c.yaml").write_text(
        """cards:
  - id: flagmod.c
    kind: event
    campaign: bukharin
    actor: bukharin
    title: "A card"
    when: {date: {from: "1936-03", to: "1936-09"}}
    text: "Text."
    options:
      - {id: a, text: "A", effects: [{set_flag: flagmod_secret}]}
      - {id: b, text: "B", requires: {flag: flagmod_secret}}
""",
        encoding="utf-8",
    )
    assert cli.main(["validate", str(root)]) == 0
    out = capsys.readouterr()
    said = out.out + out.err
    assert "c.yaml:11:" in said and "flag 'flagmod_secret' is needed by an option but has no description" in said
