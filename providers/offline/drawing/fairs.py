"""Open-air places a town goes out to: a fairground (a big wheel, a helter-skelter, striped stalls under strings of
lights), the circus's grounds (the big top from outside among painted caravans) and its parade through the town
square (bunting, a crowd, an elephant), a zoo (enclosures behind fences, trees, a giraffe, a signpost) and a farm
(a red barn and a silo, a fence, hay bales)."""

from __future__ import annotations

import itertools
import math

from providers.offline.drawing.colour import INK, RGB, darker, lighter, mix
from providers.offline.drawing.landscapes import Landscapes

_BULBS: tuple[RGB, ...] = ((255, 90, 80), (255, 220, 90), (120, 200, 255), (140, 240, 140), (255, 150, 230))
_STRIPES: tuple[RGB, ...] = ((200, 40, 50), (40, 90, 180), (230, 150, 30), (40, 140, 90))
_PAINT: tuple[RGB, ...] = ((60, 120, 180), (200, 60, 60), (230, 170, 40), (70, 150, 100), (150, 80, 160))


class Fairs(Landscapes):
    """Fairground, circus grounds and parade, zoo and farm under the sky, in fractions of the canvas."""

    def _night(self) -> bool:
        return self.scene.time in ("night", "sunset")

    def _ground(self, top: float, colour: RGB) -> None:
        tone = self.lit(colour)
        self.gradient((0, top * self.h, self.w, self.h), [darker(tone, 0.12), tone])

    def _lights(self, points: list[tuple[float, float]], sag: float = 0.04) -> None:
        """A string of coloured bulbs sagging between the points (fractions); they glow after dark."""
        width = max(2, self.w // 500)
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            line = [
                (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t + sag * math.sin(math.pi * t))
                for t in (k / 8 for k in range(9))
            ]
            self.draw.line([self.px(x, y) for x, y in line], fill=INK, width=width)
            for k, (x, y) in enumerate(line[1:-1]):
                bulb = _BULBS[(k + round(x0 * 10)) % len(_BULBS)]
                self.dot(x, y + 0.008, 0.005, bulb if self._night() else self.lit(lighter(bulb, 0.3)), outline=False)
        if self._night():
            for x, y in points[1:-1]:
                self.glow(self.px(x, y + 0.03), 0.1 * self.w, (255, 210, 140), 90)

    def _striped_tent(self, x: float, w: float, base: float, height: float, stripe: RGB) -> None:
        """A round striped tent from outside: walls in red-and-cream stripes, a peaked roof, a pennant."""
        cream = self.lit((244, 232, 206))
        wall_top = base - height * 0.45
        for k in range(10):
            x0, x1 = x + k * w / 10, x + (k + 1) * w / 10
            self.poly([(x0, base), (x0, wall_top), (x1, wall_top), (x1, base)], self.lit(stripe) if k % 2 else cream)
        peak = (x + w / 2, base - height)
        for k in range(10):  # the roof's stripes meet at its peak
            x0, x1 = x + k * w / 10, x + (k + 1) * w / 10
            self.poly([(x0, wall_top), peak, (x1, wall_top)], darker(self.lit(stripe), 0.1) if k % 2 else cream)
        for k in range(10):  # its scalloped eave
            self.draw.chord(
                (*self.px(x + k * w / 10, wall_top - 0.015), *self.px(x + (k + 1) * w / 10, wall_top + 0.02)),
                0,
                180,
                fill=self.lit(stripe),
                outline=INK,
                width=2,
            )
        self.draw.line((*self.px(*peak), *self.px(peak[0], peak[1] - 0.06)), fill=INK, width=max(2, self.w // 400))
        self.poly(
            [(peak[0], peak[1] - 0.06), (peak[0] + 0.035, peak[1] - 0.048), (peak[0], peak[1] - 0.036)],
            self.lit((250, 200, 50)),
        )
        flap = (x + w * 0.4, base)
        self.poly([flap, (flap[0] + w * 0.1, wall_top + 0.05), (flap[0] + w * 0.2, base)], (40, 26, 30))

    def _fairground(self) -> None:
        r = self.r
        self.horizon = 0.7 * self.h
        self._ground(0.66, (150, 130, 96))
        wheel_x = 0.78 if self.side < 0.5 else 0.22
        self._big_wheel(wheel_x, 0.36, 0.24)
        skelter = 1 - wheel_x
        tower = [(skelter - 0.05, 0.66), (skelter - 0.025, 0.2), (skelter + 0.025, 0.2), (skelter + 0.05, 0.66)]
        self.poly(tower, self.lit((240, 230, 210)))
        for k in range(6):  # the helter-skelter's slide winding down it
            y = 0.24 + k * 0.07
            self.poly(
                [
                    (skelter - 0.05, y + 0.05),
                    (skelter + 0.05, y),
                    (skelter + 0.05, y + 0.025),
                    (skelter - 0.05, y + 0.075),
                ],
                self.lit(_STRIPES[k % 4]),
            )
        self.poly([(skelter - 0.04, 0.2), (skelter, 0.12), (skelter + 0.04, 0.2)], self.lit((200, 40, 50)))
        for k in range(5):  # a row of striped stalls along the back
            x = -0.04 + k * 0.22 + r.uniform(-0.01, 0.01)
            self._booth(x, 0.2, 0.7, _STRIPES[(k + len(self.scene.seed)) % 4])
        self._lights([(0.0, 0.1), (0.25, 0.16), (0.5, 0.12), (0.75, 0.16), (1.0, 0.1)])
        for _ in range(30):  # trodden straw and popcorn on the ground
            x, y = r.random(), r.uniform(0.74, 0.98)
            self.dot(x, y, 0.004, self.lit((226, 200, 120)), outline=False)

    def _big_wheel(self, x: float, y: float, rad: float) -> None:
        steel, width = self.lit((230, 230, 236)), max(3, self.w // 250)
        cx, cy, radius = x * self.w, y * self.h, rad * self.h
        for leg in (-1, 1):  # its A-frame
            self.draw.line((cx, cy, cx + leg * radius * 0.6, 0.68 * self.h), fill=darker(steel, 0.2), width=width * 2)
        self.draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=steel, width=width)
        self.draw.ellipse(
            (cx - radius * 0.9, cy - radius * 0.9, cx + radius * 0.9, cy + radius * 0.9),
            outline=steel,
            width=max(2, width // 2),
        )
        for k in range(12):
            a = k * math.pi / 6
            ex, ey = cx + radius * math.cos(a), cy + radius * math.sin(a)
            self.draw.line((cx, cy, ex, ey), fill=steel, width=max(2, width // 2))
            car = self.lit(_BULBS[k % len(_BULBS)])
            self.draw.rounded_rectangle(
                (ex - 0.018 * self.w, ey, ex + 0.018 * self.w, ey + 0.04 * self.h),
                radius=width,
                fill=car,
                outline=INK,
                width=2,
            )
            if self._night():
                self.dot(ex / self.w, ey / self.h, 0.004, (255, 240, 180), outline=False)
        self.dot(x, y, 0.012, self.lit((200, 60, 60)))
        if self._night():
            self.glow((cx, cy), radius * 1.4, (255, 200, 160), 70)

    def _booth(self, x: float, w: float, base: float, stripe: RGB) -> None:
        """A fairground stall: a striped awning with a scalloped edge over a lit counter of prizes."""
        cream, wood = self.lit((246, 240, 224)), self.lit((150, 100, 60))
        top = base - 0.2
        self.rect((x, top + 0.05, x + w, base), darker(wood, 0.2))
        self.rect(
            (x + 0.015, top + 0.06, x + w - 0.015, base - 0.07),
            (255, 226, 150) if self._night() else self.lit((120, 80, 60)),
            outline=False,
        )
        for k in range(5):  # prizes on the shelf: teddy bears' heads and balloons
            self.dot(x + 0.03 + k * (w - 0.06) / 4, top + 0.1, 0.01, self.lit(_BULBS[k % len(_BULBS)]))
        for k in range(6):
            sx = x + k * w / 6
            self.poly(
                [(sx, top + 0.05), (sx + w / 6, top + 0.05), (sx + w / 6 + 0.01, top), (sx + 0.01, top)],
                self.lit(stripe) if k % 2 == 0 else cream,
            )
            self.draw.chord(
                (*self.px(sx, top + 0.035), *self.px(sx + w / 6, top + 0.075)),
                0,
                180,
                fill=self.lit(stripe) if k % 2 == 0 else cream,
                outline=INK,
                width=2,
            )
        self.rect((x, base - 0.07, x + w, base), wood)

    def _circus_grounds(self) -> None:
        """Behind the big top: the tent from outside, painted caravans either side, lights strung to its peak."""
        self.horizon = 0.68 * self.h
        self._sky_hills(self.lit((110, 140, 110)), 0.6, 0.02)
        self._ground(0.66, (110, 150, 80))
        self._striped_tent(0.22, 0.56, 0.68, 0.5, (200, 40, 50))
        self._lights([(0.0, 0.3), (0.5, 0.16), (1.0, 0.3)], sag=0.05)
        for k, x in enumerate((0.01, 0.77)):
            self._caravan(x, 0.78, 0.22, _PAINT[(k + len(self.scene.seed)) % len(_PAINT)])
        path = self.lit((170, 150, 110))
        self.poly([(0.38, 0.68), (0.62, 0.68), (0.75, 1.0), (0.25, 1.0)], path)

    def _caravan(self, x: float, base: float, w: float, paint: RGB) -> None:
        """A painted circus caravan side-on: a curved roof, a lit window, gold scrolls, spoked wheels, steps."""
        body, gold = self.lit(paint), self.lit((230, 190, 70))
        top = base - 0.22
        self.draw.rounded_rectangle(
            (*self.px(x, top), *self.px(x + w, base - 0.04)),
            radius=round(0.03 * self.w),
            fill=body,
            outline=INK,
            width=max(2, self.w // 400),
        )
        self.rect((x + 0.01, top + 0.02, x + w - 0.01, top + 0.035), gold, outline=False)
        wx = x + w * 0.55
        self.rect(
            (wx, top + 0.06, wx + w * 0.3, top + 0.13), (255, 220, 140) if self._night() else self.lit((170, 200, 220))
        )
        self.rect((x + w * 0.12, top + 0.05, x + w * 0.38, base - 0.05), darker(body, 0.3))  # the door
        for k in range(3):  # scrolls painted on the side
            self.draw.arc(
                (*self.px(x + 0.02 + k * w / 3.5, base - 0.1), *self.px(x + 0.05 + k * w / 3.5, base - 0.06)),
                180,
                360,
                fill=gold,
                width=max(2, self.w // 500),
            )
        for wheel in (x + w * 0.22, x + w * 0.78):
            self.dot(wheel, base - 0.01, 0.028, self.lit((180, 60, 40)))
            for a in range(4):
                ang = a * math.pi / 4
                dx, dy = 0.026 * math.cos(ang), 0.026 * math.sin(ang) * self.w / self.h
                self.draw.line(
                    (*self.px(wheel - dx, base - 0.01 - dy), *self.px(wheel + dx, base - 0.01 + dy)),
                    fill=gold,
                    width=max(2, self.w // 500),
                )

    def _parade(self) -> None:
        """The circus parade arriving in the town square: house fronts, bunting, the crowd, an elephant."""
        r = self.r
        self.horizon = 0.7 * self.h
        x = -0.02
        while x < 1.02:  # tall house fronts round the square
            w, top = r.uniform(0.12, 0.18), r.uniform(0.2, 0.34)
            wall = self.lit(r.choice(((236, 220, 196), (214, 150, 120), (170, 190, 210), (240, 210, 140))))
            self.rect((x, top, x + w, 0.68), wall)
            self.poly([(x - 0.005, top), (x + w / 2, top - 0.07), (x + w + 0.005, top)], self.lit((150, 80, 64)))
            lit = self._night()
            for row in range(3):
                for col in range(2):
                    wx, wy = x + w * (0.18 + 0.42 * col), top + 0.05 + row * 0.11
                    if wy < 0.6:
                        self.rect(
                            (wx, wy, wx + w * 0.22, wy + 0.06), (255, 214, 120) if lit else self.lit((120, 150, 180))
                        )
            x += w
        for y0 in (0.14, 0.24):  # bunting strung across the square
            points = [(k / 10, y0 + 0.03 * math.sin(math.pi * (k % 5) / 4)) for k in range(11)]
            self.draw.line([self.px(px, py) for px, py in points], fill=INK, width=2)
            for k, (px, py) in enumerate(points[:-1]):
                self.poly([(px + 0.01, py), (px + 0.07, py), (px + 0.04, py + 0.05)], self.lit(_STRIPES[k % 4]))
        self._ground(0.68, (160, 150, 140))
        for _ in range(40):  # cobbles
            self.dot(r.random(), r.uniform(0.72, 0.98), 0.008, darker(self.lit((160, 150, 140)), 0.15), outline=False)
        for k in range(44):  # the crowd lining the square
            cx = k / 43 + r.uniform(-0.008, 0.008)
            shirt = self.lit(_PAINT[r.randrange(len(_PAINT))])
            self.dot(cx, 0.7, 0.014, shirt, outline=False)
            self.dot(
                cx, 0.665, 0.009, self.lit(r.choice(((230, 190, 160), (170, 120, 90), (110, 76, 56)))), outline=False
            )
        self._elephant(0.17 if self.side > 0.5 else 0.83, 0.84, -1 if self.side > 0.5 else 1)
        for k in range(5):  # balloons over the crowd
            bx, by = 0.3 + k * 0.1 + r.uniform(-0.02, 0.02), r.uniform(0.34, 0.46)
            self.draw.line((*self.px(bx, by + 0.03), *self.px(bx + 0.01, 0.66)), fill=INK, width=2)
            self.dot(bx, by, 0.016, self.lit(_BULBS[k % len(_BULBS)]))

    def _elephant(self, x: float, base: float, facing: int) -> None:
        """A parade elephant side-on in a red-and-gold blanket, its trunk raised."""
        grey = self.lit((150, 150, 160))
        for dx in (-0.07, -0.03, 0.03, 0.07):  # legs
            self.rect((x + dx - 0.015, base - 0.1, x + dx + 0.015, base), darker(grey, 0.1))
        self.draw.ellipse(
            (*self.px(x - 0.1, base - 0.24), *self.px(x + 0.1, base - 0.07)),
            fill=grey,
            outline=INK,
            width=max(2, self.w // 400),
        )
        hx = x + facing * 0.1
        self.draw.ellipse(
            (*self.px(hx - 0.05, base - 0.27), *self.px(hx + 0.05, base - 0.15)),
            fill=grey,
            outline=INK,
            width=max(2, self.w // 400),
        )
        trunk = [(hx + facing * 0.04, base - 0.19), (hx + facing * 0.07, base - 0.22), (hx + facing * 0.08, base - 0.3)]
        self.draw.line([self.px(px, py) for px, py in trunk], fill=grey, width=round(0.018 * self.w), joint="curve")
        self.draw.ellipse(
            (*self.px(hx - facing * 0.05 - 0.03, base - 0.26), *self.px(hx - facing * 0.05 + 0.03, base - 0.15)),
            fill=darker(grey, 0.1),
            outline=INK,
            width=2,
        )  # its ear
        self.dot(hx + facing * 0.02, base - 0.23, 0.004, INK, outline=False)
        self.poly(
            [(x - 0.06, base - 0.23), (x + 0.06, base - 0.23), (x + 0.07, base - 0.12), (x - 0.07, base - 0.12)],
            self.lit((200, 40, 50)),
        )
        self.rect((x - 0.07, base - 0.135, x + 0.07, base - 0.12), self.lit((230, 190, 70)), outline=False)
        self.poly([(x - 0.02, base - 0.23), (x, base - 0.3), (x + 0.02, base - 0.23)], self.lit((230, 190, 70)))

    def _zoo(self) -> None:
        """A zoo path between enclosures: a barred cage, a fenced paddock with a giraffe, trees, a signpost."""
        r = self.r
        self.horizon = 0.66 * self.h
        self._sky_hills(self.lit((100, 140, 100)), 0.5, 0.03)
        self._ground(0.6, (110, 160, 80))
        for k in range(7):  # trees behind the enclosures
            x = (k + r.uniform(0.2, 0.8)) / 7
            self._tree(x, 0.6, r.uniform(0.9, 1.3), 0)
        giraffe_x = 0.82 if self.side > 0.5 else 0.18
        self._giraffe(giraffe_x, 0.64)
        wood = self.lit((140, 100, 60))
        for k in range(21):  # the paddock fence
            x = k / 20
            self.rect((x - 0.005, 0.54, x + 0.005, 0.66), wood, outline=False)
        for y in (0.56, 0.61):
            self.rect((0, y, 1, y + 0.012), darker(wood, 0.1), outline=False)
        cage_x = 0.02 if giraffe_x > 0.5 else 0.7
        self.rect((cage_x, 0.34, cage_x + 0.28, 0.7), self.lit((206, 186, 136)))  # the cage's back and its rock
        self.poly(
            [(cage_x + 0.03, 0.7), (cage_x + 0.08, 0.56), (cage_x + 0.18, 0.54), (cage_x + 0.25, 0.7)],
            self.lit((150, 140, 130)),
        )
        self.rect((cage_x - 0.01, 0.32, cage_x + 0.29, 0.345), self.lit((60, 64, 70)))
        for k in range(12):  # its bars
            x = cage_x + k * 0.28 / 11
            self.rect((x - 0.003, 0.34, x + 0.003, 0.7), self.lit((60, 64, 70)), outline=False)
        path = self.lit((214, 196, 160))
        self.poly([(0.35, 0.66), (0.65, 0.66), (0.9, 1.0), (0.1, 1.0)], path)
        self._signpost(0.9 if giraffe_x < 0.5 else 0.1, 0.86)

    def _giraffe(self, x: float, base: float) -> None:
        coat, spot = self.lit((230, 180, 80)), self.lit((150, 90, 40))
        for dx in (-0.04, -0.02, 0.02, 0.04):
            self.rect((x + dx - 0.005, base - 0.12, x + dx + 0.005, base), coat, outline=False)
        self.draw.ellipse(
            (*self.px(x - 0.06, base - 0.18), *self.px(x + 0.06, base - 0.1)), fill=coat, outline=INK, width=2
        )
        self.poly(
            [(x + 0.03, base - 0.16), (x + 0.05, base - 0.42), (x + 0.07, base - 0.42), (x + 0.06, base - 0.13)], coat
        )
        self.draw.ellipse(
            (*self.px(x + 0.04, base - 0.45), *self.px(x + 0.1, base - 0.4)), fill=coat, outline=INK, width=2
        )
        for dx, dy in ((-0.03, 0.15), (0.0, 0.13), (0.03, 0.16), (0.05, 0.25), (0.055, 0.33)):
            self.dot(x + dx, base - dy, 0.006, spot, outline=False)
        self.dot(x + 0.08, base - 0.43, 0.003, INK, outline=False)

    def _signpost(self, x: float, base: float) -> None:
        wood = self.lit((130, 90, 56))
        self.rect((x - 0.006, base - 0.34, x + 0.006, base), wood)
        for k, (colour, facing) in enumerate((((60, 130, 70), 1), ((200, 140, 40), -1), ((60, 110, 170), 1))):
            y = base - 0.32 + k * 0.06
            tip = x + facing * 0.11
            self.poly(
                [(x, y), (tip - facing * 0.02, y), (tip, y + 0.02), (tip - facing * 0.02, y + 0.04), (x, y + 0.04)],
                self.lit(colour),
            )
            self.draw.line(
                (*self.px(x + facing * 0.02, y + 0.02), *self.px(tip - facing * 0.03, y + 0.02)),
                fill=lighter(self.lit(colour), 0.6),
                width=max(2, self.w // 400),
            )

    def _farm(self) -> None:
        """A farmyard: rolling fields, a red barn and a silo, a wooden fence, hay bales."""
        r = self.r
        self.horizon = 0.66 * self.h
        for k, (y, colour) in enumerate(((0.52, (150, 180, 110)), (0.57, (220, 196, 110)), (0.61, (120, 170, 90)))):
            pts = [(i / 12, y + 0.02 * math.sin(i * 0.9 + k * 2)) for i in range(13)]
            self.poly([*pts, (1, 0.7), (0, 0.7)], self.lit(colour))
        self._ground(0.66, (150, 130, 90))
        bx = 0.04 if self.side > 0.5 else 0.64
        red, white = self.lit((180, 50, 40)), self.lit((244, 240, 230))
        self.poly(
            [
                (bx, 0.7),
                (bx, 0.4),
                (bx + 0.04, 0.3),
                (bx + 0.16, 0.24),
                (bx + 0.28, 0.3),
                (bx + 0.32, 0.4),
                (bx + 0.32, 0.7),
            ],
            red,
        )
        self.draw.line(
            [self.px(*p) for p in ((bx, 0.4), (bx + 0.04, 0.3), (bx + 0.16, 0.24), (bx + 0.28, 0.3), (bx + 0.32, 0.4))],
            fill=white,
            width=max(3, self.w // 250),
        )
        door = (bx + 0.09, 0.5, bx + 0.23, 0.7)
        self.rect(door, darker(red, 0.15))
        width = max(3, self.w // 250)
        self.draw.line((*self.px(door[0], door[1]), *self.px(door[2], door[3])), fill=white, width=width)
        self.draw.line((*self.px(door[0], door[3]), *self.px(door[2], door[1])), fill=white, width=width)
        self.draw.rectangle((*self.px(door[0], door[1]), *self.px(door[2], door[3])), outline=white, width=width)
        self.rect((bx + 0.13, 0.33, bx + 0.19, 0.42), (40, 30, 24))  # the hay loft door, hay spilling
        self.rect((bx + 0.13, 0.39, bx + 0.19, 0.42), self.lit((230, 200, 90)), outline=False)
        sx = bx + 0.36 if bx < 0.5 else bx - 0.08
        self.rect((sx, 0.28, sx + 0.07, 0.7), self.lit((170, 176, 186)))
        self.draw.chord(
            (*self.px(sx, 0.24), *self.px(sx + 0.07, 0.32)),
            180,
            360,
            fill=self.lit((130, 136, 150)),
            outline=INK,
            width=2,
        )
        wood = self.lit((150, 110, 70))
        for k in range(13):  # the fence across the yard
            x = k / 12
            self.rect((x - 0.006, 0.64, x + 0.006, 0.76), wood)
        for y in (0.67, 0.715):
            self.rect((0, y, 1, y + 0.014), wood)
        hay = self.lit((226, 190, 90))
        hx = 0.86 if bx < 0.5 else 0.1
        for dx, dy in ((-0.06, 0.0), (0.06, 0.0), (0.0, -0.08)):
            self.rect((hx + dx - 0.06, 0.8 + dy, hx + dx + 0.06, 0.88 + dy), hay)
            for k in range(3):
                y = 0.82 + dy + k * 0.02
                self.draw.line(
                    (*self.px(hx + dx - 0.05, y), *self.px(hx + dx + 0.05, y)), fill=darker(hay, 0.2), width=2
                )
        for _ in range(20):  # straw in the yard
            x, y = r.random(), r.uniform(0.8, 0.98)
            self.draw.line(
                (*self.px(x, y), *self.px(x + 0.015, y - 0.005)), fill=mix(hay, (150, 130, 90), 0.3), width=2
            )
