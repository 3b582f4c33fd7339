"""Room for the page's caption: the panel lettered as a page will letter it (comics.lettering over the figures
the drawing records), and what its caption boxes hide there: faces, and how much of each figure.

The service draws panels without text and letters them on the page (a caption first, in a top corner; at the
bottom where the top would hide a face). Staging that leaves no room at the top sends the caption down over the
figures' bodies: draw_panel measures a staging with `measure` and, where its caption hides a face or much of a
figure, stages the cast again with their heads under `clear` (where the caption and balloons sit when no face is
in their way), and keeps whichever staging the caption hides less of.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from comics.layout import PageSpec
from comics.lettering import LetteringLayout, layout_lettering
from comics.script import face_of, figures_of, lettering_for_panel
from domain.panel import Panel

_SPEC = PageSpec()
# The width a panel is lettered at on a page of two columns (most pages): the lettering's sizes are page pixels.
PAGE_PANEL_WIDTH: Final = (_SPEC.width - 2 * _SPEC.margin - _SPEC.gutter) // 2
FACE_COST: Final = 4.0  # a whole face hidden, over a whole figure's box hidden
_LOW: Final = 0.1  # what a caption at the bottom costs besides what it hides
_DEEPEST: Final = 0.45  # of the panel's height: heads are never pushed below this for a caption
# Of the panel's height: how far above a person's head the page lettering's face from its head point may begin (it
# guesses a face a little taller than the head's round), so heads start this far under a caption.
_GUESS: Final = 0.04
Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class CaptionRoom:
    """What a panel's captions hide as the page letters them (pixels of the art), and how low heads must start
    for them to sit at the top."""

    faces: float  # faces hidden, in faces (1.0: one whole face)
    cover: float  # the most of any one figure's box (in the frame) hidden, as a share of it
    clear: int  # how low heads must start for the captions to sit at the top beside the balloons there
    boxes: tuple[Rect, ...] = ()  # the captions' boxes, outline and all

    low: bool = False  # a caption went to the bottom (over the bodies)

    @property
    def cost(self) -> float:
        """Faces and figures hidden; at the bottom, the bodies covered count a little more than their share of
        the box (a close-up's box is the whole frame)."""
        return FACE_COST * self.faces + self.cover + (_LOW if self.low else 0.0)


def measure(panel: Panel, metadata: dict[str, Any], size: tuple[int, int]) -> CaptionRoom | None:
    """What the panel's captions hide when the page letters it over the figures in `metadata` (None: it has no
    caption). Faces are the people's own (`face`), else what the page lettering reads from a figure."""
    # Lettered at the page's size, as the page letters it (the same sizes and rounding), measured in the art's pixels.
    page = (PAGE_PANEL_WIDTH, round(PAGE_PANEL_WIDTH * size[1] / size[0]))
    back = size[0] / page[0]
    lettering = lettering_for_panel(panel.model_copy(update={"artifact": None}), metadata)
    if not any(b.kind == "caption" for b in lettering.balloons):
        return None
    layout = layout_lettering(lettering, *page)
    captions = tuple(_scaled(_rect(b.extent), back) for b in layout.balloons if b.kind == "caption")
    faces = [_pixels(f, size) for f in true_faces(metadata, size)]
    hidden = sum(_overlap(c, f) / _area(f) for c in captions for f in faces)
    boxes = [_pixels(_in_frame(f["box"]), size) for f in metadata.get("figures", [])]
    cover = max((sum(_overlap(c, b) for c in captions) / _area(b) for b in boxes), default=0.0)
    low = any(c[1] > size[1] / 2 for c in captions)
    return CaptionRoom(hidden, min(1.0, cover), round(_top_band(layout, page[1]) * back), captions, low)


def true_faces(metadata: dict[str, Any], size: tuple[int, int]) -> list[Rect]:
    """The faces in the art (fractions of it): a person's own `face`; any other's as the page lettering reads it
    (a creature's from its head point)."""
    aspect = size[0] / size[1]
    found: list[Rect] = []
    for entry in metadata.get("figures", []):
        if "face" in entry:
            x0, y0, x1, y1 = entry["face"]
            found.append((x0, y0, x1, y1))
        elif (read := figures_of({"figures": [entry]})) and (face := face_of(read[0], aspect)) is not None:
            found.append(face)
    return found


def _top_band(layout: LetteringLayout, height: int) -> float:
    """How low heads must start for the captions to sit at the top (as tall as they are where they went) beside
    the balloons lettered at the top, their tails aside; capped where heads may go."""
    if not layout.balloons:
        return 0.0
    edge = min(b.extent.y0 for b in layout.balloons)  # the lettering's margin
    bottoms = [edge + b.extent.height for b in layout.balloons if b.kind == "caption"]
    bottoms += [b.body.y1 for b in layout.balloons if b.kind in ("speech", "thought") and b.body.y0 < height * 0.3]
    return min(max(bottoms, default=0.0) + height * _GUESS, height * _DEEPEST)


def _in_frame(box: Sequence[float]) -> Rect:
    x0, y0, x1, y1 = (min(max(v, 0.0), 1.0) for v in box)
    return x0, y0, x1, y1


def _pixels(box: Rect, size: tuple[int, int]) -> Rect:
    return box[0] * size[0], box[1] * size[1], box[2] * size[0], box[3] * size[1]


def _scaled(box: Rect, by: float) -> Rect:
    return box[0] * by, box[1] * by, box[2] * by, box[3] * by


def _rect(box: Any) -> Rect:
    return box.x0, box.y0, box.x1, box.y1


def _area(box: Rect) -> float:
    return max(1.0, (box[2] - box[0]) * (box[3] - box[1]))


def _overlap(a: Rect, b: Rect) -> float:
    w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0
