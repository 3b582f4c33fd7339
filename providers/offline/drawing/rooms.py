"""Rooms: a plain room, and aboard a train (a compartment, a sleeper, a corridor, the dining car, the guard's van)
or on its roof, or a train along the horizon."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import INK, RGB, darker, lighter, rng
from providers.offline.drawing.scenery import SceneCanvas
from providers.offline.drawing.tables import CARRIAGES, MARS_SKIES, SKIES


class Rooms(SceneCanvas):
    """A room's walls and window, railway carriages inside and out; in fractions of the canvas size."""

    def _interior(self, picture: bool = True) -> None:
        """Papered walls, a window on the time of day and (`picture`) a framed landscape."""
        r = self.r
        wall = self.lit(r.choice([(196, 160, 120), (150, 170, 160), (170, 140, 160), (200, 180, 140)]))
        self.horizon = 0.72 * self.h
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.15), wall])
        for x in range(0, self.w, max(8, self.w // 22)):  # wallpaper stripes
            self.draw.line((x, 0, x, self.horizon), fill=darker(wall, 0.06), width=max(2, self.w // 160))
        self._window((0.08, 0.12, 0.32, 0.5))
        if not picture:
            return
        frame = self.lit((120, 84, 56))
        width = max(4, self.w // 120)
        px0, py0 = 0.62 * self.w, 0.16 * self.h  # a framed picture
        self.draw.rectangle(
            (px0, py0, px0 + 0.16 * self.w, py0 + 0.18 * self.h),
            fill=self.lit((120, 160, 190)),
            outline=frame,
            width=width,
        )
        self.draw.polygon(
            [
                (px0 + 0.02 * self.w, py0 + 0.16 * self.h),
                (px0 + 0.08 * self.w, py0 + 0.06 * self.h),
                (px0 + 0.14 * self.w, py0 + 0.16 * self.h),
            ],
            fill=self.lit((90, 120, 90)),
        )

    def starfield(self, box: tuple[float, float, float, float], count: int) -> None:
        """Black space with stars and a ringed planet in a window's `box` (pixels), before its frame is drawn."""
        x0, y0, x1, y1 = box
        self.draw.rectangle(box, fill=(6, 6, 20))
        r = self.r
        for _ in range(count):
            x, y, size = r.uniform(x0, x1), r.uniform(y0, y1), r.choice((1, 1, 2)) * self.w / 1000
            self.draw.ellipse((x - size, y - size, x + size, y + size), fill=(255, 255, 240))
        px, py, rad = x0 + (x1 - x0) * 0.68, y0 + (y1 - y0) * 0.35, (x1 - x0) * 0.14
        self.draw.ellipse((px - rad, py - rad, px + rad, py + rad), fill=(226, 150, 90))
        ring = (px - rad * 1.9, py - rad * 0.45, px + rad * 1.9, py + rad * 0.45)
        self.draw.arc(ring, 0, 180, fill=(236, 214, 170), width=max(3, self.w // 300))

    def _window(self, box: tuple[float, float, float, float], frame: RGB = (120, 84, 56)) -> None:
        """A four-pane window on the sky of the scene's time, `box` in fractions."""
        wx0, wy0, wx1, wy1 = box[0] * self.w, box[1] * self.h, box[2] * self.w, box[3] * self.h
        top, mid, low = (MARS_SKIES if "mars" in self.scene.features else SKIES)[self.scene.time]
        window = Image.new("RGB", (1, 3))
        window.putdata([top, mid, low])
        self.image.paste(
            window.resize((round(wx1 - wx0), round(wy1 - wy0)), Image.Resampling.BILINEAR), (round(wx0), round(wy0))
        )
        if "space" in self.scene.features:  # a room aboard a station: the stars outside
            self.starfield((wx0, wy0, wx1, wy1), 30)
        if "mars" in self.scene.features:  # the red plain and a mesa beyond the glass
            ground = darker((190, 98, 58), {"night": 0.7, "sunset": 0.35, "dawn": 0.25}.get(self.scene.time, 0.0))
            self.draw.rectangle((wx0, wy0 + (wy1 - wy0) * 0.62, wx1, wy1), fill=ground)
            mesa = [(wx0 + (wx1 - wx0) * a, wy0 + (wy1 - wy0) * b) for a, b in ((0.1, 0.62), (0.2, 0.5), (0.45, 0.5),
                                                                                 (0.55, 0.62))]  # fmt: skip
            self.draw.polygon(mesa, fill=darker(ground, 0.2))
        self.pane_weather((wx0, wy0, wx1, wy1))
        ink, width = self.lit(frame), max(4, self.w // 120)
        self.draw.rectangle((wx0, wy0, wx1, wy1), outline=ink, width=width)
        self.draw.line(((wx0 + wx1) / 2, wy0, (wx0 + wx1) / 2, wy1), fill=ink, width=width)
        self.draw.line((wx0, (wy0 + wy1) / 2, wx1, (wy0 + wy1) / 2), fill=ink, width=width)

    def pane_weather(self, box: tuple[float, float, float, float]) -> None:
        """The scene's weather seen through a window (`box` in pixels): grey murk, rain streaking the glass,
        snowflakes; indoors it is drawn nowhere else."""
        weather = self.scene.weather
        if weather is None:
            return
        x0, y0, x1, y1 = box
        r = rng("pane", self.scene.seed, str(round(x0)))
        # A layer only the window's size (and a few pixels round it), not the canvas's; shifted by whole pixels,
        # so every mark lands where it would on a canvas-sized one.
        ox, oy = math.floor(x0) - 4, math.floor(y0) - 4
        layer = Image.new("RGBA", (math.ceil(x1) - ox + 4, math.ceil(y1) - oy + 4), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        murk = {"dust": (200, 130, 80, 110), "fog": (226, 230, 236, 150)}.get(weather, (110, 118, 134, 100))

        def at(*xy: float) -> tuple[float, ...]:  # canvas pixels to the layer's, after the mark is placed
            return tuple(v - (ox if k % 2 == 0 else oy) for k, v in enumerate(xy))

        draw.rectangle(at(x0, y0, x1, y1), fill=murk)
        for _ in range(round((x1 - x0) * (y1 - y0) / 900) if weather in ("storm", "rain", "snow") else 0):
            x, y = r.uniform(x0, x1), r.uniform(y0, y1)
            if weather == "snow":
                draw.ellipse(at(x - 2, y - 2, x + 2, y + 2), fill=(255, 255, 255, 220))
            else:  # rain running down the glass
                draw.line(at(x, y, x - 2, min(y1, y + 0.03 * self.h)), fill=(225, 235, 255, 150), width=2)
        self.commit(layer, (ox, oy))

    def _carriage(self) -> None:
        """A railway carriage from inside: a varnished wall, windows on the country rushing past (hills and streaks
        of speed), a luggage rack; then what this carriage holds (see `carriage_kind`)."""
        kind = self.carriage_kind()
        wall = self.lit((150, 120, 84) if kind == "guards-van" else (128, 80, 54))
        self.horizon = 0.72 * self.h
        self.gradient((0, 0, self.w, self.horizon), [darker(wall, 0.3), wall])
        if kind == "guards-van":  # a plank-walled van: one small window, parcels and a lamp
            for k in range(1, 12):
                y = self.horizon * k / 12
                self.draw.line((0, y, self.w, y), fill=darker(wall, 0.25), width=max(2, self.w // 400))
            self._speeding_windows([(0.62, 0.16, 0.86, 0.4)])
            self._parcels()
            return
        count = {"corridor": 4, "sleeper": 1}.get(kind, 3)
        span = 0.9 / count
        y1 = 0.42 if kind == "corridor" else 0.5
        self._speeding_windows([(0.05 + i * span, 0.16, 0.05 + (i + 0.82) * span, y1) for i in range(count)])
        width = max(4, self.w // 120)
        rack, brass = 0.09 * self.h, self.lit((190, 170, 120))
        self.draw.line((0, rack, self.w, rack), fill=brass, width=width)
        for k in range(9):  # the rack's brackets
            x = (k + 0.5) * self.w / 9
            self.draw.line((x, rack, x - 0.02 * self.w, rack - 0.05 * self.h), fill=brass, width=width)
        if kind == "corridor":  # a brass handrail under the windows, compartment doors across the way (unseen)
            self.draw.line((0, 0.47 * self.h, self.w, 0.47 * self.h), fill=brass, width=width * 2)
        elif kind == "sleeper":
            self._berths()
        elif kind == "dining-car":
            for i in range(3):
                self._dining_table(0.05 + (i + 0.41) * span, 0.3 * span)
        else:
            for i in range(3):
                x0, x1 = (0.05 + i * span) * self.w, (0.05 + (i + 0.82) * span) * self.w
                seat = (x0 + 0.02 * self.w, 0.53 * self.h, x1 - 0.02 * self.w, self.horizon + width)
                frame = self.lit((64, 40, 28))
                self.draw.rounded_rectangle(
                    seat, radius=width * 4, fill=self.lit((140, 40, 52)), outline=frame, width=width
                )

    def carriage_kind(self) -> str:
        """Which carriage: the one the scene's landmarks name (scene_for keeps the first named), else a compartment
        with seats."""
        return next((k for k in CARRIAGES if k in self.scene.features), "compartment")

    def _speeding_windows(self, boxes: list[tuple[float, float, float, float]]) -> None:
        """Windows on the country going by: the sky, dark hills and streaks of speed, in a rounded frame."""
        r = self.r
        frame, width = self.lit((64, 40, 28)), max(4, self.w // 120)
        top, mid, low = SKIES[self.scene.time]
        hills = (26, 32, 44) if self.scene.time == "night" else self.lit((70, 110, 80))
        for fx0, fy0, fx1, fy1 in boxes:
            x0, y0, x1, y1 = fx0 * self.w, fy0 * self.h, fx1 * self.w, fy1 * self.h
            self.gradient((x0, y0, x1, y1), [top, mid, low])
            bumps = [(x0, y1), *((x0 + (x1 - x0) * k / 6, y1 - r.uniform(0.05, 0.14) * self.h) for k in range(7))]
            self.draw.polygon([*bumps, (x1, y1)], fill=hills)
            self.pane_weather((x0, y0, x1, y1))
            for _ in range(3):  # the speed the landscape goes by at
                y = r.uniform(y0 + 0.04 * self.h, y1 - 0.03 * self.h)
                self.draw.line(
                    (x0 + 0.03 * self.w, y, x1 - 0.05 * self.w, y), fill=lighter(mid, 0.35), width=width // 2
                )
            self.draw.rounded_rectangle((x0, y0, x1, y1), radius=width * 3, outline=frame, width=width)

    def _berths(self) -> None:
        """A sleeping compartment's two bunks, one above the other, blankets turned down, and a ladder."""
        frame, width = self.lit((64, 40, 28)), max(4, self.w // 120)
        blanket, sheet = self.lit((70, 90, 140)), self.lit((236, 232, 220))
        for y0 in (0.24, 0.52):
            box = (0.58 * self.w, y0 * self.h, 0.98 * self.w, (y0 + 0.12) * self.h)
            self.draw.rectangle(box, fill=self.lit((96, 60, 40)), outline=frame, width=width)
            self.draw.rectangle(
                (box[0] + width, box[1] - 0.03 * self.h, box[2] - width, box[1] + 0.05 * self.h),
                fill=blanket,
                outline=INK,
                width=width // 2,
            )
            self.draw.rectangle(
                (box[0] + width, box[1] - 0.03 * self.h, box[0] + 0.09 * self.w, box[1] + 0.05 * self.h),
                fill=sheet,
                outline=INK,
                width=width // 2,
            )
        for x in (0.54, 0.58):  # the ladder's rails and rungs
            self.draw.line((x * self.w, 0.22 * self.h, x * self.w, self.horizon), fill=frame, width=width)
        for k in range(6):
            y = (0.28 + k * 0.08) * self.h
            self.draw.line((0.54 * self.w, y, 0.58 * self.w, y), fill=frame, width=width)

    def _dining_table(self, x: float, half: float) -> None:
        """A dining car's table for two under the window: a white cloth, a little lamp, plates and glasses."""
        cloth, width = self.lit((246, 244, 236)), max(3, self.w // 200)
        top, bottom = 0.55 * self.h, 0.68 * self.h
        x0, x1 = (x - half) * self.w, (x + half) * self.w
        self.draw.rectangle((x0, top, x1, bottom), fill=cloth, outline=INK, width=width)
        self.draw.line((x0, top + 0.025 * self.h, x1, top + 0.025 * self.h), fill=darker(cloth, 0.12), width=width)
        for dx in (-0.5, 0.5):  # plates and glasses
            px = x * self.w + dx * half * self.w
            rad = 0.028 * self.w
            self.draw.ellipse(
                (px - rad, top - 0.012 * self.h, px + rad, top + 0.012 * self.h),
                fill=cloth,
                outline=INK,
                width=max(2, width // 2),
            )
            self.draw.rectangle((px + rad, top - 0.04 * self.h, px + rad + 0.008 * self.w, top), fill=(200, 220, 230))
        lamp = (x * self.w, top - 0.07 * self.h)
        self.draw.line((lamp[0], top, lamp[0], lamp[1]), fill=self.lit((190, 170, 120)), width=width)
        self.glow(lamp, 0.05 * self.w, (255, 210, 130), 150)
        shade = [
            (lamp[0] - 0.02 * self.w, lamp[1] + 0.01 * self.h),
            (lamp[0] - 0.01 * self.w, lamp[1] - 0.025 * self.h),
            (lamp[0] + 0.01 * self.w, lamp[1] - 0.025 * self.h),
            (lamp[0] + 0.02 * self.w, lamp[1] + 0.01 * self.h),
        ]
        self.draw.polygon(shade, fill=(240, 180, 110), outline=INK)

    def _parcels(self) -> None:
        """The guard's van: stacked parcels and trunks along one wall, a lamp hanging from the roof."""
        r, width = self.r, max(3, self.w // 200)
        x = 0.04
        while x < 0.5:
            w, h = r.uniform(0.08, 0.14), r.uniform(0.1, 0.2)
            colour = self.lit(r.choice([(170, 130, 80), (120, 90, 60), (150, 110, 70), (90, 70, 60)]))
            y1 = self.horizon / self.h + 0.02
            self.draw.rectangle(
                (x * self.w, (y1 - h) * self.h, (x + w) * self.w, y1 * self.h), fill=colour, outline=INK, width=width
            )
            self.draw.line(
                ((x + w / 2) * self.w, (y1 - h) * self.h, (x + w / 2) * self.w, y1 * self.h),
                fill=darker(colour, 0.3),
                width=width,
            )
            x += w + 0.01
        self.draw.line((0.5 * self.w, 0, 0.5 * self.w, 0.12 * self.h), fill=INK, width=width)
        self.glow((0.5 * self.w, 0.15 * self.h), 0.08 * self.w, (255, 210, 120), 170)
        self.draw.ellipse(
            (0.485 * self.w, 0.12 * self.h, 0.515 * self.w, 0.18 * self.h),
            fill=(255, 226, 150),
            outline=INK,
            width=width,
        )

    def _train(self) -> None:
        """A train along the horizon: carriages with a row of windows (lit at night) behind a locomotive."""
        body, width = self.lit((120, 36, 40)), max(3, self.w // 200)
        top, bottom = self.horizon - 0.1 * self.h, self.horizon + 0.005 * self.h
        lit = (255, 220, 130) if self.scene.time in ("night", "sunset") else self.lit((190, 214, 230))
        for k in range(5):
            x0, x1 = (k * 0.21 - 0.04) * self.w, (k * 0.21 + 0.16) * self.w
            self.draw.rounded_rectangle((x0, top, x1, bottom), radius=width * 2, fill=body, outline=INK, width=width)
            for j in range(4):
                wx = x0 + (0.015 + j * 0.045) * self.w
                self.draw.rectangle((wx, top + 0.02 * self.h, wx + 0.03 * self.w, top + 0.05 * self.h), fill=lit)
        chimney = (0.99 * self.w, top - 0.035 * self.h, 1.02 * self.w, top)
        self.draw.rectangle(chimney, fill=darker(body, 0.4))

    def _train_roof(self) -> None:
        """On the roof of the train: the carriage roof underfoot across the frame (its seams running away toward the
        locomotive), the gap to the next carriage, and the locomotive's smoke blowing back overhead."""
        body, width = self.lit((96, 44, 44)), max(3, self.w // 200)
        top = self.floor - 0.02 * self.h
        self.gradient((0, top, self.w, self.h), [lighter(body, 0.15), darker(body, 0.35)])
        self.draw.line((0, top, self.w, top), fill=INK, width=width)
        self.draw.line((0, top + 0.015 * self.h, self.w, top + 0.015 * self.h), fill=lighter(body, 0.35), width=width)
        vanish = (0.5 * self.w, top - 0.25 * self.h)
        for k in range(-6, 7):  # seams in perspective, toward the front of the train
            x = 0.5 * self.w + k * 0.16 * self.w
            t = (top + 0.02 * self.h - vanish[1]) / (self.h - vanish[1])
            start = (vanish[0] + (x - vanish[0]) * t, top + 0.02 * self.h)
            self.draw.line((*start, x, self.h), fill=darker(body, 0.3), width=width)
        gap = 0.2 if self.side > 0.5 else 0.8  # the coupling gap to the next carriage, away from the cast's middle
        self.draw.rectangle(((gap - 0.012) * self.w, top, (gap + 0.012) * self.w, self.h), fill=darker(body, 0.6))
        layer, draw = self.overlay()
        smoke = (70, 70, 80, 170) if self.scene.time == "night" else (120, 120, 128, 170)
        for k in range(7):  # the locomotive's smoke blowing back overhead
            cx, cy, rad = (1.0 - k * 0.13) * self.w, (0.3 - k * 0.02) * self.h, (0.05 + k * 0.012) * self.w
            draw.ellipse((cx - rad, cy - rad * 0.7, cx + rad, cy + rad * 0.7), fill=smoke)
        self.commit(layer)
