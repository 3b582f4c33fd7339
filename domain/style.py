"""Project-level art styles: one name per preset, applied to every sheet and panel of a project."""

from typing import Final, Literal, get_args

Style = Literal["western", "manga", "watercolor", "noir", "childrens_book"]
STYLES: Final[tuple[Style, ...]] = get_args(Style)
DEFAULT_STYLE: Final[Style] = "western"
