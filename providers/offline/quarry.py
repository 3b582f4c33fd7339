"""Reading a prompt that names only creatures in conflict (data/hunt.toml): "two wolves hunt a deer" is a hunt, "a
rabbit escapes a fox" a flight, "a hawk and a snake fight" a fight. The subject is the hero, the other creature its
opponent (the quarry, the hunter or the foe), and a number or a group word gives each side that many of its kind
("two wolves", "a pack of wolves", "three little pigs"): one the hero (or the opponent), the others its kin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from providers.offline.data import load, words
from providers.offline.lexicon import (
    CREATURE_BIOMES,
    CREATURES,
    DETERMINERS,
    HERO_CREATURE_BIOMES,
    HUMANOIDS,
    MODALS,
    OBJECTS,
    PREPOSITIONS,
)
from providers.offline.text import singular
from providers.offline.things import Thing

if TYPE_CHECKING:
    from providers.offline.prompt import PromptFacts

_DATA = load("hunt")
_VERBS = {kind: words(text) for kind, text in _DATA["verbs"].items()}
_MENACING = words(_DATA["menacing"])
_NUMBERS: dict[str, int] = dict(_DATA["counts"]["numbers"])
_GROUPS = words(_DATA["counts"]["groups"])
_THROUGH = words(_DATA["counts"]["through"])
MOST: int = _DATA["counts"]["most"]
# Irregular plurals `singular` does not know: "three blind mice".
_IRREGULAR = {"mice": "mouse", "geese": "goose", "oxen": "ox"}
# Words that may stand between the subject and its verb: "two hungry wolves silently stalk", "try to catch".
_BEFORE_VERB = MODALS | {"try", "tries", "to", "set", "sets", "out", "go", "goes", "and", "then", "who", "that"}


@dataclass(frozen=True)
class _Side:
    """One side of the conflict: its creature's noun, where the prompt names it, and how many of it there are."""

    noun: str
    at: int
    count: int


def _noun(word: str) -> str:
    return _IRREGULAR.get(word, singular(word))


def _creature_at(scan: list[str], i: int) -> bool:
    """A creature's head noun ("wolves"), not the first half of a compound ("sea" of "sea serpent")."""
    if _noun(scan[i]) not in CREATURES:
        return False
    after = _noun(scan[i + 1]) if i + 1 < len(scan) else ""
    return after not in CREATURES | OBJECTS | HUMANOIDS


def _count(scan: list[str], i: int) -> int:
    """How many the prompt makes of the creature at `i`: a number word before it ("three little pigs"), two for a
    group ("a pack of wolves") or a bare plural ("the hens"), else one."""
    before = scan[max(0, i - 3) : i]
    number = next((_NUMBERS[w] for w in reversed(before) if w in _NUMBERS), None)
    if number is not None:
        return min(number, MOST)
    grouped = i >= 2 and scan[i - 1] == "of" and scan[i - 2] in _GROUPS
    return 2 if grouped or _noun(scan[i]) != scan[i] else 1


def _side(scan: list[str], start: int, stop: int) -> _Side | None:
    """The first creature named in `scan[start:stop]`, or None when a person or a thing comes first."""
    for i in range(start, min(stop, len(scan))):
        noun = _noun(scan[i])
        if noun in HUMANOIDS or (noun in OBJECTS and noun not in CREATURES):
            return None
        if _creature_at(scan, i):
            return _Side(noun, i, _count(scan, i))
    return None


def _verb(scan: list[str], start: int) -> tuple[str, int] | None:
    """The kind of conflict the verb after the subject names ("hunt", "flee", "fight") and where it is."""
    for j in range(start, min(start + 4, len(scan))):
        word = scan[j]
        kind = next((k for k, verbs in _VERBS.items() if word in verbs), None)
        if kind is not None:
            return kind, j
        if word not in _BEFORE_VERB and not word.endswith("ly"):
            return None
    return None


def _object(scan: list[str], start: int) -> _Side | None:
    """The creature the verb acts on ("a deer", "from two wolves", "on the hens"), stopping at a preposition that
    starts something else ("fight over a fish": the fish is what they fight for)."""
    for j in range(start, min(start + 6, len(scan))):
        word = scan[j]
        if word in PREPOSITIONS and word not in _THROUGH:
            return None
        if word in DETERMINERS or word in _NUMBERS or word in _THROUGH or _noun(word) not in CREATURES | HUMANOIDS:
            continue
        return _side(scan, j, j + 1)
    return None


def _subject(facts: PromptFacts, scan: list[str]) -> _Side | None:
    """The creature the prompt is about: its hero, or the creature of a group it names first ("a pack of wolves")."""
    for i in range(min(8, len(scan))):
        noun = _noun(scan[i])
        if noun in HUMANOIDS or scan[i] in PREPOSITIONS - {"of"}:
            return None
        if _creature_at(scan, i):
            wanted = facts.hero_noun if facts.hero_kind == "creature" else None
            return _Side(noun, i, _count(scan, i)) if wanted in (None, noun) else None
    return None


def read_hunt(facts: PromptFacts, scan: list[str]) -> None:
    """Make a creatures-only conflict the story's hunt, flight or fight: the subject the hero, the other creature
    the opponent (out of the companions), and each side's kin the first companions, hero's first. A prompt with a
    person in it, a contest, a mystery or another language is left as it is."""
    people = facts.others or facts.spare_names or (facts.hero_kind != "creature" and facts.hero_noun)
    if facts.language or facts.contest or facts.mystery or people or set(map(_noun, scan)) & HUMANOIDS:
        return
    subject = _subject(facts, scan)
    if subject is None:
        return
    after, pair = subject.at + 1, None
    if scan[after : after + 1] in (["named"], ["called"]):  # "a fox named Rusty hunts a hen"
        after += 2
    if after < len(scan) and scan[after] == "and":  # "a hawk and a snake fight"
        pair = _side(scan, after + 1, after + 5)
        after = pair.at + 1 if pair else after
    verb = _verb(scan, after)
    menacing = pair is not None and bool(set(scan[subject.at + 1 : pair.at]) & _MENACING)
    if facts.hero_kind == "creature":  # "three little pigs" are three, in a conflict or not
        facts.pack = subject.count
    if verb is None and not menacing:
        return
    kind, at = verb or ("flee", len(scan))  # "... and the big bad wolf": the pigs flee the wolf
    other = _object(scan, at + 1) or (pair if menacing else None)
    if kind == "fight" and other is None:
        # "a hawk and a snake fight" fight each other; "two dragons fight": one dragon the other
        other = pair or (_Side(subject.noun, subject.at, 1) if subject.count > 1 else None)
        subject = _Side(subject.noun, subject.at, 1) if pair is None else subject
    if other is None:
        return
    hero = next((t for t in facts.things if t.noun == subject.noun), None)
    if facts.hero_kind != "creature":  # "a pack of wolves hunts a deer": the wolves are the hero
        if hero is None or facts.hero_name is not None:
            return
        facts.hero_noun, facts.hero_phrase, facts.hero_kind = hero.noun, hero.phrase, "creature"
    phrase = facts.hero_phrase or subject.noun
    found = facts.opponent if facts.opponent and facts.opponent.noun == other.noun else None
    found = found or next((t for t in facts.things if t.noun == other.noun and other.noun != subject.noun), None)
    opponent = found or Thing("creature", other.noun, phrase if other.noun == subject.noun else other.noun)
    rest = [t for t in facts.things if t.noun not in (subject.noun, other.noun)]
    kin = [Thing("creature", subject.noun, phrase)] * (subject.count - 1)
    facts.things = [*kin, *[opponent] * (other.count - 1), *rest][: 2 * MOST]
    facts.hunt, facts.opponent, facts.pack, facts.foes = kind, opponent, subject.count, other.count
    if facts.biome is None and facts.place is None:
        facts.biome = _ground(kind, subject.noun, other.noun)


def _ground(kind: str, hero: str, other: str) -> str:
    """Where the tale happens when the prompt says nothing: a sea hunter's own waters (a shark hunts under the sea),
    else where the quarry lives (a lion hunts zebras on the plains, a fox hens on the farm), else the hunter's, else
    a wood (a werewolf hunts a vampire there, not on a space station the dice chose)."""
    hunter, prey = (other, hero) if kind == "flee" else (hero, other)
    for noun in (hunter, prey):
        if noun in HERO_CREATURE_BIOMES:
            return HERO_CREATURE_BIOMES[noun]
    return CREATURE_BIOMES.get(prey) or CREATURE_BIOMES.get(hunter) or "forest"
