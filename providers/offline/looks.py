"""Dressing a story's people apart: no two of hero, villain, ally and mentor wear colours that read as one on a
small figure (amber and yellow, crimson and scarlet, violet and purple), so that they are told apart at a glance.

The drawing dresses a person in the first colour the story names for them (profiles read it into the palette,
humanoids draw the coat in it), and a person the story gives no colour is dressed in its name's hash colours, which
nothing keeps apart: so every person of the plan is given a named colour, each one chosen after the others' and
well apart from them. No choice here draws from the plan's RNG: every other choice of a story stays as it was."""

from __future__ import annotations

import colorsys
import hashlib
from collections.abc import Sequence

from providers.offline.data import load
from providers.offline.lexicon import COLOURS
from providers.offline.text import a_or_an
from providers.offline.world import GARMENT_COLOURS, VILLAIN_LOOKS

RGB = tuple[int, int, int]

# Hues closer than this (of the wheel) are one colour on a small figure, unless their brightness differs a lot.
HUE_APART = 0.1
# Brightness (0 to 255) that tells two colours apart whatever their hues: black beside grey, navy beside sky blue.
LIGHT_APART = 60
# A colour with less chroma than this is a grey (black, silver, white): it reads apart from any vivid colour.
GREYISH = 0.2

# The villain's colours, the villain looks' own (black, purple, crimson): a villain kept apart stays dark or lurid.
VILLAIN_COLOURS: tuple[str, ...] = tuple(
    dict.fromkeys(w for look in VILLAIN_LOOKS for w in look.split() if w in COLOURS)
)


# A tale's colour words by language: {"fr": {"green": ("vert", "verte")}}; and any of them back to its colour.
COLOUR_WORDS: dict[str, dict[str, tuple[str, str]]] = {
    code: {colour: (forms.split("|")[0], forms.split("|")[1]) for colour, forms in table.items()}
    for code, table in load("looks")["colour_words"].items()
}
_READ_BACK: dict[str, str] = {
    word: colour for table in COLOUR_WORDS.values() for colour, forms in table.items() for word in forms
}


def colour_named(word: str) -> str | None:
    """The colour a word names, in English or in a tale's language ("verte": green), else None."""
    return word if word in COLOURS else _READ_BACK.get(word)


# Colour words a story may use that neither the lexicon nor the tales write ("blanche", "maroon"): read, not written.
_READ_ONLY: dict[str, str] = {
    word: colour for colour, words in load("reader")["told_colours"].items() for word in words.split()
}


_FRUIT_AND_FLOWERS = frozenset(load("reader")["told"]["colour_nouns"].split())


def colour_read(word: str, inflected: bool = False) -> str | None:
    """The colour a (lower-case) word of any story names, as the reader reads it: colour_named's, the colour words no
    story of ours writes ("blanche", "maroon") and, in a language whose adjectives are `inflected`, a plural's
    ("vertes", "azules"; in English "whites" and "greens" are things); else None."""
    plurals = (word[:-1] if word.endswith("s") else "", word[:-2] if word.endswith("es") else "") if inflected else ()
    for form in (word, *plurals):
        if form != word and form in _FRUIT_AND_FLOWERS:
            continue  # "vendía naranjas", "des roses": the fruit and the flowers, not their colour
        colour = colour_named(form) or _READ_ONLY.get(form)
        if colour:
            return colour
    return None


def rgb(colour: str) -> RGB:
    """A named colour's RGB."""
    hex_ = COLOURS[colour]
    return (int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16))


def _hue(c: RGB) -> float:
    return colorsys.rgb_to_hls(*(v / 255 for v in c))[0]


def _light(c: RGB) -> float:
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]


def _chroma(c: RGB) -> float:
    return (max(c) - min(c)) / 255


def hue_gap(a: RGB, b: RGB) -> float:
    """How far apart two colours' hues are, around the colour wheel (0 to 0.5)."""
    gap = abs(_hue(a) - _hue(b))
    return min(gap, 1 - gap)


def alike(a: RGB, b: RGB) -> bool:
    """Whether two garment colours read as the same on a small figure: as bright, and both greys, or both vivid and
    of near hues (a grey beside a vivid colour of its brightness is told apart by its want of colour)."""
    if abs(_light(a) - _light(b)) >= LIGHT_APART:
        return False
    vivid_a, vivid_b = _chroma(a) >= GREYISH, _chroma(b) >= GREYISH
    if vivid_a and vivid_b:
        return hue_gap(a, b) < HUE_APART
    return vivid_a == vivid_b or abs(_chroma(a) - _chroma(b)) < 0.25


def apartness(a: RGB, b: RGB) -> float:
    """How far apart two garment colours read, 1 or more when `alike` calls them apart: the larger of their
    brightness gap over LIGHT_APART and their hue gap over HUE_APART (for two vivid colours) or their chroma gap over
    a grey's (for a vivid colour and a grey)."""
    light = abs(_light(a) - _light(b)) / LIGHT_APART
    vivid_a, vivid_b = _chroma(a) >= GREYISH, _chroma(b) >= GREYISH
    if vivid_a and vivid_b:
        return max(light, hue_gap(a, b) / HUE_APART)
    return max(light, 0.0 if vivid_a == vivid_b else abs(_chroma(a) - _chroma(b)) / 0.25)


def colours_in(text: str) -> list[str]:
    """The colours a look names, in order ("white coat over teal scrubs": white, teal; "écharpe rouge": red)."""
    return [c for w in text.replace(",", " ").split() if (c := colour_named(w)) is not None]


def _free(colour: str, taken: Sequence[str]) -> bool:
    return not any(alike(rgb(colour), rgb(other)) for other in taken)


def unlike(colour: str, taken: Sequence[str], pool: Sequence[str] = GARMENT_COLOURS) -> str:
    """`colour`, or the next of `pool` after it (the first of `pool`, if it is none of them) that reads apart from
    every colour of `taken`; `colour` if none does."""
    start = pool.index(colour) if colour in pool else None
    candidates = [colour, *pool] if start is None else [*pool[start:], *pool[:start]]
    return next((c for c in candidates if _free(c, taken)), colour)


def _recoloured(look: str, taken: Sequence[str], pool: Sequence[str] = GARMENT_COLOURS) -> str:
    """The look with its first colour changed to one apart from `taken` ("a battered brown hat" beside a crimson
    coat: "a battered green hat")."""
    said = next(iter(colours_in(look)), None)
    return look if said is None else look.replace(said, unlike(said, taken, pool), 1)


def in_colour(look: str, phrase: str) -> str:
    """A creature's look in the colour its `phrase` names ("copper scales" of "a red dragon": red scales), else the
    look as it is."""
    told = next(iter(colours_in(phrase)), None)
    said = next(iter(colours_in(look)), None)
    return look.replace(said, told, 1) if told and said and said != told else look


def villain_look(drawn: str, taken: Sequence[str]) -> str:
    """The villain's look drawn, in another villain's colour if its own reads as the hero's (a crimson greatcoat
    beside a scarlet costume: a black one)."""
    return _recoloured(drawn, taken, VILLAIN_COLOURS)


def ally_look(pool: Sequence[str] | None, drawn: str, index: int, taken: Sequence[str], name: str) -> str:
    """An ally's look for the ally's trade (`pool`: "a ferry pilot in an oilskin coat"), else the one drawn (at
    `index` of the ally looks), in a colour apart from every colour of `taken`: the next garment of the trade when
    its own colour (a nurse's white coat beside the hero's) cannot change. A look that names no colour (a coat with
    too many pockets), which the drawing filled in from the name's hash colours, is given one, starting from the
    garment colour of the `name`'s hash."""
    if pool is None:
        article, rest = drawn.split(" ", 1)
        if colours_in(rest):
            look = _recoloured(rest, taken)
        else:
            look = f"{unlike(_hashed(name), taken)} {rest}"
        return f"{a_or_an(look) if article in ('a', 'an') else article} {look}"  # "an amber neckerchief"
    choices = [pool[(index + step) % len(pool)] for step in range(len(pool))]
    fixed = [g for g in choices if all(_free(c, taken) for c in colours_in(g.replace("{colour}", "")))]
    garment = (fixed or choices)[0]
    colour = unlike(GARMENT_COLOURS[index % len(GARMENT_COLOURS)], taken)
    look = garment.format(colour=colour) if "{colour}" in garment else f"{colour} {garment}"
    return f"{a_or_an(look)} {look}"


def _hashed(name: str) -> str:
    """A garment colour picked by the name's hash: a choice for the plan that draws nothing from its RNG."""
    return GARMENT_COLOURS[hashlib.sha256(name.encode()).digest()[0] % len(GARMENT_COLOURS)]


def mentor_marker(drawn: str, name: str, taken: Sequence[str]) -> str:
    """The mentor's marker drawn, after a faded coat in a colour apart from `taken` ("a faded teal coat and
    spectacles on a long chain"): without one the drawing dressed the mentor in the name's hash colours, as like
    the villain's as not. The colour to start from is the name's hash, so the plan's RNG draws no more."""
    coat = f"a faded {unlike(_hashed(name), taken)} coat"
    return f"{coat}, {drawn}" if " and " in drawn else f"{coat} and {drawn}"


def mentor_dress(marker: str, poss: str) -> str:
    """The mentor's marker as the story dresses them: "in her faded teal coat, with spectacles on a long chain" (the
    possessive tells the drawing whether the mentor is a he or a she, which the story's other words seldom do)."""
    coat, sep, rest = marker.partition(" coat")
    if not sep or not coat.startswith("a faded "):
        return f"with {marker}"
    rest = rest.removeprefix(",").removeprefix(" and").strip()
    dressed = f"in {poss} {coat.removeprefix('a ')} coat"
    return f"{dressed}, with {rest}" if rest else dressed


def tale_colours(code: str, hero_look: str, plan_colours: Sequence[str | None]) -> list[str]:
    """The colour words (masculine) a tale in `code` dresses its people in after the hero, whose look it drew
    itself (`hero_look`, in its language) and the villain, in the black coat every tale gives: one for each of the
    plan's colours (`plan_colours`: the ally's, the mentor's), each the next garment colour apart from the colours
    before it, so that the people of a French or Spanish comic are told apart as an English one's are."""
    taken = [*colours_in(hero_look), "black"]
    words = []
    for colour in plan_colours:
        chosen = unlike(colour or GARMENT_COLOURS[0], taken)
        chosen = chosen if chosen in COLOUR_WORDS[code] else unlike(GARMENT_COLOURS[0], taken)
        taken.append(chosen)
        words.append(COLOUR_WORDS[code][chosen][0])
    return words
