"""Project-level art styles: one name per preset, applied to every sheet and panel of a project."""

from typing import Final, Literal, get_args

Style = Literal["western", "manga", "watercolor", "noir", "childrens_book"]
STYLES: Final[tuple[Style, ...]] = get_args(Style)
DEFAULT_STYLE: Final[Style] = "western"

# How each preset is described to an image model: one table, used by every sheet and panel prompt.
STYLE_PROMPTS: Final[dict[Style, str]] = {
    "western": "western comic-book art: bold ink lines, flat colours, crisp shading",
    "manga": "manga art: black-and-white ink with screentone shading, expressive eyes, dynamic speed lines",
    "watercolor": "watercolour illustration: soft washes of colour, visible paper texture, loose pencil lines",
    "noir": "film-noir comic art: stark black and white, heavy shadows, high contrast, a single accent colour",
    "childrens_book": "children's picture-book art: rounded friendly shapes, bright pastel colours, soft outlines",
}
