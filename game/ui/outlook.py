"""The historian's forecast in a game: a background job per decision, drawn by any frontend.

The forecast of the position in front of the player (each ending's chance with its 95%
interval, under a named player model) is computed away from the frontend's loop, so the game
never waits for it: ``Outlook`` starts a job when a decision is shown, the job reports after
every block of continuations (the intervals narrow as runs finish), and the frontend draws
whatever ``latest`` holds on its next frame. A new decision cancels the old job. The same
machinery works out "the decisions that mattered" once a game has ended.

The numbers come from the simulator, which a frontend may not import: the CLI hands in two
callables (``Services.forecast`` and ``Services.mattered``) that take the engine in the UI's
thread, copy what they need, and return the work to run in the background.

When the panel shows (``Visibility``): never in an ironman game; otherwise on by default in
historian mode and off in immersive mode, and the player's key toggles it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import attrs

from game.core.engine import Engine


@attrs.frozen
class Odds:
    """One ending's (or milestone's) chance with its 95% interval."""

    title: str
    p: float
    low: float
    high: float

    @property
    def text(self) -> str:
        """``42% (38-46%)``."""
        return f"{self.p:.0%} ({self.low:.0%}\u2013{self.high:.0%})"


@attrs.frozen
class Forecast:
    """What the future holds from the decision on the table, as far as it is known yet."""

    model: str  # "if you play on like a cautious player"
    runs: int
    asked: int
    finished: bool
    endings: tuple[Odds, ...]  # likeliest first, the endings reached at least once
    milestones: tuple[Odds, ...] = ()
    median_end: str = ""  # the reader's form of the median end date


# The work handed back by a service: run it in the background with ``report`` (called with each
# newer estimate) and ``cancelled`` (true once the result is no longer wanted; stop soon).
ForecastWork = Callable[[Callable[[Forecast], None], Callable[[], bool]], None]
MatteredWork = Callable[[Callable[[list[str]], None], Callable[[], bool]], None]


def panel_lines(fc: Forecast | None, busy: bool, top: int = 6) -> list[str]:
    """The panel as plain lines (any frontend styles them): the model, the endings, the runs."""
    if fc is None:
        return ["Forecast", "working out the odds\u2026" if busy else "no forecast"]
    lines = ["Forecast, " + fc.model]
    for e in fc.endings[:top]:
        lines.append(f"{e.title}: {e.text}")
    if len(fc.endings) > top:
        lines.append(f"and {len(fc.endings) - top} less likely endings")
    for m in fc.milestones:
        lines.append(f"{m.title}: {m.text}")
    if fc.median_end:
        lines.append(f"median end {fc.median_end}")
    state = "" if fc.finished else ", more coming"
    lines.append(f"{fc.runs:,} of up to {fc.asked:,} futures played{state}")
    return lines


class _Job:
    """One piece of background work and what it reported last."""

    def __init__(self, key: object) -> None:
        self.key = key
        self.cancel = threading.Event()
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.value: object = None
        self.error = ""

    def report(self, value: object) -> None:
        if not self.cancel.is_set():
            with self.lock:
                self.value = value

    def run(self, work: Callable[[Callable[[object], None], Callable[[], bool]], None]) -> None:
        try:
            work(self.report, self.cancel.is_set)
        except Exception as exc:  # a failed forecast is a line in the panel, never a crash
            self.error = str(exc) or type(exc).__name__
        finally:
            self.done.set()


class Background:
    """At most one background job at a time, keyed by what it is about (a new key cancels the
    old job). Thread-safe reads for the frontend's loop."""

    def __init__(self) -> None:
        self._job: _Job | None = None

    def start(self, key: object, work: Callable[[Callable[[object], None], Callable[[], bool]], None]) -> None:
        """Run ``work`` in a daemon thread for ``key`` (nothing when that key already runs)."""
        if self._job is not None and self._job.key == key:
            return
        self.cancel()
        job = _Job(key)
        self._job = job
        threading.Thread(target=job.run, args=(work,), name="divergence-outlook", daemon=True).start()

    def cancel(self) -> None:
        """Stop wanting the current job's result."""
        if self._job is not None:
            self._job.cancel.set()
            self._job = None

    def latest(self, key: object) -> object:
        """The last value reported for ``key`` (None when another key, or nothing yet)."""
        job = self._job
        if job is None or job.key != key:
            return None
        with job.lock:
            return job.value

    def busy(self, key: object) -> bool:
        """Whether the job for ``key`` is still running."""
        job = self._job
        return job is not None and job.key == key and not job.done.is_set()

    def error(self, key: object) -> str:
        """Why the job for ``key`` failed ("" if it did not)."""
        job = self._job
        return job.error if job is not None and job.key == key and job.done.is_set() else ""

    def wait(self, key: object, seconds: float) -> bool:
        """Wait up to ``seconds`` for the job of ``key`` to end; whether it has."""
        job = self._job
        return job is None or job.key != key or job.done.wait(seconds)


def decision_key(engine: Engine) -> tuple[object, ...]:
    """What identifies the decision on the table: a new choice, undo or load changes it."""
    s = engine.state
    return (id(engine), s.seed, s.turn, s.decisions, len(s.history), s.phase, tuple(s.pending), s.action)


IRONMAN = "No forecast in an ironman game."


@attrs.define
class Visibility:
    """Whether the forecast panel shows: never in an ironman game; by default in historian
    mode only; the player's toggle overrides the default for the session."""

    chosen: bool | None = None

    def shown(self, historian: bool, ironman: bool) -> bool:
        """Whether to show (and compute) the panel now."""
        if ironman:
            return False
        return historian if self.chosen is None else self.chosen

    def toggle(self, historian: bool, ironman: bool) -> str:
        """Flip the panel; the sentence to tell the player."""
        if ironman:
            return IRONMAN
        self.chosen = not self.shown(historian, ironman)
        return "Forecast shown." if self.chosen else "Forecast hidden."


class Outlook:
    """The forecast panel's and the ending screen's background work for one frontend.

    ``forecast``/``mattered`` are the CLI's services (None: not available, e.g. a screenshot)."""

    def __init__(
        self,
        forecast: Callable[[Engine], ForecastWork] | None = None,
        mattered: Callable[[Engine], MatteredWork] | None = None,
    ) -> None:
        self._forecast = forecast
        self._mattered = mattered
        self._panel = Background()
        self._ending = Background()
        self.visibility = Visibility()

    @property
    def available(self) -> bool:
        """Whether this session can forecast at all."""
        return self._forecast is not None

    def follow(self, engine: Engine | None, wanted: bool) -> None:
        """Keep the forecast in step with the decision on the table (call when it is shown):
        start it for a new decision when ``wanted``, cancel it otherwise."""
        if self._forecast is None or engine is None or engine.is_over or not wanted:
            self._panel.cancel()
            return
        key = decision_key(engine)
        if self._panel.latest(key) is None and not self._panel.busy(key):
            self._panel.start(key, self._forecast(engine))

    def latest(self, engine: Engine | None) -> Forecast | None:
        """The newest estimate for the decision on the table (None until the first block)."""
        if engine is None or self._forecast is None:
            return None
        value = self._panel.latest(decision_key(engine))
        return value if isinstance(value, Forecast) else None

    def busy(self, engine: Engine | None) -> bool:
        """Whether the forecast of this decision is still being played."""
        return engine is not None and self._forecast is not None and self._panel.busy(decision_key(engine))

    def lines(self, engine: Engine | None, top: int = 6) -> list[str]:
        """The panel as plain lines for the decision on the table."""
        if engine is not None and self._forecast is not None:
            why = self._panel.error(decision_key(engine))
            if why:
                return ["Forecast", f"no forecast: {why}"]
        return panel_lines(self.latest(engine), self.busy(engine), top)

    def wait_first(self, engine: Engine, seconds: float = 0.5) -> Forecast | None:
        """Wait up to ``seconds`` for the first estimate (a frontend without a loop, the text
        one, asks for it on a command)."""
        key = decision_key(engine)
        waited = 0.0
        while waited < seconds and self.latest(engine) is None and self._panel.busy(key):
            self._panel.wait(key, 0.02)
            waited += 0.02
        return self.latest(engine)

    # --- the ending: the decisions that mattered ------------------------------------------

    def weigh(self, engine: Engine) -> None:
        """Start working out the decisions that mattered in this finished game."""
        if self._mattered is None or not engine.is_over:
            return
        self._ending.start(decision_key(engine), self._mattered(engine))

    def mattered(self, engine: Engine) -> list[str] | None:
        """The sentences once known (None while they are being worked out or unavailable)."""
        if self._mattered is None:
            return None
        value = self._ending.latest(decision_key(engine))
        return value if isinstance(value, list) else None

    def mattered_lines(self, engine: Engine) -> list[str]:
        """The ending screen's lines: the sentences, or what is happening instead."""
        if self._mattered is None:
            return []
        key = decision_key(engine)
        found = self.mattered(engine)
        if found is not None:
            return found or ["No single decision of this game moved its ending."]
        why = self._ending.error(key)
        if why:
            return [f"The decisions that mattered could not be worked out: {why}"]
        return ["Weighing your decisions\u2026"] if self._ending.busy(key) else []

    def wait_mattered(self, engine: Engine, seconds: float) -> list[str] | None:
        """Wait up to ``seconds`` for the decisions that mattered."""
        if self._mattered is None:
            return None
        self._ending.wait(decision_key(engine), seconds)
        return self.mattered(engine)

    def close(self) -> None:
        """Cancel whatever runs (the window closes, the game is left)."""
        self._panel.cancel()
        self._ending.cancel()
