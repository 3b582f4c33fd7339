"""The offline renderer draws the place a panel's background names (#19 item 2): trains from inside, their roofs
or in view; named places, the moon, Mars and its rooms, lighthouses, carriages, open space, under the sea, tunnels,
classrooms, museums, wards, the big top, stadiums, airports, the ice and the jungle, weather indoors and out; each
checked on the scene's reading (`scene_for`) and on the drawn panel's metadata and pixels. The table of whole comics
(every panel in its named scene) is in test_offline_staging.py.
"""

from io import BytesIO

import pytest
from PIL import Image, ImageChops, ImageStat

from providers.offline.drawing.scenery import Scene, scene_for
from providers.offline.drawing.scenes import ScenePainter
from providers.offline.renderer import OfflineRenderer
from tests.test_offline_staging import panel


@pytest.mark.parametrize(
    ("background", "setting", "landmarks"),
    [
        ("In a narrow sleeping compartment aboard the night train", "interior", {"train", "sleeper"}),
        ("Inside the dining car of the night train (fiery)", "interior", {"train", "dining-car"}),
        ("Aboard the night train, in the crowded corridor of the first-class carriage", "interior",
         {"train", "corridor"}),
        ("Inside the cramped guard's van at the back of the train at dusk", "interior", {"train", "guards-van"}),
        ("Back in the sleeping compartment aboard the night train: they sang in the dining car", "interior",
         {"train", "sleeper"}),  # the carriage named first
        ("Along the rattling carriages of the night train: Octor searched every compartment", "interior", {"train"}),
        ("Along the roof of the speeding train in the evening (rain-soaked)", None, {"train", "train-roof"}),
        ("The train pulled into the station at Ashcombe Halt", "city", {"train"}),  # a railway station
        ("A train on the horizon, in the desert at dusk", "desert", {"train"}),
    ],
)  # fmt: skip
def test_a_train_is_a_carriage_from_inside_its_roof_or_a_train_in_view(
    background: str, setting: str | None, landmarks: set[str]
) -> None:
    scene = scene_for(background)
    assert landmarks <= scene.features, scene
    carriages = {"sleeper", "dining-car", "corridor", "guards-van"}
    assert len(scene.features & carriages) <= 1
    if setting is None:  # on the roof: out in the country
        assert scene.setting in ("field", "forest", "mountains")
    else:
        assert scene.setting == setting


@pytest.mark.parametrize(
    ("background", "setting", "landmarks"),
    [
        ("In a walled garden at the edge of Thornwick in the afternoon", "garden", set()),
        ("In the palace kitchen at dawn: the pots were boiling", "kitchen", set()),
        ("In the great hall of the palace at night: the royal banquet began", "banquet-hall", {"feast"}),
        ("In the inn at dusk: a feast was laid for the travellers", "interior", {"feast"}),
        ("In a cramped repair workshop on the outer ring of Meridian Station", "workshop", set()),
        ("In the clock-repair shop on a crooked lane, in the city at dusk", "workshop", set()),
        ("In the old library at dusk, among the dusty shelves", "library", set()),
        ("Down in the fish market on the quay of Wrackport, by the sea at dawn", "market", {"harbour"}),
        ("In the spice market of Dunehollow, in the desert at dawn (bright)", "market", set()),
        ("Au marché de Thornwick — market, morning, forest (desperate)", "market", set()),
        ("In the crowded night market of Brassmoor in the morning", "market", set()),
        ("On the deck of the galleon at dusk", "sea", {"ship-deck"}),
        ("Aboard the ship in the storm at night", "sea", {"ship-deck"}),
        # A town's civic buildings, their steps and squares are the city; inside one, a room.
        ("On the steps of the guildhall in the square", "city", set()),
        ("At the door of the guildhall of Lanternhall", "city", set()),
        ("On the steps of the contest hall at dusk (angry)", "city", set()),
        ("At the doors of the contest hall at dawn: Maxon walked into the contest hall", "city", set()),
        ("On the cathedral steps at noon", "city", set()),
        ("On the palace steps at noon", "city", {"castle"}),
        ("In the plaza before the courthouse", "city", set()),
        ("In the court room of the guildhall", "interior", set()),
        ("In the cathedral at dusk", "interior", set()),
        ("In the contest hall: Maxon cooked through the first two rounds", "contest-hall", set()),
        ("In the meadow at dusk: the church bells rang", "field", set()),  # the place before the colon, not a word
        ("In front of the inn at noon", "city", set()),  # of what happens there; in front of a room is outside it
        # No setting named: what the text's landmarks hint, as the storyteller's worlds have them.
        ("In Dustwind's sun-bleached citadel at midnight", "desert", {"castle"}),
        ("In the castle at the edge of Frostmere at dawn (icy)", "mountains", {"castle"}),
        ("In Pennywell's glass tower above the river at midnight", "city", {"tower", "river"}),
        ("Beside the last well at night (bright): the old well began to sing", "desert", set()),
        ("In a hidden hollow far out in the dark between the stars", "space", set()),
        ("In the canyons of Valles Marineris (stormy)", "mars", set()),  # Mars's own names beat "canyon"
        ("In a pressurised hab on the red plains outside New Tharsis", "interior", {"mars"}),
        # The moon underfoot; inside a lighthouse (its lamp room when the lamp is named), its gallery outside.
        # Aboard a station or a starship, a room with a viewport; a room named on a station has the stars outside.
        ("In the crowded cargo bay of Meridian Station in the morning", "station", set()),
        ("Aboard Ruizwu's black flagship, in space at midnight", "station", set()),
        ("In a cramped repair workshop on the outer ring of Meridian Station", "workshop", {"space"}),
        ("In the castle on the moon (hushed)", "moon", {"castle"}),
        ("the astronauts walk on the moon", "moon", set()),
        ("on the lunar plain", "moon", set()),
        ("In the lighthouse on the black rocks above Wrackport: there lived Joryric", "lighthouse", {"lighthouse"}),
        ("Back in the lighthouse on the black rocks above Wrackport in the evening (bright): the great lamp burned "
         "brighter than it ever had", "lighthouse", {"lighthouse", "lamp-room"}),
        ("On the gallery of the lighthouse at night: the great lamp guttered", "sea", {"lighthouse", "railing"}),
        # Under the city, on its roofs and squares; out in open space; under the sea; a classroom, a museum.
        ("In the flooded subway tunnels beneath the old quarter (rain-soaked)", "subway", set()),
        ("Down in the sewers under Greyspire at night", "subway", set()),
        ("On the roof of the inn at night", "city", set()),
        ("In the cathedral square at noon", "city", set()),
        ("Through the tumbling asteroid field at dusk (stormy)", "space", {"asteroids"}),
        ("At the last beacon before deep space: Talel steered a battered shuttle past it", "space", {"hull"}),
        ("the space station in orbit", "space", {"orbit", "space-station"}),
        ("On the surface of the planet", "space", {"surface"}),
        ("In the old survey station on the crater rim at dusk", "space", {"surface", "fortress"}),  # on the ground
        ("On the broken walls of Lindell's mining fortress, in space at sunrise", "space", {"surface", "fortress"}),
        ("In a hidden hollow far out in the deep, by the sea (stormy)", "underwater", set()),
        ("Among the drowned bell-towers beyond the reef (tense)", "underwater", {"tower"}),
        ("a diver finds the sunken wreck of a galleon on the sea floor", "underwater", {"wreck"}),
        ("In the school at the edge of Brassmoor at dusk", "school", set()),
        ("In the museum at the edge of Greyspire (bright): the dinosaur skeleton woke", "museum", set()),
        ("penguins on an iceberg at dawn", "ice", set()),
        ("a tiger prowls through the jungle", "jungle", set()),
        ("a football final in the stadium at night", "stadium", set()),
        ("a pilot lands in a storm at the airport", "airport", set()),
        ("a surgeon's long night in the hospital ward", "hospital", set()),
        ("Under the big top at dusk (rainy)", "circus", set()),
        ("the ringmaster cracked his whip and the lions roared", "circus", set()),  # who is there hints where
        ("a volcano about to erupt", "mountains", {"volcano"}),
        ("In the ice caves under the glacier in the afternoon (icy)", "cave", set()),
        ("Aboard the submarine at night: the sonar pinged", "station", {"submarine"}),  # the sea in its porthole
        ("a submarine glides past the coral", "underwater", {"submarine"}),
        ("a pirate on a desert island", "sea", set()),
        ("cowboys ride across the prairie at sunset", "field", set()),
        ("the grand prix at the racetrack", "stadium", set()),
        # "Inside" names no room: the room named with it does; a building's roof, gates or yard are outside it;
        # a police station is no space station.
        ("Inside the circus tent, the crowd cheered", "circus", set()),
        ("Inside the hollow oak at the heart of the wood, in the forest", "interior", set()),
        ("On the hospital roof at night", "city", set()),
        ("In the school playground", "city", set()),
        ("In the police station", "interior", set()),
        ("At the bottom of the ocean", "underwater", set()),
        ("On the snowy slopes", "mountains", set()),
        ("Down the mine", "cave", set()),
        ("In the spaceship cockpit", "station", set()),
        ("On the train platform", "city", {"train"}),
        ("In the tower at the edge of Greyspire at dusk (hushed)", "tower-room", {"tower"}),  # roofs in its window
        ("In the wizard's tower library", "library", {"tower"}),  # the room named in the tower
        # A landmark before the colon says where, over a place named in what happens there.
        ("Beside the old tower at dawn (joyful): the night market sang again", "city", {"tower"}),
        # Where a town goes out, and a farm; a throne room; a restaurant car is aboard the train.
        ("On the ice of the rink at dusk", "rink", set()),
        ("In the contest hall, at the ice rink (joyful)", "rink", set()),  # a contest at a venue is held there
        ("In the great hall, at the ice rink in the evening (triumphant)", "rink", set()),  # and its prize given
        ("Under the big wheel of the fairground at night", "fairground", set()),
        ("At the lion enclosure of the zoo", "zoo", set()),
        ("On the stage of the theatre at night (stormy)", "theatre", set()),
        ("At the café's corner table, in the café in the evening", "cafe", set()),
        ("In the old barn at the edge of the farm", "farm-barn", set()),
        ("In the farmyard at night", "farm", set()),
        ("In the fairground's hall of mirrors", "fairground-mirrors", set()),
        ("In the zoo's reptile house, at the zoo at night", "zoo-house", set()),
        ("In the departure lounge of the airport at night (stormy)", "airport-lounge", set()),
        ("In the old control tower of the airfield at dusk", "airport-tower", {"tower"}),
        ("In the old school wing at dawn", "school-corridor", set()),
        ("On the jungle river landing at night", "jungle-river", {"river"}),
        ("Deep in the jungle at dusk: in a ruined temple", "jungle-temple", set()),
        ("In an igloo on the pack ice beyond Frostholm at night", "ice-igloo", set()),
        ("Out on the pack ice at night", "ice", set()),
        ("In the throne room of the castle at dusk", "throne-room", {"castle"}),
        ("Aboard the night train, in the restaurant car", "interior", {"train", "dining-car"}),
        # A place's spots: the circus's grounds, its parade and its high wire; a hospital's corridor and operating
        # theatre (no stage); a stadium's tunnel and stands; a museum's vault and its Egyptian rooms.
        ("In a painted wagon behind the circus big top at Marigold Green", "circus-grounds", set()),
        ("Among the crowds watching the circus parade in the square of Marigold Green", "circus-parade", set()),
        ("High on the wire under the big top of the rival circus", "circus-wire", set()),
        ("Down the long hospital corridors in the evening (rain-soaked)", "hospital-corridor", set()),
        ("In Sootfield's locked operating theatre in the old wing of the hospital", "hospital-theatre", set()),
        ("At the players' gate of the stadium at dawn", "stadium-tunnel", set()),
        ("In Copperton's private box high in the grandstand, in the stadium", "stadium-stands", set()),
        ("Deep in the museum's lowest vault, in the museum at dawn", "museum-vault", set()),
        ("In the museum's forgotten Egyptian rooms, in the museum", "museum-tomb", set()),
    ],
)  # fmt: skip
async def test_a_place_the_background_names_is_drawn_as_that_place(
    background: str, setting: str, landmarks: set[str]
) -> None:
    scene = scene_for(background)
    assert (scene.setting, landmarks <= scene.features) == (setting, True), scene
    art = await OfflineRenderer(lettered=False).render_panel(panel(background), "", [])
    assert art.metadata["scene"] == setting and landmarks <= set(art.metadata["landmarks"])


def test_the_moon_underfoot_is_not_the_night_and_has_no_weather() -> None:
    """On the moon is a place, not the time ("moon" alone is a night word); in orbit round it is space, under it
    a night somewhere else; no air, so no storm."""
    assert scene_for("the astronauts walk on the moon").time == "day"
    assert scene_for("on the lunar plain at night").time == "night"
    assert scene_for("In orbit around the moon").setting == "space"
    meadow = scene_for("under the moon in the meadow")
    assert (meadow.setting, meadow.time) == ("field", "night")
    assert scene_for("a castle on the moon (stormy)").weather is None
    assert scene_for("Through the tumbling asteroid field at dusk (stormy)").weather is None
    # What an airless or sunken place cannot show is not named there: no campfire in space, no harbour undersea.
    assert scene_for("by the campfire in space").features == frozenset()
    assert scene_for("Among the drowned bell-towers: they outran the hunting boats").features == {"tower"}
    assert "fire" not in scene_for("At the fire station").features
    # Nor under the sea, in a tunnel or a cave: no sky over them to rain from (an ice cave is icy, not snowing).
    for enclosed in ("under the sea (stormy)", "In the flooded subway tunnels (rain-soaked)",
                     "In the ice caves under the glacier (icy)"):  # fmt: skip
        assert scene_for(enclosed).weather is None, enclosed


async def test_the_moon_is_grey_ground_under_a_black_sky_with_the_earth_in_it() -> None:
    art = await OfflineRenderer(lettered=False).render_panel(panel("the astronauts walk on the moon"), "", [])
    image = Image.open(BytesIO(art.data)).convert("RGB")
    sky, ground = image.crop((8, 8, 1016, 380)), image.crop((8, 560, 1016, 760))
    assert ImageStat.Stat(sky.convert("L")).mean[0] < 40  # black, not a blue or a night-blue sky
    r, g, b = (round(v) for v in ImageStat.Stat(ground).mean)
    assert min(r, g, b) > 90 and max(r, g, b) - min(r, g, b) < 16, (r, g, b)  # grey, neither green nor red
    red, _, blue = sky.split()
    earth = ImageChops.subtract(blue, red).point(lambda v: 255 if v > 60 else 0)  # blue well above red: the Earth
    assert ImageStat.Stat(earth).mean[0] / 255 * sky.width * sky.height > 2000


async def test_inside_a_lighthouse_is_a_room_with_a_window_on_the_sea_not_a_beach() -> None:
    renderer = OfflineRenderer(lettered=False)
    inside = await renderer.render_panel(panel("In the lighthouse at noon"), "", [])
    beach = await renderer.render_panel(panel("On the beach below the lighthouse at noon"), "", [])
    assert (inside.metadata["scene"], beach.metadata["scene"]) == ("lighthouse", "sea")

    def average(png: bytes, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
        rgb = Image.open(BytesIO(png)).convert("RGB").crop(box).resize((1, 1)).getpixel((0, 0))
        return rgb  # type: ignore[return-value]

    floor = (0, 650, 1024, 760)
    assert average(beach.data, floor)[1] > 170 > 130 > average(inside.data, floor)[1]  # sand, then floorboards
    r, g, b = average(inside.data, (0, 0, 1024, 540))
    assert abs(r - b) < 40, (r, g, b)  # whitewashed stone round us, not the open sky


@pytest.mark.parametrize(
    ("setting", "room", "window"),
    [
        ("interior", (400, 60, 600, 700), (90, 100, 320, 370)),
        ("school", (400, 60, 600, 700), (90, 100, 320, 370)),
        ("hospital", (400, 60, 600, 700), (90, 100, 320, 370)),
        ("museum", (400, 60, 600, 700), (35, 100, 150, 390)),
        ("circus", (700, 60, 1000, 700), (450, 330, 580, 550)),  # the tent's open flap
    ],
)
def test_indoors_the_weather_is_seen_through_the_window_not_over_the_room(
    setting: str, room: tuple[int, int, int, int], window: tuple[int, int, int, int]
) -> None:
    def drawn(weather: str | None) -> Image.Image:
        scene = Scene(time="night", weather=weather, setting=setting, features=frozenset(), seed="In the inn")
        return ScenePainter(scene, (1024, 768)).paint().convert("RGB")

    calm, stormy = drawn(None), drawn("storm")

    def changed(box: tuple[int, int, int, int]) -> float:
        return sum(ImageStat.Stat(ImageChops.difference(calm.crop(box), stormy.crop(box))).mean) / 3

    assert changed(room) < 0.5  # the wall and floor: no rain, no lightning in the room
    assert changed(window) > 10  # the window: the storm outside


async def test_each_place_looks_unlike_a_plain_room_or_street() -> None:
    """The furnished rooms and the market differ from the plain room and the city street they used to be."""

    def pixels(png: bytes) -> Image.Image:
        return Image.open(BytesIO(png)).convert("RGB").resize((64, 48))

    renderer = OfflineRenderer(lettered=False)
    drawn = {}
    for background in ("In the room at noon", "In the kitchen at noon", "In the workshop at noon",
                       "In the library at noon", "In the street at noon", "In the market at noon",
                       "In the garden at noon", "In the meadow at noon", "In the contest hall at noon",
                       "In the lighthouse at noon", "In the cargo bay at noon", "In the school at noon",
                       "In the museum at noon", "In the hospital at noon", "In the circus at noon",
                       "In the stadium at noon", "In the airport at noon", "In the forest at noon",
                       "In the jungle at noon", "In the arctic at noon", "In the subway at noon"):  # fmt: skip
        drawn[background] = pixels((await renderer.render_panel(panel(background), "", [])).data)
    for plain, place in (("room", "kitchen"), ("room", "workshop"), ("room", "library"), ("street", "market"),
                         ("meadow", "garden"), ("room", "contest hall"), ("room", "lighthouse"),
                         ("room", "cargo bay"), ("room", "school"), ("room", "museum"), ("room", "hospital"),
                         ("room", "circus"), ("street", "stadium"), ("meadow", "airport"), ("forest", "jungle"),
                         ("meadow", "arctic"), ("street", "subway")):  # fmt: skip
        a, b = drawn[f"In the {plain} at noon"], drawn[f"In the {place} at noon"]
        difference = sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3
        assert difference > 8, (plain, place, difference)


@pytest.mark.parametrize(
    ("background", "setting", "time"),
    [
        ("On the ledge outside the hut, in the mountains at night (stormy)", "mountains", "night"),
        ("In the hut at dawn", "interior", "dawn"),
        ("In the domed house beside the last well, in the desert at night (bright)", "interior", "night"),
        ("In the dark forest at dusk", "forest", "sunset"),
        ("A bright meadow", "field", "day"),
        ("The dark cave", "cave", "night"),
    ],
)
def test_the_place_we_are_outside_of_is_not_the_setting_and_a_mood_word_does_not_beat_the_time(
    background: str, setting: str, time: str
) -> None:
    scene = scene_for(background)
    assert (scene.setting, scene.time) == (setting, time)


@pytest.mark.parametrize(
    ("background", "time", "landmarks"),
    [
        ("On Mars, in a walled garden at the edge of New Tharsis", "day", {"plants"}),
        ("On Mars, under the glass roof of the dome at night (desperate)", "night", set()),
        ("On Mars, at the airlock where the mapped plains end at dawn", "dawn", set()),
        ("On Mars, across the frozen red plains at dusk (stormy; angry)", "sunset", set()),
        ("On Mars, in the canyons of Valles Marineris in the afternoon (tense)", "day", set()),
        ("The red planet's dunes, in a dust storm", "day", set()),
        ("On Mars, in Moreauell's sealed mining fortress in the crater at midnight", "night", {"fortress"}),
    ],
)
def test_mars_is_its_own_setting_by_day_unless_the_text_says_otherwise(
    background: str, time: str, landmarks: set[str]
) -> None:
    scene = scene_for(background)
    assert (scene.setting, scene.time) == ("mars", time), scene
    assert landmarks <= scene.features


def test_a_room_on_mars_is_a_room_with_mars_in_its_window() -> None:
    scene = scene_for("On Mars, in the crowded commissary of New Tharsis")
    assert (scene.setting, scene.time, "mars" in scene.features) == ("interior", "day", True)
    assert scene_for("On Mars, in the workshop at night").setting == "workshop"
    assert "mars" not in scene_for("In the commissary of the station").features
    # A Martian fortress is a mining compound, not a castle with turrets; a castle the text asks for stays one.
    assert "castle" not in scene_for("On Mars, on the broken walls of the mining fortress").features
    assert "castle" in scene_for("a castle on Mars").features


async def test_mars_by_day_is_a_butterscotch_sky_over_a_red_plain_and_at_dusk_blue_round_the_sun() -> None:
    renderer = OfflineRenderer(lettered=False)

    def average(png: bytes, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
        rgb = Image.open(BytesIO(png)).convert("RGB").crop(box).resize((1, 1)).getpixel((0, 0))
        return rgb  # type: ignore[return-value]

    day = (await renderer.render_panel(panel("On Mars, by the dome at noon"), "", [])).data
    dusk = (await renderer.render_panel(panel("On Mars, by the dome at dusk"), "", [])).data
    space = (await renderer.render_panel(panel("In orbit around the moon"), "", [])).data
    sky, ground = (8, 60, 1016, 300), (8, 600, 1016, 760)
    r, g, b = average(day, sky)
    assert r > g > b and r > 150, (r, g, b)  # butterscotch, not blue and not black
    r, g, b = average(day, ground)
    assert r > g + 40 and r > b + 60, (r, g, b)  # red-ochre
    r, g, b = average(dusk, (8, 200, 1016, 430))
    assert b > r, (r, g, b)  # Martian twilight is blue
    assert sum(average(space, sky)) < sum(average(day, sky)) / 3  # space stays black


async def test_a_carriage_has_windows_along_its_wall_where_a_room_has_one() -> None:
    renderer = OfflineRenderer(lettered=False)
    room = await renderer.render_panel(panel("In a narrow room of the inn at night"), "", [])
    carriage = await renderer.render_panel(panel("In a compartment aboard the night train at night"), "", [])
    assert room.metadata["scene"] == carriage.metadata["scene"] == "interior"
    assert "train" in carriage.metadata["landmarks"] and "train" not in room.metadata["landmarks"]

    # Three windows on the night outside (dark) across the carriage's wall, where a room has one.
    def dark_share(png: bytes) -> float:
        band = Image.open(BytesIO(png)).convert("L").crop((0, 130, 1024, 370))
        return band.point(lambda v: 255 if v < 60 else 0).histogram()[255] / (1024 * 240)

    assert dark_share(carriage.data) > 2 * dark_share(room.data)


async def test_a_dust_storm_is_a_haze_of_blown_dust_not_rain_and_lightning() -> None:
    renderer = OfflineRenderer(lettered=False)
    place = "In the {} (desperate): a {} swallowed the sun"
    dusty = await renderer.render_panel(panel(place.format("salt flats", "dust storm")), "", [])
    stormy = await renderer.render_panel(panel(place.format("salt flats", "storm")), "", [])
    assert (dusty.metadata["weather"], stormy.metadata["weather"]) == ("dust", "storm")
    # On Mars any storm is a dust storm: there is no rain.
    assert scene_for("On Mars, at the dome (stormy): a storm swallowed the sun").weather == "dust"

    def warmth(png: bytes) -> int:  # red over blue in the sky's average colour
        sky = Image.open(BytesIO(png)).convert("RGB").crop((0, 0, 1024, 300)).resize((1, 1))
        r, _, b = sky.getpixel((0, 0))  # type: ignore[misc]
        return int(r) - int(b)

    # Ochre grit where the storm has blue-white rain and a lightning bolt.
    assert warmth(dusty.data) > warmth(stormy.data) + 30


async def test_open_space_is_stars_to_the_bottom_and_an_asteroid_field_a_rock_not_a_planet_s_ground() -> None:
    renderer = OfflineRenderer(lettered=False)

    def luma(png: bytes, box: tuple[int, int, int, int]) -> float:
        return float(ImageStat.Stat(Image.open(BytesIO(png)).convert("L").crop(box)).mean[0])

    field = (await renderer.render_panel(panel("Through the tumbling asteroid field"), "", [])).data
    open_space = (await renderer.render_panel(panel("Far out in space, between the stars"), "", [])).data
    surface = (await renderer.render_panel(panel("On the surface of the planet"), "", [])).data
    corners, middle = ((8, 690, 60, 760), (964, 690, 1016, 760)), (400, 660, 620, 760)
    assert all(luma(field, box) < 40 for box in corners)  # space below the rock's falling sides
    assert luma(field, middle) > 60  # the rock underfoot
    assert luma(open_space, middle) < 40 and luma(surface, corners[0]) > 60  # nothing underfoot; the ground


async def test_under_the_sea_is_blue_water_without_weather_darker_at_night() -> None:
    renderer = OfflineRenderer(lettered=False)
    scene = "Among the drowned bell-towers beyond the reef {} (stormy)"
    day = await renderer.render_panel(panel(scene.format("at noon")), "", [])
    night = await renderer.render_panel(panel(scene.format("at night")), "", [])
    assert (day.metadata["scene"], day.metadata.get("weather")) == ("underwater", None)

    def average(png: bytes) -> tuple[int, int, int]:
        rgb = Image.open(BytesIO(png)).convert("RGB").crop((8, 8, 1016, 500)).resize((1, 1)).getpixel((0, 0))
        return rgb  # type: ignore[return-value]

    r, g, b = average(day.data)
    assert b > r + 60 and b > 120, (r, g, b)  # water, not a sky or a beach
    assert sum(average(night.data)) < sum(average(day.data)) * 0.7
