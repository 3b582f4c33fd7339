"""Rooms for care and for shows: a hospital ward (pale green walls, beds with white sheets under a curtain rail, a
drip stand, a red cross) and a circus's big top (striped canvas sloping to the king pole, bunting, a sawdust ring
with its red kerb, spotlights, and the tent's open flap on the weather outside)."""

from __future__ import annotations

from PIL import Image

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.rooms import Rooms
from providers.offline.drawing.tables import SKIES

_BUNTING: tuple[RGB, ...] = ((220, 50, 50), (250, 200, 50), (40, 120, 200), (250, 250, 250))


class Wards(Rooms):
    """A ward and a circus tent, on the back wall (horizon 0.72), in fractions of the canvas."""

    def _ward(self) -> None:
        wall = self.lit((196, 222, 204))
        self.rect((0, 0.4, 1, 0.72), darker(wall, 0.05), outline=False)  # the washable dado
        self.rect((0, 0.39, 1, 0.405), darker(wall, 0.2), outline=False)
        cross = (0.5, 0.2)
        self.rect((cross[0] - 0.05, cross[1] - 0.07, cross[0] + 0.05, cross[1] + 0.07), self.lit((250, 250, 250)))
        self.rect((cross[0] - 0.012, cross[1] - 0.05, cross[0] + 0.012, cross[1] + 0.05), (210, 40, 40), outline=False)
        self.rect((cross[0] - 0.035, cross[1] - 0.016, cross[0] + 0.035, cross[1] + 0.016), (210, 40, 40),
                  outline=False)  # fmt: skip
        rail = self.lit((170, 176, 186))
        self.draw.line((0.6 * self.w, 0.1 * self.h, self.w, 0.1 * self.h), fill=rail, width=max(3, self.w // 300))
        for k in range(4):  # the curtain's folds hanging from its rail
            x = 0.92 + k * 0.025
            self.rect((x, 0.1, x + 0.025, 0.62), self.lit((150, 190, 200) if k % 2 else (170, 206, 214)), outline=False)
        for x in (0.6, 0.78):
            self._bed(x)
        self._drip(0.56)

    def _bed(self, x: float) -> None:
        """A hospital bed end-on to the wall: its steel head, a pillow, a white sheet over the mattress."""
        steel, sheet = self.lit((150, 156, 166)), self.lit((246, 246, 242))
        self.rect((x, 0.48, x + 0.01, 0.72), steel, outline=False)
        self.rect((x + 0.13, 0.56, x + 0.14, 0.72), steel, outline=False)
        self.rect((x, 0.48, x + 0.14, 0.5), steel)
        self.rect((x, 0.58, x + 0.14, 0.64), sheet)
        self.rect((x + 0.01, 0.54, x + 0.06, 0.58), lighter(sheet, 0.5))  # the pillow
        self.rect((x + 0.05, 0.6, x + 0.14, 0.64), self.lit((170, 200, 230)), outline=False)  # a blanket

    def _drip(self, x: float) -> None:
        steel = self.lit((170, 176, 186))
        self.draw.line((*self.px(x, 0.3), *self.px(x, 0.72)), fill=steel, width=max(3, self.w // 300))
        self.draw.line((*self.px(x - 0.02, 0.3), *self.px(x + 0.02, 0.3)), fill=steel, width=max(3, self.w // 300))
        self.rect((x - 0.028, 0.31, x - 0.008, 0.37), self.lit((210, 230, 240)))  # the bag
        self.draw.line((*self.px(x - 0.018, 0.37), *self.px(x + 0.03, 0.56)), fill=INK, width=max(1, self.w // 600))

    def _big_top(self) -> None:
        """The big top from inside, the cast in its ring."""
        self.horizon = 0.72 * self.h
        red, cream = self.lit((190, 40, 50)), self.lit((240, 226, 196))
        self.gradient((0, 0, self.w, self.horizon), [darker(cream, 0.4), cream])
        for k in range(12):  # canvas stripes sloping from the king pole down to the walls
            if k % 2:
                continue
            self.poly([(0.5 + (k - 6) * 0.01, 0.0), (0.5 + (k - 5) * 0.01, 0.0), ((k + 1) / 12 * 1.4 - 0.2, 0.72),
                       (k / 12 * 1.4 - 0.2, 0.72)], red)  # fmt: skip
        self._flap((0.42, 0.42, 0.58, 0.72))
        self.rect((0.495, 0.0, 0.505, 0.72), self.lit((130, 90, 56)))  # the king pole
        for y in (0.16, 0.26):  # bunting strung from the pole
            for side in (-1, 1):
                for k in range(8):
                    x = 0.5 + side * (k + 0.5) * 0.06
                    sag = y + 0.02 * (k % 4)
                    self.poly([(x - 0.02, sag), (x + 0.02, sag), (x, sag + 0.04)], self.lit(_BUNTING[k % 4]))
        for x in (0.15, 0.85):  # spotlights, their light on the ring
            self.glow(self.px(x, 0.08), 0.08 * self.w, (255, 246, 200), 160)
            self.dot(x, 0.08, 0.015, (255, 250, 220))

    def _sawdust(self) -> None:
        """The ring's sawdust underfoot and its red kerb curving round the cast."""
        sawdust = self.lit((214, 176, 120))
        self.gradient((0, 0.72 * self.h, self.w, self.h), [darker(sawdust, 0.1), sawdust])
        box = (-0.1 * self.w, 0.76 * self.h, 1.1 * self.w, 1.3 * self.h)
        self.draw.ellipse(box, outline=self.lit((190, 40, 50)), width=max(10, self.w // 60))

    def _flap(self, box: tuple[float, float, float, float]) -> None:
        """The tent's open flap at the back: the sky of the hour outside, and its weather."""
        x0, y0, x1, y1 = (round(v * s) for v, s in zip(box, (self.w, self.h, self.w, self.h), strict=True))
        strip = Image.new("RGB", (1, 3))
        strip.putdata(list(SKIES[self.scene.time]))
        self.image.paste(strip.resize((x1 - x0, y1 - y0), Image.Resampling.BILINEAR), (x0, y0))
        self.pane_weather((x0, y0, x1, y1))
        canvas = self.lit((240, 226, 196))
        for side in (0, 1):  # the flaps tied back, a triangle each
            a, b = (box[0], box[0] + 0.05) if side == 0 else (box[2], box[2] - 0.05)
            self.poly([(a, box[1]), (a, box[3]), (b, box[3])], darker(canvas, 0.15))
