"""The jungle: a wall of green in layers under a glimpse of sky, tall trunks with broad leaves, vines hanging from
the canopy, ferns and big leaves at the front on either side of the cast."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import RGB, darker, lighter, mix
from providers.offline.drawing.landscapes import Landscapes


class Jungles(Landscapes):
    """Dense tropical green, in fractions of the canvas size."""

    def _jungle(self) -> None:
        r = self.r
        self.horizon = 0.7 * self.h
        deep = self.lit((30, 80, 50))
        self.gradient((0, 0.3 * self.h, self.w, self.h), [deep, darker(deep, 0.35)])
        for k, (y, colour) in enumerate(((0.32, (46, 110, 60)), (0.46, (38, 96, 52)))):  # the canopy's layers
            pts = [(i / 14, y + 0.05 * math.sin(i * 1.4 + k + r.random())) for i in range(15)]
            self.poly([(0, 0.72), *pts, (1, 0.72)], self.lit(colour))
        for k in range(7):  # trunks rising into the canopy
            x = (k + r.uniform(0.2, 0.8)) / 7
            width = r.uniform(0.012, 0.03)
            self.rect((x - width, 0.0, x + width, 0.74), self.lit((90, 70, 50)), outline=False)
            self.rect((x - width, 0.0, x - width * 0.3, 0.74), self.lit((70, 54, 40)), outline=False)
        for row, (y, tone) in enumerate(((0.0, (34, 90, 46)), (0.13, (40, 104, 52)))):  # the canopy overhead
            for k in range(12 - 3 * row):  # big leaf masses, the sky glimpsed between the lower ones
                x = (k + 0.5 * row + r.uniform(-0.2, 0.2)) / (11 - 3 * row)
                rad = r.uniform(0.06, 0.1) * self.w
                cy = y * self.h
                self.draw.ellipse((x * self.w - rad, cy - rad * 0.6, x * self.w + rad, cy + rad * 0.7),
                                  fill=self.lit(tone))  # fmt: skip
        vine = self.lit((60, 130, 60))
        for k in range(9):  # vines hanging, looping
            x = (k + r.uniform(0.1, 0.9)) / 9
            length = r.uniform(0.2, 0.5)
            pts = [(x + 0.01 * math.sin(t * 6), t * length) for t in (j / 8 for j in range(9))]
            self.draw.line([self.px(px, py) for px, py in pts], fill=vine, width=max(3, self.w // 300))
            for px, py in pts[2::2]:
                self.dot(px + 0.008, py, 0.006, lighter(vine, 0.2), outline=False)
        for k in range(10):  # broad leaves drooping from the canopy's edge
            x = (k + r.uniform(0.0, 1.0)) / 10
            self._leaf_fan(
                x, 0.18 + r.uniform(0, 0.06), mix(self.lit((70, 160, 70)), deep, r.uniform(0, 0.3)), hang=True
            )
        self.gradient((0, 0.72 * self.h, self.w, self.h), [self.lit((70, 100, 50)), self.lit((50, 76, 40))])
        for x in (0.04, 0.14, 0.86, 0.96):  # big leaves and ferns at the front, clear of the middle
            self._leaf_fan(x + r.uniform(-0.02, 0.02), 0.98, mix(self.lit((60, 150, 70)), deep, r.uniform(0, 0.3)))
        for x in (0.1, 0.9):  # tropical flowers among them, red and yellow
            for _ in range(3):
                fx, fy = x + r.uniform(-0.05, 0.05), r.uniform(0.8, 0.9)
                self.poly([(fx, fy), (fx + 0.02, fy - 0.03), (fx + 0.01, fy + 0.005)], self.lit((230, 60, 50)))
                self.dot(fx + 0.02, fy - 0.03, 0.005, self.lit((250, 210, 60)), outline=False)

    def _leaf_fan(self, x: float, base: float, leaf: RGB, hang: bool = False) -> None:
        """A fan of broad leaves from the ground (or drooping from above, `hang`), each a long pointed oval along
        its rib."""
        for k in range(3 if hang else 5):
            angle = math.pi * (0.6 + 0.2 * k) + math.pi / 2
            if hang:  # fanning downward instead
                angle = math.pi * (0.3 + 0.2 * k)
            length = 0.14 + 0.03 * (k % 2)
            tip = (x + math.cos(angle) * length * 0.75, base + math.sin(angle) * length)
            mid = ((x + tip[0]) / 2, (base + tip[1]) / 2)
            side = (tip[1] - base, -(tip[0] - x))  # across the rib
            half = 0.18
            self.poly([(x, base), (mid[0] + side[0] * half, mid[1] + side[1] * half), tip,
                       (mid[0] - side[0] * half, mid[1] - side[1] * half)], leaf)  # fmt: skip
            self.draw.line((*self.px(x, base), *self.px(*tip)), fill=darker(leaf, 0.3), width=max(2, self.w // 400))
