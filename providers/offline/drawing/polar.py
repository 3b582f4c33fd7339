"""The polar ice: a dark cold sea with icebergs adrift under the sky, an ice shelf underfoot with blue shadows in
its drifts and cracks, an igloo when the text names one."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import INK, darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import SceneCanvas


class PolarScenes(SceneCanvas):
    """The ice and the sea beyond it, in fractions of the canvas size (the shelf from 0.7 down)."""

    def _ice(self) -> None:
        r = self.r
        self.horizon = 0.6 * self.h
        sea = self.lit((40, 80, 120))
        self.gradient((0, 0.575 * self.h, self.w, 0.72 * self.h), [sea, darker(sea, 0.3)])  # from under the sky
        ice, shadow = self.lit((240, 246, 252)), self.lit((170, 200, 226))
        for k in range(4):  # icebergs adrift, on the side away from the sun or moon first
            x = (self.side + (k * 0.23 if self.side < 0.5 else -k * 0.23)) % 1.0
            width, height = r.uniform(0.05, 0.1), r.uniform(0.05, 0.14) * (1 - k * 0.15)
            base = 0.6 + 0.02 * k
            pts = [(x - width, base), (x - width * 0.5, base - height * 0.8), (x - width * 0.1, base - height),
                   (x + width * 0.4, base - height * 0.7), (x + width, base)]  # fmt: skip
            self.poly(pts, ice)
            self.poly([pts[2], pts[3], pts[4], (x + width * 0.1, base)], shadow)  # the side away from the light
            self.draw.line([self.px(px, py) for px, py in pts], fill=INK, width=max(2, self.w // 500))
        self.gradient((0, 0.7 * self.h, self.w, self.h), [ice, lighter(shadow, 0.3)])
        edge = [(i / 16, 0.7 + 0.012 * math.sin(i * 2.1 + r.random())) for i in range(17)]
        self.poly([*edge, (1, 0.74), (0, 0.74)], ice)
        self.draw.line([self.px(x, y) for x, y in edge], fill=shadow, width=max(3, self.w // 250))
        for _ in range(5):  # drifts and cracks across the shelf
            x, y = r.uniform(0.05, 0.95), r.uniform(0.76, 0.97)
            length = r.uniform(0.05, 0.12)
            self.draw.line((*self.px(x, y), *self.px(x + length, y + 0.01)), fill=shadow, width=max(2, self.w // 400))
        if has_any(self.scene.seed, ("igloo",)):
            cx, cy, rad = (0.16 if self.side > 0.5 else 0.84) * self.w, 0.8 * self.h, 0.1 * self.w
            self.draw.chord((cx - rad, cy - rad, cx + rad, cy + rad), 180, 360, fill=ice, outline=INK, width=3)
            for k in range(1, 4):  # its courses of snow blocks
                y = cy - rad * k / 4
                half = rad * math.sqrt(1 - (k / 4) ** 2)
                self.draw.line((cx - half, y, cx + half, y), fill=shadow, width=max(2, self.w // 400))
            self.draw.chord((cx - rad * 0.3, cy - rad * 0.45, cx + rad * 0.3, cy + rad * 0.45), 180, 360,
                            fill=darker(shadow, 0.5))  # fmt: skip
