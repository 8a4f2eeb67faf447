"""The shared screen documents: what each says, checked over random play, and one wording in
every frontend."""

from __future__ import annotations

import io
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.view import View
from game.ui import screens


def random_views(campaign: Campaign, seed: int, limit: int = 200) -> list[tuple[View, Choose | None]]:
    """Each View of a random game with the command taken from it (None at the end)."""
    engine = Engine(campaign, seed)
    rnd = random.Random(seed)
    out: list[tuple[View, Choose | None]] = []
    while not engine.is_over and len(out) < limit:
        view = engine.view()
        command = Choose(rnd.choice(engine.choices()))
        out.append((view, command))
        engine.apply(command)
    out.append((engine.view(), None))
    return out


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**32), st.booleans())
def test_a_card_shows_every_option_once_with_its_key_need_and_odds(mini: Campaign, seed: int, historian: bool) -> None:
    for view, _ in random_views(mini, seed):
        d = view.decision
        if d is None:
            assert screens.card_doc(view, historian).blocks == ()
            continue
        doc = screens.card_doc(view, historian)
        groups = doc.options()
        assert sorted(groups) == list(range(len(d.choices)))
        for i, choice in enumerate(d.choices):
            head = groups[i][0]
            assert head.text == choice.text.strip()
            assert head.key == (str(i + 1) if i < 9 else "")
            assert head.role == ("option" if choice.available else "unavailable")
            needs = [b.text for b in groups[i] if b.role == "requirement"]
            assert needs == ([] if choice.available else [screens.requirement(choice)])
            odds = [b for b in groups[i] if b.role == "odds" and b.text != screens.AS_IN_HISTORY]
            assert len(odds) == (len(choice.chances) if historian else 0)
        assert all(b.tag is None for b in doc.head())
        assert d.title in doc.text() or d.kind == "hand"


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32))
def test_reports_say_what_was_chosen_and_what_happened_in_history(mini: Campaign, seed: int) -> None:
    for view, _ in random_views(mini, seed):
        doc = screens.reports_doc(view.reports, historian=True)
        text = doc.text()
        for r in view.reports:
            assert (r.title if r.kind == "world" else r.choice).strip() in text
            if r.history and r.kind != "action":
                assert r.history.strip() in text
            if r.kind != "world" and r.outcome and r.chance is not None:
                assert f"({screens.percent(r.chance)} chance)" in text
        kickers = [b.text for b in doc.blocks if b.role == "kicker"]
        assert kickers == [screens.NEWS if r.kind == "world" else screens.YOU_CHOSE for r in view.reports]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32))
def test_a_replay_step_marks_the_option_taken_and_shows_the_dice(mini: Campaign, seed: int) -> None:
    views = random_views(mini, seed)
    for position, (view, command) in enumerate(views):
        doc = screens.replay_step_doc(view, command, position, len(views) - 1, "a save")
        chosen = [b for b in doc.blocks if b.role == "chosen"]
        if view.decision is not None and command is not None:
            taken = next(c for c in view.decision.choices if c.id == command.option)
            assert [b.text for b in chosen] == [taken.text.strip()]
        else:
            assert chosen == []
        dice = [b for b in doc.blocks if b.role == "dice"]
        assert len(dice) == sum(1 for r in view.reports if r.roll is not None)
        assert f"Decision {position} of {len(views) - 1}" in doc.blocks[0].text


def test_the_ending_counts_decisions_in_words(mini: Campaign) -> None:
    view = random_views(mini, 3)[-1][0]
    assert view.ending is not None
    doc = screens.ending_doc(view)
    assert doc.blocks[0] == screens.Block("kicker", screens.THE_END)
    assert doc.blocks[1].text == view.ending.title
    assert screens.plural(1, "decision") == "1 decision" and screens.plural(2, "turn") == "2 turns"
    assert "decision" in doc.blocks[-1].text and "(seed 3)" in doc.blocks[-1].text


def test_help_lists_every_key_and_the_meters(mini: Campaign) -> None:
    keys = (("1-9", "choose"), ("q", "quit"))
    view = Engine(mini, 1).view()
    doc = screens.help_doc(keys, view)
    assert [(b.key, b.text) for b in doc.blocks if b.role == "key"] == list(keys)
    assert all(any(m.label in b.text for b in doc.blocks if b.role == "title") for m in view.meters)
    assert not [b for b in screens.help_doc(keys).blocks if b.role == "title"]


def test_a_block_with_an_unknown_role_is_refused() -> None:
    try:
        screens.Block("banner", "x")
    except ValueError as exc:
        assert "banner" in str(exc)
    else:
        raise AssertionError("an unknown role was accepted")


def test_one_wording_in_every_frontend(shipped: Content) -> None:
    """The same report reads "You chose" and "In history" in text, tcod and pygame: they draw
    the shared document, and none words the game itself."""
    from game.ui.pygame import documents as pg_documents
    from game.ui.pygame.theme import metrics
    from game.ui.services import Services
    from game.ui.tcod.play import report_doc
    from game.ui.text.app import TextUI

    engine = Engine(shipped.campaigns["bukharin"], 11)
    while not any(r.kind == "event" and r.history for r in engine.view().reports):
        engine.apply(Choose(engine.choices()[0]))
    view = engine.view()
    out = io.StringIO()
    ui = TextUI(Services(campaigns=[], new_game=lambda c, s: engine), io.StringIO(), out, color=False, width=100)
    ui.show_reports(view)
    text = out.getvalue()
    assert f"{screens.YOU_CHOSE}: " in text and f"{screens.IN_HISTORY}: " in text
    tcod_text = "\n".join(x.text for x in report_doc(view.reports, 80, False).lines)
    assert " ".join(screens.YOU_CHOSE.upper()) in tcod_text and screens.IN_HISTORY in tcod_text
    paras = pg_documents.paras(screens.reports_doc(view.reports).blocks, metrics((1280, 800)))
    assert screens.YOU_CHOSE.upper() in [p.text for p in paras] and screens.IN_HISTORY in [p.text for p in paras]
    for old in ("Chosen:", "You chose:  ", "NEWS ·"):
        assert old not in text + tcod_text + "\n".join(p.text for p in paras)
