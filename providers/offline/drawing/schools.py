"""A classroom: a blackboard chalked with sums and letters, a clock over it, an alphabet frieze along the top of
the wall and rows of small desks and chairs against the back wall (the cast stands in front of them)."""

from __future__ import annotations

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.rooms import Rooms

_FRIEZE: tuple[RGB, ...] = ((220, 70, 60), (250, 190, 50), (70, 150, 210), (90, 170, 90), (170, 90, 180))


class Classrooms(Rooms):
    """A schoolroom's furniture on the back wall (horizon 0.72), in fractions of the canvas."""

    def _classroom(self) -> None:
        width = max(2, self.w // 450)
        for k in range(22):  # the alphabet frieze: a card for each letter, a stroke for the letter
            x = 0.02 + k * 0.044
            card = self.lit(_FRIEZE[k % len(_FRIEZE)])
            self.rect((x, 0.035, x + 0.036, 0.085), card)
            self.draw.line((*self.px(x + 0.012, 0.075), *self.px(x + 0.018, 0.045), *self.px(x + 0.024, 0.075)),
                           fill=lighter(card, 0.6), width=width)  # fmt: skip
        frame, slate = self.lit((130, 90, 56)), self.lit((46, 74, 60))
        x0, y0, x1, y1 = 0.4, 0.16, 0.94, 0.46
        self.rect((x0 - 0.012, y0 - 0.016, x1 + 0.012, y1 + 0.016), frame)
        self.rect((x0, y0, x1, y1), slate)
        chalk = lighter(slate, 0.75)
        for row in range(3):  # chalked sums: "12 + 7 = 19" as strokes and crosses
            y = y0 + 0.06 + row * 0.08
            x = x0 + 0.04
            for digit in range(3 + row % 2):
                self.draw.line((*self.px(x, y - 0.02), *self.px(x + 0.008, y + 0.02)), fill=chalk, width=width * 2)
                self.draw.arc((x * self.w, (y - 0.02) * self.h, (x + 0.02) * self.w, (y + 0.02) * self.h), 270,
                              90 + 60 * digit, fill=chalk, width=width * 2)  # fmt: skip
                x += 0.035
            self.draw.line((*self.px(x, y), *self.px(x + 0.024, y)), fill=chalk, width=width * 2)
            self.draw.line((*self.px(x + 0.012, y - 0.016), *self.px(x + 0.012, y + 0.016)), fill=chalk,
                           width=width * 2)  # fmt: skip
        cx, cy, rad = 0.82 * self.w, 0.3 * self.h, 0.05 * self.w  # a chalked circle and its diameter
        self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), outline=chalk, width=width * 2)
        self.draw.line((cx - rad, cy, cx + rad, cy), fill=chalk, width=width * 2)
        self.rect((x0, y1 + 0.016, x1, y1 + 0.03), darker(frame, 0.2))  # the chalk ledge
        self.rect((x0 + 0.05, y1 + 0.006, x0 + 0.07, y1 + 0.016), (250, 250, 240), outline=False)
        self._clock(0.36, 0.1)
        for k in range(6):  # small desks and their chairs along the back wall, three each side of the middle
            self._desk(0.03 + k * 0.16 + (0.05 if k >= 3 else 0))

    def _clock(self, x: float, y: float) -> None:
        cx, cy, rad = x * self.w, y * self.h, 0.03 * self.w
        self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=self.lit((250, 248, 238)), outline=INK,
                          width=max(3, self.w // 300))  # fmt: skip
        self.draw.line((cx, cy, cx, cy - rad * 0.75), fill=INK, width=max(2, self.w // 400))
        self.draw.line((cx, cy, cx + rad * 0.5, cy + rad * 0.2), fill=INK, width=max(3, self.w // 300))

    def _desk(self, x: float) -> None:
        """A pupil's desk (a lid on a box, on legs) with a chair tucked in front of it."""
        wood, steel = self.lit((186, 140, 90)), self.lit((90, 96, 110))
        self.rect((x, 0.6, x + 0.12, 0.625), wood)  # the lid
        self.rect((x + 0.01, 0.625, x + 0.11, 0.655), darker(wood, 0.2))
        for lx in (x + 0.012, x + 0.1):
            self.rect((lx, 0.655, lx + 0.008, 0.72), steel, outline=False)
        self.rect((x + 0.035, 0.64, x + 0.085, 0.66), darker(wood, 0.1))  # the chair's seat, its back behind it
        self.rect((x + 0.04, 0.66, x + 0.046, 0.72), steel, outline=False)
        self.rect((x + 0.074, 0.66, x + 0.08, 0.72), steel, outline=False)
