"""Presentation helpers shared by the frontends: wording and small formatting rules."""

from __future__ import annotations

import textwrap

from game.core.view import ChoiceView, MeterView, ReportView, View

HELP_LINES = (
    ("1-9", "choose an option"),
    ("c", "the chronicle so far"),
    ("m", "the meters in full"),
    ("s [name]", "save the game (a name is made up if you give none)"),
    ("l", "load a saved game"),
    ("o", "show or hide the odds (historian mode)"),
    ("f", "the forecast: each ending's chance from here if you play on carefully (not in ironman)"),
    ("u", "undo: take back the last decision (not in an ironman game)"),
    ("h or ?", "this help"),
    ("q", "save and quit to the title screen"),
    ("r or F5", "reload the content from disk (for modders)"),
    ("`COMMAND", "the debug console for modders (`help lists its commands)"),
)

HOW_TO_PLAY = (
    "Each turn the world moves first: Stalin, the NKVD and others act, and you read the "
    "news. Then events come to you, and you answer each by choosing an option. Last, you "
    "make your move from a hand of actions; lying low is always possible. Your meters "
    "show where you stand. After each choice you learn what came of it, and what really "
    "happened in history."
)

METER_SIGNS = (
    "Each change of a meter shows its size, an arrow for the way it moved, and a sign for what it "
    "means for you: ✓ for the better, ✗ for the worse (in words in the text frontend); the colour "
    "only repeats the sign."
)

PALETTES = ("standard", "colour-blind")
"""The colour schemes the graphical frontends offer: ``colour-blind`` tells good from bad by
blue and orange (Okabe and Ito's safe pair) instead of green and red; the signs stay."""

TONE_MARKS = {1: "✓", -1: "✗", 0: ""}
TONE_WORDS = {1: "better", -1: "worse", 0: ""}

KIND_LABELS = {"event": "Event", "action": "Your move", "hand": "Your move", "world": "News"}
ENDING_KIND_LABELS = {"death": "Death", "defeat": "Defeat", "survival": "Survival", "victory": "Victory"}


def wrap(text: str, width: int) -> list[str]:
    """Wrap prose into lines, keeping paragraph breaks (blank lines) of the source."""
    lines: list[str] = []
    for para in text.strip().split("\n\n"):
        joined = " ".join(para.split())
        if not joined:
            continue
        if lines:
            lines.append("")
        lines.extend(textwrap.wrap(joined, width=max(10, width)) or [""])
    return lines


def delta_text(meter: MeterView) -> str:
    """``+5`` / ``-3`` / '' for a meter's last change."""
    return f"{meter.delta:+d}" if meter.delta else ""


def tone_mark(meter: MeterView) -> str:
    """✓ when the last change was good for the player, ✗ when bad, '' otherwise: good and bad
    are never told by colour alone."""
    return TONE_MARKS[meter.tone] if meter.delta else ""


def tone_word(meter: MeterView) -> str:
    """``better`` / ``worse`` / '' for the last change (for terminals and screen readers)."""
    return TONE_WORDS[meter.tone] if meter.delta else ""


def change_text(meter: MeterView) -> str:
    """A change in words: ``+5, worse`` (``+5`` for a meter neither good nor bad)."""
    if not meter.delta:
        return ""
    word = tone_word(meter)
    return f"{delta_text(meter)}, {word}" if word else delta_text(meter)


def meter_fraction(meter: MeterView) -> float:
    """The meter's position between its bounds, in [0, 1] (clamped: a value outside its bounds,
    which no rule makes, still draws a bar of the width asked, never one without bound)."""
    span = meter.max - meter.min
    return 0.0 if span <= 0 else min(1.0, max(0.0, (meter.value - meter.min) / span))


def bar(meter: MeterView, width: int, full: str = "█", empty: str = "░") -> str:
    """A text bar of the meter."""
    filled = round(meter_fraction(meter) * width)
    return full * filled + empty * (width - filled)


def odds_text(choice: ChoiceView) -> str:
    """The option's chances for historian mode: ``25% · 75%``."""
    return " · ".join(f"{round(c.probability * 100)}%" for c in choice.chances)


def status_line(view: View) -> str:
    """One line with the date and every meter."""
    parts = [f"{view.date_label}"]
    for m in view.meters:
        d = f" ({change_text(m)})" if m.delta else ""
        parts.append(f"{m.label}: {m.value}{d}")
    return " | ".join(parts)


def choice_label(choice: ChoiceView, show_odds: bool) -> str:
    """An option's text with its odds (historian mode) and why it is unavailable."""
    text = choice.text
    if show_odds and choice.chances:
        text += f"  [{odds_text(choice)}]"
    if not choice.available:
        text += f"  ({choice.reason})"
    return text


# --- shared by the graphical frontends and the chronicle export -----------------------------

SERIES_COLORS = ("#b3261e", "#1a1714", "#c8902e", "#4b6e8a", "#6b7f3a", "#7a4b8c", "#8a6a55", "#2f7d74")
"""Line colours of the meter chart, in meter order (a 1930s poster palette first)."""


def month_index(date: str) -> int:
    """``"1937-02"`` as a month count, for placing dates on a time axis."""
    year, month = date.split("-")
    return int(year) * 12 + int(month) - 1


def chart_series(view: View) -> list[tuple[str, str, list[tuple[float, float]]]]:
    """The meters over time as (meter id, label, points) with x and y in [0, 1].

    x is the date between the first and last snapshot (time, not turns, so eras with longer
    steps take their true width); y is the value between the meter's bounds.
    """
    history = view.meter_history
    if not history:
        return []
    months = [month_index(p.date) for p in history]
    lo, hi = months[0], max(months[-1], months[0] + 1)
    series = []
    for m in view.meters:
        span = max(1, m.max - m.min)
        points = []
        for month, point in zip(months, history, strict=True):
            values = dict(point.values)
            if m.id in values:
                points.append(((month - lo) / (hi - lo), (values[m.id] - m.min) / span))
        series.append((m.id, m.label, points))
    return series


def year_ticks(view: View, most: int = 12) -> list[tuple[float, str]]:
    """Years to mark on a time axis as (x in [0, 1], label), at most ``most`` of them."""
    history = view.meter_history
    if not history:
        return []
    lo = month_index(history[0].date)
    hi = max(month_index(history[-1].date), lo + 1)
    first, last = lo // 12 + (1 if lo % 12 else 0), hi // 12
    years = list(range(first, last + 1))
    step = max(1, -(-len(years) // most))
    return [((y * 12 - lo) / (hi - lo), str(y)) for y in years[::step]]


def is_decision(kind: str) -> bool:
    """Whether a chronicle entry records a decision of the player (not news or the end)."""
    return kind in ("event", "action")


def chance_lines(choice: ChoiceView) -> list[str]:
    """Each outcome of an option with its odds and source, for historian mode."""
    return [f"{round(c.probability * 100)}% — {c.text or 'no consequence'} ({c.source})" for c in choice.chances]


def first_sentence(text: str, limit: int = 140) -> str:
    """The first sentence of prose (cut at a word near ``limit``), for one-line hints."""
    flat = " ".join(text.split())
    for end in (". ", "? ", "! "):
        cut = flat.find(end)
        if 0 < cut < limit:
            return flat[: cut + 1]
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + "…"


def meter_cells(view: View) -> list[str]:
    """Each meter as ``Label: value (+delta)``, for status lines that wrap between meters."""
    return [f"{m.label}: {m.value}" + (f" ({change_text(m)})" if m.delta else "") for m in view.meters]


def dice_text(report: ReportView) -> str:
    """The dice of one report in words (what was rolled against what chance), for replays;
    empty when nothing was rolled."""
    if report.roll is None:
        return ""
    chance = f"{round(report.chance * 100)}% outcome" if report.chance is not None else "no outcome"
    return f"dice: rolled {report.roll:.3f} -> {chance}"
