"""What the player reads carries no research codes or designer notes (issue 10 item 6).

Every player-visible string of the shipped content (cards, options, outcomes, history notes,
endings and their fragments, campaign and start prose, meters, characters) and every screen
document of random play is scanned for the project's research codes ("FACTS C22", "seed 002")
and notes to designers ("this card fires only when...", "the forum"). Historian mode shows
sources as citations from the bibliography, so even there no code is left.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import pytest

from game.content.loader import Content
from game.core.commands import Choose
from game.core.engine import Engine
from game.core.model import Campaign
from game.ui import screens

CODES = re.compile(
    r"\bFACTS\b|\bseeds? \d{3}\b|\bC\d{2}\b|fires only|\bthis card\b|\bforum\b|\bposters? in\b|\bdesign estimate\b",
    re.IGNORECASE,
)
# in historian mode a chance's note may say it is the designers' estimate; no code, though
HISTORIAN_CODES = re.compile(r"\bFACTS\b|\bseeds? \d{3}\b|\bC\d{2}\b|fires only|\bthis card\b")


def leaks(text: str, pattern: re.Pattern[str] = CODES) -> list[str]:
    return [m.group(0) for m in pattern.finditer(text)]


def player_text(campaign: Campaign) -> Iterator[tuple[str, str]]:
    """(where, text) for everything of a campaign a player can read outside historian mode."""
    yield f"{campaign.id}: title", campaign.title
    yield f"{campaign.id}: intro", campaign.intro
    yield f"{campaign.id}: summary", campaign.summary
    for st in campaign.starts:
        for field in ("title", "summary", "intro"):
            yield f"{campaign.id}: start {st.id} {field}", getattr(st, field)
    for m in campaign.meters.values():
        yield f"{campaign.id}: meter {m.id}", f"{m.label} {m.description}"
    for e in campaign.endings.values():
        yield f"{campaign.id}: ending {e.id}", " ".join((e.title, e.text, e.history, *(f.text for f in e.fragments)))
    for card in campaign.cards.values():
        where = f"{card.id} ({card.origin})"
        yield where, " ".join((card.title, card.text, card.history))
        for o in card.options:
            yield f"{where} option {o.id}", " ".join((o.text, o.result, o.requires_text, *(x.text for x in o.outcomes)))


def test_the_scan_finds_codes_and_notes() -> None:
    assert leaks("Kotkin finds no evidence of any plot (seed 002).") == ["seed 002"]
    assert leaks("families were repressed (FACTS C22)") == ["FACTS", "C22"]
    assert leaks("This card fires only when scheduled by the coup.")
    assert leaks("The forum that inspired this campaign judged...")
    assert not leaks("The posters on the walls of Moscow call for the death of the mad dogs.")


@pytest.mark.parametrize("campaign", ["bukharin", "tukhachevsky"])
def test_no_shipped_text_shows_a_research_code(shipped: Content, campaign: str) -> None:
    found = [(where, leaks(text)) for where, text in player_text(shipped.campaigns[campaign]) if leaks(text)]
    assert not found, "\n".join(f"{w}: {codes}" for w, codes in found)


def test_no_character_text_shows_a_research_code(shipped: Content) -> None:
    found = [(c.id, leaks(f"{c.name} {c.role} {c.bio}")) for c in shipped.characters.values()]
    assert not [f for f in found if f[1]], found


def test_every_source_tag_the_content_cites_is_in_the_bibliography(shipped: Content) -> None:
    cited = set()
    for campaign in shipped.campaigns.values():
        for card in campaign.cards.values():
            cited.update(card.sources)
    assert cited and cited <= set(shipped.citations), sorted(cited - set(shipped.citations))


@pytest.mark.parametrize("campaign", ["bukharin", "tukhachevsky"])
@pytest.mark.parametrize("historian", [False, True])
def test_no_screen_of_random_play_shows_a_research_code(shipped: Content, campaign: str, historian: bool) -> None:
    pattern = HISTORIAN_CODES if historian else CODES
    for seed in range(3):
        engine = Engine(shipped.campaigns[campaign], seed)
        rnd = random.Random(seed)
        while True:
            view = engine.view()
            docs = [
                screens.card_doc(view, historian),
                screens.reports_doc(view.reports, historian),
                screens.chronicle_doc(view, history=True),
                screens.ending_doc(view),
            ]
            for doc in docs:
                found = leaks(doc.text(), pattern)
                assert not found, (campaign, seed, view.date, doc.title, found, doc.text())
            if engine.is_over:
                break
            engine.apply(Choose(rnd.choice(engine.choices())))
