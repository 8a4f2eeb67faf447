"""One wording of the game everywhere: the pygame timeline rows, the side panel's "Lately" list
and the ending's decisions that mattered are built from the shared screen documents
(``game.ui.screens``), and those documents group a chronicle's entries for them."""

from __future__ import annotations

import random
from collections.abc import Callable

import attrs
import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.core.view import View
from game.ui import screens
from game.ui.outlook import MatteredWork
from game.ui.pygame.screenshot import build
from game.ui.pygame.table import TableScreen
from game.ui.pygame.timeline import EndingScreen, TimelineScreen


def played(campaign: Campaign, seed: int, decisions: int) -> Engine:
    """A game some decisions in (random open options; the seed decides)."""
    engine = Engine(campaign, seed)
    rng = random.Random(seed)
    for _ in range(decisions):
        d = engine.view().decision
        if d is None:
            break
        engine.apply(Choose(rng.choice([c for c in d.choices if c.available]).id, d.card))
    return engine


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(1, 10**6), decisions=st.integers(0, 30), last=st.none() | st.integers(0, 8))
def test_chronicle_entries_are_grouped_by_their_index(
    testcamp: Campaign, seed: int, decisions: int, last: int | None
) -> None:
    view = played(testcamp, seed, decisions).view()
    for endings in (True, False):
        doc = screens.chronicle_doc(view, history=True, last=last, endings=endings, kinds=True)
        groups = screens.entries(doc)
        kept = [i for i, e in enumerate(view.chronicle) if endings or e.kind != "ending"]
        if last is not None:
            kept = kept[-last:] if last else []
        wanted = [i for i in kept if view.chronicle[i].title or view.chronicle[i].text]
        assert [i for i, _ in groups] == wanted
        for i, blocks in groups:
            e = view.chronicle[i]
            assert blocks[0].role == "entry" and blocks[0].key == e.date_label
            assert [b.text for b in blocks if b.role == "meta"] == [screens.kind_label(e.kind)]
        assert all(b.tag is not None for b in doc.blocks if b.role not in ("break", "hint"))
    # the plain document (text and tcod) is what it was: no kinds unless asked
    assert not [b for b in screens.chronicle_doc(view).blocks if b.role == "meta"]


def _marked(real: Callable[..., screens.Document]) -> Callable[..., screens.Document]:
    """The shared chronicle document with every entry's words marked, to see who words the rows."""

    def marked(*args: object, **kwargs: object) -> screens.Document:
        doc = real(*args, **kwargs)
        blocks = tuple(
            attrs.evolve(b, text=f"{b.text} ‡") if b.role in ("entry", "prose", "note", "meta") else b
            for b in doc.blocks
        )
        return attrs.evolve(doc, blocks=blocks)

    return marked


def test_timeline_rows_and_lately_come_from_the_shared_document(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(6):
        d = engine.view().decision
        assert d is not None
        engine.apply(Choose(next(c for c in d.choices if c.available).id, d.card))
    monkeypatch.setattr(screens, "chronicle_doc", _marked(screens.chronicle_doc))
    app = build(engine, "timeline", (1280, 720), historian=True)
    app.draw(pygame.Surface(app.size))
    timeline = app.top
    assert isinstance(timeline, TimelineScreen)
    rows = timeline._rows
    assert rows and len(rows) == len([e for e in engine.view().chronicle if e.kind != "ending"])
    for _y, _h, dates, game, history, _n in rows:
        assert dates[1].endswith("‡") and game[-1].endswith("‡")
        assert not history or history[-1].endswith("‡")
    app = build(engine, "table", (1280, 720))
    table = app.top
    assert isinstance(table, TableScreen)
    notes = table._notes(table.metrics(app.size))
    lately = notes[[p.text for p in notes].index("LATELY") + 1 :]
    assert lately and all(p.text.endswith("‡") for p in lately)
    newest = engine.view().chronicle[-1]
    assert lately[0].text.startswith(f"{newest.date_label} — ")


def test_the_ending_shows_the_decisions_that_mattered(testcamp: Campaign) -> None:
    engine = played(testcamp, 5, 400)
    assert engine.is_over
    said = [
        "Decision 2 (1936-02, A test): you chose “Go”, and the end followed 90% of the time.",
        "And one more thing.",
    ]

    def mattered(_engine: Engine) -> MatteredWork:
        return lambda report, _cancelled: report(said)

    app = build(engine, "ending", (1280, 720), mattered=mattered)
    ending = app.top
    assert isinstance(ending, EndingScreen)
    app.draw(pygame.Surface(app.size))
    texts = [p.text for p in ending.text.paras]
    head = texts.index(screens.MATTERED.upper())
    assert texts[head + 1 : head + 3] == said
    styles = {p.text: p.role for p in ending.text.paras}
    assert styles[said[0]] == "prose" and styles[said[1]] == "italic"  # a sentence; a note about them
    # without the service (no simulator in this session) there is no such section
    app = build(engine, "ending", (1280, 720))
    app.draw(pygame.Surface(app.size))
    assert screens.MATTERED.upper() not in [p.text for p in app.top.text.paras]  # type: ignore[attr-defined]


def test_the_mattered_blocks_are_one_document(testcamp: Campaign) -> None:
    view: View = played(testcamp, 5, 400).view()
    plain = screens.ending_doc(view)
    more = screens.ending_doc(view, ["Decision 1 (…): you chose X.", "Weighing your decisions…"])
    assert more.blocks[: len(plain.blocks)] == plain.blocks
    tail = more.blocks[len(plain.blocks) :]
    assert [b.role for b in tail] == ["break", "kicker", "prose", "hint"]
    assert tail[1].text == screens.MATTERED
    assert screens.ending_doc(view, []) == plain
