"""A creature's body colour from its words: the colour they give its kind or its covering ("a fat pink pig", "a
black cat", "fur as white as snow", "a sleek grey hide"), else its kind's own (a pig pink, a fox orange, a crow
black: data/words.toml [natural_colours], one of them for its name), else None (the palette's)."""

from __future__ import annotations

import colorsys
import re
from typing import Final

from providers.offline.data import load
from providers.offline.drawing.colour import RGB, darker, mix, parse_colour, rng

# The story's colours (data/words.toml: the palettes are made of them), and a few only animals wear.
_COLOURS: Final[dict[str, RGB]] = {
    word: colour for word, hex_ in load("words")["colours"].items() if (colour := parse_colour(hex_)) is not None
} | {
    "ginger": (214, 112, 44), "tawny": (196, 142, 72), "russet": (168, 78, 38), "chestnut": (124, 62, 34),
    "tan": (210, 170, 120), "cream": (240, 228, 196), "sandy": (222, 190, 132), "ebony": (30, 28, 30),
    "snowy": (245, 245, 245), "jet": (26, 26, 26), "orange-red": (214, 84, 40),
}  # fmt: skip
_NATURAL: Final = {noun: tuple(colours.split()) for noun, colours in load("words")["natural_colours"].items()}

# What a colour word may be the colour of: the creature (by any name) or its covering.
_COVERS: Final = frozenset(
    "fur coat scales scale feathers feather plumage hide skin shell back wool fleece bristles wings fins pelt "
    "body hair carapace".split()  # not a mane: "a black mane" is its mane's colour (named_mane), not its coat's
)
_KINDS: Final = (
    frozenset(load("words")["creatures"].split())
    | frozenset(_NATURAL)
    | frozenset(
        "creature beast cub kitten puppy foal calf lamb piglet bunny goldfish orca stallion mare hen rooster".split()
    )
)
_WORD_RE: Final = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _colour_of(word: str) -> str | None:
    """The colour word in `word` ("silver-grey": grey), else None."""
    if word in _COLOURS:
        return word
    last = word.rsplit("-", 1)[-1]
    return last if last in _COLOURS else None


def named_coat(text: str) -> RGB | None:
    """The colour the words give the creature or its covering, the first named: "a red fox", "golden scales", "fur
    as white as snow" (not "amber eyes", "a white star on its brow")."""
    words = _WORD_RE.findall(text.lower())
    for i, word in enumerate(words):
        colour = _colour_of(word)
        if colour is None:
            continue
        after = words[i + 1 : i + 3]
        before = words[max(0, i - 3) : i]
        if any(w in _COVERS or w in _KINDS or w.rstrip("s") in _KINDS for w in after) or (
            before[-1:] == ["as"] and any(w in _COVERS for w in before)  # "fur as white as snow"
        ):
            return _FOX_RED if colour == "red" and _RED_AS_FOXES.intersection(after) else _COLOURS[colour]
    return None


# A red fox, squirrel or deer is the orange-red of its kind, not the red of a red coat.
_RED_AS_FOXES: Final = frozenset("fox foxes vixen squirrel squirrels deer panda setter kite".split())
_FOX_RED: Final = (206, 94, 38)


def natural_coat(noun: str, name: str) -> RGB | None:
    """The colour a creature of `noun` most often is (one of its kind's colours, by its name), else None."""
    own = _NATURAL.get(noun)
    return _COLOURS[rng("coat", name).choice(own)] if own else None


def coat(text: str, name: str) -> RGB | None:
    """The body colour the words name, else the natural one of the first creature they name that has one (its
    own kind, first in a profile: "Kit, a sly fox"), else None."""
    named = named_coat(text)
    if named is not None:
        return named
    return next((c for w in _WORD_RE.findall(text.lower()) if (c := natural_coat(w, name)) is not None), None)


def of_nature(text: str) -> bool:
    """Whether the words name an animal with colours of its own (a pig, a crow), not a creature of tales (a dragon,
    a sea serpent), whose belly may be any colour of its palette."""
    return any(w in _NATURAL for w in _WORD_RE.findall(text.lower()))


def named_mane(text: str) -> RGB | None:
    """The colour the words give a mane ("a black mane", "a mane of gold", "his mane as white as snow"), else None
    (a mane follows its coat: mane_shade)."""
    words = _WORD_RE.findall(text.lower())
    for i, word in enumerate(words):
        if word not in ("mane", "manes"):
            continue
        before = words[max(0, i - 2) : i][::-1]  # "a black mane", "a golden shaggy mane": the nearest first
        after = words[i + 2 : i + 4] if words[i + 1 : i + 2] in (["of"], ["as"]) else []  # "a mane of gold"
        colour = next((c for w in (*before, *after) if (c := _colour_of(w)) is not None), None)
        if colour is not None:
            return _COLOURS[colour]
    return None


_TAWNY: Final = (160, 96, 40)


def mane_shade(body: RGB) -> RGB:
    """A mane's colour from its coat's: a darker, browner shade of a coloured coat (a golden lion's tawny mane, not
    its palette's green), a darker shade of a grey or white one."""
    _, saturation, _ = colorsys.rgb_to_hsv(*(v / 255 for v in body))
    return darker(body, 0.3) if saturation < 0.15 else darker(mix(body, _TAWNY, 0.3), 0.22)
