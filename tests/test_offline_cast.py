"""The offline story's cast is the prompt's (#19 item 1): its names, its heroes, its rivals and their kinds.

A name the prompt gives is a character's, a creature it is about is its hero, a machine is a robot, the subject a
rival word sets against the hero is the one villain, and each is called and drawn as what it is.
"""

import re

import pytest

from providers.offline.plan import plan_story
from tests.offline_cases import PASTED_STORY, about, assert_no_seams, make, moods


@pytest.mark.parametrize(
    ("prompt", "names"),
    [
        ("Captain Ada Reyes hunts a sea monster", {"Captain Ada Reyes": "humanoid"}),
        ("Mara Quill and her dog Biscuit find a map", {"Mara Quill": "humanoid", "Biscuit": "creature"}),
        ("a girl named Lina befriends a dragon", {"Lina": "humanoid"}),
        (
            "Queen Isolde and King Arthur fight over a cursed crown",
            {"Queen Isolde": "humanoid", "King Arthur": "humanoid"},
        ),
        (PASTED_STORY, {"Mara Quill": "humanoid", "Tomas": "humanoid"}),
    ],
    ids=["title", "apposition", "named", "conflict", "pasted story"],
)
async def test_the_names_a_prompt_gives_are_the_cast_s_names(prompt: str, names: dict[str, str]) -> None:
    comic = await make(prompt)
    cast = {c.name: c for c in comic.cast}
    assert comic.cast[0].name == next(iter(names)), [c.name for c in comic.cast]
    for name, kind in names.items():
        assert name in cast and cast[name].character_type == kind, (name, list(cast))
    assert_no_seams(comic.text)
    assert "a Captain" not in comic.text and "a Mara" not in comic.text  # the old tale quotes a name as a name
    if "King Arthur" in names:
        assert cast["King Arthur"].role == "antagonist"  # the other named person in a conflict is the rival
    if "Tomas" in names:
        assert "Night" not in " ".join(cast)  # "That night the sea rose": a time, not a character
        assert "Tomas, her " in comic.text and "brother" in cast["Tomas"].visual_form  # hers, not "a brother"


async def test_an_emoji_prompt_is_read_as_the_things_it_pictures() -> None:
    comic = await make("🐉🔥")
    assert [c.character_type for c in comic.cast if re.search(r"\bdragon\b", about(c))] == ["creature"]
    assert "the old tale of a dragon" in comic.text


async def test_a_shouted_prompt_reads_as_words_not_names() -> None:
    comic = await make("THE DRAGON ATTACKS THE CITY!!!")
    assert [c.character_type for c in comic.cast if re.search(r"\bdragon\b", about(c))] == ["creature"]


async def test_a_robot_companion_is_named_and_called_like_a_robot() -> None:
    comic = await make("a boy and his robot build a rocket")
    robot = next(c for c in comic.cast if re.search(r"\brobot\b", about(c)))
    assert re.fullmatch(r"[A-Z][a-z]+-\d+", robot.name), robot.name  # "Bolt-24", not "Cassia Ivanetti"


async def test_a_zombie_has_no_scales() -> None:
    comic = await make("zombies invade a small town")
    zombie = next(c for c in comic.cast if re.search(r"\bzombie\b", about(c)))
    assert zombie.character_type == "creature" and "scale" not in zombie.visual_form
    assert "in which zombies invade a small town" in comic.text  # the old tale reads as a sentence


@pytest.mark.parametrize(
    ("prompt", "word"),
    [
        ("a clockwork automaton and a girl explore a haunted castle", "automaton"),
        ("a rusty droid guards a lighthouse", "droid"),
        ("a cyborg soldier escapes a prison", "cyborg"),
        ("a golem of iron protects a village", "robot"),
        ("a boy and his robot build a rocket", "robot"),
        ("un automate explore le château", "automate"),
    ],
)
async def test_a_machine_by_any_name_is_a_robot_in_the_cast(prompt: str, word: str) -> None:
    comic = await make(prompt)
    robots = [c for c in comic.cast if re.search(rf"\b{word}\b", about(c))]
    assert robots and robots[0].character_type == "humanoid", [(c.name, about(c)) for c in comic.cast]
    assert re.fullmatch(r"[A-Z][a-z]+-\d+", robots[0].name), robots[0].name  # named like a robot: "Tock-95"
    if " le " not in prompt:  # an English story calls it "it"; the French one, "il"
        assert re.search(r"\b(?:it|its)\b", comic.text)
    assert re.search(r"\b(?:robot|automaton|droid|cyborg)\b", robots[0].visual_form)  # the word the drawing reads


@pytest.mark.parametrize(
    ("prompt", "creature"),
    [
        ("a mermaid searches for her lost sister", "mermaid"),
        ("el último dragón busca un tesoro en las montañas", "dragón"),
        ("a dragon guards a castle on the moon", "dragon"),
        ("dragon", "dragon"),
        ("una sirena busca a su hermana perdida", "sirena"),
    ],
)
async def test_a_creature_the_prompt_is_about_is_its_hero(prompt: str, creature: str) -> None:
    comic = await make(prompt)
    hero = comic.cast[0]
    assert hero.role == "protagonist" and hero.character_type == "creature", hero
    assert creature in about(hero), about(hero)
    assert comic.text.split("\n\n")[0].count(hero.name) >= 2  # the story opens on it, not on a person it meets
    assert not re.search(r"\bin (?:a|an) [a-z]+ (?:wool coat|oilskin coat|patched jacket)\b", hero.visual_form)
    assert not re.search(rf"{hero.name} (?:rowed|steered|drove)\b", comic.text)  # a mermaid swims out
    assert_no_seams(comic.text)
    if "sister" in prompt:  # the person it names is another character: her sister
        sister = next(c for c in comic.cast if "sister" in about(c))
        assert sister.character_type == "humanoid" and sister.role != "protagonist"
        assert re.search(rf"found {sister.name}, her lost sister", comic.text)  # found, not met as a stranger
        assert "ever search for her lost sister" not in comic.text  # an army's oath about whose sister?


@pytest.mark.parametrize("prompt", ["zombies invade a small town", "THE DRAGON ATTACKS THE CITY!!!"])
async def test_a_creature_that_attacks_is_not_the_hero(prompt: str) -> None:
    comic = await make(prompt)
    assert comic.cast[0].character_type == "humanoid"


async def test_a_dragon_hero_is_cheered_not_carried_on_shoulders() -> None:
    comic = await make("dragon")
    assert "onto their shoulders" not in comic.text and "cheered" in comic.text
    reward = next(p for p in comic.panels if "broken walls" in p.background)
    assert "triumphant" in moods(reward)


@pytest.mark.parametrize(
    ("prompt", "workplace", "work"),
    [
        ("a baker travels to the mountains", "bakery", "kneaded the dough"),
        ("a chef finds a map", "kitchen", "stockpot"),
        ("a knight and a sorceress fight over a cursed crown", "stone hut", "lance"),
    ],
)
async def test_the_hero_s_occupation_shapes_their_days_on_any_journey(prompt: str, workplace: str, work: str) -> None:
    comic = await make(prompt)
    opening = comic.text.split("\n\n")[0]
    assert work in opening, opening  # a baker bakes, not "mends the footbridges"
    assert workplace in comic.panels[0].background.split(":")[0].lower()


@pytest.mark.parametrize(
    ("prompt", "hero", "rival"),
    [
        ("a unicorn races a dragon", ("unicorn", "creature"), ("dragon", "creature")),
        ("a knight duels a witch", ("knight", "humanoid"), ("witch", "humanoid")),
        ("a cat versus a dog in a pie-eating contest", ("cat", "creature"), ("dog", "creature")),
        ("a knight fights against a dragon", ("knight", "humanoid"), ("dragon", "creature")),
        ("a girl challenges a giant", ("girl", "humanoid"), ("giant", "creature")),
        ("a fox competes with a wolf", ("fox", "creature"), ("wolf", "creature")),
        ("two dragons race", ("dragon", "creature"), ("rival dragon", "creature")),  # another of its kind
        ("a boy competes against a robot in a chess tournament", ("boy", "humanoid"), ("robot", "humanoid")),
        ("A Unicorn Races A Dragon", ("unicorn", "creature"), ("dragon", "creature")),  # a title's capitals
        ("a race between a unicorn and a dragon", ("unicorn", "creature"), ("dragon", "creature")),
    ],
)
async def test_the_subject_a_rival_word_sets_against_the_hero_is_the_villain(
    prompt: str, hero: tuple[str, str], rival: tuple[str, str]
) -> None:
    comic = await make(prompt)
    protagonist = comic.cast[0]
    assert protagonist.role == "protagonist" and re.search(rf"\b{hero[0]}\b", about(protagonist)), protagonist
    assert protagonist.character_type == hero[1]
    opponents = [c for c in comic.cast if re.search(rf"\b{rival[0]}\b", about(c))]
    assert [c.role for c in opponents] == ["antagonist"], [(c.name, c.role) for c in opponents]  # not a companion
    assert opponents[0].character_type == rival[1]
    assert [c.role for c in comic.cast].count("antagonist") == 1  # no tyrant from nowhere beside it
    for character in (protagonist, opponents[0]):  # a unicorn or a giant has no scales, a dog no greatcoat
        if character.character_type == "creature" and not re.search(r"\b(?:dragon)\b", about(character)):
            assert "scales" not in character.visual_form and "greatcoat" not in character.visual_form, character
    rival_panels = [p for p in comic.panels if opponents[0].name in p.characters]
    assert rival_panels and any(protagonist.name in p.characters for p in rival_panels)  # they meet
    assert_no_seams(comic.text)


@pytest.mark.parametrize(
    ("prompt", "hero", "others"),
    [
        ("Pedro finds a map", "Pedro", {"map": "object"}),
        ("Marie and her cat enter a contest", "Marie", {"cat": "creature"}),
        ("Pedro y su perro Max ganan una carrera", "Pedro", {"Max": "creature"}),  # told in Spanish, a race
        ("Marie participe à un concours de cuisine", "Marie", {}),  # "à", "de": French, though short
        ("Write a story about a dragon", None, {"dragon": "creature"}),  # an order, not someone called Write
    ],
)
async def test_a_first_name_alone_opening_the_prompt_is_its_hero(
    prompt: str, hero: str | None, others: dict[str, str]
) -> None:
    comic = await make(prompt)
    names = [c.name for c in comic.cast]
    if hero:
        assert comic.cast[0].name == hero and comic.cast[0].character_type == "humanoid", names
    assert "Write" not in " ".join(names)
    for word, kind in others.items():
        matching = [c for c in comic.cast if c.name == word or re.search(rf"\b{word}\b", about(c))]
        assert matching and matching[0].character_type == kind, (word, names)
    if "concours" in prompt or "carrera" in prompt:  # the tale in the prompt's language, around its event
        assert sum(("concours" if "concours" in prompt else "carrera") in p for p in comic.text.split("\n\n")) >= 3
    assert "rival hero" not in comic.text and "other heroes" not in comic.text  # a contestant of no craft
    assert_no_seams(comic.text)


@pytest.mark.parametrize(
    ("prompt", "subject", "words"),
    [
        ("Pedro y su perro Max ganan una carrera", "he", ("él",)),
        ("Marie and her cat enter a contest", "she", ("she",)),
        ("Lina explores Mars", "she", ("she",)),
        ("Tom finds a map", "he", ("he",)),
    ],
)
async def test_a_hero_named_without_a_noun_is_as_their_name_says(
    prompt: str, subject: str, words: tuple[str, ...]
) -> None:
    assert plan_story(prompt).hero.subj == subject  # not "Pedro, una comerciante callada"
    text = (await make(prompt)).text.lower()
    assert all(re.search(rf"\b{w}\b", text) for w in words)


async def test_a_friendship_between_two_sets_no_one_against_the_other() -> None:
    comic = await make("a friendship between a girl and a dragon")
    dragon = next(c for c in comic.cast if re.search(r"\bdragon\b", about(c)))
    assert dragon.role != "antagonist" and comic.cast[0].role == "protagonist"


@pytest.mark.parametrize("tail", ["", " in a pie-eating contest"])
@pytest.mark.parametrize("verb", ["races", "against", "competes with"])
@pytest.mark.parametrize("subject", ["a baker", "a ghost", "Pedro"])
async def test_whoever_the_hero_is_the_one_set_against_them_is_the_rival(subject: str, verb: str, tail: str) -> None:
    # A person, a creature or a name against a person, a creature or a king: the craft's contest once called a
    # witch "a ruthless rival baker", and "Pedro against a troll" made the troll the hero.
    for rival, word in (("a witch", "witch"), ("a troll", "troll"), ("the king", "king")):
        comic = await make(f"{subject} {verb} {rival}{tail}")
        hero = comic.cast[0]
        assert hero.role == "protagonist" and (hero.name == subject or subject.split()[-1] in about(hero)), hero
        villains = [c for c in comic.cast if c.role == "antagonist"]
        assert len(villains) == 1 and re.search(rf"\b{word}\b", about(villains[0])), (rival, villains)
        assert word not in about(hero), hero  # not "Pedro, a careful witch"
