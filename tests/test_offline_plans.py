"""The offline renderer draws a creature on the body plan of what it is: a fairy is a tiny winged person (not a
bird), a beetle, an ant or a ladybird an insect on six legs (not a spider on eight), a dolphin not a shark; and a
lion's mane is a shade of its coat, not the palette's green."""

import colorsys
import itertools
import uuid

import pytest
from PIL import Image

from domain.character import Character
from domain.panel import Panel
from providers.offline.drawing.colour import RGB
from providers.offline.drawing.creatures import CreatureLook, body_plan, creature_look, draw_creature
from providers.offline.drawing.cutout import sheet_look
from providers.offline.drawing.panels import draw_panel
from providers.offline.drawing.sheets import creature_scale
from tests.offline_cases import characters, sheet

_PALETTE = ((150, 110, 80), (93, 169, 51), (93, 169, 51))  # a green accent: what a lion's mane wore


def _sheet_look(form: str) -> CreatureLook:
    """The look a creature's sheet records for panels to draw it by."""
    look = sheet_look(sheet("Kit", "creature", form).data)
    assert isinstance(look, CreatureLook)
    return look


_PLANS = {  # words: (the plan it is drawn on, its species)
    "a restless fairy with wings like silver gossamer and a laugh like tiny bells": ("fairy", ""),
    "a careful pixie": ("fairy", ""), "a stubborn sprite with one wing a little torn": ("fairy", ""),
    "a bright-eyed beetle with a green shell like polished armour": ("insect", "beetle"),
    "a clever ladybird with a red shell": ("insect", "ladybird"), "a ladybug": ("insect", "ladybird"),
    "a cheerful ant with a glossy black shell and legs as thin as wire": ("insect", "ant"),
    "a busy bee": ("insect", "bee"), "a blue butterfly": ("insect", "butterfly"),
    "a hairy spider": ("spider", ""), "a scorpion": ("spider", ""),
    "an old dragon from a fairy tale": ("dragon", ""), "a black raven": ("bird", ""),
    # a fairy's or an insect's word said of another creature does not make it one
    "a troll from a fairy tale": ("biped", ""), "a bear who loves honey and bees": ("quadruped", "bear"),
    "a sly fox who chases butterflies": ("quadruped", "fox"),
}  # fmt: skip


@pytest.mark.parametrize(("form", "plan"), _PLANS.items())
def test_a_creature_s_sheet_draws_it_on_the_plan_of_what_it_is(form: str, plan: tuple[str, str]) -> None:
    look = _sheet_look(form)
    assert (body_plan(look), look.species) == plan  # a fairy was a bird, a beetle and an ant spiders
    assert look.wings == (plan[0] in ("fairy", "dragon") or plan[1] in ("bee", "butterfly"))  # a fox never flies


def _ground_legs(look: CreatureLook) -> int:
    """How many legs reach the ground: separate runs of ink in a row just above it."""
    alpha = draw_creature(look, 400)[0].getchannel("A")
    row = [alpha.getpixel((x, 372)) > 128 for x in range(alpha.width)]  # 93 of the figure's 100 units down
    return sum(1 for on, _ in itertools.groupby(row) if on)


@pytest.mark.parametrize(
    ("form", "legs"),
    [("a beetle", 6), ("a ladybird", 6), ("an ant", 6), ("a bee", 6), ("a spider", 8), ("a scorpion", 8)],
)
def test_an_insect_stands_on_six_legs_a_spider_on_eight(form: str, legs: int) -> None:
    assert _ground_legs(_sheet_look(form)) == legs


def _hue_gap(a: RGB, b: RGB) -> float:
    """The distance between two colours' hues, in degrees."""
    ha, hb = (colorsys.rgb_to_hsv(*(v / 255 for v in c))[0] * 360 for c in (a, b))
    return min(abs(ha - hb), 360 - abs(ha - hb))


def _colours(image: Image.Image) -> list[tuple[int, RGB]]:
    """The opaque colours of a figure, most common first."""
    rgba = image.convert("RGBA")
    counts = rgba.getcolors(rgba.width * rgba.height) or []
    return sorted(((n, c[:3]) for n, c in counts if c[3] == 255), reverse=True)


def test_a_ladybird_is_mostly_red_with_black_spots() -> None:
    look = _sheet_look("a clever ladybird")
    colours = _colours(draw_creature(look, 300)[0])
    total = sum(n for n, _ in colours)
    red = sum(n for n, (r, g, b) in colours if r > 150 and g < 90 and b < 90)
    black = sum(n for n, c in colours if max(c) < 60)
    assert red > 0.4 * total  # its dome (it was a copper dragon)
    assert black > 0.2 * total  # spots, head and legs


async def test_a_zookeeper_s_lion_has_a_mane_of_its_coat_s_colour() -> None:
    lion = next(c for c in await characters("a zookeeper's lion escapes") if "lion" in c.visual_form.lower())
    look = sheet_look(sheet(lion.name, "creature", lion.visual_form).data)
    assert isinstance(look, CreatureLook) and body_plan(look) == "lion"
    image, (x0, y0, x1, y1) = draw_creature(look, 400)
    head = image.crop((x0, y0, x1, y1))
    mane = next(c for _, c in _colours(head) if c not in (look.body, look.belly) and 60 < sum(c) / 3 < 230)
    assert _hue_gap(mane, look.body) < 20, (mane, look.body)  # tawny, not the palette's green
    assert sum(mane) < sum(look.body)  # a darker shade of the coat


@pytest.mark.parametrize(
    ("form", "mane"),
    [("a proud lion with a black mane", (26, 26, 26)), ("a lion with a golden coat", None),
     ("a white horse with a mane of silver", (192, 192, 192))],
)  # fmt: skip
def test_a_mane_the_words_colour_is_drawn_in_that_colour(form: str, mane: RGB | None) -> None:
    look = creature_look("Kit", _PALETTE, form)
    assert look.mane_colour == mane
    if mane is not None:
        assert look.body != mane  # its coat is not its mane's colour (a black-maned lion was all black)
        assert mane in [c for _, c in _colours(draw_creature(look, 300)[0])[:6]]


def _tail_height(look: CreatureLook) -> int:
    """How tall the tail end of a swimmer's side view is, in pixels (the first tenth of its length)."""
    alpha = draw_creature(look, 300)[0].getchannel("A").point(lambda a: 255 if a > 128 else 0)
    x0, _, x1, _ = alpha.getbbox() or (0, 0, 1, 1)
    _, ty0, _, ty1 = alpha.crop((x0, 0, x0 + (x1 - x0) // 10, alpha.height)).getbbox() or (0, 0, 0, 0)
    return ty1 - ty0


def test_a_dolphin_is_not_drawn_like_a_shark() -> None:
    dolphin, shark = _sheet_look("a playful dolphin"), _sheet_look("a grey shark")
    assert dolphin.body == shark.body  # both grey: only their shapes tell them apart
    assert _tail_height(dolphin) < 0.4 * _tail_height(shark)  # flat flukes, not a tall crescent
    colours = dict((c, n) for n, c in _colours(draw_creature(dolphin, 300)[0]))
    pale = sum(n for c, n in colours.items() if sum(c) > sum(dolphin.body) * 1.3)
    dark = sum(n for c, n in colours.items() if sum(dolphin.body) * 0.5 < sum(c) < sum(dolphin.body) * 0.9)
    assert pale > 0.1 * sum(colours.values()) and dark > 0.05 * sum(colours.values())  # a pale belly, a dark cape


def test_a_fairy_in_a_panel_is_a_hand_high_beside_a_person() -> None:
    refs = [sheet("Kit", "creature", "a restless fairy"), sheet("Ada", "humanoid", "a fisherwoman")]
    shot = Panel(id=uuid.UUID(int=9), index=3, background="In the meadow at noon", dialogue="", caption="",
                 characters=["Kit", "Ada"])  # fmt: skip
    drawn = {f["name"]: f["box"] for f in draw_panel(shot, refs, (1024, 768), False).metadata["figures"]}
    fairy, ada = drawn["Kit"], drawn["Ada"]
    assert 0.1 * (ada[3] - ada[1]) < fairy[3] - fairy[1] <= 0.4 * (ada[3] - ada[1])
    who = Character(id=uuid.UUID(int=5), name="Kit", character_type="creature", visual_form="a fairy")
    assert creature_scale(creature_look("Kit", _PALETTE, "a fairy"), who) <= 0.3
