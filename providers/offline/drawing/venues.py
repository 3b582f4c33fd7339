"""Big open-air places built for crowds or travel: a stadium (tiers of stands packed with a crowd, floodlight
masts, a pitch marked white underfoot) and an airport (its terminal and control tower, an airliner at the gate, the
runway's markings and lights underfoot)."""

from __future__ import annotations

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.landscapes import Landscapes
from providers.offline.drawing.pen import has_any

_RACING = ("race", "racetrack", "race track", "grand prix", "speedway", "velodrome", "race car", "racing")
_SHIRTS: tuple[RGB, ...] = ((220, 60, 60), (250, 250, 250), (60, 110, 200), (250, 200, 60), (40, 40, 50))


class Venues(Landscapes):
    """A stadium and an airport under the sky, in fractions of the canvas size."""

    def _stadium(self) -> None:
        r = self.r
        self.horizon = 0.62 * self.h
        stand = self.lit((120, 124, 140))
        self.poly([(0, 0.62), (0, 0.3), (1, 0.3), (1, 0.62)], stand)
        self.rect((-0.01, 0.27, 1.01, 0.3), darker(stand, 0.3))  # the roof's edge
        for row in range(6):  # the crowd in its tiers, a head and a shirt each
            y = 0.33 + row * 0.05
            self.draw.line((0, (y + 0.035) * self.h, self.w, (y + 0.035) * self.h), fill=darker(stand, 0.25),
                           width=max(2, self.w // 400))  # fmt: skip
            for k in range(40):
                x = (k + 0.5 * (row % 2) + r.uniform(-0.2, 0.2)) / 40
                self.dot(x, y + 0.018, 0.008, self.lit(r.choice(_SHIRTS)), outline=False)
                self.dot(x, y + 0.006, 0.005, self.lit(r.choice(((230, 190, 160), (170, 120, 90), (110, 76, 56)))),
                         outline=False)  # fmt: skip
        night = self.scene.time in ("night", "sunset")
        for x in (0.06, 0.94):  # floodlight masts, lit after dark
            self.rect((x - 0.005, 0.04, x + 0.005, 0.3), self.lit((170, 170, 180)), outline=False)
            self.rect((x - 0.035, 0.03, x + 0.035, 0.08), self.lit((90, 90, 100)))
            if night:
                self.glow(self.px(x, 0.055), 0.14 * self.w, (255, 250, 220), 170)
            for k in range(3):
                self.dot(x - 0.022 + k * 0.022, 0.055, 0.008, (255, 252, 230) if night else self.lit((220, 224, 230)))
        self.rect((0, 0.6, 1, 0.63), self.lit((60, 60, 70)), outline=False)  # the hoardings
        if has_any(self.scene.seed, _RACING):
            self._track()
            return
        grass = self.lit((70, 150, 70))
        self.gradient((0, 0.63 * self.h, self.w, self.h), [grass, darker(grass, 0.15)])
        for k in range(8):  # the mown stripes
            if k % 2:
                self.poly([(k / 8 - 0.06, 0.63), ((k + 1) / 8 - 0.06, 0.63), ((k + 1) / 8 * 1.3 - 0.2, 1.0),
                           (k / 8 * 1.3 - 0.2, 1.0)], lighter(grass, 0.08))  # fmt: skip
        white, width = self.lit((246, 246, 240)), max(3, self.w // 250)
        self.draw.line((0, 0.67 * self.h, self.w, 0.67 * self.h), fill=white, width=width)  # the touchline
        self.draw.line((0.5 * self.w, 0.67 * self.h, 0.5 * self.w, self.h), fill=white, width=width)
        self.draw.ellipse((0.34 * self.w, 0.74 * self.h, 0.66 * self.w, 1.06 * self.h), outline=white, width=width)

    def _stands(self) -> None:
        """Up in the stands: the stand across the pitch and its crowd, the pitch below, our own tiers of seats."""
        r = self.r
        self.horizon = 0.6 * self.h
        stand = self.lit((120, 124, 140))
        self.rect((0, 0.26, 1, 0.46), stand, outline=False)
        self.rect((-0.01, 0.24, 1.01, 0.27), darker(stand, 0.3))
        for row in range(4):  # the crowd across the pitch
            for k in range(60):
                x = (k + 0.5 * (row % 2) + r.uniform(-0.2, 0.2)) / 60
                self.dot(x, 0.3 + row * 0.04, 0.006, self.lit(r.choice(_SHIRTS)), outline=False)
        if has_any(self.scene.seed, _RACING):  # a racetrack's asphalt below, its lane lines
            asphalt = self.lit((80, 82, 88))
            self.gradient((0, 0.46 * self.h, self.w, 0.64 * self.h), [darker(asphalt, 0.1), asphalt])
            for y in (0.5, 0.57):
                self.draw.line(
                    (0, y * self.h, self.w, y * self.h), fill=self.lit((240, 240, 236)), width=max(2, self.w // 400)
                )
        else:
            grass = self.lit((70, 150, 70))
            self.gradient((0, 0.46 * self.h, self.w, 0.64 * self.h), [darker(grass, 0.1), grass])
            white, width = self.lit((246, 246, 240)), max(2, self.w // 400)
            self.draw.line((0, 0.48 * self.h, self.w, 0.48 * self.h), fill=white, width=width)
            self.draw.line((0.5 * self.w, 0.48 * self.h, 0.5 * self.w, 0.64 * self.h), fill=white, width=width)
            self.draw.ellipse((0.42 * self.w, 0.52 * self.h, 0.58 * self.w, 0.62 * self.h), outline=white, width=width)
        if self.scene.time in ("night", "sunset"):
            for x in (0.06, 0.94):
                self.glow(self.px(x, 0.1), 0.14 * self.w, (255, 250, 220), 170)
                self.rect((x - 0.035, 0.08, x + 0.035, 0.12), (255, 252, 230))
        concrete = self.lit((150, 150, 156))
        self.gradient((0, 0.64 * self.h, self.w, self.h), [concrete, darker(concrete, 0.2)])
        seat = self.lit((40, 90, 170) if "red" not in self.scene.seed else (180, 40, 50))
        rows = (0.64, 0.7, 0.77, 0.86, 0.97)
        for row, y in enumerate(rows[:-1]):  # our tiers of seats, bigger toward us
            size = rows[row + 1] - y
            count = 18 - 3 * row
            for k in range(count):
                x = (k + 0.5 * (row % 2)) / count
                self.draw.rounded_rectangle(
                    (*self.px(x + 0.1 * size, y + 0.1 * size), *self.px(x + 0.7 * size, y + 0.6 * size)),
                    radius=max(2, round(0.1 * size * self.w)),
                    fill=seat,
                    outline=INK,
                    width=2,
                )
            self.draw.line(
                (0, (y + size * 0.85) * self.h, self.w, (y + size * 0.85) * self.h),
                fill=darker(concrete, 0.3),
                width=max(2, self.w // 500),
            )

    def _track(self) -> None:
        """A racetrack's asphalt, its lane lines and a chequered line across it."""
        asphalt = self.lit((80, 82, 88))
        self.gradient((0, 0.63 * self.h, self.w, self.h), [asphalt, darker(asphalt, 0.2)])
        white, width = self.lit((240, 240, 236)), max(3, self.w // 250)
        for y in (0.66, 0.78, 0.95):
            self.draw.line((0, y * self.h, self.w, y * self.h), fill=white, width=width)
        for row in range(7):  # the chequered line across the track, two squares wide
            for col in range(2):
                y0 = 0.66 + row * 0.0486
                tone = white if (row + col) % 2 else self.lit((30, 30, 34))
                self.rect((0.6 + 0.03 * col, y0, 0.63 + 0.03 * col, y0 + 0.0486), tone, outline=False)

    def _airport(self) -> None:
        r = self.r
        self.horizon = 0.6 * self.h
        self.rect((0, 0.575, 1, 0.66), self.lit((110, 150, 90)), outline=False)  # the grass, from under the sky
        tarmac = self.lit((96, 98, 104))
        self.gradient((0, 0.66 * self.h, self.w, self.h), [tarmac, darker(tarmac, 0.25)])
        glass, wall = self.lit((120, 160, 190)), self.lit((210, 210, 214))
        x0 = 0.04 if self.side > 0.5 else 0.4  # the terminal across from the tower
        self.rect((x0, 0.42, x0 + 0.56, 0.6), wall)
        self.rect((x0 + 0.02, 0.45, x0 + 0.54, 0.56), glass)
        for k in range(1, 10):  # the glass wall's mullions
            x = x0 + 0.02 + k * 0.052
            self.draw.line((*self.px(x, 0.45), *self.px(x, 0.56)), fill=darker(glass, 0.3), width=max(2, self.w // 400))
        self.poly([(x0 - 0.02, 0.42), (x0 + 0.28, 0.36), (x0 + 0.58, 0.42)], self.lit((170, 172, 180)))
        tx = self.side
        self.rect((tx - 0.015, 0.24, tx + 0.015, 0.6), wall)  # the control tower and its glass cab
        self.poly([(tx - 0.05, 0.24), (tx + 0.05, 0.24), (tx + 0.04, 0.17), (tx - 0.04, 0.17)], glass)
        self.rect((tx - 0.055, 0.16, tx + 0.055, 0.175), self.lit((90, 94, 104)))
        if self.scene.time != "day":
            self.glow(self.px(tx, 0.2), 0.06 * self.w, (255, 240, 190), 120)
        self._airliner(x0 + 0.28, 0.62)
        white, width = self.lit((240, 240, 236)), max(3, self.w // 250)
        for k in range(6):  # the centreline's dashes, coming toward us
            y = 0.68 + 0.05 * k
            self.rect((0.49 - 0.004 * k, y, 0.51 + 0.004 * k, y + 0.02 + 0.004 * k), white, outline=False)
        for k in range(16):  # edge lights, lit after dark
            lamp = (255, 220, 120) if self.scene.time != "day" else self.lit((230, 230, 220))
            self.dot(k / 15, 0.665, 0.004, lamp, outline=False)
        self.draw.line((0, 0.7 * self.h, self.w, 0.7 * self.h), fill=white, width=width)
        if r.random() < 0.5:
            self.draw.line((0, 0.96 * self.h, self.w, 0.96 * self.h), fill=white, width=width)

    def _airliner(self, x: float, y: float) -> None:
        """An airliner side-on at the gate: fuselage, tail fin, a wing, a row of windows."""
        body, stripe = self.lit((244, 244, 246)), self.lit((40, 90, 170))
        self.draw.rounded_rectangle(((x - 0.2) * self.w, (y - 0.05) * self.h, (x + 0.2) * self.w, y * self.h),
                                    radius=round(0.025 * self.h), fill=body, outline=INK, width=2)  # fmt: skip
        self.poly([(x + 0.14, y - 0.05), (x + 0.19, y - 0.13), (x + 0.21, y - 0.13), (x + 0.2, y - 0.05)], stripe)
        self.poly([(x - 0.02, y - 0.012), (x + 0.08, y - 0.012), (x + 0.02, y + 0.03), (x - 0.05, y + 0.03)],
                  darker(body, 0.15))  # fmt: skip
        self.rect((x - 0.2, y - 0.02, x + 0.2, y - 0.014), stripe, outline=False)
        for k in range(14):
            self.dot(x - 0.15 + k * 0.02, y - 0.032, 0.003, (60, 70, 90), outline=False)
