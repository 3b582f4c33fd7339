"""Under the sea: blue water darkening with depth (and with the hour: the surface's light is the sun's or the
moon's), shafts of light from the surface, a sandy bottom with rocks, coral and kelp, fish and bubbles; and what is
sunk there: a drowned tower or walls, a wreck, a submarine going by. No sky, so no weather."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import INK, RGB, darker, lighter, mix
from providers.offline.drawing.scenery import SceneCanvas

_WATER: tuple[RGB, RGB, RGB] = ((70, 170, 210), (24, 96, 150), (10, 48, 92))
_CORAL: tuple[RGB, ...] = ((240, 110, 110), (250, 160, 80), (220, 90, 160), (250, 210, 110))


class UnderwaterScenes(SceneCanvas):
    """The sea from inside it, in fractions of the canvas size (the bottom from 0.78 down)."""

    def _underwater(self) -> None:
        s, r = self.scene, self.r
        self.horizon = 0.72 * self.h
        top, mid, deep = (self.lit(c) for c in _WATER)
        self.gradient((0, 0, self.w, self.h), [top, mid, deep])
        self._shafts()
        sunk = s.features & {"tower", "castle"}
        if sunk:
            self._ruins("tower" in sunk)
        if "wreck" in s.features:
            self._wreck()
        sand = mix(self.lit((226, 200, 140)), mid, 0.25)  # the water's blue over the bottom
        pts = [(i / 16, 0.76 + 0.02 * math.sin(i * 0.9 + r.random())) for i in range(17)]
        self.poly([(0, 1.0), *pts, (1, 1.0)], sand)
        for _ in range(6):  # rocks half-buried in the sand
            x, y = r.random(), r.uniform(0.8, 0.97)
            rad = r.uniform(0.015, 0.04) * self.w
            cx, cy = x * self.w, y * self.h
            self.draw.chord((cx - rad, cy - rad, cx + rad, cy + rad * 0.6), 180, 360, fill=darker(sand, 0.35),
                            outline=INK, width=max(2, self.w // 500))  # fmt: skip
        # Kelp swaying up the sides, clear of the cast in the middle and of what is sunk there.
        taken = ({self.side > 0.5} if sunk else set()) | ({self.side < 0.5} if "wreck" in s.features else set())
        for x in (0.04, 0.12, 0.88, 0.96):
            if (x > 0.5) in taken:
                continue
            self._kelp(x + r.uniform(-0.02, 0.02), r.uniform(0.35, 0.6), mix(self.lit((60, 140, 80)), mid, 0.25))
        for x in (0.22, 0.7, 0.8):
            self._coral(
                x + r.uniform(-0.03, 0.03), 0.79 + r.uniform(0, 0.03), mix(self.lit(r.choice(_CORAL)), mid, 0.2)
            )
        if "submarine" in s.features:
            self._submarine()
        self._fish(mid)
        for _ in range(24):  # bubbles rising
            x, y, rad = r.uniform(0.2, 0.8) * self.w, r.uniform(0.05, 0.75) * self.h, r.uniform(2, 7) * self.w / 1000
            self.draw.ellipse((x - rad, y - rad, x + rad, y + rad), outline=self.over((230, 250, 255), 170, x, y),
                              width=max(1, self.w // 800))  # fmt: skip

    def _shafts(self) -> None:
        """Light from the surface slanting down, fading with depth: each shaft drawn opaque in bands, in the
        colour its translucent light gives over the water there (no layer)."""
        r = self.r
        strength = 70 if self.scene.time == "day" else 40
        for _ in range(4):
            x, slant, width = r.uniform(0.1, 0.9), r.uniform(-0.12, 0.12), r.uniform(0.03, 0.07)
            bands = 8
            for k in range(bands):
                y0, y1 = 0.7 * k / bands, 0.7 * (k + 1) / bands
                alpha = round(strength * (1 - k / bands))
                colour = self.over((220, 250, 255), alpha, (x + slant * y0) * self.w, (y0 + y1) / 2 * self.h)
                spread0, spread1 = width * (1 + y0), width * (1 + y1)
                self.poly([(x + slant * y0 - spread0, y0), (x + slant * y0 + spread0, y0),
                           (x + slant * y1 + spread1, y1), (x + slant * y1 - spread1, y1)], colour)  # fmt: skip
        for k in range(12):  # the surface's ripples far above
            y = 0.015 + 0.01 * (k % 3)
            x = k / 12 + r.uniform(0, 0.03)
            ripple = self.over((240, 255, 255), 150, x * self.w, y * self.h)
            box = (x * self.w, y * self.h, (x + 0.06) * self.w, (y + 0.02) * self.h)
            self.draw.arc(box, 200, 340, fill=ripple, width=max(2, self.w // 400))

    def _ruins(self, tower: bool) -> None:
        """A drowned tower (its belfry's arch) or a run of broken walls, blue with distance, on one side."""
        stone = mix(self.lit((120, 130, 130)), self.lit(_WATER[1]), 0.4)
        x = self.side
        if tower:
            self.poly([(x - 0.06, 0.8), (x - 0.05, 0.22), (x + 0.05, 0.26), (x + 0.06, 0.8)], stone)
            cx, cy = self.px(x, 0.34)
            rad = 0.025 * self.w
            self.draw.chord((cx - rad, cy - rad, cx + rad, cy + rad * 2), 180, 360, fill=darker(stone, 0.4))
            self.draw.rectangle((cx - rad, cy + rad * 0.5, cx + rad, cy + rad * 2.2), fill=darker(stone, 0.4))
            self.poly([(x - 0.05, 0.22), (x - 0.02, 0.18), (x + 0.01, 0.24)], darker(stone, 0.1))  # its broken top
        else:
            x0 = x - 0.14
            for k in range(5):  # broken battlements, each a different height
                h = 0.14 + 0.08 * ((k * 7) % 3) / 2
                self.rect((x0 + k * 0.056, 0.78 - h, x0 + (k + 1) * 0.056, 0.78), stone, outline=False)
                self.draw.line((*self.px(x0 + k * 0.056, 0.78 - h), *self.px(x0 + k * 0.056, 0.78)),
                               fill=darker(stone, 0.2), width=max(2, self.w // 400))  # fmt: skip

    def _wreck(self) -> None:
        """A sunken ship heeled over on the bottom, its mast broken, across from the landmark side."""
        wood = mix(self.lit((120, 80, 50)), self.lit(_WATER[1]), 0.3)
        x = 0.8 if self.side < 0.5 else 0.2
        self.poly([(x - 0.2, 0.7), (x + 0.18, 0.66), (x + 0.14, 0.8), (x - 0.16, 0.82)], wood)
        self.draw.line([self.px(x - 0.2, 0.7), self.px(x + 0.18, 0.66)], fill=INK, width=max(3, self.w // 300))
        for k in range(1, 4):  # planking
            t = k / 4
            a, b = self.px(x - 0.2 + 0.04 * t, 0.7 + 0.12 * t), self.px(x + 0.18 - 0.04 * t, 0.66 + 0.14 * t)
            self.draw.line((*a, *b), fill=darker(wood, 0.35), width=max(2, self.w // 400))
        self.draw.line((*self.px(x - 0.02, 0.69), *self.px(x + 0.08, 0.36)), fill=darker(wood, 0.2),
                       width=max(6, self.w // 120))  # fmt: skip
        self.draw.line((*self.px(x + 0.02, 0.56), *self.px(x + 0.14, 0.6)), fill=darker(wood, 0.2),
                       width=max(4, self.w // 200))  # fmt: skip

    def _submarine(self) -> None:
        """A yellow submarine cruising in the middle distance, its portholes lit."""
        hull = mix(self.lit((236, 196, 60)), self.lit(_WATER[1]), 0.2)
        cx, cy, length = self.side * self.w, 0.3 * self.h, 0.16 * self.w
        self.draw.ellipse((cx - length, cy - length * 0.28, cx + length, cy + length * 0.28), fill=hull,
                          outline=INK, width=max(2, self.w // 400))  # fmt: skip
        self.draw.rectangle((cx - length * 0.2, cy - length * 0.5, cx + length * 0.15, cy - length * 0.2),
                            fill=hull, outline=INK, width=max(2, self.w // 400))  # fmt: skip
        for k in range(3):
            px = cx - length * 0.5 + k * length * 0.45
            self.dot(px / self.w, cy / self.h, 0.008, (250, 240, 170))

    def _kelp(self, x: float, height: float, leaf: RGB) -> None:
        """A strand of kelp from the bottom, waving, its fronds alternating."""
        pts = [(x + 0.015 * math.sin(k * 1.3 + x * 9), 0.8 - height * k / 10) for k in range(11)]
        self.draw.line([self.px(px, py) for px, py in pts], fill=leaf, width=max(4, self.w // 150), joint="curve")
        for k, (px, py) in enumerate(pts[2:], 2):
            side = 1 if k % 2 else -1
            fx = px + side * 0.012
            box = ((fx - 0.012) * self.w, (py - 0.01) * self.h, (fx + 0.012) * self.w, (py + 0.01) * self.h)
            self.draw.ellipse(box, fill=lighter(leaf, 0.1))

    def _coral(self, x: float, base: float, colour: RGB) -> None:
        """A branching coral: a stem forking twice."""
        width = max(4, self.w // 160)
        stems = [((x, base), -math.pi / 2, 0.07)]
        for _ in range(3):
            grown = []
            for (sx, sy), angle, length in stems:
                ex, ey = sx + math.cos(angle) * length * self.h / self.w, sy + math.sin(angle) * length
                self.draw.line((*self.px(sx, sy), *self.px(ex, ey)), fill=colour, width=width)
                grown += [((ex, ey), angle - 0.5, length * 0.7), ((ex, ey), angle + 0.5, length * 0.7)]
            stems = grown
        for (sx, sy), _, _ in stems:
            self.dot(sx, sy, 0.005, lighter(colour, 0.2), outline=False)

    def _fish(self, water: RGB) -> None:
        """A small shoal, all heading one way, and one bigger fish."""
        r = self.r
        heading = 1 if r.random() < 0.5 else -1
        cx, cy = r.uniform(0.25, 0.75), r.uniform(0.15, 0.4)
        colour = mix(self.lit((250, 170, 60)), water, 0.25)
        for k in range(9):
            x, y = cx + r.uniform(-0.1, 0.1), cy + r.uniform(-0.06, 0.06)
            size = r.uniform(0.008, 0.014) * (2.2 if k == 0 else 1)
            fx, fy = x * self.w, y * self.h
            body = size * self.w
            self.draw.ellipse((fx - body, fy - body * 0.5, fx + body, fy + body * 0.5), fill=colour)
            self.draw.polygon([(fx - heading * body * 0.8, fy), (fx - heading * body * 1.6, fy - body * 0.6),
                               (fx - heading * body * 1.6, fy + body * 0.6)], fill=colour)  # fmt: skip
            self.dot(x + heading * size * 0.5, y - 0.003, size * 0.15, INK, outline=False)
