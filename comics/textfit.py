"""Wrapping lettering into a balloon's shape and choosing the size: shrink the font, then grow, then truncate.

Lines inside an ellipse get the width of the ellipse at their height (the lozenge shape letterers use), so a
balloon holds its text snugly. Breaks fall at spaces and between CJK characters (never before closing or after
opening punctuation), and a word wider than a line is broken between characters.
"""

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from comics import fonts

LINE_SPACING = 1.2  # line height as a multiple of the lettering size
ELLIPSIS = "\u2026"
_NO_BREAK_BEFORE = frozenset("、。，．！？」』）〉》】〕…‥ー・：；!?,.):;%」〟ゝゞぁぃぅぇぉっゃゅょァィゥェォッャュョ")  # noqa: RUF001 (CJK punctuation)
_NO_BREAK_AFTER = frozenset("「『（〈《【〔([〝")  # noqa: RUF001


@dataclass(frozen=True)
class Token:
    """An unbreakable piece of text and whether a space separates it from the piece before."""

    text: str
    space_before: bool


def _is_wide(cluster: str) -> bool:
    return unicodedata.east_asian_width(cluster[0]) in ("W", "F")


def tokens(text: str) -> list[Token]:
    """The text's break opportunities: words, and single CJK characters with their punctuation attached."""
    result: list[Token] = []
    pending_space = False
    glue_next = False
    for cluster in fonts.clusters(" ".join(text.split())):
        if cluster == " ":
            pending_space, glue_next = True, False
            continue
        wide = _is_wide(cluster)
        previous_wide = bool(result) and _is_wide(result[-1].text[-1])
        joins = (
            bool(result)
            and not pending_space
            and (glue_next or cluster in _NO_BREAK_BEFORE or not (wide or previous_wide))
        )
        if joins:
            result[-1] = Token(result[-1].text + cluster, result[-1].space_before)
        else:
            result.append(Token(cluster, pending_space and bool(result)))
        pending_space, glue_next = False, cluster in _NO_BREAK_AFTER
    return result


def join(parts: Sequence[Token]) -> str:
    """The line a run of tokens makes."""
    return "".join((" " if i and t.space_before else "") + t.text for i, t in enumerate(parts))


class Area(Protocol):
    """Where text may go, centred on (0, 0): how wide a line may be across a band of heights."""

    @property
    def height(self) -> float:
        """Total height text may use."""
        ...

    def band_width(self, top: float, bottom: float) -> float:
        """Width available to a line spanning [top, bottom] (offsets from the centre)."""
        ...


@dataclass(frozen=True)
class EllipseArea:
    """The inside of an ellipse with semi-axes a and b: lines get narrower toward its top and bottom."""

    a: float
    b: float

    @property
    def height(self) -> float:
        return 2 * self.b

    def band_width(self, top: float, bottom: float) -> float:
        worst = max(abs(top), abs(bottom))
        if worst >= self.b:
            return 0.0
        return 2 * self.a * math.sqrt(1 - (worst / self.b) ** 2)


@dataclass(frozen=True)
class RectArea:
    """The inside of a rectangle: every line gets its full width (captions)."""

    width: float
    height: float

    def band_width(self, top: float, bottom: float) -> float:
        return self.width if max(abs(top), abs(bottom)) <= self.height / 2 + 1e-6 else 0.0


@dataclass(frozen=True)
class Fitted:
    """Lines for an area at a lettering size, with each baseline's offset from the area's centre."""

    size: int
    lines: list[str]
    baselines: list[float]
    truncated: bool


def line_height(size: int) -> float:
    """Distance between baselines at a lettering size."""
    return size * LINE_SPACING


def _bands(size: int, count: int) -> list[tuple[float, float]]:
    step = line_height(size)
    top = -count * step / 2
    return [(top + i * step, top + (i + 1) * step) for i in range(count)]


def _split_token(token: Token, size: int, limit: float) -> tuple[Token, Token] | None:
    """The longest head of a token that fits the limit, and the rest; None if not even one character fits."""
    parts = fonts.clusters(token.text)
    for cut in range(len(parts) - 1, 0, -1):
        head = "".join(parts[:cut])
        if fonts.width(head, size) <= limit:
            return Token(head, token.space_before), Token("".join(parts[cut:]), False)
    return None


def wrap(
    items: Sequence[Token], size: int, limits: Sequence[float], split: bool = True
) -> tuple[list[str], list[Token]]:
    """Greedy wrap into lines with the given widths; returns the lines and the tokens left over.

    `split` lets a word that does not fit an empty line break between characters (no hyphen: only for a word
    wider than any line could be); without it the word waits for the next line.
    """
    queue = list(items)
    at = 0  # the next token to place (the line is built as a string: this runs thousands of times per page)
    lines: list[str] = []
    for limit in limits:
        line = ""
        while at < len(queue):
            token = queue[at]
            candidate = line + (" " if line and token.space_before else "") + token.text if line else token.text
            if fonts.width(candidate, size) <= limit:
                line, at = candidate, at + 1
                continue
            if not line and split:  # a word wider than the whole line: break it between characters
                pieces = _split_token(token, size, limit)
                if pieces is not None:
                    line = pieces[0].text
                    queue[at] = pieces[1]
            break
        lines.append(line)
        if at == len(queue):
            break
    return lines, queue[at:]


def fit_in(items: Sequence[Token], size: int, area: Area) -> Fitted | None:
    """The fewest lines holding every token inside the area at this size, or None if it cannot."""
    most = int(area.height // line_height(size))
    # Words break only when one is wider than the widest line the area has: a reader sees "Adventur / es" as a
    # mistake, so a balloon too narrow for its words grows (the callers try larger areas) instead.
    widest = area.band_width(-line_height(size) / 2, line_height(size) / 2)
    split = any(fonts.width(item.text, size) > widest for item in items)
    for count in range(1, most + 1):
        limits = [area.band_width(top, bottom) for top, bottom in _bands(size, count)]
        lines, rest = wrap(items, size, limits, split)
        if not rest and all(lines):
            lines = _balanced(items, size, limits, len(lines), split) or lines
            return Fitted(size, lines, _baselines(size, len(lines)), truncated=False)
    return None


def _balanced(items: Sequence[Token], size: int, limits: Sequence[float], count: int, split: bool) -> list[str] | None:
    """The same number of lines with every limit scaled down as far as it goes: lines of even length.

    Greedy wrapping fills the first lines and leaves a stub at the end; letterers balance the lines instead.
    """
    low, high, best = 0.3, 1.0, None
    for _ in range(12):
        middle = (low + high) / 2
        lines, rest = wrap(items, size, [limit * middle for limit in limits[:count]], split)
        if not rest and all(lines):
            high, best = middle, lines
        else:
            low = middle
    return best


def _baselines(size: int, count: int) -> list[float]:
    # The block of lines is centred; each baseline sits so that ascent and descent are centred in its band.
    used = _bands(size, count)
    pad = (line_height(size) - fonts.ascent(size) - fonts.descent(size)) / 2
    return [top + pad + fonts.ascent(size) for top, _ in used]


def truncate(items: Sequence[Token], size: int, area: Area) -> Fitted:
    """As much of the text as the area holds at this size, the last line ending in an ellipsis."""
    count = max(1, int(area.height // line_height(size)))
    bands = _bands(size, count)
    limits = [area.band_width(top, bottom) for top, bottom in bands]
    lines, rest = wrap(items, size, limits)
    if rest:
        last = len(lines) - 1
        shown = fonts.clusters(lines[last])
        while shown and fonts.width("".join(shown).rstrip() + ELLIPSIS, size) > limits[last]:
            shown.pop()
        lines[last] = "".join(shown).rstrip() + ELLIPSIS
    # Lines are re-centred once blank ones go: nearer the middle, where any area is at least as wide.
    kept = [line for line, limit in zip(lines, limits, strict=False) if line and fonts.width(line, size) <= limit]
    return Fitted(size, kept, _baselines(size, len(kept)), truncated=bool(rest) or len(kept) < len(lines))


def smallest_fit(
    items: Sequence[Token], size: int, family: Callable[[float], Area], steps: int = 40
) -> tuple[float, Fitted] | None:
    """The smallest member of a growing family of areas (t from 0 to 1, in `steps`) that holds the text, with its
    lines: found by halving (a larger area holds what a smaller one does), 6 tries for 40 steps instead of up to 41."""
    found = fit_in(items, size, family(1.0))
    if found is None:
        return None
    low, high = -1, steps  # the text does not fit at `low` (none yet), fits at `high`
    while high - low > 1:
        middle = (low + high) // 2
        fitted = fit_in(items, size, family(middle / steps))
        if fitted is None:
            low = middle
        else:
            high, found = middle, fitted
    return high / steps, found


def sizes(largest: int, smallest: int) -> list[int]:
    """Lettering sizes to try, largest first, in steps of about 8%."""
    result = [largest]
    while result[-1] > smallest:
        result.append(max(smallest, min(result[-1] - 1, round(result[-1] * 0.92))))
    return result
