"""People look as the prompt and the story say: the colour, garment, hair and beard a prompt gives its people are in
their profiles and drawn (not the writer's own random coat), and a person the story calls he is not drawn with a bun
or long hair (nor she with a man's crop) unless the words say so. Checked on the figures the sheets draw, from the
story the offline storyteller writes and the cast it reads from it."""

import io
import re

import pytest
from PIL import Image

from domain.character import Character
from providers.offline.drawing.colour import character_palette, luminance
from providers.offline.drawing.creatures import creature_look
from providers.offline.drawing.cutout import sheet_look
from providers.offline.drawing.features import BALD, BUN, LONG, SHORT, hair_style
from providers.offline.drawing.humanoids import HumanLook, human_look
from providers.offline.drawing.sheets import _look, _profile_text, render_sheet_png
from providers.offline.looks import rgb
from providers.offline.plan import plan_story
from tests.offline_cases import characters


async def cast(prompt: str) -> list[Character]:
    return await characters(prompt)


def one(characters: list[Character], role: str) -> Character:
    return next(c for c in characters if c.role == role)


def reddish(c: tuple[int, int, int]) -> bool:
    return c[0] > c[1] + 50 and c[0] > c[2] + 50


# (prompt, whose, words the profile says, what the drawn look has)
TOLD = [
    ("a girl in a red coat searches for her dog", "protagonist", "red coat", lambda lk: lk.top == rgb("red")),
    ("a knight in black armour guards a bridge", "protagonist", "black armour",
     lambda lk: lk.top == rgb("black") and lk.hat == "helmet" and luminance(lk.hat_colour) < 40),
    ("Captain Ada Reyes in a blue coat hunts a whale", "protagonist", "blue coat", lambda lk: lk.top == rgb("blue")),
    ("an old man with a white beard builds a boat", "protagonist", "white beard",
     lambda lk: lk.beard and luminance(lk.hair) > 200),
    ("a woman with red hair walks to the sea", "protagonist", "red hair", lambda lk: reddish(lk.hair)),
    ("a pirate with an eyepatch sails to an island", "protagonist", "eyepatch", lambda lk: lk.patch),
    ("a boy in a green cloak climbs a mountain", "protagonist", "green cloak",
     lambda lk: lk.top == rgb("green") and lk.cape),
    ("a boy fights a witch in a black cloak", "antagonist", "black cloak", lambda lk: lk.top == rgb("black")),
    ("a detective in a yellow raincoat solves a mystery", "protagonist", "yellow raincoat",
     lambda lk: lk.top == rgb("yellow")),
    ("a witch in a purple hat brews a potion", "protagonist", "purple hat",
     lambda lk: lk.hat == "wizard" and min(lk.hat_colour[0], lk.hat_colour[2]) > lk.hat_colour[1] + 60),
    ("a bald wizard guards a tower", "protagonist", "bald wizard", lambda lk: lk.hair_style == BALD),
    ("a nurse with a silver braid helps a sailor", "protagonist", "silver braid",
     lambda lk: lk.hair_style == LONG and luminance(lk.hair) > 180),
]  # fmt: skip


@pytest.mark.parametrize(("prompt", "whose", "said", "drawn"), TOLD)
async def test_the_prompt_s_looks_are_in_the_profile_and_drawn(prompt: str, whose: str, said: str, drawn) -> None:
    person = one(await cast(prompt), whose)
    assert said in person.brief, (prompt, person.brief)
    look = _look(person)
    assert drawn(look), (prompt, person.brief, look)


async def test_the_sheet_records_the_red_coat_the_prompt_gives() -> None:
    girl = one(await cast("a girl in a red coat searches for her dog"), "protagonist")
    look = sheet_look(render_sheet_png(girl))
    assert isinstance(look, HumanLook) and look.top == rgb("red")
    sheet = Image.open(io.BytesIO(render_sheet_png(girl))).convert("RGB")
    assert sheet.size[0] > 0


async def test_a_green_goblin_is_in_the_cast_and_drawn_a_green_biped() -> None:
    goblin = one(await cast("a green goblin steals the moon"), "protagonist")
    assert goblin.character_type == "creature" and "green goblin" in goblin.brief
    look = creature_look(goblin.name, character_palette(goblin.color_palette, goblin.name), _profile_text(goblin))
    assert look.body[1] > look.body[0] and look.body[1] > look.body[2], look.body
    assert look.kind == "biped", look.kind  # on two legs, not a dragon the name's hash picked


def test_a_creature_s_own_colour_is_its_scales_colour() -> None:
    plan = plan_story("a red dragon guards a mountain")
    assert plan.facts.hero_kind == "creature"
    assert "copper" not in plan.hero_look and "green" not in plan.hero_look, plan.hero_look


def test_a_colour_the_prompt_gives_is_fixed_and_the_hero_moves_round_it() -> None:
    plan = plan_story("a girl fights a witch in a crimson cloak")
    assert plan.villain_look == "crimson cloak"
    assert "crimson" not in plan.hero_look and "scarlet" not in plan.hero_look, plan.hero_look


def test_the_hair_the_words_give_wins_and_else_the_pronoun_s() -> None:
    assert hair_style("a silver braid", SHORT, "m") == LONG
    assert hair_style("a tight grey bun", LONG, "m") == BUN
    assert hair_style("short hair", LONG, "f") == SHORT
    assert hair_style("a lonely knight", BUN, "m") == SHORT
    assert hair_style("a lonely knight", SHORT, "f") == LONG
    assert hair_style("a lonely knight", BUN, None) == BUN  # nothing says: the hash's style, as before


# People whom the plan makes he or she, in stories of many kinds: heroes, villains and mentors.
PRONOUN_PROMPTS = [
    "a knight guards a bridge",
    "a night train where a diamond goes missing",
    "a lighthouse keeper befriends a sea monster",
    "a detective hunts a thief in the city",
    "a chef opens a restaurant",
    "a pilot crosses the desert",
    "a nurse works in the hospital",
    "a juggler joins the circus",
    "a baker bakes a cake for the king",
    "a sailor searches for an island",
    "an astronaut repairs a station in space",
    "a farmer saves the harvest",
    "a girl meets a wizard in the forest",
    "a boy climbs a mountain",
    "a thief steals a crown from the museum",
    "a painter paints the sea",
    "a green goblin steals the moon",
    "a miner finds a crystal on Mars",
    "a teacher opens a school in the jungle",
    "a diver explores a sunken ship",
]
_SAYS_HAIR = ("braid", "bun", "ponytail", "plait", "long hair", "bald", "short hair", "curls", "pigtail")


def _people_by_name(prompt: str) -> dict[str, str]:
    """The hero, villain, mentor and ally the plan makes he or she: the story calls each so outside speech (the ally
    in the words that introduce them: "in her yellow coat")."""
    plan = plan_story(prompt)
    return {w.full: w.subj for w in (plan.hero, plan.villain, plan.mentor, plan.ally) if w.subj in ("he", "she")}


async def test_no_he_is_drawn_with_a_bun_or_long_hair_nor_a_she_cropped() -> None:
    wrong, checked = [], 0
    for prompt in PRONOUN_PROMPTS:
        subj = _people_by_name(prompt)
        for person in await cast(prompt):
            if person.character_type != "humanoid" or person.name not in subj:
                continue
            text = _profile_text(person).lower()
            if any(word in text for word in _SAYS_HAIR):
                continue
            look = _look(person)
            if look.robot:
                continue
            checked += 1
            if (subj[person.name] == "he") != (look.hair_style in (SHORT, BALD)):
                wrong.append((prompt, person.name, subj[person.name], look.hair_style))
    assert checked >= 45
    assert not wrong, f"{len(wrong)} of {checked}: {wrong[:6]}"


# What the story's words give a person, and what the drawn look must show of it.
FEATURES = [
    ("scar", lambda lk: lk.scar),
    ("cloudy eye", lambda lk: lk.cloudy),
    ("silver braid", lambda lk: lk.hair_style == LONG and luminance(lk.hair) > 180),
    ("mask of", lambda lk: lk.mask is not None),
    ("spectacles", lambda lk: lk.glasses),
    ("white beard", lambda lk: lk.beard),
]


async def test_the_looks_the_story_writes_are_drawn() -> None:
    missed, seen = [], set()
    for prompt in PRONOUN_PROMPTS:
        for person in await cast(prompt):
            if person.character_type != "humanoid":
                continue
            text, look = _profile_text(person).lower(), _look(person)
            for words, drawn in FEATURES:
                if re.search(rf"\b{words}\b", text) and not look.robot:
                    seen.add(words)
                    if not drawn(look):
                        missed.append((prompt, person.name, words))
    assert {"scar", "cloudy eye", "silver braid", "mask of", "spectacles"} <= seen, seen
    assert not missed, missed


@pytest.mark.parametrize(
    ("text", "hat"),
    [("Brother Tavor, a sharp-tongued hedge-witch who had outlived three kings, with a faded orange coat", "wizard"),
     ("Old Mab, a gentle healer who had served two queens, with a walking stick", None),
     ("King Olaf, a proud king in a red cloak", "crown"),
     ("Ada, a young princess who had never seen the sea", "crown")],
)  # fmt: skip
def test_what_a_person_once_did_puts_no_hat_on_them(text: str, hat: str | None) -> None:
    palette = ((200, 100, 50), (50, 60, 70), (10, 20, 30), (200, 200, 200))
    assert human_look(text.split(",")[0], palette, text, "calm").hat == hat
