"""Names the prompt itself gives ("Captain Ada Reyes hunts a sea monster", "a girl named Lina", "her dog Biscuit"):
the story keeps them instead of inventing its own."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from providers.offline.lexicon import (
    APOSTROPHES,
    BIOME_WORDS,
    CONCEPTS,
    CREATURES,
    HUMANOIDS,
    OBJECTS,
    PLACE_BIOMES,
    PLACE_NAMES,
    PLACE_PREPOSITIONS,
    STOPWORDS,
    TITLES,
    VEHICLE_PLACES,
)
from providers.offline.text import singular

_CAP = rf"[A-Z][a-zà-ÿ{APOSTROPHES}-]+"
_NAME = rf"{_CAP}(?:\s{_CAP}){{0,2}}"
# "a girl named Lina", "a dragon called Old Smoke".
_NAMED_RE = re.compile(rf"\b([a-z]+)\s+(?:named|called|nommée?|appelée?|llamad[oa])\s+({_NAME})")
# "her dog Biscuit", "the keeper Mara Quill": a noun right before a name is what that name is.
_APPOSED_RE = re.compile(rf"\b([a-z]+)\s+({_NAME})")
# Two or three capitalised words anywhere ("Ada Reyes", "Captain Ada Reyes", "Mara Quill").
_RUN_RE = re.compile(rf"(?<![\w{APOSTROPHES}-]){_CAP}(?:\s{_CAP}){{1,2}}")
_NOUNS = HUMANOIDS | CREATURES | OBJECTS | CONCEPTS
_NOT_NAMES = _NOUNS | frozenset(PLACE_BIOMES) | BIOME_WORDS | PLACE_NAMES | frozenset(VEHICLE_PLACES)
_SCAN = 2000  # characters: a pasted story names its people early


@dataclass
class GivenNames:
    """The prompt's names: those it attaches to a noun, and the others (people), each with where it first occurs."""

    of_noun: dict[str, str] = field(default_factory=dict)
    people: list[tuple[int, str]] = field(default_factory=list)

    def taken(self) -> set[str]:
        return set(self.of_noun.values()) | {name for _, name in self.people}


def _clean(name: str) -> str | None:
    """The name without a possessive or trailing stop word, or None when it is not a name (a place, a noun, "The")."""
    words = [w.removesuffix("'s").removesuffix("\u2019s") for w in name.split()]
    while words and words[-1].lower() in STOPWORDS:
        words.pop()
    if not words or all(w.lower() in TITLES for w in words):
        return None
    if any(w.lower() in STOPWORDS - TITLES for w in words) or any(w.lower() in STOPWORDS for w in words[1:]):
        return None  # "The Lighthouse", "Ada Of Sable": a title or a run of capitalised words, not a name
    title = 1 if words[0].lower() in TITLES else 0  # "Captain Ada Reyes": a title may be a noun too
    if any(singular(w.lower()) in _NOT_NAMES or w.lower() in _NOT_NAMES for w in words[title:]):
        return None
    return " ".join(words)


# "Pedro y su perro", "Marie participe à ...", "Tom and his dog": one capitalised word opening the prompt, then a
# word that is no article or pronoun ("Write a story about ...", "Imagine the ...": an order, not a name).
_LONE_RE = re.compile(rf"^\s*({_CAP})\s+([a-zà-ÿ]+)")
_NOT_FIRST = frozenset(
    "write tell imagine create draw make show generate give describe story please hello hi dear once "
    "deux trois dos tres una uno un une el le la los las les des il elle ils ella".split()
)
_NOT_AFTER = frozenset("a an the my me us our your this that these those his her their its some".split())


def _lone_name(text: str) -> str | None:
    """The name of one word the prompt opens with, when it reads as someone's: "Pedro finds a map"."""
    match = _LONE_RE.match(text)
    if match is None or match.group(2) in _NOT_AFTER:
        return None
    word = match.group(1)
    low = word.lower()
    if low in STOPWORDS or low in _NOT_FIRST or low in TITLES or singular(low) in _NOT_NAMES or low in _NOT_NAMES:
        return None
    return _clean(word)


def given_names(prompt: str) -> GivenNames:
    """Every name in the prompt's first lines: attached to the noun before it ("named", apposition), or a person's."""
    text = prompt[:_SCAN]
    found = GivenNames()
    attached: set[int] = set()
    for pattern in (_NAMED_RE, _APPOSED_RE):
        for match in pattern.finditer(text):
            noun = singular(match.group(1))
            name = _clean(match.group(2))
            if name and noun in _NOUNS and noun not in found.of_noun and match.start(2) not in attached:
                found.of_noun[noun] = name
                attached.add(match.start(2))
    lone = _lone_name(text)
    if lone and lone not in found.taken() and 0 not in attached:
        found.people.append((0, lone))
    for match in _RUN_RE.finditer(text):
        before = text[: match.start()].split()[-1:]
        if match.start() in attached or (before and before[0].lower() in PLACE_PREPOSITIONS):
            continue  # "at Gull Point", "in New York": a place
        name = _clean(match.group(0))
        if name and name not in found.taken():
            found.people.append((match.start(), name))
    return found
