"""The finished comic's building blocks: page layout, lettering and export (pure functions, no services)."""

import asyncio
import hashlib
import math
import os
import subprocess
import sys
import unicodedata
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from io import BytesIO
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from PIL import Image, ImageChops, ImageDraw
from pydantic import ValidationError
from pypdf import PdfReader

from comics import fonts
from comics.balloons import draw_layout
from comics.comicinfo import ComicInfo
from comics.export import compose_page, export_cbz, export_pdf, export_png_zip, fit_art
from comics.layout import Emphasis, PageLayout, PageSpec, layout_comic, split_pages
from comics.lettering import (
    Balloon,
    Box,
    LetteringLayout,
    PanelLettering,
    PlacedBalloon,
    layout_lettering,
    letter_panel,
)
from comics.script import CLEAR_TOP, lettering_for_panel
from core.config import Settings
from domain.artifact import Artifact
from domain.edits import EditRejected, StateEdit, apply_edit
from domain.page import Page
from domain.panel import Panel
from domain.state import ConsolidatedComicState
from providers.factory import make_images
from providers.offline.renderer import OfflineRenderer
from providers.prompts import panel_prompt

XSD = Path(__file__).parent / "data" / "ComicInfo-v2.0.xsd"
ROOT = Path(__file__).resolve().parent.parent

LONG = " ".join(["The lamp went out at midnight and nobody on the island knows why, not even old Idris."] * 6)
SHORT = "Hi!"
MULTI = "Wait. Listen.\nDo you hear that? Under the waves, something is singing."
CJK = "「灯台守と海の怪物」"
EMOJI = "We did it! 🎉🐙"
ACCENTS = "Zoë, ça va? Ñandú!"
TEXTS = {"long": LONG, "short": SHORT, "multi": MULTI, "cjk": CJK, "emoji": EMOJI, "accents": ACCENTS}


def png(size: tuple[int, int], colour: tuple[int, int, int] = (90, 140, 200)) -> bytes:
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill=(240, 200, 80))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


# ---------------------------------------------------------------- layout


def check_pages(pages: list[PageLayout], count: int, spec: PageSpec) -> None:
    placed = [slot.panel for page in pages for slot in page.panels]
    assert placed == list(range(count)), "every panel exactly once, in reading order"
    for page in pages:
        assert page.width == spec.width and page.height == spec.height
        inner = page.content
        assert inner.x >= spec.margin and inner.y >= spec.margin
        assert inner.right <= spec.width - spec.margin and inner.bottom <= spec.height - spec.margin
        for slot in page.panels:
            assert inner.contains(slot.rect), (page.number, slot)
        for one, two in combinations(page.panels, 2):
            assert one.rect.gap_to(two.rect) >= spec.gutter, (page.number, one, two)
        assert (page.title_box is not None) == (page.number == 1)
        assert page.number_box.y >= inner.bottom and page.number_box.bottom <= spec.height
        if count > 1 and page.panels[0].emphasis != "splash":
            assert len(page.panels) > 1, "no page with a lone panel when it can be avoided"


@pytest.mark.parametrize("preference", ["grid", "dynamic"])
@pytest.mark.parametrize(("count", "pages"), [(1, 1), (4, 1), (6, 1), (9, 2), (13, 3)])
def test_pages_place_every_panel_once_inside_margins_with_gutters(count: int, pages: int, preference: str) -> None:
    spec = PageSpec()
    laid = layout_comic(["normal"] * count, spec, preference)  # type: ignore[arg-type]
    assert len(laid) == pages
    assert [page.number for page in laid] == list(range(1, pages + 1))
    check_pages(laid, count, spec)


def test_page_splits_are_even_and_never_leave_a_lone_panel() -> None:
    assert [len(p) for p in split_pages(["normal"] * 13)] == [4, 4, 5]
    assert [len(p) for p in split_pages(["normal"] * 7)] == [3, 4]
    for count in range(2, 40):
        sizes = [len(p) for p in split_pages(["normal"] * count)]
        assert max(sizes) <= 6 and min(sizes) >= 2 and max(sizes) - min(sizes) <= 1, (count, sizes)


def test_wide_panel_spans_the_content_width_in_a_row_of_its_own() -> None:
    emphases: list[Emphasis] = ["normal", "wide", "normal", "normal", "normal"]
    for preference in ("grid", "dynamic"):
        (page,) = layout_comic(emphases, preference=preference)
        wide = next(slot for slot in page.panels if slot.emphasis == "wide")
        assert wide.panel == 1
        assert wide.rect.x == page.content.x and wide.rect.width == page.content.width
        for other in page.panels:
            if other is not wide:
                assert other.rect.bottom <= wide.rect.y or other.rect.y >= wide.rect.bottom
        check_pages([page], len(emphases), PageSpec())


def test_splash_takes_a_page_of_its_own() -> None:
    emphases: list[Emphasis] = ["normal", "normal", "normal", "splash", "normal", "normal"]
    pages = layout_comic(emphases)
    assert [[slot.panel for slot in page.panels] for page in pages] == [[0, 1, 2], [3], [4, 5]]
    splash = pages[1].panels[0]
    assert splash.emphasis == "splash" and splash.rect == pages[1].content
    check_pages(pages, len(emphases), PageSpec())


def test_custom_page_spec_is_respected() -> None:
    spec = PageSpec(width=1200, height=1800, margin=40, gutter=16, title_height=120)
    check_pages(layout_comic(["normal"] * 11, spec, "dynamic"), 11, spec)


# ---------------------------------------------------------------- lettering


def inside_ellipse(box: Box, body: Box) -> bool:
    cx, cy, a, b = (body.x0 + body.x1) / 2, (body.y0 + body.y1) / 2, body.width / 2, body.height / 2
    corners = [(x, y) for x in (box.x0, box.x1) for y in (box.y0, box.y1)]
    return all(((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1.0 + 1e-6 for x, y in corners)


def check_contained(layout: LetteringLayout) -> None:
    panel = Box(x0=0, y0=0, x1=layout.width, y1=layout.height)
    for placed in layout.balloons:
        assert panel.contains(placed.extent, tolerance=0), placed.extent
        assert placed.extent.contains(placed.body, tolerance=0.01)
        for line in placed.lines:
            assert panel.contains(line.box, tolerance=0)
            if placed.shape == "ellipse":
                assert inside_ellipse(line.box, placed.body), (placed.text, line)
            elif placed.shape == "rect":
                assert placed.body.contains(line.box, tolerance=0), (placed.text, line)
            else:
                assert placed.extent.contains(line.box, tolerance=0), (placed.text, line)


@pytest.mark.parametrize("kind", ["speech", "thought", "caption", "sfx"])
@pytest.mark.parametrize("name", list(TEXTS))
def test_no_letter_outside_its_balloon_or_the_panel(kind: str, name: str) -> None:
    for size in ((723, 628), (1474, 540), (300, 220)):
        lettering = PanelLettering(balloons=[Balloon(kind=kind, text=TEXTS[name], speaker_x=0.3)])  # type: ignore[arg-type]
        layout = layout_lettering(lettering, *size)
        check_contained(layout)
        assert layout.dropped == []
        (placed,) = layout.balloons
        assert placed.lines
        assert lettering.min_font_size <= placed.font_size <= lettering.max_font_size * (4 if kind == "sfx" else 1)


def test_fit_shrinks_the_font_then_grows_the_balloon_then_truncates() -> None:
    def fit(text: str) -> tuple[int, float, bool, list[str]]:
        (placed,) = layout_lettering(PanelLettering(balloons=[Balloon(text=text, speaker_x=0.5)]), 723, 628).balloons
        return (
            placed.font_size,
            placed.body.width * placed.body.height,
            placed.truncated,
            [x.text for x in placed.lines],
        )

    short, medium, long = fit(SHORT), fit(" ".join([MULTI] * 2)), fit(LONG)
    assert short[0] == 34 and not short[2]
    assert medium[0] < short[0] and not medium[2]
    assert long[0] == 24 and long[2] and long[3][-1].endswith("…")
    assert long[1] > medium[1] > short[1]
    assert " ".join(medium[3]).split() == " ".join([MULTI] * 2).split(), "every word kept, none cut"


def test_several_balloons_read_in_order_and_do_not_overlap() -> None:
    lettering = PanelLettering(balloons=[
        Balloon(kind="caption", text="Later, on the gallery."),
        Balloon(text="Who's there?", speaker_x=0.25, speaker_y=0.3),
        Balloon(text="Only me. Bloop. I brought the lamp back.", speaker_x=0.75, speaker_y=0.3),
        Balloon(kind="thought", text="It is... glowing?", speaker_x=0.25, speaker_y=0.3),
        Balloon(kind="sfx", text="FWOOSH"),
    ])  # fmt: skip
    layout = layout_lettering(lettering, 723, 628)
    check_contained(layout)
    caption, first, second, thought, _ = layout.balloons
    assert caption.body.x0 < 30 and caption.body.y0 < 30, "captions sit in the top-left corner"
    assert first.body.y1 < 0.5 * 628 and second.body.y1 < 0.5 * 628, "balloons sit in the top of the panel"
    assert thought.body.y0 > first.body.y0, "a balloon left of the one before it sits lower"
    talk = [caption, first, second, thought]
    for one, two in combinations(talk, 2):
        assert not one.body.overlaps(two.body), (one.text, two.text)


def test_tails_point_down_at_the_speaker_and_bubbles_lead_to_the_thinker() -> None:
    lettering = PanelLettering(balloons=[Balloon(text="Over here!", speaker_x=0.8), Balloon(text="Hm.")])
    speech, untold = layout_lettering(lettering, 800, 600).balloons
    tip = max(speech.tail, key=lambda p: p[1])
    assert tip[1] > speech.body.y1 and abs(tip[0] - 0.8 * 800) < 2
    assert untold.tail == [], "no tail without a known speaker"
    (thought,) = layout_lettering(PanelLettering(balloons=[Balloon(kind="thought", text="Hm.", speaker_x=0.2)]),
                                  800, 600).balloons  # fmt: skip
    assert len(thought.bubbles) == 3 and thought.bubbles[0].y0 >= thought.body.y1 - 1
    assert thought.bubbles[0].width > thought.bubbles[-1].width


def test_lettering_draws_nothing_outside_its_balloons() -> None:
    art = png((723, 628))
    lettering = PanelLettering(balloons=[Balloon(kind="caption", text=ACCENTS), Balloon(text=EMOJI, speaker_x=0.6),
                                         Balloon(kind="thought", text=CJK, speaker_x=0.3),
                                         Balloon(kind="sfx", text="BOOM!")])  # fmt: skip
    lettered = Image.open(BytesIO(letter_panel(art, lettering))).convert("RGB")
    original = Image.open(BytesIO(art)).convert("RGB")
    assert lettered.size == original.size
    allowed = Image.new("L", original.size, 0)
    pen = ImageDraw.Draw(allowed)
    for placed in layout_lettering(lettering, *original.size).balloons:
        box = placed.extent.grown(1)
        pen.rectangle((box.x0, box.y0, box.x1, box.y1), fill=255)
    changed = ImageChops.difference(lettered, original).convert("L").point(lambda v: 255 if v > 0 else 0)
    assert changed.getbbox() is not None
    assert ImageChops.subtract(changed, allowed).getbbox() is None, "pixels changed outside every balloon"
    assert art == png((723, 628)), "the input bytes are not touched"


def test_tiny_panel_drops_what_cannot_fit_instead_of_spilling() -> None:
    layout = layout_lettering(PanelLettering(balloons=[Balloon(text=LONG, speaker_x=0.5)]), 40, 30)
    check_contained(layout)


def test_fallback_fonts_cover_cjk_emoji_and_accented_latin() -> None:
    for text in (CJK, EMOJI, ACCENTS, "Łódź, Ελλάδα, Привет, 한국어"):
        drawn = "".join(run for _, run in fonts.runs(text))
        assert drawn == unicodedata.normalize("NFC", text), "no character dropped or replaced by '?'"
    assert {face.name for face, _ in fonts.runs(CJK)} == {"Noto Sans CJK JP"}
    assert ("Noto Emoji", "🎉🐙") in [(face.name, run) for face, run in fonts.runs(EMOJI)]
    assert [face.name for face, _ in fonts.runs(ACCENTS)] == ["Intuitive"]


def glyph(face: fonts.Face, char: str) -> bytes:
    image = Image.new("L", (120, 120), 0)
    ImageDraw.Draw(image).text((10, 100), char, font=fonts.font(face, 80), fill=255, anchor="ls")
    return image.tobytes()


@pytest.mark.parametrize("char", ["灯", "「", "海", "한", "🎉", "🐙", "ë", "ç", "Ñ", "ú", "Ł", "ж"])
def test_each_character_renders_a_real_glyph_not_notdef(char: str) -> None:
    (face, run), *_ = fonts.runs(char)
    assert run == char
    drawn = glyph(face, char)
    assert drawn != glyph(face, "\uffff"), f"{char!r} draws {face.name}'s .notdef box"
    assert any(drawn), f"{char!r} draws nothing"


# ---------------------------------------------------------------- export


def test_compose_page_fills_each_rectangle_and_is_deterministic() -> None:
    page = layout_comic(["normal"] * 6)[0]
    images = [png((1024, 768), (40 * i, 120, 200)) for i in range(6)]
    letters = [PanelLettering(balloons=[Balloon(text=f"Panel {i + 1}!", speaker_x=0.5)]) for i in range(6)]
    first = compose_page(page, images, title="The Lighthouse", page_number=1, lettering=letters)
    assert first == compose_page(page, images, title="The Lighthouse", page_number=1, lettering=letters)
    composed = Image.open(BytesIO(first)).convert("RGB")
    assert composed.size == (page.width, page.height)
    for slot in page.panels:  # the border is ink, the middle is art
        rect = slot.rect
        assert composed.getpixel((rect.x + 1, rect.y + rect.height // 2)) == (38, 32, 44)
        assert composed.getpixel((rect.x + rect.width // 2, rect.bottom - rect.height // 8)) != (255, 255, 255)
    assert composed.getpixel((5, 5)) == (255, 255, 255)
    with pytest.raises(ValueError):
        compose_page(page, images[:5])


def test_fit_art_covers_the_rectangle() -> None:
    fitted = Image.open(BytesIO(fit_art(png((1024, 768)), 400, 600)))
    assert fitted.size == (400, 600)


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    spec = PageSpec(width=827, height=1170, margin=45, gutter=14, title_height=95)
    emphases: list[Emphasis] = [*["normal"] * 9, "splash"]  # type: ignore[list-item]
    layout = layout_comic(emphases, spec)
    art = [png((1024, 768), (20 * i, 100, 180)) for i in range(10)]
    return [
        compose_page(page, [art[s.panel] for s in page.panels], title="Test", page_number=page.number)
        for page in layout
    ]


def test_pdf_has_one_page_per_comic_page_and_is_deterministic(pages: list[bytes]) -> None:
    pdf = export_pdf(pages, title="Test", author="Tester", dpi=100)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == len(pages) == 3
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert abs(width - 827 / 100 * 72) < 1 and abs(height - 1170 / 100 * 72) < 1, "A4 at the export's dpi"
    assert reader.metadata is not None and reader.metadata.title == "Test"
    assert pdf == export_pdf(pages, title="Test", author="Tester", dpi=100)


def comic_info() -> ComicInfo:
    return ComicInfo(title="The Lighthouse", series="Comic Builder", summary="A keeper befriends a sea monster.",
                     writer="offline storyteller", penciller="offline-renderer", language_iso="en",
                     characters=["Mira", "Bloop"])  # fmt: skip


def test_cbz_holds_numbered_pages_and_a_valid_comicinfo(pages: list[bytes]) -> None:
    cbz = export_cbz(pages, comic_info())
    with zipfile.ZipFile(BytesIO(cbz)) as archive:
        assert archive.namelist() == ["001.png", "002.png", "003.png", "ComicInfo.xml"]
        assert [archive.read(name) for name in archive.namelist()[:3]] == pages
        xml = archive.read("ComicInfo.xml")
    schema = xmlschema.XMLSchema(str(XSD))
    schema.validate(xml.decode())
    info: Any = schema.to_dict(xml.decode())
    assert info["Title"] == "The Lighthouse" and info["Manga"] == "No" and info["PageCount"] == 3
    assert info["Writer"] == "offline storyteller" and info["Penciller"] == "offline-renderer"
    assert info["LanguageISO"] == "en" and info["Series"] == "Comic Builder"
    entries = info["Pages"]["Page"]
    assert [e["@Image"] for e in entries] == [0, 1, 2]
    assert all(e["@ImageWidth"] == 827 and e["@ImageHeight"] == 1170 for e in entries)
    assert [e["@ImageSize"] for e in entries] == [len(p) for p in pages]
    assert cbz == export_cbz(pages, comic_info())


def test_png_zip_holds_the_pages(pages: list[bytes]) -> None:
    with zipfile.ZipFile(BytesIO(export_png_zip(pages))) as archive:
        assert archive.namelist() == ["001.png", "002.png", "003.png"]
        assert all(Image.open(BytesIO(archive.read(n))).format == "PNG" for n in archive.namelist())
    assert export_png_zip(pages) == export_png_zip(pages)


# ---------------------------------------------------------------- a page from the offline renderer


SCRIPT = [
    ("A red-and-white lighthouse on a rocky island at dusk", ["Mira"], "Narrator: Every night Mira lit the lamp."),
    ("The lighthouse gallery at night, storm over the sea", ["Mira"], "Mira: The lamp... it's gone dark!"),
    ("The lighthouse gallery at night, storm", ["Mira", "Bloop"], "Bloop: Sorry... I bumped it.\nMira: A monster?!"),
    ("A stormy sea at night", ["Bloop"], "SFX: KRA-KOOM!\nBloop (thinks): She looks scared."),
    ("The lighthouse gallery at night", ["Mira", "Bloop"], f"Mira: {ACCENTS}"),
    ("A calm harbour at dawn", ["Mira", "Bloop"], f"Mira: {EMOJI}\nBloop: {CJK}"),
]


def sample_page() -> bytes:
    renderer = OfflineRenderer(panel_size=(512, 384), lettered=False)
    panels = [Panel(id=uuid.UUID(int=i + 1), index=i, background=bg, characters=cast, dialogue=words)
              for i, (bg, cast, words) in enumerate(SCRIPT)]  # fmt: skip

    async def render() -> list[bytes]:
        return [(await renderer.render_panel(p, "", [])).data for p in panels]

    art = asyncio.run(render())
    (page,) = layout_comic(["normal"] * 6)
    letters = [lettering_for_panel(panels[s.panel]) for s in page.panels]
    return compose_page(page, [art[s.panel] for s in page.panels], title="The Lighthouse", page_number=1,
                        lettering=letters)  # fmt: skip


def test_sample_page_from_offline_panels_is_lettered_and_identical_across_processes() -> None:
    here = hashlib.sha256(sample_page()).hexdigest()
    code = "import hashlib; from tests.test_comic_pages import sample_page as s; print(hashlib.sha256(s()).hexdigest())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert other.returncode == 0, other.stderr
    assert other.stdout.strip() == here


def test_lettering_from_several_threads_matches_one_thread() -> None:
    art = png((600, 450))
    letterings = [PanelLettering(balloons=[Balloon(text=text, speaker_x=0.4)]) for text in TEXTS.values()]
    alone = [letter_panel(art, lettering) for lettering in letterings]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda lettering: letter_panel(art, lettering), letterings * 2)) == alone * 2


FIGURES = {"scene": "lighthouse", "figures": [
    {"name": "Mira Vale", "box": [0.1, 0.3, 0.35, 0.95]}, {"name": "Bloop", "box": [0.6, 0.4, 0.9, 0.9]},
]}  # fmt: skip


def test_dialogue_lines_become_balloons_aimed_at_the_figures_the_renderer_drew() -> None:
    panel = Panel(id=uuid.UUID(int=99), index=0, characters=["Mira Vale", "Bloop"], dialogue="\n".join([
        "Narrator: Dawn.", "Mira: Good morning!", "Bloop (thinks): She is up early.", "SFX: SPLASH",
        "The sea was calm.", "Idris: Not in this panel.", "",
    ]), caption="Later that day.")  # fmt: skip
    balloons = lettering_for_panel(panel, FIGURES).balloons
    assert [(b.kind, b.text) for b in balloons] == [
        ("caption", "Later that day."), ("caption", "Dawn."), ("speech", "Good morning!"),
        ("thought", "She is up early."), ("sfx", "SPLASH"), ("caption", "The sea was calm."),
        ("caption", "Idris: Not in this panel."),
    ]  # fmt: skip
    mira, bloop = balloons[2], balloons[3]
    assert (mira.speaker_x, mira.speaker_y) == (pytest.approx(0.225), pytest.approx(0.3)), "centre of Mira's box, head"
    assert (bloop.speaker_x, bloop.speaker_y) == (pytest.approx(0.75), pytest.approx(0.4))


def test_without_figures_balloons_go_in_reading_order_without_tails() -> None:
    panel = Panel(id=uuid.UUID(int=98), index=0, characters=["Mira Vale", "Bloop"], dialogue="Mira: Hi!\nBloop: Blub.")
    for metadata in (
        None,
        {},
        {"figures": "nonsense"},
        {"figures": [{"name": "Mira Vale", "box": [0.5, 0.5, 0.2, 2]}]},
    ):
        lettering = lettering_for_panel(panel, metadata)
        assert [b.kind for b in lettering.balloons] == ["speech", "speech"]
        assert all(b.speaker_x is None and b.speaker_y == CLEAR_TOP for b in lettering.balloons)
        placed = layout_lettering(lettering, 800, 600).balloons
        assert [p.tail for p in placed] == [[], []] and placed[0].body.x0 < placed[1].body.x0, "left to right"


def test_tails_reach_the_speakers_figure_and_balloons_keep_above_heads() -> None:
    panel = Panel(id=uuid.UUID(int=97), index=0, characters=["Mira Vale", "Bloop"], dialogue="Mira: Hold the light!\n"
                  "Bloop: I am holding it as high as a sea monster possibly can, you know.")  # fmt: skip
    width, height = 900, 675
    placed = layout_lettering(lettering_for_panel(panel, FIGURES), width, height).balloons
    for balloon, figure in zip(placed, FIGURES["figures"], strict=True):
        x0, y0, x1, _ = figure["box"]
        tip_x, tip_y = max(balloon.tail, key=lambda point: point[1])
        assert x0 * width <= tip_x <= x1 * width, "the tail ends over the speaker"
        assert balloon.body.y1 <= y0 * height, "the balloon sits above the speaker's head"
        assert tip_y <= y0 * height + 0.05 * height


def test_panel_prompts_ask_image_models_for_no_text() -> None:
    panel = Panel(id=uuid.UUID(int=96), index=0, background="a storm", dialogue="Mira: Look out!")
    prompt = panel_prompt(panel, ["Mira Vale"])
    assert "Look out" not in prompt and "No text of any kind" in prompt and "no speech balloons" in prompt


# ---------------------------------------------------------------- pages in the state


def test_caption_emphasis_and_layout_are_the_users_and_pages_the_pipelines() -> None:
    panel = Panel(id=uuid.UUID(int=1), index=0, background="a cliff")
    art = Artifact(key=f"{uuid.UUID(int=7)}/pages/p.png", model="comic-builder/pages", created_at=datetime.now(UTC))
    page = Page(id=uuid.UUID(int=2), index=0, panel_ids=[panel.id], artifact=art, status="completed")
    state = ConsolidatedComicState(panels=[panel], pages=[page])
    edit = StateEdit.model_validate({"layout": "dynamic", "panels": [
        {"id": str(panel.id), "caption": "Meanwhile...", "emphasis": "splash"},
    ], "pages": [page.model_dump(mode="json")]})  # fmt: skip
    after = apply_edit(state, edit, lambda: uuid.UUID(int=3))
    assert (after.layout, after.panels[0].caption, after.panels[0].emphasis) == ("dynamic", "Meanwhile...", "splash")
    assert after.pages == state.pages, "pages echoed unchanged are kept"
    moved = page.model_copy(update={"panel_ids": []}).model_dump(mode="json")
    with pytest.raises(EditRejected) as refused:
        apply_edit(state, StateEdit.model_validate({"pages": [moved]}), lambda: uuid.UUID(int=3))
    assert refused.value.field == "state.pages[0].panel_ids", "the field changed, by its path"
    assert [a.key for a in state.artifacts()] == [art.key], "page images are signed like panels'"
    with pytest.raises(ValidationError):
        StateEdit.model_validate({"panels": [{"caption": "x" * 1001}]})


def test_the_services_offline_renderer_draws_no_text_in_the_art() -> None:
    renderer = make_images(Settings(image_provider="offline"))
    talking = Panel(id=uuid.UUID(int=5), index=0, background="a lighthouse gallery at night", characters=["Mira"],
                    dialogue="Mira: The lamp... it's gone dark!", caption="Later.")  # fmt: skip
    silent = talking.model_copy(update={"dialogue": "", "caption": ""})

    async def art(renderer: Any, panel: Panel) -> bytes:
        return bytes((await renderer.render_panel(panel, "", [])).data)

    assert asyncio.run(art(renderer, talking)) == asyncio.run(art(renderer, silent)), "dialogue changes no pixel"
    lettered = asyncio.run(art(OfflineRenderer(lettered=True), silent))
    assert lettered != asyncio.run(art(renderer, silent)), "no name tags either"


def shifted(placed: PlacedBalloon, dx: float, dy: float) -> PlacedBalloon:
    def move(box: Box) -> Box:
        return Box(x0=box.x0 + dx, y0=box.y0 + dy, x1=box.x1 + dx, y1=box.y1 + dy)

    lines = [line.model_copy(update={"x": line.x + dx, "baseline": line.baseline + dy, "box": move(line.box)})
             for line in placed.lines]  # fmt: skip
    return placed.model_copy(update={"body": move(placed.body), "extent": move(placed.extent), "lines": lines})


def test_a_tail_passing_a_caption_goes_behind_it_and_tails_avoid_other_balloons() -> None:
    width, height = 800, 480
    speech = layout_lettering(
        PanelLettering(balloons=[Balloon(text="Every age gets one.", speaker_x=0.2, speaker_y=0.85)]), width, height
    ).balloons[0]
    caption = layout_lettering(PanelLettering(balloons=[Balloon(kind="caption", text="At dusk.")]), width, height)
    # The caption moved onto the middle of the tail: read first, drawn after it.
    x, y = speech.tail[len(speech.tail) // 4]
    box = caption.balloons[0].body
    moved = shifted(caption.balloons[0], x - (box.x0 + box.x1) / 2, y - (box.y0 + box.y1) / 2)
    art = png((width, height))
    canvas, alone = (Image.open(BytesIO(art)).convert("RGBA") for _ in range(2))
    draw_layout(canvas, LetteringLayout(width=width, height=height, balloons=[moved, speech]))
    draw_layout(alone, LetteringLayout(width=width, height=height, balloons=[moved]))
    inside = (math.ceil(moved.body.x0), math.ceil(moved.body.y0), math.floor(moved.body.x1), math.floor(moved.body.y1))
    difference = ImageChops.difference(alone.crop(inside).convert("RGB"), canvas.crop(inside).convert("RGB"))
    assert difference.getbbox() is None, "the caption is drawn over the tail: its text is intact"
    # Two speakers: the second balloon's tail is kept off the first balloon.
    talk = PanelLettering(balloons=[
        Balloon(text="Did you really think a lighthouse keeper could stop me?", speaker_x=0.15, speaker_y=0.4),
        Balloon(text="Yes.", speaker_x=0.85, speaker_y=0.4),
    ])  # fmt: skip
    first, second = layout_lettering(talk, width, height).balloons
    assert all(
        not (first.body.x0 <= x <= first.body.x1 and first.body.y0 <= y <= first.body.y1) for x, y in second.tail
    )


def test_captions_go_top_right_when_every_speaker_stands_on_the_left() -> None:
    caption = Balloon(kind="caption", text="At the reef where the charted sea ends, just before dawn.")
    left = Balloon(text="Well. No one can say nothing ever happens to me now.", speaker_x=0.25, speaker_y=0.3)
    placed = layout_lettering(PanelLettering(balloons=[caption, left]), 800, 480).balloons
    assert placed[0].body.x1 > 800 - 30 and placed[0].body.y0 < 30, "the caption is in the top-right corner"
    tip_x, _ = max(placed[1].tail, key=lambda point: point[1])
    assert abs(tip_x - 0.25 * 800) < 5 and not placed[0].body.overlaps(placed[1].body)
    right = left.model_copy(update={"speaker_x": 0.7})
    assert layout_lettering(PanelLettering(balloons=[caption, right]), 800, 480).balloons[0].body.x0 < 30
