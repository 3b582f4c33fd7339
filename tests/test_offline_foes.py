"""A creature the prompt's hero must face is the story's villain (#19: two characters and a conflict): "a knight
slays a dragon" is about a dragon to be defeated, not a misunderstood one and a villain the prompt never named."""

import re
import uuid

import pytest

from domain.panel import Panel
from providers.images import ReferenceImage
from providers.offline.drawing.panels import draw_panel
from providers.offline.drawing.sheets import render_sheet_png
from providers.offline.plan import plan_story
from providers.offline.world import BIOMES
from tests.offline_cases import characters, make


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


# A prompt that names only creatures in conflict is told as their hunt, flight or fight: (prompt, the hero's kind,
# how many of it, the opponent's kind, how many of it, the world it happens in).
_CREATURE_CONFLICTS = [
    ("two wolves hunt a deer", "wolf", 2, "deer", 1, "forest"),
    ("a cat chases a mouse", "cat", 1, "mouse", 1, "city"),
    ("an eagle hunts a rabbit", "eagle", 1, "rabbit", 1, "forest"),
    ("a shark hunts a seal", "shark", 1, "seal", 1, "undersea"),
    ("a fox stalks the hens", "fox", 1, "hen", 2, "farm"),
    ("a hawk and a snake fight", "hawk", 1, "snake", 1, "desert"),
    ("three wolves chase a moose", "wolf", 3, "moose", 1, "forest"),
    ("a pack of wolves hunts a deer", "wolf", 2, "deer", 1, "forest"),
    ("a lion hunts a zebra", "lion", 1, "zebra", 1, "prairie"),
    ("a deer flees two wolves", "deer", 1, "wolf", 2, "forest"),
    ("a mouse outwits a cat", "mouse", 1, "cat", 1, "city"),
    ("the three little pigs and the big bad wolf", "pig", 3, "wolf", 1, "forest"),
    ("two dragons fight", "dragon", 1, "dragon", 1, "mountain"),
    ("two cats fight over a fish", "cat", 1, "cat", 1, "city"),
]


def _kind(brief: str, noun: str) -> bool:
    """Whether a brief's appositive ('Hallow, a cheerful wolf with ...') makes the character a `noun`."""
    return bool(re.match(rf"[^,]+, an? [\w' -]*\b{noun}\b", brief.split(" with ")[0]))


@pytest.mark.parametrize(("prompt", "hero", "pack", "foe", "foes", "world"), _CREATURE_CONFLICTS)
async def test_creatures_in_conflict_are_the_whole_cast(
    prompt: str, hero: str, pack: int, foe: str, foes: int, world: str
) -> None:
    comic = await make(prompt)
    cast = comic.cast
    assert all(c.character_type == "creature" for c in cast), [(c.name, c.brief[:60]) for c in cast]
    lead = [c for c in cast if c.role == "protagonist"]
    villains = [c for c in cast if c.role == "antagonist"]
    assert len(lead) == 1 and _kind(lead[0].brief, hero), lead
    assert len(villains) == 1 and _kind(villains[0].brief, foe), villains
    others = [c for c in cast if c.role not in ("protagonist", "antagonist")]
    if hero != foe:  # each side has as many of its kind as the prompt says
        assert 1 + sum(_kind(c.brief, hero) for c in others) == pack, [c.brief[:50] for c in cast]
        assert 1 + sum(_kind(c.brief, foe) for c in others) == foes, [c.brief[:50] for c in cast]
    names = {c.name for c in cast}
    assert any({lead[0].name, villains[0].name} <= set(p.characters) for p in comic.panels), comic.panels
    assert set().union(*(p.characters for p in comic.panels)) <= names
    assert plan_story(prompt).biome is BIOMES[world]
    if hero != foe:  # the quarry's look names no hunter: the drawing would draw a deer as a wolf
        assert not re.search(rf"\b{hero}", villains[0].visual_form), villains[0].visual_form


@pytest.mark.parametrize(
    ("prompt", "told"),
    [("two wolves hunt a deer", r"doubled back and lay still"), ("a rabbit escapes a fox", r"quicker than that"),
     ("a cat hunts a bird", r"caught nothing but air"), ("a shark hunts a seal", r"onto an ice floe"),
     ("a hawk and a snake fight", r"fought, and neither gave an inch"),
     ("four wolves hunt an elk", r"caught a scent on the wind")],
)  # fmt: skip
async def test_a_creature_conflict_is_told_as_its_chase_or_fight(prompt: str, told: str) -> None:
    story = (await make(prompt)).text
    assert re.search(told, story), story[:800]
    assert not re.search(r"\b(?:mentor|army|soldiers|four wolf)\b", story), story[:800]


@pytest.mark.parametrize(
    "prompt", ["a boy hunts a wolf", "a knight slays a dragon", "a girl and her fox search for a lost key"]
)
def test_a_conflict_with_a_person_in_it_is_no_creature_hunt(prompt: str) -> None:
    assert plan_story(prompt).facts.hunt is None


@pytest.mark.parametrize(
    ("prompt", "kind", "count"),
    [("three little pigs", "pig", 3), ("two kittens explore Paris", "kitten", 2),
     ("two wolves howl at the moon", "wolf", 2), ("a fox explores the forest", "fox", 1)],
)  # fmt: skip
async def test_a_number_of_creatures_is_that_many_characters(prompt: str, kind: str, count: int) -> None:
    cast = (await make(prompt)).cast
    assert sum(c.character_type == "creature" and _kind(c.brief, kind) for c in cast) == count, cast
    assert not re.search(rf"\b(?:two|three) {kind}\b", (await make(prompt)).text)


@pytest.mark.parametrize(
    ("prompt", "hunt", "hero", "pack", "foe", "foes"),
    [("a fox who hunted the hens", "hunt", "fox", 1, "hen", 2),
     ("a werewolf hunts a vampire", "hunt", "werewolf", 1, "vampire", 1),
     ("the three little pigs and the big bad wolf", "flee", "pig", 3, "wolf", 1),
     ("a rabbit escapes from two foxes", "flee", "rabbit", 1, "fox", 2),
     ("two dragons fight", "fight", "dragon", 1, "dragon", 1),
     ("a bear and a wolf fight", "fight", "bear", 1, "wolf", 1),
     ("two wolves hunt for treasure", None, "wolf", 2, None, 1),
     ("a fox named Rusty hunts a hen", "hunt", "fox", 1, "hen", 1),
     ("a dragon hunts a knight", None, "dragon", 1, None, 1)],
)  # fmt: skip
def test_the_prompt_reader_finds_the_creatures_conflict(
    prompt: str, hunt: str | None, hero: str, pack: int, foe: str | None, foes: int
) -> None:
    p = plan_story(prompt)
    facts = p.facts
    assert (facts.hunt, facts.hero_noun, facts.pack, facts.foes) == (hunt, hero, pack, foes)
    if foe is not None:
        assert facts.opponent is not None and facts.opponent.noun == foe
        assert p.beast == foe  # named and described as a creature, not a person in a greatcoat
        assert p.biome.wild != BIOMES["space"].wild  # a hunt with no place named happens on its kind's ground


@pytest.mark.parametrize(
    ("prompt", "named"),
    [("a fox named Rusty hunts a hen", "Rusty"), ("a wolf hunts a deer named Swift", "Swift")],
)  # fmt: skip
async def test_a_creature_the_prompt_names_keeps_its_name_in_the_hunt(prompt: str, named: str) -> None:
    comic = await make(prompt)
    assert named in {c.name for c in comic.cast}, comic.cast
    assert all(c.character_type == "creature" for c in comic.cast), comic.cast


async def test_the_quarry_is_not_told_twice_what_the_prompt_says_it_is() -> None:
    story = (await make("a hungry fox chases a clever rabbit through the snowy forest")).text
    assert "clever rabbit" in story and not re.search(r"clever \w+ clever", story), story[:900]


@pytest.mark.parametrize(
    ("prompt", "quarry"), [("two wolves hunt a deer", "deer"), ("a fox stalks a rabbit", "rabbit")]
)
async def test_a_hunted_creature_is_drawn_wide_eyed_never_baring_its_teeth(prompt: str, quarry: str) -> None:
    # The quarry is the tale's antagonist, and antagonists scowl; a deer that roars reads as the hunter.
    cast = await characters(prompt)
    hunted = next(c for c in cast if quarry in f"{c.brief} {c.visual_form}".lower())
    sheets = {c.name: render_sheet_png(c) for c in cast}
    faces = []
    for panel in [Panel(id=uuid.uuid4(), index=i, **d.model_dump()) for i, d in enumerate((await make(prompt)).panels)]:
        if hunted.name not in panel.characters:
            continue
        refs = [ReferenceImage(n, sheets[n]) for n in panel.characters if n in sheets]
        art = draw_panel(panel, refs, (512, 384), False)
        faces += [f["expression"] for f in art.metadata["figures"] if f["name"] == hunted.name]
    assert faces and "roar" not in faces, faces
