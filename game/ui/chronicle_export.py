"""The chronicle of a game as a self-contained HTML page (inline SVG chart, no script, no
network) or as Markdown: pure functions of the View, shared by the CLI and the frontends."""

from __future__ import annotations

from collections.abc import Sequence

from game.core.view import View
from game.ui import present
from game.ui.textsafe import css_class, html_text, markdown_text

ENTRY_CLASSES = frozenset({"world", "event", "action", "note"})
escape = html_text  # every string of a page, from content or a save, goes through the one sanitizer
_md = markdown_text  # and every string of a Markdown chronicle

CSS = """
body{background:#efe6d2;color:#1a1714;font-family:Georgia,'DejaVu Serif',serif;margin:0}
header{background:#1a1714;color:#efe6d2;padding:1.5em 2em;border-bottom:.5em solid #b3261e}
header h1{font-family:'DejaVu Sans Condensed','Arial Narrow',sans-serif;letter-spacing:.12em;
text-transform:uppercase;margin:0;font-size:2.4em}
header p{margin:.3em 0 0;color:#d9cdb2}
main{max-width:70em;margin:0 auto;padding:1em 2em 3em}
h2{font-family:'DejaVu Sans Condensed','Arial Narrow',sans-serif;text-transform:uppercase;
letter-spacing:.08em;color:#b3261e;border-bottom:2px solid #1a1714;padding-bottom:.2em}
.chart svg{width:100%;height:auto;background:#f7f1e3;border:2px solid #1a1714}
ol.chronicle{list-style:none;padding:0}
ol.chronicle li{display:grid;grid-template-columns:11em 1fr 1fr;gap:1.2em;padding:.6em 0;
border-bottom:1px solid #cdbf9f}
.date{font-weight:bold;color:#b3261e;white-space:nowrap}
.kind{font-size:.75em;text-transform:uppercase;letter-spacing:.1em;color:#6d6253;display:block}
.history{font-style:italic;color:#4d4439}
li.world .game{color:#4d4439}
.ending{background:#1a1714;color:#efe6d2;padding:1em 1.5em;border-left:.5em solid #b3261e}
.ending h3{margin-top:0;text-transform:uppercase;letter-spacing:.08em}
.ending .history{color:#d9cdb2}
.legend span{display:inline-block;margin-right:1.2em}
.legend i{display:inline-block;width:1.2em;height:.35em;margin-right:.4em;vertical-align:middle}
"""


def meters_svg(view: View, width: int = 900, height: int = 300) -> str:
    """An SVG line chart of every meter over the game's dates."""
    left, right, top, bottom = 44, 16, 14, 30
    pw, ph = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="The meters over time">',
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#f7f1e3" stroke="#1a1714"/>',
    ]
    for frac in (0.25, 0.5, 0.75):
        y = top + ph * (1 - frac)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + pw}" y2="{y:.1f}" stroke="#cdbf9f" stroke-dasharray="4 4"/>'
        )
    for label, frac in (("max", 1.0), ("min", 0.0)):
        y = top + ph * (1 - frac)
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#6d6253">{label}</text>'
        )
    for x, label in present.year_ticks(view):
        px = left + pw * x
        parts.append(f'<line x1="{px:.1f}" y1="{top + ph}" x2="{px:.1f}" y2="{top + ph + 5}" stroke="#1a1714"/>')
        parts.append(
            f'<text x="{px:.1f}" y="{top + ph + 18}" font-size="11" text-anchor="middle" fill="#1a1714">{label}</text>'
        )
    for i, (meter_id, label, points) in enumerate(present.chart_series(view)):
        colour = present.SERIES_COLORS[i % len(present.SERIES_COLORS)]
        coords = " ".join(f"{left + pw * x:.1f},{top + ph * (1 - y):.1f}" for x, y in points)
        if len(points) == 1:
            x, y = points[0]
            parts.append(f'<circle cx="{left + pw * x:.1f}" cy="{top + ph * (1 - y):.1f}" r="3" fill="{colour}"/>')
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f'stroke-linejoin="round" data-meter="{escape(meter_id)}"><title>{escape(label)}</title></polyline>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend(view: View) -> str:
    items = []
    for i, m in enumerate(view.meters):
        colour = present.SERIES_COLORS[i % len(present.SERIES_COLORS)]
        items.append(f'<span><i style="background:{colour}"></i>{escape(m.label)}: {m.value}</span>')
    return '<p class="legend">' + "".join(items) + "</p>"


def chronicle_html(view: View, mattered: Sequence[str] = ()) -> str:
    """The whole chronicle as one HTML page: header, chart, dated entries beside history, ending."""
    title = escape(view.campaign_title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{title} — a chronicle of Divergence</title>",
        f"<style>{CSS}</style></head><body>",
        f"<header><h1>{title}</h1><p>A chronicle of Divergence · seed {view.seed} · "
        f"{len(view.chronicle)} entries · {escape(view.date_label)}</p></header><main>",
        '<section class="chart"><h2>The meters over time</h2>',
        meters_svg(view),
        _legend(view),
        "</section>",
        '<section><h2>This game, and what really happened</h2><ol class="chronicle">',
    ]
    for e in view.chronicle:
        if e.kind == "ending":
            continue
        kind = "decision" if present.is_decision(e.kind) else css_class(e.kind, ENTRY_CLASSES)
        label = present.KIND_LABELS.get(e.kind, e.kind.title())
        out.append(
            f'<li class="entry {kind}" data-turn="{e.turn}"><span class="date">{escape(e.date_label)}'
            f'<span class="kind">{escape(label)}</span></span>'
            f'<div class="game">{f"<strong>{escape(e.title)}</strong><br>" if e.title else ""}{escape(e.text)}</div>'
            f'<div class="history">{escape(e.history)}</div></li>'
        )
    out.append("</ol></section>")
    if view.ending is not None:
        end = view.ending
        kind = present.ENDING_KIND_LABELS.get(end.kind, end.kind)
        out.append(
            f'<section class="ending"><h3>{escape(end.title)}</h3><p><em>{escape(kind)} · '
            f"{escape(view.date_label)}</em></p><p>{escape(end.text)}</p>"
        )
        if end.history:
            out.append(f'<p class="history">What really happened: {escape(end.history)}</p>')
        out.append("</section>")
    if mattered:
        out.append('<section class="mattered"><h3>The decisions that mattered</h3><ol>')
        out += [f"<li>{escape(line)}</li>" for line in mattered]
        out.append("</ol></section>")
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def chronicle_markdown(view: View, mattered: Sequence[str] = ()) -> str:
    """The chronicle in Markdown: meters at start and end, dated entries, history quoted."""
    out = [
        f"# {_md(view.campaign_title)}",
        "",
        f"A chronicle of Divergence · seed {view.seed} · {_md(view.date_label)}",
        "",
    ]
    out += ["## The meters", "", "| Meter | Start | End |", "| --- | ---: | ---: |"]
    first = dict(view.meter_history[0].values) if view.meter_history else {}
    for m in view.meters:
        out.append(f"| {_md(m.label)} | {first.get(m.id, m.value)} | {m.value} |")
    out += ["", "## The chronicle", ""]
    for e in view.chronicle:
        if e.kind == "ending":
            continue
        label = present.KIND_LABELS.get(e.kind, e.kind.title())
        title = f" · **{_md(e.title)}**:" if e.title else ":"
        out.append(f"- **{_md(e.date_label)}** · {_md(label)}{title} {_md(e.text)}")
        if e.history:
            out.append(f"  > In history: {_md(e.history)}")
    if view.ending is not None:
        end = view.ending
        out += ["", f"## The end: {_md(end.title)}", "", _md(end.text), ""]
        if end.history:
            out += [f"> What really happened: {_md(end.history)}", ""]
    if mattered:
        out += ["", "## The decisions that mattered", ""]
        out += [f"{i}. {_md(line)}" for i, line in enumerate(mattered, 1)]
    return "\n".join(out).rstrip() + "\n"
