"""Aboard a space station or a starship: riveted metal walls under strip lights, a round viewport on the stars and
a ringed planet (the whole upper wall an arched window in an observation dome), and what the place holds: crates in
a cargo bay, a console of screens on a deck or a ship's bridge."""

from __future__ import annotations

from providers.offline.drawing.colour import INK, darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.rooms import Rooms

_DOME = ("observation dome", "dome", "observatory")
_CARGO = ("cargo", "hold", "hangar", "docking bay", "repair bay", "crate")


class StationRooms(Rooms):
    """A room in space, in fractions of the canvas (the floor from the horizon, 0.72, down)."""

    def _station(self) -> None:
        r, text = self.r, self.scene.seed.lower()
        self.horizon = 0.72 * self.h
        metal = self.lit((150, 160, 176))
        self.gradient((0, 0, self.w, self.horizon), [darker(metal, 0.35), metal])
        seam, width = darker(metal, 0.3), max(2, self.w // 400)
        for k in range(1, 8):  # the wall's panels and their rivets
            x = k / 8
            self.draw.line((x * self.w, 0.06 * self.h, x * self.w, self.horizon), fill=seam, width=width)
            for y in (0.1, 0.4, 0.68):
                self.dot(x - 0.012, y, 0.003, seam, outline=False)
                self.dot(x + 0.012, y, 0.003, seam, outline=False)
        self.rect((0, 0, 1, 0.06), darker(metal, 0.45))  # the ceiling's edge, strip lights set in it
        for k in range(4):
            x = 0.08 + k * 0.24
            self.rect((x, 0.02, x + 0.12, 0.04), (230, 246, 255), outline=False)
            self.glow(((x + 0.06) * self.w, 0.05 * self.h), 0.08 * self.w, (200, 230, 255), 90)
        if has_any(text, _DOME):
            self._viewport_arch()
        else:
            self._viewport(0.25 if self.side > 0.5 else 0.75, 0.34, 0.16)
        if has_any(text, _CARGO):
            self._crates(0.7 if self.side > 0.5 else 0.04, r.randrange(3, 6))  # across from the viewport
        elif not has_any(text, _DOME):
            self._console(0.68 if self.side > 0.5 else 0.04)

    def _viewport(self, x: float, y: float, radius: float) -> None:
        """A round viewport in the wall, its thick bolted frame."""
        cx, cy, rad = x * self.w, y * self.h, radius * self.w
        if "submarine" in self.scene.features:  # aboard a submarine: the sea outside
            self._seawater((cx - rad, cy - rad, cx + rad, cy + rad))
        else:
            self.starfield((cx - rad, cy - rad, cx + rad, cy + rad), 40)
        frame = self.lit((110, 118, 132))
        # The square of sky outside the circle is covered by the frame: a thick ring, then the wall round it.
        wall = self.lit((150, 160, 176))
        self.draw.ellipse((cx - rad * 1.45, cy - rad * 1.45, cx + rad * 1.45, cy + rad * 1.45), outline=wall,
                          width=round(rad * 0.45))  # fmt: skip
        self.draw.ellipse((cx - rad * 1.02, cy - rad * 1.02, cx + rad * 1.02, cy + rad * 1.02), outline=frame,
                          width=round(rad * 0.16))  # fmt: skip
        self.draw.ellipse((cx - rad * 1.02, cy - rad * 1.02, cx + rad * 1.02, cy + rad * 1.02), outline=INK,
                          width=max(2, self.w // 400))  # fmt: skip
        for k in range(8):  # bolts round the frame
            bx, by = cx + rad * 0.94 * _COS[k], cy + rad * 0.94 * _SIN[k]
            self.dot(bx / self.w, by / self.h, 0.005, lighter(frame, 0.3))

    def _seawater(self, box: tuple[float, float, float, float]) -> None:
        """Blue water darkening downward, a few fish and bubbles, in a porthole's `box` (pixels)."""
        x0, y0, x1, y1 = box
        self.gradient(box, [self.lit((60, 150, 200)), self.lit((16, 60, 110))])
        r = self.r
        for _ in range(4):
            fx, fy, size = r.uniform(x0, x1), r.uniform(y0, y1), (x1 - x0) * 0.05
            self.draw.ellipse((fx - size, fy - size * 0.5, fx + size, fy + size * 0.5), fill=self.lit((240, 170, 70)))
            tail = [(fx + size * 0.8, fy), (fx + size * 1.6, fy - size * 0.6), (fx + size * 1.6, fy + size * 0.6)]
            self.draw.polygon(tail, fill=self.lit((240, 170, 70)))
        for _ in range(8):
            bx, by, rad = r.uniform(x0, x1), r.uniform(y0, y1), (x1 - x0) * 0.015
            self.draw.ellipse((bx - rad, by - rad, bx + rad, by + rad), outline=self.lit((200, 236, 250)), width=2)

    def _viewport_arch(self) -> None:
        """An observation dome: the upper wall one arched window on the stars, ribbed."""
        x0, y0, x1, y1 = 0.06 * self.w, 0.08 * self.h, 0.94 * self.w, 0.6 * self.h
        self.starfield((x0, y0, x1, y1), 120)
        frame, width = self.lit((110, 118, 132)), max(5, self.w // 150)
        for k in range(1, 6):
            x = x0 + (x1 - x0) * k / 6
            self.draw.line((x, y0, x, y1), fill=frame, width=width)
        self.draw.rectangle((x0, y0, x1, y1), outline=frame, width=width * 2)
        self.rect((0.04, 0.6, 0.96, 0.64), darker(frame, 0.2))  # the sill

    def _crates(self, x: float, count: int) -> None:
        """Crates stacked against the wall, stencilled."""
        tones = ((200, 150, 60), (90, 120, 150), (160, 80, 60))
        for k in range(count):
            col, row = k % 3, k // 3
            bx, by = x + col * 0.09, 0.72 - (row + 1) * 0.1
            tone = self.lit(tones[(k + row) % 3])
            self.rect((bx, by, bx + 0.085, by + 0.1), tone)
            self.rect((bx + 0.02, by + 0.035, bx + 0.065, by + 0.05), darker(tone, 0.35), outline=False)

    def _console(self, x: float) -> None:
        """A console along the wall: a sloping desk of lit buttons under two screens."""
        steel = self.lit((90, 98, 112))
        self.poly([(x, 0.72), (x, 0.58), (x + 0.28, 0.58), (x + 0.28, 0.72)], darker(steel, 0.2))
        self.poly([(x - 0.01, 0.58), (x + 0.02, 0.52), (x + 0.26, 0.52), (x + 0.29, 0.58)], steel)
        for k in range(10):  # buttons
            colour = ((255, 90, 80), (90, 230, 140), (255, 210, 90), (110, 200, 255))[k % 4]
            self.dot(x + 0.035 + k * 0.022, 0.55, 0.004, colour, outline=False)
        for k in range(2):  # screens
            sx = x + 0.02 + k * 0.13
            self.rect((sx, 0.3, sx + 0.11, 0.46), (20, 40, 50))
            for j in range(4):
                y = 0.33 + j * 0.03
                self.draw.line((*self.px(sx + 0.01, y), *self.px(sx + 0.01 + 0.09 * ((j * 7 + k) % 5 + 1) / 5, y)),
                               fill=(110, 230, 200), width=max(2, self.w // 500))  # fmt: skip


_COS = (1.0, 0.7071, 0.0, -0.7071, -1.0, -0.7071, 0.0, 0.7071)
_SIN = (0.0, 0.7071, 1.0, 0.7071, 0.0, -0.7071, -1.0, -0.7071)
