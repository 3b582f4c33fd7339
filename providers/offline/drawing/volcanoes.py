"""A volcano on the horizon: a dark cone, lava glowing in its crater and running down its flank, a plume of smoke
(and fire in it when it erupts)."""

from __future__ import annotations

from providers.offline.drawing.colour import darker, mix
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import SceneCanvas

_ERUPTING = ("erupt", "eruption", "erupting", "lava", "magma", "explode", "rumble", "ash")


class Volcanoes(SceneCanvas):
    """The volcano landmark, on the landmark side, in fractions of the canvas size."""

    def _volcano(self) -> None:
        x, base = self.side, self.horizon / self.h + 0.01
        rock = self.lit((86, 70, 66))
        self.poly([(x - 0.26, base), (x - 0.05, base - 0.3), (x + 0.05, base - 0.3), (x + 0.26, base)], rock)
        self.poly([(x + 0.02, base - 0.3), (x + 0.05, base - 0.3), (x + 0.26, base), (x + 0.1, base)],
                  darker(rock, 0.25))  # fmt: skip
        lava = (255, 120, 40)
        self.poly([(x - 0.045, base - 0.3), (x + 0.045, base - 0.3), (x + 0.03, base - 0.28), (x - 0.03, base - 0.28)],
                  lava)  # fmt: skip
        flow = [(x - 0.01, base - 0.29), (x - 0.04, base - 0.2), (x - 0.02, base - 0.12), (x - 0.07, base - 0.03)]
        self.draw.line([self.px(*p) for p in flow], fill=lava, width=max(4, self.w // 200), joint="curve")
        self.glow(self.px(x, base - 0.3), 0.12 * self.w, (255, 110, 40), 120)
        erupting = has_any(self.scene.seed, _ERUPTING)
        smoke = mix(self.lit((90, 84, 86)), (40, 36, 40), 0.3)
        for k in range(6):  # the plume, billowing wider as it rises
            cx, cy = self.px(x + 0.02 * k * (1 if self.side < 0.5 else -1), base - 0.34 - 0.05 * k)
            rad = (0.03 + 0.012 * k) * self.w
            self.draw.ellipse((cx - rad, cy - rad * 0.8, cx + rad, cy + rad * 0.8), fill=darker(smoke, 0.04 * k))
        if erupting:  # fire thrown up out of the crater
            for dx, dy in ((-0.03, -0.36), (0.0, -0.4), (0.03, -0.35), (-0.015, -0.44)):
                self.dot(x + dx, base + dy, 0.01, (255, 190, 80), outline=False)
