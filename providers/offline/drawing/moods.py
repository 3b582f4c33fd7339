"""Poses and expressions from a panel's words: a small keyword lexicon read per figure.

A figure's own words come first (its dialogue if it speaks, the clauses of the background and caption that name
it or go on with it as their subject: `_attributed`), then the panel's mood (the background's parenthesised word,
"(triumphant)", and its other clauses). A villain never smiles: in a panel the heroes win it slumps and scowls.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from domain.names import slugify
from domain.panel import Panel
from providers.offline.drawing.pen import first_match, has_any, match_starts

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
    "sad": ("sad", "wept", "weep", "tears", "grief", "mourn", "nothing ever happens", "miss", "sigh", "ruined",
            "spoiled", "give up", "all that work", "never be ready", "too late", "got away", "heart sank"),
    "worried": ("desperate", "tense", "worried", "worry", "anxious", "someone should", "danger", "never reach"),
    # Its resting face (a smile, a stern look, a creature's sheet face) against the panel's mood.
    "calm": ("calm", "calmly", "serene", "serenely", "peaceful", "peacefully", "unafraid", "unmoved", "smiled",
             "smiling", "patiently"),
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
_OPPOSITES: Final = {"grin": "sad", "calm": "worried"}

VILLAINS: Final = frozenset({"antagonist"})
_WINNING: Final = frozenset({"celebrate"})
_SMILES: Final = frozenset({"smile", "grin"})


@dataclass(frozen=True)
class Stance:
    """How a figure stands and looks in one panel."""

    pose: str  # stand, run, point, celebrate, fight, fall, slump
    expression: str  # smile, grin, stern, scowl, wince, shock, sad, worried


Aliases = Mapping[str, frozenset[str]]  # a figure's name -> other words the text calls it by ("serpent", "robot")


def stance_for(
    panel: Panel, name: str, role: str | None, speaking: bool, stern: bool = False, aliases: Aliases | None = None
) -> Stance:
    """The pose and expression of `name` (of `role`, speaking or not) in `panel`; `stern` is its resting face;
    `aliases` the words the panel's figures are called by besides their names ("the serpent watched calmly")."""
    clauses = _attributed(panel, name, aliases or {})
    own = " ".join(c for c, owners in clauses if 0 in owners) + (" " + _words(panel.dialogue) if speaking else "")
    # The panel's mood is what it says of no one else ("Bo scowls" is Bo's face, not everyone's).
    mood = " ".join(c for c, owners in clauses if owners <= {0})
    pose = _first(own, POSES) or _panel_pose(mood)
    resolve = "stern" if pose == "fight" else None  # a hero facing the villain is set on it, whatever the mood
    expression = _first(own, EXPRESSIONS) or resolve or _first(mood, EXPRESSIONS) or "calm"
    if expression == "calm":  # its resting face, whatever the panel's mood
        expression = "stern" if stern else "smile"
    if pose == "fall" and expression in _SMILES:
        expression = "wince"
    if role in VILLAINS:
        winning = pose in _WINNING or _first(mood, POSES) in _WINNING or expression == "grin"
        if winning:  # the heroes' victory is the villain's defeat
            return Stance("slump", "scowl")
        if expression in _SMILES or pose == "fight":
            expression = "scowl"
    return Stance(pose, expression)


def creature_stance(
    panel: Panel, name: str, role: str | None, speaking: bool, aliases: Aliases | None = None
) -> Stance:
    """A creature's pose and face from the same lexicon as a person's: it rears up when it fights, celebrates or
    its own words say it rises, runs (races, flees, chases) or flies (soars, takes to the sky), charges head down,
    hangs its head when sad, hurt or beaten, and roars (angry), beams (happy), droops (sad) or stares (shocked).
    Poses: stand, rear, low, fall, run, fly, charge; faces: sheet (its sheet's calm face), roar, happy, sad, shock."""
    person = stance_for(panel, name, role, speaking, aliases=aliases)
    face = CREATURE_FACES.get(person.expression, "sheet")
    if person.pose == "fight" and face == "sheet":
        face = "roar"  # a creature that fights bares its teeth (a person's fighting face is only set)
    if person.pose == "fall":
        return Stance("fall", face)
    own = " ".join(c for c, owners in _attributed(panel, name, aliases or {}) if 0 in owners)
    own += " " + _words(panel.dialogue) if speaking else ""
    if _said(own, CHARGING):
        return Stance("charge", "roar" if face == "sheet" else face)
    if _said(own, FLYING):
        return Stance("fly", face)
    if person.pose == "run":
        return Stance("run", face)
    if person.pose == "slump" and role in VILLAINS:  # beaten: its head hung, its roar gone (a bared jaw menaced)
        return Stance("low", "sad")
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


# A sentence ends at these; clauses within it at these (a stage direction's "Bo scowls; strikes" is one sentence).
_SENTENCE_ENDS: Final = re.compile(r"[.:!?()]")
_CLAUSE_ENDS: Final = re.compile(r"[;,]| and | but | while | as ")
# Words that open a clause before its subject ("though Bo wept", "then ran").
_OPENERS: Final = frozenset(
    "and but while as though although then so yet when until after before because since once whilst till even still "
    "now".split()
)
# A clause opening with these has a subject of its own that is not a figure ("the crowd wept", "a wind rose").
_OTHER_SUBJECTS: Final = frozenset(
    "the a an his her their its our my your every each some all no this that these those there everyone everybody "
    "nobody someone somebody nothing something one".split()
)
_RELATIVES: Final = frozenset({"who", "whom", "whose"})


def _attributed(panel: Panel, name: str, aliases: Aliases) -> list[tuple[str, frozenset[int]]]:
    """The background's and caption's clauses, each with whom it is about: 0 for `name`, 1... for the panel's other
    figures. A clause is about those it names and its subject's: a figure named at its start ("Bo scowls", "though
    Bo wept"); with no one there, the subject of the clause before in the sentence when it goes on with a verb, a
    word or a pronoun ("Bo slipped his ropes and ran", "Ada, weeping, ...", "Ada stood, and she wept"); "who" the
    one named last ("angry with Bo, who wept"); names alone share the next clause's ("Ada and Bo ran"). A clause
    with a subject of its own ("the crowd wept", "New Tharsis glowed") is about no one but those it names; a figure
    is named by its name's words and its `aliases` ("the serpent")."""
    called = {n: _parts(n) | aliases.get(n, frozenset()) for n in {name, *panel.characters}}
    cast = [called[name], *(called[n] for n in panel.characters if _parts(n) - _parts(name))]
    found: list[tuple[str, frozenset[int]]] = []
    for sentence in _SENTENCE_ENDS.split(f"{panel.background}. {panel.caption}"):
        subject: frozenset[int] = frozenset()
        pending: set[int] = set()  # names waiting for their verb
        last: frozenset[int] = frozenset()  # those named last, for "who"
        for clause in _CLAUSE_ENDS.split(sentence):
            tokens = re.findall(r"[\w'\u2019-]+", clause)
            while tokens and tokens[0].lower() in _OPENERS:
                tokens = tokens[1:]
            if not tokens:
                continue
            words = [part for token in tokens for part in slugify(token).split("-") if part]
            named = frozenset(i for i, parts in enumerate(cast) if parts & set(words))
            leading = frozenset(i for i in named if cast[i] & set(_slugs(tokens[:3])))
            first = tokens[0]
            if leading:
                subject = leading | pending
            elif first.lower() in _RELATIVES:
                subject = last or subject
            elif first.lower() in _OTHER_SUBJECTS or first[:1].isupper():
                subject = frozenset(pending)  # a noun of its own (a capital: a place, a ship), not a figure
            else:
                subject = subject | pending
            bare = named and all(any(w in parts for parts in cast) for w in words)
            pending = set(named) if bare else set()
            if named:  # the one named last in it
                last = frozenset({max(named, key=lambda i: max(k for k, w in enumerate(words) if w in cast[i]))})
            found.append((clause, named | subject))
    return found


def _slugs(tokens: list[str]) -> set[str]:
    """The name-words of a clause's first tokens, but not a possessive ("Wrackford's fortress")."""
    return {p for t in tokens if not t.lower().endswith(("'s", "\u2019s")) for p in slugify(t).split("-") if p}


def _parts(name: str) -> set[str]:
    """The words a name may be called by: "Bo" is one, the "a" of "Ada a Quill" is not."""
    return {p for p in slugify(name).split("-") if len(p) > 1}


# A hand-held object is in the hands of the figure these words go with, or stands on something at these.
HOLDING: Final = ("hold", "held", "carry", "carried", "carries", "grip", "gripped", "clutch", "clutched",
                  "wield", "wielded", "brandish", "brandished", "clasp", "clasped", "cradle", "cradled", "raised",
                  "lifted")  # fmt: skip
RESTING: Final = ("table", "pedestal", "cushion", "altar", "plinth", "shelf", "display case", "glass case",
                  "on display")  # fmt: skip


def holder_of(panel: Panel, name: str, people: list[str]) -> str | None:
    """Which of `people` the panel's words say holds (carries, grips ...) the object `name`: the one named nearest
    the word in a sentence that names the object too; None if no sentence says so."""
    own, others = _parts(name), {p: _parts(p) for p in people}
    for sentence in _SENTENCE_ENDS.split(f"{panel.background}. {panel.caption}"):
        words = [w for w in slugify(sentence).split("-") if w]
        verbs = [i for i, w in enumerate(words) if w in _HOLD_FORMS]
        if not verbs or not own & set(words):
            continue
        named = [(abs(i - verbs[0]) + (0.5 if i > verbs[0] else 0), p) for p, parts in others.items()
                 for i, w in enumerate(words) if w in parts]  # fmt: skip
        if named:
            return min(named)[1]
    return None


def rests_on_something(panel: Panel, name: str) -> bool:
    """Whether the panel's words set the object `name` on a table, pedestal, cushion ... (in one sentence)."""
    own = _parts(name)
    for sentence in _SENTENCE_ENDS.split(f"{panel.background}. {panel.caption}"):
        if own & set(slugify(sentence).split("-")) and has_any(sentence, RESTING):
            return True
    return False


_HOLD_FORMS: Final = frozenset(
    {w for word in HOLDING for w in (word, word + "s", word + "ing", word + "ed")} | {"holding", "carrying", "gripping"}
)
