"""How the story's creatures look (data/words.toml, data/cast.toml): a creature's covering (fur, feathers, a sleek
hide), its looks and markers, its coat in its kind's own colour; and the hero's kin ("three little pigs": the hero
and two more of its kind, named and described where the hero is)."""

from __future__ import annotations

import random

from providers.offline import looks
from providers.offline.data import load, words
from providers.offline.lexicon import BARE, FEATHERED, FURRED, HULKING
from providers.offline.names import NameMaker
from providers.offline.text import a_or_an
from providers.offline.world import CREATURE_LOOKS, CREATURE_MARKERS, CREATURE_TRAITS_SMALL, SEA_LOOKS

_COVERINGS = (
    *((covering, words(nouns)) for covering, nouns in load("words")["coverings"].items()),  # a dolphin's sleek hide
    ("feathered", FEATHERED),
    ("furred", FURRED),
    ("bare", BARE),
    ("hulking", HULKING),
)
# A creature's own colours by noun (a pig pink, a fox orange), and markers that fit its covering (a fin's notch).
NATURAL = {noun: tuple(colours.split()) for noun, colours in load("words")["natural_colours"].items()}
_COVERING_MARKERS = {covering: tuple(m) for covering, m in load("cast")["creature_covering_markers"].items()}


def covering_of(noun: str | None) -> str:
    """How a creature of `noun` is covered: "sleek", "shelled", "feathered", "furred", ... else "scaled"."""
    return next((c for c, nouns in _COVERINGS if noun in nouns), "scaled")


def creature_looks(noun: str, coast: bool) -> tuple[str, ...]:
    """What a creature of `noun` may look like: its covering's looks (sea-green scales on a coast)."""
    covering = covering_of(noun)
    return CREATURE_LOOKS[covering] + (SEA_LOOKS if coast and covering == "scaled" else ())


def creature_markers(noun: str | None) -> tuple[str, ...]:
    """The markers that fit a creature of `noun` (a dolphin's notched flipper, not a coin on a chain)."""
    return _COVERING_MARKERS.get(covering_of(noun), CREATURE_MARKERS)


def coat(look: str, phrase: str, noun: str | None, coats: list[str]) -> str:
    """A creature's `look` in the colour its `phrase` names ("a pink pig"), else in its kind's own colour (a pig's
    pink, a fox's orange), the first not yet worn by a creature of the story (`coats`, which it joins)."""
    if looks.colours_in(phrase):
        coat = looks.in_colour(look, phrase)
    else:
        own = NATURAL.get(noun or "", ())
        colour = next((c for c in own if c not in coats), own[0] if own else None)
        coat = looks.in_colour(look, colour) if colour else look
    coats.extend(looks.colours_in(coat)[:1])
    return coat


def kin_dress(
    noun: str,
    phrase: str,
    count: int,
    pronouns: tuple[str, str],
    names: NameMaker,
    coast: bool,
    rng: random.Random,
    coats: list[str],
) -> str:
    """The hero's kin where the hero is introduced ("; with him lived his sister Halug, a shy little pig with pink
    fur ..., and his brother ..."): `count` of the hero's kind in all, each named and in a coat apart from the
    others'. `pronouns` are the hero's object and possessive ("him", "his")."""
    obj, poss = pronouns
    kin = []
    for _ in range(count - 1):
        relation = "sister" if rng.choice("fm") == "f" else "brother"
        trait = rng.choice([t for t in CREATURE_TRAITS_SMALL if t not in phrase.split()])
        look = coat(rng.choice(creature_looks(noun, coast)), phrase, noun, coats)
        kin.append(f"{poss} {relation} {names.creature()}, {a_or_an(trait)} {trait} {phrase} with {look}")
    return f"; with {obj} lived {', and '.join(kin)}"
