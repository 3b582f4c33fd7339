"""Mars, its own setting: a red-ochre plain strewn with rocks under a butterscotch sky by day, a blue glow round the
setting sun, two small moons at night; flat-topped mesas (canyon walls in a canyon) and a glass habitat dome, seen
from outside or, under it, its ribs overhead; a fortress there is a mining compound, not a castle."""

from __future__ import annotations

import math

from providers.offline.drawing.colour import INK, darker, lighter, mix
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import SceneCanvas
from providers.offline.drawing.tables import MARS_SKIES

_OPEN_GROUND = ("canyon", "plains", "plain", "dunes", "crater rim", "wastes", "desert")
_ROVERS = ("rover", "buggy", "crawler", "moon buggy")
_UNDER_DOME = ("under the dome", "inside the dome", "under the glass", "glass roof", "in the dome", "greenhouse")


class MarsScenes(SceneCanvas):
    """The Martian sky, ground, rocks and dome, in fractions of the canvas size."""

    def _mars(self) -> None:
        s, text = self.scene, self.scene.seed.lower()
        self.horizon = 0.6 * self.h
        top, mid, low = MARS_SKIES[s.time]
        if s.weather == "dust":  # an ochre murk, dim after dark
            dust = [(170, 100, 60), (196, 120, 70), (210, 140, 90)]
            if s.time == "night":
                dust = [darker(c, 0.6) for c in dust]
            top, mid, low = mix(top, dust[0], 0.5), mix(mid, dust[1], 0.6), mix(low, dust[2], 0.7)
        self.gradient((0, 0, self.w, self.horizon + 2), [top, mid, low])
        self._mars_lights()
        canyon = has_any(text, ("canyon", "gorge", "valles"))
        self._mesas(canyon)
        ground = self.lit((190, 98, 58))
        self.gradient((0, self.horizon, self.w, self.h), [lighter(ground, 0.08), darker(ground, 0.35)])
        if canyon:
            self._canyon_walls()
        elif not has_any(text, _OPEN_GROUND) or has_any(text, ("dome", "habitat", "colony")):
            self._dome()
        if "fortress" in s.features:
            self._fortress(0.25 if self.side > 0.5 else 0.75)
        self._rocks()
        if has_any(text, _ROVERS) and not has_any(text, _UNDER_DOME):
            if canyon:  # between the walls, down the canyon behind the cast
                self._rover(0.5, self.horizon / self.h + 0.06, 0.45)
            else:
                self._rover(min(0.86, max(0.14, self.fire_x)), self.horizon / self.h + 0.16)
        if has_any(text, _UNDER_DOME):
            self._dome_ribs()

    def _mars_lights(self) -> None:
        """A small pale sun by day, a blue-white glow where it sets or rises, two small moons and stars at night."""
        s, r = self.scene, self.r
        x = (1 - self.side) * self.w
        if s.time == "night":
            layer, draw = self.overlay()
            for _ in range(80):
                sx, sy = r.random() * self.w, r.random() * self.horizon * 0.9
                size = r.choice((1, 1, 2)) * self.w / 1200
                draw.ellipse((sx - size, sy - size, sx + size, sy + size), fill=(255, 240, 220, r.randrange(120, 255)))
            self.commit(layer)
            for cx, cy, rad in ((x, 0.14 * self.h, 0.022 * self.w), (x - 0.22 * self.w, 0.26 * self.h, 0.012 * self.w)):
                pts = [
                    (
                        cx + rad * (1 + 0.18 * math.sin(k * 2.1)) * math.cos(k * math.pi / 6),
                        cy + rad * 0.85 * math.sin(k * math.pi / 6),
                    )
                    for k in range(12)
                ]
                self.draw.polygon(pts, fill=(214, 200, 184))  # lumpy moons, Phobos and Deimos
            return
        if s.time == "day":
            self.glow((x, 0.16 * self.h), 0.1 * self.w, (255, 246, 226), 90)
            self.dot(x / self.w, 0.16, 0.026, (255, 250, 236), outline=False)
        else:  # Martian twilight is blue round the sun
            y = 0.5 * self.h
            self.glow((x, y), 0.34 * self.w, (150, 190, 240), 150)
            self.dot(x / self.w, 0.5, 0.022, (240, 248, 255), outline=False)

    def _mesas(self, canyon: bool) -> None:
        """Flat-topped mesas and ridges along the horizon, hazy with distance."""
        r = self.r
        far = mix(self.lit((150, 80, 56)), MARS_SKIES[self.scene.time][2], 0.35)
        x = -0.05
        while x < 1.05:
            w, height = r.uniform(0.12, 0.3), r.uniform(0.03, 0.12 if not canyon else 0.05)
            base = self.horizon / self.h + 0.005
            self.poly([(x, base), (x + 0.03, base - height), (x + w - 0.03, base - height), (x + w, base)], far)
            x += w + r.uniform(0.02, 0.12)

    def _canyon_walls(self) -> None:
        """Canyon walls rising on both sides, banded in layers of rock."""
        for side in (0, 1):
            sign = 1 - 2 * side
            pts = [
                (side, 0.08),
                (side + sign * 0.2, 0.14),
                (side + sign * 0.24, 0.4),
                (side + sign * 0.3, 0.62),
                (side + sign * 0.36, 0.9),
                (side, 0.95),
            ]
            wall = self.lit((160, 76, 46))
            self.poly(pts, wall)
            for k in range(1, 6):  # strata
                y = 0.14 + k * 0.13
                x0 = side + sign * (0.2 + 0.16 * (y - 0.14) / 0.76)
                self.draw.line(
                    (side * self.w, y * self.h, x0 * self.w, y * self.h),
                    fill=darker(wall, 0.2),
                    width=max(2, self.w // 300),
                )

    def _dome(self) -> None:
        """A glass habitat dome on the plain, ribbed, with a tube to a smaller module; green inside if it holds a
        garden."""
        x = self.side
        cx, base, rad = x * self.w, self.horizon + 0.02 * self.h, 0.14 * self.w
        garden = "plants" in self.scene.features
        layer, draw = self.overlay()
        glass = (150, 210, 200, 120) if garden else (190, 220, 240, 110)
        draw.pieslice((cx - rad, base - rad, cx + rad, base + rad), 180, 360, fill=glass)
        if garden:
            for k in range(7):  # the plants inside
                px = cx - rad * 0.8 + k * rad * 0.27
                draw.ellipse((px - rad * 0.12, base - rad * 0.3, px + rad * 0.12, base), fill=(70, 150, 80, 220))
        self.commit(layer)
        frame, width = self.lit((220, 220, 226)), max(3, self.w // 300)
        self.draw.arc((cx - rad, base - rad, cx + rad, base + rad), 180, 360, fill=frame, width=width * 2)
        for k in range(1, 6):  # meridian ribs
            squeeze = abs(math.cos(k * math.pi / 6)) * rad
            self.draw.arc((cx - squeeze, base - rad, cx + squeeze, base + rad), 180, 360, fill=frame, width=width)
        for k in (1, 2):  # and parallels
            y = base - rad * k / 3
            half = math.sqrt(rad**2 - (rad * k / 3) ** 2)
            self.draw.line((cx - half, y, cx + half, y), fill=frame, width=width)
        self.draw.rectangle(
            (cx - rad * 1.05, base - 0.01 * self.h, cx + rad * 1.05, base + 0.01 * self.h),
            fill=self.lit((150, 150, 160)),
            outline=INK,
            width=width,
        )
        sign = -1 if x > 0.5 else 1
        tx = cx + sign * rad
        self.draw.rectangle(
            (
                min(tx, tx + sign * 0.08 * self.w),
                base - 0.03 * self.h,
                max(tx, tx + sign * 0.08 * self.w),
                base - 0.005 * self.h,
            ),
            fill=self.lit((200, 200, 206)),
            outline=INK,
            width=width,
        )
        mx = tx + sign * 0.12 * self.w
        self.draw.chord(
            (mx - 0.05 * self.w, base - 0.08 * self.h, mx + 0.05 * self.w, base + 0.02 * self.h),
            180,
            360,
            fill=self.lit((214, 214, 220)),
            outline=INK,
            width=width,
        )
        lamp = (255, 214, 120) if self.scene.time in ("night", "sunset", "dawn") else (120, 150, 170)
        self.dot(mx / self.w, (base - 0.045 * self.h) / self.h, 0.008, lamp)

    def _fortress(self, x: float) -> None:
        """A sealed mining fortress: a squat steel block with lit slits, two drum towers under small domes and a
        drilling derrick behind."""
        steel, width = self.lit((120, 118, 126)), max(3, self.w // 300)
        base = self.horizon / self.h + 0.02
        derrick = [(x + 0.06, base - 0.12), (x + 0.09, base - 0.34), (x + 0.12, base - 0.12)]
        self.draw.line([self.px(px, py) for px, py in (*derrick, derrick[0])], fill=darker(steel, 0.3), width=width)
        for k in range(1, 4):  # the derrick's cross-braces
            y = base - 0.12 - k * 0.055
            half = 0.03 * (1 - k * 0.055 / 0.22)
            self.draw.line((*self.px(x + 0.09 - half, y), *self.px(x + 0.09 + half, y)), fill=darker(steel, 0.3),
                           width=width)  # fmt: skip
        self.rect((x - 0.13, base - 0.12, x + 0.13, base), steel)
        lamp = (255, 200, 110) if self.scene.time != "day" else (90, 110, 130)
        for k in range(6):  # slit windows
            self.rect((x - 0.11 + k * 0.04, base - 0.08, x - 0.09 + k * 0.04, base - 0.065), lamp, outline=False)
        for tx in (x - 0.15, x + 0.11):  # drum towers, domed
            self.rect((tx, base - 0.19, tx + 0.05, base), darker(steel, 0.12))
            self.draw.chord((*self.px(tx - 0.004, base - 0.225), *self.px(tx + 0.054, base - 0.155)), 180, 360,
                            fill=self.lit((190, 220, 236)), outline=INK, width=width)  # fmt: skip
            self.dot(tx + 0.025, base - 0.13, 0.006, lamp)

    def _rover(self, x: float, base: float, k: float = 1.0) -> None:
        """A six-wheeled rover standing at `base`, `k` times its usual size: a white cab with a dark windscreen on a
        low chassis, a solar panel on its roof and a mast with a dish; its wheels throw a shadow on the dust."""
        width = max(2, round(self.w / 300 * k))
        body, chassis = self.lit((226, 224, 216)), self.lit((110, 108, 116))

        def at(dx: float, dy: float) -> tuple[float, float]:
            return x + dx * k, base + dy * k

        def box(x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
            return (*at(x0, y0), *at(x1, y1))

        self.draw.ellipse((*self.px(*at(-0.12, -0.012)), *self.px(*at(0.12, 0.02))), fill=self.lit((120, 56, 34)))
        self.rect(box(-0.11, -0.07, 0.11, -0.035), chassis)
        self.rect(box(-0.09, -0.13, 0.05, -0.07), body)
        self.poly([at(0.05, -0.13), at(0.1, -0.085), at(0.1, -0.07), at(0.05, -0.07)], body)
        self.poly([at(0.055, -0.12), at(0.09, -0.088), at(0.055, -0.088)], self.lit((60, 90, 120)))  # windscreen
        self.rect(box(-0.1, -0.145, 0.03, -0.13), self.lit((60, 70, 130)))  # solar panel
        for n in range(1, 4):
            self.draw.line((*self.px(*at(-0.1 + n * 0.0325, -0.145)), *self.px(*at(-0.1 + n * 0.0325, -0.13))),
                           fill=INK, width=1)  # fmt: skip
        mast, (tx, ty) = self.px(*at(-0.07, -0.145)), self.px(*at(-0.07, -0.2))
        self.draw.line((*mast, tx, ty), fill=INK, width=width)
        dish = 0.02 * k * self.w
        self.draw.chord((tx - dish, ty - dish, tx + dish, ty + dish / 2), 0, 180, fill=body, outline=INK, width=width)
        for n in range(3):  # six wheels, three a side, the far ones hidden behind the near
            self.dot(*at(-0.085 + n * 0.085, -0.022), 0.022 * k, self.lit((56, 54, 60)))
            self.dot(*at(-0.085 + n * 0.085, -0.022), 0.008 * k, chassis, outline=False)

    def _rocks(self) -> None:
        """Rocks and pebbles strewn over the plain, bigger nearer, each with its shadow."""
        r = self.r
        rock = self.lit((130, 64, 40))
        for _ in range(26):
            x, y = r.random(), r.uniform(self.horizon / self.h + 0.02, 0.98)
            size = 0.004 + 0.03 * (y - 0.6) ** 1.2 * r.uniform(0.5, 1.3)
            cx, cy, rad = x * self.w, y * self.h, size * self.w
            self.draw.ellipse((cx - rad * 1.4, cy, cx + rad * 1.6, cy + rad * 0.5), fill=darker(rock, 0.35))
            self.draw.chord((cx - rad, cy - rad * 0.9, cx + rad, cy + rad * 0.5), 180, 360, fill=rock)
            self.draw.chord((cx - rad * 0.7, cy - rad * 0.8, cx + rad * 0.3, cy), 180, 360, fill=lighter(rock, 0.2))

    def _dome_ribs(self) -> None:
        """Seen from under the dome: its glass tints the sky and its ribs arch overhead."""
        layer, draw = self.overlay()
        draw.rectangle((0, 0, self.w, self.horizon), fill=(180, 220, 240, 40))
        self.commit(layer)
        frame, width = self.lit((200, 204, 214)), max(5, self.w // 120)
        for k in range(-3, 4):
            self.draw.arc(
                (
                    self.w * (0.5 + k * 0.2) - 1.2 * self.w,
                    -0.3 * self.h,
                    self.w * (0.5 + k * 0.2) + 1.2 * self.w,
                    1.9 * self.h,
                ),
                200,
                340,
                fill=frame,
                width=width,
            )
        self.draw.arc((-0.3 * self.w, -0.9 * self.h, 1.3 * self.w, 1.2 * self.h), 180, 360, fill=frame, width=width)
