"""Vehicles a panel's background names are drawn in its scene (#19: "vehicles and buildings named")."""

import pytest
from PIL import Image, ImageChops

from providers.offline.drawing.scenes import paint_scene


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
