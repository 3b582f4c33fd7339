"""The lettering typeface with per-character fallback, so every script and emoji gets a real glyph.

Text is split into runs by the first face whose cmap has the character (Intuitive, then Noto Sans for the accented
Latin, Greek and Cyrillic Intuitive lacks, Noto Emoji, Noto Sans CJK, Noto Sans Symbols, then Noto Sans faces for
other scripts) and each run is drawn in its face on a shared baseline. Every face comes from a wheel
(font-intuitive, manimgx-fonts, manimgx-fonts-cjk): nothing is downloaded or looked up on the system at run time.
"""

import atexit
import threading
import unicodedata
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageDraw, ImageFont

Box = tuple[float, float, float, float]
Fill = tuple[int, int, int] | tuple[int, int, int, int]


@dataclass(frozen=True)
class Face:
    """One font file of the chain: where it is, which face of a collection, and how to set it."""

    name: str
    package: str
    file: str
    index: int = 0
    weight: int | None = None  # the wght axis value for variable fonts (their default is often Thin)
    scale: float = 1.0  # size relative to the lettering size, so mixed runs look the same size


_SCRIPTS = (
    *("Arabic", "Hebrew", "Devanagari", "Bengali", "Thai", "Armenian", "Georgian", "Ethiopic", "Tamil", "Telugu"),
    *("Kannada", "Malayalam", "Gujarati", "Gurmukhi", "Oriya", "Sinhala", "Khmer", "Lao", "Myanmar"),
)

COMIC = Face("Intuitive", "font_intuitive", "files/Intuitive.ttf")
FACES: tuple[Face, ...] = (
    COMIC,
    Face("Noto Sans", "manimgx_fonts", "NotoSans[wght].ttf", weight=600, scale=0.92),
    Face("Noto Emoji", "manimgx_fonts", "NotoEmoji[wght].ttf", weight=600, scale=0.9),
    Face("Noto Sans CJK JP", "manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc", weight=700, scale=0.92),
    Face("Noto Sans Symbols", "manimgx_fonts", "NotoSansSymbols[wght].ttf", weight=700),
    *(Face(f"Noto Sans {script}", "manimgx_fonts", f"NotoSans{script}[wght].ttf", weight=700) for script in _SCRIPTS),
)
EMOJI = FACES[2]
CJK = FACES[3]

# Held open for the life of the process: a path to each font file even from a zipped install.
_files = ExitStack()
atexit.register(_files.close)


@cache
def face_path(face: Face) -> Path:
    """The font file on disk (extracted once if the package is zipped)."""
    return _files.enter_context(resources.as_file(resources.files(face.package).joinpath(face.file)))


@cache
def _cmap(face: Face) -> frozenset[int]:
    try:
        font = TTFont(face_path(face), fontNumber=face.index, lazy=True)
    except (OSError, ModuleNotFoundError, FileNotFoundError):
        return frozenset()  # a missing face is skipped, never fatal
    with font:
        return frozenset(font.getBestCmap() or {})


def covers(face: Face, char: str) -> bool:
    """Whether the face's cmap maps the character to a glyph."""
    return ord(char) in _cmap(face)


def font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    """The face at a lettering size (its scale applied), with its weight set.

    One object per thread: a FreeType face is not safe to use from two threads at once, and pages are composed
    in worker threads.
    """
    return _font(threading.get_ident(), face, size)


@lru_cache(maxsize=512)
def _font(thread: int, face: Face, size: int) -> ImageFont.FreeTypeFont:
    loaded = ImageFont.truetype(str(face_path(face)), max(1, round(size * face.scale)), index=face.index)
    if face.weight is not None:
        loaded.set_variation_by_axes([face.weight])
    return loaded


_EMOJI_SIGNS = frozenset("\ufe0f\u20e3\u200d") | frozenset(chr(c) for c in range(0x1F3FB, 0x1F400))
_DROPPED = ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")


def clusters(text: str) -> list[str]:
    """User-perceived characters, near enough: a base with its marks, selectors, skin tones and ZWJ partners."""
    if text.isascii() and text.isprintable():  # most lettering: nothing to normalise, join or drop
        return list(text)
    result: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.category(char) in _DROPPED:
            continue
        joins = unicodedata.category(char) in ("Mn", "Me", "Cf") or char in _EMOJI_SIGNS
        if result and (joins or result[-1].endswith("\u200d")) and char != " ":
            result[-1] += char
        else:
            result.append(char)
    return result


@lru_cache(maxsize=8192)
def face_for(cluster: str) -> Face | None:
    """The first face with every character of the cluster (the emoji face first for an emoji sequence)."""
    if any(c in _EMOJI_SIGNS for c in cluster) and all(covers(EMOJI, c) for c in cluster):
        return EMOJI
    significant = [c for c in cluster if c not in _EMOJI_SIGNS] or list(cluster)
    whole = next((face for face in FACES if all(covers(face, c) for c in significant)), None)
    return whole or next((face for face in FACES if covers(face, cluster[0])), None)


def _word_faces(word: list[str]) -> list[Face | None]:
    """Faces for one word's clusters: one face for all its letters when some face has them all ("Łódź")."""
    faces = [face_for(cluster) for cluster in word]
    letters = [c for c, f in zip(word, faces, strict=True) if f is not EMOJI]
    if len({f for f in faces if f is not EMOJI}) > 1:
        common = next((f for f in FACES if f is not EMOJI and all(covers(f, ch) for c in letters for ch in c)), None)
        if common is not None:
            faces = [f if f is EMOJI else common for f in faces]
    return faces


def runs(text: str) -> list[tuple[Face, str]]:
    """The text cut into runs of one face each; characters no face has are dropped (never drawn as tofu)."""
    if text.isascii() and text.isprintable() and all(c == " " or face_for(c) is COMIC for c in set(text)):
        return [(COMIC, text)] if text else []  # what the loop below makes of it, without its per-letter work
    result: list[tuple[Face, str]] = []
    word: list[str] = []

    def add(cluster: str, face: Face | None) -> None:
        if face is None:
            return
        if result and result[-1][0] == face:
            result[-1] = (face, result[-1][1] + cluster)
        else:
            result.append((face, cluster))

    def flush() -> None:
        for cluster, face in zip(word, _word_faces(word), strict=True):
            add(cluster, face)
        word.clear()

    for cluster in clusters(text):
        if cluster == " ":
            flush()
            # A space stays in the run it is in, so a line is a few long runs rather than many short ones.
            add(cluster, result[-1][0] if result else COMIC)
        else:
            word.append(cluster)
    flush()
    return result


@lru_cache(maxsize=65536)
def width(text: str, size: int) -> float:
    """Advance width of the text at the lettering size, in pixels."""
    return sum(font(face, size).getlength(run) for face, run in runs(text))


@lru_cache(maxsize=8192)
def ink_box(text: str, size: int) -> Box | None:
    """The ink bounding box of the text drawn with its origin at (0, baseline); None for blank text."""
    x = 0.0
    boxes: list[Box] = []
    for face, run in runs(text):
        loaded = font(face, size)
        if run.strip():
            left, top, right, bottom = loaded.getbbox(run, anchor="ls")
            if right > left and bottom > top:
                boxes.append((x + left, top, x + right, bottom))
        x += loaded.getlength(run)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def ascent(size: int) -> float:
    """Height above the baseline a line reserves: enough for accented capitals (Ñ, Å reach 0.92 of the size)."""
    return size * 0.92


def descent(size: int) -> float:
    """Depth below the baseline a line reserves (descenders reach 0.3 of the size)."""
    return size * 0.28


def draw_text(
    draw: ImageDraw.ImageDraw,
    origin: tuple[float, float],
    text: str,
    size: int,
    fill: Fill,
    stroke_width: int = 0,
    stroke_fill: Fill | None = None,
) -> None:
    """Draw the text with its left end at origin[0] and its baseline at origin[1], run by run."""
    x, baseline = origin
    for face, run in runs(text):
        loaded = font(face, size)
        draw.text((x, baseline), run, font=loaded, fill=fill, anchor="ls", stroke_width=stroke_width,
                  stroke_fill=stroke_fill)  # fmt: skip
        x += loaded.getlength(run)


def faces_used(text: str) -> Sequence[str]:
    """Names of the faces the text is drawn in, in order of first use."""
    return list(dict.fromkeys(face.name for face, _ in runs(text)))
