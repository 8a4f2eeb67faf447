"""Reports of simulation and calibration: plain data, then text, JSON or CSV.

``simulation_report`` turns a Tally into plain data (sorted, so identical tallies print
identically); the formatters only lay it out. This is the modder's balance report: what
ends how often, what fires, what is chosen, what never happens.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from game.core.model import Campaign
from game.sim.calibrate import ConstraintResult
from game.sim.runner import Tally
from game.sim.stats import Z95, median_of_counts, wilson


def _rate(count: int, n: int) -> dict[str, Any]:
    low, high = wilson(count, n, Z95)
    return {"count": count, "rate": round(count / n, 6) if n else 0.0, "low": round(low, 6), "high": round(high, 6)}


def simulation_report(campaign: Campaign, tally: Tally, policy: str, seed: int) -> dict[str, Any]:
    """The balance report of a simulation as plain, sorted data."""
    n = tally.games
    endings = [
        {"id": eid, "title": campaign.endings[eid].title if eid in campaign.endings else eid, **_rate(c, n)}
        for eid, c in sorted(tally.endings.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    cards = [
        {
            "id": cid,
            "kind": card.kind,
            "games": tally.fired_games.get(cid, 0),
            "times": tally.fired_times.get(cid, 0),
            "rate": round(tally.fired_games.get(cid, 0) / n, 6) if n else 0.0,
        }
        for cid, card in sorted(campaign.cards.items())
    ]
    options = []
    never_available = []
    came_up = {k.split("#", 1)[0] for k in tally.available}
    for cid, card in sorted(campaign.cards.items()):
        if card.kind == "world":
            continue
        for o in card.options:
            key = f"{cid}#{o.id}"
            offered = tally.available.get(key, 0)
            options.append({"card": cid, "option": o.id, "offered": offered, "taken": tally.taken.get(key, 0)})
            if offered == 0 and cid in came_up:
                never_available.append(key)
    outcomes = []
    for cid, card in sorted(campaign.cards.items()):
        for o in card.options:
            if not o.outcomes:
                continue
            oid = "fire" if card.kind == "world" else o.id
            total = sum(tally.rolled.get(f"{cid}#{oid}#{i}", 0) for i in range(-1, len(o.outcomes)))
            for i, out in enumerate(o.outcomes):
                count = tally.rolled.get(f"{cid}#{oid}#{i}", 0)
                outcomes.append(
                    {
                        "card": cid,
                        "option": oid,
                        "outcome": i,
                        "text": out.text,
                        "rolled": count,
                        "share": round(count / total, 6) if total else 0.0,
                    }
                )
    return {
        "campaign": campaign.id,
        "policy": policy,
        "seed": seed,
        "games": n,
        "median_turns": median_of_counts(tally.turns),
        "median_decisions": median_of_counts(tally.decisions),
        "endings": endings,
        "endings_never_reached": sorted(e for e in campaign.endings if e not in tally.endings),
        "cards": cards,
        "cards_never_fired": [c["id"] for c in cards if c["games"] == 0],
        "options": options,
        "options_never_available": never_available,
        "options_never_taken": [f"{o['card']}#{o['option']}" for o in options if o["offered"] and not o["taken"]],
        "outcomes": outcomes,
    }


def _pct(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_text(report: dict[str, Any]) -> str:
    """The report for a reader."""
    n = report["games"]
    lines = [
        f"Campaign {report['campaign']}: {n} games, policy {report['policy']}, seed {report['seed']}",
        f"Median length: {report['median_turns']:g} turns, {report['median_decisions']:g} decisions",
        "",
        "Endings (rate, 95% Wilson interval):",
    ]
    for e in report["endings"]:
        lines.append(
            f"  {_pct(e['rate'])}  [{_pct(e['low'])}, {_pct(e['high'])}]  {e['count']:>7}  {e['id']}  ({e['title']})"
        )
    lines.append("Endings never reached: " + (", ".join(report["endings_never_reached"]) or "none"))
    lines += ["", "Cards (share of games in which each fired; times fired):"]
    for c in report["cards"]:
        if c["games"]:
            lines.append(f"  {_pct(c['rate'])}  {c['times']:>8}  {c['id']} [{c['kind']}]")
    lines.append("Cards never fired: " + (", ".join(report["cards_never_fired"]) or "none"))
    lines += ["", "Options (times offered, times taken):"]
    for o in report["options"]:
        if o["offered"] or o["taken"]:
            lines.append(f"  {o['offered']:>8}  {o['taken']:>8}  {o['card']}#{o['option']}")
    lines.append(
        "Options never available (on cards that came up): " + (", ".join(report["options_never_available"]) or "none")
    )
    lines.append("Options offered but never taken: " + (", ".join(report["options_never_taken"]) or "none"))
    lines += ["", "Outcomes rolled (times, share of that option's rolls):"]
    for o in report["outcomes"]:
        if o["rolled"]:
            lines.append(
                f"  {o['rolled']:>8}  {_pct(o['share'])}  {o['card']}#{o['option']}#{o['outcome']}  {o['text'][:60]}"
            )
    return "\n".join(lines) + "\n"


def format_json(report: Any) -> str:
    """The report as JSON (stable key order)."""
    return json.dumps(report, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def format_csv(report: dict[str, Any]) -> str:
    """The report as CSV rows: section, key, count, rate, low, high."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["section", "key", "count", "rate", "low", "high"])
    w.writerow(["games", report["campaign"], report["games"], "", "", ""])
    w.writerow(["median_turns", report["campaign"], report["median_turns"], "", "", ""])
    for e in report["endings"]:
        w.writerow(["ending", e["id"], e["count"], e["rate"], e["low"], e["high"]])
    for eid in report["endings_never_reached"]:
        w.writerow(["ending", eid, 0, 0.0, "", ""])
    for c in report["cards"]:
        w.writerow(["card", c["id"], c["games"], c["rate"], "", ""])
    for o in report["options"]:
        w.writerow(["option_taken", f"{o['card']}#{o['option']}", o["taken"], "", "", ""])
        w.writerow(["option_offered", f"{o['card']}#{o['option']}", o["offered"], "", "", ""])
    for o in report["outcomes"]:
        w.writerow(["outcome", f"{o['card']}#{o['option']}#{o['outcome']}", o["rolled"], o["share"], "", ""])
    return out.getvalue()


def calibration_data(results: Sequence[ConstraintResult]) -> list[dict[str, Any]]:
    """Calibration results as plain data."""
    return [
        {
            "campaign": r.campaign,
            "id": r.id,
            "claim": r.claim,
            "source": r.source,
            "policy": r.policy,
            "start": r.start,
            "measure": r.measure,
            "expect": r.expect,
            "given": r.given,
            "played": r.played,
            "counted": r.counted,
            "hits": r.hits,
            "rate": round(r.rate, 6),
            "low": round(r.low, 6),
            "high": round(r.high, 6),
            "verdict": r.verdict,
        }
        for r in results
    ]


def format_calibration(results: Sequence[ConstraintResult], confidence: str) -> str:
    """Calibration results for a reader: claim, source, rate with interval, verdict."""
    lines = []
    for r in results:
        mark = {
            "pass": "PASS",
            "borderline": "PASS (borderline)",
            "fail": "FAIL",
            "unmeasured": "FAIL (unmeasured)",
        }.get(r.verdict, r.verdict)
        counted = f"{r.counted} of {r.played} games met `given`" if r.given else f"{r.counted} games"
        lines.append(f"{mark}  {r.campaign}.{r.id}")
        lines.append(f"    claim:    {' '.join(r.claim.split())}")
        lines.append(f"    source:   {r.source}")
        lines.append(
            f"    measured: {_pct(r.rate).strip()} [{_pct(r.low).strip()}, {_pct(r.high).strip()}] ({confidence} Wilson) "
            f"of {counted}, policy {r.policy}" + (f", start {r.start}" if r.start else "")
        )
        lines.append(f"    expected: {r.measure}, {r.expect}")
        if r.verdict == "unmeasured":
            lines.append("    no game met the constraint's `given` condition: it cannot be measured as written")
        elif r.verdict == "borderline":
            lines.append("    the interval straddles the expected range at the game cap: the claim is not rejected")
        lines.append("")
    failed = sum(1 for r in results if not r.ok)
    lines.append(f"{len(results)} constraints: {len(results) - failed} passed, {failed} failed")
    return "\n".join(lines) + "\n"
