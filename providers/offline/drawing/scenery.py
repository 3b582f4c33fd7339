"""Scenes: what a panel's background text asks for (time, weather, setting, landmarks), and the canvas and
sky every scene is painted on."""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter

from providers.offline.data import load
from providers.offline.drawing.colour import INK, RGB, mix, rng
from providers.offline.drawing.pen import Point, first_match, has_any
from providers.offline.drawing.tables import (
    BUILDINGS,
    CARRIAGES,
    FEATURES,
    LIGHT,
    MOOD_TIMES,
    SETTING_HINTS,
    SETTINGS,
    SKIES,
    TIMES,
    TRAIN_OUTSIDE,
    WEATHER,
)

# Settings drawn as a room (walls, a window, a floor; lamplight after dark).
INDOOR = frozenset(
    {"interior", "kitchen", "banquet-hall", "workshop", "library", "lighthouse", "contest-hall", "station", "school",
     "museum", "hospital", "circus", "tower-room", "rink", "rink-box", "theatre", "cafe", "throne-room", "circus-wire",
     "hospital-corridor", "hospital-theatre", "museum-vault", "museum-tomb", "stadium-tunnel",
     "theatre-dressing-room", "theatre-box", "farm-barn", "fairground-mirrors", "fairground-booth", "zoo-house",
     "airport-lounge", "airport-tower", "school-corridor", "ice-igloo"}
)  # fmt: skip
# A place's spots (data/scenes.toml [spots]): {place: {spot: its words}}, the place itself among them.
_SPOT_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    place: {spot: tuple(words) for spot, words in spots.items()} for place, spots in load("scenes")["spots"].items()
}
# The settings a place is drawn as: the place and its spots ("circus": the ring, the grounds, the parade, the wire).
PLACE_SPOTS: dict[str, frozenset[str]] = {place: frozenset(spots) for place, spots in _SPOT_WORDS.items()}
# Places that host a show: a contest "in the contest hall, at the ice rink" is held on the ice, its winner
# crowned "in the great hall, at the ice rink" there too.
_VENUES = frozenset({"rink", "theatre", "stadium", "circus"})
# Settings with no sky overhead to have weather in: under the sea, in a tunnel or a cave, in space and on the moon.
NO_WEATHER = frozenset({"underwater", "subway", "cave", "space", "moon"})
# Landmarks that belong to some settings only: "the ship's hull" at sea, "an anchor" on a quay are none.
_OWN_FEATURES = {"asteroids": {"space"}, "hull": {"space"}, "surface": {"space"}, "orbit": {"space"},
                 "space-station": {"space"}, "wreck": {"underwater"},
                 "submarine": {"underwater", "station"}}  # fmt: skip
# The only landmarks a sunken, airless or underground place can show: the rest are not drawn there, so not named.
_DRAWS_ONLY = {"underwater": frozenset({"tower", "castle", "wreck", "submarine"}),
               "space": frozenset({"asteroids", "hull", "surface", "orbit", "space-station", "fortress"}),
               "subway": frozenset()}  # fmt: skip
# Where a vehicle the text names can be drawn (data/scenes.toml [features]): a boat on water, a sledge on snow or
# ice, a cart on a country road, a car or a bus in a street; elsewhere it is not, so not named.
_COUNTRY = frozenset({"field", "farm", "village", "forest", "mountains", "desert", "market"})  # a circus's are its own
_VEHICLE_PLACES: dict[str, frozenset[str]] = {
    "rowing-boat": frozenset({"sea", "jungle-river"}), "canoe": frozenset({"sea", "jungle-river", "jungle", "ice"}),
    "raft": frozenset({"sea", "jungle-river", "jungle"}), "sledge": frozenset({"ice"}), "cart": _COUNTRY,
    "balloon": _COUNTRY | {"sea", "city", "fairground", "ice"}, "car": frozenset({"city", "village"}),
    "bus": frozenset({"city", "village"}), "bicycle": frozenset({"city", "village", "field", "market", "garden"}),
    "village-green": frozenset({"village"}),
}  # fmt: skip
_WATERS = ("rowing-boat", "canoe", "raft")
# Where a place named just after is one we are outside of: "on the steps of the guildhall" is not in the hall.
_OUTSIDE = re.compile(r"\b(?:outside|in front of|steps of|doors? of|doorstep of|gates? of|roof of)\b")
# A fire station or engine is no fire; a footballer who trained, a coach training is no train.
_NO_FIRE = re.compile(r"\bfire (?:station|engine|brigade|fighter|escape)s?\b|\btrain(?:ed|ing|er|ers|ee|ees)\b")
# A station on Earth: "the police station" is no space station.
_EARTHLY = re.compile(r"\b(?:police|fire|railway|train|bus|coach|petrol|gas|tube|metro|weather|radio) $")
# A building's roof, gates or yard is outside it: "on the hospital roof", "at the school gates".
_ITS_OUTSIDE = re.compile(r"[\w'-]+(?:'s)? (?:roof|rooftop|steps|gates?|doors?|yard|playground|courtyard|car park)\b")
# "Inside" and "indoors" name no room: a room named with them is the one drawn ("inside the circus tent").
_GENERIC = re.compile(r"(?:inside|indoors)\b")
_ROOMS = INDOOR - {"interior"} | {"cave", "subway"}
# A civic building's square, steps or close is outside it: "in the cathedral square" is the city.
_OUT_FRONT = re.compile(
    rf"(?:in|inside|into) (?:the|a) (?:{'|'.join(re.escape(b) for b in BUILDINGS)})(?:'s)? "
    r"(?:square|steps|gates?|doors?|yard|close|green|plaza|roof|spire|tower|bells?|porch)\b"
)
# In a lighthouse, the lamp room when the text names the lamp.
_LAMP = ("lamp", "lantern", "lens", "beam")


@dataclass(frozen=True)
class Scene:
    """What a panel's background text asks for: time of day, weather, setting and landmarks."""

    time: str
    weather: str | None
    setting: str
    features: frozenset[str]
    seed: str
    guessed: bool = False  # the setting was chosen from the text's hash: it names none, nor anything that hints one


def scene_for(background: str) -> Scene:
    """Read the background text's keywords: the setting named first, else one its landmarks suggest; what is still
    unknown (a setting, the time) is chosen from the text's hash, as a last resort."""
    text = background.lower()
    r = rng("scene", background)
    # The place a storyteller's background names before its colon, not a word of what happens there ("In the meadow
    # at dusk: the church bells rang" is the meadow); the rest of the text if that names none.
    # A landmark before the colon hints the place too ("Back in the tower ...: the night market sang again" is the
    # town round the tower, not the market).
    head = text.split(": ", 1)[0]
    named = _named(head) or ([] if _hinted(head) else _named(text))
    setting = min(named, default=(0, 0, None))[2]
    if setting == "interior" and _GENERIC.match(text, min(named)[0]):
        setting = next((s for _, _, s in sorted(named) if s in _ROOMS), setting)
    elif setting == "tower-room":  # "the library at the top of the tower": the room named in it
        setting = next((s for _, _, s in sorted(named) if s in _ROOMS - {"tower-room"}), setting)
    seen = _NO_FIRE.sub(" ", text)  # a fire station or engine is no fire, training no train
    features = frozenset(f for f, words in FEATURES.items() if has_any(seen, words))
    if setting == "moon":  # the moon underfoot says nothing of the time: its sky is black by day
        text = _MOON_WORDS.sub(" ", text)
    time = next((t for table in (TIMES, MOOD_TIMES) for t, words in table.items() if has_any(text, words)), None)
    weather = next((w for w, words in WEATHER.items() if has_any(text, words)), None)
    if weather == "storm" and (setting == "mars" or has_any(text, ("dust", "sand"))):
        weather = "dust"  # a storm in a dusty place (Mars, a desert): a haze and blown streaks, not rain and lightning
    if "train" in features:
        setting, features = _by_train(text, setting, features, r)
    if setting is None and "ship-deck" in features:
        setting = "sea"  # aboard a ship: at sea, on its deck
    if setting is None:
        hinted = _hinted(text)
        setting = min(hinted)[2] if hinted else ("desert" if weather == "dust" else None)
    guessed = setting is None
    if setting is None:
        setting = r.choice(("field", "field", "forest", "mountains", "sea", "city"))
    if setting in ("contest-hall", "banquet-hall"):  # a contest at a venue is held there, its prize given there
        setting = next((s for _, _, s in sorted(named) if s in _VENUES), setting)
    if setting in _SPOT_WORDS:
        setting = _spot(setting, head) or _spot(setting, text) or setting
    if setting == "space":
        time = "night"
    if setting in NO_WEATHER:
        weather = None  # no air: no rain, no lightning, no fog ("a storm of ice and stones" is the asteroids)
    features -= {kind for kind, places in _OWN_FEATURES.items() if setting not in places}
    if setting == "space" and ("castle" in features or {"surface", "space-station"} <= features):
        # A fortress out in space, or a station on a world's surface: a sealed compound on its ground, as on Mars.
        features = features - {"space-station"} | {"fortress", "surface"}
    if setting in _DRAWS_ONLY:  # the landmarks a sunken or airless place can show; the rest are not drawn there
        features &= _DRAWS_ONLY[setting]
    features = _vehicles(features, setting, weather)
    if setting == "lighthouse" and "railing" in features:
        setting = "sea"  # on the lighthouse's gallery: outside, its lamp room beside us
    elif setting == "lighthouse" and has_any(text, _LAMP):
        features |= {"lamp-room"}
    rooms = [s for _, _, s in sorted(named) if s in INDOOR]
    mars = any(s == "mars" for _, _, s in named)
    if mars and setting not in INDOOR | {"space", "cave"}:
        setting = "mars"  # "in the canyons of Valles Marineris": Mars's own names beat the generic place before them
    if setting == "mars" and rooms:  # "On Mars, in the commissary": a room of the colony, Mars in its window
        setting = rooms[0]
    if setting in INDOOR and mars:  # "in a hab on the red plains" too
        features |= {"mars"}
    elif setting in INDOOR - {"station"} and any(s in ("space", "station") for _, _, s in named):
        features |= {"space"}  # "a workshop on the outer ring of the station": the stars in its window
    if setting == "mars" and "castle" in features and not has_any(text, ("castle", "palace")):
        features = features - {"castle"} | {"fortress"}  # a Martian fortress or citadel: a mining compound
    if (setting == "mars" or "mars" in features or setting == "moon") and time is None:
        time = "day"  # Mars and the moon by day unless the text says otherwise: their night is not a default
    if time is None:
        time = r.choice(("day", "day", "day", "sunset", "dawn", "night"))
    return Scene(time=time, weather=weather, setting=setting, features=features, seed=background, guessed=guessed)


_MOON_WORDS = re.compile("|".join(re.escape(word) for word in SETTINGS["moon"]))


def _named(text: str) -> list[tuple[int, int, str]]:
    """The settings the text names: (where, rank in SETTINGS, setting); the first named is the one drawn ("on the
    rooftop above the attic" is a rooftop, "in the attic above the roofs" a room), and a room we are outside of
    ("on the ledge outside the hut, in the mountains") is not one."""
    named = [(first_match(text, words), i, s) for i, (s, words) in enumerate(SETTINGS.items())]
    return [(at, i, s) for at, i, s in named if at is not None and not (s in INDOOR and _outside(text, at))
            and not (s == "space" and _EARTHLY.search(text[max(0, at - 12) : at]))]  # fmt: skip


def _vehicles(features: frozenset[str], setting: str, weather: str | None) -> frozenset[str]:
    """The vehicles named that can be drawn here (a boat on water: the sea, a river; a sledge on ice or snow)."""
    outdoors = setting not in INDOOR and setting not in NO_WEATHER
    kept = {
        v
        for v, places in _VEHICLE_PLACES.items()
        if v in features
        and (
            setting in places
            or (v in _WATERS and outdoors and "river" in features)
            or (v == "sledge" and outdoors and weather == "snow")
        )
    }
    if "train" in features:  # a dining car, a sleeping car: carriages, not cars
        kept.discard("car")
    return frozenset(features - _VEHICLE_PLACES.keys() | kept)


def _spot(place: str, text: str) -> str | None:
    """The spot of a place whose word the text names first ("in a painted wagon behind the circus big top" is the
    circus's grounds), or None."""
    named = [(at, spot) for spot, words in _SPOT_WORDS[place].items() if (at := first_match(text, words)) is not None]
    return min(named)[1] if named else None


def _hinted(text: str) -> list[tuple[int, int, str]]:
    """The settings the text's landmarks hint (where, rank, setting), for a text that names none."""
    return [(at, i, s) for i, (s, words) in enumerate(SETTING_HINTS.items()) if (at := first_match(text, words))
            is not None]  # fmt: skip


def _outside(text: str, at: int) -> bool:
    """Whether the place named at `at` is one we are outside of ("outside the hut", "the steps of the hall")."""
    return (
        _OUTSIDE.search(text[max(0, at - 24) : at]) is not None
        or _OUT_FRONT.match(text, at) is not None
        or _ITS_OUTSIDE.match(text, at) is not None
    )


def _by_train(
    text: str, setting: str | None, features: frozenset[str], r: random.Random
) -> tuple[str | None, frozenset[str]]:
    """A scene with a train: on its roof (landmark train-roof) in the country, or aboard it (no other place named,
    or a room) in the carriage named first (landmark dining-car, sleeper, corridor, guards-van)."""
    if setting == "space" and not has_any(text, ("space", "orbit", "planet", "starship", "galaxy")):
        setting = "city"  # a railway station, not a space station
    if has_any(text, TRAIN_OUTSIDE):
        return setting or r.choice(("field", "forest", "mountains")), features | {"train-roof"}
    if setting not in (None, "interior", "cafe"):  # a restaurant car is aboard
        return setting, features  # a train in view from somewhere else
    named = [(at, kind) for kind, words in CARRIAGES.items() if (at := first_match(text, words)) is not None]
    return "interior", features | ({min(named)[1]} if named else set())


@lru_cache(maxsize=8)
def _glow_light(
    size: tuple[int, int], shrink: int, centre: Point, rad: float, blur: float, strength: int
) -> tuple[Image.Image | None, tuple[int, int]]:
    """A glow's light as a mask, `size` pixels: a disc blurred on a mask `shrink` times smaller (cheap), scaled up;
    cropped to where it shows, with that crop's offset (None if it shows nowhere)."""
    width, height = size
    mask = Image.new("L", (width // shrink + 1, height // shrink + 1), 0)
    cx, cy = centre
    ImageDraw.Draw(mask).ellipse((cx - rad * 0.6, cy - rad * 0.6, cx + rad * 0.6, cy + rad * 0.6), fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    full = (mask.width * shrink, mask.height * shrink)
    light = mask.resize(full, Image.Resampling.BILINEAR).crop((0, 0, width, height))
    box = light.getbbox()
    return (light.crop(box), box[:2]) if box is not None else (None, (0, 0))


def clear_caches() -> None:
    """Forget the glows this process has drawn (benchmarks draw cold)."""
    _glow_light.cache_clear()


class SceneCanvas:
    """A scene's canvas and its sky: pixels, light and translucent layers, in fractions of the canvas size."""

    def __init__(self, scene: Scene, size: tuple[int, int], figure_xs: Sequence[float] = ()) -> None:
        self.scene = scene
        self.w, self.h = size
        self.image = Image.new("RGB", size, (0, 0, 0))
        self.draw = ImageDraw.Draw(self.image)
        self.r = rng("scenery", scene.seed)
        self.horizon = 0.58 * self.h
        self.floor = 0.8 * self.h  # where the foreground floor (what characters stand on) begins
        # A landmark (lighthouse, fire) stands on one side; the moon or sun goes to the other so they never overlap.
        self.side = 0.84 if self.r.random() < 0.5 else 0.16
        # A fire is the one landmark that matters at figure height: put it where no figure will stand.
        xs = sorted(figure_xs)
        spots = [0.5, 0.1, 0.9, *((a + b) / 2 for a, b in itertools.pairwise(xs))]
        self.fire_x = max(spots, key=lambda x: min((abs(x - f) for f in xs), default=abs(x - self.side)))
        lamplit = scene.setting in INDOOR or (scene.setting == "market" and scene.time == "night")  # lanterns
        self.light = "lamp" if lamplit and scene.time in ("night", "sunset") else scene.time
        if scene.setting == "subway":  # no daylight reaches a tunnel: its lamps, whatever the hour
            self.light = "lamp"

    def lit(self, colour: RGB) -> RGB:
        """A colour as seen in this scene's light (dimmer and bluer at night, warmer at sunset)."""
        bright, tint, amount = LIGHT[self.light]
        if self.scene.weather in ("storm", "rain", "fog") and self.light != "lamp":
            bright *= 0.8
            tint, amount = mix(tint, (110, 120, 140), 0.6), amount + 0.15
        dimmed = (round(colour[0] * bright), round(colour[1] * bright), round(colour[2] * bright))
        return mix(dimmed, tint, amount)

    def px(self, x: float, y: float) -> Point:
        """Fractions of the canvas to pixels."""
        return (x * self.w, y * self.h)

    def poly(self, points: Sequence[Point], fill: RGB | tuple[int, int, int, int]) -> None:
        """A polygon in canvas fractions."""
        self.draw.polygon([self.px(x, y) for x, y in points], fill=fill)

    def rect(self, box: tuple[float, float, float, float], fill: RGB, outline: bool = True) -> None:
        """A rectangle in canvas fractions, inked (in the scene's thin line) unless `outline` is False."""
        x0, y0, x1, y1 = box
        width = max(2, self.w // 300)
        self.draw.rectangle((x0 * self.w, y0 * self.h, x1 * self.w, y1 * self.h), fill=fill,
                            outline=INK if outline else None, width=width)  # fmt: skip

    def dot(self, x: float, y: float, radius: float, fill: RGB, outline: bool = True) -> None:
        """A disc at canvas fractions, `radius` a fraction of the width."""
        cx, cy, rad = x * self.w, y * self.h, radius * self.w
        self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=fill, outline=INK if outline else None,
                          width=max(2, self.w // 400))  # fmt: skip

    def overlay(self, height: float | None = None) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        """A transparent layer for translucent effects (only the top `height` pixels of the canvas if given, for
        effects that stay there: less to fill, scan and composite); composite it with commit()."""
        layer = Image.new("RGBA", (self.w, round(height or self.h)), (0, 0, 0, 0))
        return layer, ImageDraw.Draw(layer)

    def commit(self, layer: Image.Image, offset: tuple[int, int] = (0, 0)) -> None:
        """Composite a translucent layer onto the scene (at `offset`), over the layer's visible part only.

        Most layers touch a small part of the canvas, and a transparent pixel changes nothing, so the rest is
        skipped. A paste through the layer's alpha is "over" compositing on this opaque canvas (the canvas's own
        alpha, which goes unused, is what differs), in one pass instead of alpha_composite's four.
        """
        box = layer.getbbox()
        if box is not None:
            part = layer if box == (0, 0, *layer.size) else layer.crop(box)  # rain covers it all: no copy of it
            self.image.paste(part, (offset[0] + box[0], offset[1] + box[1]), part)
        self.draw = ImageDraw.Draw(self.image)

    def mask(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        """A blank mask over the canvas for a translucent effect of one colour (its alpha alone: a quarter of an
        overlay's bytes to fill and scan); tint() puts the colour through it."""
        mask = Image.new("L", (self.w, self.h), 0)
        return mask, ImageDraw.Draw(mask)

    def tint(self, mask: Image.Image, colour: RGB) -> None:
        """The colour through the mask onto the scene, over the mask's drawn part only: the same pixels as an
        overlay of that colour with the mask for its alpha, committed."""
        box = mask.getbbox()
        if box is not None:
            self.image.paste(colour, box, mask if box == (0, 0, *mask.size) else mask.crop(box))
        self.draw = ImageDraw.Draw(self.image)

    def glow(self, centre: Point, radius: float, colour: RGB, strength: int) -> None:
        """A soft round light over its own square (its layer cached: suns, moons and lamps recur across panels)."""
        shrink = 8
        rad = radius / shrink
        blur = max(1.0, rad * 0.45)
        half = round((rad * 0.6 + 3 * blur) * shrink)  # the blur fades out within three radii of it
        x0, y0 = max(0, round(centre[0]) - half), max(0, round(centre[1]) - half)
        x1, y1 = min(self.w, round(centre[0]) + half), min(self.h, round(centre[1]) + half)
        if x1 <= x0 or y1 <= y0:
            return
        cx, cy = (centre[0] - x0) / shrink, (centre[1] - y0) / shrink
        light, (bx, by) = _glow_light((x1 - x0, y1 - y0), shrink, (cx, cy), rad, blur, strength)
        if light is not None:  # the colour through the light's mask: "over" on this opaque canvas, in one pass
            left, top = x0 + bx, y0 + by
            self.image.paste(colour, (left, top, left + light.width, top + light.height), light)
        self.draw = ImageDraw.Draw(self.image)

    def gradient(self, box: tuple[float, float, float, float], stops: Sequence[RGB]) -> None:
        """A vertical gradient through the stops filling a box of pixels."""
        x0, y0, x1, y1 = (round(v) for v in box)
        strip = Image.new("RGBA", (1, len(stops)))
        strip.putdata([(*stop, 255) for stop in stops])
        # Interpolated down one column, then repeated across: what a 2-D resize computes, for a fraction of it.
        column = strip.resize((1, max(1, y1 - y0)), Image.Resampling.BILINEAR)
        self.image.paste(column.resize((max(1, x1 - x0), column.height), Image.Resampling.NEAREST), (x0, y0))

    def _sky(self) -> None:
        top, mid, low = SKIES[self.scene.time]
        if self.scene.weather in ("storm", "rain", "fog", "snow"):
            grey = (70, 76, 92) if self.scene.time == "night" else (150, 156, 168)
            top, mid, low = mix(top, grey, 0.6), mix(mid, grey, 0.55), mix(low, grey, 0.45)
        elif self.scene.weather == "dust":
            ochre = (120, 70, 50) if self.scene.time == "night" else (196, 130, 84)
            top, mid, low = mix(top, ochre, 0.55), mix(mid, ochre, 0.65), mix(low, ochre, 0.75)
        self.gradient((0, 0, self.w, self.horizon + 2), [top, mid, low])

    def _celestial(self) -> None:
        s, r = self.scene, self.r
        if s.time == "night":
            stars = []
            for _ in range(30 if s.weather else 90):
                x, y = r.random() * self.w, r.random() * self.horizon * 0.9
                stars.append((x, y, r.choice((1, 1, 2, 3)) * self.w / 1200, r.randrange(140, 255)))
            cx, cy, rad = (1 - self.side) * self.w, 0.16 * self.h, 0.045 * self.w
            self.glow((cx, cy), rad * 2.6, (255, 246, 200), 70)
            for x, y, size, alpha in stars:  # opaque, in the colour a translucent star gives over the sky there
                self.draw.ellipse(
                    (x - size, y - size, x + size, y + size), fill=self.over((255, 250, 220), alpha, x, y)
                )
            self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=(250, 244, 214))
            for dx, dy, cr in ((-0.3, -0.2, 0.22), (0.25, 0.3, 0.15), (0.1, -0.45, 0.1)):
                x, y, cr_px = cx + dx * rad, cy + dy * rad, cr * rad
                self.draw.ellipse((x - cr_px, y - cr_px, x + cr_px, y + cr_px), fill=(226, 220, 190))
        else:
            sy = {"day": 0.14, "dawn": 0.55, "sunset": 0.5}[s.time]
            cx, cy = self.px(1 - self.side, sy)
            rad = (0.05 if s.time == "day" else 0.075) * self.w
            colour = (255, 244, 190) if s.time == "day" else ((255, 226, 150) if s.time == "dawn" else (255, 160, 80))
            self.glow((cx, cy), rad * 3.5, colour, 110)
            self.draw.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=colour)

    def over(self, colour: RGB, alpha: int, x: float, y: float) -> RGB:
        """`colour` at `alpha` over the canvas at (x, y): what a small translucent mark there shows, drawn opaque
        (no layer to allocate, scan and composite for a few dots)."""
        px = (min(max(round(x), 0), self.w - 1), min(max(round(y), 0), self.h - 1))
        under = self.image.getpixel(px)
        assert isinstance(under, tuple)
        return mix((under[0], under[1], under[2]), colour, alpha / 255)

    def _clouds(self, heavy: bool) -> None:
        r = self.r
        # Only as tall as the clouds reach: the lowest centre, plus the puffs' reach below it (1.45 of the largest).
        layer, draw = self.overlay(
            min(self.h, (0.2 if heavy else 0.3) * self.h + 1.5 * 1.3 * self.w * (0.09 if heavy else 0.05))
        )
        night = self.scene.time == "night"
        base = (40, 44, 60) if (heavy and night) else ((110, 114, 128) if heavy else (255, 255, 255))
        count = 7 if heavy else 3
        for i in range(count):
            cx = (i + r.uniform(0.1, 0.9)) / count * self.w
            cy = r.uniform(0.04, 0.2 if heavy else 0.3) * self.h
            scale = r.uniform(0.8, 1.3) * self.w * (0.09 if heavy else 0.05)
            shade = mix(base, (0, 0, 0), 0.2) if heavy else self.lit(base)
            for dx, dy, rr in ((-1.2, 0.3, 0.7), (-0.4, -0.2, 1.0), (0.5, 0.0, 0.85), (1.2, 0.35, 0.6), (0, 0.4, 0.8)):
                x, y, rad = cx + dx * scale, cy + dy * scale, rr * scale
                draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=(*shade, 235 if heavy else 210))
            if heavy:
                for dx, rr in ((-0.6, 0.6), (0.4, 0.7)):
                    x, y, rad = cx + dx * scale, cy + 0.75 * scale, rr * scale
                    draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=(*mix(shade, (0, 0, 0), 0.25), 220))
        self.commit(layer)

    def _weather(self) -> None:
        s, r = self.scene, self.r
        if s.weather is None:
            return
        if s.weather == "storm":  # rain, and lightning over it: colours of their own, on a layer
            layer, draw = self.overlay()
            self._rain(draw, 260, (220, 230, 255, 110))
            x = r.uniform(0.25, 0.6) * self.w
            pts: list[Point] = [(x, 0.0)]
            for k in range(1, 6):
                pts.append((x + r.uniform(-0.05, 0.05) * self.w, k * 0.09 * self.h))
            draw.line(pts, fill=(255, 250, 210, 90), width=max(8, self.w // 90), joint="curve")
            draw.line(pts, fill=(255, 255, 235, 255), width=max(3, self.w // 300), joint="curve")
            self.commit(layer)
        elif s.weather == "rain":  # one colour: its alpha alone on a mask (a quarter of a layer's bytes)
            mask, draw = self.mask()
            self._rain(draw, 160, 110)
            self.tint(mask, (220, 230, 255))
        elif s.weather == "snow":
            mask, draw = self.mask()
            for _ in range(220):
                x, y, rad = r.random() * self.w, r.random() * self.h, r.uniform(1, 3.5) * self.w / 1000
                draw.ellipse((x - rad, y - rad, x + rad, y + rad), fill=220)
            self.tint(mask, (255, 255, 255))
        if s.weather in ("fog", "dust"):  # a veil that thickens toward the horizon and thins again at our feet
            profile = [0, 10, 40, 120, 170, 120, 70, 50] if s.weather == "fog" else [60, 90, 130, 170, 150, 90, 60, 40]
            veil = Image.new("L", (1, len(profile)))
            veil.putdata(profile)
            veil_colour = (232, 236, 240) if s.weather == "fog" else self.lit((206, 128, 78))  # dust dims after dark
            # The colour through the veil's mask: "over" on this opaque canvas, as a layer of it would be, without
            # the layer (four times the mask's size) to fill, scan and copy.
            self.image.paste(
                veil_colour, (0, 0, *self.image.size), veil.resize(self.image.size, Image.Resampling.BILINEAR)
            )
            self.draw = ImageDraw.Draw(self.image)
        if s.weather == "dust":  # blown grit, streaking sideways
            mask, draw = self.mask()
            for _ in range(140):
                x, y = r.random() * self.w * 1.1, r.random() * self.h
                length = r.uniform(0.04, 0.1) * self.w
                draw.line((x, y, x - length, y + length * 0.08), fill=120, width=max(1, self.w // 600))
            self.tint(mask, (240, 190, 140))

    def _rain(self, draw: ImageDraw.ImageDraw, drops: int, fill: int | tuple[int, int, int, int]) -> None:
        r = self.r
        for _ in range(drops):
            x, y = r.random() * self.w * 1.1, r.random() * self.h
            length = r.uniform(0.03, 0.06) * self.h
            draw.line((x, y, x - length * 0.3, y + length), fill=fill, width=max(1, self.w // 700))
