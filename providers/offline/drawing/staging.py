"""Staging a panel's cast: who stands where, how big, facing which way, and in what shot.

Shots: the story's first panel and an empty one are establishing shots (small figures, much of the place); one
person speaking is a close-up (head and shoulders drawn at the panel's size, on alternate sides from one panel to
the next so two close-ups in a row differ); two people, one speaking, in every other panel an over-the-shoulder
shot of a conversation (both standing; the listener large in the foreground from behind, cut by the frame, the
speaker facing them); anything else a medium shot of full figures in a line, facing the middle. People from our
sheets are drawn again per panel in their pose and expression (posed.py); other figures are their sheet's cut-out,
resized.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Final

from PIL import Image, ImageDraw, ImageFilter

from domain.style import Style
from providers.offline.drawing.colour import INK
from providers.offline.drawing.creatures import CreatureLook
from providers.offline.drawing.humanoids import HumanLook
from providers.offline.drawing.lettering import ellipsize, lettering_font
from providers.offline.drawing.moods import Stance
from providers.offline.drawing.paper import Box
from providers.offline.drawing.posed import WIDTH_PER_HEIGHT, drawn_creature, posed_figure

SIDE_MARGIN: Final = 40
_LOOMING: Final = 1.2  # a creature this much taller than a person rises behind the others
_LOOMING_MOST: Final = 1.7  # and is drawn at most this much taller (a leviathan would leave the others tiny)
_CLOSE_UP_ZOOM: Final = 2.1  # a close-up's figure is this many times the room below the balloon: head and shoulders


@dataclass
class CastMember:
    """A figure to place in a panel: its sheet's cut-out (and, for a person, its look to draw again), its name,
    how it stands, and where it was placed (`box`, panel pixels)."""

    name: str
    figure: Image.Image
    kind: str | None
    scale: float | None = None  # a creature's height over a person's, from its sheet
    look: HumanLook | CreatureLook | None = None  # to draw it again (a person posed, a creature at its size)
    role: str | None = None  # protagonist, antagonist ... from its sheet
    source: bytes = b""  # the reference image the cut-out came from (the key its resized copies are cached by)
    stance: Stance = field(default_factory=lambda: Stance("stand", "sheet"))
    box: Box = (0, 0, 0, 0)
    head: tuple[float, float] | None = None  # the face's centre in fractions of `box`, where not its top middle

    @property
    def looms(self) -> bool:
        """Bigger than a person: it rises behind the others instead of taking a place in the line."""
        return self.kind == "creature" and (self.scale or 0) >= _LOOMING


def choose_shot(index: int, cast: list[CastMember], speaker: CastMember | None) -> str:
    """The shot for panel `index` of a story (see the module's docstring)."""
    if not cast or index == 0:
        return "establishing"
    if len(cast) == 1 and cast[0].kind in ("humanoid", None) and speaker is not None:
        return "close-up"
    # People standing: no one runs, fights or falls.
    talking = [m for m in cast if isinstance(m.look, HumanLook) and m.stance.pose == "stand"]
    if speaker is not None and len(cast) == 2 and len(talking) == 2 and index % 2 == 1:
        return "over-the-shoulder"
    return "medium"


class _Keyed:
    """A cut-out with the reference bytes it came from: hashed and compared by those alone, so lru_cache can key
    on it (a PIL image is unhashable, and comparing pixels would cost more than resizing them)."""

    def __init__(self, source: bytes, figure: Image.Image) -> None:
        self.source, self.figure = source, figure

    def __hash__(self) -> int:
        return hash(self.source)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Keyed) and other.source == self.source


def _sized_cutout(
    source: bytes, style: Style, figure: Image.Image, fallen: bool, target_h: float, max_w: float
) -> Image.Image:
    """_sized, cached per process by the reference it came from (and the style, which finishes other images'
    cut-outs): a creature at its size in several panels of one comic is resized (and, enlarged, sharpened: the
    costliest step of such a panel) once."""
    return _sized_cached(_Keyed(source, figure), style, fallen, target_h, max_w)


@lru_cache(maxsize=12)
def _sized_cached(keyed: _Keyed, style: Style, fallen: bool, target_h: float, max_w: float) -> Image.Image:
    return _sized(keyed.figure, fallen, target_h, max_w)


def _sized(figure: Image.Image, fallen: bool, target_h: float, max_w: float) -> Image.Image:
    """A cut-out `target_h` tall at most `max_w` wide (tilted flat if `fallen`)."""
    if fallen:
        figure = figure.rotate(-78, Image.Resampling.BICUBIC, expand=True)
    factor = min(target_h / figure.height, max_w / figure.width)
    size = (max(1, round(figure.width * factor)), max(1, round(figure.height * factor)))
    figure = figure.resize(size, Image.Resampling.LANCZOS)
    if factor > 1.05:  # enlarged sheet art gets soft; a light unsharp mask restores crisp ink lines
        figure = figure.filter(ImageFilter.UnsharpMask(radius=1.6, percent=70, threshold=2))
    return figure


def clear_caches() -> None:
    """Forget every figure this process has drawn or resized (benchmarks draw cold)."""
    _sized_cached.cache_clear()
    posed_figure.cache_clear()
    drawn_creature.cache_clear()


def slot_centre(index: int, count: int, width: int) -> float:
    """Where the index-th of count figures stands: evenly spaced across the panel."""
    return SIDE_MARGIN + (width - 2 * SIDE_MARGIN) / count * (index + 0.5)


class Stage:
    """Places a panel's cast on its canvas in one shot; `style` draws people again in the panel's style."""

    def __init__(self, canvas: Image.Image, style: Style, top_limit: int, index: int) -> None:
        self.canvas, self.style, self.top_limit, self.index = canvas, style, top_limit, index
        self.width, self.height = canvas.size
        self.feet = round(self.height * 0.9)

    def place(self, cast: list[CastMember], shot: str, speaker: CastMember | None, name_tags: bool) -> None:
        """Draw the cast in `shot`: shadows, figures, and (`name_tags`, not in a close-up) their name tags."""
        if not cast:
            return
        if shot == "close-up":
            return self._close_up(cast[0])  # no name tag: it would sit on the speaker's chest, and who speaks is plain
        if shot == "over-the-shoulder" and speaker is not None:
            return self._over_the_shoulder(speaker, next(m for m in cast if m is not speaker), name_tags)
        self._line_up(cast, shot, name_tags)

    def _close_up(self, member: CastMember) -> None:
        """Head and shoulders from the balloon down, past the bottom edge; left of centre and facing right in even
        panels, right of centre, facing left and a little wider (to the chest) in odd ones."""
        mirror = self.index % 2 == 1
        target_h = (self.height - self.top_limit) * (_CLOSE_UP_ZOOM if not mirror else _CLOSE_UP_ZOOM * 0.8)
        cx = round(self.width * (0.58 if mirror else 0.42))
        view = "front" if member.stance.pose == "stand" and self.index % 4 == 0 else "three-quarter"
        self._stand(member, target_h, self.width * 2, cx, self.top_limit + round(target_h), None, view=view,
                    mirror=mirror, rows=self.height - self.top_limit)  # fmt: skip
        self._composite([member])

    def _over_the_shoulder(self, speaker: CastMember, listener: CastMember, name_tags: bool) -> None:
        """The listener from behind, large at one side and cut by the frame; the speaker beyond, facing them."""
        left = self.index % 4 == 1  # the listener's side alternates between such shots
        near_h = (self.height - self.top_limit * 0.6) * 1.9
        near_cx = round(self.width * (0.2 if left else 0.8))
        rows = round(near_h * 0.52)
        self._stand(listener, near_h, self.width, near_cx, round(self.height + near_h * 0.48), None, view="back",
                    rows=rows)  # fmt: skip
        far_h = max(80, min(round(self.height * 0.6), self.feet - self.top_limit))
        far_cx = round(self.width * (0.66 if left else 0.34))
        shadows, draw = self._shadow_layer()
        self._stand(speaker, far_h, self.width * 0.4, far_cx, self.feet, draw, view="three-quarter", mirror=left)
        self._shade(shadows)
        self._composite([speaker, listener])  # the listener in front
        if name_tags:
            self._name_tag(speaker.name, ((speaker.box[0] + speaker.box[2]) // 2, self.feet + 14))

    def _line_up(self, cast: list[CastMember], shot: str, name_tags: bool) -> None:
        """Full figures in a line across the lower panel, facing its middle; creatures bigger than a person behind."""
        width, height, feet = self.width, self.height, self.feet
        tallest = max(80, min(round(height * 0.64), feet - self.top_limit))
        if shot == "establishing":
            tallest = round(tallest * 0.62)
        standing = [m for m in cast if not m.looms]
        looming = [m for m in cast if m.looms]
        slot = (width - 2 * SIDE_MARGIN) / max(1, len(standing))
        shadows, draw = self._shadow_layer()
        for i, member in enumerate(looming):
            # As tall as its scale card says (a person is `tallest`), up to the room there is; it may run past the
            # panel's sides, and stands a little behind the line of the others.
            target_h = min(feet - self.top_limit, tallest * min(member.scale or 1.0, _LOOMING_MOST))
            cx = round(width * (i + 1) / (len(looming) + 1))
            self._stand(member, target_h, 10 * width, cx, feet - round(height * 0.03), draw)
        for i, member in enumerate(standing):
            scale = (1.0, 0.94, 0.97, 0.91, 0.96)[i % 5]  # a little variety in stature reads as different people
            factor = {"object": 0.55, "concept": 0.6}.get(member.kind or "", 1.0)
            if member.kind == "creature" and member.scale is not None:
                factor = max(0.25, member.scale)  # a small creature, as small as its sheet shows it
            bottom = feet - (round(height * 0.1) if member.kind == "concept" else 0)  # concepts float
            if member.kind == "object" and member.scale is not None:  # hand-held: small, shown at waist height
                factor, bottom = member.scale, feet - round(tallest * scale * 0.42)
            middle = (len(standing) - 1) / 2
            # Each faces the middle of the line; one alone faces the reader unless it runs or points somewhere.
            turned = (len(standing) > 1 and i != middle) or member.stance.pose in ("run", "point", "fight")
            mirror = i > middle or (len(standing) == 1 and self.index % 2 == 1)
            cx = round(slot_centre(i, len(standing), width))
            self._stand(member, tallest * scale * factor, slot * 0.92, cx, bottom, draw, feet,
                        view="three-quarter" if turned else "front", mirror=mirror)  # fmt: skip
        self._shade(shadows)
        self._composite([*looming, *standing])
        for member in cast if name_tags else []:
            x0, _, x1, _ = member.box
            # A looming creature's tag goes toward its head end (the front of a side view), a row below the line's.
            x = (x0 + x1) // 2 if not member.looms else min(max(x0 + (x1 - x0) * 4 // 5, 110), width - 110)
            self._name_tag(member.name, (x, feet + (40 if member.looms else 14)))

    def _stand(
        self,
        member: CastMember,
        target_h: float,
        max_w: float,
        cx: int,
        bottom: int,
        shadows: ImageDraw.ImageDraw | None,
        feet: int | None = None,
        view: str = "front",
        mirror: bool = False,
        rows: int | None = None,
    ) -> None:
        """Size the member's figure to `target_h` (at most `max_w` wide), stand it centred on `cx` with its lowest
        point at `bottom`, and draw its shadow on the ground (at `feet`, else under it) unless `shadows` is None.
        A person is drawn afresh (only its top `rows` if given); a fallen figure lies along the ground."""
        pose = member.stance.pose
        if isinstance(member.look, CreatureLook) and pose != "fall":
            stance = member.stance
            fig, member.head = drawn_creature(member.look, self.style, target_h, max_w, mirror, pose, stance.expression)
            full_h = fig.height
        elif isinstance(member.look, HumanLook):
            height = round(min(target_h, max_w / WIDTH_PER_HEIGHT))
            fig = posed_figure(member.look, self.style, pose, member.stance.expression, view, mirror, height, rows)
            full_h = height if rows else fig.height
        else:
            fig = member.figure
            if member.source:
                fig = _sized_cutout(member.source, self.style, fig, pose == "fall", target_h, max_w)
            else:
                fig = _sized(fig, pose == "fall", target_h, max_w)
            full_h = fig.height
        x0, y0 = cx - fig.width // 2, bottom - full_h
        member.figure, member.box = fig, (x0, y0, x0 + fig.width, bottom)
        if pose == "fall":  # lying down, the head is at the end it fell toward
            member.head = (0.1 if mirror else 0.9, 0.4)
        if shadows is None:  # feet out of the frame
            return
        ground = bottom if feet is None else feet
        half = max(20, fig.width * 0.42)
        shadows.ellipse((cx - half, ground - 10, cx + half, ground + 10), fill=(0, 0, 0, 70))

    def _shadow_layer(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        layer = Image.new("RGBA", self.canvas.size, (0, 0, 0, 0))
        return layer, ImageDraw.Draw(layer)

    def _shade(self, shadows: Image.Image) -> None:
        if (shade := shadows.getbbox()) is not None:  # only where there is a shadow: the rest would change nothing
            part = shadows.crop(shade)
            self.canvas.paste(part, shade[:2], part)  # "over" on the opaque canvas, as alpha_composite would be

    def _composite(self, members: list[CastMember]) -> None:
        """Paste the members' figures in order (later ones in front), each clipped to the panel."""
        for member in members:
            x0, y0, _, _ = member.box
            fig = member.figure
            visible = (max(0, -x0), max(0, -y0), min(fig.width, self.width - x0), min(fig.height, self.height - y0))
            if visible[0] < visible[2] and visible[1] < visible[3]:  # a looming creature may run past the sides
                part = fig.crop(visible)
                self.canvas.paste(part, (x0 + visible[0], y0 + visible[1]), part)

    def _name_tag(self, name: str, centre: tuple[int, int]) -> None:
        font, shown = lettering_font(name, 17)
        if font.getlength(shown) > 200:
            shown = ellipsize(shown, font, 200)
        draw = ImageDraw.Draw(self.canvas)
        left, top, right, bottom = draw.textbbox(centre, shown, font=font, anchor="mm")
        pad_x, pad_y = 9, 4
        draw.rounded_rectangle((left - pad_x, top - pad_y, right + pad_x, bottom + pad_y), radius=9,
                               fill=(255, 253, 245), outline=INK, width=2)  # fmt: skip
        draw.text(centre, shown, font=font, fill=INK, anchor="mm")
