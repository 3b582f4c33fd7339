"""Outdoor places the background names: a market's row of stalls (fish, spices or fruit on the counters, lanterns
at night), a garden's beds of flowers behind a wall or hedge, and garden plants in any other place (a Mars garden)."""

from __future__ import annotations

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.landscapes import Landscapes
from providers.offline.drawing.pen import has_any

_AWNINGS: tuple[RGB, ...] = ((200, 50, 50), (40, 110, 170), (230, 170, 40), (60, 140, 80), (150, 60, 130))
_BLOOMS: tuple[RGB, ...] = ((240, 80, 90), (250, 200, 60), (250, 250, 250), (170, 90, 200), (250, 140, 60))


class Places(Landscapes):
    """Markets and gardens, in fractions of the canvas size."""

    def _market(self) -> None:
        """Houses behind (the sea, by a quay), then a row of stalls under striped awnings with their wares, on
        cobbles."""
        s = self.scene
        self.horizon = 0.66 * self.h
        if "harbour" in s.features or "shore" in s.features:
            self._sea()
        else:
            self._houses(-0.02, 1.02, 0.5)
            self.gradient(
                (0, 0.5 * self.h, self.w, self.horizon), [self.lit((150, 140, 130)), self.lit((130, 124, 118))]
            )
        self.gradient((0, self.horizon, self.w, self.h), [self.lit((150, 140, 130)), self.lit((110, 104, 100))])
        for _ in range(40):  # cobbles
            x, y = self.r.random(), self.r.uniform(0.7, 0.98)
            self.dot(x, y, 0.01 * y, darker(self.lit((150, 140, 130)), 0.15), outline=False)
        text = s.seed.lower()
        wares = (
            "fish"
            if has_any(text, ("fish", "fishmonger", "quay", "harbour"))
            else ("spice" if has_any(text, ("spice", "bazaar", "souk", "desert")) else "fruit")
        )
        for k in range(4):
            self._stall(0.02 + k * 0.25, 0.22, self.lit(_AWNINGS[(k + len(text)) % len(_AWNINGS)]), wares)
        if s.time in ("night", "sunset"):  # a string of lanterns across the stalls
            points = [(x / 12 * self.w, (0.1 + 0.04 * ((x % 4) in (1, 2))) * self.h) for x in range(13)]
            self.draw.line(points, fill=INK, width=3)
            for x, y in points[1:-1:2]:
                self.glow((x, y + 0.03 * self.h), 0.09 * self.w, (255, 200, 110), 150)
                self.dot(x / self.w, y / self.h + 0.03, 0.012, (250, 170, 70))

    def _stall(self, x: float, w: float, awning: RGB, wares: str) -> None:
        """A stall: poles, a striped awning with a scalloped edge, a counter piled with `wares`."""
        wood, white = self.lit((130, 90, 56)), self.lit((246, 244, 236))
        for px in (x + 0.01, x + w - 0.02):
            self.rect((px, 0.3, px + 0.01, 0.7), wood)
        for k in range(6):  # stripes
            sx = x + k * w / 6
            self.poly(
                [(sx, 0.3), (sx + w / 6, 0.3), (sx + w / 6 + 0.01, 0.22), (sx + 0.01, 0.22)],
                awning if k % 2 == 0 else white,
            )
            self.draw.chord(
                (sx * self.w, 0.28 * self.h, (sx + w / 6) * self.w, 0.33 * self.h),
                0,
                180,
                fill=awning if k % 2 == 0 else white,
                outline=INK,
                width=2,
            )
        self.rect((x, 0.52, x + w, 0.68), darker(wood, 0.1))
        r = self.r
        for k in range(7):
            cx = x + 0.02 + k * (w - 0.04) / 6
            if wares == "fish":  # laid head to tail, silver, an eye each
                body, y = self.lit((170, 196, 214)), 0.505 + 0.02 * (k % 2)
                self.poly([(cx + 0.012, y), (cx + 0.03, y - 0.022), (cx + 0.03, y + 0.022)], darker(body, 0.2))
                self.draw.ellipse(
                    ((cx - 0.024) * self.w, (y - 0.018) * self.h, (cx + 0.018) * self.w, (y + 0.018) * self.h),
                    fill=body,
                    outline=INK,
                    width=2,
                )
                self.dot(cx - 0.014, y - 0.004, 0.003, INK, outline=False)
            elif wares == "spice":
                colour = self.lit(r.choice(((200, 80, 30), (230, 180, 40), (160, 60, 40), (120, 130, 50))))
                self.poly([(cx - 0.016, 0.525), (cx, 0.49), (cx + 0.016, 0.525)], colour)
                self.rect((cx - 0.018, 0.515, cx + 0.018, 0.53), lighter(darker(wood, 0.1), 0.3))
            else:
                for j in range(3):
                    self.dot(
                        cx - 0.01 + j * 0.01,
                        0.51 - 0.008 * (j == 1),
                        0.008,
                        self.lit(r.choice(((220, 50, 40), (240, 160, 40), (120, 180, 60)))),
                    )

    def _ship_deck(self) -> None:
        """Aboard a ship: its mast and a full sail to one side with the rigging, the bulwark's rail behind the cast
        and the planked deck underfoot."""
        wood, sail = self.lit((130, 86, 52)), self.lit((240, 232, 210))
        width = max(3, self.w // 250)
        x = 0.86 if self.side > 0.5 else 0.14  # on the landmark side, away from the sun or moon
        for dx in (-0.2, 0.2):  # shrouds from the masthead down to the rail, behind the sail
            self.draw.line((x * self.w, 0.02 * self.h, (x + dx) * self.w, 0.68 * self.h), fill=INK, width=width)
        self.rect((x - 0.012, 0.0, x + 0.012, 0.8), darker(wood, 0.1))  # the mast
        self.rect((x - 0.14, 0.08, x + 0.14, 0.095), darker(wood, 0.1))  # the yard
        sail_pts = [(x - 0.13, 0.095), (x + 0.13, 0.095), (x + 0.15, 0.42), (x, 0.46), (x - 0.15, 0.42)]
        self.poly(sail_pts, sail)  # bellied by the wind
        self.draw.line([self.px(px, py) for px, py in (*sail_pts, sail_pts[0])], fill=INK, width=width)
        self.draw.line((*self.px(x - 0.14, 0.26), *self.px(x + 0.14, 0.26)), fill=darker(sail, 0.15), width=width)
        top = self.floor / self.h
        self.rect((0, top - 0.12, 1, top - 0.09), wood)  # the rail, on the bulwark's posts
        self.rect((0, top - 0.09, 1, top), darker(wood, 0.2), outline=False)
        for k in range(13):
            self.rect((k / 12 - 0.006, top - 0.09, k / 12 + 0.006, top), darker(wood, 0.35), outline=False)
        deck = self.lit((176, 128, 80))
        self.gradient((0, self.floor, self.w, self.h), [deck, darker(deck, 0.3)])
        for k in range(1, 6):  # planks running across, the seams caulked dark
            y = self.floor + (self.h - self.floor) * (k / 6) ** 1.3
            self.draw.line((0, y, self.w, y), fill=darker(deck, 0.4), width=width)

    def _garden(self) -> None:
        """A wall (a walled garden) or a hedge behind, a lawn, beds of flowers either side of a path, a tree."""
        s = self.scene
        self.horizon = 0.6 * self.h
        self._sky_hills(self.lit((120, 160, 120)), 0.5, 0.03)
        if has_any(s.seed, ("wall", "walled")):
            brick = self.lit((170, 90, 70))
            self.rect((0, 0.4, 1, 0.62), brick, outline=False)
            for row in range(6):
                y = 0.4 + row * 0.037
                self.draw.line((0, y * self.h, self.w, y * self.h), fill=darker(brick, 0.25), width=2)
                for k in range(24):
                    x = (k + 0.5 * (row % 2)) / 24
                    self.draw.line(
                        (x * self.w, y * self.h, x * self.w, (y + 0.037) * self.h), fill=darker(brick, 0.25), width=2
                    )
        else:
            hedge = self.lit((50, 110, 60))
            self.rect((0, 0.44, 1, 0.62), hedge, outline=False)
            for k in range(26):
                self.dot(k / 25, 0.445, 0.025, hedge, outline=False)
        snowy = s.weather == "snow"  # a park in winter: a white lawn, snow on the hedge, nothing in flower
        if snowy:
            for k in range(26):
                self.dot(k / 25, 0.44, 0.02, self.lit((240, 244, 250)), outline=False)
        lawn = ((236, 240, 248), (214, 222, 236)) if snowy else ((110, 170, 80), (80, 140, 60))
        self.gradient((0, 0.62 * self.h, self.w, self.h), [self.lit(lawn[0]), self.lit(lawn[1])])
        path = self.lit((196, 204, 218) if snowy else (214, 196, 160))
        self.poly([(0.46, 0.62), (0.54, 0.62), (0.7, 1.0), (0.3, 1.0)], path)
        self._tree(0.9 if self.side < 0.5 else 0.1, 0.62, 1.2, 0)
        if not snowy:
            self._plants(rows=((0.66, 0.05, 0.4), (0.66, 0.6, 0.95), (0.84, 0.0, 0.3), (0.84, 0.7, 1.0)))

    def _plants(self, rows: tuple[tuple[float, float, float], ...] | None = None) -> None:
        """Beds of earth with leafy plants and flowers; `rows` are (y, x0, x1); by default two raised beds on either
        side of the middle (where the cast stands), as in a garden elsewhere (a dome's garden on Mars)."""
        r = self.r
        soil, leaf = self.lit((110, 74, 50)), self.lit((60, 150, 70))
        frame = self.lit((150, 120, 90))
        for y, x0, x1 in rows or ((0.74, 0.0, 0.28), (0.74, 0.72, 1.0)):
            if rows is None:  # a raised bed, boarded
                self.rect((x0, y, x1, y + 0.07), frame)
            self.rect((x0, y - 0.01, x1, y + 0.02), soil, outline=rows is None)
            x = x0 + 0.02
            while x < x1 - 0.01:
                height = r.uniform(0.05, 0.1)
                self.draw.line(
                    (x * self.w, y * self.h, x * self.w, (y - height) * self.h),
                    fill=darker(leaf, 0.2),
                    width=max(2, self.w // 300),
                )
                for side in (-1, 1):  # leaves
                    lx, ly = x + side * 0.012, y - height * 0.5
                    self.draw.ellipse(
                        ((lx - 0.012) * self.w, (ly - 0.008) * self.h, (lx + 0.012) * self.w, (ly + 0.008) * self.h),
                        fill=leaf,
                        outline=INK,
                        width=1,
                    )
                bloom = r.choice(_BLOOMS) if r.random() < 0.7 else None
                if bloom is not None:
                    self.dot(x, y - height, 0.011, self.lit(bloom))
                    self.dot(x, y - height, 0.004, self.lit((250, 220, 80)), outline=False)
                else:
                    self.dot(x, y - height, 0.014, leaf)
                x += r.uniform(0.03, 0.045)
