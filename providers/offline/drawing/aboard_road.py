"""Road vehicles the cast rides (aboard.py draws them round the riders as staged): a car or a bus about them, their
heads and shoulders in its windows and its far windows' glass behind them; a bicycle under each rider, its saddle
at the hips and its handlebars at the hands. Each drawer takes a layer's draw, its point mapping (panel pixels to
the layer's) and its line width."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from PIL import ImageDraw

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.paper import SS

Point = tuple[float, float]
Box = tuple[float, float, float, float]
At = Callable[[float, float], Point]
ROAD = frozenset({"car", "bus", "bicycle"})
_GLASS = (186, 214, 232)
_TYRE = (40, 40, 44)


def cabin(kind: str, boxes: Sequence[Box], tall: float) -> tuple[float, float, float, float, float]:
    """A car's or a bus's body about riders (their boxes, pixels): its ends across, its roof (over the tallest's
    hat), its belt line under their shoulders, and the ground under its wheels."""
    x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
    feet = max(b[3] for b in boxes)
    cx = (x0 + x1) / 2
    length = max(x1 - x0 + (0.8 if kind == "bus" else 0.5) * tall, (2.6 if kind == "bus" else 1.6) * tall)
    roof = min(b[1] for b in boxes) - (0.08 if kind == "bus" else 0.05) * tall
    belt = feet - (0.55 if kind == "bus" else 0.6) * tall
    return cx - length / 2, cx + length / 2, roof, belt, feet


def glass(draw: ImageDraw.ImageDraw, p: At, kind: str, body: tuple[float, float, float, float, float],
          tall: float) -> None:  # fmt: skip
    """The far windows' glass, behind the riders: the sky and street through the car seen as glass."""
    x0, x1, roof, belt, _ = body
    inset = (0.04 if kind == "bus" else 0.14) * (x1 - x0)
    draw.polygon([p(x0 + inset, roof), p(x1 - inset, roof), p(x1 - inset * 0.4, belt), p(x0 + inset * 0.6, belt)],
                 fill=_GLASS)  # fmt: skip


def car_body(draw: ImageDraw.ImageDraw, p: At, line: int, kind: str, body: tuple[float, float, float, float, float],
             tall: float, paint: RGB, gaps: Sequence[float]) -> None:  # fmt: skip
    """A car's (a bus's) side round its riders: the door below the belt line, the roof over them and its pillars
    between them (at `gaps` across), the windows left open, the wheels, a lamp at the front."""
    x0, x1, roof, belt, feet = body
    span = x1 - x0
    inset = (0.04 if kind == "bus" else 0.14) * span
    bottom = feet + 0.01 * tall  # over the riders' feet
    bar = 0.05 * tall
    draw.rounded_rectangle((*p(x0, belt), *p(x1, bottom)), radius=0.06 * tall * SS, fill=paint, outline=INK,
                           width=line)  # fmt: skip
    # The roof, and the pillars down to the belt: the windows between them open onto the riders.
    draw.polygon([p(x0 + inset - bar, roof - bar), p(x1 - inset + bar, roof - bar), p(x1 - inset * 0.4 + bar, belt),
                  p(x1 - inset * 0.4, belt), p(x1 - inset, roof), p(x0 + inset, roof), p(x0 + inset * 0.6, belt),
                  p(x0 + inset * 0.6 - bar, belt)], fill=paint, outline=INK, width=line)  # fmt: skip
    for x in gaps:
        draw.rectangle((*p(x - bar / 2, roof), *p(x + bar / 2, belt)), fill=paint, outline=INK, width=line)
    draw.line((*p(x0, belt + 0.03 * tall), *p(x1, belt + 0.03 * tall)), fill=lighter(paint, 0.3), width=line)
    for x in gaps or [(x0 + x1) / 2]:  # door seams and handles
        draw.line((*p(x, belt), *p(x, bottom - 0.1 * tall)), fill=darker(paint, 0.3), width=line)
        draw.line((*p(x - 0.08 * tall, belt + 0.08 * tall), *p(x - 0.03 * tall, belt + 0.08 * tall)), fill=INK,
                  width=line)  # fmt: skip
    rad = (0.13 if kind == "bus" else 0.14) * tall
    for wx in (x0 + 0.18 * span, x1 - 0.18 * span):
        draw.ellipse((*p(wx - rad, feet - 2 * rad + 0.02 * tall), *p(wx + rad, feet + 0.02 * tall)), fill=_TYRE,
                     outline=INK, width=line)  # fmt: skip
        hub = rad * 0.45
        cy = feet - rad + 0.02 * tall
        draw.ellipse((*p(wx - hub, cy - hub), *p(wx + hub, cy + hub)), fill=(190, 190, 196), outline=INK, width=line)
    lamp = 0.035 * tall
    draw.ellipse((*p(x1 - 2.6 * lamp, belt + 1.2 * lamp), *p(x1 - 0.6 * lamp, belt + 3.2 * lamp)),
                 fill=(252, 236, 160), outline=INK, width=line)  # fmt: skip


def door_close(draw: ImageDraw.ImageDraw, p: At, line: int, face: Box | None, size: tuple[int, int],
               gunwale: float, paint: RGB) -> None:  # fmt: skip
    """Close up in a car (a bus): the door across the chest and the window's pillar at the side away from the
    face, up to the frame's top."""
    width, height = size
    draw.rectangle((*p(-4, gunwale), *p(width + 4, height + 4)), fill=paint, outline=INK, width=line)
    draw.line((*p(-4, gunwale + 0.03 * height), *p(width + 4, gunwale + 0.03 * height)), fill=lighter(paint, 0.3),
              width=line)  # fmt: skip
    right = face is None or (face[0] + face[2]) / 2 < width / 2
    x = width * (0.9 if right else 0.1)
    bar = 0.05 * height
    draw.polygon([p(x - bar, gunwale), p(x + bar, gunwale), p(x + bar * (2 if right else 0), -4),
                  p(x - bar * (0 if right else 2), -4)], fill=paint, outline=INK, width=line)  # fmt: skip


def bicycle(draw: ImageDraw.ImageDraw, p: At, line: int, rider: Box, tall: float, faces_left: bool,
            paint: RGB, room: float) -> None:  # fmt: skip
    """A bicycle under a rider standing astride it: the wheels either side of the legs, the saddle at the hips,
    the handlebars at the hands (ahead, the way the rider faces); smaller wheels where the next rider is nearer
    than `room` (pixels either side) leaves."""
    x0, _, x1, feet = rider
    cx = (x0 + x1) / 2
    ahead = -1 if faces_left else 1
    k = min(1.0, room / (0.58 * tall))
    rad = 0.19 * tall * k
    back, front = (cx - ahead * 0.36 * tall * k, feet - rad), (cx + ahead * 0.38 * tall * k, feet - rad)
    for wx, wy in (back, front):
        draw.ellipse((*p(wx - rad, wy - rad), *p(wx + rad, wy + rad)), outline=INK, width=line * 2)
        for a in range(0, 180, 30):  # spokes
            dx, dy = math.cos(math.radians(a)) * rad, math.sin(math.radians(a)) * rad
            draw.line((*p(wx - dx, wy - dy), *p(wx + dx, wy + dy)), fill=(120, 120, 126), width=max(1, line // 2))
    seat = (cx - ahead * 0.08 * tall, feet - 0.5 * tall)
    crank = (cx, feet - rad)
    bars = (cx + ahead * 0.27 * tall, feet - 0.56 * tall)
    head = (bars[0] - ahead * 0.03 * tall, feet - 0.46 * tall)
    for u, v in ((back, seat), (seat, crank), (crank, back), (seat, head), (head, crank), (head, front),
                 (head, bars)):  # fmt: skip
        draw.line((*p(*u), *p(*v)), fill=paint, width=line * 2)
    draw.line((*p(seat[0] - 0.06 * tall, seat[1]), *p(seat[0] + 0.05 * tall, seat[1])), fill=INK, width=line * 3)
    draw.line((*p(bars[0] - ahead * 0.07 * tall, bars[1] - 0.02 * tall), *p(bars[0] + ahead * 0.03 * tall, bars[1])),
              fill=INK, width=line * 2)  # fmt: skip
    pedal = 0.07 * tall
    draw.line((*p(crank[0] - pedal, crank[1] + pedal * 0.6), *p(crank[0] + pedal, crank[1] - pedal * 0.6)), fill=INK,
              width=line * 2)  # fmt: skip


def handlebars(draw: ImageDraw.ImageDraw, p: At, line: int, face: Box | None, size: tuple[int, int],
               gunwale: float, paint: RGB) -> None:  # fmt: skip
    """Close up on a bicycle: its handlebars across the chest, grips at either side and a bell, the stem down."""
    width, height = size
    cx = (face[0] + face[2]) / 2 if face else width / 2
    half = 1.3 * (face[2] - face[0]) if face else 0.3 * width
    bar = max(line * 2, round(0.012 * height * 2))
    draw.line((*p(cx, gunwale), *p(cx, height + 4)), fill=paint, width=bar * 2)  # the stem
    draw.line([p(cx - half, gunwale - 0.04 * height), p(cx - half * 0.4, gunwale), p(cx + half * 0.4, gunwale),
               p(cx + half, gunwale - 0.04 * height)], fill=(150, 150, 156), width=bar)  # fmt: skip
    for side in (-1, 1):
        gx = cx + side * half
        draw.line((*p(gx - side * 0.04 * width, gunwale - 0.035 * height), *p(gx + side * 0.02 * width,
                   gunwale - 0.045 * height)), fill=INK, width=bar * 2)  # fmt: skip
    bell = 0.02 * width
    bx = cx + half * 0.6
    draw.ellipse((*p(bx - bell, gunwale - 2.2 * bell), *p(bx + bell, gunwale - 0.2 * bell)), fill=(230, 200, 60),
                 outline=INK, width=line)  # fmt: skip
