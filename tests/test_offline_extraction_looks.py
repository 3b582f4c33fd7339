"""A cast read from a story the offline storyteller did not write (an LLM's, a user's own) is told apart at a glance:
no two of its people wear coats that read as one colour (looks.alike), the colours the text names are theirs, the
hair, beard, glasses and hats it gives them are drawn, and a story edited in one line repaints no one else."""

import itertools
import uuid

import pytest

from domain.character import Character
from domain.drafts import CharacterProfile
from providers.offline.cast_colours import Person, cast_palettes
from providers.offline.drawing.features import _HAIR_COLOURS, sex
from providers.offline.drawing.humanoids import HumanLook
from providers.offline.drawing.sheets import _look, _profile_text, drawn_as
from providers.offline.lexicon import COLOURS
from providers.offline.looks import alike, colour_read
from providers.offline.storyteller import _character_extraction
from providers.offline.told import told_looks, worn_colours
from tests.offline_story_casts import STORIES, Story

BY_KEY = {story.key: story for story in STORIES}


def cast(text: str) -> list[CharacterProfile]:
    return _character_extraction(text).items


def drawn(text: str) -> dict[str, tuple[Character, HumanLook]]:
    """The story's people as their sheets draw them, by name."""
    characters = [Character(id=uuid.uuid4(), **p.model_dump()) for p in cast(text)]
    return {c.name: (c, _look(c)) for c in characters if drawn_as(c) == "person"}


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.key)
def test_no_two_people_of_a_story_wear_coats_of_one_colour(story: Story) -> None:
    people = drawn(story.text)
    assert len(people) >= 3, list(people)
    for (one, (_, a)), (other, (_, b)) in itertools.combinations(people.items(), 2):
        assert not alike(a.top, b.top), (story.key, one, a.top, other, b.top)


TOLD = [(story, name, told) for story in STORIES for name, told in story.people.items()]


@pytest.mark.parametrize(("story", "name", "told"), TOLD, ids=[f"{s.key}-{n}" for s, n, _ in TOLD])
def test_the_colours_and_looks_the_text_gives_a_person_are_drawn(story: Story, name: str, told: object) -> None:
    people = drawn(story.text)
    assert name in people, (story.key, list(people))
    character, look = people[name]
    colours = told.colours
    if colours:  # the first colour told is the coat's, and every one is in the palette
        assert character.color_palette[0] == COLOURS[colours[0]], (character.color_palette, colours)
        assert all(COLOURS[c] in character.color_palette for c in colours), (character.color_palette, colours)
    for said in told.looks:
        noun = said.split()[-1]
        if noun in ("beard", "spectacles", "glasses"):
            assert look.beard if noun == "beard" else look.glasses, (said, character.visual_form)
        if noun in ("hat", "cap"):
            assert look.hat is not None, (said, character.visual_form)
        if noun in ("hair", "beard"):
            assert look.hair == _HAIR_COLOURS[said.split()[0]], (said, look.hair, character.visual_form)


# One line of a story edited (a colour given, a line reworded): [story, the line's old words, its new words, who].
EDITS = [
    ("lantern-thief", "Ansel Brun, the baker, was counting coins", "Ansel Brun, the baker, was counting his coins", ""),
    ("detectives", "Felix twisted his cap", "Felix twisted his green cap", "Felix Moreau"),
    ("station", "watering the tomato vines", "in a yellow jumpsuit, watering the tomato vines", "Lio Ferrante"),
    ("band", "Otto counted them in.", "Otto, in a red shirt, counted them in.", "Otto Kray"),
    (
        "heist",
        "There was Benny Sato, the safecracker,",
        "There was Benny Sato, the safecracker in a blue vest,",
        "Benny Sato",
    ),
    ("foret", "Aubert examina l'écorce en silence.", "Aubert examina l'écorce sans un mot.", ""),
    (
        "mercado",
        "Rafael escuchó toda la historia.",
        "Rafael, con su abrigo verde, escuchó la historia.",
        "Rafael Ortega",
    ),
]


@pytest.mark.parametrize(("key", "old", "new", "who"), EDITS, ids=[e[0] for e in EDITS])
def test_a_story_edited_in_one_line_keeps_the_others_palettes(key: str, old: str, new: str, who: str) -> None:
    text = BY_KEY[key].text
    assert old in text
    before = {p.name: p.color_palette for p in cast(text)}
    after = {p.name: p.color_palette for p in cast(text.replace(old, new, 1))}
    assert set(before) == set(after)
    changed = {name for name in before if before[name] != after[name]} - {who}
    if not who:  # a line reworded: no one is repainted
        assert not changed, (key, changed)
        return
    colour = next(c for w in new.lower().replace(",", " ").split() if (c := colour_read(w, key in ("mercado",))))
    assert after[who][0] == COLOURS[colour], (who, after[who])  # the colour the edit gives is the coat
    # Repainted only: whom the new coat clashes with, or one who was already moved off a clash (wearing another
    # coat than their name's hash colour), and one or two at most.
    for name in changed:
        clashes = alike(_rgb(before[name][0]), _rgb(after[who][0]))
        assert clashes or before[name][0] != _hashed(name), (key, name, before[name], after[name])
    assert len(changed) <= 2, (key, changed)


def _rgb(hex_: str) -> tuple[int, int, int]:
    return (int(hex_[1:3], 16), int(hex_[3:5], 16), int(hex_[5:7], 16))


def _hashed(name: str) -> str:
    return cast_palettes([Person(name, 0, ())])[name][0]


def test_the_same_story_always_gives_the_same_palettes() -> None:
    for story in STORIES:
        assert [p.color_palette for p in cast(story.text)] == [p.color_palette for p in cast(story.text)]


def test_a_name_s_hash_colour_is_kept_unless_it_clashes_and_then_moves_apart_from_every_coat() -> None:
    alone = cast_palettes([Person("Ansel Brun", 10, ())])["Ansel Brun"]
    assert alone == cast_palettes([Person("Ansel Brun", 10, ()), Person("Mira", 0, ("#c0392b",))])["Ansel Brun"]
    # A named coat of the hash colour's own hue takes it: the uncoloured one moves, the named one stays.
    clash = cast_palettes([Person("Ansel Brun", 10, ()), Person("Mira", 0, (alone[0],))])
    assert clash["Mira"][0] == alone[0] and clash["Ansel Brun"][0] != alone[0]
    assert not alike(_rgb(clash["Mira"][0]), _rgb(clash["Ansel Brun"][0]))
    # A thing or a creature keeps its name's colours: no one takes it for a person.
    thing = cast_palettes([Person("Ironsong", 10, (), apart=False), Person("Mira", 0, (alone[0],))])
    assert thing["Ironsong"] == cast_palettes([Person("Ironsong", 0, (), apart=False)])["Ironsong"]


@pytest.mark.parametrize(
    ("text", "foreign", "colours", "looks"),
    [
        ("a retired sailor with a grey beard and a blue wool coat", False, ["blue"], ["a grey beard"]),
        ("a freckled red-haired girl in a yellow raincoat", False, ["yellow"], ["red hair"]),
        ("a fat man with a red face and a captain's cap", False, [], ["a cap"]),
        ("He wore wire-rimmed spectacles and a green felt hat", False, ["green"], ["spectacles", "a green hat"]),
        ("without his glasses, in a black coat", False, ["black"], []),
        ("Rosa Quint, in a maroon dress", False, ["crimson"], []),
        ("whites and greens", False, [], []),
        ("un vieux pêcheur à la barbe grise et au tablier blanc", True, ["white"], ["a grey beard"]),
        ("un géant aux cheveux roux, avec des bottes vertes", True, ["green"], ["red hair"]),
        ("un viejo con un sombrero blanco y una barba blanca", True, ["white"], ["a white hat", "a white beard"]),
        ("una mujer de pelo negro y ojos verdes que vendía naranjas", True, [], ["black hair"]),
        ("un fotógrafo con gafas, sin sombrero", True, [], ["glasses"]),
    ],
)
def test_a_text_s_worn_colours_and_looks(text: str, foreign: bool, colours: list[str], looks: list[str]) -> None:
    assert worn_colours(text, foreign) == [COLOURS[c] for c in colours]
    assert told_looks(text, foreign) == looks


# Stories that name their people as LLMs do; each one's cast must hold these names and none of those.
NAMED = [
    (  # "Lane" ends place names ("Gull Lane"), but a Sofia Lane who speaks is someone
        'The bride, Sofia Lane, was nervous. "Where is Marco?" Sofia asked.\n\nMarco Diaz was stuck in traffic. '
        '"Drive faster," Marco said. At the church, the priest, Father Anselm, checked his watch.',
        {"Sofia Lane", "Marco Diaz", "Father Anselm"},
        set(),
    ),
    (  # a titled name mentioned once, at the start of its sentence; a trade set off by commas before a name
        "The crew had been at sea for forty days. Captain Elena Sorvino paced the deck in her navy coat.\n\n"
        '"Land," called the lookout, a boy named Finch. Below deck, the cook, Mama Ruth, laughed.',
        {"Captain Elena Sorvino", "Finch", "Mama Ruth"},
        set(),
    ),
    (  # two Ashbys: the one a sentence opens with is Nell, whom the text also calls Nell
        "Nell Ashby climbed the orchard wall.\n\nHer grandfather, Walter Ashby, tended the trees. "
        '"Bought it?" Nell cried. Walter said nothing.',
        {"Nell Ashby", "Walter Ashby"},
        {"Ashby"},
    ),
    (  # a sentence's first word after a quote and a paragraph break is no name ("En el mercado ...")
        "Jaskaom vivía en Highcairn. « Me buscará a mí, » dijo Jaskaom.\n\nEn el mercado de Highcairn, "
        "Jaskaom compró pan. En Highcairn todavía se contaba una vieja historia.",
        {"Jaskaom"},
        {"En Highcairn", "En"},
    ),
]


@pytest.mark.parametrize(("text", "present", "absent"), NAMED, ids=["lane", "titled", "ashbys", "en"])
def test_the_people_a_story_names_are_its_cast(text: str, present: set[str], absent: set[str]) -> None:
    names = {p.name for p in cast(text)}
    assert present <= names, names
    assert not absent & names, names


# A tale's man or woman the drawing, which reads English, is told of: [story, name, its sex()].
SEXES = [
    ("cuisine", "Monsieur Delacroix", "m"),  # "un vieil homme à lunettes": not drawn with a bun
    ("boulangerie", "Bastien Faure", "m"),  # "un géant aux cheveux roux"
    ("pescadora", "Marisa Vento", "f"),  # "una mujer de abrigo rojo"
    ("caravana", "Omar Saleh", "m"),  # "un hombre de barba negra"
]


@pytest.mark.parametrize(("key", "name", "who"), SEXES, ids=[s[1] for s in SEXES])
def test_a_tale_s_man_or_woman_is_drawn_as_one(key: str, name: str, who: str) -> None:
    character, _ = drawn(BY_KEY[key].text)[name]
    assert sex(character.name, _profile_text(character)) == who, character.visual_form
