"""Poses and expressions from a panel's words: a small keyword lexicon read per figure.

A figure's own words come first (its dialogue if it speaks, the clauses of the background and caption that name
it), then the panel's mood (the background's parenthesised word, "(triumphant)", and its other clauses). A villain
never smiles: in a panel the heroes win it slumps and scowls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from domain.names import slugify
from domain.panel import Panel
from providers.offline.drawing.pen import first_match, match_starts

# Checked in this order: a figure who falls while cheering has fallen.
POSES: Final[dict[str, tuple[str, ...]]] = {
    "fall": ("fell", "fall", "stumble", "stumbled", "tumble", "tumbled", "collapse", "collapsed", "knocked down",
             "thrown down", "toppled"),  # not "slipped": "slipped his ropes", "slipped through a maze"
    "run": ("ran", "run", "race", "raced", "dash", "fled", "flee", "sprint", "chase", "chased", "hurried", "hurry",
            "rush", "outran", "escape", "escaped", "bolted", "scramble", "scrambled"),
    "point": ("point", "there!", "look!", "over there", "that way", "aim", "accuse", "accused", "see that",
              "follow me"),
    "celebrate": ("cheer", "celebrate", "celebrated", "celebrat", "celebration", "triumphant", "victory", "hooray",
                  "hurrah", "rejoice", "rejoiced", "dance", "danced", "danc", "joyful", "we did it", "we won"),
    "fight": ("fought", "fight", "battle", "duel", "struck", "strike", "attack", "clash", "faced", "stop me", "defied",
              "charged", "swung"),
}  # fmt: skip

EXPRESSIONS: Final[dict[str, tuple[str, ...]]] = {
    "wince": ("hurt", "wound", "injur", "injured", "ouch", "pain", "bleed", "limp", "wince", "winced", "bruise",
              "bruised", "ache", "ached"),
    "shock": ("gasp", "shock", "surprise", "surprised", "what?", "impossible", "terrified", "scream", "missing",
              "vanish", "stolen", "gone!", "afraid", "fear"),
    "scowl": ("angry", "furious", "rage", "scowl", "glare", "glared", "snarl", "stop me", "curse", "pay for", "menace",
              "menac", "how dare", "fool"),
    "grin": ("joyful", "triumphant", "cheer", "laugh", "hooray", "victory", "celebrate", "celebrated", "celebrat",
             "not bad", "delight", "delighted", "we did it", "happy", "glad"),
    # Not "lonely" or "alone": stories use them as a character's label ("a lonely robot"), in every panel.
    "sad": ("sad", "wept", "weep", "tears", "grief", "mourn", "nothing ever happens", "miss", "sigh"),
    "worried": ("desperate", "tense", "worried", "worry", "anxious", "someone should", "danger", "never reach"),
}  # fmt: skip

# A creature rises up (rears, looms) at these words of its own, whatever its mood.
REARING: Final = ("rose", "rise", "rising", "reared", "rear", "loom", "loomed", "towered", "full height", "surged",
                  "burst", "sprang", "lunged", "reared up")  # fmt: skip
# A creature takes to the air at these words of its own (a winged one is drawn flying, others running), and lowers
# its head to charge at these.
FLYING: Final = ("fly", "flew", "flies", "soar", "soared", "swoop", "swooped", "took flight", "took wing", "aloft",
                 "airborne", "across the sky", "through the sky", "into the sky", "overhead")  # fmt: skip
CHARGING: Final = ("charge", "charged", "stampede", "stampeded", "barrelled", "barreled", "rammed")
# A creature's face for a person's expression: its sheet's calm face for a smile or a steady look.
CREATURE_FACES: Final = {"scowl": "roar", "grin": "happy", "sad": "sad", "wince": "sad", "shock": "shock"}

# Words that negate what follows them in a clause, and what a negated expression means instead (else nothing).
NEGATORS: Final = frozenset({"not", "no", "never", "nor", "without", "nobody", "none", "neither", "hardly", "cannot"})
_OPPOSITES: Final = {"grin": "sad"}

VILLAINS: Final = frozenset({"antagonist"})
_WINNING: Final = frozenset({"celebrate"})
_SMILES: Final = frozenset({"smile", "grin"})


@dataclass(frozen=True)
class Stance:
    """How a figure stands and looks in one panel."""

    pose: str  # stand, run, point, celebrate, fight, fall, slump
    expression: str  # smile, grin, stern, scowl, wince, shock, sad, worried


def stance_for(panel: Panel, name: str, role: str | None, speaking: bool, stern: bool = False) -> Stance:
    """The pose and expression of `name` (of `role`, speaking or not) in `panel`; `stern` is its resting face."""
    own = " ".join(_clauses_naming(panel, name)) + (" " + _words(panel.dialogue) if speaking else "")
    # The panel's mood is what it says of no one else ("Bo scowls" is Bo's face, not everyone's).
    others = [n for n in panel.characters if _parts(n) - _parts(name)]
    mood = " ".join(c for c in _clauses(panel) if not any(_parts(n) & _words_of(c) for n in others))
    pose = _first(own, POSES) or _panel_pose(mood)
    resolve = "stern" if pose == "fight" else None  # a hero facing the villain is set on it, whatever the mood
    expression = _first(own, EXPRESSIONS) or resolve or _first(mood, EXPRESSIONS) or ("stern" if stern else "smile")
    if pose == "fall" and expression in _SMILES:
        expression = "wince"
    if role in VILLAINS:
        winning = pose in _WINNING or _first(mood, POSES) in _WINNING or expression == "grin"
        if winning:  # the heroes' victory is the villain's defeat
            return Stance("slump", "scowl")
        if expression in _SMILES or pose == "fight":
            expression = "scowl"
    return Stance(pose, expression)


def creature_stance(panel: Panel, name: str, role: str | None, speaking: bool) -> Stance:
    """A creature's pose and face from the same lexicon as a person's: it rears up when it fights, celebrates or
    its own words say it rises, runs (races, flees, chases) or flies (soars, takes to the sky), charges head down,
    hangs its head when sad, hurt or beaten, and roars (angry), beams (happy), droops (sad) or stares (shocked).
    Poses: stand, rear, low, fall, run, fly, charge; faces: sheet (its sheet's calm face), roar, happy, sad, shock."""
    person = stance_for(panel, name, role, speaking)
    face = CREATURE_FACES.get(person.expression, "sheet")
    if person.pose == "fight" and face == "sheet":
        face = "roar"  # a creature that fights bares its teeth (a person's fighting face is only set)
    if person.pose == "fall":
        return Stance("fall", face)
    own = " ".join(_clauses_naming(panel, name)) + (" " + _words(panel.dialogue) if speaking else "")
    if _said(own, CHARGING):
        return Stance("charge", "roar" if face == "sheet" else face)
    if _said(own, FLYING):
        return Stance("fly", face)
    if person.pose == "run":
        return Stance("run", face)
    if person.pose == "slump" or (face == "sad" and person.pose == "stand"):
        return Stance("low", face)
    if person.pose in ("fight", "celebrate") or first_match(own, REARING) is not None:
        return Stance("rear", face)
    return Stance("stand", face)


def _said(text: str, words: tuple[str, ...]) -> bool:
    """Whether any of the words occurs in `text` not negated ("never flew")."""
    return any(not _negated(text, at) for at in match_starts(text, words))


def _panel_pose(mood: str) -> str:
    """A pose every figure takes from the panel's mood alone: only a celebration is shared."""
    return "celebrate" if _first(mood, POSES) == "celebrate" else "stand"


def _first(text: str, table: dict[str, tuple[str, ...]]) -> str | None:
    """The entry of `table` whose words occur earliest in `text` (ties: table order), negation heeded: a negated
    word ("not afraid", "no longer sad", "did not fall") counts for nothing, or for its opposite where it has one
    ("never happy" is sad)."""
    hits: list[tuple[int, int, str]] = []
    for i, (key, words) in enumerate(table.items()):
        for at in match_starts(text, words):
            if not _negated(text, at):
                hits.append((at, i, key))
                break
            if (opposite := _OPPOSITES.get(key)) in table:
                hits.append((at, i, opposite))
                break
    return min(hits)[2] if hits else None


def _negated(text: str, at: int) -> bool:
    """Whether a negation comes just before `at` in its clause: among its last four words ("no one can say
    nothing ever happens", "do not be afraid", "isn't angry")."""
    before = re.split(r"[.;:!?,]", text[:at].lower())[-1].split()[-4:]
    return any(word in NEGATORS or word.endswith(("n't", "n\u2019t")) for word in before)


def _words(dialogue: str) -> str:
    """The words of a "Name: words" line."""
    name, colon, words = dialogue.partition(":")
    return words if colon and len(name) <= 60 else dialogue


def _clauses(panel: Panel) -> list[str]:
    """The background's and caption's clauses (split at stops, semicolons, colons and joining words)."""
    return re.split(r"[.;:!?(),]| and | but | while | as ", f"{panel.background}. {panel.caption}")


def _parts(name: str) -> set[str]:
    """The words a name may be called by: "Bo" is one, the "a" of "Ada a Quill" is not."""
    return {p for p in slugify(name).split("-") if len(p) > 1}


def _words_of(clause: str) -> set[str]:
    return set(slugify(clause).split("-"))


def _clauses_naming(panel: Panel, name: str) -> list[str]:
    """The clauses of the background and caption that name `name` (its full name or any part of it)."""
    parts = _parts(name)
    return [c for c in _clauses(panel) if parts & _words_of(c)]
