"""A story's cast dressed apart: the palettes of people whose colours the text does not give are chosen with the
whole cast in view, so that no two coats read as one colour on a small figure (looks.alike).

The text's own colours are kept as it names them. Everyone else is given, in order of first appearance, their
name's hash colour when it reads apart from the colours the text names and from the people before them, else the
colour of a wheel farthest from all of those: a story edited in one line repaints no one but whom the edit makes
clash, and the same story always gives the same palettes.
"""

from __future__ import annotations

import colorsys
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from domain.names import slugify
from providers.offline.looks import RGB, apartness

# The wheel an uncoloured person's coat may move to: 24 hues at two brightnesses, as vivid as a named colour.
_WHEEL: tuple[tuple[float, float], ...] = tuple((k / 24, light) for light in (0.42, 0.6) for k in range(24))
_WHEEL_SATURATION = 0.62


@dataclass(frozen=True)
class Person:
    """What picks a person's palette: their name, where the story first mentions them, the colours it names for
    them ('#rrggbb', in order), and whether they are dressed apart from the others (people are; a creature, a thing
    or a concept is no figure a person is taken for, and keeps its name's colours)."""

    name: str
    first: int
    named: tuple[str, ...]
    apart: bool = True


def cast_palettes(cast: Sequence[Person]) -> dict[str, list[str]]:
    """Each person's palette, 3-5 '#rrggbb': the colours the text names, then their name's hash colours; the coat
    (the first) of one it names none for chosen apart from the named coats and the coats chosen before."""
    order = sorted(cast, key=lambda p: (p.first, p.name))
    taken = [_rgb(p.named[0]) for p in order if p.named and p.apart]
    hashed = {p.name: _hash_colours(p.name) for p in order}
    palettes: dict[str, list[str]] = {}
    for i, person in enumerate(order):
        colours = list(dict.fromkeys(person.named))
        if not colours:
            coat = hashed[person.name][0]
            if person.apart:
                if any(apartness(_rgb(coat), other) < 1 for other in taken):
                    # Keeping off the hash coats of those after, whether the text dresses them or not, so that
                    # who moves does not push them on, and dressing one of them moves no one else.
                    later = [_rgb(hashed[p.name][0]) for p in order[i + 1 :] if p.apart]
                    coat = _moved(person.name, taken, later)
                taken.append(_rgb(coat))
            colours.append(coat)
        colours += [c for c in hashed[person.name] if c not in colours][: max(0, 3 - len(colours))]
        palettes[person.name] = colours[:5]
    return palettes


def _moved(name: str, taken: Sequence[RGB], later: Sequence[RGB]) -> str:
    """The first of the wheel's colours from the name's hash hue on that reads apart from every `taken` colour and
    every `later` one, else from every `taken` one, else the one farthest from its nearest `taken` colour."""
    start = _digest(name)[0] * len(_WHEEL) // 256
    wheel = [_WHEEL[(start + step) % len(_WHEEL)] for step in range(len(_WHEEL))]
    colours = [_hex(colorsys.hls_to_rgb(hue, light, _WHEEL_SATURATION)) for hue, light in wheel]
    gaps = [min(apartness(_rgb(c), other) for other in taken) for c in colours]
    spares = [min((apartness(_rgb(c), other) for other in later), default=1.0) for c in colours]
    free = [c for c, gap, spare in zip(colours, gaps, spares, strict=True) if gap >= 1 and spare >= 1]
    free = free or [c for c, gap in zip(colours, gaps, strict=True) if gap >= 1]
    return free[0] if free else colours[gaps.index(max(gaps))]


def _hash_colours(name: str) -> list[str]:
    """Three colours derived from the name's hash (as every palette was before the cast was seen whole)."""
    digest = _digest(name)
    colours: list[str] = []
    i = 0
    while len(colours) < 3:
        hue = digest[i] / 255
        light = 0.35 + digest[i + 1] / 255 * 0.3
        sat = 0.45 + digest[i + 2] / 255 * 0.4
        colour = _hex(colorsys.hls_to_rgb(hue, light, sat))
        if colour not in colours:
            colours.append(colour)
        i += 3
    return colours


def _digest(name: str) -> bytes:
    return hashlib.sha256(slugify(name).encode()).digest()


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)


def _rgb(hex_: str) -> RGB:
    return (int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16))
