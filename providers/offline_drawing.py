"""Drawing helpers for the offline renderer: colours, lettering and the stylised figures of each character type.

Every figure is drawn with flat palette fills and dark ink outlines on a transparent layer, so a sheet can show it
and a panel can composite it. All randomness comes from stable hashes, so the same input gives the same pixels.
"""

import colorsys
import hashlib
import itertools
import math
import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageFont

RGB = tuple[int, int, int]
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
Point = tuple[float, float]

INK: RGB = (38, 32, 44)
WHITE: RGB = (255, 255, 255)
SKIN_TONES: tuple[RGB, ...] = ((250, 214, 182), (234, 189, 150), (200, 146, 104), (141, 94, 62), (255, 224, 200))

# System fonts tried when the comic font lacks a glyph (accents it has; Cyrillic, Greek and CJK it does not).
_FALLBACK_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
)


# ---------------------------------------------------------------- hashing and colour


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


# ---------------------------------------------------------------- lettering


@lru_cache(maxsize=1)
def _comic_font_bytes() -> bytes | None:
    # Loaded as bytes through importlib.resources so it also works from a zipped install.
    try:
        return (resources.files("font_intuitive") / "files" / "Intuitive.ttf").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None


def _font_sources() -> list[str]:
    sources = ["comic"] if _comic_font_bytes() else []
    sources += [path for path in _FALLBACK_FONT_FILES if Path(path).is_file()]
    return sources or ["default"]


@lru_cache(maxsize=64)
def _load_font(source: str, size: int) -> Font:
    data = _comic_font_bytes() if source == "comic" else None
    if data is not None:
        return ImageFont.truetype(BytesIO(data), size)
    if source not in ("comic", "default"):
        return ImageFont.truetype(source, size)
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)
def _covers(source: str, char: str) -> bool:
    if char.isspace() or unicodedata.category(char)[0] in "MC":
        return True
    # A missing glyph renders as the font's .notdef glyph (empty or a box): compare with a surely-missing code point.
    return _glyph_pixels(source, char) != _glyph_pixels(source, "\U0010fffd")


@lru_cache(maxsize=4096)
def _glyph_pixels(source: str, char: str) -> bytes:
    image = Image.new("L", (48, 48), 0)
    ImageDraw.Draw(image).text((8, 8), char, font=_load_font(source, 24), fill=255)
    return image.tobytes()


def lettering_font(text: str, size: int) -> tuple[Font, str]:
    """The comic font when it has every glyph of text, else the installed font covering the most of it.

    Returns the font and the text with any glyph that font still lacks replaced by '?', so drawing never shows
    blanks or boxes and never fails.
    """
    sources = _font_sources()
    best = max(sources, key=lambda s: (sum(_covers(s, ch) for ch in text), -sources.index(s)))
    cleaned = "".join(ch if _covers(best, ch) else "?" for ch in text)
    return _load_font(best, size), cleaned


def text_width(font: Font, text: str) -> float:
    """Advance width of text in pixels."""
    return font.getlength(text)


def wrap_text(text: str, font: Font, max_width: float) -> list[str]:
    """Greedy word wrap; words wider than max_width are broken between characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            while text_width(font, word) > max_width and len(word) > 1:
                cut = max(1, next((i for i in range(len(word), 0, -1) if text_width(font, word[:i]) <= max_width), 1))
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{current} {word}".strip()
            if current and text_width(font, candidate) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return [line for line in lines if line] or [""]


def ellipsize(line: str, font: Font, max_width: float) -> str:
    """The line cut to fit max_width with a trailing ellipsis."""
    while line and text_width(font, line + "...") > max_width:
        line = line[:-1]
    return line.rstrip() + "..."


# ---------------------------------------------------------------- a pen in figure units


class Pen:
    """Draws in figure units (a figure is 100 units tall) with ink outlines; mirror=True flips left and right."""

    def __init__(self, image: Image.Image, origin: Point, unit: float, mirror: bool = False) -> None:
        self.draw = ImageDraw.Draw(image)
        self.ox, self.oy = origin
        self.unit = unit
        self.sign = -1.0 if mirror else 1.0
        self.ink_width = max(2, round(unit * 0.9))

    def p(self, x: float, y: float) -> Point:
        """Unit coordinates to pixels."""
        return (self.ox + self.sign * x * self.unit, self.oy + y * self.unit)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """A unit box to a pixel box, ordered for Pillow whatever the mirroring."""
        (a, b), (c, d) = self.p(x0, y0), self.p(x1, y1)
        return (min(a, c), min(b, d), max(a, c), max(b, d))

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill: RGB | None, ink: bool = True) -> None:
        """An ellipse in a unit box."""
        self.draw.ellipse(self.box(x0, y0, x1, y1), fill=fill, outline=INK if ink else None, width=self.ink_width)

    def circle(self, x: float, y: float, r: float, fill: RGB | None, ink: bool = True) -> None:
        """A circle of radius r units."""
        self.ellipse(x - r, y - r, x + r, y + r, fill, ink)

    def poly(self, points: Sequence[Point], fill: RGB | None, ink: bool = True) -> None:
        """A filled polygon with an ink outline."""
        pts = [self.p(x, y) for x, y in points]
        self.draw.polygon(pts, fill=fill, outline=INK if ink else None, width=self.ink_width if ink else 1)

    def rrect(
        self, x0: float, y0: float, x1: float, y1: float, radius: float, fill: RGB | None, ink: bool = True
    ) -> None:
        """A rounded rectangle; radius in units."""
        self.draw.rounded_rectangle(
            self.box(x0, y0, x1, y1),
            radius=max(1, round(radius * self.unit)),
            fill=fill,
            outline=INK if ink else None,
            width=self.ink_width,
        )

    def line(self, points: Sequence[Point], width: float, fill: RGB = INK) -> None:
        """A polyline; width in units."""
        self.draw.line(
            [self.p(x, y) for x, y in points], fill=fill, width=max(1, round(width * self.unit)), joint="curve"
        )

    def arc(self, x0: float, y0: float, x1: float, y1: float, start: float, end: float, width: float = 0.8) -> None:
        """An ink arc; angles in degrees, clockwise from 3 o'clock (mirroring reflects them)."""
        if self.sign < 0:
            start, end = 180 - end, 180 - start
        self.draw.arc(self.box(x0, y0, x1, y1), start, end, fill=INK, width=max(1, round(width * self.unit)))

    def pieslice(self, x0: float, y0: float, x1: float, y1: float, start: float, end: float, fill: RGB) -> None:
        """A filled pie slice of an ellipse, outlined; angles as for arc."""
        if self.sign < 0:
            start, end = 180 - end, 180 - start
        self.draw.pieslice(self.box(x0, y0, x1, y1), start, end, fill=fill, outline=INK, width=self.ink_width)

    def chord(self, x0: float, y0: float, x1: float, y1: float, start: float, end: float, fill: RGB) -> None:
        """A filled chord of an ellipse, outlined; angles as for arc."""
        if self.sign < 0:
            start, end = 180 - end, 180 - start
        self.draw.chord(self.box(x0, y0, x1, y1), start, end, fill=fill, outline=INK, width=self.ink_width)

    def tube(self, points: Sequence[Point], radii: Sequence[float], fill: RGB) -> None:
        """A smooth body along a path: an ink pass of wider discs, then the fill discs on top."""
        for (x, y), r in zip(points, radii, strict=True):
            self.circle(x, y, r + self.ink_width / self.unit, INK, ink=False)
        for (x, y), r in zip(points, radii, strict=True):
            self.circle(x, y, r, fill, ink=False)


def smooth_path(anchors: Sequence[Point], steps: int = 12) -> list[Point]:
    """A Catmull-Rom curve through anchors (at least two), sampled `steps` times per segment."""
    pts = [anchors[0], *anchors, anchors[-1]]
    out: list[Point] = []
    for i in range(1, len(pts) - 2):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for s in range(steps):
            t = s / steps
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        2 * p1[k]
                        + (-p0[k] + p2[k]) * t
                        + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * t * t
                        + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * t**3
                    )
                    for k in (0, 1)
                )
            )
    out.append(anchors[-1])
    return out


def star_points(cx: float, cy: float, outer: float, inner: float, spikes: int, phase: float = -90) -> list[Point]:
    """Vertices of a star polygon."""
    pts: list[Point] = []
    for i in range(spikes * 2):
        r = outer if i % 2 == 0 else inner
        a = math.radians(phase + i * 180 / spikes)
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def has_any(text: str, words: Iterable[str]) -> bool:
    """Whether any of the words occurs in text as a whole word, allowing common endings (storm -> stormy)."""
    return _word_pattern(tuple(words)).search(text.lower()) is not None


@lru_cache(maxsize=256)
def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words only: "ice" must not fire on "voice", nor "cap" on "cape".
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})(?:s|es|y|ies|ing|ed|er|ers)?\b")


# ---------------------------------------------------------------- humanoids

HUMAN_VIEWS = ("front", "three-quarter", "side", "back")
_HATS = {
    "crown": ("crown", "tiara", "king", "queen", "princess", "prince"),
    "wizard": ("wizard", "witch", "pointed hat", "sorcerer", "sorceress", "mage"),
    "hood": ("hood", "cowl"),
    "helmet": ("helmet", "helm", "armour", "armor", "knight"),
    "cap": ("cap", "beret"),
    "hat": ("hat", "bowler", "top hat", "fedora", "sou'wester", "captain"),
}
_PROPS = {
    "lantern": ("lantern", "lamp", "torch"),
    "sword": ("sword", "blade", "sabre", "saber", "dagger"),
    "staff": ("staff", "cane", "walking stick", "wand", "spear", "trident"),
    "book": ("book", "journal", "tome", "map", "scroll", "notebook"),
    "satchel": ("satchel", "bag", "backpack", "pouch"),
}


@dataclass(frozen=True)
class HumanLook:
    """What a humanoid figure wears, drawn the same in every view."""

    skin: RGB
    hair: RGB
    top: RGB
    bottom: RGB
    accent: RGB
    hat_colour: RGB
    shoes: RGB
    hair_style: int
    hat: str | None
    prop: str | None
    cape: bool
    scarf: bool
    glasses: bool
    beard: bool
    stern: bool


def human_look(name: str, palette: Sequence[RGB], text: str, demeanor: str) -> HumanLook:
    """A look from the palette and the keywords of the profile (markers, form, brief)."""
    r = rng("human", name)
    text = text.lower()
    hat = next((kind for kind, words in _HATS.items() if has_any(text, words)), None)
    hat_colour = next((c for c in map(parse_colour, _marker_words(text, _HATS.get(hat or "", ()))) if c), None)
    prop = next((kind for kind, words in _PROPS.items() if has_any(text, words)), None)
    # Natural hair unless the palette itself has a near-black or dark brown to reuse.
    darkest = min(palette[:4], key=luminance)
    natural = [(60, 40, 30), (120, 72, 40), (214, 170, 92), (40, 34, 40), (160, 70, 40)]
    hair = darkest if luminance(darkest) < 55 else r.choice(natural)
    if has_any(text, ("grey", "gray", "old", "elder", "white hair", "silver hair")):
        hair = (200, 200, 205)
    return HumanLook(
        skin=r.choice(SKIN_TONES),
        hair=hair,
        top=palette[0],
        bottom=palette[1],
        accent=palette[2],
        hat_colour=hat_colour or darker(palette[2], 0.15),
        shoes=r.choice(((84, 56, 40), (52, 44, 48), (110, 70, 44))),  # leather tones: palette shoes looked odd
        hair_style=r.randrange(3),
        hat=hat,
        prop=prop,
        cape=has_any(text, ("cape", "cloak", "mantle")),
        scarf=has_any(text, ("scarf", "bandana", "neckerchief", "shawl")),
        glasses=has_any(text, ("glasses", "spectacles", "goggles", "monocle")),
        beard=has_any(text, ("beard", "moustache", "mustache", "whiskers")),
        stern=has_any(
            demeanor.lower(), ("stern", "grumpy", "angry", "cold", "menacing", "cruel", "gruff", "brood", "fierce")
        ),
    )


def plain_look(colour: RGB) -> HumanLook:
    """A bare, single-colour figure: the base for silhouettes and stand-ins."""
    c = colour
    return HumanLook(c, c, c, c, c, c, c, 0, None, None, False, False, False, False, False)


def _marker_words(text: str, keywords: Iterable[str]) -> list[str]:
    """Single words of the marker phrase naming this item ('yellow sou'wester hat' -> yellow, sou'wester, hat)."""
    words: list[str] = []
    for phrase in text.replace(",", ".").split("."):
        if has_any(phrase, keywords):
            words += phrase.split()
    return words


def draw_humanoid(look: HumanLook, view: str, height: int) -> Image.Image:
    """A standing figure, `height` pixels tall, on a transparent layer (faces right in three-quarter and side)."""
    width = round(height * 0.7)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = Pen(image, (width / 2, height * 0.04), height / 104)
    turn = {"front": 0.0, "three-quarter": 0.5, "side": 1.0, "back": 0.0}[view]
    back = view == "back"
    body = 1 - 0.38 * turn

    if look.cape and not back:
        _cape(pen, look, body)
    if look.hair_style == 1 and not back:
        _long_hair(pen, look, turn)
    if turn > 0:
        _arm(pen, look, x=-11 * body + 2 * turn, swing=-1, far=True)
    _legs(pen, look, body, turn)
    _torso(pen, look, body, turn, back)
    if look.prop == "satchel":
        _satchel(pen, look, body, back)
    if turn == 0:
        _arm(pen, look, x=-12.5, swing=-1, holding=None)
    holding = look.prop if not back and look.prop != "satchel" else None
    _arm(pen, look, x=12.5 * body if turn < 1 else 1, swing=1, holding=holding)
    if look.scarf:
        pen.rrect(-8 * body, 25.5, 8 * body, 31, 2.5, look.accent)
        if not back:
            pen.rrect(-5 + 6 * turn, 29, -1 + 6 * turn, 42, 1.5, look.accent)
    else:
        pen.rrect(-3 + turn, 24, 3 + turn, 30, 1, look.skin)
    _head(pen, look, turn, back)
    if back and look.cape:
        _cape(pen, look, body, front=True)
    return image


def _torso(pen: Pen, look: HumanLook, body: float, turn: float, back: bool) -> None:
    w = 12 * body
    pen.poly([(-w + 2, 28), (w - 2, 28), (w + 0.5, 31), (w + 2, 62), (-w - 2, 62), (-w - 0.5, 31)], look.top)
    pen.rrect(-w - 1.6, 55, w + 1.6, 59, 1, look.accent)
    if back:
        return
    pen.poly([(-3.5 + 4 * turn, 28.3), (3.5 + 4 * turn, 28.3), (4 * turn, 34)], look.skin)
    for y in (39, 46) if turn < 1 else ():
        pen.circle(4 * turn, y, 1.1, look.accent)


def _cape(pen: Pen, look: HumanLook, body: float, front: bool = False) -> None:
    top = 28 if not front else 27
    pen.poly([(-12 * body, top), (12 * body, top), (20 * body, 86), (0, 89), (-20 * body, 86)], look.accent)
    if front:
        pen.line([(0, top + 4), (0, 86)], 0.6, darker(look.accent, 0.4))


def _long_hair(pen: Pen, look: HumanLook, turn: float) -> None:
    pen.rrect(-14 + 11 * turn, 6, 14 - 9 * turn, 40, 7, look.hair)


def _legs(pen: Pen, look: HumanLook, body: float, turn: float) -> None:
    spread = 5.5 * body * (1 - 0.55 * turn)
    for i, cx in enumerate((-spread, spread)):
        fill = darker(look.bottom, 0.25) if turn > 0 and i == 0 else look.bottom
        pen.poly([(cx - 4.3, 58), (cx + 4.3, 58), (cx + 3.8, 91), (cx - 3.8, 91)], fill)
        toe = 3.5 * turn
        pen.ellipse(cx - 5 + toe * 0.4, 88.5, cx + 5 + toe, 96, look.shoes)


def _arm(pen: Pen, look: HumanLook, x: float, swing: int, far: bool = False, holding: str | None = None) -> None:
    sleeve = darker(look.top, 0.35) if far else darker(look.top, 0.1)
    out = 3.5 * swing
    pen.circle(x, 31.5, 3.3, sleeve)
    pen.poly([(x - 3.3, 31.5), (x + 3.3, 31.5), (x + 3 + out, 54), (x - 3 + out, 54)], sleeve)
    hx, hy = x + out, 56.5
    if holding:
        _prop(pen, look, holding, hx, hy)
    pen.circle(hx, hy, 3.3, look.skin)


def _prop(pen: Pen, look: HumanLook, kind: str, hx: float, hy: float) -> None:
    if kind == "lantern":
        pen.line([(hx, hy), (hx, hy + 6)], 0.6)
        pen.rrect(hx - 4, hy + 6, hx + 4, hy + 17, 1.5, (255, 214, 102))
        pen.rrect(hx - 5, hy + 5, hx + 5, hy + 7, 1, darker(look.accent, 0.3))
        pen.rrect(hx - 5, hy + 16, hx + 5, hy + 18, 1, darker(look.accent, 0.3))
    elif kind == "sword":
        pen.poly(
            [(hx - 1.4, hy - 34), (hx, hy - 37), (hx + 1.4, hy - 34), (hx + 1.4, hy - 4), (hx - 1.4, hy - 4)],
            (215, 222, 230),
        )
        pen.rrect(hx - 5, hy - 5, hx + 5, hy - 2.5, 1, look.accent)
    elif kind == "staff":
        pen.rrect(hx - 1.2, hy - 40, hx + 1.2, hy + 36, 1, (140, 96, 58))
        pen.circle(hx, hy - 42, 3.5, look.accent)
    elif kind == "book":
        pen.rrect(hx - 1, hy - 6, hx + 9, hy + 7, 1, look.accent)
        pen.line([(hx + 1.5, hy - 4), (hx + 1.5, hy + 5)], 0.5, lighter(look.accent, 0.5))


def _satchel(pen: Pen, look: HumanLook, body: float, back: bool) -> None:
    pen.line([(-11 * body, 29), (10 * body, 53)], 1.6, darker(look.accent, 0.3))
    if not back:
        pen.rrect(7 * body, 49, 16 * body + 2, 59, 2, mix(look.accent, (130, 90, 50), 0.5))


# Hairlines per view, in head units: the outer edge follows the skull from the first angle to the second, then
# comes back along these points (temples, behind the ear, nape), so no pie-slice seams cross the face.
_HAIRLINES: dict[float, tuple[tuple[float, float], list[Point]]] = {
    0.0: ((165, 375), [(12.4, 13), (9, 10), (-9, 10), (-12.4, 13)]),
    0.5: ((115, 350), [(12.2, 9), (7, 9.5), (-1, 10), (-5.5, 13), (-6.5, 20), (-5.2, 24.5)]),
    1.0: ((95, 335), [(10.8, 5.5), (5, 8.5), (-0.5, 10.5), (-3.5, 13), (-4, 21), (-1.5, 26.3)]),
}


def _head(pen: Pen, look: HumanLook, turn: float, back: bool) -> None:
    hooded = look.hat in ("hood", "helmet", "crown", "wizard", "hat", "cap")
    if look.hat == "hood":
        pen.ellipse(-15, -1, 15, 30, look.accent)
    elif look.hair_style == 2 and not hooded:
        pen.circle(-6 * turn, 1, 5.5, look.hair)
    pen.ellipse(-12, 2, 12, 27, look.skin)
    if back:
        cover = look.accent if look.hat == "hood" else look.hair
        pen.ellipse(-12.5, 1, 12.5, 24 if look.hair_style != 1 or look.hat == "hood" else 36, cover)
    elif look.hat != "hood":
        (start, end), hairline = _HAIRLINES[turn]
        outer = [
            (12.8 * math.cos(math.radians(a)), 12.3 + 12 * math.sin(math.radians(a)))
            for a in range(round(start), round(end) + 1, 5)
        ]
        pen.poly(outer + hairline, look.hair)
        if turn == 1:
            pen.ellipse(-5.5, 13.5, -1.5, 20, look.skin)  # ear, in front of the hair that frames it
            pen.arc(-4.6, 15, -2.6, 18.5, 90, 270, 0.45)
        for i in range(4 if turn == 0 else 3):  # fringe
            pen.circle(-6 + 4 * i + 5 * turn, 10.3, 2.5, look.hair, ink=False)
    if not back:
        _face(pen, look, turn)
    if look.hat and look.hat != "hood":
        _hat(pen, look, look.hat)


def _face(pen: Pen, look: HumanLook, turn: float) -> None:
    fx = 6.5 * turn
    eyes = [fx - 4.5, fx + 4.5] if turn == 0 else ([fx - 3, fx + 4] if turn == 0.5 else [fx + 1.5])
    if look.beard:
        pen.chord(-12 + 11 * turn, 4, 12 + turn, 30.5, 15, 165, look.hair)
    for i, ex in enumerate(eyes):
        w = 1.15 if (turn == 0.5 and i == 1) else 1.6
        pen.ellipse(ex - w, 13.5, ex + w, 18, INK, ink=False)
        pen.circle(ex + 0.5, 14.6, 0.55, WHITE, ink=False)
        if look.stern:
            inner = ex > fx - 0.5 if turn == 0 else True
            lift = (11.2, 12.8) if inner else (12.8, 11.2)
            pen.line([(ex - 2.2, lift[0] if ex > fx else lift[1]), (ex + 2.2, lift[1] if ex > fx else lift[0])], 0.7)
    for bx in [fx - 7, fx + 7] if turn == 0 else [fx + 6.5 if turn == 1 else fx + 7.5]:
        pen.ellipse(bx - 2.2, 18.2, bx + 2.2, 20.4, mix(look.skin, (240, 110, 120), 0.45), ink=False)
    if turn == 1:
        pen.poly([(11.6, 14.5), (14, 18.3), (11.6, 19.2)], look.skin, ink=False)
        pen.line([(11.8, 14.8), (14, 18.3), (11.8, 19.2)], 0.5)
    elif turn == 0.5:
        pen.line([(fx + 1.8, 17.8), (fx + 2.6, 19.3), (fx + 1.4, 19.6)], 0.5)
    mx = fx + (1.5 * turn)
    if look.stern:
        pen.line([(mx - 2, 22.2), (mx + 2, 21.8)], 0.7)
    else:
        pen.arc(mx - 2.8, 19, mx + 2.8, 23, 20, 160, 0.7)
    if look.glasses:
        for ex in eyes:
            pen.circle(ex, 15.8, 3.2, None)
        if len(eyes) == 2:
            pen.line([(eyes[0] + 3.2, 15.6), (eyes[1] - 3.2, 15.6)], 0.6)
        else:
            pen.line([(eyes[0] - 3.2, 15.6), (-3, 15)], 0.6)


def _hat(pen: Pen, look: HumanLook, kind: str) -> None:
    colour = look.hat_colour
    if kind == "crown":
        pen.poly([(-9, 5), (-10, -4), (-5, 1), (0, -6), (5, 1), (10, -4), (9, 5)], (245, 196, 66))
    elif kind == "wizard":
        pen.poly([(-11, 4), (11, 4), (3, -22), (-1, -24)], colour)
        pen.ellipse(-17, 2, 17, 8, colour)
    elif kind == "helmet":
        pen.pieslice(-13.5, -1, 13.5, 22, 180, 360, (176, 184, 196))
        pen.rrect(-13.5, 9, 13.5, 12, 1, darker((176, 184, 196), 0.2))
    elif kind == "cap":
        pen.pieslice(-12.5, -1, 12.5, 19, 180, 360, colour)
        pen.ellipse(4, 7, 19, 11, darker(colour, 0.2))
    else:
        pen.rrect(-9.5, -8, 9.5, 7, 2, colour)
        pen.rrect(-9.5, 2.5, 9.5, 5.5, 0.5, darker(colour, 0.3))
        pen.ellipse(-17, 4.5, 17, 10, colour)


# ---------------------------------------------------------------- creatures

CREATURE_KINDS: dict[str, tuple[str, ...]] = {
    "serpent": ("serpent", "snake", "eel", "wyrm", "leviathan", "kraken", "naga", "worm", "sea monster"),
    "dragon": ("dragon", "drake", "wyvern", "griffin", "gryphon"),
    "bird": ("bird", "raven", "crow", "owl", "eagle", "hawk", "phoenix", "gull", "parrot", "falcon", "dove", "swan"),
    "fish": ("fish", "whale", "shark", "dolphin", "carp", "koi", "salmon", "mermaid"),
    "quadruped": ("wolf", "dog", "fox", "cat", "lion", "tiger", "bear", "hound", "horse", "deer", "beast", "rabbit"),
}


def creature_kind(text: str, name: str) -> str:
    """The body plan named by the profile's keywords, else one picked from the name's hash."""
    lowered = text.lower()
    for kind, words in CREATURE_KINDS.items():
        if has_any(lowered, words):
            return kind
    return rng("creature", name).choice(("quadruped", "serpent", "bird", "dragon"))


@dataclass(frozen=True)
class CreatureLook:
    """Body plan and colours of a creature."""

    kind: str
    body: RGB
    belly: RGB
    accent: RGB
    eye: RGB
    pointy_ears: bool
    bushy_tail: bool
    horns: bool
    mane: bool


def creature_look(name: str, palette: Sequence[RGB], text: str) -> CreatureLook:
    """A creature look from the palette and the keywords of the profile."""
    lowered = text.lower()
    kind = creature_kind(lowered, name)
    body, second, accent = palette[0], palette[1], palette[2]
    belly = second if abs(luminance(second) - luminance(body)) > 25 else lighter(body, 0.45)
    return CreatureLook(
        kind=kind,
        body=body,
        belly=belly,
        accent=accent,
        eye=(255, 206, 64) if has_any(lowered, ("glow", "fiery", "golden eye", "yellow eye", "menacing")) else WHITE,
        pointy_ears=not has_any(lowered, ("bear", "round ear", "mouse")),
        bushy_tail=has_any(lowered, ("wolf", "fox", "dog", "hound", "squirrel")),
        horns=kind == "dragon" or has_any(lowered, ("horn", "antler", "demon")),
        mane=has_any(lowered, ("lion", "mane", "horse")),
    )


def draw_creature(look: CreatureLook, height: int) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """A side view facing right, `height` pixels tall, on a transparent layer, and the head's pixel box."""
    width = round(height * 1.6)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    pen = Pen(image, (0, 0), height / 100)
    painter = {
        "serpent": _serpent,
        "dragon": _dragon,
        "bird": _bird,
        "fish": _fish,
    }.get(look.kind, _quadruped)
    hx0, hy0, hx1, hy1 = painter(pen, look)
    box = pen.box(hx0, hy0, hx1, hy1)
    return image, (round(box[0]), round(box[1]), round(box[2]), round(box[3]))


def _eye(pen: Pen, look: CreatureLook, x: float, y: float, r: float) -> None:
    pen.circle(x, y, r, look.eye)
    pen.circle(x + r * 0.25, y, r * 0.55, INK, ink=False)
    pen.circle(x + r * 0.4, y - r * 0.3, r * 0.2, WHITE, ink=False)


def _serpent(pen: Pen, look: CreatureLook) -> tuple[float, float, float, float]:
    path = smooth_path(
        [(8, 70), (26, 58), (44, 76), (66, 82), (86, 64), (104, 76), (120, 62), (126, 40), (134, 30)], 10
    )
    n = len(path)
    radii = [1.5 + 9.5 * math.sin(math.pi * min(1.0, (i / (n - 1)) * 1.15)) ** 0.7 for i in range(n)]
    radii = [max(r, 6.5) if i > n * 0.8 else r for i, r in enumerate(radii)]
    for i in range(8, n - 14, 9):  # dorsal fins, drawn first so the body overlaps their base
        (x, y), r = path[i], radii[i]
        pen.poly([(x - r * 0.6, y - r * 0.7), (x + r * 0.2, y - r * 1.7), (x + r * 0.7, y - r * 0.6)], look.accent)
    pen.poly([(4, 70), (-1, 60), (12, 67)], look.accent)
    pen.poly([(4, 70), (-1, 80), (12, 73)], look.accent)
    pen.tube(path, radii, look.body)
    for (x, y), r in zip(path[4:-8], radii[4:-8], strict=True):
        pen.circle(x, y + r * 0.45, r * 0.45, look.belly, ink=False)
    for i in range(6, n - 12, 6):  # scale marks along the back
        (x, y), r = path[i], radii[i]
        pen.arc(x - r * 0.4, y - r * 0.6, x + r * 0.4, y + r * 0.1, 200, 340, 0.5)
    return _serpent_head(pen, look)


def _serpent_head(pen: Pen, look: CreatureLook) -> tuple[float, float, float, float]:
    pen.poly([(124, 24), (116, 12), (130, 20)], look.accent)
    pen.poly([(128, 22), (126, 8), (136, 19)], look.accent)
    pen.ellipse(122, 18, 156, 40, look.body)
    pen.chord(128, 22, 157, 42, 20, 170, look.belly)
    pen.line([(138, 33), (154, 32)], 0.6)
    pen.circle(153, 27, 0.9, INK, ink=False)
    _eye(pen, look, 140, 26, 3.3)
    return (112, 4, 160, 46)


def _quadruped(
    pen: Pen, look: CreatureLook, tail: bool = True, wing: bool = False
) -> tuple[float, float, float, float]:
    far = darker(look.body, 0.25)
    if tail:
        bushy = look.bushy_tail
        path = smooth_path([(44, 50), (30, 48), (20, 38), (16, 24)], 8)
        n = len(path)
        if bushy:  # thick in the middle, a pale tip
            radii = [2.5 + 5.5 * math.sin(math.pi * (0.15 + 0.8 * i / n)) for i in range(n)]
            pen.tube(path, radii, look.body)
            pen.tube(path[-7:], [r * 0.8 for r in radii[-7:]], look.belly)
        else:
            pen.tube(path, [2.2] * n, look.body)
            pen.circle(16, 23, 4, look.accent)
    for x in (58, 104):  # far legs
        pen.rrect(x - 4, 58, x + 4, 91, 3, far)
        pen.ellipse(x - 5, 87, x + 6, 93, darker(far, 0.2))
    pen.ellipse(38, 36, 118, 72, look.body)
    pen.chord(44, 44, 114, 74, 20, 160, look.belly)
    for x in (50, 96):  # near legs
        pen.rrect(x - 4.5, 60, x + 4.5, 93, 3, look.body)
        pen.ellipse(x - 5.5, 89, x + 7, 96, darker(look.body, 0.35))
    pen.poly([(100, 42), (112, 30), (124, 36), (116, 58)], look.body)
    if wing:
        _wing(pen, look)
    return _beast_head(pen, look, 106, 14)


def _beast_head(pen: Pen, look: CreatureLook, x: float, y: float) -> tuple[float, float, float, float]:
    if look.pointy_ears:
        pen.poly([(x + 6, y + 10), (x + 8, y - 6), (x + 16, y + 6)], look.body)
        pen.poly([(x + 8.5, y + 6), (x + 9, y - 1), (x + 13, y + 5)], look.accent, ink=False)
    else:
        pen.circle(x + 10, y + 3, 5, look.body)
    if look.horns:
        pen.poly([(x + 14, y + 4), (x + 18, y - 10), (x + 20, y + 4)], lighter(look.accent, 0.3))
    if look.mane:
        pen.poly(star_points(x + 14, y + 14, 22, 15, 11), look.accent)
    pen.ellipse(x, y, x + 30, y + 26, look.body)
    pen.ellipse(x + 20, y + 10, x + 44, y + 26, look.belly)
    pen.ellipse(x + 39, y + 11, x + 45, y + 16, INK, ink=False)
    pen.arc(x + 28, y + 16, x + 40, y + 24, 20, 120, 0.6)
    _eye(pen, look, x + 20, y + 9, 3.2)
    return (x - 6, y - 12, x + 48, y + 32)


def _dragon(pen: Pen, look: CreatureLook) -> tuple[float, float, float, float]:
    path = smooth_path([(46, 54), (30, 62), (16, 58), (6, 44)], 8)
    radii = [4.5 - 3.3 * i / len(path) for i in range(len(path))]
    pen.tube(path, radii, look.body)
    pen.poly([(6, 44), (0, 38), (3, 32), (8, 38), (12, 36)], look.accent)
    for i in range(5):  # back spikes, bases hidden under the body drawn next
        x = 48 + i * 11
        top = 54 - 18 * math.sqrt(max(0.0, 1 - ((x + 4 - 78) / 40) ** 2))
        pen.poly([(x, top + 4), (x + 4, top - 6), (x + 8, top + 4)], look.accent)
    return _quadruped(pen, look, tail=False, wing=True)


def _wing(pen: Pen, look: CreatureLook) -> None:
    membrane = lighter(mix(look.accent, look.body, 0.4), 0.2)
    wrist = (70.0, 4.0)
    pen.poly([(88, 44), wrist, (30, 0), (40, 14), (48, 12), (52, 26), (60, 22), (66, 44)], membrane)
    for tip in ((40, 14), (52, 26)):
        pen.line([wrist, tip], 0.9, darker(membrane, 0.45))
    pen.circle(*wrist, 1.6, darker(membrane, 0.3))


def _bird(pen: Pen, look: CreatureLook) -> tuple[float, float, float, float]:
    for i, dy in enumerate((-7, 0, 7)):
        pen.poly([(48, 52), (16, 44 + dy * 1.6), (20, 52 + dy * 1.6)], darker(look.accent, 0.1 * i))
    for x in (74, 84):
        pen.line([(x, 72), (x + 1, 90)], 1.3, (214, 150, 60))
        pen.line([(x - 4, 92), (x + 1, 90), (x + 6, 92)], 1.1, (214, 150, 60))
    pen.ellipse(42, 34, 110, 78, look.body)
    pen.chord(52, 44, 112, 80, 0, 150, look.belly)
    pen.poly([(56, 46), (92, 42), (100, 50), (86, 62), (62, 66), (40, 60)], darker(look.body, 0.2))
    for x in (60, 70, 80):
        pen.arc(x - 6, 50, x + 6, 64, 30, 150, 0.6)
    pen.ellipse(92, 16, 126, 48, look.body)
    pen.poly([(104, 16), (100, 4), (108, 12), (110, 2), (114, 15)], look.accent)
    pen.poly([(124, 26), (142, 32), (124, 38)], (240, 170, 50))
    _eye(pen, look, 113, 28, 3.6)
    return (86, 0, 146, 52)


def _fish(pen: Pen, look: CreatureLook) -> tuple[float, float, float, float]:
    pen.poly([(30, 50), (4, 26), (12, 50), (4, 74)], look.accent)
    pen.poly([(60, 30), (78, 8), (96, 28)], look.accent)
    top = [(30 + 110 * t, 50 - 26 * math.sin(math.pi * t) ** 0.8) for t in (i / 20 for i in range(21))]
    bottom = [(30 + 110 * t, 50 + 24 * math.sin(math.pi * t) ** 0.8) for t in (i / 20 for i in range(20, -1, -1))]
    pen.poly(top + bottom, look.body)
    belly = [(36 + 100 * t, 50 + 22 * math.sin(math.pi * t) ** 0.8) for t in (i / 20 for i in range(21))]
    pen.poly([(36, 52), *belly[::-1][::-1], (136, 52)], look.belly, ink=False)
    for row, y in enumerate((40, 50)):
        for x in range(56 + row * 5, 104, 11):
            pen.arc(x - 5, y - 5, x + 5, y + 5, 100, 260, 0.5)
    pen.arc(104, 34, 122, 66, 110, 250, 0.9)
    pen.poly([(96, 60), (84, 74), (104, 66)], look.accent)
    pen.line([(132, 56), (138, 55)], 0.6)
    _eye(pen, look, 124, 44, 4)
    return (96, 22, 142, 78)


# ---------------------------------------------------------------- concepts

MOTIFS: dict[str, tuple[str, ...]] = {
    "heart": ("love", "heart", "kindness", "compassion", "friendship"),
    "flame": ("fire", "flame", "anger", "rage", "passion", "courage", "wrath"),
    "moon": ("moon", "night", "dream", "sleep", "mystery", "secret"),
    "sun": ("sun", "day", "light", "joy", "summer", "warmth"),
    "eye": ("eye", "watch", "truth", "knowledge", "wisdom", "sight", "memory"),
    "hourglass": ("time", "hourglass", "age", "fate", "destiny", "past", "future"),
    "wave": ("sea", "ocean", "water", "wave", "tide", "storm"),
    "leaf": ("nature", "forest", "life", "growth", "spring", "hope"),
    "bolt": ("lightning", "thunder", "power", "energy", "storm", "chaos"),
    "skull": ("death", "fear", "doom", "shadow", "despair", "darkness"),
}


def concept_motif(text: str, name: str) -> str:
    """The motif named by the profile's keywords, else a star or spiral from the name's hash."""
    lowered = f"{name} {text}".lower()
    for motif, words in MOTIFS.items():
        if has_any(lowered, words):
            return motif
    return rng("motif", name).choice(("star", "spiral"))


def draw_emblem(palette: Sequence[RGB], motif: str, size: int) -> Image.Image:
    """A radiant round emblem with rings and a central motif, on a transparent layer `size` pixels square."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = Pen(image, (size / 2, size / 2), size / 100)
    a, b, c = palette[0], palette[1], palette[2]
    pen.poly(star_points(0, 0, 49, 30, 12), lighter(a, 0.35))
    pen.poly(star_points(0, 0, 44, 28, 12, phase=-75), b)
    pen.circle(0, 0, 33, a)
    for i in range(24):
        angle = math.radians(i * 15)
        pen.circle(28 * math.cos(angle), 28 * math.sin(angle), 1.6, lighter(c, 0.4), ink=False)
    ground = lighter(b, 0.55)
    pen.circle(0, 0, 24, ground)
    _motif(pen, motif, c, ground)
    return image


def _motif(pen: Pen, motif: str, colour: RGB, ground: RGB) -> None:
    if motif == "heart":
        pen.poly([(0, 8), (-13, -4), (-10, -13), (-3, -13), (0, -8), (3, -13), (10, -13), (13, -4)], colour)
    elif motif == "flame":
        pen.poly(
            smooth_path([(0, 10), (-10, 2), (-6, -10), (-2, -6), (0, -18), (5, -6), (9, -9), (10, 2), (0, 10)], 5),
            colour,
        )
        pen.poly([(0, 8), (-4, 2), (0, -5), (4, 2)], lighter(colour, 0.5))
    elif motif == "moon":
        pen.circle(0, -3, 12, colour)
        pen.circle(6, -6, 10, ground, ink=False)  # the cut-out that leaves a crescent
    elif motif == "sun":
        pen.poly(star_points(0, -3, 16, 10, 10), colour)
        pen.circle(0, -3, 8, lighter(colour, 0.4))
    elif motif == "eye":
        pen.poly(smooth_path([(-16, -3), (0, -13), (16, -3), (0, 7), (-16, -3)], 6), WHITE)
        pen.circle(0, -3, 6, colour)
        pen.circle(0, -3, 2.5, INK, ink=False)
    elif motif == "hourglass":
        pen.poly([(-9, -16), (9, -16), (1.5, -3), (9, 10), (-9, 10), (-1.5, -3)], lighter(colour, 0.3))
        pen.poly([(-5, 10), (5, 10), (0, 4)], colour, ink=False)
        pen.rrect(-11, -18, 11, -15, 1, colour)
        pen.rrect(-11, 9, 11, 12, 1, colour)
    elif motif == "wave":
        for dy in (-8, 0):
            pen.line(smooth_path([(-15, dy), (-8, dy - 5), (0, dy), (8, dy - 5), (15, dy)], 6), 2.6, colour)
    elif motif == "leaf":
        pen.poly(smooth_path([(-12, 8), (-10, -6), (4, -16), (12, -14), (8, 0), (-12, 8)], 6), colour)
        pen.line([(-12, 8), (6, -10)], 0.8)
    elif motif == "bolt":
        pen.poly([(3, -18), (-9, 0), (-1, 0), (-4, 12), (9, -5), (1, -5)], colour)
    elif motif == "skull":
        pen.circle(0, -6, 11, (240, 236, 226))
        pen.rrect(-6, 0, 6, 8, 2, (240, 236, 226))
        for x in (-4.5, 4.5):
            pen.circle(x, -6, 3, INK, ink=False)
    elif motif == "spiral":
        pts = [(1.2 * t * math.cos(t), -3 + 1.2 * t * math.sin(t)) for t in (i / 4 for i in range(1, 52))]
        pen.line(pts, 2.2, colour)
    else:
        pen.poly(star_points(0, -3, 15, 6.5, 5), colour)


# ---------------------------------------------------------------- objects

OBJECT_KINDS: dict[str, tuple[str, ...]] = {
    "lantern": ("lantern", "lamp", "lighthouse lamp", "candle", "torch"),
    "bottle": ("bottle", "potion", "vial", "flask", "jar", "urn", "vase"),
    "goblet": ("goblet", "chalice", "cup", "grail", "bell"),
    "blade": ("sword", "dagger", "blade", "knife", "sabre", "saber"),
    "key": ("key",),
    "staff": ("staff", "wand", "sceptre", "scepter", "spear", "rod"),
    "chest": ("chest", "box", "crate", "trunk", "casket", "suitcase", "music box"),
    "book": ("book", "tome", "journal", "diary", "grimoire", "map", "letter"),
    "disc": ("compass", "clock", "watch", "coin", "medallion", "amulet", "mirror", "shield", "ring"),
    "gem": ("gem", "crystal", "jewel", "stone", "orb", "pearl", "diamond", "egg"),
}
OBJECT_FAMILY = {
    "lantern": "lathe",
    "bottle": "lathe",
    "goblet": "lathe",
    "blade": "long",
    "key": "long",
    "staff": "long",
    "chest": "box",
    "book": "box",
    "disc": "disc",
    "gem": "disc",
}


def object_kind(text: str, name: str) -> str:
    """The object named by the profile's keywords, else one picked from the name's hash."""
    lowered = f"{name} {text}".lower()
    for kind, words in OBJECT_KINDS.items():
        if has_any(lowered, words):
            return kind
    return rng("object", name).choice(tuple(OBJECT_KINDS))


# Lathe profiles: (height from the base, radius, palette slot of the band up to the next point; -1 = glowing glass).
_LATHE: dict[str, list[tuple[float, float, int]]] = {
    "lantern": [(0, 16, 0), (6, 16, 0), (8, 12, -1), (44, 12, 0), (48, 17, 0), (54, 14, 0), (62, 4, 2), (70, 0, 2)],
    "bottle": [(0, 18, 0), (30, 20, 0), (40, 14, 0), (46, 6, 1), (60, 6, 2), (66, 7, 2), (70, 0, 2)],
    "goblet": [(0, 16, 2), (4, 10, 2), (8, 3, 0), (28, 3, 0), (34, 8, 0), (44, 18, 0), (62, 20, 0), (62, 0, 0)],
}


def _lathe_colour(slot: int, palette: Sequence[RGB]) -> RGB:
    return (255, 214, 102) if slot < 0 else palette[slot]


def draw_object_view(kind: str, palette: Sequence[RGB], view: str, size: int) -> Image.Image:
    """One view ('hero', 'side' or 'top') of a stylised object on a transparent layer `size` pixels square."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = Pen(image, (size / 2, size / 2), size / 100)
    family = OBJECT_FAMILY.get(kind, "disc")
    if family == "lathe":
        _lathe_view(pen, _LATHE.get(kind, _LATHE["bottle"]), palette, view)
    elif family == "long":
        if view == "hero":
            layer = draw_object_view(kind, palette, "side", size)
            return layer.rotate(40, resample=Image.Resampling.BICUBIC)
        _long_view(pen, kind, palette, view)
    elif family == "box":
        _box_view(pen, kind, palette, view)
    else:
        _disc_view(pen, kind, palette, view)
    return image


def _lathe_view(pen: Pen, profile: list[tuple[float, float, int]], palette: Sequence[RGB], view: str) -> None:
    scale = 1.15
    top = max(h for h, _, _ in profile) * scale
    if view == "top":
        for _h, r, slot in sorted(profile, key=lambda p: -p[1]):
            if r > 0:
                pen.circle(0, 0, r * scale * 1.6, _lathe_colour(slot, palette))
        pen.circle(0, 0, 3, INK, ink=False)
        return
    base = top / 2
    for (h0, r0, slot), (h1, r1, _) in itertools.pairwise(profile):
        y0, y1 = base - h0 * scale, base - h1 * scale
        colour = _lathe_colour(slot, palette)
        pen.poly([(-r0 * scale, y0), (r0 * scale, y0), (r1 * scale, y1), (-r1 * scale, y1)], colour)
        if view == "hero":  # a pale highlight and a shaded edge suggest volume
            pen.poly(
                [(-r0 * 0.7, y0), (-r0 * 0.35, y0), (-r1 * 0.35, y1), (-r1 * 0.7, y1)], lighter(colour, 0.45), ink=False
            )
            pen.poly(
                [(r0 * 0.7, y0), (r0 * scale - 1, y0), (r1 * scale - 1, y1), (r1 * 0.7, y1)],
                darker(colour, 0.2),
                ink=False,
            )
            if slot < 0:
                pen.circle(0, (y0 + y1) / 2, min(r0, r1) * 0.5, (255, 246, 190), ink=False)
    if view == "hero":
        r = profile[0][1] * scale
        pen.ellipse(-r, base - 3, r, base + 3, darker(_lathe_colour(profile[0][2], palette), 0.25))


def _long_view(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    a, b, c = palette[0], palette[1], palette[2]
    if view == "top":
        pen.rrect(-44, -2.5, 44, 2.5, 1.5, a)
        pen.rrect(-20, -4, -16, 4, 1, c)
        return
    if kind == "blade":
        pen.poly([(-16, -3.5), (38, -3.5), (46, 0), (38, 3.5), (-16, 3.5)], (214, 222, 232))
        pen.line([(-14, 0), (38, 0)], 0.6, (170, 180, 192))
        pen.rrect(-20, -12, -16, 12, 1.5, c)
        pen.rrect(-38, -3, -20, 3, 1.5, a)
        pen.circle(-41, 0, 4, c)
    elif kind == "key":
        pen.circle(-30, 0, 13, c)
        pen.circle(-30, 0, 6, None)
        pen.rrect(-18, -3, 38, 3, 1.5, c)
        pen.poly([(26, 3), (26, 12), (31, 12), (31, 3)], c)
        pen.poly([(34, 3), (34, 9), (38, 9), (38, 3)], c)
    else:
        pen.rrect(-42, -2.5, 32, 2.5, 1.5, (140, 96, 58))
        pen.rrect(-6, -3.5, 0, 3.5, 1, b)
        pen.circle(38, 0, 8, a)
        pen.circle(36, -2, 2.5, lighter(a, 0.6), ink=False)


def _box_view(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    a, b, c = palette[0], palette[1], palette[2]
    book = kind == "book"
    w, h, d = (36, 10 if book else 22, 26)
    if view == "top":
        pen.rrect(-w, -d, w, d, 2, a)
        pen.rrect(-w, -3, w, 3, 0, c) if not book else pen.rrect(-w + 4, -d + 4, w - 4, d - 4, 1, lighter(a, 0.2))
        return
    if view == "side":
        pen.rrect(-d, -h, d, h, 2, a)
        if book:
            pen.rrect(-d + 3, -h + 2.5, d, h - 2.5, 0.5, (250, 244, 228))
        else:
            pen.rrect(-d, -h + 8, d, -h + 11, 0, c)
        return
    dx, dy = 16, -12  # oblique depth
    y0 = 6
    pen.poly([(-w, y0 - h), (w, y0 - h), (w + dx, y0 - h + dy), (-w + dx, y0 - h + dy)], lighter(a, 0.25))
    pen.poly(
        [(w, y0 - h), (w + dx, y0 - h + dy), (w + dx, y0 + h + dy), (w, y0 + h)],
        darker(a, 0.25) if not book else (250, 244, 228),
    )
    pen.rrect(-w, y0 - h, w, y0 + h, 1, a)
    if book:
        pen.rrect(-w + 5, y0 - h + 3, -w + 9, y0 + h - 3, 0.5, c)
        pen.poly(star_points(4, y0, 6, 3, 5), c)
    else:
        pen.rrect(-w, y0 - h + 8, w, y0 - h + 12, 0, c)
        for x in (-w + 8, w - 8):
            pen.rrect(x - 2, y0 - h, x + 2, y0 + h, 0, b)
        pen.rrect(-5, y0 - h + 6, 5, y0 - h + 16, 1.5, c)
        pen.circle(0, y0 - h + 11, 1.3, INK, ink=False)


def _disc_view(pen: Pen, kind: str, palette: Sequence[RGB], view: str) -> None:
    a, b, c = palette[0], palette[1], palette[2]
    if view == "side":
        pen.rrect(-34, -5, 34, 5, 3, a) if kind == "disc" else pen.poly([(-30, -8), (30, -8), (0, 34), (-30, -8)], a)
        return
    if kind == "gem":
        facets = (
            star_points(0, 0, 34, 34, 4, phase=-90)
            if view == "top"
            else [(-30, -8), (-18, -22), (18, -22), (30, -8), (0, 34)]
        )
        pen.poly(facets, a)
        if view != "top":
            pen.poly([(-30, -8), (30, -8), (0, 34)], darker(a, 0.2))
            pen.poly([(-18, -22), (-6, -8), (6, -8), (18, -22)], lighter(a, 0.35))
            pen.poly([(-16, -16), (-10, -20), (-8, -12)], WHITE, ink=False)
        return
    pen.circle(0, 0, 36, c)
    pen.circle(0, 0, 30, lighter(b, 0.6))
    for i in range(12):
        angle = math.radians(i * 30)
        pen.line([(24 * math.cos(angle), 24 * math.sin(angle)), (28 * math.cos(angle), 28 * math.sin(angle))], 1.2)
    pen.poly([(0, -22), (4, 0), (0, 22), (-4, 0)], a)
    pen.poly([(0, 22), (4, 0), (-4, 0)], darker(a, 0.4))
    pen.circle(0, 0, 2.5, c)
    if view == "hero":
        pen.rrect(-5, -44, 5, -36, 2, c)


# ---------------------------------------------------------------- scenes

# Checked in order; the first group with a matching word wins (so "dusk" beats a mood word such as "dark").
_TIMES: dict[str, tuple[str, ...]] = {
    "dawn": ("dawn", "sunrise", "morning", "daybreak", "first light"),
    "sunset": ("sunset", "dusk", "twilight", "evening", "golden hour", "nightfall"),
    "day": ("noon", "midday", "afternoon", "daylight", "sunny", "bright"),
    "night": ("night", "midnight", "moon", "moonlight", "moonless", "stars", "starry", "nocturnal", "dark"),
}
_WEATHER: dict[str, tuple[str, ...]] = {
    "storm": ("storm", "thunder", "thunderstorm", "lightning", "tempest", "gale", "hurricane"),
    "rain": ("rain", "drizzle", "downpour", "wet", "rain-soaked"),
    "snow": ("snow", "blizzard", "winter", "frozen", "frost", "ice", "icy", "glacier"),
    "fog": ("fog", "foggy", "mist", "haze", "hazy", "murk", "murky"),
}
_SETTINGS: dict[str, tuple[str, ...]] = {
    "space": ("space", "planet", "galaxy", "orbit", "spaceship", "rocket", "asteroid", "mars", "lunar", "nebula",
              "space station", "starship", "cosmos"),
    "cave": ("cave", "cavern", "dungeon", "tunnel", "grotto", "underground", "crypt", "lair"),
    "interior": ("room", "hall", "kitchen", "library", "tavern", "inn", "bedroom", "chamber", "throne", "shop",
                 "classroom", "school", "museum", "bakery", "factory", "workshop", "office", "inside", "indoors",
                 "cabin", "attic", "parlour", "parlor"),
    "sea": ("sea", "ocean", "wave", "shore", "beach", "harbour", "harbor", "port", "dock", "pier", "bay", "coast",
            "ship", "boat", "lighthouse", "reef", "island", "cliff"),
    "forest": ("forest", "wood", "tree", "jungle", "grove", "glade", "thicket", "swamp"),
    "city": ("city", "town", "rooftop", "street", "alley", "village", "market", "square", "skyline", "subway"),
    "desert": ("desert", "dune", "sand", "sandy", "oasis", "canyon", "pyramid"),
    "mountains": ("mountain", "peak", "summit", "valley", "ridge", "hill", "alps", "kingdom", "glacier"),
}  # fmt: skip
_FEATURES: dict[str, tuple[str, ...]] = {
    "lighthouse": ("lighthouse",),
    "castle": ("castle", "fortress", "palace", "citadel", "kingdom"),
    "tower": ("tower", "spire", "belfry"),
    "harbour": ("harbour", "harbor", "port", "dock", "pier", "quay", "wharf", "boats"),
    "fire": ("fire", "fiery", "flame", "burning", "campfire", "bonfire", "blaze", "hearth", "torch"),
    "railing": ("gallery", "balcony", "deck", "railing", "terrace", "parapet", "bridge", "rampart"),
    "shore": ("shore", "beach", "coast", "sand"),
    "river": ("river", "stream", "brook", "lake", "pond", "creek"),
}


@dataclass(frozen=True)
class Scene:
    """What a panel's background text asks for: time of day, weather, setting and landmarks."""

    time: str
    weather: str | None
    setting: str
    features: frozenset[str]
    seed: str


def scene_for(background: str) -> Scene:
    """Read the background text's keywords; unmatched parts are chosen from the text's hash."""
    text = background.lower()
    r = rng("scene", background)
    time = next((t for t, words in _TIMES.items() if has_any(text, words)), None)
    weather = next((w for w, words in _WEATHER.items() if has_any(text, words)), None)
    setting = next((s for s, words in _SETTINGS.items() if has_any(text, words)), None)
    features = frozenset(f for f, words in _FEATURES.items() if has_any(text, words))
    if setting is None:
        setting = r.choice(("field", "field", "forest", "mountains", "sea", "city"))
    if setting == "space":
        time = "night"
    if time is None:
        time = r.choice(("day", "day", "day", "sunset", "dawn", "night"))
    return Scene(time=time, weather=weather, setting=setting, features=features, seed=background)


_SKIES: dict[str, tuple[RGB, RGB, RGB]] = {
    "day": ((96, 160, 226), (150, 198, 240), (214, 236, 250)),
    "dawn": ((112, 126, 196), (232, 160, 172), (255, 214, 160)),
    "sunset": ((58, 52, 120), (214, 98, 96), (255, 184, 102)),
    "night": ((10, 14, 40), (26, 38, 84), (52, 70, 120)),
}
_LIGHT: dict[str, tuple[float, RGB, float]] = {  # brightness, tint colour, tint strength
    "day": (1.0, (255, 255, 255), 0.0),
    "dawn": (0.9, (255, 170, 150), 0.15),
    "sunset": (0.78, (255, 120, 60), 0.22),
    "night": (0.42, (30, 50, 110), 0.35),
    "lamp": (0.85, (255, 170, 90), 0.2),  # indoors after dark: warm lamplight, not moonlight
}


class ScenePainter:
    """Paints a scene on an RGBA canvas; everything is placed in fractions of the canvas size."""

    def __init__(self, scene: Scene, size: tuple[int, int], figure_xs: Sequence[float] = ()) -> None:
        self.scene = scene
        self.w, self.h = size
        self.image = Image.new("RGBA", size, (0, 0, 0, 255))
        self.draw = ImageDraw.Draw(self.image)
        self.r = rng("scenery", scene.seed)
        self.horizon = 0.58 * self.h
        self.floor = 0.8 * self.h  # where the foreground floor (what characters stand on) begins
        # A landmark (lighthouse, fire) stands on one side; the moon or sun goes to the other so they never overlap.
        self.side = 0.84 if self.r.random() < 0.5 else 0.16
        # A fire is the one landmark that matters at figure height: put it where no figure will stand.
        xs = sorted(figure_xs)
        spots = [0.5, 0.1, 0.9, *((a + b) / 2 for a, b in itertools.pairwise(xs))]
        self.fire_x = max(spots, key=lambda x: min((abs(x - f) for f in xs), default=abs(x - self.side)))
        self.light = "lamp" if scene.setting == "interior" and scene.time in ("night", "sunset") else scene.time

    def lit(self, colour: RGB) -> RGB:
        """A colour as seen in this scene's light (dimmer and bluer at night, warmer at sunset)."""
        bright, tint, amount = _LIGHT[self.light]
        if self.scene.weather in ("storm", "rain", "fog") and self.light != "lamp":
            bright *= 0.8
            tint, amount = mix(tint, (110, 120, 140), 0.6), amount + 0.15
        dimmed = (round(colour[0] * bright), round(colour[1] * bright), round(colour[2] * bright))
        return mix(dimmed, tint, amount)

    def px(self, x: float, y: float) -> Point:
        """Fractions of the canvas to pixels."""
        return (x * self.w, y * self.h)

    def poly(self, points: Sequence[Point], fill: RGB | tuple[int, int, int, int]) -> None:
        """A polygon in canvas fractions."""
        self.draw.polygon([self.px(x, y) for x, y in points], fill=fill)

    def overlay(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        """A transparent layer for translucent effects; composite it with commit()."""
        layer = Image.new("RGBA", self.image.size, (0, 0, 0, 0))
        return layer, ImageDraw.Draw(layer)

    def commit(self, layer: Image.Image) -> None:
        """Composite a translucent layer onto the scene."""
        self.image.alpha_composite(layer)
        self.draw = ImageDraw.Draw(self.image)

    def glow(self, centre: Point, radius: float, colour: RGB, strength: int) -> None:
        """A soft round light: a disc blurred on a small mask (cheap), scaled up and tinted."""
        shrink = 8
        mask = Image.new("L", (self.w // shrink + 1, self.h // shrink + 1), 0)
        cx, cy, rad = centre[0] / shrink, centre[1] / shrink, radius / shrink
        ImageDraw.Draw(mask).ellipse((cx - rad * 0.6, cy - rad * 0.6, cx + rad * 0.6, cy + rad * 0.6), fill=strength)
        mask = mask.filter(ImageFilter.GaussianBlur(max(1.0, rad * 0.45)))
        light = Image.new("RGBA", self.image.size, (*colour, 0))
        light.putalpha(mask.resize(self.image.size, Image.Resampling.BILINEAR))
        self.commit(light)

    def gradient(self, box: tuple[float, float, float, float], stops: Sequence[RGB]) -> None:
        """A vertical gradient through the stops filling a box of pixels."""
        x0, y0, x1, y1 = (round(v) for v in box)
        strip = Image.new("RGB", (1, len(stops)))
        strip.putdata(list(stops))
        band = strip.resize((max(1, x1 - x0), max(1, y1 - y0)), Image.Resampling.BILINEAR)
        self.image.paste(band, (x0, y0))

    def paint(self) -> Image.Image:
        """The finished scene (RGB)."""
        s = self.scene
        indoor = s.setting in ("interior", "cave")
        if s.setting == "interior":
            self._interior()
        elif s.setting == "cave":
            self._cave()
        elif s.setting == "space":
            self._space()
        else:
            self._sky()
            self._celestial()
            if s.weather == "storm" or (s.weather in ("rain", "snow") and s.time != "night"):
                self._clouds(heavy=True)
            elif s.time in ("day", "dawn", "sunset"):
                self._clouds(heavy=False)
            {"sea": self._sea, "forest": self._forest, "city": self._city, "desert": self._desert,
             "mountains": self._mountains}.get(s.setting, self._field)()  # fmt: skip
            if "river" in s.features and s.setting in ("field", "forest", "mountains"):
                self._river()
        if not indoor and s.setting != "space":
            if "castle" in s.features:
                self._castle()
            if "tower" in s.features and "lighthouse" not in s.features:
                self._tower()
            if "lighthouse" in s.features and "railing" not in s.features:
                self._lighthouse()
            if "harbour" in s.features:
                self._boats()
        self._floor()
        if "fire" in s.features:
            self._hearth() if s.setting == "interior" else self._fire()
        if "lighthouse" in s.features and "railing" in s.features:
            self._lantern_room()
        self._weather()
        return self.image.convert("RGB")

    # -- sky

    def _sky(self) -> None:
        top, mid, low = _SKIES[self.scene.time]
        if self.scene.weather in ("storm", "rain", "fog", "snow"):
            grey = (70, 76, 92) if self.scene.time == "night" else (150, 156, 168)
            top, mid, low = mix(top, grey, 0.6), mix(mid, grey, 0.55), mix(low, grey, 0.45)
        self.gradient((0, 0, self.w, self.horizon + 2), [top, mid, low])

    def _celestial(self) -> None:
        s, r = self.scene, self.r
        layer, draw = self.overlay()
        if s.time == "night":
            for _ in range(30 if s.weather else 90):
                x, y = r.random() * self.w, r.random() * self.horizon * 0.9
                size = r.choice((1, 1, 2, 3)) * self.w / 1200
                draw.ellipse((x - size, y - size, x + size, y + size), fill=(255, 250, 220, r.randrange(140, 255)))
            cx, cy, rad = (1 - self.side) * self.w, 0.16 * self.h, 0.045 * self.w
            self.glow((cx, cy), rad * 2.6, (255, 246, 200), 70)
            draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(250, 244, 214, 255))
            for dx, dy, cr in ((-0.3, -0.2, 0.22), (0.25, 0.3, 0.15), (0.1, -0.45, 0.1)):
                x, y, cr_px = cx + dx * rad, cy + dy * rad, cr * rad
                draw.ellipse((x - cr_px, y - cr_px, x + cr_px, y + cr_px), fill=(226, 220, 190, 255))
        else:
            sy = {"day": 0.14, "dawn": 0.55, "sunset": 0.5}[s.time]
            cx, cy = self.px(1 - self.side, sy)
            rad = (0.05 if s.time == "day" else 0.075) * self.w
            colour = (255, 244, 190) if s.time == "day" else ((255, 226, 150) if s.time == "dawn" else (255, 160, 80))
            self.glow((cx, cy), rad * 3.5, colour, 110)
            draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(*colour, 255))
        self.commit(layer)

    def _clouds(self, heavy: bool) -> None:
        r = self.r
        layer, draw = self.overlay()
        night = self.scene.time == "night"
        base = (40, 44, 60) if (heavy and night) else ((110, 114, 128) if heavy else (255, 255, 255))
        count = 7 if heavy else 3
        for i in range(count):
            cx = (i + r.uniform(0.1, 0.9)) / count * self.w
            cy = r.uniform(0.04, 0.2 if heavy else 0.3) * self.h
            scale = r.uniform(0.8, 1.3) * self.w * (0.09 if heavy else 0.05)
            shade = mix(base, (0, 0, 0), 0.2) if heavy else self.lit(base)
            for dx, dy, rr in ((-1.2, 0.3, 0.7), (-0.4, -0.2, 1.0), (0.5, 0.0, 0.85), (1.2, 0.35, 0.6), (0, 0.4, 0.8)):
                x, y, rad = cx + dx * scale, cy + dy * scale, rr * scale
                draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=(*shade, 235 if heavy else 210))
            if heavy:
                for dx, rr in ((-0.6, 0.6), (0.4, 0.7)):
                    x, y, rad = cx + dx * scale, cy + 0.75 * scale, rr * scale
                    draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=(*mix(shade, (0, 0, 0), 0.25), 220))
        self.commit(layer)

    # -- settings

    def _sea(self) -> None:
        s, r = self.scene, self.r
        sea_top = self.lit((70, 140, 190)) if s.time != "night" else (28, 46, 88)
        if s.time in ("dawn", "sunset"):
            sea_top = mix(sea_top, _SKIES[s.time][2], 0.35)
        deep = darker(sea_top, 0.35)
        self.gradient((0, self.horizon, self.w, self.h), [sea_top, deep])
        rough = s.weather == "storm"
        layer, draw = self.overlay()
        rows = 9 if rough else 14
        for row in range(rows):
            t = row / (rows - 1)
            y = self.horizon + (self.h - self.horizon) * t**1.4 + 4
            amp = (2 + 16 * t) * (1.8 if rough else 1) * self.w / 1024
            step = (24 + 90 * t) * self.w / 1024 * (1.8 if rough else 1)
            x = -r.random() * step
            while x < self.w:
                length = step * r.uniform(0.35, 0.7)
                colour = (255, 255, 255, 150 if rough else 90)
                draw.arc((x, y - amp, x + length, y + amp), 200, 340, fill=colour, width=max(2, round(amp / 3)))
                x += step
        if s.time != "day" and not rough:  # the sun's or moon's path on the water
            cx = (1 - self.side) * self.w
            glint = (255, 240, 200, 130)
            for row in range(16):
                y = self.horizon + 6 + row * (self.h - self.horizon) / 22
                half = (0.02 + 0.05 * row / 16) * self.w * r.uniform(0.5, 1.0)
                draw.line((cx - half, y, cx + half, y), fill=glint, width=max(2, self.h // 300))
        self.commit(layer)
        far = self.lit((86, 110, 100))
        if "harbour" in s.features or "shore" in s.features or "lighthouse" in s.features:
            x0 = 0.0 if self.r.random() < 0.5 else 0.55
            pts = smooth_path([(x0, 0.59), (x0 + 0.1, 0.53), (x0 + 0.25, 0.55), (x0 + 0.45, 0.59)], 8)
            self.poly([*pts, (x0 + 0.45, 0.595), (x0, 0.595)], far)
            if "harbour" in s.features:
                self._houses(x0 + 0.05, x0 + 0.38, 0.555)

    def _houses(self, x0: float, x1: float, base: float) -> None:
        r = self.r
        x = x0
        while x < x1:
            w = r.uniform(0.035, 0.055)
            h = r.uniform(0.04, 0.07)
            wall = self.lit(r.choice([(236, 220, 196), (214, 120, 100), (130, 170, 200), (240, 200, 120)]))
            roof = self.lit(r.choice([(150, 70, 60), (80, 90, 110), (120, 80, 60)]))
            self.poly([(x, base), (x, base - h), (x + w, base - h), (x + w, base)], wall)
            self.poly([(x - 0.004, base - h), (x + w / 2, base - h - 0.03), (x + w + 0.004, base - h)], roof)
            wx, wy = self.px(x + w * 0.35, base - h * 0.6)
            lamp = (255, 214, 120) if self.scene.time != "day" else (90, 110, 140)
            self.draw.rectangle((wx, wy, wx + w * self.w * 0.3, wy + h * self.h * 0.3), fill=lamp)
            x += w + 0.006

    def _boats(self) -> None:
        r = self.r
        for i in range(3):
            x = 0.12 + i * 0.3 + r.uniform(-0.05, 0.05)
            y = 0.62 + r.uniform(0, 0.05) + i * 0.01
            size = 0.05 + 0.01 * i
            hull = self.lit(r.choice([(170, 60, 50), (60, 90, 140), (230, 220, 200), (60, 120, 90)]))
            self.poly(
                [(x - size, y), (x + size, y), (x + size * 0.7, y + size * 0.45), (x - size * 0.7, y + size * 0.45)],
                hull,
            )
            self.draw.line(
                [self.px(x, y), self.px(x, y - size * 2.2)], fill=self.lit((90, 70, 50)), width=max(2, self.w // 400)
            )
            self.poly(
                [(x + 0.003, y - size * 2.1), (x + 0.003, y - 0.01), (x + size * 0.9, y - 0.01)],
                self.lit((250, 246, 232)),
            )

    def _forest(self) -> None:
        self.horizon = 0.62 * self.h
        self._sky_hills(self.lit((90, 130, 110)), 0.56, 0.03)
        self.gradient((0, self.horizon, self.w, self.h), [self.lit((90, 150, 80)), self.lit((60, 110, 60))])
        r = self.r
        for layer_i, (count, scale, y) in enumerate(((9, 0.6, 0.63), (5, 1.5, 0.84))):
            for i in range(count):
                x = (i + r.uniform(0.1, 0.9)) / count
                if layer_i == 1 and 0.18 < x < 0.82:
                    continue  # keep the middle clear for the cast
                self._tree(x, y, scale * r.uniform(0.8, 1.2), layer_i)

    def _tree(self, x: float, base: float, scale: float, depth: int) -> None:
        r = self.r
        green = self.lit(mix((40, 110, 60), (20, 60, 40), 0.5 - depth * 0.4))
        trunk = self.lit((110, 76, 50))
        tw, th = 0.012 * scale, 0.1 * scale
        self.poly([(x - tw, base), (x - tw, base - th), (x + tw, base - th), (x + tw, base)], trunk)
        if r.random() < 0.5:  # a conifer
            for k in range(3):
                w, top, bottom = (
                    0.07 * scale * (1 - k * 0.22),
                    base - th - 0.1 * scale * (k + 1.2),
                    base - th * 0.6 - 0.1 * scale * k,
                )
                self.poly([(x - w, bottom), (x, top), (x + w, bottom)], mix(green, (0, 0, 0), 0.08 * k))
        else:
            for dx, dy, rr in ((-0.5, 0.1, 0.7), (0.5, 0.1, 0.7), (0, -0.35, 0.85), (0, 0.2, 0.8)):
                cx, cy = self.px(x + dx * 0.05 * scale, base - th - 0.08 * scale + dy * 0.1 * scale)
                rad = rr * 0.06 * scale * self.w
                self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=green)

    def _sky_hills(self, colour: RGB, y: float, amp: float) -> None:
        pts = [(i / 24, y + amp * math.sin(i * 0.9 + self.r.random()) ** 2) for i in range(25)]
        self.poly([*pts, (1, self.horizon / self.h + 0.01), (0, self.horizon / self.h + 0.01)], colour)

    def _city(self) -> None:
        r = self.r
        self.horizon = 0.68 * self.h
        for depth, (colour, low, high) in enumerate((((110, 120, 150), 0.3, 0.5), ((70, 74, 96), 0.42, 0.62))):
            x = -0.02
            tone = self.lit(colour)
            while x < 1.02:
                w = r.uniform(0.05, 0.11)
                top = r.uniform(low, high)
                self.poly([(x, 0.7), (x, top), (x + w, top), (x + w, 0.7)], tone)
                if r.random() < 0.35:
                    self.poly([(x - 0.005, top), (x + w / 2, top - 0.05), (x + w + 0.005, top)], darker(tone, 0.2))
                lit = self.scene.time in ("night", "sunset") or self.scene.weather is not None
                for wy in range(int(top * 100) + 3, 66, 5):
                    for wx in range(2):
                        if r.random() < (0.55 if lit else 0.9):
                            fill = (255, 214, 120) if lit else mix(tone, (200, 220, 240), 0.5)
                            x0, y0 = self.px(x + w * (0.22 + 0.38 * wx), wy / 100)
                            self.draw.rectangle((x0, y0, x0 + w * self.w * 0.18, y0 + 0.02 * self.h), fill=fill)
                x += w + r.uniform(0.0, 0.02) * depth
        self.gradient((0, 0.7 * self.h, self.w, self.h), [self.lit((120, 116, 120)), self.lit((90, 86, 92))])

    def _desert(self) -> None:
        self.gradient((0, self.horizon, self.w, self.h), [self.lit((236, 200, 140)), self.lit((214, 160, 96))])
        for k, (y, colour) in enumerate(((0.6, (226, 184, 120)), (0.7, (240, 196, 130)), (0.8, (222, 170, 104)))):
            pts = [(i / 20, y + 0.03 * math.sin(i * 0.7 + k * 2 + self.r.random() * 0.3)) for i in range(21)]
            self.poly([*pts, (1, 1), (0, 1)], self.lit(colour))

    def _mountains(self) -> None:
        r = self.r
        for k, (y, height, colour) in enumerate(((0.6, 0.3, (140, 150, 180)), (0.62, 0.22, (100, 112, 140)))):
            peaks, x = [(0.0, y)], 0.0
            while x < 1.0:
                x += r.uniform(0.1, 0.2)
                top = y - height * r.uniform(0.5, 1.0)
                peaks += [(x - 0.07, top + 0.02), (x, top)] if k == 0 else [(x, top)]
                x += r.uniform(0.08, 0.16)
                peaks.append((x, y - height * r.uniform(0.0, 0.3)))
            tone = self.lit(colour)
            self.poly([*peaks, (1.1, y), (1.1, 1), (0, 1)], tone)
            for i in range(1, len(peaks) - 1):
                px, py = peaks[i]
                if py < y - height * 0.7:  # snow caps on the high peaks
                    self.poly(
                        [(px - 0.035, py + 0.06), (px, py), (px + 0.035, py + 0.06), (px, py + 0.045)],
                        self.lit((244, 246, 250)),
                    )
        self._field(hills_only=True)

    def _field(self, hills_only: bool = False) -> None:
        snowy = self.scene.weather == "snow"
        greens = ((120, 160, 120), (120, 176, 90), (96, 156, 72))
        far, near, front = ((214, 222, 236), (236, 240, 248), (226, 232, 244)) if snowy else greens
        if not hills_only:
            self.gradient((0, self.horizon - 2, self.w, self.h), [self.lit(far), self.lit(near)])
            self._sky_hills(self.lit(far), 0.55, 0.04)
        for k, (y, colour) in enumerate(((0.64, near), (0.74, front))):
            pts = [(i / 20, y + 0.035 * math.sin(i * 0.5 + k * 1.7 + self.r.random() * 0.2)) for i in range(21)]
            self.poly([*pts, (1, 1), (0, 1)], self.lit(colour))
        for _ in range(0 if snowy else 40):
            x, y = self.r.random(), self.r.uniform(0.76, 0.98)
            cx, cy = self.px(x, y)
            rad = self.w * 0.004
            colour = self.lit(self.r.choice([(255, 236, 120), (255, 255, 255), (240, 130, 160)]))
            self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=colour)

    def _interior(self) -> None:
        r = self.r
        wall = self.lit(r.choice([(196, 160, 120), (150, 170, 160), (170, 140, 160), (200, 180, 140)]))
        self.horizon = 0.72 * self.h
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.15), wall])
        for x in range(0, self.w, max(8, self.w // 22)):  # wallpaper stripes
            self.draw.line((x, 0, x, self.horizon), fill=darker(wall, 0.06), width=max(2, self.w // 160))
        wx0, wy0, wx1, wy1 = 0.08 * self.w, 0.12 * self.h, 0.32 * self.w, 0.5 * self.h
        top, mid, low = _SKIES[self.scene.time]
        window = Image.new("RGB", (1, 3))
        window.putdata([top, mid, low])
        self.image.paste(
            window.resize((round(wx1 - wx0), round(wy1 - wy0)), Image.Resampling.BILINEAR), (round(wx0), round(wy0))
        )
        frame = self.lit((120, 84, 56))
        width = max(4, self.w // 120)
        self.draw.rectangle((wx0, wy0, wx1, wy1), outline=frame, width=width)
        self.draw.line(((wx0 + wx1) / 2, wy0, (wx0 + wx1) / 2, wy1), fill=frame, width=width)
        self.draw.line((wx0, (wy0 + wy1) / 2, wx1, (wy0 + wy1) / 2), fill=frame, width=width)
        px0, py0 = 0.62 * self.w, 0.16 * self.h  # a framed picture
        self.draw.rectangle(
            (px0, py0, px0 + 0.16 * self.w, py0 + 0.18 * self.h),
            fill=self.lit((120, 160, 190)),
            outline=frame,
            width=width,
        )
        self.draw.polygon([(px0 + 0.02 * self.w, py0 + 0.16 * self.h), (px0 + 0.08 * self.w, py0 + 0.06 * self.h),
                           (px0 + 0.14 * self.w, py0 + 0.16 * self.h)], fill=self.lit((90, 120, 90)))  # fmt: skip

    def _cave(self) -> None:
        rock = self.lit((92, 80, 76)) if self.scene.time != "night" else (40, 36, 44)
        self.horizon = 0.74 * self.h
        self.gradient((0, 0, self.w, self.h), [darker(rock, 0.6), darker(rock, 0.3), rock])
        r = self.r
        for i in range(14):  # stalactites
            x = (i + r.uniform(0, 1)) / 14
            length = r.uniform(0.06, 0.2)
            self.poly([(x - 0.025, 0), (x, length), (x + 0.025, 0)], darker(rock, 0.15))
        for side in (0, 1):  # rock walls closing the frame
            pts = [
                (side, 0),
                *((side + (0.12 - 0.04 * math.sin(i)) * (1 - 2 * side), i / 8) for i in range(9)),
                (side, 1),
            ]
            self.poly(pts, darker(rock, 0.45))
        layer, draw = self.overlay()
        for _ in range(7):  # glowing crystals
            x, y = r.uniform(0.1, 0.9), r.uniform(0.55, 0.75)
            cx, cy = self.px(x, y)
            size = r.uniform(0.012, 0.025) * self.w
            draw.polygon(
                [(cx, cy - size * 2), (cx + size, cy), (cx, cy + size * 0.5), (cx - size, cy)],
                fill=(120, 220, 255, 200),
            )
        self.commit(layer)

    def _space(self) -> None:
        r = self.r
        self.horizon = 0.7 * self.h
        self.gradient((0, 0, self.w, self.horizon + 2), [(6, 6, 22), (24, 14, 56), (56, 30, 92)])
        layer, draw = self.overlay()
        for colour in ((140, 60, 200), (40, 160, 200), (220, 80, 140)):  # nebula clouds
            cx, cy, rad = r.random() * self.w, r.uniform(0.1, 0.5) * self.h, r.uniform(0.12, 0.25) * self.w
            self.glow((cx, cy), rad, colour, 60)
        for _ in range(160):
            x, y = r.random() * self.w, r.random() * self.horizon
            size = r.choice((1, 1, 2, 3)) * self.w / 1200
            draw.ellipse((x - size, y - size, x + size, y + size), fill=(255, 255, 240, r.randrange(120, 255)))
        self.commit(layer)
        px, py, rad = (1 - self.side) * self.w, 0.2 * self.h, 0.09 * self.w
        planet = (226, 150, 90)
        self.draw.ellipse(
            (px - rad * 1.9, py - rad * 0.45, px + rad * 1.9, py + rad * 0.45),
            outline=(236, 214, 170),
            width=max(4, self.w // 200),
        )
        self.draw.ellipse((px - rad, py - rad, px + rad, py + rad), fill=planet)
        for band in (-0.45, 0.05, 0.5):  # cloud bands
            top, bottom = py + band * rad - rad * 0.09, py + band * rad + rad * 0.09
            self.draw.ellipse((px - rad * 0.93, top, px + rad * 0.93, bottom), fill=darker(planet, 0.15))
        self.draw.arc(
            (px - rad * 1.9, py - rad * 0.45, px + rad * 1.9, py + rad * 0.45),
            0,
            180,
            fill=(236, 214, 170),
            width=max(4, self.w // 200),
        )
        ground = (196, 96, 70) if has_any(self.scene.seed, ("mars", "red planet")) else (150, 150, 160)
        self.gradient((0, self.horizon, self.w, self.h), [ground, darker(ground, 0.45)])
        for _ in range(9):  # craters
            cx, cy = r.random() * self.w, r.uniform(self.horizon + 0.03 * self.h, 0.97 * self.h)
            cw = r.uniform(0.03, 0.07) * self.w * (cy / self.h)
            self.draw.ellipse((cx - cw, cy - cw * 0.3, cx + cw, cy + cw * 0.3), fill=darker(ground, 0.3))
            self.draw.arc(
                (cx - cw, cy - cw * 0.3, cx + cw, cy + cw * 0.3),
                0,
                180,
                fill=lighter(ground, 0.3),
                width=max(2, self.w // 400),
            )

    def _river(self) -> None:
        water = self.lit((90, 160, 210))
        left = [
            (0.48 + 0.02 * math.sin(t * 5), self.horizon / self.h + t * (1 - self.horizon / self.h))
            for t in (i / 12 for i in range(13))
        ]
        pts = [
            (x - 0.02 - 0.3 * ((y - self.horizon / self.h) / (1 - self.horizon / self.h)) ** 1.5, y) for x, y in left
        ]
        right = [
            (x + 0.02 + 0.3 * ((y - self.horizon / self.h) / (1 - self.horizon / self.h)) ** 1.5, y) for x, y in left
        ]
        self.poly([*pts, *reversed(right)], water)
        for x, y in left[3::2]:  # sparkles on the current
            self.poly([(x - 0.03, y), (x + 0.03, y), (x + 0.03, y + 0.004), (x - 0.03, y + 0.004)], lighter(water, 0.4))

    # -- landmarks

    def _lighthouse(self) -> None:
        x = self.side
        base, top = 0.6, 0.2
        rock = self.lit((90, 84, 80))
        self.poly(
            [(x - 0.09, base + 0.02), (x - 0.05, base - 0.03), (x + 0.06, base - 0.025), (x + 0.1, base + 0.02)], rock
        )
        for k in range(5):  # red and white bands up a tapering tower
            y0, y1 = base - (base - top) * k / 5, base - (base - top) * (k + 1) / 5
            w0, w1 = 0.035 - 0.012 * k / 5, 0.035 - 0.012 * (k + 1) / 5
            colour = (226, 70, 60) if k % 2 == 0 else (244, 240, 232)
            self.poly([(x - w0, y0), (x + w0, y0), (x + w1, y1), (x - w1, y1)], self.lit(colour))
        self.poly(
            [(x - 0.03, top), (x + 0.03, top), (x + 0.03, top - 0.008), (x - 0.03, top - 0.008)], self.lit((50, 50, 60))
        )
        glow = (255, 230, 140)
        self.poly(
            [(x - 0.018, top - 0.008), (x + 0.018, top - 0.008), (x + 0.018, top - 0.05), (x - 0.018, top - 0.05)], glow
        )
        self.poly([(x - 0.025, top - 0.05), (x, top - 0.08), (x + 0.025, top - 0.05)], self.lit((60, 60, 70)))
        if self.scene.time != "day" or self.scene.weather:
            self._beam(self.px(x, top - 0.03), toward_left=x > 0.5)

    def _beam(self, origin: Point, toward_left: bool) -> None:
        layer, draw = self.overlay()
        ox, oy = origin
        end = -0.1 * self.w if toward_left else 1.1 * self.w
        draw.polygon(
            [(ox, oy - 4), (end, oy - 0.14 * self.h), (end, oy + 0.08 * self.h), (ox, oy + 4)], fill=(255, 240, 170, 70)
        )
        self.commit(layer)
        self.glow(origin, 0.06 * self.w, (255, 240, 170), 150)

    def _lantern_room(self) -> None:
        """We stand on a lighthouse gallery: its lamp room fills one side and its beam sweeps the sky."""
        x0 = 0.78 if self.side > 0.5 else -0.02
        x1 = x0 + 0.24
        wall, roof, glass = self.lit((236, 232, 222)), self.lit((180, 52, 44)), (255, 226, 140)
        self.poly([(x0, 0.86), (x0, 0.58), (x1, 0.58), (x1, 0.86)], wall)
        self.poly([(x0 + 0.01, 0.58), (x0 + 0.01, 0.26), (x1 - 0.01, 0.26), (x1 - 0.01, 0.58)], glass)
        lamp = self.px((x0 + x1) / 2, 0.42)
        self.glow(lamp, 0.1 * self.w, (255, 255, 230), 160)
        for k, tone in enumerate(((250, 206, 96), (255, 236, 160), (255, 250, 220))):  # the lamp's lens rings
            rad = (0.05 - 0.016 * k) * self.w
            self.draw.ellipse(
                (lamp[0] - rad, lamp[1] - rad, lamp[0] + rad, lamp[1] + rad),
                fill=tone,
                outline=(214, 160, 60),
                width=max(2, self.w // 500),
            )
        frame = max(3, self.w // 250)
        for k in range(4):  # window mullions
            x = x0 + 0.01 + k * (x1 - x0 - 0.02) / 3
            self.draw.line([self.px(x, 0.26), self.px(x, 0.58)], fill=INK, width=frame)
        self.draw.line([self.px(x0 + 0.01, 0.42), self.px(x1 - 0.01, 0.42)], fill=INK, width=frame)
        self.poly(
            [(x0 - 0.01, 0.27), (x0 + 0.04, 0.19), ((x0 + x1) / 2, 0.16), (x1 - 0.04, 0.19), (x1 + 0.01, 0.27)], roof
        )
        self.poly([(x0 - 0.01, 0.58), (x1 + 0.01, 0.58), (x1 + 0.01, 0.6), (x0 - 0.01, 0.6)], darker(wall, 0.3))
        self._beam(lamp, toward_left=self.side > 0.5)

    def _castle(self) -> None:
        stone = self.lit((150, 146, 160))
        x, base = 0.2 + 0.1 * self.r.random(), 0.58
        self.poly([(x - 0.1, base), (x - 0.1, base - 0.12), (x + 0.1, base - 0.12), (x + 0.1, base)], stone)
        for tx in (x - 0.1, x + 0.07, x - 0.015):
            th = 0.2 if tx == x - 0.015 else 0.16
            self.poly([(tx, base), (tx, base - th), (tx + 0.035, base - th), (tx + 0.035, base)], darker(stone, 0.1))
            self.poly(
                [(tx - 0.006, base - th), (tx + 0.0175, base - th - 0.06), (tx + 0.041, base - th)],
                self.lit((120, 60, 80)),
            )
        for k in range(8):  # crenellations
            cx = x - 0.1 + k * 0.026
            self.poly(
                [(cx, base - 0.12), (cx, base - 0.135), (cx + 0.013, base - 0.135), (cx + 0.013, base - 0.12)], stone
            )

    def _tower(self) -> None:
        stone = self.lit((160, 150, 140))
        x = 0.78
        self.poly([(x - 0.04, 0.62), (x - 0.035, 0.18), (x + 0.035, 0.18), (x + 0.04, 0.62)], stone)
        self.poly([(x - 0.05, 0.18), (x, 0.06), (x + 0.05, 0.18)], self.lit((90, 70, 120)))
        wx, wy = self.px(x - 0.012, 0.26)
        lamp = (255, 214, 120) if self.scene.time != "day" else (60, 60, 80)
        self.draw.rounded_rectangle((wx, wy, wx + 0.024 * self.w, wy + 0.06 * self.h), radius=self.w // 100, fill=lamp)

    def _floor(self) -> None:
        """What the characters stand on: a railed gallery, a dock, sand, a floor, or the land's own ground."""
        s = self.scene
        top = self.floor / self.h
        if "railing" in s.features:
            stone = self.lit((128, 128, 136))
            self.gradient((0, self.floor, self.w, self.h), [stone, darker(stone, 0.35)])
            self._railing(top)
        elif s.setting == "sea":
            if "harbour" in s.features:
                wood = self.lit((150, 104, 66))
                self.gradient((0, self.floor, self.w, self.h), [wood, darker(wood, 0.3)])
                for k in range(1, 6):
                    y = self.floor + (self.h - self.floor) * (k / 6) ** 1.3
                    self.draw.line((0, y, self.w, y), fill=darker(wood, 0.35), width=max(2, self.w // 400))
                for k in range(8):  # mooring posts at the dock's edge
                    x = (k + 0.5) / 8
                    self.poly(
                        [
                            (x - 0.008, top + 0.01),
                            (x - 0.008, top - 0.05),
                            (x + 0.008, top - 0.05),
                            (x + 0.008, top + 0.01),
                        ],
                        darker(wood, 0.25),
                    )
            else:
                sand = self.lit((232, 206, 150))
                pts = [(i / 16, top + 0.02 * math.sin(i * 0.8)) for i in range(17)]
                self.poly([*pts, (1, 1), (0, 1)], sand)
        elif s.setting in ("interior", "cave", "city"):
            colour = {"interior": (150, 104, 70), "cave": (70, 62, 60), "city": (140, 136, 140)}[s.setting]
            tone = self.lit(colour) if s.setting != "cave" else colour
            self.gradient((0, self.horizon, self.w, self.h), [tone, darker(tone, 0.3)])
            if s.setting == "interior":  # floorboards converging toward the back wall
                for k in range(-8, 9):
                    self.draw.line(
                        (self.w / 2 + k * self.w / 16, self.horizon, self.w / 2 + k * self.w / 5, self.h),
                        fill=darker(tone, 0.25),
                        width=max(2, self.w // 500),
                    )

    def _railing(self, top: float) -> None:
        paint = self.lit((236, 236, 228))  # lighthouse railings are painted white, which also reads against the sea
        shadow = darker(paint, 0.45)
        rail_top = top - 0.15
        for k in range(25):
            x = k / 24
            self.poly(
                [(x - 0.004, rail_top), (x + 0.004, rail_top), (x + 0.004, top + 0.01), (x - 0.004, top + 0.01)], paint
            )
            self.poly(
                [(x + 0.002, rail_top), (x + 0.004, rail_top), (x + 0.004, top + 0.01), (x + 0.002, top + 0.01)], shadow
            )
        for y, thick in ((rail_top - 0.008, 0.018), (rail_top + 0.07, 0.01)):
            self.poly([(0, y), (1, y), (1, y + thick), (0, y + thick)], paint)
            self.poly([(0, y + thick * 0.6), (1, y + thick * 0.6), (1, y + thick), (0, y + thick)], shadow)

    def _fire(self) -> None:
        self._flames(self.px(self.fire_x, self.floor / self.h + 0.08), 0.05 * self.w)

    def _hearth(self) -> None:
        """A stone fireplace in the back wall, fire lit."""
        x = self.fire_x
        stone = self.lit((150, 140, 134))
        x0, x1, y0, y1 = x - 0.11, x + 0.11, 0.44, self.horizon / self.h
        self.poly([(x0, y1), (x0, y0), (x1, y0), (x1, y1)], stone)
        self.poly(
            [(x0 - 0.02, y0), (x1 + 0.02, y0), (x1 + 0.02, y0 + 0.03), (x0 - 0.02, y0 + 0.03)], darker(stone, 0.2)
        )
        self.poly([(x0 + 0.04, y1), (x0 + 0.04, y0 + 0.1), (x1 - 0.04, y0 + 0.1), (x1 - 0.04, y1)], (36, 26, 24))
        for k in range(5):  # masonry joints
            y = y0 + 0.05 + k * 0.05
            self.draw.line(
                [self.px(x0, y), self.px(x0 + 0.04, y)], fill=darker(stone, 0.25), width=max(2, self.w // 500)
            )
            self.draw.line(
                [self.px(x1 - 0.04, y), self.px(x1, y)], fill=darker(stone, 0.25), width=max(2, self.w // 500)
            )
        self._flames(self.px(x, y1 - 0.015), 0.035 * self.w)

    def _flames(self, base: Point, size: float) -> None:
        cx, cy = base
        self.glow((cx, cy - size * 0.5), size * 3.5, (255, 150, 60), 110)
        for colour, scale in (((230, 80, 40), 1.0), ((255, 170, 60), 0.7), ((255, 236, 150), 0.4)):
            pts = [(-0.6, 0.0), (-0.8, -0.9), (-0.35, -0.6), (0.0, -1.5), (0.3, -0.7), (0.75, -1.0), (0.6, 0.0)]
            self.draw.polygon([(cx + px * size * scale, cy + py * size * scale) for px, py in pts], fill=colour)
        log = (100, 64, 40)
        self.draw.line((cx - size, cy + 4, cx + size, cy - 2), fill=log, width=round(size * 0.25))
        self.draw.line((cx - size, cy - 2, cx + size, cy + 4), fill=darker(log, 0.2), width=round(size * 0.25))

    def _weather(self) -> None:
        s, r = self.scene, self.r
        layer, draw = self.overlay()
        if s.weather in ("storm", "rain"):
            for _ in range(260 if s.weather == "storm" else 160):
                x, y = r.random() * self.w * 1.1, r.random() * self.h
                length = r.uniform(0.03, 0.06) * self.h
                draw.line((x, y, x - length * 0.3, y + length), fill=(220, 230, 255, 110), width=max(1, self.w // 700))
        if s.weather == "storm":
            x = r.uniform(0.25, 0.6) * self.w
            pts: list[Point] = [(x, 0.0)]
            for k in range(1, 6):
                pts.append((x + r.uniform(-0.05, 0.05) * self.w, k * 0.09 * self.h))
            draw.line(pts, fill=(255, 250, 210, 90), width=max(8, self.w // 90), joint="curve")
            draw.line(pts, fill=(255, 255, 235, 255), width=max(3, self.w // 300), joint="curve")
        elif s.weather == "snow":
            for _ in range(220):
                x, y, rad = r.random() * self.w, r.random() * self.h, r.uniform(1, 3.5) * self.w / 1000
                draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=(255, 255, 255, 220))
        self.commit(layer)
        if s.weather == "fog":  # a veil that thickens toward the horizon and thins again at our feet
            profile = [0, 10, 40, 120, 170, 120, 70, 50]
            veil = Image.new("L", (1, len(profile)))
            veil.putdata(profile)
            fog = Image.new("RGBA", self.image.size, (232, 236, 240, 0))
            fog.putalpha(veil.resize(self.image.size, Image.Resampling.BILINEAR))
            self.commit(fog)


def paint_scene(background: str, size: tuple[int, int], figure_xs: Sequence[float] = ()) -> Image.Image:
    """The scene described by a panel's background text, as an RGB image of the given size.

    figure_xs are where figures will stand (fractions of the width), so a fire is not hidden behind them.
    """
    return ScenePainter(scene_for(background), size, figure_xs).paint()
