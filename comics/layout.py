"""Page layout: which panels go on which page, and the rectangle each one fills.

Panels are split into pages of at most `max_panels` (a wide panel counts as two, a splash takes a page alone),
as evenly as possible and never leaving a panel alone on a page when that can be avoided: 13 panels make pages
of 4, 4 and 5. Each page then takes the row template for its panel count (a wide panel is always a row of its
own), and rows get heights in proportion to what their panels' art needs, so cells stay close to the art's shape.
"""

import math
from collections.abc import Sequence
from functools import cache
from typing import Self

from pydantic import Field, model_validator

from domain.base import StrictModel
from domain.page import Emphasis, LayoutPreference

__all__ = ["Emphasis", "LayoutPreference", "PageLayout", "PageSpec", "PanelSlot", "Rect", "layout_comic"]

# Row templates: panels per row, top to bottom, for a page (or a run of panels between wide ones) of n panels.
PAGE_ROWS: dict[LayoutPreference, dict[int, tuple[int, ...]]] = {
    "grid": {1: (1,), 2: (1, 1), 3: (1, 2), 4: (2, 2), 5: (1, 2, 2), 6: (2, 2, 2)},
    "dynamic": {1: (1,), 2: (1, 1), 3: (1, 2), 4: (1, 2, 1), 5: (1, 2, 2), 6: (1, 2, 3)},
}
RUN_ROWS: dict[LayoutPreference, dict[int, tuple[int, ...]]] = {
    "grid": {1: (1,), 2: (2,), 3: (1, 2), 4: (2, 2), 5: (2, 1, 2), 6: (2, 2, 2)},
    "dynamic": {1: (1,), 2: (2,), 3: (3,), 4: (2, 2), 5: (2, 3), 6: (3, 3)},
}
_WIDE_ASPECT = 2.4  # an establishing shot: a letterbox across the page
_SPLITS = ((0.58, 0.42), (0.42, 0.58))  # dynamic rows of two alternate a big and a small panel


class Rect(StrictModel):
    """A rectangle in page pixels."""

    x: int
    y: int
    width: int = Field(gt=0)
    height: int = Field(gt=0)

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def contains(self, other: "Rect") -> bool:
        return self.x <= other.x and self.y <= other.y and other.right <= self.right and other.bottom <= self.bottom

    def gap_to(self, other: "Rect") -> int:
        """The clear space between two rectangles (negative when they overlap)."""
        dx = max(other.x - self.right, self.x - other.right)
        dy = max(other.y - self.bottom, self.y - other.bottom)
        return max(dx, dy)


class PageSpec(StrictModel):
    """Page size and spacing, in pixels: A4 at 200 dpi by default."""

    width: int = Field(default=1654, ge=200)
    height: int = Field(default=2339, ge=200)
    margin: int = Field(default=90, ge=0)
    gutter: int = Field(default=28, ge=0)
    border: int = Field(default=5, ge=0, description="Ink border drawn inside each panel rectangle")
    title_height: int = Field(default=190, ge=0, description="Title band at the top of the first page")
    max_panels: int = Field(default=6, ge=1, le=6, description="Most panels on a page (a wide panel counts as two)")
    panel_aspect: float = Field(default=4 / 3, gt=0, description="Width-to-height of the panel art cells aim for")

    @model_validator(mode="after")
    def _room_left(self) -> Self:
        if self.width - 2 * self.margin < 100 or self.height - 2 * self.margin - self.title_height < 100:
            raise ValueError("margins and title band leave no room for panels")
        return self


class PanelSlot(StrictModel):
    """Where one panel goes: its position in the comic, its emphasis and its rectangle."""

    panel: int = Field(ge=0, description="Index of the panel in the sequence laid out")
    emphasis: Emphasis
    rect: Rect


class PageLayout(StrictModel):
    """One page: its size, title band (first page), page number box, content area and panels in reading order."""

    number: int = Field(ge=1)
    width: int
    height: int
    border: int
    content: Rect = Field(description="Inside the margins (and below the title band): every panel is within it")
    title_box: Rect | None = None
    number_box: Rect
    panels: list[PanelSlot]


def _units(emphasis: Emphasis) -> int:
    return 2 if emphasis == "wide" else 1


def split_pages(emphases: Sequence[Emphasis], max_panels: int = 6) -> list[list[int]]:
    """Panel indexes per page: splashes alone, the rest in as few, as even pages as fit, no lone panel if avoidable."""
    pages: list[list[int]] = []
    run: list[int] = []
    for index, emphasis in enumerate(emphases):
        if emphasis == "splash":
            pages.extend(_split_run(run, emphases, max_panels))
            pages.append([index])
            run = []
        else:
            run.append(index)
    pages.extend(_split_run(run, emphases, max_panels))
    return pages


def _split_run(run: list[int], emphases: Sequence[Emphasis], capacity: int) -> list[list[int]]:
    if not run:
        return []
    units = [min(capacity, _units(emphases[i])) for i in run]
    least = math.ceil(sum(units) / capacity)
    for count in range(least, len(run) + 1):
        cuts = _best_cuts(tuple(units), count, capacity)
        if cuts is not None:
            bounds = [0, *cuts, len(run)]
            return [run[bounds[k] : bounds[k + 1]] for k in range(count)]
    return [[i] for i in run]  # unreachable: one panel per page always fits


@cache
def _best_cuts(units: tuple[int, ...], count: int, capacity: int) -> tuple[int, ...] | None:
    """Cut points splitting units into `count` pages within capacity, as even as possible (later pages fuller)."""
    mean = sum(units) / count

    @cache
    def best(start: int, pages: int) -> tuple[float, tuple[int, ...]] | None:
        if pages == 1:
            load = sum(units[start:])
            if load > capacity:
                return None
            return _page_cost(load, len(units) - start, mean, len(units)), ()
        found: tuple[float, tuple[int, ...]] | None = None
        for end in range(start + 1, len(units) - pages + 2):
            load = sum(units[start:end])
            if load > capacity:
                break
            rest = best(end, pages - 1)
            if rest is None:
                continue
            # A small premium on panels early keeps the extra ones for later pages (page one has the title).
            cost = _page_cost(load, end - start, mean, len(units)) + rest[0] + 0.01 * load * (count - pages)
            if found is None or cost < found[0] - 1e-9:
                found = (cost, (end, *rest[1]))
        return found

    result = best(0, count)
    return None if result is None else result[1]


def _page_cost(load: int, panels: int, mean: float, total: int) -> float:
    lone = 100.0 if panels == 1 and total > 1 else 0.0
    return (load - mean) ** 2 + lone


def _rows(emphases: Sequence[Emphasis], preference: LayoutPreference) -> list[list[int]]:
    """Positions on the page grouped into rows: the page template, or wide panels alone and runs between them."""
    has_wide = "wide" in emphases
    template = _fill_wides(emphases, preference) if has_wide else PAGE_ROWS[preference][len(emphases)]
    rows, start = [], 0
    for size in template:
        rows.append(list(range(start, start + size)))
        start += size
    return rows


def _fill_wides(emphases: Sequence[Emphasis], preference: LayoutPreference) -> tuple[int, ...]:
    """Rows for a page with wide panels: each wide alone, the runs of panels between them by the run templates."""
    template: tuple[int, ...] = ()
    run = 0
    for emphasis in emphases:
        if emphasis == "wide":
            template += (RUN_ROWS[preference][run] if run else ()) + (1,)
            run = 0
        else:
            run += 1
    return template + (RUN_ROWS[preference][run] if run else ())


def _spans(start: int, length: int, weights: Sequence[float], gutter: int) -> list[tuple[int, int]]:
    """Integer (start, size) spans filling `length` with a gutter between each, sized by weight."""
    room = length - gutter * (len(weights) - 1)
    total = sum(weights)
    edges = [0]
    for k in range(1, len(weights) + 1):
        edges.append(round(room * sum(weights[:k]) / total))
    return [(start + edges[k] + gutter * k, edges[k + 1] - edges[k]) for k in range(len(weights))]


def layout_page(
    indexes: Sequence[int],
    emphases: Sequence[Emphasis],
    number: int,
    page: PageSpec = PageSpec(),
    preference: LayoutPreference = "grid",
    title: bool = False,
) -> PageLayout:
    """The page holding these panels (indexes into the comic, emphases theirs), with a title band if asked."""
    top = page.margin + (page.title_height + page.gutter if title else 0)
    content = Rect(x=page.margin, y=top, width=page.width - 2 * page.margin, height=page.height - page.margin - top)
    title_box = None
    if title:
        title_box = Rect(x=page.margin, y=page.margin, width=content.width, height=max(1, page.title_height))
    band = max(1, min(page.margin - 10, 44))
    number_box = Rect(x=page.margin, y=page.height - page.margin + (page.margin - band) // 2, width=content.width,
                      height=band)  # fmt: skip
    slots: list[PanelSlot] = []
    if len(indexes) == 1 and emphases[0] == "splash":
        slots.append(PanelSlot(panel=indexes[0], emphasis="splash", rect=content))
    else:
        rows = _rows(emphases, preference)
        widths = [_column_weights(len(row), r, preference) for r, row in enumerate(rows)]
        ideal = []  # each row's height if its cells had the art's shape; rows then share the height in proportion
        for r, row in enumerate(rows):
            aspect = _WIDE_ASPECT if emphases[row[0]] == "wide" else page.panel_aspect
            cell = (content.width - page.gutter * (len(row) - 1)) / len(row)
            lead = 1.25 if preference == "dynamic" and r == 0 and len(rows) > 1 else 1.0
            # Damped (power 0.6): a full-width row would otherwise be three times as tall as a row of three.
            ideal.append((cell / aspect * lead) ** 0.6)
        for (y, height), row, weights in zip(_spans(content.y, content.height, ideal, page.gutter), rows, widths,
                                             strict=True):  # fmt: skip
            for (x, width), position in zip(_spans(content.x, content.width, weights, page.gutter), row, strict=True):
                rect = Rect(x=x, y=y, width=width, height=height)
                slots.append(PanelSlot(panel=indexes[position], emphasis=emphases[position], rect=rect))
    return PageLayout(number=number, width=page.width, height=page.height, border=page.border, content=content,
                      title_box=title_box, number_box=number_box, panels=slots)  # fmt: skip


def _column_weights(count: int, row: int, preference: LayoutPreference) -> list[float]:
    if preference == "dynamic" and count == 2:
        return list(_SPLITS[row % 2])
    if preference == "dynamic" and count == 3:
        return [0.3, 0.4, 0.3] if row % 2 else [0.4, 0.3, 0.3]
    return [1.0] * count


def layout_comic(
    emphases: Sequence[Emphasis], page: PageSpec = PageSpec(), preference: LayoutPreference = "grid"
) -> list[PageLayout]:
    """Every page of a comic whose panels have these emphases, in reading order; the first has the title band."""
    pages = split_pages(emphases, page.max_panels)
    return [
        layout_page(indexes, [emphases[i] for i in indexes], number, page, preference, title=number == 1)
        for number, indexes in enumerate(pages, start=1)
    ]
