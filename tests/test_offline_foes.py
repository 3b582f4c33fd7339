"""A creature the prompt's hero must face is the story's villain (#19: two characters and a conflict): "a knight
slays a dragon" is about a dragon to be defeated, not a misunderstood one and a villain the prompt never named."""

import re

import pytest

from tests.offline_cases import make


async def _cast(prompt: str) -> tuple[str, dict[str, tuple[str, str]]]:
    comic = await make(prompt)
    return comic.text, {c.name: (c.role, c.character_type) for c in comic.cast}


@pytest.mark.parametrize(
    ("prompt", "foe"),
    [
        ("a knight slays a dragon", "dragon"),
        ("a young knight must slay the dragon terrorising her village", "dragon"),
        ("a boy hunts a wolf", "wolf"),
        ("a girl defeats a giant", "giant"),
        ("a brave rabbit outwits a fox", "fox"),
        ("a witch must stop the troll that eats the king's sheep", "troll"),
        ("a dragon terrorises a village", "dragon"),
        ("a shepherd fights the wolf that steals his lambs", "wolf"),
        ("a sailor escapes a sea serpent", "serpent"),
        ("a knight, a princess and a wizard fight a dragon", "dragon"),  # the people side together
        ("a girl and her brother defeat a troll", "troll"),
    ],
)
async def test_the_creature_the_hero_must_face_is_the_villain(prompt: str, foe: str) -> None:
    story, cast = await _cast(prompt)
    villains = [name for name, (role, _) in cast.items() if role == "antagonist"]
    assert len(villains) == 1, cast
    villain = villains[0]
    assert cast[villain][1] == "creature", (villain, cast)
    assert re.search(rf"\bruthless (?:\w+ )?{foe}\b", story), story[:600]
    # The prompt's creature is the villain, not one more creature beside it.
    assert [n for n, (role, kind) in cast.items() if kind == "creature" and role != "antagonist" and foe in n] == []


@pytest.mark.parametrize(
    "prompt",
    ["a girl befriends a dragon", "a lonely boy and his wolf", "a dragon who is afraid of the dark"],
)
async def test_a_friendly_creature_stays_a_friend(prompt: str) -> None:
    _, cast = await _cast(prompt)
    assert all(kind != "creature" for role, kind in cast.values() if role == "antagonist"), cast


@pytest.mark.parametrize(
    ("prompt", "rival"),
    [("a dolphin and a shark race across the ocean", "shark"), ("a tortoise and a hare race", "hare"),
     ("a knight and a princess race to the castle", "princess")],
)  # fmt: skip
async def test_the_one_named_beside_the_hero_in_a_race_is_the_rival(prompt: str, rival: str) -> None:
    story, cast = await _cast(prompt)
    villain = next(name for name, (role, _) in cast.items() if role == "antagonist")
    assert re.search(rf"\b{villain}, a ruthless rival {rival}\b", story), story[:800]


async def test_a_girl_and_her_dog_race_together() -> None:
    story, _ = await _cast("a girl and her dog race to the sea")
    assert not re.search(r"ruthless rival dog", story)


@pytest.mark.parametrize(
    "prompt", ["a detective solves a mystery on the train", "the mystery of the haunted lighthouse", "a museum heist"]
)
async def test_a_mystery_that_names_nothing_missing_still_loses_something(prompt: str) -> None:
    story, cast = await _cast(prompt)
    assert any(kind == "object" for _, kind in cast.values()), cast
    assert re.search(r"\bwas gone\b|\bmissing\b|\bvanished\b", story), story[:800]
    assert "army" not in story  # a mystery, not a war


async def test_a_detective_hero_does_not_refuse_by_saying_they_are_no_detective() -> None:
    story, _ = await _cast("a detective solves a mystery on the train")
    assert not re.search(r"I am an? (\w+ )?detective, not a detective", story)
    assert "This case is too big for me" in story


@pytest.mark.parametrize(
    ("prompt", "hero"),
    [("an octopus cooks dinner in the kitchen", "octopus"), ("a goldfish goes to school", "goldfish"),
     ("a crocodile opens a bakery", "crocodile")],
)  # fmt: skip
async def test_the_animal_the_prompt_is_about_is_its_hero(prompt: str, hero: str) -> None:
    comic = await make(prompt)
    lead = next(c for c in comic.cast if c.role == "protagonist")
    assert lead.character_type == "creature" and hero in lead.brief, lead.brief
