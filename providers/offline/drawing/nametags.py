"""Name tags under the figures of a lettered panel: a row of small labels, spread apart and kept inside the frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import INK
from providers.offline.drawing.lettering import Font, ellipsize, lettering_font

_TAG_GAP: Final = 8  # between two name tags in a row
_BORDER_ROOM: Final = 14  # a name tag keeps this far inside the frame


def draw_name_tags(
    width: int, tags: list[tuple[str, int, int]], draw_one: Callable[[str, tuple[int, int]], None]
) -> None:
    """Name tags (name, centre x, y) each row spread apart where they would overlap, inside a frame `width` wide;
    `draw_one` draws each (name, centre)."""
    for y in sorted({y for _, _, y in tags}):
        row = sorted(((x, _tag_width(name), name) for name, x, at in tags if at == y))
        placed: list[tuple[float, float, str]] = []  # left edge, width, name
        for x, w, name in row:
            left = x - w / 2
            if placed:
                left = max(left, placed[-1][0] + placed[-1][1] + _TAG_GAP)
            placed.append((left, w, name))
        # Pushed past the right edge: the row shifts back left as far as it must (and can).
        over = placed[-1][0] + placed[-1][1] - (width - _BORDER_ROOM) if placed else 0
        shift = max(0.0, min(over, placed[0][0] - _BORDER_ROOM)) if placed else 0.0
        for left, w, name in placed:
            draw_one(name, (round(left - shift + w / 2), y))


def draw_name_tag(canvas: Image.Image, name: str, centre: tuple[int, int]) -> None:
    """One name tag: the name on a pale rounded label centred on `centre`."""
    font, shown = _tag_text(name)
    draw = ImageDraw.Draw(canvas)
    left, top, right, bottom = draw.textbbox(centre, shown, font=font, anchor="mm")
    pad_x, pad_y = 9, 4
    draw.rounded_rectangle((left - pad_x, top - pad_y, right + pad_x, bottom + pad_y), radius=9,
                           fill=(255, 253, 245), outline=INK, width=2)  # fmt: skip
    draw.text(centre, shown, font=font, fill=INK, anchor="mm")


def _tag_text(name: str) -> tuple[Font, str]:
    """A name tag's font and text (a long name ellipsized)."""
    font, shown = lettering_font(name, 17)
    return font, ellipsize(shown, font, 200) if font.getlength(shown) > 200 else shown


def _tag_width(name: str) -> float:
    """A name tag's width across, its padding and all."""
    font, shown = _tag_text(name)
    return font.getlength(shown) + 18
