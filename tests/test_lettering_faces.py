"""Lettering keeps off the faces the renderer drew: measured from the layout for a table of panels shaped like the
offline renderer's (one to three people, a close-up, an over-the-shoulder shot, a sea serpent across the panel),
and tails reach their speakers."""

import math
import uuid
from typing import Any

import pytest

from comics.lettering import Box, layout_lettering
from comics.pages import PLANNER, plan_pages
from comics.script import face_of, figures_of, lettering_for_panel
from domain.panel import Panel
from tests.test_comic_pages import LONG, check_contained

CAPTION = "In the net-loft behind the harbour chandlery, at dusk, the oldest pilot of the harbour kept his charts..."
SHORT_LINE = "Hold on!"
LONG_LINE = "Every age gets one lighthouse keeper foolish enough to befriend a sea monster."

MIRA = {"name": "Mira Vale", "box": [0.3975, 0.3099, 0.6025, 0.8997], "pose": "stand", "expression": "smile"}
SERPENT = {"name": "Bloop", "box": [0.0, 0.0716, 1.0, 0.8698], "pose": "stand", "expression": "sheet"}
CLOSE = {"name": "Mira Vale", "box": [0.2246, 0.1003, 0.6152, 1.0], "pose": "stand", "expression": "worried"}
LEFT = {"name": "Idris", "box": [0.1299, 0.2865, 0.4092, 0.8997], "pose": "fight", "expression": "scowl"}
RIGHT = {"name": "Mira Vale", "box": [0.5869, 0.349, 0.874, 0.8997], "pose": "fight", "expression": "scowl"}
SMALL = {"name": "Idris", "box": [0.2715, 0.3464, 0.4082, 0.8997], "pose": "stand", "expression": "smile"}
SHOULDER = {"name": "Mira Vale", "box": [0.5625, 0.0716, 1.0, 1.0], "pose": "stand", "expression": "smile"}
MIDDLE = {"name": "Nell", "box": [0.417, 0.3451, 0.584, 0.8997], "pose": "stand", "expression": "scowl"}

# (figures, caption, dialogue) per panel; each is laid out in a short page panel and a wide one.
PANELS: dict[str, tuple[list[dict[str, Any]], str, str]] = {
    "one person, long caption, short line": ([MIRA], CAPTION, f"Mira: {SHORT_LINE}"),
    "one person, long caption, long line": ([MIRA], CAPTION, f"Mira: {LONG_LINE}"),
    "close-up, long caption": ([CLOSE], CAPTION, "Mira: I am a lighthouse keeper, not a hero."),
    "close-up, long line, no caption": ([CLOSE], "", f"Mira: {LONG_LINE}"),
    "over the shoulder, long caption": ([SMALL, SHOULDER], CAPTION, f"Idris: {LONG_LINE}"),
    "two people, both speak": (
        [LEFT, RIGHT],
        "",
        f"Idris: Did you really think you could stop me?\nMira: {SHORT_LINE}",
    ),
    "two people, caption, one thinks": ([LEFT, RIGHT], CAPTION, f"Mira (thinks): {LONG_LINE}"),
    "three people, caption": ([LEFT, MIDDLE, RIGHT], CAPTION, "Nell: He will be back."),
    "a serpent speaks, caption": ([SERPENT, MIRA], CAPTION, "Bloop: You came for me when no one else would."),
    "a person and a serpent, long line": ([SERPENT, MIRA], CAPTION, f"Mira: {LONG_LINE}"),
}
SIZES = {"short": (723, 460), "page panel": (723, 595), "wide": (1474, 913)}


def face(figure: dict[str, Any], width: int, height: int) -> Box:
    """The eyes-to-chin part of a person's head, in pixels, by the renderer's proportions (independent of
    comics.script): the top middle of the box, a quarter of a full figure tall, half of one framed from the chest."""
    x0, y0, x1, y1 = figure["box"]
    tall = (0.5 if y1 >= 0.97 else 0.25) * (y1 - y0)
    half = 0.3 * (x1 - x0)
    cx = (x0 + x1) / 2
    return Box(x0=(cx - half) * width, y0=(y0 + 0.12 * tall) * height, x1=(cx + half) * width, y1=(y0 + tall) * height)


def panel_of(figures: list[dict[str, Any]], caption: str, dialogue: str) -> Panel:
    return Panel(id=uuid.UUID(int=5), index=1, characters=[f["name"] for f in figures], caption=caption,
                 dialogue=dialogue)  # fmt: skip


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", list(PANELS))
def test_no_balloon_or_caption_covers_a_face(name: str, size: str) -> None:
    figures, caption, dialogue = PANELS[name]
    width, height = SIZES[size]
    lettering = lettering_for_panel(panel_of(figures, caption, dialogue), {"figures": figures})
    layout = layout_lettering(lettering, width, height)
    check_contained(layout)
    assert not layout.dropped and len(layout.balloons) == len(lettering.balloons)
    faces = [face(f, width, height) for f in figures if f is not SERPENT]
    for placed in layout.balloons:
        for f in faces:
            assert not (placed.extent if placed.kind == "caption" else placed.body).overlaps(f), (placed.text, f)
        assert not placed.truncated
        if placed.kind == "speech":
            assert placed.tail, f"{placed.text!r} has a tail to its speaker"
            tip = max(
                placed.tail,
                key=lambda point: math.dist(
                    point, ((placed.body.x0 + placed.body.x1) / 2, (placed.body.y0 + placed.body.y1) / 2)
                ),
            )
            # A tail may touch the forehead it points at (its top quarter), never the eyes or anyone else's face.
            eyes = [Box(x0=f.x0, y0=f.y0 + 0.25 * f.height, x1=f.x1, y1=f.y1) for f in faces]
            assert not any(f.x0 < tip[0] < f.x1 and f.y0 < tip[1] < f.y1 for f in eyes), (placed.text, tip)


@pytest.mark.parametrize("size", list(SIZES))
def test_a_tail_to_a_serpent_across_the_panel_points_away_from_the_person_in_front(size: str) -> None:
    width, height = SIZES[size]
    figures, caption, dialogue = PANELS["a serpent speaks, caption"]
    layout = layout_lettering(lettering_for_panel(panel_of(figures, caption, dialogue), {"figures": figures}),
                              width, height)  # fmt: skip
    (speech,) = [p for p in layout.balloons if p.kind == "speech"]
    tip_x, _ = max(speech.tail, key=lambda point: point[1])
    x0, _, x1, _ = MIRA["box"]
    assert not x0 * width <= tip_x <= x1 * width, "not at the person standing in the middle"
    assert tip_x > x1 * width, "toward the serpent's head end (it faces right)"


def test_a_head_the_renderer_records_is_where_the_tail_points_and_what_stays_clear() -> None:
    serpent = {**SERPENT, "head": [0.86, 0.3]}
    (bloop, _) = figures_of({"figures": [serpent, MIRA]})
    assert face_of(bloop) is not None and face_of(bloop)[0] < 0.86 < face_of(bloop)[2]  # type: ignore[index]
    lettering = lettering_for_panel(panel_of([serpent, MIRA], "", "Bloop: Hello."), {"figures": [serpent, MIRA]})
    (balloon,) = lettering.balloons
    assert balloon.speaker_x == pytest.approx(0.86) and balloon.speaker_y < 0.3
    assert len(lettering.faces) == 2


def test_planner_1_plans_as_it_did_for_runs_that_replay_with_it() -> None:
    """Planner 1 skipped figures with a pose (no tails, no faces): its digests must not change."""
    assert PLANNER == 2
    panel = panel_of([MIRA], CAPTION, f"Mira: {SHORT_LINE}")
    art = {"figures": [MIRA]}
    old = lettering_for_panel(panel, art, planner=1)
    assert [b.speaker_x for b in old.balloons] == [None, None] and old.faces == []
    new = lettering_for_panel(panel, art)
    assert new.balloons[1].speaker_x == pytest.approx(0.5) and len(new.faces) == 1
    plain = lettering_for_panel(panel, {"figures": [{"name": MIRA["name"], "box": MIRA["box"]}]}, planner=1)
    assert plain.balloons[1].speaker_x == pytest.approx(0.5), "a figure with only name and box was read by 1 too"
    assert plan_pages([panel], "T", planner=1)[0].digest != plan_pages([panel], "T")[0].digest, "2 is the default"


def test_long_text_still_fits_somewhere_in_a_crowded_short_panel() -> None:
    figures = [LEFT, MIDDLE, RIGHT]
    lettering = lettering_for_panel(panel_of(figures, LONG[:300], f"Nell: {LONG[:200]}"), {"figures": figures})
    layout = layout_lettering(lettering, 723, 460)
    check_contained(layout)
    assert len(layout.balloons) == 2
