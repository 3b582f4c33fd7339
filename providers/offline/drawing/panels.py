"""Panels: the scene, the cast's figures composited in, name tags, the dialogue lettered, and a border."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, Final

from PIL import Image, ImageDraw, ImageFilter

from domain.names import slugify
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.images import ReferenceImage
from providers.offline.drawing.colour import INK, WHITE
from providers.offline.drawing.cutout import cached_figure, sheet_kind, sheet_scale
from providers.offline.drawing.humanoids import draw_humanoid, plain_look
from providers.offline.drawing.lettering import ellipsize, lettering_font, wrap_text
from providers.offline.drawing.paper import PANEL_SIZE, SS, Box, silhouette
from providers.offline.drawing.scenery import scene_for
from providers.offline.drawing.scenes import ScenePainter
from providers.offline.drawing.styles import finish

_BALLOON_FONT_SIZES: Final = (30, 27, 24, 21, 18)

_BORDER: Final = 8

_SIDE_MARGIN: Final = 40
_LOOMING: Final = 1.2  # a creature this much taller than a person rises behind the others
_LOOMING_MOST: Final = 1.7  # and is drawn at most this much taller (a leviathan would leave the others tiny)


class _CastMember:
    """A figure to place in a panel: its cut-out, its name and how it stands."""

    def __init__(self, name: str, figure: Image.Image, kind: str | None, scale: float | None = None) -> None:
        self.name = name
        self.figure = figure
        self.kind = kind
        self.scale = scale  # a creature's height over a person's, from its sheet
        self.box: Box = (0, 0, 0, 0)  # where it was placed, in panel pixels

    @property
    def looms(self) -> bool:
        """Bigger than a person: it rises behind the others instead of taking a place in the line."""
        return self.kind == "creature" and (self.scale or 0) >= _LOOMING


@dataclass(frozen=True)
class PanelArt:
    """A drawn panel: PNG bytes, and what was drawn where (RenderedImage.metadata: scene, figures, shot)."""

    png: bytes
    metadata: dict[str, Any] = field(default_factory=dict)


def render_panel_png(
    panel: Panel,
    references: list[ReferenceImage],
    size: tuple[int, int] = PANEL_SIZE,
    lettered: bool = True,
    style: Style = DEFAULT_STYLE,
) -> bytes:
    """The panel as PNG bytes (draw_panel without the metadata)."""
    return draw_panel(panel, references, size, lettered, style).png


def draw_panel(
    panel: Panel,
    references: list[ReferenceImage],
    size: tuple[int, int] = PANEL_SIZE,
    lettered: bool = True,
    style: Style = DEFAULT_STYLE,
) -> PanelArt:
    """The panel in `style`: scenery, composited cast and border; `lettered` adds name tags and the dialogue.

    The scenery gets the style's finish; figures from our sheets have it already (sheets are drawn in the project's
    style), any other reference image gets it here.

    The metadata names the scene kind drawn (`scene`, with its `time`, `weather` and `landmarks`), each figure's box
    in fractions of the panel (`figures`: name, box [x0, y0, x1, y1], the head at the top) and the `shot`.
    """
    width, height = size
    cast = _cast(panel, references, style)
    standing = [m for m in cast if not m.looms]
    slots = [_slot_centre(i, len(standing), width) / width for i in range(len(standing))]
    scenery = scene_for(panel.background)
    scene = ScenePainter(scenery, (width * SS, height * SS), slots).paint()
    # A box filter, on RGB (no premultiplied alpha): the supersampled edges average into anti-aliasing.
    canvas = finish(scene.convert("RGB").reduce(SS), style, scenery=True).convert("RGBA")
    speaker, words = _speaker(panel.dialogue, cast)
    balloon = _BalloonText.fit(words, width, height) if lettered and words.strip() else None
    top_limit = (balloon.height + 64) if (balloon and cast) else round(height * 0.1)
    shot = _shot(panel, cast)
    _place_cast(canvas, cast, top_limit, name_tags=lettered, shot=shot)
    if balloon is not None:
        if cast:
            _speech_balloon(canvas, balloon, (speaker or cast[0]).box)
        else:
            _caption_box(canvas, balloon)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(0, 0, 0), width=_BORDER)
    out = BytesIO()
    canvas.convert("RGB").save(out, format="PNG", optimize=False, compress_level=1)  # 20% larger, 10 ms faster
    metadata: dict[str, Any] = {
        "scene": scenery.setting,
        "time": scenery.time,
        "landmarks": sorted(scenery.features),
        "shot": shot,
        "style": style,
        "figures": [{"name": m.name, "box": _fractions(m.box, size)} for m in cast],
    }
    if scenery.weather is not None:  # no nulls: the stored state drops them, and must equal the workflow's
        metadata["weather"] = scenery.weather
    return PanelArt(out.getvalue(), metadata)


def _fractions(box: Box, size: tuple[int, int]) -> list[float]:
    """A pixel box as fractions of the panel, clamped to it (a figure may reach past an edge)."""
    x0, y0, x1, y1 = box
    width, height = size
    return [
        round(min(max(v / side, 0.0), 1.0), 4) for v, side in ((x0, width), (y0, height), (x1, width), (y1, height))
    ]


def _cast(panel: Panel, references: list[ReferenceImage], style: Style) -> list[_CastMember]:
    """Figures from the references (our sheets or any image); dark stand-ins for named people without one."""
    members: list[_CastMember] = []
    for reference in references:
        try:
            figure, kind = cached_figure(reference.data), sheet_kind(reference.data)
            shown = figure if kind else finish(figure, style)
            members.append(_CastMember(reference.name, shown, kind, sheet_scale(reference.data)))
        except ValueError:
            members.append(_CastMember(reference.name, _stand_in(), None))
    if not references:
        members = [_CastMember(name, _stand_in(), None) for name in panel.characters]
    return members


def _speaker(dialogue: str, cast: list[_CastMember]) -> tuple[_CastMember | None, str]:
    """Who says a "Name: words" line, and the words alone; the tail names the speaker, so the prefix goes.

    The name matches a cast member's full name or one part of it ("Idris" for "Idris Rook"); anything else is left
    as written and the balloon points at the first figure.
    """
    name, colon, words = dialogue.partition(":")
    if not colon or not words.strip() or len(name) > 60:
        return None, dialogue
    wanted = slugify(name)
    for member in cast:
        slug = slugify(member.name)
        if wanted and (wanted == slug or wanted in slug.split("-")):
            return member, words.strip()
    return None, dialogue


def _stand_in() -> Image.Image:
    """A plain silhouette for a character who has no reference image (yet)."""
    return silhouette(draw_humanoid(plain_look(INK), "front", 600), (62, 60, 76))


def _slot_centre(index: int, count: int, width: int) -> float:
    """Where the index-th of count figures stands: evenly spaced across the panel."""
    return _SIDE_MARGIN + (width - 2 * _SIDE_MARGIN) / count * (index + 0.5)


def _shot(panel: Panel, cast: list[_CastMember]) -> str:
    """How the panel frames its cast: the story's first panel sets the scene (establishing: small figures, much
    scenery), one person speaking is a close-up (head and shoulders), anything else a medium shot (full figures)."""
    if not cast or panel.index == 0:
        return "establishing"
    if len(cast) == 1 and cast[0].kind in ("humanoid", None) and panel.dialogue.strip():
        return "close-up"
    return "medium"


def _place_cast(
    canvas: Image.Image, cast: list[_CastMember], top_limit: int, name_tags: bool = True, shot: str = "medium"
) -> None:
    """Stand the figures across the lower part of the panel, each with a shadow (and a name tag), framed by `shot`:
    a close-up's figure runs from the top limit to well below the frame, an establishing shot's figures are small."""
    if not cast:
        return
    width, height = canvas.size
    feet = round(height * 0.9)
    tallest = max(80, min(round(height * 0.64), feet - top_limit))
    if shot == "close-up":
        member = cast[0]
        target_h = (height - top_limit) * 2.1  # the head and shoulders fill the frame; the rest is below it
        _stand(member, target_h, width * 2, width // 2, top_limit + round(target_h), None)
        x0, y0, x1, y1 = member.box
        canvas.alpha_composite(member.figure, (max(0, x0), y0), (max(0, -x0), 0, min(x1, width) - x0, height - y0))
        return  # no name tag: it would sit on the speaker's chest, and who speaks is plain
    if shot == "establishing":
        tallest = round(tallest * 0.62)
    standing = [m for m in cast if not m.looms]
    looming = [m for m in cast if m.looms]
    slot = (width - 2 * _SIDE_MARGIN) / max(1, len(standing))
    shadows = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    shadow_draw = ImageDraw.Draw(shadows)
    for i, member in enumerate(looming):
        # As tall as its scale card says (a person is `tallest`), up to the room there is; it may run past the
        # panel's sides, and stands a little behind the line of the others.
        target_h = min(feet - top_limit, tallest * min(member.scale or 1.0, _LOOMING_MOST))
        cx = round(width * (i + 1) / (len(looming) + 1))
        _stand(member, target_h, 10 * width, cx, feet - round(height * 0.03), shadow_draw)
    for i, member in enumerate(standing):
        scale = (1.0, 0.94, 0.97, 0.91, 0.96)[i % 5]  # a little variety in stature reads as different people
        factor = {"object": 0.55, "concept": 0.6}.get(member.kind or "", 1.0)
        if member.kind == "creature" and member.scale is not None:
            factor = max(0.25, member.scale)  # a small creature, as small as its sheet shows it
        target_h = tallest * scale * factor
        cx = round(_slot_centre(i, len(standing), width))
        bottom = feet - (round(height * 0.1) if member.kind == "concept" else 0)  # concepts float
        _stand(member, target_h, slot * 0.92, cx, bottom, shadow_draw, feet)
    if (shade := shadows.getbbox()) is not None:  # only where there is a shadow: the rest would change nothing
        canvas.alpha_composite(shadows, shade[:2], shade)
    for member in [*looming, *standing]:
        x0, y0, x1, y1 = member.box
        visible = (max(0, -x0), max(0, -y0), min(x1, width) - x0, min(y1, height) - y0)
        if visible[0] < visible[2] and visible[1] < visible[3]:  # a looming creature may run past the sides
            canvas.alpha_composite(member.figure, (x0 + visible[0], y0 + visible[1]), visible)
    for member in cast if name_tags else []:
        x0, _, x1, _ = member.box
        # A looming creature's tag goes toward its head end (the front of a side view), a row below the line's.
        x = (x0 + x1) // 2 if not member.looms else min(max(x0 + (x1 - x0) * 4 // 5, 110), width - 110)
        _name_tag(canvas, member.name, (x, feet + (40 if member.looms else 14)))


def _stand(
    member: _CastMember,
    target_h: float,
    max_w: float,
    cx: int,
    bottom: int,
    shadows: ImageDraw.ImageDraw | None,
    feet: int | None = None,
) -> None:
    """Size the member's figure to `target_h` (at most `max_w` wide), stand it centred on `cx` with its lowest
    point at `bottom`, and draw its shadow on the ground (at `feet`, else under it) unless `shadows` is None."""
    fig = member.figure
    factor = min(target_h / fig.height, max_w / fig.width)
    fig = fig.resize((max(1, round(fig.width * factor)), max(1, round(fig.height * factor))), Image.Resampling.LANCZOS)
    if factor > 1.05:  # enlarged sheet art gets soft; a light unsharp mask restores crisp ink lines
        fig = fig.filter(ImageFilter.UnsharpMask(radius=1.6, percent=70, threshold=2))
    x0, y0 = cx - fig.width // 2, bottom - fig.height
    member.figure, member.box = fig, (x0, y0, x0 + fig.width, bottom)
    if shadows is None:  # feet out of the frame
        return
    ground = bottom if feet is None else feet
    half = max(20, fig.width * 0.42)
    shadows.ellipse((cx - half, ground - 10, cx + half, ground + 10), fill=(0, 0, 0, 70))


def _name_tag(canvas: Image.Image, name: str, centre: tuple[int, int]) -> None:
    font, shown = lettering_font(name, 17)
    if font.getlength(shown) > 200:
        shown = ellipsize(shown, font, 200)
    draw = ImageDraw.Draw(canvas)
    left, top, right, bottom = draw.textbbox(centre, shown, font=font, anchor="mm")
    pad_x, pad_y = 9, 4
    draw.rounded_rectangle((left - pad_x, top - pad_y, right + pad_x, bottom + pad_y), radius=9, fill=(255, 253, 245),
                           outline=INK, width=2)  # fmt: skip
    draw.text(centre, shown, font=font, fill=INK, anchor="mm")


class _BalloonText:
    """Dialogue wrapped to the largest lettering size that fits, truncated with an ellipsis as a last resort."""

    def __init__(self, lines: list[str], size: int, line_height: int, text_width: int) -> None:
        self.lines, self.size, self.line_height, self.text_width = lines, size, line_height, text_width
        self.width = round(text_width * 1.22) + 56  # the ellipse around the text block
        self.height = round(len(lines) * line_height * 1.3) + 44

    @classmethod
    def fit(cls, dialogue: str, panel_width: int, panel_height: int) -> _BalloonText:
        """Wrap to at most ~55% of the panel width and ~32% of its height."""
        text = " ".join(dialogue.split())
        max_w, max_h = panel_width * 0.5, panel_height * 0.32
        for size in _BALLOON_FONT_SIZES:
            font, shown = lettering_font(text, size)
            lines = wrap_text(shown, font, max_w)
            line_height = round(size * 1.18)
            if len(lines) * line_height * 1.3 + 44 <= max_h or size == _BALLOON_FONT_SIZES[-1]:
                break
        keep = max(1, int((max_h - 44) / (line_height * 1.3)))
        if len(lines) > keep:
            lines = [*lines[: keep - 1], ellipsize(" ".join(lines[keep - 1 :]), font, max_w)]
        widest = max(font.getlength(line) for line in lines)
        return cls(lines, size, line_height, max(60, round(widest)))

    def letter(self, draw: ImageDraw.ImageDraw, centre: tuple[float, float], scale: int = 1) -> None:
        """Draw the lines centred on centre (coordinates already multiplied by scale)."""
        font, _ = lettering_font(" ".join(self.lines), self.size * scale)  # lines hold only glyphs it covers
        top = centre[1] - len(self.lines) * self.line_height * scale / 2
        for i, line in enumerate(self.lines):
            draw.text((centre[0], top + (i + 0.5) * self.line_height * scale), line, font=font, fill=INK, anchor="mm")


def _speech_balloon(canvas: Image.Image, text: _BalloonText, speaker: Box) -> None:
    """A white oval above the speaker with a tail that stops just above the speaker's head."""
    width, _ = canvas.size
    head_x = (speaker[0] + speaker[2]) / 2
    cx = min(max(head_x + 30, text.width / 2 + 24), width - text.width / 2 - 24)
    top = 22
    ellipse = (cx - text.width / 2, top, cx + text.width / 2, top + text.height)
    base_x = min(max(head_x, cx - text.width * 0.22), cx + text.width * 0.22)
    tip = (head_x + (base_x - head_x) * 0.3, max(ellipse[3] + 18, speaker[1] - 12))
    layer = Image.new("RGBA", (canvas.width * SS, canvas.height * SS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    s = SS
    line = 3 * s
    outer = [
        (base_x * s - 26 * s, (ellipse[3] - 20) * s),
        (tip[0] * s, tip[1] * s),
        (base_x * s + 8 * s, (ellipse[3] - 20) * s),
    ]
    draw.polygon(outer, fill=WHITE, outline=INK, width=line)
    draw.ellipse([v * s for v in ellipse], fill=WHITE, outline=INK, width=line)
    inner = [(base_x * s - 20 * s, (ellipse[3] - 24) * s), (tip[0] * s, tip[1] * s - 3 * line),
             (base_x * s + 3 * s, (ellipse[3] - 24) * s)]  # fmt: skip
    draw.polygon(inner, fill=WHITE)  # hides the oval's outline where the tail joins it
    text.letter(draw, (cx * s, (ellipse[1] + ellipse[3]) / 2 * s), scale=s)
    canvas.alpha_composite(layer.resize(canvas.size, Image.Resampling.LANCZOS))


def _caption_box(canvas: Image.Image, text: _BalloonText) -> None:
    """A narrator's caption: a pale yellow box in the top-left corner."""
    width = text.text_width + 40
    height = len(text.lines) * text.line_height + 28
    box = (_BORDER + 14, _BORDER + 14, _BORDER + 14 + width, _BORDER + 14 + height)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle(box, fill=(255, 243, 196), outline=INK, width=3)
    text.letter(draw, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
