"""Sizes, grounds and keys shared by sheets, panels and the figure cut-out."""

from __future__ import annotations

from typing import Final

from PIL import Image

from providers.offline.drawing.colour import RGB

SS: Final = 2  # shapes are drawn at twice the size and downsampled, which anti-aliases every edge

PAPER: Final[RGB] = (240, 233, 219)

CARD: Final[RGB] = (251, 249, 243)  # the plain ground of every view card, keyed out by figure_from_sheet

MUTED: Final[RGB] = (120, 110, 104)

FIGURE_BOX_KEY: Final = "comic-figure-box"

KIND_KEY: Final = "comic-kind"
FIGURE_MASK_KEY: Final = "comic-figure-mask"  # base64 PNG: the alpha of the figure in the box
STYLE_KEY: Final = "comic-style"  # the style preset the sheet is drawn in
SCALE_KEY: Final = "comic-scale"  # a creature's height over a person's, as its sheet's scale card shows it
LOOK_KEY: Final = "comic-look"  # a person's or creature's look as JSON (looks.py), for panels to draw it again
ROLE_KEY: Final = "comic-role"  # the character's role in the story (a villain never smiles at its defeat)
DRAWN_AS_KEY: Final = "comic-drawn-as"  # what the figure is drawn as: person, robot, creature, object, concept

SHEET_SIZE: Final = (768, 512)

PANEL_SIZE: Final = (1024, 768)

Box = tuple[int, int, int, int]


def silhouette(layer: Image.Image, colour: RGB) -> Image.Image:
    flat = Image.new("RGBA", layer.size, (*colour, 255))
    flat.putalpha(layer.getchannel("A"))
    return flat
