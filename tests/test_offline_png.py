"""The offline renderer's PNG encoder: lossless, readable by Pillow, and smaller than Pillow's on flat art."""

import uuid
from io import BytesIO

import pytest
from PIL import Image, ImageDraw

from domain.panel import Panel
from providers.offline.drawing.panels import draw_panel
from providers.offline.drawing.png import encode_png


def _art(mode: str) -> Image.Image:
    image = Image.new(mode, (301, 203), (30, 60, 90, 255)[: len(mode)])
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 10, 180, 150), fill=(250, 200, 10, 128)[: len(mode)], outline=(0, 0, 0, 255)[: len(mode)])
    draw.polygon([(200, 20), (290, 190), (150, 180)], fill=(10, 160, 80, 40)[: len(mode)])
    return image


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_png_decodes_to_the_same_pixels(mode: str) -> None:
    image = _art(mode)
    decoded = Image.open(BytesIO(encode_png(image)))
    assert decoded.format == "PNG"
    assert (decoded.mode, decoded.size) == (mode, image.size)
    assert decoded.tobytes() == image.tobytes()


def test_a_drawn_panel_is_about_as_small_as_pillows() -> None:
    panel = Panel(id=uuid.UUID(int=7), index=0, background="a harbour at sunset", characters=["Nobody"])
    png = draw_panel(panel, [], (1024, 768), lettered=False).png
    image = Image.open(BytesIO(png))
    assert image.tobytes() and png == encode_png(image.convert("RGB"))  # the renderer's own encoder made it
    pillows = BytesIO()
    image.save(pillows, format="PNG", compress_level=1)
    assert len(png) <= len(pillows.getvalue()) * 1.1


def test_other_modes_are_refused() -> None:
    with pytest.raises(ValueError, match="RGB or RGBA"):
        encode_png(Image.new("L", (4, 4)))
