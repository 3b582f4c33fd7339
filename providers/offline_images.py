"""The offline image provider: Pillow-drawn character sheets and comic panels, no network and no model.

It is the default renderer when no fal.ai key is set, so it aims for pictures a reader enjoys: type-aware
reference sheets (turnarounds, creature sheets, emblems, product sheets) and panels whose scenery follows the
background text, with the characters' sheet figures composited in and the dialogue lettered in a balloon.
Output is deterministic: the same input gives the same PNG bytes.
"""

import asyncio
from functools import lru_cache
from io import BytesIO
from typing import Final

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, PngImagePlugin

from domain.character import Character
from domain.names import slugify
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers import offline_drawing as art
from providers.images import ReferenceImage, RenderedImage
from providers.offline_drawing import INK, RGB

SHEET_MODEL: Final = "offline/sheet-generator"
SCENE_MODEL: Final = "offline/scene-generator"
EDIT_MODEL: Final = "offline/compositor"

SHEET_SIZE: Final = (768, 512)
PANEL_SIZE: Final = (1024, 768)
_SS: Final = 2  # shapes are drawn at twice the size and downsampled, which anti-aliases every edge
PAPER: Final[RGB] = (240, 233, 219)
CARD: Final[RGB] = (251, 249, 243)  # the plain ground of every view card, keyed out by figure_from_sheet
_MUTED: Final[RGB] = (120, 110, 104)
_FIGURE_BOX_KEY: Final = "comic-figure-box"
_KIND_KEY: Final = "comic-kind"


def figure_from_sheet(sheet_png: bytes) -> Image.Image:
    """The primary full-figure view of a sheet as RGBA with a transparent background.

    Sheets from this renderer record the primary view's box in a PNG text chunk; the card's plain ground that is
    connected to the box edge is made transparent (enclosed light areas such as eye whites stay opaque). Any other
    image is returned whole with rounded, transparent corners. Raises ValueError if the bytes are not an image.
    """
    try:
        image = Image.open(BytesIO(sheet_png))
        image.load()
    except (OSError, Image.DecompressionBombError) as exc:
        raise ValueError(f"not a decodable image: {exc}") from exc
    box = _figure_box(image)
    if box is None:
        return _rounded_cutout(image.convert("RGBA"))
    figure = _key_out(image.convert("RGB").crop(box), CARD)
    bbox = figure.getchannel("A").getbbox()
    return figure.crop(bbox) if bbox else figure


@lru_cache(maxsize=64)
def cached_figure(sheet_png: bytes) -> Image.Image:
    """figure_from_sheet, once per sheet per process: every panel showing a character reuses its cut-out.

    The cut-out's flood fill is most of a panel's cost; callers never modify the returned image in place.
    """
    return figure_from_sheet(sheet_png)


def sheet_kind(sheet_png: bytes) -> str | None:
    """The character type recorded in one of our sheets, or None for any other image."""
    try:
        image = Image.open(BytesIO(sheet_png))
    except OSError:
        return None
    kind = image.info.get(_KIND_KEY)
    return kind if isinstance(kind, str) else None


def _figure_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    raw = image.info.get(_FIGURE_BOX_KEY)
    if not isinstance(raw, str):
        return None
    try:
        x0, y0, x1, y1 = (int(v) for v in raw.split(","))
    except ValueError:
        return None
    if not (0 <= x0 < x1 <= image.width and 0 <= y0 < y1 <= image.height):
        return None
    return (x0, y0, x1, y1)


def _key_out(image: Image.Image, ground: RGB) -> Image.Image:
    """The image as RGBA with the ground colour made transparent where it is connected to the image edge.

    Figures are outlined in ink, so the anti-aliased rim just inside the ground is ink blended with ground:
    there the colour is set to ink and the blend becomes alpha, which avoids a pale halo on dark scenes.
    """
    diff = ImageChops.difference(image, Image.new("RGB", image.size, ground))
    red, green, blue = diff.split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    near_ground = distance.point(lambda v: 255 if v < 24 else 0)
    padded = ImageOps.expand(near_ground, border=1, fill=255)
    ImageDraw.floodfill(padded, (0, 0), 128)
    outside = padded.crop((1, 1, padded.width - 1, padded.height - 1)).point(lambda v: 255 if v == 128 else 0)
    rim = ImageChops.subtract(outside.filter(ImageFilter.MaxFilter(5)), outside)
    ink_span = max(1, max(abs(a - b) for a, b in zip(ground, INK, strict=True)))
    rim_alpha = distance.point(lambda v: min(255, v * 255 // ink_span))
    alpha = Image.composite(Image.new("L", image.size, 0), Image.new("L", image.size, 255), outside)
    alpha = Image.composite(rim_alpha, alpha, rim)
    result = Image.composite(Image.new("RGB", image.size, INK), image, rim).convert("RGBA")
    result.putalpha(alpha)
    return result


def _rounded_cutout(image: Image.Image) -> Image.Image:
    mask = Image.new("L", image.size, 0)
    radius = max(4, min(image.size) // 12)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, image.width - 1, image.height - 1), radius=radius, fill=255)
    image.putalpha(ImageChops.multiply(image.getchannel("A"), mask))
    return image


class OfflineRenderer:
    """Renders sheets and panels locally with Pillow; implements providers.images.ImageProvider."""

    name = "offline-renderer"

    def __init__(
        self, *, sheet_size: tuple[int, int] = SHEET_SIZE, panel_size: tuple[int, int] = PANEL_SIZE, delay: float = 0.0
    ) -> None:
        """`delay`: seconds added to every render, like a real model's latency (tests catch a render mid-way)."""
        if delay < 0:
            raise ValueError("delay must not be negative")
        self.sheet_size = sheet_size
        self.panel_size = panel_size
        self.delay = delay

    async def render_character(self, character: Character, prompt: str, style: Style = DEFAULT_STYLE) -> RenderedImage:
        """A type-aware reference sheet drawn from the profile (the prompt is for real models; unused here)."""
        await asyncio.sleep(self.delay)
        data = await asyncio.to_thread(render_sheet_png, character, self.sheet_size)
        width, height = self.sheet_size
        return RenderedImage(data=data, content_type="image/png", width=width, height=height, model=SHEET_MODEL)

    async def render_panel(
        self, panel: Panel, prompt: str, references: list[ReferenceImage], style: Style = DEFAULT_STYLE
    ) -> RenderedImage:
        """The panel's scene with the references' figures composited in and the dialogue lettered."""
        await asyncio.sleep(self.delay)
        data = await asyncio.to_thread(render_panel_png, panel, references, self.panel_size)
        width, height = self.panel_size
        model = EDIT_MODEL if references else SCENE_MODEL
        return RenderedImage(data=data, content_type="image/png", width=width, height=height, model=model)


# ---------------------------------------------------------------- sheets


def render_sheet_png(character: Character, size: tuple[int, int] = SHEET_SIZE) -> bytes:
    """The reference sheet as PNG bytes, with the primary view's box recorded for figure_from_sheet."""
    palette = art.character_palette(character.color_palette, character.name)
    canvas = Image.new("RGB", (SHEET_SIZE[0] * _SS, SHEET_SIZE[1] * _SS), PAPER)
    layout = {
        "humanoid": _humanoid_sheet,
        "creature": _creature_sheet,
        "concept": _concept_sheet,
        "object": _object_sheet,
    }[character.character_type]
    figure_box = layout(canvas, character, palette)
    _title_band(canvas, character, palette)
    _footer(canvas, character, palette)
    sheet = canvas.resize(size, Image.Resampling.LANCZOS)
    sx, sy = size[0] / SHEET_SIZE[0], size[1] / SHEET_SIZE[1]
    inset = 6  # stay clear of the card's rounded, anti-aliased edge
    box = (
        round((figure_box[0] + inset) * sx),
        round((figure_box[1] + inset) * sy),
        round((figure_box[2] - inset) * sx),
        round((figure_box[3] - inset) * sy),
    )
    info = PngImagePlugin.PngInfo()
    info.add_text(_FIGURE_BOX_KEY, ",".join(str(v) for v in box))
    info.add_text(_KIND_KEY, character.character_type)
    out = BytesIO()
    sheet.save(out, format="PNG", pnginfo=info, optimize=False)
    return out.getvalue()


Box = tuple[int, int, int, int]
_CONTENT_TOP, _CONTENT_BOTTOM = 74, 400


def _scaled(box: Box) -> Box:
    return (box[0] * _SS, box[1] * _SS, box[2] * _SS, box[3] * _SS)


def _text(canvas: Image.Image, xy: tuple[float, float], text: str, size: int, fill: RGB, anchor: str = "la") -> None:
    """Lettering at 1x coordinates on the supersampled canvas, with glyph fallback for any script."""
    font, shown = art.lettering_font(text, size * _SS)
    ImageDraw.Draw(canvas).text((xy[0] * _SS, xy[1] * _SS), shown, font=font, fill=fill, anchor=anchor)


def _card(canvas: Image.Image, box: Box, label: str, fill: RGB = CARD) -> None:
    """A rounded view card with a small label under it."""
    ImageDraw.Draw(canvas).rounded_rectangle(_scaled(box), radius=12 * _SS, fill=fill)
    _text(canvas, ((box[0] + box[2]) / 2, box[3] + 6), label.upper(), 13, _MUTED, anchor="mt")


def _paste_centered(canvas: Image.Image, layer: Image.Image, box: Box, bottom_margin: int | None = None) -> None:
    """Paste a transparent layer centred in a 1x box (or standing on its bottom, bottom_margin above it)."""
    x0, y0, x1, y1 = _scaled(box)
    x = (x0 + x1 - layer.width) // 2
    if bottom_margin is None:
        y = (y0 + y1 - layer.height) // 2
    else:
        y = y1 - bottom_margin * _SS - layer.height
    canvas.paste(layer, (x, y), layer)


def _profile_text(character: Character) -> str:
    return " ".join([character.name, character.brief, character.visual_form, *character.distinctive_markers])


def _humanoid_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> Box:
    look = art.human_look(character.name, palette, _profile_text(character), character.demeanor)
    labels = {"front": "front", "three-quarter": "three-quarter", "side": "side", "back": "back"}
    boxes: list[Box] = []
    for i, view in enumerate(art.HUMAN_VIEWS):
        box = (12 + i * 188, _CONTENT_TOP, 12 + i * 188 + 180, _CONTENT_BOTTOM)
        _card(canvas, box, labels[view])
        figure = art.draw_humanoid(look, view, 300 * _SS)
        _paste_centered(canvas, figure, box, bottom_margin=10)
        boxes.append(box)
    return boxes[0]


def _creature_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> Box:
    look = art.creature_look(character.name, palette, _profile_text(character))
    main: Box = (12, _CONTENT_TOP, 500, _CONTENT_BOTTOM)
    _card(canvas, main, f"side view - {look.kind}")
    body, _ = art.draw_creature(look, 270 * _SS)
    _paste_centered(canvas, body, main)

    head_card: Box = (512, _CONTENT_TOP, 756, 226)
    _card(canvas, head_card, "head close-up")
    big, (hx0, hy0, hx1, hy1) = art.draw_creature(look, 520 * _SS)
    side = max(hx1 - hx0, hy1 - hy0)
    cx, cy = (hx0 + hx1) // 2, (hy0 + hy1) // 2
    head = big.crop((cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2)).resize((128 * _SS, 128 * _SS))
    disc = Image.new("RGBA", head.size, (*art.lighter(palette[1], 0.7), 255))
    disc.alpha_composite(head)
    mask = Image.new("L", head.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, head.width - 1, head.height - 1), fill=255)
    x, y = (head_card[0] + head_card[2]) // 2 * _SS - head.width // 2, (head_card[1] + 8) * _SS
    canvas.paste(disc, (x, y), mask)
    ImageDraw.Draw(canvas).ellipse((x, y, x + head.width - 1, y + head.height - 1), outline=INK, width=3 * _SS)

    scale_card: Box = (512, 250, 756, _CONTENT_BOTTOM)
    _card(canvas, scale_card, "scale")
    _scale_comparison(canvas, look, character, scale_card)
    return main


def _scale_comparison(canvas: Image.Image, look: art.CreatureLook, character: Character, box: Box) -> None:
    """A creature silhouette beside a human outline, sized by the profile's size words."""
    text = _profile_text(character).lower()
    ratio = {"serpent": 2.4, "dragon": 2.6, "bird": 0.45, "fish": 0.8, "quadruped": 0.8}.get(look.kind, 1.0)
    if art.has_any(text, ("giant", "huge", "enormous", "colossal", "vast", "massive", "leviathan")):
        ratio *= 2.0
    elif art.has_any(text, ("tiny", "small", "little", "wee", "pocket")):
        ratio *= 0.4
    room = (box[3] - box[1] - 16) * _SS
    human_h = round(room / max(1.0, ratio))
    creature_h = min(room, round(human_h * ratio))
    human = _silhouette(art.draw_humanoid(art.plain_look(INK), "front", human_h), (150, 146, 150))
    beast = _silhouette(art.draw_creature(look, creature_h)[0], art.darker(look.body, 0.35))
    base = (box[3] - 8) * _SS
    canvas.paste(human, (box[0] * _SS + 4 * _SS, base - human.height), human)
    canvas.paste(beast, (box[2] * _SS - beast.width - 6 * _SS, base - beast.height), beast)
    ImageDraw.Draw(canvas).line((box[0] * _SS + 10, base, box[2] * _SS - 10, base), fill=_MUTED, width=_SS)


def _silhouette(layer: Image.Image, colour: RGB) -> Image.Image:
    flat = Image.new("RGBA", layer.size, (*colour, 255))
    flat.putalpha(layer.getchannel("A"))
    return flat


def _concept_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> Box:
    motif = art.concept_motif(_profile_text(character), character.name)
    main: Box = (12, _CONTENT_TOP, 372, _CONTENT_BOTTOM)
    _card(canvas, main, f"emblem - {motif}")
    _paste_centered(canvas, art.draw_emblem(palette, motif, 300 * _SS), main)

    field: Box = (384, _CONTENT_TOP, 756, _CONTENT_BOTTOM)
    _colour_field(canvas, palette, _scaled(field))
    _text(canvas, ((field[0] + field[2]) / 2, field[3] + 6), "COLOUR FIELD AND MOTIF STUDIES", 13, _MUTED, anchor="mt")
    for i in range(3):
        study = art.draw_emblem(palette[i:] + palette[:i], motif, 96 * _SS)
        cx = field[0] + 62 + i * 124
        canvas.paste(study, ((cx - 48) * _SS, (field[3] - 120) * _SS), study)
    return main


def _colour_field(canvas: Image.Image, palette: list[RGB], box: Box) -> None:
    """A rounded field blending the palette left to right, with soft light rays from its upper centre."""
    width, height = box[2] - box[0], box[3] - box[1]
    stops = palette[:4]
    strip = Image.new("RGB", (len(stops), 1))
    strip.putdata(stops)
    field = strip.resize((width, height), Image.Resampling.BILINEAR).convert("RGBA")
    rays = Image.new("RGBA", field.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(rays)
    cx, cy = width / 2, height * 0.3
    for i in range(0, 360, 20):
        pts = art.star_points(cx, cy, width, 0, 1, phase=i)
        draw.polygon([(cx, cy), pts[0], art.star_points(cx, cy, width, 0, 1, phase=i + 9)[0]], fill=(255, 255, 255, 46))
    for r in (60, 110, 160):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255, 90), width=3)
    field.alpha_composite(rays)
    mask = Image.new("L", field.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, height - 1), radius=12 * _SS, fill=255)
    canvas.paste(field.convert("RGB"), box[:2], mask)


_MATERIALS = ("brass", "bronze", "copper", "gold", "silver", "iron", "steel", "wood", "oak", "glass", "crystal",
              "leather", "stone", "paper", "cloth", "silk", "bone", "porcelain", "velvet", "pewter")  # fmt: skip


def _object_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> Box:
    text = _profile_text(character)
    kind = art.object_kind(text, character.name)
    main: Box = (12, _CONTENT_TOP, 372, _CONTENT_BOTTOM)
    _card(canvas, main, f"hero view - {kind}")
    _paste_centered(canvas, art.draw_object_view(kind, palette, "hero", 330 * _SS), main)
    for box, view in (((384, _CONTENT_TOP, 566, 272), "top"), ((574, _CONTENT_TOP, 756, 272), "side")):
        _card(canvas, box, f"{view} (orthographic)")
        _blueprint_grid(canvas, box)
        _paste_centered(canvas, art.draw_object_view(kind, palette, view, 170 * _SS), box)
    swatches: Box = (384, 296, 756, _CONTENT_BOTTOM)
    _card(canvas, swatches, "materials")
    found = [m for m in _MATERIALS if m in text.lower()]
    names = [*found, "body", "trim", "detail", "accent"]
    for i, colour in enumerate(palette[: _swatch_count(character, 4)]):
        x0 = swatches[0] + 14 + i * 90
        _material_swatch(canvas, (x0, swatches[1] + 12, x0 + 70, swatches[1] + 70), colour, names[i])
    return main


def _blueprint_grid(canvas: Image.Image, box: Box) -> None:
    draw = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = _scaled((box[0] + 8, box[1] + 8, box[2] - 8, box[3] - 8))
    for x in range(x0, x1, 16 * _SS):
        draw.line((x, y0, x, y1), fill=(214, 226, 240), width=1)
    for y in range(y0, y1, 16 * _SS):
        draw.line((x0, y, x1, y), fill=(214, 226, 240), width=1)


def _material_swatch(canvas: Image.Image, box: Box, colour: RGB, label: str) -> None:
    """A material chip: flat colour, a sheen band and the material's name."""
    draw = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = _scaled(box)
    draw.rounded_rectangle((x0, y0, x1, y1 - 16 * _SS), radius=8 * _SS, fill=colour, outline=INK, width=2 * _SS)
    draw.polygon([(x0 + 14 * _SS, y0 + 3 * _SS), (x0 + 28 * _SS, y0 + 3 * _SS), (x0 + 12 * _SS, y1 - 20 * _SS),
                  (x0 + 4 * _SS, y1 - 20 * _SS)], fill=art.lighter(colour, 0.35))  # fmt: skip
    _text(canvas, ((box[0] + box[2]) / 2, box[3] - 12), label, 13, INK, anchor="mt")


def _title_band(canvas: Image.Image, character: Character, palette: list[RGB]) -> None:
    band = palette[0] if art.luminance(palette[0]) < 110 else art.darker(palette[0], 0.45)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, canvas.width, 58 * _SS), fill=band)
    draw.rectangle((0, 58 * _SS, canvas.width, 64 * _SS), fill=palette[2])
    tag = f"{character.character_type} - {character.role}".upper()
    font, shown = art.lettering_font(character.name, 34 * _SS)
    tag_font, tag_shown = art.lettering_font(tag, 16 * _SS)
    room = canvas.width - tag_font.getlength(tag_shown) - 60 * _SS
    size = 34
    while size > 18 and font.getlength(shown) > room:
        size -= 2
        font, shown = art.lettering_font(character.name, size * _SS)
    if font.getlength(shown) > room:
        shown = art.ellipsize(shown, font, room)
    draw.text(
        (18 * _SS, 30 * _SS), shown, font=font, fill=art.WHITE, anchor="lm", stroke_width=2 * _SS, stroke_fill=INK
    )
    draw.text((canvas.width - 18 * _SS, 31 * _SS), tag_shown, font=tag_font, fill=art.lighter(band, 0.7), anchor="rm")


def _swatch_count(character: Character, most: int) -> int:
    """How many palette colours to swatch: the profile's own, at least three (hash colours fill in)."""
    own = {c for c in map(art.parse_colour, character.color_palette) if c is not None}
    return max(3, min(most, len(own)))


def _footer(canvas: Image.Image, character: Character, palette: list[RGB]) -> None:
    draw = ImageDraw.Draw(canvas)
    for i, colour in enumerate(palette[: _swatch_count(character, 5)]):
        x0, y0 = 16 + i * 52, 432
        draw.rounded_rectangle(_scaled((x0, y0, x0 + 40, y0 + 40)), radius=6 * _SS, fill=colour, outline=INK, width=_SS)
        _text(canvas, (x0 + 20, y0 + 46), "#{:02x}{:02x}{:02x}".format(*colour), 11, _MUTED, anchor="mt")
    caption = character.brief or character.visual_form or character.name
    details = " - ".join(d for d in (character.era, character.demeanor) if d)
    font, shown = art.lettering_font(caption, 17 * _SS)
    lines = art.wrap_text(shown, font, (756 - 290) * _SS)
    if len(lines) > (2 if details else 3):
        keep = 2 if details else 3
        lines = [*lines[: keep - 1], art.ellipsize(" ".join(lines[keep - 1 :]), font, (756 - 290) * _SS)]
    for i, line in enumerate(lines):
        draw.text((290 * _SS, (430 + i * 22) * _SS), line, font=font, fill=INK)
    if details:
        _text(canvas, (290, 432 + len(lines) * 22 + 2), details, 14, _MUTED)


# ---------------------------------------------------------------- panels

_BALLOON_FONT_SIZES: Final = (30, 27, 24, 21, 18)
_BORDER: Final = 8
_SIDE_MARGIN: Final = 40


class _CastMember:
    """A figure to place in a panel: its cut-out, its name and how it stands."""

    def __init__(self, name: str, figure: Image.Image, kind: str | None) -> None:
        self.name = name
        self.figure = figure
        self.kind = kind
        self.box: Box = (0, 0, 0, 0)  # where it was placed, in panel pixels


def render_panel_png(panel: Panel, references: list[ReferenceImage], size: tuple[int, int] = PANEL_SIZE) -> bytes:
    """The panel as PNG bytes: scenery, composited cast, name tags, lettering and border."""
    width, height = size
    cast = _cast(panel, references)
    slots = [_slot_centre(i, len(cast), width) / width for i in range(len(cast))]
    scene = art.paint_scene(panel.background, (width * _SS, height * _SS), slots)
    canvas = scene.resize(size, Image.Resampling.LANCZOS).convert("RGBA")
    speaker, words = _speaker(panel.dialogue, cast)
    balloon = _BalloonText.fit(words, width, height) if words.strip() else None
    top_limit = (balloon.height + 64) if (balloon and cast) else round(height * 0.1)
    _place_cast(canvas, cast, top_limit)
    if balloon is not None:
        if cast:
            _speech_balloon(canvas, balloon, (speaker or cast[0]).box)
        else:
            _caption_box(canvas, balloon)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(0, 0, 0), width=_BORDER)
    out = BytesIO()
    canvas.convert("RGB").save(out, format="PNG", optimize=False)
    return out.getvalue()


def _cast(panel: Panel, references: list[ReferenceImage]) -> list[_CastMember]:
    """Figures from the references (our sheets or any image); dark stand-ins for named people without one."""
    members: list[_CastMember] = []
    for reference in references:
        try:
            members.append(_CastMember(reference.name, cached_figure(reference.data), sheet_kind(reference.data)))
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
    return _silhouette(art.draw_humanoid(art.plain_look(INK), "front", 600), (62, 60, 76))


def _slot_centre(index: int, count: int, width: int) -> float:
    """Where the index-th of count figures stands: evenly spaced across the panel."""
    return _SIDE_MARGIN + (width - 2 * _SIDE_MARGIN) / count * (index + 0.5)


def _place_cast(canvas: Image.Image, cast: list[_CastMember], top_limit: int) -> None:
    """Stand the figures across the lower part of the panel, each with a shadow and a name tag."""
    if not cast:
        return
    width, height = canvas.size
    feet = round(height * 0.9)
    tallest = max(80, min(round(height * 0.64), feet - top_limit))
    slot = (width - 2 * _SIDE_MARGIN) / len(cast)
    shadows = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
    shadow_draw = ImageDraw.Draw(shadows)
    for i, member in enumerate(cast):
        scale = (1.0, 0.94, 0.97, 0.91, 0.96)[i % 5]  # a little variety in stature reads as different people
        target_h = tallest * scale * {"object": 0.55, "concept": 0.6}.get(member.kind or "", 1.0)
        fig = member.figure
        factor = min(target_h / fig.height, slot * 0.92 / fig.width)
        fig = fig.resize(
            (max(1, round(fig.width * factor)), max(1, round(fig.height * factor))), Image.Resampling.LANCZOS
        )
        if factor > 1.05:  # enlarged sheet art gets soft; a light unsharp mask restores crisp ink lines
            fig = fig.filter(ImageFilter.UnsharpMask(radius=1.6, percent=70, threshold=2))
        cx = round(_slot_centre(i, len(cast), width))
        bottom = feet - (round(height * 0.1) if member.kind == "concept" else 0)  # concepts float
        x0, y0 = cx - fig.width // 2, bottom - fig.height
        member.figure, member.box = fig, (x0, y0, x0 + fig.width, bottom)
        half = max(20, fig.width * 0.42)
        shadow_draw.ellipse((cx - half, feet - 10, cx + half, feet + 10), fill=(0, 0, 0, 70))
    canvas.alpha_composite(shadows)
    for member in cast:
        canvas.alpha_composite(member.figure, member.box[:2])
    for member in cast:
        _name_tag(canvas, member.name, ((member.box[0] + member.box[2]) // 2, feet + 14))


def _name_tag(canvas: Image.Image, name: str, centre: tuple[int, int]) -> None:
    font, shown = art.lettering_font(name, 17)
    if font.getlength(shown) > 200:
        shown = art.ellipsize(shown, font, 200)
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
    def fit(cls, dialogue: str, panel_width: int, panel_height: int) -> "_BalloonText":
        """Wrap to at most ~55% of the panel width and ~32% of its height."""
        text = " ".join(dialogue.split())
        max_w, max_h = panel_width * 0.5, panel_height * 0.32
        for size in _BALLOON_FONT_SIZES:
            font, shown = art.lettering_font(text, size)
            lines = art.wrap_text(shown, font, max_w)
            line_height = round(size * 1.18)
            if len(lines) * line_height * 1.3 + 44 <= max_h or size == _BALLOON_FONT_SIZES[-1]:
                break
        keep = max(1, int((max_h - 44) / (line_height * 1.3)))
        if len(lines) > keep:
            lines = [*lines[: keep - 1], art.ellipsize(" ".join(lines[keep - 1 :]), font, max_w)]
        widest = max(font.getlength(line) for line in lines)
        return cls(lines, size, line_height, max(60, round(widest)))

    def letter(self, draw: ImageDraw.ImageDraw, centre: tuple[float, float], scale: int = 1) -> None:
        """Draw the lines centred on centre (coordinates already multiplied by scale)."""
        font, _ = art.lettering_font(" ".join(self.lines), self.size * scale)  # lines hold only glyphs it covers
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
    layer = Image.new("RGBA", (canvas.width * _SS, canvas.height * _SS), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    s = _SS
    line = 3 * s
    outer = [
        (base_x * s - 26 * s, (ellipse[3] - 20) * s),
        (tip[0] * s, tip[1] * s),
        (base_x * s + 8 * s, (ellipse[3] - 20) * s),
    ]
    draw.polygon(outer, fill=art.WHITE, outline=INK, width=line)
    draw.ellipse([v * s for v in ellipse], fill=art.WHITE, outline=INK, width=line)
    inner = [(base_x * s - 20 * s, (ellipse[3] - 24) * s), (tip[0] * s, tip[1] * s - 3 * line),
             (base_x * s + 3 * s, (ellipse[3] - 24) * s)]  # fmt: skip
    draw.polygon(inner, fill=art.WHITE)  # hides the oval's outline where the tail joins it
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
