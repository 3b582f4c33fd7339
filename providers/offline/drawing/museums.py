"""A museum's gallery: a tall pale wall under a cornice, paintings in gilt frames, a tall window, exhibits on plinths
(a vase, a bust; a dinosaur's skeleton when the text names one) and a velvet rope on brass posts before them."""

from __future__ import annotations

import itertools
import math

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.rooms import Rooms

_SKELETON = ("dinosaur", "skeleton", "fossil", "bones", "t-rex", "tyrannosaur")
_CANVASES: tuple[tuple[RGB, RGB], ...] = (((120, 170, 210), (80, 130, 80)), ((230, 190, 120), (170, 80, 60)),
                                         ((60, 60, 90), (230, 220, 160)), ((200, 120, 90), (90, 60, 50)))  # fmt: skip


class Galleries(Rooms):
    """A gallery's wall and what stands against it, in fractions of the canvas (the floor from 0.72 down)."""

    def _gallery(self) -> None:
        r = self.r
        self.horizon = 0.72 * self.h
        wall = self.lit((226, 216, 196))
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.12), wall])
        self.rect((0, 0.04, 1, 0.07), lighter(wall, 0.2))  # the cornice and the dado rail
        self.rect((0, 0.58, 1, 0.6), darker(wall, 0.15), outline=False)
        self._window((0.03, 0.12, 0.15, 0.52))
        skeleton = has_any(self.scene.seed, _SKELETON)
        gilt = self.lit((200, 160, 70))
        spots = ((0.2, 0.16, 0.14, 0.16), (0.38, 0.12, 0.2, 0.22), (0.62, 0.16, 0.12, 0.15), (0.8, 0.14, 0.15, 0.18))
        for k, (x, y, w, h) in enumerate(spots[:1] if skeleton else spots):
            sky, land = (self.lit(c) for c in _CANVASES[(k + len(self.scene.seed)) % len(_CANVASES)])
            self.rect((x - 0.012, y - 0.016, x + w + 0.012, y + h + 0.016), gilt)
            self.rect((x, y, x + w, y + h), sky)
            self.poly([(x, y + h), (x, y + h * 0.6), (x + w * 0.4, y + h * 0.45), (x + w, y + h * 0.7), (x + w, y + h)],
                      land)  # fmt: skip
        if skeleton:  # it fills the right of the wall, one vase beside it
            self._skeleton(0.68)
        for x, exhibit in ((0.4, "vase"),) if skeleton else ((0.24, "vase"), (0.56, "bust")):
            self._plinth(x, exhibit, r.random())
        self._rope()

    def _plinth(self, x: float, exhibit: str, turn: float) -> None:
        """A white plinth with a vase or a marble bust on it."""
        stone = self.lit((240, 238, 230))
        self.rect((x - 0.04, 0.5, x + 0.04, 0.72), stone)
        self.rect((x - 0.05, 0.49, x + 0.05, 0.51), darker(stone, 0.1))
        if exhibit == "vase":
            clay = self.lit((190, 100, 60) if turn < 0.5 else (60, 110, 160))
            cx, cy = self.px(x, 0.42)
            rad = 0.03 * self.w
            self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=clay, outline=INK, width=2)
            self.rect((x - 0.012, 0.33, x + 0.012, 0.4), clay)
            self.rect((x - 0.02, 0.32, x + 0.02, 0.335), clay)
            self.draw.line((cx - rad * 0.9, cy, cx + rad * 0.9, cy), fill=darker(clay, 0.4), width=3)
        else:
            marble = self.lit((230, 228, 222))
            self.poly([(x - 0.04, 0.49), (x - 0.03, 0.43), (x + 0.03, 0.43), (x + 0.04, 0.49)], marble)
            self.dot(x, 0.38, 0.025, marble)

    def _skeleton(self, x: float) -> None:
        """A dinosaur's skeleton on its stand: a curved spine, ribs hung from it, a skull, legs and a tail."""
        bone, width = self.lit((236, 226, 196)), max(4, self.w // 180)
        spine = [(x - 0.2 + 0.4 * t, 0.3 - 0.08 * math.sin(math.pi * t)) for t in (k / 10 for k in range(11))]
        self.draw.line([self.px(px, py) for px, py in spine], fill=bone, width=width, joint="curve")
        for px, py in spine[3:8]:
            self.draw.arc(((px - 0.02) * self.w, py * self.h, (px + 0.02) * self.w, (py + 0.14) * self.h), 0, 180,
                          fill=bone, width=max(3, width // 2))  # fmt: skip
        for px, py in (spine[3], spine[7]):  # legs to the stand
            self.draw.line((*self.px(px, py + 0.08), *self.px(px - 0.02, 0.5), *self.px(px + 0.01, 0.6)), fill=bone,
                           width=width)  # fmt: skip
        hx, hy = spine[-1]
        self.poly([(hx - 0.01, hy - 0.03), (hx + 0.03, hy - 0.045), (hx + 0.09, hy - 0.01), (hx + 0.085, hy + 0.015),
                   (hx + 0.02, hy + 0.02), (hx + 0.08, hy + 0.04), (hx, hy + 0.05)], bone)  # fmt: skip
        for k in range(4):  # teeth along the upper jaw
            tx = hx + 0.03 + 0.014 * k
            self.poly([(tx, hy + 0.012), (tx + 0.006, hy + 0.028), (tx + 0.012, hy + 0.014)], bone)
        self.dot(hx + 0.03, hy - 0.015, 0.008, INK, outline=False)
        self.rect((x - 0.22, 0.6, x + 0.24, 0.63), self.lit((90, 80, 76)))  # its low stand

    def _rope(self) -> None:
        """Brass posts and a red velvet rope sagging between them, in front of the exhibits."""
        brass, velvet = self.lit((210, 170, 80)), self.lit((160, 30, 40))
        posts = [0.06, 0.3, 0.54, 0.78, 0.98]
        for a, b in itertools.pairwise(posts):
            self.draw.arc((a * self.w, 0.6 * self.h, b * self.w, 0.7 * self.h), 0, 180, fill=velvet,
                          width=max(5, self.w // 150))  # fmt: skip
        for x in posts:
            self.rect((x - 0.005, 0.64, x + 0.005, 0.76), brass)
            self.dot(x, 0.645, 0.008, brass)
