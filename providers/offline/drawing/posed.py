"""A sheet's person drawn again for a panel: in the panel's pose and expression, facing its way, at the size it
takes there (a close-up stays crisp: it is drawn at that size, not enlarged from the sheet)."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image

from domain.style import Style
from providers.offline.drawing.humanoids import HumanLook, draw_humanoid
from providers.offline.drawing.paper import SS
from providers.offline.drawing.styles import drawing_in, finish

WIDTH_PER_HEIGHT = 0.62  # about how wide a standing figure's ink is, for fitting it to a slot
_FALLEN_TILT = 78  # degrees: a fallen figure lies nearly flat, head away from the way it faced


@lru_cache(maxsize=256)
def posed_figure(
    look: HumanLook,
    style: Style,
    pose: str,
    expression: str,
    view: str,
    mirror: bool,
    height: int,
    rows: int | None = None,
) -> Image.Image:
    """The figure `height` pixels tall (only its top `rows` if given), cropped to its ink, in `style`.

    Cached per process: a comic's panels repeat figures (one speaker in several panels, two in a dialogue), and the
    same arguments always draw the same pixels. Callers never modify the returned image in place.
    """
    with drawing_in(style):
        big = draw_humanoid(look, view, height * SS, pose, expression, mirror, rows * SS if rows else None)
    if pose == "fall":
        big = big.rotate(_FALLEN_TILT if mirror else -_FALLEN_TILT, Image.Resampling.BICUBIC, expand=True)
    # BOX over SS x SS pixels is the average the sheets get; resize premultiplies alpha, so edges keep their ink.
    figure = finish(big.resize((big.width // SS, big.height // SS), Image.Resampling.BOX), style)
    bbox = figure.getchannel("A").getbbox()
    if bbox is None:
        return figure
    bottom = figure.height if rows else bbox[3]  # a cut-off figure keeps its cut edge
    return figure.crop((bbox[0], bbox[1], bbox[2], bottom))
