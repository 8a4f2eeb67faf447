"""A YAML syntax error no longer hides the file's other errors (issue 11 item 4): the card or
section holding it is left out, the rest of the file is still read and checked, and every
position stays the one in the file."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import Content, Source, load_content
from game.content.yamlsafe import MAX_SYNTAX_ERRORS

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"

BROKEN = """\
cards:
  - id: mini.one
    kind: event
    campaign: mini
    title: "Unclosed
    options: [{id: a, text: A}]
  - id: mini.two
    kind: event
    campaign: mini
    titel: Two
    options: [{id: a, text: A}]
  - id: mini.three
    kind: event
    campaign: mini
    title: Three: broken
    options: [{id: a, text: A}]
  - id: mini.four
    kind: event
    campaign: mini
    title: Four
    options: [{id: a, text: A, effects: [{add: {nometer: 1}}]}]
  - id: mini.five
    kind: event
    campaign: mini
    title: Five
    options: [{id: a, text: A}]
"""


def load(tmp_path: Path, text: str) -> Content:
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "cards.yaml").write_text(text)
    return load_content([MINI], mods=[Source("mod", mod)], cache=None)


def errors(content: Content) -> list[str]:
    return [str(d).split("mod/", 1)[1] for d in content.errors if "mod/" in d.path]


def test_every_error_of_a_file_with_syntax_errors_is_reported(tmp_path: Path) -> None:
    found = errors(load(tmp_path, BROKEN))
    assert any(e.startswith("cards.yaml:15:17: error: YAML syntax: mapping values are not allowed") for e in found)
    assert any("YAML syntax" in e and "quoted scalar opened at line 5, column 12" in e for e in found)
    assert any(e.startswith("cards.yaml:10:5: error: unknown key 'titel'") for e in found)
    assert any(e.startswith("cards.yaml:21:49: error: unknown meter 'nometer'") for e in found)


def test_the_cards_without_errors_still_load(tmp_path: Path) -> None:
    cards = load(tmp_path, BROKEN).campaigns["mini"].cards
    assert "mini.five" in cards and cards["mini.five"].origin.line == 22
    assert not {"mini.one", "mini.three"} & set(cards)


def test_a_broken_section_leaves_the_other_sections_checked(tmp_path: Path) -> None:
    text = "characters:\n  - {id: ok_person, name: Ok}\npatches: [ {card: mini.letter\n" + BROKEN.replace(
        "  - id: mini.one",
        "  - id: mini.zero\n    kind: event\n    campaign: mini\n    title: Z\n    options: [{id: a, text: A}]\n  - id: mini.one",
        1,
    )
    content = load(tmp_path, text)
    found = errors(content)
    assert any("YAML syntax" in e and "flow mapping opened at line 3" in e for e in found)
    assert any("unknown key 'titel'" in e for e in found)
    assert "ok_person" in content.characters and "mini.zero" in content.campaigns["mini"].cards


def test_an_error_outside_any_piece_is_one_error_as_before(tmp_path: Path) -> None:
    found = errors(load(tmp_path, "{cards: [\n  {id: mini.x, kind: event\n"))
    assert len(found) == 1 and "YAML syntax" in found[0]


def test_many_broken_cards_stop_after_the_limit(tmp_path: Path) -> None:
    card = '  - id: mini.b{n}\n    kind: event\n    campaign: mini\n    title: "B: {n}\n    options: [{{id: a, text: A}}]\n'
    text = "cards:\n" + "".join(card.format(n=n) for n in range(MAX_SYNTAX_ERRORS + 5))
    found = errors(load(tmp_path, text))
    assert 1 <= len(found) <= MAX_SYNTAX_ERRORS + 1 and all("YAML syntax" in e for e in found)


def test_field_paths_count_the_cards_left_out_for_syntax_errors(tmp_path: Path) -> None:
    """mini.one (index 0) and mini.three (2) hold syntax errors and are left out; the errors of
    mini.two and mini.four still name them by their place in the file."""
    found = [d for d in load(tmp_path, BROKEN).errors if "mod/" in d.path and "YAML" not in d.message]
    (titel,) = [d for d in found if "'titel'" in d.message]
    (nometer,) = [d for d in found if "nometer" in d.message]
    assert (titel.field, titel.line) == ("cards[1].titel", 10)
    assert nometer.field.startswith("cards[3].options[0].effects[0]") and nometer.line == 21, nometer.field


def test_patch_paths_count_the_patches_left_out(tmp_path: Path) -> None:
    text = (
        'patches:\n  - card: mini.letter\n    set: {title: "Broken: yes}\n  - card: mini.letter\n    set: {titel: x}\n'
    )
    found = [d for d in load(tmp_path, text).errors if "mod/" in d.path and "YAML" not in d.message]
    assert found and all(d.field.startswith("patches[1]") for d in found), [(str(d), d.field) for d in found]


def test_a_list_whose_every_item_is_broken_reports_only_the_syntax_errors(tmp_path: Path) -> None:
    text = 'cards:\n  - id: mini.a\n    title: "Open\n  - id: mini.b\n    title: "Open\n'
    found = errors(load(tmp_path, text))
    assert found and all("YAML syntax" in e for e in found), found
