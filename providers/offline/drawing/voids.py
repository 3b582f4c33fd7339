"""Out in space: stars and nebulae over the whole frame, a ringed planet, and underfoot only what the text names:
an asteroid (others tumbling by), a ship's hull, a world's cratered surface, or a world's limb below us in orbit;
none of them, open space."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFilter

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import SceneCanvas

_ROCK: RGB = (128, 116, 108)


class SpaceScenes(SceneCanvas):
    """Open space and what floats in it, in fractions of the canvas size."""

    def _space(self) -> None:
        s, r = self.scene, self.r
        surface = "surface" in s.features
        self.horizon = (0.7 if surface else 1.0) * self.h
        self._deep_sky()
        for _ in range(200):  # opaque, in the colour a translucent star gives over the sky there (no layer)
            x, y = r.random() * self.w, r.random() * self.horizon
            size = r.choice((1, 1, 2, 3)) * self.w / 1200
            fill = self.over((255, 255, 240), r.randrange(120, 255), x, y)
            self.draw.ellipse((x - size, y - size, x + size, y + size), fill=fill)
        self._ringed_planet((1 - self.side) * self.w, 0.2 * self.h, 0.09 * self.w)
        if surface:
            self._surface()
        elif "orbit" in s.features:
            self._limb()
        elif "asteroids" in s.features:
            self._asteroids()
        elif "hull" in s.features:
            self._hull()
        if "space-station" in s.features:
            self._station_ring(self.side * self.w, 0.34 * self.h, 0.13 * self.w)

    def _deep_sky(self) -> None:
        """The black of space and its nebulae, painted and blurred an eighth the size and scaled up: soft clouds
        of colour for a fraction of three canvas-sized glows."""
        r, shrink = self.r, 8
        size = (self.w // shrink + 1, self.h // shrink + 1)
        strip = Image.new("RGB", (1, 3))
        strip.putdata([(6, 6, 22), (24, 14, 56), (30, 18, 64)])
        sky = strip.resize(size, Image.Resampling.BILINEAR)
        for colour in ((140, 60, 200), (40, 160, 200), (220, 80, 140)):  # nebula clouds
            cx, cy, rad = r.random() * size[0], r.uniform(0.1, 0.6) * size[1], r.uniform(0.12, 0.25) * size[0]
            mask = Image.new("L", size, 0)
            ImageDraw.Draw(mask).ellipse((cx - rad * 0.6, cy - rad * 0.6, cx + rad * 0.6, cy + rad * 0.6), fill=80)
            sky.paste(colour, (0, 0), mask.filter(ImageFilter.GaussianBlur(max(1.0, rad * 0.45))))
        # Smoothed up to half the size, then doubled: the panel's supersampling averages those pairs away anyway.
        half = sky.resize((size[0] * shrink // 2, size[1] * shrink // 2), Image.Resampling.BILINEAR)
        self.image.paste(half.resize((half.width * 2, half.height * 2), Image.Resampling.NEAREST), (0, 0))
        self.draw = ImageDraw.Draw(self.image)

    def _ringed_planet(self, px: float, py: float, rad: float) -> None:
        planet, ring = (226, 150, 90), (236, 214, 170)
        box = (px - rad * 1.9, py - rad * 0.45, px + rad * 1.9, py + rad * 0.45)
        self.draw.ellipse(box, outline=ring, width=max(4, self.w // 200))
        self.draw.ellipse((px - rad, py - rad, px + rad, py + rad), fill=planet)
        for band in (-0.45, 0.05, 0.5):  # cloud bands
            top, bottom = py + band * rad - rad * 0.09, py + band * rad + rad * 0.09
            self.draw.ellipse((px - rad * 0.93, top, px + rad * 0.93, bottom), fill=darker(planet, 0.15))
        self.draw.arc(box, 0, 180, fill=ring, width=max(4, self.w // 200))  # the ring's near side, over the planet

    def _surface(self) -> None:
        """A world's cratered ground, red if it is Mars's."""
        r = self.r
        ground = (196, 96, 70) if has_any(self.scene.seed, ("mars", "red planet")) else (150, 150, 160)
        self.gradient((0, self.horizon, self.w, self.h), [ground, darker(ground, 0.45)])
        for _ in range(9):
            cx, cy = r.random() * self.w, r.uniform(self.horizon + 0.03 * self.h, 0.97 * self.h)
            cw = r.uniform(0.03, 0.07) * self.w * (cy / self.h)
            box = (cx - cw, cy - cw * 0.3, cx + cw, cy + cw * 0.3)
            self.draw.ellipse(box, fill=darker(ground, 0.3))
            self.draw.arc(box, 0, 180, fill=lighter(ground, 0.3), width=max(2, self.w // 400))

    def _limb(self) -> None:
        """In orbit: the curve of the world below filling the bottom of the frame, a thin blue rim of air."""
        text = self.scene.seed
        world = (170, 168, 164) if has_any(text, ("moon", "lunar")) else (
            (196, 96, 70) if has_any(text, ("mars", "red planet")) else (60, 120, 200))  # fmt: skip
        rad = 1.6 * self.w
        cx, cy = 0.5 * self.w, 0.78 * self.h + rad
        if world[2] > world[0]:  # the Earth's air, a pale glow along the rim
            self.draw.ellipse((cx - rad - 8, cy - rad - 8, cx + rad + 8, cy + rad + 8), fill=(150, 200, 255))
        self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=world)
        r = self.r
        for _ in range(6):  # seas, lands or craters across it, flattened by the curve
            x, y = r.uniform(0.05, 0.95) * self.w, r.uniform(0.84, 0.98) * self.h
            size = r.uniform(0.04, 0.1) * self.w
            self.draw.ellipse((x - size, y - size * 0.22, x + size, y + size * 0.22), fill=darker(world, 0.18))

    def _asteroids(self) -> None:
        """Rocks tumbling by at every distance, and a big one underfoot: its lumpy top where the cast stands, its
        sides falling away into space at the corners."""
        r = self.r
        planet = ((1 - self.side) * self.w, 0.2 * self.h)
        for k in range(12):
            x, y = (k + r.uniform(0.1, 0.9)) / 12 * self.w, r.uniform(0.08, 0.62) * self.h
            if abs(x - planet[0]) < 0.16 * self.w and y < 0.36 * self.h:
                y += 0.3 * self.h  # not across the planet
            self._rock(x, y, r.uniform(0.012, 0.05) * self.w * (0.6 + y / self.h), darker(_ROCK, r.uniform(0.05, 0.4)))
        top = self.floor / self.h - 0.03
        pts = [(x, top + 0.02 * math.sin(x * 11 + r.random()) + 0.5 * (x - 0.5) ** 4 * 16)
               for x in (k / 16 * 1.1 - 0.05 for k in range(17))]  # fmt: skip
        self.poly([*pts, (1.05, 1.02), (-0.05, 1.02)], darker(_ROCK, 0.2))
        self.draw.line([self.px(x, y) for x, y in pts], fill=lighter(_ROCK, 0.25), width=max(3, self.w // 250))
        for _ in range(6):  # craters pocking it
            x, y = r.uniform(0.15, 0.85), r.uniform(top + 0.06, 0.97)
            size = r.uniform(0.02, 0.05) * self.w
            box = (x * self.w - size, y * self.h - size * 0.3, x * self.w + size, y * self.h + size * 0.3)
            self.draw.ellipse(box, fill=darker(_ROCK, 0.45), outline=darker(_ROCK, 0.05), width=max(2, self.w // 400))

    def _rock(self, cx: float, cy: float, rad: float, tone: RGB) -> None:
        """One asteroid: a lumpy outline, lit on the side toward the planet, a crater or two."""
        r = self.r
        pts = [(cx + rad * r.uniform(0.7, 1.1) * math.cos(a * math.pi / 5),
                cy + rad * r.uniform(0.6, 0.95) * math.sin(a * math.pi / 5)) for a in range(10)]  # fmt: skip
        self.draw.polygon(pts, fill=tone, outline=INK, width=max(2, self.w // 500))
        lit = 1 if self.side < 0.5 else -1
        self.draw.ellipse((cx + lit * rad * 0.2 - rad * 0.4, cy - rad * 0.5, cx + lit * rad * 0.2 + rad * 0.4,
                           cy - rad * 0.1), fill=lighter(tone, 0.2))  # fmt: skip
        self.draw.ellipse((cx - rad * 0.3, cy, cx, cy + rad * 0.25), fill=darker(tone, 0.3))

    def _station_ring(self, cx: float, cy: float, rad: float) -> None:
        """A space station seen from outside: a wheel turned toward us, its hub, spokes and lit windows."""
        metal, width = (176, 184, 198), max(3, self.w // 300)
        box = (cx - rad, cy - rad * 0.38, cx + rad, cy + rad * 0.38)
        self.draw.ellipse(box, outline=INK, width=round(rad * 0.16) + 2)
        self.draw.ellipse(box, outline=metal, width=round(rad * 0.16))
        for k in range(4):  # spokes
            a = k * math.pi / 4
            self.draw.line((cx, cy, cx + rad * math.cos(a) * 0.92, cy + rad * 0.35 * math.sin(a)), fill=metal,
                           width=width)  # fmt: skip
            self.draw.line((cx, cy, cx - rad * math.cos(a) * 0.92, cy - rad * 0.35 * math.sin(a)), fill=metal,
                           width=width)  # fmt: skip
        for k in range(12):  # the ring's lit windows
            a = k * math.pi / 6
            self.dot((cx + rad * 0.93 * math.cos(a)) / self.w, (cy + rad * 0.36 * math.sin(a)) / self.h, 0.003,
                     (255, 230, 150), outline=False)  # fmt: skip
        self.dot(cx / self.w, cy / self.h, rad * 0.18 / self.w, metal)
        self.rect((cx / self.w - 0.004, cy / self.h - 0.12, cx / self.w + 0.004, cy / self.h - 0.02), metal)

    def _hull(self) -> None:
        """A ship's hull underfoot: riveted plates curving away on either side, a hatch, a painted stripe."""
        metal = (150, 158, 172)
        top = self.floor / self.h - 0.02
        pts = [(i / 16, top + 0.06 * ((i - 8) / 8) ** 2) for i in range(17)]
        self.poly([(0, 1.0), *pts, (1, 1.0)], metal)
        self.gradient((0, 0.9 * self.h, self.w, self.h), [metal, darker(metal, 0.35)])
        width = max(2, self.w // 400)
        self.draw.line([self.px(x, y) for x, y in pts], fill=lighter(metal, 0.4), width=max(3, self.w // 250))
        stripe = [(x, y + 0.05) for x, y in pts]
        self.draw.line([self.px(x, y) for x, y in stripe], fill=(200, 80, 50), width=max(6, self.w // 100))
        for k in range(1, 8):  # the plates' seams and their rivets
            x = k / 8
            y = top + 0.06 * ((x * 16 - 8) / 8) ** 2
            self.draw.line((*self.px(x, y), *self.px(x, 1.0)), fill=darker(metal, 0.3), width=width)
            for j in range(3):
                self.dot(x + 0.012, y + 0.04 + j * 0.06, 0.003, darker(metal, 0.35), outline=False)
        hx = 0.2 if self.side > 0.5 else 0.8  # a hatch, clear of the middle where the cast stands
        self.dot(hx, top + 0.1, 0.035, darker(metal, 0.15))
        self.dot(hx, top + 0.1, 0.02, darker(metal, 0.35))
