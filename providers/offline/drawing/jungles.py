"""The jungle, drawn unlike the forest: layer on layer of green fading into mist, a brown river winding out of it,
palms and buttressed giants, a dark canopy overhead with lianas hanging from it, a macaw on a branch, and at the
front huge split leaves, banana leaves and red and yellow flowers on either side of the cast."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import INK, RGB, darker, lighter, mix
from providers.offline.drawing.landscapes import Landscapes

_MIST = (226, 236, 226)


class Jungles(Landscapes):
    """Dense tropical green, in fractions of the canvas size."""

    def _jungle(self) -> None:
        r = self.r
        self.horizon = 0.7 * self.h
        haze = self.lit(mix((120, 170, 120), _MIST, 0.45))
        self.gradient((0, 0.16 * self.h, self.w, 0.72 * self.h), [self.lit((70, 120, 80)), haze])
        for k, (y, tone, fade) in enumerate(((0.38, (90, 150, 100), 0.55), (0.48, (60, 130, 70), 0.3))):
            colour = self.lit(mix(tone, _MIST, fade))  # the far hills of trees, paler the farther
            bumps = [(i / 16, y + 0.05 * math.sin(i * 1.3 + k * 2) ** 2 + r.uniform(-0.01, 0.01)) for i in range(17)]
            self.poly([(0, 0.74), *bumps, (1, 0.74)], colour)
            for i in range(0, 16, 2):  # round crowns on the ridge line
                x, cy = bumps[i]
                self.dot(x, cy + 0.01, r.uniform(0.03, 0.05), colour, outline=False)
        self._mist(0.36, 0.66)
        spot = self.scene.setting
        if spot == "jungle-temple":
            self._temple(0.5 + (0.12 if self.side < 0.5 else -0.12))
        for x in (0.3, 0.62, 0.8) if self.side > 0.5 else (0.2, 0.38, 0.7):
            if spot != "jungle-temple" or abs(x - 0.5) > 0.25:
                self._palm(x + r.uniform(-0.03, 0.03), 0.66, r.uniform(0.8, 1.0))
        if spot == "jungle-river":
            self._landing()
        else:
            self._jungle_river()
        for x in (0.05, 0.95):  # giant trunks with buttress roots at the frame's edges
            self._giant(x + r.uniform(-0.02, 0.02))
        self._canopy()
        for x in (0.02, 0.16, 0.84, 0.98):  # the undergrowth at the front, clear of the middle
            self._leaf_fan(x + r.uniform(-0.02, 0.02), 1.0, mix(self.lit((50, 140, 60)), self.lit((20, 70, 40)), 0.3))
        for x, flip in ((0.1, 1), (0.9, -1)):
            self._monstera(x, 0.9, 0.09, flip)
        for x in (0.2, 0.8):  # heliconia: red and yellow claws on a stem
            self._heliconia(x + r.uniform(-0.02, 0.02), 0.86)
        for x in (0.04, 0.26, 0.74, 0.96):
            self._hibiscus(x + r.uniform(-0.02, 0.02), r.uniform(0.76, 0.84))
        self._macaw(0.78 if self.side < 0.5 else 0.22, 0.3)

    def _mist(self, top: float, bottom: float) -> None:
        layer, draw = self.overlay(bottom * self.h + 2)
        for k in range(10):  # thickening toward the ground
            y0 = top + (bottom - top) * k / 10
            draw.rectangle((0, y0 * self.h, self.w, bottom * self.h), fill=(*_MIST, 11))
        self.commit(layer)

    def _jungle_river(self) -> None:
        """A broad brown-green river out of the mist, widening toward us on one side of the cast."""
        water, bank = self.lit((70, 128, 118)), self.lit((70, 100, 50))
        self.gradient((0, 0.66 * self.h, self.w, self.h), [self.lit((70, 110, 56)), darker(bank, 0.2)])
        toward = 0.15 if self.side > 0.5 else 0.85
        pts_l, pts_r = [], []
        for i in range(11):
            t = i / 10
            cx = 0.55 + (toward - 0.55) * t**1.4 + 0.03 * math.sin(t * 6)
            half = 0.02 + 0.2 * t**1.5
            y = 0.66 + 0.34 * t
            pts_l.append((cx - half, y))
            pts_r.append((cx + half, y))
        self.poly([*pts_l, *reversed(pts_r)], water)
        for pts, side in ((pts_l, -1), (pts_r, 1)):  # reeds and bushes along its banks
            for x, y in pts[1::2]:
                self.dot(x + side * 0.015, y - 0.005, 0.012 + 0.02 * (y - 0.66), self.lit((50, 110, 56)), outline=False)
        for (x0, y), (x1, _) in list(zip(pts_l, pts_r, strict=True))[2::2]:  # ripples on the slow water
            mid, span = (x0 + x1) / 2, (x1 - x0) * 0.25
            self.draw.line(
                (*self.px(mid - span, y), *self.px(mid + span, y)),
                fill=lighter(water, 0.3),
                width=max(2, self.w // 500),
            )

    def _landing(self) -> None:
        """A river landing: the broad brown river across the frame, a dugout canoe moored, the jetty's planks
        underfoot."""
        water = self.lit((84, 124, 104))
        self.gradient((0, 0.64 * self.h, self.w, 0.86 * self.h), [lighter(water, 0.15), water])
        for k in range(7):  # the slow current's ripples
            y = 0.68 + k * 0.025
            x0 = (k * 0.37) % 0.8
            self.draw.line(
                (*self.px(x0, y), *self.px(x0 + 0.15, y)), fill=lighter(water, 0.35), width=max(2, self.w // 500)
            )
        cx = 0.2 if self.side > 0.5 else 0.8  # the dugout canoe
        wood = self.lit((110, 70, 40))
        self.draw.chord(
            (*self.px(cx - 0.14, 0.74), *self.px(cx + 0.14, 0.82)),
            0,
            180,
            fill=wood,
            outline=INK,
            width=max(2, self.w // 400),
        )
        self.draw.line(
            (*self.px(cx - 0.05, 0.72), *self.px(cx + 0.09, 0.8)), fill=darker(wood, 0.3), width=max(3, self.w // 300)
        )
        plank = self.lit((150, 110, 70))
        self.gradient((0, 0.86 * self.h, self.w, self.h), [plank, darker(plank, 0.25)])
        for k in range(1, 5):
            y = 0.86 + k * 0.035
            self.draw.line((0, y * self.h, self.w, y * self.h), fill=darker(plank, 0.35), width=max(2, self.w // 500))
        for x in (0.04, 0.3, 0.7, 0.96):  # the jetty's posts
            self.rect((x - 0.01, 0.8, x + 0.01, 0.88), darker(plank, 0.3))

    def _temple(self, x: float) -> None:
        """A ruined stepped temple rising out of the trees, vines over its stones, a dark doorway at the top."""
        stone = self.lit((140, 140, 120))
        for k in range(5):  # its steps, each narrower than the last
            half, y0 = 0.2 - k * 0.035, 0.66 - k * 0.07
            self.rect((x - half, y0 - 0.07, x + half, y0), stone if k % 2 else darker(stone, 0.1))
            for j in range(int(half * 40)):
                jx = x - half + j / 20
                self.draw.line((*self.px(jx, y0 - 0.07), *self.px(jx, y0)), fill=darker(stone, 0.25), width=2)
        self.rect((x - 0.04, 0.24, x + 0.04, 0.31), self.lit((30, 26, 24)))  # the doorway
        vine = self.lit((60, 120, 50))
        for dx in (-0.15, -0.06, 0.08, 0.16):
            pts = [(x + dx + 0.01 * math.sin(t * 5), 0.3 + t * 0.35) for t in (k / 8 for k in range(9))]
            self.draw.line([self.px(px, py) for px, py in pts], fill=vine, width=max(3, self.w // 300))

    def _palm(self, x: float, base: float, scale: float) -> None:
        trunk = self.lit((110, 90, 62))
        top = (x + 0.03 * scale, base - 0.3 * scale)
        pts = [(x + 0.03 * scale * (t**2), base - 0.3 * scale * t) for t in (k / 6 for k in range(7))]
        self.draw.line([self.px(px, py) for px, py in pts], fill=trunk, width=max(3, round(0.008 * self.w * scale)))
        frond = self.lit((40, 120, 60))
        for k in range(7):  # fronds drooping from the crown
            a = math.pi * (1.05 + k * 0.15)
            tip = (top[0] + math.cos(a) * 0.1 * scale, top[1] + math.sin(a) * 0.05 * scale + 0.05 * scale)
            mid = ((top[0] + tip[0]) / 2, min(top[1], tip[1]) - 0.02 * scale)
            self.poly([top, (mid[0], mid[1] - 0.012), tip, (mid[0], mid[1] + 0.012)], frond)

    def _giant(self, x: float) -> None:
        bark = self.lit((96, 74, 52))
        self.poly(
            [(x - 0.04, 0.0), (x + 0.04, 0.0), (x + 0.05, 0.7), (x + 0.11, 0.8), (x - 0.11, 0.8), (x - 0.05, 0.7)], bark
        )
        for dx in (-0.02, 0.0, 0.02):  # its bark's long grooves
            self.draw.line(
                (*self.px(x + dx, 0.0), *self.px(x + dx * 1.6, 0.78)),
                fill=darker(bark, 0.3),
                width=max(2, self.w // 400),
            )
        vine = self.lit((60, 120, 50))
        pts = [(x - 0.04 + 0.08 * (0.5 + 0.5 * math.sin(t * 4)), t) for t in (k / 12 * 0.7 for k in range(13))]
        self.draw.line([self.px(px, py) for px, py in pts], fill=vine, width=max(3, self.w // 300))

    def _canopy(self) -> None:
        """The dark canopy overhead, broad leaves drooping from it and lianas hanging in loops."""
        r = self.r
        deep = self.lit((24, 70, 40))
        for row, (y, tone) in enumerate(((0.0, deep), (0.1, self.lit((36, 96, 50))))):
            for k in range(13 - 3 * row):
                x = (k + 0.5 * row + r.uniform(-0.2, 0.2)) / (12 - 3 * row)
                rad = r.uniform(0.07, 0.11) * self.w
                cy = y * self.h
                self.draw.ellipse((x * self.w - rad, cy - rad * 0.6, x * self.w + rad, cy + rad * 0.6), fill=tone)
        vine = self.lit((70, 130, 60))
        for k in range(7):  # lianas hanging in loops between the branches
            x0 = (k + r.uniform(0.1, 0.9)) / 7
            x1, sag = x0 + r.uniform(0.08, 0.18), r.uniform(0.12, 0.3)
            pts = [(x0 + (x1 - x0) * t, 0.1 + sag * math.sin(math.pi * t)) for t in (j / 10 for j in range(11))]
            self.draw.line([self.px(px, py) for px, py in pts], fill=vine, width=max(3, self.w // 300))
            for px, py in pts[1::2]:
                self.poly([(px, py), (px + 0.012, py + 0.01), (px + 0.004, py + 0.025)], lighter(vine, 0.15))
        for k in range(9):  # broad leaves drooping from the canopy's edge
            x = (k + r.uniform(0.0, 1.0)) / 9
            self._leaf_fan(
                x, 0.14 + r.uniform(0, 0.05), mix(self.lit((70, 160, 70)), deep, r.uniform(0, 0.3)), hang=True
            )

    def _monstera(self, x: float, y: float, size: float, flip: int) -> None:
        """A huge split leaf on its stalk, slits cut to its midrib."""
        leaf = self.lit((40, 130, 60))
        self.draw.line(
            (*self.px(x, 1.0), *self.px(x + flip * size * 0.3, y)), fill=darker(leaf, 0.2), width=max(3, self.w // 300)
        )
        cx, cy = x + flip * size * 0.4, y - size * 1.1
        rx, ry = size * 0.8, size * 1.25 * self.w / self.h
        self.draw.ellipse(
            (*self.px(cx - rx, cy - ry), *self.px(cx + rx, cy + ry)),
            fill=leaf,
            outline=INK,
            width=max(2, self.w // 500),
        )
        gap = darker(leaf, 0.45)
        for k in range(7):  # the slits, dark against the undergrowth behind
            a = math.pi * (-0.4 + 0.3 * k)
            ex, ey = cx + math.cos(a) * rx * 1.02, cy + math.sin(a) * ry * 1.02
            mx, my = cx + math.cos(a) * rx * 0.35, cy + math.sin(a) * ry * 0.35
            self.draw.line((*self.px(mx, my), *self.px(ex, ey)), fill=gap, width=max(3, self.w // 200))
        self.draw.line(
            (*self.px(cx, cy - ry * 0.9), *self.px(cx, cy + ry * 0.9)),
            fill=lighter(leaf, 0.3),
            width=max(2, self.w // 500),
        )

    def _heliconia(self, x: float, base: float) -> None:
        stem = self.lit((50, 110, 50))
        self.draw.line((*self.px(x, 1.0), *self.px(x, base - 0.16)), fill=stem, width=max(3, self.w // 300))
        for k in range(5):
            y, side = base - 0.04 * k, 1 if k % 2 else -1
            self.poly([(x, y), (x + side * 0.035, y - 0.03), (x + side * 0.01, y - 0.035)], self.lit((220, 40, 40)))
            self.poly(
                [(x + side * 0.035, y - 0.03), (x + side * 0.02, y - 0.034), (x + side * 0.03, y - 0.025)],
                self.lit((250, 210, 60)),
            )

    def _hibiscus(self, x: float, y: float) -> None:
        petal = self.lit((240, 80, 110))
        for k in range(5):
            a = k * 2 * math.pi / 5
            self.dot(x + 0.012 * math.cos(a), y + 0.016 * math.sin(a), 0.01, petal, outline=False)
        self.dot(x, y, 0.004, self.lit((250, 220, 80)), outline=False)

    def _macaw(self, x: float, y: float) -> None:
        """A scarlet macaw on a branch: red body, blue and yellow wing, long tail, pale face."""
        facing = 1 if x < 0.5 else -1
        branch = self.lit((90, 70, 50))
        self.draw.line(
            (*self.px(x - 0.1, y + 0.03), *self.px(x + 0.1, y + 0.05)), fill=branch, width=max(4, self.w // 200)
        )
        red, blue, yellow = self.lit((220, 40, 40)), self.lit((40, 90, 200)), self.lit((250, 200, 50))
        self.poly([(x - facing * 0.005, y + 0.03), (x - facing * 0.03, y + 0.16), (x - facing * 0.015, y + 0.16)], blue)
        self.draw.ellipse((*self.px(x - 0.02, y - 0.05), *self.px(x + 0.02, y + 0.04)), fill=red, outline=INK, width=2)
        self.poly(
            [
                (x - facing * 0.015, y - 0.03),
                (x + facing * 0.005, y + 0.0),
                (x - facing * 0.01, y + 0.05),
                (x - facing * 0.025, y + 0.02),
            ],
            yellow,
        )
        self.poly([(x - facing * 0.012, y + 0.0), (x - facing * 0.005, y + 0.04), (x - facing * 0.022, y + 0.03)], blue)
        hx = x + facing * 0.012
        self.dot(hx, y - 0.055, 0.014, red)
        self.dot(hx + facing * 0.004, y - 0.058, 0.006, self.lit((246, 240, 230)), outline=False)
        self.dot(hx + facing * 0.005, y - 0.058, 0.0025, INK, outline=False)
        self.poly(
            [(hx + facing * 0.012, y - 0.062), (hx + facing * 0.026, y - 0.05), (hx + facing * 0.012, y - 0.045)],
            self.lit((50, 46, 44)),
        )

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
            self.poly(
                [
                    (x, base),
                    (mid[0] + side[0] * half, mid[1] + side[1] * half),
                    tip,
                    (mid[0] - side[0] * half, mid[1] - side[1] * half),
                ],
                leaf,
            )
            self.draw.line((*self.px(x, base), *self.px(*tip)), fill=darker(leaf, 0.3), width=max(2, self.w // 400))
