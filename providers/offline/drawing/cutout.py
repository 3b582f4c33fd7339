"""Cutting a sheet's primary figure out as a transparent layer, for panels to composite."""

from __future__ import annotations

import base64
import binascii
from functools import lru_cache
from io import BytesIO

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from domain.style import STYLES
from providers.offline.drawing.colour import INK, RGB
from providers.offline.drawing.creatures import CreatureLook
from providers.offline.drawing.humanoids import HumanLook
from providers.offline.drawing.looks import look_from_json
from providers.offline.drawing.objects import ObjectLook
from providers.offline.drawing.paper import (
    CARD,
    DRAWN_AS_KEY,
    FIGURE_BOX_KEY,
    FIGURE_MASK_KEY,
    KIND_KEY,
    LOOK_KEY,
    ROLE_KEY,
    SCALE_KEY,
    STYLE_KEY,
)
from providers.offline.drawing.styles import ink


def figure_from_sheet(sheet_png: bytes) -> Image.Image:
    """The primary full-figure view of a sheet as RGBA with a transparent background.

    Sheets from this renderer record the primary view's box in a PNG text chunk, and the figure's alpha in that box
    in another; sheets without the mask (older ones) have the card's plain ground that is connected to the box edge
    made transparent instead (enclosed light areas such as eye whites stay opaque). Any other image is returned
    whole with rounded, transparent corners. Raises ValueError if the bytes are not an image.
    """
    try:
        image = Image.open(BytesIO(sheet_png))
        image.load()
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a decodable image: {exc}") from exc
    box = _figure_box(image)
    if box is None:
        return _rounded_cutout(image.convert("RGBA"))
    crop = image.convert("RGB").crop(box)
    mask = _figure_mask(image, crop.size)
    style = image.info.get(STYLE_KEY)
    rim = ink(style) if style in STYLES else INK
    figure = _masked(crop, mask, rim) if mask is not None else _key_out(crop, CARD)
    bbox = figure.getchannel("A").getbbox()
    return figure.crop(bbox) if bbox else figure


@lru_cache(maxsize=64)
def cached_figure(sheet_png: bytes) -> Image.Image:
    """figure_from_sheet, once per sheet per process: every panel showing a character reuses its cut-out.

    Callers never modify the returned image in place.
    """
    return figure_from_sheet(sheet_png)


def sheet_kind(sheet_png: bytes) -> str | None:
    """The character type recorded in one of our sheets, or None for any other image."""
    return _text_chunk(sheet_png, KIND_KEY)


def sheet_role(sheet_png: bytes) -> str | None:
    """The character's story role recorded in one of our sheets, or None."""
    return _text_chunk(sheet_png, ROLE_KEY)


@lru_cache(maxsize=64)
def sheet_look(sheet_png: bytes) -> HumanLook | CreatureLook | ObjectLook | None:
    """The look recorded in one of our person (or robot), creature and object sheets, to draw the figure again; or
    None."""
    raw = _text_chunk(sheet_png, LOOK_KEY)
    if raw is None:
        return None
    try:
        kind = _text_chunk(sheet_png, KIND_KEY)
        if kind == "creature":
            return look_from_json(CreatureLook, raw)
        if kind == "object" and _text_chunk(sheet_png, DRAWN_AS_KEY) == "object":  # a robot's look is a person's
            return look_from_json(ObjectLook, raw)
        return look_from_json(HumanLook, raw)
    except ValueError:
        return None


def _text_chunk(sheet_png: bytes, key: str) -> str | None:
    value = sheet_info(sheet_png).get(key)
    return value if isinstance(value, str) else None


@lru_cache(maxsize=64)
def sheet_info(sheet_png: bytes) -> dict[str | tuple[int, int], object]:
    """The sheet's PNG text chunks (empty for bytes that are no image), read once: a panel asks each reference for
    its kind, role, scale and look, and each read parsed the whole header again. Callers never modify it."""
    try:
        return dict(Image.open(BytesIO(sheet_png)).info)
    except OSError:
        return {}


def clear_caches() -> None:
    """Forget the sheets' text chunks read so far (cut-outs and looks have their own caches)."""
    sheet_info.cache_clear()


def sheet_scale(sheet_png: bytes) -> float | None:
    """A creature's (or a hand-held object's) height over a person's recorded in one of our sheets, or None."""
    try:
        raw = sheet_info(sheet_png).get(SCALE_KEY)
        return float(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _figure_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    raw = image.info.get(FIGURE_BOX_KEY)
    if not isinstance(raw, str):
        return None
    try:
        x0, y0, x1, y1 = (int(v) for v in raw.split(","))
    except ValueError:
        return None
    if not (0 <= x0 < x1 <= image.width and 0 <= y0 < y1 <= image.height):
        return None
    return (x0, y0, x1, y1)


def _figure_mask(image: Image.Image, size: tuple[int, int]) -> Image.Image | None:
    """The figure's alpha recorded in the sheet, if it is there and fits the box."""
    raw = image.info.get(FIGURE_MASK_KEY)
    if not isinstance(raw, str):
        return None
    try:
        mask = Image.open(BytesIO(base64.b64decode(raw, validate=True)))
        mask.load()
    except (binascii.Error, OSError, Image.DecompressionBombError):
        return None
    return mask if mask.mode == "L" and mask.size == size else None


def _masked(image: Image.Image, alpha: Image.Image, ink: RGB) -> Image.Image:
    """The image with `alpha`; along the anti-aliased rim (partly opaque) the colour is `ink` (the sheet style's),
    as figures are outlined in ink: the card's colour blended in there would be a pale halo on dark scenes."""
    rim = alpha.point(lambda v: 255 if 0 < v < 255 else 0)
    result = Image.composite(Image.new("RGB", image.size, ink), image, rim).convert("RGBA")
    result.putalpha(alpha)
    return result


def _key_out(image: Image.Image, ground: RGB) -> Image.Image:
    """The image as RGBA with the ground colour made transparent where it is connected to the image edge.

    Figures are outlined in ink, so the anti-aliased rim just inside the ground is ink blended with ground:
    there the colour is set to ink and the blend becomes alpha, which avoids a pale halo on dark scenes.
    """
    diff = ImageChops.difference(image, Image.new("RGB", image.size, ground))
    red, green, blue = diff.split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    near_ground = distance.point(lambda v: 255 if v < 24 else 0)
    padded = ImageOps.expand(near_ground, border=1, fill=255)
    ImageDraw.floodfill(padded, (0, 0), 128)
    outside = padded.crop((1, 1, padded.width - 1, padded.height - 1)).point(lambda v: 255 if v == 128 else 0)
    rim = ImageChops.subtract(outside.filter(ImageFilter.MaxFilter(5)), outside)
    ink_span = max(1, max(abs(a - b) for a, b in zip(ground, INK, strict=True)))
    rim_alpha = distance.point(lambda v: min(255, v * 255 // ink_span))
    alpha = Image.composite(Image.new("L", image.size, 0), Image.new("L", image.size, 255), outside)
    alpha = Image.composite(rim_alpha, alpha, rim)
    result = Image.composite(Image.new("RGB", image.size, INK), image, rim).convert("RGBA")
    result.putalpha(alpha)
    return result


def _rounded_cutout(image: Image.Image) -> Image.Image:
    mask = Image.new("L", image.size, 0)
    radius = max(4, min(image.size) // 12)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, image.width - 1, image.height - 1), radius=radius, fill=255)
    image.putalpha(ImageChops.multiply(image.getchannel("A"), mask))
    return image
