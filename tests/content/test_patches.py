"""Mods change shipped content only explicitly (issue 11 item 2; modding review D3, D8)."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import Content, Source, load_content

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def with_mods(tmp_path: Path, **files: str) -> Content:
    """Load the mini campaign with one mod per keyword: name -> the YAML of its one file."""
    sources = []
    tmp_path.mkdir(exist_ok=True)
    for name, text in files.items():
        root = tmp_path / name
        root.mkdir()
        (root / "content.yaml").write_text(text)
        sources.append(Source(name, root))
    return load_content([MINI], mods=sources)


def errors(content: Content) -> list[str]:
    return [str(d) for d in content.errors]


LETTER_COPY = """cards:
  - id: mini.letter
    kind: event
    campaign: mini
    title: "A copied letter"
    options: [{id: read, text: "Read it"}]
"""


def test_reusing_a_shipped_id_is_an_error_naming_both_files_and_keeps_the_shipped_card(tmp_path: Path) -> None:
    content = with_mods(tmp_path, dup=LETTER_COPY)
    (message,) = [e for e in errors(content) if "already defined" in e]
    assert "dup/content.yaml:2:5" in message and "mini/cards.yaml:" in message and "replace: true" in message
    assert content.campaigns["mini"].cards["mini.letter"].title != "A copied letter"  # the shipped one stays


def test_a_campaign_redeclared_by_a_mod_leaves_the_shipped_campaign_loaded(tmp_path: Path) -> None:
    content = with_mods(tmp_path, camp="campaign: {id: mini, endings: [{id: x, title: X, kind: death, text: T}]}\n")
    assert "mini" in content.campaigns
    assert any("campaign id 'mini' is already defined" in e for e in errors(content))


def test_replace_true_replaces_a_card_whole_and_says_who(tmp_path: Path) -> None:
    copy = LETTER_COPY.replace("    kind: event\n", "    kind: event\n    replace: true\n")
    content = with_mods(tmp_path, rep=copy)
    # another shipped card needs the option `burn` the copy left out: that card is refused, said so
    assert [e for e in errors(content) if "has no option 'burn'" in e]
    content = with_mods(tmp_path / "2", rep=copy.replace('"Read it"}', '"Read it"}, {id: burn, text: "Burn it"}'))
    assert errors(content) == []
    card = content.campaigns["mini"].cards["mini.letter"]
    assert card.title == "A copied letter" and [o.id for o in card.options] == ["read", "burn"]
    assert any("replace * by rep" in c for c in card.changes)


def test_field_patches_set_append_remove_replace(tmp_path: Path) -> None:
    shipped = load_content([MINI]).campaigns["mini"].cards["mini.letter"]
    first, *rest = [o.id for o in shipped.options]
    content = with_mods(
        tmp_path,
        p=f"""patches:
  - card: mini.letter
    set: {{title: "A patched letter", "options[{first}].text": "Patched text"}}
    append:
      options: {{id: extra, text: "A new option", effects: [{{add: {{heat: 1}}}}]}}
      when: {{meter: heat, lt: 90}}
    replace: {{"options[{rest[-1]}]": {{id: swapped, text: "Swapped"}}}}
    remove: ["options[{first}].historical"]
""",
    )
    assert errors(content) == []
    card = content.campaigns["mini"].cards["mini.letter"]
    assert card.title == "A patched letter"
    assert [o.id for o in card.options] == [first, *rest[:-1], "swapped", "extra"]
    assert card.option(first).text == "Patched text"  # type: ignore[union-attr]
    assert not card.option(first).historical  # type: ignore[union-attr]
    assert shipped.option(first).historical  # type: ignore[union-attr]
    assert {c.split(" by ")[0] for c in card.changes} >= {"set title", f"set options[{first}].text", "append options"}
    assert all("p/content.yaml:2:5" in c for c in card.changes)


def test_a_patch_adds_endings_meters_and_cast_to_a_shipped_campaign(tmp_path: Path) -> None:
    content = with_mods(
        tmp_path,
        ext="""characters:
  - {id: newcomer, name: "A Newcomer"}
patches:
  - campaign: mini
    append:
      endings: {id: fled, title: "Fled", kind: survival, text: "Gone abroad."}
      meters: {nerve: {label: "Nerve", min: 0, max: 10, start: 5}}
      cast: {newcomer: {}}
cards:
  - id: mini.flight
    kind: action
    campaign: mini
    title: "Flight"
    actor: newcomer
    when: {character: newcomer, status: free}
    options: [{id: go, text: "Go", effects: [{add: {nerve: -1}}, {end: fled}]}]
""",
    )
    assert errors(content) == []
    camp = content.campaigns["mini"]
    assert "fled" in camp.endings and "nerve" in camp.meters and "newcomer" in camp.cast
    assert "mini.flight" in camp.cards


def test_a_bad_patch_is_reported_in_the_mods_file_and_the_shipped_card_is_untouched(tmp_path: Path) -> None:
    content = with_mods(
        tmp_path,
        bad="""patches:
  - card: mini.letter
    set: {title: "Changed", "options[nope].text": "x"}
  - card: mini.lettr
    set: {title: "x"}
  - card: mini.letter
    set: {"options[0].outcomes[0].chance.base": 7}
  - card: mini.letter
    append: {options: {id: x, text: T, effects: [{add: {unknown_meter: 1}}]}}
""",
    )
    found = errors(content)
    assert any("bad/content.yaml:2:5" in e and "no item 'nope'" in e for e in found), found
    assert any("unknown card 'mini.lettr'; did you mean 'mini.letter'?" in e for e in found), found
    assert any("bad/content.yaml:7:" in e and "above the maximum 1" in e for e in found), found
    assert any("unknown meter 'unknown_meter'" in e for e in found), found
    card = content.campaigns["mini"].cards["mini.letter"]
    assert card.title != "Changed" and card.changes == ()


def test_two_mods_changing_one_field_is_a_conflict_resolved_by_order(tmp_path: Path) -> None:
    patch = 'patches:\n  - card: mini.letter\n    set: {{title: "{}"}}\n'
    content = with_mods(tmp_path, first=patch.format("First"), second=patch.format("Second"))
    (conflict,) = [str(d) for d in content.warnings if "conflict" in d.message]
    assert "second/content.yaml:2:5" in conflict and "first/content.yaml:2:5" in conflict
    assert content.campaigns["mini"].cards["mini.letter"].title == "Second"
