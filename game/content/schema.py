"""The shape of every content file, written once in the type language of ``game.core.spec``.

The validator walks files against these records, ``divergence schema`` turns them into JSON
Schema, and docs/MODDING.md is generated from them and from the operation registry.
"""

from __future__ import annotations

from game.core import spec as t
from game.core.state import STATUSES

ID = t.Str(pattern=r"^[a-z][a-z0-9_]*$", hint="an id (lower-case letters, digits, _)")
CARD_ID = t.Str(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$", hint="a namespaced card id (campaign.name)")
KINDS = ("event", "action", "world")
STANCES = ("bold", "cautious", "neutral")
ENDING_KINDS = ("death", "defeat", "survival", "victory")
REPLACE = t.Bool()
REPLACE_DOC = (
    "true: this definition replaces the one with the same id from the base game or an earlier mod "
    "(without it, reusing an id is an error; to change a few fields, use a patch)"
)
POLICIES = ("random", "historical", "cautious", "bold", "mixed", "ambitious")

MODIFIER = t.Record(
    "modifier",
    {
        "if": t.Field(t.Condition(), required=True, doc="when the modifier applies"),
        "add": t.Field(t.Num(min=-1000, max=1000), doc="added to the base"),
        "mul": t.Field(t.Num(min=0, max=100), doc="multiplies the result"),
    },
    doc="A conditional change: `add` is summed, `mul` multiplied.",
    one_of_required=(("add", "mul"),),
)

CHANCE = t.Record(
    "chance",
    {
        "base": t.Field(t.Num(min=0, max=1), required=True, doc="the probability before modifiers, in [0, 1]"),
        "source": t.Field(t.Text(), doc="the historical claim this chance follows (seed, FACTS id, book)"),
        "modifiers": t.Field(t.ListOf(MODIFIER), doc="conditional changes; `add` within [-1, 1]"),
    },
    doc="chance = clamp(base + sum(add), 0, 1) * product(mul), clamped to [0, 1].",
)

OUTCOME = t.Record(
    "outcome",
    {
        "chance": t.Field(CHANCE, doc="how likely this branch is (leave out on the `otherwise` branch)"),
        "otherwise": t.Field(t.Bool(), doc="true on the last branch: whatever probability is left"),
        "text": t.Field(t.Text(), doc="what the player reads when this branch happens"),
        "effects": t.Field(t.ListOf(t.Effect()), doc="applied when this branch happens"),
    },
    doc="One branch of an option's chances; branches are exclusive and rolled once, in order.",
    one_of_required=(("chance", "otherwise"),),
)

OPTION = t.Record(
    "option",
    {
        "id": t.Field(ID, required=True, doc="unique within the card"),
        "text": t.Field(t.Text(), required=True, doc="the choice as the player reads it"),
        "stance": t.Field(t.Enum(STANCES), doc="how the simulated cautious and bold players see it"),
        "historical": t.Field(t.Bool(), doc="what really happened (one option per card at most)"),
        "requires": t.Field(t.Condition(), doc="the option is shown greyed out unless this holds"),
        "effects": t.Field(t.ListOf(t.Effect()), doc="applied when chosen, before the outcome is rolled"),
        "outcomes": t.Field(t.ListOf(OUTCOME, min_items=1), doc="chance branches, rolled after the effects"),
        "result": t.Field(t.Text(), doc="shown after the choice, before any outcome text"),
    },
    doc="A choice on an event or action card.",
)

WEIGHT = t.Record(
    "weight",
    {
        "base": t.Field(t.Num(min=0), required=True, doc="the weight before modifiers"),
        "modifiers": t.Field(t.ListOf(MODIFIER), doc="conditional changes"),
    },
    doc="A draw weight that depends on the state.",
)

CARD = t.Record(
    "card",
    {
        "id": t.Field(CARD_ID, required=True, doc="global id, namespaced: `campaign.name`"),
        "replace": t.Field(REPLACE, doc=REPLACE_DOC),
        "kind": t.Field(
            t.Enum(KINDS), required=True, doc="event (answered), action (played from the hand), world (fires by itself)"
        ),
        "campaign": t.Field(t.Ref("campaign"), required=True, doc="the campaign whose deck holds the card"),
        "actor": t.Field(ID, doc="whose deck holds it: the player, or stalin, yezhov, nkvd, germany..."),
        "title": t.Field(t.Text(), required=True, doc="the card's title"),
        "text": t.Field(t.Text(), doc="the card's prose"),
        "when": t.Field(t.Condition(), doc="eligibility; a `date` here (or in a top-level `all`) indexes the card"),
        "weight": t.Field(t.OneOf((t.Num(min=0), WEIGHT)), doc="draw weight: a number, or {base, modifiers}"),
        "once": t.Field(t.Bool(), doc="fires at most once (default: true for event and world, false for action)"),
        "options": t.Field(t.ListOf(OPTION, min_items=1), doc="event and action cards: the choices"),
        "effects": t.Field(t.ListOf(t.Effect()), doc="world cards: applied when the card fires"),
        "outcomes": t.Field(t.ListOf(OUTCOME, min_items=1), doc="world cards: chance branches"),
        "history": t.Field(t.Text(), doc="what really happened; shown after the choice and in the chronicle"),
        "sources": t.Field(t.ListOf(t.Text()), doc="where the card's facts come from"),
        "date_label": t.Field(
            t.Text(),
            doc="the date the player reads while the card is in front of them and beside it in the chronicle "
            "(e.g. `23 February–5 March 1937`), instead of the era's turn label (`February 1937`, `1939`, "
            "`Spring 1953`); prose only: when the card can fire is still its `when` date",
        ),
    },
    doc="An event, action or world card. For world cards, `weight` is the percent chance per turn that "
    "an eligible card fires (100 = as soon as it is eligible).",
)

METER = t.Record(
    "meter",
    {
        "label": t.Field(t.Text(), required=True, doc="the name the player reads"),
        "min": t.Field(t.Int(), doc="lower bound (default 0)"),
        "max": t.Field(t.Int(), doc="upper bound (default 100)"),
        "start": t.Field(t.Int(), required=True, doc="value at the start"),
        "description": t.Field(t.Text(), doc="what the meter means"),
        "good": t.Field(
            t.Enum(("high", "low", "neutral")),
            doc="which way is good for the player (default high); frontends colour changes by it",
        ),
    },
)

ERA = t.Record(
    "era",
    {
        "from": t.Field(t.Date(), required=True, doc="first month"),
        "to": t.Field(t.Date(), required=True, doc="last month"),
        "step": t.Field(t.Enum(("month", "quarter", "year")), required=True, doc="how far a turn moves the date"),
        "name": t.Field(t.Text(), doc="a name for the era"),
    },
)

FRAGMENT = t.Record(
    "fragment",
    {
        "when": t.Field(t.Condition(), required=True, doc="the paragraph is shown when this holds at the ending"),
        "text": t.Field(t.Text(), required=True, doc="the paragraph"),
    },
    doc="A paragraph of an epilogue chosen by the final state (tried or never tried, alive or dead...).",
)

ENDING = t.Record(
    "ending",
    {
        "id": t.Field(ID, required=True, doc="unique within the campaign"),
        "title": t.Field(t.Text(), required=True, doc="the ending's title"),
        "kind": t.Field(t.Enum(ENDING_KINDS), doc="death, defeat, survival or victory"),
        "when": t.Field(t.Condition(), doc="reached as soon as this holds after a decision"),
        "text": t.Field(t.Text(), required=True, doc="the epilogue"),
        "fragments": t.Field(
            t.ListOf(FRAGMENT), doc="paragraphs added after `text`, in order, each when its condition holds"
        ),
        "history": t.Field(t.Text(), doc="what really happened, for comparison"),
    },
)

MEASURE = t.Record(
    "measure",
    {
        "ending_in": t.Field(t.ListOf(t.Ref("ending"), min_items=1), doc="the game ends in one of these"),
        "flag": t.Field(t.Ref("flag"), doc="the flag is set (by the date `by`, if given)"),
        "character": t.Field(t.Ref("character"), doc="the character has one of `status` (by `by`)"),
        "status": t.Field(t.OneOrList(t.Enum(STATUSES)), doc="with `character`"),
        "meter": t.Field(t.Ref("meter"), doc="the meter ends within `between`"),
        "between": t.Field(t.ListOf(t.Num()), doc="with `meter`: [low, high]"),
        "by": t.Field(t.Date(), doc="with `flag` or `character`: the date by which it holds"),
    },
    doc="What a constraint counts in each simulated game.",
    one_of_required=(("ending_in", "flag", "character", "meter"),),
)

EXPECT = t.Record(
    "expectation",
    {
        "between": t.Field(t.ListOf(t.Num(min=0, max=1)), doc="[low, high] rate"),
        "at_least": t.Field(t.Num(min=0, max=1), doc="the rate is at least this"),
        "at_most": t.Field(t.Num(min=0, max=1), doc="the rate is at most this"),
    },
    one_of_required=(("between", "at_least", "at_most"),),
)

CONSTRAINT = t.Record(
    "constraint",
    {
        "id": t.Field(ID, required=True, doc="unique within the campaign"),
        "claim": t.Field(t.Text(), required=True, doc="the historical claim in words"),
        "source": t.Field(t.Text(), required=True, doc="where the claim comes from"),
        "policy": t.Field(t.Enum(POLICIES), required=True, doc="which simulated player is measured"),
        "given": t.Field(t.Condition(), doc="only games whose final state meets this are counted"),
        "measure": t.Field(MEASURE, required=True, doc="what is counted"),
        "expect": t.Field(EXPECT, required=True, doc="the rate the claim allows"),
    },
    doc="A historical claim the campaign's odds must respect; checked by `divergence calibrate`.",
)

MILESTONE = t.Record(
    "milestone",
    {
        "id": t.Field(ID, required=True, doc="unique within the campaign"),
        "title": t.Field(t.Text(), required=True, doc='what the forecast calls it ("alive in 1939")'),
        "measure": t.Field(MEASURE, required=True, doc="when a game reaches it (as a constraint's measure)"),
    },
    doc="A moment worth forecasting: `divergence forecast` gives the chance a game reaches it.",
)

CAST_MEMBER = t.Record(
    "cast member",
    {"status": t.Field(t.Enum(STATUSES), doc="status at the start (default free)")},
)

GOAL_TERM = t.Record(
    "goal term",
    {
        "if": t.Field(t.Condition(), required=True, doc="when the term counts"),
        "value": t.Field(t.Num(min=-100, max=100), required=True, doc="what it is worth"),
    },
)

GOAL = t.Record(
    "goal",
    {
        "endings": t.Field(
            t.MapOf(t.Ref("ending"), t.Num(min=-100, max=100)),
            doc="the worth of each ending (unlisted: -1 for a death ending, else 0)",
        ),
        "terms": t.Field(t.ListOf(GOAL_TERM), doc="worth of an unfinished game: the terms that hold"),
        "meters": t.Field(t.MapOf(t.Ref("meter"), t.Num(min=-10, max=10)), doc="plus each meter's value times this"),
    },
    doc="What the `ambitious` simulated player plays towards: it looks ahead on sampled continuations "
    "and takes the choice whose futures score best.",
)

START = t.Record(
    "start",
    {
        "id": t.Field(ID, required=True, doc="unique within the campaign (`--start ID`)"),
        "title": t.Field(t.Text(), required=True, doc="the start's name on the new-game screen"),
        "date": t.Field(t.Date(), required=True, doc="the first month of a game from this start"),
        "summary": t.Field(t.Text(), doc="one line for the new-game screen"),
        "intro": t.Field(t.Text(), doc="prose shown when a game starts (default: the campaign's)"),
        "meters": t.Field(t.MapOf(t.Ref("meter"), t.Int()), doc="starting values that differ from the meters'"),
        "flags": t.Field(t.ListOf(t.Ref("flag", role="write")), doc="flags already set: what happened before"),
        "cast": t.Field(t.MapOf(t.Ref("character"), CAST_MEMBER), doc="starting statuses that differ"),
        "constraints": t.Field(t.ListOf(CONSTRAINT), doc="historical claims measured on games of this start"),
        "goal": t.Field(GOAL, doc="the `ambitious` player's goal from this start (default: the campaign's)"),
    },
    doc="One way into a campaign. The first start is the default; campaign-level constraints belong to it.",
)

LIE_LOW = t.Record(
    "lie_low",
    {
        "text": t.Field(t.Text(), required=True, doc="the action as the player reads it"),
        "description": t.Field(t.Text(), doc="longer prose"),
        "effects": t.Field(t.ListOf(t.Effect()), doc="applied when the player lies low"),
    },
)

FLAG = t.Record(
    "flag",
    {
        "set": t.Field(
            t.Text(), required=True, doc='what the flag means when set, as a clause ("the plot has been formed")'
        ),
        "clear": t.Field(t.Text(), doc='what it means when not set ("no plot has been formed"); default: "not (...)"'),
    },
    doc="A flag described for the player: options that need it say so in these words.",
)

CAMPAIGN = t.Record(
    "campaign",
    {
        "id": t.Field(ID, required=True, doc="the campaign's id; its cards are namespaced with it"),
        "replace": t.Field(REPLACE, doc=REPLACE_DOC),
        "title": t.Field(t.Text(), required=True, doc="the title on the title screen"),
        "player": t.Field(t.Ref("character"), required=True, doc="the character the player plays"),
        "summary": t.Field(t.Text(), doc="one line for the character choice"),
        "intro": t.Field(t.Text(), doc="prose shown when a game starts"),
        "start": t.Field(t.Date(), doc="the first month (default: the first era's start)"),
        "eras": t.Field(t.ListOf(ERA, min_items=1), required=True, doc="consecutive spans with their step"),
        "meters": t.Field(t.MapOf(ID, METER, min_items=1), required=True, doc="the campaign's meters"),
        "cast": t.Field(t.MapOf(t.Ref("character"), CAST_MEMBER), doc="characters in play and their starting status"),
        "events_per_turn": t.Field(
            t.MapOf(t.Int(min=0, max=5), t.Num(min=0, max=1)), doc="probability of drawing 0, 1, 2... events"
        ),
        "world_per_turn": t.Field(t.Int(min=0, max=20), doc="most world cards that fire in one turn (default 3)"),
        "hand_size": t.Field(t.Int(min=1, max=9), doc="action cards offered each turn, besides lying low"),
        "lie_low": t.Field(LIE_LOW, doc="the action that is always available"),
        "default_ending": t.Field(t.Ref("ending"), required=True, doc="the ending when the last era runs out"),
        "endings": t.Field(t.ListOf(ENDING, min_items=1), required=True, doc="the ways the campaign ends"),
        "constraints": t.Field(
            t.ListOf(CONSTRAINT), doc="historical claims checked by calibration (on games of the first start)"
        ),
        "starts": t.Field(
            t.ListOf(START, min_items=1), doc="ways into the campaign; without it one start from the fields above"
        ),
        "goal": t.Field(GOAL, doc="what the `ambitious` simulated player plays towards"),
        "milestones": t.Field(t.ListOf(MILESTONE), doc="moments whose chance `divergence forecast` reports"),
        "flags": t.Field(
            t.MapOf(t.Ref("flag"), FLAG),
            doc="flags described in words: an option that needs one says 'needs: <set>' (else the flag's id)",
        ),
    },
    doc="A playable campaign.",
)

CHARACTER = t.Record(
    "character",
    {
        "id": t.Field(ID, required=True, doc="global id"),
        "replace": t.Field(REPLACE, doc=REPLACE_DOC),
        "name": t.Field(t.Text(), required=True, doc="full name"),
        "born": t.Field(t.Date(), doc="month of birth"),
        "died": t.Field(t.Date(), doc="month of death in real history"),
        "role": t.Field(t.Text(), doc="who they are, in a line"),
        "bio": t.Field(t.Text(), doc="a longer note"),
    },
)

PATH = t.Str(
    pattern=r"^[a-z_][a-z0-9_]*(\[[A-Za-z0-9_]+\])?(\.[a-z_][a-z0-9_]*(\[[A-Za-z0-9_]+\])?)*$",
    hint="a field path such as title, options[confide].text or when.all[0]",
)

PATCH = t.Record(
    "patch",
    {
        "card": t.Field(t.Ref("card", "read"), doc="the id of the card to change"),
        "campaign": t.Field(t.Ref("campaign", "read"), doc="the id of the campaign to change"),
        "set": t.Field(
            t.MapOf(PATH, t.Anything()),
            doc="field path -> new value; the value is checked against the type at that path",
        ),
        "append": t.Field(
            t.MapOf(PATH, t.Anything()),
            doc="list path -> an item (or a list of items) added at its end; on a condition "
            "(`when`, `requires`) the clause is added with all: [...]",
        ),
        "replace": t.Field(
            t.MapOf(PATH, t.Anything()),
            doc="path of an existing item (options[id], outcomes[0]) -> its replacement",
        ),
        "remove": t.Field(t.ListOf(PATH), doc="paths of items or optional fields to remove"),
        "note": t.Field(t.Text(), doc="why the mod makes this change (shown by `divergence mods`)"),
    },
    doc="An explicit change to a card or campaign defined elsewhere (the base game or an earlier mod).",
    one_of_required=(("card", "campaign"), ("set", "append", "replace", "remove")),
)

WORK = t.Record(
    "work",
    {
        "id": t.Field(ID, required=True, doc="global id of the work"),
        "replace": t.Field(REPLACE, doc=REPLACE_DOC),
        "author": t.Field(t.Text(), required=True, doc="who wrote it (a person, an institution, a forum's posters)"),
        "title": t.Field(t.Text(), required=True, doc="its title"),
        "year": t.Field(t.Int(min=1, max=2100), doc="the year it appeared, when known"),
        "note": t.Field(t.Text(), doc="what kind of source it is, in a few words (a forum thread, memoirs)"),
        "short": t.Field(t.Text(), doc="how a note cites it in a few words (default: 'author year')"),
    },
    doc="An entry of the bibliography: historian mode shows it as 'author, title (year)'.",
)

SOURCE = t.Record(
    "source",
    {
        "id": t.Field(
            t.Str(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]*$", hint="a source tag as cards cite it (FACTS C09)"),
            required=True,
            doc="the tag that cards, chances and constraints give in `sources`/`source`",
        ),
        "replace": t.Field(REPLACE, doc=REPLACE_DOC),
        "about": t.Field(t.Text(), doc="what the claims under this tag are about"),
        "works": t.Field(t.ListOf(ID, min_items=1), required=True, doc="the works (ids) the tag rests on"),
    },
    doc="A source tag read as citations: the tag stays in the content, the player reads the works.",
)

CONTENT_FILE = t.Record(
    "content file",
    {
        "campaign": t.Field(CAMPAIGN, doc="a campaign definition"),
        "cards": t.Field(t.ListOf(CARD), doc="cards"),
        "characters": t.Field(t.ListOf(CHARACTER), doc="characters"),
        "patches": t.Field(t.ListOf(PATCH), doc="changes to cards and campaigns defined elsewhere"),
        "works": t.Field(t.ListOf(WORK), doc="entries of the bibliography"),
        "sources": t.Field(t.ListOf(SOURCE), doc="source tags and the works each rests on"),
    },
    doc="A YAML content file: any of `campaign`, `cards`, `characters`, `patches`, `works`, `sources`.",
    one_of_required=(("campaign", "cards", "characters", "patches", "works", "sources"),),
)

RECORDS = (
    CONTENT_FILE,
    CAMPAIGN,
    CARD,
    OPTION,
    OUTCOME,
    CHANCE,
    MODIFIER,
    WEIGHT,
    METER,
    ERA,
    ENDING,
    CONSTRAINT,
    MEASURE,
    EXPECT,
    CHARACTER,
    CAST_MEMBER,
    LIE_LOW,
    START,
    GOAL,
    GOAL_TERM,
    FRAGMENT,
    PATCH,
    FLAG,
    WORK,
    SOURCE,
)
