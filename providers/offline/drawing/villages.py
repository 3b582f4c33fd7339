"""A village (not a city of lit towers): cottages with pitched roofs, tiled or thatched, and smoking chimneys along a
lane or round a green, trees between them, a church spire (a well, where the text names one) on one side, on soft
grass and earth; a fishing village has the sea behind its roofs, its boats drawn up on the water."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import INK, RGB, darker, lighter, mix
from providers.offline.drawing.landscapes import Landscapes
from providers.offline.drawing.pen import has_any

_WALLS: tuple[RGB, ...] = ((240, 230, 206), (226, 208, 176), (214, 196, 170), (236, 222, 214), (200, 190, 178))
_TILES: tuple[RGB, ...] = ((168, 76, 56), (140, 70, 54), (110, 96, 100))
_THATCH: RGB = (206, 170, 96)
_LANE: RGB = (188, 150, 104)
_GRASS: tuple[RGB, RGB] = ((128, 178, 92), (96, 150, 70))


class Villages(Landscapes):
    """The village scene, in fractions of the canvas size."""

    def _village(self) -> None:
        s, r = self.scene, self.r
        snowy = s.weather == "snow"
        self.horizon = 0.62 * self.h
        if "harbour" in s.features or "shore" in s.features:  # a fishing village: the sea behind its roofs
            sea = self.lit((70, 140, 190))
            self.gradient((0, 0.5 * self.h, self.w, 0.6 * self.h), [lighter(sea, 0.15), sea])
            for k in range(3):
                self._dinghy(0.12 + 0.34 * k + r.uniform(-0.04, 0.04), 0.545 + 0.012 * k)
        else:
            self._sky_hills(self.lit((214, 222, 236) if snowy else (110, 150, 110)), 0.5, 0.05)
        near, far = ((236, 240, 248), (214, 222, 236)) if snowy else _GRASS
        self.gradient((0, 0.6 * self.h, self.w, self.h), [self.lit(far), self.lit(near)])
        if has_any(s.seed, ("well",)):
            self._well(self.side, 0.74)
        else:
            self._church(self.side, 0.625)
        # The back row of cottages along the lane, smaller further off, trees between them.
        x = -0.03
        while x < 1.0:
            w = r.uniform(0.09, 0.13)
            if abs(x + w / 2 - self.side) > 0.1:
                self._cottage(x, 0.625, w, r.uniform(0.06, 0.085), r.random() < 0.5, snowy)
            x += w + r.uniform(0.01, 0.05)
            if r.random() < 0.5 and abs(x - self.side) > 0.08:
                self._tree(x, 0.63, 0.55, 0)
                x += 0.04
        near_x = -0.06 if self.side > 0.5 else 0.86  # a nearer cottage at the frame's edge across from the church
        self._cottage(near_x, 0.76, 0.2, 0.13, r.random() < 0.5, snowy)
        if "village-green" in s.features:  # grass, daisies on it
            for _ in range(0 if snowy else 36):
                self.dot(r.random(), r.uniform(0.8, 0.98), 0.004, self.lit(r.choice(((255, 255, 255), (250, 230, 90)))),
                         outline=False)  # fmt: skip
        else:  # an earthen lane from the back of the village to our feet
            lane = self.lit((236, 240, 248) if snowy else _LANE)
            edge = [
                (0.47 - 0.33 * t**1.6 + 0.02 * math.sin(t * 5), 0.64 + 0.36 * t) for t in (i / 10 for i in range(11))
            ]
            right = [(x + 0.06 + 0.66 * ((y - 0.64) / 0.36) ** 1.6, y) for x, y in edge]
            self.poly([*edge, *reversed(right)], lane)
            for _ in range(14):  # ruts and stones
                t = r.uniform(0.2, 1.0)
                x0, y = 0.5 + r.uniform(-0.25, 0.25) * t, 0.64 + 0.36 * t
                self.dot(x0, y, 0.004 + 0.004 * t, darker(lane, 0.2), outline=False)

    def _cottage(self, x: float, base: float, w: float, h: float, thatch: bool, snowy: bool) -> None:
        """A cottage: walls, a door and windows (lit after dark), a pitched roof of tiles or thatch, a chimney."""
        r = self.r
        wall = self.lit(r.choice(_WALLS))
        line = max(2, self.w // 400)
        self.rect((x, base - h, x + w, base), wall)
        roof = self.lit(_THATCH if thatch else r.choice(_TILES))
        rise = h * (0.9 if thatch else 0.75)
        cx = x + w * r.uniform(0.65, 0.8)  # the chimney, toward one end of the ridge
        self.rect(
            (cx - w * 0.05, base - h - rise * 1.05, cx + w * 0.05, base - h - rise * 0.3), self.lit((150, 90, 70))
        )
        pts = [(x - w * 0.06, base - h), (x + w * 0.18, base - h - rise), (x + w * 0.82, base - h - rise),
               (x + w * 1.06, base - h)]  # fmt: skip
        self.draw.polygon([self.px(px, py) for px, py in pts], fill=roof, outline=INK, width=line)
        shade = darker(roof, 0.2)
        for k in range(1, 4):  # courses of tiles, or the thatch's combed straw
            y = base - h - rise * k / 4
            inset = w * 0.18 * k / 4
            if thatch:
                for j in range(6):
                    sx = x + j * w / 5
                    self.draw.line((*self.px(sx, y), *self.px(sx + w * 0.04, y + rise / 4)), fill=shade, width=line)
            else:
                self.draw.line((*self.px(x - w * 0.06 + inset, y), *self.px(x + w * 1.06 - inset, y)), fill=shade,
                               width=line)  # fmt: skip
        if snowy:
            self.poly([pts[1], pts[2], (pts[2][0] + w * 0.05, pts[2][1] + rise * 0.3),
                       (pts[1][0] - w * 0.05, pts[1][1] + rise * 0.3)], self.lit((246, 248, 252)))  # fmt: skip
        if not snowy and self.scene.weather not in ("rain", "storm"):  # smoke curling up from the chimney
            for k in range(3):
                self.dot(cx + 0.006 * k, base - h - rise * 1.15 - 0.03 * k, 0.006 + 0.003 * k,
                         self.lit(mix((200, 200, 204), (255, 255, 255), 0.3 * k)), outline=False)  # fmt: skip
        door = self.lit((110, 70, 46))
        dx = x + w * (0.15 if r.random() < 0.5 else 0.62)
        self.rect((dx, base - h * 0.62, dx + w * 0.22, base), door)
        lamp = (255, 210, 120) if self.scene.time in ("night", "sunset") else self.lit((70, 90, 110))
        wx = x + w * (0.55 if dx < x + w / 2 else 0.12)
        self.rect((wx, base - h * 0.72, wx + w * 0.26, base - h * 0.34), lamp)
        mx, my = self.px(wx + w * 0.13, base - h * 0.53)
        self.draw.line((mx, (base - h * 0.72) * self.h, mx, (base - h * 0.34) * self.h), fill=INK, width=line)
        self.draw.line(((wx * self.w), my, (wx + w * 0.26) * self.w, my), fill=INK, width=line)

    def _church(self, x: float, base: float) -> None:
        """A small stone church on one side: its nave, a square tower and a tall slate spire with a cross."""
        stone, slate = self.lit((176, 170, 160)), self.lit((90, 96, 112))
        line = max(2, self.w // 400)
        self.rect((x - 0.07, base - 0.09, x + 0.05, base), stone)
        self.draw.polygon([self.px(*p) for p in ((x - 0.075, base - 0.09), (x - 0.01, base - 0.14), (x + 0.055,
                          base - 0.09))], fill=slate, outline=INK, width=line)  # fmt: skip
        self.rect((x + 0.02, base - 0.2, x + 0.07, base), darker(stone, 0.08))
        self.draw.polygon([self.px(*p) for p in ((x + 0.015, base - 0.2), (x + 0.045, base - 0.36), (x + 0.075,
                          base - 0.2))], fill=slate, outline=INK, width=line)  # fmt: skip
        self.draw.line((*self.px(x + 0.045, base - 0.36), *self.px(x + 0.045, base - 0.39)), fill=INK, width=line)
        self.draw.line((*self.px(x + 0.038, base - 0.378), *self.px(x + 0.052, base - 0.378)), fill=INK, width=line)
        self.draw.chord((*self.px(x + 0.032, base - 0.17), *self.px(x + 0.058, base - 0.12)), 180, 360,
                        fill=(40, 36, 40))  # fmt: skip
        self.rect((x + 0.032, base - 0.145, x + 0.058, base - 0.125), (40, 36, 40), outline=False)
        lamp = (255, 210, 120) if self.scene.time in ("night", "sunset") else darker(stone, 0.45)
        for k in range(3):  # the nave's arched windows
            self.draw.chord((*self.px(x - 0.06 + k * 0.03, base - 0.07), *self.px(x - 0.045 + k * 0.03, base - 0.02)),
                            180, 360, fill=lamp)  # fmt: skip
            self.rect((x - 0.06 + k * 0.03, base - 0.045, x - 0.045 + k * 0.03, base - 0.025), lamp, outline=False)

    def _well(self, x: float, base: float) -> None:
        """The village well: a round stone wall, two posts and a little roof over the winding bar and bucket."""
        stone, wood = self.lit((160, 154, 146)), self.lit((120, 80, 50))
        line = max(2, self.w // 400)
        self.rect((x - 0.05, base - 0.06, x + 0.05, base), stone)
        for k in range(1, 3):
            self.draw.line((*self.px(x - 0.05, base - 0.02 * k), *self.px(x + 0.05, base - 0.02 * k)),
                           fill=darker(stone, 0.25), width=line)  # fmt: skip
        for px in (x - 0.042, x + 0.032):
            self.rect((px, base - 0.17, px + 0.01, base - 0.06), wood)
        self.draw.polygon([self.px(*p) for p in ((x - 0.065, base - 0.16), (x, base - 0.22), (x + 0.065, base - 0.16))],
                          fill=self.lit(_TILES[0]), outline=INK, width=line)  # fmt: skip
        self.draw.line((*self.px(x - 0.04, base - 0.13), *self.px(x + 0.04, base - 0.13)), fill=INK, width=line)
        self.rect((x - 0.008, base - 0.115, x + 0.008, base - 0.09), wood)

    def _dinghy(self, x: float, y: float) -> None:
        """A small boat moored on the water behind a fishing village's roofs."""
        hull = self.lit(self.r.choice(((170, 60, 50), (60, 90, 140), (60, 120, 90))))
        self.poly([(x - 0.035, y), (x + 0.035, y), (x + 0.025, y + 0.015), (x - 0.025, y + 0.015)], hull)
        self.draw.line((*self.px(x, y), *self.px(x, y - 0.05)), fill=INK, width=max(2, self.w // 500))
