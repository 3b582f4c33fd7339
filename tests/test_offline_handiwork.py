"""What an everyday task makes is drawn (providers/offline/drawing/handiwork.py): the panels whose text says the
bread, the snowman, the treehouse is there name it as a feature of their scene, and the painter draws it where it
belongs (a windowsill, a table, the ground, a tree, a tower) and clear of the cast."""

import dataclasses

import pytest
from PIL import Image, ImageChops

from providers.offline.drawing.handiwork import handiwork
from providers.offline.drawing.scenery import scene_for
from providers.offline.drawing.scenes import ScenePainter
from tests.offline_cases import make

_RESULT = 7  # the task's result panel: "the bread stood cooling on the windowsill"

# prompt, the thing drawn, the fewest panels that draw it (the result panel always among them).
TASK_THINGS = [
    ("a grandmother and her grandson bake bread for the village fair", "bread", 5),
    ("a baker bakes a cake", "cake", 5),
    ("two friends build a snowman", "snowman", 5),
    ("two sisters build a treehouse", "treehouse", 5),
    ("a painter paints a mural in the city", "mural", 5),
    ("a farmer's daughter raises a prize pumpkin for the county fair", "pumpkin", 3),
    ("a tailor sews a wedding dress", "dress", 5),
    ("a mother and daughter knit scarves for winter", "knitting", 5),
    ("a clockmaker repairs the town clock", "clock", 5),
    ("a girl and her dog deliver newspapers", "newspapers", 5),
    ("a beekeeper harvests honey", "honey", 3),
    ("a beekeeper harvests honey", "beehive", 2),
    ("a boy and his grandfather go fishing on the lake", "fishing", 4),
    ("two friends go camping in the woods", "tent", 4),
    ("kids put on a puppet show", "puppet-theatre", 3),
]


@pytest.mark.parametrize(("prompt", "thing", "fewest"), TASK_THINGS)
async def test_the_panels_of_a_task_draw_what_it_makes(prompt: str, thing: str, fewest: int) -> None:
    comic = await make(prompt)
    drawn = [i for i, p in enumerate(comic.panels) if thing in handiwork(scene_for(p.background))]
    assert len(drawn) >= fewest, (thing, drawn, [p.background for p in comic.panels])
    if thing != "beehive":  # the result is the honey on the shelf
        assert _RESULT in drawn, comic.panels[_RESULT].background


async def test_a_garden_task_draws_its_beds() -> None:
    comic = await make("a girl plants a garden with her father")
    assert sum("plants" in scene_for(p.background).features for p in comic.panels) >= 6


# A panel's background, where the figures stand, the thing, and the box (fractions: x0, y0, x1, y1) all its
# pixels must fall in: on the windowsill, on a table or the ground clear of the figures, in a tree, on a tower.
PLACED = [
    ("In the kitchen at sunrise: the bread stood cooling on the windowsill", (0.5,), "bread", (0.04, 0.18, 0.36, 0.37)),
    ("In the kitchen at dawn: they slid the bread into the old stove", (0.45, 0.6), "bread", (0.0, 0.4, 0.26, 0.82)),
    ("In the kitchen: the cake sat on the table", (0.5,), "cake", (0.0, 0.4, 0.26, 0.82)),
    ("In the kitchen: the pie cooled", (0.5,), "pie", (0.0, 0.4, 0.26, 0.82)),
    ("At the fairground: they stood proudly beside the bread", (0.3, 0.5), "bread", (0.74, 0.55, 1.0, 0.9)),
    ("In the snowy park: the snowman stood proud", (0.3, 0.5), "snowman", (0.7, 0.3, 1.0, 0.92)),
    ("In the snowy park: they rolled three great balls of snow", (0.3, 0.5), "snowman", (0.7, 0.5, 1.0, 0.92)),
    ("In the meadow by the old oak: the treehouse stood finished", (0.5,), "treehouse", (0.0, 0.0, 0.3, 0.9)),
    ("In the town square: the mural blazed with colour", (0.6,), "mural", (0.0, 0.2, 0.5, 0.85)),
    ("In the garden: the prize pumpkin was thick with leaves", (0.5,), "pumpkin", (0.0, 0.6, 0.25, 0.9)),
    ("In the sewing room: the wedding dress was finished", (0.5,), "dress", (0.0, 0.45, 0.22, 0.9)),
    ("In the sewing room: the scarves were finished", (0.5,), "knitting", (0.0, 0.4, 0.26, 0.82)),
    ("In the workshop: the town clock ticked again", (0.5,), "clock", (0.0, 0.15, 0.25, 0.55)),
    ("In the town square at midnight: the town clock struck", (0.5,), "clock", (0.0, 0.0, 0.24, 0.82)),
    ("Out in the street: the newspapers reached every doorstep", (0.5,), "newspapers", (0.0, 0.6, 0.2, 0.88)),
    ("In the market square: rows of jars of honey", (0.5,), "honey", (0.0, 0.5, 0.26, 0.9)),
    ("In the orchard: the bees settled back home in the hives", (0.5,), "beehive", (0.0, 0.4, 0.28, 0.88)),
    ("In the meadow by the lake: they cast their lines from the old jetty", (0.7,), "fishing", (0.0, 0.45, 0.56, 0.9)),
    ("In the woods: they pitched the tent in a clearing", (0.5,), "tent", (0.0, 0.6, 0.3, 0.88)),
    ("In the music room: they practised the puppet show", (0.5,), "puppet-theatre", (0.0, 0.4, 0.24, 0.82)),
]
_SIZE = (256, 192)


def _drawn_box(background: str, figure_xs: tuple[float, ...], thing: str) -> tuple[tuple[int, int, int, int], int]:
    """The box of the pixels the thing changes (the scene painted with it and without), and how many change."""
    scene = scene_for(background)
    assert thing in handiwork(scene), (thing, scene.features)
    without = dataclasses.replace(scene, features=scene.features - {thing})
    drawn = ScenePainter(scene, _SIZE, figure_xs).paint()
    bare = ScenePainter(without, _SIZE, figure_xs).paint()
    diff = ImageChops.difference(drawn, bare).convert("L").point(lambda v: 255 if v > 12 else 0)
    box = diff.getbbox()
    assert box is not None, f"{thing} not drawn"
    return box, int(sum(diff.histogram()[255:]))


@pytest.mark.parametrize(("background", "figure_xs", "thing", "region"), PLACED)
def test_a_task_thing_is_drawn_where_it_belongs(
    background: str, figure_xs: tuple[float, ...], thing: str, region: tuple[float, float, float, float]
) -> None:
    (x0, y0, x1, y1), changed = _drawn_box(background, figure_xs, thing)
    w, h = _SIZE
    assert changed >= 0.004 * w * h, changed  # big enough to see
    box = (x0 / w, y0 / h, x1 / w, y1 / h)
    rx0, ry0, rx1, ry1 = region
    assert rx0 <= box[0] and ry0 <= box[1] and box[2] <= rx1 and box[3] <= ry1, (thing, box)


@pytest.mark.parametrize(
    ("thing", "texts"),
    [
        ("snowman", ("rolled three great balls of snow", "the snowman stood proud", "the snowman began to slump")),
        ("bread", ("the bread stood on the table", "the bread sank flat as a pancake")),
        ("treehouse", ("the treehouse began to take shape", "the treehouse stood finished")),
        ("mural", ("sketched the mural in chalk", "the mural blazed", "the wet paint running down the wall")),
        ("tent", ("pitched the tent", "the tent collapsed on top of them")),
    ],
)
def test_a_thing_is_drawn_as_the_text_has_it(thing: str, texts: tuple[str, ...]) -> None:
    """Half-built, whole or melting: each state of the thing the text names is drawn differently."""
    places = {
        "snowman": "In the snowy park",
        "bread": "In the kitchen",
        "tent": "In the woods",
        "mural": "In the town square",
    }
    place = places.get(thing, "In the meadow")
    shapes = [_drawn(f"{place}: {t}", thing) for t in texts]
    assert all(shapes) and len(set(shapes)) == len(texts)


def _drawn(background: str, thing: str) -> bytes:
    """The thing's own pixels in a scene (those it changes, the rest black): its shape and colours."""
    scene = scene_for(background)
    drawn = ScenePainter(scene, _SIZE, (0.5,)).paint()
    bare = ScenePainter(dataclasses.replace(scene, features=scene.features - {thing}), _SIZE, (0.5,)).paint()
    mask = ImageChops.difference(drawn, bare).convert("L").point(lambda v: 255 if v > 12 else 0)
    return Image.composite(drawn, Image.new("RGB", _SIZE), mask).tobytes() if mask.getbbox() else b""


@pytest.mark.parametrize(
    "background",
    [
        "In the tavern: Mira, a sailor in a green scarf and a silver gown, raised her mug",
        "In the kitchen: nobody builds a snowman indoors",
        "Inside the circus tent: the ringmaster bowed",
        "En el mercado: fueron a pie hasta la plaza",
        "In a hidden hollow in the old wood: there lived Glimug, a fox with eyes like warm honey",
        "In the attic at night: she caught a jar of fireflies",
    ],
)
def test_no_task_thing_where_there_is_none(background: str) -> None:
    """A character's clothes name no task thing; a snowman stays out of the kitchen, a circus tent is the place;
    a Spanish foot ("a pie") is no pie, a jar of fireflies no honey."""
    assert not handiwork(scene_for(background)), scene_for(background).features
