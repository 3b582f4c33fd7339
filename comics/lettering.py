"""Lettering as a layer over panel art: speech and thought balloons, caption boxes and sound effects.

`layout_lettering` decides where every balloon and every line of text goes (so tests and callers can measure it);
`letter_panel` draws that layout on a copy of the art. Balloons sit in the top of the panel in reading order,
left to right then down, with tails pointing down at the speaker, and keep off the faces the renderer drew: when
they cannot, captions move to the bottom of the panel, then the lettering gets smaller. Text is sized to fit: the
font shrinks to a minimum, then the balloon grows up to a share of the panel, then the text is cut with an
ellipsis; nothing is ever drawn outside its balloon or the panel.
"""

import math
from collections.abc import Sequence
from io import BytesIO
from typing import Annotated, Literal, Self

from PIL import Image
from pydantic import Field, model_validator

from comics import fonts, sizing, textfit
from comics.balloons import draw_layout
from comics.sizing import Metrics
from comics.textfit import Fitted
from domain.base import StrictModel

BalloonKind = Literal["speech", "thought", "caption", "sfx"]
Fraction = Annotated[float, Field(ge=0, le=1)]
# What hiding a whole face costs a placement, in panel heights: more than any other way of placing a balloon.
FACE_COST = 3.0
# A face covered less than this (rounding) is not covered: the lettering is not moved or shrunk for it.
FACE_SLACK = 0.01
SMALLER = 0.85  # the smallest lettering size, scaled, when nothing else keeps the faces clear


class Balloon(StrictModel):
    """One piece of lettering: what it says and, for speech and thought, where the speaker stands."""

    kind: BalloonKind = "speech"
    text: str = Field(max_length=2000)
    speaker_x: float | None = Field(
        default=None, ge=0, le=1, description="The speaker's position across the panel (0 left, 1 right): gets a tail"
    )
    speaker_y: float | None = Field(
        default=None, ge=0, le=1, description="Top of the speaker's head down the panel: balloons keep above it"
    )
    position: tuple[float, float] | None = Field(
        default=None, description="Centre of a sound effect as fractions of the panel (default: lower right)"
    )


class PanelLettering(StrictModel):
    """Everything lettered in one panel, in reading order, and how large the lettering is."""

    balloons: list[Balloon] = Field(default_factory=list, max_length=12)
    display_width: int | None = Field(
        default=None, gt=0, description="Width the panel is shown at on the page: sizes are page pixels (None: art's)"
    )
    max_font_size: int = Field(default=34, ge=6, le=400)
    min_font_size: int = Field(default=24, ge=6, le=400)
    max_width_share: float = Field(default=0.9, gt=0, le=1, description="Widest a balloon may grow, of the panel")
    max_height_share: float = Field(default=0.5, gt=0, le=1, description="Tallest a balloon may grow, of the panel")
    faces: list[tuple[Fraction, Fraction, Fraction, Fraction]] = Field(
        default_factory=list, max_length=12, description="Faces in the art (x0, y0, x1, y1 as fractions) to keep clear"
    )

    @model_validator(mode="after")
    def _sizes_ordered(self) -> Self:
        if self.min_font_size > self.max_font_size:
            raise ValueError("min_font_size must not exceed max_font_size")
        return self


class Box(StrictModel):
    """An axis-aligned box in panel pixels."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def grown(self, by: float) -> "Box":
        return Box(x0=self.x0 - by, y0=self.y0 - by, x1=self.x1 + by, y1=self.y1 + by)

    def contains(self, other: "Box", tolerance: float = 0.5) -> bool:
        return (other.x0 >= self.x0 - tolerance and other.y0 >= self.y0 - tolerance
                and other.x1 <= self.x1 + tolerance and other.y1 <= self.y1 + tolerance)  # fmt: skip

    def overlaps(self, other: "Box", gap: float = 0) -> bool:
        return not (other.x0 >= self.x1 + gap or other.x1 <= self.x0 - gap
                    or other.y0 >= self.y1 + gap or other.y1 <= self.y0 - gap)  # fmt: skip

    def union(self, other: "Box") -> "Box":
        return Box(x0=min(self.x0, other.x0), y0=min(self.y0, other.y0),
                   x1=max(self.x1, other.x1), y1=max(self.y1, other.y1))  # fmt: skip


class TextLine(StrictModel):
    """One lettered line: its text, size, pen position and the box its ink covers."""

    text: str
    size: int
    x: float
    baseline: float
    box: Box


class PlacedBalloon(StrictModel):
    """A balloon where it was placed: the shape holding its text, everything it draws, and its lines."""

    kind: BalloonKind
    text: str
    shape: Literal["ellipse", "rect", "free"]
    body: Box = Field(description="Bounds of the ellipse or box that holds the text")
    extent: Box = Field(description="Everything drawn: outline, tail, cloud bumps and bubbles")
    tail: list[tuple[float, float]] = Field(default_factory=list, description="Speech tail polygon, tip included")
    bubbles: list[Box] = Field(default_factory=list, description="Thought bubbles, largest first")
    outline: int
    angle: float = Field(default=0.0, description="Degrees the lettering is turned counter-clockwise (sound effects)")
    font_size: int
    truncated: bool
    lines: list[TextLine]


class LetteringLayout(StrictModel):
    """Where everything in a panel's lettering goes, for a panel of this size."""

    width: int
    height: int
    balloons: list[PlacedBalloon]
    dropped: list[str] = Field(default_factory=list, description="Texts of balloons too big for the panel at all")


def _lines(fitted: Fitted, cx: float, cy: float) -> list[TextLine]:
    result = []
    for line, offset in zip(fitted.lines, fitted.baselines, strict=True):
        ink = fonts.ink_box(line, fitted.size)
        if ink is None:
            continue
        x, baseline = cx - fonts.width(line, fitted.size) / 2, cy + offset
        box = Box(x0=x + ink[0], y0=baseline + ink[1], x1=x + ink[2], y1=baseline + ink[3])
        result.append(TextLine(text=line, size=fitted.size, x=x, baseline=baseline, box=box))
    return result


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(value, high)) if low <= high else (low + high) / 2


def _centre_x(box: Box) -> float:
    return (box.x0 + box.x1) / 2


def covered(box: Box, faces: Sequence[Box]) -> float:
    """How much of the faces the box hides, in faces (1.0: one whole face)."""
    hidden = 0.0
    for face in faces:
        w, h = min(box.x1, face.x1) - max(box.x0, face.x0), min(box.y1, face.y1) - max(box.y0, face.y0)
        if w > 0 and h > 0:
            hidden += w * h / max(1.0, face.width * face.height)
    return hidden


def _face_at(faces: Sequence[Box], x: float | None, top: float | None) -> Box | None:
    """The face just below (x, top), the top of a speaker's head where the tail is aimed: the speaker's own."""
    if x is None or top is None:
        return None
    return next((f for f in faces if f.x0 <= x <= f.x1 and -1 <= f.y0 - top <= 0.25 * f.height + 1), None)


def _place(
    size: tuple[float, float],
    target: float,
    placed: list[PlacedBalloon],
    m: Metrics,
    after: PlacedBalloon | None,
    head: float | None = None,
    tip: tuple[float, float] | None = None,
    faces: Sequence[Box] = (),
    bottom: bool = False,
    own: Box | None = None,
) -> tuple[float, float, float, float]:
    """Centre x, top, cost and faces covered (see `covered`) of a box of this size: as high as it sits clear of what
    is placed (as low, with `bottom`), near `target`.

    Beside each placed box and each face is tried as well as below it, so a balloon moves over rather than down
    onto faces; covering a face costs most, going below the speaker's head (`head`) costs extra unless beside the
    speaker's own face (`own`), and so does a tail to `tip` (the speaker) that would cross a balloon or caption
    already placed. A balloon left of the one read before it
    sits lower, by 0.6 of that one's height (0.45 if that spares a face), so the reading order holds.
    """
    w, h = size
    lowest = max(m.margin, m.height - m.margin - h)
    candidates = [
        target,
        *(p.extent.x1 + m.gap + w / 2 for p in placed),
        *(p.extent.x0 - m.gap - w / 2 for p in placed),
        *(face.x1 + m.gap + w / 2 for face in faces),
        *(face.x0 - m.gap - w / 2 for face in faces),
        # Beside the speaker's own face, with room for a tail to it.
        *((own.x1 + 1.5 * m.largest + w / 2, own.x0 - 1.5 * m.largest - w / 2) if own is not None else ()),
    ]
    best: tuple[float, float, float, float] | None = None
    for x, step in ((x, step) for x in candidates for step in (0.6, 0.45)):
        cx = _clamp(x, m.margin + w / 2, m.width - m.margin - w / 2)
        top, cost = (lowest if bottom else float(m.margin)), 0.0
        if after is not None and cx < _centre_x(after.body) - 1:
            top = max(top, after.body.y0 + step * after.body.height)
            cost = 2 * (0.6 - step) * after.body.height  # a shallower step reads less clearly: only to spare a face
        for _ in range(len(placed) + 1):
            box = Box(x0=cx - w / 2, y0=top, x1=cx + w / 2, y1=top + h)
            hit = next((o for p in placed for o in _obstacles(p) if o.overlaps(box, m.gap)), None)
            if hit is None or (top <= m.margin if bottom else top >= lowest):
                break
            top = hit.y0 - m.gap - h if bottom else hit.y1 + m.gap
        top = _clamp(top, m.margin, lowest)
        hidden = covered(Box(x0=cx - w / 2, y0=top, x1=cx + w / 2, y1=top + h), faces)
        cost += (lowest - top if bottom else top) + 0.6 * abs(cx - target) + FACE_COST * m.height * hidden
        beside = own is not None and (cx + w / 2 < own.x0 or cx - w / 2 > own.x1)
        cost += 4 * max(0.0, top + h - head) if head is not None and not beside else 0.0
        if own is not None and beside and top + h > own.y0:
            apart = own.x0 - (cx + w / 2) if cx < own.x0 else cx - w / 2 - own.x1
            cost += 0.25 * m.height if apart < 1.2 * m.largest else 0.0  # too close for a tail to show
        if tip is not None:
            # Over a balloon's text is worse than behind a caption (captions are drawn over tails); across someone
            # else's face, nearly as bad.
            crossed = _tail_crosses(cx, top + h, w, tip, placed)
            cost += m.height if "talk" in crossed else 0.1 * m.height if crossed else 0.0
            others = [face for face in faces if face is not own]
            cost += 0.6 * m.height if others and _crosses_face((cx, top + h / 2), tip, others) else 0.0
        if best is None or cost < best[0] - 1e-6:
            best = (cost, cx, top, hidden)
    assert best is not None
    return best[1], best[2], best[0], best[3]


def _tail_crosses(
    cx: float, bottom: float, w: float, tip: tuple[float, float], placed: list[PlacedBalloon]
) -> set[str]:
    """What a tail from a balloon's bottom (centred at cx, w wide) down to `tip` would cross: "talk" (a speech or
    thought balloon), "caption", or nothing."""
    base = (_clamp(tip[0], cx - 0.3 * w, cx + 0.3 * w), bottom)
    if tip[1] <= base[1]:
        return set()
    points = [(base[0] + (tip[0] - base[0]) * k / 16, base[1] + (tip[1] - base[1]) * k / 16) for k in range(1, 17)]
    crossed = set()
    for p in placed:
        b = p.extent if p.kind == "caption" else p.body
        if p.kind != "sfx" and any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1 for x, y in points):
            crossed.add("caption" if p.kind == "caption" else "talk")
    return crossed


def _crosses_face(start: tuple[float, float], tip: tuple[float, float], faces: Sequence[Box]) -> bool:
    """Whether the line from a balloon's middle to its speaker passes over any of these faces."""
    points = [(start[0] + (tip[0] - start[0]) * k / 16, start[1] + (tip[1] - start[1]) * k / 16) for k in range(17)]
    return any(f.x0 <= x <= f.x1 and f.y0 <= y <= f.y1 for f in faces for x, y in points)


def _obstacles(placed: PlacedBalloon) -> list[Box]:
    """What a later balloon must not cover: the body with its outline (and bumps), the tail, the bubbles."""
    around = placed.outline + (sizing.bump(placed.font_size) if placed.kind == "thought" else 0)
    parts = [placed.extent if placed.kind in ("caption", "sfx") else placed.body.grown(around)]
    if placed.tail:
        xs, ys = [x for x, _ in placed.tail], [y for _, y in placed.tail]
        parts.append(Box(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys)).grown(placed.outline))
    parts.extend(bubble.grown(placed.outline) for bubble in placed.bubbles)
    return parts


def _caption(
    balloon: Balloon, m: Metrics, placed: list[PlacedBalloon], right: bool, faces: Sequence[Box], bottom: bool
) -> PlacedBalloon:
    """A narration box in the top-left corner (right with `right`, the bottom with `bottom`), beside or past any
    caption before it, off the faces where it can be."""
    w, h, fitted = sizing.fit_rect(tuple(textfit.tokens(balloon.text)), m)
    around = m.outline
    size = (w + 2 * around, h + 2 * around)
    cx, top, _, _ = _place(size, float(m.width) if right else 0.0, placed, m, None, faces=faces, bottom=bottom)
    body = Box(x0=cx - w / 2, y0=top + around, x1=cx + w / 2, y1=top + around + h)
    return PlacedBalloon(kind="caption", text=balloon.text, shape="rect", body=body, extent=body.grown(around),
                         outline=m.outline, font_size=fitted.size, truncated=fitted.truncated,
                         lines=_lines(fitted, cx, (body.y0 + body.y1) / 2))  # fmt: skip


def _balloon(
    balloon: Balloon, slot: float, m: Metrics, placed: list[PlacedBalloon], faces: Sequence[Box]
) -> PlacedBalloon:
    """A speech or thought balloon high in the panel near its speaker, off the faces where it can be, with a tail or
    bubbles down to the speaker."""
    thought = balloon.kind == "thought"
    items = tuple(textfit.tokens(balloon.text))
    head = None if balloon.speaker_y is None else balloon.speaker_y * m.height
    # Room for a balloon above the head: margin above it, a short tail below it.
    room = None if head is None else head - m.margin - 1.2 * m.largest
    speaker = None if balloon.speaker_x is None else balloon.speaker_x * m.width
    after = next((p for p in reversed(placed) if p.kind in ("speech", "thought")), None)
    own = _face_at(faces, speaker, head)
    best: tuple[float, float, float, float, float, Fitted] | None = None
    # The natural shape first; if it ends up over the speaker's head, narrower ones that may fit beside others, and
    # (the speaker's face known) one beside that face, as tall as it needs.
    shapes = [(room, None), (room, 0.36 * m.width), (room, 0.26 * m.width)]
    sideways = [(None, 0.36 * m.width), (None, 0.26 * m.width)] if own is not None else []
    for above, widest in shapes + sideways:
        extra = (sizing.bump(m.largest) if thought else 0) + m.outline
        a, b, fitted = sizing.fit_ellipse(items, m, extra, above, widest)
        around = (sizing.bump(fitted.size) if thought else 0) + m.outline
        # Off-centre speakers get their balloon nudged toward the middle: the tail slants in, as letterers do.
        nudge = 0.0 if speaker is None else _clamp((m.width / 2 - speaker) * 0.35, -a / 2, a / 2)
        target = slot * m.width if speaker is None else speaker + nudge
        tip = None if speaker is None or head is None else (speaker, head)
        size = (2 * (a + around), 2 * (b + around))
        cx, top, cost, hidden = _place(size, target, placed, m, after, head, tip, faces, own=own)
        cost += 6 * (m.largest - fitted.size)  # a smaller font than its neighbours shows: worth some hair covered
        if best is None or cost < best[0] - 1e-6:
            best = (cost, a, b, cx, top, fitted)
        if hidden <= FACE_SLACK and (head is None or top + size[1] <= head):
            break
    assert best is not None
    _, a, b, cx, top, fitted = best
    around = (sizing.bump(fitted.size) if thought else 0) + m.outline
    body = Box(x0=cx - a, y0=top + around, x1=cx + a, y1=top + around + 2 * b)
    cy = (body.y0 + body.y1) / 2
    extent = body.grown(around)
    tail: list[tuple[float, float]] = []
    bubbles: list[Box] = []
    near = own.grown(2 * m.outline) if own is not None else None
    beside = near is not None and body.y1 > near.y0 and (body.x1 < near.x0 or body.x0 > near.x1)
    if near is not None and (beside or body.y0 > near.y1):
        # Beside the speaker's face (or below it): the tail leaves the rim facing it and points at the upper side
        # of the face (or its chin).
        if beside:
            tip = (near.x0 if cx < near.x0 else near.x1, _clamp(cy, near.y0, near.y0 + 0.35 * near.height))
        else:
            tip = (_clamp(cx, near.x0, near.x1), near.y1)
        rim_x, rim_y = _rim_toward(cx, cy, a, b, tip)
        if math.dist((rim_x, rim_y), tip) > 0.25 * fitted.size:  # short beside a face, but it says who speaks
            if thought:
                bubbles = _bubbles(rim_x, rim_y, tip[0], tip[1], fitted.size)
            else:
                tail = _tail_toward(cx, cy, a, b, tip, fitted.size)
    elif speaker is not None:
        tip_x = _clamp(speaker, m.margin + 2 * m.outline, m.width - m.margin - 2 * m.outline)
        reach = body.y1 + max(1.4 * fitted.size, 0.12 * m.height) if head is None else head - 0.01 * m.height
        floor = m.height - m.margin - 2 * m.outline - (0.45 * fitted.size if thought else 0)  # bubbles have size
        tip_y = min(max(reach, body.y1 + 0.8 * fitted.size + 1), floor)
        if tip_y > body.y1 + 0.8 * fitted.size:  # else no room below: a tail too short to read is left out
            if thought:
                bubbles = _bubbles(cx, body.y1 + around * 0.6, tip_x, tip_y, fitted.size)
            else:
                tail = _tail(cx, cy, a, b, (tip_x, tip_y), fitted.size)
    if speaker is not None:
        for x, y in tail:
            extent = extent.union(Box(x0=x, y0=y, x1=x, y1=y).grown(m.outline))
        for bubble in bubbles:
            extent = extent.union(bubble.grown(m.outline))
    return PlacedBalloon(kind=balloon.kind, text=balloon.text, shape="ellipse", body=body, extent=extent, tail=tail,
                         bubbles=bubbles, outline=m.outline, font_size=fitted.size, truncated=fitted.truncated,
                         lines=_lines(fitted, cx, cy))  # fmt: skip


def _tail(cx: float, cy: float, a: float, b: float, tip: tuple[float, float], size: int) -> list[tuple[float, float]]:
    """A curved wedge from inside the ellipse's lower rim to the tip (the balloon's fill hides the part inside)."""
    half = _clamp(0.14 * a, 0.35 * size, 0.8 * size)
    base_x = _clamp(tip[0], cx - 0.55 * a + half, cx + 0.55 * a - half)

    def rim(x: float) -> tuple[float, float]:
        return x, cy + b * max(0.0, 1 - ((x - cx) / a) ** 2) ** 0.5 - 0.4 * size

    points: list[tuple[float, float]] = []
    for start, end, count in ((rim(base_x - half), tip, 8), (tip, rim(base_x + half), 9)):
        bend = ((start[0] + end[0]) / 2 + (base_x - tip[0]) * 0.25, (start[1] + end[1]) / 2)
        for k in range(count):
            t = k / 8
            points.append(((1 - t) ** 2 * start[0] + 2 * (1 - t) * t * bend[0] + t**2 * end[0],
                           (1 - t) ** 2 * start[1] + 2 * (1 - t) * t * bend[1] + t**2 * end[1]))  # fmt: skip
    return points


def _rim_toward(cx: float, cy: float, a: float, b: float, tip: tuple[float, float]) -> tuple[float, float]:
    """The point of the ellipse's rim in the direction of `tip`."""
    angle = math.atan2((tip[1] - cy) / b, (tip[0] - cx) / a)
    return cx + a * math.cos(angle), cy + b * math.sin(angle)


def _tail_toward(
    cx: float, cy: float, a: float, b: float, tip: tuple[float, float], size: int
) -> list[tuple[float, float]]:
    """A wedge from inside the rim on the side facing the tip, bowed a little, to the tip (a speaker beside the
    balloon or above it); its base is as wide as a downward tail's."""
    angle = math.atan2((tip[1] - cy) / b, (tip[0] - cx) / a)
    half = _clamp(0.14 * a, 0.35 * size, 0.8 * size) / max(1.0, (a + b) / 2)  # as an angle on the rim
    inset = 0.4 * size

    def rim(t: float) -> tuple[float, float]:
        return cx + max(1.0, a - inset) * math.cos(t), cy + max(1.0, b - inset) * math.sin(t)

    start, end = rim(angle - half), rim(angle + half)
    bow = (-(tip[1] - cy) * 0.08, (tip[0] - cx) * 0.08)  # sideways, so the wedge curves as letterers draw it
    points: list[tuple[float, float]] = []
    for first, last, count in ((start, tip, 8), (tip, end, 9)):
        bend = ((first[0] + last[0]) / 2 + bow[0], (first[1] + last[1]) / 2 + bow[1])
        for k in range(count):
            t = k / 8
            points.append(((1 - t) ** 2 * first[0] + 2 * (1 - t) * t * bend[0] + t**2 * last[0],
                           (1 - t) ** 2 * first[1] + 2 * (1 - t) * t * bend[1] + t**2 * last[1]))  # fmt: skip
    return points


def _bubbles(x0: float, y0: float, x1: float, y1: float, size: int) -> list[Box]:
    result = []
    for t, radius in ((0.25, 0.42), (0.58, 0.3), (0.9, 0.2)):
        x, y, r = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, radius * size
        result.append(Box(x0=x - r, y0=y - r, x1=x + r, y1=y + r))
    return result


def _sfx(balloon: Balloon, m: Metrics) -> PlacedBalloon:
    """A sound effect at its position (lower right by default), turned a little, kept inside the panel."""
    effect = sizing.fit_sfx(textfit.tokens(balloon.text), m)
    (w, h), (ew, eh) = effect.block, effect.turned
    fx, fy = balloon.position or (0.74, 0.72)
    cx = _clamp(fx * m.width, m.margin + ew / 2, m.width - m.margin - ew / 2)
    cy = _clamp(fy * m.height, m.margin + eh / 2, m.height - m.margin - eh / 2)
    body = Box(x0=cx - w / 2, y0=cy - h / 2, x1=cx + w / 2, y1=cy + h / 2)
    extent = Box(x0=cx - ew / 2, y0=cy - eh / 2, x1=cx + ew / 2, y1=cy + eh / 2)
    turn = math.radians(sizing.SFX_ANGLE)
    lines = [line.model_copy(update={"box": _turned(line.box.grown(effect.stroke), cx, cy, turn)})
             for line in _lines(effect.fitted, cx, cy)]  # fmt: skip
    return PlacedBalloon(kind="sfx", text=balloon.text, shape="free", body=body, extent=extent, outline=effect.stroke,
                         font_size=effect.fitted.size, truncated=effect.fitted.truncated, lines=lines,
                         angle=sizing.SFX_ANGLE)  # fmt: skip


def _turned(box: Box, cx: float, cy: float, turn: float) -> Box:
    """Bounds of a box turned counter-clockwise (as PIL's rotate turns) about (cx, cy)."""
    cos, sin = math.cos(turn), math.sin(turn)
    corners = [(x - cx, y - cy) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    xs = [cx + x * cos + y * sin for x, y in corners]
    ys = [cy - x * sin + y * cos for x, y in corners]
    return Box(x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys))


def layout_lettering(lettering: PanelLettering, width: int, height: int) -> LetteringLayout:
    """Where every balloon, tail and line of text goes in a panel of this size (pixels of the art).

    Laid out as usual first; if that hides a face, with the captions at the bottom, then with smaller lettering
    (both ways): the first that hides none, else the one that hides least.
    """
    faces = [Box(x0=x0 * width, y0=y0 * height, x1=x1 * width, y1=y1 * height) for x0, y0, x1, y1 in lettering.faces]
    captions = any(b.kind == "caption" for b in lettering.balloons)
    best: tuple[float, LetteringLayout] | None = None
    for bottom, smaller in ((False, False), (True, False), (False, True), (True, True)):
        if bottom and not captions:
            continue
        layout = _layout(lettering, width, height, faces, bottom, SMALLER if smaller else 1.0)
        hidden = sum(covered(p.body if p.kind != "caption" else p.extent, faces) for p in layout.balloons
                     if p.kind != "sfx")  # fmt: skip
        if best is None or hidden < best[0] - 1e-6:
            best = (hidden, layout)
        if hidden <= FACE_SLACK:
            break
    assert best is not None
    return best[1]


def _layout(
    lettering: PanelLettering, width: int, height: int, faces: Sequence[Box], bottom: bool, smaller: float
) -> LetteringLayout:
    scale = width / lettering.display_width if lettering.display_width else 1.0
    least = max(6, min(lettering.max_font_size, round(lettering.min_font_size * smaller)))
    m = Metrics.of(width, height, scale, (lettering.max_font_size, least),
                   (lettering.max_width_share, lettering.max_height_share))  # fmt: skip
    shown = [b for b in lettering.balloons if b.text.strip()]
    talk = [b for b in shown if b.kind in ("speech", "thought")]
    placed: list[PlacedBalloon] = []
    dropped: list[str] = []
    panel = Box(x0=0, y0=0, x1=width, y1=height)
    # Every speaker stands in the left half: captions go top-right, so the balloons above them have room and their
    # tails are not hidden behind a caption.
    speakers = [b.speaker_x for b in talk if b.speaker_x is not None]
    right = bool(speakers) and max(speakers) < 0.5
    for balloon in shown:
        if balloon.kind == "caption":
            result = _caption(balloon, m, placed, right, faces, bottom)
        elif balloon.kind == "sfx":
            result = _sfx(balloon, m)
        else:
            result = _balloon(balloon, (talk.index(balloon) + 0.5) / len(talk), m, placed, faces)
        # Only a panel too small for even one letter gets here: nothing is ever drawn outside the panel.
        if panel.contains(result.extent, tolerance=0) and result.lines:
            placed.append(result)
        else:
            dropped.append(balloon.text)
    return LetteringLayout(width=width, height=height, balloons=placed, dropped=dropped)


def letter_panel(art: bytes, lettering: PanelLettering) -> bytes:
    """The art with its lettering drawn over it, as PNG bytes; the input bytes are left untouched."""
    try:
        image = Image.open(BytesIO(art))
        image.load()
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a decodable image: {exc}") from exc
    canvas = image.convert("RGBA")
    draw_layout(canvas, layout_lettering(lettering, canvas.width, canvas.height))
    out = BytesIO()
    canvas.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()
