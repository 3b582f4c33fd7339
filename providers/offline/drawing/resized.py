"""A sheet's cut-out resized for a panel (the figures posed.py does not draw again: creatures and objects from
other images), sharpened where enlarged, and cached per process by the reference it came from."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageFilter

from domain.style import Style


class _Keyed:
    """A cut-out with the reference bytes it came from: hashed and compared by those alone, so lru_cache can key
    on it (a PIL image is unhashable, and comparing pixels would cost more than resizing them)."""

    def __init__(self, source: bytes, figure: Image.Image) -> None:
        self.source, self.figure = source, figure

    def __hash__(self) -> int:
        return hash(self.source)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Keyed) and other.source == self.source


def sized_cutout(
    source: bytes, style: Style, figure: Image.Image, fallen: bool, target_h: float, max_w: float
) -> Image.Image:
    """sized, cached per process by the reference it came from (and the style, which finishes other images'
    cut-outs): a creature at its size in several panels of one comic is resized (and, enlarged, sharpened: the
    costliest step of such a panel) once."""
    return _sized_cached(_Keyed(source, figure), style, fallen, target_h, max_w)


@lru_cache(maxsize=12)
def _sized_cached(keyed: _Keyed, style: Style, fallen: bool, target_h: float, max_w: float) -> Image.Image:
    return sized(keyed.figure, fallen, target_h, max_w)


def enlarged(figure: Image.Image, target_h: float, max_w: float) -> bool:
    """Whether sized would enlarge the cut-out (and it would get soft)."""
    return min(target_h / figure.height, max_w / figure.width) > 1.05


def sized(figure: Image.Image, fallen: bool, target_h: float, max_w: float) -> Image.Image:
    """A cut-out `target_h` tall at most `max_w` wide (tilted flat if `fallen`)."""
    if fallen:
        figure = figure.rotate(-78, Image.Resampling.BICUBIC, expand=True)
    factor = min(target_h / figure.height, max_w / figure.width)
    size = (max(1, round(figure.width * factor)), max(1, round(figure.height * factor)))
    figure = figure.resize(size, Image.Resampling.LANCZOS)
    if factor > 1.05:  # enlarged sheet art gets soft; a light unsharp mask restores crisp ink lines
        figure = figure.filter(ImageFilter.UnsharpMask(radius=1.6, percent=70, threshold=2))
    return figure


def clear_resized() -> None:
    """Forget the cut-outs resized so far."""
    _sized_cached.cache_clear()
