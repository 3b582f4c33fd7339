"""Vehicles a panel's background names are drawn in its scene (#19: "vehicles and buildings named")."""

import dataclasses
import uuid
from io import BytesIO

import pytest
from PIL import Image, ImageChops

from domain.character import Character
from domain.panel import Panel
from providers.images import ReferenceImage
from providers.offline.drawing.aboard import Frame, balloon_rig, oars
from providers.offline.drawing.panels import draw_panel
from providers.offline.drawing.scenery import scene_for
from providers.offline.drawing.scenes import ScenePainter, paint_scene
from providers.offline.drawing.sheets import render_sheet_png
from providers.offline.drawing.vehicles import aboard


def _pale_below_horizon(image: Image.Image, horizon: float = 0.6) -> int:
    """Pixels of the ground that are near-white: on Mars's red dust only a white vehicle is."""
    ground = image.crop((0, int(horizon * image.height), image.width, image.height)).convert("RGB")
    r, g, b = ground.split()
    return ImageChops.darker(r, ImageChops.darker(g, b)).point(lambda v: 255 if v > 170 else 0).histogram()[255]


@pytest.mark.parametrize(
    "background",
    [
        "On Mars, at the airlock where the mapped plains end at dawn: Rivet-54 drove a battered rover out",
        "On Mars, across the red plains at noon: the rover bounced over the dunes",
        "On Mars, in the canyons of Valles Marineris in the morning: the buggy's wheels spun in the dust",
    ],
)
def test_a_rover_the_background_names_is_drawn_on_mars(background: str) -> None:
    size = (512, 384)
    with_rover = _pale_below_horizon(paint_scene(background, size, (0.5,)))
    without = _pale_below_horizon(paint_scene(background.replace("rover", "robot").replace("buggy", "robot"), size))
    assert with_rover > 150 > without


# --- Villages (#19): a village is cottages, a spire and a lane or a green, not a city of lit towers. ---

_VILLAGES = [
    ("In the village at the edge of Elderholt at dusk: there lived Bramia Oakcombe, a careful witch", set()),
    ("On the village green of Elderholt in the morning (desperate): the news was on every tongue", {"village-green"}),
    ("Back in the village at the edge of Thornwick at dawn (joyful): the wood was loud with birdsong again", set()),
    ("In the market town of Brackwater at noon: the crowd pressed round the well", set()),
    ("In the hamlet below the hill at dusk: smoke rose from every chimney", set()),
    ("In the fishing village of Gullhaven at noon: the nets were drying", {"harbour"}),
]


@pytest.mark.parametrize(("background", "features"), _VILLAGES)
def test_a_village_text_is_read_as_a_village(background: str, features: set[str]) -> None:
    scene = scene_for(background)
    assert scene.setting == "village"
    assert features <= scene.features
    assert "village-green" not in scene.features or "green" in background


def test_a_city_is_still_a_city() -> None:
    assert scene_for("the city streets at dusk, fog").setting == "city"
    assert scene_for("On the rooftop above the attic, in the city at night: the bells rang").setting == "city"


def _warm(image: Image.Image, top: float, bottom: float) -> int:
    """Lamp-lit window pixels (a warm yellow) in a band of rows."""
    band = image.crop((0, int(top * image.height), image.width, int(bottom * image.height))).convert("RGB")
    r, g, b = band.split()
    warm = ImageChops.multiply(r.point(lambda v: 255 if v > 230 else 0), g.point(lambda v: 255 if v > 180 else 0))
    return ImageChops.multiply(warm, b.point(lambda v: 255 if 90 < v < 150 else 0)).histogram()[255]


@pytest.mark.parametrize("background", [text for text, _ in _VILLAGES[:3]])
def test_a_village_has_no_tall_lit_blocks_and_soft_ground(background: str) -> None:
    size = (512, 384)
    night = paint_scene(background.replace("dusk", "night").replace("dawn", "night").replace("morning", "night"), size)
    city = paint_scene("In the city at night: the news was on every tongue", size)
    assert _warm(city, 0.0, 0.5) > 400  # the measure sees a city's lit towers
    assert _warm(night, 0.0, 0.5) < 40  # a village's lamps are low cottage windows
    ground = paint_scene(background, size).crop((0, int(0.88 * 384), 512, 384)).convert("RGB").resize((1, 1))
    r, g, b = ground.getpixel((0, 0))  # type: ignore[misc]
    assert g > b + 25 or r > b + 40, (r, g, b)  # grass or an earthen lane, not grey pavement


# --- Vehicles: drawn when named, the cast in the one the words put them in. ---


def _changed(a: Image.Image, b: Image.Image) -> int:
    diff = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).convert("L")
    return diff.point(lambda v: 255 if v > 40 else 0).histogram()[255]


@pytest.mark.parametrize(
    ("background", "plain", "vehicle"),
    [
        ("On the high street at noon: a red bus rattled past", "On the high street at noon: a red fox ran past", "bus"),
        (
            "In the city at noon: she parked the car by the kerb",
            "In the city at noon: she left the cat by the kerb",
            "car",
        ),
        (
            "In the market at dusk: there lived Iggyric, a bicycle courier",
            "In the market at dusk: there lived Iggyric, a courier",
            "bicycle",
        ),
        (
            "Over the meadow at noon: a hot-air balloon drifted by",
            "Over the meadow at noon: a heron drifted by",
            "balloon",
        ),
        (
            "Across the cracking pack ice, on the arctic ice at dusk: sending her snow-sledges after them",
            "Across the cracking pack ice, on the arctic ice at dusk: sending her soldiers after them",
            "sledge",
        ),
    ],
)
def test_a_vehicle_named_is_drawn_and_not_otherwise(background: str, plain: str, vehicle: str) -> None:
    size = (512, 384)
    scene = scene_for(background)
    assert vehicle in scene.features and vehicle not in scene_for(plain).features
    assert aboard(scene) is None  # standing by: drawn in the scene itself
    drawn = ScenePainter(scene, size, [0.5]).paint()
    bare = ScenePainter(dataclasses.replace(scene, features=scene.features - {vehicle}), size, [0.5]).paint()
    assert _changed(drawn, bare) > 400  # the same scene but for the vehicle


@pytest.mark.parametrize(
    ("background", "vehicle", "riding"),
    [
        ("At the reef where the charted sea ends at dawn: Morus rowed out past the last buoy", "rowing-boat", True),
        ("At the jungle river at dawn: Celen paddled a dugout canoe across the jungle river", "canoe", True),
        ("At the edge of the ice shelf, on the arctic ice at dawn: Thorelle drove a sledge out", "sledge", True),
        ("In the farmyard at noon: Pip hid them in the hay cart of the farm", "cart", True),
        ("A sledge team came racing over the pack ice, on the arctic ice", "sledge", False),
        ("Inside the dining car of the train at night: every lamp went out", None, False),
        (
            "On the arctic ice at dusk: Pip found a lead of open water between the floes and paddled them through",
            "canoe",
            True,
        ),
        ("At the edge of the circus grounds: Pip tumbled out of a painted circus cart", None, False),
        ("High over the fields at noon: Morus and Pip floated in a hot-air balloon", "balloon", True),
        ("High over the mountains at noon: the two friends flew a hot air balloon", "balloon", True),
        ("High over the mountains at noon: Pip piloted the hot-air balloon", "balloon", True),
        ("At the reef where the charted sea ends at dawn: Morus swam out past the last buoy", None, False),
    ],
)
def test_the_scene_records_the_vehicle_and_whether_the_cast_is_in_it(
    background: str, vehicle: str | None, riding: bool
) -> None:
    scene = scene_for(background)
    vehicles = scene.features & {"rowing-boat", "canoe", "raft", "sledge", "cart", "balloon", "car", "bus"}
    assert vehicles == ({vehicle} if vehicle else set())
    assert aboard(scene) == (vehicle if riding else None)


def _panel(background: str, shot_index: int = 2) -> tuple[Image.Image, dict[str, object]]:
    sheet = render_sheet_png(
        Character(
            id=uuid.UUID(int=7),
            name="Morus",
            character_type="humanoid",
            color_palette=["#c9a227", "#2b4c7e"],
            visual_form="an old fisherman in a yellow oilskin",
        )
    )
    panel = Panel(id=uuid.UUID(int=70), index=shot_index, background=background, characters=["Morus"], dialogue="")
    art = draw_panel(panel, [ReferenceImage("Morus", sheet)], (512, 384), False)
    return Image.open(BytesIO(art.png)).convert("RGB"), art.metadata


def test_the_rower_is_in_the_boat_its_hull_over_their_legs() -> None:
    rowing = "At the reef where the charted sea ends at dawn: Morus rowed out past the last buoy"
    image, meta = _panel(rowing)
    walking, walk_meta = _panel(rowing.replace("rowed", "walked"))
    figures = meta["figures"]
    assert isinstance(figures, list) and meta["shot"] != "close-up"
    x0, y0, x1, y1 = figures[0]["box"]
    w, h = image.size
    legs = (round(x0 * w), round((y1 - 0.2 * (y1 - y0)) * h), round(x1 * w), round(y1 * h))
    head = (round(x0 * w), round(y0 * h), round(x1 * w), round((y0 + 0.3 * (y1 - y0)) * h))
    assert walk_meta["figures"] == figures  # staged alike: the boat is what differs
    assert _changed(image.crop(legs), walking.crop(legs)) > 0.6 * (legs[2] - legs[0]) * (legs[3] - legs[1])
    assert _changed(image.crop(head), walking.crop(head)) < 0.05 * (head[2] - head[0]) * (head[3] - head[1])
    # Afloat: no beach under the boat (the sea runs to the frame's foot beside it).
    foot = image.crop((0, h - 12, 40, h - 4)).resize((1, 1)).getpixel((0, 0))
    assert isinstance(foot, tuple) and foot[2] > foot[0], foot  # blue water, not yellow sand


# --- Aboard, seen right (#vehicles helper): a rower sits in the boat, a balloon's riders stand in the basket from
# the chest up under its envelope, its ropes from the envelope's rim to the basket's corners. ---


def _aboard_and_not(
    monkeypatch: pytest.MonkeyPatch, background: str, index: int, who: list[str], dialogue: str = ""
) -> tuple[Image.Image, Image.Image, dict[str, object]]:
    """A panel as drawn, the same panel without its vehicle drawn round the cast, and its metadata."""
    looks = {"Morus": "an old fisherman in a yellow oilskin", "Pip": "a young wizard in a tall pointed hat"}
    refs = [
        ReferenceImage(name, render_sheet_png(Character(id=uuid.UUID(int=n + 1), name=name,
                       character_type="humanoid", color_palette=["#c9a227", "#2b4c7e"], visual_form=looks[name])))
        for n, name in enumerate(who)
    ]  # fmt: skip
    panel = Panel(id=uuid.UUID(int=70), index=index, background=background, characters=who, dialogue=dialogue)
    art = draw_panel(panel, refs, (512, 384), False)
    monkeypatch.setattr("providers.offline.drawing.panels.draw_aboard", lambda *_: None)
    plain = draw_panel(panel, refs, (512, 384), False)
    monkeypatch.undo()
    return Image.open(BytesIO(art.png)).convert("RGB"), Image.open(BytesIO(plain.png)).convert("RGB"), art.metadata


def _covered(a: Image.Image, b: Image.Image, box: tuple[float, float, float, float]) -> float:
    """The share of `box` (fractions of the frame, clamped to it) the vehicle changed."""
    w, h = a.size
    x0, y0, x1, y1 = (round(min(max(v, 0.0), 1.0) * side) for v, side in zip(box, (w, h, w, h), strict=True))
    diff = ImageChops.difference(a.crop((x0, y0, x1, y1)), b.crop((x0, y0, x1, y1))).convert("L")
    return diff.point(lambda v: 255 if v > 12 else 0).histogram()[255] / max(1, (x1 - x0) * (y1 - y0))


_ROWING = "At the reef where the charted sea ends at dawn: {} rowed out past the last buoy"
_BALLOON = "High over the fields at noon: {} floated in a hot-air balloon"


@pytest.mark.parametrize(
    ("background", "index", "who", "dialogue", "band"),
    [
        # A line-up: the hull's side from the rower's waist down (was from the knees: 0.34 of the height).
        (_ROWING.format("Morus"), 2, ["Morus"], "", (0.38, 0.44)),
        (_ROWING.format("Morus and Pip"), 2, ["Morus", "Pip"], "", (0.38, 0.44)),
        # A balloon's riders seen from the chest up (the basket was to the waist: 0.42).
        (_BALLOON.format("Morus"), 2, ["Morus"], "", (0.44, 0.49)),
        (_BALLOON.format("Morus and Pip"), 2, ["Morus", "Pip"], "", (0.44, 0.49)),
    ],
)
def test_riders_sit_in_the_boat_and_stand_in_the_basket(
    monkeypatch: pytest.MonkeyPatch,
    background: str,
    index: int,
    who: list[str],
    dialogue: str,
    band: tuple[float, float],
) -> None:
    image, plain, meta = _aboard_and_not(monkeypatch, background, index, who, dialogue)
    figures = meta["figures"]
    assert isinstance(figures, list) and meta["shot"] == "medium"
    for figure in figures:
        x0, y0, x1, y1 = figure["box"]
        tall = (y1 - y0) if figure["name"] == "Morus" else (y1 - figure["face"][1]) / 0.93  # a hat aside
        assert _covered(image, plain, (x0, y1 - band[1] * tall, x1, y1 - band[0] * tall)) > 0.6, figure
        x0, y0, x1, y1 = figure["face"]
        assert _covered(image, plain, (x0, y0, x1, y1)) < 0.05, "the face in view"


@pytest.mark.parametrize(
    ("background", "index", "who", "dialogue"),
    [
        (_ROWING.format("Morus"), 2, ["Morus"], "Morus: There she blows!"),  # close up: the gunwale at the chest
        (_ROWING.format("Morus"), 3, ["Morus"], "Morus: There she blows!"),
        (_BALLOON.format("Morus"), 2, ["Morus"], "Morus: Higher!"),
        (_ROWING.format("Morus and Pip"), 1, ["Morus", "Pip"], "Morus: There she blows!"),  # over Pip's shoulder
        (_ROWING.format("Morus and Pip"), 3, ["Morus", "Pip"], "Morus: There she blows!"),
        (_BALLOON.format("Morus and Pip"), 1, ["Morus", "Pip"], "Morus: Higher!"),
    ],
)
def test_seen_from_aboard_the_speaker_is_in_it_to_the_chest(
    monkeypatch: pytest.MonkeyPatch, background: str, index: int, who: list[str], dialogue: str
) -> None:
    image, plain, meta = _aboard_and_not(monkeypatch, background, index, who, dialogue)
    figures = meta["figures"]
    assert isinstance(figures, list)
    (speaker,) = [f for f in figures if f["name"] == "Morus"]
    x0, y0, x1, y1 = speaker["face"]
    face = y1 - y0
    if meta["shot"] == "close-up":  # across the chest, under the chin by half a face (was at 0.84 of the frame)
        chest = (x0, min(0.81, y1 + 0.5 * face), x1, 0.84)
    else:  # the far end of it over the speaker's legs (they stood on the water beyond the near gunwale)
        assert meta["shot"] == "over-the-shoulder"
        bx0, by0, bx1, by1 = speaker["box"]
        chest = (bx0, by1 - 0.4 * (by1 - by0), bx1, by1 - 0.12 * (by1 - by0))
    assert _covered(image, plain, chest) > 0.5, (meta["shot"], speaker)
    assert _covered(image, plain, (x0, y0, x1, y1)) < 0.05, "the face in view"


@pytest.mark.parametrize(
    ("x0", "x1", "gunwale", "top"),
    [(150, 870, 500, 90), (300, 720, 560, 250), (-60, 1084, 620, 40), (400, 620, 600, 380), (100, 400, 690, 300)],
)
def test_a_balloons_ropes_run_from_the_envelopes_rim_to_the_baskets_corners(
    x0: float, x1: float, gunwale: float, top: float
) -> None:
    rig = balloon_rig(Frame(x0, x1, gunwale, gunwale + 200, 400), top, (1024, 768))
    cx, cy, rx, ry = rig.envelope
    assert cy + ry < top, "the envelope's lowest point over the riders' heads"
    assert rx >= 0.5 * (x1 - x0), "wider than the basket"
    assert sorted(bottom for _, bottom in rig.ropes) == [(x0, gunwale), (x1, gunwale)]  # the basket rim's corners
    for (tx, ty), (bx, _) in rig.ropes:
        assert abs(((tx - cx) / rx) ** 2 + ((ty - cy) / ry) ** 2 - 1) < 1e-6, "on the envelope's outline"
        assert ty > cy + 0.5 * ry, "on its lower rim"
        assert (tx - cx) * (bx - cx) >= 0, "on the basket corner's side: the ropes do not cross"


@pytest.mark.parametrize(("close", "rower"), [(False, (200, 150, 330, 600)), (True, (150, -20, 700, 800))])
def test_a_rowers_oars_cross_the_gunwale_from_the_hands_to_the_water(
    close: bool, rower: tuple[int, int, int, int]
) -> None:
    frame = Frame(100, 500, 400, 600, 450)
    found = oars(rower, frame, close)
    assert len(found) == 2
    assert found[0][1][0] < rower[0] < rower[2] < found[1][1][0], "the blades out either side"
    for (hx, hy), (_, by) in found:
        assert rower[0] < hx < rower[2] and hy < frame.gunwale < by, "from the hands, over the gunwale, down"


# --- Road vehicles ridden: the riders in a car's or a bus's windows, astride a bicycle. ---


@pytest.mark.parametrize(
    ("background", "vehicle", "riding"),
    [
        ("In the street at dawn: Jasika rode her bicycle to school", "bicycle", True),
        ("In the city at dusk: Iggyric cycled home past the bakery", "bicycle", True),
        ("In the market at dusk: there lived Iggyric, a bicycle courier", "bicycle", False),
        ("In the city at noon: the children took the bus to the zoo", "bus", True),
        ("On the high street at noon: the children rode the bus to the zoo", "bus", True),
        ("On the high street at noon: a red bus rattled past", "bus", False),
        ("In the city at noon: she waited at the bus stop", "bus", False),
        ("On the high street at noon: they stood on the bus stop", "bus", False),
        ("In the city at noon: she drove the car to the station", "car", True),
        ("In the city at noon: she waited in the car park", "car", False),
        ("In the city at noon: she parked the car by the kerb", "car", False),
    ],
)
def test_a_road_vehicle_the_words_put_the_cast_in_is_ridden(background: str, vehicle: str, riding: bool) -> None:
    scene = scene_for(background)
    assert vehicle in scene.features
    assert aboard(scene) == (vehicle if riding else None)


@pytest.mark.parametrize(
    ("background", "index", "who", "dialogue"),
    [
        ("In the city at noon: {} drove the car to the station", 2, ["Morus"], ""),
        ("In the city at noon: {} drove the car to the station", 2, ["Morus", "Pip"], ""),
        ("On the high street at noon: {} rode the bus to the zoo", 2, ["Morus", "Pip"], ""),
        ("On the high street at noon: {} rode the bus to the zoo", 1, ["Morus", "Pip"], "Morus: The zoo!"),
        ("In the street at dawn: {} rode a bicycle to school", 2, ["Morus"], ""),
        ("In the street at dawn: {} rode a bicycle to school", 3, ["Morus", "Pip"], "Morus: Race you!"),
    ],
)
def test_riders_are_in_the_car_or_the_bus_and_astride_the_bicycle(
    monkeypatch: pytest.MonkeyPatch, background: str, index: int, who: list[str], dialogue: str
) -> None:
    text = background.format(" and ".join(who))
    image, plain, meta = _aboard_and_not(monkeypatch, text, index, who, dialogue)
    figures = meta["figures"]
    assert isinstance(figures, list)
    (rider,) = [f for f in figures if f["name"] == "Morus"]
    x0, y0, x1, y1 = rider["box"]
    tall = y1 - y0
    if "bicycle" in text:  # the wheels either side of the feet: a band at the ankles, wider than the rider
        band = (x0 - 0.5 * tall, y1 - 0.3 * tall, x0, y1 - 0.1 * tall)
        assert _covered(image, plain, band) > 0.04, rider
        assert _covered(image, plain, (x1, y1 - 0.3 * tall, x1 + 0.5 * tall, y1 - 0.1 * tall)) > 0.04
    else:  # the door from under the shoulders to the feet, the glass round the head
        assert _covered(image, plain, (x0, y1 - 0.5 * tall, x1, y1)) > 0.8, rider
        assert _covered(image, plain, (x1, y0 + 0.1 * tall, min(1.0, x1 + 0.05), y0 + 0.3 * tall)) > 0.3, "glass"
    fx0, fy0, fx1, fy1 = rider["face"]
    inner = (fx0 + 0.25 * (fx1 - fx0), fy0 + 0.25 * (fy1 - fy0), fx1 - 0.25 * (fx1 - fx0), fy1 - 0.25 * (fy1 - fy0))
    assert _covered(image, plain, inner) < 0.05, "the face in view (the glass round it)"


@pytest.mark.parametrize(("index", "who"), [(2, ["Morus"]), (1, ["Morus", "Pip"]), (3, ["Morus", "Pip"])])
def test_a_raft_is_underfoot_close_up_not_a_wall_across_the_chest(
    monkeypatch: pytest.MonkeyPatch, index: int, who: list[str]
) -> None:
    background = "On the wide river at noon: {} floated on a raft down the river".format(" and ".join(who))
    image, plain, meta = _aboard_and_not(monkeypatch, background, index, who, "Morus: Hold on!")
    assert meta["shot"] in ("close-up", "over-the-shoulder")
    assert _covered(image, plain, (0.0, 0.7, 1.0, 0.84)) < 0.15, "its logs were over the chest (the whole band)"
    assert _covered(image, plain, (0.0, 0.95, 1.0, 1.0)) > 0.5, "at the frame's foot"
