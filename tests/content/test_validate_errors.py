"""One test per kind of validator error: each names the file, the line and what is wrong."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from game.content.diagnostics import Diagnostic
from game.content.loader import load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

CARD_HEAD = """\
cards:
  - id: mini.extra
    kind: event
    campaign: mini
    title: "Extra"
"""


def diagnostics_for(tmp_path: Path, text: str, name: str = "extra.yaml") -> list[Diagnostic]:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_content([root]).diagnostics


def find(diags: list[Diagnostic], line: int, fragment: str, severity: str = "error") -> Diagnostic:
    for d in diags:
        if d.line == line and fragment in d.message and d.severity == severity:
            return d
    raise AssertionError(f"no {severity} at line {line} with {fragment!r}; got:\n" + "\n".join(map(str, diags)))


def card(body: str) -> str:
    return CARD_HEAD + textwrap.indent(textwrap.dedent(body), "    ")


def test_yaml_syntax_error(tmp_path: Path) -> None:
    d = find(diagnostics_for(tmp_path, "cards:\n  - id: [oops\n"), 3, "YAML syntax")
    assert d.path.endswith("extra.yaml")
    assert str(d).startswith(d.path + ":3:")


def test_unknown_key_suggests_the_near_name(tmp_path: Path) -> None:
    diags = diagnostics_for(tmp_path, card('titel: "x"\noptions: [{id: a, text: "A"}]\n'))
    d = find(diags, 6, "unknown key 'titel' in card; did you mean 'title'?")
    assert d.field == "cards[0].titel" and d.column == 5


def test_missing_required_key(tmp_path: Path) -> None:
    text = 'cards:\n  - id: mini.x\n    kind: event\n    campaign: mini\n    options: [{id: a, text: "A"}]\n'
    find(diagnostics_for(tmp_path, text), 2, "card is missing the required key 'title'")


def test_wrong_type(tmp_path: Path) -> None:
    find(diagnostics_for(tmp_path, card("text: [1, 2]\noptions: [{id: a, text: A}]\n")), 6, "expected text, got a list")


def test_yaml_11_boolean_where_text_was_meant(tmp_path: Path) -> None:
    d = find(
        diagnostics_for(tmp_path, card("options:\n  - {id: a, text: NO}\n")),
        7,
        "YAML 1.1 read `NO` as the boolean false",
    )
    assert 'put it in quotes: "NO"' in d.message


def test_unquoted_date_where_a_month_was_meant(tmp_path: Path) -> None:
    body = "when: {date: {from: 1936-05-01}}\noptions: [{id: a, text: A}]\n"
    find(
        diagnostics_for(tmp_path, card(body)),
        6,
        'YAML read 1936-05-01 as a date; write the month in quotes as "YYYY-MM"',
    )


def test_base_60_number(tmp_path: Path) -> None:
    body = "weight: 1:30\noptions: [{id: a, text: A}]\n"
    find(diagnostics_for(tmp_path, card(body)), 6, "reads `1:30` as the base-60 number 90")


def test_bad_enum_value_with_suggestion(tmp_path: Path) -> None:
    text = "cards:\n  - id: mini.x\n    kind: evnt\n    campaign: mini\n    title: X\n    options: [{id: a, text: A}]\n"
    find(diagnostics_for(tmp_path, text), 3, "'evnt' is not one of event, action, world; did you mean 'event'?")


def test_unknown_condition_with_suggestion(tmp_path: Path) -> None:
    body = "when: {flagg: x}\noptions: [{id: a, text: A}]\n"
    find(diagnostics_for(tmp_path, card(body)), 6, "unknown condition 'flagg'; did you mean 'flag'?")


def test_two_operations_in_one_condition(tmp_path: Path) -> None:
    body = "when: {flag: omen_seen, fired: mini.omen}\noptions: [{id: a, text: A}]\n"
    find(diagnostics_for(tmp_path, card(body)), 6, "one condition per mapping, found flag, fired; wrap them in all")


def test_unknown_effect(tmp_path: Path) -> None:
    body = "options:\n  - {id: a, text: A, effects: [{ad: {heat: 1}}]}\n"
    find(diagnostics_for(tmp_path, card(body)), 7, "unknown effect 'ad'; did you mean 'add'?")


def test_unknown_meter(tmp_path: Path) -> None:
    body = "options:\n  - id: a\n    text: A\n    effects: [{add: {haet: 1}}]\n"
    find(diagnostics_for(tmp_path, card(body)), 9, "unknown meter 'haet' in campaign 'mini'; did you mean 'heat'?")


def test_unknown_card(tmp_path: Path) -> None:
    body = "when: {fired: mini.omne}\noptions: [{id: a, text: A}]\n"
    find(diagnostics_for(tmp_path, card(body)), 6, "unknown card 'mini.omne'; did you mean 'mini.omen'?")


def test_character_not_in_the_cast(tmp_path: Path) -> None:
    text = card("options:\n  - {id: a, text: A, effects: [{status: {character: ghost, to: dead}}]}\n")
    text += "characters:\n  - {id: ghost, name: Ghost}\n"
    find(diagnostics_for(tmp_path, text), 7, "character 'ghost' is not in the cast of campaign 'mini'")


def test_unknown_ending(tmp_path: Path) -> None:
    find(
        diagnostics_for(tmp_path, card("options:\n  - {id: a, text: A, effects: [{end: wonn}]}\n")),
        7,
        "unknown ending 'wonn'",
    )


def test_flag_read_but_never_set_is_a_warning(tmp_path: Path) -> None:
    body = "when: {flag: letter_dome}\noptions: [{id: a, text: A}]\n"
    d = find(diagnostics_for(tmp_path, card(body)), 6, "flag 'letter_dome' is read but never set", "warning")
    assert "did you mean 'letter_done'?" in d.message


def test_chance_base_outside_0_1(tmp_path: Path) -> None:
    body = "options:\n  - id: a\n    text: A\n    outcomes:\n      - chance: {base: 1.5, source: s}\n        text: t\n"
    find(diagnostics_for(tmp_path, card(body)), 10, "1.5 is above the maximum 1")


def test_chance_without_source_is_a_warning(tmp_path: Path) -> None:
    body = "options:\n  - id: a\n    text: A\n    outcomes:\n      - chance: {base: 0.5}\n        text: t\n"
    find(diagnostics_for(tmp_path, card(body)), 10, "this chance has no source", "warning")


def test_chance_modifier_out_of_range(tmp_path: Path) -> None:
    body = (
        "options:\n  - id: a\n    text: A\n    outcomes:\n      - chance:\n          base: 0.5\n          source: s\n"
        "          modifiers: [{if: {flag: omen_seen}, add: 2}]\n        text: t\n"
    )
    find(diagnostics_for(tmp_path, card(body)), 13, "adds 2; keep it within [-1, 1]")


def test_card_defined_twice(tmp_path: Path) -> None:
    text = "cards:\n  - id: mini.letter\n    kind: action\n    campaign: mini\n    title: X\n    options: [{id: a, text: A}]\n"
    d = find(diagnostics_for(tmp_path, text), 2, "card id 'mini.letter' is already defined at")
    assert "cards.yaml" in d.message


def test_option_id_used_twice(tmp_path: Path) -> None:
    find(
        diagnostics_for(tmp_path, card("options:\n  - {id: a, text: A}\n  - {id: a, text: B}\n")),
        8,
        "option id 'a' is used twice",
    )


def test_otherwise_must_be_last(tmp_path: Path) -> None:
    body = "options:\n  - id: a\n    text: A\n    outcomes:\n      - {otherwise: true, text: x}\n      - {chance: {base: 0.5, source: s}, text: y}\n"
    find(diagnostics_for(tmp_path, card(body)), 10, "the otherwise branch must be the last outcome")


def test_world_card_with_options(tmp_path: Path) -> None:
    text = (
        "cards:\n  - id: mini.w\n    kind: world\n    campaign: mini\n    title: W\n    options: [{id: a, text: A}]\n"
    )
    find(diagnostics_for(tmp_path, text), 6, "world cards fire by themselves and have no options")


def test_more_than_one_historical_option(tmp_path: Path) -> None:
    body = "options:\n  - {id: a, text: A, historical: true}\n  - {id: b, text: B, historical: true}\n"
    find(diagnostics_for(tmp_path, card(body)), 2, "more than one option is marked historical")


def test_reversed_date_window(tmp_path: Path) -> None:
    body = 'when: {date: {from: "1937-01", to: "1936-01"}}\noptions: [{id: a, text: A}]\n'
    find(diagnostics_for(tmp_path, card(body)), 6, "date window ends (1936-01) before it starts (1937-01)")


def test_chose_names_an_option_the_card_lacks(tmp_path: Path) -> None:
    body = "when: {chose: {card: mini.letter, option: anwser}}\noptions: [{id: a, text: A}]\n"
    find(diagnostics_for(tmp_path, card(body)), 6, "card 'mini.letter' has no option 'anwser'; did you mean 'answer'?")


def test_schedule_of_another_campaigns_card(tmp_path: Path) -> None:
    text = card("options:\n  - {id: a, text: A, effects: [{schedule: {card: other.x, months: 1}}]}\n")
    text += "  - {id: other.x, kind: event, campaign: mini, title: O, options: [{id: a, text: A}]}\n"
    diags = diagnostics_for(tmp_path, text)
    assert not [d for d in diags if d.is_error], diags  # same campaign: fine, whatever the namespace


def test_duplicate_yaml_key_in_a_card(tmp_path: Path) -> None:
    find(diagnostics_for(tmp_path, card("title: again\noptions: [{id: a, text: A}]\n")), 6, "duplicate key 'title'")


def test_python_tag_in_a_card(tmp_path: Path) -> None:
    find(diagnostics_for(tmp_path, card("text: !!python/object/apply:os.system [ls]\n")), 6, "not allowed in content")


@pytest.mark.parametrize(
    ("campaign_change", "line_fragment"),
    [
        (
            ("events_per_turn: {0: 0.2, 1: 0.5, 2: 0.3}", "events_per_turn: {0: 0.2, 1: 0.5, 2: 0.4}"),
            "probabilities sum to 1.1, not 1",
        ),
        (
            ('- {from: "1937-01", to: "1940-12", step: year}', '- {from: "1937-03", to: "1940-12", step: year}'),
            "eras must follow one another",
        ),
        (
            (
                'heat: {label: "Heat", min: 0, max: 100, start: 20,',
                'heat: {label: "Heat", min: 0, max: 100, start: 200,',
            ),
            "meter start 200 is outside [0, 100]",
        ),
        (
            ("default_ending: outlived", "default_ending: outlivd"),
            "unknown ending 'outlivd' in campaign 'mini'; did you mean 'outlived'?",
        ),
        (("policy: historical", "policy: histrical"), "'histrical' is not one of random, historical"),
    ],
)
def test_campaign_errors(tmp_path: Path, campaign_change: tuple[str, str], line_fragment: str) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    path = root / "campaign.yaml"
    old, new = campaign_change
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    line = text.split(old)[0].count("\n") + 1
    diags = load_content([root]).diagnostics
    matches = [d for d in diags if line_fragment in d.message and d.path.endswith("campaign.yaml")]
    assert matches, "\n".join(map(str, diags))
    assert abs(matches[0].line - line) <= 1
    assert "mini" not in load_content([root]).campaigns  # a broken campaign is not offered for play


def test_card_dated_outside_the_campaign_is_a_warning(tmp_path: Path) -> None:
    body = 'when: {date: {from: "1999-01"}}\noptions: [{id: a, text: A}]\n'
    d = find(diagnostics_for(tmp_path, card(body)), 2, "is dated outside the campaign (from 1999-01)", "warning")
    assert "weight: 0" in d.message
