"""Style presets (domain/style.py) as the offline renderer draws them: a line weight for the figures' ink and a
finish over the finished sheet, or over a panel's scenery (its figures come from sheets finished alike).

- western: the house look, bold ink and saturated flat colours (no finish);
- manga: thin lines, black-and-white with screentone dots for the midtones;
- watercolor: fine lines, colours washed toward the paper, soft edges and a paper grain;
- noir: heavy lines, high-contrast greys with deep shadows, red kept as the one accent colour;
- childrens_book: thick rounded lines, bright pastel colours.

Every step is a whole-image Pillow operation (point tables, blends, blurs, tiled textures) and the textures come
from seeded generators, so a finish is cheap and the same input always gives the same pixels.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter

from domain.style import DEFAULT_STYLE, Style
from providers.offline.drawing.colour import INK, RGB
from providers.offline.drawing.paper import MUTED

# Ink width of the figures relative to the house style's, by style.
_LINE_WEIGHTS: dict[Style, float] = {
    "western": 1.0,
    "manga": 0.6,
    "watercolor": 0.55,
    "noir": 1.35,
    "childrens_book": 1.6,
}
_weight: ContextVar[float] = ContextVar("line_weight", default=1.0)
_style: ContextVar[Style] = ContextVar("style", default=DEFAULT_STYLE)
# Manga prints a grey as screentone dots, which break small lettering apart: its labels are dark enough for ink.
_LABELS: dict[Style, RGB] = {"manga": (64, 60, 58)}


def line_weight() -> float:
    """The ink width multiplier of the style being drawn (Pen reads it)."""
    return _weight.get()


@contextmanager
def drawing_in(style: Style) -> Iterator[None]:
    """Draw figures with `style`'s line weight inside the block."""
    token, style_token = _weight.set(_LINE_WEIGHTS[style]), _style.set(style)
    try:
        yield
    finally:
        _weight.reset(token)
        _style.reset(style_token)


def label_colour() -> RGB:
    """The colour of a sheet's small labels (view names, hex codes) in the style being drawn."""
    return _LABELS.get(_style.get(), MUTED)


def finish(image: Image.Image, style: Style, scenery: bool = False) -> Image.Image:
    """`image` (RGB or RGBA; alpha kept) with the style's palette treatment and texture.

    `scenery`: a panel's background, which manga keeps light (a pale screentone behind the figures, whose own
    dark fills print as solid ink) where a sheet's or figure's dark tones go to black.
    """
    if style == DEFAULT_STYLE:
        return image
    alpha = image.getchannel("A") if image.mode == "RGBA" else None
    rgb = image.convert("RGB")
    looks = {"manga": _manga, "watercolor": _watercolor, "noir": _noir, "childrens_book": _childrens_book}
    finished = _manga_scenery(rgb) if scenery and style == "manga" else looks[style](rgb)
    if alpha is not None:
        finished = finished.convert("RGBA")
        finished.putalpha(alpha)
    return finished


@lru_cache(maxsize=8)
def ink(style: Style) -> RGB:
    """The colour INK becomes under the style's finish (the rim colour of a cut-out figure)."""
    r, g, b = finish(Image.new("RGB", (1, 1), INK), style).getpixel((0, 0))  # type: ignore[misc]
    return (r, g, b)


def _manga(image: Image.Image) -> Image.Image:
    # Mostly paper and ink: light greys lifted to white, dark ones to black.
    grey = image.convert("L").point(_manga_curve)
    # Clustered-dot screentone: a pixel is ink where it is darker than the tiled threshold, so dark greys print
    # as large black dots and light greys as small ones; black and white stay solid.
    dots = ImageChops.subtract(grey, _tiled("dots", grey.size)).point(lambda v: 255 if v else 0)
    return Image.blend(dots, grey, 0.12).convert("RGB")  # a little grey back in: printed tone is never binary


def _manga_scenery(image: Image.Image) -> Image.Image:
    """A scene as a manga background: a few flat screentone levels (the darker the scene, the denser, never solid
    but for its darkest lines) outlined in ink where one level meets another, so shapes read behind the figures and
    light areas stay paper. One even tone over everything (a Mars plain and its sky alike) read as grey noise."""
    levels = image.convert("L").point(_scenery_level)
    dots = ImageChops.subtract(levels, _tiled("dots", levels.size)).point(lambda v: 255 if v else 0)
    edges = levels.filter(ImageFilter.FIND_EDGES).point(lambda v: 0 if v > 12 else 255)
    return ImageChops.darker(dots, edges).convert("RGB")


def _scenery_level(value: int) -> int:
    """Five levels for scenery: ink (a night sky, the darkest lines), dense (20% ink), medium and light dots, and
    paper."""
    if value < 28:
        return 0
    return 204 if value < 70 else 224 if value < 125 else 238 if value < 185 else 255


def _watercolor(image: Image.Image) -> Image.Image:
    washed = Image.blend(image, Image.new("RGB", image.size, (250, 244, 230)), 0.22)
    washed = ImageEnhance.Color(washed).enhance(0.85)
    soft = Image.blend(washed, washed.filter(ImageFilter.BoxBlur(1.5)), 0.45)  # pigment bleeding at edges
    return ImageChops.multiply(soft, _tiled("paper", soft.size).convert("RGB"))


def _noir(image: Image.Image) -> Image.Image:
    red, green, blue = image.split()
    # The one accent: strongly red pixels keep their colour, everything else goes to stark greys.
    redness = ImageChops.subtract(red, ImageChops.lighter(green, blue)).point(lambda v: 255 if v > 70 else 0)
    grey = image.convert("L").point(_noir_curve)
    shaded = ImageChops.multiply(grey, _vignette(grey.size))
    return Image.composite(image, shaded.convert("RGB"), redness)


def _childrens_book(image: Image.Image) -> Image.Image:
    bright = ImageEnhance.Color(image).enhance(1.25)
    pastel = Image.blend(bright, Image.new("RGB", image.size, (255, 252, 246)), 0.32)
    return pastel.filter(ImageFilter.SMOOTH)


def _manga_curve(value: int) -> int:
    """Dark tones become solid ink (lines, lettering, dark cloth), mid tones screentone from dense to light, and
    light ones (fair skin, pale cloth, the card) paper; a brown skin prints as a light tone, not as ink."""
    if value < 95:
        return value // 4
    return 255 if value >= 165 else 150 + (value - 95) * 82 // 70


def _noir_curve(value: int) -> int:
    """A steep S-curve: shadows crushed to black, highlights blown to white, few greys between."""
    t = value / 255
    shaped = t * t * (3 - 2 * t)
    shaped = shaped * shaped * (3 - 2 * shaped)
    return round(255 * max(0.0, min(1.0, (shaped - 0.08) / 0.84)))


@lru_cache(maxsize=1)
def _dot_threshold() -> Image.Image:
    """A 6x6 clustered-dot threshold tile: a black dot grows from the cell's centre as the tone darkens."""
    size = 6
    centre = (size - 1) / 2
    cells = sorted(((x - centre) ** 2 + (y - centre) ** 2, x, y) for y in range(size) for x in range(size))
    tile = Image.new("L", (size, size))
    for rank, (_, x, y) in enumerate(cells):
        tile.putpixel((x, y), 236 - rank * 150 // (len(cells) - 1))  # the centre darkens first
    return tile


@lru_cache(maxsize=1)
def _paper_grain() -> Image.Image:
    """A 256-pixel tile of paper grain (seeded, so the same on every run): soft light blotches. (A fine tooth of
    per-pixel noise looked right too, but made the PNGs half as large again and slower to encode.)"""
    rng = random.Random("watercolor-paper")
    small = Image.new("L", (32, 32))
    small.putdata([rng.randrange(232, 256) for _ in range(32 * 32)])
    return small.resize((256, 256), Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(4))


@lru_cache(maxsize=8)
def _tiled(texture: str, size: tuple[int, int]) -> Image.Image:
    """A texture tile ("dots", "paper") repeated over `size`; shared, never modified."""
    tile = _dot_threshold() if texture == "dots" else _paper_grain()
    canvas = Image.new(tile.mode, size)
    for y in range(0, size[1], tile.height):
        for x in range(0, size[0], tile.width):
            canvas.paste(tile, (x, y))
    return canvas


@lru_cache(maxsize=8)
def _vignette(size: tuple[int, int]) -> Image.Image:
    """Heavy shadows toward the edges: white in the middle, dark grey in the corners."""
    small = Image.new("L", (64, 48), 110)
    ImageDraw.Draw(small).ellipse((-6, -10, 70, 58), fill=255)
    return small.filter(ImageFilter.GaussianBlur(9)).resize(size, Image.Resampling.BILINEAR)
