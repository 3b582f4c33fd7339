"""A tunnel under the city: a subway's tiled walls with a coloured band, caged lamps, its black mouth ahead and the
rails running into it (a sewer's brick, and a channel of water instead of rails); flood water over the floor when
the text says it is flooded. Lamplit at any hour, with no sky, so no weather."""

from __future__ import annotations

from providers.offline.drawing.colour import INK, darker, lighter, mix
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import SceneCanvas

_FLOODED = ("flood", "flooded", "waterlogged", "water")


class Subways(SceneCanvas):
    """A tunnel's walls, its mouth, its floor, in fractions of the canvas size (the floor from 0.72 down)."""

    def _subway(self) -> None:
        text = self.scene.seed.lower()
        sewer = has_any(text, ("sewer",))
        self.horizon = 0.72 * self.h
        wall = self.lit((150, 84, 64) if sewer else (222, 214, 186))
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.45), wall])
        grout, width = darker(wall, 0.25), max(2, self.w // 450)
        for k in range(1, 14):  # tile (or brick) courses
            y = self.horizon * k / 14
            self.draw.line((0, y, self.w, y), fill=grout, width=width)
            for j in range(20):
                x = (j + 0.5 * (k % 2)) / 20 * self.w
                self.draw.line((x, y - self.horizon / 14, x, y), fill=grout, width=width)
        if not sewer:  # the line's coloured band along the wall
            self.rect((0, 0.42, 1, 0.47), self.lit((150, 40, 50)), outline=False)
        # The tunnel's mouth ahead: rings of the arch receding into the dark.
        for k, (half, top) in enumerate(((0.22, 0.16), (0.16, 0.26), (0.11, 0.34))):
            ring = darker(wall, 0.25 + 0.2 * k)
            self._arch(0.5 - half, 0.5 + half, top, ring)
        self._arch(0.42, 0.58, 0.4, (10, 8, 8))
        for x in (0.12, 0.88):  # caged lamps on the wall, either side of the mouth
            cx, cy = self.px(x, 0.3)
            self.glow((cx, cy), 0.09 * self.w, (255, 210, 130), 150)
            self.dot(x, 0.3, 0.014, (255, 236, 170))
            self.draw.line((cx - 0.014 * self.w, cy, cx + 0.014 * self.w, cy), fill=INK, width=width)
        ground = self.lit((84, 76, 70))
        self.gradient((0, self.horizon, self.w, self.h), [darker(ground, 0.3), ground])
        if sewer or has_any(text, _FLOODED):
            self._water(sewer)
        else:
            self._rails()

    def _arch(self, x0: float, x1: float, top: float, fill: tuple[int, int, int]) -> None:
        """An arch from the floor (0.72) up to `top`: straight sides and a round head."""
        head = (x1 - x0) / 2 * self.w / self.h  # the head's height, as tall as it is half wide
        self.rect((x0, top + head, x1, 0.72), fill, outline=False)
        self.draw.chord((x0 * self.w, top * self.h, x1 * self.w, (top + 2 * head) * self.h), 180, 360, fill=fill)

    def _rails(self) -> None:
        """Two rails running from our feet into the mouth, sleepers across them closer together with distance."""
        steel, sleeper = self.lit((190, 190, 196)), self.lit((70, 52, 40))
        for k in range(12):
            t = (k / 12) ** 1.6
            y = 0.72 + 0.28 * t
            half = 0.06 + 0.3 * t
            self.draw.line((*self.px(0.5 - half, y), *self.px(0.5 + half, y)), fill=sleeper,
                           width=max(2, round(self.h * (0.004 + 0.02 * t))))  # fmt: skip
        for side in (-1, 1):
            self.draw.line((*self.px(0.5 + side * 0.045, 0.72), *self.px(0.5 + side * 0.26, 1.0)), fill=steel,
                           width=max(3, self.w // 200))  # fmt: skip

    def _water(self, sewer: bool) -> None:
        """Dark water over the floor (a sewer's channel between its walkways): the mouth's black reflected in it,
        ripples across it and the lamps' light broken on it."""
        water = self.lit((60, 110, 100) if sewer else (56, 96, 130))
        x0, x1 = (0.22, 0.78) if sewer else (0.0, 1.0)
        top0, top1 = (0.44, 0.56) if sewer else (0.0, 1.0)
        self.poly([(top0, 0.72), (top1, 0.72), (x1, 1.0), (x0, 1.0)], water)
        self.poly([(0.42, 0.72), (0.58, 0.72), (0.6, 0.86), (0.4, 0.86)], mix(water, (10, 8, 8), 0.6))
        if sewer:  # the walkways' edges
            for a, b in ((0.44, 0.22), (0.56, 0.78)):
                self.draw.line((*self.px(a, 0.72), *self.px(b, 1.0)), fill=darker(water, 0.4), width=self.w // 250)
        r, width = self.r, max(2, self.h // 300)
        for k in range(14):  # ripples, longer nearer
            t = k / 14
            y = 0.73 + 0.26 * t
            span = (x1 - x0) * (0.5 + 0.5 * t) if sewer else 1.0
            x = r.uniform(0.5 - span / 2, 0.5 + span / 2 - 0.1 * (1 + t))
            self.draw.line((*self.px(x, y), *self.px(x + 0.06 * (1 + t), y)), fill=lighter(water, 0.3), width=width)
        for k in range(10):  # broken reflections of the lamps, wider nearer
            t = k / 10
            y = 0.74 + 0.24 * t
            for x in (0.12, 0.88) if not sewer else (0.5,):
                half = 0.01 + 0.04 * t
                glint = mix(water, (255, 220, 150), 0.7 - 0.4 * t)
                self.draw.line((*self.px(x - half, y), *self.px(x + half, y)), fill=glint, width=width)
