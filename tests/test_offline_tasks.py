"""Everyday tasks (providers/offline/task_tale.py): a prompt whose people set out to make or do something, with no
one against them, is told as that task: its people are the cast, nobody the prompt never hinted at is against them,
the thing and the day it is for are in the story, and the panels are drawn where the work happens."""

import pytest

from domain.drafts import CharacterProfile
from providers.offline.drawing.scenery import scene_for
from providers.offline.plan import plan_story
from providers.offline.task_tale import task_of
from tests.offline_cases import about, assert_no_seams, make

# prompt, words of the people it names (each must be a cast member's), words the story must say, settings drawn.
TASKS = [
    (
        "a grandmother and her grandson bake bread for the village fair",
        ("grandmother", "grandson"),
        ("bread", "village fair"),
        {"kitchen", "fairground"},
    ),
    ("two sisters build a treehouse", ("sister",), ("treehouse",), {"field"}),
    ("a boy and his grandfather go fishing on the lake", ("boy", "grandfather"), ("fish", "lake"), {"field"}),
    ("a painter paints a mural in the city", ("painter",), ("mural",), {"city"}),
    ("a girl plants a garden with her father", ("girl", "father"), ("garden", "seeds"), {"garden"}),
    ("an old man teaches his granddaughter to sail", ("old man", "granddaughter"), ("sail", "boat"), {"sea"}),
    ("two friends build a snowman", ("friend",), ("snowman", "snow"), {"garden"}),
    ("a girl and her dog deliver newspapers", ("girl", "dog"), ("newspapers",), {"city"}),
    ("a beekeeper harvests honey", ("beekeeper",), ("honey", "bees"), {"field"}),
    ("a tailor sews a wedding dress", ("tailor",), ("wedding dress", "stitch"), {"interior"}),
    ("a clockmaker repairs the town clock", ("clockmaker",), ("town clock", "gears"), {"workshop"}),
    ("a mother and daughter knit scarves for winter", ("mother", "daughter"), ("scarves", "winter"), {"interior"}),
    ("a baker bakes a cake for the king", ("baker",), ("cake", "king"), {"kitchen"}),
]

# What a quest against someone brings that an everyday task must not: a villain, an army, a lair.
_VILLAINY = ("sorcerer", "tyrant", "army", "soldiers", "fortress", "villain", "magistrate", "warden of")


@pytest.mark.parametrize(("prompt", "people", "words", "settings"), TASKS)
async def test_an_everyday_task_is_told_as_that_task(
    prompt: str, people: tuple[str, ...], words: tuple[str, ...], settings: set[str]
) -> None:
    assert task_of(plan_story(prompt)) is not None
    comic = await make(prompt)
    text = comic.text.lower()
    assert_no_seams(comic.text)
    for word in words:
        assert word in text, word
    for person in people:
        assert any(person in about(c) for c in comic.cast), (person, [about(c) for c in comic.cast])
    assert not [c.name for c in comic.cast if c.role == "antagonist"]
    assert not [w for w in _VILLAINY if w in text]
    # Every one the prompt names is drawn in a panel where they work, not only introduced.
    hero = comic.cast[0]
    assert hero.role == "protagonist"
    assert sum(hero.name in p.characters for p in comic.panels) >= 6
    drawn = {scene_for(p.background).setting for p in comic.panels}
    missing = {s for s in settings if not any(s in d for d in drawn)}
    assert not missing, (missing, drawn)


def _companion(cast: list[CharacterProfile], word: str) -> CharacterProfile:
    return next(c for c in cast if word in about(c))


async def test_the_companion_works_beside_the_hero() -> None:
    comic = await make("a grandmother and her grandson bake bread for the village fair")
    grandson = _companion(comic.cast, "grandson")
    together = [p for p in comic.panels if grandson.name in p.characters and comic.cast[0].name in p.characters]
    assert len(together) >= 4


# Prompts that are not everyday tasks keep their own tales: a conflict, a quest, a contest, a mystery.
NOT_TASKS = [
    "a lonely robot tends a garden on Mars",
    "a knight fights a dragon",
    "a chef cooks a feast for the king",  # a banquet: a contest with a rival chef
    "a pirate captain searches for a sunken treasure",
    "a detective solves a mystery on the train",
    "a chef explores a haunted castle",
    "A weary pirate captain sails her leaking galleon across the Sapphire Sea",
]


@pytest.mark.parametrize("prompt", NOT_TASKS)
def test_a_conflict_or_a_quest_is_not_an_everyday_task(prompt: str) -> None:
    assert task_of(plan_story(prompt)) is None


async def test_the_same_prompt_gives_the_same_task_story() -> None:
    prompt = "two sisters build a treehouse"
    assert (await make(prompt)).text == (await make(prompt)).text


# The task's result is what its panel shows: the sentence opens with it, so the panel's background keeps it (a
# background keeps a sentence's first clause: "could hardly believe their eyes: the bread ..." lost the bread).
RESULTS = [
    ("a grandmother and her grandson bake bread for the village fair", "the bread stood cooling on the windowsill"),
    ("two sisters build a treehouse", "the treehouse stood finished"),
    ("a clockmaker repairs the town clock", "the town clock ticked again"),
    ("kids put on a puppet show", "ready for the puppet show"),
    ("two friends go camping in the woods", "outside the tent"),
]


@pytest.mark.parametrize(("prompt", "shown"), RESULTS)
async def test_the_result_panel_shows_the_result(prompt: str, shown: str) -> None:
    comic = await make(prompt)
    result = comic.panels[7]
    assert shown in result.background, result.background


# A plural subject at peace is more than one person: "kids put on a show" is two kids at least, each in the cast.
SEVERAL = [
    ("kids put on a puppet show", "kid"),
    ("three friends build a raft", "friend"),
    ("the children build a snowman", "child"),
    ("two sisters build a treehouse", "sister"),
]


@pytest.mark.parametrize(("prompt", "noun"), SEVERAL)
async def test_several_people_of_a_plural_subject_are_cast(prompt: str, noun: str) -> None:
    comic = await make(prompt)
    assert sum(noun in about(c) for c in comic.cast) >= 2, [about(c) for c in comic.cast]
    assert task_of(plan_story(prompt)) is not None
