"""Panels: the scene, the cast staged in it (staging.py), the dialogue lettered, and a border."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from PIL import Image, ImageDraw

from domain.names import slugify
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, Style
from providers.images import ReferenceImage
from providers.offline.drawing.aboard import draw_aboard
from providers.offline.drawing.colour import INK, WHITE
from providers.offline.drawing.creatures import CreatureLook
from providers.offline.drawing.cutout import cached_figure, sheet_kind, sheet_look, sheet_role, sheet_scale
from providers.offline.drawing.cutout import clear_caches as clear_sheet_caches
from providers.offline.drawing.humanoids import HumanLook, draw_humanoid, plain_look
from providers.offline.drawing.lettering import ellipsize, lettering_font, wrap_text
from providers.offline.drawing.moods import Aliases, Stance, creature_stance, holder_of, rests_on_something, stance_for
from providers.offline.drawing.paper import PANEL_SIZE, SS, Box, silhouette
from providers.offline.drawing.pen import outlined_polygon
from providers.offline.drawing.png import encode_png
from providers.offline.drawing.room import CaptionRoom, measure
from providers.offline.drawing.scenery import Scene, scene_for
from providers.offline.drawing.scenery import clear_caches as clear_scenery_caches
from providers.offline.drawing.scenes import ScenePainter
from providers.offline.drawing.staging import SIDE_MARGIN, CastMember, Stage, choose_shot, has_hands, line_plan
from providers.offline.drawing.staging import clear_caches as clear_figure_caches
from providers.offline.drawing.styles import finish
from providers.offline.drawing.tables import CREATURE_KINDS

_BALLOON_FONT_SIZES: Final = (30, 27, 24, 21, 18)

_BORDER: Final = 8
_GAP: Final = 16  # between a caption at the bottom and the line beside it
_PERSON_ROOM: Final = 0.14  # of the width: the least each in a line may have when it stands aside for a caption
_FINE: Final = 0.08  # a caption hiding no face and at most this much of any figure's box stays where it is
# The widest face the page lettering guesses from a head point (comics.script.face_of), of the panel's width.
_HEAD_MOST: Final = 0.16


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
    """The panel in `style`: scenery, staged cast and border; `lettered` adds name tags and the dialogue.

    The scenery gets the style's finish; people are drawn again in the style, cut-outs from our sheets have it
    already (sheets are drawn in the project's style), any other reference image gets it here.

    The metadata names the scene kind drawn (`scene`, with its `time`, `weather` and `landmarks`), each figure's box
    in fractions of the panel with its pose and expression (`figures`: name, box [x0, y0, x1, y1] the head at the
    top, pose, expression; "sheet" for a cut-out's own face; a person's `face` box, and `head` where the face is not
    at the box's top middle: see _figure) and the `shot`. Unlettered (the page letters it), the cast is staged to
    leave the page's caption room at the top where it can (_caption_room).
    """
    width, height = size
    cast = _cast(panel, references, style)
    speaker, words = _speaker(panel.dialogue, cast)
    aliases = {m.name: _aliases(m) for m in cast}
    people = [m.name for m in cast if has_hands(m)]
    for member in cast:
        member.stance = _stance(panel, member, member is speaker, aliases)
        if member.hand_held:
            member.holder, member.on_stand = (
                holder_of(panel, member.name, people),
                rests_on_something(panel, member.name),
            )
    shot = choose_shot(panel.index, cast, speaker)
    slots = [x / width for x in line_plan(cast, width, speaker).slots]
    scenery = scene_for(panel.background)
    canvas = _scenery(scenery, size, tuple(slots), style).copy()  # RGB; a copy: the cached one stays as it is
    balloon = _BalloonText.fit(words, width, height) if lettered and words.strip() else None
    top_limit = (balloon.height + 64) if (balloon and cast) else round(height * 0.1)
    Stage(canvas, style, top_limit, panel.index, scene=scenery).place(cast, shot, speaker, name_tags=lettered)
    bare = _scenery(scenery, size, tuple(slots), style)
    draw_aboard(canvas, bare, scenery, [m for m in cast if has_hands(m)], shot, style)  # the boat the cast is in
    figures = [_figure(m, size) for m in cast]
    if not lettered and shot in _ROOMY:  # the page letters it: room for its caption at the top
        canvas, figures = _caption_room(panel, (canvas, figures), scenery, slots, style, top_limit, cast, shot,
                                        speaker)  # fmt: skip
    if balloon is not None:
        if cast:
            _speech_balloon(canvas, balloon, _aim(speaker or cast[0]))
        else:
            _caption_box(canvas, balloon)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, width - 1, height - 1), outline=(0, 0, 0), width=_BORDER)
    metadata: dict[str, Any] = {
        "scene": scenery.setting,
        "time": scenery.time,
        "landmarks": sorted(scenery.features),
        "shot": shot,
        "style": style,
        "figures": figures,
    }
    if scenery.weather is not None:  # no nulls: the stored state drops them, and must equal the workflow's
        metadata["weather"] = scenery.weather
    return PanelArt(encode_png(canvas), metadata)


# Shots whose cast may move to leave the page's caption room at the top: a line-up's heads lower, a close-up's head
# further to its side.
_ROOMY: Final = ("establishing", "medium", "over-the-shoulder", "close-up")


def _caption_room(
    panel: Panel,
    drawn: tuple[Image.Image, list[dict[str, Any]]],
    scenery: Scene,
    slots: list[float],
    style: Style,
    top_limit: int,
    cast: list[CastMember],
    shot: str,
    speaker: CastMember | None,
) -> tuple[Image.Image, list[dict[str, Any]]]:
    """The staging (canvas, figures' metadata) whose page caption hides least: `drawn`, or, where its caption hides
    a face or much of a figure, the cast staged again with their heads under where the caption goes; and where the
    caption still goes to the bottom over a line of people, the line in the part of the width it leaves free."""
    size = drawn[0].size
    room = measure(panel, {"figures": drawn[1]}, size)
    if room is None or room.cost <= _FINE or room.clear <= top_limit:
        return drawn
    best = (room, drawn, [dataclasses.replace(m) for m in cast])
    clear, span = room.clear, None
    for _ in range(2):
        canvas = _scenery(scenery, size, tuple(slots), style).copy()
        stage = Stage(canvas, style, top_limit, panel.index, clear, span, scene=scenery)
        stage.place(cast, shot, speaker, name_tags=False)
        draw_aboard(canvas, _scenery(scenery, size, tuple(slots), style), scenery, [m for m in cast if has_hands(m)],
                    shot, style)  # fmt: skip
        figures = [_figure(m, size) for m in cast]
        room = measure(panel, {"figures": figures}, size)
        if room is not None and room.cost < best[0].cost - 0.02:
            best = (room, (canvas, figures), [dataclasses.replace(m) for m in cast])
        span = _aside(best[0], cast, shot, size[0])
        if span is None:
            break
    for member, kept in zip(cast, best[2], strict=True):
        member.__dict__.update(kept.__dict__)
    return best[1]


def _aside(room: CaptionRoom, cast: list[CastMember], shot: str, width: int) -> tuple[float, float] | None:
    """Where across a line of people may stand to leave a caption at the bottom the floor beside them (None: it
    is at the top, or the line has a large one in it, or the room left is too narrow for them)."""
    if not room.low or shot != "medium" or any(m.looms for m in cast):
        return None
    x0, _, x1, _ = max(room.boxes, key=lambda box: box[1])  # the lowest caption
    span = (float(SIDE_MARGIN), x0 - _GAP) if x0 > width - x1 else (x1 + _GAP, float(width - SIDE_MARGIN))
    return span if span[1] - span[0] >= _PERSON_ROOM * width * len(cast) else None


@lru_cache(maxsize=8)
def _scenery(scenery: Scene, size: tuple[int, int], slots: tuple[float, ...], style: Style) -> Image.Image:
    """The finished scenery (RGB), cached per process: a panel drawn again (a dialogue edited, a retry) or a
    background repeated in a comic reuses it. Painted at SS times the size, then a box filter on RGB (no
    premultiplied alpha): the supersampled edges average into anti-aliasing."""
    width, height = size
    scene = ScenePainter(scenery, (width * SS, height * SS), list(slots)).paint()
    return finish(scene.reduce(SS), style, scenery=True)


def clear_caches() -> None:
    """Forget everything this process has cached for panels (benchmarks draw cold): scenery, cut-outs, figures."""
    _scenery.cache_clear()
    clear_scenery_caches()
    cached_figure.cache_clear()
    sheet_look.cache_clear()
    clear_sheet_caches()
    clear_figure_caches()


def _figure(member: CastMember, size: tuple[int, int]) -> dict[str, Any]:
    """A figure's metadata: name, box, pose, expression, `head` (the face's centre, fractions of the panel) where it
    is not at the box's top middle (a creature side-on, a fallen figure, a person under a hat) and a person's
    `face` (its box, fractions of the panel, clamped to it).

    A person's head is left out where the face is wider than the page lettering's guess from a head point can be
    (a close-up's): it guesses from the box, which for a close-up is its head and shoulders (from its hairline,
    a hat aside; as wide on both sides of its face, a pointing arm aside)."""
    box = member.box
    if member.framed and member.face is not None:  # a close-up: its head and shoulders, about its face
        x0, _, x1, y1 = box
        middle = (member.face[0] + member.face[2]) / 2
        half = min(middle - x0, x1 - middle)
        box = (round(middle - half), member.face[1], round(middle + half), y1)
    figure: dict[str, Any] = {"name": member.name, "box": _fractions(box, size), "pose": member.stance.pose,
                              "expression": member.stance.expression}  # fmt: skip
    head = member.head  # seen from behind (a listener over whose shoulder we look), its head's middle as it is
    if member.face is not None:
        figure["face"] = _fractions(member.face, size)
        if (member.face[2] - member.face[0]) / size[0] > _HEAD_MOST:
            head = None
    if head is not None:
        x0, y0, x1, y1 = member.box
        hx, hy = x0 + (x1 - x0) * head[0], y0 + (y1 - y0) * head[1]
        figure["head"] = [round(min(max(v / side, 0.0), 1.0), 4) for v, side in ((hx, size[0]), (hy, size[1]))]
    return figure


def _aim(member: CastMember) -> Box:
    """Where a balloon's tail points: the member's box, or above its head where that is not at the box's top
    middle (a creature side-on: not at the middle of its back); a person standing, the top of its hat over its
    face (a pointing arm widens its box to one side)."""
    if member.head is None:
        return member.box
    x0, y0, x1, y1 = member.box
    if member.face is not None:
        middle = (member.face[0] + member.face[2]) // 2
        return (middle, y0, middle, y1)
    hx, hy = round(x0 + (x1 - x0) * member.head[0]), round(y0 + (y1 - y0) * (member.head[1] - 0.12))
    return (hx, max(y0, hy), hx, y1)


def _fractions(box: Box, size: tuple[int, int]) -> list[float]:
    """A pixel box as fractions of the panel, clamped to it (a figure may reach past an edge)."""
    x0, y0, x1, y1 = box
    width, height = size
    return [
        round(min(max(v / side, 0.0), 1.0), 4) for v, side in ((x0, width), (y0, height), (x1, width), (y1, height))
    ]


def _cast(panel: Panel, references: list[ReferenceImage], style: Style) -> list[CastMember]:
    """The figures the panel names, in its order: from their references (our sheets or any image), dark stand-ins
    for those without one. A reference for someone the panel does not name is left out, unless that one speaks."""
    speaker_name = panel.dialogue.partition(":")[0] if ":" in panel.dialogue else ""
    named = {slugify(n) for n in panel.characters}
    members: list[CastMember] = []
    for reference in references:
        if named and slugify(reference.name) not in named and not _names_match(speaker_name, reference.name):
            continue
        try:
            look, kind = sheet_look(reference.data), sheet_kind(reference.data)
            if isinstance(look, (HumanLook, CreatureLook)):  # drawn again in its pose: the cut-out would go unused
                shown = _UNUSED  # (and decoding the sheet's pixels for it cost a creature's panel ~5 ms)
            else:
                figure = cached_figure(reference.data)
                shown = figure if kind else finish(figure, style)
            role, scale = sheet_role(reference.data), sheet_scale(reference.data)
            members.append(CastMember(reference.name, shown, kind, scale, look, role, reference.data))
        except ValueError:
            members.append(CastMember(reference.name, _stand_in(), None))
    drawn = {slugify(m.name) for m in members}
    members += [CastMember(name, _stand_in(), None) for name in panel.characters if slugify(name) not in drawn]
    order = {slugify(n): i for i, n in enumerate(panel.characters)}
    return sorted(members, key=lambda m: order.get(slugify(m.name), len(order)))


_PREY: Final = frozenset(
    "deer stag zebra gazelle antelope moose elk reindeer rabbit hare mouse sheep lamb hen chicken duck goose seal "
    "salmon fish".split()
)


def _stance(panel: Panel, member: CastMember, speaking: bool, aliases: Aliases) -> Stance:
    """The member's pose and expression from the panel's words: a person's or a creature's (both drawn again in
    it); any other cut-out keeps its sheet's face (only a fall, which tilts the whole figure, is drawn for it)."""
    if isinstance(member.look, CreatureLook):
        stance = creature_stance(panel, member.name, member.role, speaking, aliases)
        if stance.expression == "roar" and {member.look.kind, member.look.species} & _PREY:
            return Stance(stance.pose, "shock")  # a hunted deer does not bare its teeth: it is wide-eyed
        return stance
    stern = member.look.stern if isinstance(member.look, HumanLook) else False
    stance = stance_for(panel, member.name, member.role, speaking, stern, aliases)
    if not isinstance(member.look, HumanLook):
        return Stance("fall" if stance.pose == "fall" else "stand", "sheet")
    return stance


# Words a panel calls a creature of each kind by besides its own (one word each: "sea" would name it in "by the
# sea"), and a robot.
_CREATURE_WORDS: Final = {kind: frozenset(w for w in words if " " not in w) for kind, words in CREATURE_KINDS.items()}
_ANY_CREATURE: Final = frozenset({"creature", "monster", "beast"})
_ROBOT_WORDS: Final = frozenset({"robot", "android", "droid", "automaton"})


def _aliases(member: CastMember) -> frozenset[str]:
    """What the panel's words may call the member besides its name: "the serpent", "the beast", "the robot", "the
    keeper" (its sheet's form)."""
    if isinstance(member.look, CreatureLook):
        return _CREATURE_WORDS.get(member.look.kind, frozenset()) | _ANY_CREATURE
    if isinstance(member.look, HumanLook):
        called = frozenset({member.look.called} - {""})
        return called | _ROBOT_WORDS if member.look.robot else called
    return frozenset()


def _names_match(said: str, name: str) -> bool:
    """Whether a "Name:" prefix names `name`: its full name or one part of it ("Idris" for "Idris Rook")."""
    wanted, slug = slugify(said), slugify(name)
    return bool(wanted) and len(said) <= 60 and (wanted == slug or wanted in slug.split("-"))


def _speaker(dialogue: str, cast: list[CastMember]) -> tuple[CastMember | None, str]:
    """Who says a "Name: words" line, and the words alone; the tail names the speaker, so the prefix goes.

    The name matches a cast member's full name or one part of it; anything else is left as written and the balloon
    points at the first figure.
    """
    name, colon, words = dialogue.partition(":")
    if not colon or not words.strip():
        return None, dialogue
    for member in cast:
        if _names_match(name, member.name):
            return member, words.strip()
    return None, dialogue


_UNUSED: Final = Image.new("RGBA", (1, 1))


@lru_cache(maxsize=1)
def _stand_in() -> Image.Image:
    """A plain silhouette for a character who has no reference image (yet); shared, never modified."""
    return silhouette(draw_humanoid(plain_look(INK), "front", 600), (62, 60, 76))


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
    outlined_polygon(draw, outer, WHITE, INK, line)  # Pillow's polygon, without a new layer-sized mask
    draw.ellipse([v * s for v in ellipse], fill=WHITE, outline=INK, width=line)
    inner = [(base_x * s - 20 * s, (ellipse[3] - 24) * s), (tip[0] * s, tip[1] * s - 3 * line),
             (base_x * s + 3 * s, (ellipse[3] - 24) * s)]  # fmt: skip
    draw.polygon(inner, fill=WHITE)  # hides the oval's outline where the tail joins it
    text.letter(draw, (cx * s, (ellipse[1] + ellipse[3]) / 2 * s), scale=s)
    _paste_reduced(canvas, layer)


def _paste_reduced(canvas: Image.Image, layer: Image.Image) -> None:
    """The SS-times layer resized onto the canvas (Lanczos), over its drawn part only: the same pixels as resizing
    and pasting the whole layer (beyond the Lanczos window of what is drawn the resized layer is transparent), without
    filtering the empty rest (the resize's box keeps each pixel's window where it is in the whole layer)."""
    drawn = layer.getbbox()
    if drawn is None:
        return
    reach = 4  # pixels of the canvas: the Lanczos window's half width (3) and one
    x0, y0 = max(0, drawn[0] // SS - reach), max(0, drawn[1] // SS - reach)
    x1, y1 = min(canvas.width, -(-drawn[2] // SS) + reach), min(canvas.height, -(-drawn[3] // SS) + reach)
    part = layer.resize((x1 - x0, y1 - y0), Image.Resampling.LANCZOS, box=(x0 * SS, y0 * SS, x1 * SS, y1 * SS))
    canvas.paste(part, (x0, y0), part)


def _caption_box(canvas: Image.Image, text: _BalloonText) -> None:
    """A narrator's caption: a pale yellow box in the top-left corner."""
    width = text.text_width + 40
    height = len(text.lines) * text.line_height + 28
    box = (_BORDER + 14, _BORDER + 14, _BORDER + 14 + width, _BORDER + 14 + height)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle(box, fill=(255, 243, 196), outline=INK, width=3)
    text.letter(draw, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
