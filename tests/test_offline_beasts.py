"""The offline renderer draws creatures as what they are, where they are: a rabbit sits on its big hind feet, a lion,
goat, boar, bull, mouse and monkey each on a plan of its own at its own size beside a person; a sea creature in a
scene by the sea swims there, cut at the waterline, and a person under the sea is a diver in a glass helmet floating
over the sea floor."""

import io
import itertools
import uuid
from typing import Any

import pytest
from PIL import Image, ImageChops

from domain.character import Character
from domain.panel import Panel
from domain.style import DEFAULT_STYLE
from providers.images import ReferenceImage
from providers.offline.drawing import waters
from providers.offline.drawing.creatures import CreatureLook, body_plan, creature_look, draw_creature
from providers.offline.drawing.cutout import sheet_look
from providers.offline.drawing.humanoids import HumanLook
from providers.offline.drawing.panels import draw_panel
from providers.offline.drawing.posed import posed_figure
from providers.offline.drawing.sheets import creature_scale, render_sheet_png
from providers.offline.storyteller import OfflineStoryteller
from tests.offline_cases import make, sheet

_PALETTE = ((150, 110, 80), (230, 210, 180), (90, 60, 40))


def figures(background: str, refs: list[ReferenceImage], index: int = 3) -> dict[str, Any]:
    shot = Panel(id=uuid.UUID(int=9), index=index, background=background, dialogue="", caption="",
                 characters=[r.name for r in refs])  # fmt: skip
    return {f["name"]: f for f in draw_panel(shot, refs, (1024, 768), False).metadata["figures"]}


_PLANS = {  # words: the plan it is drawn on
    "a brave rabbit with fur as white as frost": "rabbit", "a stubborn lion with a silver-grey coat": "lion",
    "a restless goat with a silver-grey coat": "goat", "a wild boar with bristles like wire": "boar",
    "a great black bull": "bull", "a careful mouse with a notch in one ear": "mouse",
    "a lonely monkey with a tail like a banner": "monkey", "a red crab with big claws": "crab",
    "a wise old owl": "owl", "a white swan": "swan", "a grey goose": "swan", "a black raven": "bird",
    "a fat pink pig": "pig", "a woolly sheep": "sheep", "a playful dolphin": "dolphin", "a fat grey seal": "seal",
    "a sea lion": "seal", "a goldfish": "fish",
    "a sly red fox": "quadruped",
}  # fmt: skip


def test_each_beast_is_drawn_on_a_plan_of_its_own() -> None:
    looks = {words: creature_look("Kit", _PALETTE, words) for words in _PLANS}
    assert {words: body_plan(look) for words, look in looks.items()} == _PLANS
    alpha = {_PLANS[w]: draw_creature(look, 200)[0].getchannel("A").point(lambda a: 255 if a > 128 else 0)
             for w, look in looks.items()}  # fmt: skip
    for one, other in itertools.combinations(alpha, 2):  # each plan its own outline, none the generic beast's
        assert ImageChops.difference(alpha[one], alpha[other]).histogram()[255] > 1500, (one, other)


@pytest.mark.parametrize(
    ("words", "plan"),
    [("a rat with a long pink tail", "mouse"), ("a fat pink pig", "pig"), ("a patient old ox", "bull"),
     ("a white duck", "bird"), ("a clever old badger", "quadruped"), ("a stubborn donkey", "horse")],
)  # fmt: skip
def test_a_creature_no_kind_names_is_drawn_on_the_nearest_plan_not_one_from_its_name(words: str, plan: str) -> None:
    plans = {body_plan(creature_look(name, _PALETTE, words)) for name in ("Kit", "Bo", "Ada", "Tam", "Rue", "Oz")}
    assert plans == {plan}  # whatever its name (it was a serpent, a bird or a dragon by its name's hash)


def test_a_sitting_rabbit_rests_on_its_long_hind_foot_not_on_four_legs() -> None:
    rabbit = draw_creature(creature_look("Kit", _PALETTE, "a white rabbit"), 200)[0].getchannel("A")
    x0, y0, x1, y1 = rabbit.getbbox() or (0, 0, 1, 1)
    ground = rabbit.crop((x0, y1 - 4, x1, y1 - 2))  # the rows it rests on
    row = [ground.getpixel((x, 0)) for x in range(ground.width)]
    runs = [len(list(g)) for on, g in itertools.groupby(v > 128 for v in row) if on]
    assert max(runs) > 0.35 * (x1 - x0)  # one long foot flat on the ground (four hooves were four short runs)
    assert (x1 - x0) / (y1 - y0) < 1.15  # compact, sitting up (on long legs it was a long low beast)


def test_each_beast_is_as_big_as_it_is_beside_a_person() -> None:
    forms = ["a mouse", "a crab", "a rabbit", "a green snake", "a monkey", "a wild boar", "a goat", "a lion", "a bull"]
    scales = []
    for form in forms:
        who = Character(id=uuid.UUID(int=5), name="Kit", character_type="creature", visual_form=form)
        look = creature_look("Kit", _PALETTE, form)
        scales.append(creature_scale(look, who))
    assert scales == sorted(scales) and scales[0] <= 0.15 and scales[-1] > 1.0  # a mouse tiny, a bull over a person


_SHORES = ["On the beach at noon: the tide went out", "At the harbour at dawn: the boats came in",
           "On the shore at sunset: gulls wheeled overhead"]  # fmt: skip


@pytest.mark.parametrize("background", _SHORES)
@pytest.mark.parametrize(
    "form", ["a blue whale", "a great white shark", "a giant octopus", "a green sea serpent", "a playful dolphin"]
)
def test_a_sea_creature_by_the_sea_swims_cut_at_the_waterline(background: str, form: str) -> None:
    kit = sheet("Kit", "creature", form)
    look = sheet_look(kit.data)
    assert isinstance(look, CreatureLook) and look.aquatic
    drawn = figures(background, [kit, sheet("Ada", "humanoid", "a fisherwoman")])
    sea, ada = drawn["Kit"]["box"], drawn["Ada"]["box"]
    assert abs(sea[3] - 0.81) < 0.01  # its cut edge on the water's, behind the sand where the people stand
    assert ada[3] > 0.86  # the person still stands on the sand in front


@pytest.mark.parametrize(("form", "background"), [("a blue whale", "In the meadow at noon"),
                                                  ("a green snake", "On the beach at noon"),
                                                  ("a loyal old dog", "On the beach at noon"),
                                                  ("a cheerful mermaid", "On the beach at noon")])  # fmt: skip
def test_anything_else_stands_on_the_ground(form: str, background: str) -> None:
    drawn = figures(background, [sheet("Kit", "creature", form), sheet("Ada", "humanoid", "a fisherwoman")])
    assert drawn["Kit"]["box"][3] > 0.85


def test_a_sea_creature_beyond_a_ships_rail_rises_behind_it() -> None:
    refs = [sheet("Kit", "creature", "a blue whale"), sheet("Ada", "humanoid", "a sailor")]
    drawn = figures("On deck aboard the ship at noon: the sails filled", refs)
    assert abs(drawn["Kit"]["box"][3] - 0.68) < 0.01


def test_a_person_under_the_sea_is_a_diver_floating_over_the_sea_floor() -> None:
    refs = [sheet("Brine", "humanoid", "a greedy treasure hunter in a black coat"),
            sheet("Duskuwyn", "creature", "a cheerful mermaid")]  # fmt: skip
    under = figures("On the sea floor at dusk: the kelp swayed", refs)
    ashore = figures("In the meadow at dusk: the grass swayed", refs)
    assert under["Brine"]["box"][3] < ashore["Brine"]["box"][3] - 0.04  # afloat, not standing like a landsman
    assert under["Duskuwyn"]["box"][3] > 0.86  # a mermaid rests on the sea floor as she did
    look = sheet_look(refs[0].data)
    assert isinstance(look, HumanLook)
    plain, diver = (
        posed_figure(look, DEFAULT_STYLE, "stand", "smile", "front", False, 300, None, d) for d in (False, True)
    )
    head = (0, 0, diver.width, round(diver.height * 0.3))
    glass = _glassy(diver.crop(head)) - _glassy(plain.crop((0, 0, plain.width, head[3])))
    assert glass > 800  # a glass dome's pale blue round the head (and a brass collar under it)


def _glassy(image: Image.Image) -> int:
    """Pixels of a diving helmet's pale blue glass, or the water's through it."""
    r, _, b, a = image.split()
    blue = ImageChops.subtract(b, r).point(lambda v: 255 if v > 20 else 0)
    return ImageChops.multiply(blue, a.point(lambda v: 255 if v > 60 else 0)).histogram()[255]


def test_a_snake_has_no_sea_serpents_fins() -> None:
    snake, serpent = (draw_creature(creature_look("Kit", _PALETTE, w), 200)[0] for w in ("a snake", "a sea serpent"))
    assert creature_look("Kit", _PALETTE, "a snake").kind == "serpent"
    ink = [side.getchannel("A").point(lambda a: 255 if a > 128 else 0).histogram()[255] for side in (snake, serpent)]
    assert ink[0] < ink[1] * 0.97  # its back smooth: no fins along it, nor a crest (it was the same pixel for pixel)


@pytest.mark.parametrize(
    ("prompt", "plan"),
    [("a wild boar guards the forest", "boar"), ("a mouse and a bull become friends", "bull"),
     ("a cow jumps over the moon", "bull"), ("a lion cub learns to roar", "lion")],
)  # fmt: skip
async def test_the_prompt_s_animal_is_cast_and_drawn_as_itself(prompt: str, plan: str) -> None:
    creatures = [c for c in (await make(prompt)).cast if c.character_type == "creature"]
    text = {c.name: f"{c.brief} {c.visual_form} {c.distinctive_markers}" for c in creatures}
    plans = [body_plan(creature_look(name, _PALETTE, words)) for name, words in text.items()]
    assert plan in plans, text
    assert not any("scales" in words for words in text.values() if plan in words), text  # a furred beast


async def _creatures(prompt: str) -> dict[str, Character]:
    """The creatures the offline storyteller casts for `prompt`, by name."""
    teller = OfflineStoryteller()

    async def ignore(_: str) -> None:
        return None

    story = (await teller.write_story(prompt, ignore)).text
    cast = (await teller.extract_characters(story)).items
    return {
        c.name: Character(id=uuid.UUID(int=i + 1), **c.model_dump())
        for i, c in enumerate(cast)
        if c.character_type == "creature"
    }


def _words(who: Character) -> str:
    return f"{who.brief} {who.visual_form} {' '.join(who.distinctive_markers)}".lower()


@pytest.mark.parametrize(
    ("prompt", "kinds", "wrong"),
    [("a dolphin and a shark race across the ocean", ("dolphin", "shark"), ("scale", "coin", " ear")),
     ("a whale lost in the fish market", ("whale",), ("scale", "coin", " ear")),
     ("a frog and a turtle", ("frog", "turtle"), ("scale", "fur")),
     ("a fairy finds a beetle", ("fairy", "beetle"), ("scale", "fur")),
     ("a fat pink pig wins the county fair", ("pig",), ("as pink as frost", "scale")),
     ("a green goblin steals the moon", ("goblin",), ("cartwheels", "scale"))],  # a small goblin's small hands
)  # fmt: skip
async def test_a_creature_is_covered_as_its_kind_is(
    prompt: str, kinds: tuple[str, ...], wrong: tuple[str, ...]
) -> None:
    text = {name: _words(who) for name, who in (await _creatures(prompt)).items()}
    for kind in kinds:
        said = [words for words in text.values() if kind in words]
        assert said, text
        assert not any(w in words for w in wrong for words in said), said  # copper scales that rang like bells
    if "dolphin" in kinds:  # a sleek grey hide, flippers
        assert all("hide" in words or "back" in words for words in text.values()), text
    looks = [creature_look(n, _PALETTE, _words(w)) for n, w in (await _creatures(prompt)).items()]
    assert len({look.body for look in looks}) == len(looks)  # the shark in another colour than the dolphin


_BLACK, _WHITE, _PINK, _GOLDEN = (26, 26, 26), (245, 245, 245), (244, 167, 185), (212, 175, 55)


@pytest.mark.parametrize(
    ("words", "body"),
    [("a fat pink pig", _PINK), ("Kit, a black cat with a thick black coat", _BLACK), ("a white horse", _WHITE),
     ("a golden eagle", _GOLDEN), ("a dog with fur as white as snow and amber eyes", _WHITE),
     ("a pig", _PINK), ("a crow", _BLACK), ("a sly red fox", (206, 94, 38)),
     ("a dog marked with a white star on his brow, black fur", _BLACK)],
)  # fmt: skip
def test_a_creature_is_drawn_in_the_colour_its_words_name_else_its_kind_s(words: str, body: tuple[int, ...]) -> None:
    assert creature_look("Kit", _PALETTE, words).body == body  # not the palette's brown
    assert creature_look("Kit", _PALETTE, "a dragon").body == _PALETTE[0]  # a dragon has no colour of its own


async def test_the_prompt_s_coloured_animal_is_drawn_in_that_colour() -> None:
    for prompt, kind, body in [("a fat pink pig wins the county fair", "pig", _PINK),
                               ("a black cat and a white dog", "cat", _BLACK),
                               ("a black cat and a white dog", "dog", _WHITE)]:  # fmt: skip
        cast = await _creatures(prompt)
        who = next(w for w in cast.values() if kind in _words(w))
        look = sheet_look(render_sheet_png(who))
        assert isinstance(look, CreatureLook) and look.body == body, (prompt, kind)
    # A palette that says otherwise (a model's) does not make a pink pig blue; it still colours the rest.
    pig = Character(id=uuid.UUID(int=7), name="Tulluna", character_type="creature", visual_form="a fat pink pig",
                    color_palette=["#1f4e9c", "#2e8b57", "#f1c40f"])  # fmt: skip
    look = sheet_look(render_sheet_png(pig))
    assert isinstance(look, CreatureLook) and look.body == _PINK and look.accent == (241, 196, 15)
    assert look.belly[0] > look.belly[1] + 20  # a paler pink, not the palette's green


@pytest.mark.parametrize("form", ["a green goblin", "a sly imp", "a garden gnome", "a fairy", "a pixie"])
def test_small_folk_are_smaller_than_a_person(form: str) -> None:
    who = Character(id=uuid.UUID(int=5), name="Kit", character_type="creature", visual_form=form)
    look = creature_look("Kit", _PALETTE, form)
    assert creature_scale(look, who) < 1.0, body_plan(look)  # a goblin was 2.4 people tall, a biped's (a giant's)
    giant = Character(id=uuid.UUID(int=5), name="Kit", character_type="creature", visual_form="a stone giant")
    assert creature_scale(creature_look("Kit", _PALETTE, "a stone giant"), giant) > 2
    tale = "an old dragon from a fairy tale"  # a fairy is not what it is
    dragon = Character(id=uuid.UUID(int=5), name="Kit", character_type="creature", visual_form=tale)
    assert creature_scale(creature_look("Kit", _PALETTE, tale), dragon) > 2


def test_a_mouse_in_a_line_up_is_as_small_as_it_is_beside_a_person() -> None:
    drawn = figures("In the meadow at noon", [sheet("Kit", "creature", "a careful mouse"),
                                              sheet("Ada", "humanoid", "a fisherwoman")])  # fmt: skip
    mouse, ada = drawn["Kit"]["box"], drawn["Ada"]["box"]
    assert (mouse[3] - mouse[1]) <= 0.2 * (ada[3] - ada[1])  # it was drawn at a quarter of a person at least
    assert (mouse[3] - mouse[1]) > 0.04  # still seen


def test_a_monkey_holds_the_crown_in_its_hand() -> None:
    refs = [sheet("Kit", "creature", "a lonely monkey"), sheet("Glim", "object", "a golden crown")]
    drawn = figures("In the jungle at noon", refs)
    monkey, crown = drawn["Kit"]["box"], drawn["Glim"]["box"]
    cx, cy = (crown[0] + crown[2]) / 2, (crown[1] + crown[3]) / 2
    assert monkey[0] < cx < monkey[2] and monkey[1] < cy < monkey[3]  # in its hand, not on a plinth or the ground
    assert crown[3] < monkey[3] - 0.03


def test_a_sea_creature_out_of_the_water_swims_in_a_tank() -> None:
    refs = [sheet("Kit", "creature", "a blue whale"), sheet("Ada", "humanoid", "a fishmonger")]
    shot = Panel(id=uuid.UUID(int=9), index=3, background="In the fish market at noon", dialogue="", caption="",
                 characters=["Kit", "Ada"])  # fmt: skip
    art = draw_panel(shot, refs, (1024, 768), False)
    image = Image.open(io.BytesIO(art.png)).convert("RGB")
    whale = next(f for f in art.metadata["figures"] if f["name"] == "Kit")["box"]
    x0, y0, x1, y1 = (round(v * s) for v, s in zip(whale, (1024, 768, 1024, 768), strict=True))
    assert y1 > 0.85 * 768  # on the ground
    stand = image.crop((x0, y1 - round((y1 - y0) * 0.06), x1, y1 - 2))
    colours = stand.getcolors(stand.width * stand.height) or []
    wood = sum(n for n, p in colours if max(abs(a - b) for a, b in zip(p, (122, 86, 58), strict=True)) < 24)
    assert wood > 0.5 * stand.width * stand.height  # on a tank's wooden stand (it lay on the market's floor)
    assert not waters.tanked(sheet_look(refs[0].data), None)
