"""Halls a town goes out to, each drawn whole (walls and floor): an ice rink (stands, boards, white ice scored by the
skaters' lines), a theatre's stage (red curtains, a painted backdrop, footlights, the seats' backs), a café (a
counter with its coffee machine and cakes, a window on the street, little tables with cups, a chequered floor), a
throne room (banners, a red carpet to the throne on its dais) and the circus's high wire (the big top's canvas,
the ring far below, the wire underfoot)."""

from __future__ import annotations

import itertools
import math

from PIL import Image

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.tables import SKIES
from providers.offline.drawing.wards import Wards

# Settings whose painter draws its own floor: the scene's floor is not laid over it.
OWN_FLOORS = frozenset(
    {"rink", "rink-box", "theatre", "cafe", "throne-room", "circus-wire", "theatre-dressing-room", "theatre-box",
     "hospital-corridor", "hospital-theatre", "stadium-tunnel", "museum-vault", "museum-tomb", "farm-barn",
     "fairground-mirrors", "fairground-booth", "zoo-house", "airport-lounge", "airport-tower", "school-corridor",
     "ice-igloo"}
)  # fmt: skip
_CROWD: tuple[RGB, ...] = ((220, 60, 60), (250, 250, 250), (60, 110, 200), (250, 200, 60), (40, 40, 50))
_SKIN: tuple[RGB, ...] = ((230, 190, 160), (170, 120, 90), (110, 76, 56))


class Halls(Wards):
    """Rink, stage, café, throne room and high wire, in fractions of the canvas."""

    def _crowd_rows(self, y0: float, rows: int, step: float, count: int, size: float) -> None:
        r = self.r
        for row in range(rows):
            y = y0 + row * step
            for k in range(count):
                x = (k + 0.5 * (row % 2) + r.uniform(-0.2, 0.2)) / count
                self.dot(x, y + size * 1.6, size * 1.4, self.lit(r.choice(_CROWD)), outline=False)
                self.dot(x, y, size, self.lit(r.choice(_SKIN)), outline=False)

    def _rink(self) -> None:
        """An indoor ice rink: the stands and their crowd under the roof lights, the boards, the white ice."""
        self.light = "day"  # the arena's floodlights, whatever the hour: the ice stays white
        self.horizon = 0.6 * self.h
        roof = self.lit((50, 56, 74))
        self.gradient((0, 0, self.w, 0.2 * self.h), [darker(roof, 0.4), roof])
        for k in range(5):  # the roof's lamps
            x = 0.1 + k * 0.2
            self.glow(self.px(x, 0.06), 0.08 * self.w, (240, 246, 255), 150)
            self.rect((x - 0.03, 0.05, x + 0.03, 0.07), (240, 246, 255))
        stand = self.lit((80, 90, 120))
        self.rect((0, 0.18, 1, 0.5), stand, outline=False)
        self._crowd_rows(0.21, 6, 0.048, 36, 0.006)
        self.rect((0, 0.48, 1, 0.6), self.lit((246, 246, 250)))  # the boards and their adverts
        for k in range(6):
            x = k / 6 + 0.02
            self.rect((x, 0.5, x + 0.12, 0.565), self.lit(_CROWD[k % 4] if k % 4 != 1 else (90, 170, 120)))
        self.rect((0, 0.585, 1, 0.6), self.lit((250, 200, 60)), outline=False)  # the kick strip
        glass = self.lit((200, 220, 236))
        for k in range(9):  # the glass panes over the boards
            x = k / 8
            self.draw.line((*self.px(x, 0.36), *self.px(x, 0.48)), fill=glass, width=max(2, self.w // 500))
        ice = self.lit((236, 244, 250))
        self.gradient((0, 0.6 * self.h, self.w, self.h), [darker(ice, 0.08), ice])
        self.draw.line(
            (0.5 * self.w, 0.6 * self.h, 0.5 * self.w, self.h),
            fill=self.lit((220, 90, 90)),
            width=max(4, self.w // 150),
        )
        self.draw.ellipse(
            (*self.px(0.36, 0.7), *self.px(0.64, 0.95)), outline=self.lit((90, 130, 210)), width=max(3, self.w // 250)
        )
        r, groove = self.r, self.lit((196, 212, 226))
        for _ in range(9):  # the skaters' lines, long curves scored in the ice
            cx, cy = r.uniform(-0.1, 1.1), r.uniform(0.7, 1.1)
            rw, rh = r.uniform(0.2, 0.5), r.uniform(0.06, 0.16)
            start = r.uniform(180, 300)
            self.draw.arc(
                (*self.px(cx - rw, cy - rh), *self.px(cx + rw, cy + rh)),
                start,
                start + r.uniform(50, 120),
                fill=groove,
                width=max(2, self.w // 500),
            )

    def _rink_box(self) -> None:
        """A private box high over the ice rink: the rink below through its glass, a plush carpet and a ledge."""
        self._rink()
        self.horizon = 0.72 * self.h
        wood, carpet = self.lit((70, 40, 30)), self.lit((120, 24, 40))
        layer, draw = self.overlay()
        draw.rectangle((0, 0, self.w, 0.7 * self.h), fill=(200, 220, 240, 40))  # the glass
        self.commit(layer)
        for x0, x1 in ((0.0, 0.04), (0.96, 1.0), (0.48, 0.52)):
            self.rect((x0, 0.0, x1, 0.7), wood)
        self.rect((0, 0.0, 1, 0.04), wood)
        self.rect((0, 0.66, 1, 0.72), darker(wood, 0.2))  # the ledge
        self.gradient((0, 0.72 * self.h, self.w, self.h), [darker(carpet, 0.3), carpet])

    def _theatre(self) -> None:
        """On the stage: red curtains drawn back, a painted backdrop, the boards, footlights and the seats below."""
        self.horizon = 0.72 * self.h
        dark = self.lit((40, 22, 30))
        self.rect((0, 0, 1, 0.72), dark, outline=False)
        night = self.scene.time in ("night", "sunset")
        backdrop = ((40, 50, 100), (90, 90, 150)) if night else ((120, 170, 220), (190, 220, 240))
        self.gradient((0.12 * self.w, 0.12 * self.h, 0.88 * self.w, 0.72 * self.h), [self.lit(c) for c in backdrop])
        hills = self.lit((70, 120, 80))
        self.poly(
            [(0.12, 0.72), (0.12, 0.55), (0.3, 0.46), (0.5, 0.56), (0.7, 0.44), (0.88, 0.54), (0.88, 0.72)], hills
        )
        self.dot(0.68, 0.25, 0.04, self.lit((250, 240, 200)), outline=False)  # a painted moon (or sun)
        for side in (0, 1):  # the curtains, gathered back in folds
            for k in range(6):
                x0 = 0.0 + k * 0.035 if side == 0 else 1.0 - (k + 1) * 0.035
                tone = self.lit((170, 24, 40) if k % 2 else (200, 40, 54))
                sweep = 0.06 * (5 - k) / 5
                inner = x0 + 0.035 + sweep if side == 0 else x0 - sweep
                pts = [
                    (x0, 0.08),
                    (x0 + 0.035, 0.08),
                    (inner if side == 0 else x0 + 0.035, 0.72),
                    (x0 if side == 0 else inner, 0.72),
                ]
                self.poly(pts, tone)
            tie_x = 0.17 if side == 0 else 0.83
            self.rect((tie_x - 0.03, 0.5, tie_x + 0.03, 0.52), self.lit((230, 190, 70)), outline=False)
        for k in range(10):  # the valance along the top, scalloped and fringed in gold
            x0 = k / 10
            self.draw.chord(
                (*self.px(x0, 0.0), *self.px(x0 + 0.1, 0.16)),
                0,
                180,
                fill=self.lit((190, 30, 48)),
                outline=self.lit((230, 190, 70)),
                width=max(3, self.w // 300),
            )
        self.rect((0, 0.0, 1, 0.06), self.lit((170, 24, 40)), outline=False)
        boards = self.lit((160, 110, 66))
        self.gradient((0, 0.72 * self.h, self.w, 0.92 * self.h), [darker(boards, 0.2), boards])
        for k in range(-8, 9):
            self.draw.line(
                (self.w / 2 + k * self.w / 16, 0.72 * self.h, self.w / 2 + k * self.w / 7, 0.92 * self.h),
                fill=darker(boards, 0.3),
                width=max(2, self.w // 500),
            )
        self.rect((0, 0.92, 1, 1.0), self.lit((30, 18, 20)), outline=False)  # the stage's front and the pit
        for k in range(12):  # footlights along its edge
            x = (k + 0.5) / 12
            self.glow(self.px(x, 0.92), 0.05 * self.w, (255, 220, 150), 130)
            self.draw.chord((*self.px(x - 0.02, 0.9), *self.px(x + 0.02, 0.94)), 180, 360, fill=(255, 236, 170))
        seat = self.lit((120, 20, 36))
        for k in range(7):  # the front row's seat backs, at the corners below the stage
            for x in (0.01 + k * 0.04, 0.99 - (k + 1) * 0.04):
                if 0.28 < x < 0.72:
                    continue
                self.draw.chord(
                    (*self.px(x, 0.95), *self.px(x + 0.036, 1.05)), 180, 360, fill=seat, outline=INK, width=2
                )
        for x in (0.25, 0.75):  # spotlight beams from the gallery
            layer, draw = self.overlay()
            draw.polygon(
                [
                    self.px(x - 0.02, 0.0),
                    self.px(x + 0.02, 0.0),
                    self.px(0.5 + (x - 0.5) * 0.3 + 0.12, 0.9),
                    self.px(0.5 + (x - 0.5) * 0.3 - 0.12, 0.9),
                ],
                fill=(255, 250, 220, 40),
            )
            self.commit(layer)

    def _dressing_room(self) -> None:
        """An actor's dressing room: a mirror ringed with bulbs over a table of greasepaint, a rail of costumes, a
        wig on its stand, a star on the door."""
        self.horizon = 0.72 * self.h
        wall = self.lit((150, 60, 70))
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.3), wall])
        for stripe in range(0, self.w, max(8, self.w // 30)):  # striped wallpaper
            self.draw.line((stripe, 0, stripe, self.horizon), fill=darker(wall, 0.1), width=max(2, self.w // 200))
        floor = self.lit((120, 80, 56))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.2), floor])
        mx = 0.08 if self.side > 0.5 else 0.56
        self.rect((mx, 0.16, mx + 0.36, 0.46), self.lit((40, 30, 30)))
        self.rect((mx + 0.03, 0.19, mx + 0.33, 0.43), self.lit((170, 190, 200)))  # the mirror
        self.poly(
            [(mx + 0.06, 0.43), (mx + 0.12, 0.22), (mx + 0.15, 0.22), (mx + 0.09, 0.43)],
            lighter(self.lit((170, 190, 200)), 0.3),
        )
        for k in range(9):  # its ring of bulbs
            for y in (0.175, 0.445):
                self.dot(mx + 0.02 + k * 0.04, y, 0.008, (255, 240, 190))
        for k in range(1, 6):
            for x in (mx + 0.015, mx + 0.345):
                self.dot(x, 0.175 + k * 0.045, 0.008, (255, 240, 190))
        self.glow(self.px(mx + 0.18, 0.3), 0.25 * self.w, (255, 230, 170), 90)
        wood = self.lit((110, 70, 44))
        self.rect((mx - 0.02, 0.5, mx + 0.38, 0.53), wood)  # the table and its pots of greasepaint
        self.rect((mx, 0.53, mx + 0.02, 0.72), darker(wood, 0.2))
        self.rect((mx + 0.34, 0.53, mx + 0.36, 0.72), darker(wood, 0.2))
        for k, colour in enumerate(((230, 120, 140), (250, 240, 230), (90, 120, 200), (230, 190, 70))):
            self.rect((mx + 0.04 + k * 0.07, 0.47, mx + 0.08 + k * 0.07, 0.5), self.lit(colour))
        rx = 0.62 if mx < 0.5 else 0.04
        steel = self.lit((180, 180, 190))
        self.rect((rx, 0.16, rx + 0.32, 0.175), steel)  # the costume rail
        for x in (rx + 0.01, rx + 0.3):
            self.rect((x, 0.16, x + 0.012, 0.72), steel, outline=False)
        for k, colour in enumerate(((200, 40, 60), (60, 90, 170), (230, 180, 60), (80, 150, 90), (150, 70, 160))):
            x = rx + 0.03 + k * 0.055
            self.draw.line((*self.px(x + 0.025, 0.17), *self.px(x + 0.025, 0.2)), fill=INK, width=2)
            self.poly([(x + 0.01, 0.2), (x + 0.04, 0.2), (x + 0.055, 0.5), (x - 0.005, 0.5)], self.lit(colour))
        self.poly(
            [
                (0.5, 0.06),
                (0.51, 0.09),
                (0.54, 0.09),
                (0.515, 0.11),
                (0.525, 0.14),
                (0.5, 0.12),
                (0.475, 0.14),
                (0.485, 0.11),
                (0.46, 0.09),
                (0.49, 0.09),
            ],
            self.lit((240, 200, 60)),
        )

    def _theatre_box(self) -> None:
        """The auditorium seen from a box: gilded tiers of boxes and the audience, the chandelier, the stage's
        curtain far below, our box's balustrade."""
        self.horizon = 0.72 * self.h
        red, gold = self.lit((140, 24, 40)), self.lit((220, 180, 70))
        self.gradient((0, 0, self.w, self.horizon), [darker(red, 0.5), darker(red, 0.2)])
        r = self.r
        for tier in range(3):  # tiers of boxes across the house, each with its gilded front and its audience
            y = 0.16 + tier * 0.14
            self.rect((0, y + 0.08, 1, y + 0.11), gold)
            for k in range(30):
                x = (k + 0.5) / 30 + r.uniform(-0.005, 0.005)
                self.dot(x, y + 0.06, 0.006, self.lit(r.choice(_SKIN)), outline=False)
                self.dot(x, y + 0.08, 0.008, self.lit(r.choice(_CROWD)), outline=False)
            for k in range(9):
                self.rect((k / 8 - 0.004, y, k / 8 + 0.004, y + 0.08), gold, outline=False)
        sx0, sx1 = (0.02, 0.32) if self.side > 0.5 else (0.68, 0.98)
        self.rect((sx0, 0.52, sx1, 0.72), self.lit((40, 20, 24)))  # the stage far below, its curtain lit
        for k in range(8):
            x = sx0 + k * (sx1 - sx0) / 8
            self.rect(
                (x, 0.53, x + (sx1 - sx0) / 8, 0.7), self.lit((200, 40, 54) if k % 2 else (170, 24, 40)), outline=False
            )
        self.glow(self.px((sx0 + sx1) / 2, 0.7), 0.12 * self.w, (255, 220, 150), 120)
        cx = 0.5
        self.draw.line((*self.px(cx, 0.0), *self.px(cx, 0.08)), fill=gold, width=max(2, self.w // 400))
        self.glow(self.px(cx, 0.12), 0.14 * self.w, (255, 236, 180), 140)
        for k in range(7):  # the chandelier's lights
            a = math.pi * k / 6
            self.dot(cx + 0.06 * math.cos(a), 0.12 + 0.02 * math.sin(a), 0.007, (255, 246, 210))
        self.draw.chord((*self.px(cx - 0.06, 0.08), *self.px(cx + 0.06, 0.16)), 0, 180, fill=gold, outline=INK, width=2)
        carpet = self.lit((120, 20, 34))
        self.gradient((0, self.horizon, self.w, self.h), [darker(carpet, 0.2), carpet])
        self.rect((0, 0.7, 1, 0.74), gold)  # our box's gilded balustrade
        for k in range(21):
            x = k / 20
            self.draw.chord(
                (*self.px(x - 0.012, 0.74), *self.px(x + 0.012, 0.8)), 0, 360, fill=gold, outline=INK, width=2
            )

    def _cafe(self) -> None:
        """A café: a window on the street, a counter with cakes and a coffee machine, shelves of cups, a menu board,
        little tables laid with cups, lamps hanging, a chequered floor."""
        self.horizon = 0.72 * self.h
        grand = has_any(self.scene.seed, ("grand", "rival", "black"))  # a rival's grand café: red and gold
        wall = self.lit((150, 40, 50) if grand else (236, 222, 190))
        panel = self.lit((60, 30, 30) if grand else (120, 76, 46))
        self.gradient((0, 0, self.w, 0.46 * self.h), [darker(wall, 0.12), wall])
        self.rect((0, 0.46, 1, 0.72), panel, outline=False)
        for k in range(12):  # the wood panelling's joints
            self.draw.line((*self.px(k / 12, 0.46), *self.px(k / 12, 0.72)), fill=darker(panel, 0.25), width=2)
        left = self.side > 0.5  # the window on one side, the counter on the other
        wx0 = 0.04 if left else 0.58
        self._shop_window((wx0, 0.1, wx0 + 0.38, 0.5))
        cx0 = 0.6 if left else 0.02
        self._counter(cx0, cx0 + 0.38)
        width = max(3, self.w // 300)
        for x in (0.3, 0.7):  # pendant lamps
            self.draw.line((*self.px(x, 0.0), *self.px(x, 0.1)), fill=INK, width=width)
            self.draw.chord(
                (*self.px(x - 0.04, 0.09), *self.px(x + 0.04, 0.16)),
                180,
                360,
                fill=self.lit((40, 90, 70)),
                outline=INK,
                width=2,
            )
            self.glow(self.px(x, 0.13), 0.08 * self.w, (255, 214, 140), 120)
        light, dark = self.lit((236, 232, 222)), self.lit((50, 48, 52))
        self.rect((0, 0.72, 1, 1), light, outline=False)

        def at(col: float, y: float) -> tuple[float, float]:  # the floor's grid in perspective, toward the middle
            return 0.5 + (col / 12 - 0.5) * (1 + 1.6 * (y - 0.72) / 0.28), y

        rows = [0.72, 0.76, 0.81, 0.87, 0.94, 1.02]
        for row, (y0, y1) in enumerate(itertools.pairwise(rows)):
            for col in range(-4, 16):
                if (row + col) % 2:
                    self.poly([at(col, y0), at(col + 1, y0), at(col + 1, y1), at(col, y1)], dark)
        for x in (0.12, 0.88):  # little round tables in front, a cup on each
            self._cafe_table(x, 0.8)

    def _shop_window(self, box: tuple[float, float, float, float]) -> None:
        """The café's big window: the sky and the houses across the street, its name's awning edge above."""
        x0, y0, x1, y1 = (round(v * s) for v, s in zip(box, (self.w, self.h, self.w, self.h), strict=True))
        strip = Image.new("RGB", (1, 3))
        strip.putdata(list(SKIES[self.scene.time]))
        self.image.paste(strip.resize((x1 - x0, y1 - y0), Image.Resampling.BILINEAR), (x0, y0))
        lit = self.scene.time in ("night", "sunset")
        for k in range(4):  # the houses across the street
            hx = box[0] + k * (box[2] - box[0]) / 4
            top = box[1] + 0.12 + 0.04 * (k % 2)
            tone = self.lit(((200, 150, 120), (170, 180, 200), (220, 200, 150), (190, 130, 110))[k])
            self.rect((hx, top, hx + (box[2] - box[0]) / 4, box[3]), tone, outline=False)
            self.rect(
                (hx + 0.02, top + 0.04, hx + 0.05, top + 0.09),
                (255, 214, 120) if lit else self.lit((120, 150, 180)),
                outline=False,
            )
        self.pane_weather((x0, y0, x1, y1))
        frame, width = self.lit((60, 40, 30)), max(4, self.w // 150)
        self.draw.rectangle((x0, y0, x1, y1), outline=frame, width=width)
        self.draw.line(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1), fill=frame, width=width)
        for k in range(8):  # the awning's scalloped edge over the glass
            sx = box[0] + k * (box[2] - box[0]) / 8
            self.draw.chord(
                (*self.px(sx, box[1] - 0.03), *self.px(sx + (box[2] - box[0]) / 8, box[1] + 0.03)),
                0,
                180,
                fill=self.lit((200, 40, 50) if k % 2 else (246, 240, 230)),
                outline=INK,
                width=2,
            )

    def _counter(self, x0: float, x1: float) -> None:
        """The counter: a glass case of cakes, the coffee machine, shelves of cups behind, a chalk menu."""
        wood = self.lit((150, 96, 56))
        self.rect((x0 + 0.04, 0.08, x1 - 0.04, 0.24), self.lit((40, 46, 44)))  # the menu board
        for k in range(4):
            y = 0.11 + k * 0.034
            self.draw.line(
                (*self.px(x0 + 0.07, y), *self.px(x1 - 0.1 - 0.03 * (k % 2), y)), fill=(236, 236, 226), width=2
            )
        for y in (0.3, 0.4):  # shelves of cups
            self.rect((x0, y, x1, y + 0.012), darker(wood, 0.2))
            for k in range(7):
                cx = x0 + 0.03 + k * (x1 - x0 - 0.06) / 6
                self.draw.chord(
                    (*self.px(cx - 0.014, y - 0.04), *self.px(cx + 0.014, y + 0.0)),
                    0,
                    180,
                    fill=self.lit((246, 246, 240)),
                    outline=INK,
                    width=2,
                )
        self.rect((x0, 0.52, x1, 0.72), wood)  # the counter
        self.rect((x0 - 0.01, 0.5, x1 + 0.01, 0.53), darker(wood, 0.3))
        mx = x0 + 0.04
        self.rect((mx, 0.4, mx + 0.1, 0.5), self.lit((200, 204, 212)))  # the coffee machine
        self.rect((mx + 0.02, 0.46, mx + 0.08, 0.47), INK, outline=False)
        for k in range(2):
            self.rect((mx + 0.025 + k * 0.04, 0.47, mx + 0.035 + k * 0.04, 0.49), INK, outline=False)
        case = (mx + 0.14, 0.42, x1 - 0.02, 0.5)
        self.rect(case, self.lit((210, 230, 236)))
        for k in range(4):  # cakes in the glass case
            cx = case[0] + 0.02 + k * (case[2] - case[0] - 0.04) / 3
            self.draw.chord(
                (*self.px(cx - 0.02, 0.44), *self.px(cx + 0.02, 0.52)),
                180,
                360,
                fill=self.lit(((230, 120, 140), (140, 80, 50), (250, 220, 150), (240, 240, 230))[k]),
                outline=INK,
                width=2,
            )

    def _cafe_table(self, x: float, top: float) -> None:
        cloth, width = self.lit((246, 244, 236)), max(3, self.w // 300)
        self.rect((x - 0.008, top + 0.02, x + 0.008, top + 0.17), self.lit((50, 50, 56)))
        self.rect((x - 0.04, top + 0.16, x + 0.04, top + 0.175), self.lit((50, 50, 56)))
        self.draw.ellipse(
            (*self.px(x - 0.1, top - 0.03), *self.px(x + 0.1, top + 0.03)), fill=cloth, outline=INK, width=width
        )
        cup = self.lit((250, 250, 246))
        self.draw.ellipse(
            (*self.px(x - 0.03, top - 0.012), *self.px(x + 0.03, top + 0.004)), fill=cup, outline=INK, width=2
        )
        self.draw.chord(
            (*self.px(x - 0.016, top - 0.05), *self.px(x + 0.016, top - 0.0)), 0, 180, fill=cup, outline=INK, width=2
        )
        for k in range(2):  # steam
            sx = x - 0.006 + k * 0.012
            self.draw.line(
                [self.px(sx + 0.004 * math.sin(t * 3), top - 0.05 - t * 0.02) for t in range(4)],
                fill=lighter(self.lit((200, 200, 200)), 0.3),
                width=2,
            )

    def _throne_room(self) -> None:
        """A throne room: stone walls, tall windows, banners, a red carpet up to the throne on its dais."""
        self.horizon = 0.72 * self.h
        stone = self.lit((150, 144, 150))
        self.gradient((0, 0, self.w, self.horizon), [darker(stone, 0.3), stone])
        for y in range(1, 12):  # the masonry's courses
            self.draw.line((0, y * 0.06 * self.h, self.w, y * 0.06 * self.h), fill=darker(stone, 0.15), width=2)
        for x in (0.08, 0.8):  # tall arched windows
            self._window((x, 0.16, x + 0.12, 0.5))
            self.draw.chord((*self.px(x, 0.1), *self.px(x + 0.12, 0.22)), 180, 360, fill=darker(stone, 0.4))
        for k, x in enumerate((0.26, 0.68)):  # banners
            colour = self.lit((40, 70, 160) if k else (170, 30, 40))
            self.poly([(x, 0.06), (x + 0.06, 0.06), (x + 0.06, 0.42), (x + 0.03, 0.38), (x, 0.42)], colour)
            self.dot(x + 0.03, 0.18, 0.014, self.lit((230, 190, 70)))
        floor = self.lit((120, 116, 120))
        self.gradient((0, 0.72 * self.h, self.w, self.h), [darker(floor, 0.2), floor])
        self.poly([(0.44, 0.72), (0.56, 0.72), (0.7, 1.0), (0.3, 1.0)], self.lit((170, 30, 44)))  # the carpet
        self.rect((0.38, 0.64, 0.62, 0.72), darker(stone, 0.2))  # the dais and the throne
        gold = self.lit((220, 180, 60))
        self.poly([(0.45, 0.64), (0.45, 0.34), (0.5, 0.28), (0.55, 0.34), (0.55, 0.64)], gold)
        self.rect((0.465, 0.38, 0.535, 0.6), self.lit((160, 26, 40)))
        for x in (0.45, 0.55):
            self.dot(x, 0.34, 0.01, gold)

    def _high_wire(self) -> None:
        """High in the big top: its canvas and spotlights, the ring far below with its crowd, the wire underfoot."""
        self._big_top()
        self.horizon = 0.62 * self.h
        seats = self.lit((60, 40, 50))
        self.draw.ellipse((*self.px(0.1, 0.55), *self.px(0.9, 1.05)), fill=seats)
        self._crowd_ring()
        self.draw.ellipse(
            (*self.px(0.3, 0.68), *self.px(0.7, 0.92)),
            fill=self.lit((214, 176, 120)),
            outline=self.lit((190, 40, 50)),
            width=max(6, self.w // 120),
        )
        net = self.lit((230, 230, 230))
        for k in range(13):  # the safety net, between us and the ring
            x = 0.2 + k * 0.05
            self.draw.line((*self.px(x, 0.7), *self.px(x + 0.03, 0.86)), fill=net, width=1)
        for k in range(5):
            y = 0.7 + k * 0.04
            self.draw.line((*self.px(0.2, y), *self.px(0.83, y)), fill=net, width=1)
        px = 0.92 if self.side > 0.5 else 0.0  # the platform at the end of the wire
        wood = self.lit((150, 100, 60))
        self.rect((px, 0.8, px + 0.08, 0.83), wood)
        self.rect((px + 0.035, 0.83, px + 0.045, 1.0), self.lit((200, 200, 210)), outline=False)
        self.draw.line((0, 0.81 * self.h, self.w, 0.81 * self.h), fill=INK, width=max(4, self.w // 200))
        layer, draw = self.overlay()
        for x in (0.15, 0.85):  # the spotlights' beams on the wire
            draw.polygon(
                [
                    self.px(x - 0.01, 0.08),
                    self.px(x + 0.01, 0.08),
                    self.px(0.5 + (0.5 - x) * 0.1 + 0.1, 0.82),
                    self.px(0.5 + (0.5 - x) * 0.1 - 0.1, 0.82),
                ],
                fill=(255, 250, 220, 46),
            )
        self.commit(layer)

    def _crowd_ring(self) -> None:
        """The audience round the ring far below: faces in rings."""
        r = self.r
        for ring in range(3):
            rx, ry = 0.34 - ring * 0.07, 0.16 - ring * 0.03
            for k in range(40 - ring * 8):
                a = math.pi * (1.05 + 0.9 * k / (39 - ring * 8))
                x, y = 0.5 + (rx + 0.08) * math.cos(a), 0.82 + (ry + 0.06) * math.sin(a)
                if y < 0.6:
                    continue
                self.dot(x, y, 0.004, self.lit(r.choice(_CROWD)), outline=False)
