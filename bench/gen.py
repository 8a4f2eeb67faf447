"""Generate large synthetic content sets for the benchmarks (not shipped, not tested for prose)."""

from __future__ import annotations

from pathlib import Path

CAMPAIGN = """\
campaign:
  id: big
  title: "Benchmark"
  player: hero
  eras:
    - {from: "1930-01", to: "1949-12", step: month}
  meters:
    heat: {label: "Heat", min: 0, max: 100, start: 20}
    luck: {label: "Luck", min: 0, max: 100, start: 50}
  cast: {hero: {}}
  events_per_turn: {0: 0.2, 1: 0.6, 2: 0.2}
  hand_size: 3
  lie_low: {text: "Wait", effects: [{add: {heat: -1}}]}
  default_ending: time
  endings:
    - {id: time, title: "Time", kind: survival, text: "Time ran out."}
    - {id: hot, title: "Hot", kind: death, when: {meter: heat, gte: 100}, text: "Too hot."}
characters:
  - {id: hero, name: "Hero"}
"""

SPAN = 240  # months in the campaign


def card(i: int, total: int, eligible: int) -> str:
    """One card whose date window is sized so about `eligible` cards are live at any date."""
    kinds = ("event", "action", "world")
    kind = kinds[i % 3]
    window = max(1, round(eligible * SPAN / total))
    start = (i * 7919) % (SPAN - window + 1)
    end = start + window - 1
    y0, m0 = divmod(start, 12)
    y1, m1 = divmod(end, 12)
    head = (
        f'  - id: big.c{i}\n    kind: {kind}\n    campaign: big\n    actor: hero\n    title: "Card {i}"\n'
        f'    text: "A generated card for the benchmark, number {i}, with some prose to read."\n'
        f'    when:\n      all:\n        - date: {{from: "{1930 + y0}-{m0 + 1:02d}", to: "{1930 + y1}-{m1 + 1:02d}"}}\n'
        f"        - meter: heat\n          lt: 95\n    weight: {{base: {5 if kind == 'world' else 10}, modifiers: [{{if: {{flag: f{i % 50}}}, mul: 2}}]}}\n"
        "    once: false\n"
    )
    effects = f"[{{add: {{heat: {(i % 5) - 2}}}}}, {{set_flag: f{i % 50}}}]"
    outcomes = (
        '      - chance: {base: 0.3, source: "bench", modifiers: [{if: {meter: luck, gte: 50}, add: 0.1}]}\n'
        '        text: "It goes badly."\n        effects: [{add: {heat: 3}}]\n'
        '      - otherwise: true\n        text: "It goes well."\n'
    )
    if kind == "world":
        return head + f"    effects: {effects}\n    outcomes:\n" + outcomes.replace("      ", "      ", 1)
    return head + (
        "    options:\n"
        f'      - id: a\n        text: "First"\n        effects: {effects}\n        outcomes:\n'
        + "".join("    " + line + "\n" for line in outcomes.splitlines())
        + '      - id: b\n        text: "Second"\n        effects: [{add: {luck: 1}}]\n'
    )


def write(root: Path, total: int, eligible: int = 50, per_file: int = 100) -> Path:
    """Write a campaign and `total` cards under root; return root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "campaign.yaml").write_text(CAMPAIGN)
    for f in range(0, total, per_file):
        body = "cards:\n" + "".join(card(i, total, eligible) for i in range(f, min(total, f + per_file)))
        (root / f"cards_{f // per_file:04d}.yaml").write_text(body)
    return root
