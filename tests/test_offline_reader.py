"""The reader reads what a person looks like, and nothing else: no built name is a look word the drawing would draw
("Beard Greyworth" grew a beard), a person's markers are the phrases describing them (not the mentor's "old horn"
near their name, nor the "fleet of ships" a pirate lord is with), an ally's hair is as the plan's pronoun for them
says (the story calls them he or she outside speech), what the prompt gives its hero "with" (an umbrella, a
moustache) is drawn on them, and no panel background says its place twice ("Under the sea, under the sea")."""

import random
import re

import pytest

from domain.character import Character
from providers.offline.data import load
from providers.offline.drawing.features import BALD, SHORT
from providers.offline.drawing.humanoids import human_look
from providers.offline.drawing.sheets import _look, _profile_text
from providers.offline.lexicon import PLACE_BIOMES, TITLES
from providers.offline.mentions import Story
from providers.offline.names import NameMaker
from providers.offline.panels import BIOME_PHRASES, _background
from providers.offline.plan import plan_story
from providers.offline.profiles import character_profiles
from providers.offline.pronouns import with_pronoun
from tests.offline_cases import characters

_LOOKS = load("looks")
# Words the drawing reads a look from: hats, props, hair and face, and the marker keywords.
LOOK_WORDS = {w for table in ("hats", "props") for kws in _LOOKS[table].values() for kw in kws for w in kw.split()}
LOOK_WORDS |= set(
    "beard bearded moustache mustache whiskers hair braid plait ponytail bun curls scar scars mask hood cloak cape "
    "horn horns wings tail crest antlers eyepatch patch umbrella coin chain spyglass".split()
)

PEOPLE = [
    "a girl",
    "a boy",
    "an old fisherman",
    "a young witch",
    "a knight",
    "a baker",
    "a detective",
    "a sailor",
    "a lighthouse keeper",
    "a princess",
    "a clockmaker",
    "a chef",
    "a scientist",
    "an astronaut",
    "a farmer",
]
DEEDS = ["befriends a sea monster", "searches for a lost crown", "solves a mystery on the train", "races a dragon",
         "explores a haunted castle", "wins a baking contest", "sails to a hidden island", "finds a map in the desert",
         "defeats an evil sorcerer", "journeys under the sea", "climbs a frozen mountain", "enters a chess tournament",
         "discovers a secret on Mars", "protects the village from a storm"]  # fmt: skip
PROMPTS = [f"{PEOPLE[i % len(PEOPLE)]} {DEEDS[(i * 5) % len(DEEDS)]}" for i in range(42)]


async def cast(prompt: str) -> list[Character]:
    return await characters(prompt)


def _look_words_in(name: str) -> set[str]:
    """The look words of a name but its title ("Captain" is meant to give a captain's hat)."""
    words = re.split(r"[\s-]+", name.lower())
    return {w for w in words[1:] if w in LOOK_WORDS} | ({words[0]} & LOOK_WORDS - TITLES)


def test_no_built_name_is_a_look_word() -> None:
    """Every biome's names over many draws ("Bea" + "ard" was "Beard")."""
    bad = set()
    for biome in load("names")["biomes"]:
        for seed in range(120):
            maker = NameMaker(biome, random.Random(seed))
            names = [maker.person(g)[0] for g in "mfmf"]
            names += [maker.titled("villain")[0], maker.titled("mentor")[0], maker.creature(), maker.thing()]
            bad |= {n for n in names if _look_words_in(n)}
    assert not bad, sorted(bad)[:10]


async def test_no_comic_s_cast_is_named_by_a_look_word() -> None:
    bad = [(p, c.name) for p in PROMPTS for c in await cast(p) if _look_words_in(c.name)]
    assert not bad, bad[:10]


# (story, whose, markers they must have, words no marker of theirs may have)
MARKERS = [
    ("In the high pass there lived Solum Crag, a quiet shepherd in a grey coat, with a lucky copper coin on a chain. "
     "Old Bjora Frost, a retired guide, waited by the fire. She pressed an old horn bound in copper into Solum's "
     "hands. At the rope bridge, at first light, Solum crossed the swaying bridge, with an old horn bound in copper "
     "in his pocket. Solum blew the copper-bound horn.",
     "Solum Crag", ["a lucky copper coin on a chain"], ["horn"]),
    ("Admiral Ilyus Reefley, a pirate lord with a fleet of black-sailed ships in a crimson velvet cloak, with rings "
     "on every finger, sneered at the harbour. Reefley laughed.",
     "Admiral Ilyus Reefley", ["a crimson velvet cloak", "rings on every finger"], ["fleet", "ships", "with "]),
    ("Captain Vask Morrow, a one-eyed pirate in a black coat, laughed at the storm. Vask drew his sword.",
     "Captain Vask Morrow", ["one-eyed"], []),
    ("Grendlow, an ancient sea monster, rose from the waves. Grendlow spread its great wings over the bay.",
     "Grendlow", ["wings"], []),
    ("Mira Quill, a stubborn keeper in a crimson coat, climbed the stairs. Mira had a scar across her cheek.",
     "Mira Quill", ["a scar across her cheek"], []),
    ("Tamsin Reed, a young witch in a violet robe, walked to the tower. Tamsin found a mask on the floor of the tower. "
     "Tamsin carried the lantern.",
     "Tamsin Reed", ["the lantern"], ["mask"]),
]  # fmt: skip


@pytest.mark.parametrize(("story", "whose", "has", "not_in"), MARKERS)
def test_markers_are_the_person_s_own(story: str, whose: str, has: list[str], not_in: list[str]) -> None:
    person = next(p for p in character_profiles(story) if p.name == whose)
    markers = person.distinctive_markers
    assert all(m in markers for m in has), markers
    assert not [m for m in markers for word in not_in if word in m.lower()], markers


_SAYS_HAIR = ("hair", "braid", "bun", "bald", "ponytail", "curls", "plait", "locks")


@pytest.mark.parametrize("role", ["ally", "mentor"])
async def test_an_ally_s_and_a_mentor_s_hair_is_as_the_plan_s_pronoun_for_them(role: str) -> None:
    """The ally and the mentor are called he or she in the narration (their introduction: "in her yellow coat", "in
    his faded teal coat"), so the drawing crops a man's hair and lets a woman's fall or be put up, as it does for the
    hero and the villain."""
    wrong, checked = [], 0
    for prompt in PROMPTS:
        ally = getattr(plan_story(prompt), role)
        if ally.subj not in ("he", "she"):
            continue
        person = next((c for c in await cast(prompt) if c.name == ally.full), None)
        if person is None or person.character_type != "humanoid":
            continue
        if any(word in _profile_text(person).lower() for word in _SAYS_HAIR):
            continue
        look = _look(person)
        if look.robot:
            continue
        checked += 1
        if (ally.subj == "he") != (look.hair_style in (SHORT, BALD)):
            wrong.append((prompt, person.name, ally.subj, look.hair_style))
    assert checked >= 25
    assert not wrong, f"{len(wrong)} of {checked}: {wrong[:6]}"


async def test_a_prompt_given_umbrella_is_the_hero_s_and_drawn() -> None:
    people = await cast("a boy with a blue umbrella walks through a rainy city")
    hero = next(c for c in people if c.role == "protagonist")
    look = _look(hero)
    assert look.prop == "umbrella", (hero.distinctive_markers, look.prop)
    assert look.prop_colour is not None and look.prop_colour[2] > look.prop_colour[0] + 80  # blue
    assert not [c.name for c in people if c.character_type == "object" and "umbrella" in _profile_text(c).lower()]


# (prompt, what the hero's drawn look has)
HELD = [
    ("a man with a moustache opens a bakery", lambda lk: lk.moustache and not lk.beard),
    ("a detective with a moustache solves a mystery on the train", lambda lk: lk.moustache and not lk.beard),
    ("a wizard with a beard guards a tower", lambda lk: lk.beard and not lk.moustache),
    ("a girl with a red umbrella meets a fox", lambda lk: lk.prop == "umbrella"),
    ("a sailor with a spyglass on a cord hunts a whale", lambda lk: lk.prop == "spyglass"),
    ("a girl with a coin on a chain finds a door", lambda lk: lk.prop == "pendant"),
]


@pytest.mark.parametrize(("prompt", "drawn"), HELD)
async def test_what_the_prompt_gives_its_hero_is_drawn(prompt: str, drawn) -> None:
    hero = next(c for c in await cast(prompt) if c.role == "protagonist")
    look = _look(hero)
    assert drawn(look), (prompt, hero.brief, look)


_UNDERSEA = (BIOME_PHRASES["undersea"], frozenset(w for w, b in PLACE_BIOMES.items() if b == "undersea"))
_TWICE_RE = re.compile(r"\b(\w+(?: \w+){1,5})\b[ ,]+\1\b")


@pytest.mark.parametrize(
    "beat",
    [
        "Under the sea, among the crowds at the shell market of Deepholm, the next morning, the news was on every "
        "tongue.",
        "Under the sea, the next morning, the news was on every tongue.",
        "Far under the sea, in the sunken galleon, Hesper was waiting.",
    ],
)
def test_no_background_says_its_place_twice(beat: str) -> None:
    background, _ = _background(beat, "", _UNDERSEA)
    scene = background.split(":")[0].lower()
    assert not _TWICE_RE.search(scene), background
    assert scene.count("under the sea") == 1, background


async def test_no_comic_s_background_says_its_place_twice() -> None:
    from benchmarks.offline_render import _comic

    twice = []
    for prompt in [*PROMPTS[:12], "a mermaid searches for her lost sister", "a diver journeys under the sea"]:
        _, panels = await _comic(prompt)
        twice += [p.background for p in panels if _TWICE_RE.search(p.background.split(":")[0].lower())]
    assert not twice, twice[:4]


def test_a_brief_takes_a_pronoun_sentence_that_gives_no_new_look() -> None:
    """A mentor named only ("Old Dagric Stonecrest, a retired guide") is called he in a sentence that has only the
    looks the brief has ("old"): it is kept, so the drawing knows him a man; one giving a new look (a hat) is not."""
    text = (
        "Old Dagric Stonecrest, a retired guide with hands like old roots, waited by the fire. "
        '"This time, it is you." He pressed an old horn into Siga\'s hands. He put on a red hat.'
    )
    story = Story(text)
    brief = "Old Dagric Stonecrest, a retired guide with hands like old roots."
    he = [m.start() for m in re.finditer(r"\bHe\b", text)]
    assert with_pronoun(brief, he, story, 240).endswith("He pressed an old horn into Siga's hands.")
    assert "hat" not in with_pronoun(brief, he[1:], story, 240)


@pytest.mark.parametrize(
    ("text", "prop"),
    [
        ("a restless fisherman, with a satchel full of hand-drawn maps", "satchel"),
        ("a keeper with a lantern and a book", "lantern"),
        ("a careful boy in a green raincoat, with a blue umbrella", "umbrella"),
        ("a quiet girl, with a lucky copper coin on a chain", "pendant"),
    ],
)
def test_the_prop_is_the_one_the_words_name_first(text: str, prop: str) -> None:
    """'a satchel full of maps' is a satchel (it was a book: the table's book came before its satchel)."""
    assert human_look("Ada Quill", [(10, 20, 30)] * 3, text, "calm").prop == prop


def test_no_title_calls_a_woman_a_man_s_word() -> None:
    """A she-villain was 'Jarl Ulfa', and the drawing, which counts a title thrice, drew her as a man."""
    sexes = load("looks")["sex_words"]
    words = {"m": set(sexes["m"].split()), "f": set(sexes["f"].split())}
    wrong = [
        (biome, title)
        for biome, table in load("names")["biomes"].items()
        for kind in ("villain_titles", "mentor_titles")
        for title in table.get(kind, [])
        if title.split()[0].split(":")[0].lower() in words["m" if title.endswith(":f") else "f"]
    ]
    assert not wrong, wrong
