"""The closed vocabulary of conditions and effects: one registry.

Each operation is written once, here, with its shape (the type of its head key's value and of
any sibling keys), a one-line doc, an example and the function that compiles it into a
closure. The content validator, the JSON Schema and docs/MODDING.md all read this registry.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from sys import intern
from typing import Any

import attrs

from game.core import spec as t
from game.core.dates import format_month, parse_month
from game.core.state import STATUSES, CharacterState, Entry, GameState, Scheduled

CondFn = Callable[[GameState], bool]
EffectFn = Callable[[GameState], None]


def flag_words(name: str) -> str:
    """A flag's id as words for a reader: a one-letter campaign prefix dropped, ``_`` as spaces
    (``b_expelled_1937`` -> ``expelled 1937``)."""
    parts = [p for p in name.split("_") if p]
    if len(parts) > 1 and len(parts[0]) == 1:
        parts = parts[1:]
    return " ".join(parts) or name


@attrs.frozen
class Env:
    """What compiling needs to know of the campaign: meter bounds and labels."""

    meters: Mapping[str, tuple[int, int]]
    labels: Mapping[str, str] = attrs.Factory(dict)
    titles: Mapping[str, str] = attrs.Factory(dict)  # card id -> title, for descriptions
    # flag -> (what it means when set, when clear), from the campaign's ``flags``: a reader's
    # sentence for a requirement ("the plot has been formed") instead of the flag's id
    flags: Mapping[str, tuple[str, str]] = attrs.Factory(dict)
    player: str = ""  # the player's character: a condition on them reads "you are ..."

    def flag(self, name: str, is_set: bool = True) -> str:
        """The flag as a reader's sentence, when set (or clear). An undescribed flag (which
        `divergence validate` warns of) still reads as a sentence made from its id:
        ``b_expelled_1937`` -> "“expelled 1937” has happened" / "... has not happened"."""
        said = self.flags.get(name)
        if said is None:
            words = flag_words(name)
            return f"“{words}” has happened" if is_set else f"“{words}” has not happened"
        if is_set:
            return said[0]
        return said[1] or f"not ({said[0]})"

    def label(self, meter: str) -> str:
        """The meter's label for a reader."""
        return self.labels.get(meter, meter)


@attrs.frozen
class Operation:
    """One operation of the vocabulary."""

    name: str
    kind: str  # condition | effect
    value: t.Type
    doc: str
    example: str
    build: Callable[[Any, Mapping[str, Any], Env], Any]
    describe: Callable[[Any, Mapping[str, Any], Env], str]
    extras: Mapping[str, t.Field] = attrs.Factory(dict)
    need_one_extra: tuple[str, ...] = ()


CONDITIONS: dict[str, Operation] = {}
EFFECTS: dict[str, Operation] = {}

Compare = Callable[[Any, Any], Any]
COMPARISONS: dict[str, tuple[str, Compare]] = {
    "gte": (">=", operator.ge),
    "gt": (">", operator.gt),
    "lte": ("<=", operator.le),
    "lt": ("<", operator.lt),
    "eq": ("=", operator.eq),
}


def _register(op: Operation) -> Operation:
    table = CONDITIONS if op.kind == "condition" else EFFECTS
    table[op.name] = op
    return op


def compile_condition(data: Mapping[str, Any], env: Env) -> CondFn:
    """Compile a validated condition mapping into a closure over the state."""
    head = next(k for k in data if k in CONDITIONS)
    op = CONDITIONS[head]
    extras = {k: v for k, v in data.items() if k != head}
    fn: CondFn = op.build(data[head], extras, env)
    return fn


def describe_condition(data: Mapping[str, Any], env: Env) -> str:
    """A reader's sentence for a condition ("Stalin's suspicion >= 60")."""
    head = next(k for k in data if k in CONDITIONS)
    op = CONDITIONS[head]
    return op.describe(data[head], {k: v for k, v in data.items() if k != head}, env)


def compile_effect(data: Mapping[str, Any], env: Env) -> EffectFn:
    """Compile a validated effect mapping (one key) into a closure that mutates the state."""
    ((head, value),) = data.items()
    fn: EffectFn = EFFECTS[head].build(value, {}, env)
    return fn


def compile_effects(items: list[Mapping[str, Any]], env: Env) -> tuple[EffectFn, ...]:
    """Compile a list of effects in order."""
    return tuple(compile_effect(item, env) for item in items)


def required_flags(data: Mapping[str, Any] | None) -> frozenset[str]:
    """Flags that must all be set for the condition to be true (read from its data).

    Sound, not complete: whenever the condition holds, every flag returned is set; a
    condition that needs no flag in particular gives the empty set. The engine uses this as
    a gate (a condition whose required flag is unset is false without being called)."""
    return _flags_through_all_any(data, _required_flag)


def _required_flag(data: Mapping[str, Any]) -> str | None:
    """The flag of a ``flag: X`` test, else None."""
    return str(data["flag"]) if len(data) == 1 and "flag" in data else None


def _flags_through_all_any(
    data: Mapping[str, Any] | None,
    leaf: Callable[[Mapping[str, Any]], str | None],
) -> frozenset[str]:
    """The flags a condition's ``leaf`` tests pin, read through ``all`` (every part's) and
    ``any`` (those every part pins): the one walk behind ``required_flags`` and
    ``barring_flags``, which differ only in the test they read."""
    if not data:
        return frozenset()
    flag = leaf(data)
    if flag is not None:
        return frozenset((intern(flag),))
    if "all" in data:
        found: frozenset[str] = frozenset()
        for part in data["all"]:
            found |= _flags_through_all_any(part, leaf)
        return found
    if "any" in data:
        parts = [_flags_through_all_any(part, leaf) for part in data["any"]]
        return frozenset.intersection(*parts) if parts else frozenset()
    return frozenset()


def _barred_flag(data: Mapping[str, Any]) -> str | None:
    """The flag of a ``not: {flag: X}`` test, else None."""
    if len(data) == 1 and "not" in data:
        inner = data["not"]
        if isinstance(inner, Mapping) and len(inner) == 1 and "flag" in inner:
            return str(inner["flag"])
    return None


def barring_flags(data: Mapping[str, Any] | None) -> frozenset[str]:
    """Flags that must all be unset for the condition to be true (read from its data): the
    counterpart of ``required_flags`` for ``not: {flag: X}`` tests.

    Sound, not complete: whenever the condition holds, no flag returned is set. The engine
    skips a card while one of them is set, without calling its condition: a test of a flag
    that is set once and never cleared (a coup launched, a premise taken) keeps many cards
    out of the draw for the rest of a game, and a set lookup is cheaper than a call."""
    return _flags_through_all_any(data, _barred_flag)


def without_flags(
    data: Mapping[str, Any] | None, flags: frozenset[str], unset: frozenset[str] = frozenset()
) -> Mapping[str, Any] | None:
    """The condition with its top-level tests of these flags being set, and of the ``unset``
    flags being unset, taken out (None when nothing is left): what remains to be checked
    once the flags are known to be set and the others unset."""
    if not data:
        return None

    def known(part: Mapping[str, Any]) -> bool:
        if len(part) == 1 and "flag" in part:
            return part["flag"] in flags
        barred = _barred_flag(part)
        return barred is not None and barred in unset

    if known(data):
        return None
    if "all" not in data:
        return data
    rest = [part for part in data["all"] if not known(part)]
    if not rest:
        return None
    return rest[0] if len(rest) == 1 else {"all": rest}


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


# --- conditions -----------------------------------------------------------------------


# Builders bind their data as default arguments rather than closure cells: a compiled
# condition is then two objects (the function and its defaults), not five, which keeps the
# memory a turn reads small when thousands of cards are loaded.


# Conjunctions and disjunctions read their parts' plain data: flags set, flags not set,
# character statuses and single meter comparisons are tested inline (a lookup each, no
# call), the cheap ones first, and only the other parts are called. Every condition is a pure function of the
# state, so the order of the tests never changes a result, only how soon it is known.

MeterTest = tuple[str, Compare, float]
PersonTest = tuple[str, frozenset[str]]  # (character, the statuses that satisfy the test)
Split = tuple[tuple[str, ...], tuple[str, ...], tuple[PersonTest, ...], tuple[MeterTest, ...], tuple[CondFn, ...]]


def _split(items: Any, env: Env) -> Split:
    """Parts of an all/any: (flags set, flags not set, character statuses, meter tests,
    other compiled parts)."""
    flags: list[str] = []
    absent: list[str] = []
    people: list[PersonTest] = []
    meters: list[MeterTest] = []
    rest: list[CondFn] = []
    for c in items:
        if len(c) == 1 and "flag" in c:
            flags.append(intern(c["flag"]))
        elif len(c) == 1 and "not" in c and len(c["not"]) == 1 and "flag" in c["not"]:
            absent.append(intern(c["not"]["flag"]))
        elif len(c) == 2 and "character" in c and "status" in c:
            people.append((intern(c["character"]), frozenset(_as_list(c["status"]))))
        elif len(c) == 2 and "meter" in c and any(k in COMPARISONS for k in c):
            (op,) = (k for k in c if k != "meter")
            meters.append((intern(c["meter"]), COMPARISONS[op][1], c[op]))
        else:
            rest.append(compile_condition(c, env))
    return tuple(flags), tuple(absent), tuple(people), tuple(meters), tuple(rest)


def _build_all(value: Any, _x: Mapping[str, Any], env: Env) -> CondFn:
    flags, absent, people, meters, rest = _split(value, env)

    def check(
        s: GameState,
        need: tuple[str, ...] = flags,
        absent: tuple[str, ...] = absent,
        people: tuple[PersonTest, ...] = people,
        tests: tuple[MeterTest, ...] = meters,
        parts: tuple[CondFn, ...] = rest,
    ) -> bool:
        have = s.flags
        for name in need:
            if name not in have:
                return False
        for name in absent:
            if name in have:
                return False
        if people:
            cast = s.characters
            for who, wanted in people:
                if cast[who].status not in wanted:
                    return False
        if tests:
            values = s.meters
            for name, cmp, bound in tests:
                if not cmp(values[name], bound):
                    return False
        for part in parts:
            if not part(s):
                return False
        return True

    return check


def _build_any(value: Any, _x: Mapping[str, Any], env: Env) -> CondFn:
    flags, absent, people, meters, rest = _split(value, env)

    def check(
        s: GameState,
        some: tuple[str, ...] = flags,
        absent: tuple[str, ...] = absent,
        people: tuple[PersonTest, ...] = people,
        tests: tuple[MeterTest, ...] = meters,
        parts: tuple[CondFn, ...] = rest,
    ) -> bool:
        have = s.flags
        for name in some:
            if name in have:
                return True
        for name in absent:
            if name not in have:
                return True
        if people:
            cast = s.characters
            for who, wanted in people:
                if cast[who].status in wanted:
                    return True
        if tests:
            values = s.meters
            for name, cmp, bound in tests:
                if cmp(values[name], bound):
                    return True
        for part in parts:
            if part(s):
                return True
        return False

    return check


def _build_not(value: Any, _x: Mapping[str, Any], env: Env) -> CondFn:
    if len(value) == 1 and "flag" in value:

        def unset(s: GameState, name: str = intern(value["flag"])) -> bool:
            return name not in s.flags

        return unset
    inner = compile_condition(value, env)

    def check(s: GameState, inner: CondFn = inner) -> bool:
        return not inner(s)

    return check


def _build_meter(value: Any, extras: Mapping[str, Any], env: Env) -> CondFn:
    name = intern(value)
    tests = tuple((COMPARISONS[k][1], v) for k, v in sorted(extras.items()))
    if len(tests) == 1:
        ((cmp, bound),) = tests

        def check_one(s: GameState, name: str = name, cmp: Compare = cmp, bound: float = bound) -> bool:
            return bool(cmp(s.meters[name], bound))

        return check_one

    def check(s: GameState, name: str = name, tests: tuple[tuple[Compare, float], ...] = tests) -> bool:
        value = s.meters[name]
        for cmp, bound in tests:
            if not cmp(value, bound):
                return False
        return True

    return check


COMPARISON_WORDS = {"gte": "at least", "gt": "above", "lte": "at most", "lt": "below", "eq": "exactly"}


def _describe_meter(value: Any, extras: Mapping[str, Any], env: Env) -> str:
    parts = [f"{COMPARISON_WORDS[k]} {v}" for k, v in sorted(extras.items())]
    return f"{env.label(value)} " + " and ".join(parts)


def _describe_not(value: Any, _x: Mapping[str, Any], env: Env) -> str:
    if len(value) == 1 and "flag" in value:
        return env.flag(value["flag"], is_set=False)
    return "not " + describe_condition(value, env)


def _describe_character(value: Any, extras: Mapping[str, Any], env: Env) -> str:
    statuses = " or ".join(_as_list(extras["status"]))
    return f"you are {statuses}" if value == env.player and env.player else f"{value} is {statuses}"


def _build_flag(value: Any, _x: Mapping[str, Any], _env: Env) -> CondFn:
    def check(s: GameState, name: str = intern(value)) -> bool:
        return name in s.flags

    return check


def _build_date(value: Any, _x: Mapping[str, Any], _env: Env) -> CondFn:
    lo = parse_month(value["from"]) if "from" in value else -(10**9)
    hi = parse_month(value["to"]) if "to" in value else 10**9

    def check(s: GameState, lo: int = lo, hi: int = hi) -> bool:
        return lo <= s.date <= hi

    return check


def _describe_date(value: Any, _x: Mapping[str, Any], _env: Env) -> str:
    lo, hi = value.get("from"), value.get("to")
    if lo and hi:
        return f"between {lo} and {hi}"
    return f"from {lo}" if lo else f"until {hi}"


def _build_character(value: Any, extras: Mapping[str, Any], _env: Env) -> CondFn:
    def check(
        s: GameState, who: str = intern(value), wanted: frozenset[str] = frozenset(_as_list(extras["status"]))
    ) -> bool:
        return s.characters[who].status in wanted

    return check


def _build_fired(value: Any, _x: Mapping[str, Any], _env: Env) -> CondFn:
    def check(s: GameState, card: str = intern(value)) -> bool:
        return card in s.fired

    return check


def _build_chose(value: Any, _x: Mapping[str, Any], _env: Env) -> CondFn:
    def check(s: GameState, card: str = intern(value["card"]), option: str = value["option"]) -> bool:
        return s.chosen.get(card) == option

    return check


def _describe_list(word: str) -> Callable[[Any, Mapping[str, Any], Env], str]:
    """``a and b`` for all, ``either a or b`` for any: a requirement reads as a sentence."""

    def describe(value: Any, _x: Mapping[str, Any], env: Env) -> str:
        parts = [describe_condition(c, env) for c in value]
        if len(parts) == 1:
            return parts[0]
        if word == "all":
            return ", ".join(parts[:-1]) + " and " + parts[-1]
        return "either " + ", ".join(parts[:-1]) + " or " + parts[-1]

    return describe


_register(
    Operation(
        "all",
        "condition",
        t.ListOf(t.Condition(), min_items=1),
        "True when every listed condition is true.",
        "all: [{flag: b_paris_done}, {meter: suspicion, lt: 50}]",
        _build_all,
        _describe_list("all"),
    )
)
_register(
    Operation(
        "any",
        "condition",
        t.ListOf(t.Condition(), min_items=1),
        "True when at least one listed condition is true.",
        "any: [{flag: a}, {flag: b}]",
        _build_any,
        _describe_list("any"),
    )
)
_register(
    Operation(
        "not",
        "condition",
        t.Condition(),
        "True when the inner condition is false.",
        "not: {flag: b_paris_done}",
        _build_not,
        _describe_not,
    )
)
_register(
    Operation(
        "meter",
        "condition",
        t.Ref("meter"),
        "Compares a meter with numbers; give one or more of gte, gt, lte, lt, eq.",
        "{meter: suspicion, gte: 60, lt: 90}",
        _build_meter,
        _describe_meter,
        extras={k: t.Field(t.Num(), doc=f"meter {sym} this number") for k, (sym, _) in COMPARISONS.items()},
        need_one_extra=tuple(COMPARISONS),
    )
)
_register(
    Operation(
        "flag",
        "condition",
        t.Ref("flag"),
        "True when the flag has been set (and not cleared since).",
        "{flag: b_paris_done}",
        _build_flag,
        lambda v, _x, env: env.flag(v),
    )
)
_register(
    Operation(
        "date",
        "condition",
        t.Record(
            "date window",
            {
                "from": t.Field(t.Date(), doc="first month, inclusive"),
                "to": t.Field(t.Date(), doc="last month, inclusive"),
            },
            one_of_required=(("from", "to"),),
        ),
        "True when the game's date lies in the window (either bound may be left out).",
        'date: {from: "1936-02", to: "1936-04"}',
        _build_date,
        _describe_date,
    )
)
_register(
    Operation(
        "character",
        "condition",
        t.Ref("character"),
        "True when the character's status is the one given (or one of a list).",
        "{character: rykov, status: [arrested, dead]}",
        _build_character,
        _describe_character,
        extras={"status": t.Field(t.OneOrList(t.Enum(STATUSES)), required=True, doc="the status or statuses")},
    )
)
_register(
    Operation(
        "fired",
        "condition",
        t.Ref("card"),
        "True when the card has fired earlier in this game.",
        "{fired: bukharin.paris_1936}",
        _build_fired,
        lambda v, _x, env: f"'{env.titles.get(v, v)}' has happened",
    )
)
_register(
    Operation(
        "chose",
        "condition",
        t.Record(
            "choice",
            {
                "card": t.Field(t.Ref("card"), required=True, doc="the card"),
                "option": t.Field(t.Str(hint="an option id of that card"), required=True, doc="the option"),
            },
        ),
        "True when the player's last answer to the card was this option.",
        "chose: {card: bukharin.paris_1936, option: confide}",
        _build_chose,
        lambda v, _x, env: f"chose '{v['option']}' at '{env.titles.get(v['card'], v['card'])}'",
    )
)


# --- effects --------------------------------------------------------------------------


def _build_add(value: Any, _x: Mapping[str, Any], env: Env) -> EffectFn:
    items = tuple((intern(name), int(delta), *env.meters[name]) for name, delta in value.items())

    def apply(s: GameState) -> None:
        meters = s.meters
        for name, delta, lo, hi in items:
            v = meters[name] + delta
            meters[name] = lo if v < lo else hi if v > hi else v

    return apply


def _build_set(value: Any, _x: Mapping[str, Any], env: Env) -> EffectFn:
    items = tuple((name, min(max(int(v), env.meters[name][0]), env.meters[name][1])) for name, v in value.items())

    def apply(s: GameState) -> None:
        for name, v in items:
            s.meters[name] = v

    return apply


def _build_set_flag(value: Any, _x: Mapping[str, Any], _env: Env) -> EffectFn:
    names = tuple(intern(n) for n in _as_list(value))

    def apply(s: GameState) -> None:
        for name in names:
            s.flags.setdefault(name, s.turn)

    return apply


def _build_clear_flag(value: Any, _x: Mapping[str, Any], _env: Env) -> EffectFn:
    names = tuple(_as_list(value))

    def apply(s: GameState) -> None:
        for name in names:
            s.flags.pop(name, None)

    return apply


def _build_status(value: Any, _x: Mapping[str, Any], _env: Env) -> EffectFn:
    who, to = value["character"], value["to"]

    def apply(s: GameState) -> None:
        # A new object rather than a change of the old one: a lean game's cast begins as
        # the opening's own objects, shared by every game of the start (``new_state``).
        s.characters[who] = CharacterState(to)

    return apply


def _build_schedule(value: Any, _x: Mapping[str, Any], _env: Env) -> EffectFn:
    card, months = value["card"], int(value["months"])

    def apply(s: GameState) -> None:
        s.scheduled.append(Scheduled(card, s.date + months))

    return apply


def _build_end(value: Any, _x: Mapping[str, Any], _env: Env) -> EffectFn:
    def apply(s: GameState) -> None:
        if not s.ending:
            s.ending = value

    return apply


def _build_chronicle(value: Any, _x: Mapping[str, Any], _env: Env) -> EffectFn:
    def apply(s: GameState) -> None:
        s.chronicle.append(Entry(s.turn, s.date, "note", "", "", value))

    return apply


def _describe_add(value: Any, _x: Mapping[str, Any], env: Env) -> str:
    return ", ".join(f"{env.label(k)} {int(v):+d}" for k, v in value.items())


_register(
    Operation(
        "add",
        "effect",
        t.MapOf(t.Ref("meter"), t.Int(), min_items=1),
        "Adds to meters (negative numbers subtract); results are kept within the meter's bounds.",
        "add: {suspicion: 10, standing: -5}",
        _build_add,
        _describe_add,
    )
)
_register(
    Operation(
        "set",
        "effect",
        t.MapOf(t.Ref("meter"), t.Int(), min_items=1),
        "Sets meters to values (kept within bounds).",
        "set: {suspicion: 90}",
        _build_set,
        lambda v, _x, env: ", ".join(f"{env.label(k)} = {x}" for k, x in v.items()),
    )
)
_register(
    Operation(
        "set_flag",
        "effect",
        t.OneOrList(t.Ref("flag", role="write")),
        "Sets one flag or several.",
        "set_flag: b_paris_done",
        _build_set_flag,
        lambda v, _x, _e: "set " + ", ".join(_as_list(v)),
    )
)
_register(
    Operation(
        "clear_flag",
        "effect",
        t.OneOrList(t.Ref("flag", role="write")),
        "Clears one flag or several.",
        "clear_flag: [b_hiding, b_abroad]",
        _build_clear_flag,
        lambda v, _x, _e: "clear " + ", ".join(_as_list(v)),
    )
)
_register(
    Operation(
        "status",
        "effect",
        t.Record(
            "status change",
            {
                "character": t.Field(t.Ref("character"), required=True, doc="who"),
                "to": t.Field(t.Enum(STATUSES), required=True, doc="the new status"),
            },
        ),
        "Changes a character's status.",
        "status: {character: rykov, to: arrested}",
        _build_status,
        lambda v, _x, _e: f"{v['character']} becomes {v['to']}",
    )
)
_register(
    Operation(
        "schedule",
        "effect",
        t.Record(
            "schedule",
            {
                "card": t.Field(t.Ref("card"), required=True, doc="the card to fire"),
                "months": t.Field(t.Int(min=0, max=1200), required=True, doc="how many months from now"),
            },
        ),
        "Makes a card fire at the first turn at least that many months later, whatever its condition and weight.",
        "schedule: {card: bukharin.trial_1938, months: 12}",
        _build_schedule,
        lambda v, _x, env: f"'{env.titles.get(v['card'], v['card'])}' in {v['months']} months",
    )
)
_register(
    Operation(
        "end",
        "effect",
        t.Ref("ending"),
        "Ends the game with this ending once the current decision is resolved.",
        "end: shot_1938",
        _build_end,
        lambda v, _x, _e: f"the game ends: {v}",
    )
)
_register(
    Operation(
        "chronicle",
        "effect",
        t.Text(),
        "Writes a line into the chronicle.",
        'chronicle: "Rykov is arrested at the plenum."',
        _build_chronicle,
        lambda v, _x, _e: "chronicle entry",
    )
)


def date_window(data: Mapping[str, Any] | None) -> tuple[int, int, Mapping[str, Any] | None]:
    """Split a card's ``when`` into its date window (for the index) and the rest.

    A ``date`` at the top level or directly inside a top-level ``all`` bounds the window;
    whatever remains is returned as a condition (None when nothing remains).
    """
    lo, hi = -(10**9), 10**9
    if data is None:
        return lo, hi, None
    parts: list[Mapping[str, Any]]
    parts = list(data["all"]) if "all" in data else [data]
    rest: list[Mapping[str, Any]] = []
    for part in parts:
        if "date" in part:
            window = part["date"]
            if "from" in window:
                lo = max(lo, parse_month(window["from"]))
            if "to" in window:
                hi = min(hi, parse_month(window["to"]))
        else:
            rest.append(part)
    if not rest:
        return lo, hi, None
    if len(rest) == 1:
        return lo, hi, rest[0]
    return lo, hi, {"all": rest}


def describe_window(lo: int, hi: int) -> str:
    """A reader's form of a card's date window."""
    if lo <= -(10**8) and hi >= 10**8:
        return "at any date"
    if lo <= -(10**8):
        return f"until {format_month(hi)}"
    if hi >= 10**8:
        return f"from {format_month(lo)}"
    return f"between {format_month(lo)} and {format_month(hi)}"
