"""People of one offline comic are told apart at a glance: no two of its people (hero, villain, mentor, ally) are
drawn in coats that read as one colour on a small figure (amber and yellow, crimson and scarlet, a name's hash
colour beside a named one) unless their hair differs clearly. Checked on the figures as the sheets draw them, from
the story the offline storyteller writes and the cast it reads from it."""

import itertools
import uuid

import pytest

from domain.character import Character
from providers.offline.drawing.humanoids import HumanLook
from providers.offline.drawing.sheets import _look, drawn_as
from providers.offline.lexicon import COLOURS
from providers.offline.looks import COLOUR_WORDS, alike, colour_named, hue_gap, rgb
from providers.offline.plan import plan_story
from providers.offline.storyteller import OfflineStoryteller
from providers.offline.world import GARMENT_COLOURS

HEROES = ["a juggler", "a lighthouse keeper", "a chef", "a nurse", "a pilot", "a knight", "a robot", "a baker"]
PLACES = ["at the circus", "by the sea", "in a cooking contest", "on Mars", "in the hospital", "in the mountains"]
PROMPTS = [f"{hero} {verb} {place}" for hero, verb, place in
           itertools.product(HEROES, ("dreams", "fights back"), PLACES)]  # fmt: skip
# A villain and a mentor in every story; a rival, a thief, a contest, a crowd of people the prompt names.
CASTS = [
    "a detective hunts a thief in the city",
    "a girl meets a wizard in the forest",
    "a knight, a princess and a wizard fight a dragon",
    "two knights joust at the castle",
    "a detective and a nurse and a baker solve a mystery at the museum",
    "a circus comes to town",
    "a girl and her grandfather and a pirate search for treasure",
    "a diamond is stolen from the museum",
    "a boy and his robot escape the city",
    "a lighthouse keeper befriends a sea monster",
    "two chefs compete in a cooking contest",
    "a queen and her knight and her wizard defend the castle",
    "a red knight fights a black knight",  # the hero is drawn in the red the role names, not the tabard's green
]

# Tales in French and Spanish dress their people in their own words ("un manteau vert"), read back by the profiles.
FR_HEROES = ["un chevalier", "une infirmière", "un détective", "une jongleuse"]
FR_PLACES = ["dans les montagnes", "au cirque", "à Paris"]
ES_HEROES = ["un caballero", "una enfermera", "un detective", "una cocinera"]
ES_PLACES = ["en las montañas", "en el circo", "en Madrid"]
FRENCH = [f"{h} {v} {p}" for h, v, p in itertools.product(FR_HEROES, ["rêve", "combat un dragon"], FR_PLACES)]
SPANISH = [f"{h} {v} {p}" for h, v, p in itertools.product(ES_HEROES, ["sueña", "lucha contra un dragón"], ES_PLACES)]
CONTESTS = [
    "deux chefs rivaux s'affrontent dans un concours de cuisine",
    "une coureuse participe à une course",
    "dos chefs compiten en un concurso de cocina",
    "un chevalier participe à un tournoi",
]
TALES = FRENCH + SPANISH + CONTESTS


def colour_of(look: str) -> str | None:
    return next((w for w in look.replace(",", " ").split() if w in GARMENT_COLOURS), None)


def hair_differs(a: HumanLook, b: HumanLook) -> bool:
    """Another cut (long, short, a bun) or a hair colour of another brightness (black and blond, not two browns)."""
    light = [0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] for c in (a.hair, b.hair)]
    return a.hair_style != b.hair_style or abs(light[0] - light[1]) >= 40


async def people(prompt: str) -> list[tuple[Character, HumanLook]]:
    """The comic's people as its sheets draw them (robots, creatures and things are other in kind)."""
    teller = OfflineStoryteller()

    async def ignore(_: str) -> None:
        return None

    story = (await teller.write_story(prompt, ignore)).text
    cast = [Character(id=uuid.uuid4(), **p.model_dump()) for p in (await teller.extract_characters(story)).items]
    return [(c, _look(c)) for c in cast if drawn_as(c) == "person"]


def test_the_circus_clown_is_not_dressed_like_the_amber_juggler() -> None:
    plan = plan_story("a circus comes to town")
    assert (colour_of(plan.hero_look), colour_of(plan.ally_look)) == ("amber", "green"), plan.ally_look


@pytest.mark.parametrize("prompt", PROMPTS + CASTS + TALES)
async def test_no_two_people_of_a_comic_look_alike(prompt: str) -> None:
    found = await people(prompt)
    assert len(found) >= 3, [c.name for c, _ in found]  # a villain and a mentor besides the hero, most often an ally
    for (one, a), (other, b) in itertools.combinations(found, 2):
        assert not alike(a.top, b.top) or hair_differs(a, b), (prompt, one.name, a.top, other.name, b.top)


@pytest.mark.parametrize("prompt", PROMPTS + CASTS)
def test_the_plan_dresses_everyone_in_colours_apart(prompt: str) -> None:
    plan = plan_story(prompt)
    # As the story introduces them, and the profile reads the first colour named: "a red knight in a green tabard".
    worn = {
        "hero": f"{plan.hero_trait} {plan.role} {plan.hero_look}",
        "ally": f"{plan.ally_job} {plan.ally_look}",
        "mentor": plan.mentor_marker,
    }
    if plan.beast is None:
        worn["villain"] = f"{plan.villain_kind} {plan.villain_look}"
    if plan.facts.hero_kind == "creature":
        del worn["hero"]
    firsts = {who: next((w for w in look.split() if w in COLOURS), None) for who, look in worn.items()}
    assert all(firsts.values()), firsts  # a colour of its own for each: none left to the name's hash colours
    for (one, a), (other, b) in itertools.combinations(firsts.items(), 2):
        assert not alike(rgb(a or ""), rgb(b or "")), (prompt, one, a, other, b)


def test_the_mentor_wears_a_coat_of_a_colour_and_keeps_the_marker_drawn() -> None:
    plan = plan_story("a lighthouse keeper befriends a sea monster")
    assert plan.mentor_marker == "a faded green coat and spectacles on a long chain"


async def test_a_tale_s_mentor_and_ally_wear_coats_of_colours_its_hero_and_villain_do_not() -> None:
    found = await people("un chevalier combat une sorcière dans les montagnes")  # a dragon fought is the villain now
    mentor = next(c for c, _ in found if "maître" in c.visual_form)
    worn = next(w for w in mentor.visual_form.split() if colour_named(w))  # "vêtu d'un gilet bleu": "bleu"
    assert colour_named(worn) in GARMENT_COLOURS and mentor.color_palette[0] == COLOURS[colour_named(worn) or ""]
    tops = [look.top for _, look in found]
    assert rgb("black") in tops and len(set(tops)) == len(tops) == 4


def test_every_garment_colour_is_a_known_colour_and_near_ones_are_told_apart() -> None:
    assert set(GARMENT_COLOURS) <= set(COLOURS)
    assert hue_gap(rgb("amber"), rgb("yellow")) < 0.1 and hue_gap(rgb("crimson"), rgb("scarlet")) < 0.1
    assert hue_gap(rgb("green"), rgb("violet")) > 0.3
    assert alike(rgb("amber"), rgb("yellow")) and alike(rgb("violet"), rgb("purple"))
    assert alike(rgb("brown"), rgb("crimson")) and alike(rgb("silver"), rgb("white"))
    # Told apart by their brightness or their want of colour, whatever their hues.
    assert not alike(rgb("black"), rgb("crimson")) and not alike(rgb("black"), rgb("silver"))
    assert not alike(rgb("white"), rgb("amber")) and not alike(rgb("grey"), rgb("teal"))


def test_a_tale_s_colour_words_read_back_as_their_colours() -> None:
    for table in COLOUR_WORDS.values():
        assert set(GARMENT_COLOURS) <= set(table)
        for colour, forms in table.items():
            assert all(colour_named(word) == colour for word in forms), (colour, forms)
