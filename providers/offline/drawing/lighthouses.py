"""Inside a lighthouse: the keeper's round stone room (a deep window on the sea, the iron stair winding up to the
lamp, its light spilling down the hatch), or, when the text names the lamp, the lamp room at the top (the great lens
glowing on its pedestal, glass all round on the sea)."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import INK, darker, lighter
from providers.offline.drawing.rooms import Rooms
from providers.offline.drawing.tables import SKIES


class LighthouseRooms(Rooms):
    """A lighthouse from inside, in fractions of the canvas (the floor from the horizon, 0.72, down)."""

    def _lighthouse_room(self) -> None:
        """Curved whitewashed stone, then the keeper's room or the lamp room."""
        self.horizon = 0.72 * self.h
        stone = self.lit((214, 208, 196))
        # A round room: the wall turns away from us toward both edges, so it darkens there (one stretched strip).
        strip = Image.new("RGBA", (5, 1))
        strip.putdata([(*c, 255) for c in (darker(stone, 0.4), darker(stone, 0.1), stone, darker(stone, 0.1),
                                           darker(stone, 0.4))])  # fmt: skip
        row = strip.resize((self.w, 1), Image.Resampling.BILINEAR)  # across one row, then repeated down (cheap)
        self.image.paste(row.resize((self.w, round(self.horizon)), Image.Resampling.NEAREST), (0, 0))
        joint, width = darker(stone, 0.22), max(2, self.w // 400)
        for k in range(1, 9):  # stone courses, bowed by the curve of the wall
            y = self.horizon * k / 9
            sag = 0.03 * self.h * (1 if y > 0.4 * self.h else -1)
            self.draw.arc((-0.3 * self.w, y - abs(sag), 1.3 * self.w, y + abs(sag)), 0 if sag > 0 else 180,
                          180 if sag > 0 else 360, fill=joint, width=width)  # fmt: skip
        if "lamp-room" in self.scene.features:
            self._lamp_room()
        else:
            self._keepers_room()

    def _sea_view(self, box: tuple[float, float, float, float]) -> None:
        """The sky at the scene's time over the sea, filling a window's `box` (fractions)."""
        x0, y0, x1, y1 = (round(v) for v in (box[0] * self.w, box[1] * self.h, box[2] * self.w, box[3] * self.h))
        top, mid, low = SKIES[self.scene.time]
        self.gradient((x0, y0, x1, y1), [top, mid, low])
        sea_y = y0 + (y1 - y0) * 0.62
        if self.scene.setting == "tower-room":  # up a tower in town: roofs and chimneys far below, not the sea
            self._roofs_view((x0, y0, x1, y1), sea_y)
            self.pane_weather((x0, y0, x1, y1))
            return
        night = self.scene.time == "night"
        sea = (28, 46, 88) if night else self.lit((70, 130, 180))
        self.gradient((x0, sea_y, x1, y1), [sea, darker(sea, 0.3)])
        for k in range(1, 4):  # wave crests
            y = sea_y + (y1 - sea_y) * k / 4
            for j in range(3):
                wx = x0 + (x1 - x0) * (j + 0.2 + 0.3 * (k % 2)) / 3
                self.draw.arc((wx, y - 3, wx + (x1 - x0) * 0.18, y + 3), 200, 340, fill=lighter(sea, 0.4), width=2)
        self.pane_weather((x0, y0, x1, y1))

    def _roofs_view(self, box: tuple[int, int, int, int], top: float) -> None:
        """The town's roofs below a tower's window: gables and chimneys, lit windows after dark (drawn over the
        window's own sky, cropped to it)."""
        x0, y0, x1, y1 = box
        view = self.image.crop(box)
        draw = ImageDraw.Draw(view)
        night = self.scene.time in ("night", "sunset")
        roofs = self.lit((120, 84, 76)) if not night else (44, 40, 56)
        r, width, x = self.r, x1 - x0, 0.0
        base, peak_y = y1 - y0, top - y0
        while x < width:
            w = width * r.uniform(0.22, 0.36)
            peak = peak_y + (base - peak_y) * r.uniform(0.0, 0.3)
            eaves = peak + w * 0.22
            draw.polygon([(x, base), (x, eaves), (x + w / 2, peak), (x + w, eaves), (x + w, base)], fill=roofs,
                         outline=darker(roofs, 0.3))  # fmt: skip
            draw.rectangle((x + w * 0.68, peak - w * 0.04, x + w * 0.78, eaves), fill=darker(roofs, 0.2))  # chimney
            if night:
                draw.rectangle((x + w * 0.4, eaves + w * 0.12, x + w * 0.52, eaves + w * 0.22), fill=(255, 214, 120))
            x += w + width * 0.02
        self.image.paste(view, (x0, y0))
        self.draw = ImageDraw.Draw(self.image)

    def _keepers_room(self) -> None:
        """A deep arched window on the sea to one side, the spiral stair to the lamp on the other."""
        left = self.side < 0.5  # the window on the landmark side, the stair across from it
        wx0 = 0.08 if left else 0.66
        wx1, wy0, wy1 = wx0 + 0.26, 0.14, 0.52
        reveal = darker(self.lit((214, 208, 196)), 0.35)
        self.rect((wx0 - 0.025, wy0 - 0.02, wx1 + 0.025, wy1 + 0.03), reveal)  # the wall's thickness round it
        self._sea_view((wx0, wy0, wx1, wy1))
        cx, rad = (wx0 + wx1) / 2 * self.w, (wx1 - wx0) / 2 * self.w
        arch = (cx - rad - 0.025 * self.w, wy0 * self.h - rad, cx + rad + 0.025 * self.w, wy0 * self.h + rad)
        self.draw.chord(arch, 180, 360, fill=reveal, outline=INK, width=max(3, self.w // 300))
        frame, width = self.lit((60, 70, 80)), max(4, self.w // 150)
        self.draw.rectangle((wx0 * self.w, wy0 * self.h, wx1 * self.w, wy1 * self.h), outline=frame, width=width)
        self.draw.line((cx, wy0 * self.h, cx, wy1 * self.h), fill=frame, width=width)
        self.draw.line((wx0 * self.w, 0.33 * self.h, wx1 * self.w, 0.33 * self.h), fill=frame, width=width)
        self._spiral_stair(0.8 if left else 0.2)

    def _spiral_stair(self, x: float) -> None:
        """An iron stair winding round its post up to a hatch in the ceiling, the lamp's light pouring down it."""
        iron, width = self.lit((58, 60, 68)), max(3, self.w // 260)
        hatch = (x * self.w, 0.0)
        self.glow((hatch[0], 0.02 * self.h), 0.22 * self.w, (255, 226, 150), 140)
        self.draw.rectangle(((x - 0.09) * self.w, 0, (x + 0.09) * self.w, 0.03 * self.h), fill=(255, 236, 180))
        self.draw.line(((x - 0.1) * self.w, 0.03 * self.h, (x + 0.1) * self.w, 0.03 * self.h), fill=INK, width=width)
        self.rect((x - 0.008, 0.03, x + 0.008, 0.72), iron)  # the post
        treads = 11
        rail = []
        for k in range(treads):  # treads fanning round the post, climbing to the hatch
            turn = k * 2 * math.pi / 7
            y = 0.7 - k * 0.062
            reach = 0.11 * math.sin(turn)
            tip = (x + reach, y - 0.01 * math.cos(turn))
            self.poly([(x, y - 0.012), (x, y + 0.012), (tip[0], tip[1] + 0.012), (tip[0], tip[1] - 0.012)], iron)
            rail.append(self.px(tip[0], tip[1] - 0.1))
            self.draw.line([self.px(*tip), rail[-1]], fill=iron, width=width)  # a baluster
        self.draw.line(rail, fill=lighter(iron, 0.2), width=width * 2, joint="curve")  # the handrail

    def _lamp_room(self) -> None:
        """Glass all round on the sea behind the great lens, which glows on its brass pedestal."""
        panes = 4
        for k in range(panes):  # the lantern's glazing, between its iron astragals
            x0 = 0.04 + k * 0.92 / panes
            self._sea_view((x0, 0.08, x0 + 0.92 / panes, 0.56))
        iron, width = self.lit((50, 52, 60)), max(5, self.w // 140)
        for k in range(panes + 1):
            x = (0.04 + k * 0.92 / panes) * self.w
            self.draw.line((x, 0.06 * self.h, x, 0.58 * self.h), fill=iron, width=width)
        for y in (0.08, 0.32, 0.56):
            self.draw.line((0.04 * self.w, y * self.h, 0.96 * self.w, y * self.h), fill=iron, width=width)
        self.rect((0.0, 0.56, 1.0, 0.6), darker(self.lit((214, 208, 196)), 0.3))  # the sill
        brass = self.lit((200, 160, 70))
        x = 0.8 if self.side > 0.5 else 0.2  # to one side, so the cast does not stand in front of it
        lamp = self.px(x, 0.34)
        self.rect((x - 0.04, 0.46, x + 0.04, 0.72), brass)  # the pedestal
        self.glow(lamp, 0.24 * self.w, (255, 246, 200), 170)
        for k, tone in enumerate(((250, 206, 96), (255, 228, 140), (255, 244, 196), (255, 252, 236))):  # the lens
            rad = (0.09 - 0.022 * k) * self.w
            self.draw.ellipse((lamp[0] - rad * 0.8, lamp[1] - rad, lamp[0] + rad * 0.8, lamp[1] + rad), fill=tone,
                              outline=(214, 160, 60), width=max(2, self.w // 400))  # fmt: skip
        if self.scene.time != "day" or self.scene.weather:  # its beam through the glass, out over the sea
            top = round(lamp[1] - 0.12 * self.h)  # on a layer only as tall as the beam (cheaper than the canvas)
            layer = Image.new("RGBA", (self.w, round(0.18 * self.h) + 1), (0, 0, 0, 0))
            end, y = (-0.1 * self.w if self.side > 0.5 else 1.1 * self.w), lamp[1] - top
            ImageDraw.Draw(layer).polygon([(lamp[0], y - 6), (end, 0), (end, y + 0.06 * self.h), (lamp[0], y + 6)],
                                          fill=(255, 240, 170, 60))  # fmt: skip
            self.commit(layer, (0, top))
