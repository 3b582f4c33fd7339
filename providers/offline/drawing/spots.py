"""The other spots of a place (data/scenes.toml [spots]), so a story there is not drawn in one room ten times: a
hospital's long corridor and its operating theatre, the players' tunnel of a stadium, a museum's vault and its
Egyptian rooms. Each is drawn whole, walls and floor, in fractions of the canvas."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.rooms import Rooms

# The far end of a passage seen down its length: (x0, y0, x1, y1).
_END = (0.4, 0.3, 0.6, 0.58)


class Spots(Rooms):
    """Corridor, operating theatre, tunnel, vault and tomb."""

    def _at(self, t: float, v: float, side: int) -> tuple[float, float]:
        """A point on a passage's side wall (side -1 left, 1 right): `t` from our end (0) to the far end (1), `v` from
        its top (0) to the floor (1)."""
        x0, y0, x1, y1 = _END
        x = (1 - t) * (0 if side < 0 else 1) + t * (x0 if side < 0 else x1)
        top, bottom = y0 * t, 1 + (y1 - 1) * t
        return x, top + (bottom - top) * v

    def _passage(self, wall: RGB, floor: RGB, ceiling: RGB) -> None:
        """A passage in one-point perspective: ceiling, floor, two walls and the far end's wall."""
        self.horizon = _END[3] * self.h
        x0, y0, x1, y1 = _END
        self.poly([(0, 0), (1, 0), (x1, y0), (x0, y0)], self.lit(ceiling))
        self.poly([(0, 1), (1, 1), (x1, y1), (x0, y1)], self.lit(floor))
        for side in (-1, 1):
            edge = 0 if side < 0 else 1
            near = x0 if side < 0 else x1
            self.poly(
                [(edge, 0), (near, y0), (near, y1), (edge, 1)],
                self.lit(wall) if side < 0 else darker(self.lit(wall), 0.08),
            )
        self.rect(_END, darker(self.lit(wall), 0.15))

    def _side_door(self, t0: float, t1: float, side: int, colour: RGB, window: bool = True) -> None:
        self.poly(
            [self._at(t0, 0.25, side), self._at(t1, 0.25, side), self._at(t1, 1, side), self._at(t0, 1, side)],
            self.lit(colour),
        )
        if window:
            tm0, tm1 = t0 + (t1 - t0) * 0.3, t0 + (t1 - t0) * 0.7
            self.poly(
                [
                    self._at(tm0, 0.35, side),
                    self._at(tm1, 0.35, side),
                    self._at(tm1, 0.5, side),
                    self._at(tm0, 0.5, side),
                ],
                self.lit((190, 214, 226)),
            )
        self.draw.line(
            [self.px(*self._at(t0, 0.25, side)), self.px(*self._at(t0, 1, side))], fill=INK, width=max(2, self.w // 500)
        )

    def _ceiling_lights(self, count: int, colour: RGB) -> None:
        for k in range(count):
            t0, t1 = k / count, (k + 0.45) / count
            a, b = self._at(t0, 0, -1), self._at(t1, 0, -1)
            c, d = self._at(t1, 0, 1), self._at(t0, 0, 1)
            inset = [(0.5 + (x - 0.5) * 0.3, y) for x, y in (a, b, c, d)]
            self.poly(inset, colour)

    def _hospital_corridor(self) -> None:
        """A long hospital corridor: pale green walls with doors, a handrail, strip lights, shiny lino, double doors
        with round windows at the end under a green exit sign."""
        self._passage((196, 222, 204), (176, 190, 186), (226, 230, 228))
        self._ceiling_lights(5, (250, 252, 240))
        for side in (-1, 1):
            for k in range(3):
                t0 = 0.08 + k * 0.3
                self._side_door(t0, t0 + 0.12, side, (120, 160, 190))
            self.draw.line(
                [self.px(*self._at(0, 0.62, side)), self.px(*self._at(1, 0.62, side))],
                fill=self.lit((150, 160, 170)),
                width=max(4, self.w // 200),
            )
        x0, y0, _, y1 = _END
        door = self.lit((140, 180, 200))
        for k in range(2):
            dx = x0 + 0.02 + k * 0.085
            self.rect((dx, y0 + 0.06, dx + 0.075, y1), door)
            self.dot(dx + 0.0375, y0 + 0.12, 0.012, self.lit((210, 230, 240)))
        self.rect((0.47, y0 + 0.015, 0.53, y0 + 0.045), (60, 190, 90))
        stripe = self.lit((60, 130, 170))
        self.poly([(0.49, y1), (0.51, y1), (0.56, 1.0), (0.44, 1.0)], stripe)  # the floor's guide line
        self.poly([(0.3, 1.0), (0.36, 1.0), (0.48, y1), (0.47, y1)], lighter(self.lit((176, 190, 186)), 0.25))

    def _operating_theatre(self) -> None:
        """An operating theatre: tiled green walls, the great round lamp overhead, the table under its sheet, a
        monitor tracing a heartbeat, a trolley of instruments."""
        self.horizon = 0.72 * self.h
        tile = self.lit((150, 200, 190))
        self.gradient((0, 0, self.w, self.horizon), [darker(tile, 0.15), tile])
        for k in range(1, 20):
            self.draw.line((k * self.w / 20, 0, k * self.w / 20, self.horizon), fill=darker(tile, 0.1), width=2)
        for k in range(1, 10):
            y = k * 0.08 * self.h
            self.draw.line((0, y, self.w, y), fill=darker(tile, 0.1), width=2)
        floor = self.lit((170, 186, 184))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.15), floor])
        self.rect((0.36, 0.52, 0.64, 0.58), self.lit((70, 140, 120)))  # the table under its green sheet
        for x in (0.4, 0.6):
            self.rect((x - 0.008, 0.58, x + 0.008, 0.72), self.lit((160, 166, 176)), outline=False)
        self.draw.line(
            (*self.px(0.5, 0.0), *self.px(0.5, 0.1)), fill=self.lit((160, 166, 176)), width=max(4, self.w // 200)
        )
        self.glow(self.px(0.5, 0.18), 0.2 * self.w, (255, 255, 240), 160)
        self.draw.ellipse(
            (*self.px(0.41, 0.1), *self.px(0.59, 0.24)),
            fill=self.lit((200, 204, 212)),
            outline=INK,
            width=max(2, self.w // 400),
        )
        for dx in (-0.04, 0.0, 0.04):
            self.dot(0.5 + dx, 0.17, 0.018, (255, 255, 236))
        mx = 0.84 if self.side > 0.5 else 0.06
        self.rect((mx + 0.045, 0.4, mx + 0.055, 0.72), self.lit((160, 166, 176)), outline=False)
        self.rect((mx, 0.24, mx + 0.1, 0.38), self.lit((40, 46, 50)))
        beat = [(0.0, 0.0), (0.25, 0.0), (0.32, -0.04), (0.38, 0.04), (0.44, 0.0), (1.0, 0.0)]
        self.draw.line(
            [self.px(mx + 0.01 + 0.08 * a, 0.31 + b) for a, b in beat], fill=(90, 240, 120), width=max(2, self.w // 400)
        )
        tx = 0.06 if mx > 0.5 else 0.8
        steel = self.lit((190, 196, 204))
        self.rect((tx, 0.56, tx + 0.14, 0.58), steel)
        for x in (tx + 0.01, tx + 0.13):
            self.rect((x - 0.004, 0.58, x + 0.004, 0.72), steel, outline=False)
        for k in range(5):  # instruments laid out on it
            x = tx + 0.02 + k * 0.025
            self.draw.line(
                (*self.px(x, 0.555), *self.px(x + 0.012, 0.545)), fill=lighter(steel, 0.4), width=max(2, self.w // 400)
            )

    def _stadium_tunnel(self) -> None:
        """The players' tunnel: bare concrete, strip lights, the pitch and the packed stand bright at its end."""
        self._passage((150, 150, 156), (70, 74, 80), (120, 120, 126))
        self._ceiling_lights(4, (240, 244, 250))
        x0, y0, x1, y1 = _END
        self.rect((x0, y0 + 0.1, x1, y1), self.lit((80, 160, 80)), outline=False)  # the pitch beyond
        self.rect((x0, y0, x1, y0 + 0.1), self.lit((110, 116, 136)), outline=False)  # the far stand
        r = self.r
        for _ in range(50):
            self.dot(
                r.uniform(x0, x1),
                r.uniform(y0 + 0.01, y0 + 0.09),
                0.003,
                self.lit(r.choice(((220, 60, 60), (250, 250, 250), (60, 110, 200)))),
                outline=False,
            )
        self.glow(self.px(0.5, y0 + 0.12), 0.16 * self.w, (255, 255, 240), 120)
        for side in (-1, 1):  # the home and away colours painted along the walls
            colour = (200, 40, 50) if side < 0 else (40, 80, 170)
            self.poly(
                [self._at(0, 0.7, side), self._at(1, 0.7, side), self._at(1, 0.78, side), self._at(0, 0.78, side)],
                self.lit(colour),
            )
        self.poly([(0.35, 1.0), (0.65, 1.0), (0.52, y1), (0.48, y1)], self.lit((60, 110, 70)))  # the rubber walkway

    def _museum_vault(self) -> None:
        """A museum's vault and storeroom: a great round steel door, crates stacked high, a bare bulb."""
        self.horizon = 0.72 * self.h
        wall = self.lit((96, 96, 104))
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.35), wall])
        for k in range(1, 9):
            y = k * 0.08 * self.h
            self.draw.line((0, y, self.w, y), fill=darker(wall, 0.2), width=2)
        floor = self.lit((110, 106, 100))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.25), floor])
        vx = 0.78 if self.side > 0.5 else 0.22
        steel = self.lit((176, 180, 188))
        self.dot(vx, 0.42, 0.17, darker(steel, 0.2))
        self.dot(vx, 0.42, 0.15, steel)
        self.dot(vx, 0.42, 0.1, lighter(steel, 0.1))
        for k in range(12):  # its bolts
            a = k * math.pi / 6
            self.dot(vx + 0.13 * math.cos(a), 0.42 + 0.13 * math.sin(a) * self.w / self.h, 0.008, darker(steel, 0.3))
        for k in range(3):  # the wheel that opens it
            a = k * math.pi / 3
            dx, dy = 0.06 * math.cos(a), 0.06 * math.sin(a) * self.w / self.h
            self.draw.line(
                (*self.px(vx - dx, 0.42 - dy), *self.px(vx + dx, 0.42 + dy)),
                fill=darker(steel, 0.4),
                width=max(4, self.w // 150),
            )
        self.dot(vx, 0.42, 0.015, darker(steel, 0.4))
        cx = 0.04 if vx > 0.5 else 0.66
        wood = self.lit((170, 130, 80))
        for row, count in enumerate((3, 2, 1)):  # crates stacked against the wall
            for k in range(count):
                x = cx + 0.015 * row + k * 0.105 + 0.05 * row
                y = 0.72 - (row + 1) * 0.13
                self.rect((x, y, x + 0.1, y + 0.13), wood)
                for j in range(1, 3):
                    self.draw.line(
                        (*self.px(x, y + j * 0.043), *self.px(x + 0.1, y + j * 0.043)), fill=darker(wood, 0.3), width=2
                    )
                self.draw.line((*self.px(x, y), *self.px(x + 0.1, y + 0.13)), fill=darker(wood, 0.25), width=3)
        self.draw.line((*self.px(0.5, 0.0), *self.px(0.5, 0.1)), fill=INK, width=max(2, self.w // 500))
        self.glow(self.px(0.5, 0.12), 0.18 * self.w, (255, 220, 150), 150)
        self.dot(0.5, 0.115, 0.012, (255, 236, 170))

    def _museum_tomb(self) -> None:
        """The museum's Egyptian rooms: sandstone walls banded with hieroglyphs, lotus columns, two painted mummy
        cases standing against the wall, torches."""
        self.horizon = 0.72 * self.h
        stone = self.lit((214, 180, 120))
        self.gradient((0, 0, self.w, self.horizon), [darker(stone, 0.35), stone])
        floor = self.lit((190, 160, 110))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.2), floor])
        r, glyph = self.r, self.lit((110, 70, 40))
        for band in (0.12, 0.3, 0.48):  # rows of hieroglyphs
            self.draw.line((0, (band - 0.03) * self.h, self.w, (band - 0.03) * self.h), fill=glyph, width=2)
            for k in range(34):
                x, kind = (k + 0.5) / 34, r.randrange(4)
                if kind == 0:
                    self.dot(x, band, 0.006, glyph, outline=False)
                elif kind == 1:
                    self.draw.line((*self.px(x, band - 0.02), *self.px(x, band + 0.02)), fill=glyph, width=3)
                elif kind == 2:
                    self.poly([(x - 0.007, band + 0.015), (x, band - 0.015), (x + 0.007, band + 0.015)], glyph)
                else:
                    self.draw.arc(
                        (*self.px(x - 0.008, band - 0.015), *self.px(x + 0.008, band + 0.015)),
                        0,
                        180,
                        fill=glyph,
                        width=3,
                    )
        for x in (0.03, 0.9):  # lotus columns
            self.rect((x, 0.08, x + 0.07, 0.72), lighter(stone, 0.1))
            self.poly([(x - 0.02, 0.08), (x + 0.09, 0.08), (x + 0.07, 0.14), (x, 0.14)], self.lit((70, 130, 120)))
        for x in (0.2, 0.8):  # mummy cases, gold with blue-striped headdresses
            gold, blue = self.lit((220, 176, 60)), self.lit((40, 70, 150))
            self.poly(
                [
                    (x - 0.05, 0.72),
                    (x - 0.06, 0.42),
                    (x - 0.045, 0.26),
                    (x + 0.045, 0.26),
                    (x + 0.06, 0.42),
                    (x + 0.05, 0.72),
                ],
                gold,
            )
            for k in range(4):
                y = 0.28 + k * 0.03
                self.rect((x - 0.05, y, x + 0.05, y + 0.012), blue, outline=False)
            self.dot(x, 0.33, 0.025, self.lit((200, 150, 90)))
            for dx in (-0.01, 0.01):
                self.dot(x + dx, 0.325, 0.004, INK, outline=False)
            self.poly([(x - 0.035, 0.46), (x + 0.035, 0.46), (x, 0.52)], blue)
        for x in (0.12, 0.88):  # torches flickering on the walls
            self.rect((x - 0.006, 0.34, x + 0.006, 0.42), self.lit((90, 60, 40)), outline=False)
            self._flicker(x, 0.33)

    def _flicker(self, x: float, y: float) -> None:
        self.glow(self.px(x, y), 0.1 * self.w, (255, 170, 80), 150)
        self.poly([(x - 0.012, y + 0.01), (x, y - 0.04), (x + 0.012, y + 0.01)], (255, 170, 60))
        self.poly([(x - 0.006, y + 0.01), (x, y - 0.02), (x + 0.006, y + 0.01)], (255, 236, 150))

    def _barn(self) -> None:
        """Inside a barn: plank walls, beams and a loft piled with hay, bales stacked, a lantern, the big door open
        on the fields, straw underfoot."""
        self.horizon = 0.72 * self.h
        wood = self.lit((150, 96, 60))
        self.gradient((0, 0, self.w, self.horizon), [darker(wood, 0.4), wood])
        for k in range(1, 24):  # the planks
            self.draw.line((k * self.w / 24, 0, k * self.w / 24, self.horizon), fill=darker(wood, 0.25), width=2)
        self.rect((0.38, 0.3, 0.62, 0.72), self.lit((150, 196, 230)))  # the great door open on the fields
        self.poly([(0.38, 0.56), (0.5, 0.52), (0.62, 0.55), (0.62, 0.72), (0.38, 0.72)], self.lit((120, 176, 90)))
        self.pane_weather((0.38 * self.w, 0.3 * self.h, 0.62 * self.w, 0.72 * self.h))
        beam = darker(wood, 0.35)
        for y in (0.08, 0.26):
            self.rect((0, y, 1, y + 0.04), beam)
        for x in (0.36, 0.62):
            self.rect((x, 0.0, x + 0.02, 0.72), beam)
        hay = self.lit((230, 196, 90))
        loft_x = 0.0 if self.side > 0.5 else 0.66
        self.poly([(loft_x, 0.26), (loft_x + 0.04, 0.17), (loft_x + 0.3, 0.16), (loft_x + 0.34, 0.26)], hay)
        bale_x = 0.7 if loft_x == 0.0 else 0.02
        for row, count in enumerate((3, 2)):  # bales stacked against the wall
            for k in range(count):
                x, y = bale_x + 0.04 * row + k * 0.09, 0.72 - (row + 1) * 0.08
                self.rect((x, y, x + 0.085, y + 0.08), hay)
                self.draw.line((*self.px(x + 0.02, y), *self.px(x + 0.02, y + 0.08)), fill=darker(hay, 0.3), width=2)
                self.draw.line((*self.px(x + 0.065, y), *self.px(x + 0.065, y + 0.08)), fill=darker(hay, 0.3), width=2)
        self.draw.line((*self.px(0.2, 0.3), *self.px(0.2, 0.36)), fill=INK, width=max(2, self.w // 500))
        self.glow(self.px(0.2, 0.39), 0.1 * self.w, (255, 200, 110), 140)
        self.rect((0.19, 0.36, 0.21, 0.41), (255, 210, 120))
        straw = self.lit((200, 170, 100))
        self.gradient((0, self.horizon, self.w, self.h), [darker(straw, 0.2), straw])
        r = self.r
        for _ in range(40):
            x, y = r.random(), r.uniform(0.74, 0.99)
            self.draw.line((*self.px(x, y), *self.px(x + 0.02, y - 0.006)), fill=lighter(straw, 0.25), width=2)

    def _mirror_hall(self) -> None:
        """A fairground's hall of mirrors: tall arched mirrors in painted frames, each bending the light its own
        way, coloured bulbs above, a striped floor."""
        self.horizon = 0.72 * self.h
        wall = self.lit((70, 40, 90))
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.4), wall])
        glass = self.lit((180, 210, 230))
        frames = ((220, 60, 70), (240, 190, 60), (70, 150, 200), (120, 190, 100), (230, 120, 190))
        for k in range(6):
            x0 = 0.02 + k * 0.165
            frame = self.lit(frames[k % len(frames)])
            self.draw.rounded_rectangle(
                (*self.px(x0, 0.12), *self.px(x0 + 0.14, 0.7)),
                radius=round(0.06 * self.w),
                fill=frame,
                outline=INK,
                width=max(2, self.w // 400),
            )
            self.draw.rounded_rectangle(
                (*self.px(x0 + 0.015, 0.14), *self.px(x0 + 0.125, 0.68)), radius=round(0.05 * self.w), fill=glass
            )
            bend = 0.03 * (1 if k % 2 else -1)  # the warped highlights: tall and thin, or wide and squat
            pts = [(x0 + 0.05 + bend * abs(((t / 8) - 0.5) * 2) ** 2, 0.18 + 0.46 * t / 8) for t in range(9)]
            self.draw.line([self.px(px, py) for px, py in pts], fill=lighter(glass, 0.6), width=max(3, self.w // 250))
            self.dot(x0 + 0.07, 0.09, 0.008, (255, 230, 150) if k % 2 else (255, 150, 150))
        floor = self.lit((230, 220, 200))
        self.rect((0, 0.72, 1, 1), floor, outline=False)
        for k in range(-8, 9, 2):  # the floor's stripes running away from us
            self.poly(
                [
                    (0.5 + k * 0.06, 0.72),
                    (0.5 + (k + 1) * 0.06, 0.72),
                    (0.5 + (k + 1) * 0.2, 1.0),
                    (0.5 + k * 0.2, 1.0),
                ],
                self.lit((200, 50, 70)),
            )

    def _fortune_booth(self) -> None:
        """Inside the fortune teller's booth: draped striped silk gathered overhead, a round table under a fringed
        cloth, the crystal ball glowing on it, cards laid out, a lamp."""
        self.horizon = 0.72 * self.h
        silk, gold = self.lit((90, 40, 110)), self.lit((220, 180, 70))
        self.rect((0, 0, 1, 0.72), silk, outline=False)
        for k in range(12):  # the silk's drapes gathered at the peak
            if k % 2:
                self.poly([(0.5, -0.05), (k / 12, 0.72), ((k + 1) / 12, 0.72)], darker(silk, 0.25))
        for k in range(14):  # gold stars on it
            x, y = (k * 0.37) % 1, 0.1 + (k * 0.23) % 0.5
            self.poly([(x, y - 0.015), (x + 0.006, y), (x, y + 0.015), (x - 0.006, y)], gold)
        rug = self.lit((130, 40, 50))
        self.gradient((0, 0.72 * self.h, self.w, self.h), [darker(rug, 0.3), rug])
        tx = 0.2 if self.side > 0.5 else 0.8
        cloth = self.lit((40, 30, 80))
        self.poly([(tx - 0.13, 0.58), (tx + 0.13, 0.58), (tx + 0.15, 0.74), (tx - 0.15, 0.74)], cloth)
        for k in range(10):  # its fringe
            x = tx - 0.15 + k * 0.0333
            self.draw.line((*self.px(x, 0.74), *self.px(x, 0.77)), fill=gold, width=2)
        self.glow(self.px(tx, 0.52), 0.14 * self.w, (170, 210, 255), 170)
        self.dot(tx, 0.52, 0.04, self.lit((170, 200, 240)))
        self.dot(tx - 0.012, 0.51, 0.012, (236, 246, 255), outline=False)
        self.rect((tx - 0.03, 0.565, tx + 0.03, 0.585), gold)
        for k in range(3):  # cards laid out
            x = tx - 0.11 + k * 0.035 + (0.15 if k == 2 else 0)
            self.rect((x, 0.59, x + 0.025, 0.62), self.lit((236, 226, 200)))
        lx = 1 - tx
        self.draw.line((*self.px(lx, 0.0), *self.px(lx, 0.12)), fill=gold, width=max(2, self.w // 500))
        self.glow(self.px(lx, 0.15), 0.1 * self.w, (255, 200, 120), 140)
        self.draw.chord(
            (*self.px(lx - 0.03, 0.12), *self.px(lx + 0.03, 0.18)), 0, 360, fill=(250, 190, 100), outline=INK, width=2
        )

    def _animal_house(self) -> None:
        """A zoo's animal house: dim green walls, glass tanks lit from within (a snake on a branch, a lizard on a
        rock), signs beside them."""
        self.horizon = 0.72 * self.h
        wall = self.lit((60, 80, 64))
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.4), wall])
        for k, x0 in enumerate((0.04, 0.37, 0.7)):
            box = (x0, 0.22, x0 + 0.26, 0.58)
            self.rect((box[0] - 0.01, box[1] - 0.01, box[2] + 0.01, box[3] + 0.01), self.lit((40, 40, 40)))
            self.gradient(
                (box[0] * self.w, box[1] * self.h, box[2] * self.w, box[3] * self.h),
                [self.lit((150, 200, 140)), self.lit((90, 140, 80))],
            )
            self.rect((box[0], box[3] - 0.06, box[2], box[3]), self.lit((170, 140, 90)), outline=False)
            if k == 1:  # a snake coiled on a branch
                self.draw.line(
                    (*self.px(box[0] + 0.02, box[1] + 0.2), *self.px(box[2] - 0.02, box[1] + 0.14)),
                    fill=self.lit((110, 80, 50)),
                    width=max(4, self.w // 150),
                )
                snake = [
                    (box[0] + 0.04 + 0.18 * t / 10, box[1] + 0.17 - 0.05 * t / 10 + 0.02 * math.sin(t * 1.4))
                    for t in range(11)
                ]
                self.draw.line(
                    [self.px(x, y) for x, y in snake],
                    fill=self.lit((220, 180, 40)),
                    width=max(5, self.w // 120),
                    joint="curve",
                )
                self.dot(snake[-1][0], snake[-1][1], 0.008, self.lit((220, 180, 40)))
            else:  # a lizard on a rock
                rx = box[0] + 0.13
                self.draw.chord(
                    (*self.px(rx - 0.08, box[3] - 0.12), *self.px(rx + 0.08, box[3])),
                    180,
                    360,
                    fill=self.lit((140, 130, 120)),
                    outline=INK,
                    width=2,
                )
                self.draw.ellipse(
                    (*self.px(rx - 0.04, box[3] - 0.1), *self.px(rx + 0.03, box[3] - 0.075)),
                    fill=self.lit((90, 160, 70)),
                    outline=INK,
                    width=2,
                )
                self.draw.line(
                    (*self.px(rx - 0.04, box[3] - 0.087), *self.px(rx - 0.08, box[3] - 0.07)),
                    fill=self.lit((90, 160, 70)),
                    width=max(3, self.w // 300),
                )
            self.glow(self.px((box[0] + box[2]) / 2, box[1] + 0.05), 0.12 * self.w, (220, 255, 200), 70)
            self.rect((x0 + 0.08, 0.62, x0 + 0.18, 0.67), self.lit((230, 220, 190)))  # its sign
        floor = self.lit((110, 110, 100))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.3), floor])
