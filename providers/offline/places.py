"""Where a prompt puts its story: its place words ranked (a biome or a vehicle it is on or in outranks a building),
and a home on a world beyond the sky ("a castle on the moon")."""

from __future__ import annotations

import re

from providers.offline.lexicon import (
    BIOME_WORDS,
    OWN_PLACES,
    PLACE_AFTER,
    PLACE_BEFORE,
    PLACE_BIOMES,
    PLACE_NAMES,
    SKY_WORLDS,
    VEHICLE_PLACES,
)
from providers.offline.text import singular

# A place word that names another biome after this word: "the red planet" is Mars, "a haunted house" a manor.
_PAIRED = {("red", "planet"): "mars", ("haunted", "house"): "manor", ("operating", "theatre"): "hospital"}
_POSSESSIVE_RE = re.compile(r"['\u2019]s$")
# A place word that names no place before these words: "the restaurant car" is a train's carriage, not a café;
# "the theatre of war" no stage.
_NOT_PLACES_BEFORE = {("restaurant", "car"), ("restaurant", "carriage"), ("theatre", "of war"), ("theater", "of war")}


def place_scores(lower: list[str]) -> list[tuple[int, int, str, str]]:
    """(score, -index, word, biome) for each place word: a whole biome or a vehicle the prompt puts the story on
    or in ("on Mars", "a night train where") outranks a building or a field ("a garden"); a place with its own
    biome (a circus, the jungle) is a whole biome wherever the prompt names it."""
    found = []
    for i, word in enumerate(lower):
        word = _POSSESSIVE_RE.sub("", word)  # "a zookeeper's lion" is at the zoo
        noun = singular(word)
        before = lower[max(0, i - 3) : i]  # "on Mars", "aboard the night train"
        after = " ".join(lower[i + 1 : i + 3])
        placed = bool(set(before) & PLACE_BEFORE) or any(
            after == cue or after.startswith(cue + " ") for cue in PLACE_AFTER
        )
        if noun in VEHICLE_PLACES:
            if placed:
                found.append((3, -i, noun, VEHICLE_PLACES[noun]))
            continue
        key = word if word in PLACE_BIOMES else noun
        if any(key == place and after.startswith(cue) for place, cue in _NOT_PLACES_BEFORE):
            continue
        key = _PAIRED.get((lower[i - 1] if i else "", key), key)  # "the red planet" is Mars
        if key in PLACE_BIOMES:
            score = (2 if placed else 1) if key in BIOME_WORDS else (1 if placed else 0)
            score = 2 if key in OWN_PLACES else score  # a circus, a hospital: the whole story's world, placed or not
            found.append((score, -i, key, PLACE_BIOMES[key]))
    return found


_WHERE_RE = re.compile(r"^(?:on|in|under|beneath|above)(?: the| a| an)? (?P<word>[\w-]+)")


def place_phrase(scan: list[str], place: str) -> str | None:
    """ "castle on the moon": the home place with the world beyond the sky the prompt puts it in, so the story
    keeps both (a castle is not at the edge of a space station)."""
    for i, word in enumerate(scan):
        if singular(word) == place:
            match = _WHERE_RE.match(" ".join(scan[i + 1 : i + 4]))
            world = match.group("word") if match else ""
            if world not in SKY_WORLDS:
                return None
            where = match.group(0) if match else ""
            return f"{place} {where[: -len(world)]}{world.capitalize() if world in PLACE_NAMES else world}"
    return None
