"""What an everyday task makes or works with, as the panel's text names it (data/scenes.toml [features]): loaves,
a cake or a pie, a snowman (half-rolled, whole or melting), a treehouse, a mural, a prize pumpkin, a dress on a
tailor's dummy, knitting, a clock, newspapers, honey jars and hives, rods on a jetty, a tent, a puppet theatre.
Each is set where it belongs (a table or a windowsill indoors, the ground or a trestle outdoors, a wall, a tree,
a tower) and where no figure will stand; a few polygons each, so a panel stays cheap."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from providers.offline.drawing.colour import INK, RGB, darker, lighter
from providers.offline.drawing.pen import has_any
from providers.offline.drawing.scenery import INDOOR, Scene, SceneCanvas

# Drawn in this order, each on the next spot clear of the cast; the big ones (a tree, a wall, a tower) first.
_BACKDROPS = ("mural", "treehouse", "clock")
_THINGS = ("bread", "cake", "pie", "honey", "knitting", "newspapers", "pumpkin", "snowman", "dress", "beehive",
           "tent", "puppet-theatre", "fishing")  # fmt: skip
# Things that stand on the ground and not on a table; outdoors only (nobody builds a snowman in a kitchen).
_GROUND = frozenset({"pumpkin", "snowman", "dress", "beehive", "tent", "puppet-theatre", "fishing"})
_OUTDOORS_ONLY = frozenset({"snowman", "beehive", "tent", "fishing", "treehouse"})
# Rooms with the plain window on the left of the back wall (drawing/rooms.py _interior) to set a loaf on.
_WINDOWED = frozenset({"interior", "kitchen", "workshop", "library", "school"})
_NO_TENT = frozenset({"circus", "circus-grounds", "fairground", "contest-hall", "stadium"})
_YARN: tuple[RGB, ...] = ((200, 60, 60), (70, 110, 190), (230, 180, 50), (90, 160, 90))
_PAINT: tuple[RGB, ...] = ((220, 60, 50), (240, 190, 40), (60, 120, 200), (80, 170, 90), (180, 80, 170))


def handiwork(scene: Scene) -> tuple[str, ...]:
    """The task things a scene draws, in drawing order (the backdrops first): those its text names that can be
    drawn in its setting."""
    indoor = scene.setting in INDOOR
    kept = [f for f in (*_BACKDROPS, *_THINGS) if f in scene.features and not (indoor and f in _OUTDOORS_ONLY)]
    if scene.setting in _NO_TENT:  # a circus's or a show's tent is the place itself
        kept = [f for f in kept if f != "tent"]
    return tuple(kept)


class Handiwork(SceneCanvas):
    """Task things painted over a finished setting, in fractions of the canvas."""

    def __init__(self, scene: Scene, size: tuple[int, int], figure_xs: Sequence[float] = ()) -> None:
        super().__init__(scene, size, figure_xs)
        # Spots along the floor, the ones farthest from any figure first (the fire keeps the best for itself).
        xs = list(figure_xs)
        spots = [0.12, 0.88, 0.3, 0.7, 0.5, *((a + b) / 2 for a, b in itertools.pairwise(sorted(xs)))]
        self.clear_xs = sorted(spots, key=lambda x: -min((abs(x - f) for f in xs), default=abs(x - 0.5)))

    def _handiwork(self) -> None:
        """Every task thing the scene names, each on its own spot clear of the cast."""
        things = handiwork(self.scene)
        if not things:
            return
        taken = [self.fire_x] if "fire" in self.scene.features else []
        spots = [x for x in self.clear_xs if all(abs(x - t) > 0.14 for t in taken)] or self.clear_xs
        painters: dict[str, Callable[[float], None]] = {
            "mural": self._mural, "treehouse": self._treehouse, "clock": self._clock_face, "bread": self._bread,
            "cake": self._cake, "pie": self._pie, "honey": self._honey, "knitting": self._knitting,
            "newspapers": self._newspapers, "pumpkin": self._pumpkin, "snowman": self._snowman,
            "dress": self._dress, "beehive": self._beehives, "tent": self._tent,
            "puppet-theatre": self._puppet_theatre, "fishing": self._jetty,
        }  # fmt: skip
        for k, thing in enumerate(things):
            x = min(0.88, max(0.12, spots[k % len(spots)]))
            painters[thing](x)

    # Where things stand: the ground, a table (indoors), a trestle (outdoors), a windowsill.

    def _ground_y(self) -> float:
        return self.floor / self.h + 0.04

    def _text_says(self, *words: str) -> bool:
        return has_any(self.scene.seed.lower(), words)

    def _set_down(self, x: float, half: float = 0.085) -> tuple[float, float]:
        """Where a thing goes on the windowsill the text names, else on a small table (a cloth-covered trestle
        outdoors) at `x`: its middle and the top it stands on."""
        if self.scene.setting in _WINDOWED and self._text_says("windowsill", "window sill", "sill"):
            sill = 0.34 if self.scene.setting == "kitchen" else 0.5  # a kitchen's tiles come up to its sill
            self.rect((0.05, sill, 0.35, sill + 0.018), self.lit((170, 120, 80)))
            return 0.2, sill
        return x, self._table_top(x, half)

    def _table_top(self, x: float, half: float = 0.085) -> float:
        """A small table (a cloth-covered trestle outdoors) at `x`; where its top is."""
        indoor = self.scene.setting in INDOOR
        top = 0.6 if indoor else self._ground_y() - 0.1
        wood = self.lit((140, 96, 60))
        legs = top + (0.16 if indoor else 0.12)
        for lx in (x - half + 0.01, x + half - 0.02):
            self.rect((lx, top, lx + 0.012, legs), darker(wood, 0.3))
        if indoor:
            self.rect((x - half, top, x + half, top + 0.02), wood)
        else:  # a white cloth to the ground
            cloth = self.lit((240, 236, 226))
            self.rect((x - half, top, x + half, top + 0.05), cloth)
            self.draw.line(
                [self.px(x - half, top + 0.05), self.px(x + half, top + 0.05)],
                fill=darker(cloth, 0.2),
                width=max(2, self.w // 400),
            )
        return top

    def _ellipse_at(self, x: float, y: float, rx: float, ry: float, fill: RGB, outline: bool = True) -> None:
        """An ellipse centred at (x, y), its radii fractions of the width and of the height."""
        self.draw.ellipse(
            ((x - rx) * self.w, (y - ry) * self.h, (x + rx) * self.w, (y + ry) * self.h),
            fill=fill,
            outline=INK if outline else None,
            width=max(2, self.w // 400),
        )

    def _stroke(self, points: Sequence[tuple[float, float]], fill: RGB, width: float = 1.0) -> None:
        self.draw.line([self.px(x, y) for x, y in points], fill=fill, width=max(2, round(width * self.w / 400)))

    # Baking: loaves, a cake, a pie, on a table or the windowsill (flat when the text says they sank).

    def _bread(self, x: float) -> None:
        x, top = self._set_down(x)
        crust = self.lit((200, 140, 64))
        flat = self._text_says("sank", "flat as a pancake")
        self.rect((x - 0.095, top - 0.014, x + 0.095, top), self.lit((176, 130, 84)))  # the breadboard
        for k, dx in enumerate((-0.056, 0.0, 0.056)):
            ry = 0.014 if flat else 0.036
            cx, cy = x + dx, top - 0.014 - ry + (0.005 if k == 1 else 0.0)
            self._ellipse_at(cx, cy, 0.032, ry, darker(crust, 0.08 * k))
            if not flat:  # the scored top
                for j in (-1, 0, 1):
                    self._stroke(
                        [(cx + j * 0.012 - 0.006, cy - 0.014), (cx + j * 0.012 + 0.006, cy - 0.002)],
                        lighter(crust, 0.35),
                    )

    def _cake(self, x: float) -> None:
        x, top = self._set_down(x)
        self._ellipse_at(x, top - 0.004, 0.07, 0.01, self.lit((236, 236, 240)))  # the plate
        sponge, icing = self.lit((220, 170, 110)), self.lit((250, 200, 214))
        if self._text_says("sank", "flat as a pancake"):
            self.rect((x - 0.055, top - 0.025, x + 0.055, top - 0.006), sponge)
            return
        for w, y0, y1 in ((0.055, top - 0.06, top - 0.006), (0.036, top - 0.105, top - 0.06)):
            self.rect((x - w, y0, x + w, y1), sponge)
            self.rect((x - w, y0, x + w, y0 + 0.014), icing)
            for k in range(5):  # icing drips
                self.dot(x - w + (k + 0.5) * w * 0.4, y0 + 0.014, 0.005, icing, outline=False)
        self.dot(x, top - 0.118, 0.009, self.lit((210, 30, 50)))  # a cherry on top

    def _pie(self, x: float) -> None:
        x, top = self._set_down(x)
        crust = self.lit((214, 160, 84))
        self._ellipse_at(x, top - 0.012, 0.06, 0.014, self.lit((150, 150, 170)))  # the dish
        self.draw.chord(
            (*self.px(x - 0.055, top - 0.06), *self.px(x + 0.055, top - 0.004)),
            180,
            360,
            fill=crust,
            outline=INK,
            width=max(2, self.w // 400),
        )
        for k in range(-2, 3):  # the lattice
            self._stroke([(x + k * 0.018 - 0.01, top - 0.05), (x + k * 0.018 + 0.01, top - 0.034)], darker(crust, 0.3))

    # Honey and hives; knitting; newspapers.

    def _honey(self, x: float) -> None:
        x, top = self._set_down(x, 0.1)
        gold, lid = self.lit((232, 164, 30)), self.lit((200, 50, 50))
        for k in range(4):
            cx = x - 0.066 + k * 0.044
            self.rect((cx - 0.016, top - 0.055, cx + 0.016, top), gold)
            self.rect((cx - 0.018, top - 0.064, cx + 0.018, top - 0.052), lid)
            self.rect((cx - 0.01, top - 0.036, cx + 0.01, top - 0.018), self.lit((246, 236, 210)), outline=False)
            self._stroke([(cx - 0.01, top - 0.048), (cx - 0.01, top - 0.008)], lighter(gold, 0.4))  # its shine

    def _beehives(self, x: float) -> None:
        base = self._ground_y()
        white, roof = self.lit((240, 236, 222)), self.lit((120, 130, 140))
        for dx in (-0.05, 0.05):
            cx = x + dx
            for k in range(3):  # the boxes, stacked on legs
                y1 = base - 0.03 - k * 0.04
                self.rect((cx - 0.035, y1 - 0.04, cx + 0.035, y1), darker(white, 0.05 * k))
            self.poly([(cx - 0.045, base - 0.15), (cx, base - 0.18), (cx + 0.045, base - 0.15)], roof)
            self.rect((cx - 0.03, base - 0.03, cx - 0.022, base), darker(white, 0.5))
            self.rect((cx + 0.022, base - 0.03, cx + 0.03, base), darker(white, 0.5))
            self.rect((cx - 0.012, base - 0.045, cx + 0.012, base - 0.038), INK, outline=False)  # the entrance
        bees = 18 if self._text_says("angry", "cloud of") else 6
        for k in range(bees):
            bx = x + 0.11 * math.sin(k * 2.4)
            by = base - 0.2 - 0.08 * math.cos(k * 1.7) * (1.6 if bees > 6 else 0.6)
            self._ellipse_at(bx, by, 0.005, 0.005, self.lit((240, 190, 40)))

    def _knitting(self, x: float) -> None:
        top = self._table_top(x, 0.1)
        wicker, z = self.lit((176, 128, 70)), 1.5  # z: the basket's size, drawn by its small sketch's numbers

        def at(dx: float, dy: float) -> tuple[float, float]:
            return x + dx * z, top + dy * z

        self.poly([at(-0.05, -0.05), at(0.02, -0.05), at(0.012, 0), at(-0.042, 0)], wicker)
        for k, (dx, dy) in enumerate(((-0.035, -0.06), (-0.012, -0.064), (0.004, -0.055))):  # balls of wool
            self.dot(*at(dx, dy), 0.014 * z, self.lit(_YARN[k]))
        steel = self.lit((200, 200, 210))
        self._stroke([at(-0.03, -0.05), at(-0.005, -0.13)], steel, 1.4)  # needles stuck in the wool
        self._stroke([at(-0.015, -0.05), at(-0.045, -0.125)], steel, 1.4)
        for k in range(6):  # a striped scarf hanging over the table's edge
            y0 = -0.005 + k * 0.022
            self.rect((*at(0.03, y0), *at(0.065, y0 + 0.022)), self.lit(_YARN[k % 2]), outline=k == 5)

    def _newspapers(self, x: float) -> None:
        paper = self.lit((236, 232, 218))
        if self._text_says("flying", "gust of wind"):  # pages blown over the rooftops
            for k in range(5):
                cx, cy, tilt = x + 0.1 * math.sin(k * 2.1), 0.18 + 0.06 * k, 0.4 * math.sin(k * 1.3)
                pts = [(-0.03, -0.02), (0.03, -0.02), (0.03, 0.02), (-0.03, 0.02)]
                c, s = math.cos(tilt), math.sin(tilt)
                self.poly([(cx + px * c - py * s * 0.75, cy + px * s + py * c) for px, py in pts], paper)
            return
        base = self._ground_y() if self.scene.setting not in INDOOR else self._table_top(x)
        for k in range(4):  # a tied bundle, folded edges to us
            y1 = base - k * 0.018
            self.rect((x - 0.05 + 0.002 * k, y1 - 0.018, x + 0.05 + 0.002 * k, y1), darker(paper, 0.04 * k))
        self._stroke([(x, base - 0.072), (x, base)], self.lit((150, 110, 70)), 1.2)  # the string
        self.rect((x - 0.045, base - 0.1, x + 0.045, base - 0.072), paper)  # the top paper, its headline
        self.rect((x - 0.035, base - 0.095, x + 0.035, base - 0.088), INK, outline=False)

    # What stands on the ground: a pumpkin, a snowman, a dress, a tent, a puppet theatre, a jetty.

    def _pumpkin(self, x: float) -> None:
        base = self._ground_y()
        leaf = self.lit((70, 140, 60))
        self._ellipse_at(x - 0.07, base - 0.02, 0.03, 0.018, leaf)
        self._ellipse_at(x + 0.075, base - 0.015, 0.028, 0.016, leaf)
        young = self._text_says("young leaves")
        rx, ry = (0.04, 0.035) if young else (0.075, 0.07)
        orange = self.lit((150, 170, 70) if young else (236, 126, 30))
        for k, dx in enumerate((-0.55, 0.55, -0.25, 0.25, 0.0)):  # the ribs, the middle one in front
            self._ellipse_at(
                x + dx * rx, base - ry, rx * (0.5 if k < 2 else 0.55), ry, darker(orange, 0.1) if k < 4 else orange
            )
        self.rect((x - 0.006, base - 2 * ry - 0.025, x + 0.006, base - 2 * ry + 0.005), self.lit((90, 110, 50)))
        if self._text_says("ribbon", "prize"):  # the judges' blue rosette
            self.dot(x + rx * 0.5, base - ry * 1.1, 0.016, self.lit((50, 90, 200)))
            self.dot(x + rx * 0.5, base - ry * 1.1, 0.007, self.lit((240, 210, 60)))

    def _snowman(self, x: float) -> None:
        base = self._ground_y()
        snow, shade = self.lit((248, 250, 255)), self.lit((210, 222, 236))
        k = self.w / self.h  # a width fraction as a height fraction: round balls

        def ball(cx: float, cy: float, rad: float, squash: float = 1.0) -> None:
            self._ellipse_at(cx, cy, rad, rad * k * squash, snow)
            self._ellipse_at(
                cx + rad * 0.3, cy + rad * k * squash * 0.35, rad * 0.55, rad * k * squash * 0.45, shade, False
            )

        # Half built: two balls still being rolled.
        if self._text_says("rolled", "balls of snow") and not self._text_says("carrot nose"):
            ball(x - 0.04, base - 0.065 * k, 0.065)
            ball(x + 0.065, base - 0.045 * k, 0.045)
            self._stroke([(x + 0.09, base), (x + 0.2, base + 0.01)], shade, 6)  # the track it left
            return
        melting = self._text_says("slump", "melting", "drip", "puddle")
        squash = 0.7 if melting else 1.0
        if melting:
            self._ellipse_at(x, base + 0.005, 0.085, 0.018, self.lit((170, 200, 230)), False)  # the puddle
        y0 = base - 0.065 * k * squash
        y1 = y0 - (0.065 + 0.045) * k * squash * 0.9
        y2 = y1 - (0.045 + 0.032) * k * squash * 0.9
        lean = 0.015 if melting else 0.0
        ball(x, y0, 0.065, squash)
        ball(x + lean, y1, 0.045, squash)
        ball(x + 2 * lean, y2, 0.032, squash)
        coal = (30, 30, 34)
        for dx in (-0.009, 0.009):
            self.dot(x + 2 * lean + dx, y2 - 0.006 * k, 0.004, coal, outline=False)
        self.poly(
            [(x + 2 * lean, y2), (x + 2 * lean + 0.04, y2 + 0.005), (x + 2 * lean, y2 + 0.009)],
            self.lit((240, 120, 30)),
        )
        for j in range(3):  # coal buttons
            self.dot(x + lean, y1 - 0.015 * k + j * 0.015 * k, 0.004, coal, outline=False)
        twig = self.lit((100, 70, 40))
        droop = 0.03 if melting else -0.03
        self._stroke([(x + lean - 0.04, y1), (x + lean - 0.1, y1 + droop)], twig, 1.4)  # stick arms
        self._stroke([(x + lean + 0.04, y1), (x + lean + 0.1, y1 + droop)], twig, 1.4)

    def _dress(self, x: float) -> None:
        base = self._ground_y()
        pole = self.lit((90, 70, 50))
        self._stroke([(x, base - 0.14), (x, base)], pole, 1.6)
        self._stroke([(x - 0.03, base), (x, base - 0.02), (x + 0.03, base)], pole, 1.6)
        silk = self.lit((248, 246, 240)) if self._text_says("wedding") else self.lit((120, 150, 210))
        self.poly(
            [(x - 0.025, base - 0.33), (x + 0.025, base - 0.33), (x + 0.018, base - 0.24), (x - 0.018, base - 0.24)],
            silk,
        )  # the bodice
        self.poly(
            [(x - 0.018, base - 0.24), (x + 0.018, base - 0.24), (x + 0.065, base - 0.06), (x - 0.065, base - 0.06)],
            silk,
        )  # the skirt
        self.draw.polygon(
            [
                self.px(x - 0.025, base - 0.33),
                self.px(x + 0.025, base - 0.33),
                self.px(x + 0.065, base - 0.06),
                self.px(x - 0.065, base - 0.06),
            ],
            outline=INK,
            width=max(2, self.w // 400),
        )
        self.rect((x - 0.02, base - 0.25, x + 0.02, base - 0.235), self.lit((200, 170, 90)))  # a sash
        self.dot(x, base - 0.345, 0.008, pole)  # the dummy's knob
        for k in range(5):  # the lace hem
            self.dot(x - 0.052 + k * 0.026, base - 0.06, 0.007, darker(silk, 0.08))
        if self._text_says("embroidered"):
            for k in range(4):
                self.dot(x - 0.02 + k * 0.014, base - 0.14 + 0.01 * (k % 2), 0.005, self.lit(_PAINT[k]), outline=False)
        elif self._text_says("scorch"):
            self._ellipse_at(x + 0.015, base - 0.14, 0.018, 0.022, self.lit((110, 76, 44)), False)

    def _tent(self, x: float) -> None:
        base = self._ground_y()
        canvas = self.lit((214, 120, 60))
        if self._text_says("collapsed", "fell down"):
            self.poly(
                [(x - 0.1, base), (x - 0.06, base - 0.04), (x, base - 0.03), (x + 0.05, base - 0.05), (x + 0.1, base)],
                canvas,
            )
            return
        self.poly([(x - 0.1, base), (x - 0.01, base - 0.2), (x + 0.1, base)], canvas)
        self.poly(
            [(x - 0.01, base - 0.2), (x + 0.1, base), (x + 0.13, base - 0.01), (x + 0.02, base - 0.2)],
            darker(canvas, 0.25),
        )  # its far side
        self.poly([(x - 0.035, base), (x - 0.01, base - 0.12), (x + 0.015, base)], darker(canvas, 0.55))  # the door
        rope = self.lit((220, 210, 180))
        self._stroke([(x - 0.01, base - 0.2), (x - 0.15, base)], rope)  # guy ropes
        self._stroke([(x + 0.02, base - 0.2), (x + 0.16, base - 0.01)], rope)

    def _puppet_theatre(self, x: float) -> None:
        base = self._ground_y() if self.scene.setting not in INDOOR else 0.8
        red, cream = self.lit((196, 40, 50)), self.lit((244, 232, 206))
        x0, x1, top = x - 0.075, x + 0.075, base - 0.36
        for k in range(6):  # the striped booth below the stage
            sx = x0 + k * 0.025
            self.rect((sx, base - 0.2, sx + 0.025, base), red if k % 2 else cream, outline=False)
        self.draw.rectangle((*self.px(x0, base - 0.2), *self.px(x1, base)), outline=INK, width=max(2, self.w // 400))
        self.rect((x0 - 0.01, top, x1 + 0.01, top + 0.05), self.lit((60, 90, 170)))  # the painted top board
        self.rect((x0, top + 0.05, x1, base - 0.2), self.lit((40, 30, 50)))  # the dark stage opening
        for side, sx in ((1, x0), (-1, x1)):  # curtains drawn back
            self.poly([(sx, top + 0.05), (sx + side * 0.04, top + 0.05), (sx, base - 0.2)], red)
        for k, (px, face) in enumerate(((x - 0.025, (250, 200, 170)), (x + 0.025, (200, 160, 120)))):
            self.rect((px - 0.014, base - 0.23, px + 0.014, base - 0.2), self.lit(_PAINT[k + 1]))  # a puppet's body
            self.dot(px, base - 0.25, 0.013, self.lit(face))
            self.poly([(px - 0.013, base - 0.26), (px, base - 0.29), (px + 0.013, base - 0.26)], self.lit(_PAINT[k]))

    def _jetty(self, x: float) -> None:
        """Planks out over the water from the shore at `x`'s side, rods leaning on its end, a catch if any."""
        y = self.floor / self.h - 0.06
        toward = 1 if x < 0.5 else -1
        x0, x1 = (0.0, 0.4) if toward > 0 else (0.6, 1.0)
        wood = self.lit((150, 106, 66))
        for k in range(5):  # posts into the water
            px = x0 + (k + 0.5) * (x1 - x0) / 5
            self.rect((px - 0.006, y, px + 0.006, y + 0.06), darker(wood, 0.35))
        self.rect((x0, y - 0.02, x1, y + 0.01), wood)
        for k in range(1, 10):
            px = x0 + k * (x1 - x0) / 10
            self._stroke([(px, y - 0.02), (px, y + 0.01)], darker(wood, 0.3))
        end = x1 if toward > 0 else x0
        for k in range(2):  # two rods leaning out, lines down to their floats
            bx = end - toward * (0.03 + 0.04 * k)
            tip = (bx + toward * 0.12, y - 0.2 + 0.03 * k)
            self._stroke([(bx, y - 0.02), tip], self.lit((120, 80, 50)), 1.4)
            float_at = (tip[0] + toward * 0.03, y + 0.1 + 0.02 * k)
            self._stroke([tip, float_at], self.lit((230, 230, 230)))
            self.dot(*float_at, 0.006, self.lit((230, 50, 40)))
        if self._text_says("great fish", "the catch", "pulled"):  # the big one, hung at the shore end, by the frame
            silver = self.lit((180, 196, 210))
            fx = x0 + 0.05 if toward > 0 else x1 - 0.05
            self._stroke([(fx, y - 0.02), (fx, y - 0.08)], INK)
            self._ellipse_at(fx, y - 0.14, 0.018, 0.06, silver)
            self.poly([(fx - 0.015, y - 0.2), (fx, y - 0.19), (fx + 0.015, y - 0.2), (fx, y - 0.175)], silver)

    # Backdrops: a mural on a wall, a treehouse in a tree, a clock on a tower or the back wall.

    def _mural(self, x: float) -> None:
        indoor = self.scene.setting in INDOOR
        y0, y1 = (0.16, 0.52) if indoor else (0.3, self.floor / self.h)
        x0, x1 = (0.04, 0.46) if x < 0.5 else (0.54, 0.96)
        if not indoor:  # the wall it is painted on
            self.rect((x0 - 0.02, y0 - 0.03, x1 + 0.02, y1), self.lit((200, 180, 160)))
        self.rect((x0, y0, x1, y1 - 0.02), self.lit((130, 190, 235)))  # a painted sky
        mx, hy = (x0 + x1) / 2, y0 + (y1 - y0) * 0.6
        self.dot(x0 + 0.07, y0 + 0.07, 0.03, self.lit((250, 210, 60)))  # its sun
        self.draw.chord(
            (*self.px(x0, hy - 0.08), *self.px(mx + 0.05, y1 + 0.08)), 180, 360, fill=self.lit((90, 170, 90))
        )
        self.draw.chord(
            (*self.px(mx - 0.08, hy - 0.04), *self.px(x1, y1 + 0.1)), 180, 360, fill=self.lit((60, 140, 80))
        )
        self.rect((x0, hy + 0.06, x1, y1 - 0.02), self.lit((60, 140, 80)), outline=False)
        for k in range(7):  # flowers along its foot
            self.dot(x0 + 0.03 + k * (x1 - x0 - 0.06) / 6, y1 - 0.06, 0.012, self.lit(_PAINT[k % len(_PAINT)]))
        self.poly(
            [(mx + 0.05, y0 + 0.08), (mx + 0.07, y0 + 0.07), (mx + 0.09, y0 + 0.08), (mx + 0.07, y0 + 0.075)], INK
        )  # a bird
        if self._text_says("running down", "cloudburst"):  # the rain ran it
            for k in range(12):
                sx = x0 + (k + 0.5) * (x1 - x0) / 12
                self._stroke([(sx, y0 + 0.05 + 0.03 * (k % 3)), (sx, y1 - 0.02)], self.lit(_PAINT[k % len(_PAINT)]), 2)
        elif self._text_says("chalk", "sketched"):  # only its outline on the right half so far
            self.rect((mx, y0, x1, y1 - 0.02), self.lit((200, 180, 160)), outline=False)
            self._stroke([(mx, hy + 0.02), (x1, hy - 0.03)], (250, 250, 250), 1.2)
            self._stroke([(mx + 0.05, y1 - 0.06), (mx + 0.05, y1 - 0.1), (mx + 0.1, y1 - 0.1)], (250, 250, 250), 1.2)
        self.draw.rectangle((*self.px(x0, y0), *self.px(x1, y1 - 0.02)), outline=INK, width=max(2, self.w // 400))

    def _treehouse(self, x: float) -> None:
        x = 0.14 if x < 0.5 else 0.86
        base = self._ground_y() - 0.02
        bark, leaf = self.lit((110, 76, 48)), self.lit((70, 140, 70))
        self.poly([(x - 0.03, base), (x - 0.018, 0.2), (x + 0.018, 0.2), (x + 0.03, base)], bark)
        for dx, dy, rx, ry in ((-0.08, 0.16, 0.09, 0.1), (0.07, 0.14, 0.09, 0.1), (0.0, 0.08, 0.11, 0.1)):
            self._ellipse_at(x + dx, dy, rx, ry, leaf)
        wood, floor = self.lit((176, 120, 70)), 0.42
        unfinished = self._text_says("take shape", "tore half", "blew up")
        self.rect((x - 0.09, floor, x + 0.09, floor + 0.02), darker(wood, 0.2))  # its platform
        if unfinished:  # bare uprights, a few planks
            for dx in (-0.08, 0.0, 0.07):
                self.rect((x + dx, floor - 0.12, x + dx + 0.012, floor), wood)
            self.rect((x - 0.08, floor - 0.05, x + 0.02, floor - 0.03), wood)
        else:
            self.rect((x - 0.075, floor - 0.12, x + 0.075, floor), wood)
            for k in range(1, 4):
                self._stroke([(x - 0.075, floor - 0.03 * k), (x + 0.075, floor - 0.03 * k)], darker(wood, 0.3))
            self.poly([(x - 0.09, floor - 0.12), (x, floor - 0.2), (x + 0.09, floor - 0.12)], self.lit((170, 60, 50)))
            self.rect((x - 0.02, floor - 0.09, x + 0.02, floor - 0.04), self.lit((255, 220, 130)))  # a window
        rope = self.lit((210, 190, 140))  # a rope ladder down to the grass
        for side in (-0.015, 0.015):
            self._stroke([(x + 0.05 + side, floor + 0.02), (x + 0.05 + side, base)], rope)
        for k in range(1, 8):
            ry = floor + 0.02 + k * (base - floor - 0.02) / 8
            self._stroke([(x + 0.035, ry), (x + 0.065, ry)], rope)

    def _clock_face(self, x: float) -> None:
        night = self.scene.time in ("night", "sunset")
        face = self.lit((248, 242, 220)) if not night else (255, 236, 170)
        if self.scene.setting in INDOOR:  # a clock on the back wall (its case on the bench in the workshop)
            cx, cy, rad = x, 0.28, 0.055
            self.rect((cx - 0.07, cy - 0.08, cx + 0.07, cy + 0.2), self.lit((120, 76, 44)))
            self.rect((cx - 0.025, cy + 0.09, cx + 0.025, cy + 0.18), self.lit((60, 44, 30)))
            self.dot(cx, cy + 0.16, 0.014, self.lit((210, 170, 60)))  # the pendulum's bob
        else:  # the town clock on its tower
            cx, cy, rad = (0.12 if x < 0.5 else 0.88), 0.24, 0.045
            brick = self.lit((170, 110, 80))
            self.rect((cx - 0.06, cy - 0.08, cx + 0.06, self.floor / self.h), brick)
            self.poly([(cx - 0.075, cy - 0.08), (cx, cy - 0.2), (cx + 0.075, cy - 0.08)], self.lit((80, 90, 110)))
            if night:
                self.glow(self.px(cx, cy), 0.1 * self.w, (255, 230, 160), 100)
        self.dot(cx, cy, rad, face)
        for k in range(12):  # the hour marks
            a = k * math.pi / 6
            self._stroke(
                [
                    (cx + 0.8 * rad * math.sin(a), cy - 0.8 * rad * math.cos(a) * self.w / self.h),
                    (cx + 0.92 * rad * math.sin(a), cy - 0.92 * rad * math.cos(a) * self.w / self.h),
                ],
                INK,
            )
        stopped = self._text_says("apart", "snapped", "piece by piece")
        hands = (0.0, math.pi * 0.5) if not stopped else (math.pi * 1.2, math.pi * 1.55)
        for a, length in zip(hands, (0.75, 0.5), strict=True):  # three o'clock; askew when it is in pieces
            self._stroke(
                [(cx, cy), (cx + length * rad * math.sin(a), cy - length * rad * math.cos(a) * self.w / self.h)],
                INK,
                1.6,
            )
