"""What furnishes a room the background names: a kitchen's range, pots and shelves, a banquet hall's long table, a
workshop's bench and tools, a library's shelves of books, a contest hall's bunting, judges and benches, and a table
laid for a feast in any room."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.halls import Halls
from providers.offline.drawing.lighthouses import LighthouseRooms
from providers.offline.drawing.museums import Galleries
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.schools import Classrooms
from providers.offline.drawing.spots import Spots
from providers.offline.drawing.stations import StationRooms
from providers.offline.drawing.terminals import Terminals

_SPINES: tuple[RGB, ...] = ((150, 40, 40), (40, 80, 130), (50, 110, 70), (180, 140, 50), (90, 50, 110), (120, 70, 40))
_COOKS = ("cook", "chef", "dish", "bake", "baker", "pie", "stew", "soup", "recipe", "ladle")
_FOOD: tuple[RGB, ...] = ((200, 60, 50), (240, 180, 60), (110, 160, 60), (230, 120, 40), (150, 60, 120))


# Halls and spots drawn whole by their own painter (drawing/halls.py, spots.py, terminals.py).
_WHOLE: dict[str, Callable[[Furnishings], None]] = {
    "rink": Halls._rink, "rink-box": Halls._rink_box, "theatre": Halls._theatre, "cafe": Halls._cafe,
    "throne-room": Halls._throne_room,
    "circus-wire": Halls._high_wire, "hospital-corridor": Spots._hospital_corridor,
    "hospital-theatre": Spots._operating_theatre, "stadium-tunnel": Spots._stadium_tunnel,
    "museum-vault": Spots._museum_vault, "museum-tomb": Spots._museum_tomb,
    "theatre-dressing-room": Halls._dressing_room, "theatre-box": Halls._theatre_box, "farm-barn": Spots._barn,
    "fairground-mirrors": Spots._mirror_hall, "fairground-booth": Spots._fortune_booth,
    "zoo-house": Spots._animal_house, "airport-lounge": Terminals._departure_lounge,
    "airport-tower": Terminals._control_tower, "school-corridor": Terminals._school_corridor,
    "ice-igloo": Terminals._igloo,
}  # fmt: skip


class Furnishings(LighthouseRooms, StationRooms, Classrooms, Galleries, Halls, Terminals):
    """Rooms furnished as what they are; all placed in fractions of the canvas, on the back wall (horizon 0.72)."""

    def _room(self) -> None:
        """The room's walls and window, then what the setting furnishes it with."""
        if self.scene.setting in ("lighthouse", "tower-room"):  # round stone walls of its own
            self._lighthouse_room()
        elif self.scene.setting == "station":  # riveted metal and a viewport on the stars
            self._station()
        elif self.scene.setting == "museum":  # a gallery's tall plain wall, paintings and exhibits
            self._gallery()
        elif self.scene.setting == "circus":  # the big top's striped canvas; a villain's black tent darker
            self._big_top()
            if has_any(self.scene.seed, ("black circus tent", "black tent")):
                layer, draw = self.overlay(self.horizon)
                draw.rectangle((0, 0, self.w, self.horizon), fill=(24, 8, 36, 150))
                self.commit(layer)
        elif self.scene.setting in _WHOLE:  # drawn whole, walls and floor (drawing/halls.py, spots.py)
            _WHOLE[self.scene.setting](self)
            return
        else:
            self._interior(picture=self.scene.setting == "interior")
        furnish = {
            "kitchen": self._kitchen,
            "banquet-hall": self._banquet_hall,
            "workshop": self._workshop,
            "library": self._library,
            "contest-hall": self._contest_hall,
            "school": self._classroom,
            "hospital": self._ward,
        }.get(self.scene.setting)
        if furnish is not None:
            furnish()
        if "feast" in self.scene.features and self.scene.setting != "banquet-hall":
            self._feast_table(0.5, 0.3)

    def _kitchen(self) -> None:
        """White tiles, a black range with pots steaming on it, a shelf of jars and hanging pans."""
        tile = self.lit((232, 232, 222))
        self.rect((0, 0.34, 1, 0.72), tile, outline=False)
        for k in range(1, 16):  # the tiles' grout
            x = k / 16
            self.draw.line((x * self.w, 0.34 * self.h, x * self.w, 0.72 * self.h), fill=darker(tile, 0.12), width=2)
        for k in range(1, 6):
            y = 0.34 + k * 0.076
            self.draw.line((0, y * self.h, self.w, y * self.h), fill=darker(tile, 0.12), width=2)
        x0 = 0.6  # the range on the right, the window on the left, the shelf between them
        iron, copper = self.lit((48, 46, 52)), self.lit((196, 110, 60))
        self.rect((x0, 0.5, x0 + 0.34, 0.72), iron)  # the range
        for k in range(2):  # oven doors
            self.rect((x0 + 0.03 + k * 0.16, 0.56, x0 + 0.15 + k * 0.16, 0.69), darker(iron, 0.3))
        for k, (dx, w, h) in enumerate(((0.05, 0.1, 0.07), (0.19, 0.12, 0.09))):  # pots, one steaming
            self.rect((x0 + dx, 0.5 - h, x0 + dx + w, 0.5), copper if k else self.lit((90, 90, 100)))
            self.rect((x0 + dx - 0.01, 0.5 - h, x0 + dx + w + 0.01, 0.5 - h + 0.012), darker(copper, 0.3))
        layer, draw = self.overlay()
        for k in range(4):  # steam rising
            cx, cy = (x0 + 0.25 + 0.02 * (k % 2)) * self.w, (0.36 - k * 0.06) * self.h
            rad = (0.025 + k * 0.008) * self.w
            draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(255, 255, 255, 110 - k * 20))
        self.commit(layer)
        shelf = 0.35
        self.rect((shelf, 0.22, shelf + 0.32, 0.235), self.lit((130, 90, 60)))
        for k in range(6):  # jars on the shelf
            colour = self.lit(_FOOD[k % len(_FOOD)])
            self.rect((shelf + 0.01 + k * 0.052, 0.16, shelf + 0.05 + k * 0.052, 0.22), lighter(colour, 0.2))
            self.rect((shelf + 0.01 + k * 0.052, 0.15, shelf + 0.05 + k * 0.052, 0.165), darker(colour, 0.3))
        for k in range(3):  # pans hanging from a rail
            x = shelf + 0.06 + k * 0.1
            self.draw.line((x * self.w, 0.26 * self.h, x * self.w, 0.3 * self.h), fill=INK, width=3)
            self.dot(x, 0.33, 0.025, copper)

    def _banquet_hall(self) -> None:
        """Banners on the wall, a chandelier's candles, and a long table laid for a feast."""
        for k, colour in enumerate(((160, 30, 40), (40, 60, 130), (160, 30, 40))):
            x = 0.36 + k * 0.14
            self.poly([(x, 0.06), (x + 0.08, 0.06), (x + 0.08, 0.34), (x + 0.04, 0.3), (x, 0.34)], self.lit(colour))
            self.dot(x + 0.04, 0.16, 0.015, self.lit((230, 190, 60)), outline=False)
        gold = self.lit((210, 170, 70))
        self.draw.line((0.5 * self.w, 0, 0.5 * self.w, 0.06 * self.h), fill=INK, width=3)
        self.draw.arc((0.42 * self.w, 0.0, 0.58 * self.w, 0.1 * self.h), 0, 180, fill=gold, width=max(3, self.w // 250))
        for k in range(5):  # candles
            x = 0.43 + k * 0.035
            self.rect((x, 0.02, x + 0.008, 0.05), (246, 240, 220))
            self.glow((x * self.w, 0.015 * self.h), 0.02 * self.w, (255, 220, 140), 170)
        self._feast_table(0.5, 0.46)

    def _contest_hall(self) -> None:
        """Bunting across the hall, the judges' table under a banner at the back, and a contestant's bench either
        side: a pot steaming on a burner for cooks, a covered entry on a stand for any other craft."""
        r, width = self.r, max(2, self.w // 400)
        for row, sag in ((0.05, 0.06), (0.16, 0.05)):  # strings of pennants
            points = [(k / 10, row + sag * (1 - ((k % 5) / 2 - 1) ** 2)) for k in range(11)]
            self.draw.line([self.px(x, y) for x, y in points], fill=INK, width=width)
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                colour = self.lit(r.choice(_FOOD))
                self.poly([(x0 + 0.01, y0), (x1 - 0.01, y1), ((x0 + x1) / 2, (y0 + y1) / 2 + 0.06)], colour)
        banner = self.lit((150, 40, 50))
        self.rect((0.36, 0.26, 0.64, 0.4), banner)
        self.dot(0.5, 0.33, 0.03, self.lit((230, 190, 60)))  # the prize's rosette
        cloth = self.lit((40, 70, 130))
        self.rect((0.3, 0.5, 0.7, 0.62), cloth)  # the judges' table, a cloth to the floor
        for k in range(3):  # the judges' cards
            self.rect((0.36 + k * 0.11, 0.465, 0.42 + k * 0.11, 0.5), self.lit((246, 244, 236)))
        cooking = has_any(self.scene.seed, _COOKS)
        wood, iron = self.lit((150, 104, 62)), self.lit((60, 60, 66))
        for x in (0.02, 0.78):  # the benches either side
            self.rect((x, 0.56, x + 0.2, 0.72), wood)
            if cooking:
                self.rect((x + 0.04, 0.535, x + 0.16, 0.56), iron)  # the burner
                self.rect((x + 0.05, 0.46, x + 0.15, 0.535), self.lit((196, 110, 60)))  # the pot
                layer, draw = self.overlay()
                for k in range(3):  # steam
                    cx, cy, rad = (x + 0.1 + 0.015 * (k % 2)) * self.w, (0.42 - k * 0.05) * self.h, 0.02 * self.w
                    draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(255, 255, 255, 100 - k * 25))
                self.commit(layer)
            else:
                self.rect((x + 0.08, 0.52, x + 0.12, 0.56), self.lit((200, 170, 80)))  # a stand
                self.draw.chord(((x + 0.04) * self.w, 0.42 * self.h, (x + 0.16) * self.w, 0.6 * self.h), 180, 360,
                                fill=self.lit((220, 224, 232)), outline=INK, width=width)  # fmt: skip

    def _feast_table(self, x: float, half: float) -> None:
        """A table in front of the back wall under a white cloth, laid with a roast, fruit, a cake and goblets."""
        cloth = self.lit((248, 244, 232))
        top, bottom = 0.6, 0.73
        self.rect((x - half, top, x + half, bottom), cloth)
        self.rect((x - half, top, x + half, top + 0.02), darker(cloth, 0.08))
        r = self.r
        dishes = ("roast", "fruit", "cake", "fruit", "roast", "cake")
        count = max(2, round(half * 10))
        for k in range(count):
            dx = x - half + (k + 0.5) * 2 * half / count
            dish = dishes[k % len(dishes)]
            self.draw.ellipse(
                ((dx - 0.04) * self.w, (top - 0.012) * self.h, (dx + 0.04) * self.w, (top + 0.012) * self.h),
                fill=self.lit((220, 220, 228)),
                outline=INK,
                width=2,
            )
            if dish == "roast":
                self.draw.chord(
                    ((dx - 0.032) * self.w, (top - 0.05) * self.h, (dx + 0.032) * self.w, (top + 0.01) * self.h),
                    180,
                    360,
                    fill=self.lit((170, 90, 40)),
                    outline=INK,
                    width=2,
                )
            elif dish == "cake":
                self.rect((dx - 0.025, top - 0.05, dx + 0.025, top - 0.002), self.lit((250, 220, 230)))
                self.rect((dx - 0.025, top - 0.05, dx + 0.025, top - 0.038), self.lit((200, 60, 90)))
            else:
                for j in range(5):
                    self.dot(dx - 0.024 + j * 0.012, top - 0.018 - 0.012 * (j % 2), 0.009, self.lit(r.choice(_FOOD)))
            goblet = self.lit((210, 170, 70))
            gx = dx + 0.045
            self.poly(
                [
                    (gx - 0.008, top - 0.05),
                    (gx + 0.008, top - 0.05),
                    (gx + 0.003, top - 0.03),
                    (gx + 0.003, top - 0.005),
                    (gx - 0.003, top - 0.005),
                    (gx - 0.003, top - 0.03),
                ],
                goblet,
            )

    def _workshop(self) -> None:
        """A workbench along the back wall with a vice, a pegboard of tools above it, cogs, and a hanging lamp."""
        wood, steel = self.lit((150, 104, 62)), self.lit((150, 156, 166))
        board = self.lit((196, 160, 110))
        self.rect((0.36, 0.12, 0.94, 0.46), board)
        for k in range(1, 10):  # the pegboard's holes
            for j in range(1, 6):
                self.dot(0.36 + k * 0.058, 0.12 + j * 0.057, 0.002, darker(board, 0.4), outline=False)
        for k, tool in enumerate(("hammer", "wrench", "saw", "wrench", "screwdriver")):
            x = 0.42 + k * 0.11
            if tool == "hammer":
                self.rect((x - 0.006, 0.2, x + 0.006, 0.4), wood)
                self.rect((x - 0.03, 0.18, x + 0.03, 0.22), steel)
            elif tool == "wrench":
                self.rect((x - 0.006, 0.22, x + 0.006, 0.4), steel)
                self.dot(x, 0.21, 0.016, steel)
                self.dot(x, 0.2, 0.006, board, outline=False)
            elif tool == "saw":
                self.poly([(x - 0.03, 0.2), (x + 0.03, 0.24), (x + 0.03, 0.4), (x - 0.03, 0.36)], steel)
                self.rect((x - 0.04, 0.17, x - 0.02, 0.22), wood)
            else:
                self.rect((x - 0.01, 0.2, x + 0.01, 0.28), self.lit((200, 50, 40)))
                self.rect((x - 0.003, 0.28, x + 0.003, 0.4), steel)
        self.rect((0.04, 0.56, 0.96, 0.6), wood)  # the bench top, its legs below
        for x in (0.06, 0.92):
            self.rect((x, 0.6, x + 0.02, 0.72), darker(wood, 0.3))
        self.rect((0.1, 0.5, 0.18, 0.56), darker(steel, 0.2))  # a vice
        for k, (x, rad) in enumerate(((0.74, 0.035), (0.8, 0.022), (0.86, 0.03))):  # cogs on the bench
            self.dot(x, 0.56 - rad * 1.2, rad, self.lit((190, 150, 60)) if k % 2 else steel)
            self.dot(x, 0.56 - rad * 1.2, rad * 0.35, darker(steel, 0.4))
        self.draw.line((0.5 * self.w, 0, 0.5 * self.w, 0.06 * self.h), fill=INK, width=3)
        self.glow((0.5 * self.w, 0.09 * self.h), 0.12 * self.w, (255, 220, 150), 130)
        self.poly([(0.46, 0.09), (0.48, 0.06), (0.52, 0.06), (0.54, 0.09)], self.lit((60, 90, 70)))

    def _library(self) -> None:
        """Shelves from floor to ceiling filled with books of many colours and heights, and a rolling ladder."""
        r, wood = self.r, self.lit((110, 70, 44))
        self.rect((0, 0, 1, 0.72), darker(wood, 0.2), outline=False)
        for row in range(5):
            y0, y1 = 0.02 + row * 0.14, 0.14 + row * 0.14
            x = 0.01
            while x < 0.99:
                w = r.uniform(0.012, 0.024)
                top = y0 + r.uniform(0.005, 0.03)
                self.rect((x, top, min(x + w, 0.99), y1), self.lit(r.choice(_SPINES)))
                x += w + 0.002
            self.rect((0, y1, 1, y1 + 0.012), wood)
        for x in (0.7, 0.76):
            self.draw.line((x * self.w, 0, (x + 0.04) * self.w, 0.72 * self.h), fill=lighter(wood, 0.2), width=5)
        for k in range(8):
            y = 0.06 + k * 0.085
            x = 0.7 + 0.04 * y / 0.72
            self.draw.line((x * self.w, y * self.h, (x + 0.06) * self.w, y * self.h), fill=lighter(wood, 0.2), width=4)
