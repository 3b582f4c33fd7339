"""The scene painter: which painter draws each setting (rooms, caves, tunnels, space, under the sea, the open
country and its places), landmarks (lighthouse, castle, tower, volcano, fire), the floor the cast stands on, and
`paint_scene`, the whole scene for a panel's background text."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PIL import Image, ImageDraw

from providers.offline.drawing.colour import INK, darker, lighter
from providers.offline.drawing.fairs import Fairs
from providers.offline.drawing.furnishings import Furnishings
from providers.offline.drawing.halls import OWN_FLOORS
from providers.offline.drawing.handiwork import Handiwork
from providers.offline.drawing.jungles import Jungles
from providers.offline.drawing.mars import MarsScenes
from providers.offline.drawing.moon import MoonScenes
from providers.offline.drawing.pen import Point, has_any
from providers.offline.drawing.places import Places
from providers.offline.drawing.polar import PolarScenes
from providers.offline.drawing.scenery import INDOOR, scene_for
from providers.offline.drawing.subways import Subways
from providers.offline.drawing.underwater import UnderwaterScenes
from providers.offline.drawing.vehicles import WATERBORNE, Vehicles, aboard
from providers.offline.drawing.venues import Venues
from providers.offline.drawing.villages import Villages
from providers.offline.drawing.voids import SpaceScenes
from providers.offline.drawing.volcanoes import Volcanoes

# Enclosed places: no sky and no weather over them, nor the open country's landmarks (underwater draws its own).
_ENCLOSED = INDOOR | {"cave", "subway", "underwater"}
_ICE = ("ice", "icy", "glacier", "frozen", "frost")
# Outdoor places with nothing to see a volcano over: a wall of jungle, a stadium's stands.
_NO_VIEW = frozenset({"jungle", "jungle-river", "jungle-temple", "stadium", "stadium-stands"})


class ScenePainter(
    Handiwork,
    Places,
    Furnishings,
    MarsScenes,
    MoonScenes,
    SpaceScenes,
    UnderwaterScenes,
    Subways,
    PolarScenes,
    Jungles,
    Venues,
    Volcanoes,
    Fairs,
    Villages,
    Vehicles,
):
    """Paints a scene on an RGBA canvas; everything is placed in fractions of the canvas size."""

    def paint(self) -> Image.Image:
        """The finished scene (RGB)."""
        s = self.scene
        indoor = s.setting in _ENCLOSED
        if s.setting == "interior" and "train" in s.features:
            self._carriage()
        elif s.setting in INDOOR:
            self._room()
        elif s.setting == "cave":
            self._cave()
        elif s.setting == "space":
            self._space()
            if "fortress" in s.features:  # on the surface, clear of the middle where the cast stands
                self._fortress(0.25 if self.side > 0.5 else 0.75)
        elif s.setting == "underwater":
            self._underwater()
        elif s.setting == "subway":
            self._subway()
        elif s.setting == "mars":
            self._mars()
        elif s.setting == "moon":
            self._moon()
        else:
            self._sky()
            self._celestial()
            if s.weather == "storm" or (s.weather in ("rain", "snow") and s.time != "night"):
                self._clouds(heavy=True)
            elif s.time in ("day", "dawn", "sunset"):
                self._clouds(heavy=False)
            {"sea": self._sea, "forest": self._forest, "city": self._city, "desert": self._desert,
             "mountains": self._mountains, "market": self._market, "garden": self._garden, "ice": self._ice,
             "jungle": self._jungle, "jungle-river": self._jungle, "jungle-temple": self._jungle,
             "stadium": self._stadium, "airport": self._airport,
             "fairground": self._fairground, "circus-grounds": self._circus_grounds, "circus-parade": self._parade,
             "zoo": self._zoo, "farm": self._farm, "village": self._village,
             "stadium-stands": self._stands}.get(s.setting, self._field)()  # fmt: skip
            if "river" in s.features and s.setting in ("field", "forest", "mountains"):
                self._river()
        if not indoor and s.setting != "space":
            if "volcano" in s.features and s.setting not in _NO_VIEW:  # nothing to see it over
                self._volcano()
            if "castle" in s.features:
                self._castle()
            if "tower" in s.features and "lighthouse" not in s.features:
                self._tower()
            if "lighthouse" in s.features and "railing" not in s.features:
                self._lighthouse()
            # A quay's stalls stand in front of the water; a jungle river has its own canoe.
            if "harbour" in s.features and s.setting not in (
                "market",
                "village",
                "jungle",
                "jungle-river",
                "jungle-temple",
            ):
                self._boats()
            if "ship-deck" in s.features and s.setting == "sea":
                self._ship_deck()
            elif "train-roof" in s.features:
                self._train_roof()
            elif "train" in s.features:
                self._train()
        if "train-roof" not in s.features and not ("ship-deck" in s.features and s.setting == "sea"):
            self._floor()
        if not indoor:
            self._vehicles()
        if "plants" in s.features and not indoor and s.setting != "garden":
            self._plants()
        if "fire" in s.features and not (indoor and "train" in s.features) and s.setting != "underwater":
            self._hearth() if s.setting in INDOOR else self._fire()
        if "lighthouse" in s.features and "railing" in s.features:
            self._lantern_room()
        self._handiwork()  # what an everyday task makes: bread, a snowman, a treehouse (handiwork.py)
        if not indoor:  # indoors the weather stays outside: the windows show it (rooms.py)
            self._weather()
        return self.image

    def _cave(self) -> None:
        icy = has_any(self.scene.seed, _ICE)  # an ice cave: blue-white walls, icicles for stalactites
        rock = self.lit((150, 196, 222) if icy else (92, 80, 76))
        if self.scene.time == "night":
            rock = darker((150, 196, 222), 0.55) if icy else (40, 36, 44)
        self.horizon = 0.74 * self.h
        self.gradient((0, 0, self.w, self.h), [darker(rock, 0.6), darker(rock, 0.3), rock])
        r = self.r
        for i in range(14):  # stalactites
            x = (i + r.uniform(0, 1)) / 14
            length = r.uniform(0.06, 0.2)
            self.poly([(x - 0.025, 0), (x, length), (x + 0.025, 0)], lighter(rock, 0.35) if icy else darker(rock, 0.15))
        for side in (0, 1):  # rock walls closing the frame
            pts = [
                (side, 0),
                *((side + (0.12 - 0.04 * math.sin(i)) * (1 - 2 * side), i / 8) for i in range(9)),
                (side, 1),
            ]
            self.poly(pts, darker(rock, 0.45))
        layer, draw = self.overlay()
        for _ in range(7):  # glowing crystals
            x, y = r.uniform(0.1, 0.9), r.uniform(0.55, 0.75)
            cx, cy = self.px(x, y)
            size = r.uniform(0.012, 0.025) * self.w
            draw.polygon(
                [(cx, cy - size * 2), (cx + size, cy), (cx, cy + size * 0.5), (cx - size, cy)],
                fill=(120, 220, 255, 200),
            )
        self.commit(layer)

    def _lighthouse(self) -> None:
        x = self.side
        base, top = 0.6, 0.2
        rock = self.lit((90, 84, 80))
        self.poly(
            [(x - 0.09, base + 0.02), (x - 0.05, base - 0.03), (x + 0.06, base - 0.025), (x + 0.1, base + 0.02)], rock
        )
        for k in range(5):  # red and white bands up a tapering tower
            y0, y1 = base - (base - top) * k / 5, base - (base - top) * (k + 1) / 5
            w0, w1 = 0.035 - 0.012 * k / 5, 0.035 - 0.012 * (k + 1) / 5
            colour = (226, 70, 60) if k % 2 == 0 else (244, 240, 232)
            self.poly([(x - w0, y0), (x + w0, y0), (x + w1, y1), (x - w1, y1)], self.lit(colour))
        self.poly(
            [(x - 0.03, top), (x + 0.03, top), (x + 0.03, top - 0.008), (x - 0.03, top - 0.008)], self.lit((50, 50, 60))
        )
        glow = (255, 230, 140)
        self.poly(
            [(x - 0.018, top - 0.008), (x + 0.018, top - 0.008), (x + 0.018, top - 0.05), (x - 0.018, top - 0.05)], glow
        )
        self.poly([(x - 0.025, top - 0.05), (x, top - 0.08), (x + 0.025, top - 0.05)], self.lit((60, 60, 70)))
        if self.scene.time != "day" or self.scene.weather:
            self._beam(self.px(x, top - 0.03), toward_left=x > 0.5)

    def _beam(self, origin: Point, toward_left: bool) -> None:
        ox, oy = origin
        # On a layer only as tall as the beam, shifted by whole pixels (the same pixels as a canvas-sized one).
        top = max(0, math.floor(oy - 0.14 * self.h) - 2)
        layer = Image.new("RGBA", (self.w, math.ceil(oy + 0.08 * self.h) + 2 - top), (0, 0, 0, 0))
        end = -0.1 * self.w if toward_left else 1.1 * self.w
        beam = [(ox, oy - 4), (end, oy - 0.14 * self.h), (end, oy + 0.08 * self.h), (ox, oy + 4)]
        ImageDraw.Draw(layer).polygon([(x, y - top) for x, y in beam], fill=(255, 240, 170, 70))
        self.commit(layer, (0, top))
        self.glow(origin, 0.06 * self.w, (255, 240, 170), 150)

    def _lantern_room(self) -> None:
        """We stand on a lighthouse gallery: its lamp room fills one side and its beam sweeps the sky."""
        x0 = 0.78 if self.side > 0.5 else -0.02
        x1 = x0 + 0.24
        wall, roof, glass = self.lit((236, 232, 222)), self.lit((180, 52, 44)), (255, 226, 140)
        self.poly([(x0, 0.86), (x0, 0.58), (x1, 0.58), (x1, 0.86)], wall)
        self.poly([(x0 + 0.01, 0.58), (x0 + 0.01, 0.26), (x1 - 0.01, 0.26), (x1 - 0.01, 0.58)], glass)
        lamp = self.px((x0 + x1) / 2, 0.42)
        self.glow(lamp, 0.1 * self.w, (255, 255, 230), 160)
        for k, tone in enumerate(((250, 206, 96), (255, 236, 160), (255, 250, 220))):  # the lamp's lens rings
            rad = (0.05 - 0.016 * k) * self.w
            self.draw.ellipse(
                (lamp[0] - rad, lamp[1] - rad, lamp[0] + rad, lamp[1] + rad),
                fill=tone,
                outline=(214, 160, 60),
                width=max(2, self.w // 500),
            )
        frame = max(3, self.w // 250)
        for k in range(4):  # window mullions
            x = x0 + 0.01 + k * (x1 - x0 - 0.02) / 3
            self.draw.line([self.px(x, 0.26), self.px(x, 0.58)], fill=INK, width=frame)
        self.draw.line([self.px(x0 + 0.01, 0.42), self.px(x1 - 0.01, 0.42)], fill=INK, width=frame)
        self.poly(
            [(x0 - 0.01, 0.27), (x0 + 0.04, 0.19), ((x0 + x1) / 2, 0.16), (x1 - 0.04, 0.19), (x1 + 0.01, 0.27)], roof
        )
        self.poly([(x0 - 0.01, 0.58), (x1 + 0.01, 0.58), (x1 + 0.01, 0.6), (x0 - 0.01, 0.6)], darker(wall, 0.3))
        self._beam(lamp, toward_left=self.side > 0.5)

    def _castle(self) -> None:
        stone = self.lit((150, 146, 160))
        x, base = 0.2 + 0.1 * self.r.random(), 0.58
        self.poly([(x - 0.1, base), (x - 0.1, base - 0.12), (x + 0.1, base - 0.12), (x + 0.1, base)], stone)
        for tx in (x - 0.1, x + 0.07, x - 0.015):
            th = 0.2 if tx == x - 0.015 else 0.16
            self.poly([(tx, base), (tx, base - th), (tx + 0.035, base - th), (tx + 0.035, base)], darker(stone, 0.1))
            self.poly(
                [(tx - 0.006, base - th), (tx + 0.0175, base - th - 0.06), (tx + 0.041, base - th)],
                self.lit((120, 60, 80)),
            )
        for k in range(8):  # crenellations
            cx = x - 0.1 + k * 0.026
            self.poly(
                [(cx, base - 0.12), (cx, base - 0.135), (cx + 0.013, base - 0.135), (cx + 0.013, base - 0.12)], stone
            )

    def _tower(self) -> None:
        stone = self.lit((160, 150, 140))
        x = 0.78
        self.poly([(x - 0.04, 0.62), (x - 0.035, 0.18), (x + 0.035, 0.18), (x + 0.04, 0.62)], stone)
        self.poly([(x - 0.05, 0.18), (x, 0.06), (x + 0.05, 0.18)], self.lit((90, 70, 120)))
        wx, wy = self.px(x - 0.012, 0.26)
        lamp = (255, 214, 120) if self.scene.time != "day" else (60, 60, 80)
        self.draw.rounded_rectangle((wx, wy, wx + 0.024 * self.w, wy + 0.06 * self.h), radius=self.w // 100, fill=lamp)

    def _floor(self) -> None:
        """What the characters stand on: a railed gallery, a dock, sand, a floor, or the land's own ground."""
        s = self.scene
        top = self.floor / self.h
        if s.setting in OWN_FLOORS or s.setting == "village":
            return  # its painter laid it
        if "railing" in s.features:
            stone = self.lit((128, 128, 136))
            self.gradient((0, self.floor, self.w, self.h), [stone, darker(stone, 0.35)])
            self._railing(top)
        elif s.setting == "sea":
            if "harbour" in s.features:
                wood = self.lit((150, 104, 66))
                self.gradient((0, self.floor, self.w, self.h), [wood, darker(wood, 0.3)])
                for k in range(1, 6):
                    y = self.floor + (self.h - self.floor) * (k / 6) ** 1.3
                    self.draw.line((0, y, self.w, y), fill=darker(wood, 0.35), width=max(2, self.w // 400))
                for k in range(8):  # mooring posts at the dock's edge
                    x = (k + 0.5) / 8
                    self.poly(
                        [
                            (x - 0.008, top + 0.01),
                            (x - 0.008, top - 0.05),
                            (x + 0.008, top - 0.05),
                            (x + 0.008, top + 0.01),
                        ],
                        darker(wood, 0.25),
                    )
            elif aboard(s) not in WATERBORNE:  # afloat, the sea all round
                sand = self.lit((232, 206, 150))
                pts = [(i / 16, top + 0.02 * math.sin(i * 0.8)) for i in range(17)]
                self.poly([*pts, (1, 1), (0, 1)], sand)
        elif s.setting == "circus":
            self._sawdust()
        elif s.setting in INDOOR or s.setting in ("cave", "city"):
            # A station's deck, a ward's linoleum
            floors = {
                "cave": (70, 62, 60),
                "city": (140, 136, 140),
                "station": (110, 118, 132),
                "hospital": (170, 182, 178),
            }
            colour = floors.get(s.setting, (150, 104, 70))
            tone = self.lit(colour) if s.setting != "cave" else colour
            if s.setting == "cave" and has_any(s.seed, _ICE):  # an ice cave's frozen floor
                tone = self.lit((176, 206, 224))
            self.gradient((0, self.horizon, self.w, self.h), [tone, darker(tone, 0.3)])
            if s.setting in INDOOR:  # floorboards converging toward the back wall
                for k in range(-8, 9):
                    self.draw.line(
                        (self.w / 2 + k * self.w / 16, self.horizon, self.w / 2 + k * self.w / 5, self.h),
                        fill=darker(tone, 0.25),
                        width=max(2, self.w // 500),
                    )

    def _railing(self, top: float) -> None:
        paint = self.lit((236, 236, 228))  # lighthouse railings are painted white, which also reads against the sea
        shadow = darker(paint, 0.45)
        rail_top = top - 0.15
        for k in range(25):
            x = k / 24
            self.poly(
                [(x - 0.004, rail_top), (x + 0.004, rail_top), (x + 0.004, top + 0.01), (x - 0.004, top + 0.01)], paint
            )
            self.poly(
                [(x + 0.002, rail_top), (x + 0.004, rail_top), (x + 0.004, top + 0.01), (x + 0.002, top + 0.01)], shadow
            )
        for y, thick in ((rail_top - 0.008, 0.018), (rail_top + 0.07, 0.01)):
            self.poly([(0, y), (1, y), (1, y + thick), (0, y + thick)], paint)
            self.poly([(0, y + thick * 0.6), (1, y + thick * 0.6), (1, y + thick), (0, y + thick)], shadow)

    def _fire(self) -> None:
        self._flames(self.px(self.fire_x, self.floor / self.h + 0.08), 0.05 * self.w)

    def _hearth(self) -> None:
        """A stone fireplace in the back wall, fire lit."""
        x = self.fire_x
        stone = self.lit((150, 140, 134))
        x0, x1, y0, y1 = x - 0.11, x + 0.11, 0.44, self.horizon / self.h
        self.poly([(x0, y1), (x0, y0), (x1, y0), (x1, y1)], stone)
        self.poly(
            [(x0 - 0.02, y0), (x1 + 0.02, y0), (x1 + 0.02, y0 + 0.03), (x0 - 0.02, y0 + 0.03)], darker(stone, 0.2)
        )
        self.poly([(x0 + 0.04, y1), (x0 + 0.04, y0 + 0.1), (x1 - 0.04, y0 + 0.1), (x1 - 0.04, y1)], (36, 26, 24))
        for k in range(5):  # masonry joints
            y = y0 + 0.05 + k * 0.05
            self.draw.line(
                [self.px(x0, y), self.px(x0 + 0.04, y)], fill=darker(stone, 0.25), width=max(2, self.w // 500)
            )
            self.draw.line(
                [self.px(x1 - 0.04, y), self.px(x1, y)], fill=darker(stone, 0.25), width=max(2, self.w // 500)
            )
        self._flames(self.px(x, y1 - 0.015), 0.035 * self.w)

    def _flames(self, base: Point, size: float) -> None:
        cx, cy = base
        self.glow((cx, cy - size * 0.5), size * 3.5, (255, 150, 60), 110)
        for colour, scale in (((230, 80, 40), 1.0), ((255, 170, 60), 0.7), ((255, 236, 150), 0.4)):
            pts = [(-0.6, 0.0), (-0.8, -0.9), (-0.35, -0.6), (0.0, -1.5), (0.3, -0.7), (0.75, -1.0), (0.6, 0.0)]
            self.draw.polygon([(cx + px * size * scale, cy + py * size * scale) for px, py in pts], fill=colour)
        log = (100, 64, 40)
        self.draw.line((cx - size, cy + 4, cx + size, cy - 2), fill=log, width=round(size * 0.25))
        self.draw.line((cx - size, cy - 2, cx + size, cy + 4), fill=darker(log, 0.2), width=round(size * 0.25))


def paint_scene(background: str, size: tuple[int, int], figure_xs: Sequence[float] = ()) -> Image.Image:
    """The scene described by a panel's background text, as an opaque RGBA image of the given size.

    figure_xs are where figures will stand (fractions of the width), so a fire is not hidden behind them.
    """
    return ScenePainter(scene_for(background), size, figure_xs).paint()
