"""The validator refuses constraints that cannot be measured (issue 4, item 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.loader import load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def load_with(tmp_path: Path, constraint: str):  # type: ignore[no-untyped-def]
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    text = (root / "campaign.yaml").read_text()
    head, _sep, rest = text.partition("  constraints:\n")
    _old, chars, tail = rest.partition("characters:")
    (root / "campaign.yaml").write_text(head + "  constraints:\n" + constraint + chars + tail)
    return load_content([root])


def errors(content) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(d) for d in content.errors)


@pytest.mark.parametrize(
    ("measure", "fragment"),
    [
        ("{ending_in: [hanged]}", "unknown ending 'hanged'"),
        ("{flag: nobody_sets_this}", "constraint reads flag 'nobody_sets_this', which no card of campaign 'mini' sets"),
        ('{flag: leter_done, by: "1937-01"}', "did you mean 'letter_done'?"),
        ("{meter: fame, between: [0, 1]}", "unknown meter 'fame'"),
    ],
)
def test_unmeasurable_measures_are_errors(tmp_path: Path, measure: str, fragment: str) -> None:
    content = load_with(
        tmp_path,
        f"    - {{id: c, claim: x, source: s, policy: random, measure: {measure}, expect: {{at_least: 0.1}}}}\n",
    )
    assert fragment in errors(content)
    assert "mini" in content.broken_campaigns


def test_unknown_policy_is_an_error(tmp_path: Path) -> None:
    content = load_with(
        tmp_path,
        "    - {id: c, claim: x, source: s, policy: reckless, measure: {ending_in: [won]}, expect: {at_least: 0.1}}\n",
    )
    assert "reckless" in errors(content) and "mini" in content.broken_campaigns


def test_a_given_on_a_flag_nobody_sets_is_an_error_but_not_under_not(tmp_path: Path) -> None:
    content = load_with(
        tmp_path,
        "    - {id: c, claim: x, source: s, policy: random, given: {flag: ghost}, measure: {ending_in: [won]}, expect: {at_least: 0.1}}\n",
    )
    assert "constraint reads flag 'ghost'" in errors(content)
    content = load_with(
        tmp_path / "b",
        "    - {id: c, claim: x, source: s, policy: random, given: {not: {flag: ghost}}, measure: {ending_in: [won]}, expect: {at_least: 0.1}}\n",
    )
    assert not content.errors and any("ghost" in d.message for d in content.warnings)


def test_a_flag_that_a_card_sets_is_measurable(tmp_path: Path) -> None:
    content = load_with(
        tmp_path,
        "    - {id: c, claim: x, source: s, policy: random, measure: {flag: letter_done}, expect: {at_least: 0.1}}\n",
    )
    assert not content.errors, errors(content)


@pytest.mark.parametrize("expect", ["{between: [0.5, 0.2]}", "{at_least: 1.5}", "{at_most: -0.5}"])
def test_impossible_expectations_are_errors(tmp_path: Path, expect: str) -> None:
    content = load_with(
        tmp_path,
        f"    - {{id: c, claim: x, source: s, policy: random, measure: {{ending_in: [won]}}, expect: {expect}}}\n",
    )
    assert content.errors and "mini" in content.broken_campaigns


@pytest.mark.parametrize("between", ["[60, 10]", "[1, 2, 3]"])
def test_an_empty_meter_range_is_an_error(tmp_path: Path, between: str) -> None:
    content = load_with(
        tmp_path,
        f"    - {{id: c, claim: x, source: s, policy: random, measure: {{meter: heat, between: {between}}}, expect: {{at_least: 0.1}}}}\n",
    )
    assert "measure.between needs [low, high] with low <= high" in errors(content)
