"""More spots of a place (data/scenes.toml [spots]): an airport's departure lounge (the great window on the apron
and a plane at the gate, the departures board, rows of seats) and its control tower's cab (windows all round on
the runway far below, consoles and a radar screen), a school's corridor (lockers, doors, a noticeboard) and the inside
of an igloo on the ice (snow blocks, furs, a lamp)."""

from __future__ import annotations

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.spots import Spots
from providers.offline.drawing.tables import SKIES

_LOCKERS: tuple[RGB, ...] = ((200, 70, 60), (60, 110, 180), (230, 180, 60), (80, 150, 100))


class Terminals(Spots):
    """Departure lounge, control tower and school corridor, in fractions of the canvas."""

    def _sky_window(self, box: tuple[float, float, float, float]) -> None:
        """The sky of the hour in a window's box (fractions), its weather on the glass."""
        x0, y0, x1, y1 = box
        self.gradient((x0 * self.w, y0 * self.h, x1 * self.w, y1 * self.h), list(SKIES[self.scene.time]))

    def _plane(self, x: float, y: float, size: float) -> None:
        body, tail = self.lit((244, 244, 246)), self.lit((40, 90, 170))
        self.draw.rounded_rectangle(
            (*self.px(x - size, y - size * 0.22), *self.px(x + size, y)),
            radius=round(size * 0.1 * self.w),
            fill=body,
            outline=INK,
            width=2,
        )
        self.poly(
            [
                (x + size * 0.7, y - size * 0.22),
                (x + size * 0.95, y - size * 0.6),
                (x + size, y - size * 0.6),
                (x + size, y - size * 0.2),
            ],
            tail,
        )
        self.poly(
            [
                (x - size * 0.1, y - size * 0.05),
                (x + size * 0.3, y - size * 0.05),
                (x + size * 0.05, y + size * 0.12),
                (x - size * 0.25, y + size * 0.12),
            ],
            darker(body, 0.15),
        )
        for k in range(10):
            self.dot(x - size * 0.75 + k * size * 0.15, y - size * 0.13, size * 0.02, (60, 70, 90), outline=False)

    def _departure_lounge(self) -> None:
        self.horizon = 0.72 * self.h
        self.rect((0, 0, 1, 0.72), self.lit((200, 204, 210)), outline=False)
        self._sky_window((0.0, 0.12, 1.0, 0.62))
        self.rect((0, 0.48, 1, 0.62), self.lit((100, 102, 108)), outline=False)  # the apron beyond the glass
        self._plane(0.62 if self.side < 0.5 else 0.38, 0.5, 0.26)
        self.pane_weather((0, 0.12 * self.h, self.w, 0.62 * self.h))
        frame, width = self.lit((80, 84, 92)), max(4, self.w // 200)
        for k in range(7):  # the great window's mullions
            self.draw.line((k / 6 * self.w, 0.12 * self.h, k / 6 * self.w, 0.62 * self.h), fill=frame, width=width)
        self.draw.line((0, 0.12 * self.h, self.w, 0.12 * self.h), fill=frame, width=width)
        bx = 0.06 if self.side > 0.5 else 0.64
        self.rect((bx, 0.02, bx + 0.3, 0.11), self.lit((24, 24, 30)))  # the departures board
        for k in range(3):
            y = 0.04 + k * 0.025
            self.draw.line(
                (*self.px(bx + 0.02, y), *self.px(bx + 0.2, y)), fill=(250, 210, 60), width=max(2, self.w // 400)
            )
            self.draw.line(
                (*self.px(bx + 0.23, y), *self.px(bx + 0.28, y)), fill=(120, 230, 120), width=max(2, self.w // 400)
            )
        seat = self.lit((40, 80, 150))
        for k in range(14):  # rows of joined seats under the window
            x = k / 14 + 0.005
            if 0.36 < x < 0.6:
                continue
            self.draw.rounded_rectangle(
                (*self.px(x, 0.6), *self.px(x + 0.06, 0.68)),
                radius=max(2, self.w // 200),
                fill=seat,
                outline=INK,
                width=2,
            )
        self.rect((0, 0.68, 1, 0.72), self.lit((150, 154, 160)), outline=False)
        floor = self.lit((190, 192, 196))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.15), floor])
        for k in range(5):  # the floor's shine
            x = 0.1 + k * 0.2
            self.poly([(x, 0.74), (x + 0.03, 0.74), (x + 0.06, 1.0), (x + 0.01, 1.0)], lighter(floor, 0.15))

    def _control_tower(self) -> None:
        """In the control tower's cab: slanted windows all round, the runway far below with its lights, consoles
        with screens and a radar."""
        self.horizon = 0.72 * self.h
        self.rect((0, 0, 1, 0.72), self.lit((50, 54, 64)), outline=False)
        self._sky_window((0.0, 0.08, 1.0, 0.52))
        grass = self.lit((110, 150, 90))
        self.rect((0, 0.36, 1, 0.52), grass, outline=False)  # the airfield far below
        self.poly([(0.2, 0.52), (0.8, 0.52), (0.58, 0.38), (0.42, 0.38)], self.lit((90, 92, 98)))  # the runway
        night = self.scene.time in ("night", "sunset")
        for k in range(6):
            t = k / 6
            y = 0.38 + 0.14 * t
            self.rect((0.495 - 0.003 * t, y, 0.505 + 0.003 * t, y + 0.008), self.lit((240, 240, 236)), outline=False)
            for side in (-1, 1):
                x = 0.5 + side * (0.08 + 0.22 * t)
                self.dot(x, y, 0.003, (255, 220, 120) if night else self.lit((230, 230, 220)), outline=False)
        self.pane_weather((0, 0.08 * self.h, self.w, 0.52 * self.h))
        frame, width = self.lit((30, 32, 40)), max(4, self.w // 180)
        for k in range(6):  # slanted mullions
            x = k / 5
            self.draw.line((*self.px(x - 0.02, 0.08), *self.px(x + 0.02, 0.52)), fill=frame, width=width)
        console = self.lit((70, 74, 84))
        self.rect((0, 0.52, 1, 0.6), darker(console, 0.2))
        self.rect((0, 0.6, 1, 0.72), console)
        for k in range(5):  # screens along the console
            x = 0.04 + k * 0.2
            if 0.3 < x < 0.6:
                continue
            self.rect((x, 0.535, x + 0.12, 0.595), (20, 40, 30))
            self.draw.line((*self.px(x + 0.01, 0.57), *self.px(x + 0.11, 0.56)), fill=(120, 230, 140), width=2)
        rx = 0.5
        self.dot(rx, 0.66, 0.035, (20, 40, 30))  # the radar, its sweep
        self.draw.line(
            (*self.px(rx, 0.66), *self.px(rx + 0.03, 0.63)), fill=(120, 240, 140), width=max(2, self.w // 400)
        )
        floor = self.lit((90, 94, 104))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.2), floor])

    def _school_corridor(self) -> None:
        """A school corridor: lockers along both walls, classroom doors, a noticeboard and a clock at the end."""
        self._passage((226, 220, 196), (170, 150, 120), (236, 234, 226))
        self._ceiling_lights(4, (250, 250, 236))
        for side in (-1, 1):
            for k in range(8):  # lockers, narrower toward the far end
                t0, t1 = k * 0.09, k * 0.09 + 0.08
                colour = _LOCKERS[(k + (side > 0)) % len(_LOCKERS)]
                self.poly(
                    [self._at(t0, 0.45, side), self._at(t1, 0.45, side), self._at(t1, 1, side), self._at(t0, 1, side)],
                    self.lit(colour),
                )
                top, mid = self._at((t0 + t1) / 2, 0.52, side), self._at((t0 + t1) / 2, 0.56, side)
                self.draw.line((*self.px(*top), *self.px(*mid)), fill=INK, width=max(2, self.w // 500))
            self._side_door(0.74, 0.86, side, (150, 100, 60))
        x0, y0, x1, y1 = 0.4, 0.3, 0.6, 0.58
        self.rect((x0 + 0.04, y0 + 0.06, x1 - 0.04, y0 + 0.14), self.lit((180, 140, 90)))  # the noticeboard
        for k, colour in enumerate(((250, 250, 240), (250, 220, 120), (200, 230, 250))):
            self.rect((x0 + 0.05 + k * 0.035, y0 + 0.07, x0 + 0.075 + k * 0.035, y0 + 0.11), self.lit(colour))
        self.dot(0.5, y0 + 0.03, 0.012, self.lit((250, 250, 246)))
        self.rect((x0 + 0.06, y0 + 0.16, x1 - 0.06, y1), self.lit((150, 100, 60)))  # a door at the far end

    def _igloo(self) -> None:
        """Inside an igloo: a dome of snow blocks, a low tunnel of daylight, furs on the snow bench, a seal-oil lamp."""
        self.horizon = 0.72 * self.h
        self.rect((0, 0, 1, 1), self.lit((60, 70, 90)), outline=False)
        snow = self.lit((226, 236, 246))
        self.draw.chord((*self.px(-0.1, 0.02), *self.px(1.1, 1.42)), 180, 360, fill=snow)
        joint = darker(snow, 0.12)
        for k in range(1, 6):  # the courses of snow blocks curving up the dome
            y = 0.72 - k * 0.12
            self.draw.arc(
                (*self.px(-0.1 + k * 0.05, 0.02 + k * 0.1), *self.px(1.1 - k * 0.05, 1.42 - k * 0.1)),
                180,
                360,
                fill=joint,
                width=max(2, self.w // 400),
            )
            for j in range(8 - k):
                x = 0.08 + (j + 0.5 * (k % 2)) * (0.84 / (8 - k))
                self.draw.line((*self.px(x, y), *self.px(x, y + 0.1)), fill=joint, width=2)
        tx = 0.5
        self.draw.chord((*self.px(tx - 0.09, 0.5), *self.px(tx + 0.09, 0.86)), 180, 360, fill=self.lit((150, 196, 230)))
        floor = self.lit((210, 222, 236))
        self.gradient((0, self.horizon, self.w, self.h), [darker(floor, 0.15), floor])
        fur = self.lit((150, 110, 70))
        for x0 in (0.02, 0.74):  # furs on the snow benches either side
            self.rect((x0, 0.62, x0 + 0.24, 0.72), lighter(snow, 0.05))
            self.draw.chord(
                (*self.px(x0 + 0.02, 0.58), *self.px(x0 + 0.22, 0.66)), 180, 360, fill=fur, outline=INK, width=2
            )
        lx = 0.3 if self.side > 0.5 else 0.7
        self.glow(self.px(lx, 0.6), 0.16 * self.w, (255, 200, 120), 150)
        self.draw.chord(
            (*self.px(lx - 0.03, 0.6), *self.px(lx + 0.03, 0.66)),
            0,
            180,
            fill=self.lit((120, 110, 100)),
            outline=INK,
            width=2,
        )
        self.poly([(lx - 0.012, 0.62), (lx, 0.59), (lx + 0.012, 0.62)], (255, 200, 90))
