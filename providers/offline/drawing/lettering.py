"""Lettering: the comic font, per-glyph fallback fonts for any script, wrapping and ellipsizing."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


# System fonts tried when the comic font lacks a glyph (accents it has; Cyrillic, Greek and CJK it does not).
_FALLBACK_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
)


@lru_cache(maxsize=1)
def _comic_font_bytes() -> bytes | None:
    # Loaded as bytes through importlib.resources so it also works from a zipped install.
    try:
        return (resources.files("font_intuitive") / "files" / "Intuitive.ttf").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None


def _font_sources() -> list[str]:
    sources = ["comic"] if _comic_font_bytes() else []
    sources += [path for path in _FALLBACK_FONT_FILES if Path(path).is_file()]
    return sources or ["default"]


@lru_cache(maxsize=64)
def _load_font(source: str, size: int) -> Font:
    data = _comic_font_bytes() if source == "comic" else None
    if data is not None:
        return ImageFont.truetype(BytesIO(data), size)
    if source not in ("comic", "default"):
        return ImageFont.truetype(source, size)
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)
def _covers(source: str, char: str) -> bool:
    if char.isspace() or unicodedata.category(char)[0] in "MC":
        return True
    # A missing glyph renders as the font's .notdef glyph (empty or a box): compare with a surely-missing code point.
    return _glyph_pixels(source, char) != _glyph_pixels(source, "\U0010fffd")


@lru_cache(maxsize=4096)
def _glyph_pixels(source: str, char: str) -> bytes:
    image = Image.new("L", (48, 48), 0)
    ImageDraw.Draw(image).text((8, 8), char, font=_load_font(source, 24), fill=255)
    return image.tobytes()


def lettering_font(text: str, size: int) -> tuple[Font, str]:
    """The comic font when it has every glyph of text, else the installed font covering the most of it.

    Returns the font and the text with any glyph that font still lacks replaced by '?', so drawing never shows
    blanks or boxes and never fails.
    """
    sources = _font_sources()
    best = max(sources, key=lambda s: (sum(_covers(s, ch) for ch in text), -sources.index(s)))
    cleaned = "".join(ch if _covers(best, ch) else "?" for ch in text)
    return _load_font(best, size), cleaned


def text_width(font: Font, text: str) -> float:
    """Advance width of text in pixels."""
    return font.getlength(text)


def wrap_text(text: str, font: Font, max_width: float) -> list[str]:
    """Greedy word wrap; words wider than max_width are broken between characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split():
            while text_width(font, word) > max_width and len(word) > 1:
                cut = max(1, next((i for i in range(len(word), 0, -1) if text_width(font, word[:i]) <= max_width), 1))
                if current:
                    lines.append(current)
                    current = ""
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{current} {word}".strip()
            if current and text_width(font, candidate) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return [line for line in lines if line] or [""]


def ellipsize(line: str, font: Font, max_width: float) -> str:
    """The line cut to fit max_width with a trailing ellipsis."""
    while line and text_width(font, line + "...") > max_width:
        line = line[:-1]
    return line.rstrip() + "..."
