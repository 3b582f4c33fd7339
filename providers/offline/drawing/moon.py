"""The moon's surface, its own setting: grey cratered ground under a black sky full of stars whatever the hour (no
air to scatter the light), the Earth hanging in it, and bootprints where someone walks."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import SceneCanvas

_WALKERS = ("walk", "astronaut", "footprint", "bootprint", "step", "explore")


class MoonScenes(SceneCanvas):
    """The lunar sky, the Earth, the grey ground and its craters, in fractions of the canvas size."""

    def _moon(self) -> None:
        r = self.r
        self.horizon = 0.6 * self.h
        self.gradient((0, 0, self.w, self.horizon + 2), [(2, 2, 8), (6, 6, 16), (16, 16, 26)])
        layer, draw = self.overlay()
        for _ in range(150):
            x, y = r.random() * self.w, r.random() * self.horizon
            size = r.choice((1, 1, 1, 2, 3)) * self.w / 1200
            draw.ellipse((x - size, y - size, x + size, y + size), fill=(255, 255, 246, r.randrange(120, 255)))
        self.commit(layer)
        self._earth((1 - self.side) * self.w, 0.2 * self.h, 0.07 * self.w)
        ground = self.lit((168, 166, 162))
        for k, (y, amp, tone) in enumerate(((0.56, 0.03, 0.18), (0.6, 0.015, 0.05))):  # far ridges, sharp-edged
            pts = [(i / 16, y - amp * abs(math.sin(i * 1.3 + k + r.random() * 0.4))) for i in range(17)]
            self.poly([*pts, (1, 1), (0, 1)], darker(ground, tone))
        self.gradient((0, self.horizon, self.w, self.h), [ground, darker(ground, 0.3)])
        for _ in range(11):  # craters, bigger and flatter-looking nearer
            cx, cy = r.random() * self.w, r.uniform(self.horizon + 0.03 * self.h, 0.98 * self.h)
            cw = r.uniform(0.03, 0.08) * self.w * (cy / self.h) ** 1.5
            box = (cx - cw, cy - cw * 0.3, cx + cw, cy + cw * 0.3)
            rim = max(2, self.w // 400)
            self.draw.ellipse(box, fill=darker(ground, 0.28), outline=lighter(ground, 0.25), width=rim)
            self.draw.chord(box, 0, 180, fill=darker(ground, 0.12))  # the lit far wall of the bowl
        for _ in range(14):  # rocks, each with its black shadow (no air to soften it)
            x, y = r.random() * self.w, r.uniform(self.horizon + 0.02 * self.h, 0.98 * self.h)
            rad = (0.004 + 0.012 * (y / self.h - 0.6)) * self.w
            self.draw.ellipse((x, y - rad * 0.2, x + rad * 2.4, y + rad * 0.4), fill=(18, 18, 22))
            self.draw.chord((x - rad, y - rad, x + rad, y + rad * 0.4), 180, 360, fill=lighter(ground, 0.1))
        if has_any(self.scene.seed, _WALKERS):
            self._bootprints(darker(ground, 0.35))

    def _earth(self, cx: float, cy: float, rad: float) -> None:
        """The Earth: a blue disc with green and brown lands and white cloud, its night side in shadow."""
        size = round(rad * 2) + 2
        disc = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(disc)
        draw.ellipse((0, 0, size - 1, size - 1), fill=(50, 110, 200, 255))
        r = self.r
        for _ in range(5):  # lands and clouds
            x, y, w = r.uniform(0.1, 0.8) * size, r.uniform(0.15, 0.75) * size, r.uniform(0.12, 0.3) * size
            draw.ellipse((x, y, x + w, y + w * 0.7), fill=r.choice(((70, 150, 80, 255), (150, 130, 80, 255))))
        for _ in range(4):
            x, y, w = r.uniform(0.0, 0.8) * size, r.uniform(0.1, 0.85) * size, r.uniform(0.2, 0.45) * size
            draw.ellipse((x, y, x + w, y + w * 0.25), fill=(250, 250, 255, 200))
        shade = 1 if self.side > 0.5 else -1  # the night side away from the landmark side
        x0 = shade * size * 0.45
        draw.ellipse((x0, -size * 0.05, x0 + size * 1.1, size * 1.05), fill=(8, 12, 30, 190))
        mask = Image.new("L", (size, size), 0)
        ImageDraw.Draw(mask).ellipse((0, 0, size - 1, size - 1), fill=255)
        disc.putalpha(Image.composite(disc.getchannel("A"), mask, mask))
        self.image.paste(disc, (round(cx - rad), round(cy - rad)), disc)
        self.draw = ImageDraw.Draw(self.image)

    def _bootprints(self, colour: tuple[int, int, int]) -> None:
        """A trail of bootprints coming toward us across the dust."""
        for k in range(9):
            t = k / 8
            x = 0.5 + 0.3 * math.sin(t * 2.2) * (1 - t) + (0.012 if k % 2 else -0.012) * (0.5 + t)
            y = self.horizon / self.h + 0.03 + t * 0.34
            w, h = (0.006 + 0.014 * t), (0.004 + 0.008 * t)
            self.draw.ellipse(((x - w) * self.w, (y - h) * self.h, (x + w) * self.w, (y + h) * self.h), fill=colour)
