"""The one sanitizer and the strict number parser, and the text frontend fuzzed through its
real loop: random lines, any unicode, end of input at a random point."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.content.loader import Content, load_content
from game.ui.chronicle_export import chronicle_html, chronicle_markdown
from game.ui.text.app import TextUI
from game.ui.textsafe import markdown_text, parse_choice, parse_seed, printable
from tests.fuzz.budget import fuzz
from tests.ui.text.test_text_frontend import services_for

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@given(st.text())
def test_printable_leaves_no_control_character(text: str) -> None:
    assert not UNSAFE.search(printable(text))


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))))
def test_printable_keeps_ordinary_text_unchanged(text: str) -> None:
    if not any(ch in text for ch in "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"):
        assert printable(text) == text


@pytest.mark.parametrize("typed", ["²", "①", "⁹", "٣", "9" * 5000, "-1", "1.5", "0", "4", "", "1 2", "１"])
def test_a_choice_is_ascii_digits_in_range_only(typed: str) -> None:
    assert parse_choice(typed, 3) is None


@given(st.text(max_size=20), st.integers(min_value=1, max_value=50))
def test_parse_choice_never_raises_and_stays_in_range(text: str, count: int) -> None:
    n = parse_choice(text, count)
    assert n is None or (1 <= n <= count and text.strip() == str(n).zfill(len(text.strip())))


@pytest.mark.parametrize("typed", ["²", "①", "9" * 5000])
def test_the_text_frontend_answers_odd_digits_at_every_numeric_prompt(mini_content: Content, typed: str) -> None:
    for keys in (f"1\n1\n5\n{typed}\n", f"1\n{typed}\n1\n{typed}\n1\n"):
        out = io.StringIO()
        assert TextUI(services_for(mini_content), io.StringIO(keys), out, color=False).run() == 0
        assert "Goodbye." in out.getvalue()


def test_a_seed_is_ascii_digits_only() -> None:
    assert parse_seed(" 42 ") == 42 and parse_seed("²") is None and parse_seed("9" * 5000) is None


def test_markdown_lets_no_html_or_markup_through() -> None:
    out = markdown_text("<script>alert(2)</script> <img src=x onerror=alert(1)> *bold* [link](http://x)")
    assert "<" not in out and ">" not in out and "\\*bold\\*" in out and "\\[link\\]" in out


@pytest.fixture(scope="module")
def escape_content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    """The mini campaign with terminal escapes and HTML in its title and every card's text."""
    folder = tmp_path_factory.mktemp("escape") / "mini"
    shutil.copytree(MINI, folder)
    for path in folder.glob("*.yaml"):
        text = path.read_text()
        text = text.replace('title: "A Small Test"', 'title: "A Small Test \\e]0;pwned\\a\\e[2J<script>x</script>"')
        text = re.sub(r'(\n\s+text: ")', r"\1\\e[8m\\e]8;;http://evil\\a<b>", text)
        path.write_text(text)
    content = load_content([folder])
    assert "mini" in content.campaigns, [str(d) for d in content.errors]
    return content


def test_escapes_in_content_never_reach_the_terminal(escape_content: Content) -> None:
    out = io.StringIO()
    TextUI(services_for(escape_content), io.StringIO("1\n1\n\nc\nm\n" + "1\n" * 60), out, color=False).run()
    text = out.getvalue()
    assert "A Small Test" in text
    assert "\x1b" not in text and "\x07" not in text, repr(text[:400])


def test_escapes_and_tags_in_content_never_reach_a_chronicle(escape_content: Content) -> None:
    from game.core.commands import Choose
    from game.core.engine import Engine

    engine = Engine(escape_content.campaigns["mini"], 5)
    while not engine.is_over and len(engine.commands) < 20:
        engine.apply(Choose(engine.choices()[0]))
    page = chronicle_html(engine.view())
    md = chronicle_markdown(engine.view())
    for doc in (page, md):
        assert "\x1b" not in doc and "\x07" not in doc and "<script>" not in doc and "<b>" not in doc


_LINES = st.one_of(
    st.sampled_from(["1", "2", "3", "4", "c", "m", "h", "b", "q", "s", "l", "", "²", "①", "9" * 5000, "s x/../y"]),
    st.text(max_size=30),
)


@fuzz(40)  # DIVERGENCE_FUZZ_EXAMPLES=N for a long run (tests/fuzz/budget.py)
@given(
    start=st.sampled_from(["", "1\n1\n5\n", "1\n1\n5\n1\n1\n", "3\n", "2\n"]),
    lines=st.lists(_LINES, max_size=80),
    eof_early=st.booleans(),
)
def test_the_text_frontend_survives_any_input(
    mini_content: Content, start: str, lines: list[str], eof_early: bool
) -> None:
    """Random lines, any unicode, end of input anywhere (from the title, or inside a game with
    a fixed seed): an exit status, never a traceback."""
    text = start + "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    if not eof_early:
        text += "\n"
    out = io.StringIO()
    status = TextUI(services_for(mini_content), io.StringIO(text), out, color=False).run()
    assert status in (0, 1)


def test_game_saved_is_said_only_after_the_autosave_succeeded(mini_content: Content) -> None:
    import attrs

    from game.ui.services import UserError

    def full_disk(_engine: object) -> str:
        raise UserError("cannot write in saves: No space left on device")

    services = attrs.evolve(services_for(mini_content), autosave=full_disk)
    out = io.StringIO()
    TextUI(services, io.StringIO("1\n1\n5\nq\nq\n"), out, color=False).run()
    text = out.getvalue()
    assert "Autosave failed" in text and "Game saved" not in text and "could not be saved" in text
