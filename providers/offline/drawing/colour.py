"""Colours for the offline renderer: stable hashes and RNGs, palettes from profiles, and colour arithmetic."""

from __future__ import annotations

import colorsys
import hashlib
import random
from collections.abc import Iterable

from PIL import ImageColor

RGB = tuple[int, int, int]


INK: RGB = (38, 32, 44)


WHITE: RGB = (255, 255, 255)


def stable_seed(*parts: str) -> int:
    """A seed stable across processes (the built-in str hash is salted per interpreter run)."""
    return int.from_bytes(hashlib.sha256("\x1f".join(parts).encode()).digest()[:8], "big")


def rng(*parts: str) -> random.Random:
    """A deterministic random generator for the given text."""
    return random.Random(stable_seed(*parts))


def parse_colour(text: str) -> RGB | None:
    """An RGB colour from '#rrggbb' or a CSS colour name ('teal', 'deep teal' -> teal); None if unparsable."""
    cleaned = text.strip().lower()
    words = cleaned.replace("-", " ").split()
    for candidate in (cleaned, "".join(words), words[-1] if words else ""):
        if not candidate:
            continue
        try:
            value = ImageColor.getrgb(candidate)
        except ValueError:
            continue
        return (value[0], value[1], value[2])
    return None


def _hsv(h: float, s: float, v: float) -> RGB:
    r, g, b = colorsys.hsv_to_rgb(h % 1.0, s, v)
    return (round(r * 255), round(g * 255), round(b * 255))


def hash_palette(name: str, count: int = 5) -> list[RGB]:
    """A harmonious palette derived from a name, so characters without colours still differ."""
    r = rng("palette", name)
    base = r.random()
    offsets = (0.0, 0.5 + r.uniform(-0.08, 0.08), 0.08, 0.58, 0.25)
    sats = (0.62, 0.55, 0.45, 0.7, 0.5)
    vals = (0.78, 0.62, 0.9, 0.45, 0.85)
    return [_hsv(base + offsets[i % 5], sats[i % 5], vals[i % 5]) for i in range(count)]


def character_palette(colours: Iterable[str], name: str, minimum: int = 5) -> list[RGB]:
    """The parsed palette (order kept, duplicates dropped), topped up from the name's hash palette."""
    parsed: list[RGB] = []
    for text in colours:
        colour = parse_colour(text)
        if colour is not None and colour not in parsed:
            parsed.append(colour)
    for extra in hash_palette(name, minimum):
        if len(parsed) >= minimum:
            break
        if extra not in parsed:
            parsed.append(extra)
    return parsed


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Linear blend from a (t=0) to b (t=1)."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def darker(c: RGB, amount: float = 0.25) -> RGB:
    """The colour mixed toward a cool near-black (a shadow tone rather than plain grey)."""
    return mix(c, (20, 16, 40), amount)


def lighter(c: RGB, amount: float = 0.3) -> RGB:
    """The colour mixed toward white."""
    return mix(c, WHITE, amount)


def luminance(c: RGB) -> float:
    """Perceived brightness, 0..255."""
    return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
