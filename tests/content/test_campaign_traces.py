"""Every choice in a shipped campaign leaves a trace (issue 12 point 3, issue 13 point 5).

Static checks on the YAML as shipped, cheap enough to run on every commit:
- no flag is set that nothing reads (a card's condition, weight, chance or requirement, an
  ending's condition or fragment, a start or a goal, or a constraint);
- each meter is read in at least three places;
- no two options of one card have the same consequences;
- every card's prose runs 60-220 words, and the player is addressed as "you".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.content.loader import default_content_dir

CAMPAIGNS = ("bukharin", "tukhachevsky")


def _files(cid: str) -> list[Path]:
    root = default_content_dir() / "campaigns" / cid
    return sorted(root.rglob("*.yaml"))


def _load(cid: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    campaign: dict[str, Any] = {}
    cards: list[dict[str, Any]] = []
    for path in _files(cid):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        campaign.update(doc.get("campaign") or {})
        cards.extend(doc.get("cards") or [])
    return campaign, cards


def _walk(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """(key, value) of every mapping entry below ``node``."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from _walk(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item, key)


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _effect_parts(card: dict[str, Any]) -> list[Any]:
    parts: list[Any] = [card.get("effects"), card.get("outcomes")]
    for option in card.get("options") or []:
        parts += [option.get("effects"), option.get("outcomes")]
    return parts


def _reading_parts(campaign: dict[str, Any], cards: list[dict[str, Any]]) -> list[Any]:
    """Everything that can read state: conditions, weights, chances, endings, goals, starts."""
    parts: list[Any] = [campaign.get("endings"), campaign.get("goal"), campaign.get("constraints")]
    for start in campaign.get("starts") or []:
        parts += [start.get("constraints"), start.get("goal")]
    for card in cards:
        parts += [card.get("when"), card.get("weight")]
        for option in card.get("options") or []:
            parts.append(option.get("requires"))
        for effects in _effect_parts(card):
            for outcome in effects or []:
                if isinstance(outcome, dict) and "chance" in outcome:
                    parts.append(outcome["chance"])
    return parts


def _flags_set(cards: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for card in cards:
        for k, v in _walk(_effect_parts(card)):
            if k == "set_flag":
                found.update(_as_list(v))
    return found


def _flags_read(parts: list[Any]) -> set[str]:
    return {v for k, v in _walk(parts) if k == "flag" and isinstance(v, str)}


def _meter_reads(parts: list[Any], meters: set[str]) -> Counter[str]:
    reads: Counter[str] = Counter()
    for k, v in _walk(parts):
        if k == "meter" and isinstance(v, str):
            reads[v] += 1
        elif k == "meters" and isinstance(v, dict):
            reads.update(m for m in v if m in meters)
    return reads


@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_no_flag_is_set_and_never_read(cid: str) -> None:
    campaign, cards = _load(cid)
    unread = sorted(_flags_set(cards) - _flags_read(_reading_parts(campaign, cards)))
    assert not unread, f"flags set but never read in {cid}: {unread}"


@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_every_meter_is_read_in_three_places(cid: str) -> None:
    campaign, cards = _load(cid)
    meters = set(campaign["meters"])
    reads = _meter_reads(_reading_parts(campaign, cards), meters)
    thin = {m: reads[m] for m in sorted(meters) if reads[m] < 3}
    assert not thin, f"meters read in fewer than three places in {cid}: {thin}"


@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_no_two_options_of_a_card_have_the_same_result(cid: str) -> None:
    _, cards = _load(cid)
    same = []
    for card in cards:
        seen: dict[str, str] = {}
        for option in card.get("options") or []:
            key = repr((option.get("effects"), _strip_text(option.get("outcomes"))))
            if key in seen:
                same.append(f"{card['id']}: {seen[key]} and {option['id']}")
            seen[key] = option["id"]
    assert not same, "options with identical consequences: " + "; ".join(same)


def _strip_text(outcomes: Any) -> Any:
    if not outcomes:
        return outcomes
    return [{k: v for k, v in o.items() if k != "text"} for o in outcomes]


# A campaign's narrating person, where it has a rule: the Tukhachevsky campaign addresses the
# player as "you" throughout; the Bukharin campaign narrates its cards in the third person and
# addresses only the results to "you" (a deliberate convention), so it has no pattern here.
THIRD_PERSON = {"tukhachevsky": r"\bTukhachevsky (is|was|has|will)\b|\bthe marshal (is|was|has)\b"}


@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_card_prose_is_60_to_220_words_in_the_campaigns_person(cid: str) -> None:
    _, cards = _load(cid)
    bad = []
    pattern = THIRD_PERSON.get(cid)
    for card in cards:
        words = len(card["text"].split())
        if not 60 <= words <= 220:
            bad.append(f"{card['id']}: {words} words")
        if pattern and re.search(pattern, card["text"]):
            bad.append(f"{card['id']}: third person")
    assert not bad, "; ".join(bad)
