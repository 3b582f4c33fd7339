"""The panel renderer's cost savings keep the pixels: what each skips, and that the result is the same."""

import re
import uuid
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw

import comics.fonts as fonts
from domain.panel import Panel
from providers.offline.drawing import panels, pen
from providers.offline.drawing.colour import INK
from providers.offline.drawing.pen import Pen
from providers.offline.drawing.scenery import scene_for
from providers.offline.drawing.scenes import ScenePainter
from tests.offline_cases import sheet

Shape = list[tuple[float, float]]

# Outlined polygons as figures draw them: convex, concave, thin, partly off the layer, a fill the colour of the ink.
POLYGONS: list[tuple[str, Shape, tuple[int, int, int] | None]] = [
    ("triangle", [(10.0, 10.0), (60.0, 15.5), (30.25, 70.0)], (200, 120, 40)),
    ("concave", [(5.0, 5.0), (80.0, 5.0), (40.0, 30.0), (80.0, 60.0), (5.0, 60.0)], (40, 160, 90)),
    ("sliver", [(10.0, 40.0), (90.0, 41.5), (10.0, 43.0)], (90, 90, 200)),
    ("off the layer", [(-20.0, -10.0), (50.0, 20.0), (30.0, 120.0)], (250, 240, 230)),
    ("no fill", [(20.0, 20.0), (70.0, 25.0), (45.0, 80.0)], None),
    ("ink fill", [(20.0, 20.0), (70.0, 25.0), (45.0, 80.0)], INK),
]


def _count_new(monkeypatch: pytest.MonkeyPatch, mode: str) -> list[str]:
    """Every Image.new of `mode` from now on, as a list that grows."""
    made: list[str] = []
    new: Callable[..., Image.Image] = Image.new

    def counting(m: str, *args: Any, **kwargs: Any) -> Image.Image:
        if m == mode:
            made.append(m)
        return new(m, *args, **kwargs)

    monkeypatch.setattr(Image, "new", counting)
    return made


@pytest.mark.parametrize(("name", "shape", "fill"), POLYGONS, ids=[p[0] for p in POLYGONS])
@pytest.mark.parametrize("unit", [1.0, 2.5, 6.0])  # ink 2, 2 and 5 pixels wide
def test_an_outlined_polygon_is_drawn_as_pillow_draws_it(
    name: str, shape: Shape, fill: tuple[int, int, int] | None, unit: float
) -> None:
    expected = Image.new("RGBA", (240, 200), (0, 0, 0, 0))
    drawn = Image.new("RGBA", (240, 200), (0, 0, 0, 0))
    pen = Pen(drawn, (20.0, 10.0), unit)
    ImageDraw.Draw(expected).polygon([pen.p(x, y) for x, y in shape], fill=fill, outline=INK, width=pen.ink_width)
    for _ in range(2):  # twice: the mask kept from the first is blank again for the second
        pen.poly(shape, fill)
    assert ImageChops.difference(drawn, expected).getbbox() is None


def test_outlined_polygons_share_one_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    pen = Pen(Image.new("RGBA", (400, 300), (0, 0, 0, 0)), (0.0, 0.0), 3.0)
    masks = _count_new(monkeypatch, "1")
    for _, shape, fill in POLYGONS:
        pen.poly(shape, fill)
    assert len(masks) <= 1  # Pillow alone makes a layer-sized mask for every one of them


def test_a_creatures_cut_out_is_not_decoded_for_a_panel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Creatures and people are drawn again in their pose: only other figures need their sheet's pixels."""
    refs = [
        sheet("Mara Quill", "humanoid", "a keeper in a yellow coat"),
        sheet("Old Brinefang", "creature", "a giant sea serpent with green scales"),
        sheet("Northwake", "object", "an old brass compass"),
    ]
    panels.clear_caches()
    decoded: list[bytes] = []
    cut_out = panels.cached_figure

    def counting(data: bytes) -> Image.Image:
        decoded.append(data)
        return cut_out(data)

    monkeypatch.setattr(panels, "cached_figure", counting)
    shot = Panel(id=uuid.UUID(int=5), index=2, background="on the lighthouse gallery at night",
                 characters=[r.name for r in refs], dialogue="Mara Quill: Hold on!")  # fmt: skip
    art = panels.draw_panel(shot, refs, (1024, 768), False)
    assert decoded == [refs[2].data]
    assert {f["name"] for f in art.metadata["figures"]} == {r.name for r in refs}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hold on!", [(fonts.COMIC, "Hold on!")]),
        ("", []),
        ("  two  spaces ", [(fonts.COMIC, "  two  spaces ")]),
        ("It's 3 o'clock - (maybe) ~50% #1 @ $2 & {x}", [(fonts.COMIC, "It's 3 o'clock - (maybe) ~50% #1 @ $2 & {x}")]),
    ],
)
def test_plain_text_is_one_comic_run_without_per_letter_work(
    monkeypatch: pytest.MonkeyPatch, text: str, expected: list[tuple[fonts.Face, str]]
) -> None:
    """Lettering measures thousands of candidate lines a panel: plain ASCII needs no normalising or face search."""
    fonts.width.cache_clear()

    def refuse(*_: object) -> None:
        raise AssertionError("per-letter work for plain text")

    class NoUnicodeData:  # comics.fonts's own name for the module only: pytest keeps the real one
        def __getattr__(self, name: str) -> Callable[..., None]:
            return refuse

    monkeypatch.setattr(fonts, "unicodedata", NoUnicodeData())
    monkeypatch.setattr(fonts, "_word_faces", refuse)
    assert fonts.runs(text) == expected
    assert fonts.clusters(text) == list(text)


@pytest.mark.parametrize(
    ("text", "faces"),
    [
        ("café ok", [fonts.COMIC]),  # Intuitive has the accents
        ("hi 😀", [fonts.COMIC, fonts.EMOJI]),
        ("tab\there", [fonts.COMIC]),  # a control character is dropped, the rest one run
        ("東京 ok", [fonts.CJK, fonts.COMIC]),
    ],
)
def test_other_text_still_goes_face_by_face(text: str, faces: list[fonts.Face]) -> None:
    runs = fonts.runs(text)
    assert [face for face, _ in runs] == faces
    assert "".join(run for _, run in runs) == text.replace("\t", "")


# Keyword tables and texts as scenes and moods match them: whole words, endings, phrases, several present.
MATCHES: list[tuple[str, tuple[str, ...], list[int]]] = [
    ("A stormy night at the lighthouse", ("storm", "rain", "fog"), [2]),
    ("his voice on the ice", ("ice",), [17]),
    ("a cape, a cap and caps", ("cap", "cape"), [2, 10, 18]),
    ("the sea monster rose from the sea", ("sea", "sea monster", "kraken"), [4, 30]),
    ("nothing to see here", ("volcano", "lava", "eruption"), []),
    ("", ("anything",), []),
]


def _reference(text: str, words: tuple[str, ...]) -> list[int]:
    """The matches of the whole list's pattern (what pen matched with before it left out absent words)."""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})(?:s|es|y|ies|ing|ed|er|ers)?\b")
    return [found.start() for found in pattern.finditer(text.lower())]


@pytest.mark.parametrize(("text", "words", "starts"), MATCHES, ids=[m[0] or "empty" for m in MATCHES])
def test_keywords_match_as_the_whole_lists_pattern_does(text: str, words: tuple[str, ...], starts: list[int]) -> None:
    assert pen.match_starts(text, words) == starts == _reference(text, words)
    assert pen.has_any(text, words) is bool(starts)
    assert pen.first_match(text, words) == (starts[0] if starts else None)


def test_a_keyword_list_absent_from_the_text_compiles_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    compile_ = re.compile

    def counting(pattern: str, *args: Any) -> re.Pattern[str]:
        compiled.append(pattern)
        return compile_(pattern, *args)

    monkeypatch.setattr(pen.re, "compile", counting)
    pen._word_pattern.cache_clear()
    assert not pen.has_any("a quiet harbour at dawn", ("volcano", "lava", "eruption", "crater", "ash"))
    assert pen.match_starts("the crater smoked", ("volcano", "lava", "eruption", "crater", "ash")) == [4]
    assert compiled == [r"\b(?:crater)(?:s|es|y|ies|ing|ed|er|ers)?\b"]  # only the word the text has


@pytest.mark.parametrize(
    ("background", "weather"),
    [
        ("a rainy street in the city at noon", "rain"),
        ("a snowy field at dawn", "snow"),
        ("a foggy harbour at dusk", "fog"),
        ("a dusty desert road, dust storm", "dust"),
    ],
)
def test_weather_of_one_colour_needs_no_layer_the_scenes_size(
    monkeypatch: pytest.MonkeyPatch, background: str, weather: str
) -> None:
    """Rain, snow, grit and a veil are one colour each: their alpha on a mask, the colour put through it (the storm's
    lightning, a colour of its own over its rain, keeps its layer)."""
    scene = scene_for(background)
    assert scene.weather == weather
    made: list[tuple[int, int]] = []
    new: Callable[..., Image.Image] = Image.new

    def counting(mode: str, size: tuple[int, int], *args: Any, **kwargs: Any) -> Image.Image:
        if mode == "RGBA" and tuple(size) == (2048, 1536):
            made.append(size)
        return new(mode, size, *args, **kwargs)

    monkeypatch.setattr(Image, "new", counting)
    ScenePainter(scene, (2048, 1536), []).paint()
    assert made == []  # before: one to three 12 MB layers each (an empty one for fog and dust)


def test_shadows_go_on_a_mask_of_the_canvas(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [sheet("Mara Quill", "humanoid", "a keeper in a yellow coat"), sheet("Tam", "humanoid", "a boy")]
    layers: list[str] = []
    new: Callable[..., Image.Image] = Image.new

    def counting(mode: str, size: tuple[int, int], *args: Any, **kwargs: Any) -> Image.Image:
        layers.extend([mode] if tuple(size) == (1024, 768) else [])
        return new(mode, size, *args, **kwargs)

    monkeypatch.setattr(Image, "new", counting)
    panels.clear_caches()
    shot = Panel(id=uuid.UUID(int=6), index=2, background="a beach at noon", characters=["Mara Quill", "Tam"])
    panels.draw_panel(shot, refs, (1024, 768), False)
    assert "RGBA" not in layers and "L" in layers  # before: an RGBA layer the canvas's size for their shadows


def test_a_panel_reads_each_sheets_header_once(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [sheet("Mara Quill", "humanoid", "a keeper in a yellow coat"), sheet("Northwake", "object", "a compass")]
    opened: list[bytes] = []
    open_: Callable[..., Image.Image] = Image.open

    def counting(source: Any, *args: Any, **kwargs: Any) -> Image.Image:
        opened.append(source.getvalue() if isinstance(source, BytesIO) else b"")
        return open_(source, *args, **kwargs)

    panels.clear_caches()
    monkeypatch.setattr(Image, "open", counting)
    shot = Panel(id=uuid.UUID(int=7), index=2, background="a beach at noon", characters=["Mara Quill", "Northwake"])
    art = panels.draw_panel(shot, refs, (1024, 768), False)
    # Its kind, role, scale and look from one read; the object's pixels for its cut-out (before: 4-5 reads each).
    assert opened.count(refs[0].data) == 1 and opened.count(refs[1].data) == 2
    assert [f["name"] for f in art.metadata["figures"]] == ["Mara Quill", "Northwake"]


# Balloons on the supersampled layer: in the middle, against each edge, in a corner, a thin tail alone.
BALLOONS: list[tuple[str, tuple[int, int, int, int]]] = [
    ("middle", (700, 300, 1300, 700)),
    ("left edge", (0, 200, 500, 600)),
    ("top right corner", (1500, 0, 2048, 420)),
    ("bottom edge", (600, 1200, 1200, 1536)),
    ("sliver", (1001, 803, 1004, 1190)),
    ("sliver on the right edge", (2041, 5, 2047, 900)),
    ("dot", (1333, 777, 1336, 779)),
]


@pytest.mark.parametrize(("name", "box"), BALLOONS, ids=[b[0] for b in BALLOONS])
def test_a_balloon_layer_reduced_over_its_drawn_part_is_the_whole_layer_reduced(
    name: str, box: tuple[int, int, int, int]
) -> None:
    layer = Image.new("RGBA", (2048, 1536), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.ellipse(box, fill=(255, 255, 255), outline=INK, width=6)
    draw.polygon([(box[0], box[3]), ((box[0] + box[2]) / 2, box[1]), (box[2], box[3])], fill=(250, 240, 200))
    canvas = Image.new("RGB", (1024, 768), (40, 90, 160))
    expected = canvas.copy()
    whole = layer.resize(canvas.size, Image.Resampling.LANCZOS)
    expected.paste(whole, (0, 0), whole)
    panels._paste_reduced(canvas, layer)
    assert ImageChops.difference(canvas, expected).getbbox() is None


def test_a_lettered_panels_balloon_is_not_resized_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    refs = [sheet("Mara Quill", "humanoid", "a keeper in a yellow coat")]
    sizes: list[tuple[int, int]] = []
    resize = Image.Image.resize

    def recording(image: Image.Image, size: tuple[int, int], *args: Any, **kwargs: Any) -> Image.Image:
        sizes.append(tuple(size))  # type: ignore[arg-type]
        return resize(image, size, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "resize", recording)
    panels.clear_caches()
    shot = Panel(id=uuid.UUID(int=8), index=2, background="a beach at noon", characters=["Mara Quill"],
                 dialogue="Mara Quill: The tide is turning, hold on!")  # fmt: skip
    panels.draw_panel(shot, refs, (1024, 768), True)
    assert sizes and (1024, 768) not in sizes  # before: the 2048x1536 layer converted and filtered whole
