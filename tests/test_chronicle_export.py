"""The chronicle export: HTML (self-contained, with an SVG chart) and Markdown, and the
``divergence chronicle SAVE`` command."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from game.cli import main
from game.content.loader import load_content
from game.core.commands import Choose
from game.core.engine import Engine
from game.ui.chronicle_export import chronicle_html, chronicle_markdown

FIXTURE = Path(__file__).parent / "ui" / "pygame" / "fixture"


class Page(HTMLParser):
    """Collects tags, classes and any links or scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.entries: list[str] = []
        self.polylines: list[str] = []
        self.forbidden: list[str] = []
        self.svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "li" and "entry" in (a.get("class") or ""):
            self.entries.append(a.get("class") or "")
        if tag == "polyline":
            self.polylines.append(a.get("data-meter") or "")
        if tag == "svg":
            self.svg += 1
        if tag in ("script", "link", "img", "iframe") or any(
            (v or "").startswith(("http:", "https:", "//")) for k, v in attrs if k in ("src", "href")
        ):
            self.forbidden.append(tag)


def finished_game(seed: int) -> Engine:
    campaign = load_content(paths=[FIXTURE]).campaigns["testcamp"]
    engine = Engine(campaign, seed)
    i = 0
    while not engine.is_over:
        d = engine.view().decision
        assert d is not None
        open_ = [c for c in d.choices if c.available]
        engine.apply(Choose(open_[i % len(open_)].id, d.card))
        i += 1
    return engine


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_html_parses_with_one_entry_per_decision_and_a_chart(seed: int) -> None:
    engine = finished_game(seed)
    view = engine.view()
    page = Page()
    page.feed(chronicle_html(view))
    page.close()
    assert sum("decision" in c for c in page.entries) == engine.state.decisions
    assert page.svg == 1
    assert sorted(page.polylines) == sorted(m.id for m in view.meters)
    assert not page.forbidden
    assert view.ending is not None and view.ending.title in chronicle_html(view)


def test_markdown_has_every_entry_and_the_ending() -> None:
    engine = finished_game(5)
    view = engine.view()
    md = chronicle_markdown(view)
    entries = [line for line in md.splitlines() if line.startswith("- **")]
    assert len(entries) == sum(1 for e in view.chronicle if e.kind != "ending")
    assert f"## The end: {view.ending.title}" in md  # type: ignore[union-attr]
    assert "| Suspicion |" in md


def test_html_escapes_content() -> None:
    engine = finished_game(1)
    view = engine.view()
    import attrs

    view = attrs.evolve(view, campaign_title="<script>alert(1)</script>")
    page = Page()
    page.feed(chronicle_html(view))
    assert not page.forbidden


def test_chronicle_command_from_a_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.persist.store import SaveStore

    monkeypatch.setenv("DIVERGENCE_CONTENT", str(FIXTURE))
    engine = finished_game(7)
    store = SaveStore(load_content(), tmp_path)
    path = store.save(engine, "ended")
    out = tmp_path / "chronicle.html"
    assert main(["chronicle", str(path), "--html", str(out)]) == 0
    page = Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert sum("decision" in c for c in page.entries) == engine.state.decisions
    assert main(["chronicle", str(path), "--md", "-"]) == 0
    assert "## The chronicle" in capsys.readouterr().out
    assert main(["chronicle", str(tmp_path / "missing.json")]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["chronicle", str(bad), "--md", "-"]) == 1
