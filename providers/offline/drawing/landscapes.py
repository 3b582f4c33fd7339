"""The outdoor grounds of a scene: sea, forest, city, desert, mountains, fields and rivers."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import RGB, darker, lighter, mix
from providers.offline.drawing.pen import smooth_path
from providers.offline.drawing.scenery import SceneCanvas
from providers.offline.drawing.tables import SKIES


class Landscapes(SceneCanvas):
    """The outdoor grounds a scene stands on: sea, forest, city, desert, mountains, fields and rivers."""

    def _sea(self) -> None:
        s, r = self.scene, self.r
        sea_top = self.lit((70, 140, 190)) if s.time != "night" else (28, 46, 88)
        if s.time in ("dawn", "sunset"):
            sea_top = mix(sea_top, SKIES[s.time][2], 0.35)
        deep = darker(sea_top, 0.35)
        self.gradient((0, self.horizon, self.w, self.h), [sea_top, deep])
        rough = s.weather == "storm"
        # Waves and glints drawn opaque in the colour their translucent white gives over the water's row (the
        # gradient is the same across a row): no sea-sized layer to fill, scan and composite.
        rows = 9 if rough else 14
        for row in range(rows):
            t = row / (rows - 1)
            y = self.horizon + (self.h - self.horizon) * t**1.4 + 4
            amp = (2 + 16 * t) * (1.8 if rough else 1) * self.w / 1024
            step = (24 + 90 * t) * self.w / 1024 * (1.8 if rough else 1)
            colour = self.over((255, 255, 255), 150 if rough else 90, self.w / 2, y - amp / 2)
            x = -r.random() * step
            while x < self.w:
                length = step * r.uniform(0.35, 0.7)
                self.draw.arc((x, y - amp, x + length, y + amp), 200, 340, fill=colour, width=max(2, round(amp / 3)))
                x += step
        if s.time != "day" and not rough:  # the sun's or moon's path on the water
            cx = (1 - self.side) * self.w
            for row in range(16):
                y = self.horizon + 6 + row * (self.h - self.horizon) / 22
                half = (0.02 + 0.05 * row / 16) * self.w * r.uniform(0.5, 1.0)
                glint = self.over((255, 240, 200), 130, cx, y)
                self.draw.line((cx - half, y, cx + half, y), fill=glint, width=max(2, self.h // 300))
        far = self.lit((86, 110, 100))
        if "harbour" in s.features or "shore" in s.features or "lighthouse" in s.features:
            x0 = 0.0 if self.r.random() < 0.5 else 0.55
            pts = smooth_path([(x0, 0.59), (x0 + 0.1, 0.53), (x0 + 0.25, 0.55), (x0 + 0.45, 0.59)], 8)
            self.poly([*pts, (x0 + 0.45, 0.595), (x0, 0.595)], far)
            if "harbour" in s.features:
                self._houses(x0 + 0.05, x0 + 0.38, 0.555)

    def _houses(self, x0: float, x1: float, base: float) -> None:
        r = self.r
        x = x0
        while x < x1:
            w = r.uniform(0.035, 0.055)
            h = r.uniform(0.04, 0.07)
            wall = self.lit(r.choice([(236, 220, 196), (214, 120, 100), (130, 170, 200), (240, 200, 120)]))
            roof = self.lit(r.choice([(150, 70, 60), (80, 90, 110), (120, 80, 60)]))
            self.poly([(x, base), (x, base - h), (x + w, base - h), (x + w, base)], wall)
            self.poly([(x - 0.004, base - h), (x + w / 2, base - h - 0.03), (x + w + 0.004, base - h)], roof)
            wx, wy = self.px(x + w * 0.35, base - h * 0.6)
            lamp = (255, 214, 120) if self.scene.time != "day" else (90, 110, 140)
            self.draw.rectangle((wx, wy, wx + w * self.w * 0.3, wy + h * self.h * 0.3), fill=lamp)
            x += w + 0.006

    def _boats(self) -> None:
        r = self.r
        for i in range(3):
            x = 0.12 + i * 0.3 + r.uniform(-0.05, 0.05)
            y = 0.62 + r.uniform(0, 0.05) + i * 0.01
            size = 0.05 + 0.01 * i
            hull = self.lit(r.choice([(170, 60, 50), (60, 90, 140), (230, 220, 200), (60, 120, 90)]))
            self.poly(
                [(x - size, y), (x + size, y), (x + size * 0.7, y + size * 0.45), (x - size * 0.7, y + size * 0.45)],
                hull,
            )
            self.draw.line(
                [self.px(x, y), self.px(x, y - size * 2.2)], fill=self.lit((90, 70, 50)), width=max(2, self.w // 400)
            )
            self.poly(
                [(x + 0.003, y - size * 2.1), (x + 0.003, y - 0.01), (x + size * 0.9, y - 0.01)],
                self.lit((250, 246, 232)),
            )

    def _forest(self) -> None:
        self.horizon = 0.62 * self.h
        self._sky_hills(self.lit((90, 130, 110)), 0.56, 0.03)
        self.gradient((0, self.horizon, self.w, self.h), [self.lit((90, 150, 80)), self.lit((60, 110, 60))])
        r = self.r
        for layer_i, (count, scale, y) in enumerate(((9, 0.6, 0.63), (5, 1.5, 0.84))):
            for i in range(count):
                x = (i + r.uniform(0.1, 0.9)) / count
                if layer_i == 1 and 0.18 < x < 0.82:
                    continue  # keep the middle clear for the cast
                self._tree(x, y, scale * r.uniform(0.8, 1.2), layer_i)

    def _tree(self, x: float, base: float, scale: float, depth: int) -> None:
        r = self.r
        green = self.lit(mix((40, 110, 60), (20, 60, 40), 0.5 - depth * 0.4))
        trunk = self.lit((110, 76, 50))
        tw, th = 0.012 * scale, 0.1 * scale
        self.poly([(x - tw, base), (x - tw, base - th), (x + tw, base - th), (x + tw, base)], trunk)
        if r.random() < 0.5:  # a conifer
            for k in range(3):
                w, top, bottom = (
                    0.07 * scale * (1 - k * 0.22),
                    base - th - 0.1 * scale * (k + 1.2),
                    base - th * 0.6 - 0.1 * scale * k,
                )
                self.poly([(x - w, bottom), (x, top), (x + w, bottom)], mix(green, (0, 0, 0), 0.08 * k))
        else:
            for dx, dy, rr in ((-0.5, 0.1, 0.7), (0.5, 0.1, 0.7), (0, -0.35, 0.85), (0, 0.2, 0.8)):
                cx, cy = self.px(x + dx * 0.05 * scale, base - th - 0.08 * scale + dy * 0.1 * scale)
                rad = rr * 0.06 * scale * self.w
                self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=green)

    def _sky_hills(self, colour: RGB, y: float, amp: float) -> None:
        pts = [(i / 24, y + amp * math.sin(i * 0.9 + self.r.random()) ** 2) for i in range(25)]
        self.poly([*pts, (1, self.horizon / self.h + 0.01), (0, self.horizon / self.h + 0.01)], colour)

    def _city(self) -> None:
        r = self.r
        self.horizon = 0.68 * self.h
        for depth, (colour, low, high) in enumerate((((110, 120, 150), 0.3, 0.5), ((70, 74, 96), 0.42, 0.62))):
            x = -0.02
            tone = self.lit(colour)
            while x < 1.02:
                w = r.uniform(0.05, 0.11)
                top = r.uniform(low, high)
                self.poly([(x, 0.7), (x, top), (x + w, top), (x + w, 0.7)], tone)
                if r.random() < 0.35:
                    self.poly([(x - 0.005, top), (x + w / 2, top - 0.05), (x + w + 0.005, top)], darker(tone, 0.2))
                lit = self.scene.time in ("night", "sunset") or self.scene.weather is not None
                for wy in range(int(top * 100) + 3, 66, 5):
                    for wx in range(2):
                        if r.random() < (0.55 if lit else 0.9):
                            fill = (255, 214, 120) if lit else mix(tone, (200, 220, 240), 0.5)
                            x0, y0 = self.px(x + w * (0.22 + 0.38 * wx), wy / 100)
                            self.draw.rectangle((x0, y0, x0 + w * self.w * 0.18, y0 + 0.02 * self.h), fill=fill)
                x += w + r.uniform(0.0, 0.02) * depth
        self.gradient((0, 0.7 * self.h, self.w, self.h), [self.lit((120, 116, 120)), self.lit((90, 86, 92))])

    def _desert(self) -> None:
        self.gradient((0, self.horizon, self.w, self.h), [self.lit((236, 200, 140)), self.lit((214, 160, 96))])
        for k, (y, colour) in enumerate(((0.6, (226, 184, 120)), (0.7, (240, 196, 130)), (0.8, (222, 170, 104)))):
            pts = [(i / 20, y + 0.03 * math.sin(i * 0.7 + k * 2 + self.r.random() * 0.3)) for i in range(21)]
            self.poly([*pts, (1, 1), (0, 1)], self.lit(colour))

    def _mountains(self) -> None:
        r = self.r
        for k, (y, height, colour) in enumerate(((0.6, 0.3, (140, 150, 180)), (0.62, 0.22, (100, 112, 140)))):
            peaks, x = [(0.0, y)], 0.0
            while x < 1.0:
                x += r.uniform(0.1, 0.2)
                top = y - height * r.uniform(0.5, 1.0)
                peaks += [(x - 0.07, top + 0.02), (x, top)] if k == 0 else [(x, top)]
                x += r.uniform(0.08, 0.16)
                peaks.append((x, y - height * r.uniform(0.0, 0.3)))
            tone = self.lit(colour)
            self.poly([*peaks, (1.1, y), (1.1, 1), (0, 1)], tone)
            for i in range(1, len(peaks) - 1):
                px, py = peaks[i]
                if py < y - height * 0.7:  # snow caps on the high peaks
                    self.poly(
                        [(px - 0.035, py + 0.06), (px, py), (px + 0.035, py + 0.06), (px, py + 0.045)],
                        self.lit((244, 246, 250)),
                    )
        self._field(hills_only=True)

    def _field(self, hills_only: bool = False) -> None:
        snowy = self.scene.weather == "snow"
        greens = ((120, 160, 120), (120, 176, 90), (96, 156, 72))
        far, near, front = ((214, 222, 236), (236, 240, 248), (226, 232, 244)) if snowy else greens
        if not hills_only:
            self.gradient((0, self.horizon - 2, self.w, self.h), [self.lit(far), self.lit(near)])
            self._sky_hills(self.lit(far), 0.55, 0.04)
        for k, (y, colour) in enumerate(((0.64, near), (0.74, front))):
            pts = [(i / 20, y + 0.035 * math.sin(i * 0.5 + k * 1.7 + self.r.random() * 0.2)) for i in range(21)]
            self.poly([*pts, (1, 1), (0, 1)], self.lit(colour))
        for _ in range(0 if snowy else 40):
            x, y = self.r.random(), self.r.uniform(0.76, 0.98)
            cx, cy = self.px(x, y)
            rad = self.w * 0.004
            colour = self.lit(self.r.choice([(255, 236, 120), (255, 255, 255), (240, 130, 160)]))
            self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=colour)

    def _river(self) -> None:
        water = self.lit((90, 160, 210))
        left = [
            (0.48 + 0.02 * math.sin(t * 5), self.horizon / self.h + t * (1 - self.horizon / self.h))
            for t in (i / 12 for i in range(13))
        ]
        pts = [
            (x - 0.02 - 0.3 * ((y - self.horizon / self.h) / (1 - self.horizon / self.h)) ** 1.5, y) for x, y in left
        ]
        right = [
            (x + 0.02 + 0.3 * ((y - self.horizon / self.h) / (1 - self.horizon / self.h)) ** 1.5, y) for x, y in left
        ]
        self.poly([*pts, *reversed(right)], water)
        for x, y in left[3::2]:  # sparkles on the current
            self.poly([(x - 0.03, y), (x + 0.03, y), (x + 0.03, y + 0.004), (x - 0.03, y + 0.004)], lighter(water, 0.4))
