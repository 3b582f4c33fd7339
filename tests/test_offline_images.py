"""The offline Pillow renderer: sheets, figure extraction, scenes, compositing and lettering."""

import asyncio
import itertools
import json
import os
import signal
import sys
import uuid
from concurrent.futures import ProcessPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any

import PIL
import pytest
from PIL import Image, ImageChops, ImageFilter, ImageFont, ImageStat, PngImagePlugin

from domain.character import Character, CharacterType
from domain.panel import Panel
from domain.style import DEFAULT_STYLE, STYLES, Style
from providers.errors import ProviderError
from providers.images import ReferenceImage
from providers.offline.drawing.colour import character_palette, hash_palette, parse_colour
from providers.offline.drawing.creatures import creature_look
from providers.offline.drawing.cutout import figure_from_sheet, sheet_scale
from providers.offline.drawing.humanoids import human_look
from providers.offline.drawing.lettering import lettering_font, wrap_text
from providers.offline.drawing.objects import object_kind
from providers.offline.drawing.paper import FIGURE_MASK_KEY
from providers.offline.drawing.pen import Pen
from providers.offline.drawing.scenery import scene_for
from providers.offline.drawing.styles import drawing_in, finish
from providers.offline.renderer import (
    EDIT_MODEL,
    SCENE_MODEL,
    SHEET_MODEL,
    OfflineRenderer,
    _pool,
    shutdown_pools,
    start_pool,
)
from tests.goldens.offline import GOLDENS, renders

ROOT = Path(__file__).resolve().parent.parent
GREEN = (0, 255, 0)
PANEL_W, PANEL_H = 1024, 768


def character(
    name: str = "Mara Quill", kind: CharacterType = "humanoid", palette: list[str] | None = None, **extra: str
) -> Character:
    return Character(
        id=uuid.UUID(int=1),
        name=name,
        brief="The lighthouse keeper's daughter, who listens to the sea at night.",
        character_type=kind,
        color_palette=["#2b4c7e", "#c9a227", "#8b1e3f"] if palette is None else palette,
        **extra,  # type: ignore[arg-type]
    )


def panel(background: str = "a stormy night on the lighthouse gallery", **extra: object) -> Panel:
    return Panel(id=uuid.UUID(int=2), index=0, background=background, **extra)  # type: ignore[arg-type]


def decode(data: bytes) -> Image.Image:
    image = Image.open(BytesIO(data))
    image.load()
    return image.convert("RGB")


def count_near(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 8) -> int:
    """How many pixels are within tolerance of colour on every channel."""
    diff = ImageChops.difference(image.convert("RGB"), Image.new("RGB", image.size, colour))
    r, g, b = diff.split()
    worst = ImageChops.lighter(ImageChops.lighter(r, g), b)
    return sum(worst.point(lambda v: 255 if v <= tolerance else 0).histogram()[255:])


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


async def sheet_of(ch: Character) -> bytes:
    return (await OfflineRenderer().render_character(ch, "prompt")).data


# ---------------------------------------------------------------- sheets


@pytest.mark.parametrize("kind", ["humanoid", "creature", "concept", "object"])
async def test_sheet_is_a_png_of_the_declared_size(kind: CharacterType) -> None:
    rendered = await OfflineRenderer().render_character(character(kind=kind), "prompt")
    image = decode(rendered.data)
    assert rendered.content_type == "image/png"
    assert rendered.data.startswith(b"\x89PNG")
    assert image.size == (rendered.width, rendered.height) == (768, 512)
    assert rendered.model == SHEET_MODEL
    assert rendered.provider_request_id is None


async def test_renderer_name_and_custom_sizes() -> None:
    renderer = OfflineRenderer(sheet_size=(384, 256), panel_size=(512, 384))
    assert renderer.name == "offline-renderer"
    sheet = await renderer.render_character(character(), "p")
    shot = await renderer.render_panel(panel(), "p", [])
    assert decode(sheet.data).size == (384, 256) == (sheet.width, sheet.height)
    assert decode(shot.data).size == (512, 384) == (shot.width, shot.height)


async def test_sheet_is_deterministic() -> None:
    first = await sheet_of(character(kind="creature"))
    second = await OfflineRenderer().render_character(character(kind="creature"), "a different prompt")
    assert first == second.data


async def test_the_four_types_have_visibly_different_layouts() -> None:
    sheets = {
        kind: decode(await sheet_of(character(kind=kind))) for kind in ("humanoid", "creature", "concept", "object")
    }
    for a, b in itertools.combinations(sheets, 2):
        assert mean_difference(sheets[a], sheets[b]) > 6, f"{a} and {b} sheets look alike"
    # The primary views differ in shape too: a turnaround figure is tall, a creature's side view is wide.
    humanoid = figure_from_sheet(await sheet_of(character(kind="humanoid")))
    creature = figure_from_sheet(await sheet_of(character(kind="creature")))
    assert humanoid.height > humanoid.width * 1.5
    assert creature.width > creature.height * 1.2


@pytest.mark.parametrize("kind", ["humanoid", "creature", "concept", "object"])
async def test_palette_colours_appear_in_the_sheet(kind: CharacterType) -> None:
    image = decode(await sheet_of(character(kind=kind, palette=["#00ff00", "magenta", "not a colour", "deep teal"])))
    for colour in (GREEN, (255, 0, 255), (0, 128, 128)):
        assert count_near(image, colour, tolerance=2) > 400, colour
    # The primary figure itself wears the first colour, not just the swatches.
    figure = figure_from_sheet(await sheet_of(character(kind=kind, palette=["#00ff00", "magenta"])))
    assert count_near(figure, GREEN, tolerance=2) > 200


async def test_without_a_palette_each_name_gets_its_own_colours() -> None:
    ada = decode(await sheet_of(character(name="Ada", palette=[])))
    bo = decode(await sheet_of(character(name="Bo", palette=["nonsense"])))
    assert count_near(ada, hash_palette("Ada")[0], tolerance=1) > 400
    assert count_near(bo, hash_palette("Bo")[0], tolerance=1) > 400
    assert hash_palette("Ada") != hash_palette("Bo")


async def test_long_and_non_ascii_names_render() -> None:
    odd = character(name="Ærøskøbing Ŋ 灯台守 " + "x" * 90, kind="concept")
    assert decode(await sheet_of(odd)).size == (768, 512)


# ---------------------------------------------------------------- figure extraction


async def test_figure_from_sheet_cuts_out_the_primary_view() -> None:
    figure = figure_from_sheet(await sheet_of(character(palette=["#00ff00", "#0000ff", "#ff0000"])))
    assert figure.mode == "RGBA"
    alpha = figure.getchannel("A")
    assert alpha.getpixel((0, 0)) == 0 and alpha.getpixel((figure.width - 1, 0)) == 0
    assert alpha.getpixel((figure.width // 2, figure.height // 2)) == 255
    transparent = alpha.histogram()[0] / (figure.width * figure.height)
    assert 0.15 < transparent < 0.85  # a standing figure, not a box and not empty
    assert figure.height > 200


def test_figure_from_any_png_is_the_whole_image_with_rounded_corners() -> None:
    buffer = BytesIO()
    Image.new("RGB", (300, 200), (250, 10, 10)).save(buffer, format="PNG")
    figure = figure_from_sheet(buffer.getvalue())
    assert figure.size == (300, 200)
    assert figure.getchannel("A").getpixel((0, 0)) == 0
    assert figure.getpixel((150, 100)) == (250, 10, 10, 255)


def test_figure_from_sheet_rejects_bytes_that_are_not_an_image() -> None:
    with pytest.raises(ValueError):
        figure_from_sheet(b"definitely not a png")


def without_chunk(sheet: bytes, key: str, replacement: str | None = None) -> bytes:
    """The sheet re-saved without one of its text chunks (or with another value), like an older or tampered one."""
    image = Image.open(BytesIO(sheet))
    info = PngImagePlugin.PngInfo()
    for name, value in image.text.items():
        if name != key:
            info.add_text(name, value)
        elif replacement is not None:
            info.add_text(name, replacement)
    out = BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


async def test_a_sheet_without_its_figure_mask_is_keyed_out_like_before() -> None:
    sheet = await sheet_of(character(palette=["#00ff00", "#0000ff", "#ff0000"]))
    masked = figure_from_sheet(sheet)
    for older in (without_chunk(sheet, FIGURE_MASK_KEY), without_chunk(sheet, FIGURE_MASK_KEY, "not base64 !")):
        keyed = figure_from_sheet(older)
        # Same figure either way: the outlines are the same pixels, so the cut-outs have about the same bounds.
        assert all(abs(a - b) <= 3 for a, b in zip(keyed.size, masked.size, strict=True))
        assert keyed.getchannel("A").getpixel((keyed.width // 2, keyed.height // 2)) == 255


# ---------------------------------------------------------------- panels


async def test_panel_models_and_size() -> None:
    renderer = OfflineRenderer()
    sheet = await sheet_of(character())
    with_refs = await renderer.render_panel(
        panel(characters=["Mara Quill"]), "p", [ReferenceImage("Mara Quill", sheet)]
    )
    without = await renderer.render_panel(panel(), "p", [])
    assert with_refs.model == EDIT_MODEL
    assert without.model == SCENE_MODEL
    for rendered in (with_refs, without):
        assert rendered.content_type == "image/png"
        assert decode(rendered.data).size == (rendered.width, rendered.height) == (PANEL_W, PANEL_H)


async def test_panel_is_deterministic() -> None:
    sheet = await sheet_of(character())
    shot = panel(characters=["Mara Quill"], dialogue="Did you hear that?")
    refs = [ReferenceImage("Mara Quill", sheet)]
    first = await OfflineRenderer().render_panel(shot, "p", refs)
    second = await OfflineRenderer().render_panel(shot, "p", refs)
    assert first.data == second.data


async def test_reference_figure_is_composited_into_the_panel() -> None:
    sheet = await sheet_of(character(name="Greenie", palette=["#00ff00", "#00ff00", "#00ff00"]))
    shot = panel(characters=["Greenie"])
    with_ref = decode((await OfflineRenderer().render_panel(shot, "p", [ReferenceImage("Greenie", sheet)])).data)
    without = decode((await OfflineRenderer().render_panel(shot, "p", [])).data)
    assert count_near(with_ref, GREEN) > 3000
    assert count_near(without, GREEN) == 0
    # Standing in the lower part of the panel, not pasted as a whole sheet.
    green = with_ref.point(lambda v: 255 if v > 240 else 0).split()[1]
    mask = ImageChops.multiply(green, ImageChops.invert(with_ref.split()[0].point(lambda v: 255 if v > 15 else 0)))
    bbox = mask.getbbox()
    assert bbox is not None and bbox[3] > PANEL_H * 0.6


async def test_any_png_is_accepted_as_a_reference() -> None:
    buffer = BytesIO()
    Image.new("RGB", (200, 300), (255, 0, 255)).save(buffer, format="PNG")
    refs = [ReferenceImage("Photo", buffer.getvalue()), ReferenceImage("Broken", b"not an image")]
    rendered = await OfflineRenderer().render_panel(panel(characters=["Photo", "Broken"]), "p", refs)
    assert rendered.model == EDIT_MODEL
    assert count_near(decode(rendered.data), (255, 0, 255)) > 3000


def white_in(image: Image.Image, box: tuple[int, int, int, int]) -> int:
    return count_near(image.crop(box), (255, 255, 255), tolerance=0)


async def test_dialogue_balloon_sits_above_the_first_speaker() -> None:
    sheet = await sheet_of(character())
    refs = [ReferenceImage("Mara", sheet), ReferenceImage("Nell", sheet)]
    scene = "a dark forest at night"
    talking = decode(
        (
            await OfflineRenderer().render_panel(
                panel(scene, characters=["Mara", "Nell"], dialogue="Who goes there?"), "p", refs
            )
        ).data
    )
    silent = decode((await OfflineRenderer().render_panel(panel(scene, characters=["Mara", "Nell"]), "p", refs)).data)
    top = (0, 0, PANEL_W, PANEL_H // 3)
    assert white_in(talking, top) > 8000
    assert white_in(silent, top) < 200
    balloon = ImageChops.difference(talking, silent).crop(top).convert("L").point(lambda v: 255 if v > 40 else 0)
    left, _, right, _ = balloon.getbbox() or (0, 0, 0, 0)
    assert (left + right) / 2 < PANEL_W / 2  # over the first speaker, who stands on the left


async def balloon_centre(dialogue: str, names: list[str]) -> float:
    """Horizontal centre of the balloon in a panel of two figures."""
    sheet = await sheet_of(character())
    refs = [ReferenceImage(name, sheet) for name in names]
    scene = "a dark forest at night"
    talking = decode(
        (await OfflineRenderer().render_panel(panel(scene, characters=names, dialogue=dialogue), "p", refs)).data
    )
    silent = decode((await OfflineRenderer().render_panel(panel(scene, characters=names), "p", refs)).data)
    balloon = ImageChops.difference(talking, silent).crop((0, 0, PANEL_W, PANEL_H // 3)).convert("L")
    left, _, right, _ = balloon.point(lambda v: 255 if v > 40 else 0).getbbox() or (0, 0, 0, 0)
    return (left + right) / 2


async def test_balloon_points_at_the_named_speaker_and_drops_the_name() -> None:
    names = ["Mara Quill", "Nell Wren"]
    first = await balloon_centre("Mara: Who goes there?", names)
    second = await balloon_centre("Nell: Who goes there?", names)
    by_last_name = await balloon_centre("Wren: Who goes there?", names)
    assert first < PANEL_W / 2 < second  # over whoever speaks, wherever they stand
    assert by_last_name == second
    # The prefix is not lettered: the balloon is the same as for the bare words said by the first figure.
    assert await balloon_centre("Who goes there?", names) == first
    # A name outside the panel stays in the text, and the balloon goes to the first figure.
    assert await balloon_centre("Ghost: Who goes there?", names) < PANEL_W / 2


async def test_caption_box_when_nobody_is_in_the_panel() -> None:
    rendered = await OfflineRenderer().render_panel(
        panel("dawn over a quiet harbour", dialogue="The next morning, all was calm."), "p", []
    )
    image = decode(rendered.data)
    assert count_near(image.crop((0, 0, PANEL_W // 2, PANEL_H // 4)), (255, 243, 196), tolerance=0) > 5000


async def test_long_and_non_ascii_dialogue_fits_without_crashing() -> None:
    sheet = await sheet_of(character())
    speech = "¡Olá! Ça va? Привет, мир! 灯台守 🚢 Ελληνικά — “quoted” " * 40
    rendered = await OfflineRenderer().render_panel(
        panel("a dark forest at night", characters=["Mara"], dialogue=speech), "p", [ReferenceImage("Mara", sheet)]
    )
    image = decode(rendered.data)
    assert image.size == (PANEL_W, PANEL_H)
    white = image.convert("L").point(lambda v: 255 if v == 255 else 0)
    wide_rows = [y for y in range(PANEL_H) if white.crop((0, y, PANEL_W, y + 1)).histogram()[255] > 150]
    assert wide_rows and max(wide_rows) < PANEL_H * 0.42  # the balloon is capped, so the speaker stays visible
    no_cast = await OfflineRenderer().render_panel(panel("dawn over a quiet harbour", dialogue=speech), "p", [])
    assert decode(no_cast.data).size == (PANEL_W, PANEL_H)


async def test_named_characters_without_references_get_stand_ins() -> None:
    scene = "a meadow in the afternoon"
    empty = decode((await OfflineRenderer().render_panel(panel(scene), "p", [])).data)
    named = decode((await OfflineRenderer().render_panel(panel(scene, characters=["Ann", "Bob"]), "p", [])).data)
    assert mean_difference(empty, named) > 3


async def test_different_backgrounds_give_different_scenes() -> None:
    texts = [
        "a stormy night on the lighthouse gallery",
        "dawn over a quiet harbour",
        "a desert at noon",
        "inside the tavern, by the hearth",
        "a cave with glowing crystals",
        "xyzzy",
        "plugh",
    ]
    scenes = {t: decode((await OfflineRenderer().render_panel(panel(t), "p", [])).data) for t in texts}
    for a, b in itertools.combinations(texts, 2):
        assert mean_difference(scenes[a], scenes[b]) > 5, f"{a!r} vs {b!r}"
    night_sky = ImageStat.Stat(scenes[texts[0]].crop((0, 0, PANEL_W, 100)).convert("L")).mean[0]
    dawn_sky = ImageStat.Stat(scenes[texts[1]].crop((0, 0, PANEL_W, 100)).convert("L")).mean[0]
    assert night_sky < dawn_sky - 40


async def test_panel_has_a_black_border() -> None:
    image = decode((await OfflineRenderer().render_panel(panel("dawn over a quiet harbour"), "p", [])).data)
    for xy in ((3, 3), (PANEL_W - 4, PANEL_H // 2), (PANEL_W // 2, PANEL_H - 4), (3, PANEL_H // 2)):
        assert image.getpixel(xy) == (0, 0, 0)


# ---------------------------------------------------------------- keywords and lettering


def test_scene_keywords_are_whole_words() -> None:
    scene = scene_for("On the lighthouse gallery at night (stormy): the keeper raised the lamp")
    assert (scene.time, scene.weather, scene.setting) == ("night", "storm", "sea")
    assert {"lighthouse", "railing"} <= scene.features
    assert scene_for("Her voice was nice and calm").weather is None  # "ice" is not in "voice"
    assert scene_for("the space station in orbit").setting == "space"


def test_character_keywords_shape_the_figure() -> None:
    palette = character_palette(["#123456", "#654321", "#abcdef"], "Ann")
    look = human_look("Ann", palette, "a yellow sou'wester hat and a brass lantern, a long cape", "stern")
    assert (look.hat, look.prop, look.cape, look.stern) == ("hat", "lantern", True, True)
    assert look.hat_colour == (255, 255, 0)
    assert creature_look("Old Brinefang", palette, "a giant sea serpent").kind == "serpent"
    assert object_kind("an old brass compass", "The Guide") == "disc"
    eyes = [
        ("a sea monster with eyes like lanterns", True),
        ("a wolf with ember eyes", True),
        ("a gentle sea serpent", False),
        ("a serpent with a lantern on its tail", False),
    ]
    for text, glowing in eyes:
        assert (creature_look("Nessa", palette, text).eye != (255, 255, 255)) == glowing, text
    assert parse_colour("deep teal") == (0, 128, 128)
    assert parse_colour("#zzzzzz") is None


def test_lettering_uses_the_comic_font_and_replaces_missing_glyphs() -> None:
    pytest.importorskip("font_intuitive")
    font, shown = lettering_font("Hello there!", 24)
    assert isinstance(font, ImageFont.FreeTypeFont) and font.getname()[0] == "Intuitive"
    assert shown == "Hello there!"
    _, cjk = lettering_font("灯台", 24)
    assert len(cjk) == 2  # drawn with a fallback font, or as '?', never dropped


def test_wrap_text_breaks_long_words() -> None:
    font, _ = lettering_font("x", 20)
    lines = wrap_text("a " + "W" * 200 + " b", font, 120)
    assert all(font.getlength(line) <= 120 for line in lines)
    assert "".join(lines).replace(" ", "") == "a" + "W" * 200 + "b"


# ---------------------------------------------------------------- metadata and the process pool


async def test_panel_metadata_names_the_scene_and_where_each_figure_stands() -> None:
    green = await sheet_of(character(name="Greenie", palette=["#00ff00", "#00ff00", "#00ff00"]))
    other = await sheet_of(character(name="Nell Wren"))
    refs = [ReferenceImage("Greenie", green), ReferenceImage("Nell Wren", other)]
    shot = panel("a desert at noon", characters=["Greenie", "Nell Wren"]).model_copy(update={"index": 3})
    rendered = await OfflineRenderer(lettered=False).render_panel(shot, "p", refs)
    meta = rendered.metadata
    assert (meta["scene"], meta["time"], meta["shot"]) == ("desert", "day", "medium")
    assert [f["name"] for f in meta["figures"]] == ["Greenie", "Nell Wren"]
    for figure in meta["figures"]:
        x0, y0, x1, y1 = figure["box"]
        assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    assert meta["figures"][0]["box"][2] <= meta["figures"][1]["box"][0]  # left to right, as named
    # The box is where the figure was drawn: what the panel has more than the empty scene on its side, from the
    # top of the head (within 2 pixels) to the feet (the shadow just below them aside).
    empty = decode((await OfflineRenderer(lettered=False).render_panel(panel("a desert at noon"), "p", [])).data)
    image = decode(rendered.data)
    box = [round(v * s) for v, s in zip(meta["figures"][0]["box"], (PANEL_W, PANEL_H) * 2, strict=True)]
    left_half = (0, 0, (box[2] + round(meta["figures"][1]["box"][0] * PANEL_W)) // 2, PANEL_H)
    changed = ImageChops.difference(image.crop(left_half), empty.crop(left_half)).convert("L")
    drawn = changed.point(lambda v: 255 if v > 24 else 0).getbbox()
    assert drawn is not None
    assert all(abs(a - b) <= 2 for a, b in zip(drawn[:3], box[:3], strict=True)), (drawn, box)
    assert box[3] - 2 <= drawn[3] <= box[3] + 12


@pytest.mark.parametrize(
    ("background", "scene"),
    [
        ("a stormy night on the lighthouse gallery", "sea"),
        ("inside the tavern, by the hearth", "interior"),
        ("a cave with glowing crystals", "cave"),
        ("the space station in orbit", "space"),
        ("the city streets at dusk", "city"),
        ("In Ravenholt's iron fortress on the black shoals at night (desperate)", "sea"),
        ("On the rooftop above the attic at night (stormy)", "city"),  # the place named first
        ("In a narrow attic above the rooftops of Lanternhall at dusk", "interior"),
        ("Across the endless salt flats at dusk (tense)", "desert"),
        ("In the garden at the edge of Thornwick at dusk", "garden"),
        ("In a cramped repair bay on the outer ring of Meridian Station", "station"),  # a room aboard, a viewport
    ],
)
async def test_the_scene_kind_drawn_follows_the_background(background: str, scene: str) -> None:
    rendered = await OfflineRenderer().render_panel(panel(background), "p", [])
    assert rendered.metadata["scene"] == scene
    assert rendered.metadata["figures"] == []


async def test_creatures_stand_at_the_scale_their_sheet_shows() -> None:
    person = await sheet_of(character(name="Mara Quill"))
    monster = character(name="Old Brinefang", kind="creature", visual_form="a giant sea serpent")
    fox = character(name="Pip", kind="creature", visual_form="a small fox")
    assert sheet_scale(await sheet_of(monster)) == pytest.approx(4.8) and sheet_scale(person) is None
    names = ["Mara Quill", "Old Brinefang", "Pip"]
    refs = [ReferenceImage("Mara Quill", person), ReferenceImage("Old Brinefang", await sheet_of(monster))]
    refs.append(ReferenceImage("Pip", await sheet_of(fox)))
    rendered = await OfflineRenderer(lettered=False).render_panel(
        panel("a harbour at dawn", characters=names), "p", refs
    )
    heights = {f["name"]: f["box"][3] - f["box"][1] for f in rendered.metadata["figures"]}
    # The sea monster rises well above the keeper (its sheet: several times a person); the small fox is knee-high.
    assert heights["Old Brinefang"] > 1.2 * heights["Mara Quill"]  # as tall as the panel lets it
    assert heights["Pip"] < 0.5 * heights["Mara Quill"]


async def test_shots_vary_with_the_panel() -> None:
    sheet = await sheet_of(character(name="Mara Quill"))
    refs = [ReferenceImage("Mara Quill", sheet), ReferenceImage("Nell", sheet)]
    renderer = OfflineRenderer(lettered=False)

    async def framed(index: int, names: list[str], dialogue: str = "") -> dict[str, Any]:
        shot = panel("a meadow in the afternoon", characters=names, dialogue=dialogue)
        shot = shot.model_copy(update={"index": index})
        return dict((await renderer.render_panel(shot, "p", refs[: len(names)])).metadata)

    opening, medium = await framed(0, ["Mara Quill", "Nell"]), await framed(4, ["Mara Quill", "Nell"])
    close = await framed(4, ["Mara Quill"], "Mara Quill: Listen!")
    assert (opening["shot"], medium["shot"], close["shot"]) == ("establishing", "medium", "close-up")

    def height(meta: dict[str, Any]) -> float:
        box = meta["figures"][0]["box"]
        return float(box[3] - box[1])

    assert height(opening) < 0.75 * height(medium)  # small figures in a wide view of the place
    x0, y0, x1, y1 = close["figures"][0]["box"]
    assert y1 == 1.0 and y0 < 0.2 and x1 - x0 > 0.4  # head and shoulders filling the frame, the rest below it


async def test_sheet_metadata_names_its_kind() -> None:
    for kind in ("humanoid", "creature", "concept", "object"):
        rendered = await OfflineRenderer().render_character(character(kind=kind), "prompt")  # type: ignore[arg-type]
        drawn_as = "person" if kind == "humanoid" else kind
        assert rendered.metadata == {"kind": kind, "style": "western", "drawn_as": drawn_as}


async def test_the_process_pool_draws_the_same_bytes_as_a_thread() -> None:
    threaded, pooled = OfflineRenderer(processes=0), OfflineRenderer(processes=2)
    try:
        ch = character()
        sheets = await asyncio.gather(*(r.render_character(ch, "p") for r in (threaded, pooled)))
        assert sheets[0].data == sheets[1].data
        refs = [ReferenceImage("Mara Quill", sheets[0].data)]
        shots = [panel(characters=["Mara Quill"], dialogue=f"Line {i}") for i in range(4)]
        in_thread = [await threaded.render_panel(s, "p", refs) for s in shots]
        in_pool = await asyncio.gather(*(pooled.render_panel(s, "p", refs) for s in shots))
        assert [r.data for r in in_pool] == [r.data for r in in_thread]
        assert [r.metadata for r in in_pool] == [r.metadata for r in in_thread]
        # One pool per size, shared by every renderer of the process.
        assert _pool(2) is _pool(2)
    finally:
        shutdown_pools()


async def test_a_render_process_that_dies_fails_the_render_retryably_and_the_next_one_works() -> None:
    pooled = OfflineRenderer(processes=1)
    try:
        await pooled.render_panel(panel(), "p", [])  # the pool and its process are up
        pool = _pool(1)
        assert isinstance(pool, ProcessPoolExecutor)
        pids = list(pool._processes)
        with pytest.raises(ProviderError) as failure:
            await asyncio.get_running_loop().run_in_executor(None, os.kill, pids[0], signal.SIGKILL)
            await pooled.render_panel(panel("a desert at noon"), "p", [])
        assert failure.value.retryable
        assert (await pooled.render_panel(panel("a desert at noon"), "p", [])).data.startswith(b"\x89PNG")
        assert _pool(1) is not pool
    finally:
        shutdown_pools()


async def test_the_render_processes_can_be_started_before_the_first_render() -> None:
    """What a worker does at start (providers.factory.start_image_processes): every process up, none on demand."""
    try:
        await start_pool(2)
        pool = _pool(2)
        assert isinstance(pool, ProcessPoolExecutor)
        processes = dict(pool._processes)
        assert len(processes) == 2 and all(p.is_alive() for p in processes.values())
        await OfflineRenderer(processes=2).render_panel(panel(), "p", [])
        assert dict(pool._processes) == processes, "the first render spawned nothing more"
        await start_pool(0)  # drawing in a thread: nothing to start
    finally:
        shutdown_pools()


# ---------------------------------------------------------------- styles and goldens


async def styled(style: Style) -> tuple[Image.Image, Image.Image]:
    """A sheet and a panel showing its figure, in `style` (a second render must give the same bytes)."""
    renderer = OfflineRenderer(lettered=False)
    sheet = await renderer.render_character(character(), "p", style=style)
    again = await renderer.render_character(character(), "p", style=style)
    assert sheet.data == again.data and sheet.metadata["style"] == style
    shot = panel("a desert at noon", characters=["Mara Quill"])
    refs = [ReferenceImage("Mara Quill", sheet.data)]
    first = await renderer.render_panel(shot, "p", refs, style=style)
    second = await renderer.render_panel(shot, "p", refs, style=style)
    assert first.data == second.data and first.metadata["style"] == style
    return decode(sheet.data), decode(first.data)


def saturation(image: Image.Image) -> float:
    return ImageStat.Stat(image.convert("HSV").getchannel("S")).mean[0]


def grain(image: Image.Image) -> float:
    """How textured an area is: the spread of its grey levels around a smooth version of it."""
    grey = image.convert("L")
    return ImageStat.Stat(ImageChops.difference(grey, grey.filter(ImageFilter.GaussianBlur(4)))).mean[0]


def channel_spread(image: Image.Image) -> float:
    """Mean of the largest difference between colour channels: 0 for a grey image."""
    r, g, b = image.split()
    return ImageStat.Stat(ImageChops.lighter(ImageChops.difference(r, g), ImageChops.difference(g, b))).mean[0]


async def test_each_style_draws_sheets_and_panels_its_own_way_deterministically() -> None:
    images = {style: await styled(style) for style in STYLES}
    for a, b in itertools.combinations(STYLES, 2):
        for kind in (0, 1):
            assert mean_difference(images[a][kind], images[b][kind]) > 4, f"{a} vs {b} ({('sheet', 'panel')[kind]})"
    default = await OfflineRenderer(lettered=False).render_character(character(), "p")
    assert decode(default.data).tobytes() == images[DEFAULT_STYLE][0].tobytes()  # western is the default
    for image in images["manga"]:
        assert channel_spread(image) < 1  # black and white with grey tones
    for image in images["noir"]:
        assert saturation(image) < 12  # stark greys; only the red accent keeps colour
    western = images["western"][1]
    watercolor, pastel = images["watercolor"][1], images["childrens_book"][1]
    assert saturation(watercolor) < saturation(western) and saturation(pastel) < saturation(western)
    assert ImageStat.Stat(pastel.convert("L")).mean[0] > ImageStat.Stat(western.convert("L")).mean[0] + 10


async def test_noir_keeps_red_as_its_one_accent() -> None:
    sheet = await OfflineRenderer().render_character(
        character(palette=["#d01010", "#1040d0", "#10a030"]), "p", style="noir"
    )
    image = decode(sheet.data)
    red = count_near(image, (208, 16, 16), tolerance=40)
    assert red > 2000  # the red coat
    assert count_near(image, (16, 64, 208), tolerance=40) == 0 and count_near(image, (16, 160, 48), tolerance=40) == 0


def test_watercolor_softens_edges_and_shows_the_paper_grain() -> None:
    hard = Image.new("RGB", (200, 100), (40, 80, 160))
    hard.paste((250, 250, 250), (100, 0, 200, 100))  # a hard edge at x = 100
    western, watercolor = finish(hard, "western"), finish(hard, "watercolor")
    assert western is hard
    grey = watercolor.convert("L")
    # Each side bleeds into the other next to the edge (by more than the grain's few levels of variation).
    assert grey.getpixel((99, 50)) > grey.getpixel((80, 50)) + 12
    assert grey.getpixel((100, 50)) < grey.getpixel((130, 50)) - 12
    flat = (10, 10, 80, 90)  # one colour in the original: blotches of paper grain in the wash
    assert ImageStat.Stat(grey.crop(flat)).stddev[0] > 1 and ImageStat.Stat(hard.crop(flat)).stddev == [0, 0, 0]


def test_line_weight_follows_the_style() -> None:
    widths = {}
    for style in STYLES:
        with drawing_in(style):
            widths[style] = Pen(Image.new("RGBA", (10, 10)), (0, 0), 6.0).ink_width
    assert widths["manga"] < widths["western"] < widths["noir"] < widths["childrens_book"]
    assert Pen(Image.new("RGBA", (10, 10)), (0, 0), 6.0).ink_width == widths["western"]  # outside any style


async def test_renders_match_the_goldens() -> None:
    golden = json.loads(GOLDENS.read_text())
    if golden["pillow"] != PIL.__version__:
        pytest.skip(f"goldens made with Pillow {golden['pillow']}, this is {PIL.__version__}: regenerate them")
    assert await renders() == golden["renders"], (
        "drawing changed: look at the images, then python -m tests.goldens.offline"
    )


ORPHAN_SCRIPT = """
import asyncio, sys, time, uuid
from domain.panel import Panel
from providers.offline.renderer import OfflineRenderer, _pool
async def both():
    renderer = OfflineRenderer(processes=2)
    shot = Panel(id=uuid.uuid4(), index=1, background="a desert at noon")
    await asyncio.gather(*(renderer.render_panel(shot, "", []) for _ in range(2)))
asyncio.run(both())
print(" ".join(str(pid) for pid in _pool(2)._processes), flush=True)
time.sleep(600)
"""


async def test_render_processes_exit_when_their_worker_is_killed() -> None:
    owner = await asyncio.create_subprocess_exec(
        sys.executable, "-c", ORPHAN_SCRIPT, cwd=ROOT, stdout=asyncio.subprocess.PIPE
    )
    assert owner.stdout is not None
    line = await asyncio.wait_for(owner.stdout.readline(), 120)
    children = [int(pid) for pid in line.split()]
    assert len(children) == 2 and all(alive(pid) for pid in children)
    owner.kill()
    await owner.wait()
    for _ in range(300):  # they notice within a second or two; the loop only bounds a hang
        if not any(alive(pid) for pid in children):
            break
        await asyncio.sleep(0.1)
    assert not any(alive(pid) for pid in children)


def alive(pid: int) -> bool:
    """Whether the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
