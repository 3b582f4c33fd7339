"""Character reference sheets: a type-aware layout (turnaround, creature sheet, emblem, product sheet) with a
title band and a palette footer."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Final

from PIL import Image, ImageDraw, PngImagePlugin

from domain.character import Character
from domain.style import DEFAULT_STYLE, Style
from providers.offline.drawing.beasts import SCALES as SPECIES_SCALES
from providers.offline.drawing.colour import (
    INK,
    RGB,
    WHITE,
    character_palette,
    darker,
    lighter,
    luminance,
    parse_colour,
)
from providers.offline.drawing.creatures import CreatureLook, body_plan, creature_look, draw_creature
from providers.offline.drawing.emblems import concept_motif, draw_emblem
from providers.offline.drawing.humanoids import (
    HUMAN_VIEWS,
    HumanLook,
    draw_humanoid,
    headroom,
    human_look,
    plain_look,
)
from providers.offline.drawing.lettering import ellipsize, lettering_font, wrap_text
from providers.offline.drawing.looks import look_json
from providers.offline.drawing.objects import ObjectLook, draw_object_view, object_kind, object_scale
from providers.offline.drawing.paper import (
    CARD,
    DRAWN_AS_KEY,
    FIGURE_BOX_KEY,
    FIGURE_MASK_KEY,
    KIND_KEY,
    LOOK_KEY,
    PAPER,
    ROLE_KEY,
    SCALE_KEY,
    SHEET_SIZE,
    SS,
    STYLE_KEY,
    Box,
    silhouette,
)
from providers.offline.drawing.pen import has_any, star_points
from providers.offline.drawing.robots import ROBOT_WORDS
from providers.offline.drawing.styles import drawing_in, finish, label_colour
from providers.offline.drawing.tables import MATERIALS


@dataclass(frozen=True)
class _Primary:
    """The sheet's primary view: its card (1x) and the figure layer pasted on it (at 2x pixel `at`)."""

    box: Box
    layer: Image.Image
    at: tuple[int, int]


def render_sheet_png(character: Character, size: tuple[int, int] = SHEET_SIZE, style: Style = DEFAULT_STYLE) -> bytes:
    """The reference sheet as PNG bytes in `style`, with the primary view's box, its figure's mask and the style
    recorded for figure_from_sheet."""
    with drawing_in(style):
        canvas, primary = _draw(character)
    sheet = finish(canvas.resize(size, Image.Resampling.LANCZOS), style)
    box = _final_box(primary.box, size)
    info = PngImagePlugin.PngInfo()
    info.add_text(FIGURE_BOX_KEY, ",".join(str(v) for v in box))
    info.add_text(KIND_KEY, character.character_type)
    info.add_text(STYLE_KEY, style)
    info.add_text(ROLE_KEY, character.role)
    info.add_text(DRAWN_AS_KEY, drawn_as(character))
    if drawn_as(character) in ("person", "robot"):
        info.add_text(LOOK_KEY, look_json(_look(character)))
    if character.character_type == "creature":  # panels stand it as tall as the scale card shows it, drawn again
        look = creature_look(
            character.name, character_palette(character.color_palette, character.name), _profile_text(character)
        )
        info.add_text(SCALE_KEY, f"{creature_scale(look, character):.3f}")
        info.add_text(LOOK_KEY, look_json(look))
    if drawn_as(character) == "object":  # panels draw it again at its size (enlarged, the sheet's would be soft)
        kind = object_kind(_profile_text(character), character.name)
        info.add_text(
            LOOK_KEY, look_json(ObjectLook(kind, tuple(character_palette(character.color_palette, character.name))))
        )
    held = object_scale(_profile_text(character), character.name) if drawn_as(character) == "object" else None
    if held is not None:
        info.add_text(SCALE_KEY, f"{held:.3f}")  # panels show it as big as it is: in a hand, or on the ground
    info.add_text(FIGURE_MASK_KEY, _figure_mask(primary, canvas.size, size, box))
    out = BytesIO()
    sheet.save(out, format="PNG", pnginfo=info, optimize=False, compress_level=1)
    return out.getvalue()


def drawn_as(character: Character) -> str:
    """What the character's figure is drawn as: a humanoid or object whose profile says robot (android, droid ...)
    is a robot, drawn on the humanoid turnaround; any other humanoid a person."""
    if character.character_type in ("humanoid", "object") and has_any(_profile_text(character), ROBOT_WORDS):
        return "robot"
    return "person" if character.character_type == "humanoid" else character.character_type


def _look(character: Character) -> HumanLook:
    palette = character_palette(character.color_palette, character.name)
    look = human_look(character.name, palette, _profile_text(character), character.demeanor)
    return replace(look, called=form_noun(character.visual_form))


def form_noun(form: str) -> str:
    """The noun a visual form names its figure by: the last word before what it wears or has ("a stubborn
    lighthouse keeper in an amber waistcoat" -> "keeper"); "" if there is none to go by."""
    head = re.split(r",| in | with | of | who | wearing | from ", f" {form.lower()} ")[0]
    words = re.findall(r"[a-z]+", head)
    return words[-1] if words and len(words[-1]) > 2 and words[-1] not in _NOT_NOUNS else ""


# Words a form's first phrase may end on that do not name anyone ("a man, old and tired": "old").
_NOT_NOUNS: Final = frozenset(
    "old young tall short little small big tired the and who hand head eye eyes arm arms foot face heart one".split()
)


def _draw(character: Character) -> tuple[Image.Image, _Primary]:
    """The sheet at twice its size, and its primary view."""
    palette = character_palette(character.color_palette, character.name)
    canvas = Image.new("RGB", (SHEET_SIZE[0] * SS, SHEET_SIZE[1] * SS), PAPER)
    layout = {
        "humanoid": _humanoid_sheet,
        "creature": _creature_sheet,
        "concept": _concept_sheet,
        "object": _object_sheet,
    }["humanoid" if drawn_as(character) == "robot" else character.character_type]
    primary = layout(canvas, character, palette)
    _title_band(canvas, character, palette)
    _footer(canvas, character, palette)
    return canvas, primary


def _final_box(figure_box: Box, size: tuple[int, int]) -> Box:
    """The primary view's card, in pixels of the finished sheet."""
    sx, sy = size[0] / SHEET_SIZE[0], size[1] / SHEET_SIZE[1]
    inset = 6  # stay clear of the card's rounded, anti-aliased edge
    return (
        round((figure_box[0] + inset) * sx),
        round((figure_box[1] + inset) * sy),
        round((figure_box[2] - inset) * sx),
        round((figure_box[3] - inset) * sy),
    )


def _figure_mask(primary: _Primary, canvas_size: tuple[int, int], size: tuple[int, int], box: Box) -> str:
    """The primary figure's alpha within `box` of the finished sheet, as base64 PNG: panels cut the figure out
    with it instead of flood-filling the card (which cost a Python loop over every pixel)."""
    mask = Image.new("L", canvas_size, 0)
    mask.paste(primary.layer.getchannel("A"), primary.at)
    # Downsampled like the sheet itself; the filter's faint ringing outside the figure is cleared.
    mask = mask.resize(size, Image.Resampling.LANCZOS).crop(box).point(lambda v: 0 if v < 8 else v)
    out = BytesIO()
    mask.save(out, format="PNG", optimize=False, compress_level=9)
    return base64.b64encode(out.getvalue()).decode("ascii")


_CONTENT_TOP, _CONTENT_BOTTOM = 74, 400


def _scaled(box: Box) -> Box:
    return (box[0] * SS, box[1] * SS, box[2] * SS, box[3] * SS)


def _text(canvas: Image.Image, xy: tuple[float, float], text: str, size: int, fill: RGB, anchor: str = "la") -> None:
    """Lettering at 1x coordinates on the supersampled canvas, with glyph fallback for any script."""
    font, shown = lettering_font(text, size * SS)
    ImageDraw.Draw(canvas).text((xy[0] * SS, xy[1] * SS), shown, font=font, fill=fill, anchor=anchor)


def _card(canvas: Image.Image, box: Box, label: str, fill: RGB = CARD) -> None:
    """A rounded view card with a small label under it."""
    ImageDraw.Draw(canvas).rounded_rectangle(_scaled(box), radius=12 * SS, fill=fill)
    _text(canvas, ((box[0] + box[2]) / 2, box[3] + 6), label.upper(), 13, label_colour(), anchor="mt")


def _paste_centered(
    canvas: Image.Image, layer: Image.Image, box: Box, bottom_margin: int | None = None
) -> tuple[int, int]:
    """Paste a transparent layer centred in a 1x box (or standing on its bottom, bottom_margin above it); where."""
    x0, y0, x1, y1 = _scaled(box)
    x = (x0 + x1 - layer.width) // 2
    if bottom_margin is None:
        y = (y0 + y1 - layer.height) // 2
    else:
        y = y1 - bottom_margin * SS - layer.height
    canvas.paste(layer, (x, y), layer)
    return (x, y)


def _profile_text(character: Character) -> str:
    return " ".join([character.name, character.brief, character.visual_form, *character.distinctive_markers])


def _humanoid_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> _Primary:
    look = _look(character)
    labels = {"front": "front", "three-quarter": "three-quarter", "side": "side", "back": "back"}
    height = round(300 * SS / (1 + headroom(look)))  # a tall hat stays on the card: the figure is a little smaller
    views: list[_Primary] = []
    for i, view in enumerate(HUMAN_VIEWS):
        box = (12 + i * 188, _CONTENT_TOP, 12 + i * 188 + 180, _CONTENT_BOTTOM)
        _card(canvas, box, labels[view])
        figure = draw_humanoid(look, view, height)
        views.append(_Primary(box, figure, _paste_centered(canvas, figure, box, bottom_margin=10)))
    return views[0]


def _creature_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> _Primary:
    look = creature_look(character.name, palette, _profile_text(character))
    main: Box = (12, _CONTENT_TOP, 500, _CONTENT_BOTTOM)
    _card(canvas, main, f"side view - {body_plan(look)}")
    body, _ = draw_creature(look, 270 * SS)
    primary = _Primary(main, body, _paste_centered(canvas, body, main))

    head_card: Box = (512, _CONTENT_TOP, 756, 226)
    _card(canvas, head_card, "head close-up")
    big, (hx0, hy0, hx1, hy1) = draw_creature(look, 520 * SS)
    side = max(hx1 - hx0, hy1 - hy0)
    cx, cy = (hx0 + hx1) // 2, (hy0 + hy1) // 2
    head = big.crop((cx - side // 2, cy - side // 2, cx + side // 2, cy + side // 2)).resize((128 * SS, 128 * SS))
    disc = Image.new("RGBA", head.size, (*lighter(palette[1], 0.7), 255))
    disc.alpha_composite(head)
    mask = Image.new("L", head.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, head.width - 1, head.height - 1), fill=255)
    x, y = (head_card[0] + head_card[2]) // 2 * SS - head.width // 2, (head_card[1] + 8) * SS
    canvas.paste(disc, (x, y), mask)
    ImageDraw.Draw(canvas).ellipse((x, y, x + head.width - 1, y + head.height - 1), outline=INK, width=3 * SS)

    scale_card: Box = (512, 250, 756, _CONTENT_BOTTOM)
    _card(canvas, scale_card, "scale")
    _scale_comparison(canvas, look, character, scale_card)
    return primary


def creature_scale(look: CreatureLook, character: Character) -> float:
    """A creature's height over a person's: by body plan, times the profile's size words."""
    text = _profile_text(character).lower()
    ratio = SPECIES_SCALES.get(look.species, _KIND_SCALES.get(look.kind, 1.0))
    # A goblin on two legs is small, not the biped's 2.4 (a giant's): by what its form names it ("a green goblin
    # with big ears", not a dragon "that dwarfed the towers" or "from a fairy tale").
    head = re.split(r",| with | who | that | from | of ", f" {(character.visual_form or text).lower()} ")[0]
    folk = next((size for size, words in _FOLK_SCALES if has_any(head, words)), None)
    if folk is not None and not look.species:
        ratio = folk
    if has_any(text, ("huge", "enormous", "colossal", "vast", "massive", "leviathan", "kraken")) or (
        look.kind != "biped" and has_any(text, ("giant",))  # a giant is as tall as its body plan says already
    ):
        ratio *= 2.0
    elif has_any(text, ("tiny", "small", "little", "wee", "pocket")):
        ratio *= 0.4
    return ratio


# A creature's height over a person's, by body plan.
_KIND_SCALES: Final = {"serpent": 2.4, "dragon": 2.6, "reptile": 2.2, "bird": 0.45, "fish": 0.8, "quadruped": 0.8,
                       "horse": 1.1, "centaur": 1.15, "merfolk": 0.8, "penguin": 0.5, "octopus": 1.0,
                       "spider": 0.35, "ghost": 1.0, "biped": 2.4, "griffin": 1.8, "turtle": 0.35,
                       "frog": 0.25, "fairy": 0.3, "insect": 0.12}  # fmt: skip


# Folk of a person's shape or smaller, by the words that name them (first match wins): a goblin is drawn on the
# two-legged kind's plan but stands to a person's chest, a pixie on a fairy's plan at a hand's height.
_FOLK_SCALES: Final = (
    (0.25, ("pixie", "pixies")),  # a fairy's wings and wand still read beside a person (at 0.2 a speck)
    (0.3, ("fairy", "fairies", "sprite", "sprites", "faerie")),
    (0.4, ("brownie", "imp", "imps")),
    (0.5, ("gnome", "gnomes", "leprechaun")),
    (0.65, ("dwarf", "dwarves", "dwarfs")),
    (0.7, ("goblin", "goblins")),
    (0.9, ("hobgoblin", "elf", "elves")),
    (1.0, ("zombie", "ape", "gorilla", "chimp")),
    (1.1, ("orc", "orcs")),
    (1.5, ("minotaur", "demon", "sasquatch", "bigfoot")),
    (1.8, ("yeti", "troll", "ogre", "ogress")),
)


def _scale_comparison(canvas: Image.Image, look: CreatureLook, character: Character, box: Box) -> None:
    """A creature silhouette beside a human outline, sized by the profile's size words."""
    ratio = creature_scale(look, character)
    room = (box[3] - box[1] - 16) * SS
    human_h = round(room / max(1.0, ratio))
    creature_h = min(room, round(human_h * ratio))
    human = silhouette(draw_humanoid(plain_look(INK), "front", human_h), (150, 146, 150))
    beast = silhouette(draw_creature(look, creature_h)[0], darker(look.body, 0.35))
    x0, _, x1, _ = beast.getbbox() or (0, 0, beast.width, 0)
    across = (box[2] - box[0] - 14) * SS - human.width  # the room beside the person
    if x1 - x0 > across:  # a long shark or whale over the person: both smaller, side by side
        shrink = across / (x1 - x0 + human.width * 0.1)
        human_h, creature_h = round(human_h * shrink), round(creature_h * shrink)
        human = silhouette(draw_humanoid(plain_look(INK), "front", human_h), (150, 146, 150))
        beast = silhouette(draw_creature(look, creature_h)[0], darker(look.body, 0.35))
    base = (box[3] - 8) * SS
    canvas.paste(human, (box[0] * SS + 4 * SS, base - human.height), human)
    canvas.paste(beast, (box[2] * SS - beast.width - 6 * SS, base - beast.height), beast)
    ImageDraw.Draw(canvas).line((box[0] * SS + 10, base, box[2] * SS - 10, base), fill=label_colour(), width=SS)


def _concept_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> _Primary:
    motif = concept_motif(_profile_text(character), character.name)
    main: Box = (12, _CONTENT_TOP, 372, _CONTENT_BOTTOM)
    _card(canvas, main, f"emblem - {motif}")
    emblem = draw_emblem(palette, motif, 300 * SS)
    primary = _Primary(main, emblem, _paste_centered(canvas, emblem, main))

    field: Box = (384, _CONTENT_TOP, 756, _CONTENT_BOTTOM)
    _colour_field(canvas, palette, _scaled(field))
    label = "COLOUR FIELD AND MOTIF STUDIES"
    _text(canvas, ((field[0] + field[2]) / 2, field[3] + 6), label, 13, label_colour(), anchor="mt")
    for i in range(3):
        study = draw_emblem(palette[i:] + palette[:i], motif, 96 * SS)
        cx = field[0] + 62 + i * 124
        canvas.paste(study, ((cx - 48) * SS, (field[3] - 120) * SS), study)
    return primary


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
        pts = star_points(cx, cy, width, 0, 1, phase=i)
        draw.polygon([(cx, cy), pts[0], star_points(cx, cy, width, 0, 1, phase=i + 9)[0]], fill=(255, 255, 255, 46))
    for r in (60, 110, 160):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255, 90), width=3)
    field.alpha_composite(rays)
    mask = Image.new("L", field.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, height - 1), radius=12 * SS, fill=255)
    canvas.paste(field.convert("RGB"), box[:2], mask)


def _object_sheet(canvas: Image.Image, character: Character, palette: list[RGB]) -> _Primary:
    text = _profile_text(character)
    kind = object_kind(text, character.name)
    main: Box = (12, _CONTENT_TOP, 372, _CONTENT_BOTTOM)
    _card(canvas, main, f"hero view - {kind}")
    hero = draw_object_view(kind, palette, "hero", 330 * SS)
    primary = _Primary(main, hero, _paste_centered(canvas, hero, main))
    for box, view in (((384, _CONTENT_TOP, 566, 272), "top"), ((574, _CONTENT_TOP, 756, 272), "side")):
        _card(canvas, box, f"{view} (orthographic)")
        _blueprint_grid(canvas, box)
        _paste_centered(canvas, draw_object_view(kind, palette, view, 170 * SS), box)
    swatches: Box = (384, 296, 756, _CONTENT_BOTTOM)
    _card(canvas, swatches, "materials")
    found = [m for m in MATERIALS if m in text.lower()]
    names = [*found, "body", "trim", "detail", "accent"]
    for i, colour in enumerate(palette[: _swatch_count(character, 4)]):
        x0 = swatches[0] + 14 + i * 90
        _material_swatch(canvas, (x0, swatches[1] + 12, x0 + 70, swatches[1] + 70), colour, names[i])
    return primary


def _blueprint_grid(canvas: Image.Image, box: Box) -> None:
    draw = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = _scaled((box[0] + 8, box[1] + 8, box[2] - 8, box[3] - 8))
    for x in range(x0, x1, 16 * SS):
        draw.line((x, y0, x, y1), fill=(214, 226, 240), width=1)
    for y in range(y0, y1, 16 * SS):
        draw.line((x0, y, x1, y), fill=(214, 226, 240), width=1)


def _material_swatch(canvas: Image.Image, box: Box, colour: RGB, label: str) -> None:
    """A material chip: flat colour, a sheen band and the material's name."""
    draw = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = _scaled(box)
    draw.rounded_rectangle((x0, y0, x1, y1 - 16 * SS), radius=8 * SS, fill=colour, outline=INK, width=2 * SS)
    draw.polygon([(x0 + 14 * SS, y0 + 3 * SS), (x0 + 28 * SS, y0 + 3 * SS), (x0 + 12 * SS, y1 - 20 * SS),
                  (x0 + 4 * SS, y1 - 20 * SS)], fill=lighter(colour, 0.35))  # fmt: skip
    _text(canvas, ((box[0] + box[2]) / 2, box[3] - 12), label, 13, INK, anchor="mt")


def _title_band(canvas: Image.Image, character: Character, palette: list[RGB]) -> None:
    band = palette[0] if luminance(palette[0]) < 110 else darker(palette[0], 0.45)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, canvas.width, 58 * SS), fill=band)
    draw.rectangle((0, 58 * SS, canvas.width, 64 * SS), fill=palette[2])
    tag = f"{character.character_type} - {character.role}".upper()
    font, shown = lettering_font(character.name, 34 * SS)
    tag_font, tag_shown = lettering_font(tag, 16 * SS)
    room = canvas.width - tag_font.getlength(tag_shown) - 60 * SS
    size = 34
    while size > 18 and font.getlength(shown) > room:
        size -= 2
        font, shown = lettering_font(character.name, size * SS)
    if font.getlength(shown) > room:
        shown = ellipsize(shown, font, room)
    draw.text((18 * SS, 30 * SS), shown, font=font, fill=WHITE, anchor="lm", stroke_width=2 * SS, stroke_fill=INK)
    draw.text((canvas.width - 18 * SS, 31 * SS), tag_shown, font=tag_font, fill=lighter(band, 0.7), anchor="rm")


def _swatch_count(character: Character, most: int) -> int:
    """How many palette colours to swatch: the profile's own, at least three (hash colours fill in)."""
    own = {c for c in map(parse_colour, character.color_palette) if c is not None}
    return max(3, min(most, len(own)))


def _footer(canvas: Image.Image, character: Character, palette: list[RGB]) -> None:
    draw = ImageDraw.Draw(canvas)
    for i, colour in enumerate(palette[: _swatch_count(character, 5)]):
        x0, y0 = 16 + i * 52, 432
        draw.rounded_rectangle(_scaled((x0, y0, x0 + 40, y0 + 40)), radius=6 * SS, fill=colour, outline=INK, width=SS)
        _text(canvas, (x0 + 20, y0 + 46), "#{:02x}{:02x}{:02x}".format(*colour), 11, label_colour(), anchor="mt")
    caption = character.brief or character.visual_form or character.name
    details = " - ".join(d for d in (character.era, character.demeanor) if d)
    font, shown = lettering_font(caption, 17 * SS)
    lines = wrap_text(shown, font, (756 - 290) * SS)
    if len(lines) > (2 if details else 3):
        keep = 2 if details else 3
        lines = [*lines[: keep - 1], ellipsize(" ".join(lines[keep - 1 :]), font, (756 - 290) * SS)]
    for i, line in enumerate(lines):
        draw.text((290 * SS, (430 + i * 22) * SS), line, font=font, fill=INK)
    if details:
        _text(canvas, (290, 432 + len(lines) * 22 + 2), details, 14, label_colour())
